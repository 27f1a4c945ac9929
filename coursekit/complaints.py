"""Complaint handling and service recovery: a complaint log measured as a process (chapter 05).

:func:`complaint_times` (time to first response and to resolution), :func:`service_level` (share
handled within a target), :func:`complaint_summary`, :func:`repeat_complaints`, the causes that
matter most (:func:`complaint_pareto`, :func:`plot_pareto`), what an upset customer costs in word
of mouth (:func:`word_of_mouth`) and the 3D service model: a self-audit on its people, business and hidden dimensions
(:func:`service_audit`) and moments of truth (:func:`moments_of_truth`).
Every function is pure: the caller's data is never modified.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import _validate as check
from ._lang import pick
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
    "moments_of_truth",
    "SERVICE_DIMENSIONS",
    "HIDDEN_FACTORS",
]

# ---------------------------------------------------------------------------------------------
# complaint handling
# ---------------------------------------------------------------------------------------------


def complaint_times(
    log: pd.DataFrame,
    *,
    received: str = "received_at",
    first_response: str | None = "first_response_at",
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
        Column names of the three timestamps. ``first_response=None`` when the log records
        no first-response time (only receipt and resolution): the result then has no
        ``to_first_response`` column.
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
    if first_response is not None and first_response not in df.columns:
        try:
            check.require_columns(df, [first_response], name="log")  # suggests a close name
        except ValueError as err:
            raise ValueError(
                f"{err} If the log records no first-response time, pass first_response=None."
            ) from None
    pairs = [(first_response, "to_first_response"), (resolved, "to_resolution")]
    out = {}
    for col, label in pairs:
        if col is None:
            continue
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
    return float(np.count_nonzero(arr <= tgt) / arr.size)  # NaN (not handled) is never <= tgt


def complaint_summary(
    log: pd.DataFrame,
    *,
    received: str = "received_at",
    first_response: str | None = "first_response_at",
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

    A log without first-response times (only received and resolved, as in many service
    desks' exports): pass ``first_response=None``; the three response columns are then left
    out rather than filled with misses.

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
    >>> complaint_summary(log, first_response=None).columns.tolist()
    ['complaints', 'median_resolution_h', 'p90_resolution_h', 'within_resolution_target', 'unresolved']
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
        row = {
            "complaints": float(len(t)),
            "median_response_h": np.nan, "p90_response_h": np.nan,
            "median_resolution_h": t["to_resolution"].median(),
            "p90_resolution_h": t["to_resolution"].quantile(0.9),
            "within_response_target": np.nan,
            "within_resolution_target": service_level(t["to_resolution"], target=st),
            "unresolved": float(t["to_resolution"].isna().mean()),
        }
        if first_response is None:
            for k in ("median_response_h", "p90_response_h", "within_response_target"):
                del row[k]
        else:
            row.update(median_response_h=t["to_first_response"].median(),
                       p90_response_h=t["to_first_response"].quantile(0.9),
                       within_response_target=service_level(t["to_first_response"], target=rt))
        rows[key] = row
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
    title: str | None = None,
    unit: str | None = None,
) -> Axes:
    """Bars (counts) plus the cumulative-share line of a :func:`complaint_pareto` table.

    Examples
    --------
    >>> log = pd.DataFrame({"cat": ["wait"] * 6 + ["taste"] * 3 + ["price"]})
    >>> plot_pareto(complaint_pareto(log, cause="cat")).get_title()
    'Pareto chart of complaint causes'
    """
    import matplotlib.pyplot as plt

    tab = check.require_frame(table, name="table")
    check.require_columns(tab, ["count", "cumulative"], name="table")
    if ax is None:
        _, ax = plt.subplots(figsize=(10, 5))
    from .display import zh_text

    labels = [zh_text(i) for i in tab.index]
    colors = [colour("main") if v else colour("main", alpha=0.4) for v in tab.get("vital_few", [True] * len(tab))]
    ax.bar(labels, tab["count"], color=colors)
    unit = pick({"en": "complaints", "zh": "投诉"}) if unit is None else unit
    ax.set_ylabel(pick({"en": f"number of {unit}", "zh": f"{unit}数量"}))
    ax.set_xlabel(zh_text(tab.index.name, kind="columns") if tab.index.name
                  else pick({"en": "cause", "zh": "原因"}))
    ax.tick_params(axis="x", rotation=30)
    ax2 = ax.twinx()
    ax2.plot(labels, tab["cumulative"] * 100, color=colour("accent"), marker="o")
    ax2.axhline(80, color=colour("reference"), ls="--", lw=1)
    ax2.set_ylim(0, 105)
    ax2.set_ylabel(pick({"en": "cumulative share (%)", "zh": "累计占比（%）"}))
    ax.set_title(pick({"en": "Pareto chart of complaint causes", "zh": "投诉原因帕累托图"})
                 if title is None else title)
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


#: The 3D service model (客户服务的三个维度): dimension → (中文, film axis, what it covers).
SERVICE_DIMENSIONS: dict[str, tuple[str, str, str]] = {
    "people": ("人的维度", "width",
               "the emotional tone of the interaction: respect, personal attention, care; "
               "calming an upset customer"),
    "business": ("业务维度", "height",
                 "the practical need the customer came for, met quickly, completely and "
                 "safely, balanced with the firm's need for efficiency and profit"),
    "hidden": ("隐藏维度", "depth",
               "the back stage the customer never sees but that limits the service: cost and "
               "time pressure, policies and procedures, available resources, authority, "
               "quality of working relationships"),
}

#: The back-stage factors of the hidden dimension, as the course texts list them.
HIDDEN_FACTORS: dict[str, str] = {
    "cost_time": "pressure to cut cost and use time efficiently (成本与时间压力)",
    "policy": "policies and procedures (政策和程序)",
    "resources": "available resources: staff, machines, stock (可用资源)",
    "authority": "level of authority given to front-line staff (授权水平)",
    "relationships": "quality of working relationships (工作关系的质量)",
}

_DIMENSION_ALIASES = {
    "people": "people", "person": "people", "human": "people", "人": "people",
    "人的维度": "people", "人员维度": "people", "business": "business", "业务": "business",
    "业务维度": "business", "hidden": "hidden", "隐藏": "hidden", "隐藏维度": "hidden",
    "隐性维度": "hidden", "back stage": "hidden", "back-stage": "hidden",
}


def _service_dimension(values: pd.Series, name: str) -> pd.Series:
    norm = values.astype("string").str.strip().str.lower().map(_DIMENSION_ALIASES)
    bad = values[norm.isna()]
    if len(bad):
        raise ValueError(
            f"Column {name!r} must name a dimension of the 3D service model — 'people' (人的维度), "
            f"'business' (业务维度) or 'hidden' (隐藏维度) — but has "
            f"{sorted(map(str, bad.unique()))[:5]}. Cleanliness, queues or noise are not a "
            "dimension: put each item under the dimension it tests."
        )
    return norm.astype(str)


def service_audit(
    ratings: pd.DataFrame,
    *,
    dimension: str = "dimension",
    item: str = "item",
    score: str = "score",
    scale: tuple[float, float] = (1, 5),
    target: float = 4,
) -> pd.DataFrame:
    """Summarise a self-audit on the 3D service model (people, business, hidden dimension).

    The course texts' 3D service model (客户服务的三个维度) borrows the three dimensions of a
    3D film: **width** is the *people* dimension (人的维度: respect, attention, the emotional
    tone), **height** the *business* dimension (业务维度: the practical need met quickly,
    completely and safely, balanced with the firm's efficiency) and **depth** the *hidden*
    dimension (隐藏维度: the back stage — cost and time pressure, policies and procedures,
    available resources, authority, working relationships — invisible to the customer, yet
    limiting the service). See :data:`SERVICE_DIMENSIONS` and :data:`HIDDEN_FACTORS`.

    Parameters
    ----------
    ratings : DataFrame
        One row per audit item: its dimension (``people`` / ``business`` / ``hidden``, or the
        Chinese names), the item text and a score on ``scale``.
    dimension, item, score : str
        Column names.
    scale : (low, high)
        The rating scale; scores outside it are refused.
    target : float
        Items scoring below the target need action.

    Returns
    -------
    DataFrame
        Index: the dimensions present, weakest (lowest mean) first; columns ``dimension_zh``,
        ``axis`` (width / height / depth), ``items``, ``mean``, ``below_target``,
        ``weakest_item`` (the lowest-scoring item; the first one listed when several tie).

    Raises
    ------
    ValueError
        Missing columns, a score outside the scale, or a dimension that is not one of the three
        (for example the old "cleanliness / queues / noise" item lists).

    Examples
    --------
    >>> r = pd.DataFrame({"dimension": ["people", "people", "hidden", "business"],
    ...                   "item": ["greets", "knows names", "may give a voucher", "order right"],
    ...                   "score": [5, 3, 2, 4]})
    >>> service_audit(r)[["axis", "mean", "below_target", "weakest_item"]]
                axis  mean  below_target        weakest_item
    dimension
    hidden     depth   2.0             1  may give a voucher
    people     width   4.0             1         knows names
    business  height   4.0             0         order right
    """
    df = check.require_frame(ratings, name="ratings")
    check.require_columns(df, [dimension, item, score], name="ratings")
    check.require_numeric(df, [score], name="ratings")
    lo, hi = (check.as_number(v, name="scale") for v in scale)
    s = df[score].astype(float)
    if ((s < lo) | (s > hi)).any():
        bad = s[(s < lo) | (s > hi)].tolist()[:5]
        raise ValueError(f"Column {score!r} must be on the scale {lo:g}–{hi:g}, but has {bad}.")
    t = check.as_number(target, name="target")
    dim = _service_dimension(df[dimension], dimension)
    frame = pd.DataFrame({"dimension": dim.to_numpy(), "item": df[item].to_numpy(),
                          "score": s.to_numpy()})
    g = frame.groupby("dimension", sort=False)
    weakest = frame.loc[g["score"].idxmin().to_numpy()].set_index("dimension")["item"]
    out = pd.DataFrame({
        "items": g.size(),
        "mean": g["score"].mean(),
        "below_target": g["score"].agg(lambda x: int((x < t).sum())),
        "weakest_item": weakest,
    })
    order = [d for d in SERVICE_DIMENSIONS if d in out.index]
    out = out.reindex(order)
    out.insert(0, "axis", [SERVICE_DIMENSIONS[d][1] for d in out.index])
    out.insert(0, "dimension_zh", [SERVICE_DIMENSIONS[d][0] for d in out.index])
    out.index.name = "dimension"
    return out.sort_values("mean", kind="stable")


def _bool_column(df: pd.DataFrame, column: str) -> np.ndarray:
    col = df[column]
    if col.isna().any():
        raise ValueError(
            f"Column {column!r} has {int(col.isna().sum())} missing values; record every moment "
            "as handled (True) or not (False)."
        )
    if col.dtype == bool:
        return col.to_numpy()
    mapped = col.map({True: True, False: False, "yes": True, "no": False,
                      "True": True, "False": False, "是": True, "否": False})
    if mapped.isna().any():
        bad = sorted(map(str, col[mapped.isna()].unique()))[:5]
        raise ValueError(
            f"Column {column!r} must say whether the dimension was handled (True / False, "
            f"yes / no), but has {bad}."
        )
    return mapped.astype(bool).to_numpy()


def moments_of_truth(
    moments: pd.DataFrame,
    *,
    people: str = "people_ok",
    business: str = "business_ok",
    hidden: str = "back_stage_issue",
    by: str | None = None,
) -> pd.DataFrame:
    """Classify moments of truth (定义时刻) as positive or negative, and count what failed.

    At each interaction — a greeting, a question, a hand-over, recovering from a failure —
    the customer judges the provider. The course texts' rule: handling all three dimensions
    creates a **positive** moment; a failure in **any** dimension creates a **negative** one.

    Parameters
    ----------
    moments : DataFrame
        One row per observed moment.
    people, business : str
        Columns saying whether the people / business dimension was handled (True / False).
    hidden : str
        Column with the back-stage problem of that moment: ``"none"`` (or empty, or True in a
        True / False column) when the back stage supported the moment, else the problem
        (understaffed, no authority …).
    by : str, optional
        Group by this column (store, moment, shift …); otherwise one row ``"all"``.

    Returns
    -------
    DataFrame
        Per group: ``moments``, ``positive`` (share, 0–1), ``negative`` (share),
        ``people_failed``, ``business_failed``, ``hidden_failed`` (shares of moments).

    Raises
    ------
    ValueError
        Missing columns, or a people / business value that is not True / False.

    Examples
    --------
    >>> m = pd.DataFrame({"people_ok": [True, True, False, True],
    ...                   "business_ok": [True, False, True, True],
    ...                   "back_stage_issue": ["none", "none", "understaffed", "no_authority"]})
    >>> moments_of_truth(m).round(2)
         moments  positive  negative  people_failed  business_failed  hidden_failed
    all        4      0.25      0.75           0.25             0.25            0.5
    """
    df = check.require_frame(moments, name="moments")
    cols = [people, business, hidden] + ([by] if by is not None else [])
    check.require_columns(df, cols, name="moments")
    p_ok = _bool_column(df, people)
    b_ok = _bool_column(df, business)
    h = df[hidden]
    if h.dtype == bool:
        h_ok = h.to_numpy()
    else:
        text = h.astype("string").str.strip().str.lower()
        h_ok = (text.isna() | text.isin(["none", "", "ok", "无"])).to_numpy()
    positive = p_ok & b_ok & h_ok
    frame = pd.DataFrame({
        "group": df[by].to_numpy() if by is not None else "all",
        "positive": positive, "negative": ~positive, "people_failed": ~p_ok,
        "business_failed": ~b_ok, "hidden_failed": ~h_ok,
    })
    g = frame.groupby("group", sort=True, observed=True)
    out = g.mean().astype(float)
    out.insert(0, "moments", g.size())
    out.index.name = by
    return out
