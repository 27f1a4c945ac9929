"""Tests of coursekit.value: published worked examples, bad inputs, invariants."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import value as cv

# ---------------------------------------------------------------------------------------
# delivered value
# ---------------------------------------------------------------------------------------

VALUE = {"product": 30, "service": 20, "personnel": 15, "image": 15}
COST = {"money": 32, "time": 8, "energy": 5, "psychological": 5}


def test_delivered_value_difference_and_ratio():
    assert cv.delivered_value(VALUE, COST) == pytest.approx(80 - 50)
    assert cv.delivered_value(VALUE, COST, kind="ratio") == pytest.approx(80 / 50)


def test_delivered_value_accepts_series_and_free_component_names():
    v = pd.Series({"taste": 6.0, "third place": 4.0})
    assert cv.delivered_value(v, {"price": 7.0}) == pytest.approx(3.0)


def test_delivered_value_leaves_inputs_unchanged():
    v, c = dict(VALUE), pd.Series(COST)
    c_before = c.copy()
    cv.delivered_value(v, c, kind="ratio")
    assert v == VALUE
    pd.testing.assert_series_equal(c, c_before)


@pytest.mark.parametrize(
    ("value", "cost", "kind", "exc", "match"),
    [
        ({"product": -5}, COST, "difference", ValueError, r"value\['product'\].*negative"),
        (VALUE, {"money": "32"}, "difference", TypeError, r"cost\['money'\].*text"),
        (VALUE, {"money": float("nan")}, "difference", ValueError, r"NaN"),
        ({}, COST, "difference", ValueError, r"`value` is empty"),
        ([30, 20], COST, "difference", TypeError, r"must map component names"),
        (VALUE, COST, "net", ValueError, r"`kind` must be one of"),
        (VALUE, {"money": 0}, "ratio", ValueError, r"total of `cost` is 0"),
    ],
)
def test_delivered_value_bad_inputs(value, cost, kind, exc, match):
    with pytest.raises(exc, match=match):
        cv.delivered_value(value, cost, kind=kind)


# ---------------------------------------------------------------------------------------
# contribution
# ---------------------------------------------------------------------------------------


def test_contribution_and_input_unchanged():
    df = pd.DataFrame({"revenue": [100.0, 50.0], "cogs": [60.0, 30.0], "serve": [10, 25]})
    before = df.copy()
    out = cv.contribution(df, revenue="revenue", costs=["cogs", "serve"])
    assert out.tolist() == [30.0, -5.0]
    assert out.name == "contribution"
    pd.testing.assert_frame_equal(df, before)


def test_contribution_bad_columns():
    df = pd.DataFrame({"revenue": [100.0], "cost": ["sixty"]})
    with pytest.raises(ValueError, match=r"no column 'revenu'.*did you mean 'revenue'"):
        cv.contribution(df, revenue="revenu", costs="cost")
    with pytest.raises(ValueError, match=r"'cost'.*must hold numbers.*'sixty'"):
        cv.contribution(df, revenue="revenue", costs="cost")
    with pytest.raises(ValueError, match=r"empty"):
        cv.contribution(df.iloc[0:0], revenue="revenue", costs="cost")
    with pytest.raises(TypeError, match=r"DataFrame"):
        cv.contribution(df["revenue"], revenue="revenue", costs="cost")


# ---------------------------------------------------------------------------------------
# margin multiple and CLV — published worked examples
# ---------------------------------------------------------------------------------------

# Gupta, S. & Lehmann, D. R. (2003). Customers as Assets. Journal of Interactive Marketing
# 17(1), 9–24: the margin-multiple table, r / (1 + i − r), for retention 60–90 % and discount
# rates 10–16 % (also in Gupta & Lehmann 2005, Managing Customers as Investments, ch. 2).
# Values as printed (two decimals).
GUPTA_LEHMANN_TABLE = {
    0.6: [1.20, 1.15, 1.11, 1.07],
    0.7: [1.75, 1.67, 1.59, 1.52],
    0.8: [2.67, 2.50, 2.35, 2.22],
    0.9: [4.50, 4.09, 3.75, 3.46],
}


@pytest.mark.parametrize("retention", sorted(GUPTA_LEHMANN_TABLE))
def test_margin_multiple_reproduces_gupta_lehmann_table(retention):
    got = [cv.margin_multiple(retention, i) for i in (0.10, 0.12, 0.14, 0.16)]
    assert np.round(got, 2).tolist() == GUPTA_LEHMANN_TABLE[retention]


def test_margin_multiple_table_layout():
    table = cv.margin_multiple_table()
    assert table.index.name == "retention"
    assert table.columns.name == "discount_rate"
    expected = pd.DataFrame(GUPTA_LEHMANN_TABLE).T.to_numpy()
    np.testing.assert_allclose(table.round(2).to_numpy(), expected)


def test_clv_infinite_end_equals_margin_times_multiple():
    # Gupta & Lehmann (2003): CLV = m · r / (1 + i − r); "for r = 90 % and i = 12 % the
    # multiple is about 4", i.e. a customer is worth about four years of margin.
    assert cv.clv(100, 0.9, 0.12) == pytest.approx(100 * 0.9 / 0.22)


def test_clv_infinite_start_matches_fader_hardie():
    # Fader, P. S. & Hardie, B. G. S. (2014). What's wrong with this CLV formula?
    # (note, brucehardie.com), eq. (2): E(CLV) = m (1 + d) / (1 + d − r) when the sum
    # starts at t = 0.
    assert cv.clv(100, 0.8, 0.10, timing="start") == pytest.approx(100 * 1.10 / 0.30)


def test_clv_finite_horizon_by_hand():
    # margin 100 a year, retention 0.8, discount 10 %, three years, margins at year end:
    by_hand = 100 * 0.8 / 1.1 + 100 * 0.8**2 / 1.1**2 + 100 * 0.8**3 / 1.1**3
    assert by_hand == pytest.approx(164.0872, abs=1e-4)
    assert cv.clv(100, 0.8, 0.10, periods=3) == pytest.approx(by_hand)
    # same customer, margins at the start of each year: t = 0, 1, 2
    by_hand_start = 100 + 100 * 0.8 / 1.1 + 100 * 0.8**2 / 1.1**2
    assert cv.clv(100, 0.8, 0.10, periods=3, timing="start") == pytest.approx(by_hand_start)


def test_clv_construction_client_certain_two_years():
    # 2,000,000 a month revenue at a 10 % contribution margin, stays for sure until he
    # retires in 24 months, 1 % a month discount rate: an annuity of 200,000 for 24 months.
    annuity = 200_000 * (1 - 1.01**-24) / 0.01
    assert cv.clv(200_000, 1.0, 0.01, periods=24) == pytest.approx(annuity)
    assert annuity == pytest.approx(4_248_677.6, abs=1)


def test_clv_acquisition_cost_and_negative_margin():
    assert cv.clv(100, 0.8, 0.1, acquisition_cost=50) == pytest.approx(800 / 3 - 50)
    assert cv.clv(-10, 0.5, 0.0, periods=2) == pytest.approx(-10 * (0.5 + 0.25))


def test_periodic_rate():
    assert (1 + cv.periodic_rate(0.1, periods_per_year=12)) ** 12 == pytest.approx(1.1)
    with pytest.raises(ValueError, match=r"periods_per_year.*whole number"):
        cv.periodic_rate(0.1, periods_per_year=0.5)


@pytest.mark.parametrize(
    ("kwargs", "exc", "match"),
    [
        ({"retention": 90}, ValueError, r"retention.*percentage.*0\.9"),
        ({"retention": -0.1}, ValueError, r"retention.*\[0, 1\]"),
        ({"retention": "0.8"}, TypeError, r"retention.*text"),
        ({"retention": float("nan")}, ValueError, r"retention.*NaN"),
        ({"discount_rate": 10}, ValueError, r"discount_rate.*0\.1 for 10 %"),
        ({"discount_rate": -0.05}, ValueError, r"discount_rate.*zero or more"),
        ({"periods": 2.5}, ValueError, r"periods.*whole number"),
        ({"periods": 0}, ValueError, r"periods.*whole number"),
        ({"acquisition_cost": -1}, ValueError, r"acquisition_cost.*zero or more"),
        ({"timing": "middle"}, ValueError, r"timing.*one of 'end', 'start'"),
        ({"margin": None}, TypeError, r"margin.*number"),
        ({"retention": 1.0, "discount_rate": 0.0}, ValueError, r"infinite.*periods"),
    ],
)
def test_clv_bad_inputs(kwargs, exc, match):
    args = {"margin": 100, "retention": 0.8, "discount_rate": 0.1} | kwargs
    margin, retention, rate = args.pop("margin"), args.pop("retention"), args.pop("discount_rate")
    with pytest.raises(exc, match=match):
        cv.clv(margin, retention, rate, **args)


def test_margin_multiple_infinite_refused():
    with pytest.raises(ValueError, match=r"infinite"):
        cv.margin_multiple(1.0, 0.0)


rates = st.floats(0.0, 0.5, allow_nan=False)
retentions = st.floats(0.0, 0.99, allow_nan=False)


@settings(max_examples=50, deadline=None)
@given(r=retentions, i=rates, m=st.floats(-1e4, 1e4, allow_nan=False))
def test_property_start_is_end_times_factor(r, i, m):
    end = cv.clv(m, r, i)
    start = cv.clv(m, r, i, timing="start")
    assert start * r == pytest.approx(end * (1 + i), rel=1e-9, abs=1e-6)


@settings(max_examples=50, deadline=None)
@given(r=retentions, i=st.floats(0.01, 0.5), n=st.integers(1, 60))
def test_property_finite_horizon_below_infinite_and_increasing(r, i, n):
    short = cv.clv(100, r, i, periods=n)
    longer = cv.clv(100, r, i, periods=n + 1)
    assert short <= longer + 1e-9 <= cv.clv(100, r, i) + 2e-9


@settings(max_examples=50, deadline=None)
@given(r1=retentions, r2=retentions, i=rates)
def test_property_clv_monotone_in_retention(r1, r2, i):
    lo, hi = sorted((r1, r2))
    assert cv.margin_multiple(lo, i) <= cv.margin_multiple(hi, i) + 1e-12


# ---------------------------------------------------------------------------------------
# referral value
# ---------------------------------------------------------------------------------------


def test_referral_value_by_hand():
    # one referral a year for two years, each worth 1,000, discount 10 %, at year end
    assert cv.referral_value(1, 1000, 0.1, periods=2) == pytest.approx(1000 / 1.1 + 1000 / 1.21)
    # half would have come anyway: for those only the saved acquisition cost (200) counts,
    # and the firm pays a reward of 50 per referral (Kumar, Petersen & Leone 2010 logic)
    per = 0.5 * 1000 + 0.5 * 200 - 50
    got = cv.referral_value([2, 1], 1000, 0.1, incremental_share=0.5,
                            acquisition_saving=200, referral_cost=50)
    assert got == pytest.approx(2 * per / 1.1 + per / 1.21)
    start = cv.referral_value([2, 1], 1000, 0.1, timing="start")
    assert start == pytest.approx(2000 + 1000 / 1.1)


def test_referral_value_input_unchanged():
    refs = pd.Series([1.0, 2.0])
    before = refs.copy()
    cv.referral_value(refs, 500, 0.1)
    pd.testing.assert_series_equal(refs, before)


@pytest.mark.parametrize(
    ("args", "kwargs", "exc", "match"),
    [
        ((1, 1000, 0.1), {}, ValueError, r"single number.*periods="),
        (([1, 1], 1000, 0.1), {"periods": 2}, ValueError, r"leave `periods` out"),
        (([1, -1], 1000, 0.1), {}, ValueError, r"referrals.*negative"),
        (([1, "two"], 1000, 0.1), {}, ValueError, r"referrals.*'two'"),
        (([], 1000, 0.1), {}, ValueError, r"referrals.*empty"),
        ((1, 1000, 0.1), {"periods": 2, "incremental_share": 1.5}, ValueError,
         r"incremental_share.*\[0, 1\]"),
        ((1, "1000", 0.1), {"periods": 2}, TypeError, r"referred_value.*text"),
    ],
)
def test_referral_value_bad_inputs(args, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        cv.referral_value(*args, **kwargs)


# ---------------------------------------------------------------------------------------
# concentration, Gini, top share
# ---------------------------------------------------------------------------------------


def test_concentration_table_small_example():
    s = pd.Series([5, 50, 10, 30, 5], index=list("edcba"), name="spend")
    res = cv.concentration(s)
    t = res.table
    assert t.index.tolist() == ["d", "b", "c", "e", "a"]       # largest first, stable ties
    assert t["rank"].tolist() == [1, 2, 3, 4, 5]
    np.testing.assert_allclose(t["value_share"], [0.5, 0.8, 0.9, 0.95, 1.0])
    np.testing.assert_allclose(t["customer_share"], [0.2, 0.4, 0.6, 0.8, 1.0])
    assert res.gini == pytest.approx(0.46)
    assert res.top_share(0.2) == pytest.approx(0.5)
    assert "gini=0.460" in repr(res)


def test_gini_known_values():
    # Equal values → 0; one customer holds everything → (n − 1)/n; values 1 … n →
    # (n − 1)/(3n), the textbook result for a discrete uniform distribution.
    assert cv.gini([3, 3, 3]) == pytest.approx(0.0)
    assert cv.gini([0, 0, 0, 0, 7]) == pytest.approx(4 / 5)
    n = 10
    assert cv.gini(list(range(1, n + 1))) == pytest.approx((n - 1) / (3 * n))


def test_gini_equals_twice_lorenz_area():
    x = np.array([3.0, 1.0, 7.0, 0.0, 12.0, 2.0])
    lorenz = np.r_[0, np.cumsum(np.sort(x)) / x.sum()]
    area_under = np.sum((lorenz[1:] + lorenz[:-1]) / 2) / len(x)
    assert cv.gini(x) == pytest.approx(1 - 2 * area_under)


def test_top_share_and_customers_for_share():
    vals = [50, 30, 10, 5, 5]
    assert cv.top_share(vals) == pytest.approx(0.5)
    assert cv.top_share(vals, top=0.4) == pytest.approx(0.8)
    assert cv.top_share(vals, top=0.3) == pytest.approx(0.8)        # ⌈1.5⌉ = 2 customers
    assert cv.top_share(vals, top=1.0) == pytest.approx(1.0)
    assert cv.customers_for_share(vals, share=0.8) == pytest.approx(0.4)
    assert cv.customers_for_share(vals, share=0.81) == pytest.approx(0.6)


def test_concentration_whale_curve_with_losses():
    res = cv.concentration([120, 30, -50], allow_negative=True)
    assert res.table["value_share"].max() == pytest.approx(1.5)
    assert math.isnan(res.gini)


def test_concentration_input_unchanged():
    s = pd.Series([3.0, 1.0, 2.0], index=[10, 11, 12])
    before = s.copy()
    cv.concentration(s)
    cv.top_share(s)
    pd.testing.assert_series_equal(s, before)


@pytest.mark.parametrize(
    ("values", "kwargs", "exc", "match"),
    [
        ([5, -1, 3], {}, ValueError, r"1 negative value.*allow_negative=True"),
        ([0, 0], {}, ValueError, r"total of `values` is 0"),
        ([], {}, ValueError, r"`values` is empty"),
        ([1, float("nan")], {}, ValueError, r"missing value"),
        ([1, "two"], {}, ValueError, r"must hold numbers.*'two'"),
        (5, {}, TypeError, r"several numbers"),
        (pd.DataFrame({"a": [1], "b": [2]}), {}, TypeError, r"one column.*2 columns"),
    ],
)
def test_concentration_bad_inputs(values, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        cv.concentration(values, **kwargs)


def test_top_share_bad_top():
    with pytest.raises(ValueError, match=r"top.*percentage.*0\.2"):
        cv.top_share([1, 2, 3], top=20)
    with pytest.raises(ValueError, match=r"top.*\(0, 1\]"):
        cv.top_share([1, 2, 3], top=0)


positive_lists = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=1, max_size=40).filter(
    lambda xs: sum(xs) > 0
)


@settings(max_examples=50, deadline=None)
@given(xs=positive_lists)
def test_property_concentration_shares(xs):
    res = cv.concentration(xs)
    share = res.table["value_share"].to_numpy()
    assert share[-1] == pytest.approx(1.0)
    assert np.all(np.diff(share) >= -1e-12)
    # Pareto curve lies on or above the diagonal
    assert np.all(share >= res.table["customer_share"].to_numpy() - 1e-9)
    n = len(xs)
    assert -1e-9 <= res.gini <= (n - 1) / n + 1e-9


@settings(max_examples=50, deadline=None)
@given(xs=positive_lists, a=st.floats(0.01, 1.0), b=st.floats(0.01, 1.0))
def test_property_top_share_monotone(xs, a, b):
    lo, hi = sorted((a, b))
    assert cv.top_share(xs, top=lo) <= cv.top_share(xs, top=hi) + 1e-12
    assert cv.top_share(xs, top=hi) <= 1 + 1e-12


@settings(max_examples=30, deadline=None)
@given(xs=positive_lists, k=st.floats(0.1, 100))
def test_property_gini_scale_invariant(xs, k):
    assert cv.gini([k * x for x in xs]) == pytest.approx(cv.gini(xs), abs=1e-9)


def test_plot_concentration_labels():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ax = cv.plot_concentration([50, 30, 10, 5, 5], label="demo", value_name="spend")
    assert ax.get_title()
    assert "%" in ax.get_xlabel() and "spend" in ax.get_ylabel()
    assert "Gini 0.46" in ax.get_legend().get_texts()[0].get_text()
    plt.close(ax.figure)


# ---------------------------------------------------------------------------------------
# delivered values for a survey table
# ---------------------------------------------------------------------------------------


def test_delivered_values_table_matches_scalar_function():
    df = pd.DataFrame({"product": [8, 5], "service": [7, 3], "money": [6, 2], "time": [5, 1]},
                      index=["r1", "r2"])
    before = df.copy()
    out = cv.delivered_values(df, value=["product", "service"], cost=["money", "time"])
    assert out.index.tolist() == ["r1", "r2"]
    for key, row in df.iterrows():
        expected = cv.delivered_value(row[["product", "service"]], row[["money", "time"]])
        assert out.loc[key, "delivered_value"] == pytest.approx(expected)
    ratio = cv.delivered_values(df, value=["product"], cost=["money"], kind="ratio")
    assert ratio["delivered_value"].tolist() == pytest.approx([8 / 6, 5 / 2])
    pd.testing.assert_frame_equal(df, before)


@pytest.mark.parametrize(
    ("df", "kind", "match"),
    [
        (pd.DataFrame({"product": [8], "money": [-1]}), "difference", r"'money'.*negative"),
        (pd.DataFrame({"product": [8], "money": ["six"]}), "difference", r"'money'.*numbers"),
        (pd.DataFrame({"product": [8], "money": [np.nan]}), "difference", r"'money'.*missing"),
        (pd.DataFrame({"product": [8], "monee": [1]}), "difference", r"did you mean 'monee'"),
        (pd.DataFrame({"product": [8], "money": [0]}), "ratio", r"total cost is 0 in rows \[0\]"),
        (pd.DataFrame({"product": [], "money": []}), "difference", r"empty"),
    ],
)
def test_delivered_values_bad_inputs(df, kind, match):
    with pytest.raises(ValueError, match=match):
        cv.delivered_values(df, value=["product"], cost=["money"], kind=kind)
