"""Weighting (赋权): how much each value dimension counts in a score.

Two families, and a manager should know which one a number came from:

* **subjective weights (主观赋权)** come from people: :func:`direct_weights` (direct rating or
  points allocation by managers or experts, 直接打分法 / 专家打分法) and :func:`ahp_weights`
  (pairwise comparisons, AHP 层次分析法);
* **objective weights (客观赋权)** come from the data: :func:`entropy_weights` (entropy weight
  method, 熵权法) and :func:`critic_weights` (CRITIC, Diakoulaki et al. 1995). A criterion on
  which the customers differ a lot gets more weight; one on which they are all alike gets
  little or none. The data cannot know the firm's strategy, so objective weights say what
  *separates* the customers, not what *matters* to the firm.

:func:`combine_weights` mixes the two (α · subjective + (1 − α) · objective).

Normalisation convention (stated because books differ)
------------------------------------------------------
Both objective methods first put every criterion on 0 … 1 with **min–max** scaling
(极差标准化): a benefit criterion (more is better) becomes r = (x − min) / (max − min), a cost
criterion (less is better, named in ``cost=``) becomes r = (max − x) / (max − min). A
criterion whose values are all equal carries no information and gets weight 0.

Entropy then uses the proportions p_ij = r_ij / Σ_i r_ij, the entropy
e_j = −k Σ_i p_ij ln p_ij with **k = 1 / ln n** (n customers, so 0 ≤ e_j ≤ 1) and
**0 · ln 0 = 0**; the weights are w_j = (1 − e_j) / Σ_j (1 − e_j). ``normalize="sum"``
skips min–max and uses p_ij = x_ij / Σ_i x_ij on the raw (positive) numbers, as many
published examples do.

CRITIC uses the standard deviation σ_j of r_j and the Pearson correlations ρ_jk between
criteria: C_j = σ_j Σ_k (1 − ρ_jk), w_j = C_j / Σ_j C_j (whether σ uses n or n − 1 does not
change the weights: the factor cancels).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ._lang import pick
from ._validate import as_numeric_array, require_frame, require_numeric

__all__ = [
    "RANDOM_INDEX",
    "AHPResult",
    "ahp_weights",
    "combine_weights",
    "critic_weights",
    "direct_weights",
    "entropy_weights",
    "minmax_normalize",
]

#: Saaty's random consistency index RI by matrix size n (Saaty 1980, *The Analytic Hierarchy
#: Process*, McGraw-Hill, Table 1.3 — the values used in most textbooks).
RANDOM_INDEX: dict[int, float] = {
    1: 0.0, 2: 0.0, 3: 0.58, 4: 0.90, 5: 1.12, 6: 1.24, 7: 1.32, 8: 1.41, 9: 1.45, 10: 1.49,
    11: 1.51, 12: 1.48, 13: 1.56, 14: 1.57, 15: 1.59,
}


# ----------------------------------------------------------------------------- subjective
def direct_weights(ratings: Mapping[str, Any] | pd.Series | pd.DataFrame) -> pd.Series:
    """Weights from direct rating or points allocation (直接打分法), rescaled to sum to 1.

    Each manager or expert gives every criterion a number — points out of 100, a mark from
    1 to 10, a percentage. With several raters (a DataFrame, one row per rater) the mean
    rating of each criterion is used. Weights are the ratings divided by their total.

    Parameters
    ----------
    ratings : mapping, Series or DataFrame
        ``{criterion: rating}``, or a table with one row per rater and one column per
        criterion. Ratings ≥ 0, not all zero, no missing values.

    Returns
    -------
    Series
        ``weight`` by criterion, summing to 1.

    Raises
    ------
    ValueError
        Text, missing values, negative ratings, all ratings zero, an empty input.

    Examples
    --------
    One manager shares out 100 points:

    >>> direct_weights({"sales": 50, "growth": 30, "loyalty": 20})
    sales      0.5
    growth     0.3
    loyalty    0.2
    Name: weight, dtype: float64

    Three managers rate on 1–10; the mean rating decides:

    >>> panel = pd.DataFrame({"sales": [8, 6, 7], "growth": [4, 6, 5]})
    >>> direct_weights(panel).round(4)
    sales     0.5833
    growth    0.4167
    Name: weight, dtype: float64
    """
    if isinstance(ratings, pd.DataFrame):
        require_frame(ratings, name="ratings")
        require_numeric(ratings, list(ratings.columns), name="ratings", nonnegative=True)
        mean = ratings.astype(float).mean()
    elif isinstance(ratings, (pd.Series, Mapping)):
        s = ratings if isinstance(ratings, pd.Series) else pd.Series(dict(ratings), dtype=object)
        if len(s) == 0:
            raise ValueError("`ratings` is empty: give each criterion a rating.")
        mean = pd.Series(as_numeric_array(s, name="ratings", nonnegative=True), index=s.index)
    else:
        raise TypeError(
            "`ratings` must map criteria to ratings, e.g. {'sales': 50, 'growth': 30}, or be "
            f"a table with one row per rater; got {type(ratings).__name__}."
        )
    total = float(mean.sum())
    if total <= 0:
        raise ValueError("All ratings are zero; at least one criterion must get a rating > 0.")
    out = (mean / total).astype(float)
    out.index = [str(c) for c in out.index]
    return out.rename("weight")


class AHPResult(NamedTuple):
    """Result of :func:`ahp_weights`."""

    weights: pd.Series
    lambda_max: float
    ci: float
    cr: float


def ahp_weights(matrix: Any, *, warn: bool = True) -> AHPResult:
    """Weights from a pairwise comparison matrix (AHP 层次分析法, Saaty's eigenvector method).

    ``matrix[i][j]`` says how much more important criterion *i* is than *j* on Saaty's 1–9
    scale (1 equal, 3 moderate, 5 strong, 7 very strong, 9 extreme); the matrix must be
    reciprocal: ``matrix[j][i] = 1 / matrix[i][j]`` and 1 on the diagonal.

    .. math:: A w = \\lambda_{max} w, \\quad CI = \\frac{\\lambda_{max} - n}{n - 1},
              \\quad CR = \\frac{CI}{RI_n}

    Also importable from :mod:`coursekit.grading` (where it used to live).

    Parameters
    ----------
    matrix : DataFrame or 2-D list / array
        Square, positive, reciprocal. A DataFrame's column names become the weights' labels.
    warn : bool, keyword-only
        Issue a :class:`UserWarning` when CR ≥ 0.10 (judgements too inconsistent).

    Returns
    -------
    AHPResult
        ``weights`` (Series summing to 1), ``lambda_max``, ``ci`` and ``cr`` (CR = 0 for
        n ≤ 2, where any judgement is consistent).

    Raises
    ------
    ValueError
        Not square, non-positive or missing entries, not reciprocal, more than 15 criteria.

    Examples
    --------
    >>> m = pd.DataFrame([[1, 3, 5], [1/3, 1, 2], [1/5, 1/2, 1]],
    ...                  index=["reach", "compliance", "control"],
    ...                  columns=["reach", "compliance", "control"])
    >>> res = ahp_weights(m)
    >>> res.weights.round(3)
    reach         0.648
    compliance    0.230
    control       0.122
    Name: weight, dtype: float64
    >>> round(res.cr, 3)
    0.003
    """
    if isinstance(matrix, pd.DataFrame):
        labels = [str(c) for c in matrix.columns]
        raw = matrix
    else:
        raw = pd.DataFrame(matrix) if not isinstance(matrix, (str, bytes)) else None
        if raw is None or raw.ndim != 2:
            raise TypeError("`matrix` must be a square table (list of lists or DataFrame).")
        labels = [f"criterion {i + 1}" for i in range(raw.shape[1])]
    n_rows, n = raw.shape
    if n_rows != n or n == 0:
        raise ValueError(
            f"`matrix` must be square (as many rows as columns), but is {n_rows} × {n}. "
            "Each criterion needs one row and one column."
        )
    if n > max(RANDOM_INDEX):
        raise ValueError(
            f"`matrix` compares {n} criteria; AHP is meant for at most 15 (better 7 ± 2). "
            "Group the criteria into a hierarchy."
        )
    try:
        a = raw.apply(pd.to_numeric, errors="raise").to_numpy(dtype=float)
    except (ValueError, TypeError) as exc:
        raise ValueError(
            "`matrix` must hold numbers only (write 1/3 as 1/3 or 0.333, not as text)."
        ) from exc
    if np.isnan(a).any():
        raise ValueError("`matrix` has missing entries (NaN); fill in every comparison.")
    if (a <= 0).any():
        raise ValueError(
            "`matrix` entries must be positive (Saaty's scale runs 1/9 … 9); found "
            f"{a[a <= 0][:3].tolist()}."
        )
    if not np.allclose(np.diag(a), 1.0):
        raise ValueError("The diagonal of `matrix` must be 1 (each criterion equals itself).")
    bad = np.argwhere(~np.isclose(a * a.T, 1.0, rtol=0.02))
    if len(bad):
        i, j = bad[0]
        raise ValueError(
            f"`matrix` is not reciprocal: entry [{i}][{j}] = {a[i, j]:g} but [{j}][{i}] = "
            f"{a[j, i]:g}; it should be 1/{a[i, j]:g} = {1 / a[i, j]:.3g}. Fill the upper "
            "triangle and set each lower entry to 1 / its mirror."
        )
    vals, vecs = np.linalg.eig(a)
    k = int(np.argmax(vals.real))
    lam = float(vals[k].real)
    w = np.abs(vecs[:, k].real)
    w = w / w.sum()
    ci = (lam - n) / (n - 1) if n > 2 else 0.0
    ci = max(ci, 0.0)
    ri = RANDOM_INDEX[n]
    cr = ci / ri if ri > 0 else 0.0
    if warn and cr >= 0.10:
        warnings.warn(
            pick({
                "en": f"AHP consistency ratio CR = {cr:.3f} ≥ 0.10: the pairwise judgements "
                      "contradict each other too much for the weights to be trusted. Revisit "
                      "the comparisons with the largest disagreement and ask the experts again.",
                "zh": f"层次分析法的一致性比率 CR = {cr:.3f} ≥ 0.10：两两比较的判断相互矛盾太多，"
                      "这组权重不可信。请找出分歧最大的几组比较，再请专家重新判断。",
            }),
            UserWarning,
            stacklevel=2,
        )
    return AHPResult(pd.Series(w, index=labels, name="weight"), lam, ci, cr)


# ----------------------------------------------------------------------------- objective
def _criteria(df: Any, cost: Iterable[str] | str, *, method: str) -> tuple[np.ndarray, list[str],
                                                                            np.ndarray]:
    """Validated float matrix, criterion names and a cost mask."""
    require_frame(df)
    cols = list(df.columns)
    if len(cols) < 2:
        raise ValueError(
            f"{method} needs at least 2 criteria (columns), but `df` has {len(cols)}: "
            f"{[str(c) for c in cols]}. With one criterion its weight is simply 1."
        )
    if len(df) < 2:
        raise ValueError(
            f"{method} needs at least 2 rows (customers), but `df` has {len(df)}; weights "
            "from the data need differences between customers."
        )
    if len(set(map(str, cols))) != len(cols):
        raise ValueError("`df` has repeated column names; give each criterion its own name.")
    text = [str(c) for c in cols if pd.api.types.is_bool_dtype(df[c])
            or not pd.api.types.is_numeric_dtype(df[c])]
    if text:
        ids = [str(c) for c in cols if str(c).lower().endswith("id")]
        numeric = [str(c) for c in cols if str(c) not in text and str(c) not in ids]
        index = ids[0] if ids else "name"
        raise ValueError(
            f"{method} takes every column of `df` as a criterion, but {text!r} do not hold "
            f"numbers. Pass only the criteria, e.g. df[{numeric[:3]!r}], and put the customer "
            f"ids or names in the index (df.set_index({index!r}))."
        )
    id_like = [str(c) for c in cols if str(c).lower() == "id" or str(c).lower().endswith("_id")]
    if id_like:
        raise ValueError(
            f"{method} takes every column of `df` as a criterion, but {id_like!r} looks like an "
            f"id, not a value dimension. Put it in the index first: "
            f"df.set_index({id_like[0]!r})."
        )
    try:
        require_numeric(df, cols)
    except ValueError as exc:
        raise ValueError(
            f"{exc} Every column of `df` is taken as a criterion: put the customer names in "
            "the index (df.set_index('name')) and keep only the numeric criteria, e.g. "
            "df[['sales', 'growth']]."
        ) from None
    if isinstance(cost, str):
        cost = [cost]
    cost = list(cost)
    unknown = [c for c in cost if c not in df.columns]
    if unknown:
        raise ValueError(
            f"`cost` names {unknown!r}, which are not columns of `df` "
            f"({[str(c) for c in cols]}). Give the less-is-better criteria by column name."
        )
    mask = np.array([c in cost for c in cols])
    return df.to_numpy(dtype=float), [str(c) for c in cols], mask


def _minmax(x: np.ndarray, cost: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    lo, hi = x.min(axis=0), x.max(axis=0)
    span = hi - lo
    constant = span <= 1e-12 * np.maximum(np.abs(hi), 1.0)
    safe = np.where(constant, 1.0, span)
    r = (x - lo) / safe
    r = np.where(cost, 1.0 - r, r)
    r[:, constant] = 0.0
    return r, constant


def minmax_normalize(df: pd.DataFrame, *, cost: Iterable[str] | str = ()) -> pd.DataFrame:
    """Min–max scaling of every criterion to 0 … 1 (极差标准化), 1 = best.

    Benefit criteria: (x − min) / (max − min); cost criteria (named in ``cost``):
    (max − x) / (max − min). A constant criterion becomes all 0 (it separates no one).
    This is the first step of :func:`entropy_weights` and :func:`critic_weights`.

    Examples
    --------
    >>> df = pd.DataFrame({"sales": [100, 300, 200], "payment_days": [30, 90, 60]})
    >>> minmax_normalize(df, cost=["payment_days"])
       sales  payment_days
    0    0.0           1.0
    1    1.0           0.0
    2    0.5           0.5
    """
    x, names, mask = _criteria(df, cost, method="min–max scaling")
    r, _ = _minmax(x, mask)
    return pd.DataFrame(r, index=df.index, columns=df.columns)


def entropy_weights(
    df: pd.DataFrame,
    *,
    cost: Iterable[str] | str = (),
    normalize: str = "minmax",
) -> pd.Series:
    """Objective weights by the entropy weight method (熵权法).

    A criterion whose values are spread unevenly over the customers has low entropy, carries
    much information and gets a large weight; a criterion on which everyone is alike has
    entropy 1 and gets weight 0.

    .. math:: p_{ij} = \\frac{r_{ij}}{\\sum_i r_{ij}},\\quad
              e_j = -\\frac{1}{\\ln n}\\sum_i p_{ij}\\ln p_{ij},\\quad
              w_j = \\frac{1 - e_j}{\\sum_j (1 - e_j)}

    with 0 · ln 0 = 0 and r the min–max scaled values (see the module notes).

    Parameters
    ----------
    df : DataFrame
        One row per customer (alternative), one numeric column per criterion; every column
        is a criterion (put names in the index).
    cost : iterable of str, keyword-only
        Less-is-better criteria (payment days, complaints, cost to serve).
    normalize : {"minmax", "sum"}, keyword-only
        ``"minmax"`` (default, the usual Chinese textbook convention): min–max scaling first,
        then proportions. ``"sum"``: proportions of the raw numbers, p_ij = x_ij / Σ_i x_ij
        (values must be ≥ 0; there is no benefit/cost direction, so ``cost`` must be empty).
        Many published examples use this one.

    Returns
    -------
    Series
        ``weight`` by criterion (column order), each ≥ 0, summing to 1.

    Raises
    ------
    ValueError
        Fewer than 2 rows or criteria, text or NaN, unknown ``cost`` names, every criterion
        constant, negative values with ``normalize="sum"``.

    Examples
    --------
    >>> df = pd.DataFrame({"sales": [10, 20, 30, 100], "visits": [5, 6, 5, 6],
    ...                    "region_size": [1, 1, 1, 1]})
    >>> entropy_weights(df).round(4)
    sales          0.4896
    visits         0.5104
    region_size    0.0000
    Name: weight, dtype: float64
    """
    if normalize not in ("minmax", "sum"):
        raise ValueError(f"`normalize` must be 'minmax' or 'sum', but is {normalize!r}.")
    x, names, mask = _criteria(df, cost, method="The entropy weight method")
    n = len(x)
    if normalize == "minmax":
        r, _ = _minmax(x, mask)
    else:
        if mask.any():
            raise ValueError(
                "normalize='sum' uses the raw numbers, which have no direction, so `cost` "
                f"cannot be used with it (got {[c for c, m in zip(names, mask, strict=True) if m]}). Use "
                "normalize='minmax' for cost criteria."
            )
        if (x < 0).any():
            col = names[int(np.argwhere((x < 0).any(axis=0))[0, 0])]
            raise ValueError(
                f"normalize='sum' needs values ≥ 0, but column {col!r} has negatives. Use "
                "normalize='minmax' (the default) instead."
            )
        r = x
    totals = r.sum(axis=0)
    informative = totals > 0
    p = np.divide(r, np.where(informative, totals, 1.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        plogp = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0)), 0.0)  # 0·ln 0 = 0
    e = -plogp.sum(axis=0) / np.log(n)
    e = np.where(informative, np.clip(e, 0.0, 1.0), 1.0)  # constant criterion: e = 1
    d = 1.0 - e
    if d.sum() <= 1e-12:
        raise ValueError(
            "Every criterion has (almost) the same value for all customers, so the data "
            "cannot tell them apart and the entropy weights are undefined. Check that you "
            "passed the right columns, or use subjective weights (direct_weights, ahp_weights)."
        )
    return pd.Series(d / d.sum(), index=df.columns, name="weight")


def critic_weights(df: pd.DataFrame, *, cost: Iterable[str] | str = ()) -> pd.Series:
    """Objective weights by CRITIC (CRiteria Importance Through Intercriteria Correlation).

    Diakoulaki, Mavrotas & Papayannakis (1995): a criterion counts more when it varies a
    lot between customers (large standard deviation σ_j) *and* says something the other
    criteria do not (low correlation with them).

    .. math:: C_j = \\sigma_j \\sum_k (1 - \\rho_{jk}),\\qquad w_j = \\frac{C_j}{\\sum_j C_j}

    on min–max scaled values r (see the module notes). A constant criterion gets weight 0
    and is left out of the correlations of the others.

    Parameters
    ----------
    df : DataFrame
        One row per customer (alternative), one numeric column per criterion; every column
        is a criterion (put names in the index).
    cost : iterable of str, keyword-only
        Less-is-better criteria. Min–max flips them (r = (max − x)/(max − min)); that leaves
        σ unchanged but flips the sign of their correlations, so it changes the weights.

    Returns
    -------
    Series
        ``weight`` by criterion (column order), each ≥ 0, summing to 1.

    Raises
    ------
    ValueError
        Fewer than 2 rows or criteria, text or NaN, unknown ``cost`` names, fewer than two
        criteria that vary, or criteria that all move in perfect step (ρ = 1).

    Examples
    --------
    >>> df = pd.DataFrame({"sales": [10, 20, 30, 100], "visits": [5, 6, 5, 6],
    ...                    "complaints": [3, 1, 2, 0]})
    >>> critic_weights(df, cost=["complaints"]).round(4)
    sales         0.3904
    visits        0.4382
    complaints    0.1714
    Name: weight, dtype: float64
    """
    x, names, mask = _criteria(df, cost, method="CRITIC")
    r, constant = _minmax(x, mask)
    varying = ~constant
    if varying.sum() < 2:
        raise ValueError(
            f"CRITIC needs at least 2 criteria that vary between customers, but only "
            f"{[c for c, v in zip(names, varying, strict=True) if v]} vary. With one informative criterion "
            "its weight is simply 1."
        )
    rv = r[:, varying]
    sigma = rv.std(axis=0, ddof=1)
    rho = np.corrcoef(rv, rowvar=False)
    info = sigma * (1.0 - rho).sum(axis=0)
    if info.sum() <= 1e-12:
        raise ValueError(
            "All criteria move in perfect step (correlation 1), so CRITIC finds no "
            "independent information in any of them. Keep one of them, or use subjective "
            "weights."
        )
    w = np.zeros(len(names))
    w[varying] = np.clip(info, 0.0, None) / np.clip(info, 0.0, None).sum()
    return pd.Series(w, index=df.columns, name="weight")


def combine_weights(
    subjective: Mapping[str, float] | pd.Series,
    objective: Mapping[str, float] | pd.Series,
    *,
    alpha: float = 0.5,
) -> pd.Series:
    """Combined weights α · subjective + (1 − α) · objective (主客观组合赋权), summing to 1.

    Examples
    --------
    >>> combine_weights({"sales": 0.6, "growth": 0.4}, {"sales": 0.2, "growth": 0.8})
    sales     0.4
    growth    0.6
    Name: weight, dtype: float64
    """
    from ._validate import as_number, require_weights

    s = require_weights(subjective, name="subjective")
    o = require_weights(objective, name="objective")
    if set(s.index) != set(o.index):
        raise ValueError(
            f"`subjective` and `objective` must weight the same criteria, but got "
            f"{sorted(map(str, s.index))} and {sorted(map(str, o.index))}."
        )
    a = as_number(alpha, name="alpha")
    if not 0 <= a <= 1:
        raise ValueError(f"`alpha` is the share of the subjective weights, 0 … 1, not {a:g}.")
    out = a * s + (1 - a) * o.reindex(s.index)
    return (out / out.sum()).rename("weight")
