"""Value dimensions and customer grading (客户分级): ABC, weighted scores, AHP, a grading matrix
with deciding (一票决定制) and disqualifying (一票否决制) rules, the customer pyramid and RFM.

Every function takes a table (or numbers) and returns a *new* table, Series or number; the
caller's data is never changed.

Two RFM conventions — students mix them up, so both are here, side by side:

==================  ===============================  ======================================
                    :func:`rfm` (segmentation)       :func:`rfm_summary` (modelling)
==================  ===============================  ======================================
recency             days from the *last* purchase    time from the *first* to the *last*
                    to ``as_of`` (small = good)      purchase (large = good; 0 if one visit)
frequency           number of purchases (all rows)   number of *repeat* purchase periods
                                                     (distinct days, or weeks, minus one)
monetary            total spend (or mean, say which) mean spend of the repeat periods only
T (age)             —                                first purchase to ``observation_end``
used for            scores 1–5, segments, actions    BG/NBD, Pareto/NBD, Gamma-Gamma (CLV)
==================  ===============================  ======================================

:func:`rfm_summary` gives the same numbers as ``summary_data_from_transaction_data`` of the
``lifetimes`` package (and pymc-marketing's ``rfm_summary``), without depending on it.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from ._fast import group_codes as _codes
from ._lang import pick
from ._validate import (
    as_date,
    as_number,
    as_whole,
    require_columns,
    require_datetime,
    require_frame,
    require_numeric,
    require_weights,
)
from .weights import RANDOM_INDEX, AHPResult, ahp_weights  # moved to weights; kept here

__all__ = [
    "ABC_GRID",
    "RANDOM_INDEX",
    "RFM_SEGMENTS",
    "AHPResult",
    "abc",
    "abc_matrix",
    "ahp_weights",
    "grade_matrix",
    "grade_summary",
    "pareto_chart",
    "pyramid",
    "rfm",
    "rfm_scores",
    "rfm_summary",
    "weighted_score",
]

#: The eight RFM segments of the Chinese CRM textbooks (客户价值 RFM 八分类): "high" means a
#: score above the middle of the scale. Columns: R, F, M high?, name, 中文, suggested action,
#: the action in Chinese (``action_zh``: select it instead of ``action`` in the Chinese edition).
RFM_SEGMENTS = pd.DataFrame(
    [
        (True, True, True, "Important value", "重要价值客户",
         "keep: VIP service, early access, ask for referrals",
         "保持：VIP 服务、新品优先体验、请他们推荐新客户"),
        (True, False, True, "Important development", "重要发展客户",
         "raise frequency: membership, bundles, reminders",
         "提高消费频率：会员计划、套餐组合、消费提醒"),
        (False, True, True, "Important retention", "重要保持客户",
         "contact now: personal call or visit before they drift away",
         "立即联系：趁他们还没流失，亲自打电话或上门拜访"),
        (False, False, True, "Important win-back", "重要挽留客户",
         "win back: find out why they left, targeted offer",
         "挽回：弄清他们离开的原因，给出有针对性的优惠"),
        (True, True, False, "General value", "一般价值客户",
         "raise basket: cross-sell and up-sell",
         "提高客单价：交叉销售和追加销售"),
        (True, False, False, "General development", "一般发展客户",
         "nurture new customers: welcome series, second-visit coupon",
         "培育新客户：发送欢迎系列信息、再次光临优惠券"),
        (False, True, False, "General retention", "一般保持客户",
         "low-cost reminders, loyalty points",
         "低成本提醒、会员积分"),
        (False, False, False, "General win-back", "一般挽留客户",
         "low priority: automated messages only, watch the cost",
         "低优先级：只发自动消息，注意控制成本"),
    ],
    columns=["r_high", "f_high", "m_high", "segment", "segment_zh", "action", "action_zh"],
)

_OPS = {
    ">=": np.greater_equal,
    ">": np.greater,
    "<=": np.less_equal,
    "<": np.less,
    "==": np.equal,
}


# ----------------------------------------------------------------------------- helpers
def _kw_str(value: Any, *, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"`{name}` must be a column name (text), but got {value!r}.")
    return value


def _cuts(cuts: Any, *, name: str, low: float | None = None, high: float | None = None,
          min_len: int = 1) -> np.ndarray:
    if isinstance(cuts, (str, bytes)) or not isinstance(cuts, Iterable):
        raise TypeError(
            f"`{name}` must be a list of numbers such as (0.8, 0.95), but got {cuts!r}."
        )
    vals = np.array([as_number(c, name=name) for c in cuts], dtype=float)
    if len(vals) < min_len:
        raise ValueError(f"`{name}` needs at least {min_len} number(s), but got {list(cuts)!r}.")
    if len(vals) > 1 and not (np.diff(vals) > 0).all():
        raise ValueError(
            f"`{name}` must be strictly increasing, e.g. (0.8, 0.95), but got {list(cuts)!r}."
        )
    if low is not None and high is not None and ((vals <= low) | (vals >= high)).any():
        pct = " They look like percentages: divide by 100." if (vals > 1).all() else ""
        raise ValueError(
            f"`{name}` must lie strictly between {low:g} and {high:g}, but got "
            f"{list(cuts)!r}.{pct}"
        )
    return vals


def _small_int_range(values: np.ndarray) -> tuple[int, int] | None:
    """(min, max) when ``values`` are whole numbers in a range small enough to count."""
    if values.dtype.kind in "iu" and len(values):
        lo, hi = int(values.min()), int(values.max())
        if hi - lo <= 4 * len(values) + 1000:
            return lo, hi
    return None


def _count_smaller(values: np.ndarray) -> np.ndarray:
    """For each value, how many values are strictly smaller (ties count as equal)."""
    span = _small_int_range(values)
    if span is not None:  # whole numbers in a small range: count them, no sort
        offset = values - span[0]
        counts = np.bincount(offset, minlength=span[1] - span[0] + 1)
        return (np.cumsum(counts) - counts)[offset]
    n = len(values)
    order = np.argsort(values)
    ordered = values[order]
    starts = np.ones(n, dtype=bool)
    starts[1:] = ordered[1:] != ordered[:-1]
    first = np.maximum.accumulate(np.where(starts, np.arange(n), 0))  # start of each tie group
    out = np.empty(n, dtype=np.int64)
    out[order] = first
    return out


def _count_larger(values: np.ndarray) -> np.ndarray:
    """For each value, how many values are strictly larger (ties count as equal)."""
    flipped = -values if values.dtype.kind != "u" else values.max() - values
    return _count_smaller(flipped)


# ----------------------------------------------------------------------------- ABC
def abc(
    df: pd.DataFrame,
    value: str,
    *,
    cuts: Sequence[float] = (0.8, 0.95),
    labels: Sequence[str] = ("A", "B", "C"),
    rule: str = "within",
) -> pd.DataFrame:
    """ABC grading on the cumulative share of value (the Pareto table).

    Customers are sorted from the largest to the smallest ``value``; each gets its share of
    the total and the cumulative share. With the default ``cuts=(0.8, 0.95)`` the customers
    making up the first 80 % of value are A, the next 15 % B and the last 5 % C.

    Parameters
    ----------
    df : DataFrame
        One row per customer.
    value : str
        Column with the value to grade on (sales, profit …); must be ≥ 0.
    cuts : sequence of float, keyword-only
        Increasing cumulative shares in (0, 1) that close each grade but the last.
    labels : sequence of str, keyword-only
        Grade names, one more than ``cuts``.
    rule : {"within", "crossing"}, keyword-only
        ``"within"`` (the Excel way): a customer is A when its cumulative share is ≤ 80 %.
        ``"crossing"``: the customer whose value *crosses* 80 % is also A (so the top customer
        is always A, even if it alone holds more than 80 %).

    Returns
    -------
    DataFrame
        A copy of ``df`` sorted by ``value`` (largest first, original index kept) with new
        columns ``rank`` (1 = largest), ``share``, ``cum_share`` and ``grade`` (ordered
        categorical).

    Raises
    ------
    ValueError
        Missing column, text or NaN in ``value``, negative values, a zero total, bad cuts.

    Examples
    --------
    >>> df = pd.DataFrame({"customer": list("abcde"), "sales": [10, 50, 5, 30, 5]})
    >>> out = abc(df, "sales")
    >>> out[["customer", "cum_share", "grade"]]
      customer  cum_share grade
    1        b       0.50     A
    3        d       0.80     A
    0        a       0.90     B
    2        c       0.95     B
    4        e       1.00     C
    """
    require_frame(df)
    value = _kw_str(value, name="value")
    require_numeric(df, [value], nonnegative=True)
    cut = _cuts(cuts, name="cuts", low=0.0, high=1.0)
    labels = list(labels)
    if len(labels) != len(cut) + 1:
        raise ValueError(
            f"`labels` needs {len(cut) + 1} names for {len(cut)} cut(s), but got {labels!r}."
        )
    if rule not in ("within", "crossing"):
        raise ValueError(f"`rule` must be 'within' or 'crossing', but is {rule!r}.")
    total = float(df[value].sum())
    if total <= 0:
        raise ValueError(
            f"Column {value!r} adds up to {total:g}: there is no value to share out. "
            "Check that you picked the right column."
        )
    out = df.sort_values(value, ascending=False, kind="stable").copy()
    v = out[value].to_numpy(dtype=float)
    share = v / total
    cum = np.cumsum(share)
    cum[-1] = 1.0
    basis = cum if rule == "within" else cum - share
    tol = 1e-9
    side_idx = np.searchsorted(cut + (tol if rule == "within" else -tol), basis,
                               side="left" if rule == "within" else "right")
    out["rank"] = np.arange(1, len(out) + 1)
    out["share"] = share
    out["cum_share"] = cum
    out["grade"] = pd.Categorical(np.asarray(labels, dtype=object)[side_idx],
                                  categories=labels, ordered=True)
    return out


#: The usual 3 × 3 grid for two ABC gradings (rows: second dimension A, B, C from the top;
#: columns: first dimension C, B, A from the left) — the same layout as :func:`grade_matrix`.
ABC_GRID = (("B", "A", "A"),
            ("C", "B", "A"),
            ("C", "C", "B"))


def abc_matrix(
    df: pd.DataFrame,
    *,
    x: str,
    y: str,
    cuts: Sequence[float] = (0.8, 0.95),
    table: Sequence[Sequence[str]] = ABC_GRID,
    rule: str = "within",
) -> pd.DataFrame:
    """ABC grading on two dimensions (e.g. 成交额 and 发展潜力), combined in a grid.

    The textbook's ABC management grades customers "mainly by transaction volume and
    development potential": each dimension is first graded A/B/C on its own cumulative share
    (:func:`abc`, same ``cuts`` for both), then the pair of grades is looked up in ``table``.

    Parameters
    ----------
    df : DataFrame
        One row per customer.
    x, y : str, keyword-only
        The two value columns (≥ 0), e.g. ``x="revenue"`` (成交额) and ``y="potential"``
        (发展潜力).
    cuts : sequence of float, keyword-only
        Cumulative-share cuts of both ABC gradings (default 80 % / 95 %).
    table : 3 × 3 grid of str, keyword-only
        Drawn as on paper: rows = ``y`` grade A (top), B, C; columns = ``x`` grade C (left),
        B, A. Default :data:`ABC_GRID`: AA, AB and BA → A; AC, BB, CA → B; the rest → C.
    rule : {"within", "crossing"}, keyword-only
        Passed to :func:`abc`.

    Returns
    -------
    DataFrame
        A copy of ``df`` (original order) with ``x_grade`` and ``y_grade`` (the two ABC
        grades) and the combined ``grade``.

    Examples
    --------
    >>> df = pd.DataFrame({"revenue": [50, 30, 10, 5, 5], "potential": [2, 40, 5, 50, 3]})
    >>> abc_matrix(df, x="revenue", y="potential")
       revenue  potential x_grade y_grade grade
    0       50          2       A       C     B
    1       30         40       A       B     A
    2       10          5       B       B     B
    3        5         50       B       A     A
    4        5          3       C       C     C
    """
    grid = [list(row) for row in table]
    if len(grid) != 3 or any(len(r) != 3 for r in grid):
        raise ValueError(
            "`table` must be 3 rows (y grade A, B, C from the top) of 3 grades (x grade C, B, "
            f"A from the left), but has {len(grid)} rows of lengths {[len(r) for r in grid]}."
        )
    gx = abc(df, x, cuts=cuts, rule=rule)["grade"].reindex(df.index)
    gy = abc(df, y, cuts=cuts, rule=rule)["grade"].reindex(df.index)
    col = {"C": 0, "B": 1, "A": 2}
    row = {"A": 0, "B": 1, "C": 2}
    out = df.copy()
    out["x_grade"] = gx.astype(str).to_numpy()
    out["y_grade"] = gy.astype(str).to_numpy()
    out["grade"] = [grid[row[b]][col[a]] for a, b in zip(out["x_grade"], out["y_grade"],
                                                          strict=True)]
    return out


def pareto_chart(
    df: pd.DataFrame,
    value: str,
    *,
    cuts: Sequence[float] = (0.8, 0.95),
    ax: Any = None,
    title: str | None = None,
    value_label: str = "value",
) -> Any:
    """Deprecated: use :func:`coursekit.value.plot_concentration` (the one Pareto-curve helper).

    ``pareto_chart(df, "sales", value_label="sales")`` is
    ``plot_concentration(df["sales"], value_name="sales", cuts=(0.8, 0.95))``.
    """
    import warnings

    from .value import plot_concentration

    warnings.warn(pick({
        "en": "pareto_chart() is now coursekit.value.plot_concentration(df[value], "
              "value_name=..., cuts=...); the old name will be removed.",
        "zh": "pareto_chart() 已改为 coursekit.value.plot_concentration(df[value], "
              "value_name=..., cuts=...)；旧名称将被删除。"}),
                  DeprecationWarning, stacklevel=2)
    frame = require_frame(df, name="df")
    require_columns(frame, [value], name="df")
    return plot_concentration(frame[value], ax=ax, value_name=value_label, cuts=cuts,
                              title=title or f"Pareto curve of {value_label}")


pareto_chart.__deprecated__ = "coursekit.value.plot_concentration"


# ----------------------------------------------------------------------------- scores
def weighted_score(
    df: pd.DataFrame,
    weights: Mapping[str, float] | pd.Series,
    *,
    normalize: str = "minmax",
    lower_is_better: Iterable[str] = (),
) -> pd.Series:
    """Weighted score over several value dimensions (加权评分).

    Each criterion is first put on a common scale, then multiplied by its weight (weights
    are rescaled to sum to 1) and added up.

    Parameters
    ----------
    df : DataFrame
        One row per customer; one numeric column per criterion.
    weights : mapping or Series
        ``{column: weight}``; weights ≥ 0, not all zero (they are rescaled to sum to 1).
    normalize : {"minmax", "zscore", "max", "none"}, keyword-only
        ``"minmax"``: (x − min) / (max − min), 0 = worst, 1 = best (a constant column gives
        0.5 to everyone). ``"zscore"``: (x − mean) / standard deviation (sample, ddof = 1,
        like Excel's STANDARDIZE with STDEV). ``"max"``: x / max (needs x ≥ 0). ``"none"``:
        the raw numbers (only sensible when all criteria share one unit).
    lower_is_better : iterable of str, keyword-only
        Criteria where less is better (payment days, complaints, cost to serve). They are
        reversed: minmax gives 1 − scaled, zscore the negative, max gives min / x, none the
        negative.

    Returns
    -------
    Series
        ``score`` per row, same index as ``df``.

    Examples
    --------
    >>> df = pd.DataFrame({"sales": [100, 300, 200], "payment_days": [30, 90, 60]})
    >>> weighted_score(df, {"sales": 0.6, "payment_days": 0.4},
    ...                lower_is_better=["payment_days"])
    0    0.4
    1    0.6
    2    0.5
    Name: score, dtype: float64
    """
    require_frame(df)
    w = require_weights(weights)
    cols = [str(c) for c in w.index]
    require_numeric(df, cols)
    if normalize not in ("minmax", "zscore", "max", "none"):
        raise ValueError(
            f"`normalize` must be 'minmax', 'zscore', 'max' or 'none', but is {normalize!r}."
        )
    if isinstance(lower_is_better, str):
        lower_is_better = [lower_is_better]
    lower = set(lower_is_better)
    unknown = lower - set(cols)
    if unknown:
        raise ValueError(
            f"`lower_is_better` names {sorted(unknown)!r}, which are not in `weights` "
            f"({cols!r}). Give only criteria that you also weight."
        )
    total = pd.Series(0.0, index=df.index, name="score")
    for col in cols:
        x = df[col].astype(float)
        if normalize == "minmax":
            span = x.max() - x.min()
            z = (x - x.min()) / span if span > 0 else pd.Series(0.5, index=x.index)
            z = 1 - z if col in lower else z
        elif normalize == "zscore":
            sd = x.std(ddof=1)
            z = (x - x.mean()) / sd if len(x) > 1 and sd > 0 else x * 0.0
            z = -z if col in lower else z
        elif normalize == "max":
            if (x < 0).any():
                raise ValueError(
                    f"normalize='max' needs values ≥ 0, but column {col!r} has negatives. "
                    "Use normalize='minmax' instead."
                )
            if col in lower:
                if (x <= 0).any():
                    raise ValueError(
                        f"Column {col!r} has zeros; normalize='max' with lower_is_better "
                        "divides by it. Use normalize='minmax' instead."
                    )
                z = x.min() / x
            else:
                z = x / x.max() if x.max() > 0 else x * 0.0
        else:
            z = -x if col in lower else x
        total = total + w[col] * z
    return total.rename("score")


# ----------------------------------------------------------------------------- matrix
Rule = tuple[str, str, float, str]


def _rules(rules: Any, df: pd.DataFrame, *, name: str, example: str) -> list[Rule]:
    if rules is None:
        return []
    if isinstance(rules, tuple) and len(rules) == 4 and isinstance(rules[0], str):
        rules = [rules]
    if isinstance(rules, (str, bytes)) or not isinstance(rules, Iterable):
        raise TypeError(
            f"`{name}` must be a list of rules (column, operator, threshold, grade), e.g. "
            f"[{example}], but got {rules!r}."
        )
    out = []
    for rule in rules:
        if not (isinstance(rule, (tuple, list)) and len(rule) == 4):
            raise TypeError(
                f"Each `{name}` rule must be (column, operator, threshold, grade), e.g. "
                f"{example}, but got {rule!r}."
            )
        col, op, thr, grade = rule
        require_numeric(df, [col])
        if op not in _OPS:
            raise ValueError(
                f"The `{name}` rule operator must be one of {list(_OPS)}, but got {op!r} in "
                f"{rule!r}."
            )
        out.append((col, op, as_number(thr, name=f"{name} threshold"), str(grade)))
    return out


def grade_matrix(
    df: pd.DataFrame,
    *,
    x: str,
    y: str,
    x_cuts: Sequence[float],
    y_cuts: Sequence[float],
    table: Sequence[Sequence[str]],
    decide: Sequence[Rule] | Rule | None = None,
    disqualify: Sequence[Rule] | Rule | None = None,
    order: Sequence[str] | None = None,
    veto: Sequence[Rule] | Rule | None = None,
) -> pd.DataFrame:
    """Two-dimensional grading grid with deciding and disqualifying rules (二维分级矩阵).

    Each customer falls into a band of ``x`` and a band of ``y`` (a value equal to a cut
    belongs to the upper band); the grid ``table`` gives the grade for each pair of bands.
    Then two kinds of one-criterion rules may override the grid — they do opposite things,
    so they have different names:

    * ``decide`` — **一票决定制** (one criterion decides, *promotes*): a customer meeting the
      rule gets the rule's grade whatever the grid says. Brightline Advertising: a client
      bringing 10 million CNY a year or more is A — ``("revenue", ">=", 10, "A")``. The first
      matching rule wins.
    * ``disqualify`` — **一票否决制** (one criterion vetoes, *caps*): a customer meeting the
      rule can be *at most* the rule's grade, however good the rest. A client with a payment
      default can never be A — ``("payment_defaults", ">=", 1, "B")``. The strictest
      matching cap wins, and a cap applies after the deciding rules (a veto beats a
      promotion).

    Parameters
    ----------
    df : DataFrame
        One row per customer.
    x, y : str, keyword-only
        Numeric columns for the horizontal and vertical dimension.
    x_cuts, y_cuts : sequence of float, keyword-only
        Increasing cut points; k cuts make k + 1 bands.
    table : list of lists of str, keyword-only
        The grid *as you draw it*: first row = highest ``y`` band (top), last row = lowest;
        columns from the lowest ``x`` band (left) to the highest (right).
    decide : list of (column, operator, threshold, grade), keyword-only
        Deciding rules (一票决定): meeting one sets the grade. Operators: ``>=``, ``>``,
        ``<=``, ``<``, ``==``. One rule may be given as a bare tuple.
    disqualify : list of (column, operator, threshold, grade), keyword-only
        Disqualifying rules (一票否决): meeting one caps the grade at the rule's grade.
    order : sequence of str, keyword-only
        Grades from best to worst, needed to compare grades for ``disqualify``. Default: all
        grades of ``table`` and the rules in alphabetical order (A best).
    veto : list of rules, keyword-only
        **Deprecated** old name of ``decide`` (it promoted, which 一票否决 does not mean);
        still works as before for saved notebooks, with a ``DeprecationWarning``, and adds the
        old ``veto_rule`` column.

    Returns
    -------
    DataFrame
        A copy of ``df`` with ``x_band`` and ``y_band`` (0 = lowest), ``matrix_grade``,
        ``decide_rule`` and ``disqualify_rule`` (the rule that applied, or "") and the
        final ``grade``.

    Raises
    ------
    ValueError
        Missing or non-numeric columns, bad cuts, a table of the wrong shape, a malformed
        rule, a grade missing from ``order``, both ``veto`` and ``decide``.

    Examples
    --------
    >>> df = pd.DataFrame({"revenue": [2, 6, 12, 3, 15], "influence": [90, 20, 10, 40, 95],
    ...                    "defaults": [0, 0, 0, 0, 1]})
    >>> out = grade_matrix(df, x="revenue", y="influence", x_cuts=[5], y_cuts=[50],
    ...                    table=[["B", "A"],
    ...                           ["C", "B"]],
    ...                    decide=[("revenue", ">=", 10, "A")],
    ...                    disqualify=[("defaults", ">=", 1, "B")])
    >>> out[["matrix_grade", "decide_rule", "disqualify_rule", "grade"]]
      matrix_grade    decide_rule disqualify_rule grade
    0            B                                    B
    1            B                                    B
    2            B  revenue >= 10                     A
    3            C                                    C
    4            A  revenue >= 10   defaults >= 1     B
    """
    require_frame(df)
    x = _kw_str(x, name="x")
    y = _kw_str(y, name="y")
    require_numeric(df, [x, y])
    xc = _cuts(x_cuts, name="x_cuts", min_len=0)
    yc = _cuts(y_cuts, name="y_cuts", min_len=0)
    if isinstance(table, (str, bytes)) or not isinstance(table, Sequence | np.ndarray):
        raise TypeError("`table` must be a list of rows, e.g. [['B', 'A'], ['C', 'B']].")
    grid = [list(row) for row in table]
    shape = (len(yc) + 1, len(xc) + 1)
    if len(grid) != shape[0] or any(len(r) != shape[1] for r in grid):
        found = f"{len(grid)} rows of lengths {[len(r) for r in grid]}"
        raise ValueError(
            f"`table` must have {shape[0]} rows (one per y band, {len(yc)} y cut(s) + 1) of "
            f"{shape[1]} grades each (one per x band), but has {found}."
        )
    if veto is not None:
        if decide is not None:
            raise ValueError(
                "Give the promoting rules once, as `decide=` (`veto=` is its old name); "
                "both were given."
            )
        warnings.warn(
            pick({
                "en": "grade_matrix(veto=...) is deprecated: a rule that promotes a customer "
                      "is a deciding rule (一票决定制), so write decide=[...]. A rule that keeps "
                      "a customer out of a grade (一票否决) is disqualify=[...].",
                "zh": "grade_matrix(veto=...) 已弃用：把客户升入某一等级的规则是一票决定制，"
                      "请写 decide=[...]。把客户挡在某一等级之外的规则才是一票否决制，"
                      "请写 disqualify=[...]。",
            }),
            DeprecationWarning,
            stacklevel=2,
        )
        decide = veto
    dec = _rules(decide, df, name="veto" if veto is not None else "decide",
                 example="('revenue', '>=', 10, 'A')")
    dis = _rules(disqualify, df, name="disqualify", example="('payment_defaults', '>=', 1, 'B')")
    xb = np.searchsorted(xc, df[x].to_numpy(dtype=float), side="right")
    yb = np.searchsorted(yc, df[y].to_numpy(dtype=float), side="right")
    # grades as small integer codes; strings are made once per distinct label, at the end
    labels = sorted({str(g) for row in grid for g in row} | {str(r[3]) for r in dec + dis})
    code_of = {g: i for i, g in enumerate(labels)}
    flipped = np.array([[code_of[str(g)] for g in row] for row in grid[::-1]])  # row 0 = low y
    matrix_code = flipped[yb, xb]
    code = matrix_code.copy()
    n = len(df)
    decided = np.zeros(n, dtype=np.intp)  # 0 = no rule, i = the i-th deciding rule
    done = np.zeros(n, dtype=bool)
    for i, (col, op, thr, g) in enumerate(dec, start=1):
        hit = _OPS[op](df[col].to_numpy(dtype=float), thr) & ~done
        code[hit] = code_of[str(g)]
        decided[hit] = i
        done |= hit
    capped = np.zeros(n, dtype=np.intp)
    if dis:
        ranking = [str(g) for g in order] if order is not None else labels
        missing = [g for g in labels if g not in ranking]
        if missing:
            raise ValueError(
                f"`order` must list every grade from best to worst, but lacks {missing!r} "
                f"(got {ranking!r})."
            )
        pos = {g: i for i, g in enumerate(ranking)}
        rank = np.array([pos[g] for g in labels])[code]
        for i, (col, op, thr, g) in enumerate(dis, start=1):
            hit = _OPS[op](df[col].to_numpy(dtype=float), thr) & (rank < pos[g])
            code[hit] = code_of[str(g)]
            rank[hit] = pos[g]
            capped[hit] = i

    def text(codes: np.ndarray, names: list[str]) -> Any:
        return pd.array(np.array(names, dtype=object)[codes], dtype="str")

    def rule_names(rules: list[Rule]) -> list[str]:
        return [""] + [f"{col} {op} {thr:g}" for col, op, thr, _ in rules]

    out = df.copy(deep=False)  # copy-on-write: the new columns never reach the caller
    out["x_band"] = xb
    out["y_band"] = yb
    out["matrix_grade"] = text(matrix_code, labels)
    out["decide_rule"] = text(decided, rule_names(dec))
    out["disqualify_rule"] = text(capped, rule_names(dis))
    if veto is not None:
        out["veto_rule"] = out["decide_rule"]
    out["grade"] = text(code, labels)
    return out


def pyramid(
    df: pd.DataFrame,
    value: str,
    *,
    tiers: Mapping[str, float],
) -> pd.DataFrame:
    """Customer pyramid (客户金字塔): tiers by *share of customers*, most valuable first.

    Zeithaml, Rust & Lemon (2001) sort customers by profitability and cut the list into
    tiers such as platinum, gold, iron and lead.

    Parameters
    ----------
    df : DataFrame
        One row per customer.
    value : str
        Numeric column to rank on (profit may be negative: lead customers cost money).
    tiers : mapping of str to float, keyword-only
        Tier name → share of customers, from the top tier down, shares summing to 1, e.g.
        ``{"platinum": 0.05, "gold": 0.15, "iron": 0.30, "lead": 0.50}``.

    Returns
    -------
    DataFrame
        A copy of ``df`` sorted by ``value`` (largest first) with ``rank`` and ``tier``
        (ordered categorical, top tier first). Tier sizes are rounded to whole customers.

    Examples
    --------
    >>> df = pd.DataFrame({"profit": [50, -5, 20, 8, 3, 1, 0, 12, 4, 2]})
    >>> out = pyramid(df, "profit", tiers={"platinum": 0.1, "gold": 0.2, "iron": 0.3,
    ...                                   "lead": 0.4})
    >>> out["tier"].value_counts(sort=False).tolist()
    [1, 2, 3, 4]
    """
    require_frame(df)
    value = _kw_str(value, name="value")
    require_numeric(df, [value])
    if not isinstance(tiers, Mapping) or len(tiers) < 2:
        raise TypeError(
            "`tiers` must map at least two tier names to shares of customers, e.g. "
            "{'platinum': 0.05, 'gold': 0.15, 'iron': 0.3, 'lead': 0.5}."
        )
    shares = np.array([as_number(s, name=f"tiers[{k!r}]") for k, s in tiers.items()])
    if (shares <= 0).any():
        raise ValueError(f"Every tier share must be > 0, but got {dict(tiers)!r}.")
    if not math.isclose(shares.sum(), 1.0, abs_tol=1e-6):
        hint = " They look like percentages: divide by 100." if shares.sum() > 1.5 else ""
        raise ValueError(
            f"The tier shares must add up to 1 (100 % of customers), but add up to "
            f"{shares.sum():g}.{hint}"
        )
    out = df.sort_values(value, ascending=False, kind="stable").copy()
    n = len(out)
    bounds = np.rint(np.cumsum(shares) * n).astype(int)
    bounds[-1] = n
    pos = np.arange(n)
    idx = np.searchsorted(bounds, pos, side="right")
    names = list(tiers)
    out["rank"] = pos + 1
    out["tier"] = pd.Categorical(np.asarray(names, dtype=object)[idx], categories=names,
                                 ordered=True)
    return out


def grade_summary(df: pd.DataFrame, *, grade: str, value: str) -> pd.DataFrame:
    """Customers and value per grade: count, share of customers, total, share of value, mean.

    Examples
    --------
    >>> df = pd.DataFrame({"grade": ["A", "B", "A", "C"], "profit": [60, 25, 10, 5]})
    >>> grade_summary(df, grade="grade", value="profit")
           customers  customer_share  value  value_share  mean_value
    grade
    A              2            0.50   70.0         0.70        35.0
    B              1            0.25   25.0         0.25        25.0
    C              1            0.25    5.0         0.05         5.0
    """
    require_frame(df)
    require_columns(df, [grade])
    require_numeric(df, [value])
    g = df.groupby(grade, observed=False, sort=True)[value]
    out = pd.DataFrame({"customers": g.size(), "value": g.sum().astype(float)})
    out["customer_share"] = out["customers"] / out["customers"].sum()
    total = out["value"].sum()
    out["value_share"] = out["value"] / total if total else np.nan
    out["mean_value"] = out["value"] / out["customers"].where(out["customers"] > 0)
    out = out[["customers", "customer_share", "value", "value_share", "mean_value"]]
    out.attrs["zh_context"] = "grades"  # its Chinese view's own words (coursekit.display)
    return out


# ----------------------------------------------------------------------------- RFM
class _Tx(NamedTuple):
    codes: np.ndarray  # customer code 0 … k-1 per row (sorted id order)
    stamps: np.ndarray  # int64 time stamps, ``per_day`` units per day
    per_day: int
    index: pd.Index  # customer ids, sorted
    amounts: np.ndarray
    counts: np.ndarray  # purchases per customer
    present: np.ndarray | None  # when set, codes are offsets with gaps: keep groups[present]

    def dense_codes(self) -> np.ndarray:
        """Codes 0 … k-1 without gaps."""
        if self.present is None:
            return self.codes
        return (np.cumsum(self.present) - 1)[self.codes]


_PER_DAY = {"D": 1, "h": 24, "m": 1440, "s": 86_400, "ms": 86_400_000,
            "us": 86_400_000_000, "ns": 86_400_000_000_000}


def _transactions(transactions: pd.DataFrame, customer: str, date: str,
                  amount: str | None) -> _Tx:
    """Validated arrays of a transaction table (fast checks; the shared validators explain)."""
    require_frame(transactions, name="transactions")
    customer = _kw_str(customer, name="customer")
    date = _kw_str(date, name="date")
    cols = [customer, date] + ([amount] if amount is not None else [])
    require_columns(transactions, cols, name="transactions")
    if amount is not None:
        amounts = transactions[amount].to_numpy()
        fine = amounts.dtype.kind in "iu" or (amounts.dtype.kind == "f"
                                               and bool(np.isfinite(amounts).all()))
        if not fine:
            require_numeric(transactions, [amount], name="transactions")
        amounts = amounts.astype(float, copy=False)
    else:
        amounts = np.zeros(len(transactions))
    ids = transactions[customer].to_numpy()
    if ids.dtype.kind not in "iu" and pd.isna(ids).any():
        raise ValueError(
            f"Column {customer!r} of `transactions` has {int(pd.isna(ids).sum())} missing "
            "customer id(s); drop those rows first (they cannot be linked to a customer)."
        )
    dates = require_datetime(transactions, date, name="transactions")
    if getattr(dates.dt, "tz", None) is not None:
        dates = dates.dt.tz_localize(None)
    stamps = dates.to_numpy()
    unit, step = np.datetime_data(stamps.dtype)
    per_day = _PER_DAY.get(unit)
    if per_day is None or step != 1:
        stamps, per_day = stamps.astype("datetime64[ns]"), _PER_DAY["ns"]
    codes, uniques, counts, present = _codes(ids)
    return _Tx(codes, stamps.view(np.int64), per_day, pd.Index(uniques, name=customer),
               amounts, counts, present)


def _day(value: Any, *, name: str) -> int:
    ts = as_date(value, name=name)
    return int(np.datetime64(ts.tz_localize(None) if ts.tzinfo else ts, "D").astype(np.int64))


def rfm_scores(values: Any, *, bins: int = 5, higher_is_better: bool = True) -> np.ndarray:
    """Quantile scores 1 … ``bins``, ties sharing a score.

    score = 1 + ⌊bins × share of customers with a strictly worse value⌋. Without ties this
    gives equal-sized groups (quintiles for ``bins=5``); tied customers always get the same
    score, so with many ties (e.g. many one-time buyers) some scores stay empty.

    Examples
    --------
    >>> rfm_scores([1, 1, 1, 2, 5, 9], bins=3).tolist()
    [1, 1, 1, 2, 3, 3]
    >>> rfm_scores([3, 40, 200], bins=3, higher_is_better=False).tolist()
    [3, 2, 1]
    """
    v = np.asarray(values)
    if v.dtype.kind not in "iu":
        v = v.astype(float)
    worse = _count_smaller(v) if higher_is_better else _count_larger(v)
    return 1 + (bins * worse) // max(len(v), 1)


def rfm(
    transactions: pd.DataFrame,
    *,
    customer: str,
    date: str,
    amount: str,
    as_of: Any,
    bins: int = 5,
    monetary: str = "sum",
) -> pd.DataFrame:
    """RFM scores and segments — the *segmentation* convention (RFM 客户细分).

    * recency R = whole days from the last purchase to ``as_of`` (fewer days = better);
    * frequency F = number of purchases (every transaction row counts, the first too);
    * monetary M = total spend (``monetary="sum"``) or mean spend per purchase (``"mean"``).

    Each is scored 1 … ``bins`` by quantile (5 = best; for R the scale is reversed, so the
    most recent customers get 5); ties share a score (see :func:`rfm_scores`). The RFM code
    is the three digits ("545"), the RFM score their sum. Segments follow the eight-class
    model of the Chinese CRM textbooks (:data:`RFM_SEGMENTS`): a dimension is "high" when its
    score is above the middle of the scale (4 or 5 of 5).

    Not the same as :func:`rfm_summary` (the *modelling* convention used by CLV models,
    where recency = last − first purchase and frequency counts repeat purchases only).

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase.
    customer, date, amount : str, keyword-only
        Column names of the customer id, purchase date and amount.
    as_of : date-like, keyword-only
        The analysis date ("today"). Purchases after it are ignored.
    bins : int, keyword-only
        Number of score levels, 2 … 9 (5 = quintiles).
    monetary : {"sum", "mean"}, keyword-only
        Total spend or mean spend per purchase.

    Returns
    -------
    DataFrame
        Indexed by customer: ``recency`` (days), ``frequency``, ``monetary``, ``R``, ``F``,
        ``M``, ``rfm_code``, ``rfm_score``, ``segment``, ``segment_zh``, ``action``.

    Examples
    --------
    >>> tx = pd.DataFrame({"id": [1, 1, 1, 2, 3, 3],
    ...                    "day": pd.to_datetime(["2025-01-05", "2025-03-01", "2025-06-20",
    ...                                           "2025-02-10", "2025-05-01", "2025-06-01"]),
    ...                    "cny": [30.0, 45.0, 25.0, 200.0, 20.0, 15.0]})
    >>> r = rfm(tx, customer="id", date="day", amount="cny", as_of="2025-06-30", bins=3)
    >>> r[["recency", "frequency", "monetary", "rfm_code", "segment"]]
        recency  frequency  monetary rfm_code             segment
    id
    1        10          3     100.0      332       General value
    2       140          1     200.0      113  Important win-back
    3        29          2      35.0      221    General win-back
    """
    bins = as_whole(bins, name="bins", low=2, high=9, hint="5 is usual")
    if monetary not in ("sum", "mean"):
        raise ValueError(f"`monetary` must be 'sum' or 'mean', but is {monetary!r}.")
    _kw_str(amount, name="amount")
    tx = _transactions(transactions, customer, date, amount)
    codes, stamps, amounts, index, count = tx.codes, tx.stamps, tx.amounts, tx.index, tx.counts
    present = tx.present
    end = _day(as_of, name="as_of")
    keep = stamps < (end + 1) * tx.per_day
    if not keep.all():
        if not keep.any():
            raise ValueError(
                f"All purchases are after as_of={as_of!r}; choose a later as_of "
                "(usually the day after the last purchase)."
            )
        codes, stamps, amounts = tx.dense_codes()[keep], stamps[keep], amounts[keep]
        codes, uniq, count, present = _codes(codes)
        index = index[uniq]
    size = len(index) if present is None else len(present)
    total = np.bincount(codes, weights=amounts, minlength=size)
    last = np.full(size, np.iinfo(np.int64).min)
    np.maximum.at(last, codes, stamps)
    if present is not None:
        total, last = total[present], last[present]
    recency = end - last // tx.per_day  # floor of the max = max of the floors
    money = total if monetary == "sum" else total / count
    r = rfm_scores(recency, bins=bins, higher_is_better=False)
    f = rfm_scores(count, bins=bins)
    m = rfm_scores(money, bins=bins)
    half = (bins + 1) / 2
    seg = 4 * (m <= half) + 2 * (r <= half) + (f <= half)  # row of RFM_SEGMENTS
    out = pd.DataFrame(
        {
            "recency": recency,
            "frequency": count,
            "monetary": money,
            "R": r,
            "F": f,
            "M": m,
        },
        index=index,
    )
    levels = np.arange(1, bins + 1)
    all_codes = (levels[:, None, None] * 100 + levels[None, :, None] * 10
                 + levels[None, None, :]).ravel()
    code = ((r - 1) * bins + (f - 1)) * bins + (m - 1)
    used = np.flatnonzero(np.bincount(code, minlength=bins**3))
    renumber = np.zeros(bins**3, dtype=np.int64)
    renumber[used] = np.arange(len(used))
    out["rfm_code"] = pd.Categorical.from_codes(renumber[code],
                                                categories=all_codes[used].astype(str))
    out["rfm_score"] = r + f + m
    for col in ("segment", "segment_zh", "action"):
        out[col] = pd.Categorical.from_codes(seg, categories=RFM_SEGMENTS[col].tolist())
    return out


def rfm_summary(
    transactions: pd.DataFrame,
    *,
    customer: str,
    date: str,
    amount: str | None = None,
    observation_end: Any,
    freq: str = "D",
    freq_multiplier: float = 1,
) -> pd.DataFrame:
    """Frequency, recency, T (and monetary value) — the *modelling* convention.

    Same numbers as ``lifetimes.utils.summary_data_from_transaction_data`` (and
    pymc-marketing's ``rfm_summary``), the input of BG/NBD, Pareto/NBD and Gamma-Gamma models:

    * purchases are first grouped into periods (``freq="D"`` days, ``"W"`` weeks starting on
      Monday); several purchases in one period count once (their amounts are added);
    * ``frequency`` = number of *repeat* periods (periods with a purchase − 1);
    * ``recency`` = time from the first to the last purchase (0 for one-time buyers);
    * ``T`` = time from the first purchase to ``observation_end`` (the customer's age);
    * ``monetary_value`` = mean spend of the repeat periods (0 if none; the first purchase
      is left out).

    Times are in periods divided by ``freq_multiplier`` (``freq="D", freq_multiplier=7``
    gives exact weeks, as in the published CDNOW summary).

    Not the same as :func:`rfm` (segmentation: recency counts days *since* the last purchase
    and frequency counts *all* purchases).

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase.
    customer, date : str, keyword-only
        Column names of customer id and purchase date.
    amount : str, optional, keyword-only
        Amount column; adds ``monetary_value``.
    observation_end : date-like, keyword-only
        End of the observation period; later purchases are ignored.
    freq : {"D", "W"}, keyword-only
        Period length.
    freq_multiplier : float, keyword-only
        Divide times by this (e.g. 7 to turn days into weeks).

    Returns
    -------
    DataFrame
        Indexed by customer (sorted): ``frequency``, ``recency``, ``T`` (floats) and
        ``monetary_value`` when ``amount`` is given.

    Examples
    --------
    The fixture of lifetimes' own test suite, easy to check by hand:

    >>> tx = pd.DataFrame({"id": [1, 1, 2, 3, 3, 3],
    ...                    "date": ["2015-02-01", "2015-02-06", "2015-01-01", "2015-01-01",
    ...                             "2015-01-02", "2015-01-05"]})
    >>> rfm_summary(tx, customer="id", date="date", observation_end="2015-02-07")
        frequency  recency     T
    id
    1         1.0      5.0   6.0
    2         0.0      0.0  37.0
    3         2.0      4.0  37.0
    """
    if freq not in ("D", "W"):
        raise ValueError(
            f"`freq` must be 'D' (days) or 'W' (weeks), but is {freq!r}. For exact weeks use "
            "freq='D', freq_multiplier=7."
        )
    mult = as_number(freq_multiplier, name="freq_multiplier")
    if mult <= 0:
        raise ValueError(f"`freq_multiplier` must be greater than 0, but is {mult:g}.")
    if amount is not None:
        _kw_str(amount, name="amount")
    tx = _transactions(transactions, customer, date, amount)
    codes, index, amounts = tx.dense_codes(), tx.index, tx.amounts
    days = tx.stamps // tx.per_day
    end = _day(observation_end, name="observation_end")
    if freq == "W":  # 1970-01-01 was a Thursday: shift so that weeks start on Monday
        period, end_p = (days + 3) // 7, (end + 3) // 7
    else:
        period, end_p = days, end
    keep = period <= end_p
    if not keep.any():
        raise ValueError(
            f"All purchases are after observation_end={observation_end!r}; choose a later date."
        )
    if not keep.all():
        codes, period, amounts = codes[keep], period[keep], amounts[keep]
        codes, uniq = pd.factorize(codes, sort=True)
        index = index[uniq]
    k = len(index)
    # Sort the (customer, period) keys once: distinct periods per customer, and the first
    # and last period of each, fall out of the sorted order. Sorting stays close to linear
    # where hashing 10⁷ keys (pd.factorize) slows down as the table outgrows the cache.
    pmin = int(period.min())
    width = int(period.max()) - pmin + 1
    keys = np.sort(codes.astype(np.int64) * width + (period - pmin))
    new_pair = np.empty(len(keys), dtype=bool)
    new_pair[0] = True
    np.not_equal(keys[1:], keys[:-1], out=new_pair[1:])
    pair_c, pair_p = np.divmod(keys[new_pair], width)
    pair_p += pmin
    n_periods = np.bincount(pair_c, minlength=k)
    starts = np.concatenate(([0], np.cumsum(n_periods)[:-1]))  # every customer has a pair
    first_p = pair_p[starts]
    last_p = pair_p[starts + n_periods - 1]
    out = pd.DataFrame(
        {
            "frequency": (n_periods - 1).astype(float),
            "recency": (last_p - first_p) / mult,
            "T": (end_p - first_p) / mult,
        },
        index=index,
    )
    if amount is not None:
        total = np.bincount(codes, weights=amounts, minlength=k)
        in_first = period == first_p[codes]  # purchases in each customer's first period
        first_total = np.bincount(codes[in_first], weights=amounts[in_first], minlength=k)
        with np.errstate(invalid="ignore", divide="ignore"):
            mv = np.where(n_periods > 1, (total - first_total) / np.maximum(n_periods - 1, 1),
                          0.0)
        out["monetary_value"] = mv
    return out.astype(float)
