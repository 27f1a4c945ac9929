"""Chapter 03 exercises — Value dimensions and customer grading (客户价值维度与客户分级).

Questions are built from the shipped data sets ``aurora_distributors``, ``brightline_clients``,
``kestrel_accounts``, ``kestrel_potential`` and ``cdnow_sample``; the expected answers are computed lazily with :mod:`coursekit.grading`.
The constants below are the ones the chapter notebook and the exercise notebook use.

Examples
--------
>>> from coursekit.exercises import ch03
>>> ch03.q6.evaluate(lambda rank, firms: 100 * (1 - (rank - 1) / firms)).status
'correct'
>>> ch03.q6.evaluate(lambda rank, firms: 100 * rank / firms).status
'wrong'
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import grading as gr
from .core import Choice, Exact, FrameCheck, FunctionCheck, Numeric, Reflection, data, register

# Aurora Cosmetics: value dimensions and weights of the three strategy phases
PHASES = {
    "reach": {"outlets": 0.7, "growth": 0.2, "sales": 0.1},   # sales almost ignored at first
    "compliance": {"audit_score": 0.4, "payment_days": 0.3, "price_violations": 0.3},
    "control": {"data_sharing": 0.6, "audit_score": 0.2, "sales": 0.2},
}
LOWER_IS_BETTER = ["payment_days", "price_violations"]
# Aurora's managers compare the three phase goals pairwise (AHP) for next year's plan
AHP_LABELS = ["reach", "compliance", "control"]
AHP_MATRIX = [[1, 1 / 3, 1 / 5],
              [3, 1, 1 / 3],
              [5, 3, 1]]
# Brightline Advertising: market influence and the grading grid
INFLUENCE_WEIGHTS = {"rank_pct": 0.6, "awareness": 0.4}
REVENUE_CUTS = [1, 5]            # CNY million / year
INFLUENCE_CUTS = [40, 70]        # points 0–100
GRID = [["B", "A", "A"],          # influence ≥ 70
        ["C", "B", "A"],          # 40 – 70
        ["C", "C", "B"]]          # < 40
DECIDE = [("revenue", ">=", 10, "A")]   # 一票决定制: 10 million CNY a year or more → A
VETO = DECIDE                           # old name, kept for saved notebooks (it promoted)
DISQUALIFY = [("payment_defaults", ">=", 1, "B")]  # 一票否决制: a default → never A
# CDNOW
CDNOW_END = "1998-06-30"


@cache
def _brightline() -> pd.DataFrame:
    bl = data("brightline_clients")
    rank_pct = 100 * (1 - (bl["industry_rank"] - 1) / bl["firms_in_industry"])
    bl = bl.assign(rank_pct=rank_pct)
    return bl.assign(influence=0.6 * bl["rank_pct"] + 0.4 * bl["awareness"])


def _top5(phase: str, lower: list[str] | None = None) -> list[int]:
    w = PHASES[phase]
    lower = [c for c in LOWER_IS_BETTER if c in w] if lower is None else lower
    score = gr.weighted_score(data("aurora_distributors"), w, lower_is_better=lower)
    return data("aurora_distributors").loc[score.nlargest(5).index, "distributor_id"].tolist()


def _graded(decide=DECIDE, disqualify=None) -> pd.DataFrame:
    return gr.grade_matrix(_brightline(), x="revenue", y="influence", x_cuts=REVENUE_CUTS,
                           y_cuts=INFLUENCE_CUTS, table=GRID, decide=decide,
                           disqualify=disqualify)


def _grade_counts(decide=DECIDE, disqualify=None) -> pd.Series:
    graded = _graded(decide, disqualify)
    return graded["grade"].value_counts().reindex(list("ABC"), fill_value=0).rename("clients")


def _industry_percentile(rank, firms):
    return 100 * (1 - (rank - 1) / firms)


q1 = Numeric(
    prompt={
        "en": "ABC grading of the Aurora distributors on `sales` with the usual cuts "
              "(0.8, 0.95): a distributor is A when the cumulative share of sales, largest "
              "first and including itself, is at most 80 %. How many distributors are A?",
        "zh": "按 `sales` 对极光化妆品的经销商做 ABC 分级，分界点取常用的 (0.8, 0.95)："
              "从大到小排序，累计销售占比（含自身）不超过 80% 的为 A 类。A 类经销商有多少家？",
    },
    expected=lambda: int((gr.abc(data("aurora_distributors"), "sales")["grade"] == "A").sum()),
    rtol=0, atol=0,
    hints=[
        {"en": "Sort from the largest to the smallest sales, add up the shares, and count the "
               "rows whose running total is ≤ 0.8. `gr.abc` does all of it.",
         "zh": "按销售额从大到小排序，累加占比，数一数累计值 ≤ 0.8 的行。`gr.abc` 一步完成。"},
        {"en": "`graded = gr.abc(aurora, 'sales')`, then `(graded['grade'] == 'A').sum()`. "
               "It is not simply 20 % of the distributors.",
         "zh": "`graded = gr.abc(aurora, 'sales')`，再 `(graded['grade'] == 'A').sum()`。"
               "答案并不是简单的 20% 家数。"},
    ],
    code="graded = gr.abc(aurora, 'sales')\n"
         "n_a = int((graded['grade'] == 'A').sum())",
    wrong=[
        # took "A = the top 20 % of distributors" literally
        lambda: round(0.2 * len(data("aurora_distributors"))),
        # counted A and B (cumulative share ≤ 95 %)
        lambda: int(gr.abc(data("aurora_distributors"), "sales")["grade"].isin(["A", "B"]).sum()),
    ],
)

q2 = Exact(
    prompt={
        "en": "System-compliance phase: score the distributors with weights audit_score 0.4, "
              "payment_days 0.3, price_violations 0.3 (min–max normalised; payment days and "
              "price violations are *less is better*). Give the `distributor_id`s of the top 5, "
              "best first, as a list.",
        "zh": "体系合规阶段：按权重 audit_score 0.4、payment_days 0.3、price_violations 0.3 "
              "给经销商打分（极差标准化；回款天数和价格违规次数是*越少越好*）。"
              "按从高到低给出前 5 名的 `distributor_id` 列表。",
    },
    expected=lambda: _top5("compliance"),
    hints=[
        {"en": "Two of the three criteria must be reversed before weighting, otherwise the "
               "slowest payers score highest.",
         "zh": "三项指标中有两项必须先反向再加权，否则回款最慢的经销商反而得分最高。"},
        {"en": "`score = gr.weighted_score(aurora, weights, lower_is_better=[...])`, then "
               "`aurora.loc[score.nlargest(5).index, 'distributor_id'].tolist()`.",
         "zh": "`score = gr.weighted_score(aurora, weights, lower_is_better=[...])`，再用 "
               "`aurora.loc[score.nlargest(5).index, 'distributor_id'].tolist()`。"},
    ],
    code="w = {'audit_score': 0.4, 'payment_days': 0.3, 'price_violations': 0.3}\n"
         "score = gr.weighted_score(aurora, w, lower_is_better=['payment_days', "
         "'price_violations'])\n"
         "top5 = aurora.loc[score.nlargest(5).index, 'distributor_id'].tolist()",
    wrong=[
        # forgot that fewer payment days and fewer violations are better
        lambda: _top5("compliance", lower=[]),
        # ranked by the reach-phase weights instead
        lambda: _top5("reach"),
    ],
)

q3 = Numeric(
    prompt={
        "en": "Aurora's managers compare the three phase goals pairwise (matrix `AHP_MATRIX`, "
              "order reach, compliance, control). What is the consistency ratio CR?",
        "zh": "极光的管理层对三个阶段目标做两两比较（矩阵 `AHP_MATRIX`，顺序为覆盖、合规、"
              "控制）。一致性比率 CR 是多少？",
    },
    expected=lambda: gr.ahp_weights(AHP_MATRIX).cr,
    rtol=0.02, atol=5e-4,
    hints=[
        {"en": "CR = CI / RI with CI = (λmax − n) / (n − 1) and RI = 0.58 for n = 3.",
         "zh": "CR = CI / RI，其中 CI = (λmax − n) / (n − 1)，n = 3 时 RI = 0.58。"},
        {"en": "`gr.ahp_weights(AHP_MATRIX).cr` — not `.ci`.",
         "zh": "`gr.ahp_weights(AHP_MATRIX).cr` —— 不是 `.ci`。"},
    ],
    solution={
        "en": "```res = gr.ahp_weights(AHP_MATRIX)\ncr = res.cr   # below 0.10: consistent enough```",
        "zh": "```res = gr.ahp_weights(AHP_MATRIX)\ncr = res.cr   # 低于 0.10：一致性可接受```",
    },
    wrong=[
        lambda: gr.ahp_weights(AHP_MATRIX).ci,          # gave CI instead of CR
        lambda: gr.ahp_weights(AHP_MATRIX).lambda_max,  # gave lambda max
    ],
)

q4 = FrameCheck(
    prompt={
        "en": "Brightline: grade the clients with `gr.grade_matrix` (x = revenue, cuts "
              "`REVENUE_CUTS`; y = influence, cuts `INFLUENCE_CUTS`; table `GRID`; deciding "
              "rule `decide=DECIDE` — 一票决定制). Give the number of clients per grade as a "
              "Series indexed A, B, C.",
        "zh": "明线广告：用 `gr.grade_matrix` 给客户分级（x = revenue，分界 `REVENUE_CUTS`；"
              "y = influence，分界 `INFLUENCE_CUTS`；表 `GRID`；一票决定制规则 `decide=DECIDE`）。"
              "以 A、B、C 为索引给出各等级的客户数（Series）。",
    },
    expected=lambda: _grade_counts(),
    hints=[
        {"en": "Compute `influence` first (0.6 × industry-rank percentile + 0.4 × awareness), "
               "then grade, then count the `grade` column.",
         "zh": "先算 `influence`（0.6 × 行业排名百分位 + 0.4 × 知名度），再分级，最后统计 "
               "`grade` 列。"},
        {"en": "`graded['grade'].value_counts().sort_index()`. Did you pass `decide=DECIDE`? "
               "Without it a big spender with little influence is not A.",
         "zh": "`graded['grade'].value_counts().sort_index()`。传入 `decide=DECIDE` 了吗？"
               "没有它，花费很多但影响力小的客户就不会是 A。"},
    ],
    code="graded = gr.grade_matrix(clients, x='revenue', y='influence', x_cuts=REVENUE_CUTS,\n"
         "                         y_cuts=INFLUENCE_CUTS, table=GRID, decide=DECIDE)\n"
         "counts = graded['grade'].value_counts().sort_index()",
    wrong=[
        lambda: _grade_counts(decide=None),   # forgot the deciding rule
    ],
    check_order=False,
)

q5 = Numeric(
    prompt={
        "en": "How many Brightline clients does the deciding rule (一票决定制: revenue ≥ 10 "
              "million CNY → A) move to A (their grid grade was not A)?",
        "zh": "一票决定制规则（年收入 ≥ 1000 万元 → A）把多少位明线广告客户提升为 A"
              "（它们在矩阵中的等级原本不是 A）？",
    },
    expected=lambda: int((_graded()["grade"] != _graded()["matrix_grade"]).sum()),
    rtol=0, atol=0,
    hints=[
        {"en": "`grade_matrix` keeps both the grid grade (`matrix_grade`) and the final "
               "`grade`; compare them.",
         "zh": "`grade_matrix` 同时保留矩阵等级（`matrix_grade`）和最终等级（`grade`），"
               "比较两者。"},
        {"en": "`(graded['grade'] != graded['matrix_grade']).sum()` — not the number of "
               "clients with revenue ≥ 10, some of whom were A anyway.",
         "zh": "`(graded['grade'] != graded['matrix_grade']).sum()` —— 不是收入 ≥ 10 的客户数，"
               "其中有些本来就是 A。"},
    ],
    code="moved = int((graded['grade'] != graded['matrix_grade']).sum())",
    wrong=[
        # counted every client the rule applies to
        lambda: int((_brightline()["revenue"] >= 10).sum()),
    ],
)

q6 = FunctionCheck(
    prompt={
        "en": "Write `industry_percentile(rank, firms)`: the client's position in its industry "
              "on 0–100, where the leader (rank 1) gets 100 and each place down loses "
              "100 / firms points.",
        "zh": "编写函数 `industry_percentile(rank, firms)`：客户在行业中的位置（0–100），"
              "行业第一（rank 1）得 100 分，每往后一名减少 100 / firms 分。",
    },
    cases=[((1, 100), 100.0), ((100, 100), 1.0), ((21, 80), 75.0), ((3, 60), None)],
    reference=_industry_percentile,
    hints=[
        {"en": "Rank 1 must give 100: start from rank − 1 places behind the leader.",
         "zh": "第 1 名必须得 100：从“落后第一名 rank − 1 位”出发。"},
        {"en": "`return 100 * (1 - (rank - 1) / firms)`",
         "zh": "`return 100 * (1 - (rank - 1) / firms)`"},
    ],
    code="def industry_percentile(rank, firms):\n"
         "    return 100 * (1 - (rank - 1) / firms)",
    wrong=[
        lambda rank, firms: 100 * rank / firms,            # reversed: the leader gets the least
        lambda rank, firms: 100 * (1 - rank / firms),      # off by one: the leader gets < 100
    ],
)

q7 = Choice(
    prompt={
        "en": "A customer bought on 1 Jan, 10 Jan and 1 Mar 2025. Observation ends 31 Mar 2025. "
              "In the *modelling* convention (`rfm_summary`, lifetimes), what is the recency?",
        "zh": "某客户在 2025 年 1 月 1 日、1 月 10 日和 3 月 1 日购买，观察期截至 2025 年 3 月 "
              "31 日。按*建模*口径（`rfm_summary`，lifetimes），最近度 recency 是多少？",
    },
    options={
        "a": ({"en": "30 days", "zh": "30 天"},
              {"en": "That is days since the last purchase — the *segmentation* convention "
                     "(`rfm`).",
               "zh": "那是距最后一次购买的天数 —— *细分*口径（`rfm`）。"}),
        "b": ({"en": "59 days", "zh": "59 天"},
              {"en": "Yes: last − first purchase, 1 Jan → 1 Mar.",
               "zh": "对：最后一次减第一次购买，1 月 1 日 → 3 月 1 日。"}),
        "c": ({"en": "89 days", "zh": "89 天"},
              {"en": "That is T, the customer's age at the end of observation.",
               "zh": "那是 T，即观察期结束时的客户“年龄”。"}),
        "d": ({"en": "2", "zh": "2"},
              {"en": "That is the frequency (repeat purchases), not the recency.",
               "zh": "那是频次（重复购买次数），不是最近度。"}),
    },
    correct="b",
    hints=[
        {"en": "In the modelling convention recency measures how long the customer has been "
               "seen active: from the first to the last purchase.",
         "zh": "建模口径中的最近度衡量客户被观察到的活跃时长：从第一次到最后一次购买。"},
        {"en": "Count the days from 1 Jan to 1 Mar 2025 (January has 31 days, February 28).",
         "zh": "数一数 2025 年 1 月 1 日到 3 月 1 日的天数（1 月 31 天，2 月 28 天）。"},
    ],
    solution={
        "en": "b — recency = 1 Mar − 1 Jan = 59 days; frequency = 2; T = 89 days. The "
              "segmentation `rfm` would say 30 days since the last purchase.",
        "zh": "b —— 最近度 = 3 月 1 日 − 1 月 1 日 = 59 天；频次 = 2；T = 89 天。"
              "细分口径 `rfm` 则是距最后一次购买 30 天。",
    },
    wrong=["a", "c", "d"],
)

q8 = Numeric(
    prompt={
        "en": "CDNOW, modelling convention: `rfm_summary` with amount, observation end "
              "1998-06-30, daily periods. What is the mean `monetary_value` (USD) of the "
              "customers who made at least one repeat purchase?",
        "zh": "CDNOW，建模口径：用 `rfm_summary`（含金额，观察期截至 1998-06-30，按天）。"
              "至少有一次重复购买的客户，其 `monetary_value` 的平均值（美元）是多少？",
    },
    expected=lambda: _cdnow_summary().query("frequency > 0")["monetary_value"].mean(),
    rtol=1e-3,
    hints=[
        {"en": "One-time buyers get monetary_value 0 (they have no repeat purchase): keep only "
               "`frequency > 0` before averaging.",
         "zh": "只买过一次的客户 monetary_value 为 0（没有重复购买）：求平均前只保留 "
               "`frequency > 0` 的客户。"},
        {"en": "`s = gr.rfm_summary(cdnow, customer='customer_id', date='date', amount='amount', "
               "observation_end='1998-06-30')`, then `s[s['frequency'] > 0]['monetary_value']"
               ".mean()`.",
         "zh": "`s = gr.rfm_summary(cdnow, customer='customer_id', date='date', amount='amount', "
               "observation_end='1998-06-30')`，再 `s[s['frequency'] > 0]['monetary_value']"
               ".mean()`。"},
    ],
    code="s = gr.rfm_summary(cdnow, customer='customer_id', date='date', amount='amount',\n"
         "                   observation_end='1998-06-30')\n"
         "mean_repeat = s.loc[s['frequency'] > 0, 'monetary_value'].mean()",
    wrong=[
        # averaged over everyone, one-time buyers' zeros included
        lambda: _cdnow_summary()["monetary_value"].mean(),
        # mean of every purchase (first purchases included): the segmentation habit
        lambda: data("cdnow_sample")["amount"].mean(),
    ],
)

q9 = Reflection(
    prompt={
        "en": "Several Brightline clients with very high market influence end up grade C "
              "because they spend little with the agency. Would you cut their service? What "
              "would you do instead, and what does this say about what grades are for?",
        "zh": "明线广告有几位市场影响力很高的客户，因为在本公司花费少而被评为 C 级。"
              "你会削减对他们的服务吗？你会怎么做？这说明客户分级的目的是什么？",
    },
    model_answer={
        "en": "Not automatically. An influential brand is a reference and a door-opener, and "
              "small revenue may mean we hold only a small share of its budget — a growth "
              "opportunity. Look at share of wallet and potential; give a senior contact and a "
              "proposal for a larger project, but keep the cost to serve in line with what the "
              "client brings until it grows. Grades are a means to allocate limited resources, "
              "not a verdict: review them every year and let strategy (which dimensions matter) "
              "drive the grid.",
        "zh": "不应自动削减。有影响力的品牌是标杆和敲门砖；收入少可能只说明我们占其预算的份额小"
              "——这是增长机会。应看钱包份额和潜力：安排资深联系人、提出更大的项目方案，"
              "但在客户贡献增长之前，服务成本要与其贡献相称。分级是分配有限资源的手段，"
              "不是判决：每年复核，并让战略（哪些维度重要）决定分级矩阵。",
    },
    hints=[
        {"en": "Separate what the client brings *now* (revenue) from what it could bring "
               "(influence, share of its budget, references).",
         "zh": "把客户*现在*带来的（收入）和将来可能带来的（影响力、预算份额、口碑推荐）分开。"},
        {"en": "Think of a concrete action and of its cost: who serves the client, how often, "
               "and what would make you regrade it next year?",
         "zh": "想一个具体行动及其成本：由谁服务、多久一次、什么情况下明年重新分级？"},
    ],
    solution={
        "en": "Compare your answer with the model answer: current value vs potential, a "
              "concrete action with a cost limit, and grades as a means to allocate resources.",
        "zh": "把你的回答与参考答案对照：既成价值与潜在价值、有成本约束的具体行动、"
              "分级是分配资源的手段。",
    },
    rubric=[
        {"en": "distinguishes current value from potential (share of wallet, influence)",
         "zh": "区分既成价值与潜在价值（钱包份额、影响力）"},
        {"en": "proposes a concrete action with a cost limit",
         "zh": "提出具体行动，并控制服务成本"},
        {"en": "says grades serve resource allocation and should be reviewed",
         "zh": "指出分级服务于资源分配，且应定期复核"},
    ],
)


# ============================================================================================
# Issue #12 (textbook grading): Q10–Q14 — disqualifying vs deciding rules, ABC on two
# dimensions, objective weights, the four-step procedure. Kept in one block so that the
# "questions as data" refactoring (issue #19) can move it as a whole.
# ============================================================================================
COMPLIANCE = ["audit_score", "payment_days", "price_violations"]
POTENTIAL_YEARS = 3   # development potential: the account's wallet in 3 years − revenue today


@cache
def _kestrel() -> pd.DataFrame:
    acc = data("kestrel_accounts").merge(data("kestrel_potential"), on="account_id")
    future = acc["wallet"] * (1 + acc["growth"] / 100) ** POTENTIAL_YEARS
    return acc.assign(potential=(future - acc["revenue"]).clip(lower=0))


def _abc_count(column: str | None) -> int:
    if column is None:
        graded = gr.abc_matrix(_kestrel(), x="revenue", y="potential")
    else:
        graded = gr.abc(_kestrel(), column)
    return int((graded["grade"] == "A").sum())


def _compliance_weights(cost=("payment_days", "price_violations"), normalize="minmax"):
    from .. import weights

    return weights.entropy_weights(data("aurora_distributors")[COMPLIANCE], cost=list(cost),
                                   normalize=normalize)


q10 = FrameCheck(
    prompt={
        "en": "Brightline adds a disqualifying rule (一票否决制) to the deciding rule: a client "
              "with any payment default can never be A — `disqualify=DISQUALIFY`, i.e. "
              "`[('payment_defaults', '>=', 1, 'B')]` (at most B). Grade again with "
              "`decide=DECIDE, disqualify=DISQUALIFY` and give the clients per grade as a "
              "Series indexed A, B, C.",
        "zh": "明线广告在一票决定制之外再加一条一票否决制规则：有任何拖欠回款记录的客户不能是 A"
              "——`disqualify=DISQUALIFY`，即 `[('payment_defaults', '>=', 1, 'B')]`（最高 B）。"
              "用 `decide=DECIDE, disqualify=DISQUALIFY` 重新分级，以 A、B、C 为索引给出各等级"
              "客户数（Series）。",
    },
    expected=lambda: _grade_counts(DECIDE, DISQUALIFY),
    hints=[
        {"en": "A disqualifying rule only ever lowers a grade: a defaulter graded C stays C.",
         "zh": "一票否决只会降低等级：被评为 C 的拖欠客户仍是 C。"},
        {"en": "`gr.grade_matrix(..., decide=DECIDE, disqualify=DISQUALIFY)`, then "
               "`graded['grade'].value_counts().sort_index()`. Do not put the default rule "
               "into `decide=`: that would *raise* C defaulters to B.",
         "zh": "`gr.grade_matrix(..., decide=DECIDE, disqualify=DISQUALIFY)`，再 "
               "`graded['grade'].value_counts().sort_index()`。不要把拖欠规则放进 `decide=`："
               "那会把 C 级的拖欠客户*提升*为 B。"},
    ],
    code="graded = gr.grade_matrix(clients, x='revenue', y='influence', x_cuts=REVENUE_CUTS,\n"
         "                         y_cuts=INFLUENCE_CUTS, table=GRID, decide=DECIDE,\n"
         "                         disqualify=DISQUALIFY)\n"
         "counts_after = graded['grade'].value_counts().sort_index()",
    wrong=[
        lambda: _grade_counts(DECIDE, None),                 # forgot the disqualifying rule
        lambda: _grade_counts(DECIDE + DISQUALIFY, None),    # used it as a deciding rule
    ],
    check_order=False,
)

q11 = Choice(
    prompt={
        "en": "In the textbook's advertising-firm case, every client with yearly sales of 10 "
              "million or more is grade A, whatever else is true of it. What is such a rule "
              "called?",
        "zh": "教材的广告公司案例中，年销售额在千万以上的客户不论其他情况一律定为 A 级。"
              "这种规则叫什么？",
    },
    options={
        "a": ({"en": "一票否决制 (one-vote veto)", "zh": "一票否决制"},
              {"en": "No: a veto *keeps a customer out* of a grade (e.g. a payment default → "
                     "never A). This rule *puts* customers into A.",
               "zh": "不对：一票否决是把客户*挡在*某个等级之外（如拖欠回款 → 不能是 A）；"
                     "这条规则是把客户*放进* A 级。"}),
        "b": ({"en": "一票决定制 (one criterion decides)", "zh": "一票决定制"},
              {"en": "Yes: one criterion alone decides the grade, overriding the matrix.",
               "zh": "对：单一指标直接决定等级，优先于矩阵。"}),
        "c": ({"en": "ABC classification (ABC 分类法)", "zh": "ABC 分类法"},
              {"en": "ABC cuts the cumulative share of value; it has no fixed threshold like "
                     "10 million.",
               "zh": "ABC 分类按累计价值占比划分，没有“1000 万”这样的固定门槛。"}),
        "d": ({"en": "weighted score (加权评分)", "zh": "加权评分法"},
              {"en": "A weighted score adds several dimensions; here one dimension decides "
                     "alone.",
               "zh": "加权评分是把多个维度加总；这里是一个维度单独决定。"}),
    },
    correct="b",
    hints=[
        {"en": "Does the rule promote customers or keep them out?",
         "zh": "这条规则是提升客户，还是把客户挡在外面？"},
        {"en": "决定 = decides (puts in); 否决 = vetoes (keeps out).",
         "zh": "决定 = 一票定级（放进来）；否决 = 一票排除（挡在外面）。"},
    ],
    solution={
        "en": "b — 一票决定制: revenue ≥ 10 million decides grade A. Its opposite, 一票否决制, "
              "disqualifies (a client with a payment default can never be A).",
        "zh": "b —— 一票决定制：年收入 ≥ 1000 万直接定为 A。与之相反的一票否决制是排除"
              "（有拖欠记录的客户不能是 A）。",
    },
    wrong=["a", "c", "d"],
)

q12 = FrameCheck(
    prompt={
        "en": "Objective weights (熵权法, *beyond the textbook*): compute the entropy weights of "
              "Aurora's three compliance dimensions `COMPLIANCE` (audit_score; payment_days "
              "and price_violations are less-is-better) with `entropy_weights` from "
              "`coursekit.weights`. Give the Series of weights.",
        "zh": "客观赋权（熵权法，*教材之外*）：用 `coursekit.weights` 的 `entropy_weights` "
              "计算极光化妆品三个合规维度 `COMPLIANCE` 的熵权（audit_score；payment_days 和 "
              "price_violations 越少越好）。给出权重 Series。",
    },
    expected=lambda: _compliance_weights(),
    rtol=1e-4, atol=1e-6,
    hints=[
        {"en": "Pass only the three columns: `aurora[COMPLIANCE]`, and name the "
               "less-is-better ones in `cost=`.",
         "zh": "只传入这三列：`aurora[COMPLIANCE]`，并在 `cost=` 中写出越少越好的指标。"},
        {"en": "`entropy_weights(aurora[COMPLIANCE], cost=['payment_days', "
               "'price_violations'])`",
         "zh": "`entropy_weights(aurora[COMPLIANCE], cost=['payment_days', "
               "'price_violations'])`"},
    ],
    code="from coursekit.weights import entropy_weights\n"
         "w_entropy = entropy_weights(aurora[COMPLIANCE], cost=['payment_days', "
         "'price_violations'])",
    wrong=[
        lambda: _compliance_weights(cost=()),                    # forgot the cost criteria
        lambda: _compliance_weights(cost=(), normalize="sum"),   # raw proportions
    ],
)

q13 = Numeric(
    prompt={
        "en": "Kestrel, the textbook's ABC on two dimensions: 成交额 = `revenue`, 发展潜力 = "
              "`potential` (wallet in 3 years − revenue today, floored at 0; the exercise "
              "notebook computes it). Grade with `gr.abc_matrix(accounts, x='revenue', "
              "y='potential')` (default grid `gr.ABC_GRID`). How many accounts are A?",
        "zh": "茶隼电子，教材的双维度 ABC 分类：成交额 = `revenue`，发展潜力 = `potential`"
              "（3 年后的采购总额 − 今天的收入，最低为 0；练习本已算好）。用 "
              "`gr.abc_matrix(accounts, x='revenue', y='potential')`（默认矩阵 `gr.ABC_GRID`）"
              "分级。A 级客户有多少个？",
    },
    expected=lambda: _abc_count(None),
    rtol=0, atol=0,
    hints=[
        {"en": "Each dimension is ABC-graded on its own cumulative share, then the pair of "
               "grades is looked up in the grid (AA, AB, BA → A).",
         "zh": "每个维度先按自身累计占比做 ABC，再按矩阵组合（AA、AB、BA → A）。"},
        {"en": "`graded = gr.abc_matrix(accounts, x='revenue', y='potential')`, then "
               "`(graded['grade'] == 'A').sum()`.",
         "zh": "`graded = gr.abc_matrix(accounts, x='revenue', y='potential')`，再 "
               "`(graded['grade'] == 'A').sum()`。"},
    ],
    code="graded = gr.abc_matrix(accounts, x='revenue', y='potential')\n"
         "n_a_two = int((graded['grade'] == 'A').sum())",
    wrong=[
        lambda: _abc_count("revenue"),     # ABC on transaction volume only
        lambda: _abc_count("potential"),   # ABC on potential only
    ],
)

q14 = Choice(
    prompt={
        "en": "The textbook's customer-value-management procedure has four steps. Which order "
              "is right?",
        "zh": "教材中客户价值管理的步骤有四步。哪一个顺序正确？",
    },
    options={
        "a": ({"en": "analyse and evaluate value → collect value information → create value → "
                     "treat customers differently",
               "zh": "客户价值的分析与评价 → 客户价值信息的获取与整理 → 客户价值的创造 → "
                     "区别对待不同价值的客户"},
              {"en": "You cannot evaluate before you have the information.",
               "zh": "没有信息就无法评价。"}),
        "b": ({"en": "collect and organise value information → analyse and evaluate value → "
                     "treat customers of different value differently → create customer value",
               "zh": "客户价值信息的获取与整理 → 客户价值的分析与评价 → 区别对待不同价值的"
                     "客户 → 客户价值的创造"},
              {"en": "Yes: information, evaluation (dimensions, grades), differentiated "
                     "treatment, then creating value with each grade.",
               "zh": "对：信息 → 评价（维度、等级）→ 区别对待 → 创造价值。"}),
        "c": ({"en": "treat customers differently → collect value information → analyse value "
                     "→ create value",
               "zh": "区别对待不同价值的客户 → 客户价值信息的获取与整理 → 客户价值的分析与评价 "
                     "→ 客户价值的创造"},
              {"en": "Differentiating before evaluating is guessing.",
               "zh": "评价之前就区别对待，只是凭感觉。"}),
        "d": ({"en": "create value → collect value information → analyse value → treat "
                     "customers differently",
               "zh": "客户价值的创造 → 客户价值信息的获取与整理 → 客户价值的分析与评价 → "
                     "区别对待不同价值的客户"},
              {"en": "Creating value is what the grading is *for*: it comes last.",
               "zh": "创造价值是分级的*目的*，放在最后。"}),
    },
    correct="b",
    hints=[
        {"en": "What must you have before you can evaluate anything?",
         "zh": "评价之前必须先有什么？"},
        {"en": "Grades come before differentiated service, and service before new value.",
         "zh": "先分级，再差异化服务，最后创造价值。"},
    ],
    solution={
        "en": "b — 获取与整理 → 分析与评价 → 区别对待 → 创造 (chapter 03, “The textbook's "
              "frame”).",
        "zh": "b —— 客户价值信息的获取与整理 → 客户价值的分析与评价 → 区别对待不同价值的客户 "
              "→ 客户价值的创造（第 03 章“教材框架”）。",
    },
    wrong=["a", "c", "d"],
)


@cache
def _cdnow_summary() -> pd.DataFrame:
    return gr.rfm_summary(data("cdnow_sample"), customer="customer_id", date="date", amount="amount",
                          observation_end=CDNOW_END)


QUESTIONS = register(globals())
