"""Tests of the multi-level index (indicators), benchmarking (定点超越) and the excellence scorecard."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import benchmarking as bm
from coursekit import datasets
from coursekit import excellence as ex
from coursekit import indicators as ind

FAST = settings(max_examples=40, deadline=None)

TREE = {"product": (0.6, {"taste": 0.75, "price": 0.25}),
        "service": (0.4, {"speed": 0.5, "staff": 0.5})}
MEANS = {"taste": 4.4, "price": 3.6, "speed": 4.0, "staff": 4.2}

# --------------------------------------------------------------------------------------
# indicator_tree, rollup_index
# --------------------------------------------------------------------------------------


def test_rollup_worked_example_by_hand():
    r = ind.rollup_index(MEANS, TREE)
    # product 0.75·4.4 + 0.25·3.6 = 4.2; service 0.5·4.0 + 0.5·4.2 = 4.1
    assert r.groups["score"].to_dict() == pytest.approx({"product": 4.2, "service": 4.1})
    assert r.index == pytest.approx(0.6 * 4.2 + 0.4 * 4.1)  # 4.16 of 5
    assert r.to_100("range") == pytest.approx((4.16 - 1) / 4 * 100)
    assert r.to_100("max") == pytest.approx(4.16 / 5 * 100)
    assert r.items["contribution"].sum() == pytest.approx(r.index)
    assert r.items["weight"].sum() == pytest.approx(1.0)


def test_rollup_from_answers_equals_rollup_of_means():
    answers = pd.DataFrame({"taste": [5, 4, np.nan, 4], "price": [3, 4, 4, 3],
                            "speed": [4, 4, 4, 4], "staff": [5, 4, 4, 4]})
    before = answers.copy()
    r = ind.rollup_index(answers, TREE)
    means = answers.mean()  # NaN left out, as in the function
    assert r.index == pytest.approx(ind.rollup_index(means, TREE).index)
    pd.testing.assert_frame_equal(answers, before)  # input unchanged


def test_tree_from_table_and_relative_weights():
    table = pd.DataFrame({"level1": ["a", "a", "b"], "item": ["x", "y", "z"],
                          "level1_weight": [2, 2, 2], "item_weight": [1, 3, 5]})
    tree = ind.indicator_tree(table)
    assert tree["level1_weight"].tolist() == [0.5, 0.5, 0.5]
    assert tree["item_weight"].tolist() == [0.25, 0.75, 1.0]
    assert tree["weight"].sum() == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("structure", "message"),
    [
        ({}, "is empty"),
        ({"a": 0.5}, r"must be \(weight"),
        ({"a": (0.5, {})}, "has no items"),
        ({"a": (-1, {"x": 1})}, "must not be negative"),
        ({"a": (0, {"x": 1})}, "All level-1 weights are 0"),
        ({"a": (1, {"x": 0})}, "All item weights"),
        ({"a": (1, {"x": "high"})}, "must be numbers"),
        ({"a": (1, {"x": 1}), "b": (1, {"x": 1})}, "more than once"),
        (pd.DataFrame({"group": ["a"], "item": ["x"]}), "needs the columns"),
        (pd.DataFrame({"level1": ["a", "a"], "item": ["x", "y"], "level1_weight": [1, 2],
                       "item_weight": [1, 1]}), "different level1_weight"),
    ],
)
def test_tree_bad_structures(structure, message):
    with pytest.raises(ValueError, match=message):
        ind.indicator_tree(structure)


def test_rollup_bad_values():
    with pytest.raises(ValueError, match="no score for 'staff'"):
        ind.rollup_index({"taste": 4, "price": 4, "speed": 4}, TREE)
    with pytest.raises(ValueError, match="outside the scale 1–5"):
        ind.rollup_index({**MEANS, "taste": 7}, TREE)
    with pytest.raises(ValueError, match="no column"):
        ind.rollup_index(pd.DataFrame({"taste": [4]}), TREE)
    with pytest.raises(ValueError, match="no answers at all"):
        ind.rollup_index(pd.DataFrame({k: [np.nan] if k == "price" else [4.0] for k in MEANS}),
                         TREE)
    with pytest.raises(TypeError, match="must be a DataFrame of answers"):
        ind.rollup_index([4, 4, 4, 4], TREE)
    with pytest.raises(ValueError, match="lowest < highest"):
        ind.rollup_index(MEANS, TREE, scale=(5, 1))
    with pytest.raises(ValueError, match="must be one of"):
        ind.to_100(4.0, method="percent")


weights = st.floats(0.01, 10, allow_nan=False)
scores = st.floats(1, 5, allow_nan=False)


@FAST
@given(st.lists(st.tuples(weights, st.lists(st.tuples(weights, scores), min_size=1, max_size=4)),
                min_size=1, max_size=4))
def test_rollup_stays_within_scale_and_equals_flat_global_weights(groups):
    structure, values = {}, {}
    for j, (wj, items) in enumerate(groups):
        structure[f"g{j}"] = (wj, {f"g{j}i{i}": wi for i, (wi, _) in enumerate(items)})
        values |= {f"g{j}i{i}": x for i, (_, x) in enumerate(items)}
    r = ind.rollup_index(values, structure)
    assert 1 <= r.index <= 5
    assert 0 <= r.to_100("range") <= 100
    flat = sum(r.items.loc[k, "weight"] * v for k, v in values.items())
    assert r.index == pytest.approx(flat)
    lo, hi = r.groups["score"].min(), r.groups["score"].max()
    assert lo - 1e-9 <= r.index <= hi + 1e-9  # a weighted mean of the group scores


# --------------------------------------------------------------------------------------
# compare_means, compare_rates
# --------------------------------------------------------------------------------------


def test_compare_means_matches_scipy_welch():
    from scipy import stats

    rng = np.random.default_rng(1)
    a = pd.DataFrame({"x": rng.integers(1, 6, 40), "y": rng.integers(2, 6, 35).tolist() + [np.nan] * 5})
    b = pd.DataFrame({"x": rng.integers(1, 6, 50), "y": rng.integers(1, 5, 50)})
    out = bm.compare_means(a, b)
    for col in "xy":
        ci = stats.ttest_ind(a[col].dropna(), b[col], equal_var=False).confidence_interval()
        assert out.loc[col, "ci_low"] == pytest.approx(ci.low)
        assert out.loc[col, "ci_high"] == pytest.approx(ci.high)
    assert out.loc["y", "n_ours"] == 35


def test_compare_rates_newcombe_published_examples():
    # Newcombe (1998), Statistics in Medicine 17, Table II, method 10
    r = bm.compare_rates([1] * 56 + [0] * 14, [1] * 48 + [0] * 32)
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((0.0524, 0.3339), abs=5e-5)
    r = bm.compare_rates([1] * 9 + [0], [1] * 3 + [0] * 7)
    assert (r["ci_low"], r["ci_high"]) == pytest.approx((0.1705, 0.8090), abs=5e-5)
    assert r["verdict"] == "better" and r["verdict_zh"] == "更好"


def test_compare_bad_inputs():
    a = pd.DataFrame({"taste": [4, 5, 3]})
    with pytest.raises(ValueError, match="`theirs` has no column"):
        bm.compare_means(a, pd.DataFrame({"speed": [4, 5]}))
    with pytest.raises(ValueError, match="fewer than 2 answers"):
        bm.compare_means(a, pd.DataFrame({"taste": [4, np.nan]}))
    with pytest.raises(ValueError, match="must hold numbers|numeric|not numbers"):
        bm.compare_means(pd.DataFrame({"taste": ["满意", "一般"]}), a)
    with pytest.raises(ValueError, match="confidence"):
        bm.compare_means(a, a, confidence=95)
    with pytest.raises(ValueError, match=r"True/False or 1/0"):
        bm.compare_rates([5, 4, 3], [1, 0])
    with pytest.raises(ValueError, match="no customers"):
        bm.compare_rates([np.nan], [1, 0])
    with pytest.raises(ValueError, match="lacks"):
        bm.plot_comparison(pd.DataFrame({"difference": [1]}))


flags = st.lists(st.booleans(), min_size=2, max_size=60)


@FAST
@given(flags, flags)
def test_rate_interval_contains_difference_and_flips_sign(a, b):
    r = bm.compare_rates(a, b)
    s = bm.compare_rates(b, a)
    assert -1 <= r["ci_low"] <= r["difference"] <= r["ci_high"] <= 1
    assert s["ci_low"] == pytest.approx(-r["ci_high"])
    assert s["ci_high"] == pytest.approx(-r["ci_low"])


# --------------------------------------------------------------------------------------
# scorecard
# --------------------------------------------------------------------------------------


def test_scorecard_on_the_shipped_sheet():
    sheet = datasets.load("excellence_scorecard")
    before = sheet.copy()
    card = ex.scorecard(sheet)
    pd.testing.assert_frame_equal(sheet, before)
    assert card.items["weight"].sum() == pytest.approx(1.0)
    assert card.total == pytest.approx((card.criteria["weight"] * card.criteria["score"]).sum())
    assert card.weakest.index[0] == "2.2b(3)"  # no comparison with competitors yet
    assert card.weakest["score"].is_monotonic_increasing
    assert 0 <= card.percent <= 100


def test_scorecard_bad_sheets():
    sheet = datasets.load("excellence_scorecard")
    with pytest.raises(ValueError, match="lacks the column"):
        ex.scorecard(sheet.drop(columns="item_weight"))
    with pytest.raises(ValueError, match="no numeric score"):
        ex.scorecard(sheet.assign(score=sheet["score"].where(sheet.index != 2)))
    with pytest.raises(ValueError, match="outside the scale"):
        ex.scorecard(sheet.assign(score=sheet["score"] * 2))
    with pytest.raises(ValueError, match="n_weakest"):
        ex.scorecard(sheet, n_weakest=0)
    with pytest.raises(TypeError, match="result of scorecard"):
        ex.plot_scorecard(sheet)
