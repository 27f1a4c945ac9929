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
    assert list(view.columns) == ["客户类型", "营业收入", "毛利", "note", "segment_zh",
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
    assert view["segment_zh"].tolist() == ["通勤族", "commuter", "社交型顾客", "x"]  # not touched
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
