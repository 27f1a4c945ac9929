"""Chapter 02 exercises — Customer value from both sides (客户价值的两个视角).

Questions are built from the shipped data sets (``coffee_offers``, ``kestrel_accounts``,
``coffee_transactions``) and from the construction-firm client case; the expected answers are
computed lazily with :mod:`coursekit.value`.

Examples
--------
>>> from coursekit.exercises import ch02
>>> ch02.q3.evaluate(0.85 / (1 + 0.12 - 0.85)).status
'correct'
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import value as cv
from .core import Choice, FrameCheck, FunctionCheck, Numeric, Reflection, data, register

VALUE_ITEMS = ["product", "service", "personnel", "image"]
COST_ITEMS = ["money", "time", "energy", "psychological"]

# The construction-firm client (chapter 02 notebook): revenue per month, contribution margin
# (an assumption: 10 % of revenue is left after materials, labour and site costs), months until
# he retires, yearly discount rate.
CLIENT_REVENUE = 2_000_000
CLIENT_MARGIN_RATE = 0.10
CLIENT_MONTHS = 24
YEARLY_DISCOUNT = 0.10


@cache
def _spend() -> pd.Series:
    return data("coffee_transactions").groupby("member_id")["amount"].sum()


def _commuter_harbour() -> pd.DataFrame:
    df = data("coffee_offers")
    return df[(df["visitor_type"] == "commuter") & (df["offer"] == "harbour")]


def _client_clv(rate: float | None = None) -> float:
    monthly = cv.periodic_rate(YEARLY_DISCOUNT) if rate is None else rate
    return cv.clv(CLIENT_REVENUE * CLIENT_MARGIN_RATE, 1.0, monthly, periods=CLIENT_MONTHS)


def _contribution(revenue_col: str = "gross_margin") -> pd.Series:
    acc = data("kestrel_accounts").set_index("account_id")
    return (acc[revenue_col] - acc["cost_to_serve"]).rename("contribution")


q1 = Numeric(
    expected=lambda: cv.delivered_values(
        _commuter_harbour(), value=VALUE_ITEMS, cost=COST_ITEMS)["delivered_value"].mean(),
    rtol=1e-3,
    atol=0.01,
    wrong=[
        # forgot to subtract the cost: total value only
        lambda: _commuter_harbour()[VALUE_ITEMS].sum(axis=1).mean(),
        # forgot the visitor-type filter: all respondents
        lambda: cv.delivered_values(data("coffee_offers")[data("coffee_offers")["offer"] == "harbour"],
                                    value=VALUE_ITEMS, cost=COST_ITEMS)["delivered_value"].mean(),
    ],
)

q2 = Choice(wrong=["a", "c"])

q3 = Numeric(
    expected=lambda: cv.margin_multiple(0.85, 0.12),
    rtol=1e-3,
    wrong=[
        1.12 / (1 + 0.12 - 0.85),     # margin at the start of the year: (1 + i) / (1 + i − r)
        1 / (1 + 0.12 - 0.85),        # forgot r in the numerator
        0.85 / (0.12 - 0.85 + 1) * 100,  # read as a percentage
    ],
)

q4 = Numeric(
    expected=_client_clv,
    rtol=1e-3,
    wrong=[
        CLIENT_REVENUE * CLIENT_MARGIN_RATE * CLIENT_MONTHS,   # no discounting
        lambda: _client_clv(0.10),                             # the yearly rate used per month
        lambda: cv.clv(CLIENT_REVENUE, 1.0, cv.periodic_rate(YEARLY_DISCOUNT),
                       periods=CLIENT_MONTHS),                 # revenue instead of margin
    ],
)


def _clv_end(margin, retention, rate, periods):
    return sum(margin * retention**t / (1 + rate) ** t for t in range(1, periods + 1))


def _clv_start(margin, retention, rate, periods):
    return sum(margin * retention**t / (1 + rate) ** t for t in range(0, periods))


def _clv_no_retention(margin, retention, rate, periods):
    return sum(margin / (1 + rate) ** t for t in range(1, periods + 1))


q5 = FunctionCheck(
    cases=[((100, 0.8, 0.1, 3), None), ((50, 1.0, 0.0, 4), 200.0),
           ((10, 0.5, 0.2, 1), None), ((200_000, 1.0, 0.008, 24), None)],
    reference=_clv_end,
    rtol=1e-6,
    wrong=[_clv_start, _clv_no_retention],
)

q6 = FrameCheck(
    expected=_contribution,
    rtol=1e-6,
    atol=1e-6,
    wrong=[lambda: _contribution("revenue")],
)

q7 = Numeric(
    expected=lambda: cv.top_share(_spend(), top=0.2),
    rtol=1e-3,
    wrong=[
        # sorted from small to large: the bottom 20 %'s share
        lambda: float(_spend().sort_values().head(round(0.2 * len(_spend()))).sum()
                      / _spend().sum()),
        # forgot to add up per member: top 20 % of single transactions
        lambda: cv.top_share(data("coffee_transactions")["amount"], top=0.2),
    ],
)

q8 = Numeric(
    expected=lambda: float((_contribution() < 0).mean()),
    rtol=1e-6,
    wrong=[
        lambda: int((_contribution() < 0).sum()),              # a count, not a share
        lambda: float((_contribution("revenue") < 0).mean()),  # from revenue: almost nobody
    ],
)

q9 = Reflection()

# --- issue #12: three values per customer, BG/NBD, value levels -------------------------------

MARGIN = 0.30   # Harbour's contribution margin on spend (chapter 02, section 7)


@cache
def _cdnow_alive() -> pd.Series:
    from ..grading import rfm_summary

    summary = rfm_summary(data("cdnow_sample"), customer="customer_id", date="date",
                          amount="amount", observation_end="1997-09-30", freq_multiplier=7)
    return cv.fit_bgnbd(summary).p_alive()


q10 = Numeric(
    expected=lambda: float(_spend().sum() * MARGIN),
    rtol=1e-4,
    wrong=[
        lambda: float(_spend().sum()),                      # spend, not contribution
        lambda: float(_spend().sum() * (1 - MARGIN)),       # the cost share instead of margin
        lambda: float(_spend().mean() * MARGIN),            # one average member
    ],
)

q11 = Numeric(
    expected=lambda: int((_cdnow_alive() < 0.5).sum()),
    rtol=0,
    wrong=[
        lambda: int((_cdnow_alive() >= 0.5).sum()),         # the other side
        lambda: float((_cdnow_alive() < 0.5).mean()),       # a share, not a count
    ],
)

q12 = Choice(wrong=["a", "b"])

QUESTIONS = register(globals())
