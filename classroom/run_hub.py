"""Start the class server: check what it needs, print the URL and the trainer's first steps.

Usage (``make classroom`` runs this as root)::

    .venv/bin/python classroom/run_hub.py [--ip 0.0.0.0] [--port 8000] [--check]

Every problem found before the start is said in plain words with what to do, and the hub is
not started: not root, the proxy or Node missing, a port in use, the kit not readable by the
students' accounts.
"""

from __future__ import annotations

import argparse
import dbm
import os
import secrets
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
KIT = HERE.parent
PROXY = HERE / "node_modules" / ".bin" / "configurable-http-proxy"


def port_free(ip: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip, port))
        except OSError:
            return False
    return True


def unreadable_for_others(path: Path) -> Path | None:
    """The first folder on the way to ``path`` that other accounts cannot enter, if any."""
    for folder in [*reversed(path.resolve().parents), path.resolve()]:
        mode = folder.stat().st_mode
        if stat.S_ISDIR(mode) and not mode & stat.S_IXOTH:
            return folder
        if not stat.S_ISDIR(mode) and not mode & stat.S_IROTH:
            return folder
    return None


def problems(ip: str, port: int, api_port: int) -> list[str]:
    found = []
    if os.name != "posix" or os.geteuid() != 0:
        found.append("The class server must start as root, so that each student's server "
                     "can run as that student's own account: run `sudo make classroom`.")
    node = shutil.which("node")
    if not PROXY.exists():
        found.append(f"The proxy is missing ({PROXY.relative_to(KIT)}): run `make classroom` "
                     "(it installs it with `npm ci` in classroom/), or `cd classroom && npm ci`. "
                     "Node.js is needed: `apt-get install -y nodejs npm`.")
    elif node is None:
        found.append("Node.js is not installed, the proxy cannot run: `apt-get install -y nodejs npm`.")
    else:
        done = subprocess.run([str(PROXY), "--version"], capture_output=True, text=True)
        if done.returncode:
            found.append(f"The proxy does not start with this Node.js ({node}): "
                         f"{(done.stderr or done.stdout).strip()[:300]}")
    for what, p, where in (("students' address", port, ip), ("hub API", api_port, "127.0.0.1"),
                           ("proxy API", api_port + 1, "127.0.0.1")):
        if not port_free(where, p):
            found.append(f"Port {p} on {where} ({what}) is already in use — another class "
                         "server, or another program. Stop it, or choose other ports: "
                         f"`make classroom PORT={port + 10}` (API ports: HUB_API_PORT=).")
    for path in (Path(sys.executable), KIT / "exercises"):
        blocked = unreadable_for_others(path)
        if blocked is not None:
            found.append(f"Students' accounts cannot read {blocked} (needed for {path}): put "
                         "the kit in a folder everyone can read (e.g. /opt/coursekit) or "
                         f"`chmod o+rx {blocked}`.")
    return found


def trainer_password(state: Path, trainer: str) -> str | None:
    """Set a first password for the trainer (so no student can claim the name); say it once."""
    import bcrypt

    note = state / "trainer-password.txt"
    with dbm.open(str(state / "passwords.dbm"), "c", 0o600) as db:
        if db.get(trainer.encode()) is not None:
            return note.read_text().strip() if note.exists() else None
        password = secrets.token_urlsafe(9)
        db[trainer] = bcrypt.hashpw(password.encode(), bcrypt.gensalt())
    fd = os.open(note, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(password + "\n")
    return password


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Start the classroom JupyterHub.")
    p.add_argument("--ip", default=os.environ.get("COURSEKIT_HUB_IP", "127.0.0.1"),
                   help="address students open (0.0.0.0 = every network card); default 127.0.0.1")
    p.add_argument("--port", type=int, default=int(os.environ.get("COURSEKIT_HUB_PORT", "8000")))
    p.add_argument("--api-port", type=int,
                   default=int(os.environ.get("COURSEKIT_HUB_API_PORT", "8081")))
    p.add_argument("--state", default=os.environ.get("COURSEKIT_HUB_STATE", "/srv/coursekit-classroom"))
    p.add_argument("--trainer", default=os.environ.get("COURSEKIT_TRAINER", "trainer"))
    p.add_argument("--check", action="store_true", help="only check, do not start")
    a = p.parse_args(argv)
    found = problems(a.ip, a.port, a.api_port)
    for message in found:
        print(f"classroom: cannot start: {message}", file=sys.stderr)
    if found:
        return 2
    state = Path(a.state)
    state.mkdir(parents=True, exist_ok=True, mode=0o700)
    password = trainer_password(state, a.trainer)
    host = "127.0.0.1" if a.ip in ("0.0.0.0", "") else a.ip
    url = f"http://{host}:{a.port}/"
    every = ("   (listening on every network card: give students this machine's address)"
             if a.ip == "0.0.0.0" else "")
    print(f"""
Class server: {url}{every}

Trainer, first steps:
  1. Open {url} and log in as "{a.trainer}" with the password {password or '(set earlier)'}
     (kept in {state / 'trainer-password.txt'}); change it at {url}hub/auth/change-password.
  2. Students open the same address, type a name (lower-case letters, digits, - or _) and a
     password of 6+ characters: the first login creates their account; they keep that password.
  3. Each student gets ~/course/ with the chapter notebooks and the exercises (no solutions);
     their progress is saved in ~/.coursekit/progress.json.
  4. Admin panel: {url}hub/admin (see, start, stop students' servers; reset a password by
     deleting the user's account there — their files stay).
  5. Your own server has course/classroom/class-dashboard.ipynb: where the class is stuck.
     Or, as root: .venv/bin/python -m coursekit class-report {os.environ.get('COURSEKIT_HUB_HOMES', '/home')}/* --out report/
Stop the server with Ctrl+C. Servers idle for {os.environ.get('COURSEKIT_IDLE_MINUTES', '60')} min are stopped (work is kept).
""", flush=True)
    if a.check:
        return 0
    env = dict(os.environ, COURSEKIT_HUB_IP=a.ip, COURSEKIT_HUB_PORT=str(a.port),
               COURSEKIT_HUB_API_PORT=str(a.api_port), COURSEKIT_HUB_STATE=str(state),
               COURSEKIT_TRAINER=a.trainer)
    hub = Path(sys.executable).with_name("jupyterhub")
    os.chdir(state)
    os.execve(str(hub), [str(hub), "-f", str(HERE / "jupyterhub_config.py")], env)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
