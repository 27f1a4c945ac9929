"""Tests of coursekit.clv_models (BG/NBD and Gamma-Gamma), also reached via coursekit.value.

Published estimates on the CDNOW sample (2,357 customers, 39-week calibration period
1997-01-01 … 1997-09-30, times in weeks):

* BG/NBD — Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "Counting Your Customers the
  Easy Way: An Alternative to the Pareto/NBD Model". *Marketing Science* 24(2), 275–284:
  r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, log-likelihood −9582.4; the conditional
  expectation for a customer with x = 2, t_x = 30.43, T = 38.86 over the next 39 weeks is
  1.226 (the paper's worked example, also in the lifetimes and BTYD test suites).
* Gamma-Gamma — Fader, P. S., Hardie, B. G. S. & Lee, K. L. (2005). "RFM and CLV: Using
  Iso-Value Curves for Customer Base Analysis". *JMR* 42(4), 415–430, and Fader & Hardie
  (2013), "The Gamma-Gamma Model of Monetary Value" (note): p = 6.25, q = 3.74,
  gamma = 15.44 on the 946 repeat buyers.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit import datasets
from coursekit import value as cv
from coursekit.clv_models import FitNotConverged
from coursekit.grading import rfm_summary


@pytest.fixture(scope="module")
def cdnow_summary() -> pd.DataFrame:
    tx = datasets.load("cdnow_sample")
    return rfm_summary(tx, customer="customer_id", date="date", amount="amount",
                       observation_end="1997-09-30", freq="D", freq_multiplier=7)


@pytest.fixture(scope="module")
def bgnbd(cdnow_summary):
    return cv.fit_bgnbd(cdnow_summary)


def test_bgnbd_reproduces_fader_hardie_lee_2005(bgnbd):
    p = bgnbd.params
    got = [p["r"], p["alpha"], p["a"], p["b"]]
    np.testing.assert_allclose(got, [0.243, 4.414, 0.793, 2.426], atol=1e-3)
    assert bgnbd.log_likelihood == pytest.approx(-9582.4, abs=0.1)


def test_bgnbd_conditional_expectation_worked_example(bgnbd):
    one = pd.DataFrame({"frequency": [2], "recency": [30.43], "T": [38.86]})
    assert bgnbd.expected_purchases(39, one).iloc[0] == pytest.approx(1.226, abs=1e-3)


def test_gamma_gamma_reproduces_published_estimates(cdnow_summary):
    gg = cv.fit_gamma_gamma(cdnow_summary)
    got = [gg.params["p"], gg.params["q"], gg.params["gamma"]]
    np.testing.assert_allclose(got, [6.25, 3.74, 15.44], atol=0.01)
    assert gg.n_customers == 946


def test_inputs_unchanged(cdnow_summary):
    before = cdnow_summary.copy()
    m = cv.fit_bgnbd(cdnow_summary)
    gg = cv.fit_gamma_gamma(cdnow_summary)
    m.p_alive()
    m.expected_purchases(10)
    cv.predicted_clv(m, gg, cdnow_summary.head(20), periods=4)
    pd.testing.assert_frame_equal(cdnow_summary, before)


def test_one_time_buyers_are_alive_and_population_expectation(bgnbd, cdnow_summary):
    alive = bgnbd.p_alive()
    assert (alive[cdnow_summary["frequency"] == 0] == 1).all()
    assert bgnbd.expected_purchases_new(39) > 0


def test_predicted_clv_is_discounted_and_nonnegative(bgnbd, cdnow_summary):
    gg = cv.fit_gamma_gamma(cdnow_summary)
    head = cdnow_summary.head(50)
    plain = cv.predicted_clv(bgnbd, gg, head, periods=26)
    disc = cv.predicted_clv(bgnbd, gg, head, periods=26, discount_rate=0.01)
    assert (plain >= 0).all() and (disc <= plain + 1e-12).all()
    spend = gg.expected_average_spend(head)
    np.testing.assert_allclose(plain, bgnbd.expected_purchases(26, head) * spend, rtol=1e-9)


GOOD = pd.DataFrame({"frequency": [0, 2, 5, 1, 0, 3], "recency": [0.0, 20, 35, 4, 0, 30],
                     "T": [39.0, 38, 39, 30, 33, 36]})


@pytest.mark.parametrize("bad, match", [
    (GOOD.drop(columns="recency"), "no column"),
    (GOOD.assign(frequency=[0, -1, 5, 1, 0, 3]), "negative"),
    (GOOD.assign(frequency=[0, 2.5, 5, 1, 0, 3]), "non-integer"),
    (GOOD.assign(recency=[0.0, 40, 35, 4, 0, 30]), "recency > T"),
    (GOOD.assign(frequency=0, recency=0.0), "nobody bought twice"),
    (GOOD.assign(T=[39.0, None, 39, 30, 33, 36]), "missing"),
])
def test_bad_summaries_raise_clear_errors(bad, match):
    with pytest.raises(ValueError, match=match):
        cv.fit_bgnbd(bad)


def test_gamma_gamma_refuses_zero_spend_of_repeat_buyers():
    bad = GOOD.assign(monetary_value=[0.0, 0.0, 20, 30, 0, 25])
    with pytest.raises(ValueError, match="monetary_value ≤ 0"):
        cv.fit_gamma_gamma(bad)


def test_non_convergence_says_so():
    with pytest.raises(FitNotConverged, match="did not converge"):
        cv.fit_bgnbd(GOOD, max_iter=1)


@st.composite
def summaries(draw):
    n = draw(st.integers(5, 30))
    T = np.array(draw(st.lists(st.floats(5, 60), min_size=n, max_size=n)))
    x = np.array(draw(st.lists(st.integers(0, 15), min_size=n, max_size=n)), dtype=float)
    u = np.array(draw(st.lists(st.floats(0.05, 1), min_size=n, max_size=n)))
    x[0] = max(x[0], 1)
    return pd.DataFrame({"frequency": x, "recency": np.where(x > 0, u * T, 0.0), "T": T})


@settings(max_examples=15, deadline=None)
@given(summaries())
def test_invariants_p_alive_in_unit_interval_and_expectations_grow(summary):
    try:
        m = cv.fit_bgnbd(summary)
    except FitNotConverged:
        return
    alive = m.p_alive()
    assert ((alive >= 0) & (alive <= 1)).all()
    e1, e2 = m.expected_purchases(5), m.expected_purchases(20)
    assert (e1 >= -1e-9).all() and (e2 >= e1 - 1e-9).all()
