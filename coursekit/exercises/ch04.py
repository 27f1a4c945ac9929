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
    rtol=1e-6,
    atol=1e-6,
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
    rtol=0,
    atol=0,
    wrong=[385, 356],
)

q9 = Choice(wrong=["a", "c"])

q10 = Reflection()

QUESTIONS = register(globals())
