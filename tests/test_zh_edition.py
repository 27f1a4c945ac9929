"""The Chinese edition never drifts from the English source (issue #14).

The English notebooks are the source; ``notebooks/zh/``, ``exercises/solutions/zh/`` and
``exercises/zh/`` are built from them and ``i18n/zh/`` by ``make zh`` (tools/build_zh.py). These
tests fail, naming the chapter and the cell id, when

* a chapter exists in one edition only, or a cell id, the cell order or a cell type differs;
* a Chinese code cell differs from the English one in more than string literals and comments;
* a translation was made from an English cell that has changed since ("stale translation");
* an English cell has no translation (an unfinished catalogue fails here too);
* a built notebook's sources are not what the catalogue gives (someone edited notebooks/zh by
  hand, or forgot ``make zh``);
* the numbers printed by a code cell differ between the editions.

Nothing is executed here (nbval runs both editions in the notebooks step). The last tests feed the
builder bad catalogues in a temporary copy of a tiny kit, never the real tree.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import sys
from collections import Counter
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import build_zh  # noqa: E402
import make_exercises  # noqa: E402
import zh_catalogue  # noqa: E402

ENGLISH = build_zh.english_notebooks()
IDS = [p.relative_to(ROOT).as_posix() for p in ENGLISH]
FIX = "run `make zh` (or py kit.py zh)"


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=4)


# -- catalogues ---------------------------------------------------------------------------------

@pytest.mark.parametrize("english", ENGLISH, ids=IDS)
def test_catalogue_is_complete_current_and_keeps_the_code(english):
    """Missing, stale and code-changing translations, unknown or duplicated ids (all listed)."""
    found = zh_catalogue.problems(english)
    shown = found[:12] + ([f"... and {len(found) - 12} more (tools/zh_catalogue.py check "
                           f"{_rel(english)})"] if len(found) > 12 else [])
    assert not found, (f"{len(found)} problem(s) in the catalogue of {_rel(english)}:\n  "
                       + "\n  ".join(shown))


# -- the built notebooks ------------------------------------------------------------------------

def _pairs() -> list[tuple[Path, Path]]:
    """(English, Chinese) for chapters, answer keys and student copies."""
    pairs = [(en, build_zh.zh_path(en)) for en in ENGLISH]
    for en in ENGLISH:
        if en.parent.name == "solutions":
            pairs.append((make_exercises.student_path(en),
                          make_exercises.student_path(build_zh.zh_path(en))))
    return pairs


PAIRS = _pairs()
PAIR_IDS = [_rel(zh) for _, zh in PAIRS]
ZH_DIRS = [ROOT / "notebooks" / "zh", ROOT / "exercises" / "solutions" / "zh",
           ROOT / "exercises" / "zh"]


def test_both_editions_have_the_same_chapters():
    english = {_rel(zh) for _, zh in PAIRS}
    chinese = {_rel(p) for d in ZH_DIRS for p in d.glob("*.ipynb")}
    assert not chinese - english, (f"Chinese notebooks with no English source: "
                                   f"{sorted(chinese - english)} (delete them)")
    assert not english - chinese, (f"not in the Chinese edition yet: {sorted(english - chinese)} "
                                   f"— finish the catalogue, then {FIX}")


def _source_of(chinese: Path) -> Path:
    """The English notebook whose catalogue a Chinese notebook (or student copy) is built from."""
    if chinese.parent == ROOT / "exercises" / "zh":
        return ROOT / "exercises" / "solutions" / chinese.name.replace("-exercises", "-solutions")
    return chinese.parent.parent / chinese.name


def _built_pair(english: Path, chinese: Path) -> nbformat.NotebookNode:
    if not chinese.exists():
        if zh_catalogue.problems(_source_of(chinese)):   # failed (once) by the catalogue test
            pytest.skip(f"{_rel(chinese)} not built: its catalogue is unfinished")
        pytest.fail(f"{_rel(chinese)} is missing: {FIX}")
    return _read(chinese)


@pytest.mark.parametrize(("english", "chinese"), PAIRS, ids=PAIR_IDS)
def test_cells_ids_order_types_and_code_match_the_english(english, chinese):
    zh = _built_pair(english, chinese)
    en = _read(english)
    name = chinese.stem
    en_cells = [(c.id, c.cell_type) for c in en.cells]
    zh_cells = [(c.id, c.cell_type) for c in zh.cells]
    for i, (a, b) in enumerate(zip(en_cells, zh_cells, strict=False)):
        assert a == b, (f"{name}: cell {i + 1} is {b[1]} {b[0]} in Chinese, {a[1]} {a[0]} in "
                        f"English (ids, order and types must be equal): {FIX}")
    assert len(en_cells) == len(zh_cells), (
        f"{name}: {len(zh_cells)} cells in Chinese, {len(en_cells)} in English: {FIX}")
    for a, b in zip(en.cells, zh.cells, strict=True):
        if a.cell_type == "code":
            assert zh_catalogue.code_shape(a.source) == zh_catalogue.code_shape(b.source), (
                f"{name} cell {a.id}: the Chinese code differs from the English in more than "
                "string literals and comments")


def _sources(nb: nbformat.NotebookNode) -> list[tuple[str, str, str, list[str]]]:
    return [(c.id, c.cell_type, c.source, sorted(c.get("metadata", {}).get("tags", [])))
            for c in nb.cells]


@pytest.mark.parametrize("english", ENGLISH, ids=IDS)
def test_built_sources_are_what_the_catalogue_gives(english):
    """Nobody edited notebooks/zh by hand, and make zh ran after the last catalogue change."""
    chinese = build_zh.zh_path(english)
    if zh_catalogue.problems(english):
        pytest.skip(f"the catalogue of {_rel(english)} has problems (failed by "
                    "test_catalogue_is_complete_current_and_keeps_the_code)")
    zh = _built_pair(english, chinese)
    expected = build_zh.build(english)
    for got, want in zip(_sources(zh), _sources(expected), strict=False):
        assert got == want, (f"{chinese.stem} cell {want[0]}: the stored Chinese notebook is not "
                             f"what i18n/zh gives (edited by hand, or {FIX} not run)")
    assert len(zh.cells) == len(expected.cells), f"{chinese.stem}: {FIX}"
    if english.parent.name == "solutions":
        student = make_exercises.student_path(chinese)
        assert student.exists(), f"{_rel(student)} is missing: {FIX}"
        assert _sources(_read(student)) == _sources(make_exercises.build_student(zh)), (
            f"{_rel(student)} is stale: {FIX}")


# Numbers: every run of digits (with , or . inside) in a code cell's text outputs (print output,
# text/plain reprs, error names). Compared as multisets, because a Chinese sentence may put them
# in another order ("1 correct, 0 attempted" → "通过 1 题，尝试 0 题"). Not compared:
# * images and HTML (the same numbers as text/plain);
# * digits written in the cell's own string literals (labels, headings): those are the
#   translator's words, checked as text ("July–December" → "7–12 月", "1 in 10" → "十分之一");
# * the one-line preview of a question (``<Numeric ch02.q3: '…'>``): the question bank's two
#   languages are cut at the same length, so they show different parts of the prompt;
# * the exercise engine's feedback (``✓ Q7: …``, ``? Q2 · Hint 1 of 2: …``): the question
#   bank's own words in each language ("1 Jan → 1 Mar" → "1 月 1 日 → 3 月 1 日"), which
#   tests/test_exercises.py checks per language.
# What remains is what the code computed: it must be the English edition's, digit for digit.
# A table pandas wraps into blocks (header lines ending in "\\") repeats its index labels in each
# block; where it wraps depends on the width of the labels, which differ between the editions
# (Chinese column names and values, coursekit.display), so the index labels count once per table.
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
QUESTION_PREVIEW = re.compile(r"^<\w+ ch\w+\.q\w+: .*>$", re.S)
FEEDBACK = re.compile(r"^[✓✗…?!‼→i] Q\w+\b")


def _literal_numbers(source: str) -> Counter:
    try:
        tree = ast.parse(zh_catalogue.python_of(source))
    except SyntaxError:
        return Counter()
    return Counter(n for node in ast.walk(tree)
                   if isinstance(node, ast.Constant) and isinstance(node.value, str)
                   for n in NUMBER.findall(node.value))


def _unwrap(text: str) -> str:
    """pandas' wrapped tables with the repeated index part of the later blocks cut off."""
    blocks, current = [], []
    for line in text.split("\n"):
        if line.strip():
            current.append(line)
        else:
            blocks.append(current)
            current = []
    blocks.append(current)
    out: list[list[str]] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        j = i
        # a wrapped table: blocks of the same height, each but the last with its header line
        # ending in a backslash
        while (j + 1 < len(blocks) and block and blocks[j][0].rstrip().endswith("\\")
               and len(blocks[j + 1]) == len(block)):
            j += 1
        if j > i:
            first = blocks[i]
            kept = [first]
            for later in blocks[i + 1:j + 1]:
                cut = min(len(_common_prefix(a, b)) for a, b in zip(first, later, strict=True))
                kept.append([x[cut:] for x in later])
            out.extend(kept)
            i = j + 1
        else:
            out.append(block)
            i += 1
    return "\n\n".join("\n".join(b) for b in out)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    # cut only at a gap between columns, never inside a number
    while n and not a[n - 1].isspace():
        n -= 1
    return a[:n]


def _numbers(cell: nbformat.NotebookNode) -> Counter:
    text = ""
    for out in cell.get("outputs", []):
        plain = out.get("data", {}).get("text/plain", "")
        if QUESTION_PREVIEW.match(plain.strip()) or FEEDBACK.match(plain):
            plain = ""
        stream = out.get("text", "")
        if FEEDBACK.match(stream):
            stream = ""
        text += _unwrap(stream) + _unwrap(plain) + out.get("ename", "") + out.get("evalue", "")
    return Counter(NUMBER.findall(text)) - _literal_numbers(cell.source)


def test_the_number_comparison_ignores_labels_but_not_results():
    cell = nbformat.v4.new_code_cell('print("July–December:", 15.7)')
    cell.outputs = [nbformat.v4.new_output("stream", text="July–December: 15.7\n")]
    zh = nbformat.v4.new_code_cell('print("7–12 月：", 15.7)')
    zh.outputs = [nbformat.v4.new_output("stream", text="7–12 月： 15.7\n")]
    assert _numbers(cell) == _numbers(zh) == Counter({"15.7": 1})
    zh.outputs = [nbformat.v4.new_output("stream", text="7–12 月： 15.8\n")]
    assert _numbers(cell) != _numbers(zh)


def test_wrapped_tables_count_their_index_labels_once():
    wrapped = ("   member_id  age  \\\n0          1   31   \n1          2   26   \n\n"
               "   benefit_taste  \n0              3  \n1              5  ")
    flat = ("   会员编号  年龄  利益：口味\n0         1    31           3\n1         2    26           5")
    assert sorted(NUMBER.findall(_unwrap(wrapped))) == sorted(NUMBER.findall(flat))
    assert _unwrap("a\n\nb  \\\n\nc") == "a\n\nb  \\\n\nc"   # not a table: unchanged


@pytest.mark.parametrize(("english", "chinese"), PAIRS, ids=PAIR_IDS)
def test_printed_numbers_are_the_english_editions(english, chinese):
    zh = _built_pair(english, chinese)
    en = _read(english)
    for a, b in zip(en.cells, zh.cells, strict=False):
        if a.cell_type != "code" or a.id != b.id:
            continue
        na, nb = _numbers(a), _numbers(b)
        assert na == nb, (f"{chinese.stem} cell {a.id}: the numbers printed differ — only in "
                          f"English: {sorted((na - nb).elements())[:10]}, only in Chinese: "
                          f"{sorted((nb - na).elements())[:10]} (re-run {FIX}; if they still "
                          "differ, a translated string adds or drops a number)")


def test_both_editions_are_linted_and_run_by_make_test():
    spec = importlib.util.spec_from_file_location("kit", ROOT / "kit.py")
    kit = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kit)
    steps = kit.test_steps(Path("python"))
    for step in ("lint", "notebooks"):
        args = [a for cmd in steps[step] for a in cmd]
        for folder in ("notebooks/zh", "exercises/zh", "exercises/solutions/zh"):
            # pytest --nbval and nbqa collect folders recursively: a parent folder is enough
            assert any(folder == a or folder.startswith(a.rstrip("/") + "/") for a in args), (
                f"make test's {step} step does not collect {folder}")


# -- the Chinese front door ---------------------------------------------------------------------

def test_readme_zh_first_screen_has_the_two_commands_then_lab_zh():
    lines = (ROOT / "README.zh-CN.md").read_text(encoding="utf-8").splitlines()
    first = "\n".join(lines[:25])
    for text in ("make lab", "make test", "py kit.py lab", "py kit.py test", "make lab-zh"):
        assert text in first, f"README.zh-CN.md's first screen does not show `{text}`"
    assert first.index("make test") < first.index("make lab-zh")
    assert "README.zh-CN.md" in (ROOT / "README.md").read_text(encoding="utf-8").splitlines()[0], \
        "README.md's first line does not link README.zh-CN.md"


_MAP_ROW = re.compile(r"^\|\s*\[(?P<ch>\d\d[a-z]?) · [^\]]*\]\((?P<link>[^)]+)\)\s*\|\s*(?P<min>[^|]+?)\s*\|",
                      re.MULTILINE)


def _course_map(path: Path) -> list[tuple[str, str, str]]:
    return [(m["ch"], m["min"], m["link"]) for m in _MAP_ROW.finditer(path.read_text("utf-8"))]


def test_course_maps_list_the_same_chapters_in_both_languages():
    en = _course_map(ROOT / "README.md")
    zh = _course_map(ROOT / "README.zh-CN.md")
    assert en, "README.md has no course map rows"
    assert [(c, m) for c, m, _ in zh] == [(c, m) for c, m, _ in en], (
        "README.zh-CN.md's course map (chapters, minutes) differs from README.md's: "
        f"{[(c, m) for c, m, _ in zh]} vs {[(c, m) for c, m, _ in en]}")
    for (_, _, en_link), (ch, _, zh_link) in zip(en, zh, strict=True):
        assert zh_link == en_link.replace("notebooks/", "notebooks/zh/", 1), (
            f"README.zh-CN.md: chapter {ch} should link {en_link.replace('notebooks/', 'notebooks/zh/', 1)}")
    chapters = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert {Path(link).name for _, _, link in en} == chapters, "the course map misses a chapter"


def _headings(path: Path) -> list[tuple[int, str]]:
    """(level, text) of the Markdown headings, outside fenced code blocks."""
    out, fenced = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and (m := re.match(r"^(#{1,6})\s+(.*?)\s*#*\s*$", line)):
            out.append((len(m.group(1)), m.group(2)))
    return out


def heading_difference(english: list[tuple[int, str]], chinese: list[tuple[int, str]]) -> str | None:
    """None when both have the same heading levels in the same order, else the first difference."""
    import difflib

    ops = difflib.SequenceMatcher(a=[lv for lv, _ in english], b=[lv for lv, _ in chinese],
                                  autojunk=False).get_opcodes()
    for tag, i1, i2, j1, _j2 in ops:
        if tag == "equal":
            continue
        if tag in ("delete", "replace") and i1 < i2:
            lv, text = english[i1]
            after = f" (after «{chinese[j1 - 1][1]}»)" if j1 else " (at the start)"
            return (f"section {'#' * lv} {text} (heading {i1 + 1} of the English guide) is "
                    f"missing in docs/zh/trainer-guide.md{after}")
        lv, text = chinese[j1]
        return (f"docs/zh/trainer-guide.md has an extra section {'#' * lv} {text} (heading "
                f"{j1 + 1}) with no counterpart in docs/trainer-guide.md")
    return None


def test_heading_difference_names_the_first_missing_or_extra_section():
    en = [(1, "Guide"), (2, "Before"), (3, "PCs"), (2, "Agenda")]
    assert heading_difference(en, [(1, "指南"), (2, "之前"), (3, "电脑"), (2, "安排")]) is None
    assert "### PCs" in heading_difference(en, [(1, "指南"), (2, "之前"), (2, "安排")])
    assert "extra section ## 多余" in heading_difference(en, en + [(2, "多余")])


def test_trainer_guide_has_the_same_sections_in_both_languages():
    zh = ROOT / "docs" / "zh" / "trainer-guide.md"
    if not zh.exists():
        pytest.skip("docs/zh/trainer-guide.md is not written yet (the translators' task); this "
                    "test fails once it exists with other sections than docs/trainer-guide.md")
    en_h, zh_h = _headings(ROOT / "docs" / "trainer-guide.md"), _headings(zh)
    problem = heading_difference(en_h, zh_h)
    assert problem is None, problem
    assert len(en_h) == len(zh_h)


# -- the builder with bad input (a tiny kit in a temporary folder) ------------------------------

def _tiny_kit(tmp_path: Path) -> tuple[Path, dict]:
    """A kit with one English notebook (markdown with links, a code cell) and its catalogue."""
    root = tmp_path / "kit"
    (root / "notebooks").mkdir(parents=True)
    (root / "docs" / "zh").mkdir(parents=True)
    (root / "docs" / "glossary.md").write_text("# Glossary\n", encoding="utf-8")
    (root / "docs" / "zh" / "glossary.md").write_text("# 术语表\n", encoding="utf-8")
    (root / "docs" / "trainer-guide.md").write_text("# Guide\n", encoding="utf-8")
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 09 · Test\n\nSee [the glossary](../docs/glossary.md#r), "
                                      "[the guide](../docs/trainer-guide.md), [chapter 08]"
                                      "(08-other.ipynb) and [the web](https://example.org).",
                                      id="aaaa0001"),
        nbformat.v4.new_code_cell('x = 2\nprint("total:", x)  # the total', id="aaaa0002"),
        nbformat.v4.new_code_cell("x + 1", id="aaaa0003"),
    ]
    english = root / "notebooks" / "09-test.ipynb"
    nbformat.write(nb, english)
    catalogue = {"notebook": "notebooks/09-test.ipynb", "cells": [
        {"id": "aaaa0001", "type": "markdown", "en_sha": zh_catalogue.sha(nb.cells[0].source),
         "en": nb.cells[0].source,
         "zh": "# 09 · 测试（Test）\n\n见[术语表](../docs/glossary.md#r)、[指南](../docs/"
               "trainer-guide.md)、[第 08 章](08-other.ipynb)和[网页](https://example.org)。"},
        {"id": "aaaa0002", "type": "code", "en_sha": zh_catalogue.sha(nb.cells[1].source),
         "en": nb.cells[1].source, "zh": 'x = 2\nprint("合计：", x)  # 合计'},
        {"id": "aaaa0003", "type": "code", "en_sha": zh_catalogue.sha(nb.cells[2].source),
         "en": nb.cells[2].source, "same": True},
    ]}
    return root, catalogue


def _save(root: Path, catalogue: dict) -> Path:
    path = root / "i18n" / "zh" / "notebooks" / "09-test.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    zh_catalogue.dump(catalogue, path)
    return path


def _run(root: Path, capsys, *extra: str) -> tuple[int, str]:
    rc = build_zh.main([str(root / "notebooks" / "09-test.ipynb"), "--no-execute", *extra],
                       root=root)
    return rc, capsys.readouterr().out


def test_builder_writes_a_chinese_notebook_with_links_for_the_deeper_folder(tmp_path, capsys):
    root, catalogue = _tiny_kit(tmp_path)
    _save(root, catalogue)
    rc, out = _run(root, capsys)
    assert rc == 0, out
    built = _read(root / "notebooks" / "zh" / "09-test.ipynb")
    assert [(c.id, c.cell_type) for c in built.cells] == [
        ("aaaa0001", "markdown"), ("aaaa0002", "code"), ("aaaa0003", "code")]
    md = built.cells[0].source
    assert "](../../docs/zh/glossary.md#r)" in md        # a Chinese version exists: use it
    assert "](../../docs/trainer-guide.md)" in md        # none: the English one, one level up
    assert "](08-other.ipynb)" in md                     # a sibling: the Chinese sibling
    assert "](https://example.org)" in md
    assert built.metadata["language"] == "zh"
    assert built.cells[1].source == 'x = 2\nprint("合计：", x)  # 合计'
    assert built.cells[2].source == "x + 1"
    assert not list((root / "notebooks" / "zh").glob("*.tmp"))
    rc, out = _run(root, capsys)                         # nothing changed: nothing written
    assert rc == 0 and "0 written, 1 up to date" in out


def _assert_stops(root: Path, capsys, *needles: str) -> str:
    rc, out = _run(root, capsys)
    assert rc == 1, out
    assert "nothing written" in out
    assert "i18n/zh/notebooks/09-test.yaml" in out, out   # the file ...
    for needle in needles:                                # ... the cell id and the reason
        assert needle in out, out
    assert not (root / "notebooks" / "zh").exists(), "something was written"
    return out


def test_builder_stops_on_an_entry_for_a_vanished_cell(tmp_path, capsys):
    root, catalogue = _tiny_kit(tmp_path)
    catalogue["cells"].append({"id": "deadbeef", "type": "markdown", "en_sha": "0" * 12,
                               "en": "gone", "zh": "没了"})
    _save(root, catalogue)
    _assert_stops(root, capsys, "deadbeef", "no longer exists")


def test_builder_stops_on_a_duplicated_id(tmp_path, capsys):
    root, catalogue = _tiny_kit(tmp_path)
    catalogue["cells"].append(dict(catalogue["cells"][1]))
    _save(root, catalogue)
    _assert_stops(root, capsys, "aaaa0002", "appears twice")


def test_builder_stops_on_a_quote_that_breaks_the_code(tmp_path, capsys):
    root, catalogue = _tiny_kit(tmp_path)
    catalogue["cells"][1]["zh"] = 'x = 2\nprint("合计"总额"：", x)'
    _save(root, catalogue)
    _assert_stops(root, capsys, "aaaa0002", "does not parse", "quote")


def test_builder_stops_on_changed_code_and_on_a_stale_translation(tmp_path, capsys):
    root, catalogue = _tiny_kit(tmp_path)
    catalogue["cells"][1]["zh"] = 'x = 3\nprint("合计：", x)'
    catalogue["cells"][0]["en_sha"] = "0123456789ab"
    _save(root, catalogue)
    _assert_stops(root, capsys, "aaaa0002", "more than string literals",
                  "stale translation: 09-test cell aaaa0001, English changed")


def test_builder_stops_on_unreadable_yaml(tmp_path, capsys):
    root, catalogue = _tiny_kit(tmp_path)
    path = _save(root, catalogue)
    path.write_text(path.read_text(encoding="utf-8") + "  - : [\n", encoding="utf-8")
    _assert_stops(root, capsys, "not valid YAML")


def test_builder_lists_an_unfinished_catalogue_and_builds_nothing_from_it(tmp_path, capsys):
    root, catalogue = _tiny_kit(tmp_path)
    catalogue["cells"][0]["zh"] = None
    _save(root, catalogue)
    rc, out = _run(root, capsys)
    assert rc == 0 and "not built: notebooks/09-test.ipynb" in out and "1 cell(s)" in out
    assert not (root / "notebooks" / "zh").exists()
    rc, out = _run(root, capsys, "--strict")
    assert rc == 1


def test_a_failing_execution_leaves_the_old_notebook_in_place(tmp_path, capsys, monkeypatch):
    root, catalogue = _tiny_kit(tmp_path)
    _save(root, catalogue)
    assert _run(root, capsys)[0] == 0
    target = root / "notebooks" / "zh" / "09-test.ipynb"
    before = target.read_bytes()
    catalogue["cells"][1]["zh"] = 'x = 2\nprint("总计：", x)  # 总计'
    _save(root, catalogue)

    def boom(path, **_):
        raise RuntimeError("a cell failed")

    monkeypatch.setattr(build_zh.run_notebooks, "execute", boom)
    rc = build_zh.main([str(root / "notebooks" / "09-test.ipynb")], root=root)
    assert rc == 1 and "FAILED" in capsys.readouterr().out
    assert target.read_bytes() == before
    assert not list(target.parent.glob("*.tmp"))


def test_a_hand_written_student_stub_can_be_translated(tmp_path):
    root, catalogue = _tiny_kit(tmp_path)
    english = root / "notebooks" / "09-test.ipynb"
    nb = _read(english)
    nb.cells[1].metadata["coursekit"] = {"stub": "# Replace the line\nx = ...  # your code here"}
    nbformat.write(nb, english)
    catalogue["cells"][1]["zh_stub"] = "# 替换这一行\nx = ...  # 在这里写你的代码"
    _save(root, catalogue)
    assert zh_catalogue.problems(english, root=root) == []
    built = build_zh.build(english, root=root)
    assert built.cells[1].metadata["coursekit"]["stub"].startswith("# 替换这一行")
    student = make_exercises.build_student(built)
    assert student.cells[1].source == 'x = 2\nprint("合计：", x)  # 合计'   # not tagged solution
    catalogue["cells"][1]["zh_stub"] = "y = ..."
    _save(root, catalogue)
    assert any("zh_stub differs" in p for p in zh_catalogue.problems(english, root=root))
