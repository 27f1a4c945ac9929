"""Chapter 05 exercises — Loyalty, retention, lifecycle and complaints (忠诚、保留、生命周期与投诉).

Questions are built from the shipped data sets (``coffee_transactions``, ``coffee_members``,
``coffee_complaints``, ``coffee_service_moments``) and the Harbour Coffee case; expected answers
are computed lazily with :mod:`coursekit.lifecycle`, :mod:`coursekit.complaints` and
:mod:`coursekit.loyalty`.

Examples
--------
>>> from coursekit.exercises import ch05
>>> ch05.q2.evaluate(1 / (1 - 0.6)).status
'wrong'
>>> ch05.q6.evaluate("c").status
'correct'
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import complaints as cp
from .. import lifecycle as lc
from .. import loyalty
from .core import Choice, Exact, FrameCheck, FunctionCheck, Numeric, Reflection, data, register

RESPONSE_TARGET_H = 2  # a stricter first-response target Harbour Coffee considers
# Harbour Coffee's marketing budget for Q4 2025 (case assumptions, CNY)
ACQUISITION_SPEND = 120_000  # new-member campaign: ads, first-cup coupons, sign-up gifts
RETENTION_SPEND = 90_000     # member rewards: birthday drink, points, win-back messages


@cache
def _year_counts() -> tuple[int, int, int]:
    """(S, E, N): members buying in Q3 2025, in Q4 2025, and in Q4 but not in Q3."""
    tx = data("coffee_transactions")
    quarter = tx["timestamp"].dt.to_period("Q").astype(str)
    q3 = set(tx.loc[quarter == "2025Q3", "member_id"])
    q4 = set(tx.loc[quarter == "2025Q4", "member_id"])
    return len(q3), len(q4), len(q4 - q3)


def _rate() -> float:
    return lc.retention_rate(*_year_counts())


def _joiners_table(kind: str = "share", *, filtered: bool = True) -> pd.DataFrame:
    tx = data("coffee_transactions")
    if filtered:
        members = data("coffee_members")
        ids = members.loc[members["join_date"] >= "2025-01-01", "member_id"]
        tx = tx[tx["member_id"].isin(ids)]
    return lc.cohort_retention(tx, customer="member_id", date="timestamp",
                               kind=kind).iloc[:, :4]


def _response_times() -> pd.Series:
    log = data("coffee_complaints")
    return lc.complaint_times(log[log["received_at"].dt.year == 2025])["to_first_response"]


def _stage(recency_days: float, tenure_days: float, recent: float, previous: float) -> str:
    """The chapter's rules with the default thresholds (reference for q7)."""
    if recency_days > 180:
        return "lapsed"
    if tenure_days < 90:
        return "acquisition"
    if recent > 0 and recent >= previous * 1.2:
        return "growth"
    if recent <= previous * 0.8:
        return "decline"
    return "maturity"


def _stage_no_threshold(recency_days, tenure_days, recent, previous):  # typical mistake
    if recency_days <= 180 and tenure_days >= 90 and recent != previous:
        return "growth" if recent > previous else "decline"
    return _stage(recency_days, tenure_days, recent, previous)


def _stage_no_lapse(recency_days, tenure_days, recent, previous):  # typical mistake
    return _stage(0, tenure_days, recent, previous)


q1 = Numeric(
    expected=_rate,
    rtol=1e-3,
    wrong=[
        lambda: _year_counts()[1] / _year_counts()[0],                         # E / S: new ones kept in
        lambda: (_year_counts()[1] - _year_counts()[2]) / _year_counts()[1],   # divided by E
    ],
)

q2 = Numeric(
    expected=lambda: lc.expected_lifetime(_rate()),
    rtol=1e-3,
    wrong=[
        lambda: lc.expected_lifetime(_rate(), count_first=False),  # first quarter not counted
        lambda: 1 / _rate(),                                        # 1 / r
    ],
)

q3 = FrameCheck(
    expected=_joiners_table,
    rtol=1e-6,
    wrong=[
        lambda: _joiners_table("count"),             # counts instead of shares
        lambda: _joiners_table(filtered=False),      # forgot to keep only the 2025 joiners
    ],
)

q4 = Numeric(
    expected=lambda: lc.service_level(_response_times(), target=RESPONSE_TARGET_H),
    rtol=1e-4,
    wrong=[
        lambda: lc.service_level(_response_times(), target=RESPONSE_TARGET_H, missing="drop"),
        lambda: lc.service_level(lc.complaint_times(data("coffee_complaints"))["to_first_response"],
                                 target=RESPONSE_TARGET_H),  # all years, not 2025
    ],
)

def _high() -> pd.DataFrame:
    log = data("coffee_complaints")
    return log[log["severity"] == "high"]


q5 = Exact(
    expected=lambda: int(lc.complaint_pareto(_high(), cause="category")["vital_few"].sum()),
    wrong=[lambda: int((lc.complaint_pareto(_high(), cause="category")["cumulative"]
                        < 0.8).sum())],  # stopped before crossing 80 %
)

q6 = Choice(
    wrong=["a", "b", "d"],
)

q7 = FunctionCheck(
    reference=_stage,
    cases=[
        ((200, 400, 0, 0), "lapsed"),
        ((5, 30, 3, 0), "acquisition"),
        ((5, 400, 6, 5), "growth"),
        ((5, 400, 4, 5), "decline"),
        ((5, 400, 5, 5), "maturity"),
        ((5, 400, 5.5, 5), "maturity"),  # +10 % is not growth yet
        ((5, 400, 4.5, 5), "maturity"),  # −10 % is not decline yet
        ((100, 400, 0, 3), "decline"),
        ((5, 400, 0, 0), "decline"),
    ],
    wrong=[_stage_no_threshold, _stage_no_lapse],
)

q8 = Numeric(
    expected=lambda: lc.acquisition_retention_cost(
        acquisition_spend=ACQUISITION_SPEND, new_customers=_year_counts()[2],
        retention_spend=RETENTION_SPEND,
        retained_customers=_year_counts()[1] - _year_counts()[2])["ratio"],
    rtol=1e-3,
    wrong=[
        lambda: ACQUISITION_SPEND / RETENTION_SPEND,  # compared budgets, not cost per customer
        lambda: 1 / lc.acquisition_retention_cost(
            acquisition_spend=ACQUISITION_SPEND, new_customers=_year_counts()[2],
            retention_spend=RETENTION_SPEND,
            retained_customers=_year_counts()[1] - _year_counts()[2])["ratio"],  # upside down
    ],
)

q9 = Reflection(
)


# --- issue #13: the 3D service model, one meaning per word, claims tested on data -------------


def _moments_positive(store: str = "Old Town", *, ignore_hidden: bool = False,
                      any_ok: bool = False) -> float:
    m = data("coffee_service_moments")
    m = m[m["store"] == store]
    if any_ok:  # typical mistake: positive when at least one dimension went well
        ok = m["people_ok"] | m["business_ok"] | m["back_stage_issue"].astype(str).eq("none")
        return float(ok.astype(bool).mean())
    if ignore_hidden:  # typical mistake: only what the customer sees
        return float((m["people_ok"] & m["business_ok"]).astype(bool).mean())
    return float(cp.moments_of_truth(m).loc["all", "positive"])


def _rebuy(*, neutral_as_dissatisfied: bool = False, upside_down: bool = False) -> float:
    log = data("coffee_complaints")
    r = log["handling_rating"]
    keep = r.notna() if neutral_as_dissatisfied else r.notna() & (r != 3)
    rated = log[keep]
    ratio = loyalty.rebuy_ratio(rated["handling_rating"] >= 4, rated["came_back_90d"])["ratio"]
    return float(1 / ratio if upside_down else ratio)


q10 = Choice(
    wrong=["a", "b", "d"],
)

q11 = Numeric(
    expected=_moments_positive,
    rtol=1e-4,
    wrong=[lambda: _moments_positive(ignore_hidden=True),
           lambda: _moments_positive(any_ok=True)],
)

q12 = Numeric(
    expected=_rebuy,
    rtol=1e-3,
    wrong=[lambda: _rebuy(neutral_as_dissatisfied=True), lambda: _rebuy(upside_down=True)],
)


QUESTIONS = register(globals())
