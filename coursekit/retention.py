"""Customer retention: retention rates, cohorts and the expected customer lifetime (chapter 05).

Retention is measured in ways that students often mix up:

* the **retention rate** of a period, ``(end - new) / start`` (:func:`retention_rate`), and the
  expected lifetime it implies (:func:`expected_lifetime`);
* **cohort retention**: of the customers acquired in one month (a *cohort*, 客户群组), the share
  still buying 1, 2, 3 … months later (:func:`cohort_retention`, :func:`retention_curve`,
  :func:`plot_cohort_heatmap`, :func:`plot_retention_curves`);
* **survival** (customers still active at the end of the data counted correctly) is in
  :mod:`coursekit.survival`.

It also does the arithmetic of acquisition versus retention cost
(:func:`acquisition_retention_cost`). Every function is pure: the caller's data is never modified.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import _validate as check
from ._fast import group_codes
from ._lang import pick
from .plotting import colour, deprecated_alias, label, periods_label

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "PERIODS",
    "cohort_retention",
    "retention_curve",
    "plot_cohort_heatmap",
    "cohort_heatmap",
    "plot_retention_curves",
    "retention_rate",
    "expected_lifetime",
    "acquisition_retention_cost",
]

PERIODS = ("D", "W", "M", "Q", "Y")
_PERIOD_WORDS = {"D": "days", "W": "weeks", "M": "months", "Q": "quarters", "Y": "years"}


def _cohort_counts(
    transactions: pd.DataFrame,
    *,
    customer: str,
    date: str,
    period: str,
    acquired: pd.Series | None,
    observation_end: Any,
) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """Active counts (cohort × periods since), cohort sizes and the 'observed' mask."""
    df = check.require_frame(transactions, name="transactions")
    check.require_columns(df, [customer, date], name="transactions")
    period = check.require_choice(period, name="period", choices=PERIODS)
    dates = check.require_datetime(df, date, name="transactions")
    cust = check._customer_column(df, customer, "transactions")
    ordinal = pd.Series(dates.dt.to_period(period).array.asi8, index=df.index)

    # customers as dense codes (no hashing for whole-number ids)
    codes, ids, _, present = group_codes(cust.to_numpy())
    if present is not None:
        codes = (np.cumsum(present) - 1)[codes]
    ords = ordinal.to_numpy()
    if acquired is None:
        first_of = np.full(len(ids), np.iinfo(np.int64).max)
        np.minimum.at(first_of, codes, ords)
        first = pd.Series(first_of, index=ids)
        data_start = int(ords.min())
    else:
        if not isinstance(acquired, pd.Series):
            raise TypeError(
                "`acquired` must be a pandas Series: customer id as index, acquisition date as "
                "values, e.g. members.set_index('member_id')['join_date']; "
                f"got {type(acquired).__name__}."
            )
        acq = pd.to_datetime(acquired, errors="coerce")
        if acq.isna().any() or acquired.index.has_duplicates:
            raise ValueError(
                "`acquired` must give exactly one valid date per customer, but it has "
                f"{int(acq.isna().sum())} missing/invalid date(s) and "
                f"{int(acquired.index.duplicated().sum())} duplicated customer id(s)."
            )
        unknown = pd.Index(ids).difference(acq.index)
        if len(unknown):
            raise ValueError(
                f"{len(unknown)} customer(s) in `transactions` have no acquisition date in "
                f"`acquired`, e.g. {list(unknown[:3])}. Keep only their transactions, e.g. "
                "transactions[transactions[customer].isin(acquired.index)]."
            )
        first = pd.Series(acq.dt.to_period(period).array.asi8, index=acq.index)
        first_of = first.reindex(ids).to_numpy(dtype=np.int64)
        data_start = int(ords.min())

    end_ord = int(ordinal.max())
    if observation_end is not None:
        end_ts = check.as_date(observation_end, name="observation_end")
        end_ord = int(pd.Series([end_ts]).dt.to_period(period).array.asi8[0])
        keep = ords <= end_ord
        ords, codes = ords[keep], codes[keep]

    offset = ords - first_of[codes]
    keep = offset >= 0
    codes, offset = codes[keep], offset[keep]
    sizes = first.value_counts().sort_index()
    sizes = sizes[sizes.index <= end_ord]
    if sizes.empty:
        raise ValueError(
            "No customer was acquired before `observation_end`; choose a later date."
        )
    max_k = int(end_ord - sizes.index.min())
    width = max_k + 1
    # distinct (customer, periods since) pairs by one sort of their keys
    keys = np.sort(codes.astype(np.int64) * width + offset)
    distinct = np.empty(len(keys), dtype=bool)
    distinct[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=distinct[1:])
    pair_c, pair_k = np.divmod(keys[distinct], width)
    cohort_ords = np.asarray(sizes.index, dtype=np.int64)
    row = np.searchsorted(cohort_ords, first_of[pair_c])
    inside = (row < len(cohort_ords)) & (pair_k < width)
    inside[inside] = cohort_ords[row[inside]] == first_of[pair_c[inside]]
    grid = np.bincount(row[inside] * width + pair_k[inside],
                       minlength=len(cohort_ords) * width).reshape(len(cohort_ords), width)
    counts = pd.DataFrame(grid.astype(float), index=sizes.index, columns=range(width))
    cohorts = np.asarray(sizes.index, dtype=np.int64)[:, None]
    ks = np.arange(max_k + 1)[None, :]
    observed = pd.DataFrame(
        ((cohorts + ks) <= end_ord) & ((cohorts + ks) >= data_start),
        index=sizes.index, columns=counts.columns,
    )
    idx = pd.PeriodIndex.from_ordinals(sizes.index.to_numpy(), freq=period)
    idx.name = "cohort"
    for frame in (counts, observed):
        frame.index = idx
        frame.columns = pd.RangeIndex(max_k + 1, name=f"{_PERIOD_WORDS[period]}_since_acquisition")
    sizes = pd.Series(sizes.to_numpy(), index=idx, name="customers")
    return counts.astype(float), sizes, observed


# ---------------------------------------------------------------------------------------------
# cohort retention
# ---------------------------------------------------------------------------------------------


def cohort_retention(
    transactions: pd.DataFrame,
    *,
    customer: str,
    date: str,
    period: str = "M",
    kind: str = "share",
    acquired: pd.Series | None = None,
    observation_end: Any = None,
) -> pd.DataFrame:
    """Acquisition cohorts × periods since acquisition: who is still buying?

    A *cohort* (客户群组) is the group of customers acquired in the same period. Cell
    ``(c, k)`` is the share of cohort ``c`` that bought at least once in the *k*-th period after
    the acquisition period (period 0 is the acquisition period itself, so column 0 is 1.0
    unless ``acquired`` is given).

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase.
    customer, date : str
        Column names of the customer id and the purchase date.
    period : {"D", "W", "M", "Q", "Y"}, default "M"
        Length of a period: day, week, month, quarter, year.
    kind : {"share", "count"}, default "share"
        ``"share"``: shares 0–1 of the cohort size; ``"count"``: number of active customers.
    acquired : Series, optional
        Acquisition (sign-up) date per customer, indexed by customer id — e.g.
        ``members.set_index("member_id")["join_date"]``. By default a customer is acquired at
        their first purchase in ``transactions``. With ``acquired``, customers who never bought
        still count in the cohort size, and cells before the data start are missing.
    observation_end : date, optional
        Last day of observation (default: the last purchase date). Later purchases are ignored.

    Returns
    -------
    DataFrame
        Index ``cohort`` (periods), columns ``0, 1, 2 …`` periods since acquisition. Cells that
        lie outside the observed window are NaN (not 0: "not seen yet" is not "lost").

    Raises
    ------
    ValueError
        Missing columns, dates that are not dates, an unknown ``period`` or ``kind``, empty data.

    Notes
    -----
    The default "first purchase = acquisition" treats customers who bought before the data start
    as acquired in the first period (left truncation): read the first cohort with care, or pass
    ``acquired``.

    Examples
    --------
    >>> tx = pd.DataFrame({"id": [1, 1, 2, 2, 3],
    ...                    "day": pd.to_datetime(["2024-01-03", "2024-02-10", "2024-01-20",
    ...                                           "2024-03-05", "2024-02-01"])})
    >>> cohort_retention(tx, customer="id", date="day")
    months_since_acquisition    0    1    2
    cohort
    2024-01                   1.0  0.5  0.5
    2024-02                   1.0  0.0  NaN
    """
    kind = check.require_choice(kind, name="kind", choices=("share", "count"))
    counts, sizes, observed = _cohort_counts(
        transactions, customer=customer, date=date, period=period,
        acquired=acquired, observation_end=observation_end,
    )
    out = counts.div(sizes, axis=0) if kind == "share" else counts
    return out.where(observed)


def retention_curve(
    transactions: pd.DataFrame,
    *,
    customer: str,
    date: str,
    period: str = "M",
    acquired: pd.Series | None = None,
    observation_end: Any = None,
) -> pd.Series:
    """Pooled retention curve: share of customers active *k* periods after acquisition.

    All cohorts that can be observed *k* periods after their acquisition are pooled, weighted
    by their size (so a small late cohort does not dominate).

    Parameters
    ----------
    transactions, customer, date, period, acquired, observation_end
        As in :func:`cohort_retention`.

    Returns
    -------
    Series
        Index: periods since acquisition; values: shares 0–1; name ``"retention"``.

    Examples
    --------
    >>> tx = pd.DataFrame({"id": [1, 1, 2, 2, 3],
    ...                    "day": pd.to_datetime(["2024-01-03", "2024-02-10", "2024-01-20",
    ...                                           "2024-03-05", "2024-02-01"])})
    >>> retention_curve(tx, customer="id", date="day").round(3).tolist()
    [1.0, 0.333, 0.5]
    """
    counts, sizes, observed = _cohort_counts(
        transactions, customer=customer, date=date, period=period,
        acquired=acquired, observation_end=observation_end,
    )
    active = counts.where(observed).sum()
    base = observed.mul(sizes, axis=0).sum()
    curve = (active / base.replace(0, np.nan)).rename("retention")
    return curve.dropna()


def plot_cohort_heatmap(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    annotate: bool | None = None,
    max_periods: int | None = None,
    vmax: float = 1.0,
) -> Axes:
    """Heat map of a :func:`cohort_retention` table (darker = more retained), drawn with seaborn.

    Parameters
    ----------
    table : DataFrame
        Output of :func:`cohort_retention` with ``kind="share"``.
    ax : Axes, optional
        Where to draw; a new figure when None.
    title : str
        Chart title.
    annotate : bool, optional
        Write the percentage in each cell (default: only when the table has ≤ 15 columns).
    max_periods : int, optional
        Show only the first ``max_periods + 1`` columns.
    vmax : float, default 1.0
        Share shown in the darkest colour; lower it (e.g. 0.2) when retention is low, so that
        differences after period 0 stay visible.

    Returns
    -------
    Axes

    Examples
    --------
    >>> t = pd.DataFrame([[1.0, 0.5], [1.0, np.nan]], index=["2024-01", "2024-02"])
    >>> plot_cohort_heatmap(t).get_title()
    'Cohort retention (share of cohort still buying)'
    """
    import matplotlib.pyplot as plt
    import seaborn as sns

    tab = check.require_frame(table, name="table")
    check.require_numeric(tab, list(tab.columns), name="table", allow_nan=True)
    if max_periods is not None:
        tab = tab.iloc[:, : int(max_periods) + 1]
    if ax is None:
        _, ax = plt.subplots(figsize=(min(14, 2 + 0.6 * tab.shape[1]), min(10, 1.5 + 0.35 * len(tab))))
    if annotate is None:
        annotate = tab.shape[1] <= 15 and len(tab) <= 30
    shown = tab.astype(float).set_axis([str(i) for i in tab.index], axis=0)
    shown = shown.set_axis([str(c) for c in tab.columns], axis=1)
    sns.heatmap(shown, ax=ax, cmap="Blues", vmin=0, vmax=vmax, mask=shown.isna(),
                annot=bool(annotate), fmt=".0%", annot_kws={"fontsize": 8},
                cbar_kws={"label": pick({"en": "share of cohort (0–1)", "zh": "同期群占比（0–1）"})},
                yticklabels=max(1, len(tab) // 24))
    ax.tick_params(axis="y", rotation=0)
    ax.grid(False)
    label(ax, title={"en": "Cohort retention (share of cohort still buying)",
                     "zh": "同期群保留率（仍在购买的客户占比）"} if title is None else title,
          x=periods_label(tab.columns.name, "periods since acquisition"),
          y={"en": "acquisition cohort", "zh": "获客同期群"})
    return ax


def plot_retention_curves(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    cohorts: Sequence[Any] | None = None,
    pooled: pd.Series | None = None,
    title: str | None = None,
) -> Axes:
    """One line per cohort (row of a :func:`cohort_retention` table), optionally the pooled curve.

    Examples
    --------
    >>> t = pd.DataFrame([[1.0, 0.5, 0.4], [1.0, 0.6, np.nan]], index=["2024-01", "2024-02"])
    >>> plot_retention_curves(t).get_ylabel()
    'share of cohort still buying (%)'
    """
    import matplotlib.pyplot as plt

    tab = check.require_frame(table, name="table")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 5))
    rows = tab if cohorts is None else tab.loc[list(cohorts)]
    for cohort, row in rows.iterrows():
        ax.plot(row.index, row.to_numpy(dtype=float) * 100, marker="o", ms=3, lw=1,
                alpha=0.7, label=str(cohort))
    if pooled is not None:
        ax.plot(pooled.index, pooled.to_numpy(dtype=float) * 100, color=colour("ink"), lw=3,
                label=pick({"en": "all cohorts (pooled)", "zh": "全部同期群（合并）"}))
    ax.set_ylim(0, 105)
    label(ax, title={"en": "Retention curves by acquisition cohort",
                     "zh": "各获客同期群的保留曲线"} if title is None else title,
          x=periods_label(tab.columns.name),
          y={"en": "share of cohort still buying (%)", "zh": "仍在购买的同期群占比（%）"})
    if len(rows) <= 12 or pooled is not None:
        ax.legend(fontsize=8, ncol=2)
    return ax


# ---------------------------------------------------------------------------------------------
# retention rate and expected lifetime
# ---------------------------------------------------------------------------------------------


def retention_rate(start: float, end: float, new: float) -> float:
    """Customer retention rate of one period: ``(end - new) / start``.

    Parameters
    ----------
    start : number
        Customers at the start of the period (S).
    end : number
        Customers at the end of the period (E).
    new : number
        New customers won during the period (N); they are not "retained".

    Returns
    -------
    float
        A share between 0 and 1 (multiply by 100 for a percentage).

    Raises
    ------
    ValueError
        ``start`` ≤ 0, negative counts, more new customers than customers at the end, or more
        retained customers than there were at the start.

    Examples
    --------
    Start with 200 customers, win 40 new ones, end with 180: 140 of the 200 were kept.

    >>> retention_rate(200, 180, 40)
    0.7
    """
    s = check.require_positive(start, name="start")
    e = check.require_positive(end, name="end", allow_zero=True)
    n = check.require_positive(new, name="new", allow_zero=True)
    if n > e:
        raise ValueError(
            f"`new` ({n:g}) cannot exceed `end` ({e:g}): the new customers are part of the "
            "customers at the end of the period. Check that you did not swap the arguments."
        )
    if e - n > s:
        raise ValueError(
            f"end − new = {e - n:g} retained customers is more than the {s:g} at the start. "
            "Count every customer won during the period in `new`."
        )
    return (e - n) / s


def expected_lifetime(retention: float, *, count_first: bool = True) -> float:
    """Expected customer lifetime, in periods, for a constant retention rate ``r``.

    With ``count_first=True`` (default) the acquisition period counts as the first period of
    the lifetime: a customer is there in period 1 for sure, in period 2 with probability
    ``r``, in period 3 with ``r²``…, so the expected number of periods is
    ``1 + r + r² + … = 1 / (1 − r)``. With ``count_first=False`` only the periods *after* the
    first are counted (renewals): ``r / (1 − r)`` — one less. Textbooks use both; Fader &
    Hardie (2012), "Reconciling and clarifying CLV formulas", explain the same choice for CLV.

    Parameters
    ----------
    retention : float
        Retention rate per period, a share in [0, 1).
    count_first : bool, default True
        Whether the first (acquisition) period is counted.

    Returns
    -------
    float

    Examples
    --------
    >>> expected_lifetime(0.8)
    5.0
    >>> round(expected_lifetime(0.8, count_first=False), 6)
    4.0
    """
    r = check.require_probability(retention, name="retention", high_open=True)
    return 1 / (1 - r) if count_first else r / (1 - r)


def acquisition_retention_cost(
    *,
    acquisition_spend: float,
    new_customers: float,
    retention_spend: float,
    retained_customers: float,
) -> pd.Series:
    """Cost to win one new customer versus cost to keep one existing customer.

    Returns
    -------
    Series
        ``cost_per_new``, ``cost_per_retained`` (same currency as the spend) and ``ratio``
        (how many times more a new customer costs).

    Examples
    --------
    >>> acquisition_retention_cost(acquisition_spend=50_000, new_customers=500,
    ...                            retention_spend=40_000, retained_customers=2_000)
    cost_per_new         100.0
    cost_per_retained     20.0
    ratio                  5.0
    dtype: float64
    """
    a = check.require_positive(acquisition_spend, name="acquisition_spend", allow_zero=True)
    n = check.require_positive(new_customers, name="new_customers")
    r = check.require_positive(retention_spend, name="retention_spend")
    k = check.require_positive(retained_customers, name="retained_customers")
    per_new, per_kept = a / n, r / k
    return pd.Series({"cost_per_new": per_new, "cost_per_retained": per_kept,
                      "ratio": per_new / per_kept})


cohort_heatmap = deprecated_alias(plot_cohort_heatmap, "cohort_heatmap")
