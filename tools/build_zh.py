"""Build the Chinese edition from the English notebooks and their catalogues (`make zh`).

    notebooks/NN-topic.ipynb + i18n/zh/notebooks/NN-topic.yaml
        →  notebooks/zh/NN-topic.ipynb                      (executed, outputs stored)
    exercises/solutions/NN-topic-solutions.ipynb + i18n/zh/exercises/solutions/NN-topic-solutions.yaml
        →  exercises/solutions/zh/NN-topic-solutions.ipynb  (executed)
        →  exercises/zh/NN-topic-exercises.ipynb            (student copy, tools/make_exercises.py)

* First every catalogue is checked (``tools/zh_catalogue.py``'s ``problems``). A real problem —
  a stale translation, an entry for a cell id that no longer exists, a duplicated id, a code cell
  that differs in more than strings and comments or no longer parses, unreadable YAML — stops
  the build: every problem is printed with its catalogue file, chapter and cell id, and nothing
  is written. A catalogue that is merely *unfinished* (cells still ``zh: null``) is listed and
  skipped (``--strict`` makes that an error too; the drift test always fails on it).
* A Chinese notebook has the English notebook's cells (same ids, order, types, metadata), with
  the catalogue's sources; relative links that leave the folder are rewritten for the deeper
  folder (to ``docs/zh/X`` when that file exists, to the Chinese notebook for a notebook link).
  Its metadata says ``language: zh`` and stores a fingerprint of what it was built from (its
  sources, the English notebook's stored text outputs, and the package: ``coursekit/`` code
  and its word files, whose Chinese texts the English outputs do not show).
* Only notebooks whose fingerprint changed are executed (``tools/run_notebooks.py``), into a
  temporary file that then replaces the old notebook: a failing cell leaves the old one intact.
  So `make zh` is quick when nothing changed; ``--force`` executes everything again.

Usage:  .venv/bin/python tools/build_zh.py [ENGLISH_NOTEBOOK ...] [--force] [--strict]
                                          [--check] [--no-execute]
    --check       only check the catalogues (exit 1 on problems), write nothing
    --no-execute  write the sources without running them (outputs empty; for tests)
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path.insert(0, str(TOOLS))

import make_exercises  # noqa: E402
import run_notebooks  # noqa: E402
import zh_catalogue  # noqa: E402

EDITION = "zh"
FINGERPRINT_KEY = "zh_build"


def english_notebooks(root: Path = ROOT) -> list[Path]:
    """Every English notebook of the edition: chapters, then exercise answer keys."""
    return (sorted((root / "notebooks").glob("*.ipynb"))
            + sorted((root / "exercises" / "solutions").glob("*-solutions.ipynb")))


def zh_path(english: Path) -> Path:
    """notebooks/X.ipynb → notebooks/zh/X.ipynb (the same for exercises/solutions/)."""
    return english.parent / EDITION / english.name


def zh_counterpart(target: Path, root: Path = ROOT) -> Path:
    """The Chinese edition's version of a file a link points to (the file itself if none).

    docs/X → docs/zh/X when it exists; a notebook in notebooks/, exercises/ or
    exercises/solutions/ → the one in its zh/ folder (built by this tool).
    """
    try:
        rel = target.relative_to(root)
    except ValueError:
        return target
    if rel.parts[:1] == ("docs",) and EDITION not in rel.parts:
        candidate = root / "docs" / EDITION / Path(*rel.parts[1:])
        return candidate if candidate.exists() else target
    if target.suffix == ".ipynb" and rel.parent.as_posix() in (
            "notebooks", "exercises", "exercises/solutions"):
        return target.parent / EDITION / target.name
    return target


# Markdown links and images [text](target "title"), reference definitions [x]: target, and
# HTML src= / href= attributes; group "t" is the target.
_LINK = re.compile(r"""(?P<pre>\]\(\s*<?)(?P<t>[^)\s>]+)
                     |(?P<pre2>(?:src|href)\s*=\s*["'])(?P<t2>[^"']+)
                     |(?P<pre3>^\s{0,3}\[[^\]]+\]:\s*<?)(?P<t3>\S+?)(?=>?(?:\s|$))""",
                   re.VERBOSE | re.MULTILINE)
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|#|/|\{)")


def relink(target: str, english: Path, root: Path = ROOT) -> str:
    """A relative link target of the English notebook, as seen from the Chinese notebook."""
    if _EXTERNAL.match(target):
        return target
    path, hash_, fragment = target.partition("#")
    if not path:
        return target
    dest = Path(os.path.normpath(english.parent / path))
    new = zh_counterpart(dest, root)
    rel = Path(os.path.relpath(new, zh_path(english).parent)).as_posix()
    return rel + hash_ + fragment


def relink_markdown(source: str, english: Path, root: Path = ROOT) -> str:
    def sub(m: re.Match) -> str:
        for pre, t in (("pre", "t"), ("pre2", "t2"), ("pre3", "t3")):
            if m.group(t) is not None:
                return m.group(pre) + relink(m.group(t), english, root)
        return m.group(0)

    return _LINK.sub(sub, source)


def build(english: Path, *, root: Path = ROOT) -> nbformat.NotebookNode:
    """The Chinese notebook's sources (not executed), from a catalogue without problems."""
    nb = zh_catalogue.translated(english, root=root)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = relink_markdown(cell.source, english, root)
    nb.metadata["language"] = EDITION
    meta = nb.metadata.setdefault("coursekit", {})
    meta["edition"] = EDITION
    meta["built_from"] = english.resolve().relative_to(root.resolve()).as_posix()
    meta.pop(FINGERPRINT_KEY, None)
    return nb


def _text_outputs(nb: nbformat.NotebookNode) -> list[str]:
    out = []
    for cell in nb.cells:
        for o in cell.get("outputs", []) if cell.cell_type == "code" else []:
            out.append(o.get("text", "") if "text" in o
                       else o.get("data", {}).get("text/plain", "") or o.get("ename", ""))
    return out


def package_digest(root: Path | None = None) -> str:
    """A hash of the package's code and word files (``coursekit/**/*.py``, ``*.toml``)."""
    pkg = (root or ROOT) / "coursekit"
    h = hashlib.sha256()
    for f in sorted(p for ext in ("*.py", "*.toml") for p in pkg.rglob(ext)):
        h.update(f.relative_to(pkg).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def fingerprint(nb: nbformat.NotebookNode, english: Path) -> str:
    """What a built notebook depends on: its cells, the English edition's stored results and
    the package (a changed Chinese label must re-run the notebooks that show it)."""
    cells = [[c.id, c.cell_type, c.source, c.get("metadata", {})] for c in nb.cells]
    en_out = _text_outputs(nbformat.read(english, as_version=4)) if english.exists() else []
    blob = json.dumps([cells, en_out, package_digest()], sort_keys=True, ensure_ascii=False,
                      default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def stored_fingerprint(path: Path) -> str | None:
    if not path.exists():
        return None
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # unreadable: rebuild it
        return None
    return nb.metadata.get("coursekit", {}).get(FINGERPRINT_KEY)


@dataclass
class Plan:
    """What a run would do: problems that stop it, unfinished catalogues, notebooks to write."""
    errors: list[str] = field(default_factory=list)
    incomplete: dict[str, int] = field(default_factory=dict)   # notebook → untranslated cells
    jobs: list[tuple[Path, nbformat.NotebookNode]] = field(default_factory=list)  # all built
    up_to_date: list[Path] = field(default_factory=list)


def plan(notebooks: list[Path], *, root: Path = ROOT, force: bool = False) -> Plan:
    """Check every catalogue, then build (in memory) the Chinese notebooks of the complete ones."""
    result = Plan()
    complete = []
    for english in notebooks:
        found = zh_catalogue.problems(english, root=root)
        cat = zh_catalogue._rel(zh_catalogue.catalogue_path(english, root=root), root)
        unfinished = [p for p in found if p.endswith(zh_catalogue.NO_TRANSLATION)
                      or ": no catalogue " in p]
        for p in found:
            if p not in unfinished:
                result.errors.append(f"{cat}: {p}")
        if unfinished:
            result.incomplete[english.resolve().relative_to(root.resolve()).as_posix()] = \
                len(unfinished)
        elif not found:
            complete.append(english)
    if result.errors:
        return result
    for english in complete:
        try:
            nb = build(english, root=root)
        except Exception as err:  # a catalogue that passes problems() but still cannot build
            result.errors.append(f"{zh_catalogue._rel(english, root)}: cannot build: "
                                 f"{type(err).__name__}: {err}")
            continue
        targets = [(zh_path(english), nb)]
        if english.parent.name == "solutions":
            student = make_exercises.build_student(nb)
            targets.append((make_exercises.student_path(zh_path(english)), student))
        for target, built in targets:
            built.metadata.setdefault("coursekit", {})[FINGERPRINT_KEY] = fingerprint(built,
                                                                                      english)
            if not force and stored_fingerprint(target) == built.metadata["coursekit"][
                    FINGERPRINT_KEY]:
                result.up_to_date.append(target)
            else:
                result.jobs.append((target, built))
    return result


def write(target: Path, nb: nbformat.NotebookNode, *, execute: bool = True) -> float:
    """Write (and execute) one notebook via a temporary file that replaces the target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    try:
        nbformat.write(nb, tmp)
        secs = run_notebooks.execute(tmp) if execute else 0.0
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return secs


def main(argv: list[str], *, root: Path = ROOT) -> int:
    flags = {a for a in argv if a.startswith("--")}
    unknown = flags - {"--force", "--strict", "--check", "--no-execute"}
    if unknown:
        print(__doc__)
        return 2
    paths = [Path(a).resolve() for a in argv if not a.startswith("--")] or english_notebooks(root)
    start = time.perf_counter()
    p = plan(paths, root=root, force="--force" in flags)
    if p.errors:
        print(f"make zh: stopped, nothing written — {len(p.errors)} problem(s) in the catalogues:")
        for err in p.errors:
            print(f"  {err}")
        print("Fix them (tools/zh_catalogue.py check NOTEBOOK shows them too), then run make zh "
              "again. CONTRIBUTING.md, last section, says how.")
        return 1
    for nb_name, n in p.incomplete.items():
        print(f"not built: {nb_name} — catalogue unfinished ({n} cell(s) to translate)")
    if "--check" in flags:
        return 1 if p.incomplete and "--strict" in flags else 0
    failed = 0
    for target, nb in p.jobs:
        rel = zh_catalogue._rel(target, root)
        try:
            secs = write(target, nb, execute="--no-execute" not in flags)
            print(f"{secs:6.1f} s  {rel}")
        except Exception as exc:  # report and go on; the old notebook stays as it was
            failed += 1
            print(f"FAILED  {rel}: {type(exc).__name__}: {str(exc)[-2000:]}")
    print(f"make zh: {len(p.jobs) - failed} written, {len(p.up_to_date)} up to date, "
          f"{len(p.incomplete)} unfinished catalogue(s), {failed} failed "
          f"({time.perf_counter() - start:.1f} s)")
    if failed:
        return 1
    return 1 if p.incomplete and "--strict" in flags else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
