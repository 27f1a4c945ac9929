"""Chapter 03 exercises — Value dimensions and customer grading (客户价值维度与客户分级).

Questions are built from the shipped data sets ``aurora_distributors``, ``brightline_clients``,
``kestrel_accounts``, ``kestrel_potential`` and ``cdnow_sample``; the expected answers are computed lazily with :mod:`coursekit.grading`.
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
    "reach": {"outlets": 0.7, "growth": 0.2, "sales": 0.1},   # sales almost ignored at first
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
DECIDE = [("revenue", ">=", 10, "A")]   # 一票决定制: 10 million CNY a year or more → A
VETO = DECIDE                           # old name, kept for saved notebooks (it promoted)
DISQUALIFY = [("payment_defaults", ">=", 1, "B")]  # 一票否决制: a default → never A
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


def _graded(decide=DECIDE, disqualify=None) -> pd.DataFrame:
    return gr.grade_matrix(_brightline(), x="revenue", y="influence", x_cuts=REVENUE_CUTS,
                           y_cuts=INFLUENCE_CUTS, table=GRID, decide=decide,
                           disqualify=disqualify)


def _grade_counts(decide=DECIDE, disqualify=None) -> pd.Series:
    graded = _graded(decide, disqualify)
    return graded["grade"].value_counts().reindex(list("ABC"), fill_value=0).rename("clients")


def _industry_percentile(rank, firms):
    return 100 * (1 - (rank - 1) / firms)


q1 = Numeric(
    expected=lambda: int((gr.abc(data("aurora_distributors"), "sales")["grade"] == "A").sum()),
    rtol=0, atol=0,
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
    rtol=0.02, atol=5e-4,
    wrong=[
        lambda: gr.ahp_weights(AHP_MATRIX).ci,          # gave CI instead of CR
        lambda: gr.ahp_weights(AHP_MATRIX).lambda_max,  # gave lambda max
    ],
)

q4 = FrameCheck(
    expected=lambda: _grade_counts(),
    wrong=[
        lambda: _grade_counts(decide=None),   # forgot the deciding rule
    ],
    check_order=False,
)

q5 = Numeric(
    expected=lambda: int((_graded()["grade"] != _graded()["matrix_grade"]).sum()),
    rtol=0, atol=0,
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

q7 = Choice(
    wrong=["a", "c", "d"],
)

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

q9 = Reflection(
)


# ============================================================================================
# Issue #12 (textbook grading): Q10–Q14 — disqualifying vs deciding rules, ABC on two
# dimensions, objective weights, the four-step procedure (their words: ch03.toml).
# ============================================================================================
COMPLIANCE = ["audit_score", "payment_days", "price_violations"]
POTENTIAL_YEARS = 3   # development potential: the account's wallet in 3 years − revenue today


@cache
def _kestrel() -> pd.DataFrame:
    acc = data("kestrel_accounts").merge(data("kestrel_potential"), on="account_id")
    future = acc["wallet"] * (1 + acc["growth"] / 100) ** POTENTIAL_YEARS
    return acc.assign(potential=(future - acc["revenue"]).clip(lower=0))


def _abc_count(column: str | None) -> int:
    if column is None:
        graded = gr.abc_matrix(_kestrel(), x="revenue", y="potential")
    else:
        graded = gr.abc(_kestrel(), column)
    return int((graded["grade"] == "A").sum())


def _compliance_weights(cost=("payment_days", "price_violations"), normalize="minmax"):
    from .. import weights

    return weights.entropy_weights(data("aurora_distributors")[COMPLIANCE], cost=list(cost),
                                   normalize=normalize)


q10 = FrameCheck(
    expected=lambda: _grade_counts(DECIDE, DISQUALIFY),
    wrong=[
        lambda: _grade_counts(DECIDE, None),                 # forgot the disqualifying rule
        lambda: _grade_counts(DECIDE + DISQUALIFY, None),    # used it as a deciding rule
    ],
    check_order=False,
)

q11 = Choice(
    wrong=["a", "c", "d"],
)

q12 = FrameCheck(
    expected=lambda: _compliance_weights(),
    rtol=1e-4, atol=1e-6,
    wrong=[
        lambda: _compliance_weights(cost=()),                    # forgot the cost criteria
        lambda: _compliance_weights(cost=(), normalize="sum"),   # raw proportions
    ],
)

q13 = Numeric(
    expected=lambda: _abc_count(None),
    rtol=0, atol=0,
    wrong=[
        lambda: _abc_count("revenue"),     # ABC on transaction volume only
        lambda: _abc_count("potential"),   # ABC on potential only
    ],
)

q14 = Choice(
    wrong=["a", "c", "d"],
)


@cache
def _cdnow_summary() -> pd.DataFrame:
    return gr.rfm_summary(data("cdnow_sample"), customer="customer_id", date="date", amount="amount",
                          observation_end=CDNOW_END)


QUESTIONS = register(globals())
