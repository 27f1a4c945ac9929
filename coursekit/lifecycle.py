"""Customer lifecycle stages (客户生命周期) and what each stage calls for (chapter 05).

:func:`lifecycle_stage` assigns a rule-based stage per customer (:data:`STAGES`) and
:data:`STAGE_ACTIONS` says what each stage calls for.

The other chapter-05 helpers that used to live here have their own modules and are still
importable from ``coursekit.lifecycle`` (saved notebooks keep working):
:mod:`coursekit.retention` (retention rates, cohorts, expected lifetime, acquisition vs retention
cost), :mod:`coursekit.survival` (Kaplan–Meier), :mod:`coursekit.complaints` (complaint log,
service level, Pareto of causes, word of mouth, service audit) and :mod:`coursekit.loyalty`
(Jones & Sasser quadrants).

Every function is pure: the caller's data is never modified.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd

from . import complaints, loyalty, retention, survival
from ._fast import group_codes
from ._lang import pick
from ._validate import (
    _customer_column,
    as_date,
    require_columns,
    require_datetime,
    require_frame,
    require_numeric,
    require_positive,
    require_probability,
)

# Names that lived here before the split into concept modules: saved notebooks keep working.
from .complaints import (  # noqa: E402, F401
    complaint_pareto,
    complaint_summary,
    complaint_times,
    plot_pareto,
    repeat_complaints,
    service_audit,
    service_level,
    word_of_mouth,
)
from .loyalty import QUADRANTS, loyalty_quadrant  # noqa: E402, F401
from .retention import (  # noqa: E402, F401
    PERIODS,
    acquisition_retention_cost,
    cohort_heatmap,
    cohort_retention,
    expected_lifetime,
    plot_cohort_heatmap,
    plot_retention_curves,
    retention_curve,
    retention_rate,
)
from .survival import customer_durations, kaplan_meier, plot_survival  # noqa: E402, F401

__all__ = ["STAGES", "STAGES_ZH", "STAGE_ACTIONS", "STAGE_ACTIONS_ZH", "lifecycle_stage"] + [  # + what moved out, still here
    name for module in (retention, survival, complaints, loyalty) for name in module.__all__
    if name in globals()
]

#: Lifecycle stages, in order (客户生命周期：考察期/获取、形成期/成长、稳定期/成熟、退化期/衰退、流失).
STAGES = ("acquisition", "growth", "maturity", "decline", "lapsed")

#: The stages' Chinese names, as the course texts give them.
STAGES_ZH = {"acquisition": "考察期", "growth": "形成期", "maturity": "稳定期",
             "decline": "退化期", "lapsed": "流失期"}

_STAGE_ACTIONS_EN = {
    "acquisition": "welcome and onboard: make the second visit easy (first-week offer, app set-up)",
    "growth": "cross-sell and up-sell: introduce more products and occasions, raise the tier",
    "maturity": "reward and deepen: recognition, member events, ask for referrals",
    "decline": "diagnose and win back early: ask why, fix the problem, a personal offer",
    "lapsed": "win-back campaign for the valuable ones; accept losing the rest",
}

#: What each lifecycle stage calls for, in Chinese (the same advice as :data:`STAGE_ACTIONS`).
STAGE_ACTIONS_ZH: dict[str, str] = {
    "acquisition": "欢迎并引导：让第二次光临变得容易（首周优惠、帮助设置 App）",
    "growth": "交叉销售和追加销售：介绍更多产品和消费场合，提升会员等级",
    "maturity": "奖励并深化关系：给予认可、举办会员活动、请他们推荐新客户",
    "decline": "及早诊断、及早挽回：问清原因、解决问题、给出个人专属优惠",
    "lapsed": "对其中有价值的客户开展挽回活动；其余的接受流失",
}


class _ByLanguage(Mapping[str, str]):
    """A read-only mapping whose texts follow :func:`coursekit.get_language` (keys stay)."""

    def __init__(self, en: Mapping[str, str], zh: Mapping[str, str]) -> None:
        self._en, self._zh = dict(en), dict(zh)

    def __getitem__(self, key: str) -> str:
        return pick({"en": self._en[key], "zh": self._zh.get(key, "")})

    def __iter__(self) -> Iterator[str]:
        return iter(self._en)

    def __len__(self) -> int:
        return len(self._en)

    def __repr__(self) -> str:
        return repr(dict(self.items()))


#: What each lifecycle stage calls for (a starting point for the manager's discussion), in
#: the kit's language: ``coursekit.set_language("zh")`` gives :data:`STAGE_ACTIONS_ZH`.
#: Growth (形成期) is where the texts put cross-selling and up-selling ("raise the frequency
#: of trade through cross-selling and up-selling"); recognition belongs to maturity.
STAGE_ACTIONS: Mapping[str, str] = _ByLanguage(_STAGE_ACTIONS_EN, STAGE_ACTIONS_ZH)


# ---------------------------------------------------------------------------------------------
# lifecycle stages
# ---------------------------------------------------------------------------------------------


def lifecycle_stage(
    transactions: pd.DataFrame,
    *,
    customer: str,
    date: str,
    as_of: Any,
    amount: str | None = None,
    window_days: int = 90,
    new_days: int = 90,
    lapsed_days: int = 180,
    growth: float = 0.2,
    decline: float = 0.2,
) -> pd.DataFrame:
    """Rule-based lifecycle stage per customer on the day ``as_of``.

    The rules are applied in this order (all thresholds are parameters):

    1. **lapsed** (流失): no purchase in the last ``lapsed_days`` days;
    2. **acquisition** (考察期/获取): first purchase less than ``new_days`` days ago;
    3. compare the last ``window_days`` days (*recent*) with the ``window_days`` before
       (*previous*), in visits or, with ``amount``, in spend:
       **growth** (形成期/成长) if recent ≥ previous × (1 + ``growth``),
       **decline** (退化期/衰退) if recent ≤ previous × (1 − ``decline``),
       otherwise **maturity** (稳定期/成熟).

    Parameters
    ----------
    transactions : DataFrame
        One row per purchase. Purchases after ``as_of`` are ignored.
    customer, date : str
        Column names of customer id and purchase date.
    as_of : date
        The day on which the stage is judged.
    amount : str, optional
        Spend column; by default visits (number of purchases) are compared.
    window_days, new_days, lapsed_days : int
        Lengths in days (> 0).
    growth, decline : float
        Relative change that counts as growth / decline, e.g. 0.2 = 20 %.

    Returns
    -------
    DataFrame
        Index: customer. Columns ``first``, ``last``, ``tenure_days``, ``recency_days``,
        ``recent``, ``previous``, ``stage`` (ordered categorical, see :data:`STAGES`).

    Examples
    --------
    >>> tx = pd.DataFrame({"id": [1, 1, 1, 2, 3, 3],
    ...     "day": pd.to_datetime(["2024-01-10", "2024-11-01", "2024-12-20", "2024-12-01",
    ...                            "2024-01-05", "2024-03-01"])})
    >>> lifecycle_stage(tx, customer="id", date="day", as_of="2024-12-31")["stage"].tolist()
    ['growth', 'acquisition', 'lapsed']
    """
    df = require_frame(transactions, name="transactions")
    cols = [customer, date] + ([amount] if amount is not None else [])
    require_columns(df, cols, name="transactions")
    if amount is not None:
        require_numeric(df, [amount], name="transactions")
    dates = require_datetime(df, date, name="transactions")
    cust = _customer_column(df, customer, "transactions")
    as_of_ts = as_date(as_of, name="as_of")
    for nm, v in (("window_days", window_days), ("new_days", new_days),
                  ("lapsed_days", lapsed_days)):
        require_positive(v, name=nm)
    g = require_positive(growth, name="growth", allow_zero=True)
    d = require_probability(decline, name="decline")
    if getattr(dates.dt, "tz", None) is not None:  # compare in the data's own clock
        dates = dates.dt.tz_localize(None)
        as_of_ts = as_of_ts.tz_localize(None) if as_of_ts.tzinfo is not None else as_of_ts
    keep = (dates <= as_of_ts).to_numpy()
    if not keep.any():
        raise ValueError(
            f"No purchase on or before as_of={as_of_ts.date()}; the data start on "
            f"{dates.min().date()}. Choose a later `as_of`."
        )
    value = df[amount].to_numpy(dtype=float) if amount is not None else np.ones(len(df))
    t = dates.to_numpy()
    codes, ids, _, present = group_codes(cust.to_numpy())
    if present is not None:
        codes = (np.cumsum(present) - 1)[codes]
    if not keep.all():
        t, value, codes = t[keep], value[keep], codes[keep]
        codes, used = pd.factorize(codes, sort=True)
        ids = ids[used]
    k = len(ids)
    age = (np.datetime64(as_of_ts.to_datetime64(), "ns").astype(t.dtype) - t) // np.timedelta64(
        1, "D")
    stamps = t.view(np.int64)
    first = np.full(k, np.iinfo(np.int64).max)
    np.minimum.at(first, codes, stamps)
    last = np.full(k, np.iinfo(np.int64).min)
    np.maximum.at(last, codes, stamps)
    recent = np.bincount(codes, weights=np.where(age < window_days, value, 0.0), minlength=k)
    previous = np.bincount(codes, weights=np.where(
        (age >= window_days) & (age < 2 * window_days), value, 0.0), minlength=k)
    out = pd.DataFrame({"first": first.view(t.dtype), "last": last.view(t.dtype)},
                       index=pd.Index(ids, name=customer))
    out.insert(2, "tenure_days", (as_of_ts - out["first"]).dt.days)
    out.insert(3, "recency_days", (as_of_ts - out["last"]).dt.days)
    out["recent"], out["previous"] = recent, previous
    rec, prev = recent, previous
    # stage codes in the order of STAGES, the first rule that holds wins
    conditions = [
        out["recency_days"].to_numpy() > lapsed_days,
        out["tenure_days"].to_numpy() < new_days,
        (rec >= prev * (1 + g)) & (rec > 0),
        rec <= prev * (1 - d),
    ]
    names = ["lapsed", "acquisition", "growth", "decline"]
    stage = np.select(conditions, [list(STAGES).index(n) for n in names],
                      default=list(STAGES).index("maturity"))
    out["stage"] = pd.Categorical.from_codes(stage, categories=list(STAGES), ordered=True)
    return out

