"""Customer survival: how long customers stay, with Kaplan–Meier curves (chapter 05).

**Survival** is the share of customers who have not yet left after *t* days, with customers still
active at the end of the data counted correctly (censored): :func:`customer_durations` turns
transactions into one duration per customer, :func:`kaplan_meier` fits the curve(s) and
:func:`plot_survival` draws them. Every function is pure: the caller's data is never modified.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import _validate as check
from ._fast import group_codes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "customer_durations",
    "kaplan_meier",
    "plot_survival",
]

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
    df = check.require_frame(transactions, name="transactions")
    check.require_columns(df, [customer, date], name="transactions")
    dates = check.require_datetime(df, date, name="transactions")
    cust = check._customer_column(df, customer, "transactions")
    lapse = check.require_positive(lapse_days, name="lapse_days")
    end = dates.max() if observation_end is None else check.as_date(
        observation_end, name="observation_end")
    if getattr(dates.dt, "tz", None) is not None:  # compare in the data's own clock
        dates = dates.dt.tz_localize(None)
        end = end.tz_localize(None) if end.tzinfo is not None else end
    # first and last purchase per customer from dense codes (no groupby hashing)
    codes, ids, _, present = group_codes(cust.to_numpy())
    if present is not None:
        codes = (np.cumsum(present) - 1)[codes]
    t = dates.to_numpy()
    stamps = t.view(np.int64)
    lo = np.full(len(ids), np.iinfo(np.int64).max)
    np.minimum.at(lo, codes, stamps)
    hi = np.full(len(ids), np.iinfo(np.int64).min)
    np.maximum.at(hi, codes, stamps)
    span = pd.DataFrame({"min": lo.view(t.dtype), "max": hi.view(t.dtype)}, index=ids)
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

    df = check.require_frame(data, name="data")
    check.require_numeric(df, [duration], name="data", nonnegative=True)
    check.require_columns(df, [event], name="data")
    ev = df[event]
    if ev.isna().any() or not ev.isin([0, 1, True, False]).all():
        found = ", ".join(repr(v) for v in pd.unique(ev[~ev.isin([0, 1, True, False])])[:5])
        raise ValueError(
            f"Column {event!r} of `data` must be True/False (or 1/0): 1 = churned, "
            f"0 = still active. Found {found or 'missing values'}."
        )
    a = check.require_probability(alpha, name="alpha", low_open=True, high_open=True)
    groups = [(None, df)] if group is None else list(
        df.groupby(check.require_columns(df, [group], name="data")[0], observed=True, sort=True))
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
    time_unit: str | None = None,
    title: str | None = None,
    band: bool = True,
) -> Axes:
    """Step plot of :func:`kaplan_meier` output, one line per group, with confidence bands.

    Examples
    --------
    >>> d = pd.DataFrame({"t": [1, 2, 3, 4, 5], "e": [1, 1, 0, 1, 0]})
    >>> plot_survival(kaplan_meier(d, duration="t", event="e")).get_xlabel()
    'time since first purchase (days)'
    """
    import matplotlib.pyplot as plt

    tab = check.require_frame(km, name="km")
    check.require_columns(tab, ["group", "time", "survival"], name="km")
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 5))
    from .display import zh_text

    for key, sub in tab.groupby("group", sort=False):
        line = ax.step(sub["time"], sub["survival"] * 100, where="post", label=zh_text(key))[0]
        if band and {"lower", "upper"} <= set(sub.columns):
            ax.fill_between(sub["time"], sub["lower"] * 100, sub["upper"] * 100, step="post",
                            alpha=0.2, color=line.get_color())
    ax.set_ylim(0, 105)
    from ._lang import pick
    from .plotting import label

    time_unit = pick({"en": "days", "zh": "天"}) if time_unit is None else time_unit
    label(ax, title={"en": "Kaplan–Meier survival: share of customers not yet lost",
                     "zh": "Kaplan–Meier 生存曲线：尚未流失的客户占比"} if title is None else title,
          x={"en": f"time since first purchase ({time_unit})", "zh": f"距首次购买的时间（{time_unit}）"},
          y={"en": "customers not yet lost (%)", "zh": "尚未流失的客户（%）"})
    if tab["group"].nunique() > 1:
        ax.legend()
    return ax
