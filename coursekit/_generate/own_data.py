"""Chapter 08: a trainer's messy sample spreadsheet — a tea shop's member sales, as exported.

Behavioural assumptions (documented in the card ``own_data_sample.md``):

* 悦茗茶庄 (Yueming Tea House, fictional) has three outlets; members join over 18 months
  (January 2024 – June 2025), more in the first months and before the Spring Festival.
* Each member buys at their own rate (Gamma-distributed orders per month) and, after each
  purchase, may stop buying for good (a Beta-distributed drop-out chance) — the BG/NBD story,
  so repeat buying, cohorts and CLV come out of the behaviour.
* Spend per order is Gamma-distributed around the member's own mean, which is itself skewed
  (gift-box buyers spend far more), so a few members bring most of the sales (80/20).

Then the export is made messy the way real ones are — *on purpose*, and documented:
amounts as text with ``￥`` / ``元`` and thousands separators, a few accounting negatives
``(268.00)``; returns as negative amounts; orders pasted twice; dates typed by hand in other
formats and a few that no one can read (``2024/13/02``, ``2025-02-30``, ``待补``,
``05/06/2024``); an empty row; a 合计 (total) row at the bottom. The Excel copy adds a title
row above the header and keeps clean dates and numbers as real Excel cells.

``write_excel`` writes the ``.xlsx`` copy; :func:`coursekit.datasets.generate` calls it for the
names in ``EXCEL``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from . import rng_for

DATASETS = ("own_data_sample",)
EXCEL = ("own_data_sample",)

N_MEMBERS = 420
START, END = pd.Timestamp("2024-01-01"), pd.Timestamp("2025-06-30")
CATEGORIES = {"绿茶": 0.30, "乌龙茶": 0.22, "红茶": 0.18, "普洱": 0.14, "礼盒": 0.10, "茶具": 0.06}
CATEGORY_PRICE = {"绿茶": 1.0, "乌龙茶": 1.1, "红茶": 0.9, "普洱": 1.4, "礼盒": 3.0, "茶具": 1.8}
STORES = {"西湖店": 0.45, "滨江店": 0.30, "线上商城": 0.25}
HEADER = ["订单号", "会员编号", "下单日期", "门店", "商品类别", "数量", "实付金额（元）", "备注"]
TITLE = "悦茗茶庄 会员消费明细（2024年1月—2025年6月）"
BAD_DATES = ["2024/13/02", "2025-02-30", "待补", "05/06/2024", "2024-06-31", "？", "2024/0/15",
             "去年双十一"]


def _orders(rng: np.random.Generator) -> pd.DataFrame:
    months = pd.period_range(START, END, freq="M")
    weight = np.linspace(1.6, 0.8, len(months))
    weight[[0, 12]] *= 1.5  # Spring Festival gift season (January 2024 and January 2025)
    join_month = rng.choice(len(months), size=N_MEMBERS, p=weight / weight.sum())
    join = np.array([months[m].start_time + pd.Timedelta(days=int(rng.integers(0, 28)))
                     for m in join_month])
    rate = rng.gamma(1.4, 1 / 1.6, N_MEMBERS)          # orders per month while active
    drop = rng.beta(1.2, 3.5, N_MEMBERS)               # chance to stop after each purchase
    mean_spend = 110 * rng.lognormal(0, 0.7, N_MEMBERS)  # CNY per order
    store = rng.choice(list(STORES), size=N_MEMBERS, p=list(STORES.values()))
    rows = []
    for i in range(N_MEMBERS):
        t = join[i]
        while t <= END:
            cat = rng.choice(list(CATEGORIES), p=list(CATEGORIES.values()))
            qty = int(rng.integers(1, 4)) if cat not in ("礼盒", "茶具") else 1
            amount = rng.gamma(6.0, mean_spend[i] * CATEGORY_PRICE[cat] / 6.0) * (0.7 + 0.3 * qty)
            shop = store[i] if rng.random() < 0.8 else rng.choice(list(STORES))
            rows.append((10001 + i, t.normalize(), shop, cat, qty, round(float(amount), 1)))
            if rng.random() < drop[i]:
                break
            t = t + pd.Timedelta(days=float(rng.exponential(30.4 / rate[i])))
    df = pd.DataFrame(rows, columns=["member", "date", "store", "category", "qty", "amount"])
    df = df.sort_values(["date", "member"], kind="stable").reset_index(drop=True)
    df.insert(0, "order", [f"YM{d:%y%m%d}{k:04d}" for k, d in enumerate(df["date"], start=1)])
    return df


def _amount_text(x: float, style: int) -> str:
    neg, v = x < 0, abs(x)
    body = [f"{v:.2f}", f"{v:,.2f}", f"￥{v:,.2f}", f"{v:,.0f}元", f"¥{v:,.2f}", f"{v:g}"][style]
    return f"-{body}" if neg else body


def generate(seed: int) -> dict[str, pd.DataFrame]:
    rng = rng_for(seed, "own_data")
    df = _orders(rng)
    n = len(df)
    # returns: about 2 % of orders are refunded later as a negative row with a 退货 note
    ret = rng.choice(n, size=max(4, n // 50), replace=False)
    back = df.loc[ret].copy()
    back["date"] = back["date"] + pd.to_timedelta(rng.integers(1, 15, len(back)), unit="D")
    back = back[back["date"] <= END]
    back["amount"] = -back["amount"]
    back["order"] = back["order"] + "-R"
    df["note"] = ""
    back["note"] = "退货"
    df = pd.concat([df, back]).sort_values(["date", "order"], kind="stable").reset_index(drop=True)
    # amounts as text, in the styles of different people's typing
    styles = rng.choice(6, size=len(df), p=[0.35, 0.2, 0.2, 0.1, 0.05, 0.1])
    amount = [_amount_text(a, s) for a, s in zip(df["amount"], styles, strict=True)]
    for k in rng.choice(np.flatnonzero(df["amount"] < 0), size=2, replace=False):
        amount[k] = f"({abs(df.loc[k, 'amount']):,.2f})"  # accounting negatives
    # dates: mostly ISO (Excel dates in the workbook), some typed by hand
    kind = rng.choice(4, size=len(df), p=[0.82, 0.08, 0.06, 0.04])
    dates = [
        [f"{d:%Y-%m-%d}", f"{d.year}/{d.month}/{d.day}", f"{d.year}年{d.month}月{d.day}日",
         f"{d:%Y.%m.%d}"][k] for d, k in zip(df["date"], kind, strict=True)]
    for k, bad in zip(rng.choice(len(df), size=len(BAD_DATES), replace=False), BAD_DATES,
                      strict=True):
        dates[k] = bad
    out = pd.DataFrame({
        "订单号": df["order"], "会员编号": df["member"].astype(str), "下单日期": dates,
        "门店": df["store"], "商品类别": df["category"], "数量": df["qty"].astype(str),
        "实付金额（元）": amount, "备注": df["note"],
    })
    # orders pasted twice (the same rows again, a little further down)
    dup = np.sort(rng.choice(len(out) - 20, size=12, replace=False))
    pieces, last = [], 0
    for k in dup:
        stop = max(last, k + 3)
        pieces += [out.iloc[last:stop], out.iloc[[k]]]
        last = stop
    pieces.append(out.iloc[last:])
    out = pd.concat(pieces, ignore_index=True)
    blank = pd.DataFrame([[""] * len(HEADER)], columns=HEADER)
    cut = len(out) // 2
    total = pd.DataFrame([["合计", "", "", "", "", "", f"{df['amount'].sum():,.2f}", ""]],
                         columns=HEADER)
    out = pd.concat([out.iloc[:cut], blank, out.iloc[cut:], total], ignore_index=True)
    return {"own_data_sample": out}


def _excel_cell(column: str, text: str) -> object:
    """What Excel would hold: clean ISO dates and plain numbers as typed cells, the rest text."""
    if text == "":
        return None
    if column == "下单日期" and len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return dt.datetime.strptime(text, "%Y-%m-%d")
        except ValueError:
            return text
    if column in ("会员编号", "数量"):
        return int(text) if text.isdigit() else text
    if column == "实付金额（元）":
        try:
            return float(text)
        except ValueError:
            return text
    return text


def write_excel(frame: pd.DataFrame, path: Path) -> Path:
    """The Excel copy: a title row above the header, typed cells where Excel would have them."""
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "会员消费明细"
    ws.append([TITLE])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(list(frame.columns))
    for rec in frame.itertuples(index=False):
        ws.append([_excel_cell(c, "" if pd.isna(v) else str(v))
                   for c, v in zip(frame.columns, rec, strict=True)])
    for row in ws.iter_rows(min_row=3, min_col=3, max_col=3):
        for c in row:
            if isinstance(c.value, dt.datetime):
                c.number_format = "yyyy/m/d"
    for letter, width in zip("ABCDEFGH", (18, 10, 14, 10, 10, 6, 14, 8), strict=True):
        ws.column_dimensions[letter].width = width
    wb.properties.created = wb.properties.modified = dt.datetime(2025, 7, 1)
    buf = io.BytesIO()
    wb.save(buf)
    _fixed_zip_times(buf.getvalue(), Path(path))
    return Path(path)


def _fixed_zip_times(data: bytes, path: Path) -> None:
    """Re-pack the workbook with fixed zip time stamps, so the same seed gives the same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w") as out:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(2025, 7, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            body = src.read(item.filename)
            if item.filename == "docProps/core.xml":  # openpyxl stamps "modified" with now
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2025-07-01T00:00:00Z",
                              body)
            out.writestr(info, body)
