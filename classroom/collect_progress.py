"""Copy each student's ``~/.coursekit/progress.json`` into one folder the trainer can read.

Runs as a JupyterHub service (as root, next to the hub). Each file is read *as its student*
(``subprocess`` with the student's uid), so a symbolic link in a home can only ever reveal what
that student could read anyway; it is then checked and written again (only the known fields)
into ``OUT/<student>.json``, owned by the trainer, mode 0600. Damaged files are left out and
named in the log. The dashboard reads ``OUT`` (``COURSEKIT_CLASS_DIR``).
"""

from __future__ import annotations

import argparse
import grp
import json
import os
import pwd
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from coursekit.exercises import progress_store as store  # noqa: E402

MAX_BYTES = 2_000_000


def students(homes: Path, group: str) -> list[pwd.struct_passwd]:
    try:
        gid = grp.getgrnam(group).gr_gid
    except KeyError:
        return []
    return sorted((u for u in pwd.getpwall() if u.pw_gid == gid
                   and Path(u.pw_dir).parent == homes), key=lambda u: u.pw_name)


def collect_once(homes: Path, group: str, out: Path, owner: str | None) -> int:
    out.mkdir(parents=True, exist_ok=True)
    os.chmod(out, 0o700)
    uid = pwd.getpwnam(owner).pw_uid if owner else 0
    if owner:
        os.chown(out, uid, -1)
    n = 0
    for u in students(homes, group):
        src = Path(u.pw_dir) / ".coursekit" / "progress.json"
        try:
            done = subprocess.run(["cat", "--", str(src)], user=u.pw_uid, group=u.pw_gid,
                                  extra_groups=[], capture_output=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired) as exc:
            print(f"collect: {u.pw_name}: {exc}", file=sys.stderr)
            continue
        if done.returncode or not done.stdout or len(done.stdout) > MAX_BYTES:
            continue  # no progress yet (or absurdly large)
        with tempfile.TemporaryDirectory() as tmp:
            raw = Path(tmp) / "progress.json"
            raw.write_bytes(done.stdout)
            try:
                questions = store.read_file(raw)
            except ValueError as exc:
                print(f"collect: {u.pw_name}: {str(exc).replace(str(raw), str(src))}",
                      file=sys.stderr)
                continue
        dest = out / f"{u.pw_name}.json"
        fd, tmpname = tempfile.mkstemp(dir=out, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"format": store.FORMAT, "version": store.VERSION,
                       "questions": questions}, fh, indent=1)
        os.chmod(tmpname, 0o600)
        if owner:
            os.chown(tmpname, uid, -1)
        os.replace(tmpname, dest)
        n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--homes", required=True, type=Path)
    p.add_argument("--group", required=True)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--owner", default=None, help="account that may read OUT (the trainer)")
    p.add_argument("--every", type=float, default=60.0, help="seconds between rounds")
    p.add_argument("--once", action="store_true", help="one round, then exit")
    a = p.parse_args(argv)
    while True:
        owner = a.owner
        try:
            pwd.getpwnam(owner) if owner else None
        except KeyError:
            owner = None  # the trainer has not logged in yet: root-only until then
        try:
            collect_once(a.homes, a.group, a.out, owner)
        except Exception as exc:  # noqa: BLE001 - a bad round must not stop the service
            print(f"collect: {type(exc).__name__}: {exc}", file=sys.stderr)
        if a.once:
            return 0
        time.sleep(a.every)


if __name__ == "__main__":
    sys.exit(main())
