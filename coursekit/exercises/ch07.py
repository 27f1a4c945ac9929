"""Chapter 07 exercises — Capstone: the seven CRM analyses on Jiangnan Mobile (综合实训).

Questions are built from the shipped ``mobile_*`` data sets (snapshot 2025-06-30; churn is
July–December 2025); the exercise notebook is
``exercises/07-capstone-seven-analyses-exercises.ipynb``.

Examples
--------
>>> from coursekit.exercises import ch07
>>> ch07.q2.evaluate(ch07.q2.expected_answer()).status
'correct'
"""

from __future__ import annotations

import pandas as pd

from .. import satisfaction
from .core import Choice, Exact, Numeric, Reflection, data, register


def _h1() -> pd.DataFrame:
    b = data("mobile_bills")
    return b[b["month"] <= "2025-06-30"]


def _churn_by(column: str) -> pd.Series:
    s = data("mobile_subscribers")
    return s.groupby(s[column].astype(str))["churned"].mean()


def _pilot() -> tuple[float, float]:
    s = data("mobile_subscribers")
    offered = s["subscriber_id"].isin(data("mobile_campaign")["subscriber_id"])
    return float(s.loc[offered, "churned"].mean()), float(s.loc[~offered, "churned"].mean())


q1 = Numeric(
    expected=lambda: int(data("mobile_subscribers")["contract"].sum()), rtol=0,
    wrong=[lambda: int((~data("mobile_subscribers")["contract"].astype(bool)).sum())],
)

q2 = Numeric(
    expected=lambda: float(data("mobile_subscribers")["churned"].mean()), rtol=1e-3,
    wrong=[lambda: int(data("mobile_subscribers")["churned"].sum()),
           lambda: 1 - float(data("mobile_subscribers")["churned"].mean())],
)

q3 = Exact(
    expected=lambda: _churn_by("plan_fit").idxmin(),
    wrong=["over", "under"],
)

q4 = Exact(
    expected=lambda: _churn_by("city").idxmax(),
    wrong=[lambda: _churn_by("city").idxmin()],
)

q5 = Numeric(
    expected=lambda: float((_h1()["amount"] - _h1()["cost_to_serve"]).sum()), rtol=1e-4,
    wrong=[lambda: float(_h1()["amount"].sum()),
           lambda: float((data("mobile_bills")["amount"]
                          - data("mobile_bills")["cost_to_serve"]).sum())],
)

q6 = Exact(
    expected=lambda: _h1().merge(data("mobile_subscribers")[["subscriber_id", "city"]])
    .groupby("city", observed=True)["amount"].sum().idxmax(),
    wrong=["Nantong", "Yangzhou"],
)

q7 = Numeric(
    expected=lambda: float((1 - data("mobile_subscribers")["churned"].mean()) ** (1 / 6)),
    rtol=1e-4,
    wrong=[lambda: 1 - float(data("mobile_subscribers")["churned"].mean()),
           lambda: 1 - float(data("mobile_subscribers")["churned"].mean()) / 6],  # linear
)

q8 = Numeric(
    expected=lambda: float(satisfaction.nps(data("mobile_survey")["recommend"])), rtol=1e-6,
    wrong=[lambda: float(data("mobile_survey")["recommend"].ge(9).mean() * 100)],
)

q9 = Numeric(
    expected=lambda: 1 - _pilot()[0] / _pilot()[1], rtol=1e-3,
    wrong=[lambda: _pilot()[1] - _pilot()[0]],
)

q10 = Numeric(
    expected=0.4 * 0.25 * 600 - 30, rtol=1e-9,
    wrong=[0.4 * 600 - 30, 0.4 * 0.25 * 600],
)

q11 = Choice(
    wrong=["a", "c"],
)

q12 = Reflection(
)

QUESTIONS = register(globals())
