"""Satisfaction measurement: rates, indices, reliability, drivers and priorities.

The functions follow the measurement workflow of a customer-satisfaction study
(客户满意度测评) once the answers are scores (reading a survey export, scoring answer labels and
planning the sample are in :mod:`coursekit.survey`): aggregate them into a satisfaction rate
(:func:`satisfaction_rate`) or a weighted-average index (:func:`satisfaction_index`; several
levels: :mod:`coursekit.indicators`), compare them with a rival or last year
(:mod:`coursekit.benchmarking`), check the reliability
of a multi-item scale (:func:`cronbach_alpha`, :func:`alpha_if_deleted`), decide what to improve
first (:func:`ipa`) and compute the Net Promoter Score (:func:`nps`). Jones & Sasser's loyalty
zones are in :mod:`coursekit.loyalty`, the ACSI-style structural model (:func:`pls_path`) in
:mod:`coursekit.acsi`; all of these names are still importable from here, where they used to be.

The textbook first, then the kit's extensions:

* **satisfaction rate** (顾客满意率) = satisfied customers / all customers × 100 %: one
  decision per *customer*, from an overall-satisfaction question or a stated rule
  (``rule="mean"``: the customer's mean rating is in the top boxes; ``rule="all"``: every
  rating is). The pooled share of *answers* across items is available with
  ``level="answer"`` — a different number, labelled as such;
* **satisfaction index** (满意度指数, weighted-average method 加权平均法) = Σ wᵢ·x̄ᵢ on the
  answer scale (``method="mean"``, e.g. 4.12 of 5); the 0–100 conversions are the kit's
  extension: ``method="range"`` is (mean − 1)/(k − 1)·100 (the lowest answer gives 0),
  ``method="max"`` is mean/k·100 (the lowest answer gives 100/k, e.g. 20 on 1–5). A
  multi-level indicator system is rolled up with :func:`coursekit.indicators.rollup_index`;
* the measurement workflow of the texts, step by step with the kit's tools:
  :func:`measurement_workflow`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._validate import (
    _check_scale_values,
    _show,
    as_number,
    as_numeric_array,
    numeric_matrix,
    require_choice,
    require_columns,
    require_frame,
    require_numeric,
    require_weights,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "SCALES",
    "read_survey",
    "split_multi",
    "to_scores",
    "satisfied_customers",
    "satisfaction_rate",
    "satisfaction_index",
    "measurement_workflow",
    "WORKFLOW",
    "which_scales",
    "item_summary",
    "cronbach_alpha",
    "alpha_if_deleted",
    "ipa",
    "plot_ipa",
    "plot_driver",
    "nps",
    "nps_breakdown",
    "sample_size",
    "loyalty_zone",
    "pls_path",
]


# Names that lived here before the split into concept modules: saved notebooks keep working.
from .acsi import PLSResult, pls_path  # noqa: E402, F401
from .indicators import to_100  # noqa: E402
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
    which_scales,
)

# --------------------------------------------------------------------------------------
# Rate, index, reliability
# --------------------------------------------------------------------------------------



def _threshold(top_box: Any, scale_max: Any, threshold: Any) -> tuple[float, float]:
    k = as_number(scale_max, name="scale_max")
    if k < 2 or not k.is_integer():
        raise ValueError(f"`scale_max` must be a whole number ≥ 2 (e.g. 5), but is {scale_max!r}.")
    if threshold is not None:
        t = as_number(threshold, name="threshold")
        if not 1 < t <= k:
            raise ValueError(
                f"`threshold` must lie above 1 and at most {k:g} (the top of the scale), but is "
                f"{threshold!r}. On 1–5, threshold=4 means 'satisfied or better'."
            )
        return t, k
    b = as_number(top_box, name="top_box")
    if not b.is_integer() or not 1 <= b < k:
        raise ValueError(
            f"`top_box` must be a whole number from 1 to {int(k) - 1} for a {int(k)}-point "
            f"scale, but is {top_box!r}."
        )
    return k - b + 1, k


def _score_matrix(scores: Any, k: float) -> tuple[np.ndarray, pd.Index, list[str] | None]:
    """Scores → a 2-D float array (customers × items), the row index, the column names."""
    if isinstance(scores, pd.DataFrame):
        require_frame(scores, name="scores")
        cols = list(scores.columns)
        x = numeric_matrix(scores, cols, name="scores")
        index = scores.index
    else:
        arr = as_numeric_array(scores, name="scores", allow_nan=True)
        x, cols = arr[:, None], None
        index = scores.index if isinstance(scores, pd.Series) else pd.RangeIndex(len(arr))
    _check_scale_values(x, 1, k, "scores")
    if not (~np.isnan(x)).any():
        raise ValueError("`scores` holds no answers (all missing); there is no rate to compute.")
    return x, index, cols


def satisfied_customers(
    scores: Any,
    *,
    rule: str | None = None,
    top_box: int = 2,
    scale_max: int = 5,
    threshold: float | None = None,
) -> pd.Series:
    """Per customer: satisfied or not (the numerator of the textbook's satisfaction rate).

    A customer is satisfied when their answer is in the top ``top_box`` categories (on 1–5
    with ``top_box=2``: 4 较满意 or 5 满意, i.e. a score ≥ 4), or at least ``threshold``.

    Parameters
    ----------
    scores : list, Series or DataFrame
        One overall-satisfaction answer per customer (list / Series), or one row per customer
        with several items (DataFrame; then ``rule`` says how the items decide).
    rule : {"mean", "all"}, optional
        For a DataFrame: ``"mean"`` — the customer's mean over the answered items reaches the
        threshold; ``"all"`` — every answered item does. Required for a DataFrame.
    top_box : int, default 2
    scale_max : int, default 5
        The highest score of the 1…k scale.
    threshold : float, optional
        The lowest score that counts as satisfied; overrides ``top_box`` (e.g. 8 on 1–10).

    Returns
    -------
    Series of bool (nullable)
        One value per customer, same index; ``<NA>`` for a customer with no answers.

    Examples
    --------
    >>> satisfied_customers([5, 4, 3, None]).tolist()
    [True, True, False, <NA>]
    >>> items = pd.DataFrame({"taste": [5, 4, 2], "speed": [4, 3, 5]})
    >>> satisfied_customers(items, rule="mean").tolist(), satisfied_customers(items, rule="all").tolist()
    ([True, False, False], [True, False, False])
    """
    t, k = _threshold(top_box, scale_max, threshold)
    x, index, cols = _score_matrix(scores, k)
    if cols is not None and len(cols) > 1:
        if rule is None:
            raise ValueError(
                f"`scores` has {len(cols)} item columns ({_show(cols)}), but the satisfaction "
                "rate counts customers: say when a customer counts as satisfied. Pass the "
                "overall-satisfaction question alone (one column), or rule='mean' (the "
                "customer's mean rating) or rule='all' (every rating). For one rate per item "
                "use level='item'; for the share of all answers, level='answer'."
            )
        require_choice(rule, name="rule", choices=("mean", "all"))
    answered = (~np.isnan(x)).any(axis=1)
    with np.errstate(invalid="ignore"):
        if rule == "all" and x.shape[1] > 1:
            flag = np.where(np.isnan(x), True, x >= t).all(axis=1)
        else:
            counts = (~np.isnan(x)).sum(axis=1)
            means = np.nansum(x, axis=1) / np.where(counts == 0, 1, counts)
            flag = means >= t - 1e-12
    out = pd.array(np.where(answered, flag, False), dtype="boolean")
    out[~answered] = pd.NA
    return pd.Series(out, index=index, name="satisfied")


def satisfaction_rate(
    scores: Any,
    *,
    rule: str | None = None,
    top_box: int = 2,
    scale_max: int = 5,
    threshold: float | None = None,
    level: str = "customer",
) -> float | pd.Series:
    """Customer satisfaction rate (顾客满意率): satisfied customers / all customers.

    .. math:: \\text{满意率} = \\frac{\\text{满意顾客数}}{\\text{顾客总数}} \\times 100\\,\\%

    The textbook's definition, and the default: one decision per customer
    (:func:`satisfied_customers`), from an overall-satisfaction question or from a stated
    ``rule`` over several items. Customers with no answer are left out of the denominator.
    The rate is one simple indicator: it says nothing about *how* satisfied customers are or
    which needs are unmet, which is why the textbook moves on to the satisfaction index.

    Parameters
    ----------
    scores : list, Series or DataFrame
        Scores 1…``scale_max``: one answer per customer (list / Series) or one row per
        customer and one column per item (DataFrame).
    rule : {"mean", "all"}, optional
        How several items decide whether a customer is satisfied (``level="customer"``).
    top_box : int, default 2
        How many top categories count as satisfied (on 1–5: 4 and 5).
    scale_max : int, default 5
    threshold : float, optional
        The lowest score that counts as satisfied; overrides ``top_box``.
    level : {"customer", "item", "answer"}, default "customer"
        ``"customer"`` — the textbook's rate (a float). ``"item"`` — one rate per item
        column: the share of customers satisfied with that item (a Series). ``"answer"`` —
        beyond the textbook: the pooled share of *answers* in the top boxes across all items
        (a float; a share of answers, not of customers — label it so in a report).

    Returns
    -------
    float or Series
        A share between 0 and 1 (× 100 for the textbook's percentage).

    Raises
    ------
    ValueError
        Scores outside the scale or not numeric, no answers at all, a DataFrame of several
        items without ``rule`` (the message lists the options), impossible ``top_box`` /
        ``threshold``.

    Examples
    --------
    >>> satisfaction_rate([5, 4, 4, 3, 1])  # 3 of 5 customers answered 4 or 5
    0.6
    >>> items = pd.DataFrame({"taste": [5, 4, 4, 2], "speed": [4, 2, 3, 5]})
    >>> satisfaction_rate(items, rule="mean")  # customer means 4.5, 3, 3.5, 3.5
    0.25
    >>> satisfaction_rate(items, level="item")
    taste    0.75
    speed    0.50
    dtype: float64
    >>> satisfaction_rate(items, level="answer")  # 5 of 8 answers — not customers
    0.625
    """
    require_choice(level, name="level", choices=("customer", "item", "answer"))
    if level == "customer":
        flags = satisfied_customers(scores, rule=rule, top_box=top_box, scale_max=scale_max,
                                    threshold=threshold)
        return float(flags.dropna().astype(bool).mean())
    t, k = _threshold(top_box, scale_max, threshold)
    x, _, cols = _score_matrix(scores, k)
    answered = ~np.isnan(x)
    with np.errstate(invalid="ignore"):
        hit = (x >= t) & answered
    if level == "answer":
        return float(hit.sum() / answered.sum())
    counts = answered.sum(axis=0)
    empty = [c for c, n in zip(cols or ["scores"], counts, strict=True) if n == 0]
    if empty:
        raise ValueError(f"Item(s) {_show(empty)} have no answers at all (every value is missing).")
    rates = hit.sum(axis=0) / counts
    if cols is None:
        return float(rates[0])
    return pd.Series(rates, index=cols, dtype=float)


def _scale_pair(scale: Any) -> tuple[float, float]:
    if not isinstance(scale, Sequence) or isinstance(scale, str) or len(scale) != 2:
        raise TypeError(f"`scale` must be (lowest, highest), e.g. (1, 5), but got {scale!r}.")
    low, high = (as_number(v, name="scale") for v in scale)
    if not low < high:
        raise ValueError(f"`scale` must be (lowest, highest) with lowest < highest, but is {scale!r}.")
    return low, high


def _to_index(mean: float | pd.Series, low: float, high: float, method: str) -> Any:
    if method == "mean":
        return mean
    return to_100(mean, scale=(low, high), method=method)


def satisfaction_index(
    df: pd.DataFrame,
    weights: Mapping[str, float] | pd.Series | None = None,
    *,
    scale: tuple[float, float] = (1, 5),
    method: str = "mean",
) -> float:
    """Satisfaction index by the weighted-average method (加权平均法) of the textbook.

    .. math::
        \\text{Index} = \\sum_j w_j\\,\\bar x_j \\quad (\\textstyle\\sum_j w_j = 1), \\qquad
        \\text{range: } \\frac{\\text{Index} - 1}{k - 1}\\cdot 100, \\quad
        \\text{max: } \\frac{\\text{Index}}{k}\\cdot 100

    ``method="mean"`` (default) gives the textbook's number on the answer scale, e.g. 4.12
    of 5. The 0–100 conversions are the kit's extension (with ``scale=(1, k)``; in general
    ``range`` uses (mean − low)/(high − low)): ``"range"`` gives 0 for "all dissatisfied",
    ``"max"`` gives 20 on a 5-point scale — say which you report. Weights may come from any
    method of :mod:`coursekit.weights`; for indicators in several levels use
    :func:`coursekit.indicators.rollup_index`.

    Parameters
    ----------
    df : DataFrame
        One column per item, one row per respondent; scores within ``scale``. Missing
        answers are left out of that item's mean.
    weights : mapping or Series, optional
        Item → importance weight (normalised to sum 1). ``None`` weights items equally.
    scale : (low, high), default (1, 5)
    method : {"mean", "range", "max"}, default "mean"

    Returns
    -------
    float
        On the answer scale (``"mean"``) or on 0–100 (``"range"``, ``"max"``).

    Examples
    --------
    >>> df = pd.DataFrame({"taste": [5, 4, 4], "price": [3, 2, 4]})
    >>> w = {"taste": 0.6, "price": 0.4}
    >>> round(satisfaction_index(df, w), 2)  # 0.6 · 4.33 + 0.4 · 3 (textbook, on 1–5)
    3.8
    >>> round(satisfaction_index(df, w, method="range"), 1), round(satisfaction_index(df, w, method="max"), 1)
    (70.0, 76.0)
    """
    require_frame(df, name="df")
    require_choice(method, name="method", choices=("mean", "range", "max"))
    low, high = _scale_pair(scale)
    if weights is None:
        w = pd.Series(1.0 / df.shape[1], index=df.columns)
    else:
        w = require_weights(weights, name="weights")
    cols = require_columns(df, list(w.index), name="df")
    values = numeric_matrix(df, cols, name="df")
    _check_scale_values(values, low, high, "df")
    means = pd.Series(_col_means(values, cols), index=cols)
    mean = float(np.clip((means * w[cols]).sum(), low, high))
    return float(_to_index(mean, low, high, method))


def _col_means(values: np.ndarray, cols: list[str]) -> np.ndarray:
    missing = np.isnan(values)
    if len(values) and not missing.any():  # complete answers: a plain mean
        return values.sum(axis=0) / len(values)
    counts = len(values) - missing.sum(axis=0)
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
    """Per item: answers, mean, 0–100 index and satisfaction rate, side by side.

    ``mean`` is the textbook's item score; ``index`` its 0–100 conversion (``method``);
    ``rate`` the share of customers satisfied with the item (top ``top_box`` boxes). Useful
    to see why a *rate* and an *index* rank items differently: the rate only counts answers
    in the top boxes, the index uses every answer.

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
    values = numeric_matrix(df, cols, name="df")
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
        "rate": satisfaction_rate(df, top_box=top_box, scale_max=int(high), level="item"),
    })


#: The satisfaction measurement workflow (满意度测评工作流程) in the order the course texts
#: list it, with where each step lives in the kit (function or chapter 04 section).
WORKFLOW: tuple[tuple[str, str, str], ...] = (
    ("确定测评指标并量化", "choose the indicators and quantify them (scale, weights)",
     "§2 scales: to_scores, SCALES['textbook5']; §4 weights: coursekit.weights; "
     "indicators.indicator_tree"),
    ("确定被测评对象", "decide whose satisfaction is measured (members, all visitors, lost customers)",
     "§1 and the data set cards (coffee_survey: 600 members)"),
    ("抽样设计", "design the sample: how many, drawn how", "§1 sample_size"),
    ("问卷设计", "design the questionnaire: questions, scale, order", "§2 scales; §12 New Coke"),
    ("实施调查", "run the survey (问卷星 / 问卷网 link, QR code, interviews)",
     "§3 the 问卷星 exports in datasets/exports"),
    ("汇总整理", "collect and clean the answers", "§3 read_survey, split_multi, to_scores"),
    ("计算顾客满意度指数", "compute the satisfaction rate and index",
     "§4 satisfaction_rate, satisfaction_index, indicators.rollup_index"),
    ("分析评价", "analyse and evaluate: per item, reliability, priorities, benchmarks",
     "§4 item_summary; §5 cronbach_alpha; §6 ipa; §7 benchmarking.compare_means"),
    ("编写顾客满意度指数测评报告", "write the satisfaction index report", "§10 the one-page report"),
    ("改进建议和措施", "propose improvements and act on them, then measure again",
     "§6 'concentrate here'; §8 excellence.scorecard weakest items"),
)


def measurement_workflow() -> pd.DataFrame:
    """The ten steps of a satisfaction study as the course texts list them, with the kit's tools.

    Examples
    --------
    >>> wf = measurement_workflow()
    >>> len(wf), wf.loc[8, "step"]
    (10, '分析评价')
    """
    return pd.DataFrame(WORKFLOW, columns=["step", "what", "in the kit"],
                        index=pd.RangeIndex(1, len(WORKFLOW) + 1, name="no."))


def _items_matrix(items: pd.DataFrame, name: str = "items") -> np.ndarray:
    require_frame(items, name=name)
    if items.shape[1] < 2:
        raise ValueError(
            f"`{name}` needs at least 2 item columns for a reliability coefficient, but has "
            f"{items.shape[1]}: {_show(list(items.columns))}."
        )
    if not all(t.kind in "fiu" for t in items.dtypes):  # the column-by-column messages
        require_numeric(items, list(items.columns), name=name, allow_nan=True)
    x = items.to_numpy(dtype=float, na_value=np.nan)
    if not np.isfinite(x).all():
        if np.isinf(x).any():
            require_numeric(items, list(items.columns), name=name, allow_nan=True)
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
    if standardized:
        var = x.var(axis=0, ddof=1)
        if (var == 0).any():
            const = [c for c, v in zip(items.columns, var, strict=True) if v == 0]
            raise ValueError(f"Item(s) {_show(const)} have the same answer for everyone; "
                             "their correlation is undefined. Drop them.")
        r = np.corrcoef(x, rowvar=False)
        rbar = (r.sum() - k) / (k * (k - 1))
        return float(k * rbar / (1 + (k - 1) * rbar))
    cov = np.cov(x, rowvar=False)  # one pass: item variances and the total's variance
    total_var = cov.sum()
    if total_var <= 1e-12 * max(np.trace(cov), 1e-300):
        raise ValueError("Every respondent has the same total score; alpha is undefined.")
    return float(k / (k - 1) * (1 - np.trace(cov) / total_var))


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
    x = _items_matrix(items)
    if items.shape[1] < 3:
        raise ValueError("alpha_if_deleted needs at least 3 items (2 must remain).")
    if len(x) < len(items):
        # rows with gaps: leaving an item out can bring rows back, so each alpha is its own
        return pd.Series(
            {c: cronbach_alpha(items.drop(columns=c), standardized=standardized)
             for c in items.columns}, dtype=float,
        )
    # complete answers: one covariance (or correlation) matrix serves every item
    k = x.shape[1]
    var = x.var(axis=0, ddof=1)
    if standardized:
        with np.errstate(invalid="ignore", divide="ignore"):
            m = np.corrcoef(x, rowvar=False)
    else:
        m = np.cov(x, rowvar=False)
    out = {}
    total, diag = m.sum(), np.trace(m)
    for i, c in enumerate(items.columns):
        sub_total = total - 2 * m[i].sum() + m[i, i]  # sum of the matrix without item i
        sub_diag = diag - m[i, i]
        if standardized:
            const = [items.columns[j] for j in np.flatnonzero(var == 0) if j != i]
            if const:
                raise ValueError(f"Item(s) {_show(const)} have the same answer for everyone; "
                                 "their correlation is undefined. Drop them.")
            n = k - 1
            rbar = (sub_total - n) / (n * (n - 1))
            out[c] = n * rbar / (1 + (n - 1) * rbar)
        else:
            if sub_total <= 1e-12 * max(sub_diag, 1e-300):
                raise ValueError(
                    "Every respondent has the same total score; alpha is undefined.")
            out[c] = (k - 1) / (k - 2) * (1 - sub_diag / sub_total)
    return pd.Series(out, dtype=float)


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
        return pd.Series(_col_means(numeric_matrix(x, list(x.columns), name=name),
                                    list(x.columns)),
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


def plot_driver(data: pd.DataFrame, driver: str, outcome: str, *, ax: Axes | None = None,
                title: str | None = None, jitter: float | None = None) -> Axes:
    """A satisfaction driver against the outcome it should move: points, the fitted line and
    its 95 % confidence band (seaborn ``regplot``), slope and correlation in the title.

    Answers on a rating scale sit on a few values, so the points are jittered a little
    (``jitter``, default 0.15 when ``driver`` holds whole numbers; the line is fitted on the
    real values).

    Examples
    --------
    >>> df = pd.DataFrame({"speed": [1, 2, 3, 4, 5, 3, 4], "overall": [2, 2, 3, 4, 5, 3, 5]})
    >>> plot_driver(df, "speed", "overall").get_title()[:26]
    'Driver: overall over speed'
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    from .plotting import colour, label

    require_frame(data, name="data")
    require_numeric(data, [driver, outcome], name="data", allow_nan=True)
    pair = data[[driver, outcome]].astype(float).dropna()
    if len(pair) < 3 or pair[driver].nunique() < 2:
        raise ValueError(f"`data` needs at least 3 rows with both {driver!r} and {outcome!r} "
                         f"and more than one value of {driver!r}; it has {len(pair)}.")
    if jitter is None:
        jitter = 0.15 if (pair[driver] % 1 == 0).all() else 0.0
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5))
    sns.regplot(data=pair, x=driver, y=outcome, ax=ax, x_jitter=jitter, y_jitter=jitter,
                seed=0, scatter_kws={"color": colour("main"), "alpha": 0.35, "s": 18},
                line_kws={"color": colour("accent"), "lw": 2.5})
    slope = float(np.polyfit(pair[driver], pair[outcome], 1)[0])
    r = float(pair[driver].corr(pair[outcome]))
    label(ax, title={"en": f"Driver: {outcome} over {driver} (slope {slope:.2f}, r = {r:.2f})",
                     "zh": f"驱动因素：{driver} 对 {outcome}（斜率 {slope:.2f}，r = {r:.2f}）"}
          if title is None else title,
          x={"en": f"{driver} (driver)", "zh": f"{driver}（驱动因素）"},
          y={"en": f"{outcome} (outcome)", "zh": f"{outcome}（结果）"})
    return ax


def plot_ipa(result: pd.DataFrame, *, ax: Axes | None = None, title: str | None = None,
             scale_label: str | None = None) -> Axes:
    """Draw an :func:`ipa` result: performance across, importance up, crosshair lines.

    Returns the matplotlib ``Axes``.

    Examples
    --------
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
    from ._lang import pick
    from .plotting import colour

    title = pick({"en": "Importance–performance map", "zh": "重要性–绩效分析图"}) \
        if title is None else title
    scale_label = pick({"en": "mean rating, 1–5", "zh": "平均评分，1–5"}) \
        if scale_label is None else scale_label
    colours = {"concentrate here": colour("accent"), "keep up the good work": colour("good"),
               "low priority": colour("muted"), "possible overkill": colour("main")}
    for q, part in result.groupby("quadrant", sort=False):
        ax.scatter(part["performance"], part["importance"], s=80, color=colours.get(q),
                   label=pick({"en": q, "zh": QUADRANTS.get(q, q)}))
    for name, row in result.iterrows():
        ax.annotate(str(name), (row["performance"], row["importance"]),
                    xytext=(5, 4), textcoords="offset points")
    x_imp, x_perf = result.attrs.get("crosshair", (result["importance"].mean(),
                                                   result["performance"].mean()))
    ax.axhline(x_imp, color=colour("reference"), lw=1, ls="--")
    ax.axvline(x_perf, color=colour("reference"), lw=1, ls="--")
    ax.set(title=title,
           xlabel=pick({"en": f"Performance (satisfaction, {scale_label})",
                        "zh": f"绩效（满意度，{scale_label}）"}),
           ylabel=pick({"en": f"Importance ({scale_label})", "zh": f"重要性（{scale_label}）"}))
    ax.legend(loc="best", fontsize="small")
    return ax


# --------------------------------------------------------------------------------------
# NPS, sample size, loyalty zones
# --------------------------------------------------------------------------------------


def _nps_array(scores: Any) -> np.ndarray:
    arr = as_numeric_array(scores, name="scores", allow_nan=True)
    if np.isnan(arr).any():
        arr = arr[~np.isnan(arr)]
    if len(arr) == 0:
        raise ValueError("`scores` holds no answers (all missing); NPS needs answers 0–10.")
    if arr.min() >= 0 and arr.max() <= 10 and (arr == arr.astype(np.int8)).all():
        return arr  # the usual case, checked in three passes
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
    counts = np.bincount(arr.astype(np.int64), minlength=11)
    pro, det = float(counts[9:].sum() / len(arr)), float(counts[:7].sum() / len(arr))
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
