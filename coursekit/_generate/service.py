"""Harbour Coffee on the 3D service model (chapter 05 §11): a self-audit and moments of truth.

Behavioural assumptions (documented in ``datasets/coffee_service_audit.md`` and
``datasets/coffee_service_moments.md``):

* the 3D service model has a **people** dimension (width: respect, attention, calming an upset
  customer), a **business** dimension (height: the practical need met quickly, completely and
  correctly, while the store stays efficient) and a **hidden** dimension (depth: the back stage
  the customer never sees — cost and time pressure, policies and procedures, available
  resources, authority, quality of working relationships);
* the Old Town store is understaffed at peaks and its baristas need a manager for any remedy:
  its hidden dimension scores lowest; Harbour Front has the best back stage;
* in the observed moments of truth a back-stage failure on the day (understaffed, no authority,
  system down, a rigid policy, a poor hand-over between colleagues) makes a people or business
  failure much more likely — the hidden dimension limits the service without being seen;
* the customer's rating of a moment (1–5) falls with every front-stage failure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import rng_for

DATASETS = ("coffee_service_audit", "coffee_service_moments")

STORES = ("Harbour Front", "Old Town", "University", "Station")

#: The self-audit checklist: dimension → items (5 each). Hidden items are the back stage.
ITEMS = {
    "people": (
        "greets every customer and makes eye contact",
        "uses the member's name and remembers regular orders",
        "listens to an upset customer and calms them before fixing anything",
        "explains and recommends without pressure",
        "thanks the customer at the end of every interaction",
    ),
    "business": (
        "order right the first time (drink, size, milk, name)",
        "drink ready within the promised time",
        "app payment charged once; refunds within 24 h",
        "a question about the menu or allergens answered completely",
        "store meets its cost per drink while doing all of the above",
    ),
    "hidden": (
        "cost and time targets leave time to greet and talk",
        "policies and procedures let staff fix a problem on the spot",
        "resources: enough staff, machines and stock at the peak",
        "authority: baristas may replace a drink or give a voucher without a manager",
        "working relationships: front and back of house help each other",
    ),
}
HIDDEN_FACTORS = ("cost_time", "policy", "resources", "authority", "relationships")

# store → mean audit score per dimension (1–5)
LEVELS = {
    "Harbour Front": {"people": 4.4, "business": 4.2, "hidden": 4.1},
    "Old Town": {"people": 3.9, "business": 3.3, "hidden": 2.4},
    "University": {"people": 4.1, "business": 3.7, "hidden": 3.4},
    "Station": {"people": 3.4, "business": 3.9, "hidden": 3.2},
}
# store → probability that the back stage fails on a given visit (off-peak, peak)
BACK_STAGE_FAIL = {
    "Harbour Front": (0.05, 0.12),
    "Old Town": (0.15, 0.45),
    "University": (0.10, 0.25),
    "Station": (0.08, 0.30),
}
# which back-stage problem, given there is one (share by moment)
ISSUES = ("understaffed", "no_authority", "system_down", "rigid_policy", "poor_handover")
#: Chance that the people / the business dimension of a moment goes right, by back-stage issue.
ISSUE_ODDS = {"none": (0.92, 0.93), "understaffed": (0.6, 0.7), "no_authority": (0.8, 0.45),
              "system_down": (0.85, 0.4), "rigid_policy": (0.75, 0.5),
              "poor_handover": (0.8, 0.6)}
MOMENTS = ("greeting", "question", "hand-over", "recovery")


def _audit(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for store in STORES:
        for dim, items in ITEMS.items():
            for item in items:
                x = LEVELS[store][dim] + rng.normal(0, 0.4)
                rows.append((store, dim, item, int(np.clip(np.rint(x), 1, 5))))
    return pd.DataFrame(rows, columns=["store", "dimension", "item", "score"])


def _moments(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    mid = 0
    for store in STORES:
        for visit in range(45):
            peak = bool(rng.random() < 0.5)
            fail_p = BACK_STAGE_FAIL[store][int(peak)]
            for moment in MOMENTS:
                if moment == "recovery" and rng.random() < 0.6:
                    continue  # a recovery moment happens only when something went wrong
                mid += 1
                issue = "none"
                if rng.random() < fail_p:
                    w = np.array([0.4, 0.15, 0.15, 0.15, 0.15])
                    if moment == "recovery":
                        w = np.array([0.15, 0.35, 0.05, 0.35, 0.10])
                    issue = str(rng.choice(ISSUES, p=w / w.sum()))
                p_people, p_business = ISSUE_ODDS[issue]
                if store == "Station":
                    p_people -= 0.12  # a rushed commuter store: the human touch suffers
                people_ok = bool(rng.random() < p_people)
                business_ok = bool(rng.random() < p_business)
                rating = 4.6 - 1.3 * (not people_ok) - 1.6 * (not business_ok) + rng.normal(0, 0.5)
                rows.append((mid, store, f"{store[:2].upper()}-{visit + 1:03d}",
                             "peak" if peak else "off-peak", moment, people_ok, business_ok,
                             issue, int(np.clip(np.rint(rating), 1, 5))))
    return pd.DataFrame(rows, columns=["moment_id", "store", "visit", "shift", "moment",
                                       "people_ok", "business_ok", "back_stage_issue",
                                       "customer_rating"])


def generate(seed: int) -> dict[str, pd.DataFrame]:
    rng = rng_for(seed, __name__)
    return {"coffee_service_audit": _audit(rng), "coffee_service_moments": _moments(rng)}
