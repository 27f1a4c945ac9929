"""Chapter 03 cases: Aurora Cosmetics distributors and Brightline Advertising clients.

Behavioural assumptions (documented in the cards ``aurora_distributors.md`` and
``brightline_clients.md``):

* ``aurora_distributors`` — the distributors of a cosmetics group. Four hidden distributor
  types: *expanders* (many outlets, fast growth, but slow payers who break price rules and
  share no data), *disciplined* partners (fewer outlets, pay on time, pass audits),
  *integrated* partners (share sell-out and stock data with Aurora's supply chain) and small
  *locals*. Which distributors look "best" therefore depends on the strategy phase — network
  reach, system compliance, or supply-chain control. Sales follow outlets (log-normal sales
  per outlet), so the 80/20 pattern emerges.
* ``brightline_clients`` — the clients of an advertising agency. A hidden "stature" drives
  the client's rank in its industry and its public awareness (market influence); the
  agency's yearly revenue from a client is only loosely related to it and strongly skewed, so
  a handful of clients bring more than 10 million CNY a year and several influential clients
  bring little.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import rng_for

DATASETS = ("aurora_distributors", "brightline_clients")

N_DISTRIBUTORS = 120
REGIONS = ["East", "South", "North", "Central", "Southwest", "Northeast"]
REGION_P = [0.26, 0.22, 0.18, 0.14, 0.12, 0.08]
TIERS = ["tier 1", "tier 2", "tier 3", "tier 4"]
# type: share, median outlets, growth % (mean), payment days (mean), audit score (mean),
#       price violations (Poisson mean), data-sharing level probabilities 0..4, tier probabilities
AURORA_TYPES = {
    "expander": (0.30, 260, 16.0, 78, 64, 3.5, [0.55, 0.35, 0.10, 0.0, 0.0],
                 [0.10, 0.30, 0.35, 0.25]),
    "disciplined": (0.30, 120, 7.0, 34, 89, 0.4, [0.20, 0.45, 0.30, 0.05, 0.0],
                    [0.30, 0.40, 0.20, 0.10]),
    "integrated": (0.18, 150, 10.0, 45, 83, 0.8, [0.0, 0.05, 0.20, 0.45, 0.30],
                   [0.45, 0.35, 0.15, 0.05]),
    "local": (0.22, 45, 3.0, 58, 73, 1.5, [0.60, 0.35, 0.05, 0.0, 0.0],
              [0.05, 0.20, 0.40, 0.35]),
}

N_CLIENTS = 150
INDUSTRIES = {  # industry: (share of clients, firms ranked in that industry)
    "FMCG": (0.24, 120), "automotive": (0.14, 60), "finance": (0.14, 80),
    "real estate": (0.12, 100), "technology": (0.16, 90), "healthcare": (0.10, 70),
    "retail": (0.10, 110),
}


def _aurora(rng: np.random.Generator) -> pd.DataFrame:
    names = list(AURORA_TYPES)
    shares = np.array([AURORA_TYPES[t][0] for t in names])
    kind = rng.choice(len(names), size=N_DISTRIBUTORS, p=shares / shares.sum())
    rows = []
    for i, k in enumerate(kind, start=1):
        _, outlets_med, growth, pay, audit, viol, share_p, tier_p = AURORA_TYPES[names[k]]
        outlets = max(5, int(round(rng.lognormal(np.log(outlets_med), 0.55))))
        per_outlet = rng.lognormal(np.log(0.09), 0.35)          # CNY million per outlet
        sales = outlets * per_outlet
        rows.append({
            "distributor_id": i,
            "region": REGIONS[rng.choice(len(REGIONS), p=REGION_P)],
            "city_tier": TIERS[rng.choice(len(TIERS), p=tier_p)],
            "outlets": outlets,
            "sales": round(sales, 2),
            "growth": round(rng.normal(growth, 6.0), 1),
            "payment_days": int(np.clip(round(rng.normal(pay, 10)), 10, 150)),
            "audit_score": int(np.clip(round(rng.normal(audit, 6)), 30, 100)),
            "price_violations": int(rng.poisson(viol)),
            "data_sharing": int(rng.choice(5, p=share_p)),
        })
    return pd.DataFrame(rows)


def _brightline(rng: np.random.Generator) -> pd.DataFrame:
    inds = list(INDUSTRIES)
    p = np.array([INDUSTRIES[i][0] for i in inds])
    industry = rng.choice(len(inds), size=N_CLIENTS, p=p / p.sum())
    stature = rng.normal(0, 1, N_CLIENTS)
    rows = []
    for i in range(N_CLIENTS):
        firms = INDUSTRIES[inds[industry[i]]][1]
        pct = 1 / (1 + np.exp(-(1.3 * stature[i] + rng.normal(0, 0.5))))  # 1 = leader
        rank = int(np.clip(round((1 - pct) * firms) + 1, 1, firms))
        awareness = 100 / (1 + np.exp(-(1.2 * stature[i] + rng.normal(-0.3, 0.7))))
        revenue = rng.lognormal(np.log(1.4) + 0.45 * stature[i], 1.0)   # CNY million / year
        rows.append({
            "client_id": i + 1,
            "industry": inds[industry[i]],
            "revenue": round(revenue, 2),
            "industry_rank": rank,
            "firms_in_industry": firms,
            "awareness": round(float(awareness), 1),
            "years_as_client": int(rng.integers(1, 13)),
            "projects": int(1 + rng.poisson(1.0 + 0.6 * np.sqrt(revenue))),
        })
    return pd.DataFrame(rows)


def generate(seed: int) -> dict[str, pd.DataFrame]:
    """Aurora distributors and Brightline clients for ``seed``.

    Examples
    --------
    >>> frames = generate(2026)
    >>> sorted(frames), len(frames["aurora_distributors"]), len(frames["brightline_clients"])
    (['aurora_distributors', 'brightline_clients'], 120, 150)
    """
    return {
        "aurora_distributors": _aurora(rng_for(seed, "aurora_distributors")),
        "brightline_clients": _brightline(rng_for(seed, "brightline_clients")),
    }
