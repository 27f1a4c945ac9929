"""Tests for coursekit.lean: published worked examples, bad inputs, invariants."""

from __future__ import annotations

import math

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import lean

matplotlib.use("Agg")


# --------------------------------------------------------------------------- Acme Stamping
def acme_current() -> pd.DataFrame:
    """The current-state map of Acme Stamping.

    Rother, M. & Shook, J. (1999). *Learning to See: Value Stream Mapping to Add Value and
    Eliminate Muda*. Lean Enterprise Institute — Part II, the completed current-state map:
    demand 18,400 brackets/month over 20 days = 920/day, 2 shifts × 27,600 s; stamping
    C/T 1 s, C/O 1 h, uptime 85 %; S. Weld #1 39 s, C/O 10 min, 100 %; S. Weld #2 46 s,
    C/O 10 min, 80 %; Assembly #1 62 s; Assembly #2 40 s; inventories 5 days of coils,
    4,600 L + 2,400 R, 1,100 L + 600 R, 1,600 L + 850 R, 1,200 L + 640 R, 2,700 L + 1,440 R.
    """
    rows = [
        ("coils", "inventory", np.nan, np.nan, np.nan, np.nan, np.nan, "5 days"),
        ("Stamping", "process", 1, 60, 0.85, 1, np.nan, None),
        ("stampings", "inventory", np.nan, np.nan, np.nan, np.nan, 4600 + 2400, None),
        ("S. Weld #1", "process", 39, 10, 1.0, 1, np.nan, None),
        ("weld 1 out", "inventory", np.nan, np.nan, np.nan, np.nan, 1100 + 600, None),
        ("S. Weld #2", "process", 46, 10, 0.80, 1, np.nan, None),
        ("weld 2 out", "inventory", np.nan, np.nan, np.nan, np.nan, 1600 + 850, None),
        ("Assembly #1", "process", 62, 0, 1.0, 1, np.nan, None),
        ("assy 1 out", "inventory", np.nan, np.nan, np.nan, np.nan, 1200 + 640, None),
        ("Assembly #2", "process", 40, 0, 1.0, 1, np.nan, None),
        ("finished goods", "inventory", np.nan, np.nan, np.nan, np.nan, 2700 + 1440, None),
    ]
    return pd.DataFrame(rows, columns=["step", "kind", "cycle_time_s", "changeover_min",
                                       "uptime", "operators", "inventory_units", "wait"])


ACME = {"demand_per_day": 920, "available_s_per_day": 2 * 27_600}


def test_takt_acme():
    # Rother & Shook (1999), Part II: 27,600 s available / 460 units per shift = 60 s.
    assert lean.takt_time(27_600, 460) == pytest.approx(60.0)
    assert lean.takt_time(2 * 27_600, 920) == pytest.approx(60.0)


def test_acme_current_state_lead_time_processing_time():
    # Rother & Shook (1999), Part II: production lead time 23.6 days, processing time 188 s.
    vs = lean.value_stream(acme_current(), **ACME, name="Acme current")
    assert vs.processing_time_s == pytest.approx(188.0)
    assert vs.lead_time_days == pytest.approx(23.6, abs=0.05)
    assert vs.takt_s == pytest.approx(60.0)
    days = vs.steps.loc[vs.steps["kind"] == "inventory", "wait_days"].round(1).tolist()
    assert days == [5.0, 7.6, 1.8, 2.7, 2.0, 4.5]  # the inventory days on the map
    assert vs.inventory_units == 17_130


def test_acme_pce_day_length_convention():
    cal = lean.value_stream(acme_current(), **ACME)
    work = lean.value_stream(acme_current(), **ACME, day_length="working")
    assert cal.lead_time_days == pytest.approx(work.lead_time_days, abs=0.01)
    assert cal.pce == pytest.approx(188 / (cal.lead_time_s))
    assert cal.pce == pytest.approx(188 / (23.62 * 86_400), rel=1e-3)
    assert work.pce == pytest.approx(188 / (23.62 * 55_200), rel=1e-3)
    assert work.pce > cal.pce


def test_acme_utilisation_against_takt():
    util = lean.value_stream(acme_current(), **ACME).utilisation().set_index("step")
    # Assembly #1 (62 s) is the only step slower than takt (60 s); Weld #2: 46 / 0.8 = 57.5 s
    assert util.loc["Assembly #1", "load_vs_takt"] == pytest.approx(62 / 60)
    assert util.loc["S. Weld #2", "utilisation"] == pytest.approx(57.5 / 60)
    assert util.index[util["over_takt"]].tolist() == ["Assembly #1"]


def test_acme_future_state_comparison():
    # Rother & Shook (1999), Part IV future-state map: 2 days of coils, 1.5 days of
    # stampings in a supermarket, a weld + assembly cell at 168 s, 1 day in shipping:
    # lead time 4.5 days, processing time 169 s.
    future = [
        {"step": "coils", "kind": "inventory", "wait": "2 days"},
        {"step": "Stamping", "kind": "process", "cycle_time_s": 1},
        {"step": "supermarket", "kind": "inventory", "inventory_units": 1.5 * 920},
        {"step": "Weld + assembly cell", "kind": "process", "cycle_time_s": 168,
         "operators": 3},
        {"step": "shipping", "kind": "inventory", "wait": "1 day"},
    ]
    cur = lean.value_stream(acme_current(), **ACME, name="current")
    fut = lean.value_stream(future, **ACME, name="future")
    assert fut.lead_time_days == pytest.approx(4.5, abs=0.01)
    assert fut.processing_time_s == 169
    cell = fut.utilisation().set_index("step").loc["Weld + assembly cell"]
    assert cell["operators_needed"] == pytest.approx(2.8)  # 168 s / 60 s takt
    assert cell["load_vs_takt"] == pytest.approx(56 / 60)  # 3 operators: 56 s each
    table = lean.compare_states(cur, fut)
    assert list(table.columns) == ["current", "future", "change", "change (%)"]
    assert table.loc["lead time (days)", "change"] == pytest.approx(4.5 - 23.62, abs=0.01)
    assert table.loc["processing time (s)", "change"] == -19
    assert cur.compare(fut).equals(table)


# --------------------------------------------------------------------------- Six Sigma table
@pytest.mark.parametrize(
    ("sigma", "expected"),
    # The standard sigma conversion table (1.5σ shift): Pyzdek, T. & Keller, P. (2010),
    # *The Six Sigma Handbook*, 3rd ed., McGraw-Hill, Appendix "Sigma level to DPMO";
    # Harry, M. & Schroeder, R. (2000), *Six Sigma*, Currency, p. 17.
    [(6, 3.4), (5, 233), (4, 6_210), (3, 66_807), (2, 308_538), (1, 691_462)],
)
def test_sigma_table(sigma, expected):
    assert lean.dpmo_for_sigma(sigma) == pytest.approx(expected, rel=0.01)
    assert lean.sigma_level(expected) == pytest.approx(sigma, abs=0.01)


@pytest.mark.parametrize("sigma", [0.5, 2.2, 4.5, 6.0, 7.5, 9.0])
def test_sigma_matches_scipy(sigma):
    from scipy.stats import norm

    assert lean.dpmo_for_sigma(sigma) == pytest.approx(norm.sf(sigma - 1.5) * 1e6, rel=1e-9)
    d = norm.sf(sigma - 1.5) * 1e6
    assert lean.sigma_level(d) == pytest.approx(norm.isf(d / 1e6) + 1.5, rel=1e-9)


def test_sigma_without_shift():
    # With shift=0 the sigma level is the plain z value: 3σ ↔ 1,350 DPMO (one tail).
    assert lean.dpmo_for_sigma(3, shift=0) == pytest.approx(1_349.9, rel=1e-3)
    assert lean.sigma_level(1_349.9, shift=0) == pytest.approx(3.0, abs=1e-3)


def test_dpmo():
    assert lean.dpmo(34, 2_000, 5) == pytest.approx(3_400)
    assert lean.dpmo(0, 10, 1) == 0


def test_little():
    assert lean.little(wip=17_130, throughput=920) == pytest.approx(18.62, abs=0.01)
    assert lean.little(throughput=30, lead_time=0.25) == pytest.approx(7.5)
    assert lean.little(wip=7.5, lead_time=0.25) == pytest.approx(30)


def test_activity_summary():
    acts = pd.DataFrame({"category": ["VA", "浪费", "nnva", "waste", "VA"],
                         "time_s": [60, 300, 20, 220, 40]})
    out = lean.activity_summary(acts)
    assert out.index.tolist() == ["VA", "NNVA", "waste"]
    assert out["count"].tolist() == [2, 1, 2]
    assert out.loc["waste", "time"] == 520
    assert out["time_share"].sum() == pytest.approx(1)


def test_activity_summary_missing_category_gives_zero_row():
    out = lean.activity_summary(pd.DataFrame({"category": ["VA"], "time_s": [5.0]}))
    assert out.loc["waste", "count"] == 0 and out.loc["VA", "time_share"] == 1


def test_six_s_scores_by_group():
    audit = pd.DataFrame({"s": list(lean.SIX_S) * 2, "score": [5] * 6 + [1] * 6,
                          "area": ["press"] * 6 + ["weld"] * 6})
    out = lean.six_s_scores(audit, by="area")
    assert out.loc["overall", "press"] == 100 and out.loc["overall", "weld"] == 20
    assert out.index.tolist() == [*lean.SIX_S, "overall"]


def test_six_s_accepts_chinese_names():
    audit = pd.DataFrame({"s": list(lean.SIX_S_ZH.values()), "score": [5, 4, 3, 2, 1, 0]})
    assert lean.six_s_scores(audit).loc["Sort", "score (%)"] == 100


def test_service_stream_with_time_waits():
    steps = [
        {"step": "order in app", "kind": "process", "cycle_time_s": 45},
        {"step": "ticket queue", "kind": "wait", "wait": "4 min"},
        {"step": "make drink", "kind": "process", "cycle_time_s": 90},
        {"step": "pickup shelf", "kind": "wait", "wait": "3.5 min"},
    ]
    vs = lean.value_stream(steps)
    assert vs.lead_time("min") == pytest.approx(45 / 60 + 4 + 1.5 + 3.5)
    assert vs.pce == pytest.approx(135 / (135 + 450))
    assert vs.summary(unit="min").index[0] == "lead time (min)"


def test_pce_basis_va_is_stricter():
    steps = pd.DataFrame({
        "step": ["order", "queue", "brew", "search"],
        "kind": ["process", "wait", "process", "process"],
        "category": ["NNVA", "waste", "VA", "waste"],
        "cycle_time_s": [40, np.nan, 80, 30], "wait": [None, "5 min", None, None]})
    proc = lean.value_stream(steps)
    va = lean.value_stream(steps, pce_basis="va")
    assert proc.pce == pytest.approx(150 / 450)
    assert va.pce == pytest.approx(80 / 450)
    with pytest.raises(ValueError, match="category"):
        lean.value_stream(steps.drop(columns="category"), pce_basis="va")
    with pytest.raises(ValueError, match="pce_basis"):
        lean.value_stream(steps, pce_basis="VA time")


def test_to_seconds_units():
    assert lean.to_seconds("30 s") == 30
    assert lean.to_seconds("2 h") == 7200
    assert lean.to_seconds("5 days", day_seconds=55_200) == 276_000
    assert lean.to_seconds(pd.Timedelta(minutes=3)) == 180


def test_plots_return_axes():
    import matplotlib.pyplot as plt

    ax = lean.value_stream(acme_current(), **ACME).plot()
    assert ax.get_title().startswith("Value-stream map")
    ax2 = lean.plot_radar(pd.Series([80, 60, 70, 50, 40, 90], index=lean.SIX_S))
    assert "% of maximum" in ax2.get_title()
    with pytest.warns(DeprecationWarning, match="plot_radar"):
        lean.radar(pd.Series([80, 60, 70, 50, 40, 90], index=lean.SIX_S))
    plt.close("all")


# --------------------------------------------------------------------------- bad inputs
@pytest.mark.parametrize(
    ("args", "exc", "match"),
    [
        ((0, 460), ValueError, "available_time"),
        ((27_600, 0), ValueError, "demand"),
        (("27600", 460), TypeError, "without quotes"),
        ((float("nan"), 460), ValueError, "NaN"),
    ],
)
def test_takt_bad_inputs(args, exc, match):
    with pytest.raises(exc, match=match):
        lean.takt_time(*args)


def test_value_stream_missing_column():
    df = acme_current().drop(columns="kind")
    with pytest.raises(ValueError, match="no column 'kind'"):
        lean.value_stream(df, **ACME)


def test_value_stream_misspelt_column_suggests():
    df = acme_current().rename(columns={"cycle_time_s": "cycle_time"})
    with pytest.raises(ValueError, match="did you mean 'cycle_time'"):
        lean.value_stream(df, **ACME)


def test_value_stream_text_cycle_time():
    df = acme_current().astype({"cycle_time_s": object})
    df.loc[1, "cycle_time_s"] = "1 sec"
    with pytest.raises(ValueError, match="must hold numbers"):
        lean.value_stream(df, **ACME)


def test_value_stream_nan_cycle_time():
    df = acme_current()
    df.loc[3, "cycle_time_s"] = np.nan
    with pytest.raises(ValueError, match=r"S\. Weld #1.*no cycle_time_s"):
        lean.value_stream(df, **ACME)


def test_value_stream_unknown_kind():
    df = acme_current()
    df.loc[0, "kind"] = "buffer"
    with pytest.raises(ValueError, match="'buffer'"):
        lean.value_stream(df, **ACME)


def test_value_stream_inventory_needs_demand():
    with pytest.raises(ValueError, match="demand_per_day"):
        lean.value_stream(acme_current())


def test_value_stream_both_units_and_wait():
    df = acme_current()
    df.loc[2, "wait"] = "2 days"
    with pytest.raises(ValueError, match="both inventory_units and wait"):
        lean.value_stream(df, **ACME)


def test_value_stream_bare_number_wait():
    steps = [{"step": "q", "kind": "wait", "wait": 5},
             {"step": "p", "kind": "process", "cycle_time_s": 1}]
    with pytest.raises(TypeError, match="bare number"):
        lean.value_stream(steps)


def test_value_stream_unknown_unit():
    steps = [{"step": "q", "kind": "wait", "wait": "2 fortnights"},
             {"step": "p", "kind": "process", "cycle_time_s": 1}]
    with pytest.raises(ValueError, match="unit 'fortnights'"):
        lean.value_stream(steps)


def test_value_stream_uptime_percent():
    df = acme_current()
    df.loc[1, "uptime"] = 85
    with pytest.raises(ValueError, match="write 0.85"):
        lean.value_stream(df, **ACME)


def test_value_stream_no_process_and_empty():
    with pytest.raises(ValueError, match="no row with kind 'process'"):
        lean.value_stream([{"step": "q", "kind": "wait", "wait": "1 h"}])
    with pytest.raises(ValueError, match="empty"):
        lean.value_stream(acme_current().iloc[0:0])
    with pytest.raises(TypeError, match="DataFrame"):
        lean.value_stream("stamping, welding")


def test_value_stream_working_day_needs_available_time():
    with pytest.raises(ValueError, match="available_s_per_day"):
        lean.value_stream(acme_current(), demand_per_day=920, day_length="working")


def test_utilisation_without_takt():
    vs = lean.value_stream([{"step": "p", "kind": "process", "cycle_time_s": 1}])
    with pytest.raises(ValueError, match="no takt"):
        vs.utilisation()


def test_compare_states_type():
    with pytest.raises(TypeError, match="value_stream"):
        lean.compare_states(acme_current(), acme_current())


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"wip": 1, "throughput": 2, "lead_time": 3}, "exactly one"),
        ({"wip": 1}, "exactly one"),
        ({"wip": 10, "throughput": 0}, "throughput"),
        ({"wip": -1, "throughput": 2}, "wip"),
    ],
)
def test_little_bad(kwargs, match):
    with pytest.raises(ValueError, match=match):
        lean.little(**kwargs)


def test_dpmo_bad():
    with pytest.raises(ValueError, match="cannot exceed"):
        lean.dpmo(11, 10, 1)
    with pytest.raises(ValueError, match="units"):
        lean.dpmo(1, 0, 1)
    with pytest.raises(TypeError, match="number"):
        lean.dpmo("3", 10, 1)


def test_sigma_bad():
    with pytest.raises(ValueError, match="unbounded"):
        lean.sigma_level(0)
    with pytest.raises(ValueError, match="1,000,000"):
        lean.sigma_level(2_000_000)
    with pytest.raises(ValueError, match="shift"):
        lean.sigma_level(100, shift=15)
    with pytest.raises(ValueError, match="sigma level"):
        lean.dpmo_for_sigma(60)


def test_activity_summary_bad():
    with pytest.raises(ValueError, match="VA, NNVA or waste"):
        lean.activity_summary(pd.DataFrame({"category": ["VA", "useful"], "time_s": [1, 2]}))
    with pytest.raises(ValueError, match="must hold numbers"):
        lean.activity_summary(pd.DataFrame({"category": ["VA"], "time_s": ["5 min"]}))
    with pytest.raises(ValueError, match="no column 'time_s'"):
        lean.activity_summary(pd.DataFrame({"category": ["VA"], "minutes": [5]}))


def test_six_s_bad():
    audit = pd.DataFrame({"s": ["Sort", "Seiri-ish"], "score": [3, 4]})
    with pytest.raises(ValueError, match="six S"):
        lean.six_s_scores(audit)
    with pytest.raises(ValueError, match="max_score"):
        lean.six_s_scores(pd.DataFrame({"s": ["Sort"], "score": [8]}))
    with pytest.raises(ValueError, match="missing value"):
        lean.six_s_scores(pd.DataFrame({"s": ["Sort"], "score": [np.nan]}))


# --------------------------------------------------------------------------- data unchanged
def test_inputs_unchanged():
    df = acme_current()
    before = df.copy()
    lean.value_stream(df, **ACME).utilisation()
    pd.testing.assert_frame_equal(df, before)
    acts = pd.DataFrame({"category": ["va", "waste"], "time_s": [1, 2]})
    acts_before = acts.copy()
    lean.activity_summary(acts)
    pd.testing.assert_frame_equal(acts, acts_before)
    audit = pd.DataFrame({"s": ["整理", "Sort"], "score": [3, 4]})
    audit_before = audit.copy()
    lean.six_s_scores(audit)
    pd.testing.assert_frame_equal(audit, audit_before)


# --------------------------------------------------------------------------- properties
element = st.one_of(
    st.builds(lambda ct: {"kind": "process", "cycle_time_s": ct},
              st.floats(0.01, 5_000, allow_nan=False)),
    st.builds(lambda u: {"kind": "inventory", "inventory_units": u},
              st.floats(0, 50_000, allow_nan=False)),
    st.builds(lambda m: {"kind": "wait", "wait": f"{m:.3f} min"},
              st.floats(0, 10_000, allow_nan=False)),
)


@settings(max_examples=50, deadline=None)
@given(st.lists(element, min_size=1, max_size=8),
       st.floats(0.01, 1_000, allow_nan=False),
       st.sampled_from(["calendar", "working"]))
def test_value_stream_invariants(elements, ct0, day_length):
    rows = [{"step": "first", "kind": "process", "cycle_time_s": ct0}]
    rows += [{"step": f"e{i}", **e} for i, e in enumerate(elements)]
    df = pd.DataFrame(rows)
    before = df.copy()
    vs = lean.value_stream(df, demand_per_day=500, available_s_per_day=50_000,
                           day_length=day_length)
    assert 0 < vs.pce <= 1
    assert vs.lead_time_s >= vs.processing_time_s > 0
    assert math.isclose(vs.lead_time_s, vs.steps["time_s"].sum())
    pd.testing.assert_frame_equal(df, before)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.5, 7.5, allow_nan=False), st.sampled_from([0.0, 1.5]))
def test_sigma_round_trip(sigma, shift):
    d = lean.dpmo_for_sigma(sigma, shift=shift)
    if 0 < d < 1_000_000:
        assert lean.sigma_level(d, shift=shift) == pytest.approx(sigma, abs=1e-6)


@settings(max_examples=50, deadline=None)
@given(st.floats(0.01, 1e5), st.floats(0.01, 1e4))
def test_little_round_trip(th, lt):
    wip = lean.little(throughput=th, lead_time=lt)
    assert lean.little(wip=wip, throughput=th) == pytest.approx(lt)
    assert lean.little(wip=wip, lead_time=lt) == pytest.approx(th)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["VA", "NNVA", "waste"]), st.floats(0, 1e4)),
                min_size=1, max_size=20))
def test_activity_shares_sum_to_one(rows):
    df = pd.DataFrame(rows, columns=["category", "time_s"])
    out = lean.activity_summary(df)
    assert out["count_share"].sum() == pytest.approx(1)
    if df["time_s"].sum() > 0:
        assert out["time_share"].sum() == pytest.approx(1)
        assert (out["time_share"].between(0, 1)).all()
