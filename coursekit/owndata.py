"""Use your own data: bring a company's transaction spreadsheet into the kit (chapter 08).

A trainer in a company gets a spreadsheet, not a clean data set: Chinese headers, amounts typed
as ``¥1,280.00``, a title row above the header, a 合计 (total) row at the bottom, a few dates
nobody can read, returns as negative amounts and rows pasted twice. Three steps turn it into the
table the kit's functions expect — one row per purchase with ``customer_id``, ``date`` and
``amount`` (:data:`KIT_COLUMNS`):

1. :func:`read_table` reads the CSV or Excel file as it is (text cells; the encoding of a CSV —
   UTF-8 with or without BOM, GBK, GB18030 — is detected by the same code as the survey reader,
   :func:`coursekit.survey.detect_encoding`);
2. :func:`map_columns` renames *their* columns to the kit's names from a mapping
   ``{their name: kit name}`` and checks it (close names are suggested for typos;
   :func:`suggest_mapping` proposes a mapping from common English and Chinese headers);
3. :func:`clean_transactions` turns text into numbers and dates and returns the clean table
   with a :class:`CleaningReport` of everything it did. What cannot be decided for you — keep or
   drop returns, drop or stop at unreadable dates — is a keyword you must choose.

The user's file and the caller's DataFrame are never modified. The analyses (RFM, ABC, cohorts,
CLV) then run on the clean table; :mod:`coursekit.excel_report` writes them to a workbook.
"""

from __future__ import annotations

import difflib
import math
import re
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from . import _validate as check
from ._lang import get_language

__all__ = [
    "KIT_COLUMNS",
    "REQUIRED",
    "HEADER_NAMES",
    "read_table",
    "suggest_mapping",
    "map_columns",
    "parse_amounts",
    "parse_dates",
    "clean_transactions",
    "CleaningReport",
    "Cleaned",
    "Step",
    "Rows",
]

#: The kit's column names for a transaction table, and what each holds.
KIT_COLUMNS: dict[str, str] = {
    "customer_id": "who bought (customer or member number, or name)",
    "date": "when (order or payment date)",
    "amount": "how much, in yuan (negative = a return or refund)",
    "order_id": "order or receipt number (optional; makes duplicates certain)",
    "product": "product or category (optional)",
    "channel": "store, channel or region (optional)",
}
#: The kit columns every analysis needs.
REQUIRED = ("customer_id", "date", "amount")

#: Common headers (English and Chinese) for each kit column, used by :func:`suggest_mapping`.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "customer_id": ("客户ID", "客户编号", "客户号", "客户代码", "客户", "客户名称", "客户姓名",
                    "会员ID", "会员编号", "会员号", "会员卡号", "会员", "用户ID", "用户编号", "买家",
                    "买家会员名", "买家昵称", "买家ID", "会员名", "用户名", "客户手机号", "手机号",
                    "customer_id", "customer id", "customer", "customer no", "client", "client id",
                    "member id", "member", "user id", "buyer"),
    "date": ("订单日期", "日期", "交易日期", "下单日期", "下单时间", "消费日期", "消费时间", "购买日期",
             "交易时间", "付款时间", "付款日期", "销售日期", "订单创建时间", "订单付款时间", "创建时间",
             "支付时间", "成交时间", "单据日期", "date", "order date", "purchase date",
             "transaction date", "invoice date", "order_date"),
    "amount": ("金额", "订单金额", "消费金额", "实付金额", "交易金额", "销售额", "销售金额", "实收金额",
               "付款金额", "应收金额", "金额(元)", "买家实际支付金额", "实付款", "总金额", "支付金额",
               "成交金额", "价税合计", "amount", "sales", "revenue", "order value",
               "total", "value", "spend"),
    "order_id": ("订单号", "订单编号", "单号", "订单ID", "流水号", "小票号", "发票号", "order id",
                 "order no", "order number", "order_id", "invoice", "invoice no", "receipt"),
    "product": ("商品", "商品名称", "产品", "产品名称", "品名", "品类", "商品类别", "product",
                "item", "category", "sku"),
    "channel": ("渠道", "门店", "店铺", "销售渠道", "区域", "地区", "channel", "store", "shop",
                "region"),
}

_TOTAL_WORDS = ("合计", "总计", "小计", "总额", "total", "subtotal", "grand total", "sum")


# ---------------------------------------------------------------------------------------------
# reading
# ---------------------------------------------------------------------------------------------

_ADVICE = (
    "It reads a table saved as .csv, .xlsx or .xls (one header row, one row per purchase). "
    "Open the file in Excel and 'Save as' .xlsx or 'CSV UTF-8', then try again."
)


def _header_row(rows: list[list[Any]]) -> int:
    """The first of the top 10 rows that is at least half filled (title rows come before it)."""
    width = max((len(r) for r in rows), default=0)
    for i, r in enumerate(rows[:10]):
        filled = sum(_text(v) is not None for v in r)
        if width and filled >= max(2, width / 2):
            return i
    return 0


def _read_xlsx(path: Path, sheet: int | str) -> tuple[pd.DataFrame, int, list[str]]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # a .docx or .zip is a zip file too
        raise ValueError(
            f"read_table cannot read {path.name!r}: it is a zip file but not an Excel workbook "
            f"({type(exc).__name__}). {_ADVICE}"
        ) from exc
    try:
        names = wb.sheetnames
        if isinstance(sheet, str):
            if sheet not in names:
                close = difflib.get_close_matches(sheet, names, n=1)
                hint = f" Did you mean {close[0]!r}?" if close else ""
                raise ValueError(f"{path.name!r} has no sheet {sheet!r}.{hint} Sheets: "
                                 f"{check._show(names, limit=10)}.")
            ws = wb[sheet]
        else:
            idx = check.as_whole(sheet, name="sheet", low=0, high=len(names) - 1)
            ws = wb[names[idx]]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
    finally:
        wb.close()
    while rows and all(_text(v) is None for v in rows[-1]):
        rows.pop()
    if not rows:
        return pd.DataFrame(), 0, names
    head = _header_row(rows)
    width = max(len(r) for r in rows[head:])
    header = [_text(v) or f"Unnamed: {j}" for j, v in enumerate(rows[head] + [None] * width)][:width]
    body = [r + [None] * (width - len(r)) for r in rows[head + 1:]]
    return pd.DataFrame(body, columns=header, dtype=object), head, names


def _check_fields(path: Path, encoding: str) -> None:
    """Refuse a CSV whose rows have more values than its header (pandas would shift them)."""
    import csv
    import io

    text = path.read_bytes().decode(encoding, errors="replace").lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    sep = "\t" if first.count("\t") > first.count(",") else ","
    rows = csv.reader(io.StringIO(text), delimiter=sep)
    width = len(next(rows, []))
    long = [(i, row) for i, row in enumerate(rows, start=2) if len(row) > width]
    if long:
        line, row = long[0]
        raise ValueError(
            f"{path.name!r}: {len(long)} row(s) have more values than the header's {width} "
            f"columns, e.g. line {line}: {sep.join(row)!r}. Most often an amount with a thousands "
            "separator was saved without quotes (1,280.00 becomes two values). Open the file in "
            "Excel and save it again (Excel puts such numbers in quotes), or export it as .xlsx."
        )


def read_table(
    path: str | Path,
    *,
    encoding: str | None = None,
    sheet: int | str = 0,
) -> pd.DataFrame:
    """Read a user's CSV or Excel table as it is, every cell as text or the value Excel stored.

    * CSV: the encoding is detected when not given (UTF-8 with or without BOM, GBK, GB18030 —
      Excel on Chinese Windows saves GBK), with the survey reader's code
      (:func:`coursekit.survey.detect_encoding`); comma or tab separated;
    * .xlsx: title rows above the header (a report title such as ``2025年销售明细``) are
      skipped — the header is the first of the top ten rows that is at least half filled;
    * .xls (Excel 97–2003) is read with xlrd;
    * the file type is read from the file's first bytes, not from its name.

    Nothing is converted yet: that is :func:`clean_transactions`' job, which reports what it
    changes. The file is only read, never written.

    Parameters
    ----------
    path : str or Path
        The file.
    encoding : str, optional, keyword-only
        Text encoding of a CSV (e.g. ``"gbk"``); detected when ``None``.
    sheet : int or str, keyword-only
        The sheet of a workbook: position (0 = first) or name.

    Returns
    -------
    DataFrame
        The table with its header row as column names. ``df.attrs`` records ``source`` (file
        name), ``file_type``, ``encoding`` and ``header_row`` (the spreadsheet row number of
        the header, 1 = first), used to name spreadsheet rows in messages.

    Raises
    ------
    ValueError
        No such file; a file that is not a table (a web page, PDF, Word document, picture, a
        text with one column); an encoding that does not fit; no data rows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "sales.csv"
    >>> _ = p.write_bytes("客户ID,订单日期,金额\\nC01,2025/3/5,\\"￥1,280.00\\"\\n".encode("gbk"))
    >>> df = read_table(p)
    >>> df.attrs["encoding"], df.columns.tolist(), df.iloc[0].tolist()
    ('gbk', ['客户ID', '订单日期', '金额'], ['C01', '2025/3/5', '￥1,280.00'])
    """
    from .survey import _read_raw, _sniff

    p = Path(path)
    if not p.is_file():
        near = sorted(x.name for x in p.parent.glob("*")) if p.parent.is_dir() else []
        raise ValueError(
            f"No file {str(p)!r}. Check the name and folder"
            + (f"; that folder holds {check._show(near, limit=8)}." if near else ".")
        )
    kind = _sniff(p)
    head, sheets = 0, []
    if kind == "xlsx":
        df, head, sheets = _read_xlsx(p, sheet)
        file_type, enc = "xlsx", "xlsx"
    else:
        try:
            df, file_type, enc = _read_raw(p, encoding, caller="read_table", advice=_ADVICE)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ValueError(
                f"read_table cannot read {p.name!r} as a table: {first}. {_ADVICE}"
            ) from exc
    if file_type == "csv":
        _check_fields(p, enc)
    df.columns = [str(c).strip() for c in df.columns]
    other = (f" The workbook's sheets: {check._show(sheets, limit=10)}; choose one with "
             "sheet='name'." if len(sheets) > 1 else "")
    if len(df) == 0 or df.shape[1] == 0:
        raise ValueError(
            f"{p.name!r} has no data rows (found {df.shape[0]} rows and {df.shape[1]} columns). "
            f"Is it the right sheet or the right file?{other}"
        )
    if df.shape[1] < 2:
        raise ValueError(
            f"{p.name!r} does not look like a table: it has a single column "
            f"({df.columns[0][:40]!r} …). A transaction table needs at least a customer, a date "
            "and an amount column. If it is a CSV from Excel with ';' between the values, open "
            f"it in Excel and save it again as 'CSV UTF-8 (comma delimited)'.{other}"
        )
    df.attrs.update(source=p.name, file_type=file_type, encoding=enc, header_row=head + 1)
    return df


# ---------------------------------------------------------------------------------------------
# mapping their columns to the kit's
# ---------------------------------------------------------------------------------------------


def _norm(name: Any) -> str:
    """A header without case, spaces, underscores, brackets and units: '金额（元）' → '金额'."""
    s = str(name).strip().lower()
    s = re.sub(r"[(（\[【][^)）\]】]*[)）\]】]", "", s)
    return re.sub(r"[\s_\-./:：]+", "", s)


_LOOKUP = {_norm(h): kit for kit, names in HEADER_NAMES.items() for h in names}


def suggest_mapping(df: pd.DataFrame) -> dict[str, str]:
    """Propose ``{their column: kit column}`` from common English and Chinese headers.

    Headers are compared without case, spaces, underscores and units in brackets
    (``"金额（元）"`` is ``"金额"``). Each kit column is proposed at most once (the first
    matching column wins); check the proposal before you use it.

    Examples
    --------
    >>> df = pd.DataFrame(columns=["订单号", "客户ID", "订单日期", "商品名称", "实付金额（元）", "备注"])
    >>> suggest_mapping(df)
    {'订单号': 'order_id', '客户ID': 'customer_id', '订单日期': 'date', '商品名称': 'product', '实付金额（元）': 'amount'}
    """
    check.require_frame(df, allow_empty=True)
    out: dict[str, str] = {}
    for col in df.columns:
        kit = _LOOKUP.get(_norm(col))
        if kit is None and str(col) in KIT_COLUMNS:
            kit = str(col)
        if kit is not None and kit not in out.values():
            out[str(col)] = kit
    return out


def _close(name: str, options: list[str]) -> str | None:
    by_norm = {_norm(o): o for o in options}
    if _norm(name) in by_norm:
        return by_norm[_norm(name)]
    close = difflib.get_close_matches(str(name), options, n=1, cutoff=0.5)
    if close:
        return close[0]
    close = difflib.get_close_matches(_norm(name), list(by_norm), n=1, cutoff=0.5)
    return by_norm[close[0]] if close else None


def map_columns(
    df: pd.DataFrame,
    mapping: Mapping[str, str],
    *,
    required: tuple[str, ...] = REQUIRED,
) -> pd.DataFrame:
    """Rename the user's columns to the kit's names, after checking the mapping.

    Parameters
    ----------
    df : DataFrame
        The table as read (:func:`read_table`). Not modified.
    mapping : dict
        ``{their column name: kit column name}``; kit names are those of :data:`KIT_COLUMNS`
        (``customer_id``, ``date``, ``amount``, and optionally ``order_id``, ``product``,
        ``channel``). Their columns that are not in the mapping are left out.
    required : tuple of str, keyword-only
        Kit columns that must be mapped (default: customer, date and amount).

    Returns
    -------
    DataFrame
        A new table with the mapped columns only, in kit order, renamed to the kit's names
        (values unchanged; ``attrs`` kept, plus ``mapping``).

    Raises
    ------
    ValueError
        A mapped column that the table does not have (a close name is suggested), an unknown
        kit name, two columns mapped to one kit name, or a required kit column left unmapped
        (a column that could hold it is suggested).

    Examples
    --------
    >>> raw = pd.DataFrame({"客户ID": ["C01"], "订单日期": ["2025/3/5"], "金额": ["¥1,280"]})
    >>> map_columns(raw, {"客户ID": "customer_id", "订单日期": "date", "金额": "amount"})
      customer_id      date  amount
    0         C01  2025/3/5  ¥1,280
    >>> map_columns(raw, {"客户编号": "customer_id", "订单日期": "date", "金额": "amount"})
    Traceback (most recent call last):
    ...
    ValueError: The mapping names the column '客户编号', but the table has no such column. Did you mean '客户ID'? The table's columns: '客户ID', '订单日期', '金额'.
    """
    check.require_frame(df)
    if not isinstance(mapping, Mapping):
        raise TypeError(
            "`mapping` must be a dict {their column: kit column}, e.g. {'客户ID': 'customer_id', "
            f"'订单日期': 'date', '金额': 'amount'}}, but got {type(mapping).__name__}."
        )
    if not mapping:
        raise ValueError(
            "`mapping` is empty. Map at least the customer, date and amount columns; "
            f"suggest_mapping(df) proposes {suggest_mapping(df)!r}."
        )
    columns = [str(c) for c in df.columns]
    for theirs, kit in mapping.items():
        if theirs not in df.columns:
            close = _close(str(theirs), columns)
            hint = f" Did you mean {close!r}?" if close else ""
            raise ValueError(
                f"The mapping names the column {theirs!r}, but the table has no such column."
                f"{hint} The table's columns: {check._show(columns, limit=12)}."
            )
        if kit not in KIT_COLUMNS:
            close = difflib.get_close_matches(str(kit), list(KIT_COLUMNS), n=1, cutoff=0.5)
            hint = f" Did you mean {close[0]!r}?" if close else ""
            raise ValueError(
                f"The mapping sends {theirs!r} to {kit!r}, which is not a kit column.{hint} "
                f"Kit columns: {check._show(list(KIT_COLUMNS), limit=10)}."
            )
    kits = list(mapping.values())
    twice = sorted({k for k in kits if kits.count(k) > 1})
    if twice:
        both = [t for t, k in mapping.items() if k == twice[0]]
        raise ValueError(
            f"The mapping sends {check._show(both)} all to {twice[0]!r}; a kit column can come "
            "from one column only. Keep one of them (or combine them in Excel first)."
        )
    missing = [k for k in required if k not in kits]
    if missing:
        proposal = {t: k for t, k in suggest_mapping(df).items() if k in missing
                    and t not in mapping}
        hint = (f" These columns look right: {proposal!r}." if proposal else
                f" The table's columns: {check._show(columns, limit=12)}.")
        raise ValueError(
            f"The mapping has no column for {check._show(missing)} "
            f"({'; '.join(KIT_COLUMNS[m] for m in missing)}).{hint}"
        )
    order = [k for k in KIT_COLUMNS if k in kits]
    back = {k: t for t, k in mapping.items()}
    out = pd.DataFrame({k: df[back[k]].to_numpy(copy=True) for k in order}, index=df.index)
    out.attrs = {**df.attrs, "mapping": dict(mapping)}
    return out


# ---------------------------------------------------------------------------------------------
# parsing cells
# ---------------------------------------------------------------------------------------------

_CURRENCY = re.compile(r"(人民币|RMB|CNY|USD|美元|元|¥|￥|\$)", re.IGNORECASE)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def _text(value: Any) -> str | None:
    """A cell as stripped text, None when empty (float 1001.0 → '1001')."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            return str(int(value))
    s = str(value).strip()
    return s or None


def parse_amounts(values: Any) -> tuple[np.ndarray, dict[str, int]]:
    """Amounts typed as text → floats: currency signs, thousands separators, (120) negatives.

    ``¥ ￥ 元 $ RMB CNY USD`` and spaces are removed, thousands separators ``1,280`` dropped,
    ``1.2万`` read as 12,000, an accounting negative ``(120.00)`` and a trailing minus ``120-``
    read as −120, full-width digits (``１２０``, ``１，２８０``) as ordinary ones. Cells that are
    still not a number give NaN — among them commas that are not thousands separators
    (``12,5`` or ``1.280,00``: a decimal comma cannot be told from a typo, so it is not guessed).

    Returns
    -------
    (array, dict)
        The amounts, and how many cells had a currency sign (``"currency"``), a dollar sign or
        ``USD`` (``"dollar"``, counted in ``"currency"`` too), a thousands separator
        (``"thousands"``), an accounting negative (``"brackets"``), the unit 万 (``"wan"``) or
        were not a number (``"bad"``).

    Examples
    --------
    >>> amounts, counts = parse_amounts(["¥1,280.00", "35元", "(120)", 99, "1.2万", "面议"])
    >>> amounts.tolist()
    [1280.0, 35.0, -120.0, 99.0, 12000.0, nan]
    >>> counts
    {'currency': 2, 'dollar': 0, 'thousands': 1, 'brackets': 1, 'wan': 1, 'bad': 1}
    """
    keys = ("currency", "dollar", "thousands", "brackets", "wan", "bad")
    raw = pd.Series(values, dtype=object) if not isinstance(values, pd.Series) else values
    codes, uniques = pd.factorize(raw.to_numpy(dtype=object), use_na_sentinel=True)
    parsed = np.full(len(uniques) + 1, np.nan)
    flags = np.zeros((len(uniques) + 1, len(keys)), dtype=bool)
    col = {k: j for j, k in enumerate(keys)}
    for i, v in enumerate(uniques):
        if isinstance(v, (bool, np.bool_)):
            flags[i, col["bad"]] = True
            continue
        if isinstance(v, (int, float, np.integer, np.floating)):
            parsed[i] = float(v)
            flags[i, col["bad"]] = math.isnan(float(v))
            continue
        s = _text(v)
        if s is None:
            continue
        s = s.translate(_FULL_WIDTH)
        if _CURRENCY.search(s):
            flags[i, col["currency"]] = True
            flags[i, col["dollar"]] = bool(_DOLLAR.search(s))
            s = _CURRENCY.sub("", s)
        s = s.replace(" ", "").replace("\u00a0", "")
        scale = 1.0
        if s.endswith("万"):
            flags[i, col["wan"]], scale, s = True, 10_000.0, s[:-1]
        neg = False
        if s.startswith("(") and s.endswith(")"):
            flags[i, col["brackets"]], neg, s = True, True, s[1:-1]
        elif s.endswith("-") and _NUMBER.match(s[:-1].replace(",", "")):
            neg, s = True, s[:-1]
        if s.startswith("-(") or s.startswith("+"):
            s = s.replace("(", "").replace(")", "")
        if "," in s:
            if not _THOUSANDS.match(s):
                flags[i, col["bad"]] = True
                continue
            flags[i, col["thousands"]] = True
            s = s.replace(",", "")
        if _NUMBER.match(s):
            parsed[i] = (-float(s) if neg else float(s)) * scale
        else:
            flags[i, col["bad"]] = True
    row_flags = flags[codes]
    return parsed[codes], {k: int(row_flags[:, j].sum()) for j, k in enumerate(keys)}


_DOLLAR = re.compile(r"(\$|USD|美元)", re.IGNORECASE)
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－（）＋", "0123456789.,-()+")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")
_DATE_SEP = re.compile(r"\s*[年月./\-]\s*")
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[日号])?(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


def _one_date(s: str, order: str = "ymd") -> pd.Timestamp | None:
    s = s.translate(_FULL_WIDTH).strip()
    if order != "ymd":
        m = _DMY.match(s)
        if not m:
            return None
        a, b, y, hh, mm, ss = (int(g) if g else 0 for g in m.groups())
        mo, d = (a, b) if order == "mdy" else (b, a)
        try:
            return pd.Timestamp(year=y, month=mo, day=d, hour=hh, minute=mm, second=ss)
        except ValueError:
            return None
    if re.fullmatch(r"\d{8}", s):
        s = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    s = _DATE_SEP.sub("-", s).rstrip("-").replace("日", "").replace("号", "")
    m = _YMD.match(s)
    if not m:
        return None
    y, mo, d, hh, mm, ss = (int(g) if g else 0 for g in m.groups())
    try:
        return pd.Timestamp(year=y, month=mo, day=d, hour=hh, minute=mm, second=ss)
    except ValueError:  # 2025-02-30
        return None


def parse_dates(values: Any, *, order: str = "ymd") -> pd.Series:
    """Dates as a spreadsheet holds them → datetimes (NaT where a date cannot be read).

    Reads Excel dates, Excel serial numbers (45722 = 2025-03-06, when a date cell was formatted
    as a number — also when a CSV holds them as text), and text in the year-month-day order used in China: ``2025-03-05``,
    ``2025/3/5``, ``2025.3.5``, ``2025年3月5日``, ``20250305``, with or without a time.
    Day-first or month-first text such as ``05/03/2025`` is *not* guessed (it is ambiguous):
    it gives NaT, and :func:`clean_transactions` reports it — unless you say which order the
    file uses with ``order="dmy"`` (05/03/2025 = 5 March, British and European exports) or
    ``order="mdy"`` (= 3 May, American exports); text dates must then all be in that order.

    Parameters
    ----------
    values : list or Series
        The cells.
    order : {"ymd", "dmy", "mdy"}, keyword-only
        The order of text dates (Excel dates and serial numbers need none).

    Examples
    --------
    >>> parse_dates(["2025/3/5", "2025年3月6日", "20250307", 45724, "2025-02-30", "05/03/2025"]).tolist()
    [Timestamp('2025-03-05 00:00:00'), Timestamp('2025-03-06 00:00:00'), Timestamp('2025-03-07 00:00:00'), Timestamp('2025-03-08 00:00:00'), NaT, NaT]
    >>> parse_dates(["05/03/2025", "12/31/2025"], order="mdy").tolist()
    [Timestamp('2025-05-03 00:00:00'), Timestamp('2025-12-31 00:00:00')]
    """
    order = check.require_choice(order, name="order", choices=("ymd", "dmy", "mdy"))
    raw = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if pd.api.types.is_datetime64_any_dtype(raw):
        return pd.Series(raw.to_numpy(), index=raw.index, dtype="datetime64[ns]")
    codes, uniques = pd.factorize(raw.to_numpy(dtype=object), use_na_sentinel=True)
    out: list[Any] = []
    for v in uniques:
        if isinstance(v, (pd.Timestamp, np.datetime64)) or (hasattr(v, "year")
                                                             and hasattr(v, "month")):
            try:
                out.append(pd.Timestamp(v))
            except (TypeError, ValueError):
                out.append(pd.NaT)
        elif isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
            x = float(v)
            if 20_000 <= x <= 80_000:  # Excel serial day numbers 1954 … 2119
                out.append(pd.Timestamp("1899-12-30") + pd.Timedelta(days=x))
            elif x.is_integer() and 19_000_101 <= x <= 21_001_231:
                out.append(_one_date(str(int(x))) or pd.NaT)  # 20250305
            else:
                out.append(pd.NaT)
        else:
            s = _text(v)
            if s is not None and _SERIAL.match(s) and 20_000 <= float(s) <= 80_000:
                out.append(pd.Timestamp("1899-12-30") + pd.Timedelta(days=float(s)))
                continue
            out.append(pd.NaT if s is None else (_one_date(s, order) or pd.NaT))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = pd.to_datetime(pd.Series([*out, pd.NaT], dtype=object)).astype("datetime64[ns]")
    return pd.Series(table.to_numpy()[codes], index=raw.index, dtype="datetime64[ns]")


# ---------------------------------------------------------------------------------------------
# cleaning, with a report
# ---------------------------------------------------------------------------------------------

_STEPS = {
    "blank": {"en": "{n} empty row(s) dropped",
              "zh": "删除空行 {n} 行"},
    "totals": {"en": "{n} total row(s) (合计 / 总计 / total) dropped: {examples}",
               "zh": "删除合计行 {n} 行（合计 / 总计 / total）：{examples}"},
    "no_customer": {"en": "{n} row(s) without a customer dropped (they cannot be linked to "
                          "anyone): {examples}",
                    "zh": "删除没有客户编号的行 {n} 行（无法对应到客户）：{examples}"},
    "no_values": {"en": "{n} row(s) with neither a date nor an amount dropped (notes such as "
                        "单位：元): {examples}",
                  "zh": "删除既没有日期也没有金额的行 {n} 行（如“单位：元”之类的说明）：{examples}"},
    "currency": {"en": "{n} amount(s) had a currency sign (¥, ￥, 元, $ …), removed",
                 "zh": "{n} 个金额带货币符号（¥、￥、元、$ 等），已去掉"},
    "thousands": {"en": "{n} amount(s) had thousands separators (1,280), removed",
                  "zh": "{n} 个金额带千位分隔符（1,280），已去掉"},
    "brackets": {"en": "{n} amount(s) written as (120) read as −120",
                 "zh": "{n} 个金额写成 (120)，按 −120 读取"},
    "wan": {"en": "{n} amount(s) in 万 (ten thousands) multiplied by 10,000",
            "zh": "{n} 个以“万”为单位的金额已乘以 10,000"},
    "two_currencies": {"en": "{n} amount(s) had a dollar sign while others are in yuan: check "
                             "that they are not US dollars — they were added up as they are",
                       "zh": "{n} 个金额带美元符号，其余为人民币：请核对它们是否为美元——目前按原数相加"},
    "bad_amounts": {"en": "{n} row(s) whose amount is not a number dropped: {examples}",
                    "zh": "删除金额不是数字的行 {n} 行：{examples}"},
    "bad_dates": {"en": "{n} row(s) whose date cannot be read dropped: {examples}",
                  "zh": "删除日期无法识别的行 {n} 行：{examples}"},
    "returns_drop": {"en": "{n} return(s) (negative amounts, {total}) dropped: sales are gross",
                     "zh": "删除退货 {n} 笔（负金额，合计 {total}）：按毛销售额分析"},
    "returns_keep": {"en": "{n} return(s) (negative amounts, {total}) kept: sales are net of "
                           "returns",
                     "zh": "保留退货 {n} 笔（负金额，合计 {total}）：按扣除退货后的净销售额分析"},
    "zero": {"en": "{n} row(s) with amount 0 kept (gifts? check them)",
             "zh": "保留金额为 0 的行 {n} 行（赠品？请核对）"},
    "duplicates_drop": {"en": "{n} duplicate row(s) dropped (same {cols} as an earlier row): "
                              "{examples}",
                        "zh": "删除重复行 {n} 行（{cols} 与前面某行完全相同）：{examples}"},
    "duplicates_keep": {"en": "{n} duplicate row(s) kept as you asked (same {cols} as an "
                              "earlier row): {examples}",
                        "zh": "按要求保留重复行 {n} 行（{cols} 与前面某行完全相同）：{examples}"},
    "no_order": {"en": "no order number was mapped: two identical rows may also be two real "
                       "purchases on one day; map an order column to be sure",
                 "zh": "没有映射订单号：两行完全相同也可能是同一天的两笔真实消费；映射订单号列可以确认"},
}


@dataclass
class Rows:
    """Example rows for a message: spreadsheet row numbers (and their cells), and how many."""

    rows: list[int]
    values: list[Any] | None
    total: int

    def text(self, language: str | None = None) -> str:
        zh = (language or get_language()) == "zh"
        parts = []
        for k, r in enumerate(self.rows):
            name = f"第 {r} 行" if zh else f"row {r}"
            if self.values is not None:
                v = self.values[k]
                if _text(v) is None:
                    name += " （空）" if zh else " (empty)"
                else:
                    name += " " + (f"{v:%Y-%m-%d}" if isinstance(v, pd.Timestamp) else repr(v))
            parts.append(name)
        if self.total > len(self.rows):
            parts.append(f"……（共 {self.total} 行）" if zh else f"… ({self.total} in all)")
        return ("；" if zh else "; ").join(parts)


@dataclass
class Step:
    """One thing :func:`clean_transactions` did: a key of the message, a count, examples."""

    key: str
    n: int
    examples: Rows | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def text(self, language: str | None = None) -> str:
        lang = language or get_language()
        template = _STEPS[self.key].get(lang, _STEPS[self.key]["en"])
        shown = self.examples.text(lang) if self.examples is not None else ""
        return template.format(n=f"{self.n:,}", examples=shown, **self.extra)


@dataclass
class CleaningReport:
    """What :func:`clean_transactions` did, step by step, with row counts before and after.

    ``str(report)`` (or ``print(report)``) gives the lines in the kit's language
    (:func:`coursekit.get_language`); :meth:`lines` in a chosen one.
    """

    source: str
    rows_before: int
    rows_after: int
    customers: int
    first_date: pd.Timestamp | None
    last_date: pd.Timestamp | None
    steps: list[Step] = field(default_factory=list)

    def lines(self, language: str | None = None) -> list[str]:
        """The report as short sentences (English or Chinese)."""
        lang = language or get_language()
        if lang == "zh":
            head = (f"{self.source}：读入 {self.rows_before:,} 行，清洗后 {self.rows_after:,} 行，"
                    f"客户 {self.customers:,} 个，日期 {self._span()}")
        else:
            head = (f"{self.source}: {self.rows_before:,} rows read, {self.rows_after:,} rows "
                    f"after cleaning, {self.customers:,} customers, dates {self._span()}")
        return [head] + [f"- {s.text(lang)}" for s in self.steps]

    def _span(self) -> str:
        if self.first_date is None or self.last_date is None:
            return "—"
        return f"{self.first_date:%Y-%m-%d} … {self.last_date:%Y-%m-%d}"

    def __str__(self) -> str:
        return "\n".join(self.lines())


class Cleaned(NamedTuple):
    """The clean transaction table and the report of how it was made."""

    data: pd.DataFrame
    report: CleaningReport


def _row_names(index: pd.Index, header_row: int, *, limit: int = 3) -> Rows:
    """Spreadsheet row numbers of table rows (header in row ``header_row``)."""
    return Rows([header_row + 1 + int(i) for i in list(index)[:limit]], None, len(index))


def _examples(rows: pd.Index, values: pd.Series, header_row: int, limit: int = 3) -> Rows:
    """Like :func:`_row_names`, with each row's cell from ``values``."""
    names = _row_names(rows, header_row, limit=limit)
    names.values = values.loc[rows[:limit]].tolist()
    return names


def _per_distinct(values: pd.Series, func: Any, *, missing: Any = None) -> np.ndarray:
    """``func`` of every cell, computed once per distinct value (cells repeat a lot)."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
    return np.array([*(func(u) for u in uniques), missing], dtype=object)[codes]


def clean_transactions(
    df: pd.DataFrame,
    *,
    returns: str | None = None,
    bad_dates: str = "raise",
    bad_amounts: str = "raise",
    duplicates: str = "drop",
    date_order: str = "ymd",
) -> Cleaned:
    """Turn a mapped table (:func:`map_columns`) into a clean transaction table, and say how.

    In this order:

    1. empty rows, total rows (a cell that says ``合计``, ``总计``, ``小计`` or ``total``) and
       rows without a customer are dropped (noted);
    2. amounts are read as numbers (:func:`parse_amounts`: currency signs and thousands
       separators removed, noted); rows whose amount is still not a number raise, or are
       dropped with ``bad_amounts="drop"``;
    3. dates are read (:func:`parse_dates`); rows whose date cannot be read raise — the
       message says how many and shows examples with their spreadsheet row — or are dropped
       with ``bad_dates="drop"``;
    4. negative amounts are returns or refunds. There is no default: if there are any,
       choose ``returns="keep"`` (net sales: a customer's spend after returns) or
       ``returns="drop"`` (gross sales: the purchases only);
    5. duplicate rows — every mapped column equal to an earlier row's — are dropped (noted,
       ``duplicates="keep"`` keeps them). Without an ``order_id`` column two identical rows
       may be two real purchases; the report says so.

    Parameters
    ----------
    df : DataFrame
        Columns with the kit's names (at least ``customer_id``, ``date``, ``amount``), as
        :func:`map_columns` returns them. Not modified.
    returns : {"keep", "drop"}, optional, keyword-only
        What to do with negative amounts; required when there are any.
    bad_dates, bad_amounts : {"raise", "drop"}, keyword-only
        Stop with a message (default) or drop the rows whose date / amount cannot be read.
    duplicates : {"drop", "keep"}, keyword-only
        Drop (default) or keep rows that repeat an earlier row exactly.
    date_order : {"ymd", "dmy", "mdy"}, keyword-only
        The order of dates typed as text: year-month-day (China, default), day-month-year or
        month-day-year (see :func:`parse_dates`). When most unreadable dates look like
        ``05/03/2025``, the message suggests this keyword.

    Returns
    -------
    Cleaned
        ``(data, report)``: ``data`` has ``customer_id`` (text), ``date`` (datetime),
        ``amount`` (float) and the optional columns (text), with the original row labels;
        ``report`` is a :class:`CleaningReport` (print it).

    Raises
    ------
    ValueError
        Missing kit columns; unreadable dates or amounts (unless dropped); negative amounts
        with ``returns`` not chosen; nothing left after cleaning.

    Examples
    --------
    >>> raw = pd.DataFrame({"customer_id": ["C01", "C01", "C02", "C02", "合计"],
    ...                     "date": ["2025/3/5", "2025/3/5", "2025年4月1日", "2025-04-09", None],
    ...                     "amount": ["¥1,280.00", "¥1,280.00", "35元", "-35", "1,310"]})
    >>> tx, report = clean_transactions(raw, returns="keep")
    >>> tx
      customer_id       date  amount
    0         C01 2025-03-05  1280.0
    2         C02 2025-04-01    35.0
    3         C02 2025-04-09   -35.0
    >>> print(report)
    table: 5 rows read, 3 rows after cleaning, 2 customers, dates 2025-03-05 … 2025-04-09
    - 1 total row(s) (合计 / 总计 / total) dropped: row 6 '合计'
    - 3 amount(s) had a currency sign (¥, ￥, 元, $ …), removed
    - 2 amount(s) had thousands separators (1,280), removed
    - 1 return(s) (negative amounts, -35.00) kept: sales are net of returns
    - 1 duplicate row(s) dropped (same customer_id, date, amount as an earlier row): row 3
    - no order number was mapped: two identical rows may also be two real purchases on one day; map an order column to be sure
    """
    check.require_frame(df)
    check.require_columns(df, list(REQUIRED), name="df")
    if returns is not None:
        check.require_choice(returns, name="returns", choices=("keep", "drop"))
    check.require_choice(bad_dates, name="bad_dates", choices=("raise", "drop"))
    check.require_choice(bad_amounts, name="bad_amounts", choices=("raise", "drop"))
    check.require_choice(duplicates, name="duplicates", choices=("drop", "keep"))
    head = int(df.attrs.get("header_row", 1))
    source = str(df.attrs.get("source", "table"))
    cols = [c for c in KIT_COLUMNS if c in df.columns]
    steps: list[Step] = []
    work = pd.DataFrame({c: df[c].to_numpy(dtype=object, copy=True) for c in cols},
                        index=df.index)
    n0 = len(work)

    text = pd.DataFrame({c: _per_distinct(work[c], _text) for c in cols}, index=work.index)
    blank = text.isna().all(axis=1)
    if blank.any():
        steps.append(Step("blank", int(blank.sum())))
    work, text = work[~blank], text[~blank]
    cust = text["customer_id"]
    words = [w.replace(" ", "") for w in _TOTAL_WORDS]
    is_total = pd.DataFrame({c: _per_distinct(text[c], lambda v: isinstance(v, str) and re.sub(
        r"[\s:：]", "", v.lower()) in words, missing=False) for c in cols}, index=text.index,
        dtype=bool)
    total = is_total.any(axis=1)
    if total.any():
        label = text.where(is_total).bfill(axis=1).iloc[:, 0]
        steps.append(Step("totals", int(total.sum()),
                          _examples(cust.index[total], label, head)))
    no_cust = cust.isna() & ~total
    if no_cust.any():
        steps.append(Step("no_customer", int(no_cust.sum()),
                          _row_names(cust.index[no_cust], head)))
    note = ~(total | no_cust) & text["date"].isna() & text["amount"].isna()
    if note.any():  # a unit line such as 单位：元, or a note under the header
        steps.append(Step("no_values", int(note.sum()), _examples(cust.index[note], cust, head)))
    keep = ~(total | no_cust | note)
    work, text = work[keep], text[keep]

    amounts, counts = parse_amounts(work["amount"])
    for key in ("currency", "thousands", "brackets", "wan"):
        if counts[key]:
            steps.append(Step(key, counts[key]))
    if counts["dollar"] and counts["dollar"] < counts["currency"]:
        steps.append(Step("two_currencies", counts["dollar"]))
    bad = np.isnan(amounts)
    if bad.any():
        rows = work.index[bad]
        shown = _examples(rows, work["amount"], head)
        if bad_amounts == "raise":
            raise ValueError(
                f"{int(bad.sum())} row(s) have an amount that is not a number: "
                f"{shown.text('en')}. Correct them in the file (or a copy), or pass "
                "bad_amounts='drop' to leave those rows out (the report will list them)."
            )
        steps.append(Step("bad_amounts", int(bad.sum()), shown))
    check.require_choice(date_order, name="date_order", choices=("ymd", "dmy", "mdy"))
    dates = parse_dates(work["date"], order=date_order)
    bad_d = dates.isna().to_numpy()
    if bad_d.any():
        rows = work.index[bad_d & ~bad]
        if len(rows):
            shown = _examples(rows, work["date"], head)
            if bad_dates == "raise":
                cells = work.loc[rows, "date"].map(_text).dropna()
                dmy = cells.str.match(_DMY).mean() if len(cells) else 0.0
                hint = (" Most of them look like day/month/year or month/day/year: say which "
                        "with date_order='dmy' (05/03/2025 = 5 March) or date_order='mdy' "
                        "(= 3 May)." if date_order == "ymd" and dmy > 0.5 else "")
                words = {"ymd": "year-month-day order (2025-03-05, 2025/3/5, 2025年3月5日 or an "
                                "Excel date)", "dmy": "day/month/year order (05/03/2025 or an "
                                "Excel date)", "mdy": "month/day/year order (03/05/2025 or an "
                                "Excel date)"}[date_order]
                raise ValueError(
                    f"{len(rows)} of {len(work)} row(s) have a date that cannot be read: "
                    f"{shown.text('en')}. Dates are read in {words}.{hint} Correct them in a "
                    "copy of the file, or pass bad_dates='drop' to leave those rows out (the "
                    "report will list them)."
                )
            steps.append(Step("bad_dates", len(rows), shown))
    ok = ~(bad | bad_d)
    out = pd.DataFrame({"customer_id": text["customer_id"].to_numpy()[ok],
                        "date": dates.to_numpy()[ok], "amount": amounts[ok]},
                       index=work.index[ok])
    for c in cols:
        if c not in REQUIRED:
            out[c] = text[c].to_numpy()[ok]
    out = out[[c for c in KIT_COLUMNS if c in out.columns]]

    neg = out["amount"] < 0
    if neg.any():
        total_neg = f"{out.loc[neg, 'amount'].sum():,.2f}"
        if returns is None:
            shown = _examples(out.index[neg], df["amount"], head)
            raise ValueError(
                f"{int(neg.sum())} row(s) have a negative amount (returns or refunds, "
                f"{total_neg} in all): {shown.text('en')}. Choose what they mean for the "
                "analysis: returns='keep' (net sales — a customer's spend after returns) or "
                "returns='drop' (gross sales — purchases only)."
            )
        steps.append(Step(f"returns_{returns}", int(neg.sum()), extra={"total": total_neg}))
        if returns == "drop":
            out = out[~neg]
    zero = out["amount"] == 0
    if zero.any():
        steps.append(Step("zero", int(zero.sum())))

    dup = out.duplicated(keep="first")
    if dup.any():
        steps.append(Step(f"duplicates_{duplicates}", int(dup.sum()),
                          _row_names(out.index[dup], head),
                          extra={"cols": ", ".join(out.columns)}))
        if duplicates == "drop":
            out = out[~dup]
        if "order_id" not in out.columns:
            steps.append(Step("no_order", 0))
    if len(out) == 0:
        raise ValueError(
            f"No rows are left after cleaning {source!r} ({n0} rows read). Check the mapping: "
            "are the customer, date and amount columns the right ones?"
        )
    report = CleaningReport(
        source=source, rows_before=n0, rows_after=len(out),
        customers=int(out["customer_id"].nunique()),
        first_date=out["date"].min(), last_date=out["date"].max(), steps=steps,
    )
    out.attrs = {k: v for k, v in df.attrs.items() if k != "mapping"}
    return Cleaned(out, report)
