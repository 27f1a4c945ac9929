"""Multi-level indicator systems (测评指标体系): weights at each level and the rolled-up index.

A satisfaction study (or a self-assessment) rarely has one flat list of questions. The
textbook builds an *indicator system*: level-1 indicators (一级指标, e.g. product, service,
environment), each broken into level-2 indicators (二级指标, the questions actually asked),
with weights at **each** level. The index is rolled up from the bottom:

.. math::
    S_j = \\sum_i w_{ji}\\,\\bar x_{ji}, \\qquad
    \\text{Index} = \\sum_j W_j\\,S_j = \\sum_j \\sum_i (W_j w_{ji})\\,\\bar x_{ji}

where :math:`\\bar x_{ji}` is the mean score of level-2 indicator *i* of group *j*,
:math:`w_{ji}` its weight within the group (summing to 1 in each group) and :math:`W_j` the
weight of group *j* (summing to 1). :math:`W_j w_{ji}` is the item's *global* weight. The
index is on the answer scale (e.g. 4.12 of 5), the textbook's number; ``Rollup.to_100``
converts it to 0–100 (the kit's extension, say which method).

Weights can come from any method of :mod:`coursekit.weights` (direct rating, AHP, entropy,
CRITIC) — one method per level if you like.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._validate import (
    _show,
    as_number,
    require_choice,
    require_columns,
    require_frame,
    require_numeric,
)

__all__ = ["indicator_tree", "rollup_index", "Rollup", "to_100"]

_TREE_COLUMNS = ("level1", "item", "level1_weight", "item_weight")


def _scale_pair(scale: Any) -> tuple[float, float]:
    if isinstance(scale, (str, bytes)) or not hasattr(scale, "__len__") or len(scale) != 2:
        raise TypeError(f"`scale` must be (lowest, highest), e.g. (1, 5), but got {scale!r}.")
    low, high = (as_number(v, name="scale") for v in scale)
    if not low < high:
        raise ValueError(f"`scale` must be (lowest, highest) with lowest < highest, but is {scale!r}.")
    return low, high


def to_100(value: Any, *, scale: tuple[float, float] = (1, 5), method: str = "range") -> Any:
    """Convert a score on the answer scale to 0–100 (the kit's extension of the textbook).

    ``method="range"``: (x − low)/(high − low)·100 — the lowest answer gives 0.
    ``method="max"``: x/high·100 — the lowest answer of 1…5 gives 20. Say which you report.

    Examples
    --------
    >>> to_100(4.12), round(to_100(4.12, method="max"), 1)
    (78.0, 82.4)
    """
    require_choice(method, name="method", choices=("range", "max"))
    low, high = _scale_pair(scale)
    if method == "range":
        return (value - low) / (high - low) * 100
    return value / high * 100


def _weights_ok(values: pd.Series, what: str) -> pd.Series:
    num = pd.to_numeric(values, errors="coerce")
    bad = values[num.isna()]
    if len(bad):
        raise ValueError(f"{what} must be numbers, but {_show(bad.tolist())} are not.")
    if (num < 0).any():
        raise ValueError(f"{what} must not be negative: {_show(num[num < 0].tolist())}.")
    return num.astype(float)


def indicator_tree(structure: Mapping[str, Any] | pd.DataFrame) -> pd.DataFrame:
    """The indicator system as a table, with the weights normalised at each level.

    Parameters
    ----------
    structure : mapping or DataFrame
        Either ``{level1: (level1_weight, {item: item_weight, ...}), ...}`` or a table with
        the columns ``level1``, ``item``, ``level1_weight`` and ``item_weight`` (one row per
        level-2 indicator; ``level1_weight`` repeated on each row of its group). Weights are
        relative: they are divided by their sum (level-1 over the groups, items within each
        group).

    Returns
    -------
    DataFrame
        One row per item, indexed by item: ``level1``, ``level1_weight``, ``item_weight``
        (normalised) and ``weight`` = level1_weight × item_weight (the global weight; the
        column sums to 1).

    Raises
    ------
    ValueError
        Negative or non-numeric weights, a group whose weights are all 0, an item listed
        twice, or a level-1 weight that differs between rows of the same group.

    Examples
    --------
    >>> tree = indicator_tree({"product": (0.6, {"taste": 3, "price": 1}),
    ...                        "service": (0.4, {"speed": 1, "staff": 1})})
    >>> tree
           level1  level1_weight  item_weight  weight
    item
    taste  product            0.6         0.75    0.45
    price  product            0.6         0.25    0.15
    speed  service            0.4         0.50    0.20
    staff  service            0.4         0.50    0.20
    """
    if isinstance(structure, pd.DataFrame):
        require_frame(structure, name="structure")
        require_columns(structure, _TREE_COLUMNS, name="structure",
                        why=f"it needs the columns {list(_TREE_COLUMNS)}",
                        fix="Rename your columns, e.g. "
                            "df.rename(columns={'criterion': 'level1', 'code': 'item'}).")
        rows = structure[list(_TREE_COLUMNS)].copy()
    elif isinstance(structure, Mapping):
        if not structure:
            raise ValueError("`structure` is empty: give at least one level-1 indicator.")
        records = []
        for group, spec in structure.items():
            if (not isinstance(spec, (tuple, list)) or len(spec) != 2
                    or not isinstance(spec[1], Mapping)):
                raise ValueError(
                    f"`structure[{group!r}]` must be (weight, {{item: weight, ...}}), e.g. "
                    f"(0.4, {{'taste': 0.7, 'price': 0.3}}), but is {spec!r}."
                )
            if not spec[1]:
                raise ValueError(f"Level-1 indicator {group!r} has no items.")
            for item, w in spec[1].items():
                records.append((group, item, spec[0], w))
        rows = pd.DataFrame(records, columns=list(_TREE_COLUMNS))
    else:
        raise TypeError(
            "`structure` must be a dict {level1: (weight, {item: weight})} or a DataFrame with "
            f"columns {list(_TREE_COLUMNS)}, but got {type(structure).__name__}."
        )
    rows["item"] = rows["item"].astype(str)
    dup = rows["item"][rows["item"].duplicated()].unique().tolist()
    if dup:
        raise ValueError(f"Item(s) {_show(dup)} appear more than once; each item belongs to one group.")
    rows["level1_weight"] = _weights_ok(rows["level1_weight"], "Level-1 weights")
    rows["item_weight"] = _weights_ok(rows["item_weight"], "Item weights")
    spread = rows.groupby("level1", sort=False)["level1_weight"].agg(["min", "max"])
    uneven = spread.index[spread["min"] != spread["max"]].tolist()
    if uneven:
        raise ValueError(
            f"Level-1 indicator(s) {_show(uneven)} have different level1_weight values on "
            "different rows; give each group one weight."
        )
    group_w = rows.groupby("level1", sort=False)["level1_weight"].first()
    if group_w.sum() == 0:
        raise ValueError("All level-1 weights are 0; at least one must be positive.")
    item_sum = rows.groupby("level1", sort=False)["item_weight"].transform("sum")
    zero = rows.loc[item_sum == 0, "level1"].unique().tolist()
    if zero:
        raise ValueError(f"All item weights of {_show(zero)} are 0; at least one must be positive.")
    out = pd.DataFrame({
        "level1": rows["level1"].to_numpy(),
        "level1_weight": rows["level1"].map(group_w / group_w.sum()).to_numpy(dtype=float),
        "item_weight": (rows["item_weight"] / item_sum).to_numpy(dtype=float),
    }, index=pd.Index(rows["item"].to_numpy(), name="item"))
    out["weight"] = out["level1_weight"] * out["item_weight"]
    return out


@dataclass(frozen=True)
class Rollup:
    """A rolled-up index: per item, per level-1 indicator and overall.

    Attributes
    ----------
    items : DataFrame
        Per item: level1, level1_weight, item_weight, weight (global), mean, contribution
        (= weight × mean; the contributions add up to the index).
    groups : DataFrame
        Per level-1 indicator: weight and score (Σ item_weight × mean, on the answer scale).
    index : float
        The overall index on the answer scale, Σ W_j S_j.
    scale : (low, high)
    """

    items: pd.DataFrame
    groups: pd.DataFrame
    index: float
    scale: tuple[float, float]

    def to_100(self, method: str = "range") -> float:
        """The overall index on 0–100 (``"range"`` or ``"max"``, see :func:`to_100`)."""
        return float(to_100(self.index, scale=self.scale, method=method))


def _item_means(values: Any, items: list[str], low: float, high: float) -> pd.Series:
    if isinstance(values, pd.DataFrame):
        require_frame(values, name="values")
        require_columns(values, items, name="values", why="named in the indicator system")
        require_numeric(values, items, name="values", allow_nan=True)
        x = values[items].to_numpy(dtype=float, na_value=np.nan)
        counts = (~np.isnan(x)).sum(axis=0)
        if (counts == 0).any():
            empty = [c for c, n in zip(items, counts, strict=True) if n == 0]
            raise ValueError(f"Item(s) {_show(empty)} have no answers at all (every value is missing).")
        means = np.nansum(x, axis=0) / counts
        checked = x[~np.isnan(x)]
    elif isinstance(values, (pd.Series, Mapping)):
        s = pd.Series(dict(values)) if isinstance(values, Mapping) else values
        s = s.copy()
        s.index = s.index.astype(str)
        cols = [c for c in items if c not in s.index]
        if cols:
            raise ValueError(
                f"`values` has no score for {_show(cols)}; it has {_show(list(s.index), limit=8)}."
            )
        num = pd.to_numeric(s[items], errors="coerce")
        if num.isna().any():
            raise ValueError(
                f"`values` must give a number for every item, but {_show(num.index[num.isna()].tolist())} "
                "are missing or not numbers."
            )
        means = num.to_numpy(dtype=float)
        checked = means
    else:
        raise TypeError(
            "`values` must be a DataFrame of answers (one column per item) or a Series "
            f"item → score, but got {type(values).__name__}."
        )
    bad = checked[(checked < low) | (checked > high)]
    if len(bad):
        raise ValueError(
            f"`values` has {len(bad)} value(s) outside the scale {low:g}–{high:g}, e.g. "
            f"{_show(sorted(set(bad.tolist())))}. Check `scale=` or recode the answers first."
        )
    return pd.Series(means, index=items)


def rollup_index(
    values: pd.DataFrame | pd.Series | Mapping[str, float],
    structure: Mapping[str, Any] | pd.DataFrame,
    *,
    scale: tuple[float, float] = (1, 5),
) -> Rollup:
    """Roll a multi-level indicator system up into one index (textbook weighted average).

    .. math:: \\text{Index} = \\sum_j W_j \\sum_i w_{ji}\\,\\bar x_{ji}

    Parameters
    ----------
    values : DataFrame, Series or mapping
        Answers (one row per respondent, one column per level-2 item; missing answers are
        left out of that item's mean), or one score per item (e.g. item means, or a single
        rater's scores on a self-assessment sheet).
    structure : mapping or DataFrame
        The indicator system, see :func:`indicator_tree`.
    scale : (low, high), default (1, 5)
        The answer scale; every value must lie within it.

    Returns
    -------
    Rollup
        ``.index`` on the answer scale (always within ``scale``), ``.groups`` per level-1
        indicator, ``.items`` per item with its contribution, ``.to_100(method)``.

    Raises
    ------
    ValueError
        An item of the structure has no column / score, a value is outside the scale, or
        the structure is invalid (see :func:`indicator_tree`).

    Examples
    --------
    A worked example: two level-1 indicators, four items, mean scores on 1–5.

    >>> means = {"taste": 4.4, "price": 3.6, "speed": 4.0, "staff": 4.2}
    >>> tree = {"product": (0.6, {"taste": 0.75, "price": 0.25}),
    ...         "service": (0.4, {"speed": 0.5, "staff": 0.5})}
    >>> r = rollup_index(means, tree)
    >>> r.groups.round(2)
             weight  score
    level1
    product     0.6    4.2
    service     0.4    4.1
    >>> round(r.index, 2), round(r.to_100("range"), 1)
    (4.16, 79.0)
    """
    low, high = _scale_pair(scale)
    tree = indicator_tree(structure)
    items = list(tree.index)
    means = _item_means(values, items, low, high)
    out = tree.copy()
    out["mean"] = means.to_numpy()
    out["contribution"] = out["weight"] * out["mean"]
    scores = (out["item_weight"] * out["mean"]).groupby(out["level1"], sort=False).sum()
    weights = out.groupby("level1", sort=False)["level1_weight"].first()
    groups = pd.DataFrame({"weight": weights, "score": scores})
    groups.index.name = "level1"
    index = float(np.clip(out["contribution"].sum(), low, high))  # clip rounding noise only
    return Rollup(items=out, groups=groups, index=index, scale=(low, high))
