"""Surveys: plan the sample, read a survey tool's export, turn answer labels into scores.

The first steps of a customer-satisfaction study (客户满意度测评): how many respondents are needed
(:func:`sample_size`), read the export of a survey tool such as 问卷星 (Wenjuanxing) or 问卷网
(:func:`read_survey`, with :func:`split_multi` for multiple-choice answers), and turn answer
labels into scores (:func:`to_scores`, built-in label sets in :data:`SCALES`). The measures
computed from the scores are in :mod:`coursekit.satisfaction`.
"""

from __future__ import annotations

import codecs
import contextlib
import math
import re
import warnings
from collections.abc import Mapping
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._fast import distinct_map
from ._validate import (
    _show,
    as_number,
    as_whole,
    require_choice,
    require_probability,
)

__all__ = [
    "METADATA_COLUMNS",
    "SKIPPED",
    "MULTI_SEP",
    "SCALES",
    "parse_duration",
    "detect_encoding",
    "is_question",
    "split_multi",
    "read_survey",
    "to_scores",
    "which_scales",
    "sample_size",
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


_SURVEY_ADVICE = (
    "It reads 问卷星 / 问卷网 downloads saved as .csv, .xlsx or .xls. Download the data again as "
    "Excel or CSV ('按选项文本' or '按选项序号'), or open the file in Excel and 'Save as' .xlsx."
)


def _read_raw(path: Path, encoding: str | None, *, caller: str = "read_survey",
              advice: str = _SURVEY_ADVICE) -> tuple[pd.DataFrame, str, str]:
    """Read a CSV / .xlsx / .xls as text cells; ``caller`` and ``advice`` word the errors.

    Shared by :func:`read_survey` and :func:`coursekit.owndata.read_table` (one encoding
    detection for the whole kit).
    """
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
        raise ValueError(f"{caller} cannot read {path.name!r}: it is {what}. {advice}")
    raw = path.read_bytes()
    enc = encoding or detect_encoding(raw)

    def undecodable(exc: Exception) -> ValueError:
        return ValueError(
            f"{path.name!r} cannot be read as {enc!r}: {exc}. Leave encoding=None to detect "
            "it, or try 'gbk' (Chinese Windows Excel) or 'utf-8-sig'."
        )

    try:
        codecs.lookup(enc)
        first = raw[:65_536].decode(enc, errors="ignore").lstrip("\ufeff").split("\n", 1)[0]
    except LookupError as exc:
        raise undecodable(exc) from exc
    read_enc = enc
    if enc.replace("_", "-").lower() in ("utf-8", "utf8") and raw.startswith(b"\xef\xbb\xbf"):
        read_enc = "utf-8-sig"  # drop the BOM as decoding the text did
    sep = "\t" if first.count("\t") > first.count(",") else ","
    # Bytes go straight to the C parser with the encoding: a decoded str through StringIO is
    # re-encoded by pandas in chunks whose buffer is copied again on every read (quadratic for
    # multi-byte text such as Chinese).
    try:
        df = pd.read_csv(BytesIO(raw), sep=sep, dtype=object, keep_default_na=False,
                         encoding=read_enc)
    except UnicodeDecodeError as exc:
        raise undecodable(exc) from exc
    if len(df.columns):
        df = df.rename(columns={df.columns[0]: str(df.columns[0]).lstrip("\ufeff")})
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

    Missing answers stay missing in every option column. Options appear in the order they
    are first met.

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
    column = _Column(answers)
    options: dict[str, int] = {}
    picked: list[list[int] | None] = []
    for text in column.answers:
        if text is None:
            picked.append(None)
            continue
        parts = [p.strip() for p in text.split(sep) if p.strip()]
        picked.append([options.setdefault(p, len(options)) for p in parts])
    # one 0/1 row per distinct answer, broadcast to every row that gave it
    table = np.zeros((len(picked) + 1, len(options)))
    for i, cols in enumerate(picked):
        if cols is None:
            table[i] = np.nan
        else:
            table[i, cols] = 1.0
    table[-1] = np.nan  # missing cells
    return pd.DataFrame(table[column.codes], index=answers.index, columns=list(options))


class _Column:
    """One column of answers, seen through its distinct values (factorised once).

    ``codes`` gives every row the number of its distinct value (``-1`` when missing, which
    indexes the extra last slot of the per-value arrays); ``answers`` holds each distinct
    value as stripped text, or ``None`` when it is missing or a skip marker (SKIPPED).
    Everything else is computed once per distinct value and broadcast with ``codes``.
    """

    def __init__(self, values: pd.Series) -> None:
        self.codes, uniques = pd.factorize(values.to_numpy(dtype=object), use_na_sentinel=True)
        if pd.api.types.infer_dtype(uniques, skipna=False) == "string":  # CSV: all text
            self._text = [u.strip() for u in uniques]
        else:
            self._text = [_as_text(u) for u in uniques]
        skipped = set(SKIPPED)
        self.answers = [None if t is None or t in skipped else t for t in self._text]

    def text(self, *, skipped: Any = "keep") -> np.ndarray:
        """Stripped text per row (skip markers kept, or replaced by ``skipped``)."""
        values = self._text if skipped == "keep" else self.answers
        return np.array([*values, None], dtype=object)[self.codes]

    def numbers(self) -> np.ndarray | None:
        """Float per row when every given answer is a number (else ``None``)."""
        given = [t for t in self.answers if t is not None]
        if not given:
            return None
        num = pd.to_numeric(pd.Series(self.answers, dtype=object), errors="coerce")
        if num.notna().sum() != len(given):
            return None
        return np.append(num.to_numpy(dtype=float), np.nan)[self.codes]

    def has(self, sep: str) -> bool:
        return any(t is not None and sep in t for t in self.answers)


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
    meta = [c for c in raw.columns if c in METADATA_COLUMNS]
    questions = [c for c in raw.columns if c not in meta]
    out: dict[str, pd.Series] = {}
    for col in meta:
        out.update(_parse_metadata(col, pd.Series(_Column(raw[col]).text(), name=col)))
    numeric_questions = 0
    for col in questions:
        column = _Column(raw[col])
        num = column.numbers()
        if num is not None:
            out[col] = pd.Series(num, name=col)
            numeric_questions += 1
            continue
        s = pd.Series(column.text(skipped=None), name=col).astype("str")
        if multi != "keep" and column.has(MULTI_SEP):
            if multi == "list":
                parts = np.array([v.split(MULTI_SEP) if isinstance(v, str) else None
                                  for v in column.answers] + [None], dtype=object)
                out[col] = pd.Series([p if p is None else list(p) for p in parts[column.codes]],
                                     dtype=object, name=col).where(s.notna(), np.nan)
            else:
                dummies = split_multi(s)
                for opt in dummies.columns:
                    out[f"{col}({opt})"] = dummies[opt]
            continue
        out[col] = s
    df = pd.DataFrame(out, index=pd.RangeIndex(len(raw)))
    new_meta = [c for c in df.columns if c in METADATA_COLUMNS or c.endswith("(秒)")]
    df.attrs.update(
        encoding=enc,
        file_type=file_type,
        metadata=new_meta,
        questions=[c for c in df.columns if c not in new_meta],
        answers="codes" if questions and 2 * numeric_questions >= len(questions) else "text",
    )
    return df


def _to_datetime(s: pd.Series) -> pd.Series:
    """Times in one format parse vectorised (format inferred); mixed formats one by one."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "could not infer format"
        t = pd.to_datetime(s, errors="coerce")
    if t.notna().sum() != s.notna().sum():
        t = pd.to_datetime(s, errors="coerce", format="mixed")
    return t


def _parse_metadata(col: str, s: pd.Series) -> dict[str, pd.Series]:
    if col in _DURATION_COLUMNS:
        return {f"{col}(秒)": pd.Series(distinct_map(s, parse_duration, missing=math.nan),
                                        index=s.index, dtype=float)}
    if col in _TIME_COLUMNS:
        t = _to_datetime(s)
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
#: ``textbook5`` is the course textbook's five-level scale (满意 = 5); in ``zh5`` 满意 is 4.
SCALES: dict[str, dict[str, float]] = {
    "textbook5": {"满意": 5, "较满意": 4, "一般": 3, "较不满意": 2, "不满意": 1},
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
}

_DROPPED = {
    "textbook100": (
        "The scale 'textbook100' (100 / 80 / 60 / 30 / 0 points) is no longer built in: the "
        "course textbook scores its five levels 5 … 1 (scale='textbook5'), and the points "
        "have no source in the course texts. If your organisation scores answers in points, "
        "pass them as your own dict, e.g. {'很满意': 100, '满意': 80, ...}, and say in the "
        "report where the points come from."
    ),
}


def _norm_label(value: Any) -> Any:
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value.strip()).lower()
    if isinstance(value, (bool, np.bool_)):
        return value
    if isinstance(value, (int, float, np.integer, np.floating)):
        return float(value)
    return value


def _labels(s: pd.Series) -> list[Any]:
    """The distinct normalised answers of a column (missing left out)."""
    values = pd.unique(s.dropna().to_numpy(dtype=object))
    return sorted({_norm_label(v) for v in values}, key=str)


def which_scales(answers: Any) -> list[str]:
    """The built-in scales whose label sets hold every answer of one column.

    More than one name means the labels alone cannot tell the scale (e.g. 满意 / 一般 /
    不满意 fit the textbook's scale, where 满意 = 5, and ``zh5``, where 满意 = 4).

    Examples
    --------
    >>> which_scales(["满意", "较满意", "一般"])
    ['textbook5']
    >>> which_scales(["非常满意", "满意", "不满意"])
    ['zh5', 'zh7']
    >>> which_scales(["满意", "一般", "不满意"])
    ['textbook5', 'zh5', 'zh7']
    """
    s = answers if isinstance(answers, pd.Series) else pd.Series(list(answers), dtype=object)
    labels = set(_labels(s))
    if not labels or any(not isinstance(v, str) for v in labels):
        return []
    return [name for name, m in SCALES.items() if labels <= {_norm_label(k) for k in m}]


def _detect(s: pd.Series) -> str:
    where = f"Column {s.name!r} has" if s.name is not None else "The answers have"
    labels = _labels(s)
    if not labels:
        raise ValueError(f"{where} no answers (all missing); there is nothing to score.")
    if any(not isinstance(v, str) for v in labels):
        raise ValueError(
            f"{where} numbers ({_show(labels)}), probably option codes of a 按选项序号 "
            "download. Codes have no built-in meaning: pass a dict, e.g. "
            "scale={1: 5, 2: 4, 3: 3, 4: 2, 5: 1} when code 1 was the best answer."
        )
    fits = which_scales(s)
    if not fits:
        raise ValueError(
            f"{where} the labels {_show(labels, limit=8)}, which fit no built-in scale "
            f"({', '.join(SCALES)}). Pass scale= with a scale name or your own dict "
            "label → score."
        )
    lookups = {name: {_norm_label(k): v for k, v in SCALES[name].items()} for name in fits}
    differing = [lab for lab in labels if len({lookups[n][lab] for n in fits}) > 1]
    if differing:
        shared = max(differing, key=lambda lab: (len({lookups[n][lab] for n in fits}),
                                                 max(lookups[n][lab] for n in fits)))
        how = ", ".join(f"{name!r} ({shared} = {lookups[name][shared]:g})" for name in fits)
        raise ValueError(
            f"{where} the labels {_show(labels, limit=8)}, which fit several scales that "
            f"score them differently: {how}. Say which scale the questionnaire used with "
            f"scale=, e.g. scale={fits[0]!r}. The textbook's scale is 'textbook5' (满意 / 较满意 / "
            "一般 / 较不满意 / 不满意); 'zh5' is 非常满意 / 满意 / 一般 / 不满意 / 非常不满意."
        )
    return fits[0]


def to_scores(
    answers: Any, scale: str | Mapping[Any, float] | None = None
) -> pd.Series | pd.DataFrame:
    """Map answer labels (``"满意"``, ``"Very satisfied"`` …) to numeric scores.

    Parameters
    ----------
    answers : Series, DataFrame or list
        The answers. Missing answers (NaN / None) stay missing.
    scale : str, mapping or None
        A built-in label set — ``"textbook5"``, the course textbook's five levels 满意 5 /
        较满意 4 / 一般 3 / 较不满意 2 / 不满意 1; ``"zh5"`` 非常满意 5 / 满意 4 / 一般 3 /
        不满意 2 / 非常不满意 1 (很满意 / 很不满意 accepted); ``"zh5b"`` 很满意 5 / 满意 4 /
        基本满意 3 / 不太满意 2 / 不满意 1; ``"zh7"``, ``"en5"``, ``"en7"`` (Very satisfied
        … Very dissatisfied); ``"agree_zh5"``, ``"agree_en5"``, ``"agree_en7"`` (Likert
        agreement) — or your own mapping, e.g. ``{1: 5, 2: 4, 3: 3, 4: 2, 5: 1}`` to reverse
        the option codes of a 按选项序号 download whose first option was 非常满意. English
        labels ignore case. ``None`` (default) recognises the scale of each column from its
        labels (:func:`which_scales`) and refuses to guess when they fit scales that score
        them differently; the scale used is in ``result.attrs["scale"]``.

    Returns
    -------
    Series or DataFrame
        Float scores, same index (and columns) as ``answers``; the input is not modified.

    Raises
    ------
    ValueError
        Unknown scale name; answers that are not in the label set (all are listed); with
        ``scale=None``, labels that fit no scale or several scales (it names them).

    Examples
    --------
    >>> to_scores(["满意", "较满意", "不满意"]).tolist()  # recognised: the textbook's scale
    [5.0, 4.0, 1.0]
    >>> to_scores(pd.Series(["满意", "非常满意", None, "一般"]), "zh5").tolist()
    [4.0, 5.0, nan, 3.0]
    >>> to_scores(["Very satisfied", "dissatisfied"], "en5").tolist()
    [5.0, 2.0]
    >>> to_scores(pd.Series([1, 2, 5]), {1: 5, 2: 4, 3: 3, 4: 2, 5: 1}).tolist()
    [5.0, 4.0, 1.0]
    >>> to_scores(["满意", "一般"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: The answers have the labels '一般', '满意', which fit several scales that score them differently: 'textbook5' (满意 = 5), 'zh5' (满意 = 4), 'zh7' (满意 = 6). Say which scale ...
    """
    if scale is None:
        if isinstance(answers, pd.DataFrame):
            if answers.shape[1] == 0:
                raise ValueError("`answers` has no columns; pass the answer columns to score.")
            names = {c: _detect(answers[c]) for c in answers.columns}
            out = pd.DataFrame({c: to_scores(answers[c], names[c]) for c in answers.columns},
                               index=answers.index)
            out.attrs["scale"] = names
            return out
        if isinstance(answers, (str, bytes)) or np.isscalar(answers):
            raise TypeError(
                f"`answers` must be several answers (a list, Series or DataFrame), but got the "
                f"single value {answers!r}. Wrap it in a list: [{answers!r}]."
            )
        series = answers if isinstance(answers, pd.Series) else pd.Series(list(answers), dtype=object)
        name = _detect(series)
        out_s = to_scores(series, name)
        out_s.attrs["scale"] = name
        return out_s
    if isinstance(scale, str):
        if scale in _DROPPED:
            raise ValueError(_DROPPED[scale])
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
    # each distinct label is normalised and looked up once, then broadcast to its rows
    codes, uniques = pd.factorize(s.to_numpy(dtype=object), use_na_sentinel=True)
    scores = np.full(len(uniques) + 1, np.nan)  # last slot: missing answers stay NaN
    unknown_codes = []
    for j, value in enumerate(uniques):
        key = _norm_label(value)
        if key not in lookup and isinstance(key, str) and numeric_keys:
            with contextlib.suppress(ValueError):
                key = float(key)
        if key in lookup:
            scores[j] = lookup[key]
        else:
            unknown_codes.append(j)
    unknown: dict[Any, int] = {}
    if unknown_codes:
        counts = np.bincount(codes[codes >= 0], minlength=len(uniques))
        unknown = {uniques[j]: int(counts[j]) for j in unknown_codes}
    out = scores[codes]
    if unknown:
        where = f" in column {s.name!r}" if s.name is not None else ""
        found = ", ".join(f"{k!r} ({n}×)" for k, n in list(unknown.items())[:10])
        raise ValueError(
            f"to_scores does not know {len(unknown)} label(s){where} for scale {scale_name}: "
            f"{found}. Known labels: {_show(list(mapping), limit=10)}. Fix the typos, choose "
            "another scale, or pass a dict that also maps these labels."
        )
    return pd.Series(out, index=s.index, name=s.name)



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
    n_pop = as_whole(population, name="population", low=1, hint="people")
    n = n0 / (1 + (n0 - 1) / n_pop)
    return int(min(math.ceil(round(n, 9)), n_pop))
