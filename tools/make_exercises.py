"""Write the student exercise notebooks from their solution notebooks (`make exercises`).

exercises/solutions/NN-topic-solutions.ipynb  →  exercises/NN-topic-exercises.ipynb
exercises/solutions/zh/NN-topic-solutions.ipynb  →  exercises/zh/NN-topic-exercises.ipynb
(the Chinese edition: `make zh` calls this module; its stubs say ``# 在这里写你的代码``)

* cells tagged ``solution`` become a stub: ``name = ...  # your code here`` for the variable the
  cell assigns last (or the function's signature and docstring with a ``...`` body), or the
  text in the cell's metadata ``coursekit.stub`` when given;
* cells tagged ``trainer-only`` are dropped;
* outputs are cleared; then both copies are executed (unless ``--no-execute``).

Usage:  .venv/bin/python tools/make_exercises.py [SOLUTIONS_NOTEBOOK ...] [--no-execute]
"""

from __future__ import annotations

import ast
import copy
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "exercises" / "solutions"
STUB = "# your code here"
STUBS = {"en": STUB, "zh": "# 在这里写你的代码"}


def stub_for(source: str, *, stub: str = STUB) -> str:
    """The stub that replaces a solution cell's code (``stub``: the comment to put after it)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return f"answer = ...  {stub}"
    comments = [line for line in source.splitlines() if line.lstrip().startswith("#")
                and line.strip() != "#"]
    keep = [c for c in comments[:1]] if comments and source.lstrip().startswith("#") else []
    for node in reversed(tree.body):
        if isinstance(node, ast.FunctionDef):
            header = source.splitlines()[node.lineno - 1: node.body[0].lineno - 1]
            doc = ast.get_docstring(node, clean=False)
            lines = list(header)
            if doc is not None:
                first = node.body[0]
                lines = source.splitlines()[node.lineno - 1: first.end_lineno]
            indent = " " * (node.col_offset + 4)
            return "\n".join(keep + lines + [f"{indent}...  {stub}"])
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if names:
            return "\n".join(keep + [f"{names[-1]} = ...  {stub}"])
    return f"answer = ...  {stub}"


def student_path(solution: Path) -> Path:
    """exercises/solutions/X-solutions.ipynb → exercises/X-exercises.ipynb; the same for zh/."""
    name = solution.name.replace("-solutions.ipynb", "-exercises.ipynb")
    if solution.parent.name == "zh" and solution.parent.parent.name == "solutions":
        return solution.parent.parent.parent / "zh" / name
    return solution.parent.parent / name


def build_student(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The student version of a solution notebook (outputs cleared)."""
    out = copy.deepcopy(nb)
    stub = STUBS.get(nb.metadata.get("language", "en"), STUB)
    cells = []
    for cell in out.cells:
        tags = set(cell.get("metadata", {}).get("tags", []))
        if "trainer-only" in tags:
            continue
        if cell.cell_type == "code":
            if "solution" in tags:
                custom = cell.metadata.get("coursekit", {}).get("stub")
                cell.source = (custom.replace(STUB, stub) if custom
                               else stub_for(cell.source, stub=stub))
                cell.metadata["tags"] = sorted((tags - {"solution"}) | {"answer"})
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    out.cells = cells
    return out


def main(argv: list[str]) -> int:
    execute = "--no-execute" not in argv
    paths = [Path(a).resolve() for a in argv if not a.startswith("--")]
    paths = paths or sorted(SOLUTIONS.glob("*-solutions.ipynb"))
    written = []
    for sol in paths:
        nb = nbformat.read(sol, as_version=4)
        student = build_student(nb)
        target = student_path(sol)
        nbformat.write(student, target)
        print(f"wrote {target.relative_to(ROOT)}")
        written += [sol, target]
    if execute and written:
        sys.path.insert(0, str(ROOT / "tools"))
        from run_notebooks import main as run

        return run([str(p) for p in written])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
