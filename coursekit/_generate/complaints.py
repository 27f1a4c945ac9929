"""Harbour Coffee complaint log (chapter 05): one row per complaint, 2024–2025.

Behavioural assumptions (documented in ``datasets/coffee_complaints.md``):

* complaints arrive in opening hours, more at the morning and lunch peaks and in the
  busy months; a few members complain again and again (skewed member draw);
* causes follow a Pareto pattern: waiting time, wrong orders and drink quality dominate;
* time to first response depends on the channel (in store: minutes; e-mail: a day) and is
  right-skewed (log-normal); complaints received after closing wait for the next morning;
* time to resolution depends on the cause (a wrong order is fixed at once, a billing or
  app-payment problem takes days); a few complaints are still open at the end of 2025;
* whether the member came back within 90 days depends on how fast and how well the complaint
  was handled (service recovery), not on the complaint itself.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import rng_for

DATASETS = ("coffee_complaints",)

N_MEMBERS = 5000
START, END = pd.Timestamp("2024-01-01"), pd.Timestamp("2025-12-31 23:59:59")

CHANNELS = {  # share, median minutes to first response, log-normal sigma
    "in_store": (0.38, 8, 0.9),
    "phone_hotline": (0.14, 35, 1.0),
    "app": (0.20, 180, 1.1),
    "wechat": (0.14, 90, 1.0),
    "social_media": (0.07, 150, 1.2),
    "email": (0.07, 1200, 0.9),
}
CATEGORIES = {  # share, median hours from first response to resolution, sigma, severity mix
    "wait_time": (0.29, 0.5, 1.2, (0.7, 0.25, 0.05)),
    "wrong_order": (0.19, 0.3, 1.0, (0.6, 0.35, 0.05)),
    "drink_quality": (0.16, 1.0, 1.2, (0.5, 0.4, 0.1)),
    "app_payment": (0.12, 40.0, 0.9, (0.3, 0.5, 0.2)),
    "staff_attitude": (0.08, 20.0, 1.1, (0.2, 0.5, 0.3)),
    "price_billing": (0.07, 30.0, 1.0, (0.4, 0.45, 0.15)),
    "cleanliness": (0.05, 10.0, 1.0, (0.4, 0.45, 0.15)),
    "food_safety": (0.04, 48.0, 0.8, (0.0, 0.3, 0.7)),
}
SEVERITIES = ("low", "medium", "high")


def _arrival_times(rng: np.random.Generator, n: int) -> pd.DatetimeIndex:
    days = pd.date_range(START.normalize(), END.normalize(), freq="D")
    month_w = np.array([0.9, 0.85, 1.0, 1.0, 1.05, 1.1, 1.15, 1.1, 1.05, 1.0, 1.1, 1.25])
    w = month_w[days.month - 1] * np.where(days.day_of_week >= 5, 1.2, 1.0)
    w = w * np.linspace(0.9, 1.1, len(days))  # the chain grows
    day = rng.choice(len(days), size=n, p=w / w.sum())
    hours = np.arange(7, 22)
    hw = np.array([1.5, 2.5, 2.2, 1.3, 1.2, 2.0, 1.8, 1.1, 1.0, 1.0, 1.1, 1.0, 0.8, 0.6, 0.5])
    hour = rng.choice(hours, size=n, p=hw / hw.sum())
    minute = rng.integers(0, 60, size=n)
    return days[day] + pd.to_timedelta(hour * 60 + minute, unit="min")


def _next_open(ts: pd.Series) -> pd.Series:
    """Move times outside 09:00–21:00 (office hours of the service team) to the next 09:00."""
    h = ts.dt.hour
    day = ts.dt.normalize()
    morning = day + pd.Timedelta(hours=9)
    out = ts.where(h >= 9, morning)
    return out.where(h < 21, morning + pd.Timedelta(days=1))


def generate(seed: int) -> dict[str, pd.DataFrame]:
    """Generate the complaint log for ``seed``.

    Examples
    --------
    >>> log = generate(1)["coffee_complaints"]
    >>> bool(log["member_id"].between(1, 5000).all())
    True
    """
    rng = rng_for(seed, __name__)
    n = int(rng.integers(1750, 1900))

    received = pd.Series(_arrival_times(rng, n)).sort_values(ignore_index=True)
    # skewed member draw: a few members complain repeatedly
    propensity = rng.gamma(0.9, 1.0, N_MEMBERS)
    member = rng.choice(np.arange(1, N_MEMBERS + 1), size=n, p=propensity / propensity.sum())

    ch_names = list(CHANNELS)
    ch_p = np.array([CHANNELS[c][0] for c in ch_names])
    channel = rng.choice(ch_names, size=n, p=ch_p / ch_p.sum())
    cat_names = list(CATEGORIES)
    cat_p = np.array([CATEGORIES[c][0] for c in cat_names])
    category = rng.choice(cat_names, size=n, p=cat_p / cat_p.sum())
    severity = np.array([
        rng.choice(SEVERITIES, p=CATEGORIES[c][3]) for c in category
    ])

    # time to first response (log-normal by channel; off-hours wait for the next morning)
    med = np.array([CHANNELS[c][1] for c in channel], dtype=float)
    sig = np.array([CHANNELS[c][2] for c in channel])
    resp_min = med * np.exp(sig * rng.standard_normal(n))
    resp_min = resp_min * np.where(severity == "high", 0.6, 1.0)
    remote = channel != "in_store"
    start = received.where(~remote, _next_open(received))
    first_response = start + pd.to_timedelta(np.round(resp_min, 1), unit="min")

    # validity: a complaint can be judged not valid (e.g. outside the firm's responsibility)
    valid = rng.random(n) > np.where(category == "price_billing", 0.25, 0.08)

    # resolution time after the first response (log-normal by cause)
    rmed = np.array([CATEGORIES[c][1] for c in category])
    rsig = np.array([CATEGORIES[c][2] for c in category])
    res_h = rmed * np.exp(rsig * rng.standard_normal(n))
    res_h = np.where(channel == "in_store", res_h * 0.5, res_h)
    res_h = np.where(valid, res_h, rng.uniform(0.1, 2.0, n))  # invalid: explained and closed
    resolved = first_response + pd.to_timedelta(np.round(res_h * 60, 1), unit="min")
    dropped = rng.random(n) < 0.02  # fell through the cracks
    resolved = resolved.where(~dropped & (resolved <= END))
    # a few complaints are never answered (mostly on social media and by e-mail)
    ignored = rng.random(n) < np.select(
        [np.isin(channel, ["social_media", "email"]), channel == "in_store"], [0.06, 0.0], 0.01)
    first_response = first_response.where((first_response <= END) & ~ignored)
    resolved = resolved.where(first_response.notna())

    # outcome
    remedy = {
        "wait_time": (["apology", "voucher"], [0.6, 0.4]),
        "wrong_order": (["replacement", "apology"], [0.85, 0.15]),
        "drink_quality": (["replacement", "refund", "voucher"], [0.6, 0.2, 0.2]),
        "app_payment": (["refund", "explanation"], [0.7, 0.3]),
        "staff_attitude": (["apology", "voucher"], [0.55, 0.45]),
        "price_billing": (["refund", "explanation"], [0.6, 0.4]),
        "cleanliness": (["apology", "voucher"], [0.7, 0.3]),
        "food_safety": (["refund", "voucher"], [0.5, 0.5]),
    }
    outcome = np.array([rng.choice(remedy[c][0], p=remedy[c][1]) for c in category], dtype=object)
    outcome[~valid] = "rejected"
    outcome[resolved.isna().to_numpy()] = "open"

    # service recovery: fast, generous handling brings members back
    hours_total = ((resolved - received).dt.total_seconds() / 3600).to_numpy()
    logit = (
        0.4
        + np.where(np.isnan(hours_total), -1.6, 0.0)
        + np.where(hours_total <= 24, 0.9, 0.0)
        + np.where(hours_total > 72, -0.7, 0.0)
        + np.select([outcome == "replacement", outcome == "refund", outcome == "voucher",
                     outcome == "rejected"], [0.5, 0.3, 0.8, -0.9], 0.0)
        + np.where(severity == "high", -0.6, 0.0)
        + 0.3 * rng.standard_normal(n)
    )
    came_back = rng.random(n) < 1 / (1 + np.exp(-logit))

    rating_mean = 1.8 + 2.8 / (1 + np.exp(-(logit - 0.4)))
    rating = np.clip(np.round(rating_mean + rng.normal(0, 0.8, n)), 1, 5).astype(int)

    log = pd.DataFrame({
        "complaint_id": np.arange(1, n + 1),
        "member_id": member.astype(int),
        "received_at": received.dt.floor("min"),
        "channel": channel,
        "category": category,
        "severity": severity,
        "valid": valid,
        "first_response_at": first_response.dt.floor("min"),
        "resolved_at": resolved.dt.floor("min"),
        "outcome": outcome.astype(str),
        "handling_rating": pd.array(rating, dtype="Int64").astype("Int64"),
        "came_back_90d": came_back,
    })
    log["handling_rating"] = log["handling_rating"].where(log["outcome"] != "open")
    return {"coffee_complaints": log}
