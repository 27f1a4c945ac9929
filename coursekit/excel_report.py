"""An Excel report of the customer analyses, for the manager who opens a workbook (chapter 08).

:func:`report_tables` runs the kit's analyses on a clean transaction table (the output of
:func:`coursekit.owndata.clean_transactions`: ``customer_id``, ``date``, ``amount``) —
RFM segments (:func:`coursekit.grading.rfm`), ABC grades (:func:`coursekit.grading.abc`),
monthly acquisition cohorts (:func:`coursekit.retention.cohort_retention`) and predicted
customer lifetime value (BG/NBD and Gamma-Gamma, :mod:`coursekit.clv_models`) — and
:func:`write_report` writes them with openpyxl: a cover sheet (title, date, source file, row
counts before and after cleaning, what cleaning did), one sheet per analysis with formatted
tables (header style, number formats, column widths, frozen header) and a native Excel chart.
Sheet names and headers are in English or Chinese (``language=``).

An existing file is never replaced unless ``overwrite=True``; the workbook is written to a
temporary file in the same folder first and then moved into place, so a failed run leaves no
half-written report.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import _validate as check
from ._lang import LANGUAGES, get_language

if TYPE_CHECKING:  # pragma: no cover
    from .owndata import CleaningReport

__all__ = ["SHEETS", "report_tables", "write_report"]

#: Sheet names per language (Excel allows at most 31 characters).
SHEETS: dict[str, dict[str, str]] = {
    "en": {"cover": "Cover", "rfm": "RFM segments", "abc": "ABC grades",
           "cohorts": "Cohort retention", "clv": "Customer lifetime value"},
    "zh": {"cover": "封面", "rfm": "RFM客户细分", "abc": "ABC客户分级",
           "cohorts": "同期群保留率", "clv": "客户终身价值"},
}

_HEADERS: dict[str, dict[str, str]] = {
    "en": {
        "segment": "segment", "customers": "customers", "customer_share": "share of customers",
        "recency": "mean recency (days)", "frequency": "mean purchases", "sales": "sales (CNY)",
        "sales_share": "share of sales", "action": "suggested action",
        "customer_id": "customer", "monetary": "spend (CNY)", "R": "R", "F": "F", "M": "M",
        "rfm_code": "RFM code", "rfm_score": "RFM score", "grade": "grade", "rank": "rank",
        "share": "share", "cum_share": "cumulative share", "cohort": "cohort (month of first purchase)",
        "size": "customers acquired", "month": "months since first purchase",
        "retention": "still buying (share)", "p_alive": "probability still active",
        "expected_purchases": "expected purchases", "expected_spend": "expected spend per purchase (CNY)",
        "clv": "predicted value (CNY)", "repeat_purchases": "repeat purchases",
        "age_weeks": "weeks since first purchase",
    },
    "zh": {
        "segment": "客户类型", "customers": "客户数", "customer_share": "客户占比",
        "recency": "平均最近消费间隔（天）", "frequency": "平均消费次数", "sales": "销售额（元）",
        "sales_share": "销售额占比", "action": "建议措施",
        "customer_id": "客户", "monetary": "消费金额（元）", "R": "R", "F": "F", "M": "M",
        "rfm_code": "RFM 代码", "rfm_score": "RFM 总分", "grade": "等级", "rank": "排名",
        "share": "占比", "cum_share": "累计占比", "cohort": "同期群（首次消费月份）",
        "size": "获得客户数", "month": "首次消费后第几个月", "retention": "保留率（仍在消费的占比）",
        "p_alive": "仍活跃的概率", "expected_purchases": "预计消费次数",
        "expected_spend": "预计每次消费（元）", "clv": "预测价值（元）",
        "repeat_purchases": "重复消费次数", "age_weeks": "首次消费至今（周）",
    },
}

_TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Customer analysis report", "created": "Created", "source": "Source file",
        "rows_before": "Rows read", "rows_after": "Rows after cleaning",
        "customers": "Customers", "period": "Purchases from … to", "as_of": "Analysis date",
        "cleaning": "What cleaning did", "nothing": "nothing needed changing",
        "contents": "Sheets", "top20": "Top 20 % of customers bring (share of sales)",
        "rfm": "RFM segments (recency, frequency, monetary; the textbook's eight classes): "
               "summary by segment, then every customer",
        "abc": "ABC grades on sales (A = first 80 % of sales, B = next 15 %, C = last 5 %)",
        "cohorts": "Customers acquired per month and the share still buying in later months",
        "clv": "Predicted value over the next {weeks} weeks (BG/NBD and Gamma-Gamma models), "
               "most valuable first",
        "clv_left_out": "{n} customer(s) with net spend ≤ 0 on repeat purchases (returns) are "
                        "left out of the model",
        "clv_too_new": "{n} customer(s) whose first purchase is on the analysis date are left "
                       "out of the model (no history yet)",
        "clv_failed": "The CLV models could not be fitted on these data: {why}",
        "abc_clipped": "{n} customer(s) with net sales below 0 (returns) count as 0",
        "chart_rfm": "Customers per RFM segment", "chart_abc": "Share of customers and of sales "
                     "per grade", "chart_cohorts": "Retention after the first purchase",
        "chart_clv": "The 20 most valuable customers", "x_month": "months since first purchase",
        "y_share": "share", "y_customers": "customers", "y_cny": "CNY",
    },
    "zh": {
        "title": "客户分析报告", "created": "生成日期", "source": "数据文件", "rows_before": "读入行数",
        "rows_after": "清洗后行数", "customers": "客户数", "period": "消费日期范围",
        "as_of": "分析日期", "cleaning": "数据清洗记录", "nothing": "无需修改",
        "contents": "工作表", "top20": "前 20% 客户贡献的销售额占比",
        "rfm": "RFM 客户细分（最近消费、消费频率、消费金额；教材的八类客户）：先按类型汇总，再列出每个客户",
        "abc": "按销售额的 ABC 分类法（A = 前 80% 销售额，B = 其后 15%，C = 最后 5%）",
        "cohorts": "每月获得的客户（同期群）及其在之后各月仍在消费的比例（保留率）",
        "clv": "未来 {weeks} 周的预测价值（BG/NBD 与 Gamma-Gamma 模型），按价值从高到低",
        "clv_left_out": "{n} 个客户的重复消费净额 ≤ 0（退货），未纳入模型",
        "clv_too_new": "{n} 个客户在分析日期当天才首次消费（还没有历史），未纳入模型",
        "clv_failed": "无法在这些数据上拟合客户终身价值模型：{why}",
        "abc_clipped": "{n} 个客户的净销售额小于 0（退货），按 0 计",
        "chart_rfm": "各 RFM 客户类型的客户数", "chart_abc": "各等级的客户占比与销售额占比",
        "chart_cohorts": "首次消费后的同期群保留率", "chart_clv": "价值最高的 20 个客户",
        "x_month": "首次消费后第几个月", "y_share": "占比", "y_customers": "客户数", "y_cny": "元",
    },
}

_MONEY, _SHARE, _INT, _DEC, _DATE = "#,##0.00", "0.0%", "#,##0", "0.00", "yyyy-mm-dd"


def _lang(language: str | None) -> str:
    lang = get_language() if language is None else language
    return check.require_choice(lang, name="language", choices=LANGUAGES)


def _transactions(transactions: Any) -> pd.DataFrame:
    df = check.require_frame(transactions, name="transactions")
    check.require_columns(df, ["customer_id", "date", "amount"], name="transactions")
    check.require_numeric(df, ["amount"], name="transactions")
    check.require_datetime(df, "date", name="transactions")
    return df


def report_tables(
    transactions: pd.DataFrame,
    *,
    as_of: Any = None,
    margin: float = 1.0,
    weeks: int = 52,
    language: str | None = None,
) -> dict[str, Any]:
    """The tables of the report, computed with the kit's helpers (nothing written).

    Parameters
    ----------
    transactions : DataFrame
        A clean transaction table with ``customer_id``, ``date`` and ``amount`` (CNY), as
        :func:`coursekit.owndata.clean_transactions` returns it. Not modified.
    as_of : date-like, optional, keyword-only
        The analysis date for recency; default the day after the last purchase.
    margin : float, keyword-only
        Share of sales that is profit, for the CLV (1.0 = value in sales).
    weeks : int, keyword-only
        Horizon of the predicted CLV in weeks.
    language : {"en", "zh"}, optional, keyword-only
        Language of the segment names; default :func:`coursekit.get_language`.

    Returns
    -------
    dict
        ``"rfm"`` (per customer, :func:`coursekit.grading.rfm`), ``"rfm_segments"``
        (summary per segment), ``"abc"`` (per customer) and ``"abc_grades"`` (summary per
        grade), ``"cohorts"`` (share still buying, cohort × months) and ``"cohort_sizes"``,
        ``"retention"`` (pooled curve), ``"clv"`` (per customer, or ``None`` when the models
        cannot be fitted), ``"notes"`` (list of short texts), ``"as_of"``, ``"top20"``.

    Examples
    --------
    >>> from coursekit import datasets
    >>> tx = datasets.load("cdnow_sample").rename(columns={"customer_id": "id"})
    >>> tx = tx.assign(customer_id=tx["id"].astype(str))[["customer_id", "date", "amount"]]
    >>> t = report_tables(tx.head(2000), weeks=26)
    >>> sorted(t)[:5], int(t["abc_grades"]["customers"].sum()) == len(t["rfm"])
    (['abc', 'abc_grades', 'as_of', 'clv', 'cohort_sizes'], True)
    """
    from . import clv_models, grading, retention, value

    lang = _lang(language)
    text = _TEXT[lang]
    tx = _transactions(transactions)
    m = check.require_positive(margin, name="margin")
    weeks = check.as_whole(weeks, name="weeks", low=1, high=520, hint="52 = one year")
    dates = pd.to_datetime(tx["date"])
    as_of_ts = (dates.max().normalize() + pd.Timedelta(days=1) if as_of is None
                else check.as_date(as_of, name="as_of"))
    notes: list[str] = []
    tx = pd.DataFrame({"customer_id": tx["customer_id"].astype(str).to_numpy(),
                       "date": dates.to_numpy(), "amount": tx["amount"].to_numpy(dtype=float)})

    r = grading.rfm(tx, customer="customer_id", date="date", amount="amount", as_of=as_of_ts)
    seg_col = "segment_zh" if lang == "zh" else "segment"
    n = len(r)
    seg = r.groupby(seg_col, observed=False).agg(
        customers=("R", "size"), recency=("recency", "mean"), frequency=("frequency", "mean"),
        sales=("monetary", "sum"))
    seg.insert(1, "customer_share", seg["customers"] / n)
    seg["sales_share"] = seg["sales"] / r["monetary"].sum()
    seg["action"] = (grading.RFM_SEGMENTS.set_index(seg_col)["action"].reindex(seg.index)
                     if lang == "en" else "")
    seg = seg[seg["customers"] > 0]
    if lang == "zh":
        seg = seg.drop(columns="action")

    totals = tx.groupby("customer_id")["amount"].sum()
    clipped = int((totals < 0).sum())
    if clipped:
        notes.append(text["abc_clipped"].format(n=clipped))
    per_customer = pd.DataFrame({"customer_id": totals.index, "sales": totals.clip(lower=0)})
    a = grading.abc(per_customer, "sales").set_index("customer_id")
    grades = a.groupby("grade", observed=False).agg(customers=("sales", "size"),
                                                    sales=("sales", "sum"))
    grades.insert(1, "customer_share", grades["customers"] / len(a))
    grades["sales_share"] = grades["sales"] / grades["sales"].sum()
    top20 = value.top_share(per_customer["sales"], top=0.2)

    cohorts = retention.cohort_retention(tx, customer="customer_id", date="date", period="M")
    sizes = retention.cohort_retention(tx, customer="customer_id", date="date", period="M",
                                       kind="count")[0]
    curve = retention.retention_curve(tx, customer="customer_id", date="date", period="M")

    clv = None
    summary = grading.rfm_summary(tx, customer="customer_id", date="date", amount="amount",
                                  observation_end=as_of_ts, freq_multiplier=7)
    bad = (summary["frequency"] > 0) & (summary["monetary_value"] <= 0)
    if bad.any():
        notes.append(text["clv_left_out"].format(n=int(bad.sum())))
    new = summary["T"] <= 0
    if new.any():
        notes.append(text["clv_too_new"].format(n=int(new.sum())))
    summary = summary[~(bad | new)]
    try:
        bg = clv_models.fit_bgnbd(summary)
        gg = clv_models.fit_gamma_gamma(summary)
        clv = pd.DataFrame({
            "repeat_purchases": summary["frequency"], "age_weeks": summary["T"],
            "p_alive": bg.p_alive(summary),
            "expected_purchases": bg.expected_purchases(weeks, summary),
            "expected_spend": gg.expected_average_spend(summary),
            "clv": clv_models.predicted_clv(bg, gg, summary, periods=weeks, margin=m),
        }).sort_values("clv", ascending=False)
    except (ValueError, RuntimeError) as exc:
        notes.append(text["clv_failed"].format(why=str(exc).split(". ")[0]))
    return {"rfm": r, "rfm_segments": seg, "abc": a, "abc_grades": grades,
            "cohorts": cohorts, "cohort_sizes": sizes, "retention": curve, "clv": clv,
            "notes": notes, "as_of": as_of_ts, "top20": top20, "weeks": weeks}


# ---------------------------------------------------------------------------------------------
# writing
# ---------------------------------------------------------------------------------------------


def _width(value: Any) -> int:
    s = f"{value:,.2f}" if isinstance(value, float) else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)


def _cell_value(v: Any) -> Any:
    if isinstance(v, pd.Period):
        return str(v)
    if isinstance(v, pd.Timestamp):
        return v.to_pydatetime()
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating, float)):
        return None if np.isnan(v) else float(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    return v


def _write_table(ws: Any, df: pd.DataFrame, *, row: int, headers: dict[str, str],
                 formats: dict[str, str], index: str | None = None) -> tuple[int, int]:
    """Write ``df`` (its index first when ``index`` names it) from ``row``; return rows span."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    frame = df.reset_index() if index is not None else df
    if index is not None:
        frame = frame.rename(columns={frame.columns[0]: index})
    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor="1F4E79")
    thin = Side(style="thin", color="BFBFBF")
    for j, col in enumerate(frame.columns, start=1):
        c = ws.cell(row=row, column=j, value=headers.get(str(col), str(col)))
        c.font, c.fill = head_font, head_fill
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        c.border = Border(bottom=thin)
    values = frame.to_numpy(dtype=object)
    for i, rec in enumerate(values, start=row + 1):
        for j, v in enumerate(rec, start=1):
            ws.cell(row=i, column=j, value=_cell_value(v))
    for j, col in enumerate(frame.columns, start=1):
        fmt = formats.get(str(col))
        if fmt:
            for i in range(row + 1, row + 1 + len(frame)):
                ws.cell(row=i, column=j).number_format = fmt
        letter = ws.cell(row=row, column=j).column_letter
        longest = max([_width(headers.get(str(col), str(col))) // 2 + 1]
                      + [_width(v) for v in frame.iloc[:200, j - 1].tolist()])
        current = ws.column_dimensions[letter].width or 0
        ws.column_dimensions[letter].width = max(current, min(max(longest + 2, 8), 60))
    return row, row + len(frame)


def _chart(kind: str, *, title: str, x_title: str, y_title: str, percent: bool = False) -> Any:
    from openpyxl.chart import BarChart, LineChart

    chart = BarChart() if kind == "bar" else LineChart()
    if kind == "bar":
        chart.type = "col"
    chart.title = title
    chart.x_axis.title = x_title
    chart.y_axis.title = y_title
    chart.x_axis.delete = False  # openpyxl ≥ 3.1 hides axes unless told
    chart.y_axis.delete = False
    if percent:
        chart.y_axis.numFmt = "0%"
    chart.height, chart.width = 8, 16
    return chart


def _cover(wb: Any, *, lang: str, title: str, created: _dt.date, source: str,
           cleaning: CleaningReport | None, tx: pd.DataFrame, tables: dict[str, Any]) -> None:
    from openpyxl.styles import Alignment, Font

    t, names = _TEXT[lang], SHEETS[lang]
    ws = wb.active
    ws.title = names["cover"]
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=16)
    dates = pd.to_datetime(tx["date"])
    rows_before = cleaning.rows_before if cleaning is not None else len(tx)
    facts = [
        (t["created"], created),
        (t["source"], source),
        (t["rows_before"], rows_before),
        (t["rows_after"], len(tx)),
        (t["customers"], int(tx["customer_id"].nunique())),
        (t["period"], f"{dates.min():%Y-%m-%d} … {dates.max():%Y-%m-%d}"),
        (t["as_of"], tables["as_of"].date()),
        (t["top20"], tables["top20"]),
    ]
    r = 3
    for label, v in facts:
        ws.cell(row=r, column=1, value=label).font = Font(bold=True)
        c = ws.cell(row=r, column=2, value=v)
        c.alignment = Alignment(horizontal="left")
        if isinstance(v, _dt.date):
            c.number_format = _DATE
        elif isinstance(v, float):
            c.number_format = _SHARE
        elif isinstance(v, int):
            c.number_format = _INT
        r += 1
    r += 1
    ws.cell(row=r, column=1, value=t["cleaning"]).font = Font(bold=True, size=12)
    r += 1
    steps = [s.text(lang) for s in cleaning.steps] if cleaning is not None else []
    for line in (steps or [t["nothing"]]) + tables["notes"]:
        ws.cell(row=r, column=1, value=f"• {line}")
        r += 1
    r += 1
    ws.cell(row=r, column=1, value=t["contents"]).font = Font(bold=True, size=12)
    r += 1
    for key in ("rfm", "abc", "cohorts", "clv"):
        if key == "clv" and tables["clv"] is None:
            continue
        ws.cell(row=r, column=1, value=names[key]).font = Font(bold=True)
        ws.cell(row=r, column=2, value=t[key].format(weeks=tables["weeks"]))
        r += 1
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 70


def _rfm_sheet(wb: Any, tables: dict[str, Any], lang: str) -> None:
    from openpyxl.chart import Reference

    h, t = _HEADERS[lang], _TEXT[lang]
    ws = wb.create_sheet(SHEETS[lang]["rfm"])
    seg = tables["rfm_segments"]
    first, last = _write_table(ws, seg, row=1, headers=h, index="segment", formats={
        "customers": _INT, "customer_share": _SHARE, "recency": "0.0", "frequency": "0.0",
        "sales": _MONEY, "sales_share": _SHARE})
    ws.freeze_panes = "B2"
    chart = _chart("bar", title=t["chart_rfm"], x_title=h["segment"], y_title=t["y_customers"])
    chart.add_data(Reference(ws, min_col=2, min_row=first, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=last))
    chart.legend = None
    ws.add_chart(chart, f"{ws.cell(row=1, column=seg.shape[1] + 3).column_letter}2")
    seg_col = "segment_zh" if lang == "zh" else "segment"
    cust = tables["rfm"][["recency", "frequency", "monetary", "R", "F", "M", "rfm_code",
                          "rfm_score", seg_col]].rename(columns={seg_col: "segment"})
    cust = cust.sort_values(["rfm_score", "monetary"], ascending=False)
    _write_table(ws, cust, row=last + 20, headers=h, index="customer_id", formats={
        "recency": _INT, "frequency": _INT, "monetary": _MONEY, "rfm_score": _INT})


def _abc_sheet(wb: Any, tables: dict[str, Any], lang: str) -> None:
    from openpyxl.chart import Reference

    h, t = _HEADERS[lang], _TEXT[lang]
    ws = wb.create_sheet(SHEETS[lang]["abc"])
    grades = tables["abc_grades"]
    grades = grades.set_axis(grades.index.astype(str))
    first, last = _write_table(ws, grades, row=1, headers=h, index="grade", formats={
        "customers": _INT, "customer_share": _SHARE, "sales": _MONEY, "sales_share": _SHARE})
    ws.freeze_panes = "B2"
    chart = _chart("bar", title=t["chart_abc"], x_title=h["grade"], y_title=t["y_share"],
                   percent=True)
    for col in (3, 5):  # customer_share, sales_share
        chart.add_data(Reference(ws, min_col=col, min_row=first, max_row=last),
                       titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=last))
    ws.add_chart(chart, "H2")
    a = tables["abc"][["rank", "sales", "share", "cum_share", "grade"]].copy()
    a["grade"] = a["grade"].astype(str)
    _write_table(ws, a, row=last + 20, headers=h, index="customer_id", formats={
        "rank": _INT, "sales": _MONEY, "share": "0.00%", "cum_share": _SHARE})


def _cohort_sheet(wb: Any, tables: dict[str, Any], lang: str) -> None:
    from openpyxl.chart import Reference
    from openpyxl.formatting.rule import ColorScaleRule

    h, t = _HEADERS[lang], _TEXT[lang]
    ws = wb.create_sheet(SHEETS[lang]["cohorts"])
    curve = tables["retention"].rename("retention").to_frame()
    curve.index = curve.index.astype(int)
    first, last = _write_table(ws, curve, row=1, headers=h, index="month",
                               formats={"retention": _SHARE})
    chart = _chart("line", title=t["chart_cohorts"], x_title=t["x_month"], y_title=t["y_share"],
                   percent=True)
    chart.add_data(Reference(ws, min_col=2, min_row=first, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=last))
    chart.legend = None
    ws.add_chart(chart, "D2")
    grid = tables["cohorts"].copy()
    grid.columns = [str(int(c)) for c in grid.columns]
    grid.insert(0, "size", tables["cohort_sizes"].to_numpy())
    grid.index = grid.index.astype(str)
    start = max(last + 2, 19)
    g0, g1 = _write_table(ws, grid, row=start, headers={**h, "cohort": h["cohort"]},
                          index="cohort", formats={"size": _INT,
                                                   **{c: "0%" for c in grid.columns[1:]}})
    ws.freeze_panes = ws.cell(row=start + 1, column=3)
    if grid.shape[1] > 1 and g1 > g0:
        top_left = ws.cell(row=g0 + 1, column=3).coordinate
        bottom_right = ws.cell(row=g1, column=grid.shape[1] + 1).coordinate
        ws.conditional_formatting.add(f"{top_left}:{bottom_right}", ColorScaleRule(
            start_type="num", start_value=0, start_color="FFFFFF",
            end_type="num", end_value=1, end_color="2E75B6"))


def _clv_sheet(wb: Any, tables: dict[str, Any], lang: str) -> None:
    from openpyxl.chart import Reference

    h, t = _HEADERS[lang], _TEXT[lang]
    ws = wb.create_sheet(SHEETS[lang]["clv"])
    clv = tables["clv"]
    first, last = _write_table(ws, clv, row=1, headers=h, index="customer_id", formats={
        "repeat_purchases": _INT, "age_weeks": "0.0", "p_alive": _SHARE,
        "expected_purchases": _DEC, "expected_spend": _MONEY, "clv": _MONEY})
    ws.freeze_panes = "B2"
    chart = _chart("bar", title=t["chart_clv"], x_title=h["customer_id"], y_title=t["y_cny"])
    top = min(last, first + 20)
    chart.add_data(Reference(ws, min_col=7, min_row=first, max_row=top), titles_from_data=True)
    chart.set_categories(Reference(ws, min_col=1, min_row=first + 1, max_row=top))
    chart.legend = None
    ws.add_chart(chart, "I2")


def write_report(
    transactions: pd.DataFrame,
    path: str | Path,
    *,
    cleaning: CleaningReport | None = None,
    title: str | None = None,
    as_of: Any = None,
    margin: float = 1.0,
    weeks: int = 52,
    language: str | None = None,
    created: Any = None,
    overwrite: bool = False,
) -> Path:
    """Write the customer analyses to an Excel workbook (.xlsx) for a manager.

    Sheets: a cover (title, date, source file, rows read and after cleaning, customers, what
    cleaning did, the sheets), then RFM segments, ABC grades, cohort retention and customer
    lifetime value — each a formatted table with a native Excel chart (bar or line). The
    numbers are those of :func:`report_tables`.

    Parameters
    ----------
    transactions : DataFrame
        The clean table (``customer_id``, ``date``, ``amount``). Not modified.
    path : str or Path
        The workbook to write; must end in ``.xlsx``; its folder must exist.
    cleaning : CleaningReport, optional, keyword-only
        The report of :func:`coursekit.owndata.clean_transactions`, for the cover (rows before
        cleaning and what was done; its source file name).
    title : str, optional, keyword-only
        Cover title (default "Customer analysis report" / "客户分析报告").
    as_of, margin, weeks
        As in :func:`report_tables`.
    language : {"en", "zh"}, optional, keyword-only
        Sheet names, headers and chart titles; default :func:`coursekit.get_language`.
    created : date-like, optional, keyword-only
        The date on the cover (default today).
    overwrite : bool, keyword-only
        Replace an existing file (default: refuse).

    Returns
    -------
    Path
        The written workbook.

    Raises
    ------
    ValueError
        Bad table, a path that is not ``.xlsx``, a missing folder, an existing file without
        ``overwrite=True``, or the file is open in Excel (Windows locks it).

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> from coursekit import datasets
    >>> tx = datasets.load("cdnow_sample").head(1500)
    >>> tx = tx.assign(customer_id=tx["customer_id"].astype(str))
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "report.xlsx"
    >>> write_report(tx, out, language="en", created="2026-12-02").name
    'report.xlsx'
    >>> openpyxl.load_workbook(out).sheetnames
    ['Cover', 'RFM segments', 'ABC grades', 'Cohort retention', 'Customer lifetime value']
    >>> write_report(tx, out)
    Traceback (most recent call last):
    ...
    ValueError: 'report.xlsx' already exists. Choose another name, or pass overwrite=True to replace it.
    """
    import openpyxl

    lang = _lang(language)
    if not isinstance(overwrite, bool):
        raise TypeError(f"`overwrite` must be True or False, but got {overwrite!r}.")
    p = Path(path)
    if p.suffix.lower() != ".xlsx":
        raise ValueError(
            f"The report is an Excel workbook: give a name ending in .xlsx, not {p.name!r}."
        )
    if not p.parent.is_dir():
        raise ValueError(f"The folder {str(p.parent)!r} does not exist; create it first.")
    if p.exists() and not overwrite:
        raise ValueError(
            f"{p.name!r} already exists. Choose another name, or pass overwrite=True to "
            "replace it."
        )
    tx = _transactions(transactions)
    tables = report_tables(tx, as_of=as_of, margin=margin, weeks=weeks, language=lang)
    day = (_dt.date.today() if created is None
           else check.as_date(created, name="created").date())
    source = (cleaning.source if cleaning is not None
              else str(tx.attrs.get("source", "—")))
    wb = openpyxl.Workbook()
    _cover(wb, lang=lang, title=title or _TEXT[lang]["title"], created=day, source=source,
           cleaning=cleaning, tx=tx, tables=tables)
    _rfm_sheet(wb, tables, lang)
    _abc_sheet(wb, tables, lang)
    _cohort_sheet(wb, tables, lang)
    if tables["clv"] is not None:
        _clv_sheet(wb, tables, lang)
    stamp = _dt.datetime.combine(day, _dt.time())
    wb.properties.created = wb.properties.modified = stamp
    wb.properties.title = title or _TEXT[lang]["title"]
    fd, tmp = tempfile.mkstemp(prefix=f".{p.stem}-", suffix=".xlsx", dir=p.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        if p.exists() and not overwrite:  # appeared while we were writing
            raise ValueError(f"{p.name!r} already exists. Pass overwrite=True to replace it.")
        os.replace(tmp, p)
    except PermissionError as exc:
        raise ValueError(
            f"Cannot write {p.name!r}: {exc.strerror}. Is it open in Excel? Close it and "
            "try again, or write to another name."
        ) from exc
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return p
