"""Satisfaction measurement: from a survey export to rates, indices, drivers and priorities.

The functions follow the measurement workflow of a customer-satisfaction study
(客户满意度测评): read the export of a survey tool such as 问卷星 (Wenjuanxing) or 问卷网
(:func:`read_survey`), turn answer labels into scores (:func:`to_scores`), aggregate them
into a satisfaction rate (:func:`satisfaction_rate`) or a 0–100 index
(:func:`satisfaction_index`), check the reliability of a multi-item scale
(:func:`cronbach_alpha`), decide what to improve first (:func:`ipa`), compute the Net
Promoter Score (:func:`nps`), plan the number of respondents (:func:`sample_size`) and
place customers in the loyalty zones of Jones & Sasser (:func:`loyalty_zone`).
The ACSI-style structural model is :func:`pls_path` (module ``coursekit._pls``).

Conventions that differ between textbooks are parameters:

* satisfaction index to 0–100: ``method="range"`` is (mean − 1)/(k − 1)·100 (a scale of
  1…k; the lowest answer gives 0), ``method="max"`` is mean/k·100 (the lowest answer gives
  100/k, e.g. 20 on a 5-point scale);
* satisfaction rate: the share of answers in the top ``top_box`` categories (top-2-box:
  "satisfied" or "very satisfied" on a 5-point scale).
"""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._validate import (
    _show,
    as_number,
    as_numeric_array,
    require_choice,
    require_columns,
    require_frame,
    require_numeric,
    require_probability,
    require_weights,
)

with contextlib.suppress(ImportError):  # the ACSI-style PLS path model (own module)
    from ._pls import pls_path  # noqa: F401

__all__ = [
    "SCALES",
    "read_survey",
    "split_multi",
    "to_scores",
    "satisfaction_rate",
    "satisfaction_index",
    "item_summary",
    "cronbach_alpha",
    "alpha_if_deleted",
    "ipa",
    "plot_ipa",
    "nps",
    "nps_breakdown",
    "sample_size",
    "loyalty_zone",
    "pls_path",
]

# --------------------------------------------------------------------------------------
# Reading exports of survey tools
# --------------------------------------------------------------------------------------

#: Columns that 问卷星 / 问卷网 put before the questions (metadata, not answers).
METADATA_COLUMNS = (
    "序号", "编号", "答卷编号", "提交答卷时间", "提交时间", "开始时间", "结束时间", "开始答题时间",
    "结束答题时间", "所用时间", "答题时长", "来源", "来源详情", "来自IP", "IP", "IP地址",
    "地理位置", "省份", "城市", "总分",
)
#: Answers that mean "not answered": text download, code download (-2 not shown, -3 skipped).
SKIPPED = ("(跳过)", "（跳过）", "(空)", "（空）", "-2", "-3", "")
MULTI_SEP = "┋"

_DURATION_COLUMNS = ("所用时间", "答题时长")
_TIME_COLUMNS = ("提交答卷时间", "提交时间", "开始时间", "结束时间", "开始答题时间", "结束答题时间")
_QUESTION_HEADER = re.compile(r"^\s*(?:第\s*\d+\s*题|Q?\d+(?:[.．、:：(（_]|\s))", re.IGNORECASE)
_DURATION = re.compile(
    r"^\s*(?:(?P<h>\d+)\s*(?:小时|时|h))?\s*(?:(?P<m>\d+)\s*(?:分钟|分|min|m))?\s*"
    r"(?:(?P<s>\d+(?:\.\d+)?)\s*(?:秒|s|sec))?\s*$",
    re.IGNORECASE,
)


def parse_duration(text: Any) -> float:
    """Turn a 问卷星 duration such as ``"2分5秒"`` into seconds.

    Plain numbers are taken as seconds; missing values and ``"--"`` give NaN.

    Examples
    --------
    >>> parse_duration("2分5秒"), parse_duration("48秒"), parse_duration("1小时0分3秒")
    (125.0, 48.0, 3603.0)
    >>> parse_duration(90)
    90.0
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return math.nan
    if isinstance(text, (int, float, np.integer, np.floating)) and not isinstance(text, bool):
        return float(text)
    s = str(text).strip()
    if s in ("", "--", "-"):
        return math.nan
    try:
        return float(s)
    except ValueError:
        pass
    m = _DURATION.match(s)
    if not m or not any(m.groupdict().values()):
        raise ValueError(
            f"Cannot read the duration {s!r}. Expected text such as '2分5秒', '48秒' or "
            "'1小时2分3秒', or a number of seconds."
        )
    h, mi, sec = (float(m.group(g) or 0) for g in ("h", "m", "s"))
    return h * 3600 + mi * 60 + sec


def _sniff(path: Path) -> str:
    """The real file type from the first bytes (extensions lie, e.g. HTML saved as .xls)."""
    head = path.read_bytes()[:512]
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    low = head.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if low.startswith((b"<html", b"<!doctype", b"<table", b"<?xml")):
        return "html"
    if head.startswith(b"%PDF"):
        return "pdf"
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary"
    return "text"


def detect_encoding(raw: bytes) -> str:
    """Guess the text encoding of a CSV export: UTF-8 (with or without BOM), GBK or GB18030.

    UTF-8 is tried first because GBK accepts almost any byte sequence; GBK before GB18030
    so that the common name is reported when both fit.

    Examples
    --------
    >>> detect_encoding("满意".encode("gbk")), detect_encoding("满意".encode("utf-8-sig"))
    ('gbk', 'utf-8-sig')
    >>> detect_encoding("满意".encode("utf-8")), detect_encoding("𠮷".encode("gb18030"))
    ('utf-8', 'gb18030')
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    for enc in ("utf-8", "gbk", "gb18030"):
        try:
            raw.decode(enc)
        except UnicodeDecodeError:
            continue
        return enc
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise ValueError(
            "Cannot tell the text encoding of this file (it is neither UTF-8, GBK nor "
            "GB18030). Open it in Excel and save it as 'CSV UTF-8', or pass encoding=..."
        )
    return best.encoding


def _read_raw(path: Path, encoding: str | None) -> tuple[pd.DataFrame, str, str]:
    kind = _sniff(path)
    ext = path.suffix.lower()
    if kind == "xlsx":
        df = pd.read_excel(path, dtype=object, engine="openpyxl")
        return df, "xlsx", "xlsx"
    if kind == "xls":
        return _read_xls(path), "xls", "xls"
    if kind in ("html", "pdf", "binary") or ext not in (".csv", ".txt", ".tsv", ""):
        what = {"html": "a web page (HTML)", "pdf": "a PDF document",
                "binary": "a binary file that is not Excel"}.get(kind, f"a '{ext}' file")
        raise ValueError(
            f"read_survey cannot read {path.name!r}: it is {what}. It reads 问卷星 / 问卷网 "
            "downloads saved as .csv, .xlsx or .xls. Download the data again as Excel or CSV "
            "('按选项文本' or '按选项序号'), or open the file in Excel and 'Save as' .xlsx."
        )
    raw = path.read_bytes()
    enc = encoding or detect_encoding(raw)
    try:
        text = raw.decode(enc)
    except (UnicodeDecodeError, LookupError) as exc:
        raise ValueError(
            f"{path.name!r} cannot be read as {enc!r}: {exc}. Leave encoding=None to detect "
            "it, or try 'gbk' (Chinese Windows Excel) or 'utf-8-sig'."
        ) from exc
    text = text.lstrip("\ufeff")
    first = text.split("\n", 1)[0]
    sep = "\t" if first.count("\t") > first.count(",") else ","
    from io import StringIO

    df = pd.read_csv(StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    return df, "csv", enc


def _read_xls(path: Path) -> pd.DataFrame:
    """Read the first sheet of a legacy .xls with xlrd directly.

    (pandas 3 deprecates its xlrd engine with a warning; xlrd itself is fine.)
    """
    import xlrd

    sheet = xlrd.open_workbook(str(path)).sheet_by_index(0)
    if sheet.nrows == 0:
        return pd.DataFrame()
    rows = [sheet.row_values(i) for i in range(sheet.nrows)]
    return pd.DataFrame(rows[1:], columns=[str(h) for h in rows[0]], dtype=object)


def _as_text(value: Any) -> Any:
    """Cell value → stripped text (or None when missing)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def is_question(header: str) -> bool:
    """Whether a column header looks like a 问卷星 / 问卷网 question.

    Examples
    --------
    >>> is_question("4、您对服务态度的满意程度"), is_question("第5题(咖啡口味)"), is_question("Q3_1")
    (True, True, True)
    >>> is_question("来自IP")
    False
    """
    return bool(_QUESTION_HEADER.match(str(header)))


def split_multi(answers: pd.Series, *, sep: str = MULTI_SEP) -> pd.DataFrame:
    """Split a multi-select question (``"早上┋下午"``) into one 0/1 column per option.

    Missing answers stay missing in every option column.

    Examples
    --------
    >>> s = pd.Series(["早上┋下午", "晚上", None], name="3、您通常何时光顾？")
    >>> split_multi(s)
       早上  下午  晚上
    0  1.0  1.0  0.0
    1  0.0  0.0  1.0
    2  NaN  NaN  NaN
    """
    if not isinstance(answers, pd.Series):
        raise TypeError(f"`answers` must be one column (a Series), but got {type(answers).__name__}.")
    options: list[str] = []
    lists = []
    for value in answers:
        text = _as_text(value)
        if text is None or text in SKIPPED:
            lists.append(None)
            continue
        parts = [p.strip() for p in text.split(sep) if p.strip()]
        lists.append(parts)
        options += [p for p in parts if p not in options]
    out = pd.DataFrame(index=answers.index, columns=options, dtype=float)
    for idx, parts in zip(answers.index, lists, strict=True):
        if parts is not None:
            out.loc[idx] = [1.0 if o in parts else 0.0 for o in options]
    return out


def read_survey(
    path: str | Path,
    *,
    encoding: str | None = None,
    multi: str = "keep",
) -> pd.DataFrame:
    """Read a survey export (问卷星 / 问卷网, .csv / .xlsx / .xls) into a tidy table.

    * the encoding of a CSV is detected when not given: UTF-8 with or without BOM, GBK,
      GB18030 (Excel on Chinese Windows saves GBK);
    * metadata columns (序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP …) are kept in
      front and parsed: 序号 → integer, times → datetime, 所用时间 ``"2分5秒"`` → seconds
      in a column renamed ``"所用时间(秒)"``;
    * question headers (``"4、您对服务态度的满意程度"``, ``"第5题(口味)"``) are kept as they are;
    * skipped answers — ``"(跳过)"``, the codes ``-2`` (not shown) and ``-3`` (skipped) of
      the 按选项序号 download, and empty cells — become missing (NaN);
    * a question whose answers are all numbers (the 按选项序号 download) becomes numeric.

    Parameters
    ----------
    path : str or Path
        The downloaded file.
    encoding : str, optional
        Text encoding of a CSV file (e.g. ``"gbk"``); detected when ``None``.
    multi : {"keep", "list", "dummies"}
        Multi-select answers joined by ``┋``: keep the text, split into Python lists, or
        replace the question by one 0/1 column per option, named ``"question(option)"``
        like the 按选项序号 download does.

    Returns
    -------
    DataFrame
        ``df.attrs`` records ``"encoding"``, ``"file_type"``, ``"metadata"`` (metadata
        column names), ``"questions"`` (the other columns) and ``"answers"`` (``"codes"``
        when at least half of the questions are numeric — a 按选项序号 download — else
        ``"text"``).

    Raises
    ------
    ValueError
        The file does not exist, is not a table (e.g. HTML or PDF), cannot be decoded, or
        has no rows.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> csv = "序号,提交答卷时间,所用时间,1、您对口味的满意程度\\n1,2025/5/3 9:10:11,2分5秒,满意\\n2,2025/5/3 9:12:40,48秒,(跳过)\\n"
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "wjx.csv"
    >>> _ = p.write_bytes(csv.encode("gbk"))
    >>> df = read_survey(p)
    >>> df.attrs["encoding"], df["所用时间(秒)"].tolist(), df.iloc[:, -1].tolist()
    ('gbk', [125.0, 48.0], ['满意', nan])
    """
    require_choice(multi, name="multi", choices=("keep", "list", "dummies"))
    p = Path(path)
    if not p.is_file():
        near = sorted(x.name for x in p.parent.glob("*")) if p.parent.is_dir() else []
        raise ValueError(
            f"No file {str(p)!r}. Check the name and folder"
            + (f"; that folder holds {_show(near, limit=8)}." if near else ".")
        )
    raw, file_type, enc = _read_raw(p, encoding)
    if raw.shape[1] == 0 or len(raw) == 0:
        raise ValueError(
            f"{p.name!r} has no answers (found {raw.shape[0]} rows and {raw.shape[1]} columns). "
            "Was the download filtered to zero answers?"
        )
    raw.columns = [str(c).strip() for c in raw.columns]
    text = raw.map(_as_text)
    meta = [c for c in text.columns if c in METADATA_COLUMNS]
    questions = [c for c in text.columns if c not in meta]
    out: dict[str, pd.Series] = {}
    for col in meta:
        out.update(_parse_metadata(col, text[col]))
    numeric_questions = 0
    for col in questions:
        s = text[col].where(~text[col].isin(SKIPPED), None)
        num = pd.to_numeric(s, errors="coerce")
        if s.notna().any() and num.notna().sum() == s.notna().sum():
            out[col] = num.astype(float)
            numeric_questions += 1
            continue
        s = s.astype("str")
        if multi != "keep" and s.str.contains(MULTI_SEP, regex=False).any():
            if multi == "list":
                out[col] = s.map(lambda v: v.split(MULTI_SEP) if isinstance(v, str) else v,
                                 na_action="ignore").astype(object)
            else:
                dummies = split_multi(s)
                for opt in dummies.columns:
                    out[f"{col}({opt})"] = dummies[opt]
            continue
        out[col] = s
    df = pd.DataFrame(out, index=pd.RangeIndex(len(text)))
    new_meta = [c for c in df.columns if c in METADATA_COLUMNS or c.endswith("(秒)")]
    df.attrs.update(
        encoding=enc,
        file_type=file_type,
        metadata=new_meta,
        questions=[c for c in df.columns if c not in new_meta],
        answers="codes" if questions and 2 * numeric_questions >= len(questions) else "text",
    )
    return df


def _parse_metadata(col: str, s: pd.Series) -> dict[str, pd.Series]:
    if col in _DURATION_COLUMNS:
        return {f"{col}(秒)": s.map(parse_duration).astype(float)}
    if col in _TIME_COLUMNS:
        t = pd.to_datetime(s, errors="coerce", format="mixed")
        return {col: t if t.notna().sum() == s.notna().sum() else s.astype("str")}
    if col in ("序号", "编号", "答卷编号", "总分"):
        num = pd.to_numeric(s, errors="coerce")
        if num.notna().sum() == s.notna().sum():
            return {col: num.astype("Int64") if col != "总分" else num.astype(float)}
    return {col: s.astype("str")}


# --------------------------------------------------------------------------------------
# Labels → scores
# --------------------------------------------------------------------------------------

_NEUTRAL_EN = ("neutral", "neither satisfied nor dissatisfied")
_NEUTRAL_AGREE = ("neutral", "neither agree nor disagree")

#: Built-in label sets for :func:`to_scores` (label → score). Aliases share a score.
SCALES: dict[str, dict[str, float]] = {
    "zh5": {"非常满意": 5, "满意": 4, "一般": 3, "不满意": 2, "非常不满意": 1,
            "很满意": 5, "很不满意": 1},
    "zh5b": {"很满意": 5, "满意": 4, "基本满意": 3, "不太满意": 2, "不满意": 1},
    "zh7": {"非常满意": 7, "满意": 6, "比较满意": 5, "一般": 4, "比较不满意": 3, "不满意": 2,
            "非常不满意": 1},
    "en5": {"very satisfied": 5, "satisfied": 4, **dict.fromkeys(_NEUTRAL_EN, 3),
            "dissatisfied": 2, "very dissatisfied": 1},
    "en7": {"very satisfied": 7, "satisfied": 6, "somewhat satisfied": 5,
            **dict.fromkeys(_NEUTRAL_EN, 4), "somewhat dissatisfied": 3, "dissatisfied": 2,
            "very dissatisfied": 1},
    "agree_zh5": {"非常同意": 5, "同意": 4, "一般": 3, "不同意": 2, "非常不同意": 1},
    "agree_en5": {"strongly agree": 5, "agree": 4, **dict.fromkeys(_NEUTRAL_AGREE, 3),
                  "disagree": 2, "strongly disagree": 1},
    "agree_en7": {"strongly agree": 7, "agree": 6, "somewhat agree": 5,
                  **dict.fromkeys(_NEUTRAL_AGREE, 4), "somewhat disagree": 3, "disagree": 2,
                  "strongly disagree": 1},
    "textbook100": {"非常满意": 100, "很满意": 100, "满意": 80, "一般": 60, "不满意": 30,
                    "非常不满意": 0, "很不满意": 0},
}


def _norm_label(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value.strip()).lower()
    if isinstance(value, (bool, np.bool_)):
        return value
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return value


def to_scores(answers: Any, scale: str | Mapping[Any, float]) -> pd.Series | pd.DataFrame:
    """Map answer labels (``"满意"``, ``"Very satisfied"`` …) to numeric scores.

    Parameters
    ----------
    answers : Series, DataFrame or list
        The answers. Missing answers (NaN / None) stay missing.
    scale : str or mapping
        A built-in label set — ``"zh5"`` 非常满意 5 / 满意 4 / 一般 3 / 不满意 2 / 非常不满意 1
        (很满意 / 很不满意 accepted), ``"zh5b"`` 很满意 5 / 满意 4 / 基本满意 3 / 不太满意 2 /
        不满意 1, ``"zh7"``, ``"en5"``, ``"en7"`` (Very satisfied … Very dissatisfied),
        ``"agree_zh5"``, ``"agree_en5"``, ``"agree_en7"`` (Likert agreement) and
        ``"textbook100"`` (the textbook scoring 100 / 80 / 60 / 30 / 0) — or your own
        mapping, e.g. ``{1: 5, 2: 4, 3: 3, 4: 2, 5: 1}`` to reverse the option codes of a
        按选项序号 download whose first option was 非常满意. English labels ignore case.

    Returns
    -------
    Series or DataFrame
        Float scores, same index (and columns) as ``answers``; the input is not modified.

    Raises
    ------
    ValueError
        Unknown scale name, or answers that are not in the label set (all are listed).

    Examples
    --------
    >>> to_scores(pd.Series(["满意", "非常满意", None, "一般"]), "zh5").tolist()
    [4.0, 5.0, nan, 3.0]
    >>> to_scores(["Very satisfied", "dissatisfied"], "en5").tolist()
    [5.0, 2.0]
    >>> to_scores(["满意", "一般"], "textbook100").tolist()
    [80.0, 60.0]
    >>> to_scores(pd.Series([1, 2, 5]), {1: 5, 2: 4, 3: 3, 4: 2, 5: 1}).tolist()
    [5.0, 4.0, 1.0]
    """
    if isinstance(scale, str):
        if scale not in SCALES:
            raise ValueError(
                f"Unknown scale {scale!r}. Built-in scales: {', '.join(SCALES)}; or pass a "
                "dict such as {'满意': 4, '一般': 3}."
            )
        mapping: Mapping[Any, float] = SCALES[scale]
        scale_name = repr(scale)
    elif isinstance(scale, Mapping):
        if not scale:
            raise ValueError("`scale` is an empty mapping; give at least one label → score.")
        mapping = scale
        scale_name = "your mapping"
    else:
        raise TypeError(
            f"`scale` must be a scale name such as 'zh5' or a dict label → score, but got "
            f"{type(scale).__name__}."
        )
    lookup: dict[Any, float] = {}
    for key, value in mapping.items():
        lookup[_norm_label(key)] = as_number(value, name=f"scale[{key!r}]")
    numeric_keys = {k for k in lookup if isinstance(k, float)}

    if isinstance(answers, pd.DataFrame):
        if answers.shape[1] == 0:
            raise ValueError("`answers` has no columns; pass the answer columns to score.")
        return pd.DataFrame(
            {c: _score_series(answers[c], lookup, numeric_keys, mapping, scale_name)
             for c in answers.columns},
            index=answers.index,
        )
    if isinstance(answers, (str, bytes)) or np.isscalar(answers):
        raise TypeError(
            f"`answers` must be several answers (a list, Series or DataFrame), but got the "
            f"single value {answers!r}. Wrap it in a list: [{answers!r}]."
        )
    series = answers if isinstance(answers, pd.Series) else pd.Series(list(answers), dtype=object)
    return _score_series(series, lookup, numeric_keys, mapping, scale_name)


def _score_series(
    s: pd.Series,
    lookup: dict[Any, float],
    numeric_keys: set[Any],
    mapping: Mapping[Any, float],
    scale_name: str,
) -> pd.Series:
    out = np.full(len(s), np.nan)
    unknown: dict[Any, int] = {}
    for i, value in enumerate(s.to_numpy(dtype=object)):
        if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
            continue
        key = _norm_label(value)
        if key not in lookup and isinstance(key, str) and numeric_keys:
            with contextlib.suppress(ValueError):
                key = float(key)
        if key in lookup:
            out[i] = lookup[key]
        else:
            unknown[value] = unknown.get(value, 0) + 1
    if unknown:
        where = f" in column {s.name!r}" if s.name is not None else ""
        found = ", ".join(f"{k!r} ({n}×)" for k, n in list(unknown.items())[:10])
        raise ValueError(
            f"to_scores does not know {len(unknown)} label(s){where} for scale {scale_name}: "
            f"{found}. Known labels: {_show(list(mapping), limit=10)}. Fix the typos, choose "
            "another scale, or pass a dict that also maps these labels."
        )
    return pd.Series(out, index=s.index, name=s.name)


# --------------------------------------------------------------------------------------
# Rate, index, reliability
# --------------------------------------------------------------------------------------


def _check_scale_values(arr: np.ndarray, low: float, high: float, name: str) -> None:
    vals = arr[~np.isnan(arr)]
    bad = vals[(vals < low) | (vals > high)]
    if len(bad):
        raise ValueError(
            f"`{name}` has {len(bad)} value(s) outside the scale {low:g}–{high:g}, e.g. "
            f"{_show(sorted(set(bad.tolist())))}. Check the scale (scale_max=… / scale=(…)) "
            "or recode the answers (to_scores) first."
        )


def satisfaction_rate(
    scores: Any, *, top_box: int = 2, scale_max: int = 5
) -> float | pd.Series:
    """Share of answers in the top ``top_box`` categories of a 1…``scale_max`` scale.

    .. math:: \\text{rate} = \\frac{\\#\\{\\text{score} > k - b\\}}{\\#\\text{answers}}

    The textbook *satisfaction rate* (满意率) is the top-2-box share on a 5-point scale:
    "satisfied" + "very satisfied" over all who answered. Missing answers are left out of
    the denominator.

    Parameters
    ----------
    scores : list, Series or DataFrame
        Scores 1…``scale_max``; a DataFrame gives one rate per column.
    top_box : int, default 2
        How many top categories count as satisfied (1 = only the best answer).
    scale_max : int, default 5
        The highest score of the scale (5, 7, 10 …).

    Returns
    -------
    float or Series
        A share between 0 and 1.

    Examples
    --------
    >>> satisfaction_rate([5, 4, 4, 3, 1])
    0.6
    >>> satisfaction_rate([5, 4, 4, 3, 1], top_box=1)
    0.2
    >>> satisfaction_rate(pd.DataFrame({"taste": [5, 4], "price": [2, 3]}))
    taste    1.0
    price    0.0
    dtype: float64
    """
    k = as_number(scale_max, name="scale_max")
    b = as_number(top_box, name="top_box")
    if k < 2 or not k.is_integer():
        raise ValueError(f"`scale_max` must be a whole number ≥ 2 (e.g. 5), but is {scale_max!r}.")
    if not b.is_integer() or not 1 <= b < k:
        raise ValueError(
            f"`top_box` must be a whole number from 1 to {int(k) - 1} for a {int(k)}-point "
            f"scale, but is {top_box!r}."
        )
    if isinstance(scores, pd.DataFrame):
        require_frame(scores, name="scores")
        return pd.Series(
            {c: satisfaction_rate(scores[c], top_box=top_box, scale_max=scale_max)
             for c in scores.columns}, dtype=float,
        )
    arr = as_numeric_array(scores, name="scores", allow_nan=True)
    _check_scale_values(arr, 1, k, "scores")
    answered = arr[~np.isnan(arr)]
    if len(answered) == 0:
        raise ValueError("`scores` holds no answers (all missing); there is no rate to compute.")
    return float((answered > k - b).mean())


def _scale_pair(scale: Any) -> tuple[float, float]:
    if not isinstance(scale, Sequence) or isinstance(scale, str) or len(scale) != 2:
        raise TypeError(f"`scale` must be (lowest, highest), e.g. (1, 5), but got {scale!r}.")
    low, high = (as_number(v, name="scale") for v in scale)
    if not low < high:
        raise ValueError(f"`scale` must be (lowest, highest) with lowest < highest, but is {scale!r}.")
    return low, high


def _to_index(mean: float | pd.Series, low: float, high: float, method: str) -> Any:
    if method == "range":
        return (mean - low) / (high - low) * 100
    return mean / high * 100


def satisfaction_index(
    df: pd.DataFrame,
    weights: Mapping[str, float] | pd.Series | None = None,
    *,
    scale: tuple[float, float] = (1, 5),
    method: str = "range",
) -> float:
    """Weighted satisfaction index on 0–100 from several rated items.

    The index is the weighted average of the item means, converted to 0–100:

    .. math::
        \\bar x = \\sum_j w_j \\bar x_j, \\quad
        \\text{range: } \\frac{\\bar x - 1}{k - 1}\\cdot 100, \\quad
        \\text{max: } \\frac{\\bar x}{k}\\cdot 100

    (with ``scale=(1, k)``; in general ``range`` uses (mean − low)/(high − low)). Textbooks
    differ here: ``"range"`` gives 0 for "all very dissatisfied", ``"max"`` gives 20 on a
    5-point scale. For the textbook 100/80/60/30/0 scoring use ``scale=(0, 100)``: both
    methods then return the mean score itself.

    Parameters
    ----------
    df : DataFrame
        One column per item, one row per respondent; scores within ``scale``. Missing
        answers are left out of that item's mean.
    weights : mapping or Series, optional
        Item → importance weight (normalised to sum 1). ``None`` weights items equally.
    scale : (low, high), default (1, 5)
    method : {"range", "max"}, default "range"

    Returns
    -------
    float
        The index, between 0 and 100.

    Examples
    --------
    >>> df = pd.DataFrame({"taste": [5, 4, 4], "price": [3, 2, 4]})
    >>> round(satisfaction_index(df, {"taste": 0.6, "price": 0.4}), 1)
    70.0
    >>> round(satisfaction_index(df, {"taste": 0.6, "price": 0.4}, method="max"), 1)
    76.0
    """
    require_frame(df, name="df")
    require_choice(method, name="method", choices=("range", "max"))
    low, high = _scale_pair(scale)
    if weights is None:
        w = pd.Series(1.0 / df.shape[1], index=df.columns)
    else:
        w = require_weights(weights, name="weights")
    cols = require_columns(df, list(w.index), name="df")
    require_numeric(df, cols, name="df", allow_nan=True)
    values = df[cols].to_numpy(dtype=float, na_value=np.nan)
    _check_scale_values(values, low, high, "df")
    means = pd.Series(_col_means(values, cols), index=cols)
    mean = float((means * w[cols]).sum())
    return float(_to_index(mean, low, high, method))


def _col_means(values: np.ndarray, cols: list[str]) -> np.ndarray:
    counts = (~np.isnan(values)).sum(axis=0)
    empty = [c for c, n in zip(cols, counts, strict=True) if n == 0]
    if empty:
        raise ValueError(
            f"Item(s) {_show(empty)} have no answers at all (every value is missing); "
            "drop them or check the column names."
        )
    return np.nansum(values, axis=0) / counts


def item_summary(
    df: pd.DataFrame,
    *,
    scale: tuple[float, float] = (1, 5),
    top_box: int = 2,
    method: str = "range",
) -> pd.DataFrame:
    """Per item: answers, mean, 0–100 index and top-box satisfaction rate, side by side.

    Useful to see why a *rate* and an *index* rank items differently: the rate only counts
    answers in the top boxes, the index uses every answer.

    Examples
    --------
    >>> df = pd.DataFrame({"taste": [5, 4, 4, 1], "price": [4, 4, 3, 3]})
    >>> item_summary(df)
           answers  mean  index  rate
    taste        4  3.50  62.50  0.75
    price        4  3.50  62.50  0.50
    """
    require_frame(df, name="df")
    require_choice(method, name="method", choices=("range", "max"))
    low, high = _scale_pair(scale)
    cols = list(df.columns)
    require_numeric(df, cols, name="df", allow_nan=True)
    values = df.to_numpy(dtype=float, na_value=np.nan)
    _check_scale_values(values, low, high, "df")
    means = pd.Series(_col_means(values, cols), index=cols)
    if low != 1:
        raise ValueError(
            f"item_summary's rate needs a scale that starts at 1, but scale is {scale!r}."
        )
    return pd.DataFrame({
        "answers": df.notna().sum().astype(int),
        "mean": means,
        "index": _to_index(means, low, high, method),
        "rate": satisfaction_rate(df, top_box=top_box, scale_max=int(high)),
    })


def _items_matrix(items: pd.DataFrame, name: str = "items") -> np.ndarray:
    require_frame(items, name=name)
    if items.shape[1] < 2:
        raise ValueError(
            f"`{name}` needs at least 2 item columns for a reliability coefficient, but has "
            f"{items.shape[1]}: {_show(list(items.columns))}."
        )
    require_numeric(items, list(items.columns), name=name, allow_nan=True)
    x = items.to_numpy(dtype=float, na_value=np.nan)
    x = x[~np.isnan(x).any(axis=1)]
    if len(x) < 2:
        raise ValueError(
            f"`{name}` has fewer than 2 respondents who answered every item "
            f"({len(x)} complete rows); alpha needs at least 2."
        )
    return x


def cronbach_alpha(items: pd.DataFrame, *, standardized: bool = False) -> float:
    """Cronbach's alpha (克朗巴哈系数), the internal-consistency reliability of a scale.

    .. math::
        \\alpha = \\frac{k}{k-1}\\left(1 - \\frac{\\sum_j s_j^2}{s_T^2}\\right), \\qquad
        \\alpha_{std} = \\frac{k\\,\\bar r}{1 + (k-1)\\,\\bar r}

    with k items, item variances :math:`s_j^2`, the variance :math:`s_T^2` of the total
    score (sample variances, ddof = 1) and the mean inter-item correlation :math:`\\bar r`.
    Rows with a missing answer are dropped (listwise deletion, as SPSS does). Rules of
    thumb: ≥ 0.7 acceptable, ≥ 0.8 good (Nunnally 1978).

    Parameters
    ----------
    items : DataFrame
        One column per item of the *same* construct, one row per respondent.
    standardized : bool, default False
        Alpha of the standardised items (from correlations instead of covariances).

    Examples
    --------
    >>> items = pd.DataFrame({"q1": [1, 2, 2, 3, 2, 2, 3, 3, 2, 3],
    ...                       "q2": [1, 1, 1, 2, 3, 3, 2, 3, 3, 3],
    ...                       "q3": [1, 1, 2, 1, 2, 3, 3, 3, 2, 3]})
    >>> round(cronbach_alpha(items), 4)
    0.7734
    """
    x = _items_matrix(items)
    k = x.shape[1]
    var = x.var(axis=0, ddof=1)
    if standardized:
        if (var == 0).any():
            const = [c for c, v in zip(items.columns, var, strict=True) if v == 0]
            raise ValueError(f"Item(s) {_show(const)} have the same answer for everyone; "
                             "their correlation is undefined. Drop them.")
        r = np.corrcoef(x, rowvar=False)
        rbar = (r.sum() - k) / (k * (k - 1))
        return float(k * rbar / (1 + (k - 1) * rbar))
    total_var = x.sum(axis=1).var(ddof=1)
    if total_var == 0:
        raise ValueError("Every respondent has the same total score; alpha is undefined.")
    return float(k / (k - 1) * (1 - var.sum() / total_var))


def alpha_if_deleted(items: pd.DataFrame, *, standardized: bool = False) -> pd.Series:
    """Cronbach's alpha of the scale with each item left out in turn.

    An item whose removal *raises* alpha does not measure the same thing as the others.

    Examples
    --------
    >>> items = pd.DataFrame({"a": [1, 2, 3, 4], "b": [1, 2, 3, 5], "c": [2, 1, 2, 1]})
    >>> alpha_if_deleted(items).round(2)
    a   -0.89
    b   -1.00
    c    0.97
    dtype: float64
    """
    _items_matrix(items)
    if items.shape[1] < 3:
        raise ValueError("alpha_if_deleted needs at least 3 items (2 must remain).")
    return pd.Series(
        {c: cronbach_alpha(items.drop(columns=c), standardized=standardized)
         for c in items.columns}, dtype=float,
    )


# --------------------------------------------------------------------------------------
# Importance–performance analysis
# --------------------------------------------------------------------------------------

QUADRANTS = {
    "concentrate here": "重点改进区",
    "keep up the good work": "优势保持区",
    "low priority": "次要改进区",
    "possible overkill": "过度投入区",
}
_QUADRANT_ORDER = list(QUADRANTS)


def _means(x: Any, name: str) -> pd.Series:
    if isinstance(x, pd.DataFrame):
        require_frame(x, name=name)
        require_numeric(x, list(x.columns), name=name, allow_nan=True)
        return pd.Series(_col_means(x.to_numpy(dtype=float, na_value=np.nan), list(x.columns)),
                         index=[str(c) for c in x.columns])
    if isinstance(x, Mapping):
        x = pd.Series(dict(x))
    if not isinstance(x, pd.Series):
        raise TypeError(
            f"`{name}` must be a Series (item → mean rating) or a DataFrame of ratings "
            f"(one column per item), but got {type(x).__name__}."
        )
    arr = as_numeric_array(x, name=name)
    return pd.Series(arr, index=[str(i) for i in x.index])


def _strip_prefix(names: Iterable[str]) -> list[str]:
    return [n.split("_", 1)[1] if "_" in n else n for n in names]


def ipa(
    importance: pd.Series | pd.DataFrame,
    performance: pd.Series | pd.DataFrame,
    *,
    crosshair: str | tuple[float, float] = "mean",
) -> pd.DataFrame:
    """Importance–performance analysis (IPA, 重要性–绩效分析): what to fix first.

    Each attribute is placed by its mean importance and mean performance (satisfaction)
    and falls in one of the four quadrants of Martilla & James (1977):

    ============================  =====================  ==========================
    quadrant                      importance/performance  action
    ============================  =====================  ==========================
    concentrate here (重点改进区)    high / low              fix first
    keep up the good work (优势保持区) high / high           keep
    low priority (次要改进区)        low / low               later, cheaply
    possible overkill (过度投入区)   low / high              resources could move
    ============================  =====================  ==========================

    A value equal to the crosshair counts as high. ``priority`` ranks the attributes for
    improvement: quadrants in the order above, then the largest gap (importance −
    performance) first.

    Parameters
    ----------
    importance, performance : Series or DataFrame
        Mean ratings per attribute (Series), or raw ratings (one column per attribute,
        means are taken). Names must match; a common prefix such as ``imp_`` / ``sat_`` is
        ignored when that makes them match.
    crosshair : {"mean", "median"} or (importance, performance)
        Where the quadrant lines cross: the mean (or median) of the attribute means, or
        fixed values such as the scale midpoint ``(3, 3)``.

    Returns
    -------
    DataFrame
        Indexed by attribute: importance, performance, gap, quadrant, quadrant_zh,
        priority — sorted by priority.

    Examples
    --------
    >>> imp = pd.Series({"taste": 4.6, "speed": 4.4, "music": 3.1, "decor": 3.5})
    >>> perf = pd.Series({"taste": 4.2, "speed": 3.3, "music": 3.0, "decor": 4.1})
    >>> ipa(imp, perf)[["gap", "quadrant", "priority"]]
           gap               quadrant  priority
    speed  1.1       concentrate here         1
    taste  0.4  keep up the good work         2
    music  0.1           low priority         3
    decor -0.6      possible overkill         4
    """
    imp = _means(importance, "importance")
    perf = _means(performance, "performance")
    if set(imp.index) != set(perf.index):
        si, sp = _strip_prefix(imp.index), _strip_prefix(perf.index)
        if set(si) == set(sp) and len(set(si)) == len(si):
            imp.index, perf.index = si, sp
        else:
            raise ValueError(
                "`importance` and `performance` must rate the same attributes, but only "
                f"importance has {_show(sorted(set(imp.index) - set(perf.index)))} and only "
                f"performance has {_show(sorted(set(perf.index) - set(imp.index)))}. Rename "
                "them so the names match."
            )
    perf = perf[imp.index]
    if isinstance(crosshair, str):
        require_choice(crosshair, name="crosshair", choices=("mean", "median"))
        x_imp = float(getattr(imp, crosshair)())
        x_perf = float(getattr(perf, crosshair)())
    elif isinstance(crosshair, Sequence) and len(crosshair) == 2:
        x_imp, x_perf = (as_number(v, name="crosshair") for v in crosshair)
    else:
        raise ValueError(
            f"`crosshair` must be 'mean', 'median' or two numbers (importance, performance) "
            f"such as (3, 3), but is {crosshair!r}."
        )
    hi_imp, hi_perf = imp >= x_imp, perf >= x_perf
    quadrant = np.select(
        [hi_imp & ~hi_perf, hi_imp & hi_perf, ~hi_imp & ~hi_perf],
        _QUADRANT_ORDER[:3], default=_QUADRANT_ORDER[3],
    )
    out = pd.DataFrame({"importance": imp, "performance": perf, "gap": imp - perf,
                        "quadrant": quadrant})
    out["quadrant_zh"] = out["quadrant"].map(QUADRANTS)
    order = out["quadrant"].map({q: i for i, q in enumerate(_QUADRANT_ORDER)})
    out = out.assign(_o=order).sort_values(["_o", "gap"], ascending=[True, False],
                                           kind="stable").drop(columns="_o")
    out["priority"] = np.arange(1, len(out) + 1)
    out.attrs["crosshair"] = (x_imp, x_perf)
    return out


def plot_ipa(result: pd.DataFrame, *, ax: Any = None, title: str = "Importance–performance map",
             scale_label: str = "mean rating, 1–5") -> Any:
    """Draw an :func:`ipa` result: performance across, importance up, crosshair lines.

    Returns the matplotlib ``Axes``.
    """
    import matplotlib.pyplot as plt

    require_frame(result, name="result")
    require_columns(result, ["importance", "performance", "quadrant"], name="result")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5.5))
    colours = {"concentrate here": "#D55E00", "keep up the good work": "#009E73",
               "low priority": "#7f7f7f", "possible overkill": "#0072B2"}
    for q, part in result.groupby("quadrant", sort=False):
        ax.scatter(part["performance"], part["importance"], s=80, color=colours.get(q), label=q)
    for name, row in result.iterrows():
        ax.annotate(str(name), (row["performance"], row["importance"]),
                    xytext=(5, 4), textcoords="offset points")
    x_imp, x_perf = result.attrs.get("crosshair", (result["importance"].mean(),
                                                   result["performance"].mean()))
    ax.axhline(x_imp, color="grey", lw=1, ls="--")
    ax.axvline(x_perf, color="grey", lw=1, ls="--")
    ax.set(title=title, xlabel=f"Performance (satisfaction, {scale_label})",
           ylabel=f"Importance ({scale_label})")
    ax.legend(loc="best", fontsize="small")
    return ax


# --------------------------------------------------------------------------------------
# NPS, sample size, loyalty zones
# --------------------------------------------------------------------------------------


def _nps_array(scores: Any) -> np.ndarray:
    arr = as_numeric_array(scores, name="scores", allow_nan=True)
    arr = arr[~np.isnan(arr)]
    if len(arr) == 0:
        raise ValueError("`scores` holds no answers (all missing); NPS needs answers 0–10.")
    bad = arr[(arr < 0) | (arr > 10) | (arr != np.round(arr))]
    if len(bad):
        raise ValueError(
            f"NPS answers must be whole numbers 0–10 ('How likely are you to recommend us?'), "
            f"but `scores` has {len(bad)} other value(s), e.g. {_show(sorted(set(bad.tolist())))}."
            " If these are 1–5 satisfaction scores, NPS does not apply."
        )
    return arr


def nps_breakdown(scores: Any) -> pd.Series:
    """Shares of promoters (9–10), passives (7–8) and detractors (0–6), and the NPS.

    Examples
    --------
    >>> nps_breakdown([10, 9, 8, 7, 6, 0, 10, 10, 5, 9])
    promoters     0.5
    passives      0.2
    detractors    0.3
    nps          20.0
    dtype: float64
    """
    arr = _nps_array(scores)
    pro, det = float((arr >= 9).mean()), float((arr <= 6).mean())
    return pd.Series({"promoters": pro, "passives": 1 - pro - det, "detractors": det,
                      "nps": round((pro - det) * 100, 10)})


def nps(scores: Any) -> float:
    """Net Promoter Score (净推荐值): % promoters (9–10) − % detractors (0–6).

    .. math:: \\text{NPS} = 100\\,(\\,p_{9\\text{–}10} - p_{0\\text{–}6}\\,) \\in [-100, 100]

    Answers to "How likely is it that you would recommend us to a friend?" on 0–10
    (Reichheld 2003). Missing answers are left out.

    Examples
    --------
    >>> nps([10, 9, 8, 7, 6, 0, 10, 10, 5, 9])
    20.0
    """
    return float(nps_breakdown(scores)["nps"])


def sample_size(
    *,
    margin: float = 0.05,
    confidence: float = 0.95,
    p: float = 0.5,
    population: int | None = None,
) -> int:
    """Respondents needed to estimate a share within ± ``margin`` (Cochran 1977).

    .. math::
        n_0 = \\frac{z^2\\,p(1-p)}{e^2}, \\qquad
        n = \\frac{n_0}{1 + (n_0 - 1)/N}\\ \\text{(finite-population correction)}

    rounded up. ``p = 0.5`` is the safe choice when the share is unknown (largest n).

    Parameters
    ----------
    margin : float, default 0.05
        Margin of error e as a share (0.05 = ±5 percentage points).
    confidence : float, default 0.95
        Confidence level (z = 1.96 for 95 %).
    p : float, default 0.5
        Expected share.
    population : int, optional
        Population size N (e.g. the number of members); ``None`` = very large.

    Examples
    --------
    >>> sample_size()
    385
    >>> sample_size(population=1000)
    278
    >>> sample_size(margin=0.03, confidence=0.99)
    1844
    """
    from statistics import NormalDist

    e = require_probability(margin, name="margin", low_open=True, high_open=True)
    c = require_probability(confidence, name="confidence", low_open=True, high_open=True)
    pp = require_probability(p, name="p", low_open=True, high_open=True)
    z = NormalDist().inv_cdf(0.5 + c / 2)
    n0 = z * z * pp * (1 - pp) / (e * e)
    if population is None:
        return int(math.ceil(round(n0, 9)))
    n_pop = as_number(population, name="population")
    if n_pop < 1 or not n_pop.is_integer():
        raise ValueError(f"`population` must be a whole number ≥ 1 (people), but is {population!r}.")
    n = n0 / (1 + (n0 - 1) / n_pop)
    return int(min(math.ceil(round(n, 9)), n_pop))


ZONES = ("defection", "indifference", "affection")
ZONES_ZH = {"defection": "背叛区", "indifference": "冷淡区", "affection": "情感区"}


def loyalty_zone(
    score: Any, *, scale_max: int = 5, cuts: tuple[float, float] | None = None
) -> str | pd.Series:
    """Zone of the satisfaction–loyalty curve (Jones & Sasser 1995; Heskett et al. 1994).

    On a 1–5 scale: 1–2 *zone of defection* (背叛区, customers leave and talk badly),
    above 2 up to 4 *zone of indifference* (冷淡区, "satisfied" but ready to switch), above
    4 *zone of affection* (情感区, completely satisfied, loyal "apostles"). For other scales
    the cut points sit at the same relative positions, 1 + ¼(k − 1) and 1 + ¾(k − 1).

    Parameters
    ----------
    score : number, list or Series
        Satisfaction scores 1…``scale_max`` (means are fine).
    scale_max : int, default 5
    cuts : (low, high), optional
        Your own cut points: ``score <= low`` is defection, ``score > high`` affection.
        Authors draw the zones differently (some keep affection for the top box only, e.g.
        ``cuts=(2, 4.99)`` on 1–5), so say which cuts you used.

    Returns
    -------
    str or Series
        ``"defection"``, ``"indifference"`` or ``"affection"`` (an ordered categorical for
        many scores; missing stays missing).

    Examples
    --------
    >>> loyalty_zone(4.6), loyalty_zone(4), loyalty_zone(2)
    ('affection', 'indifference', 'defection')
    >>> loyalty_zone([1, 3, 5, 7], scale_max=7).tolist()
    ['defection', 'indifference', 'indifference', 'affection']
    >>> loyalty_zone([4, 5], cuts=(2, 4.99)).tolist()
    ['indifference', 'affection']
    """
    k = as_number(scale_max, name="scale_max")
    if k < 2:
        raise ValueError(f"`scale_max` must be at least 2, but is {scale_max!r}.")
    low_cut, high_cut = 1 + (k - 1) / 4, 1 + 3 * (k - 1) / 4
    if cuts is not None:
        if not isinstance(cuts, Sequence) or isinstance(cuts, str) or len(cuts) != 2:
            raise TypeError(f"`cuts` must be two numbers (low, high), e.g. (2, 4), but got {cuts!r}.")
        low_cut, high_cut = (as_number(c, name="cuts") for c in cuts)
        if not 1 <= low_cut < high_cut <= k:
            raise ValueError(
                f"`cuts` must satisfy 1 ≤ low < high ≤ {k:g}, but are {tuple(cuts)!r}."
            )
    if np.isscalar(score):
        x = as_number(score, name="score")
        _check_scale_values(np.array([x]), 1, k, "score")
        return ZONES[0] if x <= low_cut else ZONES[1] if x <= high_cut else ZONES[2]
    arr = as_numeric_array(score, name="score", allow_nan=True)
    _check_scale_values(arr, 1, k, "score")
    codes = np.where(arr <= low_cut, 0, np.where(arr <= high_cut, 1, 2))
    codes = np.where(np.isnan(arr), -1, codes)
    index = score.index if isinstance(score, pd.Series) else None
    cat = pd.Categorical.from_codes(codes, categories=list(ZONES), ordered=True)
    return pd.Series(cat, index=index, name="loyalty_zone")
