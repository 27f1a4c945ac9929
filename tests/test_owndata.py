"""Use your own data (coursekit.owndata): reading, mapping, cleaning — and every bad input."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from coursekit import datasets, owndata

DATA = datasets.data_dir()
SAMPLE_XLSX = DATA / "own_data_sample.xlsx"
SAMPLE_CSV = DATA / "own_data_sample.csv"
MAPPING = {"订单号": "order_id", "会员编号": "customer_id", "下单日期": "date",
           "实付金额（元）": "amount", "商品类别": "product", "门店": "channel"}
ROWS = "客户ID,订单日期,金额\nC01,2025/3/5,\"￥1,280.00\"\nC02,2025-03-06,35元\nC01,2025年4月1日,88\n"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mapped(**cols) -> pd.DataFrame:
    return pd.DataFrame(cols)


# ----------------------------------------------------------------------------- reading
@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_read_table_detects_the_encodings_of_chinese_excel(tmp_path, encoding):
    p = tmp_path / "sales.csv"
    p.write_bytes(ROWS.encode(encoding))
    df = owndata.read_table(p)
    assert df.columns.tolist() == ["客户ID", "订单日期", "金额"]
    assert df.iloc[0].tolist() == ["C01", "2025/3/5", "￥1,280.00"]
    # these characters are the same bytes in GBK and GB18030: the common name is reported
    assert df.attrs["encoding"] == {"gb18030": "gbk"}.get(encoding, encoding)
    assert df.attrs["source"] == "sales.csv" and df.attrs["header_row"] == 1


def test_read_table_uses_the_survey_readers_encoding_detection(monkeypatch, tmp_path):
    from coursekit import survey

    seen = []
    real = survey.detect_encoding
    monkeypatch.setattr(survey, "detect_encoding", lambda raw: seen.append(1) or real(raw))
    p = tmp_path / "sales.csv"
    p.write_bytes(ROWS.encode("gbk"))
    owndata.read_table(p)
    assert seen, "read_table must reuse coursekit.survey's encoding detection"


def test_read_table_skips_a_title_row_in_excel():
    df = owndata.read_table(SAMPLE_XLSX)
    assert df.attrs["header_row"] == 2
    assert list(df.columns) == ["订单号", "会员编号", "下单日期", "门店", "商品类别", "数量",
                                "实付金额（元）", "备注"]


def test_read_table_reads_a_legacy_xls():
    df = owndata.read_table(DATA / "exports" / "wjx_text.xls")
    assert df.attrs["file_type"] == "xls" and len(df) == 40


def test_read_table_picks_a_sheet_and_suggests_names(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "说明"
    wb.active.append(["这是说明页"])
    ws = wb.create_sheet("销售明细")
    ws.append(["客户ID", "订单日期", "金额"])
    ws.append(["C01", "2025-03-05", 12.5])
    p = tmp_path / "book.xlsx"
    wb.save(p)
    assert owndata.read_table(p, sheet="销售明细").shape == (1, 3)
    assert owndata.read_table(p, sheet=1).shape == (1, 3)
    with pytest.raises(ValueError, match="no sheet '销售明兮'.*Did you mean '销售明细'"):
        owndata.read_table(p, sheet="销售明兮")
    with pytest.raises(ValueError, match="no data rows.*sheets: '说明', '销售明细'; choose"):
        owndata.read_table(p)  # the first sheet is a note, not a table


@pytest.mark.parametrize(("name", "content", "match"), [
    ("page.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "web page"),
    ("report.csv", b"%PDF-1.4\n%...", "PDF"),
    ("picture.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("notes.csv", "这不是表格\n只是几行说明\n".encode("gbk"), "single column"),
    ("empty.csv", b"", "cannot read 'empty.csv' as a table"),
    ("header_only.csv", "客户ID,订单日期,金额\n".encode("gbk"), "no data rows"),
    ("data.json", b'{"a": 1}', "a '.json' file"),
])
def test_a_file_that_is_not_a_table_is_a_clear_error(tmp_path, name, content, match):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(ValueError, match=match):
        owndata.read_table(p)
    assert p.read_bytes() == content


def test_unquoted_thousands_separators_do_not_shift_columns(tmp_path):
    p = tmp_path / "erp.csv"
    p.write_bytes("客户,日期,金额\nA,2025-01-02,1,280.00\nB,2025-01-03,35\n".encode("gbk"))
    with pytest.raises(ValueError, match=r"1 row\(s\) have more values than the header's 3 "
                                         r"columns, e.g. line 2: 'A,2025-01-02,1,280.00'"):
        owndata.read_table(p)


def test_a_word_document_is_not_a_workbook(tmp_path):
    p = tmp_path / "minutes.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(ValueError, match="zip file but not an Excel workbook"):
        owndata.read_table(p)


def test_a_missing_file_lists_the_folder(tmp_path):
    (tmp_path / "sales_2025.xlsx").write_bytes(b"")
    with pytest.raises(ValueError, match="No file .*sales_2024.xlsx.*'sales_2025.xlsx'"):
        owndata.read_table(tmp_path / "sales_2024.xlsx")


def test_a_wrong_encoding_is_explained(tmp_path):
    p = tmp_path / "sales.csv"
    p.write_bytes(ROWS.encode("gbk"))
    with pytest.raises(ValueError, match="cannot be read as 'utf-8'"):
        owndata.read_table(p, encoding="utf-8")


# ----------------------------------------------------------------------------- mapping
def test_suggest_mapping_knows_english_and_chinese_headers():
    zh = pd.DataFrame(columns=["客户编号", "交易日期", "销售额（元）", "订单编号", "备注"])
    assert owndata.suggest_mapping(zh) == {"客户编号": "customer_id", "交易日期": "date",
                                           "销售额（元）": "amount", "订单编号": "order_id"}
    en = pd.DataFrame(columns=["Customer ID", "Order Date", "Sales", "Store"])
    assert owndata.suggest_mapping(en) == {"Customer ID": "customer_id", "Order Date": "date",
                                           "Sales": "amount", "Store": "channel"}
    assert owndata.suggest_mapping(pd.DataFrame(columns=["x", "y"])) == {}


def test_map_columns_renames_and_keeps_only_the_mapped_columns():
    raw = pd.DataFrame({"金额": ["1"], "客户ID": ["C1"], "备注": ["x"], "订单日期": ["2025-1-1"]})
    before = raw.copy()
    out = owndata.map_columns(raw, {"客户ID": "customer_id", "订单日期": "date", "金额": "amount"})
    assert out.columns.tolist() == ["customer_id", "date", "amount"]
    assert out.iloc[0].tolist() == ["C1", "2025-1-1", "1"]
    out.iloc[0, 0] = "changed"
    pd.testing.assert_frame_equal(raw, before)


@pytest.mark.parametrize(("mapping", "match"), [
    ({"客户id": "customer_id", "订单日期": "date", "金额": "amount"},
     r"no such column\. Did you mean '客户ID'\?"),
    ({"客户编号": "customer_id", "订单日期": "date", "金额": "amount"},
     r"'客户编号'.*Did you mean '客户ID'\?"),
    ({"客户ID": "customer", "订单日期": "date", "金额": "amount"},
     r"not a kit column\. Did you mean 'customer_id'\?"),
    ({"客户ID": "customer_id", "订单日期": "date", "金额": "date"}, "all to 'date'"),
    ({"订单日期": "date", "金额": "amount"},
     r"no column for 'customer_id'.*\{'客户ID': 'customer_id'\}"),
    ({}, "empty"),
])
def test_a_bad_mapping_names_the_problem_and_a_fix(mapping, match):
    raw = pd.DataFrame({"客户ID": ["C1"], "订单日期": ["2025-01-01"], "金额": ["1"]})
    with pytest.raises(ValueError, match=match):
        owndata.map_columns(raw, mapping)


def test_a_mapping_that_is_not_a_dict_is_a_type_error():
    raw = pd.DataFrame({"客户ID": ["C1"]})
    with pytest.raises(TypeError, match="must be a dict"):
        owndata.map_columns(raw, [("客户ID", "customer_id")])
    with pytest.raises(TypeError, match="DataFrame"):
        owndata.map_columns(["not", "a", "table"], {"a": "customer_id"})


# ----------------------------------------------------------------------------- cells
def test_parse_amounts_cleans_currency_and_separators():
    values, counts = owndata.parse_amounts(
        ["¥1,280.00", "￥35", "35元", "$12.5", "RMB 1,000", "(120.00)", "-￥8", "１２０", 7, 7.5,
         "1.2万元", "１，２８０", "1,280-", None, "面议", "12,5", "1.280,00"])
    assert values[:13].tolist() == [1280.0, 35.0, 35.0, 12.5, 1000.0, -120.0, -8.0, 120.0, 7.0,
                                    7.5, 12000.0, 1280.0, -1280.0]
    assert np.isnan(values[13:]).all()
    assert counts == {"currency": 7, "dollar": 1, "thousands": 4, "brackets": 1, "wan": 1,
                      "bad": 3}


def test_decimal_commas_are_not_guessed_and_mixed_currencies_are_noted():
    df = _mapped(customer_id=["A", "B"], date=["2025-01-01"] * 2, amount=["12,5", "1"])
    with pytest.raises(ValueError, match="row 2 '12,5'"):
        owndata.clean_transactions(df)
    df = _mapped(customer_id=["A", "B"], date=["2025-01-01"] * 2, amount=["$12", "￥80"])
    _, report = owndata.clean_transactions(df)
    assert "1 amount(s) had a dollar sign" in str(report)
    assert "美元" in "\n".join(report.lines("zh"))


def test_parse_dates_reads_chinese_formats_and_refuses_to_guess():
    out = owndata.parse_dates(["2025-03-05", "2025/3/5", "2025.3.5", "2025年3月5日", "20250305",
                               "45721", pd.Timestamp("2025-03-05"), "2025/3/5 14:30",
                               "05/03/2025", "2025-02-30", "待补", None])
    assert (out[:6] == pd.Timestamp("2025-03-05")).all()
    assert out[6] == pd.Timestamp("2025-03-05") and out[7] == pd.Timestamp("2025-03-05 14:30")
    assert out[8:].isna().all()


# ----------------------------------------------------------------------------- cleaning
def test_amounts_with_symbols_and_separators_are_cleaned_and_reported():
    df = _mapped(customer_id=["A", "B", "C"], date=["2025-01-01"] * 3,
                 amount=["￥1,280.00", "35元", "12"])
    tx, report = owndata.clean_transactions(df)
    assert tx["amount"].tolist() == [1280.0, 35.0, 12.0]
    text = str(report)
    assert "2 amount(s) had a currency sign" in text and "1 amount(s) had thousands" in text


def test_negative_amounts_must_be_decided():
    df = _mapped(customer_id=["A", "A", "B"], date=["2025-01-01", "2025-01-09", "2025-01-02"],
                 amount=["100", "-40", "(25)"])
    with pytest.raises(ValueError, match=r"2 row\(s\) have a negative amount.*-65\.00.*"
                                         r"returns='keep'.*returns='drop'"):
        owndata.clean_transactions(df)
    kept, rep_keep = owndata.clean_transactions(df, returns="keep")
    assert kept["amount"].sum() == 35.0 and "kept: sales are net" in str(rep_keep)
    dropped, rep_drop = owndata.clean_transactions(df, returns="drop")
    assert dropped["amount"].tolist() == [100.0] and "dropped: sales are gross" in str(rep_drop)
    with pytest.raises(ValueError, match="`returns` must be one of"):
        owndata.clean_transactions(df, returns="net")


def test_no_negatives_needs_no_decision():
    df = _mapped(customer_id=["A"], date=["2025-01-01"], amount=["10"])
    tx, report = owndata.clean_transactions(df)
    assert len(tx) == 1 and report.steps == []


def test_duplicate_rows_are_counted_dropped_and_noted():
    df = _mapped(customer_id=["A", "A", "B", "A"], date=["2025-01-01"] * 4,
                 amount=["10", "10", "10", "10"])
    tx, report = owndata.clean_transactions(df)
    assert tx.index.tolist() == [0, 2]
    text = str(report)
    assert "2 duplicate row(s) dropped" in text and "row 3; row 5" in text
    assert "no order number was mapped" in text
    kept, report = owndata.clean_transactions(df, duplicates="keep")
    assert len(kept) == 4 and "kept as you asked" in str(report)
    with_order = df.assign(order_id=["o1", "o2", "o3", "o4"])
    tx, report = owndata.clean_transactions(with_order)
    assert len(tx) == 4 and "duplicate" not in str(report)


def test_unreadable_dates_say_how_many_and_show_examples():
    df = _mapped(customer_id=list("ABCDE"),
                 date=["2025-01-01", "2025/13/02", "待补", "2025-02-30", "05/06/2024"],
                 amount=["1"] * 5)
    with pytest.raises(ValueError) as err:
        owndata.clean_transactions(df)
    msg = str(err.value)
    assert msg.startswith("4 of 5 row(s) have a date that cannot be read")
    assert "row 3 '2025/13/02'" in msg and "row 4 '待补'" in msg and "(4 in all)" in msg
    assert "bad_dates='drop'" in msg
    tx, report = owndata.clean_transactions(df, bad_dates="drop")
    assert tx["customer_id"].tolist() == ["A"]
    assert "4 row(s) whose date cannot be read dropped" in str(report)


def test_an_american_export_is_told_about_date_order():
    df = _mapped(customer_id=["A", "B", "C"], date=["3/5/2025", "12/31/2025", "1/2/2025"],
                 amount=["1", "2", "3"])
    with pytest.raises(ValueError, match=r"3 of 3 row\(s\).*date_order='mdy'"):
        owndata.clean_transactions(df)
    tx, _ = owndata.clean_transactions(df, date_order="mdy")
    assert tx["date"].tolist() == [pd.Timestamp("2025-03-05"), pd.Timestamp("2025-12-31"),
                                   pd.Timestamp("2025-01-02")]
    with pytest.raises(ValueError, match=r"row 3 '12/31/2025'.*day/month/year order"):
        owndata.clean_transactions(df, date_order="dmy")  # 12/31 cannot be day/month
    british, _ = owndata.clean_transactions(df.iloc[[0, 2]], date_order="dmy")
    assert british["date"].tolist() == [pd.Timestamp("2025-05-03"), pd.Timestamp("2025-02-01")]


def test_unreadable_amounts_raise_or_are_dropped():
    df = _mapped(customer_id=["A", "B"], date=["2025-01-01"] * 2, amount=["12", "面议"])
    with pytest.raises(ValueError, match=r"1 row\(s\) have an amount that is not a number: "
                                         r"row 3 '面议'.*bad_amounts='drop'"):
        owndata.clean_transactions(df)
    tx, _ = owndata.clean_transactions(df, bad_amounts="drop")
    assert tx["customer_id"].tolist() == ["A"]


def test_blank_total_and_anonymous_rows_are_dropped_with_a_note():
    df = _mapped(customer_id=["A", None, "", "合计", "B"],
                 date=["2025-01-01", None, "2025-01-02", None, "2025-01-03"],
                 amount=["1", None, "5", "6", "5"])
    tx, report = owndata.clean_transactions(df)
    assert tx["customer_id"].tolist() == ["A", "B"]
    text = str(report)
    assert "1 empty row(s)" in text and "1 total row(s)" in text
    assert "1 row(s) without a customer" in text


def test_a_unit_line_under_the_header_is_dropped_and_an_empty_amount_named():
    df = _mapped(customer_id=["单位：元", "A", "B"], date=[None, "2025-01-01", "2025-01-02"],
                 amount=[None, "5", ""])
    with pytest.raises(ValueError, match=r"row 4 \(empty\)"):
        owndata.clean_transactions(df)
    tx, report = owndata.clean_transactions(df, bad_amounts="drop")
    assert tx["customer_id"].tolist() == ["A"]
    assert "1 row(s) with neither a date nor an amount dropped" in str(report)


def test_nothing_left_is_a_clear_error():
    df = _mapped(customer_id=["A"], date=["待补"], amount=["1"])
    with pytest.raises(ValueError, match="No rows are left"):
        owndata.clean_transactions(df, bad_dates="drop")


def test_clean_needs_the_kit_columns_and_valid_choices():
    with pytest.raises(ValueError, match="no column 'amount'"):
        owndata.clean_transactions(_mapped(customer_id=["A"], date=["2025-01-01"]))
    df = _mapped(customer_id=["A"], date=["2025-01-01"], amount=["1"])
    for kw in ({"bad_dates": "ignore"}, {"bad_amounts": "zero"}, {"duplicates": "merge"}):
        with pytest.raises(ValueError, match="must be one of"):
            owndata.clean_transactions(df, **kw)


def test_the_callers_frame_is_never_modified():
    df = _mapped(customer_id=["A", "A", "合计"], date=["2025/1/1", "2025/1/1", None],
                 amount=["￥1,000", "￥1,000", "2,000"])
    df.attrs["source"] = "mine.xlsx"
    before = df.copy(deep=True)
    owndata.clean_transactions(df)
    pd.testing.assert_frame_equal(df, before)
    assert df.attrs == {"source": "mine.xlsx"}


def test_the_report_speaks_chinese():
    df = _mapped(customer_id=["A", "A"], date=["2025-01-01"] * 2, amount=["￥10", "￥10"])
    _, report = owndata.clean_transactions(df)
    lines = report.lines("zh")
    assert lines[0].startswith("table：读入 2 行，清洗后 1 行")
    assert any("货币符号" in line for line in lines) and any("重复行" in line for line in lines)
    assert any("第 3 行" in line for line in lines)
    assert "row 3" in str(owndata.clean_transactions(df)[1].lines("en"))


# ----------------------------------------------------------------------------- the sample file
def test_the_sample_spreadsheet_has_its_documented_mess():
    digest = _digest(SAMPLE_XLSX)
    raw = owndata.read_table(SAMPLE_XLSX)
    assert owndata.suggest_mapping(raw) == MAPPING
    mapped = owndata.map_columns(raw, MAPPING)
    with pytest.raises(ValueError, match=r"^8 of 1778 row\(s\) have a date"):
        owndata.clean_transactions(mapped)
    with pytest.raises(ValueError, match=r"^34 row\(s\) have a negative amount"):
        owndata.clean_transactions(mapped, bad_dates="drop")
    tx, report = owndata.clean_transactions(mapped, bad_dates="drop", returns="keep")
    counts = {s.key: s.n for s in report.steps}
    assert counts["blank"] == 1 and counts["totals"] == 1 and counts["bad_dates"] == 8
    assert counts["returns_keep"] == 34 and counts["duplicates_drop"] == 12
    assert "no_customer" not in counts
    assert report.rows_before == 1780 and report.rows_after == len(tx) == 1758
    assert tx["customer_id"].nunique() == 419
    assert _digest(SAMPLE_XLSX) == digest, "the user's file must never be modified"


def test_the_csv_and_the_workbook_hold_the_same_rows():
    def clean(path):
        mapped = owndata.map_columns(owndata.read_table(path), MAPPING)
        return owndata.clean_transactions(mapped, bad_dates="drop", returns="keep")

    digests = _digest(SAMPLE_CSV), _digest(SAMPLE_XLSX)
    a, rep_a = clean(SAMPLE_CSV)
    b, rep_b = clean(SAMPLE_XLSX)
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True))
    assert rep_a.rows_before == rep_b.rows_before
    assert (_digest(SAMPLE_CSV), _digest(SAMPLE_XLSX)) == digests


def test_a_gbk_export_of_the_sample_reads_the_same(tmp_path):
    text = SAMPLE_CSV.read_bytes().decode("utf-8-sig").replace("¥", "￥")  # GBK has no ¥
    p = tmp_path / "export_gbk.csv"
    p.write_bytes(text.encode("gbk"))
    raw = owndata.read_table(p)
    assert raw.attrs["encoding"] == "gbk" and raw.shape == (1780, 8)


def test_the_shipped_workbook_is_the_generators_output(tmp_path):
    from coursekit._generate import DEFAULT_SEED

    files = datasets.generate(tmp_path, seed=DEFAULT_SEED, names=["own_data_sample"])
    assert sorted(f.name for f in files) == ["own_data_sample.csv", "own_data_sample.xlsx"]
    fresh = owndata.read_table(tmp_path / "own_data_sample.xlsx")
    shipped = owndata.read_table(SAMPLE_XLSX)
    pd.testing.assert_frame_equal(fresh, shipped, obj="own_data_sample.xlsx (run `make data`)")
    assert (tmp_path / "own_data_sample.csv").read_bytes() == SAMPLE_CSV.read_bytes()
    assert (tmp_path / "own_data_sample.xlsx").read_bytes() == SAMPLE_XLSX.read_bytes()


def test_a_cohort_variant_is_messy_in_the_same_ways(tmp_path):
    datasets.generate(tmp_path, seed=2027, names=["own_data_sample"])
    raw = owndata.read_table(tmp_path / "own_data_sample.xlsx")
    mapped = owndata.map_columns(raw, owndata.suggest_mapping(raw))
    tx, report = owndata.clean_transactions(mapped, bad_dates="drop", returns="drop")
    keys = {s.key for s in report.steps}
    assert {"blank", "totals", "currency", "bad_dates", "returns_drop", "duplicates_drop"} <= keys
    assert not tx.equals(owndata.clean_transactions(
        owndata.map_columns(owndata.read_table(SAMPLE_XLSX), MAPPING),
        bad_dates="drop", returns="drop").data)


def test_a_gb18030_file_with_characters_outside_gbk(tmp_path):
    p = tmp_path / "sales.csv"
    p.write_bytes("客户,订单日期,金额\n𠮷野家,2025-03-05,12\n".encode("gb18030"))
    df = owndata.read_table(p)
    assert df.attrs["encoding"] == "gb18030" and df.iloc[0, 0] == "𠮷野家"
