"""Harbour Coffee satisfaction survey, generated from an ACSI-like model with KNOWN paths.

The structural (inner) model works on standardised latent variables (mean 0, variance 1)::

    EXPE  customer expectations          exogenous
    QUAL  perceived quality       = 0.50 EXPE                          + error
    VAL   perceived value         = 0.15 EXPE + 0.60 QUAL              + error
    SAT   satisfaction (ACSI)     = 0.05 EXPE + 0.55 QUAL + 0.30 VAL   + error
    COMP  complaint propensity    = -0.50 SAT                          + error
    LOY   loyalty                 = 0.65 SAT                           + error

Each error variance is chosen so that every latent variable has variance 1, so the numbers above
are the *standardised* path coefficients that a PLS path model estimates (``TRUE_PATHS``).
The measurement (outer) model: every 1–10 item is ``loading · latent + noise`` (loadings in
``LOADINGS``), shifted to a realistic mean, rounded and clipped to 1–10. ``complaint`` is 1 when
the complaint propensity is in its top ≈ 12 %. ``recommend`` (0–10) follows loyalty.

The six attribute items (``sat_*``, 1–5) reflect perceived quality (``sat_price`` reflects
perceived value) with different strengths, so "derived importance" can be computed; the stated
importance items (``imp_*``, 1–5) are drawn independently around attribute-specific means, so
that importance–performance analysis puts the attributes in different quadrants.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._generate import rng_for

DATASETS = ("coffee_survey", "coffee_survey_zh")

N_RESPONDENTS = 600
N_MEMBERS = 5000

#: True standardised path coefficients: ``{target: {source: coefficient}}``.
TRUE_PATHS: dict[str, dict[str, float]] = {
    "QUAL": {"EXPE": 0.50},
    "VAL": {"EXPE": 0.15, "QUAL": 0.60},
    "SAT": {"EXPE": 0.05, "QUAL": 0.55, "VAL": 0.30},
    "COMP": {"SAT": -0.50},
    "LOY": {"SAT": 0.65},
}
ORDER = ("EXPE", "QUAL", "VAL", "SAT", "COMP", "LOY")

#: 1–10 items: column → (latent, loading, mean on the 1–10 scale, spread).
LOADINGS: dict[str, tuple[str, float, float, float]] = {
    "expe1": ("EXPE", 0.92, 7.6, 1.6),
    "expe2": ("EXPE", 0.88, 7.2, 1.7),
    "expe3": ("EXPE", 0.88, 7.4, 1.7),
    "qual1": ("QUAL", 0.93, 7.4, 1.6),
    "qual2": ("QUAL", 0.88, 7.0, 1.7),
    "qual3": ("QUAL", 0.90, 7.3, 1.7),
    "val1": ("VAL", 0.92, 6.8, 1.8),
    "val2": ("VAL", 0.90, 6.4, 1.9),
    "acsi1": ("SAT", 0.94, 7.3, 1.6),
    "acsi2": ("SAT", 0.90, 6.6, 1.7),
    "acsi3": ("SAT", 0.90, 6.3, 1.8),
    "loy1": ("LOY", 0.93, 7.1, 1.9),
    "loy2": ("LOY", 0.88, 6.2, 2.0),
}

#: Attribute items (1–5): name → (latent it reflects, strength, performance mean, importance mean).
ATTRIBUTES: dict[str, tuple[str, float, float, float]] = {
    "taste": ("QUAL", 0.75, 4.2, 4.6),
    "speed": ("QUAL", 0.60, 3.2, 4.2),
    "staff": ("QUAL", 0.65, 4.0, 4.0),
    "ambience": ("QUAL", 0.45, 4.1, 3.2),
    "price": ("VAL", 0.70, 3.1, 4.3),
    "app": ("QUAL", 0.30, 3.0, 2.7),
}

COMPLAINT_SHARE = 0.12

_ZH_SAT = {5: "非常满意", 4: "满意", 3: "一般", 2: "不满意", 1: "非常不满意"}
_ZH_IMP = {5: "非常重要", 4: "重要", 3: "一般", 2: "不重要", 1: "非常不重要"}
_ZH_ATTR = {
    "taste": "咖啡口味", "speed": "出品速度", "staff": "店员服务态度",
    "ambience": "门店环境氛围", "price": "价格", "app": "点单App",
}
_ZH_ITEMS = {
    "expe1": "到店前，您对海港咖啡整体质量的期望",
    "expe2": "到店前，您期望海港咖啡满足您个人需求的程度",
    "expe3": "到店前，您期望海港咖啡出错的可能有多小",
    "qual1": "您对海港咖啡整体质量的评价",
    "qual2": "海港咖啡满足您个人需求的程度",
    "qual3": "海港咖啡服务的可靠程度（很少出错）",
    "val1": "考虑价格，您对其质量的评价",
    "val2": "考虑质量，您对其价格的评价",
    "acsi1": "总体而言，您对海港咖啡的满意程度",
    "acsi2": "与您的期望相比，海港咖啡的表现",
    "acsi3": "与您心目中理想的咖啡店相比，海港咖啡的表现",
    "loy1": "您下次再光顾海港咖啡的可能性",
    "loy2": "即使价格上涨，您继续光顾海港咖啡的可能性",
}


def _latents(rng: np.random.Generator, n: int) -> dict[str, np.ndarray]:
    """Draw the standardised latent variables in causal order."""
    eta: dict[str, np.ndarray] = {"EXPE": rng.standard_normal(n)}
    cov = {("EXPE", "EXPE"): 1.0}
    for target in ORDER[1:]:
        sources = TRUE_PATHS[target]
        names = list(sources)
        beta = np.array([sources[s] for s in names])
        sigma = np.array([[cov[tuple(sorted((a, b)))] for b in names] for a in names])
        explained = float(beta @ sigma @ beta)
        noise_sd = np.sqrt(1.0 - explained)
        eta[target] = sum(sources[s] * eta[s] for s in names) + noise_sd * rng.standard_normal(n)
        # population covariances of the new latent with all earlier ones
        for other in list(eta)[:-1]:
            c = sum(sources[s] * cov[tuple(sorted((s, other)))] for s in names)
            cov[tuple(sorted((target, other)))] = c
        cov[(target, target)] = 1.0
    return eta


def _likert(z: np.ndarray, mean: float, spread: float, low: int, high: int) -> np.ndarray:
    return np.clip(np.rint(mean + spread * z), low, high).astype(int)


def simulate(seed: int, n: int = N_RESPONDENTS) -> pd.DataFrame:
    """The numeric survey (``coffee_survey``) for ``n`` respondents.

    Examples
    --------
    >>> df = simulate(1, n=50)
    >>> df.shape
    (50, 29)
    >>> int(df["acsi1"].between(1, 10).sum())
    50
    """
    rng = rng_for(seed, __name__)
    eta = _latents(rng, n)
    out: dict[str, np.ndarray] = {
        "respondent_id": np.arange(1, n + 1),
        "member_id": rng.choice(np.arange(1, N_MEMBERS + 1), size=n, replace=False),
    }
    style = rng.standard_normal(n)  # a respondent's habit of rating importance high or low
    perf, imp = {}, {}
    for attr, (latent, strength, p_mean, i_mean) in ATTRIBUTES.items():
        z = strength * eta[latent] + np.sqrt(1 - strength**2) * rng.standard_normal(n)
        perf[f"sat_{attr}"] = _likert(z, p_mean, 0.95, 1, 5)
        zi = 0.5 * style + np.sqrt(0.75) * rng.standard_normal(n)
        imp[f"imp_{attr}"] = _likert(zi, i_mean, 0.75, 1, 5)
    out |= perf | imp
    for col, (latent, loading, mean, spread) in LOADINGS.items():
        z = loading * eta[latent] + np.sqrt(1 - loading**2) * rng.standard_normal(n)
        out[col] = _likert(z, mean, spread, 1, 10)
    cut = np.quantile(eta["COMP"], 1 - COMPLAINT_SHARE)
    out["complaint"] = (eta["COMP"] > cut).astype(int)
    z = 0.85 * eta["LOY"] + np.sqrt(1 - 0.85**2) * rng.standard_normal(n)
    out["recommend"] = _likert(z, 7.8, 1.9, 0, 10)
    return pd.DataFrame(out)


def to_chinese(survey: pd.DataFrame) -> pd.DataFrame:
    """The same answers as a 问卷星 "按选项文本" export would show them (Chinese labels).

    Examples
    --------
    >>> zh = to_chinese(simulate(1, n=5))
    >>> zh.columns[2]
    '1、您对咖啡口味的满意程度'
    >>> sorted(set(zh.iloc[:, 2]) - {"非常满意", "满意", "一般", "不满意", "非常不满意"})
    []
    """
    cols: dict[str, pd.Series] = {
        "序号": survey["respondent_id"],
        "会员编号": survey["member_id"],
    }
    q = 1
    for attr, label in _ZH_ATTR.items():
        cols[f"{q}、您对{label}的满意程度"] = survey[f"sat_{attr}"].map(_ZH_SAT)
        q += 1
    for attr, label in _ZH_ATTR.items():
        cols[f"{q}、{label}对您的重要程度"] = survey[f"imp_{attr}"].map(_ZH_IMP)
        q += 1
    for col, text in _ZH_ITEMS.items():
        cols[f"{q}、{text}（1-10分）"] = survey[col]
        q += 1
    cols[f"{q}、过去6个月您是否向海港咖啡投诉过"] = survey["complaint"].map({1: "是", 0: "否"})
    q += 1
    cols[f"{q}、您有多大可能向朋友推荐海港咖啡（0-10分）"] = survey["recommend"]
    return pd.DataFrame(cols)


def generate(seed: int) -> dict[str, pd.DataFrame]:
    """Both survey data sets for one seed."""
    survey = simulate(seed)
    return {"coffee_survey": survey, "coffee_survey_zh": to_chinese(survey)}
