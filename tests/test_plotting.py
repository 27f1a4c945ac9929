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
