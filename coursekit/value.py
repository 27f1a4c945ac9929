"""Customer value from both sides (客户价值的两个视角).

* The value the firm **delivers to** the customer: :func:`delivered_value`, :func:`delivered_values`
  (customer delivered value 顾客让渡价值 = total customer value − total customer cost).
* The value the customer **brings to** the firm: :func:`contribution`,
  :func:`margin_multiple`, :func:`margin_multiple_table`, :func:`clv`,
  :func:`periodic_rate` and :func:`referral_value`.
* Potential value, modelled (*beyond the textbook*): :func:`fit_bgnbd` (BG/NBD purchases,
  P(alive)), :func:`fit_gamma_gamma` (spend per purchase) and :func:`predicted_clv`, defined in
  :mod:`coursekit.clv_models` and importable from here.
* How unequally that value is spread: :func:`concentration` (Pareto / Lorenz table and
  Gini coefficient), :func:`gini`, :func:`top_share`, :func:`customers_for_share` and
  :func:`plot_concentration`.

Timing convention used by :func:`clv` and :func:`referral_value`
------------------------------------------------------------------
Peers disagree on *when* a period's margin arrives, so it is a parameter:

``timing="end"`` (default, Gupta & Lehmann 2003)
    The margin of period *t* arrives at the **end** of period *t* and only if the customer
    is still there: CLV = Σ_{t=1..T} m·r^t / (1+i)^t. For T → ∞ this is
    m · r / (1 + i − r), the *margin multiple* formula.
``timing="start"`` (Fader & Hardie 2014; Farris et al., *Marketing Metrics*)
    The margin of period *t* arrives at the **start** of the period, so the first margin is
    certain and undiscounted: CLV = Σ_{t=0..T−1} m·r^t / (1+i)^t. For T → ∞ this is
    m · (1 + i) / (1 + i − r).

The two differ by exactly one factor (1 + i)/r: "start" = "end" × (1 + i) / r.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._lang import pick
from ._validate import (
    as_number,
    as_numeric_array,
    require_choice,
    require_frame,
    require_numeric,
    require_positive,
    require_probability,
)
from .clv_models import (
    BGNBDResult,
    FitNotConverged,
    GammaGammaResult,
    fit_bgnbd,
    fit_gamma_gamma,
    plot_expected_vs_alive,
    predicted_clv,
)
from .plotting import colour

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "delivered_value",
    "delivered_values",
    "contribution",
    "periodic_rate",
    "margin_multiple",
    "margin_multiple_table",
    "clv",
    "referral_value",
    "ConcentrationResult",
    "concentration",
    "gini",
    "top_share",
    "customers_for_share",
    "plot_concentration",
    "fit_bgnbd",
    "fit_gamma_gamma",
    "predicted_clv",
    "plot_expected_vs_alive",
    "BGNBDResult",
    "GammaGammaResult",
    "FitNotConverged",
]

TIMINGS = ("end", "start")


# ---------------------------------------------------------------------------------------
# The customer's view: customer delivered value
# ---------------------------------------------------------------------------------------


def _component_total(parts: Any, *, name: str) -> float:
    """Sum of a mapping of component → amount; refuse empty, text, NaN and negatives."""
    if isinstance(parts, pd.Series):
        parts = parts.to_dict()
    if not isinstance(parts, Mapping):
        raise TypeError(
            f"`{name}` must map component names to amounts, e.g. "
            f"{{'product': 30, 'service': 10}}, but got a {type(parts).__name__}: {parts!r}."
        )
    if len(parts) == 0:
        raise ValueError(f"`{name}` is empty: give at least one component and its amount.")
    total = 0.0
    for key, amount in parts.items():
        x = as_number(amount, name=f"{name}[{key!r}]")
        if x < 0:
            raise ValueError(
                f"`{name}[{key!r}]` is {x:g}, but a component must not be negative. "
                "Put what the customer gives up (money, time, energy, psychological cost) "
                "in `cost` as a positive amount instead of a negative value."
            )
        total += x
    return total


def delivered_value(
    value: Mapping[str, float] | pd.Series,
    cost: Mapping[str, float] | pd.Series,
    *,
    kind: str = "difference",
) -> float:
    """Customer delivered value (顾客让渡价值): total customer value against total customer cost.

    After Kotler: total customer value (product, service, personnel, image …) minus total
    customer cost (money, time, energy, psychological …). Both are *perceived* by the
    customer, so the amounts are usually ratings or money-equivalents from a survey.

    Parameters
    ----------
    value : mapping of str to float
        Value components → amounts (≥ 0). Component names are free.
    cost : mapping of str to float
        Cost components → amounts (≥ 0), in the same unit as ``value``.
    kind : {"difference", "ratio"}, keyword-only
        ``"difference"`` (default) gives total value − total cost; ``"ratio"`` gives
        total value / total cost (> 1 means the customer gets more than they give up).

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If ``value`` or ``cost`` is not a mapping, or an amount is not a number.
    ValueError
        If a mapping is empty, an amount is negative or NaN, ``kind`` is unknown, or the
        total cost is 0 with ``kind="ratio"``.

    Examples
    --------
    >>> v = {"product": 30, "service": 20, "personnel": 15, "image": 15}
    >>> c = {"money": 32, "time": 8, "energy": 5, "psychological": 5}
    >>> delivered_value(v, c)
    30.0
    >>> delivered_value(v, c, kind="ratio")
    1.6
    """
    require_choice(kind, name="kind", choices=("difference", "ratio"))
    total_value = _component_total(value, name="value")
    total_cost = _component_total(cost, name="cost")
    if kind == "difference":
        return total_value - total_cost
    if total_cost == 0:
        raise ValueError(
            "The total of `cost` is 0, so value / cost is not defined. "
            "Use kind='difference', or give the cost components their amounts."
        )
    return total_value / total_cost


def delivered_values(
    df: pd.DataFrame,
    *,
    value: Sequence[str],
    cost: Sequence[str],
    kind: str = "difference",
) -> pd.DataFrame:
    """Delivered value for every row of a survey table (one row per respondent and offer).

    The table version of :func:`delivered_value`: the ``value`` columns are added up to the
    total customer value, the ``cost`` columns to the total customer cost.

    Parameters
    ----------
    df : DataFrame
        One row per rating (e.g. a respondent rating one offer).
    value, cost : list of str, keyword-only
        Columns holding the value components and the cost components (numbers ≥ 0).
    kind : {"difference", "ratio"}, keyword-only
        What goes into the ``delivered_value`` column (see :func:`delivered_value`).

    Returns
    -------
    DataFrame
        Same index as ``df``, columns ``total_value``, ``total_cost`` and
        ``delivered_value``.

    Examples
    --------
    >>> ratings = pd.DataFrame({"product": [8, 5], "service": [7, 3],
    ...                         "money": [6, 2], "time": [5, 1]})
    >>> delivered_values(ratings, value=["product", "service"], cost=["money", "time"])
       total_value  total_cost  delivered_value
    0           15          11                4
    1            8           3                5
    """
    require_choice(kind, name="kind", choices=("difference", "ratio"))
    require_frame(df)
    value_cols = [value] if isinstance(value, str) else list(value)
    cost_cols = [cost] if isinstance(cost, str) else list(cost)
    require_numeric(df, value_cols + cost_cols, nonnegative=True)
    total_value = df[value_cols].sum(axis=1)
    total_cost = df[cost_cols].sum(axis=1)
    if kind == "difference":
        dv = total_value - total_cost
    else:
        if (total_cost == 0).any():
            rows = total_cost.index[total_cost == 0].tolist()[:5]
            raise ValueError(
                f"The total cost is 0 in rows {rows}, so value / cost is not defined there. "
                "Use kind='difference', or drop those rows."
            )
        dv = total_value / total_cost
    return pd.DataFrame(
        {"total_value": total_value, "total_cost": total_cost, "delivered_value": dv},
        index=df.index,
    )


# ---------------------------------------------------------------------------------------
# The firm's view: contribution, margin multiple, CLV, referral value
# ---------------------------------------------------------------------------------------


def contribution(
    df: pd.DataFrame, *, revenue: str, costs: Sequence[str] | str
) -> pd.Series:
    """Contribution of each customer: revenue minus the costs to serve them.

    Parameters
    ----------
    df : DataFrame
        One row per customer (or account).
    revenue : str, keyword-only
        Column with the revenue (or gross margin) of each customer.
    costs : str or list of str, keyword-only
        Column(s) with costs to subtract (cost of goods, cost to serve, discounts …).

    Returns
    -------
    Series
        ``revenue − sum(costs)``, named ``"contribution"``, same index as ``df``.

    Examples
    --------
    >>> df = pd.DataFrame({"revenue": [100.0, 50.0], "cogs": [60.0, 30.0],
    ...                    "service": [10.0, 25.0]})
    >>> contribution(df, revenue="revenue", costs=["cogs", "service"]).tolist()
    [30.0, -5.0]
    """
    require_frame(df)
    cost_cols = [costs] if isinstance(costs, str) else list(costs)
    require_numeric(df, [revenue])
    if cost_cols:
        require_numeric(df, cost_cols)
    out = df[revenue].astype(float) - df[cost_cols].astype(float).sum(axis=1)
    return out.rename("contribution")


def periodic_rate(annual_rate: float, *, periods_per_year: int = 12) -> float:
    """Convert a yearly rate (discount or retention) into a rate per shorter period.

    A yearly discount rate ``i`` compounds to the same value as ``periods_per_year`` periods
    at ``(1 + i) ** (1 / periods_per_year) − 1``.

    Examples
    --------
    >>> round(periodic_rate(0.10, periods_per_year=12), 5)
    0.00797
    """
    i = require_positive(annual_rate, name="annual_rate", allow_zero=True)
    n = _require_count(periods_per_year, name="periods_per_year")
    return (1.0 + i) ** (1.0 / n) - 1.0


def _require_count(value: Any, *, name: str) -> int:
    x = as_number(value, name=name)
    if x < 1 or x != int(x):
        raise ValueError(f"`{name}` must be a whole number of periods (1, 2, 3 …), but is {x:g}.")
    return int(x)


def _check_rates(retention: Any, discount_rate: Any) -> tuple[float, float]:
    r = require_probability(retention, name="retention")
    i = require_positive(discount_rate, name="discount_rate", allow_zero=True)
    if i > 1:
        raise ValueError(
            f"`discount_rate` is {i:g}, i.e. {i * 100:g} % per period. Write a share: "
            f"{i / 100:g} for {i:g} %."
        )
    return r, i


def margin_multiple(retention: float, discount_rate: float) -> float:
    """Gupta & Lehmann's margin multiple r / (1 + i − r).

    Customer lifetime value = margin × margin multiple, for a customer who brings a constant
    margin at the **end** of each period, stays each period with probability ``retention``
    and is valued at ``discount_rate`` per period, over an infinite horizon.

    Parameters
    ----------
    retention : float
        Share of customers who stay from one period to the next, in [0, 1].
    discount_rate : float
        Discount rate per period as a share (0.12 for 12 %).

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If retention is outside [0, 1] (e.g. given as 90 instead of 0.9), the discount
        rate is negative or a percentage, or both are at their limits (r = 1, i = 0) so the
        value is infinite.

    Examples
    --------
    >>> round(margin_multiple(0.9, 0.12), 2)
    4.09
    >>> round(margin_multiple(0.8, 0.10), 2)
    2.67
    """
    r, i = _check_rates(retention, discount_rate)
    if 1 + i - r <= 0:
        raise ValueError(
            "With retention = 1 and discount_rate = 0 a customer is worth an infinite amount. "
            "Use a retention below 1, a positive discount rate, or a finite `periods` in clv()."
        )
    return r / (1 + i - r)


def margin_multiple_table(
    retentions: Sequence[float] = (0.6, 0.7, 0.8, 0.9),
    discount_rates: Sequence[float] = (0.10, 0.12, 0.14, 0.16),
) -> pd.DataFrame:
    """Table of margin multiples: rows are retention rates, columns discount rates.

    The defaults reproduce the layout of Gupta & Lehmann's (2003) margin-multiple table.

    Examples
    --------
    >>> margin_multiple_table().round(2).loc[0.9].tolist()
    [4.5, 4.09, 3.75, 3.46]
    """
    rs = as_numeric_array(retentions, name="retentions")
    ds = as_numeric_array(discount_rates, name="discount_rates")
    data = [[margin_multiple(r, d) for d in ds] for r in rs]
    table = pd.DataFrame(data, index=pd.Index(rs, name="retention"),
                         columns=pd.Index(ds, name="discount_rate"))
    return table


def _discounted_survival_sum(r: float, i: float, periods: int | None, timing: str) -> float:
    """Σ q^t over the periods that carry a margin, with q = r / (1 + i)."""
    q = r / (1.0 + i)
    if periods is None:
        if q >= 1:
            raise ValueError(
                "With retention = 1 and discount_rate = 0 the lifetime value is infinite. "
                "Give a finite `periods` (e.g. periods=24 for two years of months), a "
                "retention below 1 or a positive discount rate."
            )
        return q / (1 - q) if timing == "end" else 1 / (1 - q)
    t = np.arange(1, periods + 1) if timing == "end" else np.arange(0, periods)
    return float(np.sum(q ** t))


def clv(
    margin: float,
    retention: float,
    discount_rate: float,
    *,
    periods: int | None = None,
    acquisition_cost: float = 0.0,
    timing: str = "end",
) -> float:
    """Customer lifetime value (客户终身价值) in the simple retention model.

    CLV = Σ_t margin · r^t / (1 + i)^t − acquisition_cost, where the sum runs over

    * ``timing="end"`` (default): t = 1 … T — each margin arrives at the **end** of its
      period, only if the customer has stayed (Gupta & Lehmann 2003). With ``periods=None``
      (T → ∞) this is ``margin · r / (1 + i − r)`` = margin × :func:`margin_multiple`.
    * ``timing="start"``: t = 0 … T−1 — each margin arrives at the **start** of its period,
      so the first one is certain (Fader & Hardie 2014). With ``periods=None`` this is
      ``margin · (1 + i) / (1 + i − r)``.

    ``retention``, ``discount_rate`` and ``periods`` must use the same period (all yearly or
    all monthly; see :func:`periodic_rate`).

    Parameters
    ----------
    margin : float
        Margin (contribution) per period while the customer stays. May be negative for a
        customer who costs more than they bring.
    retention : float
        Probability of staying from one period to the next, in [0, 1]. Use 1 for a customer
        who certainly stays for ``periods`` periods (e.g. until a known retirement date).
    discount_rate : float
        Discount rate per period as a share (0.10 for 10 %).
    periods : int, optional, keyword-only
        Number of periods with a margin (finite horizon). ``None`` (default) = no end.
    acquisition_cost : float, keyword-only
        Cost of winning the customer, paid now (at t = 0) and subtracted. Default 0.
    timing : {"end", "start"}, keyword-only
        When a period's margin arrives; see above.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        For a retention outside [0, 1], a negative or percentage discount rate, a
        non-whole or non-positive ``periods``, a negative acquisition cost, an unknown
        ``timing``, or an infinite value (r = 1, i = 0, no ``periods``).

    Examples
    --------
    Gupta & Lehmann's margin multiple for r = 0.8 and i = 0.10 is 2.67, so a customer with a
    yearly margin of 100 is worth about 267:

    >>> round(clv(100, 0.8, 0.10), 2)
    266.67
    >>> round(clv(100, 0.8, 0.10, timing="start"), 2)
    366.67
    >>> round(clv(100, 1.0, 0.10, periods=2), 2)       # 100/1.1 + 100/1.1**2
    173.55
    """
    m = as_number(margin, name="margin")
    r, i = _check_rates(retention, discount_rate)
    require_choice(timing, name="timing", choices=TIMINGS)
    n = None if periods is None else _require_count(periods, name="periods")
    acq = require_positive(acquisition_cost, name="acquisition_cost", allow_zero=True)
    return m * _discounted_survival_sum(r, i, n, timing) - acq


def referral_value(
    referrals: float | Sequence[float],
    referred_value: float,
    discount_rate: float,
    *,
    periods: int | None = None,
    incremental_share: float = 1.0,
    acquisition_saving: float = 0.0,
    referral_cost: float = 0.0,
    timing: str = "end",
) -> float:
    """Customer referral value (客户推荐价值): what the customers someone brings are worth.

    A simplified form of the customer referral value (CRV) of Kumar, Petersen & Leone
    (2007, 2010). Each referred customer counts

    * their own lifetime value ``referred_value`` if they would **not** have come without
      the referral (share ``incremental_share``), and
    * only the acquisition cost the firm saves (``acquisition_saving``) if they would have
      come anyway (share ``1 − incremental_share``),

    minus any referral reward (``referral_cost``). Referrals made in period t are discounted
    like margins in :func:`clv`: by (1 + i)^t with ``timing="end"``, by (1 + i)^(t−1) with
    ``timing="start"``. The referrer's retention is *not* applied: pass the *expected*
    number of referrals per period (already reduced for the chance that the referrer leaves).

    Parameters
    ----------
    referrals : float or sequence of float
        Expected number of new customers referred per period. A single number is repeated
        for ``periods`` periods; a sequence gives one number per period.
    referred_value : float
        Lifetime value of one referred customer at the moment they join (e.g. from
        :func:`clv`).
    discount_rate : float
        Discount rate per period as a share.
    periods : int, optional, keyword-only
        Number of periods; required when ``referrals`` is a single number, not allowed
        (taken from its length) when it is a sequence.
    incremental_share : float, keyword-only
        Share of referred customers who would not have come otherwise, in [0, 1]. Default 1.
    acquisition_saving : float, keyword-only
        Acquisition cost saved for a referred customer who would have come anyway.
    referral_cost : float, keyword-only
        Reward or cost paid per referred customer.
    timing : {"end", "start"}, keyword-only
        When the referrals of a period count; see :func:`clv`.

    Returns
    -------
    float

    Examples
    --------
    One referral a year for two years, each referred customer worth 1,000, discount 10 %:

    >>> round(referral_value(1, 1000, 0.10, periods=2), 2)
    1735.54
    >>> round(referral_value([1, 1], 1000, 0.10, incremental_share=0.5,
    ...                      acquisition_saving=200), 2)
    1041.32
    """
    require_choice(timing, name="timing", choices=TIMINGS)
    if isinstance(referrals, (str, bytes)) or np.isscalar(referrals):
        if periods is None:
            raise ValueError(
                "`referrals` is a single number, so say for how many periods it repeats, "
                "e.g. periods=2 — or pass one number per period, e.g. [1, 1]."
            )
        n_ref = as_number(referrals, name="referrals")
        counts = np.full(_require_count(periods, name="periods"), n_ref)
    else:
        if periods is not None:
            raise ValueError(
                "`referrals` already gives one number per period, so leave `periods` out "
                f"(it would be {len(referrals)} here)."
            )
        counts = as_numeric_array(referrals, name="referrals")
    if (counts < 0).any():
        raise ValueError("`referrals` must not be negative: a customer cannot refer −1 people.")
    v = as_number(referred_value, name="referred_value")
    _, i = _check_rates(1.0, discount_rate)
    s = require_probability(incremental_share, name="incremental_share")
    saving = require_positive(acquisition_saving, name="acquisition_saving", allow_zero=True)
    reward = require_positive(referral_cost, name="referral_cost", allow_zero=True)
    per_referral = s * v + (1 - s) * saving - reward
    t = np.arange(1, len(counts) + 1) - (0 if timing == "end" else 1)
    return float(np.sum(counts * per_referral / (1 + i) ** t))


# ---------------------------------------------------------------------------------------
# Concentration: Pareto / Lorenz curve, Gini, 80/20
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConcentrationResult:
    """Result of :func:`concentration`.

    Attributes
    ----------
    table : DataFrame
        One row per customer, largest value first: ``rank``, ``value``, ``cum_value``,
        ``customer_share`` (cumulative share of customers) and ``value_share`` (cumulative
        share of total value). The index is the customers' original labels.
    gini : float
        Gini coefficient (0 = everyone brings the same, towards 1 = one customer brings
        everything); NaN when there are negative values.
    """

    table: pd.DataFrame
    gini: float

    def top_share(self, top: float = 0.2) -> float:
        """Share of total value brought by the top ``top`` share of customers."""
        return _top_share_sorted(self.table["value"].to_numpy(), top)

    def __repr__(self) -> str:
        n = len(self.table)
        top = self.top_share(0.2)
        return pick({
            "en": f"ConcentrationResult(customers={n}, gini={self.gini:.3f}, "
                  f"top 20% share={top:.3f})",
            "zh": f"ConcentrationResult（客户数 customers={n}，基尼系数 gini={self.gini:.3f}，"
                  f"头部客户份额 top 20% share={top:.3f}）",
        })


def _values_for_concentration(values: Any, *, allow_negative: bool) -> pd.Series:
    if isinstance(values, pd.DataFrame):
        as_numeric_array(values, name="values")          # raises the helpful TypeError
    if isinstance(values, Mapping):
        s = pd.Series(dict(values))
    elif isinstance(values, pd.Series):
        s = values
    else:
        s = pd.Series(as_numeric_array(values, name="values"), copy=False)
    arr = as_numeric_array(s, name="values")  # validated once; a float array is not copied
    if not allow_negative and arr.min() < 0:
        n_neg = int((arr < 0).sum())
        raise ValueError(
            f"`values` has {n_neg} negative value(s) (customers who lose money), e.g. "
            f"{[round(float(v), 2) for v in arr[arr < 0][:3]]}. For revenue this is a data "
            "error; for profit pass "
            "allow_negative=True to draw the 'whale curve' (the Gini is then not defined)."
        )
    if arr.sum() <= 0:
        raise ValueError(
            f"The total of `values` is {arr.sum():g}; shares of a total need a positive "
            "total. Check that the column holds spend or profit."
        )
    return pd.Series(arr, index=s.index, name=s.name if isinstance(s.name, str) else "value")


def gini(values: Any) -> float:
    """Gini coefficient of non-negative values (0 = equal, → 1 = concentrated).

    G = 2 Σ_k k · x_(k) / (n Σ x) − (n + 1) / n, with x sorted from small to large and
    k = 1 … n. It equals twice the area between the diagonal and the Lorenz curve; its
    maximum for n customers is (n − 1) / n.

    Examples
    --------
    >>> gini([1, 1, 1, 1])
    0.0
    >>> gini([0, 0, 0, 10])
    0.75
    """
    x = np.sort(_values_for_concentration(values, allow_negative=False).to_numpy())
    return _gini_sorted(x)


def _gini_sorted(x: np.ndarray) -> float:
    """Gini of values already sorted from small to large."""
    n = len(x)
    k = np.arange(1, n + 1, dtype=float)
    return float(2 * np.dot(k, x) / (n * x.sum()) - (n + 1) / n)


def concentration(values: Any, *, allow_negative: bool = False) -> ConcentrationResult:
    """Pareto / Lorenz table of how value is spread over customers, and its Gini.

    Customers are sorted from the largest value down, so the table's last two columns are
    the Pareto curve: "the top ``customer_share`` of customers bring ``value_share`` of the
    value". The Lorenz curve is the same data read from the smallest customer up.

    Parameters
    ----------
    values : Series, list, array or mapping of customer → value
        Spend, margin or profit per customer. A Series keeps its index (customer IDs).
    allow_negative : bool, keyword-only
        Allow loss-making customers (profit < 0): the cumulative value share then rises
        above 1 before falling back (the "whale curve"), and ``gini`` is NaN.

    Returns
    -------
    ConcentrationResult
        ``.table`` (DataFrame) and ``.gini`` (float); ``.top_share(0.2)`` for the 80/20 check.

    Examples
    --------
    >>> res = concentration(pd.Series([50, 30, 10, 5, 5], index=list("abcde")))
    >>> res.table[["customer_share", "value_share"]].round(2).head(2)
       customer_share  value_share
    a             0.2          0.5
    b             0.4          0.8
    >>> round(res.gini, 2)
    0.46
    """
    s = _values_for_concentration(values, allow_negative=allow_negative)
    x = s.to_numpy()
    order = np.argsort(-x, kind="stable")  # stable: ties keep the caller's order
    v = x[order]
    n = len(v)
    cum = np.cumsum(v)
    rank = np.arange(1, n + 1)
    table = pd.DataFrame(
        {"rank": rank, "value": v, "cum_value": cum, "customer_share": rank / n,
         "value_share": cum / float(v.sum())},
        index=s.index[order],
    )
    ascending = v[::-1]
    g = _gini_sorted(ascending) if ascending[0] >= 0 else float("nan")
    return ConcentrationResult(table=table, gini=g)


def _top_share_sorted(sorted_desc: np.ndarray, top: float) -> float:
    n = len(sorted_desc)
    k = max(1, math.ceil(top * n - 1e-9))
    return float(sorted_desc[:k].sum() / sorted_desc.sum())


def top_share(values: Any, top: float = 0.2) -> float:
    """Share of total value brought by the top ``top`` share of customers (the 80/20 check).

    The top group is the ⌈top · n⌉ customers with the largest values (at least one).

    Parameters
    ----------
    values : Series, list, array or mapping
        Non-negative value (spend, margin) per customer.
    top : float
        Share of customers in the top group, in (0, 1]. Default 0.2 (the top 20 %).

    Examples
    --------
    >>> top_share([50, 30, 10, 5, 5])
    0.5
    >>> top_share([50, 30, 10, 5, 5], top=0.4)
    0.8
    """
    t = require_probability(top, name="top", low_open=True)
    x = _values_for_concentration(values, allow_negative=False).to_numpy()
    n = len(x)
    k = max(1, math.ceil(t * n - 1e-9))
    # the k largest values, found by partition (linear) rather than a full sort
    largest = x if k == n else np.partition(x, n - k)[n - k:]
    return float(largest.sum() / x.sum())


def customers_for_share(values: Any, share: float = 0.8) -> float:
    """Smallest share of customers (largest first) who together bring ``share`` of the value.

    Examples
    --------
    >>> customers_for_share([50, 30, 10, 5, 5], share=0.8)
    0.4
    """
    target = require_probability(share, name="share", low_open=True)
    x = np.sort(_values_for_concentration(values, allow_negative=False).to_numpy())[::-1]
    reached = np.cumsum(x) / x.sum() >= target - 1e-12
    return float((np.argmax(reached) + 1) / len(x))


def plot_concentration(
    result: ConcentrationResult | Any,
    *,
    ax: Axes | None = None,
    label: str | None = None,
    title: str | None = None,
    value_name: str | None = None,
    cuts: Sequence[float] = (),
) -> Axes:
    """Draw the Pareto curve (cumulative % of customers vs cumulative % of value).

    The one Pareto / whale-curve helper of the kit: with negative values (loss-making
    customers) the curve rises above 100 % and falls back, the *whale curve*.

    Parameters
    ----------
    result : ConcentrationResult or values
        Output of :func:`concentration`, or values to pass to it.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when ``None``.
    label : str, optional
        Legend label of the curve (the Gini is appended).
    title, value_name : str
        Chart title and the name of the value on the y-axis (e.g. "spend").
    cuts : sequence of float, optional
        Cumulative value shares (e.g. ``(0.8, 0.95)``, the ABC cuts) to mark with a dashed
        line and the share of customers that brings them.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> ax = plot_concentration([10, 50, 5, 30, 5], value_name="sales", cuts=(0.8,))
    >>> ax.get_ylabel()
    'share of total sales (cumulative %)'
    """
    import matplotlib.pyplot as plt

    res = result if isinstance(result, ConcentrationResult) else concentration(result)
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 5))
    x = np.r_[0.0, res.table["customer_share"].to_numpy()] * 100
    y = np.r_[0.0, res.table["value_share"].to_numpy()] * 100
    from ._lang import pick
    from .display import zh_text
    from .plotting import label as put_labels  # `label` is this function's legend argument

    value_name = pick({"en": "value", "zh": "价值"}) if value_name is None else zh_text(
        value_name, kind="columns")
    text = label or pick({"en": "customers", "zh": "客户"})
    if not math.isnan(res.gini):
        text += pick({"en": f" (Gini {res.gini:.2f})", "zh": f"（基尼系数 {res.gini:.2f}）"})
    ax.plot(x, y, lw=2.5, label=text)
    equality = pick({"en": "perfect equality", "zh": "完全平均"})
    if equality not in [line.get_label() for line in ax.get_lines()]:
        ax.plot([0, 100], [0, 100], ls="--", color=colour("reference"), lw=1, label=equality)
        ax.axvline(20, color=colour("reference"), lw=0.8, ls=":")
    for c in cuts:
        cut = require_probability(c, name="cuts")
        k = int((res.table["value_share"].to_numpy() <= cut + 1e-9).sum())
        ax.axhline(cut * 100, color=colour("accent"), ls="--", lw=1)
        ax.annotate(pick({"en": f"top {x[k]:.0f} % of customers: {y[k]:.0f} % of {value_name}",
                          "zh": f"前 {x[k]:.0f}% 的客户：{value_name}的 {y[k]:.0f}%"}),
                    (x[k], cut * 100), xytext=(-6, 4), textcoords="offset points",
                    ha="right", va="bottom", fontsize=9)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, max(100, float(y.max()) * 1.05, ax.get_ylim()[1]))
    put_labels(ax, title={"en": "Pareto curve: who brings the value?",
                          "zh": "帕累托曲线：谁带来了价值？"} if title is None else title,
               x={"en": "customers, largest first (cumulative %)", "zh": "客户，从大到小（累计 %）"},
               y={"en": f"share of total {value_name} (cumulative %)",
                  "zh": f"占{value_name}总量的比例（累计 %）"})
    ax.legend(loc="lower right")
    return ax
