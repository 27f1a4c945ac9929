"""Chapter 03 cases: Aurora distributors, Brightline clients, Kestrel accounts' potential.

Behavioural assumptions (documented in the cards ``aurora_distributors.md``,
``brightline_clients.md`` and ``kestrel_potential.md``):

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
  bring little. Payment defaults are rare (Poisson, mean 0.08 per client and two years) and
  drawn from their own random stream, so adding them left the other columns unchanged.
* ``kestrel_potential`` — the sales team's estimate of each Kestrel Electronics account's
  development potential: its total yearly purchases of components from all suppliers (the
  "wallet") and the expected growth of its own business. Kestrel's share of the wallet is
  higher for large accounts (they buy mainly from Kestrel already), so much of the untapped
  potential sits with accounts that look small by revenue.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import rng_for
from .value_cases import _accounts as _kestrel_accounts

DATASETS = ("aurora_distributors", "brightline_clients", "kestrel_potential")

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


def _brightline(rng: np.random.Generator, pay_rng: np.random.Generator) -> pd.DataFrame:
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
    df = pd.DataFrame(rows)
    df["payment_defaults"] = pay_rng.poisson(0.08, N_CLIENTS).astype(int)
    return df


# account type: (mean share of wallet held by Kestrel, growth % mean, growth % sd)
KESTREL_WALLET = {
    "distributor": (0.45, 4.0, 4.0), "system integrator": (0.35, 9.0, 6.0),
    "retailer": (0.25, 3.0, 5.0), "repair workshop": (0.30, 1.0, 4.0),
}


def _kestrel_potential(accounts: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    kind = accounts["account_type"].to_numpy()
    revenue = accounts["revenue"].to_numpy(dtype=float)
    base = np.array([KESTREL_WALLET.get(k, (0.3, 3.0, 5.0))[0] for k in kind])
    size = np.log10(np.maximum(revenue, 1.0) / 100)           # large accounts: larger share
    logit = np.log(base / (1 - base)) + 0.9 * size + rng.normal(0, 0.8, len(kind))
    share = np.clip(1 / (1 + np.exp(-logit)), 0.03, 0.95)
    growth = np.array([rng.normal(KESTREL_WALLET.get(k, (0.3, 3.0, 5.0))[1],
                                  KESTREL_WALLET.get(k, (0.3, 3.0, 5.0))[2]) for k in kind])
    return pd.DataFrame({
        "account_id": accounts["account_id"].to_numpy(),
        "wallet": (revenue / share).round(1),
        "growth": growth.round(1),
    })


def generate(seed: int) -> dict[str, pd.DataFrame]:
    """Aurora distributors and Brightline clients for ``seed``.

    Examples
    --------
    >>> frames = generate(2026)
    >>> sorted(frames), len(frames["aurora_distributors"]), len(frames["brightline_clients"])
    (['aurora_distributors', 'brightline_clients', 'kestrel_potential'], 120, 150)
    """
    accounts = _kestrel_accounts(rng_for(seed, "kestrel_accounts"))  # same as kestrel_accounts
    return {
        "aurora_distributors": _aurora(rng_for(seed, "aurora_distributors")),
        "brightline_clients": _brightline(rng_for(seed, "brightline_clients"),
                                          rng_for(seed, "brightline_payments")),
        "kestrel_potential": _kestrel_potential(accounts, rng_for(seed, "kestrel_potential")),
    }
