"""Chapter 03 exercises — Value dimensions and customer grading (客户价值维度与客户分级).

Questions are built from the shipped data sets ``aurora_distributors``, ``brightline_clients``
and ``cdnow_sample``; the expected answers are computed lazily with :mod:`coursekit.grading`.
The constants below are the ones the chapter notebook and the exercise notebook use.

Examples
--------
>>> from coursekit.exercises import ch03
>>> ch03.q6.evaluate(lambda rank, firms: 100 * (1 - (rank - 1) / firms)).status
'correct'
>>> ch03.q6.evaluate(lambda rank, firms: 100 * rank / firms).status
'wrong'
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import grading as gr
from .core import Choice, Exact, FrameCheck, FunctionCheck, Numeric, Reflection, data, register

# Aurora Cosmetics: value dimensions and weights of the three strategy phases
PHASES = {
    "reach": {"outlets": 0.5, "sales": 0.3, "growth": 0.2},
    "compliance": {"audit_score": 0.4, "payment_days": 0.3, "price_violations": 0.3},
    "control": {"data_sharing": 0.6, "audit_score": 0.2, "sales": 0.2},
}
LOWER_IS_BETTER = ["payment_days", "price_violations"]
# Aurora's managers compare the three phase goals pairwise (AHP) for next year's plan
AHP_LABELS = ["reach", "compliance", "control"]
AHP_MATRIX = [[1, 1 / 3, 1 / 5],
              [3, 1, 1 / 3],
              [5, 3, 1]]
# Brightline Advertising: market influence and the grading grid
INFLUENCE_WEIGHTS = {"rank_pct": 0.6, "awareness": 0.4}
REVENUE_CUTS = [1, 5]            # CNY million / year
INFLUENCE_CUTS = [40, 70]        # points 0–100
GRID = [["B", "A", "A"],          # influence ≥ 70
        ["C", "B", "A"],          # 40 – 70
        ["C", "C", "B"]]          # < 40
VETO = [("revenue", ">=", 10, "A")]   # 10 million CNY a year or more: A regardless
# CDNOW
CDNOW_END = "1998-06-30"


@cache
def _brightline() -> pd.DataFrame:
    bl = data("brightline_clients")
    rank_pct = 100 * (1 - (bl["industry_rank"] - 1) / bl["firms_in_industry"])
    bl = bl.assign(rank_pct=rank_pct)
    return bl.assign(influence=0.6 * bl["rank_pct"] + 0.4 * bl["awareness"])


def _top5(phase: str, lower: list[str] | None = None) -> list[int]:
    w = PHASES[phase]
    lower = [c for c in LOWER_IS_BETTER if c in w] if lower is None else lower
    score = gr.weighted_score(data("aurora_distributors"), w, lower_is_better=lower)
    return data("aurora_distributors").loc[score.nlargest(5).index, "distributor_id"].tolist()


def _graded(veto=VETO) -> pd.DataFrame:
    return gr.grade_matrix(_brightline(), x="revenue", y="influence", x_cuts=REVENUE_CUTS,
                           y_cuts=INFLUENCE_CUTS, table=GRID, veto=veto)


def _grade_counts(veto=VETO) -> pd.Series:
    return _graded(veto)["grade"].value_counts().sort_index().rename("clients")


def _industry_percentile(rank, firms):
    return 100 * (1 - (rank - 1) / firms)


q1 = Numeric(
    expected=lambda: int((gr.abc(data("aurora_distributors"), "sales")["grade"] == "A").sum()),
    rtol=0,
    atol=0,
    wrong=[
        # took "A = the top 20 % of distributors" literally
        lambda: round(0.2 * len(data("aurora_distributors"))),
        # counted A and B (cumulative share ≤ 95 %)
        lambda: int(gr.abc(data("aurora_distributors"), "sales")["grade"].isin(["A", "B"]).sum()),
    ],
)

q2 = Exact(
    expected=lambda: _top5("compliance"),
    wrong=[
        # forgot that fewer payment days and fewer violations are better
        lambda: _top5("compliance", lower=[]),
        # ranked by the reach-phase weights instead
        lambda: _top5("reach"),
    ],
)

q3 = Numeric(
    expected=lambda: gr.ahp_weights(AHP_MATRIX).cr,
    rtol=0.02,
    atol=5e-4,
    wrong=[
        lambda: gr.ahp_weights(AHP_MATRIX).ci,          # gave CI instead of CR
        lambda: gr.ahp_weights(AHP_MATRIX).lambda_max,  # gave lambda max
    ],
)

q4 = FrameCheck(
    expected=lambda: _grade_counts(),
    wrong=[
        lambda: _grade_counts(veto=None),   # forgot the veto rule
    ],
    check_order=False,
)

q5 = Numeric(
    expected=lambda: int((_graded()["grade"] != _graded()["matrix_grade"]).sum()),
    rtol=0,
    atol=0,
    wrong=[
        # counted every client the rule applies to
        lambda: int((_brightline()["revenue"] >= 10).sum()),
    ],
)

q6 = FunctionCheck(
    cases=[((1, 100), 100.0), ((100, 100), 1.0), ((21, 80), 75.0), ((3, 60), None)],
    reference=_industry_percentile,
    wrong=[
        lambda rank, firms: 100 * rank / firms,            # reversed: the leader gets the least
        lambda rank, firms: 100 * (1 - rank / firms),      # off by one: the leader gets < 100
    ],
)

q7 = Choice(wrong=["a", "c", "d"])

q8 = Numeric(
    expected=lambda: _cdnow_summary().query("frequency > 0")["monetary_value"].mean(),
    rtol=1e-3,
    wrong=[
        # averaged over everyone, one-time buyers' zeros included
        lambda: _cdnow_summary()["monetary_value"].mean(),
        # mean of every purchase (first purchases included): the segmentation habit
        lambda: data("cdnow_sample")["amount"].mean(),
    ],
)

q9 = Reflection()


@cache
def _cdnow_summary() -> pd.DataFrame:
    return gr.rfm_summary(data("cdnow_sample"), customer="customer_id", date="date", amount="amount",
                          observation_end=CDNOW_END)


QUESTIONS = register(globals())
