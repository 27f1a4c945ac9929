"""Gains / lift tables and expected-value targeting (coursekit.targeting)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import targeting as tg

Y = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0]
S = [.9, .8, .7, .6, .5, .4, .3, .2, .1, .05]


def test_gains_table_by_hand():
    t = tg.gains_table(Y, S, bins=5)
    assert t["customers"].tolist() == [2] * 5
    assert t["positives"].tolist() == [2, 1, 0, 0, 0]
    assert t["gain"].iloc[-1] == 1.0 and t["lift"].iloc[-1] == 1.0
    assert tg.gain_at(Y, S, 0.2) == pytest.approx(2 / 3)
    assert tg.gain_at(Y, S, 1.0) == 1.0


def test_inputs_unchanged_and_bools_accepted():
    y = pd.Series(Y, dtype=bool)
    s = pd.Series(S)
    y0, s0 = y.copy(), s.copy()
    tg.gains_table(y, s, bins=2)
    tg.expected_value_targeting(s, s * 100, contact_cost=10)
    pd.testing.assert_series_equal(y, y0)
    pd.testing.assert_series_equal(s, s0)


@pytest.mark.parametrize("y, s, kw, match", [
    ([0.9, 0.1], [1, 0], {}, "outcome comes first"),
    ([0, 0, 0], [0.1, 0.2, 0.3], {}, "no positive outcome"),
    ([1, 0, 1], [0.1, 0.2], {}, "one score per customer"),
    ([1, 0, 1], [0.1, np.nan, 0.3], {}, "missing"),
    ([1, 0, 1], [0.1, 0.2, 0.3], {"bins": 0}, "whole number from 1"),
    ([1, 0, 1], [0.1, 0.2, 0.3], {"bins": 4}, "whole number from 1"),
    ([1, 0, 1], ["a", "b", "c"], {}, "numbers"),
])
def test_gains_bad_input(y, s, kw, match):
    with pytest.raises(ValueError, match=match):
        tg.gains_table(y, s, **kw)


def test_expected_value_targeting():
    r = tg.expected_value_targeting(pd.Series([0.6, 0.1, 0.3], index=["a", "b", "c"]),
                                    pd.Series([500.0, 2000, 50], index=["a", "b", "c"]),
                                    contact_cost=40, save_rate=0.5)
    assert list(r.contacted) == ["a", "b"]
    assert r.table.loc["a", "expected_gain"] == pytest.approx(0.6 * 0.5 * 500 - 40)
    assert r.summary.loc["contact everyone", "net_gain"] == pytest.approx(r.gain_everyone)
    assert r.summary.loc["contact nobody", "net_gain"] == 0
    assert r.gain_over_everyone >= 0


@pytest.mark.parametrize("prob, value, kw, match", [
    ([60, 10], [1, 2], {"contact_cost": 1}, "percentages"),
    ([0.5, 0.1], [1], {"contact_cost": 1}, "one probability and one value"),
    ([0.5, 0.1], [1, 2], {"contact_cost": -1}, "zero or more"),
    ([0.5, 0.1], [1, 2], {"contact_cost": 1, "save_rate": 30}, "percentage"),
])
def test_targeting_bad_input(prob, value, kw, match):
    with pytest.raises(ValueError, match=match):
        tg.expected_value_targeting(prob, value, **kw)


def test_targeting_misaligned_series():
    with pytest.raises(ValueError, match="different indexes"):
        tg.expected_value_targeting(pd.Series([0.5], index=[1]), pd.Series([9.0], index=[2]),
                                    contact_cost=1)


def test_plot_gains_returns_titled_axes():
    import matplotlib.pyplot as plt
    ax = tg.plot_gains(Y, {"a": S, "b": S[::-1]}, positive="churners")
    assert ax.get_title() and "%" in ax.get_xlabel() and "%" in ax.get_ylabel()
    plt.close("all")


outcomes = st.lists(st.booleans(), min_size=2, max_size=60).filter(any)


@settings(max_examples=60, deadline=None)
@given(outcomes, st.data())
def test_gains_monotone_and_end_at_100(y, data):
    s = data.draw(st.lists(st.floats(0, 1), min_size=len(y), max_size=len(y)))
    bins = data.draw(st.integers(1, len(y)))
    t = tg.gains_table(y, s, bins=bins)
    assert (np.diff(t["gain"]) >= -1e-12).all()
    assert (np.diff(t["contacted"]) > 0).all()
    assert t["gain"].iloc[-1] == pytest.approx(1.0)
    assert t["contacted"].iloc[-1] == pytest.approx(1.0)
    assert t["customers"].sum() == len(y)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(-1e4, 1e4)), min_size=1, max_size=40),
       st.floats(0, 500))
def test_targeting_never_worse_than_everyone_or_nobody(rows, cost):
    p, v = zip(*rows, strict=True)
    r = tg.expected_value_targeting(list(p), list(v), contact_cost=cost)
    assert r.gain_targeted >= r.gain_everyone - 1e-6
    assert r.gain_targeted >= -1e-9
