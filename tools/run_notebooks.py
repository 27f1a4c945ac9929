"""Execute notebooks in place, top to bottom, in a fresh kernel (what `make outputs` runs).

Usage:  .venv/bin/python tools/run_notebooks.py [NOTEBOOK ...]
        (no arguments: every notebook in notebooks/, exercises/solutions/ and exercises/)

Prints each notebook's run time; exits non-zero if a cell fails.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def default_notebooks() -> list[Path]:
    found = sorted((ROOT / "notebooks").glob("*.ipynb"))
    found += sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))
    found += sorted((ROOT / "exercises").glob("*.ipynb"))
    return found


def execute(path: Path, *, timeout: int = 300) -> float:
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    nb.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python",
                                 "name": "python3"}
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    os.environ.pop("COURSEKIT_LANG", None)
    os.environ["COURSEKIT_PROGRESS"] = "off"  # stored outputs never depend on a saved progress file
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    nb.metadata.pop("widgets", None)
    nbformat.write(nb, path)
    return elapsed


def main(argv: list[str]) -> int:
    paths = [Path(p).resolve() for p in argv] or default_notebooks()
    failed = 0
    for path in paths:
        try:
            secs = execute(path)
            print(f"{secs:6.1f} s  {os.path.relpath(path, ROOT)}")
        except Exception as exc:  # report and go on with the next notebook
            failed += 1
            print(f"FAILED  {os.path.relpath(path, ROOT)}: {type(exc).__name__}: {str(exc)[-2000:]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
