"""Chinese chart labels render out of the box, in PNG and PDF, with no missing-glyph warning."""

from __future__ import annotations

import logging
import re
import warnings

import matplotlib.pyplot as plt
import pytest

import coursekit
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
    fig.set_layout_engine("none")  # long sentences on one axis: layout is not what is tested
    for i, text in enumerate(strings):
        ax.text(0, i, text.replace("$", r"\$"), fontsize=6)
    ax.set_ylim(-1, len(strings))
    with warnings.catch_warnings(), caplog.at_level(logging.WARNING):
        warnings.simplefilter("error")
        fig.savefig(tmp_path / "zh-strings.png", dpi=40)
    assert not [r for r in caplog.records if "findfont" in r.getMessage() or
                "Glyph" in r.getMessage()]

# --------------------------------------------------------------------------------------
# Every plot_* helper: one convention (ax=None, returns the Axes) and the edition's language
# --------------------------------------------------------------------------------------


def _plot_calls():
    """One call per public plot_* helper of the kit, on small inputs (name → function)."""
    import numpy as np
    import pandas as pd

    from coursekit import (
        benchmarking,
        class_report,
        clv_models,
        complaints,
        excellence,
        lean,
        retention,
        satisfaction,
        stp,
        survival,
        targeting,
        value,
    )

    cohorts = pd.DataFrame([[1.0, 0.5, 0.4], [1.0, 0.6, np.nan]], index=["2024-01", "2024-02"])
    summary = pd.DataFrame({"frequency": [0, 2, 5, 1, 7, 0, 3],
                            "recency": [0, 20, 30, 5, 38, 0, 12], "T": [39, 38, 39, 30, 39, 20, 35]})
    sheet = pd.DataFrame({"criterion": ["a", "a", "b"], "code": ["a1", "a2", "b1"],
                          "criterion_weight": 1, "item_weight": 1, "score": [4, 2, 3]})
    ratings = pd.DataFrame({"price": [2, 4, 6], "taste": [6, 4, 3], "speed": [1, 5, 2]},
                           index=["A", "B", "C"])
    toy = pd.DataFrame({"spend": [10.0, 30.0, 50.0, 70.0], "visits": [1, 2, 3, 6]})
    return {
        "benchmarking.plot_comparison": lambda: benchmarking.plot_comparison(
            benchmarking.compare_means(pd.DataFrame({"taste": [4, 5, 3, 4], "speed": [2, 3, 2, 3]}),
                                       pd.DataFrame({"taste": [3, 3, 4, 2], "speed": [4, 4, 5, 4]}))),
        "class_report.plot_heatmap": lambda: class_report.plot_heatmap(class_report.example_report()),
        "clv_models.plot_expected_vs_alive": lambda: clv_models.plot_expected_vs_alive(
            clv_models.fit_bgnbd(summary), t=39),
        "complaints.plot_pareto": lambda: complaints.plot_pareto(complaints.complaint_pareto(
            pd.DataFrame({"cat": ["wait"] * 6 + ["taste"] * 3 + ["price"]}), cause="cat")),
        "excellence.plot_scorecard": lambda: excellence.plot_scorecard(excellence.scorecard(sheet)),
        "lean.plot_radar": lambda: lean.plot_radar(pd.Series([80, 60, 70], index=["a", "b", "c"])),
        "retention.plot_cohort_heatmap": lambda: retention.plot_cohort_heatmap(cohorts),
        "retention.plot_retention_curves": lambda: retention.plot_retention_curves(cohorts),
        "satisfaction.plot_ipa": lambda: satisfaction.plot_ipa(satisfaction.ipa(
            pd.Series({"taste": 4.6, "price": 4.2, "music": 2.1}),
            pd.Series({"taste": 4.4, "price": 3.1, "music": 4.0}))),
        "stp.plot_choose_k": lambda: stp.plot_choose_k(stp.choose_k(
            pd.DataFrame({"x": [1, 1, 2, 5, 5, 6, 9, 9, 10]}), ["x"], [2, 3, 4])),
        "stp.plot_profile": lambda: stp.plot_profile(stp.profile(toy, [1, 1, 2, 2],
                                                                 ["spend", "visits"])),
        "stp.plot_perceptual_map": lambda: stp.plot_perceptual_map(stp.perceptual_map(ratings)),
        "stp.plot_segments": lambda: stp.plot_segments(toy.assign(segment=[1, 1, 2, 2]), "spend"),
        "satisfaction.plot_driver": lambda: satisfaction.plot_driver(
            pd.DataFrame({"speed": [1, 2, 3, 4, 5, 3, 4], "overall": [2, 2, 3, 4, 5, 3, 5]}),
            "speed", "overall"),
        "survival.plot_survival": lambda: survival.plot_survival(survival.kaplan_meier(
            pd.DataFrame({"t": [1, 2, 3, 4, 5], "e": [1, 1, 0, 1, 0]}), duration="t", event="e")),
        "targeting.plot_gains": lambda: targeting.plot_gains([1, 0, 1, 0, 0], [.9, .1, .8, .3, .2]),
        "value.plot_concentration": lambda: value.plot_concentration([50, 30, 10, 5, 5]),
    }


@pytest.mark.parametrize("kind", ["box", "violin", "strip"])
def test_plot_segments_kinds_and_bad_input(kind):
    import pandas as pd

    from coursekit import stp

    df = pd.DataFrame({"segment": list("aaabbbccc"), "spend": [1, 2, 3, 5, 6, 7, 9, 9, 12]})
    ax = stp.plot_segments(df, "spend", kind=kind)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["a", "b", "c"]
    with pytest.raises(ValueError, match="kind"):
        stp.plot_segments(df, "spend", kind="pie")
    with pytest.raises(ValueError, match="has no column"):
        stp.plot_segments(df, "spned")
    plt.close("all")


def test_plot_driver_reports_slope_and_refuses_too_little_data():
    import pandas as pd

    from coursekit import satisfaction

    df = pd.DataFrame({"x": [1, 2, 3, 4, 5], "y": [2, 4, 6, 8, 10]})
    assert "slope 2.00, r = 1.00" in satisfaction.plot_driver(df, "x", "y").get_title()
    with pytest.raises(ValueError, match="at least 3 rows"):
        satisfaction.plot_driver(df.head(2), "x", "y")
    with pytest.raises(ValueError, match="numbers"):
        satisfaction.plot_driver(df.assign(x=list("abcde")), "x", "y")
    plt.close("all")


def test_every_plot_helper_is_covered_and_follows_the_convention():
    import importlib
    import inspect

    import coursekit

    found = set()
    for module in coursekit.MODULES:
        mod = importlib.import_module(f"coursekit.{module}")
        for name in getattr(mod, "__all__", []):
            fn = getattr(mod, name)
            if name.startswith("plot_") and inspect.isfunction(fn) and fn.__module__ == mod.__name__:
                found.add(f"{module}.{name}")
                sig = inspect.signature(fn)
                assert "ax" in sig.parameters, f"{module}.{name} takes no ax="
                ax = sig.parameters["ax"]
                assert ax.default is None and ax.kind is ax.KEYWORD_ONLY, f"{module}.{name}: ax"
                assert "Axes" in str(ax.annotation) and "Axes" in str(sig.return_annotation), \
                    f"{module}.{name}: ax: Axes | None = None -> Axes"
    assert found == set(_plot_calls()), "a plot_* helper is missing from _plot_calls()"


#: Helpers whose legend shows only names from the data (cohorts, groups): nothing to translate.
_LEGEND_OF_DATA_NAMES = {"retention.plot_retention_curves", "survival.plot_survival"}


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


@pytest.mark.parametrize("name", sorted(_plot_calls()))
def test_plot_helpers_speak_the_editions_language(name, tmp_path, caplog):
    import matplotlib

    from coursekit import get_language, set_language

    matplotlib.use("Agg")
    plotting.use_style()
    before = get_language()
    try:
        set_language("zh")
        ax = _plot_calls()[name]()
        assert isinstance(ax, matplotlib.axes.Axes), f"{name} must return its Axes"
        texts = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        assert _has_chinese(ax.get_title()), f"{name}: title {ax.get_title()!r}"
        if ax.name != "polar":  # a radar has no axis titles, only its spokes
            assert _has_chinese(ax.get_xlabel()) or _has_chinese(ax.get_ylabel()), \
                f"{name}: axis labels {texts[1:]!r}"
        legend = ax.get_legend()
        if legend is not None and name not in _LEGEND_OF_DATA_NAMES:
            words = [t.get_text() for t in legend.get_texts()]
            assert any(_has_chinese(w) for w in words), f"{name}: legend {words!r}"
        with warnings.catch_warnings(), caplog.at_level(logging.WARNING):
            warnings.simplefilter("error")  # "Glyph ... missing from font" is a UserWarning
            ax.figure.savefig(tmp_path / "chart.png")
        assert not [r for r in caplog.records if "findfont" in r.getMessage()
                    or "Glyph" in r.getMessage()], name
        set_language("en")
        ax_en = _plot_calls()[name]()
        assert not _has_chinese(ax_en.get_title() + ax_en.get_xlabel() + ax_en.get_ylabel()), name
    finally:
        set_language(before)
        plt.close("all")


# --- data-derived words on the charts go through the Chinese vocabulary (coursekit.display) ----

def _texts(ax) -> list[str]:
    """Every text a chart shows: title, axis labels, tick labels, legend entries, annotations."""
    fig = ax.figure
    fig.canvas.draw()
    out = []
    for a in fig.axes:
        out += [a.get_title(), a.get_xlabel(), a.get_ylabel()]
        out += [t.get_text() for t in a.get_xticklabels() + a.get_yticklabels()]
        out += [t.get_text() for t in a.texts]
        legend = a.get_legend()
        if legend is not None:
            out += [t.get_text() for t in legend.get_texts()]
    return [t for t in out if t]


def _data_charts():
    import matplotlib.pyplot as plt
    import pandas as pd

    from coursekit import complaints, survival, targeting, value

    log = pd.DataFrame({"category": ["wait_time"] * 6 + ["voucher"] * 3 + ["wrong_order"]})
    durations = pd.DataFrame({"t": [1, 2, 3, 4, 5, 6], "e": [1, 1, 0, 1, 0, 1],
                              "channel": ["app", "app", "store", "store", "mini-program",
                                          "mini-program"]})
    charts = {
        "pareto": complaints.plot_pareto(complaints.complaint_pareto(log, cause="category")),
        "survival": survival.plot_survival(survival.kaplan_meier(durations, duration="t",
                                                                 event="e", group="channel")),
        "concentration": value.plot_concentration([10, 50, 5, 30, 5], value_name="sales",
                                                  cuts=(0.8,)),
        "gains": targeting.plot_gains([1, 0, 1, 0, 0, 1], {"logistic": [.9, .1, .8, .3, .2, .6],
                                                          "tree": [.5, .5, .9, .1, .2, .7]},
                                      positive="churners"),
    }
    texts = {k: _texts(ax) for k, ax in charts.items()}
    plt.close("all")
    return texts


def test_english_charts_show_the_data_words_as_they_are():
    texts = _data_charts()
    assert {"wait_time", "voucher", "wrong_order", "category"} <= set(texts["pareto"])
    assert {"app", "store", "mini-program"} <= set(texts["survival"])
    assert "share of total sales (cumulative %)" in texts["concentration"]
    assert "churners reached (cumulative % of all churners)" in texts["gains"]
    assert any(t.startswith("logistic (") for t in texts["gains"])
    assert not any(re.search("[\u4e00-\u9fff]", t) for ts in texts.values() for t in ts)


def test_chinese_charts_show_the_data_words_in_chinese():
    coursekit.set_language("zh")
    try:
        texts = _data_charts()
    finally:
        coursekit.set_language("en")
    assert {"等待时间", "优惠券", "订单出错", "类别"} <= set(texts["pareto"])
    assert {"App", "门店", "小程序"} <= set(texts["survival"])
    assert "占销售额总量的比例（累计 %）" in texts["concentration"]
    assert "覆盖的流失客户（占全部流失客户的累计 %）" in texts["gains"]
    assert any(t.startswith("逻辑回归（") for t in texts["gains"])
    assert any(t.startswith("决策树（") for t in texts["gains"])
    words = {"wait_time", "voucher", "app", "mini-program", "logistic", "tree", "churners",
             "sales"}
    assert not any(w in t for ts in texts.values() for t in ts for w in words)
