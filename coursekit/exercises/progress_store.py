"""Progress that survives a kernel restart: every ``check()`` is noted in a small JSON file.

The file is ``.coursekit/progress.json`` in the student's working folder. It holds, per
question id, whether it was passed, how many checked attempts there were and when — never the
answer itself. Writes are atomic (a temporary file in the same folder, then ``os.replace``) and
serialised by a lock file, and every write merges with what is on disk, so two kernels checking
at the same time cannot lose or corrupt each other's results.

Where the file lives, in this order:

1. ``COURSEKIT_PROGRESS`` — a path to the file; ``off`` (or ``0``, ``no``) switches saving off
   (the test suite and ``make outputs`` do that, so stored notebook outputs stay the same);
2. the nearest existing ``.coursekit/`` folder in the current folder or a parent (not above the
   home folder) — the class server creates ``~/.coursekit/`` so all of a student's notebooks
   share one file;
3. ``.coursekit/progress.json`` in the current folder (a notebook's kernel starts in the
   notebook's folder).

Examples
--------
>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "progress.json"
>>> record("demo.q1", "wrong", path=f)
True
>>> record("demo.q1", "correct", path=f)
True
>>> entry = load(f)["demo.q1"]
>>> entry["passed"], entry["attempts"]
(True, 2)
>>> reset(path=f)
>>> load(f)
{}
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import time
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

__all__ = ["ENV_VAR", "FORMAT", "progress_path", "record", "load", "read_file", "reset",
           "status_of"]

ENV_VAR = "COURSEKIT_PROGRESS"
FORMAT = "coursekit-progress"
VERSION = 1
_OFF = {"off", "0", "no", "false", "none"}
_FOLDER = ".coursekit"
_NAME = "progress.json"
_LOCK_TIMEOUT = 10.0  # seconds; a check() must never hang a student's notebook

last_error: str | None = None  # why the last save failed (shown by progress()), else None


def progress_path(start: str | os.PathLike[str] | None = None) -> Path | None:
    """The progress file in use (``None`` when saving is switched off)."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env.lower() in _OFF:
        return None
    if env:
        return Path(env).expanduser()
    here = Path(start) if start is not None else Path.cwd()
    here = here.resolve()
    home = Path.home().resolve()
    for folder in (here, *here.parents):
        if (folder / _FOLDER).is_dir():
            return folder / _FOLDER / _NAME
        if folder == home:
            break
    return here / _FOLDER / _NAME


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``<file>.lock`` (fcntl on Unix, msvcrt on Windows)."""
    lock_path = path.with_name(path.name + ".lock")
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    deadline = time.monotonic() + _LOCK_TIMEOUT
    try:
        try:
            import fcntl

            def take() -> None:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

            def give() -> None:
                fcntl.flock(fd, fcntl.LOCK_UN)
        except ImportError:  # pragma: no cover - Windows
            import msvcrt

            def take() -> None:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

            def give() -> None:
                os.lseek(fd, 0, os.SEEK_SET)
                msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        while True:
            try:
                take()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{lock_path} is locked by another program") from None
                time.sleep(0.01)
        try:
            yield
        finally:
            give()
    finally:
        os.close(fd)


def read_file(path: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """The questions recorded in one progress file; ``ValueError`` names what is wrong.

    Used by the class report, which must say *which* file is empty or corrupt.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ValueError(f"{path}: no progress file (the student has not checked an answer yet)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path}: cannot be read ({type(exc).__name__}: {exc})") from None
    if not text.strip():
        raise ValueError(f"{path}: the file is empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg}); "
                         "it was not written by coursekit or was cut off") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(f"{path}: not a coursekit progress file (no \"format\": \"{FORMAT}\")")
    questions = data.get("questions")
    if not isinstance(questions, dict):
        raise ValueError(f"{path}: the \"questions\" entry is missing or not a mapping")
    out: dict[str, dict[str, Any]] = {}
    for qid, entry in questions.items():
        if isinstance(qid, str) and isinstance(entry, dict):
            out[qid] = _clean(entry)
    return out


def _clean(entry: Mapping[str, Any]) -> dict[str, Any]:
    """Only the known fields, with the right types (a hand-edited file cannot smuggle more)."""
    attempts = entry.get("attempts", 0)
    checks = entry.get("checks", attempts)
    return {
        "passed": bool(entry.get("passed", False)),
        "attempts": int(attempts) if isinstance(attempts, int) and attempts >= 0 else 0,
        "checks": int(checks) if isinstance(checks, int) and checks >= 0 else 0,
        "first": str(entry.get("first", "")),
        "last": str(entry.get("last", "")),
        "passed_at": str(entry["passed_at"]) if entry.get("passed_at") else None,
    }


def load(path: str | os.PathLike[str] | None = None) -> dict[str, dict[str, Any]]:
    """The saved results (``{}`` when there is no file, saving is off or the file is damaged)."""
    p = Path(path) if path is not None else progress_path()
    if p is None:
        return {}
    try:
        return read_file(p)
    except ValueError:
        return {}


def status_of(entry: Mapping[str, Any] | None) -> str:
    """``"correct"``, ``"attempted"`` or ``"todo"`` — the words ``progress()`` uses."""
    if not entry:
        return "todo"
    if entry.get("passed"):
        return "correct"
    return "attempted" if entry.get("attempts", 0) else "todo"


def _write(path: Path, questions: Mapping[str, Any]) -> None:
    data = {"format": FORMAT, "version": VERSION, "updated": _now(),
            "questions": dict(sorted(questions.items()))}
    fd, tmp = tempfile.mkstemp(prefix=".progress-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, ensure_ascii=False, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        for attempt in range(20):  # Windows refuses to replace a file another program reads
            try:
                os.replace(tmp, path)
                break
            except PermissionError:
                if attempt == 19:
                    raise
                time.sleep(0.05)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _update(path: Path, change: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with _locked(path):
        try:
            questions = read_file(path)
        except ValueError:
            questions = {}  # missing, or damaged by hand: start again rather than fail a check
        change(questions)
        _write(path, questions)


def record(question_id: str, status: str, *, path: str | os.PathLike[str] | None = None) -> bool:
    """Note one ``check()`` outcome; return whether it was saved. Never raises.

    ``status`` is the feedback status: ``"correct"``, ``"wrong"``, ``"invalid"`` (all three
    count as an attempt) or ``"unanswered"`` (the cell was run with the stub: seen, not tried).
    """
    global last_error
    if not isinstance(question_id, str) or not question_id:
        return False  # a question made by hand, not registered in a chapter: nothing to key on
    try:
        p = Path(path) if path is not None else progress_path()
        if p is None:
            return False
        now = _now()

        def change(questions: dict[str, dict[str, Any]]) -> None:
            entry = questions.get(question_id) or _clean({"first": now})
            entry["checks"] += 1
            if status in ("correct", "wrong", "invalid"):
                entry["attempts"] += 1
            if status == "correct" and not entry["passed"]:
                entry["passed"], entry["passed_at"] = True, now
            entry["last"] = now
            questions[question_id] = entry

        _update(p, change)
        last_error = None
        return True
    except Exception as exc:  # noqa: BLE001 - saving progress must never break check()
        last_error = f"{type(exc).__name__}: {exc}"
        return False


def reset(chapter: str | None = None, *, path: str | os.PathLike[str] | None = None) -> None:
    """Forget the saved results: all of them, or one chapter's (``reset("ch03")``)."""
    p = Path(path) if path is not None else progress_path()
    if p is None or not p.exists():
        return

    def change(questions: dict[str, dict[str, Any]]) -> None:
        for qid in list(questions):
            if chapter is None or qid.split(".")[0] == chapter:
                del questions[qid]

    _update(p, change)
