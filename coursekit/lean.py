"""Lean value streams and Six Sigma numbers: takt, lead time, PCE, Little's law, DPMO, 6S.

A *value stream* (价值流) is every step a product or an order passes through, from the
supplier to the customer, with the waits in between. Lean (精益) asks how much of the time
the customer waits is spent on work that adds value; Six Sigma (六西格玛) asks how often the
result is defective.

Units are part of every name: ``cycle_time_s`` is seconds per unit, ``changeover_min`` is
minutes, ``inventory_units`` is pieces, ``demand_per_day`` is units per day, and a wait is
written with its unit (``"5 days"``, ``"4 min"``, ``"2 h"``).

Conventions (peers disagree; each is a parameter):

* **Length of a day** (``day_length``). Inventory converts to days of demand
  (units ÷ daily demand), and the process cycle efficiency (PCE, 流程周期效率) divides
  seconds of processing by the lead time in seconds. With ``day_length="calendar"`` (the
  default) a day is 24 h = 86,400 s, the clock the customer sees. With
  ``day_length="working"`` a day is the available working time (``available_s_per_day``),
  as many plant-floor studies count it; PCE is then larger. Lead time in *days* is the
  same under both conventions.
* **Lead time includes processing time.** Rother & Shook add up only the inventory days
  (23.6 days for Acme Stamping); here the cycle times are added too, so lead time is never
  shorter than processing time (for Acme the difference is 188 s, 0.002 days).
* **Sigma level uses the 1.5σ long-term shift** unless ``shift=0`` (Motorola convention:
  6σ ↔ 3.4 defects per million opportunities). The normal distribution comes from the
  standard library (``statistics.NormalDist``; the tests check it against
  ``scipy.stats.norm``), so the chapter does not pay for importing scipy.stats.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._fast import distinct_map
from ._lang import pick
from ._validate import (
    as_number,
    require_choice,
    require_columns,
    require_frame,
    require_numeric,
    require_positive,
)
from .plotting import colour, deprecated_alias

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes

__all__ = [
    "takt_time",
    "to_seconds",
    "value_stream",
    "ValueStream",
    "compare_states",
    "little",
    "dpmo",
    "sigma_level",
    "dpmo_for_sigma",
    "activity_summary",
    "six_s_scores",
    "plot_radar",
    "radar",
    "KINDS",
    "CATEGORIES",
    "SIX_S",
    "SIX_S_PURPOSE",
]

CALENDAR_DAY_S = 86_400.0
KINDS = ("process", "inventory", "wait")
CATEGORIES = ("VA", "NNVA", "waste")
SIX_S = ("Sort", "Set in order", "Shine", "Standardize", "Sustain", "Safety")
SIX_S_ZH = {"Sort": "整理", "Set in order": "整顿", "Shine": "清扫", "Standardize": "清洁",
            "Sustain": "素养", "Safety": "安全"}

#: What each S is for, as the course texts give it (Haier's 6S = the Japanese 5S + Safety).
SIX_S_PURPOSE = {
    "Sort": "keep only what is needed: free and reuse space, prevent mistakes, a clear workplace",
    "Set in order": "a marked place for everything: see it at a glance, no time lost searching, "
                    "no piles of excess stock",
    "Shine": "clean the seen and the unseen: stable quality, fewer injuries",
    "Standardize": "keep the results of the first three S",
    "Sustain": "good habits and following the rules: disciplined, active staff, team spirit",
    "Safety": "safety first, every moment: prevent accidents before they happen",
}
_CATEGORY_ALIASES = {
    "va": "VA", "value-added": "VA", "value added": "VA", "增值": "VA",
    "nnva": "NNVA", "necessary non-value-added": "NNVA", "necessary": "NNVA",
    "必要非增值": "NNVA",
    "waste": "waste", "nva": "waste", "non-value-added": "waste", "muda": "waste",
    "浪费": "waste",
}
_UNIT_SECONDS = {
    "s": 1.0, "sec": 1.0, "secs": 1.0, "second": 1.0, "seconds": 1.0, "秒": 1.0,
    "min": 60.0, "mins": 60.0, "minute": 60.0, "minutes": 60.0, "分钟": 60.0, "分": 60.0,
    "h": 3600.0, "hr": 3600.0, "hrs": 3600.0, "hour": 3600.0, "hours": 3600.0,
    "小时": 3600.0,
}
_DAY_UNITS = {"d", "day", "days", "天", "日"}
_DURATION = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*([A-Za-z\u4e00-\u9fff]+)\s*$")


# --------------------------------------------------------------------------- takt, time units
def takt_time(available_time: float, demand: float) -> float:
    """Takt time (节拍时间): the available working time divided by customer demand.

    .. math:: \\text{takt} = \\frac{\\text{available time per period}}{\\text{demand per period}}

    Parameters
    ----------
    available_time : float
        Working time available in one period (a shift or a day), *after* breaks, e.g. in
        seconds. The result is in the same time unit per unit of product.
    demand : float
        Units the customer needs in the same period (> 0).

    Returns
    -------
    float
        Time per unit, in the unit of ``available_time``: the pace at which one unit must
        leave the line to match demand.

    Raises
    ------
    ValueError, TypeError
        Text, NaN, zero or negative values.

    Examples
    --------
    Acme Stamping (Rother & Shook 1999): 27,600 s per shift, 460 brackets per shift.

    >>> takt_time(27_600, 460)
    60.0
    """
    t = require_positive(available_time, name="available_time")
    d = require_positive(demand, name="demand")
    return t / d


def to_seconds(value: Any, *, day_seconds: float = CALENDAR_DAY_S, name: str = "wait") -> float:
    """Turn a duration written with its unit (``"5 days"``, ``"4 min"``, ``"2 h"``) into seconds.

    Units understood: s / sec / seconds / 秒, min / minutes / 分钟, h / hours / 小时,
    d / days / 天. A day counts ``day_seconds`` seconds (86,400 for a calendar day; pass
    the available working time per day to count working days). A ``pandas.Timedelta``
    is accepted as is (24-hour days). A bare number is refused: its unit would be a guess.

    Examples
    --------
    >>> to_seconds("4 min")
    240.0
    >>> to_seconds("5 days", day_seconds=55_200)
    276000.0
    >>> to_seconds("1.5天")
    129600.0
    """
    if isinstance(value, pd.Timedelta):
        return value.total_seconds()
    if isinstance(value, (bool, int, float, np.number)):
        raise TypeError(
            f"`{name}` must be a time with its unit, such as '5 days' or '4 min', but got the "
            f"bare number {value!r}. Write the unit so nobody has to guess it."
        )
    if not isinstance(value, str):
        raise TypeError(f"`{name}` must be a text such as '5 days', but got {type(value).__name__}.")
    match = _DURATION.match(value)
    if not match:
        raise ValueError(
            f"`{name}` = {value!r} is not a time I can read. Write a number and a unit, "
            "e.g. '5 days', '2 h', '4 min' or '30 s'."
        )
    number, unit = float(match.group(1)), match.group(2).lower()
    if unit in _DAY_UNITS:
        return number * float(day_seconds)
    if unit in _UNIT_SECONDS:
        return number * _UNIT_SECONDS[unit]
    raise ValueError(
        f"`{name}` = {value!r} has the unit {unit!r}, which I do not know. "
        "Use s, min, h or days (秒, 分钟, 小时, 天)."
    )


def _fmt_time(seconds: float, day_seconds: float) -> str:
    """Short label for a duration: days when ≥ 1 day, else h / min / s (in the kit's language)."""
    if seconds >= day_seconds:
        return f"{seconds / day_seconds:.1f} " + pick({"en": "d", "zh": "天"})
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} " + pick({"en": "h", "zh": "小时"})
    if seconds >= 60:
        return f"{seconds / 60:.1f} " + pick({"en": "min", "zh": "分钟"})
    return f"{seconds:g} " + pick({"en": "s", "zh": "秒"})


# --------------------------------------------------------------------------- value stream
_TIME_UNITS = {"s": 1.0, "min": 60.0, "h": 3600.0}


@dataclass(frozen=True)
class ValueStream:
    """A measured value stream (价值流), as returned by :func:`value_stream`.

    Attributes
    ----------
    name : str
        Label used in titles and comparisons ("current state", "future state" …).
    steps : pandas.DataFrame
        The steps in flow order with computed columns ``wait_s`` (seconds of waiting in
        front of the next step; 0 for processes), ``wait_days`` and ``time_s`` (the time
        each element adds to the lead time).
    lead_time_s, processing_time_s : float
        Seconds a unit spends from the first element to the last, and seconds of process
        cycle time (the value-creating time in VSM terms).
    pce : float
        Process cycle efficiency, processing time ÷ lead time, in (0, 1].
    takt_s : float or None
        Takt in seconds per unit, when demand and available time were given.
    day_seconds : float
        Seconds counted as one day (see the module's conventions).
    """

    name: str
    steps: pd.DataFrame = field(repr=False)
    lead_time_s: float
    processing_time_s: float
    pce: float
    takt_s: float | None
    day_seconds: float
    demand_per_day: float | None = None

    @property
    def lead_time_days(self) -> float:
        """Lead time in days (of ``day_seconds`` each)."""
        return self.lead_time_s / self.day_seconds

    @property
    def inventory_units(self) -> float:
        """Units waiting in all inventories (0 when only waits were given)."""
        if "inventory_units" not in self.steps:
            return 0.0
        return float(self.steps["inventory_units"].fillna(0).sum())

    def lead_time(self, unit: str = "days") -> float:
        """Lead time in ``"days"``, ``"h"``, ``"min"`` or ``"s"``."""
        require_choice(unit, name="unit", choices=("days", *_TIME_UNITS))
        if unit == "days":
            return self.lead_time_days
        return self.lead_time_s / _TIME_UNITS[unit]

    def summary(self, *, unit: str = "days") -> pd.Series:
        """The headline numbers, each labelled with its unit.

        Examples
        --------
        >>> vs = value_stream([
        ...     {"step": "queue", "kind": "wait", "wait": "9 min"},
        ...     {"step": "make drink", "kind": "process", "cycle_time_s": 60}])
        >>> vs.summary(unit="min")
        lead time (min)          10.0
        processing time (s)      60.0
        PCE (%)                  10.0
        Name: value stream, dtype: float64
        """
        out = {
            f"lead time ({unit})": self.lead_time(unit),
            "processing time (s)": self.processing_time_s,
            "PCE (%)": 100.0 * self.pce,
        }
        if "inventory_units" in self.steps and self.steps["inventory_units"].notna().any():
            out["inventory (units)"] = self.inventory_units
        if self.takt_s is not None:
            out["takt (s/unit)"] = self.takt_s
        return pd.Series(out, name=self.name, dtype=float)

    def utilisation(self) -> pd.DataFrame:
        """Each process's load against takt (节拍).

        ``cycle_time_s`` is the work one unit needs at the step (what the timeline adds up).
        When several operators share that work (a cell), a unit leaves every
        cycle_time ÷ operators seconds; operators of 0 or blank (a machine, or the customer
        doing the step) count as one station. Columns:

        * ``load_vs_takt`` = cycle time ÷ (operators × takt);
        * ``utilisation`` = load ÷ uptime: the share of takt the step really needs once its
          breakdowns are counted. Above 1 the step cannot keep pace with demand (a
          bottleneck, 瓶颈) without overtime;
        * ``operators_needed`` = cycle time ÷ (takt × uptime) (Rother & Shook: 168 s of work
          at a takt of 60 s needs 2.8 → 3 operators).

        Examples
        --------
        >>> vs = value_stream([{"step": "weld", "kind": "process", "cycle_time_s": 46,
        ...                     "uptime": 0.8}], demand_per_day=920,
        ...                    available_s_per_day=55_200)
        >>> vs.utilisation()[["step", "load_vs_takt", "utilisation", "over_takt"]]
           step  load_vs_takt  utilisation  over_takt
        0  weld      0.766667     0.958333      False
        """
        if self.takt_s is None:
            raise ValueError(
                "This value stream has no takt: call value_stream(..., demand_per_day=..., "
                "available_s_per_day=...) to compare steps with takt."
            )
        proc = self.steps[self.steps["kind"] == "process"]
        uptime = proc["uptime"] if "uptime" in proc else pd.Series(1.0, index=proc.index)
        ops = proc["operators"] if "operators" in proc else pd.Series(1.0, index=proc.index)
        ops = ops.astype(float).fillna(1.0)
        out = pd.DataFrame({
            "step": proc["step"].to_numpy(),
            "cycle_time_s": proc["cycle_time_s"].to_numpy(dtype=float),
            "operators": ops.where(ops > 0, 1.0).to_numpy(dtype=float),
            "uptime": uptime.astype(float).fillna(1.0).to_numpy(dtype=float),
        })
        out["takt_s"] = self.takt_s
        out["load_vs_takt"] = out["cycle_time_s"] / (out["operators"] * self.takt_s)
        out["utilisation"] = out["load_vs_takt"] / out["uptime"]
        out["operators_needed"] = out["cycle_time_s"] / (self.takt_s * out["uptime"])
        out["over_takt"] = out["utilisation"] > 1.0
        return out

    def timeline(self) -> pd.DataFrame:
        """The timeline ladder as a table: each element, its kind and the seconds it adds."""
        cols = ["step", "kind", *(["category"] if "category" in self.steps else []),
                "time_s", "wait_days"]
        return self.steps[cols].reset_index(drop=True)

    def compare(self, other: ValueStream, *, unit: str = "days") -> pd.DataFrame:
        """Shorthand for :func:`compare_states` (``self`` is the current state)."""
        return compare_states(self, other, unit=unit)

    def plot(self, *, ax: Any = None, title: str | None = None) -> Any:
        """Draw a value-stream map: process boxes, inventory triangles, timeline ladder.

        Returns the matplotlib ``Axes``.
        """
        return _plot_vsm(self, ax=ax, title=title)


def _steps_frame(steps: Any) -> pd.DataFrame:
    if isinstance(steps, pd.DataFrame):
        return steps
    if isinstance(steps, Sequence) and not isinstance(steps, str) and steps and all(
        isinstance(s, Mapping) for s in steps
    ):
        return pd.DataFrame(list(steps))
    return require_frame(steps, name="steps")  # raises the friendly TypeError / ValueError


def _day_seconds(day_length: Any, available_s_per_day: float | None) -> float:
    if isinstance(day_length, str):
        require_choice(day_length, name="day_length", choices=("calendar", "working"))
        if day_length == "calendar":
            return CALENDAR_DAY_S
        if available_s_per_day is None:
            raise ValueError(
                "day_length='working' counts a day as the available working time, so also "
                "give available_s_per_day (e.g. 2 shifts × 27,600 s = 55,200)."
            )
        return float(available_s_per_day)
    return require_positive(day_length, name="day_length")


def _waits(out: pd.DataFrame, is_proc: np.ndarray, *, demand_per_day: float | None,
           day_s: float) -> tuple[np.ndarray, np.ndarray]:
    """Seconds and days each inventory / wait row holds the unit (0 for processes).

    Vectorised: the checks look at whole columns, and each distinct wait text (``"5 days"``)
    is parsed once, however many rows repeat it.
    """
    n = len(out)
    units = (out["inventory_units"].astype(float).to_numpy() if "inventory_units" in out
             else np.full(n, np.nan))
    units_given = ~np.isnan(units)
    if "wait" in out:
        codes, waits = pd.factorize(out["wait"], use_na_sentinel=True)
        empty = np.array([isinstance(w, str) and not w.strip() for w in waits] + [True])
        wait_given = ~empty[codes]
    else:
        codes, waits, wait_given = np.full(n, -1), [], np.zeros(n, dtype=bool)
    wrong = ~is_proc & (units_given == wait_given)
    if wrong.any():
        i = int(np.argmax(wrong))
        row = out.iloc[i]
        what = "both" if units_given[i] else "neither"
        raise ValueError(
            f"Row {out.index[i]!r} ({row['step']!r}, kind {row['kind']!r}) has {what} "
            "inventory_units and wait. Give exactly one: the pieces waiting "
            "(inventory_units) or the time (wait, e.g. '5 days')."
        )
    inv = ~is_proc & units_given
    if inv.any() and demand_per_day is None:
        i = int(np.argmax(inv))
        raise ValueError(
            f"Row {out.index[i]!r} ({out['step'].iloc[i]!r}) gives inventory in units; to turn "
            "units into days, pass demand_per_day (units the customer takes per day)."
        )
    wait_days = np.zeros(n)
    wait_s = np.zeros(n)
    if inv.any():
        wait_days[inv] = units[inv] / demand_per_day
        wait_s[inv] = wait_days[inv] * day_s
    timed = ~is_proc & wait_given
    if timed.any():
        used, first = np.unique(codes[timed], return_index=True)  # first row of each text
        step_names = out["step"].to_numpy(dtype=object)[timed]
        secs = np.full(len(waits), np.nan)
        for c, i in zip(used, first, strict=True):
            secs[c] = to_seconds(waits[c], day_seconds=day_s, name=f"wait of {step_names[i]!r}")
        wait_s[timed] = secs[codes[timed]]
        wait_days[timed] = wait_s[timed] / day_s
    return wait_s, wait_days


def value_stream(
    steps: pd.DataFrame | Sequence[Mapping[str, Any]],
    *,
    demand_per_day: float | None = None,
    available_s_per_day: float | None = None,
    day_length: str | float = "calendar",
    pce_basis: str = "processing",
    name: str = "value stream",
) -> ValueStream:
    """Measure a value stream: lead time, processing time, PCE, takt and a VSM figure.

    .. math::

        \\text{lead time} = \\sum \\text{waits} + \\sum \\text{cycle times}, \\qquad
        \\text{PCE} = \\frac{\\text{processing time}}{\\text{lead time}}, \\qquad
        \\text{days of inventory} = \\frac{\\text{units}}{\\text{daily demand}}

    Parameters
    ----------
    steps : DataFrame or list of dicts
        One row per element, **in flow order** (supplier → customer). Columns:

        ``step`` (name), ``kind`` (``"process"``, ``"inventory"`` or ``"wait"``);
        for processes ``cycle_time_s`` (seconds per unit, > 0) and optionally
        ``changeover_min`` (minutes), ``uptime`` (share in (0, 1]; blank = 100 %) and
        ``operators``; for inventories and waits *either* ``inventory_units`` (pieces,
        converted to days with ``demand_per_day``) *or* ``wait`` (a time with its unit,
        e.g. ``"5 days"``, ``"4 min"``). Other columns (e.g. ``category``) are kept.
    demand_per_day : float, optional
        Customer demand in units per day. Needed to convert inventory to days and, with
        ``available_s_per_day``, for takt.
    available_s_per_day : float, optional
        Working seconds available per day after breaks (e.g. 2 shifts × 27,600 s).
    day_length : {"calendar", "working"} or float, default "calendar"
        What one day is in seconds when days and seconds meet (PCE, waits in days):
        24 h, the available working time, or a number of seconds. See the module notes.
    name : str
        Label for titles and comparisons.
    pce_basis : {"processing", "va"}, default "processing"
        Numerator of PCE. ``"processing"``: all process cycle times (Rother & Shook's
        processing time). ``"va"``: only rows whose ``category`` column says VA (George,
        *Lean Six Sigma*, 2002: value-added time ÷ lead time) — stricter, never larger.

    Returns
    -------
    ValueStream
        With ``lead_time_s``, ``lead_time_days``, ``processing_time_s``, ``pce``,
        ``takt_s`` and the methods ``summary()``, ``utilisation()``, ``timeline()``,
        ``compare(other)`` and ``plot()``.

    Raises
    ------
    ValueError, TypeError
        Missing columns, an unknown kind, text or NaN in ``cycle_time_s``, an inventory row
        with neither (or both) ``inventory_units`` and ``wait``, inventory without
        ``demand_per_day``, an uptime outside (0, 1].

    Examples
    --------
    Part of the Acme Stamping current state (Rother & Shook 1999): 7,000 stamped brackets
    wait in front of welding, demand is 920 a day.

    >>> vs = value_stream(
    ...     [{"step": "Stamping", "kind": "process", "cycle_time_s": 1},
    ...      {"step": "stampings", "kind": "inventory", "inventory_units": 7000},
    ...      {"step": "Weld 1", "kind": "process", "cycle_time_s": 39}],
    ...     demand_per_day=920, available_s_per_day=55_200)
    >>> round(vs.lead_time_days, 1), vs.processing_time_s, vs.takt_s
    (7.6, 40.0, 60.0)
    """
    df = require_frame(_steps_frame(steps), name="steps")
    require_columns(df, ["step", "kind"], name="steps")
    day_s = _day_seconds(day_length, available_s_per_day)
    if demand_per_day is not None:
        demand_per_day = require_positive(demand_per_day, name="demand_per_day")
    if available_s_per_day is not None:
        available_s_per_day = require_positive(available_s_per_day, name="available_s_per_day")

    out = df.copy(deep=False)  # copy-on-write: new columns never reach the caller
    codes, kinds = pd.factorize(out["kind"], use_na_sentinel=True)
    kinds = np.array([str(v).strip().lower() for v in kinds], dtype=object)
    bad = sorted(set(kinds) - set(KINDS)) + (["<blank>"] if (codes < 0).any() else [])
    if bad:
        raise ValueError(
            f"Column 'kind' of `steps` must be one of {KINDS}, but has {bad}. Mark each row "
            "as a process (work is done) or an inventory / wait (the unit waits)."
        )
    out["kind"] = kinds[codes]
    is_proc = (kinds == "process")[codes]
    if not is_proc.any():
        raise ValueError(
            "`steps` has no row with kind 'process', so there is no processing time and PCE "
            "is undefined. Add at least one process step with its cycle_time_s."
        )
    require_columns(out, ["cycle_time_s"], name="steps")
    require_numeric(out, ["cycle_time_s"], name="steps", allow_nan=True)
    ct = out["cycle_time_s"].astype(float)
    missing = out.loc[is_proc & ct.isna().to_numpy(), "step"].tolist()
    if missing:
        raise ValueError(
            f"Process step(s) {missing} have no cycle_time_s (NaN). Give the seconds per unit "
            "of every process step."
        )
    nonpos = out.loc[is_proc & (ct <= 0).to_numpy(), "step"].tolist()
    if nonpos:
        raise ValueError(
            f"cycle_time_s must be greater than zero for process steps, but {nonpos} have 0 or "
            "less. A step that takes no time is not a step; drop it."
        )
    for col in ("changeover_min", "operators", "inventory_units"):
        if col in out:
            require_numeric(out, [col], name="steps", allow_nan=True, nonnegative=True)
    if "uptime" in out:
        require_numeric(out, ["uptime"], name="steps", allow_nan=True)
        up = out["uptime"].astype(float)
        wrong = up[(up <= 0) | (up > 1)]
        if len(wrong):
            pct = " They look like percentages: write 0.85 for 85 %." if (wrong > 1).all() else ""
            raise ValueError(
                f"Column 'uptime' of `steps` must be a share in (0, 1], but has "
                f"{wrong.tolist()} (rows {wrong.index.tolist()}).{pct}"
            )

    wait_s, wait_days = _waits(out, is_proc, demand_per_day=demand_per_day, day_s=day_s)
    out["wait_s"] = wait_s
    out["wait_days"] = wait_days
    out["time_s"] = np.where(is_proc, ct.fillna(0).to_numpy(), wait_s)
    processing = float(ct[is_proc].sum())
    lead = float(out["time_s"].sum())
    require_choice(pce_basis, name="pce_basis", choices=("processing", "va"))
    numerator = processing
    if pce_basis == "va":
        if "category" not in out:
            raise ValueError(
                "pce_basis='va' needs a 'category' column (VA / NNVA / waste) in `steps`; "
                "add it or use pce_basis='processing'."
            )
        is_va = distinct_map(out["category"], lambda v: str(v).strip().lower() == "va",
                             missing=False).astype(bool)
        numerator = float(out.loc[is_va, "time_s"].sum())
        if numerator <= 0:
            raise ValueError(
                "pce_basis='va': no row of `steps` has category 'VA' with time > 0, so PCE "
                "would be 0. Mark the value-added steps, or use pce_basis='processing'."
            )
    takt = None
    if demand_per_day is not None and available_s_per_day is not None:
        takt = takt_time(available_s_per_day, demand_per_day)
    return ValueStream(
        name=str(name), steps=out.reset_index(drop=True), lead_time_s=lead,
        processing_time_s=processing, pce=min(1.0, numerator / lead), takt_s=takt,
        day_seconds=day_s, demand_per_day=demand_per_day,
    )


def compare_states(current: ValueStream, future: ValueStream, *, unit: str = "days") -> pd.DataFrame:
    """Current-state versus future-state numbers, with the change.

    Parameters
    ----------
    current, future : ValueStream
        Two results of :func:`value_stream` (the same ``day_length`` makes PCE comparable).
    unit : {"days", "h", "min", "s"}
        Unit of the lead-time row.

    Returns
    -------
    DataFrame
        Rows: lead time, processing time, PCE and (when counted in units) inventory;
        columns: the two names,
        ``change`` (future − current) and ``change (%)``.

    Examples
    --------
    >>> cur = value_stream([{"step": "queue", "kind": "wait", "wait": "20 min"},
    ...                     {"step": "serve", "kind": "process", "cycle_time_s": 60}],
    ...                    name="current")
    >>> fut = value_stream([{"step": "queue", "kind": "wait", "wait": "5 min"},
    ...                     {"step": "serve", "kind": "process", "cycle_time_s": 60}],
    ...                    name="future")
    >>> compare_states(cur, fut, unit="min").round(1)
                         current  future  change  change (%)
    lead time (min)         21.0     6.0   -15.0       -71.4
    processing time (s)     60.0    60.0     0.0         0.0
    PCE (%)                  4.8    16.7    11.9       250.0
    """
    for label, vs in (("current", current), ("future", future)):
        if not isinstance(vs, ValueStream):
            raise TypeError(
                f"`{label}` must be the result of value_stream(...), but got "
                f"{type(vs).__name__}."
            )
    a = current.summary(unit=unit).drop("takt (s/unit)", errors="ignore")
    b = future.summary(unit=unit).drop("takt (s/unit)", errors="ignore")
    names = (current.name, future.name) if current.name != future.name else ("current", "future")
    out = pd.DataFrame({names[0]: a, names[1]: b})
    out["change"] = out[names[1]] - out[names[0]]
    base = out[names[0]].where(out[names[0]] != 0)
    out["change (%)"] = 100.0 * out["change"] / base
    return out


# --------------------------------------------------------------------------- VSM drawing
def _plot_vsm(vs: ValueStream, *, ax: Any = None, title: str | None = None) -> Any:
    import textwrap

    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch, Polygon

    steps = vs.steps
    faces = {"va": colour("good", alpha=0.2), "nnva": colour("warn", alpha=0.2),
             "waste": colour("accent", alpha=0.2)}
    n = len(steps)
    if ax is None:
        _, ax = plt.subplots(figsize=(max(9.0, 1.45 * n + 3.2), 5.6))
    day_s = vs.day_seconds
    util = vs.utilisation().set_index("step")["utilisation"] if vs.takt_s else None
    y_box, h_box, y_hi, y_lo = 0.52, 0.40, 0.26, 0.08
    for i, row in steps.iterrows():
        x = float(i)
        if row["kind"] == "process":
            over = util is not None and bool(util.get(row["step"], 0) > 1)
            cat = str(row["category"]).strip().lower() if "category" in steps else ""
            box = FancyBboxPatch((x - 0.46, y_box), 0.92, h_box, boxstyle="round,pad=0.01",
                                 fc=faces.get(cat, colour("main", alpha=0.1)),
                                 ec=colour("accent") if over else colour("main"), lw=3 if over else 1.5)
            ax.add_patch(box)
            ax.text(x, y_box + h_box - 0.06, textwrap.fill(str(row["step"]), 14),
                    ha="center", va="center", fontsize=10.5)
            lines = [f"C/T {row['cycle_time_s']:g} " + pick({"en": "s", "zh": "秒"})]
            if "changeover_min" in steps and pd.notna(row.get("changeover_min")):
                lines.append(f"C/O {row['changeover_min']:g} " + pick({"en": "min", "zh": "分钟"}))
            if "uptime" in steps and pd.notna(row.get("uptime")):
                lines.append(pick({"en": "uptime", "zh": "可动率"}) + f" {100 * row['uptime']:.0f} %")
            if "operators" in steps and pd.notna(row.get("operators")):
                n_ops = float(row["operators"])
                lines.append(pick({"en": f"operators {n_ops:g}", "zh": f"操作工 {n_ops:g} 人"})
                             if n_ops > 0 else pick({"en": "no staff", "zh": "无操作工"}))
            if util is not None:
                share = f"{100 * util[row['step']]:.0f} %"
                lines.append(pick({"en": f"needs {share}\nof takt", "zh": f"需节拍时间的\n{share}"}))
            ax.text(x, y_box + h_box - 0.13, "\n".join(lines), ha="center", va="top",
                    fontsize=9, linespacing=1.3)
            ax.plot([x - 0.5, x + 0.5], [y_lo, y_lo], color=colour("main"), lw=2)
            ax.text(x, y_lo - 0.035, f"{row['time_s']:g} " + pick({"en": "s", "zh": "秒"}), ha="center",
                    va="top", fontsize=8.5, color=colour("main"))
        else:
            tri = Polygon([[x - 0.25, 0.56], [x + 0.25, 0.56], [x, 0.78]], closed=True,
                          fc=colour("warn", alpha=0.25), ec=colour("warn"), lw=1.5)
            ax.add_patch(tri)
            ax.text(x, 0.62, "I" if row["kind"] == "inventory" else "W", ha="center",
                    fontsize=11)
            label = textwrap.fill(str(row["step"]), 16)
            if "inventory_units" in steps and pd.notna(row.get("inventory_units")):
                label += f"\n{row['inventory_units']:,.0f} " + pick({"en": "units", "zh": "件"})
            ax.text(x, 0.53, label, ha="center", va="top", fontsize=8.5)
            ax.plot([x - 0.5, x + 0.5], [y_hi, y_hi], color=colour("warn"), lw=2)
            ax.text(x, y_hi + 0.02, _fmt_time(row["time_s"], day_s), ha="center",
                    va="bottom", fontsize=8.5, color=colour("ink"))
        if i > 0:
            prev_hi = steps.loc[i - 1, "kind"] != "process"
            now_hi = row["kind"] != "process"
            if prev_hi != now_hi:
                ax.plot([x - 0.5, x - 0.5], [y_lo, y_hi], color="grey", lw=1)
        if i < n - 1:
            ax.annotate("", xy=(x + 0.55, 0.66), xytext=(x + 0.45, 0.66),
                        arrowprops={"arrowstyle": "->", "color": "grey"})
    lt = vs.lead_time_days
    lt_text = (f"{lt:.1f} " + pick({"en": "days", "zh": "天"}) if lt >= 1
               else _fmt_time(vs.lead_time_s, day_s))
    info = [pick({"en": "Lead time", "zh": "生产周期"}) + f" = {lt_text}",
            pick({"en": "Processing time", "zh": "加工时间"}) + f" = {vs.processing_time_s:g} "
            + pick({"en": "s", "zh": "秒"}),
            pick({"en": "PCE", "zh": "流程周期效率 PCE"}) + f" = {100 * vs.pce:.3g} %"]
    if vs.takt_s is not None:
        info.append(pick({"en": "Takt", "zh": "节拍时间"}) + f" = {vs.takt_s:.3g} "
                    + pick({"en": "s/unit", "zh": "秒/件"}))
    ax.text(n - 0.35, 0.17, "\n".join(info), ha="left", va="center", fontsize=9.5,
            bbox={"boxstyle": "round", "fc": "white", "ec": "black"})
    ax.text(-0.5, y_hi + 0.09, pick({"en": "timeline: waits (top), processing (bottom)",
                                     "zh": "时间阶梯线：上为等待，下为加工"}), fontsize=9,
            color="grey", ha="left")
    legend = pick({"en": "red frame = slower than takt", "zh": "红框 = 慢于节拍"}) if util is not None else ""
    if "category" in steps:
        legend = pick({"en": "box colour: green VA · yellow NNVA · red waste",
                       "zh": "方框颜色：绿 = 增值 · 黄 = 必要非增值 · 红 = 浪费"}) + (
            pick({"en": "; ", "zh": "；"}) + legend if legend else "")
    if legend:
        ax.text(-0.5, 0.975, legend, fontsize=9, color="grey", ha="left", va="top")
    ax.set_xlim(-0.6, n + 1.9)
    ax.set_ylim(-0.02, 1.0)
    ax.set_axis_off()
    ax.set_title(title or pick({"en": f"Value-stream map: {vs.name}", "zh": f"价值流图：{vs.name}"}),
                 fontsize=13)
    return ax


# --------------------------------------------------------------------------- Little's law
def little(
    wip: float | None = None, throughput: float | None = None, lead_time: float | None = None
) -> float:
    """Little's law (利特尔法则): WIP = throughput × lead time; give two, get the third.

    .. math:: L = \\lambda \\, W

    Units must match: with throughput in units per day, lead time is in days; with
    throughput per hour, lead time is in hours. WIP is in units.

    Parameters
    ----------
    wip : float, optional
        Work in process: units (orders, customers, parts) inside the process on average.
    throughput : float, optional
        Units finished per time unit (> 0).
    lead_time : float, optional
        Average time a unit spends inside, in the time unit of ``throughput``.

    Returns
    -------
    float
        The one argument left as ``None``.

    Raises
    ------
    ValueError
        Unless exactly one argument is ``None``; negative values; zero throughput.

    Examples
    --------
    Acme Stamping holds 17,130 brackets in process and ships 920 a day:

    >>> round(little(wip=17_130, throughput=920), 1)  # days
    18.6
    >>> little(throughput=30, lead_time=0.25)  # 30 orders/h, 15 min each → orders waiting
    7.5
    """
    given = {"wip": wip, "throughput": throughput, "lead_time": lead_time}
    missing = [k for k, v in given.items() if v is None]
    if len(missing) != 1:
        raise ValueError(
            "little() solves for exactly one unknown: leave exactly one of wip, throughput, "
            f"lead_time as None, but {len(missing)} were None ({missing or 'none'})."
        )
    if missing[0] != "wip":
        w = require_positive(wip, name="wip", allow_zero=True)
    if missing[0] == "wip":
        th = require_positive(throughput, name="throughput")
        lt = require_positive(lead_time, name="lead_time", allow_zero=True)
        return th * lt
    if missing[0] == "throughput":
        lt = require_positive(lead_time, name="lead_time")
        return w / lt
    th = require_positive(throughput, name="throughput")
    return w / th


# --------------------------------------------------------------------------- Six Sigma
def dpmo(defects: float, units: float, opportunities: float) -> float:
    """Defects per million opportunities (百万机会缺陷数).

    .. math:: \\text{DPMO} = \\frac{\\text{defects}}{\\text{units} \\times
              \\text{opportunities per unit}} \\times 10^6

    Parameters
    ----------
    defects : float
        Defects found (≥ 0).
    units : float
        Units inspected (> 0).
    opportunities : float
        Ways each unit can be defective (> 0), e.g. 4 for a drink order (wrong drink,
        wrong size, wrong milk, late).

    Examples
    --------
    >>> dpmo(defects=34, units=2_000, opportunities=5)
    3400.0
    """
    d = require_positive(defects, name="defects", allow_zero=True)
    u = require_positive(units, name="units")
    o = require_positive(opportunities, name="opportunities")
    if d > u * o:
        raise ValueError(
            f"defects ({d:g}) cannot exceed units × opportunities ({u:g} × {o:g} = {u * o:g}). "
            "Check that defects are counted per opportunity, not per customer complaint."
        )
    return d / (u * o) * 1_000_000


def _shift(shift: Any) -> float:
    s = as_number(shift, name="shift")
    if s < 0 or s > 3:
        raise ValueError(
            f"`shift` is the long-term drift of the process mean in sigmas, usually 1.5 or 0, "
            f"but is {s:g}. Use a value between 0 and 3."
        )
    return s


def sigma_level(dpmo: float, *, shift: float = 1.5) -> float:
    """Sigma level (西格玛水平) of a process with the given DPMO.

    .. math:: \\sigma = \\Phi^{-1}\\!\\left(1 - \\frac{\\text{DPMO}}{10^6}\\right) + \\text{shift}

    Parameters
    ----------
    dpmo : float
        Defects per million opportunities, strictly between 0 and 1,000,000 (zero defects
        give an infinite sigma level: count more units).
    shift : float, default 1.5
        The 1.5σ long-term shift of the Motorola convention; ``shift=0`` gives the
        short-term (plain normal) z value.

    Examples
    --------
    >>> round(sigma_level(3.4), 2)
    6.0
    >>> round(sigma_level(66_807), 2)
    3.0
    >>> round(sigma_level(66_807, shift=0), 2)
    1.5
    """
    x = as_number(dpmo, name="dpmo")
    if not 0 < x < 1_000_000:
        hint = (" Zero defects give an unbounded sigma level: inspect more units, or report "
                "'at least' the level of 0.5 defects." if x == 0 else "")
        raise ValueError(
            f"`dpmo` must be between 0 and 1,000,000 (defects per million), but is {x:g}."
            f"{hint}"
        )
    # inverse upper tail Φ⁻¹(1 − p) = −Φ⁻¹(p): exact in the far tail (same as scipy's norm.isf)
    return -NormalDist().inv_cdf(x / 1_000_000) + _shift(shift)


def dpmo_for_sigma(sigma: float, *, shift: float = 1.5) -> float:
    """DPMO that corresponds to a sigma level (the standard sigma table).

    .. math:: \\text{DPMO} = 10^6 \\,\\bigl(1 - \\Phi(\\sigma - \\text{shift})\\bigr)

    Examples
    --------
    >>> round(dpmo_for_sigma(6), 1)
    3.4
    >>> round(dpmo_for_sigma(3))
    66807
    """
    s = as_number(sigma, name="sigma")
    if not -10 <= s <= 12:
        raise ValueError(f"`sigma` should be a sigma level such as 3 or 6, but is {s:g}.")
    # upper tail 1 − Φ(z) = erfc(z / √2) / 2: exact for large z (same as scipy's norm.sf)
    return 0.5 * math.erfc((s - _shift(shift)) / math.sqrt(2)) * 1_000_000


# --------------------------------------------------------------------------- activity table
def activity_summary(
    activities: pd.DataFrame, *, category: str = "category", time: str = "time_s"
) -> pd.DataFrame:
    """Count, time and share of value-added, necessary non-value-added and waste activities.

    Categories (Chinese and common spellings accepted): ``"VA"`` value-added (增值) — the
    customer would pay for it; ``"NNVA"`` necessary non-value-added (必要非增值) — the
    customer would not pay, but it cannot be dropped today (payment, legal checks);
    ``"waste"`` (浪费, muda) — neither (waiting, rework, searching).

    Parameters
    ----------
    activities : DataFrame
        One row per activity.
    category : str, default "category"
        Column with VA / NNVA / waste.
    time : str, default "time_s"
        Column with the time of each activity (any unit; the output keeps it).

    Returns
    -------
    DataFrame
        Index VA, NNVA, waste (always all three); columns ``count``, ``time``,
        ``count_share`` and ``time_share`` (shares of the totals, summing to 1).

    Examples
    --------
    >>> acts = pd.DataFrame({"category": ["VA", "waste", "NNVA", "waste"],
    ...                      "time_s": [60, 300, 20, 220]})
    >>> activity_summary(acts)
              count   time  count_share  time_share
    category
    VA            1   60.0         0.25    0.100000
    NNVA          1   20.0         0.25    0.033333
    waste         2  520.0         0.50    0.866667
    """
    df = require_frame(activities, name="activities")
    require_columns(df, [category, time], name="activities")
    require_numeric(df, [time], name="activities", nonnegative=True)
    raw = df[category]
    norm = distinct_map(raw, lambda v: _CATEGORY_ALIASES.get(
        str(v).strip().lower(), _CATEGORY_ALIASES.get(str(v).strip())), missing=None)
    unknown = pd.isna(norm)
    if unknown.any():
        bad = raw[unknown]
        raise ValueError(
            f"Column {category!r} of `activities` must say VA, NNVA or waste, but has "
            f"{sorted(map(str, bad.unique()))[:5]} (rows {bad.index.tolist()[:5]}). "
            "Classify every activity."
        )
    code = pd.Categorical(norm, categories=list(CATEGORIES)).codes
    t = df[time].astype(float).to_numpy()
    out = pd.DataFrame(
        {"count": np.bincount(code, minlength=len(CATEGORIES)).astype(int),
         "time": np.bincount(code, weights=t, minlength=len(CATEGORIES)).astype(float)},
        index=pd.Index(list(CATEGORIES), name="category"))
    out["count_share"] = out["count"] / out["count"].sum()
    total = out["time"].sum()
    out["time_share"] = out["time"] / total if total > 0 else np.nan
    return out


# --------------------------------------------------------------------------- 6S audit
def six_s_scores(
    audit: pd.DataFrame,
    *,
    s: str = "s",
    score: str = "score",
    by: str | None = None,
    max_score: float = 5,
) -> pd.DataFrame:
    """Score a 6S audit (6S 审核): mean item score per S as a percentage of the maximum.

    The six S are Sort (整理), Set in order (整顿), Shine (清扫), Standardize (清洁),
    Sustain (素养) and Safety (安全).

    Parameters
    ----------
    audit : DataFrame
        One row per checklist item with the S it belongs to and the auditor's score.
    s, score : str
        Column names of the S and the score (0 … ``max_score``).
    by : str, optional
        A column to compare, e.g. ``"area"`` or ``"audit_date"``: one result column each.
    max_score : float, default 5
        The top of the scoring scale.

    Returns
    -------
    DataFrame
        Rows: the six S in the standard order, plus ``"overall"`` (the mean of the six);
        columns: ``"score (%)"``, or one per value of ``by``. Values 0–100.

    Examples
    --------
    >>> audit = pd.DataFrame({"s": list(SIX_S) * 2, "score": [5, 4, 3, 2, 1, 0] * 2})
    >>> six_s_scores(audit)["score (%)"].round(1).tolist()
    [100.0, 80.0, 60.0, 40.0, 20.0, 0.0, 50.0]
    """
    df = require_frame(audit, name="audit")
    cols = [s, score] + ([by] if by is not None else [])
    require_columns(df, cols, name="audit")
    require_numeric(df, [score], name="audit", nonnegative=True)
    top = require_positive(max_score, name="max_score")
    if (df[score] > top).any():
        raise ValueError(
            f"Column {score!r} of `audit` has scores above max_score={top:g} "
            f"(e.g. {df.loc[df[score] > top, score].iloc[0]:g}). Pass the right max_score."
        )
    lookup = {k.lower(): k for k in SIX_S} | {v: k for k, v in SIX_S_ZH.items()} | {
        "standardise": "Standardize", "set in order (straighten)": "Set in order"}
    key = pd.Series(distinct_map(df[s], lambda v: lookup.get(
        str(v).strip().lower(), lookup.get(str(v).strip()))), index=df.index)
    bad = df.loc[key.isna().to_numpy(), s]
    if len(bad):
        raise ValueError(
            f"Column {s!r} of `audit` must name one of the six S {SIX_S} (or 整理 … 安全), "
            f"but has {sorted(map(str, bad.unique()))[:5]}."
        )
    pct = 100.0 * df[score].astype(float).to_numpy() / top
    if by is None:
        code = pd.Categorical(key.to_numpy(), categories=list(SIX_S)).codes
        with np.errstate(invalid="ignore"):
            means = (np.bincount(code, weights=pct, minlength=len(SIX_S))
                     / np.bincount(code, minlength=len(SIX_S)))
        table = pd.DataFrame({"score (%)": means}, index=list(SIX_S))
    else:
        frame = pd.DataFrame({"S": key.to_numpy(dtype=object), "pct": pct,
                              "by": df[by].to_numpy()})
        table = frame.pivot_table(index="S", columns="by", values="pct", aggfunc="mean",
                                  observed=True)
        table.columns.name = by
    table = table.reindex(list(SIX_S))
    table.loc["overall"] = table.mean()
    table.index.name = "S"
    return table


def plot_radar(
    scores: pd.Series | pd.DataFrame,
    *,
    ax: Axes | None = None,
    max_value: float = 100,
    title: str | None = None,
    unit: str | None = None,
) -> Axes:
    """Radar (spider) chart of scores per axis, one polygon per column; returns the Axes.

    Rows named ``"overall"`` are left out (they are not an axis). ``ax`` must be a polar
    Axes (``plt.subplot(projection="polar")``) when given.

    Examples
    --------
    >>> plot_radar(pd.Series([80, 60, 70], index=["sort", "set", "shine"])).get_title()[:19]
    '6S audit score by S'
    """
    import matplotlib.pyplot as plt

    data = scores.to_frame() if isinstance(scores, pd.Series) else scores
    if not isinstance(data, pd.DataFrame):
        raise TypeError(f"`scores` must be a Series or DataFrame, got {type(scores).__name__}.")
    data = data.drop(index="overall", errors="ignore")
    if len(data) < 3:
        raise ValueError(f"A radar chart needs at least 3 axes (rows), but got {len(data)}.")
    if ax is None:
        _, ax = plt.subplots(figsize=(6.5, 6.5), subplot_kw={"projection": "polar"})
    elif getattr(ax, "name", "") != "polar":
        raise ValueError("`ax` must be a polar Axes: plt.subplot(projection='polar').")
    ax.set_theta_offset(np.pi / 2)  # first axis at the top, then clockwise
    ax.set_theta_direction(-1)
    angles = np.linspace(0, 2 * np.pi, len(data), endpoint=False)
    closed = np.append(angles, angles[0])
    for col in data.columns:
        vals = data[col].to_numpy(dtype=float)
        ax.plot(closed, np.append(vals, vals[0]), lw=2, label=str(col))
        ax.fill(closed, np.append(vals, vals[0]), alpha=0.15)
    labels = [f"{i}\n{SIX_S_ZH[i]}" if i in SIX_S_ZH else str(i) for i in data.index]
    ax.set_xticks(angles)
    ax.set_xticklabels(labels, fontsize=11)
    ax.set_ylim(0, max_value)
    title = pick({"en": "6S audit score by S", "zh": "6S 审核各项得分"}) if title is None else title
    unit = pick({"en": "% of maximum", "zh": "占满分的 %"}) if unit is None else unit
    ax.set_title(pick({"en": f"{title}\n(distance from centre: {unit})",
                       "zh": f"{title}\n（到中心的距离：{unit}）"}), fontsize=13, pad=22)
    if data.shape[1] > 1:
        ax.legend(loc="lower left", bbox_to_anchor=(0.9, -0.08), title=data.columns.name)
    return ax


radar = deprecated_alias(plot_radar, "radar")
