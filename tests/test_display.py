"""coursekit.display: Chinese labels for tables in the Chinese edition, display only."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import coursekit
from coursekit import display

ROOT = Path(__file__).resolve().parents[1]


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "account_type": pd.Categorical(["retailer", "distributor", "retailer", "system integrator"]),
        "revenue": [1200.5, 830.25, 95.0, 4000.125],
        "gross_margin": [300.0, 210.5, -12.25, 980.0],
        "note": ["retailer", "call back", None, "remote worker"],
        "segment_zh": ["通勤族", "commuter", "社交型顾客", "x"],
        "mystery_column": ["a", "b", "c", "d"],
        "valid": [True, False, True, True],
    }, index=pd.Index([11, 12, 13, 14], name="account_id"))


@pytest.fixture
def shell():
    """A running IPython shell (what a Jupyter kernel has), English again afterwards."""
    from IPython.core.interactiveshell import InteractiveShell

    ip = InteractiveShell.instance()
    yield ip
    coursekit.set_language("en")
    InteractiveShell.clear_instance()


def _shown(ip, obj) -> dict:
    data, _ = ip.display_formatter.format(obj)
    return data


# --- zh_view: a relabelled copy ---------------------------------------------------------------

def test_view_relabels_columns_index_names_and_category_values():
    view = display.zh_view(_frame())
    assert list(view.columns) == ["客户类型", "营业收入", "毛利", "note", "细分市场",
                                  "mystery_column", "有效"]
    assert view.index.name == "客户编号"
    assert view["客户类型"].tolist() == ["零售商", "分销商", "零售商", "系统集成商"]
    assert isinstance(view["客户类型"].dtype, pd.CategoricalDtype)
    # text columns: known values relabelled, the rest (and missing values) kept
    assert view["note"].tolist()[:2] == ["零售商", "call back"] and view["note"].isna().iloc[2]
    assert view["note"].iloc[3] == "远程办公者"


def test_callers_frame_is_unchanged():
    df = _frame()
    before = df.copy()
    display.zh_view(df)
    pd.testing.assert_frame_equal(df, before)
    assert list(df.columns)[0] == "account_type" and df.index.name == "account_id"


def test_numbers_dates_and_booleans_are_unchanged():
    df = _frame()
    df["joined"] = pd.to_datetime(["2025-01-01", "2025-02-01", "2025-03-01", "2025-04-01"])
    view = display.zh_view(df)
    for en, zh in [("revenue", "营业收入"), ("gross_margin", "毛利"), ("valid", "有效"),
                   ("joined", "joined")]:
        pd.testing.assert_series_equal(view[zh], df[en], check_names=False)
    assert list(view.index) == list(df.index)


def test_unknown_names_and_zh_columns_stay_as_they_are():
    view = display.zh_view(_frame())
    assert view["mystery_column"].tolist() == ["a", "b", "c", "d"]
    # a _zh column alone: its values untouched, under its base name's label
    assert view["细分市场"].tolist() == ["通勤族", "commuter", "社交型顾客", "x"]
    assert display.zh_label("revenue_zh") == "revenue_zh"
    assert display.zh_label(None) is None and display.zh_label(3.5) == 3.5


def test_series_index_labels_read_as_names_or_values_by_what_the_axis_holds():
    weights = pd.Series([0.5, 0.3, 0.2], index=["sales", "growth", "payment_days"], name="weight")
    assert list(display.zh_view(weights).index) == ["销售额", "增长率", "回款天数"]
    stages = pd.Series([1, 2, 3], index=pd.Index(["acquisition", "growth", "maturity"],
                                                  name="stage"))
    view = display.zh_view(stages)
    assert list(view.index) == ["考察期", "形成期", "稳定期"] and view.index.name == "生命周期阶段"


def test_multiindex_and_categories_that_merge():
    idx = pd.MultiIndex.from_tuples([("Harbour Coffee", 2024), ("Lighthouse Coffee", 2025)],
                                    names=["brand", "year"])
    s = pd.Series([200, 200], index=idx)
    view = display.zh_view(s)
    assert list(view.index) == [("海港咖啡", 2024), ("灯塔咖啡", 2025)]
    assert list(view.index.names) == ["品牌", "年份"]
    # two English values with one Chinese label (commuter, commuters) in one categorical
    cat = pd.Series(pd.Categorical(["commuter", "commuters", "student"]), name="visitor_type")
    assert display.zh_view(cat).tolist() == ["通勤族", "通勤族", "学生"]


def test_other_objects_pass_through():
    assert display.zh_view([1, 2]) == [1, 2]
    assert display.zh_view("revenue") == "revenue"


def test_empty_frames_show():
    view = display.zh_view(pd.DataFrame(columns=["revenue", "store"]))
    assert list(view.columns) == ["营业收入", "门店"] and len(view) == 0


# --- IPython formatters ----------------------------------------------------------------------

def test_english_display_is_pandas_own(shell):
    df = _frame()
    pristine = _shown(shell, df)
    coursekit.set_language("en")
    assert _shown(shell, df) == pristine
    coursekit.set_language("zh")
    coursekit.set_language("en")
    assert _shown(shell, df) == pristine          # byte-identical after zh → en
    assert pristine["text/plain"] == repr(df) and pristine["text/html"] == df._repr_html_()
    assert "account_type" in pristine["text/html"]


def test_chinese_display_and_print_are_relabelled(shell, capsys):
    df = _frame()
    coursekit.set_language("zh")
    with pd.option_context("display.width", 250, "display.max_columns", None):
        shown = _shown(shell, df)
    assert set(shown) == {"text/plain", "text/html"}
    for text in shown.values():
        assert "客户类型" in text and "零售商" in text and "account_type" not in text
        assert "4000.125" in text and "-12.25" in text           # pandas' own number format
    series = _shown(shell, df.groupby("account_type", observed=True)["revenue"].sum())
    assert set(series) == {"text/plain"} and "系统集成商" in series["text/plain"]
    with pd.option_context("display.width", 250, "display.max_columns", None):
        print(df)
    print(df["account_type"].value_counts().to_string())
    out = capsys.readouterr().out
    assert "客户类型" in out and "零售商" in out and "account_type" not in out
    assert list(df.columns)[0] == "account_type"                 # the data keep their names


def test_pandas_precision_option_is_kept(shell):
    df = pd.DataFrame({"revenue": [1 / 3]})
    coursekit.set_language("zh")
    with pd.option_context("display.precision", 2):
        assert "0.33" in _shown(shell, df)["text/plain"] and "0.333" not in repr(df)


def test_formatters_and_to_string_removed_on_english(shell):
    original = pd.DataFrame.__dict__["to_string"], pd.Series.__dict__["to_string"]
    plain = shell.display_formatter.formatters["text/plain"]
    html = shell.display_formatter.formatters["text/html"]
    coursekit.set_language("zh")
    assert pd.DataFrame in plain.type_printers and pd.DataFrame in html.type_printers
    coursekit.set_language("zh")                                   # twice: still one install
    coursekit.set_language("en")
    assert pd.DataFrame not in plain.type_printers and pd.Series not in plain.type_printers
    assert pd.DataFrame not in html.type_printers
    assert (pd.DataFrame.__dict__["to_string"], pd.Series.__dict__["to_string"]) == original
    assert display.remove_formatters() is False                    # nothing left to remove


def test_a_printer_registered_before_is_given_back(shell):
    plain = shell.display_formatter.formatters["text/plain"]

    def mine(obj, p, cycle):
        p.text("mine")

    plain.for_type(pd.Series, mine)
    coursekit.set_language("zh")
    coursekit.set_language("en")
    assert plain.type_printers[pd.Series] is mine
    plain.pop(pd.Series)


def test_printed_only_when_asked(shell):
    original = pd.DataFrame.__dict__["to_string"]
    assert display.install_formatters(printed=False) is True
    assert pd.DataFrame.__dict__["to_string"] is original
    display.remove_formatters()


def test_no_ipython_no_error_and_nothing_patched():
    code = ("import sys, coursekit, pandas as pd\n"
            "before = pd.DataFrame.__dict__['to_string']\n"
            "coursekit.set_language('zh'); coursekit.set_language('en'); coursekit.set_language('zh')\n"
            "print('IPython' in sys.modules, pd.DataFrame.__dict__['to_string'] is before,\n"
            "      'account_type' in repr(pd.DataFrame({'account_type': [1]})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "True"], out.stdout + out.stderr


def test_import_coursekit_does_not_import_ipython_or_pandas_for_the_display():
    code = "import sys, coursekit; coursekit.set_language('zh'); print('IPython' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- the vocabulary --------------------------------------------------------------------------

def _card_columns() -> set[str]:
    found = set()
    for card in (ROOT / "datasets").glob("*.md"):
        for line in card.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\| ([a-z][a-z0-9_]*) \| (int|float|str|bool|date|datetime|category) \|",
                         line)
            if m:
                found.add(m.group(1))
    return found


#: Questionnaire item codes, shown as in the data set card and the text (`qual1–3`).
ITEM_CODES = {"expe1", "expe2", "expe3", "qual1", "qual2", "qual3", "val1", "val2", "acsi1",
              "acsi2", "acsi3", "loy1", "loy2"}


def test_every_data_set_column_has_a_chinese_label():
    columns = display.zh_labels()["columns"]
    missing = sorted(c for c in _card_columns() - ITEM_CODES
                     if not c.endswith("_zh") and c not in columns)
    assert not missing, f"coursekit/zh_labels.toml [columns] lacks: {missing}"


def test_labels_agree_with_the_kits_own_chinese_names():
    from coursekit import benchmarking, lean, loyalty, satisfaction

    values = display.zh_labels()["values"]
    for table in (loyalty.QUADRANTS_ZH, loyalty.ZONES_ZH, satisfaction.QUADRANTS,
                  benchmarking.VERDICTS_ZH, lean.SIX_S_ZH):
        for en, zh in table.items():
            assert values[en] == zh, (en, values[en], zh)


def test_labels_keep_the_numbers_and_avoid_the_glossarys_wrong_variants():
    digits = re.compile(r"\d+(?:[.,]\d+)*")
    wrong = ("当前价值", "钢铁", "背叛者", "港湾咖啡", "隐性维度", "客户让渡价值", "总顾客")
    for kind, table in display.zh_labels().items():
        for en, zh in table.items():
            assert sorted(digits.findall(en)) == sorted(digits.findall(zh)), (kind, en, zh)
            assert zh and zh == zh.strip() and not any(w in zh for w in wrong), (kind, en, zh)


def test_zh_label_rejects_an_unknown_kind():
    with pytest.raises(ValueError, match="kind"):
        display.zh_label("revenue", kind="rows")


# --- x and x_zh, tables with their own words, yes / no ---------------------------------------

def test_a_zh_column_is_shown_in_place_of_its_english_column():
    from coursekit import grading

    table = grading.RFM_SEGMENTS
    before = table.copy()
    view = display.zh_view(table)
    assert "segment_zh" not in view.columns and "action_zh" not in view.columns
    assert list(view.columns[-2:]) == ["细分市场", "行动建议"]
    assert view["细分市场"].tolist() == table["segment_zh"].tolist()
    assert view["行动建议"].tolist() == table["action_zh"].tolist()
    pd.testing.assert_frame_equal(table, before)           # the caller's table is unchanged
    # an index named x with a column x_zh: the Chinese values become the index
    zones = pd.DataFrame({"zone_zh": ["叛离带", "冷漠带"], "respondents": [12, 30]},
                         index=pd.Index(["defection", "indifference"], name="zone"))
    view = display.zh_view(zones)
    assert list(view.columns) == ["作答人数"] and list(view.index) == ["叛离带", "冷漠带"]
    assert view.index.name == "区带" and view["作答人数"].tolist() == [12, 30]
    # both columns, the quadrant kept in its place; a missing Chinese value falls back
    ipa = pd.DataFrame({"quadrant": ["low priority", "odd"], "quadrant_zh": ["次要改进区", None],
                        "gap": [0.5, -1.25]})
    view = display.zh_view(ipa)
    assert list(view.columns) == ["象限", "差距"] and view["象限"].tolist() == ["次要改进区", "odd"]
    assert view["差距"].tolist() == [0.5, -1.25]
    # a Series named x_zh shown under x's label
    assert display.zh_view(pd.Series(["铂金"], name="tier_zh")).name == "层级"


def test_gains_table_has_its_own_words_and_the_same_numbers():
    from coursekit import targeting

    t = targeting.gains_table([1, 1, 0, 1, 0, 0, 0, 0, 0, 0],
                              [.9, .8, .7, .6, .5, .4, .3, .2, .1, .05], bins=5)
    assert list(t.columns) == ["group", "customers", "positives", "rate", "contacted", "gain",
                               "lift"]                      # English output unchanged
    view = display.zh_view(t.round(3))                       # attrs survive round()
    assert list(view.columns) == ["组别", "客户数", "流失客户数", "组内流失率", "累计联系占比",
                                  "累计增益", "提升度"]
    assert view.to_numpy().tolist() == t.round(3).to_numpy().tolist()
    # elsewhere positives are chapter 05's positive moments of truth
    moments = pd.DataFrame({"positives": [3], "moments": [5]})
    assert list(display.zh_view(moments).columns) == ["正的定义时刻", "时刻数"]
    assert display.zh_label("positives", context="gains") == "流失客户数"
    assert display.zh_context("gains")["lift"] == "提升度" and display.zh_context(None) == {}


def test_yes_no_columns_and_new_vocabulary():
    df = pd.DataFrame({"vital_few": [True, False], "valid": [True, False],
                       "method": ["direct", "CRITIC"]})
    view = display.zh_view(df)
    assert view["关键少数"].tolist() == ["是", "否"]
    assert view["有效"].tolist() == [True, False]          # not listed: booleans kept
    assert view["method"].tolist() == ["直接打分法", "CRITIC 法"]
    by = pd.Series([0.2, 0.1], index=pd.Index([False, True], name="contract"))
    assert list(display.zh_view(by).index) == ["否", "是"]
    for en, zh in [("platinum", "铂金"), ("lead", "铅"), ("voucher", "优惠券"),
                   ("Harbour Front", "海港前街店"), ("Old Town", "老城店"), ("people", "人的维度"),
                   ("hidden", "隐藏维度"), ("mini-program", "小程序"), ("fits", "匹配"),
                   ("Changzhou", "常州"), ("logistic", "逻辑回归"), ("tree", "决策树"),
                   ("AHP", "层次分析法"), ("entropy", "熵权法"), ("audit_score", "审核得分"),
                   ("price_violations", "价格违规次数"), ("control", "掌控"), ("lapsed", "流失期")]:
        assert display.zh_label(en, kind="values") == zh, en
    assert display.zh_label("value") == "价值" and display.zh_label("revenue %") == "营业收入占比（%）"


def test_rfm_segments_vocabulary_agrees_with_the_kits_table():
    from coursekit import grading

    values = display.zh_labels()["values"]
    for en, zh in zip(grading.RFM_SEGMENTS["segment"], grading.RFM_SEGMENTS["segment_zh"],
                      strict=True):
        assert values[en] == zh
    for en, zh in zip(grading.RFM_SEGMENTS["action"], grading.RFM_SEGMENTS["action_zh"],
                      strict=True):
        assert values[en] == zh


# --- charts drawn in a notebook's own code: category ticks and legend words ------------------

def _chart():
    import matplotlib.pyplot as plt

    from coursekit.plotting import use_style

    use_style()  # the bundled Chinese font, as in every notebook
    fig, ax = plt.subplots(figsize=(4, 3))
    weights = pd.DataFrame({"direct": [0.4, 0.3, 0.3], "AHP": [0.41, 0.26, 0.33]},
                           index=["audit_score", "payment_days", "growth"])
    weights.plot.bar(ax=ax, rot=0)
    ax.set_title("AHP weights")
    seen = {}

    def on_draw(event):
        seen["ticks"] = [t.get_text() for t in ax.get_xticklabels()]
        seen["legend"] = [t.get_text() for t in ax.get_legend().get_texts()]
        seen["title"] = ax.get_title()

    fig.canvas.mpl_connect("draw_event", on_draw)
    return fig, ax, seen


def _png(fig) -> bytes:
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    return buf.getvalue()


def test_charts_in_chinese_while_rendered_and_english_charts_unchanged(shell):
    import matplotlib.pyplot as plt
    from matplotlib.backend_bases import FigureCanvasBase

    own = FigureCanvasBase.__dict__["print_figure"]
    fig, ax, seen = _chart()
    english = _png(fig)
    assert seen["ticks"] == ["audit_score", "payment_days", "growth"]
    coursekit.set_language("zh")
    _png(fig)
    # criteria read as names (growth: 增长率, not the lifecycle stage 形成期); methods in Chinese
    assert seen["ticks"] == ["审核得分", "回款天数", "增长率"]
    assert seen["legend"] == ["直接打分法", "层次分析法"]
    assert seen["title"] == "AHP weights"                 # the code's own text: the catalogue's job
    fig.canvas.draw()                                      # the figure in memory is English
    assert [t.get_text() for t in ax.get_xticklabels()] == ["audit_score", "payment_days", "growth"]
    coursekit.set_language("en")
    assert FigureCanvasBase.__dict__["print_figure"] is own
    assert _png(fig) == english                            # English: byte for byte
    plt.close(fig)


def test_model_feature_names_and_service_items_in_chinese():
    drivers = pd.Series([-0.56, 0.52, 0.46, -0.26],
                        index=["onehotencoder__contract_True", "onehotencoder__contract_False",
                               "standardscaler__complaints", "onehotencoder__city_Suzhou"])
    view = display.zh_view(drivers)
    assert list(view.index) == ["合约：是", "合约：否", "投诉数（标准化）", "城市：苏州"]
    assert view.tolist() == drivers.tolist()
    assert display.zh_label("onehotencoder__no_such_thing") == "onehotencoder__no_such_thing"
    from coursekit import datasets

    audit = datasets.load("coffee_service_audit")
    shown = display.zh_view(audit)
    assert not shown["题项"].str.contains("[a-z]{4}").any()      # every item in Chinese
    assert shown["门店"].iloc[0] == "海港前街店" and shown["维度"].iloc[0] == "人的维度"


def test_charts_in_chinese_keep_numbers_and_offsets(shell):
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1, 2], [1.0e6, 2.5e6, 3.0e6], label="lead")
    ax.legend()

    def shown():
        seen = {}

        def on_draw(event):
            seen["y"] = [t.get_text() for t in ax.get_yticklabels()]
            seen["offset"] = ax.yaxis.get_offset_text().get_text()
            seen["legend"] = ax.get_legend().get_texts()[0].get_text()

        cid = fig.canvas.mpl_connect("draw_event", on_draw)
        _png(fig)
        fig.canvas.mpl_disconnect(cid)
        return seen

    english = shown()
    coursekit.set_language("zh")
    chinese = shown()
    coursekit.set_language("en")
    assert chinese["y"] == english["y"] and chinese["offset"] == english["offset"] == "1e6"
    assert (english["legend"], chinese["legend"]) == ("lead", "铅")
    plt.close(fig)


def test_grade_summary_counts_clients():
    from coursekit import grading

    df = pd.DataFrame({"grade": ["A", "B", "A", "C"], "profit": [60, 25, 10, 5]})
    table = grading.grade_summary(df, grade="grade", value="profit")
    assert list(table.columns)[0] == "customers"
    assert list(display.zh_view(table.round(2)).columns)[:3] == ["客户数", "客户占比", "价值"]
    assert display.zh_label("customers") == "顾客数"       # elsewhere: coffee shop customers
