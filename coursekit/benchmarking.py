"""Benchmarking satisfaction (定点超越): us vs a competitor, and us vs last year.

The performance-excellence criteria ask a firm to compare its customers' satisfaction with
its competitors' and with the best in the industry, and with its own past results (纵向比较:
this year vs the same period last year; 横向比较: us vs the best firm in the trade). Two means
from two samples always differ a little; the question a manager asks is whether the
difference is larger than the sampling noise. Each comparison here therefore gives the
**difference with a confidence interval** (置信区间) and a plain verdict:

* the whole interval above 0 → *better*; the whole interval below 0 → *worse*;
* the interval contains 0 → *no clear difference* (the samples cannot tell).

Means use Welch's two-sample t interval (no equal-variance assumption); shares of satisfied
customers use Newcombe's (1998) interval built from two Wilson score intervals. Both assume two
independent samples (different respondents), as in a repeated survey or a third-party survey
of two brands' customers.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._lang import pick
from ._validate import (
    _show,
    as_numeric_array,
    require_columns,
    require_frame,
    require_numeric,
    require_probability,
)
from .plotting import colour

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["compare_means", "compare_rates", "plot_comparison", "VERDICTS_ZH"]

VERDICTS_ZH = {"better": "更好", "worse": "更差", "no clear difference": "差异不明显"}


def _verdict(low: np.ndarray, high: np.ndarray) -> np.ndarray:
    return np.select([low > 0, high < 0], ["better", "worse"], default="no clear difference")


def compare_means(
    ours: pd.DataFrame,
    theirs: pd.DataFrame,
    *,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Mean score per item: ours − theirs, with a Welch confidence interval.

    .. math::
        d = \\bar x_1 - \\bar x_2, \\quad
        SE = \\sqrt{s_1^2/n_1 + s_2^2/n_2}, \\quad
        d \\pm t_{\\nu}\\,SE, \\quad
        \\nu = \\frac{SE^4}{\\frac{(s_1^2/n_1)^2}{n_1-1} + \\frac{(s_2^2/n_2)^2}{n_2-1}}

    Parameters
    ----------
    ours, theirs : DataFrame
        Answers of two independent samples, one column per item (the same item names in
        both; other columns of ``theirs`` are ignored). Missing answers are left out.
    confidence : float, default 0.95

    Returns
    -------
    DataFrame
        Per item: ``ours``, ``theirs`` (means), ``difference``, ``ci_low``, ``ci_high``,
        ``n_ours``, ``n_theirs``, ``verdict`` (better / worse / no clear difference) and
        ``verdict_zh`` (更好 / 更差 / 差异不明显).

    Raises
    ------
    ValueError
        An item of ``ours`` is missing from ``theirs``, a column is not numeric, or an item
        has fewer than 2 answers in a sample.

    Examples
    --------
    >>> a = pd.DataFrame({"taste": [5, 4, 5, 4, 5, 4], "speed": [3, 2, 3, 4, 3, 3]})
    >>> b = pd.DataFrame({"taste": [3, 4, 3, 3, 4, 3], "speed": [3, 4, 3, 3, 2, 3]})
    >>> compare_means(a, b)[["difference", "ci_low", "ci_high", "verdict"]].round(2)
           difference  ci_low  ci_high              verdict
    item
    taste        1.17    0.48     1.85               better
    speed        0.00   -0.81     0.81  no clear difference
    """
    require_frame(ours, name="ours")
    require_frame(theirs, name="theirs")
    cols = list(ours.columns)
    require_columns(theirs, cols, name="theirs", why="both samples must rate the same items",
                    fix="Select the same columns from both, e.g. ours[items] and theirs[items].")
    require_numeric(ours, cols, name="ours", allow_nan=True)
    require_numeric(theirs, cols, name="theirs", allow_nan=True)
    c = require_probability(confidence, name="confidence", low_open=True, high_open=True)
    from scipy.special import stdtrit  # the t quantile; lighter than importing scipy.stats

    x1 = ours[cols].to_numpy(dtype=float, na_value=np.nan)
    x2 = theirs[cols].to_numpy(dtype=float, na_value=np.nan)
    n1, n2 = (~np.isnan(x1)).sum(axis=0), (~np.isnan(x2)).sum(axis=0)
    few = [col for col, a, b in zip(cols, n1, n2, strict=True) if a < 2 or b < 2]
    if few:
        raise ValueError(
            f"Item(s) {_show(few)} have fewer than 2 answers in one sample; a confidence "
            "interval needs at least 2 answers on each side (better: 30 or more)."
        )
    m1, m2 = np.nanmean(x1, axis=0), np.nanmean(x2, axis=0)
    v1, v2 = np.nanvar(x1, axis=0, ddof=1) / n1, np.nanvar(x2, axis=0, ddof=1) / n2
    se = np.sqrt(v1 + v2)
    with np.errstate(invalid="ignore", divide="ignore"):
        dof = (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))
    dof = np.where(np.isfinite(dof), dof, np.minimum(n1, n2) - 1)
    half = stdtrit(dof, 0.5 + c / 2) * se
    diff = m1 - m2
    out = pd.DataFrame({
        "ours": m1, "theirs": m2, "difference": diff, "ci_low": diff - half,
        "ci_high": diff + half, "n_ours": n1, "n_theirs": n2,
    }, index=pd.Index(cols, name="item"))
    out["verdict"] = _verdict(out["ci_low"].to_numpy(), out["ci_high"].to_numpy())
    out["verdict_zh"] = out["verdict"].map(VERDICTS_ZH)
    return out


def _wilson(p: float, n: int, z: float) -> tuple[float, float]:
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return centre - half, centre + half


def _flags(x: Any, name: str) -> np.ndarray:
    arr = as_numeric_array(x, name=name, allow_nan=True)
    arr = arr[~np.isnan(arr)]
    if len(arr) == 0:
        raise ValueError(f"`{name}` holds no customers (all missing).")
    bad = arr[(arr != 0) & (arr != 1)]
    if len(bad):
        raise ValueError(
            f"`{name}` must say per customer whether they are satisfied (True/False or 1/0), "
            f"but has other values such as {_show(sorted(set(bad.tolist())))}. Turn scores into "
            "flags first, e.g. satisfied_customers(scores) or scores >= 4."
        )
    return arr


def compare_rates(ours: Any, theirs: Any, *, confidence: float = 0.95) -> pd.Series:
    """Share of satisfied customers (满意率): ours − theirs, with Newcombe's interval.

    .. math::
        d = p_1 - p_2, \\quad
        [\\,d - \\sqrt{(p_1 - l_1)^2 + (u_2 - p_2)^2},\\;
           d + \\sqrt{(u_1 - p_1)^2 + (p_2 - l_2)^2}\\,]

    with :math:`(l_k, u_k)` the Wilson score interval of each share (Newcombe 1998,
    method 10). Unlike the simple ±1.96·SE interval it stays sensible for small samples and
    for shares near 0 or 1.

    Parameters
    ----------
    ours, theirs : list, array or Series of bool / 0–1
        One flag per customer: satisfied or not (e.g. from
        :func:`coursekit.satisfaction.satisfied_customers`). Missing values are left out.
    confidence : float, default 0.95

    Returns
    -------
    Series
        ``ours``, ``theirs`` (shares 0–1), ``difference``, ``ci_low``, ``ci_high``, ``n_ours``,
        ``n_theirs``, ``verdict``, ``verdict_zh``.

    Examples
    --------
    >>> r = compare_rates([1] * 70 + [0] * 30, [1] * 55 + [0] * 45)
    >>> r[["difference", "ci_low", "ci_high"]].astype(float).round(3).tolist(), r["verdict"]
    ([0.15, 0.016, 0.277], 'better')
    """
    a, b = _flags(ours, "ours"), _flags(theirs, "theirs")
    c = require_probability(confidence, name="confidence", low_open=True, high_open=True)
    from statistics import NormalDist

    z = NormalDist().inv_cdf(0.5 + c / 2)
    n1, n2 = len(a), len(b)
    p1, p2 = float(a.mean()), float(b.mean())
    l1, u1 = _wilson(p1, n1, z)
    l2, u2 = _wilson(p2, n2, z)
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    verdict = str(_verdict(np.array([low]), np.array([high]))[0])
    return pd.Series({"ours": p1, "theirs": p2, "difference": d, "ci_low": low, "ci_high": high,
                      "n_ours": n1, "n_theirs": n2, "verdict": verdict,
                      "verdict_zh": VERDICTS_ZH[verdict]}, dtype=object)


def plot_comparison(
    result: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    unit: str | None = None,
) -> Axes:
    """Draw a :func:`compare_means` result: one bar per item from ci_low to ci_high.

    Items whose interval crosses 0 are grey (no clear difference); better is green, worse
    orange. Returns the matplotlib ``Axes``.

    Examples
    --------
    >>> a = pd.DataFrame({"taste": [5, 4, 5, 4], "speed": [3, 2, 3, 4]})
    >>> b = pd.DataFrame({"taste": [3, 4, 3, 3], "speed": [3, 4, 3, 3]})
    >>> ax = plot_comparison(compare_means(a, b))
    >>> ax.get_xlabel()
    'ours − theirs (points on 1–5)'
    """
    import matplotlib.pyplot as plt

    require_frame(result, name="result")
    need = [c for c in ("difference", "ci_low", "ci_high", "verdict") if c not in result.columns]
    if need:
        raise ValueError(f"`result` lacks {need}; pass the table that compare_means returns.")
    title = pick({"en": "Difference in mean satisfaction, with 95 % confidence interval",
                  "zh": "满意度均值之差（95% 置信区间）"}) if title is None else title
    unit = pick({"en": "points on 1–5", "zh": "1–5 分"}) if unit is None else unit
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 0.55 * len(result) + 1.6))
    colours = {"better": colour("good"), "worse": colour("accent"),
               "no clear difference": colour("ink", alpha=0.45)}
    y = np.arange(len(result))
    for i, (_, row) in enumerate(result.iterrows()):
        col = colours.get(row["verdict"], colours["no clear difference"])
        ax.plot([row["ci_low"], row["ci_high"]], [i, i], color=col, lw=4, solid_capstyle="butt")
        ax.plot(row["difference"], i, "o", color=colour("ink"), ms=6)
    ax.axvline(0, color=colour("ink"), lw=1)
    ax.set_yticks(y, [str(i).removeprefix("sat_") for i in result.index])
    ax.invert_yaxis()
    ax.set(title=title, xlabel=pick({"en": f"ours − theirs ({unit})", "zh": f"本企业 − 对比方（{unit}）"}),
           ylabel=pick({"en": "item", "zh": "题项"}))
    handles = [plt.Line2D([], [], color=c, lw=4, label=pick({"en": k, "zh": VERDICTS_ZH[k]}))
               for k, c in colours.items()]
    ax.legend(handles=handles, loc="best", fontsize="small")
    return ax
