"""The class server: a real JupyterHub on loopback with 5 students (system accounts made here).

The first tests need nothing special (name rules, pre-start checks). The hub test needs root,
Node.js, the proxy and the class environment (`make classroom-env`); it is skipped with the
reason otherwise. It removes every account, process and folder it made.
"""

from __future__ import annotations

import json
import pwd
import socket
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "classroom"))

import hub_client  # noqa: E402
import run_hub  # noqa: E402

N = 5


# -- no hub needed ---------------------------------------------------------------------------
def test_student_copy_never_includes_solutions():
    import start_student

    student = [str(rel) for _, rel in start_student.course_files(trainer=False)]
    trainer = [str(rel) for _, rel in start_student.course_files(trainer=True)]
    assert "exercises/00-start-here-exercises.ipynb" in student
    assert "notebooks/00-start-here.ipynb" in student
    assert not [p for p in student if "solutions" in p]
    assert any("solutions" in p for p in trainer)
    assert "classroom/class-dashboard.ipynb" in trainer


def test_copy_never_overwrites(tmp_path):
    import start_student

    first = start_student.copy_course(tmp_path, trainer=False)
    mine = tmp_path / "course" / "exercises" / "00-start-here-exercises.ipynb"
    mine.write_text("my work")
    again = start_student.copy_course(tmp_path, trainer=False)
    assert first and not again and mine.read_text() == "my work"
    assert (tmp_path / ".coursekit").is_dir()


def test_name_rules_say_what_is_wrong(tmp_path):
    from coursekit_hub import ClassroomAuthenticator

    auth = ClassroomAuthenticator(home_base=str(tmp_path), student_group="no-such-group-ck")
    assert "cannot be used as a name" in auth.name_problem("Anna Li")
    assert "cannot be used as a name" in auth.name_problem("../etc")
    assert "reserved" in auth.name_problem("root")
    assert "not a student account" in auth.name_problem("mail" if _exists("mail") else "sync")
    (tmp_path / "leftover").mkdir()
    assert "already exists" in auth.name_problem("leftover")
    assert auth.name_problem("anna-li2") is None


def _exists(name):
    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def test_port_in_use_and_missing_proxy_are_said_clearly(monkeypatch):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        found = run_hub.problems("127.0.0.1", port, hub_client.free_port_block(2))
    assert any(f"Port {port} on 127.0.0.1" in m and "already in use" in m for m in found)
    monkeypatch.setattr(run_hub, "PROXY", ROOT / "classroom" / "no-such-proxy")
    found = run_hub.problems("127.0.0.1", hub_client.free_port_block(1), hub_client.free_port_block(2))
    assert any("proxy is missing" in m and "npm ci" in m for m in found)


def test_run_hub_refuses_to_start_with_a_clear_message(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run([sys.executable, str(ROOT / "classroom" / "run_hub.py"), "--port",
                               str(port), "--state", str(tmp_path / "s"), "--check"],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "cannot start" in done.stderr and "already in use" in done.stderr
    assert not (tmp_path / "s").exists()


# -- the real hub ----------------------------------------------------------------------------
REASON = hub_client.can_run()


@pytest.fixture(scope="module")
def klass():
    if REASON:
        pytest.skip(f"class server test skipped: {REASON}")
    with hub_client.TemporaryClass(idle_minutes=30, collect_seconds=3) as k:
        yield k
    assert not k.root.exists()
    assert not k.accounts()


def _log(k):
    return k.log_path.read_text() if k.log_path.exists() else ""


CELL_CHECK = """
import os
from coursekit.exercises import ch00
ch00.q1.check(ch00.q1.expected_answer())
ch00.q2.check(-1)
print("uid", os.getuid(), "cwd", os.getcwd())
print("role", os.environ.get("COURSEKIT_ROLE"), "class dir", os.environ.get("COURSEKIT_CLASS_DIR"))
"""


def test_five_students_work_separately(klass, tmp_path):
    k = klass
    students = [hub_client.Student(k.url, k.name(i), f"pw-{i}-secret") for i in range(1, N + 1)]

    def log_in_and_start(s):
        r = s.login()
        assert r.status_code == 302, f"{s.name}: login failed {r.status_code}\n{_log(k)[-2000:]}"
        s.get_token()
        return s.start_server()

    with ThreadPoolExecutor(N) as pool:
        times = list(pool.map(log_in_and_start, students))
    assert len(times) == N  # every server became ready

    for s in students:
        home = k.home(s.name)
        user = pwd.getpwnam(s.name)
        assert home.is_dir() and home.stat().st_uid == user.pw_uid
        assert stat.S_IMODE(home.stat().st_mode) == 0o700
        listing = s.server("GET", "/api/contents/exercises").json()
        names = {c["name"] for c in listing["content"]}
        assert "00-start-here-exercises.ipynb" in names and "solutions" not in names
        assert not (home / "course" / "exercises" / "solutions").exists()
        assert (home / "course" / "notebooks" / "00-start-here.ipynb").exists()

    def run_check(s):
        return s.run(CELL_CHECK)

    with ThreadPoolExecutor(N) as pool:
        outputs = list(pool.map(run_check, students))
    for s, out in zip(students, outputs, strict=True):
        assert out[0]["status"] == "ok", out
        assert f"uid {pwd.getpwnam(s.name).pw_uid}" in out[0]["text"]
        assert "Correct" in out[0]["text"]
        assert "role student class dir None" in out[0]["text"]
        f = k.home(s.name) / ".coursekit" / "progress.json"
        saved = json.loads(f.read_text())["questions"]
        assert saved["ch00.q1"]["passed"] and not saved["ch00.q2"]["passed"]
        assert saved["ch00.q2"]["attempts"] == 1
        assert f.stat().st_uid == pwd.getpwnam(s.name).pw_uid

    a, b = students[0], students[1]
    # by URL: A's token on B's server and B's hub record
    assert a.server("GET", "/api/contents/exercises", user=b.name).status_code == 403
    assert a.api("GET", f"/hub/api/users/{b.name}").status_code in (403, 404)
    # by URL in a browser session: A's cookies on B's lab page
    page = a.web.get(f"{k.url}/user/{b.name}/lab", timeout=60)
    assert page.status_code == 403 or f"/user/{a.name}/" in page.url
    # by path: A's kernel opening B's files
    b_file = k.home(b.name) / "course" / "exercises" / "00-start-here-exercises.ipynb"
    out = a.run([f"open({str(b_file)!r}).read()",
                 f"import os; os.listdir({str(k.home(b.name))!r})"])
    assert out[0]["error"] == "PermissionError"
    out = a.run(f"import os; os.listdir({str(k.home(b.name))!r})")
    assert out[0]["error"] == "PermissionError"

    # the class report over the homes lists all five
    report = subprocess.run(
        [sys.executable, "-m", "coursekit", "class-report", *[str(k.home(s.name)) for s in students],
         "--out", str(tmp_path / "report")], capture_output=True, text=True, timeout=120)
    assert report.returncode == 0, report.stderr
    assert f"{N} students" in report.stdout
    assert all(s.name in report.stdout for s in students)

    # the collector copies the progress for the trainer (run one round now)
    done = subprocess.run([str(hub_client.CLASS_PYTHON), str(ROOT / "classroom" / "collect_progress.py"),
                           "--homes", str(k.homes), "--group", k.group, "--out",
                           str(tmp_path / "collected"), "--once"], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    assert sorted(p.stem for p in (tmp_path / "collected").glob("*.json")) == sorted(
        s.name for s in students)


def test_bad_sign_ups_get_a_clear_page_and_touch_nothing(klass):
    k = klass
    s1 = k.name(1)
    first = hub_client.Student(k.url, s1, "pw-1-secret")
    assert first.login().status_code == 302  # account exists (made by the test above or now)

    def page(name, password):
        r = hub_client.Student(k.url, name, password).login()
        assert r.status_code != 302, f"{name} should not get in"
        return r.text

    assert "already taken" in page(s1, "someone-else")
    assert "cannot be used as a name" in page("Bad Name!", "whatever1")
    assert "reserved" in page("root", "whatever1")
    other = "mail" if _exists("mail") else "sync"
    assert "not a student account" in page(other, "whatever1")
    left = k.homes / f"{k.prefix}-left"
    left.mkdir()
    (left / "keep.txt").write_text("not yours")
    assert "already exists" in page(left.name, "whatever1")
    assert (left / "keep.txt").read_text() == "not yours" and not _exists(left.name)
    assert "Refused login" in _log(k)
    # the first student can still log in with their own password
    assert hub_client.Student(k.url, s1, "pw-1-secret").login().status_code == 302


def test_trainer_is_admin_and_gets_the_dashboard(klass):
    k = klass
    t = hub_client.Student(k.url, k.trainer, k.trainer_password())
    assert t.login().status_code == 302
    t.get_token()
    info = t.api("GET", "/hub/api/users").json()
    assert {u["name"] for u in info} >= {k.name(1), k.trainer}
    assert t.api("GET", f"/hub/api/users/{k.trainer}").json()["admin"] is True
    t.start_server()
    home = k.home(k.trainer)
    assert (home / "course" / "classroom" / "class-dashboard.ipynb").exists()
    assert (home / "course" / "exercises" / "solutions").is_dir()
    assert hub_client.Student(k.url, k.trainer, "guessed-pass").login().status_code != 302
    # the trainer's kernel reads the progress the collector copied (every 3 s in this test)
    out = t.run("""
import os, time
from pathlib import Path
from coursekit import class_report as cr
folder = Path(os.environ["COURSEKIT_CLASS_DIR"])
for _ in range(40):
    if len(list(folder.glob("*.json"))) >= 5:
        break
    time.sleep(0.5)
print("students", cr.collect([folder]).students)
""")
    assert out[0]["status"] == "ok", out
    assert all(k.name(i) in out[0]["text"] for i in range(1, N + 1))
    # a student starting after the trainer still gets no solutions and no class folder
    late = hub_client.Student(k.url, k.name(N + 1), "pw-late-secret")
    assert late.login().status_code == 302
    late.get_token()
    late.start_server()
    assert not (k.home(late.name) / "course" / "exercises" / "solutions").exists()
    assert not (k.home(late.name) / "course" / "classroom").exists()
    collected = Path(f"{k.state}-progress")
    assert stat.S_IMODE(collected.stat().st_mode) == 0o700
    assert collected.stat().st_uid == pwd.getpwnam(k.trainer).pw_uid
