"""The class dashboard: where is the class stuck? (``python -m coursekit class-report DIR …``)

Reads the progress files that ``check()`` writes (``.coursekit/progress.json``, see
:mod:`coursekit.exercises.progress_store`) for a whole class and builds

* a students × questions table: ``passed`` / ``tried`` (checked, not yet right) / ``not tried``;
* per question: how many passed, tried without passing, skipped (not tried by a student who
  worked on that chapter) — the questions most students fail or skip come first;
* per chapter: the share of its questions each student has passed;
* a heatmap chart, and all of it as one HTML page (offline, the chart embedded) and an Excel
  workbook.

Each ``DIR`` is one student's folder (the class server's home folders: the student is the
folder's name, every ``.coursekit/progress.json`` below it counts), a single progress file, or
a folder of collected progress files (``anna.json``, ``ben.json`` …). Missing, empty or corrupt
files are reported by name and skipped, never fatal.

Examples
--------
>>> import tempfile, pathlib
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> folders = make_example(root, students=4, seed=1)
>>> report = collect(folders)
>>> report.table.shape[0]
3
>>> [name for name, _ in report.problems]
['student04']
>>> sorted(set(report.table.to_numpy().ravel())) == ['not tried', 'passed', 'tried']
True
"""

from __future__ import annotations

import argparse
import base64
import html
import importlib
import io
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._lang import pick
from .exercises import progress_store as store
from .plotting import colour

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["EXAMPLE_QUESTIONS", "ClassProgress", "collect", "summary", "chapter_completion", "plot_heatmap",
           "write_html", "write_excel", "make_example", "example_report", "main"]

PASSED, TRIED, NOT_TRIED = "passed", "tried", "not tried"
#: The questions of the made-up example class: fixed, so the example does not change when the
#: kit gains a question.
EXAMPLE_QUESTIONS = tuple(f"ch{c:02d}.q{i}" for c, n in ((0, 9), (1, 8), (2, 10), (3, 14))
                          for i in range(1, n + 1))
_MAX_DEPTH = 4  # how deep below a student's folder progress files are looked for


def _natural(qid: str) -> tuple[Any, ...]:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", qid))


def kit_questions() -> list[str]:
    """Every question id of the kit's exercise chapters, in course order."""
    from .exercises import chapters, core

    for chapter in chapters():
        importlib.import_module(f"coursekit.exercises.{chapter}")
    return sorted((q.id for q in core.all_questions() if q.id.split(".")[0] in chapters()),
                  key=_natural)


@dataclass
class ClassProgress:
    """What ``collect`` found: ``table`` (students × questions), ``problems`` (name, message)."""

    table: pd.DataFrame
    problems: list[tuple[str, str]] = field(default_factory=list)
    files: dict[str, list[str]] = field(default_factory=dict)

    @property
    def students(self) -> list[str]:
        return list(self.table.index)


def _find_files(folder: Path) -> list[Path]:
    found = []
    base = len(folder.parts)
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        if len(here.parts) - base >= _MAX_DEPTH:
            dirnames[:] = []
        # look into .coursekit, skip other hidden folders, caches and environments
        dirnames[:] = [d for d in dirnames if d == ".coursekit" or not (
            d.startswith(".") or d in ("node_modules", "__pycache__", "site-packages"))]
        if here.name == ".coursekit" and "progress.json" in filenames:
            found.append(here / "progress.json")
    return sorted(found)


def _sources(paths: Iterable[str | os.PathLike[str]]) -> tuple[dict[str, list[Path]], list[tuple[str, str]]]:
    """Map each student to their progress files; note what cannot be used."""
    students: dict[str, list[Path]] = {}
    problems: list[tuple[str, str]] = []
    for raw in paths:
        p = Path(raw)
        if p.is_file():
            name = p.parent.parent.name if p.parent.name == ".coursekit" else p.stem
            students.setdefault(name, []).append(p)
        elif p.is_dir():
            nested = _find_files(p)
            collected = sorted(f for f in p.glob("*.json") if f.is_file())
            if nested:
                students.setdefault(p.name, []).extend(nested)
            elif collected:
                for f in collected:
                    students.setdefault(f.stem, []).append(f)
            else:
                problems.append((p.name, f"{p}: no .coursekit/progress.json found (the student "
                                          "has not checked an answer yet) — skipped"))
        else:
            problems.append((p.name or str(p), f"{p}: no such file or folder — skipped"))
    return students, problems


def _merge(entries: Sequence[dict[str, Any]]) -> str:
    if any(e.get("passed") for e in entries):
        return PASSED
    if any(e.get("attempts", 0) for e in entries):
        return TRIED
    return NOT_TRIED


def collect(paths: Iterable[str | os.PathLike[str]], *,
            questions: Sequence[str] | None = None) -> ClassProgress:
    """Read the class's progress files into a students × questions table.

    Parameters
    ----------
    paths
        Student folders, progress files, or folders of collected ``<student>.json`` files.
    questions
        The question ids to show (default: every question of the kit, plus any other id found).

    Returns
    -------
    ClassProgress
        ``table`` holds ``"passed"``, ``"tried"`` or ``"not tried"``; ``problems`` lists the
        files that were missing, empty or corrupt (skipped), each with its name.

    Examples
    --------
    >>> import tempfile
    >>> folders = make_example(tempfile.mkdtemp(), students=4)
    >>> report = collect(folders, questions=list(EXAMPLE_QUESTIONS))
    >>> report.table.shape[0], len(report.problems)  # the 4th student's file is corrupt
    (3, 1)
    """
    sources, problems = _sources(paths)
    per_student: dict[str, dict[str, list[dict[str, Any]]]] = {}
    used: dict[str, list[str]] = {}
    for student, files in sorted(sources.items()):
        merged: dict[str, list[dict[str, Any]]] = {}
        for f in files:
            try:
                entries = store.read_file(f)
            except ValueError as exc:
                problems.append((student, f"{exc} — skipped"))
                continue
            used.setdefault(student, []).append(str(f))
            for qid, entry in entries.items():
                merged.setdefault(qid, []).append(entry)
        if student in used:
            per_student[student] = merged
    ids = list(questions) if questions is not None else kit_questions()
    extra = sorted({q for m in per_student.values() for q in m} - set(ids), key=_natural)
    if questions is None:
        ids += extra
    table = pd.DataFrame(
        [[_merge(m.get(q, [])) for q in ids] for m in per_student.values()],
        index=pd.Index(list(per_student), name="student"),
        columns=pd.Index(ids, name="question"), dtype=object,
    )
    return ClassProgress(table=table, problems=problems, files=used)


def summary(report: ClassProgress) -> pd.DataFrame:
    """Per question: passed, tried (not passed), skipped, not started; hardest first.

    *Skipped* counts students who worked on the question's chapter but did not try this
    question; *not started* those who did not open the chapter at all.

    Examples
    --------
    >>> report = example_report()
    >>> list(summary(report).columns)[:2]
    ['chapter', 'passed']
    """
    t = report.table
    chapter_of = {q: q.split(".")[0] for q in t.columns}
    rows = []
    for q in t.columns:
        col = t[q]
        same = [c for c in t.columns if chapter_of[c] == chapter_of[q]]
        started = (t[same] != NOT_TRIED).any(axis=1)
        rows.append({"question": q, "chapter": chapter_of[q],
                     "passed": int((col == PASSED).sum()),
                     "tried, not passed": int((col == TRIED).sum()),
                     "skipped": int(((col == NOT_TRIED) & started).sum()),
                     "not started": int((~started).sum())})
    out = pd.DataFrame(rows).set_index("question")
    n = max(len(t), 1)
    out["pass rate %"] = (out["passed"] / n * 100).round(0).astype(int)
    return out.sort_values(["tried, not passed", "skipped", "passed"],
                           ascending=[False, False, True], kind="stable")


def chapter_completion(report: ClassProgress) -> pd.DataFrame:
    """Students × chapters: the percentage of the chapter's questions passed (0–100).

    Examples
    --------
    >>> report = example_report()
    >>> bool(chapter_completion(report).stack().between(0, 100).all())
    True
    """
    t = report.table
    chapters = sorted({q.split(".")[0] for q in t.columns}, key=_natural)
    data = {c: (t[[q for q in t.columns if q.split(".")[0] == c]] == PASSED).mean(axis=1) * 100
            for c in chapters}
    out = pd.DataFrame(data, index=t.index).round(0)
    out.columns.name = "chapter"
    return out.astype(int) if len(out) else out


def plot_heatmap(report: ClassProgress, *, ax: Axes | None = None) -> Axes:
    """Students × questions heatmap (green passed, orange tried, grey not tried); returns Axes.

    Examples
    --------
    >>> report = example_report()
    >>> ax = plot_heatmap(report)
    >>> ax.get_title() != ""
    True
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import ListedColormap
    from matplotlib.patches import Patch

    t = report.table
    codes = t.replace({NOT_TRIED: 0, TRIED: 1, PASSED: 2}).astype(float).to_numpy()
    if ax is None:
        width = min(max(6.0, 0.14 * t.shape[1] + 2.5), 18.0)
        height = min(max(2.5, 0.28 * t.shape[0] + 1.5), 14.0)
        _, ax = plt.subplots(figsize=(width, height))
    colours = [colour("muted", alpha=0.3), colour("warn"), colour("good")]
    ax.imshow(codes, aspect="auto", interpolation="nearest", vmin=0, vmax=2,
              cmap=ListedColormap(colours))
    ax.set_yticks(range(len(t.index)), labels=list(t.index), fontsize=8)
    chapters = [q.split(".")[0] for q in t.columns]
    starts = [i for i, c in enumerate(chapters) if i == 0 or c != chapters[i - 1]]
    ax.set_xticks(starts, labels=[chapters[i] for i in starts], fontsize=8)
    for i in starts[1:]:
        ax.axvline(i - 0.5, color="white", linewidth=1.5)
    ax.set_xlabel(pick({"en": "question (grouped by chapter)", "zh": "题目（按章分组）"}))
    ax.set_ylabel(pick({"en": "student", "zh": "学生"}))
    ax.set_title(pick({"en": f"Class progress: {len(t.index)} students × {t.shape[1]} questions",
                       "zh": f"班级进度：{len(t.index)} 名学生 × {t.shape[1]} 道题"}))
    names = [pick({"en": s, "zh": z}) for s, z in
             ((PASSED, "通过"), (TRIED, "尝试过"), (NOT_TRIED, "未尝试"))]
    ax.legend(handles=[Patch(color=c, label=lab) for c, lab in
                       zip(colours[::-1], names, strict=True)],
              loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8, frameon=False)
    return ax


def _png(report: ClassProgress) -> bytes:
    import matplotlib

    if matplotlib.get_backend().lower() not in ("agg", "module://matplotlib_inline.backend_inline"):
        matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = plot_heatmap(report)
    buf = io.BytesIO()
    ax.figure.savefig(buf, format="png", dpi=110, bbox_inches="tight")
    plt.close(ax.figure)
    return buf.getvalue()


_CSS = """body{font-family:sans-serif;margin:24px;color:#1f2328}table{border-collapse:collapse;
font-size:13px}td,th{border:1px solid #d0d7de;padding:2px 6px;text-align:center}
td.passed{background:#2da44e;color:#fff}td.tried{background:#f0a02c}td.nottried{background:#eef0f2;
color:#57606a}.problems li{color:#8a6d00}"""


def _status_table(t: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(q)}</th>" for q in t.columns)
    rows = []
    for student, row in t.iterrows():
        cells = "".join(f'<td class="{v.replace(" ", "")}" title="{html.escape(q)}: {v}">'
                        f'{ {PASSED: "✓", TRIED: "✗", NOT_TRIED: "·"}[v] }</td>'
                        for q, v in row.items())
        rows.append(f"<tr><th>{html.escape(str(student))}</th>{cells}</tr>")
    return f"<table><tr><th>student</th>{head}</tr>{''.join(rows)}</table>"


def write_html(report: ClassProgress, path: str | os.PathLike[str], *,
               png: bytes | None = None) -> Path:
    """One self-contained HTML page (no network: the chart is embedded).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> report = example_report()
    >>> page = pathlib.Path(tempfile.mkdtemp()) / "class.html"
    >>> _ = write_html(report, page)
    >>> "<html" in page.read_text(encoding="utf-8").lower()
    True
    """
    path = Path(path)
    png = _png(report) if png is None else png
    top = summary(report).head(10)
    problems = "".join(f"<li>{html.escape(m)}</li>" for _, m in report.problems) or "<li>none</li>"
    page = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Class report</title><style>{_CSS}</style></head><body>
<h1>Class report</h1>
<p>{len(report.table)} students, {report.table.shape[1]} questions.
✓ passed · ✗ tried, not passed yet · · not tried.</p>
<h2>Where the class is stuck</h2>{top.to_html()}
<h2>Chapter completion (% of questions passed)</h2>{chapter_completion(report).to_html()}
<h2>Heatmap</h2><img alt="class progress heatmap" src="data:image/png;base64,{base64.b64encode(png).decode()}">
<h2>Students × questions</h2>{_status_table(report.table)}
<h2>Files skipped</h2><ul class="problems">{problems}</ul>
</body></html>"""
    path.write_text(page, encoding="utf-8")
    return path


def write_excel(report: ClassProgress, path: str | os.PathLike[str], *,
                png: bytes | None = None) -> Path:
    """An Excel workbook: status table (coloured), questions, chapters, heatmap, skipped files.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> report = example_report()
    >>> book = pathlib.Path(tempfile.mkdtemp()) / "class.xlsx"
    >>> _ = write_excel(report, book)
    >>> book.stat().st_size > 0
    True
    """
    from openpyxl.drawing.image import Image
    from openpyxl.styles import PatternFill

    path = Path(path)
    fills = {PASSED: PatternFill("solid", fgColor="2DA44E"), TRIED: PatternFill("solid", fgColor="F0A02C"),
             NOT_TRIED: PatternFill("solid", fgColor="EEF0F2")}
    with pd.ExcelWriter(path, engine="openpyxl") as xl:
        report.table.to_excel(xl, sheet_name="students x questions")
        summary(report).to_excel(xl, sheet_name="questions")
        chapter_completion(report).to_excel(xl, sheet_name="chapters")
        pd.DataFrame(report.problems, columns=["student", "problem"]).to_excel(
            xl, sheet_name="skipped files", index=False)
        ws = xl.sheets["students x questions"]
        for row in ws.iter_rows(min_row=2, min_col=2):
            for cell in row:
                if cell.value in fills:
                    cell.fill = fills[cell.value]
        ws.freeze_panes = "B2"
        chart = xl.book.create_sheet("heatmap")
        chart.add_image(Image(io.BytesIO(_png(report) if png is None else png)), "A1")
    return path


def make_example(out_dir: str | os.PathLike[str], *, students: int = 12,
                 seed: int = 2026) -> list[Path]:
    """Write a small made-up class (one folder per student) to try the dashboard on.

    The questions are :data:`EXAMPLE_QUESTIONS`; the last student's progress file is corrupt on
    purpose, to show how it is reported. Returns the student folders.

    Examples
    --------
    >>> import tempfile
    >>> [f.name for f in make_example(tempfile.mkdtemp(), students=2)]
    ['student01', 'student02']
    """
    import json

    import numpy as np

    rng = np.random.default_rng(seed)
    qids = list(EXAMPLE_QUESTIONS)
    hard = set(rng.choice(qids, size=max(1, len(qids) // 6), replace=False))
    folders = []
    for i in range(1, students + 1):
        folder = Path(out_dir) / f"student{i:02d}"
        (folder / ".coursekit").mkdir(parents=True, exist_ok=True)
        f = folder / ".coursekit" / "progress.json"
        folders.append(folder)
        if i == students:
            f.write_text('{"format": "coursekit-progress", "questions": {', encoding="utf-8")
            continue
        reach = rng.uniform(0.3, 1.0)  # how far through the course this student got
        questions = {}
        for k, q in enumerate(qids):
            if k / len(qids) > reach or rng.random() < 0.08:
                continue
            passed = rng.random() < (0.35 if q in hard else 0.85)
            attempts = int(rng.integers(1, 4)) if passed else int(rng.integers(1, 6))
            stamp = f"2026-09-{1 + k // 10:02d}T10:{k % 60:02d}:00+00:00"
            questions[q] = {"passed": bool(passed), "attempts": attempts, "checks": attempts,
                            "first": stamp, "last": stamp, "passed_at": stamp if passed else None}
        f.write_text(json.dumps({"format": store.FORMAT, "version": store.VERSION,
                                 "questions": questions}, indent=1), encoding="utf-8")
    return folders


def example_report(students: int = 4, *, seed: int = 2026) -> ClassProgress:
    """The made-up class of :func:`make_example` (in a temporary folder), collected: a report
    to try the other functions on before the real files come in.

    Examples
    --------
    >>> report = example_report()
    >>> report.table.shape[0], len(report.problems)  # the last student's file is corrupt
    (3, 1)
    """
    import tempfile

    folders = make_example(tempfile.mkdtemp(prefix="coursekit-class-"), students=students,
                           seed=seed)
    return collect(folders, questions=list(EXAMPLE_QUESTIONS))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m coursekit class-report DIR … [--out FOLDER]``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folders = make_example(tempfile.mkdtemp(), students=3)
    >>> out = pathlib.Path(tempfile.mkdtemp())
    >>> main([str(f) for f in folders] + ["--out", str(out)])  # doctest: +ELLIPSIS
    2 students, ... questions; 1 file(s) skipped.
    ...
    0
    """
    parser = argparse.ArgumentParser(
        prog="python -m coursekit class-report",
        description="Class dashboard from students' .coursekit/progress.json files: "
                    "HTML page, Excel workbook and heatmap PNG.")
    parser.add_argument("dirs", nargs="+", metavar="DIR",
                        help="a student's folder (e.g. /home/anna), a progress file, or a "
                             "folder of collected <student>.json files")
    parser.add_argument("--out", default="class-report", metavar="FOLDER",
                        help="where to write class-report.html, .xlsx and heatmap.png "
                             "(default: ./class-report)")
    args = parser.parse_args(argv)
    report = collect(args.dirs)
    for _, message in report.problems:
        print(f"warning: {message}", file=sys.stderr)
    if report.table.empty:
        print("No usable progress file found: nothing to report.", file=sys.stderr)
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    png = _png(report)
    (out / "heatmap.png").write_bytes(png)
    write_html(report, out / "class-report.html", png=png)
    write_excel(report, out / "class-report.xlsx", png=png)
    s = summary(report)
    print(f"{len(report.table)} students, {report.table.shape[1]} questions; "
          f"{len(report.problems)} file(s) skipped.")
    print("Students:", ", ".join(report.students))
    stuck = s[s["tried, not passed"] > 0].head(5)
    if len(stuck):
        print("Most failed:", ", ".join(f"{q} ({n})" for q, n in stuck["tried, not passed"].items()))
    print(f"Wrote {out / 'class-report.html'}, {out / 'class-report.xlsx'}, {out / 'heatmap.png'}")
    return 0
