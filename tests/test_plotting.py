"""Chinese chart labels render out of the box, in PNG and PDF, with no missing-glyph warning."""

from __future__ import annotations

import logging
import warnings

import matplotlib.pyplot as plt
import pytest

from coursekit import plotting


def _chinese_figure():
    fig, ax = plt.subplots()
    ax.plot([-2, 0, 3], [1, -1, 2])
    plotting.label(ax, title="客户满意度指数 (satisfaction index) −5%", x="月份 (month)",
                   y="金额（元）")
    fig.suptitle("粗体标题 (bold)", fontweight="bold")  # one weight bundled: no findfont warning
    return fig


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_chinese_labels_render_without_missing_glyphs(tmp_path, fmt, caplog):
    plotting.use_style()
    fig = _chinese_figure()
    with warnings.catch_warnings(), caplog.at_level(logging.WARNING):
        warnings.simplefilter("error")  # "Glyph ... missing from font" is a UserWarning
        fig.savefig(tmp_path / f"chart.{fmt}")
    assert not [r for r in caplog.records if "findfont" in r.getMessage() or
                "Glyph" in r.getMessage()]
    assert (tmp_path / f"chart.{fmt}").stat().st_size > 1000


def test_the_bundled_font_is_used_and_has_the_common_characters():
    plotting.use_style()
    assert plotting.FONT_FILE.is_file()
    assert (plotting.FONT_FILE.parent / "OFL.txt").is_file()
    import matplotlib as mpl

    assert mpl.rcParams["font.sans-serif"][0] == plotting.FONT_NAME
    assert plotting.font_renders("客户关系管理实务：让渡价值、满意度、忠诚度、价值流 −12% ≥ ≤ ×")


def test_use_style_rejects_bad_options():
    with pytest.raises(ValueError, match="context"):
        plotting.use_style(context="poster")
    with pytest.raises(ValueError, match="font_scale"):
        plotting.use_style(font_scale=0)


# -- the Chinese edition's figures (notebooks/zh, exercises/zh, built by `make zh`) -------------

def _zh_notebooks():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    dirs = [root / "notebooks" / "zh", root / "exercises" / "zh",
            root / "exercises" / "solutions" / "zh"]
    return sorted(p for d in dirs for p in d.glob("*.ipynb"))


ZH_NOTEBOOKS = _zh_notebooks()


@pytest.mark.parametrize("path", ZH_NOTEBOOKS, ids=[p.name for p in ZH_NOTEBOOKS])
def test_chinese_edition_stored_outputs_have_no_missing_glyph_warning(path):
    """A figure drawn with a character the bundled font lacks leaves a warning in the stored
    stderr output ("Glyph 12345 (…) missing from font(s) …") — none may be there."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            text = out.get("text", "") if out.get("output_type") == "stream" else ""
            assert not ("missing from font" in text or "Glyph" in text or "findfont" in text), \
                f"{path.name} cell {cell.id}: {text.strip()[:300]}"


def _zh_strings() -> list[str]:
    """Every non-ASCII string literal of the Chinese edition's code cells (titles, labels …)."""
    import ast
    import sys
    from pathlib import Path

    import nbformat

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
    from zh_catalogue import python_of

    found: set[str] = set()
    for path in ZH_NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code":
                continue
            for node in ast.walk(ast.parse(python_of(cell.source))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                        and not node.value.isascii():
                    found.add(node.value)
    return sorted(found)


@pytest.mark.skipif(not ZH_NOTEBOOKS, reason="the Chinese edition is not built (make zh)")
def test_chinese_edition_chart_strings_render_with_the_bundled_font(tmp_path, caplog):
    """Every Chinese string of the edition's code, drawn with the kit's style: no glyph missing."""
    strings = _zh_strings()
    assert strings, "no Chinese strings in the Chinese edition's code"
    plotting.use_style()
    fig, ax = plt.subplots(figsize=(8, max(2, len(strings) * 0.12)))
    for i, text in enumerate(strings):
        ax.text(0, i, text.replace("$", r"\$"), fontsize=6)
    ax.set_ylim(-1, len(strings))
    with warnings.catch_warnings(), caplog.at_level(logging.WARNING):
        warnings.simplefilter("error")
        fig.savefig(tmp_path / "zh-strings.png", dpi=40)
    assert not [r for r in caplog.records if "findfont" in r.getMessage() or
                "Glyph" in r.getMessage()]
