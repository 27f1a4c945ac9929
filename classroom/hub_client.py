"""A small client for the class server, and a throw-away class for tests and benchmarks.

* :class:`Student` — logs in through the login page like a browser, gets an API token, starts
  the server, waits until it is ready, and runs code in a kernel through the Jupyter Server
  REST API + kernel websocket (the same way JupyterLab does).
* :class:`TemporaryClass` — starts a hub on loopback with its own group, home folder base,
  state folder and free ports; on exit stops the hub, ends the processes of the accounts it
  created (by process id), deletes those accounts, the group and the folders.

Used by ``tests/test_classroom.py`` and ``benchmarks/bench_classroom.py``; needs root.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests

HERE = Path(__file__).resolve().parent
KIT = HERE.parent
CLASS_PYTHON = HERE / ".venv" / "bin" / "python"


class Student:
    """One person in a browser: cookies, then a token for the REST calls."""

    def __init__(self, base_url: str, name: str, password: str) -> None:
        self.base = base_url.rstrip("/")
        self.name = name
        self.password = password
        self.web = requests.Session()
        self.token: str | None = None

    # -- the hub --------------------------------------------------------------------------
    def login(self, *, password: str | None = None, name: str | None = None) -> requests.Response:
        """Post the login form; returns the final page (the error page stays on /hub/login)."""
        self.web.get(f"{self.base}/hub/login", timeout=30)
        xsrf = self.web.cookies.get("_xsrf", "")
        return self.web.post(f"{self.base}/hub/login?_xsrf={xsrf}", timeout=60,
                             data={"username": name or self.name,
                                   "password": password or self.password, "_xsrf": xsrf},
                             allow_redirects=False)

    def get_token(self) -> str:
        xsrf = self.web.cookies.get("_xsrf", "")
        r = self.web.post(f"{self.base}/hub/api/users/{self.name}/tokens", timeout=30,
                          headers={"X-XSRFToken": xsrf, "Referer": f"{self.base}/hub/"},
                          json={"note": "hub_client", "expires_in": 3600})
        r.raise_for_status()
        self.token = r.json()["token"]
        return self.token

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"token {self.token}"}

    def api(self, method: str, path: str, **kw) -> requests.Response:
        kw.setdefault("timeout", 60)
        return requests.request(method, f"{self.base}{path}", headers=self.auth, **kw)

    def start_server(self, *, timeout: float = 180) -> float:
        """Ask the hub to start this student's server; wait until ready; return seconds."""
        t0 = time.monotonic()
        r = self.api("POST", f"/hub/api/users/{self.name}/server")
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"{self.name}: start refused {r.status_code}: {r.text[:300]}")
        while time.monotonic() - t0 < timeout:
            info = self.api("GET", f"/hub/api/users/{self.name}").json()
            server = (info.get("servers") or {}).get("")
            if server and server.get("ready"):
                return time.monotonic() - t0
            if server is None and info.get("pending") is None and time.monotonic() - t0 > 5:
                raise RuntimeError(f"{self.name}: the server stopped while starting")
            time.sleep(0.5)
        raise TimeoutError(f"{self.name}: server not ready after {timeout:.0f} s")

    # -- the student's own server ---------------------------------------------------------
    def server(self, method: str, path: str, *, user: str | None = None, **kw) -> requests.Response:
        return self.api(method, f"/user/{user or self.name}{path}", **kw)

    def run(self, code: str | list[str], *, timeout: float = 120, path: str = "") -> list[dict]:
        """Run code (one cell or a list of cells) in a new kernel; return one result per cell.

        Each result: ``{"status": "ok"|"error", "text": all text output, "error": ename}``.
        """
        import websocket

        cells = [code] if isinstance(code, str) else list(code)
        r = self.server("POST", "/api/kernels", json={"name": "python3", "path": path})
        r.raise_for_status()
        kid = r.json()["id"]
        ws_url = self.base.replace("http", "ws", 1) + f"/user/{self.name}/api/kernels/{kid}/channels"
        ws = websocket.create_connection(ws_url, header=[f"Authorization: token {self.token}"],
                                         timeout=timeout)
        results = []
        try:
            deadline = time.monotonic() + timeout
            for cell in cells:
                msg_id = uuid.uuid4().hex
                ws.send(json.dumps({
                    "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.name,
                               "session": uuid.uuid4().hex, "version": "5.3"},
                    "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                    "content": {"code": cell, "silent": False, "store_history": False,
                                "user_expressions": {}, "allow_stdin": False,
                                "stop_on_error": True}}))
                text, status, ename, idle, replied = [], "ok", None, False, False
                while not (idle and replied):
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"{self.name}: cell did not finish in {timeout:.0f} s")
                    ws.settimeout(max(1.0, deadline - time.monotonic()))
                    m = json.loads(ws.recv())
                    if m.get("parent_header", {}).get("msg_id") != msg_id:
                        continue
                    kind, content = m["header"]["msg_type"], m["content"]
                    if kind == "stream":
                        text.append(content["text"])
                    elif kind in ("execute_result", "display_data"):
                        text.append(content["data"].get("text/plain", ""))
                    elif kind == "error":
                        status, ename = "error", content["ename"]
                        text.append(f"{content['ename']}: {content['evalue']}")
                    elif kind == "execute_reply":
                        replied = True
                        if content.get("status") != "ok":
                            status = "error"
                            ename = ename or content.get("ename")
                    elif kind == "status" and content["execution_state"] == "idle":
                        idle = True
                results.append({"status": status, "text": "".join(text), "error": ename})
                if status == "error":
                    break
        finally:
            ws.close()
            self.server("DELETE", f"/api/kernels/{kid}")
        return results


def free_port_block(n: int = 3) -> int:
    """A port p such that p … p+n-1 are free on 127.0.0.1."""
    for _ in range(200):
        p = secrets.randbelow(20000) + 30000
        ok = True
        for q in range(p, p + n):
            with socket.socket() as s:
                try:
                    s.bind(("127.0.0.1", q))
                except OSError:
                    ok = False
                    break
        if ok:
            return p
    raise RuntimeError("no free ports")


class TemporaryClass:
    """A hub on 127.0.0.1 with its own accounts; everything it made is removed on exit."""

    def __init__(self, *, prefix: str | None = None, idle_minutes: int = 60,
                 mem_limit_gb: float = 3, collect_seconds: float = 60,
                 log: Path | None = None) -> None:
        self.prefix = prefix or f"ckt{secrets.token_hex(2)}"
        self.group = f"{self.prefix}-grp"
        self.trainer = f"{self.prefix}-trainer"
        self.root = Path(tempfile.mkdtemp(prefix=f"{self.prefix}-"))
        os.chmod(self.root, 0o755)
        self.homes = self.root / "homes"
        self.state = self.root / "state"
        self.homes.mkdir()
        self.port = free_port_block(1)
        self.api_port = free_port_block(2)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log or self.root / "hub.log"
        self.idle_minutes, self.mem_limit_gb = idle_minutes, mem_limit_gb
        self.collect_seconds = collect_seconds
        self.proc: subprocess.Popen | None = None

    def name(self, i: int) -> str:
        return f"{self.prefix}-s{i}"

    def home(self, name: str) -> Path:
        return self.homes / name

    def __enter__(self) -> TemporaryClass:
        env = dict(os.environ, COURSEKIT_HUB_HOMES=str(self.homes),
                   COURSEKIT_STUDENT_GROUP=self.group,
                   COURSEKIT_IDLE_MINUTES=str(self.idle_minutes),
                   COURSEKIT_MEM_LIMIT_GB=str(self.mem_limit_gb),
                   COURSEKIT_COLLECT_SECONDS=str(self.collect_seconds))
        env.pop("COURSEKIT_PROGRESS", None)
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in __exit__
        self.proc = subprocess.Popen(
            [str(CLASS_PYTHON), str(HERE / "run_hub.py"), "--ip", "127.0.0.1",
             "--port", str(self.port), "--api-port", str(self.api_port),
             "--state", str(self.state), "--trainer", self.trainer],
            stdout=self._log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
        try:
            deadline = time.monotonic() + 90
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"the hub stopped (exit {self.proc.returncode}):\n"
                                       + self.log_path.read_text()[-3000:])
                try:
                    if requests.get(f"{self.url}/hub/api", timeout=2).ok:
                        return self
                except requests.RequestException:
                    pass
                time.sleep(0.5)
            raise TimeoutError("the hub did not answer in 90 s:\n" + self.log_path.read_text()[-3000:])
        except BaseException:
            self.__exit__(None, None, None)
            raise

    def trainer_password(self) -> str:
        return (self.state / "trainer-password.txt").read_text().strip()

    def accounts(self) -> list[str]:
        return sorted(u.pw_name for u in pwd.getpwall() if u.pw_name.startswith(self.prefix + "-"))

    def __exit__(self, *exc) -> None:
        if self.proc is not None and self.proc.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(OSError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)
        for name in self.accounts():  # the students' servers and kernels, by process id
            for sig in (signal.SIGTERM, signal.SIGKILL):
                pids = subprocess.run(["ps", "-u", name, "-o", "pid="], capture_output=True,
                                      text=True).stdout.split()
                for pid in pids:
                    with contextlib.suppress(OSError):
                        os.kill(int(pid), sig)
                if pids:
                    time.sleep(1)
            subprocess.run(["userdel", name], capture_output=True)
        subprocess.run(["groupdel", self.group], capture_output=True)
        if hasattr(self, "_log"):
            self._log.close()
        shutil.rmtree(self.root, ignore_errors=True)


def can_run() -> str | None:
    """Why the hub cannot run here (``None`` when it can)."""
    if sys.platform != "linux":
        return "the class server runs on Linux only"
    if os.geteuid() != 0:
        return "needs root (the hub runs each student's server as that student's own account)"
    if shutil.which("node") is None:
        return "Node.js is not installed (apt-get install -y nodejs npm)"
    if not (HERE / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        return "the proxy is not installed: run `make classroom-env`"
    if not CLASS_PYTHON.exists():
        return "the class server environment is missing: run `make classroom-env`"
    if shutil.which("useradd") is None:
        return "useradd is missing (package passwd)"
    return None
