"""Chapter 01 exercises — STP: segmentation, targeting, positioning (市场细分、目标市场、定位).

Questions are built from the shipped data sets ``coffee_members`` (benefits sought) and
``brand_perception`` (brand ratings); expected answers are computed lazily with
:mod:`coursekit.stp`, so a cohort's data variant gets its own answers.

Examples
--------
>>> from coursekit.exercises import ch01
>>> ch01.q2.evaluate("a").status
'correct'
>>> ch01.q7.evaluate(ch01.weighted_score).status
'correct'
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from .. import stp
from .core import Choice, Exact, FrameCheck, FunctionCheck, Numeric, Reflection, data, register

ATTRIBUTES = ["taste", "value_for_money", "speed", "ambience",
              "workspace", "social", "sustainability", "rewards"]

# Targeting (chapter 01 notebook): a management team's 1–5 ratings of the five member
# segments (5 = most attractive; for competition 5 = weak competitors) and their weights.
CRITERIA = pd.DataFrame(
    {
        "size":          [5, 4, 4, 3, 3],
        "growth":        [3, 3, 3, 4, 5],
        "profitability": [3, 1, 3, 5, 5],
        "fit":           [2, 1, 5, 4, 4],
        "competition":   [2, 1, 3, 2, 4],
    },
    index=pd.Index(["commuters", "bargain hunters", "social visitors", "connoisseurs",
                    "remote workers"], name="segment"),
)
WEIGHTS = {"size": 0.20, "growth": 0.20, "profitability": 0.25, "fit": 0.20,
           "competition": 0.15}

K = 5
KS = range(2, 9)
CHOOSE_K_OPTIONS = {"n_init": 4, "silhouette_sample": 2000}


def _features() -> list[str]:
    return [c for c in data("coffee_members").columns if c.startswith("benefit_")]


@cache
def _segmentation() -> stp.Segmentation:
    return stp.segment(data("coffee_members"), _features(), K, random_state=0)


@cache
def _k_table() -> pd.DataFrame:
    return stp.choose_k(data("coffee_members"), _features(), KS, random_state=0, **CHOOSE_K_OPTIONS)


def _brand_means(how: str = "mean") -> pd.DataFrame:
    return data("brand_perception").groupby("brand", observed=True)[ATTRIBUTES].agg(how)


def _closest_to_harbour(*, include_self: bool = False) -> str:
    xy = stp.perceptual_map(_brand_means()).coordinates
    dist = np.sqrt(((xy - xy.loc["Harbour Coffee"]) ** 2).sum(axis=1))
    if not include_self:
        dist = dist.drop("Harbour Coffee")
    return str(dist.idxmin())


def weighted_score(scores: dict, weights: dict) -> float:
    """Reference answer of q7: weighted average of one segment's criterion scores."""
    total = sum(weights.values())
    return sum(weights[c] * scores[c] for c in weights) / total


def _forgot_to_normalise(scores: dict, weights: dict) -> float:
    return sum(weights[c] * scores[c] for c in weights)


def _plain_average(scores: dict, weights: dict) -> float:
    return sum(scores[c] for c in weights) / len(weights)


q1 = Exact(
    prompt={
        "en": "Make the list `features` of the *benefits-sought* columns of `coffee_members` "
              "(all columns whose name starts with 'benefit_'). These are the variables we "
              "segment on.",
        "zh": "列出 `coffee_members` 中所有*追求利益*变量的列名，存为列表 `features`"
              "（列名以 'benefit_' 开头的全部列）。我们用它们来做市场细分。",
    },
    expected=lambda: _features(),
    ordered=False,
    hints=[
        {"en": "`members.columns` lists every column name; keep those that start with "
               "'benefit_'.",
         "zh": "`members.columns` 给出全部列名；保留以 'benefit_' 开头的那些。"},
        {"en": "A list comprehension does it: `[c for c in members.columns if "
               "c.startswith(...)]`. There are 8 of them; age or gender are *not* benefits.",
         "zh": "用列表推导式：`[c for c in members.columns if c.startswith(...)]`。"
               "一共 8 列；年龄、性别*不是*利益变量。"},
    ],
    code="features = [c for c in members.columns if c.startswith('benefit_')]",
    wrong=[
        # mixed a demographic variable into the benefits
        lambda: [*_features(), "age"],
        # forgot one item (typed the names by hand)
        lambda: _features()[:-1],
    ],
)

q2 = Choice(
    prompt={
        "en": "`city_tier` (tier 1 / 2 / 3 city) is which kind of segmentation variable? "
              "Answer with the letter.",
        "zh": "`city_tier`（一线 / 二线 / 三线城市）属于哪一类细分变量？请填写字母。",
    },
    options={
        "a": ({"en": "geographic", "zh": "地理变量"},
              {"en": "Yes: where the customer lives.", "zh": "对：客户住在哪里。"}),
        "b": ({"en": "demographic", "zh": "人口统计变量"},
              {"en": "Demographic variables describe the person (age, gender, occupation, "
                     "income), not the place.",
               "zh": "人口统计变量描述的是人（年龄、性别、职业、收入），不是地点。"}),
        "c": ({"en": "psychographic", "zh": "心理变量"},
              {"en": "Psychographic variables are lifestyle, values and personality.",
               "zh": "心理变量是生活方式、价值观和个性。"}),
        "d": ({"en": "behavioural", "zh": "行为变量"},
              {"en": "Behavioural variables are benefits sought, usage rate, loyalty, occasion.",
               "zh": "行为变量是追求的利益、使用频率、忠诚度、购买时机。"}),
    },
    correct="a",
    hints=[
        {"en": "Ask: does the variable describe the *person*, the *place*, the *mind* or the "
               "*buying behaviour*?",
         "zh": "问自己：这个变量描述的是*人*、*地点*、*心理*，还是*购买行为*？"},
        {"en": "A city tier is a property of a place.", "zh": "城市等级是地点的属性。"},
    ],
    solution={"en": "a) geographic — city tier, region, climate, urban/rural are geographic.",
              "zh": "a) 地理变量——城市等级、地区、气候、城乡都属于地理变量。"},
    wrong=["b", "d"],
)

q3 = Numeric(
    prompt={
        "en": "Segment the members on the 8 benefit items with `stp.segment(members, features, "
              "5, random_state=0)`. How many members are in the largest segment "
              "(a count of people)?",
        "zh": "用 `stp.segment(members, features, 5, random_state=0)` 按 8 个利益变量对会员"
              "做细分。最大的细分市场有多少名会员（人数）？",
    },
    expected=lambda: int(_segmentation().sizes.max()),
    rtol=0, atol=0,
    hints=[
        {"en": "The result has `.sizes` (members per segment) and `.labels` (segment per "
               "member). Segment 1 is the largest.",
         "zh": "结果有 `.sizes`（每个细分市场的人数）和 `.labels`（每位会员所属细分）。"
               "1 号细分市场最大。"},
        {"en": "`seg.sizes.max()` — a whole number, not a share.",
         "zh": "`seg.sizes.max()`——是人数（整数），不是占比。"},
    ],
    code="seg = stp.segment(members, features, 5, random_state=0)\n"
         "largest = int(seg.sizes.max())",
    wrong=[
        # gave the share instead of the count
        lambda: _segmentation().sizes.max() / _segmentation().sizes.sum(),
        # the smallest segment
        lambda: int(_segmentation().sizes.min()),
    ],
)

q4 = Exact(
    prompt={
        "en": "Run `stp.choose_k(members, features, range(2, 9), n_init=4, "
              "silhouette_sample=2000)`. Which k has the highest average silhouette? "
              "(a whole number)",
        "zh": "运行 `stp.choose_k(members, features, range(2, 9), n_init=4, "
              "silhouette_sample=2000)`。哪个 k 的平均轮廓系数最高？（填整数）",
    },
    expected=lambda: int(_k_table()["silhouette"].idxmax()),
    hints=[
        {"en": "The table has one row per k; look down the `silhouette` column. Higher is "
               "better for the silhouette (but not for the inertia!).",
         "zh": "表中每个 k 一行；看 `silhouette` 列。轮廓系数越高越好（惯性则不是！）。"},
        {"en": "`table['silhouette'].idxmax()` returns the k (the row label) of the largest "
               "value.",
         "zh": "`table['silhouette'].idxmax()` 返回最大值所在的 k（行标签）。"},
    ],
    code="table = stp.choose_k(members, features, range(2, 9), n_init=4, "
         "silhouette_sample=2000)\n"
         "best_k = int(table['silhouette'].idxmax())",
    wrong=[
        # "the lowest inertia is best" — inertia always falls as k grows
        lambda: int(_k_table()["inertia"].idxmin()),
        # the position (0, 1, 2 …) instead of the label k
        lambda: int(_k_table()["silhouette"].to_numpy().argmax()),
    ],
)

q5 = FrameCheck(
    prompt={
        "en": "From `brand_perception`, make the brands × attributes table `brand_means`: "
              "the mean rating of every brand on each of the 8 attributes (one row per brand).",
        "zh": "用 `brand_perception` 做出品牌 × 属性表 `brand_means`：每个品牌在 8 个属性上的"
              "平均评分（每个品牌一行）。",
    },
    expected=lambda: _brand_means(),
    rtol=1e-6,
    hints=[
        {"en": "Group the survey rows by `brand`, keep the 8 attribute columns, and take an "
               "average.",
         "zh": "按 `brand` 分组，保留 8 个属性列，再求平均。"},
        {"en": "`survey.groupby('brand', observed=True)[ATTRIBUTES].mean()` — the mean, not "
               "the sum: brands are rated by different numbers of people.",
         "zh": "`survey.groupby('brand', observed=True)[ATTRIBUTES].mean()`——用平均值而不是"
               "总和：不同品牌的评分人数不同。"},
    ],
    code="brand_means = survey.groupby('brand', observed=True)[ATTRIBUTES].mean()",
    wrong=[
        # summed the ratings: well-known brands look "better" only because more people rated them
        lambda: _brand_means("sum"),
        lambda: _brand_means("median"),
    ],
)

q6 = Exact(
    prompt={
        "en": "Draw the PCA perceptual map of `brand_means` (`stp.perceptual_map(brand_means)`). "
              "Which *other* brand is closest to Harbour Coffee on the map (straight-line "
              "distance on dim1 and dim2)? Give the brand name as text.",
        "zh": "对 `brand_means` 画主成分感知图（`stp.perceptual_map(brand_means)`）。"
              "在图上，哪一个*其他*品牌离海港咖啡（Harbour Coffee）最近（按 dim1、dim2 的"
              "直线距离）？请填写品牌名称（文本）。",
    },
    expected=lambda: _closest_to_harbour(),
    hints=[
        {"en": "Take `pm.coordinates`, subtract the Harbour Coffee row, square, add across "
               "the two columns, take the square root.",
         "zh": "取 `pm.coordinates`，减去 Harbour Coffee 那一行，平方，两列相加，再开平方。"},
        {"en": "Harbour Coffee's distance to itself is 0 — drop it before `.idxmin()`.",
         "zh": "海港咖啡到自己的距离是 0——先把它去掉再用 `.idxmin()`。"},
    ],
    code="xy = stp.perceptual_map(brand_means).coordinates\n"
         "dist = ((xy - xy.loc['Harbour Coffee']) ** 2).sum(axis=1) ** 0.5\n"
         "closest = dist.drop('Harbour Coffee').idxmin()",
    wrong=[
        # forgot to drop Harbour Coffee itself (distance 0)
        lambda: _closest_to_harbour(include_self=True),
        "Beanline",
    ],
)

q7 = FunctionCheck(
    prompt={
        "en": "Write `weighted_score(scores, weights)`: the attractiveness of ONE segment, "
              "Σ weight × score / Σ weights. Both arguments are dicts keyed by criterion, "
              "e.g. scores={'size': 4, 'fit': 2}, weights={'size': 0.3, 'fit': 0.7}. "
              "The weights may not sum to 1.",
        "zh": "编写函数 `weighted_score(scores, weights)`：计算一个细分市场的吸引力得分，"
              "Σ 权重 × 分数 / Σ 权重。两个参数都是以评价标准为键的字典，例如 "
              "scores={'size': 4, 'fit': 2}，weights={'size': 0.3, 'fit': 0.7}。"
              "权重之和不一定等于 1。",
    },
    cases=[
        (({"size": 4, "fit": 2}, {"size": 0.3, "fit": 0.7}), 2.6),
        (({"size": 5, "growth": 1, "fit": 3}, {"size": 2, "growth": 1, "fit": 1}), 3.5),
        (({"size": 1, "fit": 5}, {"size": 1, "fit": 1}), 3.0),
        (({"a": 2, "b": 4, "c": 9}, {"a": 1, "b": 3}), 3.5),
    ],
    reference=weighted_score,
    hints=[
        {"en": "Loop over the criteria in `weights`; multiply each weight by the score of the "
               "same criterion; add up.",
         "zh": "遍历 `weights` 中的评价标准；每个权重乘以同一标准的分数；再求和。"},
        {"en": "Divide by `sum(weights.values())` so that weights of 2, 1, 1 act like "
               "0.5, 0.25, 0.25. Criteria without a weight are ignored.",
         "zh": "再除以 `sum(weights.values())`，这样权重 2、1、1 就相当于 0.5、0.25、0.25。"
               "没有权重的标准不计入。"},
    ],
    code="def weighted_score(scores, weights):\n"
         "    total = sum(weights.values())\n"
         "    return sum(weights[c] * scores[c] for c in weights) / total",
    wrong=[_forgot_to_normalise, _plain_average],
)

q8 = Exact(
    prompt={
        "en": "Score the five segments with `stp.attractiveness(CRITERIA, WEIGHTS)` "
              "(both in `coursekit.exercises.ch01`). Which segment ranks first? "
              "Give its name as text.",
        "zh": "用 `stp.attractiveness(CRITERIA, WEIGHTS)`（两者都在 "
              "`coursekit.exercises.ch01` 中）给五个细分市场打分。排名第一的是哪个细分市场？"
              "请填写名称（文本）。",
    },
    expected=lambda: str(stp.attractiveness(CRITERIA, WEIGHTS)["score"].idxmax()),
    hints=[
        {"en": "The result has a `rank` column: 1 = most attractive.",
         "zh": "结果中有 `rank` 列：1 表示最有吸引力。"},
        {"en": "`table['score'].idxmax()` gives the segment name. The biggest segment is not "
               "necessarily the best target.",
         "zh": "`table['score'].idxmax()` 给出细分市场名称。最大的细分市场不一定是最好的目标。"},
    ],
    code="table = stp.attractiveness(CRITERIA, WEIGHTS)\n"
         "best = table['score'].idxmax()",
    wrong=[
        # picked the biggest segment
        lambda: str(CRITERIA["size"].idxmax()),
        # read the rank column the wrong way round (largest rank number)
        lambda: str(stp.attractiveness(CRITERIA, WEIGHTS)["rank"].idxmax()),
    ],
)

q9 = Reflection(
    prompt={
        "en": "Write a positioning statement for Harbour Coffee for the segment you would "
              "target, in the form: 'For (target segment) who (need), Harbour Coffee is the "
              "(frame of reference) that (point of difference), because (reason to believe).' "
              "Use what the profile and the perceptual map showed.",
        "zh": "为海港咖啡针对你选择的目标细分市场写一句定位陈述，格式为：“对于（目标细分"
              "市场）中需要（需求）的顾客，海港咖啡是（参照类别）中（差异点）的品牌，因为"
              "（支持理由）。”请用到细分画像和感知图的结论。",
    },
    model_answer={
        "en": "For remote workers and freelancers who need a comfortable place to work away "
              "from home without paying premium prices, Harbour Coffee is the neighbourhood "
              "coffee house that is both a good workspace and good value, because every store "
              "has quiet tables, sockets and free Wi-Fi, and members earn a free refill per "
              "two hours. (The map shows no brand owning 'workspace + value': Summit Roasters "
              "is a workspace but poor value; QuickCup and Beanline are value but no place to "
              "stay.)",
        "zh": "对于需要离家办公、又不想付高价的远程办公者和自由职业者，海港咖啡是一家既适合"
              "办公又实惠的社区咖啡馆，因为每家门店都有安静的座位、插座和免费 Wi-Fi，会员"
              "每两小时还可免费续杯。（感知图显示没有品牌同时占据“适合办公 + 实惠”：Summit "
              "Roasters 适合办公但不实惠；QuickCup 和 Beanline 实惠但不适合久坐。）",
    },
    rubric=[
        {"en": "names ONE target segment found in the data (not 'everyone')",
         "zh": "只点名一个数据中发现的目标细分市场（而不是“所有人”）"},
        {"en": "the point of difference is a position no competitor owns on the map",
         "zh": "差异点是感知图上没有竞争对手占据的位置"},
        {"en": "gives a concrete reason to believe the firm can deliver",
         "zh": "给出企业能够兑现承诺的具体理由"},
    ],
    hints=[
        {"en": "Look for an empty region of the map that a segment cares about.",
         "zh": "在感知图上找一个某个细分市场在乎、却没有品牌占据的空白区域。"},
        {"en": "Check the segment's profile index: which benefits are far above 100?",
         "zh": "看该细分市场画像的指数：哪些利益明显高于 100？"},
    ],
)

QUESTIONS = register(globals())
