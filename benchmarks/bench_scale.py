"""Do the kit's table helpers scale to a real company's data?

Run:  make bench            (all benchmarks; this one takes about 10 minutes)
      .venv/bin/python benchmarks/bench_scale.py --quick      (one to two minutes)
      .venv/bin/python benchmarks/bench_scale.py --only rfm_summary cohort_retention

Every public helper of ``coursekit`` that takes a table runs on generated data of a realistic
shape at 10⁴, 10⁵ and 10⁶ rows (10⁵ … 10⁷ for helpers that read transactions), next to a
*baseline*: the same core computation written directly in pandas / NumPy, without the kit's
checks, messages and extras, in the same process and on the same data. One line per helper:

    helper   rows   time at each size   × baseline at the largest size   growth exponent

The growth exponent is the slope of log(time) against log(rows) between the two largest
sizes: 1.0 is linear, 2.0 quadratic; ``(base)`` is the baseline's own exponent, for comparison
(from 10⁶ to 10⁷ rows plain pandas slows down too, as the tables outgrow the processor's
caches). Goals: ratio ≤ 3 and exponent ≤ 1.15. Lines that miss a
goal are marked with ``!``. Times are the median of 3 runs (7 for calls under 0.1 s, 1 once a call takes over 5 s);
once a call takes longer than ``--limit`` seconds, the larger sizes of that helper are skipped
(and the line says so). At the end the peak memory (tracemalloc: Python and NumPy allocations)
of the three heaviest helpers at their largest size is printed — a trainer's laptop has 8 GiB.

This script asserts nothing: speed goals are measured here, never asserted in the tests.
"""

from __future__ import annotations

import argparse
import gc
import math
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from coursekit import grading, lean, lifecycle, satisfaction, stp, value

ROWS = (10_000, 100_000, 1_000_000)
TX_ROWS = (100_000, 1_000_000, 10_000_000)
QUICK_ROWS = (1_000, 10_000, 100_000)
QUICK_TX_ROWS = (10_000, 100_000, 1_000_000)
QUICK_MODEL_ROWS = 10_000  # k-means helpers in --quick
MAX_RATIO, MAX_EXPONENT = 3.0, 1.15
HEAVY = ("read_survey", "cohort_retention", "rfm_summary")


@dataclass
class Case:
    name: str
    kind: str  # "rows" or "tx"
    make: Callable[[int], Any]
    run: Callable[[Any], Any]
    base: Callable[[Any], Any]
    max_rows: int | None = None


CASES: list[Case] = []


def case(name: str, *, make: Callable[[int], Any], base: Callable[[Any], Any],
         kind: str = "rows", max_rows: int | None = None) -> Callable:
    def register(run: Callable[[Any], Any]) -> Callable:
        CASES.append(Case(name, kind, make, run, base, max_rows))
        return run
    return register


# --------------------------------------------------------------------------- data makers
def rng(n: int, salt: int = 0) -> np.random.Generator:
    return np.random.default_rng([n, salt])


@cache
def transactions(n: int) -> pd.DataFrame:
    """n purchases by n/10 customers over two years, skewed activity, gamma amounts."""
    g = rng(n, 1)
    k = max(10, n // 10)
    activity = g.gamma(0.8, 1.0, k)
    cust = g.choice(k, n, p=activity / activity.sum()) + 1
    start = g.integers(0, 600, k)  # day of each customer's first possible purchase
    day = np.minimum(start[cust - 1] + g.integers(0, 365, n), 729)
    secs = g.integers(0, 86_400, n)
    stamp = (np.datetime64("2024-01-01", "s") + (day * 86_400 + secs).astype("timedelta64[s]"))
    return pd.DataFrame({"customer_id": cust, "timestamp": stamp,
                         "amount": np.round(g.gamma(2.0, 20.0, n), 2)})


@cache
def customers(n: int) -> pd.DataFrame:
    """n customers with value, potential and behaviour columns."""
    g = rng(n, 2)
    return pd.DataFrame({
        "revenue": np.round(g.lognormal(3, 1.2, n), 2),
        "influence": g.uniform(0, 100, n),
        "margin": g.gamma(2, 30, n),
        "cost_to_serve": g.gamma(2, 8, n),
        "visits": g.poisson(6, n).astype(float),
        "spend": g.gamma(2, 100, n),
        "tenure": g.uniform(0, 60, n),
        "grade": g.choice(list("ABC"), n, p=[0.2, 0.3, 0.5]),
        "segment": g.integers(1, 6, n),
    })


ITEMS = [f"q{i}" for i in range(1, 9)]


@cache
def item_scores(n: int) -> pd.DataFrame:
    """n respondents × 8 correlated 1–5 ratings."""
    g = rng(n, 3)
    latent = g.normal(0, 1, (n, 1))
    x = np.clip(np.rint(3.4 + 0.9 * latent + 0.8 * g.normal(0, 1, (n, len(ITEMS)))), 1, 5)
    return pd.DataFrame(x, columns=ITEMS)


LABELS_ZH = np.array(["非常满意", "满意", "一般", "不满意", "非常不满意"])
SCALE_ZH = {"非常满意": 5.0, "满意": 4.0, "一般": 3.0, "不满意": 2.0, "非常不满意": 1.0}


@cache
def label_answers(n: int) -> pd.Series:
    codes = item_scores(n)["q1"].to_numpy().astype(int)
    s = pd.Series(LABELS_ZH[5 - codes], dtype=object)
    s[rng(n, 4).random(n) < 0.03] = None
    return s


OPTIONS = ["早上", "中午", "下午", "晚上", "周末"]


@cache
def multi_answers(n: int) -> pd.Series:
    g = rng(n, 5)
    picks = g.random((n, len(OPTIONS))) < 0.4
    picks[~picks.any(axis=1), 0] = True
    text = ["┋".join(o for o, p in zip(OPTIONS, row, strict=True) if p) for row in picks]
    s = pd.Series(text, dtype=object, name="3、您通常何时光顾？")
    s[g.random(n) < 0.03] = None
    return s


@cache
def survey_file(n: int) -> Path:
    """A 问卷星-style text download with n answers, UTF-8 with BOM (Chinese, multi-select)."""
    g = rng(n, 6)
    sc = item_scores(n)
    secs = g.integers(30, 900, n)
    df = pd.DataFrame({
        "序号": np.arange(1, n + 1),
        "提交答卷时间": (pd.Timestamp("2025-05-01") + pd.to_timedelta(
            g.integers(0, 30 * 86_400, n), unit="s")).strftime("%Y/%m/%d %H:%M:%S"),
        "所用时间": [f"{s // 60}分{s % 60}秒" if s >= 60 else f"{s}秒" for s in secs],
        "来源": g.choice(["手机提交", "微信", "链接"], n),
    })
    for i, col in enumerate(ITEMS[:6], start=1):
        df[f"{i}、您对第{i}项服务的满意程度"] = LABELS_ZH[5 - sc[col].to_numpy().astype(int)]
    df["7、您通常何时光顾？"] = multi_answers(n).fillna("(跳过)").to_numpy()
    df["8、您的年龄"] = g.integers(18, 70, n)
    path = Path(tempfile.mkdtemp(prefix="bench_survey_")) / f"wjx_{n}.csv"
    df.to_csv(path, index=False, encoding="utf-8-sig")
    return path


@cache
def complaint_log(n: int) -> pd.DataFrame:
    g = rng(n, 7)
    received = np.datetime64("2025-01-01T00:00", "s") + g.integers(
        0, 365 * 86_400, n).astype("timedelta64[s]")
    resp = received + (g.gamma(2, 6, n) * 3600).astype("timedelta64[s]")
    res = resp + (g.gamma(2, 20, n) * 3600).astype("timedelta64[s]")
    resp_s = pd.Series(resp)
    res_s = pd.Series(res)
    res_s[g.random(n) < 0.05] = pd.NaT
    return pd.DataFrame({
        "customer_id": g.integers(1, max(2, n // 3), n),
        "received_at": received, "first_response_at": resp_s, "resolved_at": res_s,
        "cause": g.choice(["wait", "taste", "price", "staff", "app", "cleanliness"], n,
                          p=[0.35, 0.25, 0.15, 0.12, 0.08, 0.05]),
        "store": g.choice(["north", "south", "east"], n),
    })


@cache
def audit_rows(n: int) -> pd.DataFrame:
    g = rng(n, 8)
    return pd.DataFrame({
        "dimension": g.choice(["people", "business", "hidden"], n),
        "item": g.choice([f"item {i}" for i in range(12)], n),
        "score": g.integers(1, 6, n).astype(float),
    })


@cache
def six_s_audit(n: int) -> pd.DataFrame:
    g = rng(n, 9)
    names = np.array(list(lean.SIX_S) + list(lean.SIX_S_ZH.values()))
    return pd.DataFrame({"s": g.choice(names, n), "score": g.integers(0, 6, n),
                         "area": g.choice(["press", "weld", "assembly"], n)})


@cache
def activities(n: int) -> pd.DataFrame:
    g = rng(n, 10)
    return pd.DataFrame({"category": g.choice(["VA", "NNVA", "waste", "增值", "浪费"], n),
                         "time_s": g.gamma(2, 60, n)})


@cache
def steps(n: int) -> pd.DataFrame:
    g = rng(n, 11)
    kind = np.where(np.arange(n) % 2 == 0, "process", "inventory")
    units = np.where(kind == "inventory", g.integers(100, 5000, n).astype(float), np.nan)
    waits = np.where((kind == "inventory") & (g.random(n) < 0.3), "2 days", None)
    units[waits != None] = np.nan  # noqa: E711 — elementwise comparison
    return pd.DataFrame({
        "step": [f"s{i}" for i in range(n)], "kind": kind,
        "cycle_time_s": np.where(kind == "process", g.uniform(1, 60, n), np.nan),
        "inventory_units": units, "wait": waits,
    })


@cache
def loyalty_pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    g = rng(n, 12)
    return g.integers(1, 11, n).astype(float), g.integers(1, 11, n).astype(float)


@cache
def nps_scores(n: int) -> np.ndarray:
    return rng(n, 13).integers(0, 11, n).astype(float)


@cache
def durations(n: int) -> pd.DataFrame:
    g = rng(n, 14)
    return pd.DataFrame({"duration_days": g.integers(0, 720, n),
                         "churned": g.random(n) < 0.6,
                         "group": g.choice(["app", "card"], n)})


# --------------------------------------------------------------------------- helpers & baselines
TX = dict(customer="customer_id", date="timestamp")


def _cust_codes(tx: pd.DataFrame) -> tuple[np.ndarray, int]:
    codes, uniq = pd.factorize(tx["customer_id"].to_numpy())
    return codes, len(uniq)


def base_rfm(tx: pd.DataFrame) -> Any:
    g = tx.groupby("customer_id")
    out = pd.DataFrame({"last": g["timestamp"].max(), "frequency": g.size(),
                        "monetary": g["amount"].sum()})
    out["recency"] = (pd.Timestamp("2026-01-01") - out["last"]).dt.days
    return out


@case("rfm", kind="tx", make=transactions, base=base_rfm)
def run_rfm(tx):
    return grading.rfm(tx, **TX, amount="amount", as_of="2026-01-01")


def base_rfm_summary(tx: pd.DataFrame) -> Any:
    days = tx["timestamp"].to_numpy().astype("datetime64[D]").astype(np.int64)
    d = pd.DataFrame({"c": tx["customer_id"].to_numpy(), "d": days,
                      "a": tx["amount"].to_numpy()})
    per = d.groupby(["c", "d"], sort=False)["a"].sum().reset_index()
    g = per.groupby("c")["d"]
    return pd.DataFrame({"n": g.size(), "first": g.min(), "last": g.max()})


@case("rfm_summary", kind="tx", make=transactions, base=base_rfm_summary)
def run_rfm_summary(tx):
    return grading.rfm_summary(tx, **TX, amount="amount", observation_end="2025-12-31")


def base_cohort(tx: pd.DataFrame) -> Any:
    month = tx["timestamp"].to_numpy().astype("datetime64[M]").astype(np.int64)
    d = pd.DataFrame({"c": tx["customer_id"].to_numpy(), "m": month})
    first = d.groupby("c")["m"].transform("min")
    d = pd.DataFrame({"cohort": first.to_numpy(), "age": month - first.to_numpy(),
                      "c": d["c"].to_numpy()}).drop_duplicates()
    counts = d.groupby(["cohort", "age"]).size().unstack()
    return counts.div(counts[0], axis=0)


@case("cohort_retention", kind="tx", make=transactions, base=base_cohort)
def run_cohort(tx):
    return lifecycle.cohort_retention(tx, **TX)


@case("retention_curve", kind="tx", make=transactions, base=base_cohort)
def run_retention_curve(tx):
    return lifecycle.retention_curve(tx, **TX)


def base_stage(tx: pd.DataFrame) -> Any:
    g = tx.groupby("customer_id")["timestamp"]
    first, last = g.min(), g.max()
    recent = tx[tx["timestamp"] >= pd.Timestamp("2025-10-02")].groupby("customer_id").size()
    return pd.DataFrame({"first": first, "last": last, "recent": recent})


@case("lifecycle_stage", kind="tx", make=transactions, base=base_stage)
def run_stage(tx):
    return lifecycle.lifecycle_stage(tx, **TX, as_of="2025-12-31")


def base_durations(tx: pd.DataFrame) -> Any:
    g = tx.groupby("customer_id")["timestamp"]
    return (g.max() - g.min()).dt.days


@case("customer_durations", kind="tx", make=transactions, base=base_durations)
def run_durations(tx):
    return lifecycle.customer_durations(tx, **TX, observation_end="2025-12-31")


def base_km(d: pd.DataFrame) -> Any:
    t = d["duration_days"].to_numpy()
    e = d["churned"].to_numpy()
    times, inv = np.unique(t, return_inverse=True)
    deaths = np.bincount(inv, weights=e)
    at_risk = len(t) - np.concatenate([[0], np.cumsum(np.bincount(inv))[:-1]])
    return np.cumprod(1 - deaths / at_risk)


@case("kaplan_meier", make=durations, base=base_km)
def run_km(d):
    return lifecycle.kaplan_meier(d)


def base_abc(df: pd.DataFrame) -> Any:
    v = df["revenue"].sort_values(ascending=False)
    share = v.cumsum() / v.sum()
    return pd.cut(share, [0, 0.8, 0.95, 1.0], labels=list("ABC"))


@case("abc", make=customers, base=base_abc)
def run_abc(df):
    return grading.abc(df, "revenue")


def base_grade_matrix(df: pd.DataFrame) -> Any:
    # the graded table: bands, the grid's grade, the deciding rule, as text columns
    xi = np.searchsorted([50.0], df["revenue"].to_numpy(), side="right")
    yi = np.searchsorted([50.0], df["influence"].to_numpy(), side="right")
    grade = np.array([["C", "B"], ["B", "A"]], dtype=object)[yi, xi]
    out = df.copy()
    out["x_band"], out["y_band"] = xi, yi
    out["matrix_grade"] = pd.array(grade, dtype="str")
    out["grade"] = pd.array(np.where(df["revenue"].to_numpy() >= 1000, "A", grade), dtype="str")
    return out


@case("grade_matrix", make=customers, base=base_grade_matrix)
def run_grade_matrix(df):
    grid = dict(x="revenue", y="influence", x_cuts=[50], y_cuts=[50],
                table=[["B", "A"], ["C", "B"]])
    try:
        return grading.grade_matrix(df, **grid, decide=[("revenue", ">=", 1000, "A")])
    except TypeError:  # kits before the 一票决定制 fix called it veto=
        return grading.grade_matrix(df, **grid, veto=[("revenue", ">=", 1000, "A")])


def base_grade_summary(df: pd.DataFrame) -> Any:
    g = df.groupby("grade")["margin"]
    out = pd.DataFrame({"n": g.size(), "v": g.sum()})
    out["share"] = out["v"] / out["v"].sum()
    return out


@case("grade_summary", make=customers, base=base_grade_summary)
def run_grade_summary(df):
    return grading.grade_summary(df, grade="grade", value="margin")


def base_pyramid(df: pd.DataFrame) -> Any:
    rank = df["margin"].rank(ascending=False, method="first") / len(df)
    return pd.cut(rank, [0, 0.1, 0.3, 0.6, 1.0], labels=["p", "g", "i", "l"])


@case("pyramid", make=customers, base=base_pyramid)
def run_pyramid(df):
    return grading.pyramid(df, "margin", tiers={"platinum": 0.1, "gold": 0.2, "iron": 0.3,
                                                "lead": 0.4})


W3 = {"revenue": 0.5, "visits": 0.3, "cost_to_serve": 0.2}


def base_weighted(df: pd.DataFrame) -> Any:
    x = df[list(W3)]
    x = (x - x.min()) / (x.max() - x.min())
    x["cost_to_serve"] = 1 - x["cost_to_serve"]
    return x @ pd.Series(W3)


@case("weighted_score", make=customers, base=base_weighted)
def run_weighted(df):
    return grading.weighted_score(df, W3, lower_is_better=["cost_to_serve"])


@case("attractiveness", make=customers,
      base=lambda df: base_weighted(df).rank(ascending=False, method="min"))
def run_attr(df):
    return stp.attractiveness(df[list(W3)], W3, rescale="minmax",
                              lower_is_better=["cost_to_serve"])


def base_rfm_scores(x: np.ndarray) -> Any:
    return pd.qcut(pd.Series(x).rank(method="first"), 5, labels=False) + 1


@case("rfm_scores", make=lambda n: customers(n)["spend"].to_numpy(), base=base_rfm_scores)
def run_rfm_scores(x):
    return grading.rfm_scores(x)


FEATURES = ["visits", "spend", "tenure"]


def _kmeans_baseline(df: pd.DataFrame, ks: tuple[int, ...]) -> Any:
    from sklearn.cluster import KMeans
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import StandardScaler

    x = StandardScaler().fit_transform(df[FEATURES])
    out = []
    for k in ks:
        labels = KMeans(k, n_init=10, random_state=0).fit_predict(x)
        out.append(silhouette_score(x, labels, sample_size=min(5000, len(x)), random_state=0))
    return out


@case("segment", make=customers, base=lambda df: _kmeans_baseline(df, (4,)))
def run_segment(df):
    return stp.segment(df, FEATURES, 4)


@case("choose_k", make=customers, base=lambda df: _kmeans_baseline(df, (2, 3, 4)))
def run_choose_k(df):
    return stp.choose_k(df, FEATURES, [2, 3, 4])


def base_profile(df: pd.DataFrame) -> Any:
    g = df.groupby("segment")[["spend", "visits"]].mean()
    return g / df[["spend", "visits"]].mean() * 100


@case("profile", make=customers, base=base_profile)
def run_profile(df):
    return stp.profile(df, df["segment"], ["spend", "visits"])


def base_pca(df: pd.DataFrame) -> Any:
    x = df.to_numpy()
    x = (x - x.mean(0)) / x.std(0, ddof=1)
    u, s, vt = np.linalg.svd(x, full_matrices=False)
    return u[:, :2] * s[:2]


@case("perceptual_map", make=item_scores, base=base_pca)
def run_pmap(df):
    return stp.perceptual_map(df)


def base_delivered(df: pd.DataFrame) -> Any:
    v = df["margin"] + df["spend"]
    c = df["cost_to_serve"] + df["visits"]
    return pd.DataFrame({"v": v, "c": c, "d": v - c})


@case("delivered_values", make=customers, base=base_delivered)
def run_delivered(df):
    return value.delivered_values(df, value=["margin", "spend"], cost=["cost_to_serve", "visits"])


@case("contribution", make=customers, base=lambda df: df["revenue"] - df["cost_to_serve"])
def run_contribution(df):
    return value.contribution(df, revenue="revenue", costs=["cost_to_serve"])


def base_concentration(x: np.ndarray) -> Any:
    order = np.argsort(-x, kind="stable")  # customers largest first, ties in input order
    cum = np.cumsum(x[order])
    return order, cum / cum[-1], np.arange(1, len(x) + 1) / len(x)


@case("concentration", make=lambda n: customers(n)["revenue"].to_numpy(),
      base=base_concentration)
def run_concentration(x):
    return value.concentration(x)


def base_gini(x: np.ndarray) -> Any:
    v = np.sort(x)
    n = len(v)
    return float(2 * np.sum(np.arange(1, n + 1) * v) / (n * v.sum()) - (n + 1) / n)


@case("gini", make=lambda n: customers(n)["revenue"].to_numpy(), base=base_gini)
def run_gini(x):
    return value.gini(x)


def base_top_share(x: np.ndarray) -> Any:
    k = math.ceil(0.2 * len(x))
    return np.partition(x, len(x) - k)[len(x) - k:].sum() / x.sum()


@case("top_share", make=lambda n: customers(n)["revenue"].to_numpy(), base=base_top_share)
def run_top_share(x):
    return value.top_share(x)


def base_customers_for_share(x: np.ndarray) -> Any:
    v = np.sort(x)[::-1]
    return (np.searchsorted(np.cumsum(v), 0.8 * v.sum()) + 1) / len(v)


@case("customers_for_share", make=lambda n: customers(n)["revenue"].to_numpy(),
      base=base_customers_for_share)
def run_customers_for_share(x):
    return value.customers_for_share(x)


def base_read_survey(path: Path) -> Any:
    # read the text, parse the submit times, make each question numeric where it can be
    df = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    df["提交答卷时间"] = pd.to_datetime(df["提交答卷时间"], format="%Y/%m/%d %H:%M:%S")
    for col in df.columns[4:]:
        df[col] = pd.to_numeric(df[col], errors="coerce")
    return df


@case("read_survey", make=survey_file, base=base_read_survey)
def run_read_survey(path):
    return satisfaction.read_survey(path)


def base_split_multi(s: pd.Series) -> Any:
    return s.str.get_dummies(sep="┋")


@case("split_multi", make=multi_answers, base=base_split_multi)
def run_split_multi(s):
    return satisfaction.split_multi(s)


@case("to_scores", make=label_answers, base=lambda s: s.map(SCALE_ZH))
def run_to_scores(s):
    return satisfaction.to_scores(s, SCALE_ZH)


@case("satisfaction_rate", make=item_scores, base=lambda df: float((df.mean(axis=1) >= 4).mean()))
def run_rate(df):
    try:
        return satisfaction.satisfaction_rate(df, rule="mean")  # the textbook's: customers
    except TypeError:  # kits before the per-customer fix pooled items
        return satisfaction.satisfaction_rate(df)


@case("satisfaction_index", make=item_scores,
      base=lambda df: float(df.mean().mean()))
def run_index(df):
    return satisfaction.satisfaction_index(df)


def base_item_summary(df: pd.DataFrame) -> Any:
    return pd.DataFrame({"n": df.count(), "mean": df.mean(), "rate": (df >= 4).mean()})


@case("item_summary", make=item_scores, base=base_item_summary)
def run_item_summary(df):
    return satisfaction.item_summary(df)


def base_alpha(df: pd.DataFrame) -> Any:
    c = np.cov(df.to_numpy(), rowvar=False)
    k = c.shape[0]
    return k / (k - 1) * (1 - np.trace(c) / c.sum())


@case("cronbach_alpha", make=item_scores, base=base_alpha)
def run_alpha(df):
    return satisfaction.cronbach_alpha(df)


def base_alpha_if_deleted(df: pd.DataFrame) -> Any:
    c = np.cov(df.to_numpy(), rowvar=False)
    k = c.shape[0]
    out = []
    for i in range(k):
        keep = np.arange(k) != i
        s = c[np.ix_(keep, keep)]
        out.append((k - 1) / (k - 2) * (1 - np.trace(s) / s.sum()))
    return out


@case("alpha_if_deleted", make=item_scores, base=base_alpha_if_deleted)
def run_alpha_if_deleted(df):
    return satisfaction.alpha_if_deleted(df)


@case("ipa", make=item_scores, base=lambda df: (df.mean(), df.mean() - df.mean().mean()))
def run_ipa(df):
    return satisfaction.ipa(df, df.iloc[::-1].reset_index(drop=True))


def base_nps(x: np.ndarray) -> Any:
    return 100 * (np.mean(x >= 9) - np.mean(x <= 6))


@case("nps", make=nps_scores, base=base_nps)
def run_nps(x):
    return satisfaction.nps(x)


@case("nps_breakdown", make=nps_scores, base=base_nps)
def run_nps_breakdown(x):
    return satisfaction.nps_breakdown(x)


def base_loyalty_zone(x: np.ndarray) -> Any:
    return pd.Categorical.from_codes(np.searchsorted([2.5, 4.5], x, side="left"),
                                     ["defection", "indifference", "affection"])


@case("loyalty_zone", make=lambda n: rng(n, 15).uniform(1, 5, n), base=base_loyalty_zone)
def run_loyalty_zone(x):
    return satisfaction.loyalty_zone(x)


def base_quadrant(pair: tuple[np.ndarray, np.ndarray]) -> Any:
    s, loy = pair
    code = (s >= 8).astype(np.int8) * 2 + (loy >= 7)
    return pd.Categorical.from_codes(code, ["at risk", "hostage", "mercenary", "apostle"])


@case("loyalty_quadrant", make=loyalty_pairs, base=base_quadrant)
def run_quadrant(pair):
    return lifecycle.loyalty_quadrant(*pair, satisfaction_cut=8, loyalty_cut=7)


BLOCKS = {"QUAL": ["q1", "q2", "q3"], "VAL": ["q4", "q5"], "SAT": ["q6", "q7", "q8"]}


def base_pls(df: pd.DataFrame) -> Any:
    """Lohmöller's PLS iteration (Mode A, centroid scheme) written directly in NumPy."""
    x = df.to_numpy(dtype=float)
    x = (x - x.mean(0)) / x.std(0)
    names = list(BLOCKS)
    odm = np.zeros((x.shape[1], len(names)))
    for j, items in enumerate(BLOCKS.values()):
        odm[[df.columns.get_loc(c) for c in items], j] = 1.0
    link = np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]], dtype=float)  # QUAL-VAL-SAT all linked
    w = odm.copy()
    for _ in range(100):
        y = x @ w
        y = (y - y.mean(0)) / y.std(0)
        z = y @ np.sign(np.corrcoef(y, rowvar=False) * link)
        w_new = odm * (x.T @ z) / len(x)
        if np.sum((np.abs(w.sum(1)) - np.abs(w_new.sum(1))) ** 2) < 1e-6:
            break
        w = w_new
    y = x @ w_new
    y = (y - y.mean(0)) / y.std(0)
    return np.linalg.lstsq(y[:, :2], y[:, 2], rcond=None)[0]


@case("pls_path", make=item_scores, base=base_pls)
def run_pls(df):
    return satisfaction.pls_path(df, BLOCKS, {"VAL": ["QUAL"], "SAT": ["QUAL", "VAL"]})


def base_complaint_times(log: pd.DataFrame) -> Any:
    return pd.DataFrame({
        "r": (log["first_response_at"] - log["received_at"]).dt.total_seconds() / 3600,
        "s": (log["resolved_at"] - log["received_at"]).dt.total_seconds() / 3600})


@case("complaint_times", make=complaint_log, base=base_complaint_times)
def run_complaint_times(log):
    return lifecycle.complaint_times(log)


def base_complaint_summary(log: pd.DataFrame) -> Any:
    t = base_complaint_times(log)
    return pd.Series({"n": len(t), "r": (t["r"] <= 24).mean(), "s": (t["s"] <= 72).mean(),
                      "open": t["s"].isna().mean(), "med": t["s"].median()})


@case("complaint_summary", make=complaint_log, base=base_complaint_summary)
def run_complaint_summary(log):
    return lifecycle.complaint_summary(log)


@case("service_level", make=lambda n: complaint_log(n)["customer_id"].to_numpy() / 10.0,
      base=lambda x: float(np.mean(x <= 24)))
def run_service_level(x):
    return lifecycle.service_level(x, target=24)


def base_repeat(log: pd.DataFrame) -> Any:
    n = log.groupby("customer_id").size()
    return pd.DataFrame({"n": n, "repeat": n > 1})


@case("repeat_complaints", make=complaint_log, base=base_repeat)
def run_repeat(log):
    return lifecycle.repeat_complaints(log, customer="customer_id")


def base_pareto(log: pd.DataFrame) -> Any:
    c = log["cause"].value_counts()
    return (c / c.sum()).cumsum()


@case("complaint_pareto", make=complaint_log, base=base_pareto)
def run_pareto(log):
    return lifecycle.complaint_pareto(log, cause="cause")


def base_audit(r: pd.DataFrame) -> Any:
    g = r.groupby("dimension")["score"]
    return pd.DataFrame({"n": g.size(), "mean": g.mean(), "below": (r["score"] < 4).groupby(
        r["dimension"]).sum()})


@case("service_audit", make=audit_rows, base=base_audit)
def run_audit(r):
    return lifecycle.service_audit(r)


CAT_MAP = {"VA": "VA", "NNVA": "NNVA", "waste": "waste", "增值": "VA", "浪费": "waste"}


def base_activity(a: pd.DataFrame) -> Any:
    cat = a["category"].map(CAT_MAP)
    return a.groupby(cat)["time_s"].agg(["size", "sum"])


@case("activity_summary", make=activities, base=base_activity)
def run_activity(a):
    return lean.activity_summary(a)


S_MAP = {k: k for k in lean.SIX_S} | {v: k for k, v in lean.SIX_S_ZH.items()}


def base_six_s(a: pd.DataFrame) -> Any:
    return (a["score"] * 20.0).groupby(a["s"].map(S_MAP)).mean()


@case("six_s_scores", make=six_s_audit, base=base_six_s)
def run_six_s(a):
    return lean.six_s_scores(a)


def base_value_stream(st: pd.DataFrame) -> Any:
    # classify each distinct kind once, parse each distinct wait text once
    codes, kinds = pd.factorize(st["kind"])
    proc = np.asarray(pd.Index(kinds).str.strip().str.lower() == "process")[codes]
    wcodes, waits = pd.factorize(st["wait"])
    days = np.array([float(w.split()[0]) for w in waits] + [np.nan])[wcodes]
    wait_d = np.where(wcodes >= 0, days, st["inventory_units"].to_numpy() / 920.0)
    t = np.where(proc, st["cycle_time_s"].to_numpy(), wait_d * 86_400)
    return np.nansum(t), np.nansum(st["cycle_time_s"].to_numpy()[proc])


@case("value_stream", make=steps, base=base_value_stream)
def run_value_stream(st):
    return lean.value_stream(st, demand_per_day=920)


# --------------------------------------------------------------------------- measuring
def timed(func: Callable[[], Any], *, repeats: int = 3) -> float:
    """Median of 3 runs (7 when a run takes under 0.1 s; 1 when it takes over 5 s)."""
    times = []
    while len(times) < repeats:
        gc.collect()
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
        if len(times) == 1:
            if times[0] > 5:
                break
            if times[0] < 0.1:
                repeats = 7
    return statistics.median(times)


def peak_mb(func: Callable[[], Any]) -> float:
    gc.collect()
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def fmt(t: float | None) -> str:
    if t is None:
        return "—"
    return f"{t * 1e3:.1f} ms" if t < 1 else f"{t:.2f} s"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="sizes 10³–10⁵ (10⁴–10⁶ for transactions)")
    ap.add_argument("--only", nargs="*", help="helper names to run")
    ap.add_argument("--limit", type=float, default=60.0,
                    help="skip larger sizes once a call takes longer than this (s)")
    ap.add_argument("--no-memory", action="store_true", help="skip the peak-memory pass")
    args = ap.parse_args(argv)
    rows, tx_rows = (QUICK_ROWS, QUICK_TX_ROWS) if args.quick else (ROWS, TX_ROWS)
    cap = QUICK_MODEL_ROWS if args.quick else None
    chosen = [c for c in CASES if not args.only or c.name in args.only]
    unknown = set(args.only or ()) - {c.name for c in CASES}
    if unknown:
        print(f"unknown helper(s): {sorted(unknown)}; known: {[c.name for c in CASES]}")
        return 2
    print(f"{'helper':<20} {'rows':>22}  {'times (kit)':<34} {'× base':>7} {'growth':>7} "
          f"{'(base)':>7}")
    misses, largest = [], {}
    for c in chosen:
        limit_rows = min(r for r in (c.max_rows, cap if c.max_rows else None, 10**12) if r)
        sizes = [n for n in (tx_rows if c.kind == "tx" else rows) if n <= limit_rows]
        kit_t: list[float] = []
        base_t: float | None = None
        base_prev: float | None = None
        note = ""
        for n in sizes:
            data = c.make(n)
            t = timed(lambda d=data, c=c: c.run(d))
            kit_t.append(t)
            if n == sizes[-2 if len(sizes) > 1 else -1]:
                base_prev = timed(lambda d=data, c=c: c.base(d))
            if n == sizes[-1] or t > args.limit:
                base_t = timed(lambda d=data, c=c: c.base(d))
            if t > args.limit and n != sizes[-1]:
                note = f"  (stopped: {fmt(t)} > {args.limit:g} s limit at {n:,} rows)"
                break
        done = sizes[:len(kit_t)]
        ratio = kit_t[-1] / base_t if base_t else float("nan")
        expo = (math.log(kit_t[-1] / kit_t[-2]) / math.log(done[-1] / done[-2])
                if len(kit_t) >= 2 and kit_t[-2] > 0 else float("nan"))
        base_expo = (math.log(base_t / base_prev) / math.log(done[-1] / done[-2])
                     if len(kit_t) >= 2 and base_t and base_prev else float("nan"))
        flag = "!" if ratio > MAX_RATIO or expo > MAX_EXPONENT else " "
        if flag == "!":
            misses.append(c.name)
        largest[c.name] = (c, done[-1])
        times = " / ".join(fmt(t) for t in kit_t)
        print(f"{flag}{c.name:<19} {f'{done[0]:,}…{done[-1]:,}':>22}  {times:<34} "
              f"{ratio:7.2f} {expo:7.2f} {base_expo:7.2f}{note}", flush=True)
    if not args.no_memory:
        print("\npeak memory at the largest size (tracemalloc, Python + NumPy allocations):")
        for name in HEAVY:
            if name in largest:
                c, n = largest[name]
                data = c.make(n)
                size = (data.stat().st_size if isinstance(data, Path)
                        else int(data.memory_usage(deep=True).sum()))
                kit = peak_mb(lambda d=data, c=c: c.run(d))
                base = peak_mb(lambda d=data, c=c: c.base(d))
                print(f"  {name:<18} {n:>12,} rows  input {size / 2**20:7.0f} MB   "
                      f"kit {kit:7.0f} MB   baseline {base:7.0f} MB")
    print(f"\n{len(chosen) - len(misses)} of {len(chosen)} helpers within {MAX_RATIO:g}× their "
          f"baseline with growth ≤ {MAX_EXPONENT}" + (f"; missed: {', '.join(misses)}" if misses
                                                        else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
