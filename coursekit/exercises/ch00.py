"""Exercises for chapter 00 · Start here (the Harbour Coffee data, marketing concepts, CRM).

>>> from coursekit.exercises import ch00
>>> ch00.q1.evaluate(...).status
'unanswered'
"""

from __future__ import annotations

import math

import pandas as pd

from .core import Choice, Exact, FrameCheck, FunctionCheck, Numeric, Reflection, data, register


def _spend_per_member() -> pd.Series:
    return data("coffee_transactions").groupby("member_id")["amount"].sum().sort_values(ascending=False)


def _top20_share() -> float:
    spend = _spend_per_member()
    n_top = math.ceil(len(spend) * 0.2)      # the same rule as coursekit.value.top_share
    return float(spend.iloc[:n_top].sum() / spend.sum())


q1 = Numeric(
    expected=lambda: len(data("coffee_members")),
    rtol=0,
    wrong=[lambda: data("coffee_transactions")["member_id"].nunique(), lambda: len(data("coffee_transactions"))],
)

q2 = Choice(wrong=["a", "d"])

q3 = Numeric(
    expected=lambda: float(data("coffee_transactions").loc[data("coffee_transactions")["timestamp"].dt.year == 2025, "amount"].sum()),
    rtol=1e-6,
    wrong=[lambda: float(data("coffee_transactions")["amount"].sum()),
           lambda: float(data("coffee_transactions").loc[data("coffee_transactions")["timestamp"].dt.year == 2024, "amount"].sum())],
)

q4 = Numeric(expected=_top20_share, rtol=0.005, wrong=[0.2, lambda: _top20_share() * 100, 0.8])

q5 = FrameCheck(
    expected=lambda: data("coffee_transactions").groupby("store", observed=True)["amount"].sum(),
    rtol=1e-6,
    wrong=[lambda: data("coffee_transactions").groupby("store", observed=True)["amount"].count().astype(float),
           lambda: data("coffee_transactions").groupby("store", observed=True)["amount"].mean()],
)

q6 = Choice(wrong=[["c"], ["a", "b", "c", "d"]])

q7 = FunctionCheck(
    reference=lambda old, new: (new - old) / old,
    cases=[((100, 120), 0.2), ((200, 150), -0.25), ((80, 80), 0.0), ((3.5, 7.0), 1.0)],
    wrong=[lambda old, new: (new - old) / new, lambda old, new: new / old,
           lambda old, new: (new - old) / old * 100],
)

q8 = Exact(
    expected=lambda: str(data("coffee_transactions").groupby("store", observed=True)["amount"].sum().idxmax()),
    wrong=[lambda: str(data("coffee_transactions").groupby("store", observed=True)["amount"].sum().idxmin()),
           lambda: str(data("coffee_transactions")["store"].value_counts().index[-1])],
)

q9 = Reflection()

# --- issue #12: the customer-centric idea, share of customer --------------------------------


def _share_of_customer() -> float:
    """Harbour's spend of the members who bought ÷ their coffee spend in all shops."""
    spend = data("coffee_transactions").groupby("member_id")["amount"].sum()
    wallet = data("coffee_wallet").set_index("member_id")["coffee_spend_all_shops"]
    return float(spend.sum() / wallet.loc[spend.index].sum())


def _market_share() -> float:
    market = data("coffee_market")
    return float(market["harbour_sales"].sum() / market["city_coffee_sales"].sum())


q10 = Choice(wrong=["a", "c"])

q11 = Numeric(
    expected=_share_of_customer,
    rtol=1e-3,
    wrong=[
        _market_share,                                      # market share, not share of customer
        lambda: float(data("coffee_transactions")["amount"].sum()
                      / data("coffee_wallet")["coffee_spend_all_shops"].sum()),  # non-buyers too
        lambda: _share_of_customer() * 100,                 # a percentage
    ],
)

QUESTIONS = register(globals())
