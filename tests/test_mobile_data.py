"""The Jiangnan Mobile capstone case: the patterns the seven analyses rely on emerge from the data."""

from __future__ import annotations

import pandas as pd
import pytest

from coursekit import datasets


@pytest.fixture(scope="module")
def subs():
    return datasets.load("mobile_subscribers")


def test_subscribers_and_churn_rate(subs):
    assert len(subs) == 5000 and subs["subscriber_id"].is_unique
    assert 0.10 < subs["churned"].mean() < 0.25
    assert subs["churn_month"].isna().eq(~subs["churned"]).all()
    assert subs["churn_month"].dropna().between("2025-07-01", "2025-12-01").all()


def test_churn_emerges_from_behaviour(subs):
    by_fit = subs.groupby("plan_fit", observed=True)["churned"].mean()
    assert by_fit["over"] > by_fit["fits"] and by_fit["under"] > by_fit["fits"]
    by_contract = subs.groupby("contract")["churned"].mean()
    assert by_contract[False] > 1.5 * by_contract[True]
    new = subs.loc[subs["tenure_months"] < 12, "churned"].mean()
    old = subs.loc[subs["tenure_months"] >= 48, "churned"].mean()
    assert new > old
    by_city = subs.groupby("city", observed=True)["churned"].mean()
    assert by_city.idxmax() == "Nantong"


def test_bills_stop_at_churn_and_start_at_joining(subs):
    bills = datasets.load("mobile_bills")
    assert set(bills["subscriber_id"]) == set(subs["subscriber_id"])
    last = bills.groupby("subscriber_id")["month"].max()
    s = subs.set_index("subscriber_id")
    churned = s.index[s["churned"]]
    assert (last[churned] == s.loc[churned, "churn_month"]).all()
    assert (last[s.index[~s["churned"]]] == pd.Timestamp("2025-12-01")).all()
    first = bills.groupby("subscriber_id")["month"].min()
    assert (first >= s["join_date"].dt.to_period("M").dt.to_timestamp().clip(
        lower=pd.Timestamp("2025-01-01"))).all()
    assert (bills["amount"] - bills["plan_fee"] - bills["overage_fee"]).abs().max() < 0.011


def test_contacts_complaints_survey_campaign(subs):
    contacts = datasets.load("mobile_contacts")
    assert contacts["received_at"].max() < pd.Timestamp("2025-07-01")
    joined = contacts["subscriber_id"].map(subs.set_index("subscriber_id")["join_date"])
    assert (contacts["received_at"] >= joined).all()
    closed = contacts.dropna(subset=["resolved_at"])
    assert (closed["resolved_at"] >= closed["received_at"]).all()
    # complaining subscribers churn more
    complainers = set(contacts.loc[contacts["complaint"], "subscriber_id"])
    rate = subs.groupby(subs["subscriber_id"].isin(complainers))["churned"].mean()
    assert rate[True] > rate[False]
    survey = datasets.load("mobile_survey")
    assert survey["subscriber_id"].is_unique and len(survey) == 1200
    merged = survey.merge(subs, on="subscriber_id")
    assert merged.groupby("churned")["overall"].mean().diff().iloc[-1] < 0
    camp = datasets.load("mobile_campaign")
    assert camp["subscriber_id"].is_unique and len(camp) == 1000
    took = subs["subscriber_id"].isin(camp.loc[camp["accepted"], "subscriber_id"])
    assert subs.loc[took, "churned"].mean() < subs.loc[~took, "churned"].mean()
