"""Harbour Coffee: loyalty members and their purchases (the course's recurring B2C case).

Behavioural assumptions (documented in the cards ``coffee_members.md`` and
``coffee_transactions.md``):

* Five latent segments seek different benefits (rated on 1–7 attitude items) and differ in
  visit rate, basket size, price paid, preferred channel, time of day and churn. The segment
  itself is *not* in the data: students find it by clustering.
* Visit rates vary strongly between members within a segment (gamma heterogeneity), so a
  minority of members brings most of the revenue (an 80/20-like pattern emerges).
* Each member is active from joining until an exponentially distributed churn time.
* Weekly pattern (weekday commuters, weekend social visits) and seasonality (a summer dip,
  a December peak) thin the purchase dates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import rng_for

DATASETS = ("coffee_members", "coffee_transactions")

N_MEMBERS = 5000
START = pd.Timestamp("2024-01-01")
END = pd.Timestamp("2025-12-31")
STORES = ["Harbour Front", "Old Town", "University", "Tech Park", "Central Station", "Riverside"]
ITEMS = ["taste", "price", "speed", "ambience", "workspace", "social", "sustainability", "rewards"]

# segment: share, benefit means (1–7) in ITEMS order, visits per week, extra items per basket,
# price per item (CNY), mean active life (days), channel mix (in-store, app pickup, delivery),
# preferred stores weights, weekday vs weekend weight, mean age
SEGMENTS = {
    "commuters": dict(
        share=0.30, benefits=[4.5, 4.5, 6.4, 3.0, 2.8, 2.5, 3.4, 4.6], visits=2.0, extra=0.15,
        price=27.0, life=700, channels=[0.35, 0.60, 0.05], weekend=0.35, age=31,
        stores=[1, 1, 0.5, 3, 4, 1]),
    "connoisseurs": dict(
        share=0.15, benefits=[6.6, 2.6, 3.2, 5.0, 3.0, 3.4, 5.8, 3.0], visits=1.1, extra=0.8,
        price=38.0, life=1100, channels=[0.75, 0.20, 0.05], weekend=0.9, age=38,
        stores=[3, 3, 1, 1, 1, 2]),
    "social": dict(
        share=0.20, benefits=[4.6, 4.0, 2.8, 6.3, 2.5, 6.4, 3.8, 3.8], visits=0.55, extra=1.9,
        price=31.0, life=650, channels=[0.85, 0.05, 0.10], weekend=1.6, age=27,
        stores=[3, 2, 2, 1, 1, 3]),
    "remote_workers": dict(
        share=0.15, benefits=[4.4, 4.2, 3.4, 5.2, 6.6, 2.6, 4.0, 4.2], visits=1.6, extra=0.6,
        price=29.0, life=800, channels=[0.90, 0.08, 0.02], weekend=0.8, age=33,
        stores=[1, 2, 4, 3, 1, 1]),
    "bargain_hunters": dict(
        share=0.20, benefits=[3.6, 6.5, 4.4, 3.0, 3.0, 3.4, 2.8, 6.5], visits=0.5, extra=0.2,
        price=21.0, life=330, channels=[0.45, 0.35, 0.20], weekend=1.0, age=24,
        stores=[1, 1, 3, 1, 2, 1]),
}
OCCUPATIONS = ["student", "office worker", "freelancer", "manager", "retired", "other"]
OCC_WEIGHTS = {
    "commuters": [0.05, 0.65, 0.05, 0.20, 0.01, 0.04],
    "connoisseurs": [0.05, 0.35, 0.15, 0.30, 0.10, 0.05],
    "social": [0.35, 0.35, 0.10, 0.08, 0.04, 0.08],
    "remote_workers": [0.15, 0.20, 0.50, 0.08, 0.02, 0.05],
    "bargain_hunters": [0.55, 0.25, 0.05, 0.03, 0.05, 0.07],
}


def _members(rng: np.random.Generator) -> tuple[pd.DataFrame, np.ndarray]:
    names = list(SEGMENTS)
    shares = np.array([SEGMENTS[s]["share"] for s in names])
    seg = rng.choice(len(names), size=N_MEMBERS, p=shares / shares.sum())
    n = N_MEMBERS
    # joining: a growing programme, 2022-01 … 2025-11
    span = (pd.Timestamp("2025-11-30") - pd.Timestamp("2022-01-01")).days
    join_offset = np.floor(span * rng.beta(1.6, 1.0, size=n)).astype(int)
    join = pd.Timestamp("2022-01-01") + pd.to_timedelta(join_offset, unit="D")

    benefits = np.empty((n, len(ITEMS)))
    ages = np.empty(n)
    occupation = np.empty(n, dtype=object)
    channel = np.empty(n, dtype=object)
    for k, name in enumerate(names):
        idx = np.flatnonzero(seg == k)
        p = SEGMENTS[name]
        # a personal response style (some rate everything higher) + item noise
        style = rng.normal(0, 0.45, size=(len(idx), 1))
        benefits[idx] = np.array(p["benefits"]) + style + rng.normal(0, 0.85, (len(idx), len(ITEMS)))
        ages[idx] = np.clip(rng.normal(p["age"], 7, len(idx)), 18, 75)
        occupation[idx] = rng.choice(OCCUPATIONS, size=len(idx), p=OCC_WEIGHTS[name])
        join_p = np.array([0.5 * p["channels"][0] + 0.1, 0.5 * p["channels"][1] + 0.2, 0.25])
        channel[idx] = rng.choice(["store", "app", "mini-program"], size=len(idx),
                                  p=join_p / join_p.sum())
    retired = occupation == "retired"
    ages[retired] = np.clip(rng.normal(64, 4, retired.sum()), 56, 80)
    benefits = np.clip(np.rint(benefits), 1, 7).astype(int)
    gender = rng.choice(["female", "male"], size=n, p=[0.56, 0.44])
    tier = rng.choice(["tier 1", "tier 2", "tier 3"], size=n, p=[0.45, 0.38, 0.17])

    members = pd.DataFrame({
        "member_id": np.arange(1, n + 1),
        "join_date": join.strftime("%Y-%m-%d"),
        "gender": gender,
        "age": np.rint(ages).astype(int),
        "city_tier": tier,
        "channel": channel,
        "occupation": occupation,
    })
    for j, item in enumerate(ITEMS):
        members[f"benefit_{item}"] = benefits[:, j]
    return members, seg


def _transactions(rng: np.random.Generator, members: pd.DataFrame, seg: np.ndarray) -> pd.DataFrame:
    names = list(SEGMENTS)
    n = len(members)
    join = pd.to_datetime(members["join_date"]).to_numpy()
    p = [SEGMENTS[s] for s in names]
    visits = np.array([q["visits"] for q in p])[seg]
    life = np.array([q["life"] for q in p])[seg]
    # heterogeneity: gamma with shape 0.6 → a long right tail of heavy users
    rate = 1.05 * visits / 7 * rng.gamma(0.6, 1 / 0.6, size=n)
    churn_day = join + pd.to_timedelta(rng.exponential(life), unit="D").to_numpy()
    start = np.maximum(join, np.datetime64(START))
    end = np.minimum(churn_day, np.datetime64(END + pd.Timedelta(days=1)))
    days = np.clip((end - start) / np.timedelta64(1, "D"), 0, None)
    # draw more candidate dates than needed, then thin by weekday and season
    n_cand = rng.poisson(rate * days * 1.45)
    owner = np.repeat(np.arange(n), n_cand)
    offs = rng.random(len(owner)) * days[owner]
    when = start[owner] + (offs * 86400).astype("timedelta64[s]")
    when = pd.DatetimeIndex(when)
    weekend = when.day_of_week >= 5
    wk_weight = np.where(weekend, np.array([q["weekend"] for q in p])[seg[owner]], 1.0)
    doy = when.day_of_year.to_numpy()
    season = 1 + 0.12 * np.cos(2 * np.pi * (doy - 15) / 365.25) - 0.08 * ((doy > 182) & (doy < 244))
    season = season + 0.25 * ((when.month == 12) & (when.day >= 10) & (when.day <= 31))
    accept_p = wk_weight * season
    keep = rng.random(len(owner)) < accept_p / accept_p.max()
    owner, when = owner[keep], when[keep]
    s_owner = seg[owner]
    # time of day: commuters early, workers late morning/afternoon, social afternoons/evenings
    hour_mean = np.array([8.2, 11.5, 15.5, 12.5, 13.0])[s_owner]
    hour_sd = np.array([1.2, 2.5, 2.5, 2.5, 3.0])[s_owner]
    hour = rng.normal(hour_mean, hour_sd)
    outside = (hour < 7) | (hour >= 22)
    hour[outside] = rng.uniform(7, 22, outside.sum())  # opening hours 07:00–22:00
    ts = when.normalize() + pd.to_timedelta(np.floor(hour * 3600 / 60) * 60, unit="s")
    # store: each member has a favourite store (their segment's store mix), sometimes another
    store_w = np.array([np.array(q["stores"], float) / sum(q["stores"]) for q in p])
    fav = np.array([rng.choice(len(STORES), p=store_w[s]) for s in seg])
    other = rng.integers(0, len(STORES), size=len(owner))
    store_idx = np.where(rng.random(len(owner)) < 0.82, fav[owner], other)
    ch_p = np.array([q["channels"] for q in p])[s_owner]
    u = rng.random(len(owner))
    ch_idx = (u[:, None] > np.cumsum(ch_p, axis=1)).sum(axis=1)
    ch_idx = np.minimum(ch_idx, 2)
    extra = np.array([q["extra"] for q in p])[s_owner]
    items = 1 + rng.poisson(extra)
    items = items + (ch_idx == 2) * rng.poisson(0.8, len(owner))  # delivery orders are bigger
    price = np.array([q["price"] for q in p])[s_owner] * rng.lognormal(0, 0.12, len(owner))
    amount = np.round(items * price + (ch_idx == 2) * 6.0, 1)  # delivery fee
    tx = pd.DataFrame({
        "member_id": members["member_id"].to_numpy()[owner],
        "timestamp": ts,
        "store": np.array(STORES)[store_idx],
        "channel": np.array(["in-store", "app pickup", "delivery"])[ch_idx],
        "items": items.astype(int),
        "amount": amount,
    }).sort_values(["timestamp", "member_id"], kind="stable").reset_index(drop=True)
    tx.insert(0, "transaction_id", np.arange(1, len(tx) + 1))
    tx["timestamp"] = tx["timestamp"].dt.strftime("%Y-%m-%d %H:%M")
    return tx


def generate(seed: int) -> dict[str, pd.DataFrame]:
    """Generate ``coffee_members`` and ``coffee_transactions`` for ``seed``."""
    rng = rng_for(seed, "coffee")
    members, seg = _members(rng)
    tx = _transactions(rng, members, seg)
    return {"coffee_members": members, "coffee_transactions": tx}
