"""Performance excellence, "customer and market focus" (以顾客和市场为中心): a self-assessment.

The performance-excellence criteria (卓越绩效评价准则, after the Baldrige criteria) ask how a
firm knows its customers and markets (顾客和市场的了解) and how it builds relationships and
measures satisfaction (顾客关系和顾客满意度: contact channels, complaint handling, measuring
satisfaction and dissatisfaction, comparison with competitors and benchmarks — 定点超越).
A trainer or manager scores the firm on each item; :func:`scorecard` turns the sheet into a
weighted score (a two-level roll-up, :func:`coursekit.indicators.rollup_index`), the weakest
items and a radar chart. The shipped sheet is ``datasets.load("excellence_scorecard")``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._lang import pick
from ._validate import _show, require_frame
from .indicators import Rollup, rollup_index

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["scorecard", "Scorecard", "plot_scorecard"]

_NEEDED = ("criterion", "code", "criterion_weight", "item_weight")


@dataclass(frozen=True)
class Scorecard:
    """Result of :func:`scorecard`.

    Attributes
    ----------
    items : DataFrame
        Per item (indexed by code): criterion, weights (level-1, within, global), score,
        contribution and ``shortfall`` = global weight × (top score − score): how many index
        points the item leaves on the table.
    criteria : DataFrame
        Per criterion: weight and score (weighted mean of its items).
    total : float
        The weighted score on the scoring scale (e.g. 2.92 of 5).
    percent : float
        The same on 0–100 (range method: the lowest score gives 0).
    weakest : DataFrame
        The ``n_weakest`` items with the lowest scores (ties: the larger shortfall first).
    rollup : Rollup
    """

    items: pd.DataFrame
    criteria: pd.DataFrame
    total: float
    percent: float
    weakest: pd.DataFrame
    rollup: Rollup

    def plot(self, *, ax: Any = None, title: str | None = None) -> Any:
        """Radar chart of the item scores (see :func:`plot_scorecard`)."""
        return plot_scorecard(self, ax=ax, title=title)


def scorecard(
    sheet: pd.DataFrame,
    *,
    score: str = "score",
    scale: tuple[float, float] = (1, 5),
    n_weakest: int = 3,
) -> Scorecard:
    """Score a self-assessment sheet: weighted total, per criterion, weakest items.

    .. math:: \\text{total} = \\sum_j W_j \\sum_i w_{ji}\\,s_{ji}

    with criterion weights :math:`W_j` and item weights :math:`w_{ji}` normalised at each
    level (as in a multi-level satisfaction index).

    Parameters
    ----------
    sheet : DataFrame
        One row per item with the columns ``criterion`` (level-1 indicator), ``code`` (the
        item's short name), ``criterion_weight``, ``item_weight`` and the score column, like
        ``datasets.load("excellence_scorecard")``. The sheet is not modified.
    score : str, default "score"
        The column with the scores (e.g. a second rater's column).
    scale : (low, high), default (1, 5)
        The scoring scale of the rubric.
    n_weakest : int, default 3

    Returns
    -------
    Scorecard

    Raises
    ------
    ValueError
        A column is missing, a score is missing or outside the scale, or the weights are
        invalid.

    Examples
    --------
    >>> sheet = pd.DataFrame({
    ...     "criterion": ["know", "know", "relate", "relate"],
    ...     "code": ["k1", "k2", "r1", "r2"],
    ...     "criterion_weight": [0.5, 0.5, 0.5, 0.5],
    ...     "item_weight": [1, 1, 3, 1],
    ...     "score": [4, 2, 3, 1]})
    >>> card = scorecard(sheet, n_weakest=2)
    >>> round(card.total, 2), round(card.percent, 1)
    (2.75, 43.8)
    >>> card.weakest.index.tolist()
    ['r2', 'k2']
    """
    require_frame(sheet, name="sheet")
    need = [c for c in (*_NEEDED, score) if c not in sheet.columns]
    if need:
        raise ValueError(
            f"`sheet` lacks the column(s) {need}; it has {_show(list(sheet.columns), limit=10)}. "
            "Use the layout of datasets.load('excellence_scorecard')."
        )
    if not isinstance(n_weakest, (int, np.integer)) or isinstance(n_weakest, bool) or n_weakest < 1:
        raise ValueError(f"`n_weakest` must be a whole number ≥ 1, but is {n_weakest!r}.")
    scores = pd.to_numeric(sheet[score], errors="coerce")
    if scores.isna().any():
        rows = sheet.loc[scores.isna(), "code"].tolist()
        raise ValueError(
            f"Item(s) {_show(rows)} have no numeric score in column {score!r}; score every "
            "item (use the lowest score for 'nothing in place')."
        )
    structure = pd.DataFrame({
        "level1": sheet["criterion"].astype(str).to_numpy(),
        "item": sheet["code"].astype(str).to_numpy(),
        "level1_weight": sheet["criterion_weight"].to_numpy(),
        "item_weight": sheet["item_weight"].to_numpy(),
    })
    values = pd.Series(scores.to_numpy(dtype=float), index=structure["item"].to_numpy())
    r = rollup_index(values, structure, scale=scale)
    items = r.items.rename(columns={"level1": "criterion", "mean": "score"}).rename_axis("code")
    items["shortfall"] = items["weight"] * (r.scale[1] - items["score"])
    for extra in ("item", "item_zh", "evidence"):
        if extra in sheet.columns:
            items[extra] = sheet[extra].to_numpy()
    weakest = items.sort_values(["score", "shortfall"], ascending=[True, False],
                                kind="stable").head(int(n_weakest))
    criteria = r.groups.rename_axis("criterion")
    return Scorecard(items=items, criteria=criteria, total=r.index, percent=r.to_100("range"),
                     weakest=weakest, rollup=r)


def plot_scorecard(card: Scorecard, *, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Radar chart of a :func:`scorecard`: one axis per item, the distance is the score.

    Returns the matplotlib ``Axes`` (polar).

    Examples
    --------
    >>> sheet = pd.DataFrame({"criterion": ["a", "a", "b"], "code": ["a1", "a2", "b1"],
    ...                       "criterion_weight": 1, "item_weight": 1, "score": [4, 2, 3]})
    >>> ax = plot_scorecard(scorecard(sheet))
    >>> ax.name
    'polar'
    """
    if not isinstance(card, Scorecard):
        raise TypeError(f"`card` must be the result of scorecard(...), got {type(card).__name__}.")
    from .lean import plot_radar

    low, high = card.rollup.scale
    scores = card.items["score"].rename("score")
    heading = title or pick({
        "en": f"Customer and market focus: self-assessment, weighted score {card.total:.2f} of "
              f"{high:g}",
        "zh": f"以顾客和市场为中心：自我评价，加权得分 {card.total:.2f}（满分 {high:g}）"})
    return plot_radar(scores, ax=ax, max_value=high, title=heading,
                      unit=pick({"en": f"score {low:g}–{high:g}", "zh": f"得分 {low:g}–{high:g}"}))
