"""Chapter 04 exercises — Satisfaction measurement (客户满意度测评).

Questions use the Harbour Coffee survey (``coffee_survey``: 600 members, items ``sat_*`` and
``imp_*`` on 1–5, ACSI items on 1–10, ``recommend`` 0–10) and the 问卷星-style export
``datasets/exports/wjx_code_gbk.csv``; expected answers are computed lazily with
:mod:`coursekit.satisfaction`.

Examples
--------
>>> from coursekit.exercises import ch04
>>> ch04.q8.evaluate(357).status
'correct'
>>> ch04.q8.evaluate(385).status
'wrong'
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from .. import benchmarking, excellence, indicators
from .. import satisfaction as cs
from .core import Choice, Exact, FrameCheck, FunctionCheck, Numeric, Reflection, data, register

PRICE_Q = "5、您对价格的满意程度"
REVERSE = {1: 5, 2: 4, 3: 3, 4: 2, 5: 1}
MEMBERS = 5000


def export_path(name: str = "wjx_code_gbk.csv") -> Path:
    """Path of one of the 问卷星-style export files shipped with the kit."""
    from .. import datasets

    return datasets.data_dir() / "exports" / name


@cache
def _codes() -> pd.DataFrame:
    return cs.read_survey(export_path())


def _sat() -> pd.DataFrame:
    return data("coffee_survey").filter(like="sat_")


def _imp() -> pd.DataFrame:
    return data("coffee_survey").filter(like="imp_")


def _weights() -> pd.Series:
    return _imp().mean().rename(lambda c: c.replace("imp_", "sat_"))


def _top2(scores: pd.Series) -> float:
    s = pd.Series(scores, dtype=float).dropna()
    return float((s >= 4).mean())


q1 = Numeric(
    prompt={
        "en": "In `coffee_survey`, what is the satisfaction rate (top-2-box: 4 'satisfied' or "
              "5 'very satisfied' on 1–5) of the speed of service, `sat_speed`? Give a share "
              "between 0 and 1.",
        "zh": "在 `coffee_survey` 中，出品速度 `sat_speed` 的满意率（前两格：1–5 分中的 "
              "4“满意”和 5“非常满意”）是多少？请给出 0 到 1 之间的比例。",
    },
    expected=lambda: cs.satisfaction_rate(_sat()["sat_speed"]),
    rtol=1e-4,
    hints=[
        {"en": "Count the answers of 4 or 5 and divide by the number of answers.",
         "zh": "数一数 4 分和 5 分的回答，再除以回答总数。"},
        {"en": "`cs.satisfaction_rate(survey['sat_speed'], top_box=2)`, or "
               "`(survey['sat_speed'] >= 4).mean()`.",
         "zh": "`cs.satisfaction_rate(survey['sat_speed'], top_box=2)`，或 "
               "`(survey['sat_speed'] >= 4).mean()`。"},
    ],
    solution={"en": "Top-2-box share.", "zh": "前两格比例。"},
    code="answer = cs.satisfaction_rate(survey['sat_speed'], top_box=2)",
    wrong=[
        lambda: float((_sat()["sat_speed"] >= 3).mean()),  # counted 一般 (3) as satisfied
        lambda: float((_sat()["sat_speed"] == 5).mean()),  # top box only
        lambda: cs.satisfaction_rate(_sat()["sat_speed"]) * 100,  # percentage, not share
    ],
)

q2 = Numeric(
    prompt={
        "en": "Compute the weighted satisfaction index (0–100, `method='range'`) of the six "
              "`sat_*` items, weighting each item by the mean of its importance item "
              "(`imp_taste` for `sat_taste`, …).",
        "zh": "计算六个 `sat_*` 项目的加权满意度指数（0–100，`method='range'`），"
              "每个项目的权重为对应重要性项目的平均分（`sat_taste` 对应 `imp_taste`，……）。",
    },
    expected=lambda: cs.satisfaction_index(_sat(), _weights(), method="range"),
    rtol=1e-4,
    hints=[
        {"en": "The weights are `survey.filter(like='imp_').mean()`; their names must match "
               "the `sat_*` columns, so rename `imp_` to `sat_`.",
         "zh": "权重是 `survey.filter(like='imp_').mean()`；它们的名字必须和 `sat_*` 列一致，"
               "所以把 `imp_` 改成 `sat_`。"},
        {"en": "`weights = imp.mean().rename(lambda c: c.replace('imp_', 'sat_'))`, then "
               "`cs.satisfaction_index(sat, weights, method='range')`.",
         "zh": "`weights = imp.mean().rename(lambda c: c.replace('imp_', 'sat_'))`，然后 "
               "`cs.satisfaction_index(sat, weights, method='range')`。"},
    ],
    solution={
        "en": "Weights = mean importance (normalised inside the function).",
        "zh": "权重 = 重要性平均分（函数内部会归一化）。",
    },
    code="sat = survey.filter(like='sat_')\n"
         "imp = survey.filter(like='imp_')\n"
         "weights = imp.mean().rename(lambda c: c.replace('imp_', 'sat_'))\n"
         "answer = cs.satisfaction_index(sat, weights, method='range')",
    wrong=[
        lambda: cs.satisfaction_index(_sat(), _weights(), method="max"),  # mean / 5 · 100
        lambda: cs.satisfaction_index(_sat(), None),  # forgot the weights
    ],
)

q3 = Numeric(
    prompt={
        "en": "What is Harbour Coffee's Net Promoter Score (from `recommend`, 0–10)? Give it "
              "in points between −100 and 100.",
        "zh": "海港咖啡的净推荐值（NPS，根据 0–10 分的 `recommend`）是多少？"
              "请给出 −100 到 100 之间的分值。",
    },
    expected=lambda: cs.nps(data("coffee_survey")["recommend"]),
    rtol=1e-6, atol=1e-6,
    hints=[
        {"en": "Promoters answer 9 or 10, detractors 0 to 6; passives (7–8) count only in the "
               "denominator.",
         "zh": "推荐者回答 9 或 10，贬损者回答 0–6；被动者（7–8）只计入分母。"},
        {"en": "`cs.nps(survey['recommend'])` = 100 × (share ≥ 9 − share ≤ 6).",
         "zh": "`cs.nps(survey['recommend'])` = 100 ×（≥ 9 的比例 − ≤ 6 的比例）。"},
    ],
    code="answer = cs.nps(survey['recommend'])",
    wrong=[
        lambda: 100 * float((data("coffee_survey")["recommend"] >= 8).mean()
                            - (data("coffee_survey")["recommend"] <= 6).mean()),  # 8 counted as promoter
        lambda: 100 * float((data("coffee_survey")["recommend"] >= 9).mean()),  # forgot the detractors
        lambda: cs.nps(data("coffee_survey")["recommend"]) / 100,  # a share, not points
    ],
)

q4 = Numeric(
    prompt={
        "en": "How reliable is the three-item satisfaction scale `acsi1`, `acsi2`, `acsi3`? "
              "Give Cronbach's alpha (raw, not standardised).",
        "zh": "由 `acsi1`、`acsi2`、`acsi3` 三个题项组成的满意度量表信度如何？"
              "请给出克朗巴哈 α 系数（原始值，非标准化）。",
    },
    expected=lambda: cs.cronbach_alpha(data("coffee_survey")[["acsi1", "acsi2", "acsi3"]]),
    rtol=1e-4,
    hints=[
        {"en": "Pass the three columns together as one table: alpha compares the variance of "
               "the items with the variance of their sum.",
         "zh": "把三列作为一张表一起传入：α 比较的是各题项方差与总分方差。"},
        {"en": "`cs.cronbach_alpha(survey[['acsi1', 'acsi2', 'acsi3']])`.",
         "zh": "`cs.cronbach_alpha(survey[['acsi1', 'acsi2', 'acsi3']])`。"},
    ],
    solution={
        "en": "Above 0.9: the three questions measure the same thing.",
        "zh": "高于 0.9：三个问题测量的是同一件事。",
    },
    code="answer = cs.cronbach_alpha(survey[['acsi1', 'acsi2', 'acsi3']])",
    wrong=[
        lambda: cs.cronbach_alpha(data("coffee_survey")[["acsi1", "acsi2"]]),  # forgot an item
        lambda: cs.cronbach_alpha(_sat()),  # the attribute items: not one construct
    ],
)

q5 = Exact(
    prompt={
        "en": "Run an importance–performance analysis with `imp_*` as importance and `sat_*` "
              "as performance (crosshair at the means). Which attribute should Harbour Coffee "
              "fix first? Give its name without prefix, e.g. 'taste'.",
        "zh": "以 `imp_*` 为重要性、`sat_*` 为绩效做重要性–绩效分析（十字线取平均值）。"
              "海港咖啡应该首先改进哪个属性？请给出不带前缀的名称，例如 'taste'。",
    },
    expected=lambda: str(cs.ipa(_imp(), _sat()).index[0]),
    hints=[
        {"en": "Fix first = high importance *and* low performance (quadrant 'concentrate "
               "here'); among those, the largest gap importance − performance.",
         "zh": "首先改进 = 重要性高 *且* 绩效低（“重点改进区”）；其中差距（重要性 − 绩效）最大者。"},
        {"en": "`cs.ipa(survey.filter(like='imp_'), survey.filter(like='sat_'))` returns the "
               "table sorted by priority; take `.index[0]`.",
         "zh": "`cs.ipa(survey.filter(like='imp_'), survey.filter(like='sat_'))` 返回按优先级"
               "排序的表；取 `.index[0]`。"},
    ],
    code="answer = cs.ipa(survey.filter(like='imp_'), survey.filter(like='sat_')).index[0]",
    wrong=[
        lambda: _sat().mean().idxmin().removeprefix("sat_"),  # lowest score, importance ignored
        lambda: _imp().mean().idxmax().removeprefix("imp_"),  # most important, performance ignored
    ],
)

q6 = FrameCheck(
    prompt={
        "en": "Read the 问卷星 code download `wjx_code_gbk.csv` (path: `ch04.export_path()`). "
              "In question 5 (price) the options were listed best first, so code 1 = 非常满意 "
              "… 5 = 非常不满意. Turn the column into scores with 5 = very satisfied; skipped "
              "answers stay missing. Give a Series with the same index.",
        "zh": "读取问卷星“按选项序号”下载的 `wjx_code_gbk.csv`（路径：`ch04.export_path()`）。"
              "第 5 题（价格）的选项是从好到差排列的，所以代码 1 = 非常满意 … 5 = 非常不满意。"
              "请把这一列转换成 5 = 非常满意 的分数；跳过的回答保持缺失。给出索引相同的 Series。",
    },
    expected=lambda: cs.to_scores(_codes()[PRICE_Q], REVERSE),
    hints=[
        {"en": "`cs.read_survey(path)` already turns −3 (skipped) into NaN. The codes have to "
               "be reversed: 1 → 5, 2 → 4, …",
         "zh": "`cs.read_survey(path)` 已把 −3（跳过）变成 NaN。代码需要反转：1 → 5，2 → 4，……"},
        {"en": "`cs.to_scores(codes[PRICE_Q], {1: 5, 2: 4, 3: 3, 4: 2, 5: 1})`, or `6 - codes`.",
         "zh": "`cs.to_scores(codes[PRICE_Q], {1: 5, 2: 4, 3: 3, 4: 2, 5: 1})`，或 `6 - codes`。"},
    ],
    code="codes = cs.read_survey(ch04.export_path())\n"
         "answer = cs.to_scores(codes[PRICE_Q], {1: 5, 2: 4, 3: 3, 4: 2, 5: 1})",
    wrong=[
        lambda: _codes()[PRICE_Q],  # codes used as scores: the 'reversed codes' trap
        lambda: cs.to_scores(_codes()[PRICE_Q], REVERSE).fillna(0),  # skipped → 0
    ],
)


def _ref_top2(scores: list[float]) -> float:
    return _top2(pd.Series(scores, dtype=float))


q7 = FunctionCheck(
    prompt={
        "en": "Write `top2_rate(scores)`: the share of answers that are 4 or 5 among the "
              "*answered* ones (a list of 1–5 scores that may contain `np.nan`).",
        "zh": "编写 `top2_rate(scores)`：在 *已作答* 的回答中，4 分或 5 分所占的比例"
              "（scores 是 1–5 分的列表，可能含有 `np.nan`）。",
    },
    reference=_ref_top2,
    cases=[
        (([5, 4, 3, 2, 1],), None),
        (([5, 4, np.nan, 2],), None),
        (([np.nan, 5, 5, 5, 1, np.nan],), None),
        (([3, 3, 3],), None),
    ],
    hints=[
        {"en": "Drop the missing answers first; then count 4s and 5s.",
         "zh": "先去掉缺失的回答，再数 4 分和 5 分。"},
        {"en": "`s = pd.Series(scores, dtype=float).dropna()` then `return (s >= 4).mean()`.",
         "zh": "`s = pd.Series(scores, dtype=float).dropna()`，然后 `return (s >= 4).mean()`。"},
    ],
    code="def top2_rate(scores):\n"
         "    s = pd.Series(scores, dtype=float).dropna()\n"
         "    return float((s >= 4).mean())",
    wrong=[
        # missing answers left in the denominator
        lambda scores: float((pd.Series(scores, dtype=float) >= 4).sum() / len(scores)),
        # 一般 (3) counted as satisfied
        lambda scores: float((pd.Series(scores, dtype=float).dropna() >= 3).mean()),
    ],
)

q8 = Numeric(
    prompt={
        "en": "Harbour Coffee has 5,000 loyalty members. How many must answer to estimate a "
              "share within ±5 percentage points at 95 % confidence (p = 0.5)? Use the "
              "finite-population correction and round up.",
        "zh": "海港咖啡有 5,000 名会员。要在 95% 置信水平下把比例估计误差控制在 ±5 个百分点以内"
              "（p = 0.5），需要多少人作答？请使用有限总体校正并向上取整。",
    },
    expected=lambda: cs.sample_size(margin=0.05, confidence=0.95, population=MEMBERS),
    rtol=0, atol=0,
    hints=[
        {"en": "Start from Cochran's n0 = 1.96² × 0.5 × 0.5 / 0.05² ≈ 385, then correct for "
               "the population: n = n0 / (1 + (n0 − 1) / N).",
         "zh": "先算 Cochran 公式 n0 = 1.96² × 0.5 × 0.5 / 0.05² ≈ 385，再做有限总体校正："
               "n = n0 / (1 + (n0 − 1) / N)。"},
        {"en": "`cs.sample_size(margin=0.05, confidence=0.95, population=5000)`.",
         "zh": "`cs.sample_size(margin=0.05, confidence=0.95, population=5000)`。"},
    ],
    code="answer = cs.sample_size(margin=0.05, confidence=0.95, population=5000)",
    wrong=[385, 356],  # no correction; rounded down
)

q9 = Choice(
    prompt={
        "en": "A colleague averages the raw codes of the 按选项序号 download (code 1 = 非常满意) "
              "and reports that the speed of service (question 6) has the *highest* mean, 3.13, "
              "so it is 'the most satisfying item'. What do you tell them?",
        "zh": "一位同事直接对“按选项序号”下载的原始代码（代码 1 = 非常满意）求平均，"
              "发现出餐速度（第 6 题）的平均值 *最高*（3.13），就说它是“最令人满意的项目”。你会怎么回应？",
    },
    options={
        "a": ({"en": "Right: a higher mean always means more satisfied.",
               "zh": "对：平均值越高总是代表越满意。"},
              {"en": "Only when the highest code is the best answer — here code 1 is the best.",
               "zh": "只有在最大代码代表最好的回答时才成立——这里代码 1 才是最好的。"}),
        "b": ({"en": "Wrong way round: with 1 = 非常满意 a high mean is *low* satisfaction; "
                     "reverse the codes (6 − code) before averaging.",
               "zh": "方向反了：1 = 非常满意 时平均值高代表 *不* 满意；求平均前先反转代码（6 − 代码）。"},
              {"en": "Yes — always check which end of the scale code 1 is.",
               "zh": "对——一定要先确认代码 1 对应量表的哪一端。"}),
        "c": ({"en": "Codes cannot be averaged at all; only the text download can be used.",
               "zh": "代码根本不能求平均，只能用按选项文本下载的数据。"},
              {"en": "Codes are fine once you know (and, if needed, reverse) their direction.",
               "zh": "只要清楚代码的方向（必要时反转），代码完全可以用。"}),
    },
    correct="b",
    hints=[
        {"en": "Which label does code 1 stand for in this questionnaire?",
         "zh": "在这份问卷里，代码 1 代表哪个选项？"},
        {"en": "Compare `cs.to_scores(codes, {1: 5, 2: 4, 3: 3, 4: 2, 5: 1})` with the raw codes.",
         "zh": "把 `cs.to_scores(codes, {1: 5, 2: 4, 3: 3, 4: 2, 5: 1})` 和原始代码比较一下。"},
    ],
    solution={
        "en": "b — 问卷星 numbers options in the order they were listed. When 非常满意 is listed "
              "first, code 1 is the best answer, so the raw mean runs the wrong way.",
        "zh": "b —— 问卷星按选项排列的顺序编号。非常满意排在第一位时，代码 1 是最好的回答，"
              "所以原始代码的平均值方向是反的。",
    },
    wrong=["a", "c"],
)

q10 = Reflection(
    prompt={
        "en": "New Coke (1985): Coca-Cola's blind taste tests with about 200,000 people said "
              "the new formula tasted better, yet customers revolted and the old Coke came "
              "back after 79 days. What did the research measure, what did it miss, and what "
              "question would you add to Harbour Coffee's survey before changing a signature "
              "drink?",
        "zh": "新可口可乐（1985）：可口可乐对约 20 万人做的盲测显示新配方更好喝，"
              "但顾客强烈反对，79 天后老可乐回归。这项调研测量了什么、遗漏了什么？"
              "在海港咖啡更换招牌饮品之前，你会在问卷里加什么问题？",
    },
    model_answer={
        "en": "It measured taste in a sip test, one attribute in isolation, and never asked "
              "how people would feel if the old Coke were taken away: the emotional "
              "attachment (brand identity, habit, 'my Coke') that drives loyalty. "
              "Satisfaction with an attribute is not the same as loyalty to the brand. "
              "Before replacing a signature drink, Harbour Coffee should ask loyal customers "
              "directly: 'If the current drink were no longer available, would you visit "
              "less often?', offer both side by side, and test with the most loyal segment.",
        "zh": "它测量的是小口试饮的口味——单独一个属性，却从未问过：如果老可乐被拿走，"
              "人们会有什么感受——也就是驱动忠诚的情感依恋（品牌认同、习惯、“我的可乐”）。"
              "对某个属性满意不等于对品牌忠诚。海港咖啡在更换招牌饮品前，应直接询问忠诚顾客："
              "“如果现在这款饮品不再供应，您会减少光顾吗？”，同时并行提供新旧两款，"
              "并在最忠诚的客户群中测试。",
    },
    rubric=[
        {"en": "names what was measured (taste, blind, one attribute)",
         "zh": "指出测量了什么（口味、盲测、单一属性）"},
        {"en": "names what was missed (attachment / identity / loyalty, the loss of the old)",
         "zh": "指出遗漏了什么（情感依恋 / 品牌认同 / 忠诚、失去旧产品的感受）"},
        {"en": "proposes a concrete survey question or test design",
         "zh": "提出具体的问卷问题或测试设计"},
    ],
    hints=[
        {"en": "Blind test: what could the tasters *not* see?",
         "zh": "盲测：试饮者 *看不到* 什么？"},
        {"en": "Think of the difference between satisfaction with an attribute and loyalty "
               "to a brand.",
         "zh": "想想“对某个属性满意”和“对品牌忠诚”的区别。"},
    ],
)

# --------------------------------------------------------------------------------------
# Issue 13: the textbook's 满意率 and weighted index, multi-level indicators, benchmarking
# (定点超越) and the customer-and-market-focus scorecard.
# --------------------------------------------------------------------------------------

#: The level-1 → level-2 indicator system of question q13 (weights at each level).
TREE = {
    "product": (0.5, {"sat_taste": 0.7, "sat_price": 0.3}),
    "service": (0.3, {"sat_speed": 0.5, "sat_staff": 0.3, "sat_app": 0.2}),
    "environment": (0.2, {"sat_ambience": 1.0}),
}


def _bench_group(brand: str, year: int) -> pd.DataFrame:
    b = data("coffee_benchmark")
    return b[(b["brand"] == brand) & (b["year"] == year)].filter(like="sat_")


def _member_means() -> pd.Series:
    return _sat().mean(axis=1)


def _tree_flat_wrong() -> float:
    """Item weights used as if they were global (the level-1 weights forgotten)."""
    means = _sat().mean()
    pairs = [(w, means[i]) for _, (_, items) in TREE.items() for i, w in items.items()]
    return float(sum(w * m for w, m in pairs) / sum(w for w, _ in pairs))


q11 = Numeric(
    prompt={
        "en": "The textbook's satisfaction rate counts *customers*: 满意顾客数 / 顾客总数. In "
              "`coffee_survey`, a member counts as satisfied when the mean of their six `sat_*` "
              "ratings is at least 4 ('satisfied'). What share of the 600 members is satisfied? "
              "Give a share between 0 and 1.",
        "zh": "教材中的顾客满意率数的是 *顾客*：满意顾客数 / 顾客总数。在 `coffee_survey` 中，"
              "若一位会员六个 `sat_*` 评分的平均值不低于 4（“满意”），就算满意顾客。"
              "600 名会员中满意顾客占多少？请给出 0 到 1 之间的比例。",
    },
    expected=lambda: cs.satisfaction_rate(_sat(), rule="mean"),
    rtol=1e-4,
    hints=[
        {"en": "First decide per member (one row) whether they are satisfied, then take the "
               "share of members — not the share of all 3,600 answers.",
         "zh": "先逐个会员（每一行）判断是否满意，再求满意会员的比例——而不是 3,600 个回答中的比例。"},
        {"en": "`cs.satisfaction_rate(survey.filter(like='sat_'), rule='mean')`, or "
               "`(sat.mean(axis=1) >= 4).mean()`.",
         "zh": "`cs.satisfaction_rate(survey.filter(like='sat_'), rule='mean')`，或 "
               "`(sat.mean(axis=1) >= 4).mean()`。"},
    ],
    solution={"en": "One decision per customer, then the share of customers.",
              "zh": "每位顾客先判断一次，再求顾客中的比例。"},
    code="sat = survey.filter(like='sat_')\nanswer = cs.satisfaction_rate(sat, rule='mean')",
    wrong=[
        lambda: float((_sat().to_numpy() >= 4).mean()),  # share of answers, not of customers
        lambda: float((_sat() >= 4).all(axis=1).mean()),  # satisfied with every item
        lambda: float((_member_means() >= 3).mean()),  # 一般 counted as satisfied
        lambda: cs.satisfaction_rate(_sat(), rule="mean") * 100,  # a percentage, not a share
    ],
)

q12 = Numeric(
    prompt={
        "en": "Compute the textbook's weighted-average satisfaction index on the 1–5 scale: "
              "Index = Σ wᵢ · x̄ᵢ over the six `sat_*` items, with the weights proportional to "
              "the mean importance (`imp_taste` for `sat_taste`, …) and summing to 1. Give the "
              "number on 1–5 (not 0–100).",
        "zh": "按教材的加权平均法在 1–5 分制上计算满意度指数：Index = Σ wᵢ · x̄ᵢ，"
              "对六个 `sat_*` 项目求和，权重与对应重要性平均分成正比（`sat_taste` 对应 "
              "`imp_taste`，……）且总和为 1。请给出 1–5 分制上的数值（不是 0–100）。",
    },
    expected=lambda: cs.satisfaction_index(_sat(), _weights(), method="mean"),
    rtol=1e-4,
    hints=[
        {"en": "Normalise the weights: w = mean importance / sum of mean importances. Then "
               "multiply each item's mean satisfaction by its weight and add up.",
         "zh": "先归一化权重：w = 重要性平均分 / 重要性平均分之和。再用每个项目的满意度平均分乘以权重并求和。"},
        {"en": "`cs.satisfaction_index(sat, weights, method='mean')` (the default) — "
               "`method='range'` would convert to 0–100.",
         "zh": "`cs.satisfaction_index(sat, weights, method='mean')`（默认）——"
               "`method='range'` 会换算成 0–100。"},
    ],
    code="w = imp.mean().rename(lambda c: c.replace('imp_', 'sat_'))\nw = w / w.sum()\n"
         "answer = float((w * sat.mean()).sum())",
    wrong=[
        lambda: cs.satisfaction_index(_sat(), _weights(), method="range"),  # 0–100 already
        lambda: float(_sat().mean().mean()),  # equal weights
        lambda: float((_weights() * _sat().mean()).sum()),  # weights not normalised
    ],
)

q13 = Numeric(
    prompt={
        "en": "A two-level indicator system (一级指标 → 二级指标) for Harbour Coffee is "
              "`ch04.TREE`: product 0.5 (taste 0.7, price 0.3), service 0.3 (speed 0.5, "
              "staff 0.3, app 0.2), environment 0.2 (ambience 1.0). Roll the mean scores of "
              "`coffee_survey` up into one index on 1–5.",
        "zh": "海港咖啡的两级指标体系（一级指标 → 二级指标）见 `ch04.TREE`：产品 0.5（口味 0.7、"
              "价格 0.3）、服务 0.3（速度 0.5、店员 0.3、App 0.2）、环境 0.2（环境氛围 1.0）。"
              "请用 `coffee_survey` 的平均分逐级汇总，得到 1–5 分制上的总指数。",
    },
    expected=lambda: indicators.rollup_index(_sat(), TREE).index,
    rtol=1e-4,
    hints=[
        {"en": "First each level-1 score: Σ item weight × item mean inside the group. Then "
               "Σ group weight × group score.",
         "zh": "先算每个一级指标的得分：组内 Σ 二级权重 × 平均分；再算 Σ 一级权重 × 一级得分。"},
        {"en": "`from coursekit import indicators` then "
               "`indicators.rollup_index(survey.filter(like='sat_'), ch04.TREE).index`.",
         "zh": "`from coursekit import indicators`，然后 "
               "`indicators.rollup_index(survey.filter(like='sat_'), ch04.TREE).index`。"},
    ],
    solution={"en": "Global weight of an item = group weight × item weight.",
              "zh": "二级指标的总权重 = 一级权重 × 二级权重。"},
    code="answer = indicators.rollup_index(sat, ch04.TREE).index",
    wrong=[
        _tree_flat_wrong,  # level-1 weights forgotten
        lambda: float(_sat().mean().mean()),  # equal weights
        lambda: indicators.rollup_index(_sat(), TREE).to_100("range"),  # 0–100
    ],
)

q14 = Exact(
    prompt={
        "en": "Benchmarking (定点超越) in `coffee_benchmark`: compare Harbour Coffee 2025 with "
              "Lighthouse Coffee 2025 on the six `sat_*` items with "
              "`benchmarking.compare_means(ours, theirs)`. What is the verdict for the app "
              "(`sat_app`)? Answer 'better', 'worse' or 'no clear difference'.",
        "zh": "在 `coffee_benchmark` 中做定点超越：用 `benchmarking.compare_means(ours, theirs)` "
              "比较 2025 年海港咖啡和 2025 年灯塔咖啡的六个 `sat_*` 项目。点单 App（`sat_app`）"
              "的结论是什么？请回答 'better'、'worse' 或 'no clear difference'。",
    },
    expected=lambda: str(benchmarking.compare_means(
        _bench_group("Harbour Coffee", 2025), _bench_group("Lighthouse Coffee", 2025)
    ).loc["sat_app", "verdict"]),
    hints=[
        {"en": "Look at the confidence interval of the difference, not only at the two means: "
               "does it contain 0?",
         "zh": "看差值的置信区间，而不只是两个平均数：区间里包含 0 吗？"},
        {"en": "Select the 2025 rows of each brand with `.filter(like='sat_')`, then "
               "`benchmarking.compare_means(ours, theirs).loc['sat_app', 'verdict']`.",
         "zh": "分别选出两个品牌 2025 年的行并 `.filter(like='sat_')`，然后 "
               "`benchmarking.compare_means(ours, theirs).loc['sat_app', 'verdict']`。"},
    ],
    solution={"en": "The means differ by about 0.1 point, but the interval contains 0: the "
                    "samples cannot tell the two apps apart.",
              "zh": "两个平均数相差约 0.1 分，但区间包含 0：样本无法区分两家的 App。"},
    code="ours = bench[(bench.brand == 'Harbour Coffee') & (bench.year == 2025)].filter(like='sat_')\n"
         "theirs = bench[(bench.brand == 'Lighthouse Coffee') & (bench.year == 2025)]"
         ".filter(like='sat_')\n"
         "answer = benchmarking.compare_means(ours, theirs).loc['sat_app', 'verdict']",
    wrong=["worse", "better"],
)

q15 = Exact(
    prompt={
        "en": "Score the self-assessment sheet `excellence_scorecard` with "
              "`excellence.scorecard(sheet)`. Which item (its `code`, e.g. '2.1(1)') is the "
              "weakest — the first one to improve?",
        "zh": "用 `excellence.scorecard(sheet)` 给自评表 `excellence_scorecard` 打分。"
              "哪一项（写出 `code`，例如 '2.1(1)'）最薄弱——应最先改进？",
    },
    expected=lambda: str(excellence.scorecard(data("excellence_scorecard")).weakest.index[0]),
    hints=[
        {"en": "The weakest item has the lowest score; among equal scores, the one with the "
               "larger weight leaves more points on the table.",
         "zh": "最薄弱的项目得分最低；得分相同时，权重更大的项目损失的分数更多。"},
        {"en": "`excellence.scorecard(datasets.load('excellence_scorecard')).weakest.index[0]`.",
         "zh": "`excellence.scorecard(datasets.load('excellence_scorecard')).weakest.index[0]`。"},
    ],
    solution={"en": "Comparing satisfaction with competitors and benchmarks (定点超越) is not "
                    "done at all yet.",
              "zh": "与竞争对手和标杆比较顾客满意度（定点超越）还完全没有做。"},
    code="answer = excellence.scorecard(sheet).weakest.index[0]",
    wrong=["2.1(4)", "2.2a(3)"],
)

QUESTIONS = register(globals())
