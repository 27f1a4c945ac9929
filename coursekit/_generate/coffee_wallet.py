"""Harbour Coffee: each member's whole coffee spend and referrals, and the city's coffee market.

Used for share of customer (客户占有率) next to market share (市场占有率), chapter 00, and for
the model value (模型价值, referrals) of a member, chapter 02. Behavioural assumptions
(documented in the cards ``coffee_wallet.md`` and ``coffee_market.md``):

* Harbour's share of a member's coffee spend (share of wallet) depends on the member's latent
  segment — connoisseurs and remote workers buy most of their coffee at Harbour, bargain
  hunters and commuters also buy at convenience stores and rival chains — and varies between
  members (Beta distribution, mean by segment, concentration 8).
* A member's total coffee spend (all shops) is their Harbour spend divided by that share; a
  member who bought nothing at Harbour in 2024–2025 still drinks coffee elsewhere
  (log-normal, median 1,200 CNY over two years).
* Referrals: gamma-mixed Poisson (a few "influencers" bring several friends), more for social
  visitors and connoisseurs and for heavier Harbour spenders.
* The city market: Harbour's members bring 55 % of its sales (walk-in customers the rest);
  Harbour holds about 6 % of the city's coffee-shop sales.

Its own random stream (``rng_for(seed, "coffee_wallet")``): the members and transactions are
rebuilt from the ``coffee`` stream exactly as :mod:`coursekit._generate.coffee` makes them, so
no other data set changes.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import coffee, rng_for

DATASETS = ("coffee_wallet", "coffee_market")

# segment order as in coffee.SEGMENTS: commuters, connoisseurs, social, remote_workers,
# bargain_hunters
WALLET_SHARE = np.array([0.45, 0.70, 0.55, 0.65, 0.30])
REFERRAL_RATE = np.array([0.10, 0.40, 0.60, 0.25, 0.20])   # per member, 2024–2025
MEMBER_SHARE_OF_SALES = 0.55
MARKET_SHARE = 0.06


def generate(seed: int) -> dict[str, pd.DataFrame]:
    """Generate ``coffee_wallet`` (one row per member) and ``coffee_market`` (one per year)."""
    base = rng_for(seed, "coffee")
    members, seg = coffee._members(base)
    tx = coffee._transactions(base, members, seg)

    rng = rng_for(seed, "coffee_wallet")
    n = len(members)
    ids = members["member_id"].to_numpy()
    harbour = tx.groupby("member_id")["amount"].sum().reindex(ids, fill_value=0.0).to_numpy()
    m = WALLET_SHARE[seg]
    share = np.clip(rng.beta(8 * m, 8 * (1 - m)), 0.05, 0.98)
    elsewhere_only = rng.lognormal(np.log(1200), 0.8, size=n)
    total = np.where(harbour > 0, harbour / share, harbour + elsewhere_only)
    total = np.round(np.maximum(total, harbour), 0)

    buyer_median = float(np.median(harbour[harbour > 0]))
    intensity = np.where(harbour > 0, (np.maximum(harbour, 1) / buyer_median) ** 0.3, 0.1)
    lam = REFERRAL_RATE[seg] * intensity * rng.gamma(0.5, 1 / 0.5, size=n)
    referrals = rng.poisson(lam)

    wallet = pd.DataFrame({
        "member_id": ids,
        "coffee_spend_all_shops": total,
        "referrals": referrals.astype(int),
    })

    years = pd.to_datetime(tx["timestamp"]).dt.year
    member_sales = tx.groupby(years)["amount"].sum()
    harbour_sales = member_sales / MEMBER_SHARE_OF_SALES
    market = harbour_sales / MARKET_SHARE * rng.lognormal(0, 0.05, size=len(member_sales))
    market_df = pd.DataFrame({
        "year": member_sales.index.astype(int),
        "city_coffee_sales": np.round(market.to_numpy(), -3),
        "harbour_sales": np.round(harbour_sales.to_numpy(), -3),
        "harbour_member_sales": np.round(member_sales.to_numpy(), 0),
    })
    return {"coffee_wallet": wallet, "coffee_market": market_df}
