"""Chapter 02 cases: perceived value of two coffee offers, and Kestrel's trade accounts.

Behavioural assumptions (documented in the cards ``coffee_offers.md`` and
``kestrel_accounts.md``):

* ``coffee_offers`` — respondents rate two offers on the same 0–10 scales: four value
  components (product, service, personnel, image) and four cost components (money, time,
  energy, psychological). Harbour Coffee costs more money but gives more value; a
  convenience-store coffee is cheap and quick. What each visitor type *perceives* differs:
  commuters weigh time and money heavily, social visitors and remote workers weigh the
  place and the people. So the offer with the higher delivered value depends on who asks.
* ``kestrel_accounts`` — trade accounts of an electronics distributor. Revenue is heavily
  skewed (log-normal); large accounts negotiate lower margins; cost to serve comes from
  orders, sales visits, rush deliveries and returns. Demanding accounts order small and often
  and get many visits — they are *more* satisfied and often lose money. Profit concentration
  (a "whale curve") emerges; it is not typed in.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import rng_for

DATASETS = ("coffee_offers", "kestrel_accounts")

N_RESPONDENTS = 240
VALUE_ITEMS = ["product", "service", "personnel", "image"]
COST_ITEMS = ["money", "time", "energy", "psychological"]

# visitor type: share, and for each offer the mean ratings (0–10) of the value items then the
# cost items. Harbour Coffee = "harbour", convenience-store coffee = "convenience".
VISITORS = {
    "commuter": dict(share=0.40, harbour=[7.2, 5.5, 5.8, 6.0, 7.0, 6.8, 5.0, 2.5],
                     convenience=[5.0, 3.5, 3.0, 3.5, 2.5, 1.8, 1.5, 2.0]),
    "social visitor": dict(share=0.35, harbour=[7.6, 7.4, 7.2, 7.8, 5.5, 3.0, 2.5, 1.5],
                           convenience=[4.6, 2.5, 2.5, 2.5, 2.0, 2.5, 3.0, 4.5]),
    "remote worker": dict(share=0.25, harbour=[7.0, 6.5, 6.8, 6.5, 5.0, 3.0, 2.5, 2.0],
                          convenience=[4.4, 2.5, 2.5, 3.0, 2.0, 2.5, 4.5, 4.0]),
}
PRICES = {"harbour": 32.0, "convenience": 12.0}

N_ACCOUNTS = 400
ACCOUNT_TYPES = {  # share, median revenue (CNY thousand / year), log-sd, typical order size
    "distributor": (0.12, 1800.0, 0.9, 60.0),
    "system integrator": (0.23, 450.0, 1.0, 18.0),
    "retailer": (0.35, 160.0, 0.9, 4.0),
    "repair workshop": (0.30, 50.0, 0.8, 2.5),
}


def _offers(rng: np.random.Generator) -> pd.DataFrame:
    types = list(VISITORS)
    shares = np.array([VISITORS[t]["share"] for t in types])
    who = rng.choice(types, size=N_RESPONDENTS, p=shares / shares.sum())
    rows = []
    for rid, vtype in enumerate(who, start=1):
        halo = rng.normal(0, 0.6)                       # response style: some rate higher
        for offer in ("harbour", "convenience"):
            means = np.array(VISITORS[vtype][offer])
            noise = rng.normal(0, 1.1, size=8)
            vals = means + noise + np.r_[np.full(4, halo), np.full(4, -0.3 * halo)]
            ratings = np.clip(np.rint(vals), 0, 10).astype(int)
            rows.append({"respondent_id": rid, "visitor_type": vtype, "offer": offer,
                         "price_cny": PRICES[offer],
                         **dict(zip(VALUE_ITEMS + COST_ITEMS, ratings.tolist(), strict=True))})
    df = pd.DataFrame(rows)
    return df


def _accounts(rng: np.random.Generator) -> pd.DataFrame:
    names = list(ACCOUNT_TYPES)
    shares = np.array([ACCOUNT_TYPES[n][0] for n in names])
    kind = rng.choice(names, size=N_ACCOUNTS, p=shares / shares.sum())
    med = np.array([ACCOUNT_TYPES[k][1] for k in kind])
    sd = np.array([ACCOUNT_TYPES[k][2] for k in kind])
    order_size = np.array([ACCOUNT_TYPES[k][3] for k in kind])
    revenue = med * np.exp(rng.normal(0, sd))
    # how demanding an account is (small frequent orders, many visits, rush deliveries)
    demanding = rng.lognormal(0, 0.75, size=N_ACCOUNTS)
    margin_rate = np.clip(0.30 - 0.035 * np.log10(revenue / 100) + rng.normal(0, 0.03,
                          N_ACCOUNTS), 0.12, 0.45)
    gross_margin = revenue * margin_rate
    orders = np.maximum(1, rng.poisson(revenue / (order_size * demanding ** -0.8) / 1.0))
    orders = np.minimum(orders, 600)
    visits = rng.poisson(0.5 + 2 * demanding + 1.2 * np.log1p(revenue / 100))
    rush = rng.binomial(orders, np.clip(0.05 * demanding, 0, 0.6))
    returns = revenue * rng.uniform(0.0, 0.08, N_ACCOUNTS) * demanding
    cost_to_serve = 0.3 * orders + 2.0 * visits + 2.5 * rush + returns
    z = (np.log(demanding) - np.log(demanding).mean()) / np.log(demanding).std()
    satisfaction = np.clip(np.rint(3.4 + 0.6 * z + rng.normal(0, 0.7, N_ACCOUNTS)), 1, 5)
    years = np.clip(rng.gamma(2.0, 3.0, N_ACCOUNTS).round().astype(int), 1, 25)
    df = pd.DataFrame({
        "account_id": np.arange(1, N_ACCOUNTS + 1),
        "account_type": kind,
        "years_as_customer": years,
        "revenue": revenue.round(1),
        "gross_margin": gross_margin.round(1),
        "orders": orders.astype(int),
        "sales_visits": visits.astype(int),
        "rush_orders": rush.astype(int),
        "cost_to_serve": cost_to_serve.round(1),
        "satisfaction": satisfaction.astype(int),
    })
    return df


def generate(seed: int) -> dict[str, pd.DataFrame]:
    """Both chapter-02 data sets for ``seed``.

    Examples
    --------
    >>> out = generate(2026)
    >>> sorted(out), len(out["coffee_offers"]), len(out["kestrel_accounts"])
    (['coffee_offers', 'kestrel_accounts'], 480, 400)
    """
    return {
        "coffee_offers": _offers(rng_for(seed, "coffee_offers")),
        "kestrel_accounts": _accounts(rng_for(seed, "kestrel_accounts")),
    }
