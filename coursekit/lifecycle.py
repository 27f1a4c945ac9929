"""Loyalty, retention, customer lifecycle and complaint handling (chapter 05).

Retention is measured in three ways that students often mix up:

* the **retention rate** of a period, ``(end - new) / start`` (:func:`retention_rate`);
* **cohort retention**: of the customers acquired in one month (a *cohort*, 客户群组), the share
  still buying 1, 2, 3 … months later (:func:`cohort_retention`, :func:`retention_curve`);
* **survival**: the share of customers who have not yet left after *t* days, with customers still
  active at the end of the data counted correctly (Kaplan–Meier, :func:`kaplan_meier`).

The module also assigns a rule-based **lifecycle stage** (客户生命周期阶段) per customer
(:func:`lifecycle_stage`), measures a **complaint log** as a process (:func:`complaint_times`,
:func:`service_level`, :func:`complaint_summary`, :func:`repeat_complaints`,
:func:`complaint_pareto`), sorts survey respondents into Jones & Sasser's satisfaction–loyalty
quadrants (:func:`loyalty_quadrant`) and does the arithmetic of acquisition versus retention cost
(:func:`acquisition_retention_cost`) and word of mouth (:func:`word_of_mouth`).

Every function is pure: the caller's data is never modified.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._validate import (
    as_number,
    as_numeric_array,
    require_choice,
    require_columns,
    require_datetime,
    require_frame,
    require_numeric,
    require_positive,
    require_probability,
)

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "STAGES",
    "STAGE_ACTIONS",
    "QUADRANTS",
    "cohort_retention",
    "retention_curve",
    "cohort_heatmap",
    "plot_retention_curves",
    "retention_rate",
    "expected_lifetime",
    "lifecycle_stage",
    "customer_durations",
    "kaplan_meier",
    "plot_survival",
    "complaint_times",
    "service_level",
    "complaint_summary",
    "repeat_complaints",
    "complaint_pareto",
    "plot_pareto",
    "loyalty_quadrant",
    "acquisition_retention_cost",
    "word_of_mouth",
    "service_audit",
]

PERIODS = ("D", "W", "M", "Q", "Y")
_PERIOD_WORDS = {"D": "days", "W": "weeks", "M": "months", "Q": "quarters", "Y": "years"}

#: Lifecycle stages, in order (客户生命周期：考察期/获取、形成期/成长、稳定期/成熟、退化期/衰退、流失).
STAGES = ("acquisition", "growth", "maturity", "decline", "lapsed")

#: What each lifecycle stage calls for (a starting point for the manager's discussion).
STAGE_ACTIONS: dict[str, str] = {
    "acquisition": "welcome and onboard: make the second visit easy (first-week offer, app set-up)",
    "growth": "cross-sell and up-sell: introduce more products and occasions, raise the tier",
    "maturity": "reward and deepen: recognition, member events, ask for referrals",
    "decline": "diagnose and win back early: ask why, fix the problem, a personal offer",
    "lapsed": "win-back campaign for the valuable ones; accept losing the rest",
}

#: Jones & Sasser (1995) satisfaction–loyalty quadrants.
QUADRANTS = ("apostle", "mercenary", "hostage", "defector")


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def _customer_column(df: pd.DataFrame, customer: str, name: str) -> pd.Series:
    s = df[customer]
    if s.isna().any():
        raise ValueError(
            f"Column {customer!r} of `{name}` has {int(s.isna().sum())} missing customer id(s). "
            "Drop those rows (df.dropna(subset=[...])) before calling this function."
        )
    return s


def _as_timestamp(value: Any, *, name: str) -> pd.Timestamp:
    if isinstance(value, bool) or value is None:
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


def _optional_datetime(df: pd.DataFrame, column: str, *, name: str) -> pd.Series:
    """Like ``require_datetime`` but missing values (not yet happened) are allowed."""
    require_columns(df, [column], name=name)
    s = df[column]
    if pd.api.types.is_datetime64_any_dtype(s):
        return s
    out = pd.to_datetime(s, errors="coerce")
    bad = s[out.isna() & s.notna()]
    if len(bad):
        shown = ", ".join(repr(v) for v in bad.unique()[:5])
        raise ValueError(
            f"Column {column!r} of `{name}` must hold dates and times, but has values that are "
            f"not dates, such as {shown}. Use a format like 2025-03-31 14:05."
        )
    return out


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
    df = require_frame(transactions, name="transactions")
    require_columns(df, [customer, date], name="transactions")
    period = require_choice(period, name="period", choices=PERIODS)
    dates = require_datetime(df, date, name="transactions")
    cust = _customer_column(df, customer, "transactions")
    ordinal = pd.Series(dates.dt.to_period(period).array.asi8, index=df.index)

    if acquired is None:
        first = ordinal.groupby(cust.to_numpy()).min()
        data_start = int(ordinal.min())
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
        unknown = pd.Index(cust.unique()).difference(acq.index)
        if len(unknown):
            raise ValueError(
                f"{len(unknown)} customer(s) in `transactions` have no acquisition date in "
                f"`acquired`, e.g. {list(unknown[:3])}. Keep only their transactions, e.g. "
                "transactions[transactions[customer].isin(acquired.index)]."
            )
        first = pd.Series(acq.dt.to_period(period).array.asi8, index=acq.index)
        data_start = int(ordinal.min())

    end_ord = int(ordinal.max())
    if observation_end is not None:
        end_ts = _as_timestamp(observation_end, name="observation_end")
        end_ord = int(pd.Series([end_ts]).dt.to_period(period).array.asi8[0])
        keep = ordinal <= end_ord
        ordinal, cust = ordinal[keep], cust[keep]

    offset = ordinal.to_numpy() - first.reindex(cust.to_numpy()).to_numpy()
    pairs = pd.DataFrame({"cohort": ordinal.to_numpy() - offset, "k": offset, "c": cust.to_numpy()})
    pairs = pairs[pairs["k"] >= 0].drop_duplicates()
    sizes = first.value_counts().sort_index()
    sizes = sizes[sizes.index <= end_ord]
    if sizes.empty:
        raise ValueError(
            "No customer was acquired before `observation_end`; choose a later date."
        )
    max_k = int(end_ord - sizes.index.min())
    counts = (
        pairs.groupby(["cohort", "k"]).size().unstack("k")
        .reindex(index=sizes.index, columns=range(max_k + 1)).fillna(0)
    )
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
    kind = require_choice(kind, name="kind", choices=("share", "count"))
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


def cohort_heatmap(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str = "Cohort retention (share of cohort still buying)",
    annotate: bool | None = None,
    max_periods: int | None = None,
    vmax: float = 1.0,
) -> Axes:
    """Heat map of a :func:`cohort_retention` table (darker = more retained).

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
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> t = pd.DataFrame([[1.0, 0.5], [1.0, np.nan]], index=["2024-01", "2024-02"])
    >>> cohort_heatmap(t).get_title()
    'Cohort retention (share of cohort still buying)'
    """
    import matplotlib.pyplot as plt

    tab = require_frame(table, name="table")
    require_numeric(tab, list(tab.columns), name="table", allow_nan=True)
    if max_periods is not None:
        tab = tab.iloc[:, : int(max_periods) + 1]
    if ax is None:
        _, ax = plt.subplots(figsize=(min(14, 2 + 0.6 * tab.shape[1]), min(10, 1.5 + 0.35 * len(tab))))
    values = tab.to_numpy(dtype=float)
    im = ax.imshow(np.ma.masked_invalid(values), aspect="auto", cmap="Blues", vmin=0, vmax=vmax)
    ax.figure.colorbar(im, ax=ax, label="share of cohort (0–1)")
    ax.set_xticks(range(tab.shape[1]), [str(c) for c in tab.columns])
    step = max(1, len(tab) // 24)
    ax.set_yticks(range(0, len(tab), step), [str(i) for i in tab.index[::step]])
    if annotate is None:
        annotate = tab.shape[1] <= 15 and len(tab) <= 30
    if annotate:
        for i in range(values.shape[0]):
            for j in range(values.shape[1]):
                v = values[i, j]
                if not np.isnan(v):
                    ax.text(j, i, f"{v:.0%}", ha="center", va="center", fontsize=8,
                            color="white" if v > 0.6 * vmax else "black")
    ax.set_title(title)
    ax.set_xlabel(str(tab.columns.name or "periods since acquisition").replace("_", " "))
    ax.set_ylabel("acquisition cohort")
    return ax


def plot_retention_curves(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    cohorts: Sequence[Any] | None = None,
    pooled: pd.Series | None = None,
    title: str = "Retention curves by acquisition cohort",
) -> Axes:
    """One line per cohort (row of a :func:`cohort_retention` table), optionally the pooled curve.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> t = pd.DataFrame([[1.0, 0.5, 0.4], [1.0, 0.6, np.nan]], index=["2024-01", "2024-02"])
    >>> plot_retention_curves(t).get_ylabel()
    'share of cohort still buying (%)'
    """
    import matplotlib.pyplot as plt

    tab = require_frame(table, name="table")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 5))
    rows = tab if cohorts is None else tab.loc[list(cohorts)]
    for label, row in rows.iterrows():
        ax.plot(row.index, row.to_numpy(dtype=float) * 100, marker="o", ms=3, lw=1,
                alpha=0.7, label=str(label))
    if pooled is not None:
        ax.plot(pooled.index, pooled.to_numpy(dtype=float) * 100, color="black", lw=3,
                label="all cohorts (pooled)")
    ax.set_ylim(0, 105)
    ax.set_title(title)
    ax.set_xlabel(f"{tab.columns.name or 'periods'}".replace("_", " "))
    ax.set_ylabel("share of cohort still buying (%)")
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
    s = require_positive(start, name="start")
    e = require_positive(end, name="end", allow_zero=True)
    n = require_positive(new, name="new", allow_zero=True)
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
    r = require_probability(retention, name="retention", high_open=True)
    return 1 / (1 - r) if count_first else r / (1 - r)


# ---------------------------------------------------------------------------------------------
# lifecycle stages
# ---------------------------------------------------------------------------------------------


def lifecycle_stage(
    transactions: pd.DataFrame,
    *,
    customer: str,
    date: str,
    as_of: Any,
    amount: str | None = None,
    window_days: int = 90,
    new_days: int = 90,
    lapsed_days: int = 180,
    growth: float = 0.2,
    decline: float = 0.2,
) -> pd.DataFrame:
    """Rule-based lifecycle stage per customer on the day ``as_of``.

    The rules are applied in this order (all thresholds are parameters):

    1. **lapsed** (流失): no purchase in the last ``lapsed_days`` days;
    2. **acquisition** (考察期/获取): first purchase less than ``new_days`` days ago;
    3. compare the last ``window_days`` days (*recent*) with the ``window_days`` before
       (*previous*), in visits or, with ``amount``, in spend:
       **growth** (形成期/成长) if recent ≥ previous × (1 + ``growth``),
       **decline** (退化期/衰退) if recent ≤ previous × (1 − ``decline``),
       otherwise **maturity** (稳定期/成熟).

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase. Purchases after ``as_of`` are ignored.
    customer, date : str
        Column names of customer id and purchase date.
    as_of : date
        The day on which the stage is judged.
    amount : str, optional
        Spend column; by default visits (number of purchases) are compared.
    window_days, new_days, lapsed_days : int
        Lengths in days (> 0).
    growth, decline : float
        Relative change that counts as growth / decline, e.g. 0.2 = 20 %.

    Returns
    -------
    DataFrame
        Index: customer. Columns ``first``, ``last``, ``tenure_days``, ``recency_days``,
        ``recent``, ``previous``, ``stage`` (ordered categorical, see :data:`STAGES`).

    Examples
    --------
    >>> tx = pd.DataFrame({"id": [1, 1, 1, 2, 3, 3],
    ...     "day": pd.to_datetime(["2024-01-10", "2024-11-01", "2024-12-20", "2024-12-01",
    ...                            "2024-01-05", "2024-03-01"])})
    >>> lifecycle_stage(tx, customer="id", date="day", as_of="2024-12-31")["stage"].tolist()
    ['growth', 'acquisition', 'lapsed']
    """
    df = require_frame(transactions, name="transactions")
    cols = [customer, date] + ([amount] if amount is not None else [])
    require_columns(df, cols, name="transactions")
    if amount is not None:
        require_numeric(df, [amount], name="transactions")
    dates = require_datetime(df, date, name="transactions")
    cust = _customer_column(df, customer, "transactions")
    as_of_ts = _as_timestamp(as_of, name="as_of")
    for nm, v in (("window_days", window_days), ("new_days", new_days),
                  ("lapsed_days", lapsed_days)):
        require_positive(v, name=nm)
    g = require_positive(growth, name="growth", allow_zero=True)
    d = require_probability(decline, name="decline")
    keep = (dates <= as_of_ts).to_numpy()
    if not keep.any():
        raise ValueError(
            f"No purchase on or before as_of={as_of_ts.date()}; the data start on "
            f"{dates.min().date()}. Choose a later `as_of`."
        )
    value = df[amount].to_numpy(dtype=float) if amount is not None else np.ones(len(df))
    age = (as_of_ts - dates).dt.days.to_numpy()
    frame = pd.DataFrame({"c": cust.to_numpy(), "t": dates.to_numpy(), "v": value, "age": age})
    frame = frame[keep]
    frame["recent"] = np.where(frame["age"] < window_days, frame["v"], 0.0)
    frame["previous"] = np.where(
        (frame["age"] >= window_days) & (frame["age"] < 2 * window_days), frame["v"], 0.0
    )
    out = frame.groupby("c").agg(
        first=("t", "min"), last=("t", "max"), recent=("recent", "sum"),
        previous=("previous", "sum"),
    )
    out.index.name = customer
    out.insert(2, "tenure_days", (as_of_ts - out["first"]).dt.days)
    out.insert(3, "recency_days", (as_of_ts - out["last"]).dt.days)
    rec, prev = out["recent"].to_numpy(), out["previous"].to_numpy()
    stage = np.select(
        [
            out["recency_days"].to_numpy() > lapsed_days,
            out["tenure_days"].to_numpy() < new_days,
            (rec >= prev * (1 + g)) & (rec > 0),
            rec <= prev * (1 - d),
        ],
        ["lapsed", "acquisition", "growth", "decline"],
        default="maturity",
    )
    out["stage"] = pd.Categorical(stage, categories=list(STAGES), ordered=True)
    return out


# ---------------------------------------------------------------------------------------------
# survival (Kaplan–Meier)
# ---------------------------------------------------------------------------------------------


def customer_durations(
    transactions: pd.DataFrame,
    *,
    customer: str,
    date: str,
    lapse_days: int = 180,
    observation_end: Any = None,
) -> pd.DataFrame:
    """Turn purchases into survival data: how long each customer stayed, and did they leave?

    A customer counts as **churned** (event) when the last purchase is more than ``lapse_days``
    before ``observation_end``; the duration is then first → last purchase (0 for a one-time
    buyer). Otherwise the
    customer is still active (**censored**) and the duration is first purchase →
    ``observation_end``: we only know they stayed *at least* that long.

    Returns
    -------
    DataFrame
        Index: customer; columns ``duration_days`` (int) and ``churned`` (bool).

    Examples
    --------
    >>> tx = pd.DataFrame({"id": [1, 1, 2], "day": pd.to_datetime(
    ...     ["2024-01-01", "2024-02-01", "2024-06-01"])})
    >>> customer_durations(tx, customer="id", date="day", lapse_days=90,
    ...                    observation_end="2024-12-31")
        duration_days  churned
    id
    1              31     True
    2               0     True
    """
    df = require_frame(transactions, name="transactions")
    require_columns(df, [customer, date], name="transactions")
    dates = require_datetime(df, date, name="transactions")
    cust = _customer_column(df, customer, "transactions")
    lapse = require_positive(lapse_days, name="lapse_days")
    end = dates.max() if observation_end is None else _as_timestamp(
        observation_end, name="observation_end")
    span = dates.groupby(cust.to_numpy()).agg(["min", "max"])
    if (span["min"] > end).any():
        raise ValueError("`observation_end` is before some customers' first purchase; "
                         "filter the transactions or choose a later date.")
    churned = (end - span["max"]).dt.days > lapse
    duration = np.where(churned, (span["max"] - span["min"]).dt.days, (end - span["min"]).dt.days)
    out = pd.DataFrame({"duration_days": duration.astype(int), "churned": churned.to_numpy()},
                       index=span.index)
    out.index.name = customer
    return out


def kaplan_meier(
    data: pd.DataFrame,
    *,
    duration: str = "duration_days",
    event: str = "churned",
    group: str | None = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """Kaplan–Meier survival curve(s) (生存曲线), fitted with :mod:`lifelines`.

    The share of customers who have not yet churned after *t* time units, counting customers
    who are still active at the end of the data (censored) correctly.

    Parameters
    ----------
    data : DataFrame
        One row per customer, e.g. from :func:`customer_durations`.
    duration : str
        Column with the time observed (≥ 0).
    event : str
        Column, True/1 when the customer churned, False/0 when still active (censored).
    group : str, optional
        Fit one curve per value of this column.
    alpha : float, default 0.05
        1 − confidence level of the band.

    Returns
    -------
    DataFrame
        Long format: ``group``, ``time``, ``survival``, ``lower``, ``upper``, ``at_risk``.

    Examples
    --------
    >>> d = pd.DataFrame({"t": [1, 2, 3, 4, 5], "e": [1, 1, 0, 1, 0]})
    >>> kaplan_meier(d, duration="t", event="e")["survival"].round(3).tolist()
    [1.0, 0.8, 0.6, 0.6, 0.3, 0.3]
    """
    from lifelines import KaplanMeierFitter

    df = require_frame(data, name="data")
    require_numeric(df, [duration], name="data", nonnegative=True)
    require_columns(df, [event], name="data")
    ev = df[event]
    if ev.isna().any() or not ev.isin([0, 1, True, False]).all():
        found = ", ".join(repr(v) for v in pd.unique(ev[~ev.isin([0, 1, True, False])])[:5])
        raise ValueError(
            f"Column {event!r} of `data` must be True/False (or 1/0): 1 = churned, "
            f"0 = still active. Found {found or 'missing values'}."
        )
    a = require_probability(alpha, name="alpha", low_open=True, high_open=True)
    groups = [(None, df)] if group is None else list(
        df.groupby(require_columns(df, [group], name="data")[0], observed=True, sort=True))
    parts = []
    for key, sub in groups:
        kmf = KaplanMeierFitter(alpha=a)
        kmf.fit(sub[duration].to_numpy(dtype=float),
                event_observed=sub[event].to_numpy(dtype=bool), label="survival")
        ci = kmf.confidence_interval_survival_function_
        part = pd.DataFrame({
            "group": "all" if key is None else key,
            "time": kmf.survival_function_.index.to_numpy(),
            "survival": kmf.survival_function_["survival"].to_numpy(),
            "lower": ci.iloc[:, 0].to_numpy(),
            "upper": ci.iloc[:, 1].to_numpy(),
            "at_risk": kmf.event_table["at_risk"].reindex(kmf.survival_function_.index)
            .to_numpy(),
        })
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def plot_survival(
    km: pd.DataFrame,
    *,
    ax: Axes | None = None,
    time_unit: str = "days",
    title: str = "Kaplan–Meier survival: share of customers not yet lost",
    band: bool = True,
) -> Axes:
    """Step plot of :func:`kaplan_meier` output, one line per group, with confidence bands.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> d = pd.DataFrame({"t": [1, 2, 3, 4, 5], "e": [1, 1, 0, 1, 0]})
    >>> plot_survival(kaplan_meier(d, duration="t", event="e")).get_xlabel()
    'time since first purchase (days)'
    """
    import matplotlib.pyplot as plt

    tab = require_frame(km, name="km")
    require_columns(tab, ["group", "time", "survival"], name="km")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 5))
    for key, sub in tab.groupby("group", sort=False):
        line = ax.step(sub["time"], sub["survival"] * 100, where="post", label=str(key))[0]
        if band and {"lower", "upper"} <= set(sub.columns):
            ax.fill_between(sub["time"], sub["lower"] * 100, sub["upper"] * 100, step="post",
                            alpha=0.2, color=line.get_color())
    ax.set_ylim(0, 105)
    ax.set_title(title)
    ax.set_xlabel(f"time since first purchase ({time_unit})")
    ax.set_ylabel("customers not yet lost (%)")
    if tab["group"].nunique() > 1:
        ax.legend()
    return ax


# ---------------------------------------------------------------------------------------------
# complaint handling
# ---------------------------------------------------------------------------------------------


def complaint_times(
    log: pd.DataFrame,
    *,
    received: str = "received_at",
    first_response: str = "first_response_at",
    resolved: str = "resolved_at",
    unit: str = "h",
) -> pd.DataFrame:
    """Time to first response and time to resolution of each complaint.

    A missing first-response or resolution time means "not yet" and gives NaN.

    Parameters
    ----------
    log : DataFrame
        The complaint log, one row per complaint.
    received, first_response, resolved : str
        Column names of the three timestamps.
    unit : {"h", "D", "min"}, default "h"
        Unit of the result: hours, days or minutes.

    Returns
    -------
    DataFrame
        Same index as ``log``; columns ``to_first_response`` and ``to_resolution``.

    Raises
    ------
    ValueError
        Missing receipt times, or a response / resolution before the receipt.

    Examples
    --------
    >>> log = pd.DataFrame({"received_at": pd.to_datetime(["2025-01-01 09:00", "2025-01-02 10:00"]),
    ...     "first_response_at": pd.to_datetime(["2025-01-01 11:30", None]),
    ...     "resolved_at": pd.to_datetime(["2025-01-02 09:00", None])})
    >>> complaint_times(log)
       to_first_response  to_resolution
    0                2.5           24.0
    1                NaN            NaN
    """
    df = require_frame(log, name="log")
    unit = require_choice(unit, name="unit", choices=("h", "D", "min"))
    t0 = require_datetime(df, received, name="log")
    scale = pd.Timedelta(1, unit=unit)
    out = {}
    for col, label in ((first_response, "to_first_response"), (resolved, "to_resolution")):
        t = _optional_datetime(df, col, name="log")
        delta = (t - t0) / scale
        if (delta < 0).any():
            rows = delta.index[delta < 0].tolist()[:5]
            raise ValueError(
                f"Column {col!r} of `log` is earlier than {received!r} in "
                f"{int((delta < 0).sum())} row(s), e.g. rows {rows}. A complaint cannot be "
                "answered before it is received: check those timestamps (time zone? swapped?)."
            )
        out[label] = delta.astype(float)
    return pd.DataFrame(out, index=df.index)


def service_level(durations: Any, *, target: float, missing: str = "miss") -> float:
    """Share of cases handled within the ``target`` time (服务水平达成率).

    Parameters
    ----------
    durations : list, Series or array
        Handling times (e.g. hours); NaN = not handled yet.
    target : float
        The promised maximum time, in the same unit.
    missing : {"miss", "drop"}, default "miss"
        ``"miss"`` counts unhandled cases as missing the target (the customer is still
        waiting); ``"drop"`` leaves them out (only finished cases).

    Returns
    -------
    float
        Share 0–1.

    Examples
    --------
    >>> service_level([2, 5, 30, float("nan")], target=24)
    0.5
    >>> round(service_level([2, 5, 30, float("nan")], target=24, missing="drop"), 4)
    0.6667
    """
    arr = as_numeric_array(durations, name="durations", allow_nan=True, nonnegative=True)
    tgt = require_positive(target, name="target")
    missing = require_choice(missing, name="missing", choices=("miss", "drop"))
    if missing == "drop":
        arr = arr[~np.isnan(arr)]
        if arr.size == 0:
            raise ValueError("All `durations` are missing; nothing was handled yet.")
    return float(np.mean(np.nan_to_num(arr, nan=np.inf) <= tgt))


def complaint_summary(
    log: pd.DataFrame,
    *,
    received: str = "received_at",
    first_response: str = "first_response_at",
    resolved: str = "resolved_at",
    response_target: float = 24,
    resolution_target: float = 72,
    by: str | None = None,
) -> pd.DataFrame:
    """Process measures of a complaint log, overall or per group (channel, category …).

    Columns: ``complaints``; ``median_response_h`` and ``p90_response_h`` (hours to first
    response, answered complaints only); ``median_resolution_h`` and ``p90_resolution_h``;
    ``within_response_target`` and ``within_resolution_target`` (shares; complaints not yet
    answered / resolved count as misses); ``unresolved`` (share).

    Examples
    --------
    >>> log = pd.DataFrame({"received_at": pd.to_datetime(["2025-01-01 09:00", "2025-01-02 10:00"]),
    ...     "first_response_at": pd.to_datetime(["2025-01-01 11:30", "2025-01-03 12:00"]),
    ...     "resolved_at": pd.to_datetime(["2025-01-02 09:00", None])})
    >>> complaint_summary(log).loc["all", ["complaints", "within_response_target", "unresolved"]]
    complaints                2.0
    within_response_target    0.5
    unresolved                0.5
    Name: all, dtype: float64
    """
    df = require_frame(log, name="log")
    times = complaint_times(df, received=received, first_response=first_response,
                            resolved=resolved)
    rt = require_positive(response_target, name="response_target")
    st = require_positive(resolution_target, name="resolution_target")
    if by is None:
        keys = pd.Series("all", index=df.index)
    else:
        require_columns(df, [by], name="log")
        keys = df[by]
    rows = {}
    for key, idx in times.groupby(keys.to_numpy(), sort=True).groups.items():
        t = times.loc[idx]
        rows[key] = {
            "complaints": float(len(t)),
            "median_response_h": t["to_first_response"].median(),
            "p90_response_h": t["to_first_response"].quantile(0.9),
            "median_resolution_h": t["to_resolution"].median(),
            "p90_resolution_h": t["to_resolution"].quantile(0.9),
            "within_response_target": service_level(t["to_first_response"], target=rt),
            "within_resolution_target": service_level(t["to_resolution"], target=st),
            "unresolved": float(t["to_resolution"].isna().mean()),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = by or "group"
    return out


def repeat_complaints(
    log: pd.DataFrame,
    *,
    customer: str,
    date: str | None = None,
    within_days: int | None = None,
) -> pd.DataFrame:
    """Complaints per customer and whether the customer is a *repeat complainant*.

    By default a repeat complainant has complained more than once. With ``date`` and
    ``within_days``, only a complaint within ``within_days`` of the previous one counts as a
    repeat (a sign that the first complaint was not really fixed).

    Returns
    -------
    DataFrame
        Index: customer; columns ``complaints`` (int) and ``repeat`` (bool). Rows without a
        customer id (anonymous complaints) are left out.

    Examples
    --------
    >>> log = pd.DataFrame({"member": [7, 7, 8, None],
    ...     "at": pd.to_datetime(["2025-01-01", "2025-03-01", "2025-01-05", "2025-01-06"])})
    >>> repeat_complaints(log, customer="member")
            complaints  repeat
    member
    7.0              2    True
    8.0              1   False
    >>> repeat_complaints(log, customer="member", date="at", within_days=30)["repeat"].tolist()
    [False, False]
    """
    df = require_frame(log, name="log")
    require_columns(df, [customer], name="log")
    if (date is None) != (within_days is None):
        raise ValueError("Give both `date` and `within_days` (or neither).")
    known = df[df[customer].notna()]
    if known.empty:
        raise ValueError(f"Column {customer!r} of `log` has no customer ids at all.")
    counts = known.groupby(customer).size().rename("complaints")
    if date is None:
        repeat = counts > 1
    else:
        days = require_positive(within_days, name="within_days")
        t = require_datetime(known, date, name="log")
        gaps = t.sort_values().groupby(known[customer]).diff().dt.days
        repeat = (gaps <= days).groupby(known[customer]).any().reindex(counts.index)
    return pd.DataFrame({"complaints": counts.astype(int), "repeat": repeat.astype(bool)})


def complaint_pareto(log: pd.DataFrame, *, cause: str, cut: float = 0.8) -> pd.DataFrame:
    """Pareto table of complaint causes (帕累托分析): the *vital few* causes come first.

    Parameters
    ----------
    log : DataFrame
        One row per complaint.
    cause : str
        Column with the cause / category.
    cut : float, default 0.8
        The vital few are the causes needed to reach this cumulative share.

    Returns
    -------
    DataFrame
        Index: cause (most frequent first); columns ``count``, ``share``, ``cumulative``,
        ``vital_few`` (bool).

    Examples
    --------
    >>> log = pd.DataFrame({"cat": ["wait"] * 6 + ["taste"] * 3 + ["price"]})
    >>> complaint_pareto(log, cause="cat")
           count  share  cumulative  vital_few
    cat
    wait       6    0.6         0.6       True
    taste      3    0.3         0.9       True
    price      1    0.1         1.0      False
    """
    df = require_frame(log, name="log")
    require_columns(df, [cause], name="log")
    c = require_probability(cut, name="cut", low_open=True)
    vals = df[cause]
    if vals.isna().all():
        raise ValueError(f"Column {cause!r} of `log` is empty (all missing).")
    counts = vals.value_counts(dropna=True, sort=False)
    counts = counts[counts > 0]  # unused categories of a categorical column
    counts = counts.iloc[np.lexsort((counts.index.astype(str), -counts.to_numpy()))]
    share = counts / counts.sum()
    cum = share.cumsum()
    out = pd.DataFrame({"count": counts.astype(int), "share": share, "cumulative": cum})
    out["vital_few"] = (cum.shift(fill_value=0.0) < c - 1e-12).to_numpy()
    out.index.name = cause
    return out


def plot_pareto(
    table: pd.DataFrame,
    *,
    ax: Axes | None = None,
    title: str = "Pareto chart of complaint causes",
    unit: str = "complaints",
) -> Axes:
    """Bars (counts) plus the cumulative-share line of a :func:`complaint_pareto` table.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> log = pd.DataFrame({"cat": ["wait"] * 6 + ["taste"] * 3 + ["price"]})
    >>> plot_pareto(complaint_pareto(log, cause="cat")).get_title()
    'Pareto chart of complaint causes'
    """
    import matplotlib.pyplot as plt

    tab = require_frame(table, name="table")
    require_columns(tab, ["count", "cumulative"], name="table")
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 5))
    labels = [str(i) for i in tab.index]
    colors = ["#1f5fa6" if v else "#9fb8d6" for v in tab.get("vital_few", [True] * len(tab))]
    ax.bar(labels, tab["count"], color=colors)
    ax.set_ylabel(f"number of {unit}")
    ax.set_xlabel(str(tab.index.name or "cause"))
    ax.tick_params(axis="x", rotation=30)
    ax2 = ax.twinx()
    ax2.plot(labels, tab["cumulative"] * 100, color="#c0392b", marker="o")
    ax2.axhline(80, color="grey", ls="--", lw=1)
    ax2.set_ylim(0, 105)
    ax2.set_ylabel("cumulative share (%)")
    ax.set_title(title)
    return ax


# ---------------------------------------------------------------------------------------------
# satisfaction–loyalty, costs, word of mouth, service audit
# ---------------------------------------------------------------------------------------------


def loyalty_quadrant(
    satisfaction: Any, loyalty: Any, *, satisfaction_cut: float, loyalty_cut: float
) -> pd.Series:
    """Jones & Sasser (1995) quadrants: apostle, mercenary, hostage, defector.

    ========================  ======================  ======================
    \\                         loyalty ≥ cut           loyalty < cut
    ========================  ======================  ======================
    satisfaction ≥ cut        apostle (传道者)         mercenary (雇佣兵)
    satisfaction < cut        hostage (人质)           defector (背叛者)
    ========================  ======================  ======================

    Parameters
    ----------
    satisfaction, loyalty : list, Series or array
        One score per respondent, same length (any scale).
    satisfaction_cut, loyalty_cut : float
        A score at or above the cut counts as "high". Jones & Sasser put it at the top box
        ("completely satisfied"); a survey can use its own rule.

    Returns
    -------
    Series
        Ordered categorical with the categories :data:`QUADRANTS` (index of ``satisfaction``
        when it is a Series).

    Examples
    --------
    >>> loyalty_quadrant([9, 9, 4, 3], [8, 2, 9, 1], satisfaction_cut=8, loyalty_cut=7).tolist()
    ['apostle', 'mercenary', 'hostage', 'defector']
    """
    sat = as_numeric_array(satisfaction, name="satisfaction")
    loy = as_numeric_array(loyalty, name="loyalty")
    if sat.shape != loy.shape:
        raise ValueError(
            f"`satisfaction` has {sat.size} scores but `loyalty` has {loy.size}; give one of "
            "each per respondent."
        )
    sc = as_number(satisfaction_cut, name="satisfaction_cut")
    lc = as_number(loyalty_cut, name="loyalty_cut")
    hi_s, hi_l = sat >= sc, loy >= lc
    labels = np.select([hi_s & hi_l, hi_s, hi_l], ["apostle", "mercenary", "hostage"],
                       default="defector")
    index = satisfaction.index if isinstance(satisfaction, pd.Series) else None
    return pd.Series(pd.Categorical(labels, categories=list(QUADRANTS)), index=index,
                     name="quadrant")


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
    a = require_positive(acquisition_spend, name="acquisition_spend", allow_zero=True)
    n = require_positive(new_customers, name="new_customers")
    r = require_positive(retention_spend, name="retention_spend")
    k = require_positive(retained_customers, name="retained_customers")
    per_new, per_kept = a / n, r / k
    return pd.Series({"cost_per_new": per_new, "cost_per_retained": per_kept,
                      "ratio": per_new / per_kept})


def word_of_mouth(customers: float, *, contacts: float = 250, periods: float = 1) -> float:
    """Joe Girard's "250 rule" as arithmetic: people reached = customers × contacts × periods.

    Girard (1977, *How to Sell Anything to Anybody*) observed that about 250 people come to a
    wedding or a funeral, so each customer can influence about 250 others. Upset ``customers``
    per period, over ``periods`` periods, each telling ``contacts`` people.

    Examples
    --------
    >>> word_of_mouth(2, periods=50)
    25000.0
    """
    c = require_positive(customers, name="customers", allow_zero=True)
    k = require_positive(contacts, name="contacts", allow_zero=True)
    p = require_positive(periods, name="periods")
    return float(c * k * p)


def service_audit(
    ratings: pd.DataFrame,
    *,
    dimension: str = "dimension",
    item: str = "item",
    score: str = "score",
    scale: tuple[float, float] = (1, 5),
    target: float = 4,
) -> pd.DataFrame:
    """Summarise a customer-service self-audit per dimension (people, business, hidden …).

    Parameters
    ----------
    ratings : DataFrame
        One row per audit item: its dimension, the item text and a score on ``scale``.
    dimension, item, score : str
        Column names.
    scale : (low, high)
        The rating scale; scores outside it are refused.
    target : float
        Items scoring below the target need action.

    Returns
    -------
    DataFrame
        Index: dimension (weakest first); columns ``items``, ``mean``, ``below_target``,
        ``weakest_item``.

    Examples
    --------
    >>> r = pd.DataFrame({"dimension": ["people", "people", "hidden"],
    ...                   "item": ["greets", "knows names", "clean toilets"],
    ...                   "score": [5, 3, 2]})
    >>> service_audit(r)
               items  mean  below_target   weakest_item
    dimension
    hidden         1   2.0             1  clean toilets
    people         2   4.0             1    knows names
    """
    df = require_frame(ratings, name="ratings")
    require_columns(df, [dimension, item, score], name="ratings")
    require_numeric(df, [score], name="ratings")
    lo, hi = (as_number(v, name="scale") for v in scale)
    s = df[score]
    if ((s < lo) | (s > hi)).any():
        bad = s[(s < lo) | (s > hi)].tolist()[:5]
        raise ValueError(f"Column {score!r} must be on the scale {lo:g}–{hi:g}, but has {bad}.")
    t = as_number(target, name="target")
    g = df.groupby(dimension, sort=False)
    out = pd.DataFrame({
        "items": g.size(),
        "mean": g[score].mean(),
        "below_target": g[score].apply(lambda x: int((x < t).sum())),
        "weakest_item": g.apply(lambda x: x.loc[x[score].idxmin(), item], include_groups=False),
    })
    return out.sort_values(["mean", "items"], kind="stable")

