"""Chapter 06 exercises — Lean value streams (精益价值流).

Questions are built from the shipped data sets ``lean_parts_plant``,
``lean_coffee_mobile_order`` and ``lean_6s_audit``; the expected answers are computed lazily
with :mod:`coursekit.lean`.

Examples
--------
>>> from coursekit.exercises import ch06
>>> ch06.q1.evaluate(90).status
'correct'
>>> ch06.q1.evaluate(45).status
'wrong'
"""

from __future__ import annotations

import pandas as pd

from .. import lean
from .core import Choice, Exact, FrameCheck, FunctionCheck, Numeric, Reflection, data, register

# Lakeside Parts (card lean_parts_plant.md): 600 brackets a day, 2 shifts × 27,000 s.
DEMAND_PER_DAY = 600
SHIFT_S = 27_000
AVAILABLE_S_PER_DAY = 2 * SHIFT_S
# Harbour Coffee quality check (a week of mobile orders at one store)
ORDERS, OPPORTUNITIES, DEFECTS = 2_400, 4, 58


def _plant_state(state: str = "current", **kwargs) -> lean.ValueStream:
    df = data("lean_parts_plant")
    return lean.value_stream(df[df["state"] == state], demand_per_day=DEMAND_PER_DAY,
                             available_s_per_day=AVAILABLE_S_PER_DAY, name=state, **kwargs)


def _coffee_current() -> lean.ValueStream:
    df = data("lean_coffee_mobile_order")
    return lean.value_stream(df[df["state"] == "current"], name="current")


def _inventory_days(demand: float) -> float:
    cur = data("lean_parts_plant")[data("lean_parts_plant")["state"] == "current"]
    return float(cur["inventory_units"].sum() / demand)


def _coil_days() -> float:
    return _plant_state().lead_time_days - _inventory_days(DEMAND_PER_DAY)


def _queue_wait_min(orders_waiting: float, orders_per_hour: float) -> float:
    return orders_waiting / orders_per_hour * 60


def _queue_wait_hours(orders_waiting: float, orders_per_hour: float) -> float:
    return orders_waiting / orders_per_hour


def _queue_wait_times(orders_waiting: float, orders_per_hour: float) -> float:
    return orders_waiting * orders_per_hour


def _weakest_s(date: str = "2026-03-02", lowest: bool = True) -> str:
    a = data("lean_6s_audit")
    scores = lean.six_s_scores(a[a["audit_date"] == pd.Timestamp(date)])["score (%)"]
    scores = scores.drop("overall")
    return str(scores.idxmin() if lowest else scores.idxmax())


q1 = Numeric(
    expected=AVAILABLE_S_PER_DAY / DEMAND_PER_DAY,
    rtol=0, atol=0.01,
    wrong=[SHIFT_S / DEMAND_PER_DAY,          # one shift's time with a day's demand
           2 * 8 * 3600 / DEMAND_PER_DAY],    # forgot to take the breaks off
)

q2 = Numeric(
    expected=lambda: _plant_state().lead_time_days,
    rtol=0, atol=0.05,
    wrong=[
        # only the inventories in units: forgot the coil wait given as time
        lambda: _inventory_days(DEMAND_PER_DAY),
        # divided the inventories by the demand of one shift (300) instead of a day
        lambda: _inventory_days(DEMAND_PER_DAY / 2) + _coil_days(),
    ],
)


q3 = Numeric(
    expected=lambda: 100 * _plant_state().pce,
    rtol=0.01, atol=0,
    wrong=[
        # divided seconds by days
        lambda: 100 * _plant_state().processing_time_s / _plant_state().lead_time_days,
        # gave the share, not the percentage
        lambda: _plant_state().pce,
        # counted a day as the working time (the other convention)
        lambda: 100 * _plant_state(day_length="working").pce,
    ],
)

q4 = Exact(
    expected=lambda: _plant_state().utilisation().query("over_takt")["step"].iloc[0],
    wrong=["Pressing",   # the step with the longest changeover and lowest uptime
           "Welding"],   # the step with the worst uptime among the slow ones
)

q5 = FrameCheck(
    expected=lambda: lean.activity_summary(_coffee_current().steps)["time_share"],
    rtol=1e-3, atol=1e-4,
    wrong=[
        # share of the number of activities, not of the time
        lambda: lean.activity_summary(_coffee_current().steps)["count_share"].rename(
            "time_share"),
        # process rows only (waits forgotten)
        lambda: lean.activity_summary(
            _coffee_current().steps.query("kind == 'process'"))["time_share"],
    ],
)

q6 = FunctionCheck(
    cases=[((6, 60), 6.0), ((10, 30), 20.0), ((0, 45), 0.0), ((2.5, 75), None)],
    reference=_queue_wait_min,
    rtol=1e-6,
    wrong=[_queue_wait_hours, _queue_wait_times],
)

q7 = Numeric(
    expected=lambda: lean.sigma_level(lean.dpmo(DEFECTS, ORDERS, OPPORTUNITIES)),
    rtol=0, atol=0.01,
    wrong=[
        # forgot the opportunities: defects per million units
        lambda: lean.sigma_level(lean.dpmo(DEFECTS, ORDERS, 1)),
        # forgot the 1.5σ shift
        lambda: lean.sigma_level(lean.dpmo(DEFECTS, ORDERS, OPPORTUNITIES), shift=0),
    ],
)

q8 = Exact(
    expected=_weakest_s,
    wrong=[lambda: _weakest_s(lowest=False),          # took the maximum
           lambda: _weakest_s("2026-06-01") if _weakest_s("2026-06-01") != _weakest_s()
           else "Safety"],                             # the other audit date
)

q9 = Choice(
    wrong=["a", "c", "d"],
)

q10 = Reflection(
)


# --- issue #13: the texts' value stream, 6S purposes, Lean vs Six Sigma ------------------------


def _va_share_pct(*, basis: str = "va", day_length: str = "calendar") -> float:
    return 100 * _plant_state(pce_basis=basis, day_length=day_length).pce


q11 = Choice(
    wrong=["b", "c", "d"],
)

q12 = Numeric(
    expected=_va_share_pct,
    rtol=1e-3,
    wrong=[lambda: _va_share_pct(basis="processing"),            # counted shipping (NNVA) too
           lambda: _va_share_pct(day_length="working"),          # working days, not 24 h
           lambda: _va_share_pct() / 100],                       # a share, not a percentage
)

q13 = Exact(
    expected="Set in order",
    wrong=["Sort", "Standardize", "Shine"],
)


QUESTIONS = register(globals())
