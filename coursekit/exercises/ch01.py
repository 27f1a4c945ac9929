"""Chapter 01 exercises — STP: segmentation, targeting, positioning (市场细分、目标市场、定位).

Questions are built from the shipped data sets ``coffee_members`` (benefits sought) and
``brand_perception`` (brand ratings); expected answers are computed lazily with
:mod:`coursekit.stp`, so a cohort's data variant gets its own answers.

Examples
--------
>>> from coursekit.exercises import ch01
>>> ch01.q2.evaluate("a").status
'correct'
>>> ch01.q7.evaluate(ch01.weighted_score).status
'correct'
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from .. import stp
from .core import Choice, Exact, FrameCheck, FunctionCheck, Numeric, Reflection, data, register

ATTRIBUTES = ["taste", "value_for_money", "speed", "ambience",
              "workspace", "social", "sustainability", "rewards"]

# Targeting (chapter 01 notebook): a management team's 1–5 ratings of the five member
# segments (5 = most attractive; for competition 5 = weak competitors) and their weights.
CRITERIA = pd.DataFrame(
    {
        "size":          [5, 4, 4, 3, 3],
        "growth":        [3, 3, 3, 4, 5],
        "profitability": [3, 1, 3, 5, 5],
        "fit":           [2, 1, 5, 4, 4],
        "competition":   [2, 1, 3, 2, 4],
    },
    index=pd.Index(["commuters", "bargain hunters", "social visitors", "connoisseurs",
                    "remote workers"], name="segment"),
)
WEIGHTS = {"size": 0.20, "growth": 0.20, "profitability": 0.25, "fit": 0.20,
           "competition": 0.15}

K = 5
KS = range(2, 9)
CHOOSE_K_OPTIONS = {"n_init": 4, "silhouette_sample": 2000}


def _features() -> list[str]:
    return [c for c in data("coffee_members").columns if c.startswith("benefit_")]


@cache
def _segmentation() -> stp.Segmentation:
    return stp.segment(data("coffee_members"), _features(), K, random_state=0)


@cache
def _k_table() -> pd.DataFrame:
    return stp.choose_k(data("coffee_members"), _features(), KS, random_state=0, **CHOOSE_K_OPTIONS)


def _brand_means(how: str = "mean") -> pd.DataFrame:
    return data("brand_perception").groupby("brand", observed=True)[ATTRIBUTES].agg(how)


def _closest_to_harbour(*, include_self: bool = False) -> str:
    xy = stp.perceptual_map(_brand_means()).coordinates
    dist = np.sqrt(((xy - xy.loc["Harbour Coffee"]) ** 2).sum(axis=1))
    if not include_self:
        dist = dist.drop("Harbour Coffee")
    return str(dist.idxmin())


def weighted_score(scores: dict, weights: dict) -> float:
    """Reference answer of q7: weighted average of one segment's criterion scores."""
    total = sum(weights.values())
    return sum(weights[c] * scores[c] for c in weights) / total


def _forgot_to_normalise(scores: dict, weights: dict) -> float:
    return sum(weights[c] * scores[c] for c in weights)


def _plain_average(scores: dict, weights: dict) -> float:
    return sum(scores[c] for c in weights) / len(weights)


q1 = Exact(
    expected=lambda: _features(),
    ordered=False,
    wrong=[
        # mixed a demographic variable into the benefits
        lambda: [*_features(), "age"],
        # forgot one item (typed the names by hand)
        lambda: _features()[:-1],
    ],
)

q2 = Choice(wrong=["b", "d"])

q3 = Numeric(
    expected=lambda: int(_segmentation().sizes.max()),
    rtol=0,
    atol=0,
    wrong=[
        # gave the share instead of the count
        lambda: _segmentation().sizes.max() / _segmentation().sizes.sum(),
        # the smallest segment
        lambda: int(_segmentation().sizes.min()),
    ],
)

q4 = Exact(
    expected=lambda: int(_k_table()["silhouette"].idxmax()),
    wrong=[
        # "the lowest inertia is best" — inertia always falls as k grows
        lambda: int(_k_table()["inertia"].idxmin()),
        # the position (0, 1, 2 …) instead of the label k
        lambda: int(_k_table()["silhouette"].to_numpy().argmax()),
    ],
)

q5 = FrameCheck(
    expected=lambda: _brand_means(),
    rtol=1e-6,
    wrong=[
        # summed the ratings: well-known brands look "better" only because more people rated them
        lambda: _brand_means("sum"),
        lambda: _brand_means("median"),
    ],
)

q6 = Exact(
    expected=lambda: _closest_to_harbour(),
    wrong=[
        # forgot to drop Harbour Coffee itself (distance 0)
        lambda: _closest_to_harbour(include_self=True),
        "Beanline",
    ],
)

q7 = FunctionCheck(
    cases=[
        (({"size": 4, "fit": 2}, {"size": 0.3, "fit": 0.7}), 2.6),
        (({"size": 5, "growth": 1, "fit": 3}, {"size": 2, "growth": 1, "fit": 1}), 3.5),
        (({"size": 1, "fit": 5}, {"size": 1, "fit": 1}), 3.0),
        (({"a": 2, "b": 4, "c": 9}, {"a": 1, "b": 3}), 3.5),
    ],
    reference=weighted_score,
    wrong=[_forgot_to_normalise, _plain_average],
)

q8 = Exact(
    expected=lambda: str(stp.attractiveness(CRITERIA, WEIGHTS)["score"].idxmax()),
    wrong=[
        # picked the biggest segment
        lambda: str(CRITERIA["size"].idxmax()),
        # read the rank column the wrong way round (largest rank number)
        lambda: str(stp.attractiveness(CRITERIA, WEIGHTS)["rank"].idxmax()),
    ],
)

q9 = Reflection()

QUESTIONS = register(globals())
