"""Tests of coursekit.weights: direct rating, AHP, entropy weights (熵权法), CRITIC, combining."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from coursekit import grading, weights
from coursekit.weights import (
    ahp_weights,
    combine_weights,
    critic_weights,
    direct_weights,
    entropy_weights,
    minmax_normalize,
)

FAST = settings(max_examples=60, deadline=None)


# ----------------------------------------------------------------------------- published
def test_entropy_xu_2004_published_example():
    """Xu, X. (2004). A note on the subjective and objective integrated approach to determine
    attribute weights. European Journal of Operational Research 156(2), 530–532: 4
    alternatives × 4 attributes, entropy weights (0.4630, 0.3992, 0.1378, 0.0000) computed on
    the raw proportions p_ij = x_ij / Σ x_ij (our normalize="sum")."""
    x = pd.DataFrame([[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]],
                     columns=["a1", "a2", "a3", "a4"])
    w = entropy_weights(x, normalize="sum")
    assert w.round(4).tolist() == [0.4630, 0.3992, 0.1378, 0.0000]
    # the same data with min–max first: the tiny spread of a4 (28.9 vs 29) is stretched to
    # 0 … 1, so a4 is no longer negligible — why the kit states its convention
    assert entropy_weights(x)["a4"] > 0.1


def test_entropy_zavadskas_podvezko_2016_published_example():
    """Zavadskas, E. K. & Podvezko, V. (2016). Integrated determination of objective criteria
    weights in MCDM. Int. J. of Information Technology & Decision Making 15(2), 267–283:
    entropy weights (0.1146, 0.1981, 0.4185, 0.2689) from the raw proportions."""
    x = pd.DataFrame([[3.0, 100, 10, 7], [2.5, 80, 8, 5], [1.8, 50, 20, 11], [2.2, 70, 12, 9]])
    w = entropy_weights(x, normalize="sum")
    assert w.round(4).tolist() == [0.1146, 0.1981, 0.4185, 0.2689]


def test_critic_tus_aytac_adali_2019_published_example():
    """Tuş, A. & Aytaç Adalı, E. (2019). The new combination with CRITIC and WASPAS methods for
    the time and attendance software selection problem. Opsearch 56(2), 528–538: the CRITIC
    weights of Diakoulaki et al. (1995), (0.157, 0.249, 0.168, 0.121, 0.154, 0.151). The
    published numbers come from min–max scaling of every criterion as a benefit criterion."""
    x = pd.DataFrame([[5000, 3, 3, 4, 3, 2], [680, 5, 3, 2, 2, 1], [2000, 3, 2, 3, 4, 3],
                      [600, 4, 3, 1, 2, 2], [800, 2, 4, 3, 3, 4]],
                     columns=[f"c{i}" for i in range(1, 7)])
    w = critic_weights(x)
    assert w.round(3).tolist() == [0.157, 0.249, 0.168, 0.121, 0.154, 0.151]
    # treating price (c1) as a cost flips its correlations, which changes the weights
    flipped = critic_weights(x, cost=["c1"])
    assert flipped["c1"] != pytest.approx(w["c1"], abs=1e-3)


def test_critic_by_hand():
    # two criteria: C_j = σ_j (1 − ρ) each, so the weights are the σ shares
    x = pd.DataFrame({"a": [0.0, 1.0, 2.0], "b": [0.0, 0.0, 3.0]})
    r = minmax_normalize(x)
    s = r.std(ddof=1)
    w = critic_weights(x)
    assert w.tolist() == pytest.approx((s / s.sum()).tolist())


def test_entropy_by_hand_minmax():
    x = pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [0.0, 0.0, 6.0]})
    # a: r = (0, .5, 1), p = (0, 1/3, 2/3); b: r = (0, 0, 1), p = (0, 0, 1) → e_b = 0
    p = np.array([1 / 3, 2 / 3])
    e_a = -(p * np.log(p)).sum() / np.log(3)
    d = np.array([1 - e_a, 1.0])
    assert entropy_weights(x).tolist() == pytest.approx((d / d.sum()).tolist())


def test_cost_criterion_is_flipped():
    x = pd.DataFrame({"sales": [1.0, 2.0, 3.0, 10.0], "days": [10.0, 20.0, 30.0, 100.0]})
    # days as cost: r_days = 1 − r_sales, so its entropy differs from the benefit reading
    assert entropy_weights(x, cost="days")["days"] != pytest.approx(0.5)
    assert entropy_weights(x)["days"] == pytest.approx(0.5)
    assert minmax_normalize(x, cost=["days"])["days"].tolist() == pytest.approx(
        (1 - minmax_normalize(x)["sales"]).tolist())


def test_direct_weights_and_combine():
    assert direct_weights({"a": 2, "b": 6}).tolist() == [0.25, 0.75]
    panel = pd.DataFrame({"a": [1, 3], "b": [3, 1]})
    assert direct_weights(panel).tolist() == [0.5, 0.5]
    c = combine_weights({"a": 1.0, "b": 0.0}, pd.Series({"b": 1.0, "a": 0.0}), alpha=0.7)
    assert c.tolist() == pytest.approx([0.7, 0.3])


def test_ahp_is_still_importable_from_grading():
    assert grading.ahp_weights is weights.ahp_weights
    assert grading.AHPResult is weights.AHPResult
    assert grading.RANDOM_INDEX is weights.RANDOM_INDEX
    res = ahp_weights([[1, 3], [1 / 3, 1]])
    assert res.weights.tolist() == pytest.approx([0.75, 0.25])


# ----------------------------------------------------------------------------- invariants
matrices = arrays(np.float64, st.tuples(st.integers(2, 12), st.integers(2, 5)),
                  elements=st.floats(0, 1000, allow_nan=False, allow_infinity=False))


@FAST
@given(matrices)
def test_entropy_weights_nonnegative_sum_to_one(x):
    df = pd.DataFrame(x, columns=[f"c{j}" for j in range(x.shape[1])])
    assume((np.ptp(x, axis=0) > 1e-9).any())
    w = entropy_weights(df)
    assert (w >= 0).all()
    assert w.sum() == pytest.approx(1.0)
    assert list(w.index) == list(df.columns)


@FAST
@given(matrices, st.floats(0, 100))
def test_constant_criterion_gets_zero_entropy_weight(x, c):
    assume((np.ptp(x, axis=0) > 1e-9).any())
    df = pd.DataFrame(x, columns=[f"c{j}" for j in range(x.shape[1])])
    df["flat"] = c
    w = entropy_weights(df)
    assert w["flat"] == 0.0
    assert w.sum() == pytest.approx(1.0)


@FAST
@given(matrices)
def test_critic_weights_nonnegative_sum_to_one(x):
    df = pd.DataFrame(x, columns=[f"c{j}" for j in range(x.shape[1])])
    try:
        w = critic_weights(df, cost=["c0"])
    except ValueError:  # fewer than two varying criteria, or all in perfect step
        return
    assert (w >= 0).all()
    assert w.sum() == pytest.approx(1.0)


@FAST
@given(matrices, st.floats(0.5, 50), st.floats(-100, 100))
def test_weights_do_not_depend_on_units(x, scale, shift):
    # min–max scaling makes both methods blind to the unit (yuan vs 10k yuan) and origin
    assume((np.ptp(x, axis=0) > 1e-6).sum() >= 2)
    df = pd.DataFrame(x, columns=[f"c{j}" for j in range(x.shape[1])])
    moved = df.copy()
    moved["c0"] = moved["c0"] * scale + shift
    assert entropy_weights(moved).tolist() == pytest.approx(entropy_weights(df).tolist(),
                                                            abs=1e-6)


def test_inputs_unchanged():
    df = pd.DataFrame({"a": [1, 5, 3], "b": [2.0, 2.5, 9.0]})
    before = df.copy()
    entropy_weights(df, cost=["b"])
    critic_weights(df, cost=["b"])
    minmax_normalize(df)
    direct_weights(df)
    pd.testing.assert_frame_equal(df, before)


# ----------------------------------------------------------------------------- bad input
@pytest.mark.parametrize("func", [entropy_weights, critic_weights])
def test_bad_input_says_what_and_how(func):
    good = pd.DataFrame({"sales": [1.0, 2.0, 4.0], "days": [3.0, 1.0, 2.0]})
    with pytest.raises(ValueError, match="set_index"):
        func(good.assign(name=["x", "y", "z"]))
    with pytest.raises(ValueError, match="missing value"):
        func(good.assign(days=[1.0, np.nan, 2.0]))
    with pytest.raises(ValueError, match="not columns of `df`.*less-is-better"):
        func(good, cost=["payment_days"])
    with pytest.raises(ValueError, match="at least 2 criteria"):
        func(good[["sales"]])
    with pytest.raises(ValueError, match="at least 2 rows"):
        func(good.head(1))
    with pytest.raises(TypeError, match="DataFrame"):
        func([[1, 2], [3, 4]])


def test_entropy_all_constant_and_sum_rules():
    flat = pd.DataFrame({"a": [1.0, 1.0], "b": [2.0, 2.0]})
    with pytest.raises(ValueError, match="same value for all customers"):
        entropy_weights(flat)
    df = pd.DataFrame({"a": [-1.0, 2.0], "b": [2.0, 3.0]})
    with pytest.raises(ValueError, match="negatives.*minmax"):
        entropy_weights(df, normalize="sum")
    with pytest.raises(ValueError, match="cost"):
        entropy_weights(df.abs(), cost=["a"], normalize="sum")
    with pytest.raises(ValueError, match="'minmax' or 'sum'"):
        entropy_weights(df, normalize="zscore")


def test_critic_degenerate_cases():
    with pytest.raises(ValueError, match="at least 2 criteria that vary"):
        critic_weights(pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [5.0, 5.0, 5.0]}))
    with pytest.raises(ValueError, match="perfect step"):
        critic_weights(pd.DataFrame({"a": [1.0, 2.0, 3.0], "b": [2.0, 4.0, 6.0]}))


def test_direct_and_combine_bad_input():
    with pytest.raises(ValueError, match="negative"):
        direct_weights({"a": -1, "b": 2})
    with pytest.raises(ValueError, match="zero"):
        direct_weights({"a": 0, "b": 0})
    with pytest.raises(TypeError, match="map criteria"):
        direct_weights([1, 2])
    with pytest.raises(ValueError, match="same criteria"):
        combine_weights({"a": 1}, {"b": 1})
    with pytest.raises(ValueError, match="alpha"):
        combine_weights({"a": 1}, {"a": 1}, alpha=1.5)


def test_an_id_column_is_not_a_criterion():
    df = pd.DataFrame({"account_id": [1, 2, 3], "sales": [1.0, 5.0, 2.0], "visits": [3, 1, 2]})
    with pytest.raises(ValueError, match=r"looks like an id.*set_index\('account_id'\)"):
        entropy_weights(df)
    w = critic_weights(df.set_index("account_id"))
    assert list(w.index) == ["sales", "visits"]
