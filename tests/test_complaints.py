"""complaint_summary / complaint_times on a log without first-response times (issue #18)."""

from __future__ import annotations

import pandas as pd
import pytest

from coursekit import complaints, datasets

LOG = pd.DataFrame({
    "received_at": pd.to_datetime(["2025-01-01 09:00", "2025-01-02 10:00", "2025-01-03 08:00"]),
    "resolved_at": pd.to_datetime(["2025-01-01 21:00", None, "2025-01-07 08:00"]),
    "channel": ["hotline", "store", "hotline"],
})


def test_complaint_times_without_first_response():
    t = complaints.complaint_times(LOG, first_response=None)
    assert t.columns.tolist() == ["to_resolution"]
    assert t["to_resolution"].iloc[0] == 12.0 and t["to_resolution"].isna().iloc[1]


def test_complaint_summary_without_first_response_leaves_the_response_columns_out():
    before = LOG.copy()
    s = complaints.complaint_summary(LOG, first_response=None, resolution_target=24, by="channel")
    assert s.columns.tolist() == ["complaints", "median_resolution_h", "p90_resolution_h",
                                  "within_resolution_target", "unresolved"]
    assert s.loc["hotline", "complaints"] == 2
    assert s.loc["hotline", "within_resolution_target"] == 0.5
    assert s.loc["store", "unresolved"] == 1.0
    pd.testing.assert_frame_equal(LOG, before)


def test_a_missing_first_response_column_says_how_to_do_without():
    with pytest.raises(ValueError, match="no column 'first_response_at'.*first_response=None"):
        complaints.complaint_summary(LOG)


def test_the_capstone_contacts_need_no_first_response():
    contacts = datasets.load("mobile_contacts")
    s = complaints.complaint_summary(contacts[contacts["complaint"]], first_response=None,
                                     by="channel")
    assert "within_response_target" not in s.columns
    assert s["complaints"].sum() == contacts["complaint"].sum()
    assert s["within_resolution_target"].between(0, 1).all()


def test_with_first_response_nothing_changes():
    log = LOG.assign(first_response_at=LOG["received_at"] + pd.Timedelta(hours=2))
    s = complaints.complaint_summary(log)
    assert s.loc["all", "median_response_h"] == 2.0
    assert s.loc["all", "within_response_target"] == 1.0
