"""Satisfaction and loyalty: Jones & Sasser's quadrants and loyalty zones (chapters 04–05).

:func:`loyalty_quadrant` sorts respondents into apostles, mercenaries, hostages and the "at risk"
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
    "QUADRANTS_ZH",
    "loyalty_quadrant",
    "loyalty_zone",
    "rebuy_ratio",
]

#: Jones & Sasser (1995) satisfaction–loyalty quadrants. The low–low group is "at risk"
#: (高风险客户): its members are neither satisfied nor loyal *in what they say*. The kit keeps
#: the words "defection" for the textbook's zone (叛离带) and "lapsed" / "churned" for
#: customers who stopped buying, so that no word has two meanings.
QUADRANTS = ("apostle", "mercenary", "hostage", "at risk")
QUADRANTS_ZH = {"apostle": "传道者", "mercenary": "雇佣兵", "hostage": "人质",
                "at risk": "高风险客户"}

#: The zones of the satisfaction–loyalty curve. Chinese: the textbook's terms (叛离带 / 冷漠带 /
#: 忠诚带); Jones & Sasser call the top one the *zone of affection*.
ZONES = ("defection", "indifference", "affection")
ZONES_ZH = {"defection": "叛离带", "indifference": "冷漠带", "affection": "忠诚带"}





def loyalty_quadrant(
    satisfaction: Any, loyalty: Any, *, satisfaction_cut: float, loyalty_cut: float
) -> pd.Series:
    """Jones & Sasser (1995) quadrants: apostle, mercenary, hostage, at risk.

    ========================  ======================  ======================
    \\                         loyalty ≥ cut           loyalty < cut
    ========================  ======================  ======================
    satisfaction ≥ cut        apostle (传道者)         mercenary (雇佣兵)
    satisfaction < cut        hostage (人质)           at risk (高风险客户)
    ========================  ======================  ======================

    Parameters
    ----------
    satisfaction, loyalty : list, Series or array
        One score per respondent, same length (any scale).
    satisfaction_cut, loyalty_cut : float
        A score at or above the cut counts as "high". Jones & Sasser put it at the top box
        ("completely satisfied"); a survey can use its own rule.

    Notes
    -----
    Jones & Sasser call the low–low group "defectors"; the kit says **at risk** (until
    version 0.1 it said ``"defector"``), because "defection" is the textbook's *zone*
    (叛离带, see :func:`loyalty_zone`) and customers who actually stopped buying are *lapsed*
    (流失). A survey answer shows risk, not behaviour.

    Returns
    -------
    Series
        Ordered categorical with the categories :data:`QUADRANTS` (index of ``satisfaction``
        when it is a Series).

    Examples
    --------
    >>> loyalty_quadrant([9, 9, 4, 3], [8, 2, 9, 1], satisfaction_cut=8, loyalty_cut=7).tolist()
    ['apostle', 'mercenary', 'hostage', 'at risk']
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
    # quadrant code straight from the two comparisons: no strings per row
    by_code = ["at risk", "hostage", "mercenary", "apostle"]  # (high sat, high loyalty) bits
    code = (sat >= sc).astype(np.int8) * 2 + (loy >= lc)
    remap = np.array([list(QUADRANTS).index(q) for q in by_code], dtype=np.int8)
    index = satisfaction.index if isinstance(satisfaction, pd.Series) else None
    return pd.Series(pd.Categorical.from_codes(remap[code], categories=list(QUADRANTS)),
                     index=index, name="quadrant")




def loyalty_zone(
    score: Any, *, scale_max: int = 5, cuts: tuple[float, float] | None = None
) -> str | pd.Series:
    """Zone of the satisfaction–loyalty curve (Jones & Sasser 1995; Heskett et al. 1994).

    The textbook draws three bands on the satisfaction–loyalty curve: 叛离带 (*defection
    zone*), 冷漠带 (*indifference zone*) and 忠诚带 (*loyalty zone*; Jones & Sasser's *zone
    of affection*). On a 1–5 scale: 1–2 defection (customers leave and talk badly), above 2
    up to 4 indifference ("satisfied" but ready to switch), above 4 loyalty / affection
    (completely satisfied, loyal "apostles"). Chinese names in :data:`ZONES_ZH`. For other scales
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


def rebuy_ratio(satisfied: Any, came_back: Any) -> pd.Series:
    """Test "a satisfied customer is k times as likely to buy again" on your own data.

    The course texts quote a common statistic: a satisfied customer is **6 times** as likely to
    keep buying as a dissatisfied one. Treat it as a claim: compare the share who came back
    among satisfied and among dissatisfied customers.

    Parameters
    ----------
    satisfied : list, Series or array of bool
        True for a satisfied customer, False for a dissatisfied one (leave out the neutral ones
        first, and say which rule you used, e.g. "rating ≥ 4" vs "rating ≤ 2").
    came_back : list, Series or array of bool
        True when that customer bought again (in a stated window).

    Returns
    -------
    Series
        ``satisfied_rate``, ``dissatisfied_rate`` (shares who came back), ``ratio``
        (satisfied_rate / dissatisfied_rate: the "k times as likely"), ``odds_ratio`` and the
        group sizes ``n_satisfied``, ``n_dissatisfied``.

    Raises
    ------
    ValueError
        Different lengths, missing values, values that are not True / False, or a group that is
        empty (nobody satisfied, or nobody dissatisfied).

    Examples
    --------
    >>> r = rebuy_ratio([True, True, True, True, False, False],
    ...                 [True, True, True, False, True, False])
    >>> r[["satisfied_rate", "dissatisfied_rate", "ratio"]].round(2).tolist()
    [0.75, 0.5, 1.5]
    """

    def _bools(x: Any, name: str) -> np.ndarray:
        s = pd.Series(np.asarray(x, dtype=object).ravel() if not isinstance(x, pd.Series) else x)
        if s.isna().any():
            raise ValueError(f"`{name}` has {int(s.isna().sum())} missing values; drop those "
                             "customers first.")
        ok = s.map(lambda v: isinstance(v, (bool, np.bool_)) or v in (0, 1))
        if not ok.all():
            bad = sorted(map(str, s[~ok].unique()))[:5]
            raise ValueError(f"`{name}` must be True / False for each customer, but has {bad}. "
                             "Turn ratings into True / False with a stated rule first.")
        return s.astype(bool).to_numpy()

    sat = _bools(satisfied, "satisfied")
    back = _bools(came_back, "came_back")
    if sat.shape != back.shape:
        raise ValueError(f"`satisfied` has {sat.size} values but `came_back` has {back.size}; "
                         "give one of each per customer.")
    n_s, n_d = int(sat.sum()), int((~sat).sum())
    if n_s == 0 or n_d == 0:
        raise ValueError(f"Need satisfied and dissatisfied customers, but found {n_s} satisfied "
                         f"and {n_d} dissatisfied. Check the rule that defines `satisfied`.")
    p_s, p_d = back[sat].mean(), back[~sat].mean()
    ratio = p_s / p_d if p_d > 0 else np.inf
    odds = (p_s / (1 - p_s)) / (p_d / (1 - p_d)) if p_d > 0 and p_s < 1 and p_d < 1 else np.inf
    return pd.Series({"satisfied_rate": float(p_s), "dissatisfied_rate": float(p_d),
                      "ratio": float(ratio), "odds_ratio": float(odds),
                      "n_satisfied": n_s, "n_dissatisfied": n_d}, name="rebuy")
