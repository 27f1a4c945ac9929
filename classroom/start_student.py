"""Start a student's Jupyter server — runs as the student (never as root), in their home.

JupyterHub's spawner calls this instead of ``jupyterhub-singleuser``. It

1. copies the course into ``~/course/`` — the chapter notebooks and the student copies of the
   exercises, never ``exercises/solutions/`` (the trainer also gets the solutions and the class
   dashboard). Only files that are missing are copied: a student's work is never overwritten,
   and a chapter added to the kit later appears at the next start;
2. creates ``~/.coursekit/`` so every notebook saves progress to ``~/.coursekit/progress.json``;
3. replaces itself with ``jupyterhub-singleuser`` (same arguments).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

KIT = Path(os.environ.get("COURSEKIT_KIT_DIR", Path(__file__).resolve().parents[1]))


def course_files(trainer: bool) -> list[tuple[Path, Path]]:
    """(source in the kit, destination relative to ~/course) for this role."""
    pairs = []
    for folder in ("notebooks", "exercises"):
        for src in sorted((KIT / folder).rglob("*.ipynb")):
            rel = src.relative_to(KIT)
            if ".ipynb_checkpoints" in rel.parts:
                continue
            if rel.parts[:2] == ("exercises", "solutions") and not trainer:
                continue  # answer keys stay with the trainer
            pairs.append((src, rel))
    if trainer:
        pairs += [(p, p.relative_to(KIT)) for p in sorted((KIT / "classroom").glob("*.ipynb"))]
    return pairs


def copy_course(home: Path, *, trainer: bool) -> list[Path]:
    """Copy what is missing into ``home/course``; return what was copied."""
    course = home / "course"
    copied = []
    for src, rel in course_files(trainer):
        dest = course / rel
        if dest.exists() or dest.is_symlink():
            continue  # never overwrite a student's work
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        copied.append(rel)
    (home / ".coursekit").mkdir(exist_ok=True)
    return copied


def main() -> None:
    if os.geteuid() == 0:
        raise SystemExit("start_student.py must run as the student, not as root")
    home = Path.home()
    os.umask(0o077)  # files a student creates are theirs alone
    trainer = os.environ.get("COURSEKIT_ROLE") == "trainer"
    copied = copy_course(home, trainer=trainer)
    print(f"coursekit: {len(copied)} course file(s) copied into {home / 'course'}"
          + (" (trainer: with solutions)" if trainer else ""), file=sys.stderr, flush=True)
    os.environ.setdefault("COURSEKIT_PROGRESS", str(home / ".coursekit" / "progress.json"))
    singleuser = Path(sys.executable).with_name("jupyterhub-singleuser")
    os.execv(str(singleuser), [str(singleuser), *sys.argv[1:]])


if __name__ == "__main__":
    main()
