"""Targeting with a model's scores: gains and lift, and whom a campaign should contact.

A churn (or response) model gives every customer a score. A marketer does not use the score
itself but a ranking: *if we call the 20 % with the highest scores, what share of all the
churners do we reach?* That is the **cumulative gains** table (累计增益表) and its chart; the
**lift** (提升度) is the gain divided by the share contacted (a lift of 2.5 at 20 % means the top
fifth holds 2.5 times as many churners as a random fifth).

Which customers are worth contacting depends on money, not only on risk. The
**expected value** (期望价值) of contacting a customer in a retention campaign is

.. math:: E = p \\times s \\times V - c

with churn probability :math:`p`, save rate :math:`s` (the share of would-be churners the offer
keeps; 1 in the textbook's simple form), customer value :math:`V` and contact cost :math:`c`.
Contact those with :math:`E > 0`, and compare with contacting everyone.

Examples
--------
>>> from coursekit import targeting
>>> t = targeting.gains_table([1, 0, 1, 0, 0, 0, 1, 0, 0, 0], [.9, .8, .7, .6, .5, .4, .3, .2, .1, 0], bins=5)
>>> t["gain"].round(3).tolist()
[0.333, 0.667, 0.667, 1.0, 1.0]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._validate import as_number, as_numeric_array, require_positive, require_probability

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = ["gains_table", "gain_at", "plot_gains", "expected_value_targeting", "TargetingResult"]


def _outcomes(y_true: Any, *, name: str = "y_true") -> np.ndarray:
    if isinstance(y_true, pd.Series) and pd.api.types.is_bool_dtype(y_true):
        if y_true.isna().any():
            raise ValueError(
                f"`{name}` has {int(y_true.isna().sum())} missing value(s); every customer needs "
                "a known outcome (True/False or 1/0). Drop the rows without one first."
            )
        y_true = y_true.astype(bool)
    y = as_numeric_array(np.asarray(y_true, dtype=object) if isinstance(y_true, list) else y_true,
                         name=name)
    bad = ~np.isin(y, (0.0, 1.0))
    if bad.any():
        raise ValueError(
            f"`{name}` must be outcomes coded 1 (e.g. churned) and 0 (stayed), or True/False; it "
            f"has {int(bad.sum())} other value(s) such as {np.unique(y[bad])[:3].tolist()}. "
            "Did you pass the scores as the outcome? The outcome comes first: (y_true, score)."
        )
    if y.sum() == 0:
        raise ValueError(
            f"`{name}` has no positive outcome (no 1 / True): there are no churners or responders "
            "to find, so gains cannot be computed. Check that you passed the right column."
        )
    return y


def _ranked(y_true: Any, score: Any) -> tuple[np.ndarray, np.ndarray]:
    y = _outcomes(y_true)
    s = as_numeric_array(score, name="score")
    if len(s) != len(y):
        raise ValueError(
            f"`y_true` has {len(y)} values but `score` has {len(s)}: give one score per customer, "
            "in the same order (e.g. model.predict_proba(X_test)[:, 1] with y_test)."
        )
    order = np.argsort(-s, kind="stable")   # highest score first; ties keep their order
    return y[order], s[order]


def gains_table(y_true: Any, score: Any, *, bins: int = 10) -> pd.DataFrame:
    """Cumulative gains and lift by score group (deciles by default).

    Customers are ranked by ``score``, highest first, and cut into ``bins`` groups of (almost)
    equal size. For each group, the table gives what a campaign that contacts this group and all
    groups above it would reach.

    Parameters
    ----------
    y_true : sequence of 0/1 or bool
        The actual outcome per customer (1 = churned / responded).
    score : sequence of float
        The model's score per customer (e.g. churn probability), same order as ``y_true``.
    bins : int
        Number of groups (10 = deciles, 5 = quintiles, 20 = 5 % steps).

    Returns
    -------
    DataFrame
        One row per group, ``group`` 1 (highest scores) … ``bins``: ``customers``,
        ``positives`` (churners in the group), ``rate`` (their share in the group),
        ``contacted`` (cumulative share of customers), ``gain`` (cumulative share of all
        positives reached) and ``lift`` (gain / contacted; 1 = no better than random).

    Raises
    ------
    ValueError
        Outcomes that are not 0/1, no positive outcome, lengths that differ, missing values,
        or ``bins`` not a whole number between 1 and the number of customers.

    Examples
    --------
    >>> y = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0]
    >>> s = [.9, .8, .7, .6, .5, .4, .3, .2, .1, .05]
    >>> t = gains_table(y, s, bins=5)
    >>> t[["contacted", "gain", "lift"]].round(2).to_dict("list")
    {'contacted': [0.2, 0.4, 0.6, 0.8, 1.0], 'gain': [0.67, 1.0, 1.0, 1.0, 1.0], 'lift': [3.33, 2.5, 1.67, 1.25, 1.0]}
    """
    y, _ = _ranked(y_true, score)
    n = len(y)
    if isinstance(bins, bool) or not isinstance(bins, (int, np.integer)) or not 1 <= bins <= n:
        raise ValueError(
            f"`bins` must be a whole number from 1 to the number of customers ({n}), e.g. 10 for "
            f"deciles; got {bins!r}."
        )
    groups = np.array_split(y, int(bins))
    sizes = np.array([len(g) for g in groups])
    pos = np.array([g.sum() for g in groups])
    contacted = sizes.cumsum() / n
    gain = pos.cumsum() / y.sum()
    table = pd.DataFrame({
        "group": np.arange(1, int(bins) + 1),
        "customers": sizes,
        "positives": pos.astype(int),
        "rate": pos / sizes,
        "contacted": contacted,
        "gain": gain,
        "lift": gain / contacted,
    })
    table.attrs["zh_context"] = "gains"  # its Chinese view's own words (coursekit.display)
    return table


def gain_at(y_true: Any, score: Any, share: float = 0.2) -> float:
    """Share of all positives found among the top ``share`` of customers by score.

    The top group is ``ceil(share × n)`` customers. ``gain_at(y, s, 0.2)`` is "the gains at
    20 %": the fraction of all churners a campaign reaches when it calls the riskiest fifth.

    Examples
    --------
    >>> gain_at([1, 1, 0, 1, 0, 0, 0, 0, 0, 0], [.9, .8, .7, .6, .5, .4, .3, .2, .1, .05], 0.2)
    0.6666666666666666
    """
    y, _ = _ranked(y_true, score)
    share = require_probability(share, name="share", low_open=True)
    k = int(np.ceil(share * len(y) - 1e-9))
    return float(y[:k].sum() / y.sum())


def plot_gains(
    y_true: Any,
    scores: Any,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    positive: str | None = None,
    mark: float | None = 0.2,
) -> Axes:
    """Cumulative gains chart: % of customers contacted (by score) vs % of positives reached.

    Parameters
    ----------
    y_true : sequence of 0/1 or bool
        The actual outcome per customer.
    scores : sequence of float, or dict of name → sequence
        One model's scores, or several (``{"logistic": p1, "tree": p2}``) to compare.
    ax : matplotlib Axes, optional
        Where to draw; a new figure when ``None``.
    title, positive : str
        Chart title; what a positive outcome is called on the y-axis (e.g. "responders").
    mark : float or None
        Draw a guide at this share contacted (default 20 %); ``None`` for none.

    Returns
    -------
    matplotlib Axes

    Examples
    --------
    >>> ax = plot_gains([1, 0, 1, 0, 0], [.9, .1, .8, .3, .2])
    >>> ax.get_xlabel()
    'customers contacted, highest score first (cumulative %)'
    """
    import matplotlib.pyplot as plt

    from ._lang import pick
    from .display import zh_text
    from .plotting import PALETTE, colour, label

    curves = scores if isinstance(scores, dict) else {pick({"en": "model", "zh": "模型"}): scores}
    positive = pick({"en": "churners", "zh": "流失客户"}) if positive is None else zh_text(positive)
    if not curves:
        raise ValueError("`scores` is an empty dict: give at least one model's scores.")
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 5))
    y = _outcomes(y_true)
    for i, (name, s) in enumerate(curves.items()):
        ranked, _ = _ranked(y, s)
        x = np.r_[0, np.arange(1, len(ranked) + 1) / len(ranked)] * 100
        g = np.r_[0, ranked.cumsum() / ranked.sum()] * 100
        name = zh_text(name)
        text = name if mark is None else pick({
            "en": f"{name} ({gain_at(y, s, mark):.0%} at {mark:.0%})",
            "zh": f"{name}（前 {mark:.0%} 覆盖 {gain_at(y, s, mark):.0%}）"})
        ax.plot(x, g, lw=2.5, color=PALETTE[i % len(PALETTE)], label=text)
    best = np.r_[0, np.minimum(np.arange(1, len(y) + 1), y.sum()) / y.sum()] * 100
    ax.plot(np.r_[0, np.arange(1, len(y) + 1) / len(y)] * 100, best, color=colour("ink"), lw=1,
            ls=":", label=pick({"en": "perfect model", "zh": "完美模型"}))
    ax.plot([0, 100], [0, 100], ls="--", color=colour("reference"), lw=1,
            label=pick({"en": "random (no model)", "zh": "随机（无模型）"}))
    if mark is not None:
        ax.axvline(mark * 100, color=colour("reference"), lw=0.8, ls=":")
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 102)
    label(ax, title={"en": "Cumulative gains: whom to contact first", "zh": "累计增益：先联系谁"}
          if title is None else title,
          x={"en": "customers contacted, highest score first (cumulative %)",
             "zh": "按得分从高到低联系的客户（累计 %）"},
          y={"en": f"{positive} reached (cumulative % of all {positive})",
             "zh": f"覆盖的{positive}（占全部{positive}的累计 %）"})
    ax.legend(loc="lower right")
    return ax


@dataclass(frozen=True)
class TargetingResult:
    """Outcome of :func:`expected_value_targeting`.

    ``table`` has one row per customer (the caller's index): ``prob``, ``value``,
    ``expected_gain`` (p × s × V − c) and ``contact`` (True where the expected gain is > 0),
    sorted by expected gain, best first. ``summary`` compares three plans.
    """

    table: pd.DataFrame
    contact_cost: float
    save_rate: float

    @property
    def contacted(self) -> pd.Index:
        """The customers to contact (index labels), best first."""
        return self.table.index[self.table["contact"]]

    @property
    def gain_targeted(self) -> float:
        """Expected net gain of contacting only those with a positive expected gain."""
        return float(self.table.loc[self.table["contact"], "expected_gain"].sum())

    @property
    def gain_everyone(self) -> float:
        """Expected net gain of contacting every customer."""
        return float(self.table["expected_gain"].sum())

    @property
    def gain_over_everyone(self) -> float:
        """How much more targeting earns than contacting everyone."""
        return self.gain_targeted - self.gain_everyone

    @property
    def summary(self) -> pd.DataFrame:
        """Contacts, cost, expected value saved and net gain for: nobody, everyone, targeted."""
        t = self.table
        rows = {}
        for plan, mask in (("contact nobody", np.zeros(len(t), bool)),
                           ("contact everyone", np.ones(len(t), bool)),
                           ("contact where expected gain > 0", t["contact"].to_numpy())):
            saved = float((t["prob"] * self.save_rate * t["value"])[mask].sum())
            cost = float(mask.sum() * self.contact_cost)
            rows[plan] = {"customers_contacted": int(mask.sum()), "contact_cost": cost,
                          "expected_value_saved": saved, "net_gain": saved - cost}
        return pd.DataFrame.from_dict(rows, orient="index")


def expected_value_targeting(
    prob: Any,
    value: Any,
    *,
    contact_cost: float,
    save_rate: float = 1.0,
) -> TargetingResult:
    """Whom to contact in a retention campaign: expected gain p × s × V − c per customer.

    Parameters
    ----------
    prob : sequence of float in [0, 1]
        Churn probability per customer (e.g. ``model.predict_proba(X)[:, 1]``).
    value : sequence of float
        What keeping each customer is worth (e.g. margin over the next year, or CLV), in money.
        Negative values (customers who cost more than they bring) are allowed: they are never
        worth a call.
    contact_cost : float
        Cost of contacting one customer, offer included, in the same money unit (≥ 0).
    save_rate : float in [0, 1]
        Share of would-be churners that the contact keeps. The textbook's simple form assumes 1
        (every contacted churner stays); a pilot with a control group gives a realistic value.

    Returns
    -------
    TargetingResult
        ``.table`` (per customer, best first), ``.contacted``, ``.gain_targeted``,
        ``.gain_everyone``, ``.gain_over_everyone`` and ``.summary``.

    Raises
    ------
    ValueError
        Probabilities outside [0, 1] (percentages are named as such), lengths or indexes that
        differ, missing values, a negative contact cost or a save rate outside [0, 1].

    Examples
    --------
    >>> r = expected_value_targeting([0.6, 0.1, 0.3], [500, 2000, 50], contact_cost=40)
    >>> r.table["expected_gain"].tolist()
    [260.0, 160.0, -25.0]
    >>> list(r.contacted)
    [0, 1]
    >>> r.gain_targeted, r.gain_everyone, r.gain_over_everyone
    (420.0, 395.0, 25.0)
    """
    p = as_numeric_array(prob, name="prob")
    v = as_numeric_array(value, name="value")
    if len(p) != len(v):
        raise ValueError(
            f"`prob` has {len(p)} values but `value` has {len(v)}: give one probability and one "
            "value per customer, in the same order."
        )
    if ((p < 0) | (p > 1)).any():
        hint = (" They look like percentages: divide by 100." if p.max() <= 100 and p.min() >= 0
                else "")
        raise ValueError(
            f"`prob` must be probabilities between 0 and 1, but has values from {p.min():g} to "
            f"{p.max():g}.{hint} Use model.predict_proba(X)[:, 1], not predict()."
        )
    cost = require_positive(as_number(contact_cost, name="contact_cost"), name="contact_cost",
                            allow_zero=True)
    s = require_probability(save_rate, name="save_rate")
    index = None
    for obj in (prob, value):
        if isinstance(obj, pd.Series):
            if index is not None and not obj.index.equals(index):
                raise ValueError(
                    "`prob` and `value` are Series with different indexes: align them first, "
                    "e.g. value = value.reindex(prob.index)."
                )
            index = obj.index
    table = pd.DataFrame({"prob": p, "value": v},
                         index=index if index is not None else pd.RangeIndex(len(p)))
    table["expected_gain"] = table["prob"] * s * table["value"] - cost
    table["contact"] = table["expected_gain"] > 0
    table = table.sort_values("expected_gain", ascending=False, kind="stable")
    return TargetingResult(table=table, contact_cost=cost, save_rate=s)
