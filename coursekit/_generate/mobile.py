"""Jiangnan Mobile (江南移动): a fictional regional mobile operator, the capstone case.

The snapshot is the subscriber base on 2025-06-30. Everything a CRM analyst could know on that
day (tenure, plan, the first six months of bills, service contacts, the March survey, the June
retention pilot) is *behaviour*; churn is what happened in the six months after the snapshot.

Behavioural assumptions (documented in the cards ``mobile_*.md``):

* Each subscriber has a latent satisfaction (network quality of their city, plan fit, service
  experience, personal tendency). The survey measures it with noise; complaints are more likely
  when it is low; churn is more likely when it is low.
* Usage varies strongly between subscribers (lognormal), so a plan "fits" some and not others:
  heavy users on small plans pay overage (bill shock), light users on big plans pay for data
  they never use. Both misfits raise churn.
* Churn in 2025-07 … 2025-12 follows a logistic model of tenure (new subscribers leave more),
  contract (a 24-month contract holds), latent satisfaction, unresolved complaints, plan misfit
  and age. Nobody types the churners in: the analyses have to find them.
* Revenue is the bill; the cost to serve grows with data used, so profit per subscriber is
  skewed (a Pareto-like pattern) and not the same ranking as revenue.
* A June retention pilot offered a random 20 % of the base a retention offer (half a data bonus,
  half a fee discount); acceptance depends on plan fit and satisfaction, and accepting halves the
  churn risk — the "save rate" the promotion analysis needs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import rng_for

DATASETS = ("mobile_subscribers", "mobile_bills", "mobile_contacts", "mobile_survey",
            "mobile_campaign")

N_SUBSCRIBERS = 5000
SNAPSHOT = pd.Timestamp("2025-06-30")
MONTHS = pd.date_range("2025-01-01", "2025-12-01", freq="MS")
CITIES = ["Wuxi", "Changzhou", "Suzhou", "Nantong", "Yangzhou"]
CITY_WEIGHTS = [0.24, 0.18, 0.30, 0.16, 0.12]
# network quality by city (drives satisfaction and network complaints); Nantong is weak
CITY_NETWORK = {"Wuxi": 0.2, "Changzhou": 0.1, "Suzhou": 0.3, "Nantong": -0.7, "Yangzhou": 0.0}
CHANNELS = ["store", "online", "agent"]
# plan: monthly fee (CNY), data allowance (GB), voice minutes, overage price per GB (CNY)
PLANS = {
    "Basic 38": dict(fee=38.0, gb=10.0, minutes=100),
    "Smart 58": dict(fee=58.0, gb=30.0, minutes=300),
    "Family 88": dict(fee=88.0, gb=60.0, minutes=600),
    "Premium 128": dict(fee=128.0, gb=100.0, minutes=1000),
}
OVERAGE_PER_GB = 3.0
OVERAGE_CAP = 90.0          # at most this much overage per month (CNY), then throttling
COST_PER_GB = 0.45          # network cost of one GB delivered (CNY)
COST_BASE = 14.0            # fixed monthly cost to serve one line (CNY)
REASONS = ["billing", "network", "plan_change", "handset", "roaming", "other"]
SURVEY_ITEMS = ["network", "price", "service", "billing_clarity", "app"]


def _subscribers(rng: np.random.Generator) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    n = N_SUBSCRIBERS
    # tenure: many long-standing lines and a steady inflow; joined 2012-01 … 2025-06
    tenure = np.clip(np.rint(rng.gamma(1.3, 30.0, n)), 0, 161).astype(int)
    join = SNAPSHOT.to_period("M").to_timestamp() - pd.to_timedelta(0, unit="D")
    join_month = pd.PeriodIndex([SNAPSHOT.to_period("M") - int(t) for t in tenure], freq="M")
    day = rng.integers(1, 29, n)
    join = join_month.to_timestamp() + pd.to_timedelta(day - 1, unit="D")
    age = np.clip(np.rint(rng.normal(38, 12, n)), 18, 80).astype(int)
    gender = rng.choice(["female", "male"], size=n, p=[0.48, 0.52])
    city = rng.choice(CITIES, size=n, p=CITY_WEIGHTS)
    channel = rng.choice(CHANNELS, size=n, p=[0.45, 0.35, 0.20])
    # usage: younger people use more data; lognormal heterogeneity
    data_need = np.exp(rng.normal(np.log(24) + 0.018 * (38 - age), 0.75, n))
    voice_need = np.exp(rng.normal(np.log(220) + 0.01 * (age - 38), 0.6, n))
    # plan choice: people roughly pick by need, with inertia and mistakes
    plan_names = list(PLANS)
    gb = np.array([PLANS[p]["gb"] for p in plan_names])
    want = np.log(data_need)[:, None] - np.log(gb)[None, :]
    score = -np.abs(want) * 1.4 + rng.gumbel(0, 1, (n, len(gb)))
    plan_idx = score.argmax(axis=1)
    plan = np.array(plan_names)[plan_idx]
    allowance = gb[plan_idx]
    ratio = data_need / allowance
    fit = np.where(ratio > 1.15, "over", np.where(ratio < 0.35, "under", "fits"))
    contract = rng.random(n) < np.where(channel == "store", 0.45, 0.25)
    discount = np.where(contract, 0.9, 1.0)
    fee = np.array([PLANS[p]["fee"] for p in plan]) * discount
    # latent satisfaction (standard-normal-ish)
    net = np.array([CITY_NETWORK[c] for c in city])
    misfit = (fit != "fits").astype(float)
    sat = 0.9 * net - 0.55 * misfit + rng.normal(0, 0.8, n)
    subs = pd.DataFrame({
        "subscriber_id": np.arange(100001, 100001 + n),
        "join_date": join.strftime("%Y-%m-%d"),
        "tenure_months": tenure,
        "age": age,
        "gender": gender,
        "city": city,
        "channel": channel,
        "plan": plan,
        "contract": contract,
        "monthly_fee": np.round(fee, 2),
        "data_allowance_gb": allowance,
        "plan_fit": fit,
    })
    hidden = dict(data_need=data_need, voice_need=voice_need, sat=sat, net=net,
                  misfit=misfit, fit=fit, contract=contract, tenure=tenure, age=age)
    return subs, hidden


def _contacts(rng, subs, h) -> pd.DataFrame:
    n = len(subs)
    # contacts per month: more when satisfaction is low or the plan does not fit
    lam = np.exp(-2.3 - 0.55 * h["sat"] + 0.4 * (h["fit"] == "over"))
    counts = rng.poisson(lam * 6)      # over the first half of 2025
    owner = np.repeat(np.arange(n), counts)
    m = len(owner)
    # a contact falls between joining (or 1 January) and the snapshot, uniformly
    joined = pd.to_datetime(subs["join_date"]).to_numpy()[owner]
    start = np.maximum(joined, np.datetime64("2025-01-01")).astype("datetime64[s]").astype(np.int64)
    stop = np.datetime64("2025-07-01", "s").astype(np.int64)
    secs = start + np.floor(rng.random(m) * (stop - start)).astype(np.int64)
    order = np.argsort(secs, kind="stable")
    owner, secs = owner[order], secs[order]
    received = pd.to_datetime(secs // 60 * 60, unit="s")
    fit = h["fit"][owner]
    net = h["net"][owner]
    base = np.array([0.22, 0.22, 0.18, 0.12, 0.06, 0.20])
    p = np.tile(base, (m, 1))
    p[:, 0] += 0.25 * (fit == "over")            # bill shock → billing calls
    p[:, 1] += 0.45 * (net < 0)                  # weak network → network calls
    p[:, 2] += 0.15 * (fit == "under")
    p /= p.sum(axis=1, keepdims=True)
    # one categorical draw per row (inverse CDF on the row's probabilities)
    reason = (rng.random((m, 1)) > p.cumsum(axis=1)).sum(axis=1).clip(0, len(REASONS) - 1)
    reason = np.array(REASONS)[reason]
    complaint_p = np.where(np.isin(reason, ["billing", "network"]), 0.55, 0.2)
    complaint_p = np.clip(complaint_p - 0.1 * h["sat"][owner], 0.02, 0.95)
    complaint = rng.random(m) < complaint_p
    channel = rng.choice(["hotline", "app", "store", "wechat"], size=m, p=[0.45, 0.25, 0.15, 0.15])
    hours = rng.lognormal(np.where(reason == "network", np.log(40), np.log(8)), 1.0)
    resolved = rng.random(m) < np.where(reason == "network", 0.75, 0.92)
    resolved_at = received + pd.to_timedelta(np.round(hours * 60), unit="min")
    resolved_at = resolved_at.where(resolved & (resolved_at < pd.Timestamp("2025-07-01")))
    df = pd.DataFrame({
        "subscriber_id": subs["subscriber_id"].to_numpy()[owner],
        "received_at": received.strftime("%Y-%m-%d %H:%M"),
        "channel": channel,
        "reason": reason,
        "complaint": complaint,
        "resolved_at": resolved_at.strftime("%Y-%m-%d %H:%M"),
    })
    df.insert(0, "contact_id", np.arange(1, m + 1))
    return df


def _survey(rng, subs, h) -> pd.DataFrame:
    n = len(subs)
    pick = np.sort(rng.choice(n, size=1200, replace=False))
    sat = h["sat"][pick]
    out = {"subscriber_id": subs["subscriber_id"].to_numpy()[pick]}
    day = rng.integers(0, 31, len(pick))
    out["answered_on"] = (pd.Timestamp("2025-03-01") + pd.to_timedelta(day, unit="D")).strftime(
        "%Y-%m-%d")
    # performance items (1–5): network follows the city's network, price follows plan fit
    drivers = {
        "network": 0.9 * h["net"][pick] + 0.5 * sat,
        "price": -0.9 * h["misfit"][pick] + 0.5 * sat,
        "service": 0.8 * sat,
        "billing_clarity": -0.6 * (h["fit"][pick] == "over") + 0.5 * sat,
        "app": 0.3 * sat,
    }
    offsets = {"network": 3.7, "price": 3.3, "service": 3.9, "billing_clarity": 3.6, "app": 3.8}
    for item in SURVEY_ITEMS:
        x = offsets[item] + drivers[item] + rng.normal(0, 0.7, len(pick))
        out[f"sat_{item}"] = np.clip(np.rint(x), 1, 5).astype(int)
    overall = 3.5 + 0.8 * sat + rng.normal(0, 0.5, len(pick))
    out["overall"] = np.clip(np.rint(overall), 1, 5).astype(int)
    nps = 6.8 + 1.7 * sat + rng.normal(0, 1.3, len(pick))
    out["recommend"] = np.clip(np.rint(nps), 0, 10).astype(int)
    return pd.DataFrame(out)


def _campaign(rng, subs, h) -> tuple[pd.DataFrame, np.ndarray]:
    n = len(subs)
    pilot = np.sort(rng.choice(n, size=n // 5, replace=False))
    offer = rng.choice(["data_bonus", "fee_discount"], size=len(pilot))
    # acceptance: misfit subscribers like an offer that fixes their problem
    fit = h["fit"][pilot]
    logit = (-0.9 + 0.9 * ((offer == "data_bonus") & (fit == "over"))
             + 0.9 * ((offer == "fee_discount") & (fit == "under")) - 0.3 * h["sat"][pilot])
    accepted = rng.random(len(pilot)) < 1 / (1 + np.exp(-logit))
    sent = pd.Timestamp("2025-06-02") + pd.to_timedelta(rng.integers(0, 20, len(pilot)), unit="D")
    camp = pd.DataFrame({
        "subscriber_id": subs["subscriber_id"].to_numpy()[pilot],
        "sent_on": sent.strftime("%Y-%m-%d"),
        "offer": offer,
        "accepted": accepted,
    })
    accepted_all = np.zeros(n, dtype=bool)
    accepted_all[pilot[accepted]] = True
    return camp, accepted_all


def _churn(rng, subs, h, contacts, accepted) -> np.ndarray:
    ids = subs["subscriber_id"].to_numpy()
    comp = contacts[contacts["complaint"]]
    n_comp = comp.groupby("subscriber_id").size().reindex(ids, fill_value=0).to_numpy()
    open_ = comp[comp["resolved_at"].isna()]
    n_open = open_.groupby("subscriber_id").size().reindex(ids, fill_value=0).to_numpy()
    t = h["tenure"]
    logit = (-1.55 - 0.75 * h["sat"] - 0.018 * np.minimum(t, 60) - 1.2 * h["contract"]
             + 0.35 * np.minimum(n_comp, 3) + 0.6 * np.minimum(n_open, 2)
             + 0.45 * (h["fit"] == "over") + 0.4 * (h["fit"] == "under")
             - 0.012 * (h["age"] - 38))
    p = 1 / (1 + np.exp(-logit))
    p = np.where(accepted, p * 0.5, p)
    churn = rng.random(len(p)) < p
    month = np.where(churn, rng.integers(7, 13, len(p)), 0)   # last month billed: Jul … Dec
    return month


def _bills(rng, subs, h, churn_month) -> pd.DataFrame:
    n = len(subs)
    join_m = pd.to_datetime(subs["join_date"]).dt.to_period("M")
    first = np.array([max(1, (jm - pd.Period("2025-01", "M")).n + 1) for jm in join_m])
    last = np.where(churn_month > 0, churn_month, 12)
    counts = last - first + 1
    owner = np.repeat(np.arange(n), counts)
    month_no = np.concatenate([np.arange(a, b + 1) for a, b in zip(first, last, strict=True)])
    season = 1 + 0.08 * np.isin(month_no, [1, 2, 7, 8])      # holidays: New Year, summer
    data = h["data_need"][owner] * season * rng.lognormal(0, 0.25, len(owner))
    voice = h["voice_need"][owner] * rng.lognormal(0, 0.3, len(owner))
    allowance = subs["data_allowance_gb"].to_numpy()[owner]
    fee = subs["monthly_fee"].to_numpy()[owner]
    # overage is capped: beyond OVERAGE_CAP the speed is throttled instead of charged
    overage = np.round(np.minimum(np.maximum(data - allowance, 0) * OVERAGE_PER_GB, OVERAGE_CAP), 2)
    cost = np.round(COST_BASE + COST_PER_GB * data, 2)
    return pd.DataFrame({
        "subscriber_id": subs["subscriber_id"].to_numpy()[owner],
        "month": MONTHS[month_no - 1].strftime("%Y-%m-%d"),
        "data_gb": np.round(data, 2),
        "voice_min": np.rint(voice).astype(int),
        "plan_fee": fee,
        "overage_fee": overage,
        "amount": np.round(fee + overage, 2),
        "cost_to_serve": cost,
    })


def generate(seed: int) -> dict[str, pd.DataFrame]:
    """The five Jiangnan Mobile tables for one seed."""
    rng = rng_for(seed, __name__)
    subs, h = _subscribers(rng)
    contacts = _contacts(rng, subs, h)
    survey = _survey(rng, subs, h)
    campaign, accepted = _campaign(rng, subs, h)
    churn_month = _churn(rng, subs, h, contacts.assign(
        resolved_at=contacts["resolved_at"].replace("NaT", np.nan)), accepted)
    bills = _bills(rng, subs, h, churn_month)
    subs["churned"] = churn_month > 0
    subs["churn_month"] = np.where(
        churn_month > 0, MONTHS[np.maximum(churn_month, 1) - 1].strftime("%Y-%m"), "")
    return {"mobile_subscribers": subs, "mobile_bills": bills, "mobile_contacts": contacts,
            "mobile_survey": survey, "mobile_campaign": campaign}
