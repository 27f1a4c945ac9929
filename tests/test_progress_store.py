"""Progress that persists: the file check() writes, read back by progress(), safe under two kernels."""

from __future__ import annotations

import json
import multiprocessing as mp
import os

import pytest

from coursekit.exercises import core
from coursekit.exercises import progress_store as store


@pytest.fixture
def pfile(tmp_path, monkeypatch):
    f = tmp_path / "work" / ".coursekit" / "progress.json"
    monkeypatch.setenv(store.ENV_VAR, str(f))
    core.reset_progress()
    yield f
    core._STATE.clear()
    for qid in [q for q in core._REGISTRY if q.startswith("pst")]:  # ids may be made once
        core._REGISTRY.pop(qid)
        core._OWNER.pop(qid, None)


def _question(qid="pst.q1"):
    return core._REGISTRY.get(qid) or core.Numeric(qid, prompt="2 + 2?", expected=4)


def test_check_writes_outcome_not_answer(pfile, capsys):
    q = _question()
    q.check(...)
    q.check(5)
    q.check(4)
    data = json.loads(pfile.read_text(encoding="utf-8"))
    assert data["format"] == store.FORMAT
    entry = data["questions"]["pst.q1"]
    assert entry["passed"] is True and entry["attempts"] == 2 and entry["checks"] == 3
    assert entry["passed_at"] and entry["first"] <= entry["last"]
    assert set(entry) == {"passed", "attempts", "checks", "first", "last", "passed_at"}
    assert not list(pfile.parent.glob("*.tmp"))  # no temporary file left behind


def test_evaluate_alone_writes_nothing(pfile):
    _question().evaluate(4)
    assert not pfile.exists()


def test_progress_survives_a_restart(pfile, capsys):
    _question("pst.q2").check(4)
    _question("pst.q3").check(1)
    core._STATE.clear()  # what a kernel restart does to the session
    text = repr(core.progress("pst"))
    assert "pst.q2" in text and "passed" in text
    assert "attempted" in text


def test_reset_all_and_one_chapter(pfile, capsys):
    _question("pst.q1").check(4)
    _question("pst2.q1").check(4)
    core.reset_progress("pst")
    assert set(store.load(pfile)) == {"pst2.q1"}
    core.reset_progress()
    assert store.load(pfile) == {}
    assert "✓" not in repr(core.progress("pst2"))


def test_off_writes_nothing(pfile, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(store.ENV_VAR, "off")
    monkeypatch.chdir(tmp_path)
    _question("pst.q4").check(4)
    assert store.progress_path() is None
    assert not (tmp_path / ".coursekit").exists()


def test_default_location_is_nearest_coursekit_folder(tmp_path, monkeypatch):
    monkeypatch.delenv(store.ENV_VAR, raising=False)
    (tmp_path / ".coursekit").mkdir()
    sub = tmp_path / "exercises"
    sub.mkdir()
    monkeypatch.setenv("HOME", str(tmp_path))
    assert store.progress_path(sub) == tmp_path / ".coursekit" / "progress.json"
    other = tmp_path / "elsewhere"
    other.mkdir()
    (other / "x").mkdir()
    monkeypatch.setenv("HOME", str(other))
    assert store.progress_path(other / "x") == other / "x" / ".coursekit" / "progress.json"


@pytest.mark.parametrize("content", ["", "{not json", '{"format": "other"}', "[1, 2]"])
def test_damaged_file_is_reported_by_name_and_replaced_on_next_check(pfile, content, capsys):
    pfile.parent.mkdir(parents=True)
    pfile.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match="progress.json"):
        store.read_file(pfile)
    assert store.load(pfile) == {}
    _question("pst.q5").check(4)  # never raises; starts a fresh file
    assert store.load(pfile)["pst.q5"]["passed"]


def test_unwritable_folder_never_breaks_check(pfile, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv(store.ENV_VAR, str(blocker / "progress.json"))  # parent is a file
    _question("pst.q6").check(4)
    assert "Correct" in capsys.readouterr().out
    assert store.last_error


def _hammer(path: str, worker: int, n: int) -> None:
    os.environ[store.ENV_VAR] = path
    for i in range(n):
        assert store.record(f"w{worker}.q{i}", "wrong" if i % 2 else "correct")
        assert store.record("shared.q1", "wrong")


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / ".coursekit" / "progress.json")
    n = 40
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_hammer, args=(path, w, n)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    saved = store.read_file(path)  # valid JSON, never half-written
    assert len(saved) == 2 * n + 1
    assert saved["shared.q1"]["attempts"] == 2 * n
    assert saved["w1.q0"]["passed"] and not saved["w0.q1"]["passed"]
