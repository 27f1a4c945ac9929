"""Add reveal.js slide boundaries (``slideshow`` cell metadata) to chapter notebooks by rules.

Usage:  .venv/bin/python tools/tag_slides.py [NOTEBOOK ...]      (default: notebooks/*.ipynb)
        .venv/bin/python tools/tag_slides.py --check [NOTEBOOK ...]  (exit 1 if a cell is untagged)

The slide decks (``make slides``, tools/build_slides.py) cut each notebook into slides where a
cell's ``metadata.slideshow.slide_type`` says so (the convention of Jupyter / RISE / nbconvert):
``slide`` starts a new slide, ``subslide`` a vertical one below it, ``-`` continues the current
slide, ``notes`` becomes speaker notes, ``skip`` is left out.

Rules (one idea per slide, charts large, prose trimmed):

* a Markdown cell that starts with a ``#`` or ``##`` heading starts a slide; ``###`` a subslide;
* a cell with a **Manager's takeaway** starts a slide (the point of the section);
* a code cell that draws a chart (PNG output) is a slide of its own (the deck shows the chart,
  not its code);
* other Markdown: short prose or any formula stays on the slide (``-``), long prose
  (more than ``LONG_PROSE_WORDS`` words without a formula or table) becomes speaker notes;
* code cells without a chart: a cell that prints a few lines of text (at most
  ``LONG_OUTPUT_LINES``: the key number of a section) stays (``-``); the set-up cell, the
  *Try it* cells, cells that show a table and cells with longer output are skipped (the notebook
  is where the class reads code).

The tool only *adds* metadata: a cell that already has a ``slide_type`` (set by hand or by an
earlier run) keeps it, so running it twice changes nothing, and after a merge brings new cells
the integrator runs it again to tag just those. Outputs are never touched (strict nbval passes).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
LONG_PROSE_WORDS = 90
LONG_OUTPUT_LINES = 6
_TRY_IT = re.compile(r"^#{1,3}\s+Try it", re.M)


def _text(cell) -> str:
    src = cell.get("source", "")
    return src if isinstance(src, str) else "".join(src)


def _has_chart(cell) -> bool:
    return any("image/png" in out.get("data", {}) or "image/svg+xml" in out.get("data", {})
               for out in cell.get("outputs", []))


def _output_lines(cell) -> int:
    lines = 0
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            lines += _text({"source": out.get("text", "")}).count("\n") + 1
        else:
            data = out.get("data", {})
            if "text/html" in data:
                lines += _text({"source": data["text/html"]}).count("<tr") + 1
            elif "text/plain" in data:
                lines += _text({"source": data["text/plain"]}).count("\n") + 1
    return lines


def rule_for(cell, *, index: int, in_try_it: bool) -> str:
    """The slide type the rules give one cell (not looking at any value it already has)."""
    text = _text(cell).lstrip()
    if cell.get("cell_type") == "markdown":
        first = text.splitlines()[0] if text else ""
        if re.match(r"^#{1,2}\s", first):
            return "slide"
        if re.match(r"^###\s", first):
            return "subslide"
        if "Manager's takeaway" in text or "Manager’s takeaway" in text:
            return "slide"
        words = len(re.findall(r"\w+", text))
        if words > LONG_PROSE_WORDS and "$$" not in text and "|---" not in text:
            return "notes"
        return "-"
    if cell.get("cell_type") == "code":
        if _has_chart(cell):
            return "slide"
        if index <= 2 and re.search(r"^\s*(import|from)\s", text, re.M):
            return "skip"  # the set-up cell
        shows_table = any("text/html" in o.get("data", {}) for o in cell.get("outputs", []))
        if in_try_it or shows_table or not cell.get("outputs") \
                or _output_lines(cell) > LONG_OUTPUT_LINES:
            return "skip"
        return "-"
    return "skip"  # raw cells


def tag(nb) -> int:
    """Add missing ``slideshow.slide_type`` values to a notebook in place; return how many."""
    added = 0
    in_try_it = False
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and re.match(r"^#{1,2}\s", _text(cell).lstrip()):
            in_try_it = bool(_TRY_IT.match(_text(cell).lstrip()))
        slideshow = cell.metadata.get("slideshow", {})
        if slideshow.get("slide_type"):
            continue  # hand-set or tagged before: keep it
        cell.metadata["slideshow"] = {**slideshow,
                                      "slide_type": rule_for(cell, index=index,
                                                             in_try_it=in_try_it)}
        added += 1
    return added


def untagged(nb) -> list[int]:
    return [i for i, c in enumerate(nb.cells) if not c.metadata.get("slideshow", {}).get("slide_type")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 if any cell has no slide type")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    missing = 0
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        nb = nbformat.reads(raw, as_version=4)
        if args.check:
            cells = untagged(nb)
            if cells:
                missing += 1
                print(f"{path}: {len(cells)} cell(s) without a slide type (cells {cells[:10]}); "
                      "run: python tools/tag_slides.py")
            continue
        added = tag(nb)
        if added:
            path.write_text(nbformat.writes(nb) + "\n", encoding="utf-8")
        print(f"{added:4d} cell(s) tagged  {path.name}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
