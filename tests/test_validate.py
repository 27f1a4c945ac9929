"""The shared input checks give messages a student can act on and never change the input."""

from __future__ import annotations

import contextlib

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit import _validate as v


def test_missing_column_suggests_a_close_name():
    df = pd.DataFrame({"amount": [1.0], "customer": ["a"]})
    with pytest.raises(ValueError, match=r"no column 'amout'.*did you mean 'amount'"):
        v.require_columns(df, ["amout"], name="transactions")


def test_text_in_a_number_column_names_the_values_and_the_fix():
    df = pd.DataFrame({"amount": ["12", "abc", "3"]})
    with pytest.raises(ValueError, match=r"'amount'.*must hold numbers.*'abc'.*pd.to_numeric"):
        v.require_numeric(df, "amount")


def test_nan_and_negative_are_reported_with_rows():
    df = pd.DataFrame({"x": [1.0, np.nan, -2.0]})
    with pytest.raises(ValueError, match=r"1 missing value.*rows 1"):
        v.require_numeric(df, "x")
    with pytest.raises(ValueError, match="must not be negative"):
        v.require_numeric(df.dropna(), "x", nonnegative=True)


def test_empty_and_wrong_type_frames():
    with pytest.raises(ValueError, match="empty"):
        v.require_frame(pd.DataFrame())
    with pytest.raises(TypeError, match="Series"):
        v.require_frame(pd.Series([1]))


def test_probability_spots_percentages():
    with pytest.raises(ValueError, match="looks like a percentage: write 0.8"):
        v.require_probability(80, name="retention")
    with pytest.raises(TypeError, match="text"):
        v.require_probability("0.8", name="retention")
    assert v.require_probability(0.8, name="retention") == 0.8


def test_weights_are_normalised_and_checked():
    w = v.require_weights({"a": 2, "b": 2})
    assert w.to_dict() == {"a": 0.5, "b": 0.5}
    with pytest.raises(ValueError, match="all zero"):
        v.require_weights({"a": 0})
    with pytest.raises(ValueError, match="negative"):
        v.require_weights({"a": -1, "b": 2})


def test_dates_with_text_are_reported():
    df = pd.DataFrame({"d": ["2024-01-01", "yesterday"]})
    with pytest.raises(ValueError, match="'yesterday'"):
        v.require_datetime(df, "d")


@given(st.lists(st.floats(allow_nan=True, allow_infinity=False), min_size=1, max_size=20))
def test_as_numeric_array_never_changes_its_input(values):
    s = pd.Series(values)
    before = s.copy()
    with contextlib.suppress(ValueError):
        v.as_numeric_array(s, allow_nan=True)
    pd.testing.assert_series_equal(s, before)


@pytest.mark.parametrize("value", [2.5, "4", True, None, [3], float("nan")])
def test_as_whole_refuses_what_is_not_a_whole_number_with_type_error(value):
    with pytest.raises(TypeError, match="`k` must be a whole number ≥ 2"):
        v.as_whole(value, name="k", low=2)


def test_as_whole_out_of_range_is_a_value_error_and_accepts_5_0():
    assert v.as_whole(np.int64(5), name="k") == 5 and v.as_whole(5.0, name="k") == 5
    with pytest.raises(ValueError, match=r"`bins` must be a whole number from 2 to 9 \(5 is usual\), but is 10"):
        v.as_whole(10, name="bins", low=2, high=9, hint="5 is usual")


@pytest.mark.parametrize(("value", "error"), [(None, TypeError), (True, TypeError),
                                              ("31/31/2025", ValueError), (pd.NaT, ValueError)])
def test_as_date_is_the_one_date_parser(value, error):
    with pytest.raises(error, match="`as_of`"):
        v.as_date(value, name="as_of")


def test_every_module_parses_dates_the_same_way():
    from coursekit import grading, lifecycle

    tx = pd.DataFrame({"id": [1, 2], "day": pd.to_datetime(["2025-01-01", "2025-02-01"]),
                       "cny": [10.0, 20.0]})
    for call in (lambda d: grading.rfm(tx, customer="id", date="day", amount="cny", as_of=d),
                 lambda d: lifecycle.lifecycle_stage(tx, customer="id", date="day", as_of=d)):
        with pytest.raises(TypeError, match="must be a date"):
            call(None)
        with pytest.raises(ValueError, match="must be a date"):
            call("not a date")
