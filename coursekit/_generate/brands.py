"""Brand-perception survey of six coffee brands (chapter 01, positioning).

Behavioural assumptions (documented in ``datasets/brand_perception.md``):

* Each respondent rates only the brands they know (awareness differs by brand; everyone
  rates at least two brands) on eight attributes, 1 = strongly disagree … 7 = strongly agree.
* A brand has a true image (a mean per attribute, ``IMAGE`` below); a rating is that mean
  plus the respondent's scale use (some people answer high, some low), a small halo for
  brands the respondent buys regularly, and noise, rounded and clipped to 1–7.
* No brand owns "good place to work *and* good value": that gap is in the data on purpose,
  so students can find it on the map.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import rng_for

DATASETS = ("brand_perception",)

ATTRIBUTES = (
    "taste", "value_for_money", "speed", "ambience",
    "workspace", "social", "sustainability", "rewards",
)

# true brand images on the 1–7 agreement scale, in the order of ATTRIBUTES
IMAGE = {
    "Harbour Coffee":  (5.6, 3.9, 3.8, 5.8, 4.3, 5.6, 4.5, 5.0),
    "Summit Roasters": (5.3, 3.0, 4.5, 5.9, 5.8, 4.8, 4.2, 4.6),
    "QuickCup":        (4.2, 6.0, 6.1, 3.0, 2.6, 2.9, 3.3, 5.7),
    "Beanline":        (3.3, 5.8, 5.6, 2.2, 2.0, 2.3, 2.8, 3.0),
    "Maple Lane Café": (6.2, 3.6, 2.8, 5.5, 4.0, 5.2, 5.4, 2.4),
    "GreenBean Co.":   (4.8, 4.0, 3.9, 4.6, 4.6, 4.0, 6.3, 3.5),
}
AWARENESS = {
    "Harbour Coffee": 0.85, "Summit Roasters": 0.92, "QuickCup": 0.82,
    "Beanline": 0.75, "Maple Lane Café": 0.45, "GreenBean Co.": 0.50,
}
N_RESPONDENTS = 320


def generate(seed: int) -> dict[str, pd.DataFrame]:
    """Generate the survey: one row per respondent × brand they know.

    Examples
    --------
    >>> out = generate(1)
    >>> df = out["brand_perception"]
    >>> sorted(df["brand"].unique())[:2]
    ['Beanline', 'GreenBean Co.']
    >>> int(df[list(ATTRIBUTES)].min().min()), int(df[list(ATTRIBUTES)].max().max())
    (1, 7)
    """
    rng = rng_for(seed, __name__)
    brands = list(IMAGE)
    image = np.array([IMAGE[b] for b in brands])
    aware_p = np.array([AWARENESS[b] for b in brands])
    rows = []
    for rid in range(1, N_RESPONDENTS + 1):
        aware = rng.random(len(brands)) < aware_p
        while aware.sum() < 2:
            aware[rng.integers(len(brands))] = True
        scale_use = rng.normal(0.0, 0.5)
        regular = rng.choice(np.flatnonzero(aware))
        for b in np.flatnonzero(aware):
            halo = 0.5 if b == regular else 0.0
            noise = rng.normal(0.0, 1.0, len(ATTRIBUTES))
            score = np.clip(np.rint(image[b] + scale_use + halo + noise), 1, 7).astype(int)
            rows.append((rid, brands[b], *score))
    df = pd.DataFrame(rows, columns=["respondent_id", "brand", *ATTRIBUTES])
    df["brand"] = pd.Categorical(df["brand"], categories=brands)
    return {"brand_perception": df}
