"""Shared input checks with messages a student can act on.

Every public helper in ``coursekit`` validates its input with these functions, so that
wrong columns, text where numbers belong, missing values, empty tables and impossible
parameters all raise a :class:`ValueError` (or :class:`TypeError`) that says *what was
found* and *how to fix it*. None of them modifies its argument.

One exception type per kind of mistake, across the package:

* :class:`TypeError` — the value is not the *kind* asked for: text or True/False where a number
  belongs, a fraction where a whole number belongs, a list where a table belongs, not a date;
* :class:`ValueError` — the kind is right but the value is impossible: out of range, missing
  (NaN / NaT), an unknown column or choice, a date that cannot be read.

Whole numbers go through :func:`as_whole`, dates through :func:`as_date` (the one date parser).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "require_frame",
    "require_columns",
    "require_numeric",
    "as_numeric_array",
    "as_number",
    "require_probability",
    "require_positive",
    "require_datetime",
    "require_choice",
    "require_weights",
    "as_whole",
    "as_date",
]


def _show(values: Iterable[Any], limit: int = 5) -> str:
    values = list(values)
    shown = ", ".join(repr(v) for v in values[:limit])
    if len(values) > limit:
        shown += f" … ({len(values)} in all)"
    return shown


def require_frame(df: Any, *, name: str = "df", allow_empty: bool = False) -> pd.DataFrame:
    """Check that ``df`` is a non-empty DataFrame and return it (not a copy)."""
    if not isinstance(df, pd.DataFrame):
        kind = type(df).__name__
        extra = ""
        if isinstance(df, pd.Series):
            extra = " Use series.to_frame() or pass the whole table."
        raise TypeError(
            f"`{name}` must be a pandas DataFrame (a table), but got a {kind}.{extra}"
        )
    if not allow_empty and len(df) == 0:
        raise ValueError(
            f"`{name}` is empty (0 rows). Check the filter or file that produced it — "
            "there is nothing to compute on."
        )
    return df


def require_columns(
    df: pd.DataFrame, columns: Iterable[str] | str, *, name: str = "df", why: str = "",
    fix: str = "",
) -> list[str]:
    """Check that every column in ``columns`` exists in ``df``; suggest close names.

    ``why`` (what the columns are for) and ``fix`` (how to get them) are added to the message.

    Examples
    --------
    >>> require_columns(pd.DataFrame({"day": [1]}), ["day"])
    ['day']
    >>> require_columns(pd.DataFrame({"day": [1]}), ["dy"], why="the dates")
    Traceback (most recent call last):
    ...
    ValueError: `df` has no column 'dy' (the dates). 'dy' → did you mean 'day'? Available columns: 'day'.
    """
    if isinstance(columns, str):
        columns = [columns]
    columns = list(columns)
    if not columns:
        raise ValueError(f"No columns were given for `{name}`. Name at least one column.")
    available = [str(c) for c in df.columns]
    missing = [c for c in columns if c not in df.columns]
    if missing:
        hints = []
        for m in missing:
            close = difflib.get_close_matches(str(m), available, n=1, cutoff=0.6)
            if close:
                hints.append(f"{m!r} → did you mean {close[0]!r}?")
        hint = (" " + " ".join(hints)) if hints else ""
        why = f" ({why})" if why else ""
        fix = f" {fix}" if fix else ""
        raise ValueError(
            f"`{name}` has no column {_show(missing)}{why}.{hint} "
            f"Available columns: {_show(available, limit=12)}.{fix}"
        )
    return columns


def _any_negative(arr: np.ndarray, *, finite: bool) -> bool:
    if not len(arr):
        return False
    if finite:
        return bool(arr.min() < 0)
    return bool((arr[~np.isnan(arr)] < 0).any())


def require_numeric(
    df: pd.DataFrame,
    columns: Iterable[str] | str,
    *,
    name: str = "df",
    allow_nan: bool = False,
    nonnegative: bool = False,
) -> list[str]:
    """Check that the columns hold numbers (no text, no NaN unless allowed)."""
    columns = require_columns(df, columns, name=name)
    for col in columns:
        s = df[col]
        if isinstance(s, pd.DataFrame):
            raise ValueError(f"`{name}` has more than one column called {col!r}; rename them.")
        if pd.api.types.is_bool_dtype(s) or not pd.api.types.is_numeric_dtype(s):
            converted = pd.to_numeric(s, errors="coerce")
            bad = s[converted.isna() & s.notna()]
            sample = _show(bad.unique()) if len(bad) else _show(s.head().tolist())
            raise ValueError(
                f"Column {col!r} of `{name}` must hold numbers, but it holds {s.dtype} values "
                f"such as {sample}. Convert it first, e.g. "
                f"df[{col!r}] = pd.to_numeric(df[{col!r}], errors='coerce'), "
                "and decide what to do with the rows that are not numbers."
            )
        arr = s.to_numpy(dtype=float, na_value=np.nan)
        finite = bool(np.isfinite(arr).all())  # one pass: the usual case needs no more
        if not finite and not allow_nan:
            n_missing = int(s.isna().sum())
            if n_missing:
                rows = _show(s.index[s.isna()].tolist())
                raise ValueError(
                    f"Column {col!r} of `{name}` has {n_missing} missing value(s) (NaN), "
                    f"in rows {rows}. Fill them (df[{col!r}].fillna(...)) or drop those rows "
                    "(df.dropna(subset=[...])) before calling this function."
                )
        if not finite and np.isinf(arr).any():
            raise ValueError(f"Column {col!r} of `{name}` contains infinite values; remove them.")
        if nonnegative and _any_negative(arr, finite=finite):
            neg = s[s < 0]
            raise ValueError(
                f"Column {col!r} of `{name}` must not be negative, but has {len(neg)} negative "
                f"value(s), e.g. {_show(neg.tolist())} (rows {_show(neg.index.tolist())})."
            )
    return columns


def as_numeric_array(
    values: Any,
    *,
    name: str = "values",
    allow_nan: bool = False,
    nonnegative: bool = False,
    allow_empty: bool = False,
) -> np.ndarray:
    """Turn a list / Series / array of numbers into a float array, with clear errors."""
    if isinstance(values, pd.DataFrame):
        if values.shape[1] != 1:
            raise TypeError(
                f"`{name}` must be one column of numbers, but got a table with "
                f"{values.shape[1]} columns. Pick one, e.g. df['amount']."
            )
        values = values.iloc[:, 0]
    if isinstance(values, Mapping):
        values = list(values.values())
    if (isinstance(values, (np.ndarray, pd.Series)) and values.ndim == 1
            and values.dtype.kind in "fiu" and (len(values) or allow_empty)):
        arr = np.asarray(values, dtype=float)
        if np.may_share_memory(arr, np.asarray(values)):
            arr = arr.view()
            arr.flags.writeable = False  # the caller's numbers: read them, never change them
        return _checked_floats(arr, name=name, allow_nan=allow_nan, nonnegative=nonnegative)
    if isinstance(values, str) or np.isscalar(values):
        raise TypeError(
            f"`{name}` must be several numbers (a list, Series or array), but got a single "
            f"{type(values).__name__}: {values!r}."
        )
    try:
        raw = pd.Series(list(values) if not isinstance(values, (pd.Series, np.ndarray)) else values)
    except TypeError as exc:
        raise TypeError(f"`{name}` must be a list of numbers; got {type(values).__name__}.") from exc
    if raw.ndim != 1:
        raise TypeError(f"`{name}` must be one-dimensional.")
    if len(raw) == 0 and not allow_empty:
        raise ValueError(f"`{name}` is empty: there is nothing to compute on.")
    if pd.api.types.is_bool_dtype(raw) or not pd.api.types.is_numeric_dtype(raw):
        converted = pd.to_numeric(raw, errors="coerce")
        _refuse_unconverted(raw, converted, f"`{name}` must hold numbers, but has text or other "
                            "values such as {examples}. Convert with pd.to_numeric(..., "
                            "errors='coerce') first.")
        raw = converted
    arr = raw.to_numpy(dtype=float, na_value=np.nan)
    return _checked_floats(arr, name=name, allow_nan=allow_nan, nonnegative=nonnegative)


def _checked_floats(arr: np.ndarray, *, name: str, allow_nan: bool,
                    nonnegative: bool) -> np.ndarray:
    finite = bool(np.isfinite(arr).all())  # one pass: the usual case needs no more
    if not finite and not allow_nan and np.isnan(arr).any():
        raise ValueError(
            f"`{name}` has {int(np.isnan(arr).sum())} missing value(s) (NaN). "
            "Fill or drop them before calling this function."
        )
    if not finite and np.isinf(arr).any():
        raise ValueError(f"`{name}` contains infinite values; remove them.")
    if nonnegative and _any_negative(arr, finite=finite):
        raise ValueError(
            f"`{name}` must not be negative, but has {int((arr < 0).sum())} negative value(s), "
            f"e.g. {_show(arr[arr < 0].tolist())}."
        )
    return arr


def as_number(value: Any, *, name: str) -> float:
    """Turn one number-like value into a float, refusing text, NaN and booleans."""
    if isinstance(value, bool) or value is None:
        raise TypeError(f"`{name}` must be a number, but got {value!r}.")
    if isinstance(value, str):
        raise TypeError(
            f"`{name}` must be a number, but got the text {value!r}. Write it without quotes, "
            "e.g. 0.8 instead of '0.8' or '80%'."
        )
    try:
        out = float(value)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`{name}` must be a number, but got {type(value).__name__}.") from exc
    if math.isnan(out):
        raise ValueError(f"`{name}` is NaN (missing); give a number.")
    if math.isinf(out):
        raise ValueError(f"`{name}` is infinite; give a finite number.")
    return out


def require_probability(
    value: Any, *, name: str, low_open: bool = False, high_open: bool = False
) -> float:
    """A share between 0 and 1 (ends open or closed as asked); percentages are refused."""
    x = as_number(value, name=name)
    low_ok = x > 0 if low_open else x >= 0
    high_ok = x < 1 if high_open else x <= 1
    if not (low_ok and high_ok):
        lo = "(0" if low_open else "[0"
        hi = "1)" if high_open else "1]"
        pct = f" It looks like a percentage: write {x / 100:g} instead of {x:g}." if 1 < x <= 100 else ""
        raise ValueError(f"`{name}` must be a share in {lo}, {hi}, but is {x:g}.{pct}")
    return x


def require_positive(value: Any, *, name: str, allow_zero: bool = False) -> float:
    """A number > 0 (or ≥ 0 with ``allow_zero``)."""
    x = as_number(value, name=name)
    if x < 0 or (x == 0 and not allow_zero):
        need = "zero or more" if allow_zero else "greater than zero"
        raise ValueError(f"`{name}` must be {need}, but is {x:g}.")
    return x


def require_datetime(df: pd.DataFrame, column: str, *, name: str = "df") -> pd.Series:
    """Return ``df[column]`` as datetimes (a new Series); explain unparseable values."""
    require_columns(df, [column], name=name)
    s = df[column]
    out = _parse_dates(s, f"Column {column!r} of `{name}` must hold dates, but has values "
                          "that are not dates, such as {examples}. Use a format like 2024-03-31.")
    if out.isna().any():
        raise ValueError(
            f"Column {column!r} of `{name}` has {int(out.isna().sum())} missing date(s); "
            "drop or fill those rows first."
        )
    return out


def require_choice(value: Any, *, name: str, choices: Sequence[Any]) -> Any:
    """``value`` must be one of ``choices``."""
    if value not in choices:
        raise ValueError(f"`{name}` must be one of {_show(choices, limit=10)}, but is {value!r}.")
    return value


def require_weights(
    weights: Mapping[str, Any] | pd.Series, *, name: str = "weights", normalize: bool = True
) -> pd.Series:
    """Weights as a float Series summing to 1 (when ``normalize``); no negatives, not all zero."""
    if isinstance(weights, pd.Series):
        w = weights
    elif isinstance(weights, Mapping):
        w = pd.Series(dict(weights), dtype=object)
    else:
        raise TypeError(
            f"`{name}` must map names to weights, e.g. {{'size': 0.4, 'growth': 0.6}}, "
            f"but got {type(weights).__name__}."
        )
    if len(w) == 0:
        raise ValueError(f"`{name}` is empty: give at least one weight.")
    vals = as_numeric_array(w, name=name)
    if (vals < 0).any():
        raise ValueError(f"`{name}` must not be negative: {_show(w[vals < 0].index.tolist())}.")
    total = vals.sum()
    if total == 0:
        raise ValueError(f"`{name}` are all zero; at least one weight must be positive.")
    out = pd.Series(vals, index=w.index, dtype=float)
    return out / total if normalize else out


# moved from lifecycle.py and satisfaction.py (shared by the concept modules)


def _customer_column(df: pd.DataFrame, customer: str, name: str) -> pd.Series:
    s = df[customer]
    if s.isna().any():
        raise ValueError(
            f"Column {customer!r} of `{name}` has {int(s.isna().sum())} missing customer id(s). "
            "Drop those rows (df.dropna(subset=[...])) before calling this function."
        )
    return s


def as_date(value: Any, *, name: str) -> pd.Timestamp:
    """One date (a ``Timestamp``) from text such as ``'2025-12-31'``, a date or a Timestamp.

    ``None`` and True/False are not dates (:class:`TypeError`); text that cannot be read as a
    date, or a missing date (NaT), is a :class:`ValueError`.

    Examples
    --------
    >>> as_date("2025-12-31", name="as_of")
    Timestamp('2025-12-31 00:00:00')
    """
    if isinstance(value, (bool, np.bool_)) or value is None:
        raise TypeError(f"`{name}` must be a date such as '2025-12-31', but got {value!r}.")
    try:
        ts = pd.Timestamp(value)
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"`{name}` must be a date such as '2025-12-31', but got {value!r}."
        ) from exc
    if pd.isna(ts):
        raise ValueError(f"`{name}` is missing (NaT); give a date such as '2025-12-31'.")
    return ts


_as_timestamp = as_date  # the name the concept modules used before


def _range_text(low: float | None, high: float | None) -> str:
    if low is not None and high is not None:
        return f" from {low:g} to {high:g}"
    if low is not None:
        return f" ≥ {low:g}"
    return f" ≤ {high:g}" if high is not None else ""


def as_whole(value: Any, *, name: str, low: int | None = None, high: int | None = None,
             hint: str = "") -> int:
    """A whole number (an int, or a float such as 5.0) within ``low`` … ``high``.

    Text, True/False and fractions are refused with a :class:`TypeError`, a whole number
    outside the range with a :class:`ValueError`; ``hint`` (e.g. ``"e.g. 10"``) is added to
    the message in brackets.

    Examples
    --------
    >>> as_whole(5.0, name="scale_max", low=2)
    5
    >>> as_whole(0, name="n_init", low=1, hint="e.g. 10")
    Traceback (most recent call last):
    ...
    ValueError: `n_init` must be a whole number ≥ 1 (e.g. 10), but is 0.
    """
    what = f"`{name}` must be a whole number{_range_text(low, high)}" + (f" ({hint})" if hint else "")
    if (isinstance(value, (bool, np.bool_, str)) or value is None
            or not isinstance(value, (int, float, np.integer, np.floating))):
        raise TypeError(f"{what}, but got {value!r}.")
    if isinstance(value, (float, np.floating)) and not float(value).is_integer():
        raise TypeError(f"{what}, but got {value!r}.")
    whole = int(value)
    if (low is not None and whole < low) or (high is not None and whole > high):
        raise ValueError(f"{what}, but is {value!r}.")
    return whole


def _optional_datetime(df: pd.DataFrame, column: str, *, name: str) -> pd.Series:
    """Like ``require_datetime`` but missing values (not yet happened) are allowed."""
    require_columns(df, [column], name=name)
    return _parse_dates(df[column], f"Column {column!r} of `{name}` must hold dates and times, "
                        "but has values that are not dates, such as {examples}. Use a format "
                        "like 2025-03-31 14:05.")


def _refuse_unconverted(raw: pd.Series, converted: pd.Series, message: str) -> None:
    """Raise ``ValueError(message)`` when values of ``raw`` did not convert (``converted`` is NaN
    where ``raw`` had a value); ``{examples}`` in the message names a few of them."""
    bad = raw[converted.isna() & raw.notna()]
    if len(bad):
        raise ValueError(message.format(examples=_show(bad.unique())))


def _parse_dates(s: pd.Series, message: str) -> pd.Series:
    """``s`` as datetimes (missing values stay missing); text that is no date raises
    ``ValueError(message)`` (see :func:`_refuse_unconverted`). The one date parser of the kit."""
    if pd.api.types.is_datetime64_any_dtype(s):
        return s
    import warnings

    with warnings.catch_warnings():  # "could not infer format" is noise for a student
        warnings.simplefilter("ignore", UserWarning)
        out = pd.to_datetime(s, errors="coerce")
    _refuse_unconverted(s, out, message)
    return out


def _check_scale_values(arr: np.ndarray, low: float, high: float, name: str) -> None:
    if arr.size == 0:
        return
    # two NaN-skipping reductions; the values are only gathered when one is out of range
    if not (np.fmin.reduce(arr, axis=None) < low or np.fmax.reduce(arr, axis=None) > high):
        return
    vals = arr[~np.isnan(arr)]
    bad = vals[(vals < low) | (vals > high)]
    if len(bad):
        raise ValueError(
            f"`{name}` has {len(bad)} value(s) outside the scale {low:g}–{high:g}, e.g. "
            f"{_show(sorted(set(bad.tolist())))}. Check the scale (scale_max=… / scale=(…)) "
            "or recode the answers (to_scores) first."
        )


def numeric_matrix(df: pd.DataFrame, columns: Sequence[str], *, name: str = "df",
                   allow_nan: bool = True) -> np.ndarray:
    """The columns as one float array (rows × columns), checked like :func:`require_numeric`.

    Columns of a numeric dtype are converted at once and scanned in one pass; only when that
    pass finds something (text, NaN, infinity) does the column-by-column check run to write
    its message.
    """
    cols = require_columns(df, columns, name=name)
    sub = df[cols]
    if all(t.kind in "fiu" for t in sub.dtypes) and sub.shape[1] == len(cols):
        x = sub.to_numpy(dtype=float, na_value=np.nan)
        if np.isfinite(x).all():
            return x
    require_numeric(df, cols, name=name, allow_nan=allow_nan)
    return sub.to_numpy(dtype=float, na_value=np.nan)
