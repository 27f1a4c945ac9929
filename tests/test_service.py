"""Tests for the 3D service model (coursekit.complaints.service_audit / moments_of_truth) and the
chapter-05 wording fixes (quadrant labels, zone terms, stage actions)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import complaints as cp
from coursekit import datasets, lifecycle, loyalty


def _audit() -> pd.DataFrame:
    return pd.DataFrame({
        "dimension": ["people", "人的维度", "business", "hidden", "隐藏维度"],
        "item": ["greets", "names", "order right", "authority", "staffing"],
        "score": [5, 3, 4, 2, 3],
    })


def test_service_audit_on_the_three_dimensions():
    out = cp.service_audit(_audit())
    # hidden: (2 + 3) / 2 = 2.5; people: (5 + 3) / 2 = 4; business 4 — weakest first
    assert out.index.tolist() == ["hidden", "people", "business"]
    assert out.loc["hidden", "mean"] == 2.5 and out.loc["hidden", "below_target"] == 2
    assert out.loc["hidden", "weakest_item"] == "authority"
    assert out["axis"].to_dict() == {"hidden": "depth", "people": "width", "business": "height"}
    assert out.loc["hidden", "dimension_zh"] == "隐藏维度"
    assert set(cp.HIDDEN_FACTORS) == {"cost_time", "policy", "resources", "authority",
                                      "relationships"}


def test_service_audit_refuses_the_old_items_with_a_fix():
    old = pd.DataFrame({"dimension": ["people", "cleanliness"], "item": ["a", "b"],
                        "score": [4, 3]})
    with pytest.raises(ValueError, match="not a dimension.*put each item under"):
        cp.service_audit(old)
    with pytest.raises(ValueError, match="must be on the scale 1–5"):
        cp.service_audit(_audit().assign(score=[5, 3, 4, 2, 9]))
    with pytest.raises(ValueError, match="score"):
        cp.service_audit(_audit().drop(columns="score"))


def test_moments_of_truth_rule_any_failure_is_negative():
    m = pd.DataFrame({
        "people_ok": [True, True, False, True, True],
        "business_ok": [True, False, True, True, True],
        "back_stage_issue": ["none", "none", "none", "understaffed", None],
        "store": ["A", "A", "B", "B", "B"],
    })
    out = cp.moments_of_truth(m)
    assert out.loc["all", "moments"] == 5
    assert out.loc["all", "positive"] == pytest.approx(2 / 5)
    assert out.loc["all", "hidden_failed"] == pytest.approx(1 / 5)
    by = cp.moments_of_truth(m, by="store")
    assert by.loc["A", "positive"] == 0.5 and by.loc["B", "positive"] == pytest.approx(1 / 3)
    # yes / no answers are accepted
    yn = m.assign(people_ok=["yes", "yes", "no", "yes", "yes"])
    assert cp.moments_of_truth(yn).equals(out)


def test_moments_of_truth_bad_input():
    m = pd.DataFrame({"people_ok": [True, "maybe"], "business_ok": [True, True],
                      "back_stage_issue": ["none", "none"]})
    with pytest.raises(ValueError, match="True / False"):
        cp.moments_of_truth(m)
    with pytest.raises(ValueError, match="missing"):
        cp.moments_of_truth(m.assign(people_ok=[True, None]))
    with pytest.raises(ValueError, match="business_ok"):
        cp.moments_of_truth(m.drop(columns="business_ok"))


def test_inputs_unchanged():
    a = _audit()
    a0 = a.copy(deep=True)
    cp.service_audit(a)
    pd.testing.assert_frame_equal(a, a0)
    m = datasets.load("coffee_service_moments")
    m0 = m.copy(deep=True)
    cp.moments_of_truth(m, by="store")
    pd.testing.assert_frame_equal(m, m0)


def test_shipped_data_show_the_hidden_dimension_limits_service():
    a = datasets.load("coffee_service_audit")
    old_town = cp.service_audit(a[a["store"] == "Old Town"])
    assert old_town.index[0] == "hidden"  # Old Town's weakest dimension is the back stage
    m = datasets.load("coffee_service_moments")
    hidden_ok = m["back_stage_issue"].astype(str) == "none"
    front_ok = (m["people_ok"] & m["business_ok"]).astype(bool)
    assert front_ok[hidden_ok].mean() > front_ok[~hidden_ok].mean() + 0.2
    by = cp.moments_of_truth(m, by="store")
    assert by["positive"].idxmax() == "Harbour Front"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["people", "business", "hidden"]),
                          st.integers(1, 5)), min_size=1, max_size=30),
       st.integers(1, 5))
def test_audit_properties(rows, target):
    df = pd.DataFrame({"dimension": [r[0] for r in rows],
                       "item": [f"i{k}" for k in range(len(rows))],
                       "score": [r[1] for r in rows]})
    out = cp.service_audit(df, target=target)
    assert out["items"].sum() == len(df)
    assert ((out["mean"] >= 1) & (out["mean"] <= 5)).all()
    assert out["mean"].is_monotonic_increasing
    assert (out["below_target"] <= out["items"]).all()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans(),
                          st.sampled_from(["none", "understaffed", "no_authority"])),
                min_size=1, max_size=40))
def test_moments_properties(rows):
    m = pd.DataFrame(rows, columns=["people_ok", "business_ok", "back_stage_issue"])
    out = cp.moments_of_truth(m).loc["all"]
    assert out["positive"] + out["negative"] == pytest.approx(1)
    # a positive moment needs all three: never more positives than any dimension's successes
    for col in ("people_failed", "business_failed", "hidden_failed"):
        assert out["positive"] <= 1 - out[col] + 1e-12
    assert out["negative"] <= out["people_failed"] + out["business_failed"] + \
        out["hidden_failed"] + 1e-12


def test_one_meaning_for_defection():
    assert loyalty.QUADRANTS == ("apostle", "mercenary", "hostage", "at risk")
    q = loyalty.loyalty_quadrant([2], [2], satisfaction_cut=8, loyalty_cut=8)
    assert q.tolist() == ["at risk"]
    assert loyalty.ZONES_ZH == {"defection": "叛离带", "indifference": "冷漠带",
                                "affection": "忠诚带"}


def test_growth_stage_action_is_cross_sell():
    assert "cross-sell" in lifecycle.STAGE_ACTIONS["growth"]
    assert "recognition" in lifecycle.STAGE_ACTIONS["maturity"]


def test_rebuy_ratio_worked_example_and_errors():
    # 6 satisfied of whom 3 came back (0.5), 4 dissatisfied of whom 1 came back (0.25): 2×
    sat = [True] * 6 + [False] * 4
    back = [True, True, True, False, False, False, True, False, False, False]
    r = loyalty.rebuy_ratio(sat, back)
    assert r["ratio"] == pytest.approx(2.0)
    assert r["odds_ratio"] == pytest.approx((0.5 / 0.5) / (0.25 / 0.75))
    assert r["n_satisfied"] == 6 and r["n_dissatisfied"] == 4
    s = pd.Series(sat)
    s0 = s.copy()
    loyalty.rebuy_ratio(s, pd.Series(back))
    pd.testing.assert_series_equal(s, s0)
    with pytest.raises(ValueError, match="one of each per customer"):
        loyalty.rebuy_ratio(sat, back[:-1])
    with pytest.raises(ValueError, match="Turn ratings into True / False"):
        loyalty.rebuy_ratio([5, 4, 1], [True, True, False])
    with pytest.raises(ValueError, match="found 3 satisfied and 0 dissatisfied"):
        loyalty.rebuy_ratio([True] * 3, [True, False, True])
    with pytest.raises(ValueError, match="missing"):
        loyalty.rebuy_ratio([True, None], [True, False])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), min_size=2, max_size=60))
def test_rebuy_ratio_properties(rows):
    sat = [r[0] for r in rows]
    back = [r[1] for r in rows]
    if all(sat) or not any(sat):
        return
    r = loyalty.rebuy_ratio(sat, back)
    assert 0 <= r["satisfied_rate"] <= 1 and 0 <= r["dissatisfied_rate"] <= 1
    assert r["n_satisfied"] + r["n_dissatisfied"] == len(rows)
    assert r["ratio"] >= 0
