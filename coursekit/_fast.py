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
