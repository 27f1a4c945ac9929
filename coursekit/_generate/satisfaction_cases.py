"""Chapter 04 cases beyond the member survey: benchmarking (定点超越) and the excellence scorecard.

``coffee_benchmark`` — a third-party street survey (第三方调查) of coffee drinkers: 200 who
rated Harbour Coffee in 2024, 200 who rated it in 2025 and 200 who rated the rival
*Lighthouse Coffee* (灯塔咖啡) in 2025, on the same six attributes as ``coffee_survey`` (1–5)
plus one overall question on the textbook's five-level scale (满意 / 较满意 / 一般 / 较不满意 /
不满意). Each group's attribute levels are set in ``LEVELS``; a respondent's answers share a
personal tendency (some people rate everything higher), so items correlate as in real data.

``excellence_scorecard`` — the "customer and market focus" (以顾客和市场为中心) part of the
performance-excellence criteria as a self-assessment sheet: twelve items in three criteria,
scored 1–5 by Harbour Coffee's regional manager. A hand-filled sheet: the same for every seed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from coursekit._generate import rng_for

DATASETS = ("coffee_benchmark", "excellence_scorecard")

N_PER_GROUP = 200
ITEMS = ("taste", "speed", "staff", "ambience", "price", "app")

#: Mean level (1–5) of each attribute in each (brand, year) group.
LEVELS: dict[tuple[str, int], dict[str, float]] = {
    ("Harbour Coffee", 2024): {"taste": 4.20, "speed": 3.05, "staff": 3.95, "ambience": 4.10,
                               "price": 3.35, "app": 2.65},
    ("Harbour Coffee", 2025): {"taste": 4.20, "speed": 3.20, "staff": 4.00, "ambience": 4.10,
                               "price": 3.10, "app": 3.00},
    ("Lighthouse Coffee", 2025): {"taste": 3.80, "speed": 3.60, "staff": 3.85, "ambience": 3.70,
                                  "price": 3.50, "app": 3.05},
}
#: The textbook's five-level scale (满意 5 … 不满意 1).
TEXTBOOK5 = {5: "满意", 4: "较满意", 3: "一般", 2: "较不满意", 1: "不满意"}


def _benchmark(rng: np.random.Generator) -> pd.DataFrame:
    parts = []
    start = 1
    for (brand, year), levels in LEVELS.items():
        n = N_PER_GROUP
        person = rng.standard_normal(n)  # a respondent's habit of rating high or low
        cols: dict[str, object] = {
            "respondent_id": np.arange(start, start + n),
            "brand": brand,
            "year": year,
        }
        raw = {}
        for item in ITEMS:
            z = 0.55 * person + np.sqrt(1 - 0.55**2) * rng.standard_normal(n)
            raw[item] = levels[item] + 0.95 * z
            cols[f"sat_{item}"] = np.clip(np.rint(raw[item]), 1, 5).astype(int)
        overall = np.mean([raw[i] for i in ITEMS], axis=0) + 0.45 * rng.standard_normal(n)
        cols["overall"] = np.clip(np.rint(overall + 0.2), 1, 5).astype(int)
        parts.append(pd.DataFrame(cols))
        start += n
    out = pd.concat(parts, ignore_index=True)
    out["overall_zh"] = out["overall"].map(TEXTBOOK5)
    return out


#: (code, criterion, criterion_zh, item, item_zh, score, evidence)
SCORECARD: tuple[tuple[str, str, str, str, str, int, str], ...] = (
    ("2.1(1)", "knowing customers and markets", "顾客和市场的了解",
     "target customers, customer groups and market position, incl. rivals' and potential customers",
     "确定目标顾客、顾客群和市场定位（含竞争对手的顾客和潜在顾客）", 4,
     "member segments from chapter 01, reviewed yearly"),
    ("2.1(2)", "knowing customers and markets", "顾客和市场的了解",
     "customers' requirements and expectations, and how much each weighs in buying",
     "了解顾客的要求和期望及其在购买决策中的重要性", 3,
     "importance questions in the yearly survey; nothing for non-members"),
    ("2.1(3)", "knowing customers and markets", "顾客和市场的了解",
     "current and past customer information used in planning, marketing and improvement",
     "应用当前和以往的顾客信息于产品策划、市场拓展和过程改进", 3,
     "transaction data used for offers, rarely for process changes"),
    ("2.1(4)", "knowing customers and markets", "顾客和市场的了解",
     "listening methods kept in step with business needs (e.g. online reviews, app data)",
     "了解顾客的方法与业务需要和发展方向保持一致（如网上评论、App 数据）", 2,
     "online reviews and app ratings are not collected"),
    ("2.2a(1)", "customer relationships", "顾客关系的建立",
     "relationships built to win customers, exceed expectations, keep them and grow business",
     "建立关系以赢得顾客、超越期望、留住顾客并增加业务", 4,
     "loyalty programme with 5,000 members and member offers"),
    ("2.2a(2)", "customer relationships", "顾客关系的建立",
     "contact channels for information, purchases and complaints; contact requirements known "
     "to every employee",
     "顾客查询、交易和投诉的接触途径；每位员工都知道接触中的顾客要求", 3,
     "till, app, hotline and WeChat; no written service standard per channel"),
    ("2.2a(3)", "customer relationships", "顾客关系的建立",
     "complaint handling: received, resolved effectively and promptly, followed up, analysed",
     "投诉管理：受理、有效及时处理、回访、定期分析并用于改进", 2,
     "complaints solved at the till; not logged or analysed"),
    ("2.2a(4)", "customer relationships", "顾客关系的建立",
     "relationship and contact methods kept in step with business direction",
     "建立关系和接触顾客的方法与业务需要和发展方向保持一致", 3,
     "app launched last year; relationship plan not updated"),
    ("2.2b(1)", "measuring satisfaction", "顾客满意度测量",
     "satisfaction and dissatisfaction measured, and the results used to improve",
     "测量顾客满意和不满意，并利用测量结果进行改进", 4,
     "yearly member survey with index and IPA (chapter 04)"),
    ("2.2b(2)", "measuring satisfaction", "顾客满意度测量",
     "follow-up on products, services and transactions for prompt, usable feedback",
     "对产品、服务和交易进行跟踪，获得及时、可用的反馈", 2,
     "no follow-up after a purchase or a complaint"),
    ("2.2b(3)", "measuring satisfaction", "顾客满意度测量",
     "satisfaction compared with competitors and benchmarks, vs own past and the best in class "
     "(third-party data, 定点超越)",
     "与竞争对手和标杆企业比较顾客满意度：与自身历史同期比、与同行最好比（第三方数据，定点超越）", 1,
     "no comparison with rivals; last year's numbers not kept in the same form"),
    ("2.2b(4)", "measuring satisfaction", "顾客满意度测量",
     "measurement methods kept in step with business needs",
     "顾客满意度测量方法与业务需要和发展方向保持一致", 3,
     "survey questions unchanged since the app launch"),
)


def _scorecard() -> pd.DataFrame:
    df = pd.DataFrame(SCORECARD, columns=["code", "criterion", "criterion_zh", "item", "item_zh",
                                          "score", "evidence"])
    n_groups = df["criterion"].nunique()
    df.insert(5, "criterion_weight", round(1 / n_groups, 4))
    df.insert(6, "item_weight", df.groupby("criterion")["code"].transform(lambda s: 1 / len(s)))
    return df


def generate(seed: int) -> dict[str, pd.DataFrame]:
    """The benchmark survey (depends on the seed) and the scorecard (fixed)."""
    rng = rng_for(seed, __name__)
    return {"coffee_benchmark": _benchmark(rng), "excellence_scorecard": _scorecard()}
