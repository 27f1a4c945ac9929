"""Satisfaction measurement: rates, indices, reliability, drivers and priorities.

The functions follow the measurement workflow of a customer-satisfaction study
(客户满意度测评) once the answers are scores (reading a survey export, scoring answer labels and
planning the sample are in :mod:`coursekit.survey`): aggregate them into a satisfaction rate
(:func:`satisfaction_rate`) or a 0–100 index (:func:`satisfaction_index`), check the reliability
of a multi-item scale (:func:`cronbach_alpha`, :func:`alpha_if_deleted`), decide what to improve
first (:func:`ipa`) and compute the Net Promoter Score (:func:`nps`). Jones & Sasser's loyalty
zones are in :mod:`coursekit.loyalty`, the ACSI-style structural model (:func:`pls_path`) in
:mod:`coursekit.acsi`; all of these names are still importable from here, where they used to be.

Conventions that differ between textbooks are parameters:

* satisfaction index to 0–100: ``method="range"`` is (mean − 1)/(k − 1)·100 (a scale of
  1…k; the lowest answer gives 0), ``method="max"`` is mean/k·100 (the lowest answer gives
  100/k, e.g. 20 on a 5-point scale);
* satisfaction rate: the share of answers in the top ``top_box`` categories (top-2-box:
  "satisfied" or "very satisfied" on a 5-point scale).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._validate import (
    _check_scale_values,
    _show,
    as_number,
    as_numeric_array,
    as_whole,
    require_choice,
    require_columns,
    require_frame,
    require_numeric,
    require_weights,
)
from .plotting import colour

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


# Names that lived here before the split into concept modules: saved notebooks keep working.
from .acsi import PLSResult, pls_path  # noqa: E402, F401
from .loyalty import ZONES, ZONES_ZH, loyalty_zone  # noqa: E402, F401
from .survey import (  # noqa: E402, F401
    METADATA_COLUMNS,
    MULTI_SEP,
    SCALES,
    SKIPPED,
    detect_encoding,
    is_question,
    parse_duration,
    read_survey,
    sample_size,
    split_multi,
    to_scores,
)

# --------------------------------------------------------------------------------------
# Rate, index, reliability
# --------------------------------------------------------------------------------------



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
    k = as_whole(scale_max, name="scale_max", low=2, hint="e.g. 5")
    b = as_whole(top_box, name="top_box", low=1, high=k - 1, hint=f"for a {k}-point scale")
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

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> imp = pd.Series({"taste": 4.6, "price": 4.2, "music": 2.1})
    >>> perf = pd.Series({"taste": 4.4, "price": 3.1, "music": 4.0})
    >>> plot_ipa(ipa(imp, perf)).get_title()
    'Importance–performance map'
    """
    import matplotlib.pyplot as plt

    require_frame(result, name="result")
    require_columns(result, ["importance", "performance", "quadrant"], name="result")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5.5))
    colours = {"concentrate here": colour("accent"), "keep up the good work": colour("good"),
               "low priority": colour("muted"), "possible overkill": colour("main")}
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
