"""The Excel report (coursekit.excel_report): sheets, headers, charts, formats, never overwriting."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest
from openpyxl.chart import BarChart, LineChart

import coursekit
from coursekit import datasets, excel_report, owndata

MAPPING = {"订单号": "order_id", "会员编号": "customer_id", "下单日期": "date",
           "实付金额（元）": "amount", "商品类别": "product", "门店": "channel"}
ANALYSES = ("rfm", "abc", "cohorts", "clv")


@pytest.fixture(scope="module")
def cleaned():
    raw = owndata.read_table(datasets.data_dir() / "own_data_sample.xlsx")
    return owndata.clean_transactions(owndata.map_columns(raw, MAPPING), bad_dates="drop",
                                      returns="keep")


@pytest.fixture(scope="module")
def workbooks(cleaned, tmp_path_factory):
    tx, report = cleaned
    out = {}
    for lang in ("en", "zh"):
        path = tmp_path_factory.mktemp(lang) / "report.xlsx"
        excel_report.write_report(tx, path, cleaning=report, language=lang, created="2026-12-02")
        out[lang] = path
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_sheet_per_analysis_after_a_cover(workbooks, lang):
    wb = openpyxl.load_workbook(workbooks[lang])
    names = excel_report.SHEETS[lang]
    assert wb.sheetnames == [names[k] for k in ("cover", *ANALYSES)]
    assert all(len(n) <= 31 for n in wb.sheetnames)


@pytest.mark.parametrize(("lang", "sheet", "headers"), [
    ("en", "rfm", ["segment", "customers", "share of customers", "mean recency (days)"]),
    ("en", "abc", ["grade", "customers", "share of customers", "sales (CNY)", "share of sales"]),
    ("en", "cohorts", ["months since first purchase", "still buying (share)"]),
    ("en", "clv", ["customer", "repeat purchases", "weeks since first purchase",
                   "probability still active", "expected purchases",
                   "expected spend per purchase (CNY)", "predicted value (CNY)"]),
    ("zh", "rfm", ["客户类型", "客户数", "客户占比"]),
    ("zh", "abc", ["等级", "客户数", "客户占比", "销售额（元）", "销售额占比"]),
    ("zh", "cohorts", ["首次消费后第几个月", "保留率（仍在消费的占比）"]),
    ("zh", "clv", ["客户", "重复消费次数"]),
])
def test_headers_are_in_the_chosen_language(workbooks, lang, sheet, headers):
    ws = openpyxl.load_workbook(workbooks[lang])[excel_report.SHEETS[lang][sheet]]
    row = [c.value for c in ws[1]]
    assert row[:len(headers)] == headers
    assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("1F4E79")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_analysis_sheet_has_a_native_chart(workbooks, lang):
    wb = openpyxl.load_workbook(workbooks[lang])
    names = excel_report.SHEETS[lang]
    assert not wb[names["cover"]]._charts
    kinds = {}
    for key in ANALYSES:
        charts = wb[names[key]]._charts
        assert len(charts) == 1, key
        kinds[key] = type(charts[0])
    assert kinds == {"rfm": BarChart, "abc": BarChart, "cohorts": LineChart, "clv": BarChart}


def test_the_written_charts_have_titles_and_axis_titles(cleaned, tmp_path):
    # openpyxl does not read chart titles back, so check the objects written
    tx, report = cleaned
    wb = openpyxl.Workbook()
    tables = excel_report.report_tables(tx, language="en")
    excel_report._rfm_sheet(wb, tables, "en")
    chart = wb["RFM segments"]._charts[0]
    assert chart.title is not None and chart.x_axis.title is not None
    assert chart.y_axis.title is not None and chart.x_axis.delete is False


def test_tables_are_formatted(workbooks):
    wb = openpyxl.load_workbook(workbooks["en"])
    abc = wb["ABC grades"]
    assert abc.freeze_panes == "B2"
    assert abc["C2"].number_format == "0.0%" and abc["D2"].number_format == "#,##0.00"
    assert abc.column_dimensions["A"].width >= 8
    assert [abc.cell(row=r, column=1).value for r in (2, 3, 4)] == ["A", "B", "C"]
    assert wb["Customer lifetime value"].freeze_panes == "B2"
    assert wb["Cohort retention"].conditional_formatting  # the heat-map colour scale


def test_the_cover_has_the_date_source_counts_and_cleaning(workbooks, cleaned):
    tx, report = cleaned
    ws = openpyxl.load_workbook(workbooks["en"])["Cover"]
    values = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0]}
    assert values["Customer analysis report"] is None
    assert values["Created"].date() == pd.Timestamp("2026-12-02").date()
    assert values["Source file"] == "own_data_sample.xlsx"
    assert values["Rows read"] == 1780 and values["Rows after cleaning"] == 1758
    assert values["Customers"] == 419
    lines = [r[0] for r in ws.iter_rows(values_only=True) if r[0] and r[0].startswith("• ")]
    assert any("duplicate row(s) dropped" in line for line in lines)
    assert any("return(s)" in line and "kept" in line for line in lines)
    zh = openpyxl.load_workbook(workbooks["zh"])["封面"]
    assert zh["A1"].value == "客户分析报告"
    assert any("重复行" in str(r[0]) for r in zh.iter_rows(values_only=True))


def test_the_numbers_are_those_of_the_kits_helpers(cleaned, workbooks):
    from coursekit import grading

    tx, _ = cleaned
    ws = openpyxl.load_workbook(workbooks["en"])["ABC grades"]
    sales = tx.groupby("customer_id")["amount"].sum().clip(lower=0).rename("sales")
    grades = grading.abc(sales.reset_index(), "sales")["grade"].value_counts().sort_index()
    assert [ws.cell(row=r, column=2).value for r in (2, 3, 4)] == grades.tolist()


def test_refuses_to_overwrite_unless_told(cleaned, tmp_path):
    tx, report = cleaned
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"the manager's own notes")
    with pytest.raises(ValueError, match="already exists.*overwrite=True"):
        excel_report.write_report(tx, path, cleaning=report)
    assert path.read_bytes() == b"the manager's own notes"
    excel_report.write_report(tx, path, cleaning=report, overwrite=True)
    assert openpyxl.load_workbook(path).sheetnames[0] == excel_report.SHEETS["en"]["cover"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.xlsx"], "temp file left"


def test_bad_paths_and_options(cleaned, tmp_path):
    tx, _ = cleaned
    with pytest.raises(ValueError, match="ending in .xlsx"):
        excel_report.write_report(tx, tmp_path / "report.xls")
    with pytest.raises(ValueError, match="does not exist"):
        excel_report.write_report(tx, tmp_path / "no" / "report.xlsx")
    with pytest.raises(ValueError, match="`language` must be one of"):
        excel_report.write_report(tx, tmp_path / "r.xlsx", language="fr")
    with pytest.raises(TypeError, match="overwrite"):
        excel_report.write_report(tx, tmp_path / "r.xlsx", overwrite="yes")
    with pytest.raises(ValueError, match="no column 'amount'"):
        excel_report.write_report(tx.drop(columns="amount"), tmp_path / "r.xlsx")
    assert not list(tmp_path.iterdir())


def test_language_defaults_to_the_kits(cleaned, tmp_path):
    tx, _ = cleaned
    before = coursekit.get_language()
    try:
        coursekit.set_language("zh")
        excel_report.write_report(tx, tmp_path / "r.xlsx")
    finally:
        coursekit.set_language(before)
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames[0] == "封面"


def test_the_transactions_are_not_modified(cleaned, tmp_path):
    tx, report = cleaned
    before = tx.copy(deep=True)
    excel_report.write_report(tx, tmp_path / "r.xlsx", cleaning=report)
    pd.testing.assert_frame_equal(tx, before)


def test_without_repeat_buyers_the_clv_sheet_is_left_out_and_said_so(tmp_path):
    tx = pd.DataFrame({"customer_id": ["a", "b", "c"],
                       "date": pd.to_datetime(["2025-01-05", "2025-02-01", "2025-03-01"]),
                       "amount": [10.0, 20.0, 30.0]})
    path = excel_report.write_report(tx, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    assert "Customer lifetime value" not in wb.sheetnames
    cover = [str(r[0]) for r in wb["Cover"].iter_rows(values_only=True)]
    assert any("CLV models could not be fitted" in line for line in cover)


def test_a_customer_new_on_the_last_day_does_not_stop_the_clv(cleaned, tmp_path):
    tx, _ = cleaned
    last = tx["date"].max()
    newcomer = pd.DataFrame({"customer_id": ["new"], "date": [last], "amount": [50.0]})
    more = pd.concat([tx[["customer_id", "date", "amount"]], newcomer], ignore_index=True)
    tables = excel_report.report_tables(more, as_of=last)
    assert tables["clv"] is not None and "new" not in tables["clv"].index
    assert any("first purchase is on the analysis date" in n for n in tables["notes"])
