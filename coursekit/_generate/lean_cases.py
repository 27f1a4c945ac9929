"""Chapter 06 cases: a small parts plant's value stream, Harbour Coffee's mobile-order stream,
and a 6S audit of the plant.

Behavioural assumptions (documented in the cards ``lean_parts_plant.md``,
``lean_coffee_mobile_order.md`` and ``lean_6s_audit.md``):

* ``lean_parts_plant`` — Lakeside Parts presses, welds and assembles a steel bracket for
  600 units a day (2 shifts × 27,000 s = 54,000 s → takt 90 s). The current state is a
  push system: large batches between steps (several days of inventory each), a press with
  long changeovers, and an assembly step slower than takt. The future state has a welding +
  assembly cell (kaizen removes ~10 % of the work), a supermarket after pressing and much
  less inventory. A seed varies cycle times (± 10 %) and inventories (± 20 %).
* ``lean_coffee_mobile_order`` — Harbour Coffee's mobile order at the morning peak, from
  the tap in the app to the drink in the hand: a few minutes of work, long waits in the
  ticket queue and on the pickup shelf, and time lost searching. The future state orders
  ahead with pickup slots and a named pickup shelf. A seed varies times (± 15 %).
* ``lean_6s_audit`` — a checklist (3 items per S) scored 0–5 in four plant areas, before and
  after a 6S kaizen week. Sustain and Standardize start lowest; welding is dirtiest (Shine);
  the kaizen week lifts Sort, Set in order and Shine most, Sustain least.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import rng_for

DATASETS = ("lean_parts_plant", "lean_coffee_mobile_order", "lean_6s_audit")

DEMAND_PER_DAY = 600
AVAILABLE_S_PER_DAY = 2 * 27_000

COLUMNS = ["state", "position", "step", "kind", "category", "cycle_time_s", "changeover_min",
           "uptime", "operators", "inventory_units", "wait"]

SIX_S_ITEMS = {
    ("Sort", "整理"): ["No unneeded items at the workstation",
                       "Red-tag area used and cleared weekly",
                       "Only today's materials at the line"],
    ("Set in order", "整顿"): ["Tools on shadow boards",
                              "Locations and quantities labelled",
                              "Walkways and storage areas marked"],
    ("Shine", "清扫"): ["Floor and machines clean",
                        "Cleaning schedule posted and followed",
                        "Sources of dirt, leaks and spatter tagged"],
    ("Standardize", "清洁"): ["Standard work sheet at the station",
                             "Visual controls show normal and abnormal",
                             "Same layout rules on every shift"],
    ("Sustain", "素养"): ["Actions from the last audit closed",
                         "Team does a daily 5-minute 6S round",
                         "Staff can explain the 6S rules"],
    ("Safety", "安全"): ["Protective equipment worn correctly",
                        "Emergency stops and exits clear",
                        "Hazards labelled and guarded"],
}
BASE_SCORE = {"Sort": 2.8, "Set in order": 2.4, "Shine": 2.3, "Standardize": 1.8,
              "Sustain": 1.4, "Safety": 3.3}
AREA_EFFECT = {"pressing": {"Safety": -0.4}, "welding": {"Shine": -0.9, "Safety": -0.3},
               "assembly": {"Set in order": 0.3}, "warehouse": {"Set in order": -0.6,
                                                                "Sort": -0.5}}
KAIZEN_GAIN = {"Sort": 1.5, "Set in order": 1.5, "Shine": 1.4, "Standardize": 1.0,
               "Sustain": 0.5, "Safety": 0.7}
AUDIT_DATES = ("2026-03-02", "2026-06-01")


def _row(state, pos, step, kind, category, ct=np.nan, co=np.nan, up=np.nan, ops=np.nan,
         units=np.nan, wait=None):
    return [state, pos, step, kind, category, ct, co, up, ops, units, wait]


def _plant(rng: np.random.Generator) -> pd.DataFrame:
    def ct(x: float) -> float:
        return float(max(1, round(x * rng.uniform(0.9, 1.1))))

    def inv(days: float) -> float:
        return float(round(days * DEMAND_PER_DAY * rng.uniform(0.8, 1.2) / 50) * 50)

    press, weld, assy, ship = ct(3), ct(62), ct(96), ct(15)
    coil_days = int(rng.integers(5, 8))
    cur = [
        _row("current", 1, "steel coils", "inventory", "waste", wait=f"{coil_days} days"),
        _row("current", 2, "Pressing", "process", "VA", press, 45, 0.80, 1),
        _row("current", 3, "pressed parts", "inventory", "waste", units=inv(7.5)),
        _row("current", 4, "Welding", "process", "VA", weld, 20, 0.90, 1),
        _row("current", 5, "welded parts", "inventory", "waste", units=inv(3.0)),
        _row("current", 6, "Assembly", "process", "VA", assy, 0, 0.98, 1),
        _row("current", 7, "finished goods", "inventory", "waste", units=inv(4.5)),
        _row("current", 8, "Shipping", "process", "NNVA", ship, 0, 1.0, 1),
    ]
    cell = float(round(0.9 * (weld + assy)))
    fut = [
        _row("future", 1, "steel coils", "inventory", "waste", wait="2 days"),
        _row("future", 2, "Pressing", "process", "VA", press, 15, 0.90, 1),
        _row("future", 3, "supermarket", "inventory", "waste", units=1.5 * DEMAND_PER_DAY),
        _row("future", 4, "Weld + assembly cell", "process", "VA", cell, 10, 0.95, 2),
        _row("future", 5, "finished goods", "inventory", "waste", units=1.0 * DEMAND_PER_DAY),
        _row("future", 6, "Shipping", "process", "NNVA", ship, 0, 1.0, 1),
    ]
    return _typed(pd.DataFrame(cur + fut, columns=COLUMNS))


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype({"position": "int64", "operators": "Int64"})


def _coffee(rng: np.random.Generator) -> pd.DataFrame:
    def sec(x: float) -> float:
        return float(max(5, round(x * rng.uniform(0.85, 1.15) / 5) * 5))

    def mins(x: float) -> str:
        return f"{max(0.5, round(x * rng.uniform(0.85, 1.15) * 2) / 2):g} min"

    order, pay, label, brew, finish, hand = sec(45), sec(10), sec(20), sec(75), sec(15), sec(10)
    cur = [
        _row("current", 1, "order in app", "process", "NNVA", order, ops=0),
        _row("current", 2, "payment check", "process", "NNVA", pay, ops=0),
        _row("current", 3, "ticket queue", "wait", "waste", wait=mins(6)),
        _row("current", 4, "read ticket, cup, label", "process", "NNVA", label, ops=2),
        _row("current", 5, "espresso and milk", "process", "VA", brew, ops=2),
        _row("current", 6, "finish and lid", "process", "VA", finish, ops=2),
        _row("current", 7, "pickup shelf", "wait", "waste", wait=mins(4)),
        _row("current", 8, "search for the drink", "process", "waste", sec(30), ops=0),
        _row("current", 9, "hand-over, name check", "process", "VA", hand, ops=1),
    ]
    fut = [
        _row("future", 1, "order in app", "process", "NNVA", order, ops=0),
        _row("future", 2, "payment check", "process", "NNVA", pay, ops=0),
        _row("future", 3, "ticket queue (pickup slot)", "wait", "waste", wait=mins(2)),
        _row("future", 4, "read ticket, cup, label", "process", "NNVA", sec(10), ops=2),
        _row("future", 5, "espresso and milk", "process", "VA", brew, ops=2),
        _row("future", 6, "finish and lid", "process", "VA", finish, ops=2),
        _row("future", 7, "named pickup shelf", "wait", "waste", wait=mins(1)),
        _row("future", 8, "hand-over, name check", "process", "VA", hand, ops=1),
    ]
    df = _typed(pd.DataFrame(cur + fut, columns=COLUMNS))
    return df.drop(columns=["changeover_min", "uptime", "inventory_units"])


def _audit(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for d_i, date in enumerate(AUDIT_DATES):
        for area, effect in AREA_EFFECT.items():
            for (s, s_zh), items in SIX_S_ITEMS.items():
                mean = BASE_SCORE[s] + effect.get(s, 0.0) + (KAIZEN_GAIN[s] if d_i else 0.0)
                for item in items:
                    score = int(np.clip(round(mean + rng.normal(0, 0.7)), 0, 5))
                    rows.append((date, area, s, s_zh, item, score))
    return pd.DataFrame(rows, columns=["audit_date", "area", "s", "s_zh", "item", "score"])


def generate(seed: int) -> dict[str, pd.DataFrame]:
    """The three chapter-06 data sets for ``seed``.

    Examples
    --------
    >>> frames = generate(2026)
    >>> sorted(frames), len(frames["lean_6s_audit"])
    (['lean_6s_audit', 'lean_coffee_mobile_order', 'lean_parts_plant'], 144)
    """
    rng = rng_for(seed, __name__)
    return {
        "lean_parts_plant": _plant(rng),
        "lean_coffee_mobile_order": _coffee(rng),
        "lean_6s_audit": _audit(rng),
    }
