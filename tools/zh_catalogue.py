"""Translation catalogues of the Chinese edition: one YAML file per English notebook.

    notebooks/03-value-dimensions-and-grading.ipynb
        →  i18n/zh/notebooks/03-value-dimensions-and-grading.yaml
    exercises/solutions/03-value-dimensions-and-grading-solutions.ipynb
        →  i18n/zh/exercises/solutions/03-value-dimensions-and-grading-solutions.yaml

Why YAML: a translator (or reviewer) reads and edits whole Markdown cells and whole code cells
as block scalars, with no escaping of quotes or newlines (a PO file escapes every line); PyYAML
is already in the lock; each cell is one entry, so a diff shows exactly which cell changed.

A catalogue is a list of entries, in the English notebook's cell order::

    notebook: notebooks/01-stp.ipynb
    cells:
    - id: 3f2a9c1e          # the English cell's id
      type: markdown        # markdown | code (must match the English cell)
      en_sha: 1a2b3c4d5e6f  # sha256 of the English source (first 12 hex) the translation was made from
      en: |-                # the English source, for the translator's reference (not used to build)
        ## Segmenting ...
      zh: |-                # the translation: Markdown translated whole; for code, the English
        ## 市场细分 ...       # code with only its string literals and comments translated
    - id: 77ab01c2
      type: code
      en_sha: ...
      same: true            # a code cell with nothing to translate: the Chinese cell is the English one
    - id: 5d6e7f80          # an answer-key cell with a hand-written student stub (metadata
      type: code            # coursekit.stub, see tools/make_exercises.py) may add
      zh_stub: |-           # its Chinese version (optional; same code rule as zh)
        # 把下面这一行换成你的函数 ...

Usage (authors):
    .venv/bin/python tools/zh_catalogue.py skeleton NOTEBOOK ...   write / update catalogues:
        new cells get ``zh: null`` (to translate); cells whose English changed keep their old
        ``zh`` and old ``en_sha``, get the new ``en`` and the old one as ``en_before``: revise
        ``zh``, set ``en_sha`` to the value ``check`` shows and delete ``en_before``; entries of
        deleted cells are dropped.
    .venv/bin/python tools/zh_catalogue.py check NOTEBOOK ...      report what is missing,
        stale or breaks the code rule (exit 1 if anything is)
"""

from __future__ import annotations

import ast
import hashlib
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = ROOT / "i18n" / "zh"


def sha(text: str) -> str:
    """The short hash stored with a translation (sha256 of the English source, 12 hex digits)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


NO_TRANSLATION = "English cell has no translation"


def _rel(path: Path, root: Path | None = None) -> str:
    """A path as shown in messages: relative to the kit (or to ``root``) when inside it."""
    for base in (root, ROOT):
        if base is not None:
            try:
                return path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                pass
    return str(path)


def catalogue_path(notebook: Path, *, root: Path | None = None) -> Path:
    """Where the catalogue of an English notebook lives (``root``: another copy of the kit)."""
    root = (root or ROOT).resolve()
    rel = notebook.resolve().relative_to(root)
    return root / CATALOGUES.relative_to(ROOT) / rel.with_suffix(".yaml")


def python_of(source: str) -> str:
    """Cell source as plain Python (IPython magics turned into calls) for parsing."""
    from IPython.core.inputtransformer2 import TransformerManager

    return TransformerManager().transform_cell(source)


class _Blank(ast.NodeTransformer):
    def visit_Constant(self, node: ast.Constant) -> ast.AST:
        if isinstance(node.value, str):
            return ast.copy_location(ast.Constant(value=""), node)
        return node

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.AST:
        # keep the formatted expressions (and their format specs), blank the literal text
        values = [self.visit(v) for v in node.values if not isinstance(v, ast.Constant)]
        return ast.copy_location(ast.JoinedStr(values=values), node)


def code_shape(source: str) -> str:
    """The code with every string literal blanked and comments gone (what may not differ)."""
    tree = _Blank().visit(ast.parse(python_of(source)))
    return ast.dump(tree, include_attributes=False)


def has_text(source: str) -> bool:
    """Does a code cell contain string literals or comments (anything a translator might change)?"""
    try:
        tree = ast.parse(python_of(source))
    except SyntaxError:
        return True
    if any(line.lstrip().startswith("#") or " #" in line for line in source.splitlines()):
        return True
    return any(isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value.strip()
               for n in ast.walk(tree))


class _Literal(str):
    pass


def _literal(dumper: yaml.Dumper, value: _Literal) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Literal, _literal)


def _block(text: str | None) -> str | None:
    if text is None:
        return None
    # block style needs no trailing spaces on lines; strip them (Markdown / code unaffected)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return _Literal(text) if "\n" in text or len(text) > 60 else text


def load(path: Path) -> dict:
    """Read a catalogue (raises ValueError naming the file when it is not valid YAML)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise ValueError(f"{_rel(path)}: not valid YAML: {err}") from None
    if not isinstance(data, dict) or not isinstance(data.get("cells"), list):
        raise ValueError(f"{_rel(path)}: expected 'notebook:' and a 'cells:' list")
    if not all(isinstance(e, dict) for e in data["cells"]):
        raise ValueError(f"{_rel(path)}: every entry of 'cells:' must be a mapping (id:, type:, ...)")
    return data


def dump(data: dict, path: Path) -> None:
    """Write a catalogue (block scalars for multi-line text), atomically."""
    cells = []
    for entry in data["cells"]:
        e = dict(entry)
        for key in ("en", "en_before", "zh", "zh_stub"):
            if isinstance(e.get(key), str):
                e[key] = _block(e[key])
        cells.append(e)
    text = yaml.dump({"notebook": data["notebook"], "cells": cells}, Dumper=_Dumper,
                     allow_unicode=True, sort_keys=False, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".yaml.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


KEPT = ("zh", "same", "zh_stub")   # what skeleton keeps of an existing entry


def _stub_problem(name: str, cell, stub) -> str | None:
    english = cell.get("metadata", {}).get("coursekit", {}).get("stub")
    where = f"{name} cell {cell.id}: zh_stub"
    if not english:
        return f"{where} given, but the English cell has no coursekit.stub (delete zh_stub)"
    if not isinstance(stub, str) or not stub.strip():
        return f"{where} is empty"
    try:
        if code_shape(stub) != code_shape(english):
            return f"{where} differs from the English stub in more than strings and comments"
    except SyntaxError as err:
        return f"{where} does not parse (line {err.lineno}: {err.msg})"
    return None


def skeleton(notebook: Path) -> Path:
    """Create or update the catalogue of one English notebook; return its path."""
    nb = nbformat.read(notebook, as_version=4)
    path = catalogue_path(notebook)
    old = {e["id"]: e for e in load(path)["cells"]} if path.exists() else {}
    cells = []
    for cell in nb.cells:
        src = cell.source
        entry = {"id": cell.id, "type": cell.cell_type, "en_sha": sha(src), "en": src}
        prev = old.get(cell.id)
        if cell.cell_type == "code" and not has_text(src):
            entry["same"] = True
        elif prev is not None and prev.get("en_sha") == entry["en_sha"]:
            entry.update({k: prev[k] for k in KEPT if k in prev})
        elif prev is not None and (prev.get("zh") is not None or prev.get("same")):
            entry.update({k: prev[k] for k in KEPT if k in prev})
            entry["en_sha"] = prev.get("en_sha")  # still the old one: check reports it stale
            entry["en_before"] = prev.get("en_before", prev.get("en"))
        else:
            entry["zh"] = None
        cells.append(entry)
    dump({"notebook": notebook.resolve().relative_to(ROOT).as_posix(), "cells": cells}, path)
    return path


def problems(notebook: Path, *, root: Path | None = None) -> list[str]:
    """What is wrong with a notebook's catalogue, one message per problem (empty when fine).

    A catalogue that is merely unfinished gives messages ending in ``NO_TRANSLATION``;
    an unreadable catalogue gives one message (the YAML error).
    """
    nb = nbformat.read(notebook, as_version=4)
    path = catalogue_path(notebook, root=root)
    name = notebook.stem
    if not path.exists():
        return [f"{name}: no catalogue {_rel(path, root)} (run tools/zh_catalogue.py "
                f"skeleton {_rel(notebook, root)})"]
    try:
        entries = load(path)["cells"]
    except ValueError as err:
        return [str(err)]
    out: list[str] = []
    ids = [e.get("id") for e in entries]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        out.append(f"{name}: cell id {dup} appears twice in the catalogue")
    by_id = {e.get("id"): e for e in entries}
    english = {c.id for c in nb.cells}
    for e in entries:
        if e.get("id") not in english:
            out.append(f"{name}: catalogue cell {e.get('id')} no longer exists in the English "
                       "notebook (delete the entry, or re-run skeleton)")
    for cell in nb.cells:
        e = by_id.get(cell.id)
        if e is None:
            out.append(f"{name} cell {cell.id}: {NO_TRANSLATION}")
            continue
        if e.get("type") != cell.cell_type:
            out.append(f"{name} cell {cell.id}: type {e.get('type')} in the catalogue, "
                       f"{cell.cell_type} in English")
        if e.get("en_sha") != sha(cell.source):
            out.append(f"stale translation: {name} cell {cell.id}, English changed "
                       f"(revise zh against en, then set en_sha: {sha(cell.source)} and "
                       "delete en_before)")
            continue
        if "zh_stub" in e:
            found = _stub_problem(name, cell, e["zh_stub"])
            if found:
                out.append(found)
        if e.get("same"):
            if cell.cell_type != "code":
                out.append(f"{name} cell {cell.id}: 'same: true' is only for code cells")
            continue
        zh = e.get("zh")
        if not isinstance(zh, str) or not zh.strip():
            out.append(f"{name} cell {cell.id}: {NO_TRANSLATION}")
            continue
        if cell.cell_type == "code":
            try:
                if code_shape(zh) != code_shape(cell.source):
                    out.append(f"{name} cell {cell.id}: the Chinese code differs from the "
                               "English in more than string literals and comments")
            except SyntaxError as err:
                out.append(f"{name} cell {cell.id}: the Chinese code does not parse "
                           f"(line {err.lineno}: {err.msg}); a quote inside a translated "
                           "string? use 「」 or the other quote character")
    return out


def translated(notebook: Path, *, root: Path | None = None) -> nbformat.NotebookNode:
    """The English notebook with its cells' sources replaced by the catalogue's (outputs cleared)."""
    nb = nbformat.read(notebook, as_version=4)
    by_id = {e["id"]: e for e in load(catalogue_path(notebook, root=root))["cells"]}
    for cell in nb.cells:
        e = by_id[cell.id]
        if not e.get("same"):
            cell.source = e["zh"].rstrip("\n") if not cell.source.endswith("\n") else e["zh"]
        if e.get("zh_stub"):
            cell.metadata.setdefault("coursekit", {})["stub"] = e["zh_stub"]
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def preview(notebook: Path) -> Path:
    """Build and execute one Chinese notebook into /tmp/zh-preview/ (for translators)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = translated(notebook)
    out = Path("/tmp/zh-preview") / notebook.name
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        NotebookClient(nb, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(notebook.resolve().parent)}}).execute()
    except CellExecutionError as err:
        print(f"{notebook.stem}: a cell failed:\n{str(err)[-1500:]}")
    nbformat.write(nb, out)
    return out


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("skeleton", "check", "preview"):
        print(__doc__)
        return 2
    bad = 0
    for arg in argv[1:]:
        nb = Path(arg)
        if argv[0] == "skeleton":
            print(catalogue_path(nb).relative_to(ROOT))
            skeleton(nb)
        elif argv[0] == "preview":
            print(preview(nb))
        else:
            found = problems(nb)
            bad += len(found)
            print("\n".join(found) if found else f"{nb.stem}: ok")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
