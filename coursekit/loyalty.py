"""Satisfaction and loyalty: Jones & Sasser's quadrants and loyalty zones (chapters 04–05).

:func:`loyalty_quadrant` sorts respondents into apostles, mercenaries, hostages and defectors
(:data:`QUADRANTS`); :func:`loyalty_zone` places a satisfaction score in the zone of defection,
indifference or affection (:data:`ZONES`). Every function is pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._validate import (
    _check_scale_values,
    as_number,
    as_numeric_array,
)

__all__ = [
    "QUADRANTS",
    "ZONES",
    "ZONES_ZH",
    "loyalty_quadrant",
    "loyalty_zone",
]

#: Jones & Sasser (1995) satisfaction–loyalty quadrants.
QUADRANTS = ("apostle", "mercenary", "hostage", "defector")


ZONES = ("defection", "indifference", "affection")
ZONES_ZH = {"defection": "背叛区", "indifference": "冷淡区", "affection": "情感区"}




def loyalty_quadrant(
    satisfaction: Any, loyalty: Any, *, satisfaction_cut: float, loyalty_cut: float
) -> pd.Series:
    """Jones & Sasser (1995) quadrants: apostle, mercenary, hostage, defector.

    ========================  ======================  ======================
    \\                         loyalty ≥ cut           loyalty < cut
    ========================  ======================  ======================
    satisfaction ≥ cut        apostle (传道者)         mercenary (雇佣兵)
    satisfaction < cut        hostage (人质)           defector (背叛者)
    ========================  ======================  ======================

    Parameters
    ----------
    satisfaction, loyalty : list, Series or array
        One score per respondent, same length (any scale).
    satisfaction_cut, loyalty_cut : float
        A score at or above the cut counts as "high". Jones & Sasser put it at the top box
        ("completely satisfied"); a survey can use its own rule.

    Returns
    -------
    Series
        Ordered categorical with the categories :data:`QUADRANTS` (index of ``satisfaction``
        when it is a Series).

    Examples
    --------
    >>> loyalty_quadrant([9, 9, 4, 3], [8, 2, 9, 1], satisfaction_cut=8, loyalty_cut=7).tolist()
    ['apostle', 'mercenary', 'hostage', 'defector']
    """
    sat = as_numeric_array(satisfaction, name="satisfaction")
    loy = as_numeric_array(loyalty, name="loyalty")
    if sat.shape != loy.shape:
        raise ValueError(
            f"`satisfaction` has {sat.size} scores but `loyalty` has {loy.size}; give one of "
            "each per respondent."
        )
    sc = as_number(satisfaction_cut, name="satisfaction_cut")
    lc = as_number(loyalty_cut, name="loyalty_cut")
    hi_s, hi_l = sat >= sc, loy >= lc
    labels = np.select([hi_s & hi_l, hi_s, hi_l], ["apostle", "mercenary", "hostage"],
                       default="defector")
    index = satisfaction.index if isinstance(satisfaction, pd.Series) else None
    return pd.Series(pd.Categorical(labels, categories=list(QUADRANTS)), index=index,
                     name="quadrant")




def loyalty_zone(
    score: Any, *, scale_max: int = 5, cuts: tuple[float, float] | None = None
) -> str | pd.Series:
    """Zone of the satisfaction–loyalty curve (Jones & Sasser 1995; Heskett et al. 1994).

    On a 1–5 scale: 1–2 *zone of defection* (背叛区, customers leave and talk badly),
    above 2 up to 4 *zone of indifference* (冷淡区, "satisfied" but ready to switch), above
    4 *zone of affection* (情感区, completely satisfied, loyal "apostles"). For other scales
    the cut points sit at the same relative positions, 1 + ¼(k − 1) and 1 + ¾(k − 1).

    Parameters
    ----------
    score : number, list or Series
        Satisfaction scores 1…``scale_max`` (means are fine).
    scale_max : int, default 5
    cuts : (low, high), optional
        Your own cut points: ``score <= low`` is defection, ``score > high`` affection.
        Authors draw the zones differently (some keep affection for the top box only, e.g.
        ``cuts=(2, 4.99)`` on 1–5), so say which cuts you used.

    Returns
    -------
    str or Series
        ``"defection"``, ``"indifference"`` or ``"affection"`` (an ordered categorical for
        many scores; missing stays missing).

    Examples
    --------
    >>> loyalty_zone(4.6), loyalty_zone(4), loyalty_zone(2)
    ('affection', 'indifference', 'defection')
    >>> loyalty_zone([1, 3, 5, 7], scale_max=7).tolist()
    ['defection', 'indifference', 'indifference', 'affection']
    >>> loyalty_zone([4, 5], cuts=(2, 4.99)).tolist()
    ['indifference', 'affection']
    """
    k = as_number(scale_max, name="scale_max")
    if k < 2:
        raise ValueError(f"`scale_max` must be at least 2, but is {scale_max!r}.")
    low_cut, high_cut = 1 + (k - 1) / 4, 1 + 3 * (k - 1) / 4
    if cuts is not None:
        if not isinstance(cuts, Sequence) or isinstance(cuts, str) or len(cuts) != 2:
            raise TypeError(f"`cuts` must be two numbers (low, high), e.g. (2, 4), but got {cuts!r}.")
        low_cut, high_cut = (as_number(c, name="cuts") for c in cuts)
        if not 1 <= low_cut < high_cut <= k:
            raise ValueError(
                f"`cuts` must satisfy 1 ≤ low < high ≤ {k:g}, but are {tuple(cuts)!r}."
            )
    if np.isscalar(score):
        x = as_number(score, name="score")
        _check_scale_values(np.array([x]), 1, k, "score")
        return ZONES[0] if x <= low_cut else ZONES[1] if x <= high_cut else ZONES[2]
    arr = as_numeric_array(score, name="score", allow_nan=True)
    _check_scale_values(arr, 1, k, "score")
    codes = np.where(arr <= low_cut, 0, np.where(arr <= high_cut, 1, 2))
    codes = np.where(np.isnan(arr), -1, codes)
    index = score.index if isinstance(score, pd.Series) else None
    cat = pd.Categorical.from_codes(codes, categories=list(ZONES), ordered=True)
    return pd.Series(cat, index=index, name="loyalty_zone")
