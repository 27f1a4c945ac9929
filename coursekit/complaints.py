"""Complaint handling and service recovery: a complaint log measured as a process (chapter 05).

:func:`complaint_times` (time to first response and to resolution), :func:`service_level` (share
handled within a target), :func:`complaint_summary`, :func:`repeat_complaints`, the causes that
matter most (:func:`complaint_pareto`, :func:`plot_pareto`), what an upset customer costs in word
of mouth (:func:`word_of_mouth`) and a customer-service self-audit (:func:`service_audit`).
Every function is pure: the caller's data is never modified.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import _validate as check
from .plotting import colour

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "complaint_times",
    "service_level",
    "complaint_summary",
    "repeat_complaints",
    "complaint_pareto",
    "plot_pareto",
    "word_of_mouth",
    "service_audit",
]

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
    df = check.require_frame(log, name="log")
    unit = check.require_choice(unit, name="unit", choices=("h", "D", "min"))
    t0 = check.require_datetime(df, received, name="log")
    scale = pd.Timedelta(1, unit=unit)
    out = {}
    for col, label in ((first_response, "to_first_response"), (resolved, "to_resolution")):
        t = check._optional_datetime(df, col, name="log")
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
    arr = check.as_numeric_array(durations, name="durations", allow_nan=True, nonnegative=True)
    tgt = check.require_positive(target, name="target")
    missing = check.require_choice(missing, name="missing", choices=("miss", "drop"))
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
    df = check.require_frame(log, name="log")
    times = complaint_times(df, received=received, first_response=first_response,
                            resolved=resolved)
    rt = check.require_positive(response_target, name="response_target")
    st = check.require_positive(resolution_target, name="resolution_target")
    if by is None:
        keys = pd.Series("all", index=df.index)
    else:
        check.require_columns(df, [by], name="log")
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
    df = check.require_frame(log, name="log")
    check.require_columns(df, [customer], name="log")
    if (date is None) != (within_days is None):
        raise ValueError("Give both `date` and `within_days` (or neither).")
    known = df[df[customer].notna()]
    if known.empty:
        raise ValueError(f"Column {customer!r} of `log` has no customer ids at all.")
    counts = known.groupby(customer).size().rename("complaints")
    if date is None:
        repeat = counts > 1
    else:
        days = check.require_positive(within_days, name="within_days")
        t = check.require_datetime(known, date, name="log")
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
    df = check.require_frame(log, name="log")
    check.require_columns(df, [cause], name="log")
    c = check.require_probability(cut, name="cut", low_open=True)
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

    tab = check.require_frame(table, name="table")
    check.require_columns(tab, ["count", "cumulative"], name="table")
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 5))
    labels = [str(i) for i in tab.index]
    colors = [colour("main") if v else colour("main", alpha=0.4) for v in tab.get("vital_few", [True] * len(tab))]
    ax.bar(labels, tab["count"], color=colors)
    ax.set_ylabel(f"number of {unit}")
    ax.set_xlabel(str(tab.index.name or "cause"))
    ax.tick_params(axis="x", rotation=30)
    ax2 = ax.twinx()
    ax2.plot(labels, tab["cumulative"] * 100, color=colour("accent"), marker="o")
    ax2.axhline(80, color="grey", ls="--", lw=1)
    ax2.set_ylim(0, 105)
    ax2.set_ylabel("cumulative share (%)")
    ax.set_title(title)
    return ax


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
    c = check.require_positive(customers, name="customers", allow_zero=True)
    k = check.require_positive(contacts, name="contacts", allow_zero=True)
    p = check.require_positive(periods, name="periods")
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
    df = check.require_frame(ratings, name="ratings")
    check.require_columns(df, [dimension, item, score], name="ratings")
    check.require_numeric(df, [score], name="ratings")
    lo, hi = (check.as_number(v, name="scale") for v in scale)
    s = df[score]
    if ((s < lo) | (s > hi)).any():
        bad = s[(s < lo) | (s > hi)].tolist()[:5]
        raise ValueError(f"Column {score!r} must be on the scale {lo:g}–{hi:g}, but has {bad}.")
    t = check.as_number(target, name="target")
    g = df.groupby(dimension, sort=False)
    out = pd.DataFrame({
        "items": g.size(),
        "mean": g[score].mean(),
        "below_target": g[score].apply(lambda x: int((x < t).sum())),
        "weakest_item": g.apply(lambda x: x.loc[x[score].idxmin(), item], include_groups=False),
    })
    return out.sort_values(["mean", "items"], kind="stable")
