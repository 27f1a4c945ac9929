"""Vectorised building blocks shared by the helper modules (not part of the public API).

Survey answers, categories and step kinds repeat a handful of distinct values over many rows.
Normalising each *row* with Python (``str.strip().lower()``, a dictionary look-up, a regex)
costs a Python call per cell; normalising each *distinct value* once and broadcasting the
result with the factorised codes costs one call per distinct value. Everything here is
written that way, so helpers stay linear and close to plain pandas on a million rows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd


def distinct_map(values: Any, func: Callable[[Any], Any], *, missing: Any = None) -> np.ndarray:
    """Apply ``func`` once per distinct non-missing value and broadcast it to every row.

    Returns an object array aligned with ``values``; missing cells (NaN, None, pd.NA, NaT)
    get ``missing`` without calling ``func``.

    Examples
    --------
    >>> distinct_map(["a ", "B", None, "a "], lambda v: v.strip().lower()).tolist()
    ['a', 'b', None, 'a']
    """
    codes, uniques = pd.factorize(np.asarray(values, dtype=object) if not isinstance(
        values, (pd.Series, pd.Index)) else values, use_na_sentinel=True)
    mapped = np.empty(len(uniques) + 1, dtype=object)
    mapped[:-1] = [func(u) for u in uniques]
    mapped[-1] = missing
    return mapped[codes]  # code -1 (missing) picks the last slot


def blank(values: pd.Series) -> np.ndarray:
    """True where a cell holds no value: NaN, None, pd.NA, NaT or blank text.

    Examples
    --------
    >>> blank(pd.Series(["x", " ", None, float("nan")])).tolist()
    [False, True, True, True]
    """
    missing = values.isna().to_numpy().copy()
    if values.dtype == object or isinstance(values.dtype, pd.StringDtype):
        empty = distinct_map(values, lambda v: isinstance(v, str) and not v.strip(),
                             missing=True)
        missing |= empty.astype(bool)
    return missing


def group_codes(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """Group codes in sorted id order, the sorted unique ids, rows per id, and a gap mask.

    Whole-number ids in a compact range (the usual customer numbers) take a counting path
    that needs no sort or hashing: the codes are then ``id − min(id)``, and when some numbers
    in the range are unused the returned mask says which groups exist (aggregate over the
    whole range, then keep ``[mask]``). Anything else goes through :func:`pandas.factorize`.
    """
    if ids.dtype.kind in "iu" and len(ids):
        lo, hi = int(ids.min()), int(ids.max())
        if hi - lo <= 4 * len(ids) + 1_000_000:
            offset = ids - lo if lo else ids
            counts = np.bincount(offset, minlength=hi - lo + 1)
            present = counts > 0
            if present.all():
                return offset, np.arange(lo, hi + 1), counts, None
            return offset, np.flatnonzero(present) + lo, counts[present], present
    codes, uniques = pd.factorize(ids, sort=True)
    return codes, np.asarray(uniques), np.bincount(codes, minlength=len(uniques)), None
