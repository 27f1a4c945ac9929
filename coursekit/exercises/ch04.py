"""Chapter 04 exercises — Satisfaction measurement (客户满意度测评).

Questions use the Harbour Coffee survey (``coffee_survey``: 600 members, items ``sat_*`` and
``imp_*`` on 1–5, ACSI items on 1–10, ``recommend`` 0–10) and the 问卷星-style export
``datasets/exports/wjx_code_gbk.csv``; expected answers are computed lazily with
:mod:`coursekit.satisfaction`.

Examples
--------
>>> from coursekit.exercises import ch04
>>> ch04.q8.evaluate(357).status
'correct'
>>> ch04.q8.evaluate(385).status
'wrong'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from .. import benchmarking, excellence, indicators
from .. import satisfaction as cs
from .core import Choice, Exact, FrameCheck, FunctionCheck, Numeric, Reflection, data, register

PRICE_Q = "5、您对价格的满意程度"
REVERSE = {1: 5, 2: 4, 3: 3, 4: 2, 5: 1}
MEMBERS = 5000


def export_path(name: str = "wjx_code_gbk.csv") -> Path:
    """Path of one of the 问卷星-style export files shipped with the kit."""
    from .. import datasets

    return datasets.data_dir() / "exports" / name


@cache
def _codes() -> pd.DataFrame:
    return cs.read_survey(export_path())


def _sat() -> pd.DataFrame:
    return data("coffee_survey").filter(like="sat_")


def _imp() -> pd.DataFrame:
    return data("coffee_survey").filter(like="imp_")


def _weights() -> pd.Series:
    return _imp().mean().rename(lambda c: c.replace("imp_", "sat_"))


def _top2(scores: pd.Series) -> float:
    s = pd.Series(scores, dtype=float).dropna()
    return float((s >= 4).mean())


q1 = Numeric(
    expected=lambda: cs.satisfaction_rate(_sat()["sat_speed"]),
    rtol=1e-4,
    wrong=[
        lambda: float((_sat()["sat_speed"] >= 3).mean()),  # counted 一般 (3) as satisfied
        lambda: float((_sat()["sat_speed"] == 5).mean()),  # top box only
        lambda: cs.satisfaction_rate(_sat()["sat_speed"]) * 100,  # percentage, not share
    ],
)

q2 = Numeric(
    expected=lambda: cs.satisfaction_index(_sat(), _weights(), method="range"),
    rtol=1e-4,
    wrong=[
        lambda: cs.satisfaction_index(_sat(), _weights(), method="max"),  # mean / 5 · 100
        lambda: cs.satisfaction_index(_sat(), None),  # forgot the weights
    ],
)

q3 = Numeric(
    expected=lambda: cs.nps(data("coffee_survey")["recommend"]),
    rtol=1e-6, atol=1e-6,
    wrong=[
        lambda: 100 * float((data("coffee_survey")["recommend"] >= 8).mean()
                            - (data("coffee_survey")["recommend"] <= 6).mean()),  # 8 counted as promoter
        lambda: 100 * float((data("coffee_survey")["recommend"] >= 9).mean()),  # forgot the detractors
        lambda: cs.nps(data("coffee_survey")["recommend"]) / 100,  # a share, not points
    ],
)

q4 = Numeric(
    expected=lambda: cs.cronbach_alpha(data("coffee_survey")[["acsi1", "acsi2", "acsi3"]]),
    rtol=1e-4,
    wrong=[
        lambda: cs.cronbach_alpha(data("coffee_survey")[["acsi1", "acsi2"]]),  # forgot an item
        lambda: cs.cronbach_alpha(_sat()),  # the attribute items: not one construct
    ],
)

q5 = Exact(
    expected=lambda: str(cs.ipa(_imp(), _sat()).index[0]),
    wrong=[
        lambda: _sat().mean().idxmin().removeprefix("sat_"),  # lowest score, importance ignored
        lambda: _imp().mean().idxmax().removeprefix("imp_"),  # most important, performance ignored
    ],
)

q6 = FrameCheck(
    expected=lambda: cs.to_scores(_codes()[PRICE_Q], REVERSE),
    wrong=[
        lambda: _codes()[PRICE_Q],  # codes used as scores: the 'reversed codes' trap
        lambda: cs.to_scores(_codes()[PRICE_Q], REVERSE).fillna(0),  # skipped → 0
    ],
)


def _ref_top2(scores: list[float]) -> float:
    return _top2(pd.Series(scores, dtype=float))


q7 = FunctionCheck(
    reference=_ref_top2,
    cases=[
        (([5, 4, 3, 2, 1],), None),
        (([5, 4, np.nan, 2],), None),
        (([np.nan, 5, 5, 5, 1, np.nan],), None),
        (([3, 3, 3],), None),
    ],
    wrong=[
        # missing answers left in the denominator
        lambda scores: float((pd.Series(scores, dtype=float) >= 4).sum() / len(scores)),
        # 一般 (3) counted as satisfied
        lambda scores: float((pd.Series(scores, dtype=float).dropna() >= 3).mean()),
    ],
)

q8 = Numeric(
    expected=lambda: cs.sample_size(margin=0.05, confidence=0.95, population=MEMBERS),
    rtol=0, atol=0,
    wrong=[385, 356],  # no correction; rounded down
)

q9 = Choice(
    wrong=["a", "c"],
)

q10 = Reflection(
)

# --------------------------------------------------------------------------------------
# Issue 13: the textbook's 满意率 and weighted index, multi-level indicators, benchmarking
# (定点超越) and the customer-and-market-focus scorecard.
# --------------------------------------------------------------------------------------

#: The level-1 → level-2 indicator system of question q13 (weights at each level).
TREE = {
    "product": (0.5, {"sat_taste": 0.7, "sat_price": 0.3}),
    "service": (0.3, {"sat_speed": 0.5, "sat_staff": 0.3, "sat_app": 0.2}),
    "environment": (0.2, {"sat_ambience": 1.0}),
}


def _bench_group(brand: str, year: int) -> pd.DataFrame:
    b = data("coffee_benchmark")
    return b[(b["brand"] == brand) & (b["year"] == year)].filter(like="sat_")


def _member_means() -> pd.Series:
    return _sat().mean(axis=1)


def _tree_flat_wrong() -> float:
    """Item weights used as if they were global (the level-1 weights forgotten)."""
    means = _sat().mean()
    pairs = [(w, means[i]) for _, (_, items) in TREE.items() for i, w in items.items()]
    return float(sum(w * m for w, m in pairs) / sum(w for w, _ in pairs))


q11 = Numeric(
    expected=lambda: cs.satisfaction_rate(_sat(), rule="mean"),
    rtol=1e-4,
    wrong=[
        lambda: float((_sat().to_numpy() >= 4).mean()),  # share of answers, not of customers
        lambda: float((_sat() >= 4).all(axis=1).mean()),  # satisfied with every item
        lambda: float((_member_means() >= 3).mean()),  # 一般 counted as satisfied
        lambda: cs.satisfaction_rate(_sat(), rule="mean") * 100,  # a percentage, not a share
    ],
)

q12 = Numeric(
    expected=lambda: cs.satisfaction_index(_sat(), _weights(), method="mean"),
    rtol=1e-4,
    wrong=[
        lambda: cs.satisfaction_index(_sat(), _weights(), method="range"),  # 0–100 already
        lambda: float(_sat().mean().mean()),  # equal weights
        lambda: float((_weights() * _sat().mean()).sum()),  # weights not normalised
    ],
)

q13 = Numeric(
    expected=lambda: indicators.rollup_index(_sat(), TREE).index,
    rtol=1e-4,
    wrong=[
        _tree_flat_wrong,  # level-1 weights forgotten
        lambda: float(_sat().mean().mean()),  # equal weights
        lambda: indicators.rollup_index(_sat(), TREE).to_100("range"),  # 0–100
    ],
)

q14 = Exact(
    expected=lambda: str(benchmarking.compare_means(
        _bench_group("Harbour Coffee", 2025), _bench_group("Lighthouse Coffee", 2025)
    ).loc["sat_app", "verdict"]),
    wrong=["worse", "better"],
)

q15 = Exact(
    expected=lambda: str(excellence.scorecard(data("excellence_scorecard")).weakest.index[0]),
    wrong=["2.1(4)", "2.2a(3)"],
)

QUESTIONS = register(globals())
