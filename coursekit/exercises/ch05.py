"""Chapter 05 exercises — Loyalty, retention, lifecycle and complaints (忠诚、保留、生命周期与投诉).

Questions are built from the shipped data sets (``coffee_transactions``, ``coffee_members``,
``coffee_complaints``, ``coffee_service_moments``) and the Harbour Coffee case; expected answers
are computed lazily with :mod:`coursekit.lifecycle`, :mod:`coursekit.complaints` and
:mod:`coursekit.loyalty`.

Examples
--------
>>> from coursekit.exercises import ch05
>>> ch05.q2.evaluate(1 / (1 - 0.6)).status
'wrong'
>>> ch05.q6.evaluate("c").status
'correct'
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import complaints as cp
from .. import lifecycle as lc
from .. import loyalty
from .core import Choice, Exact, FrameCheck, FunctionCheck, Numeric, Reflection, data, register

RESPONSE_TARGET_H = 2  # a stricter first-response target Harbour Coffee considers
# Harbour Coffee's marketing budget for Q4 2025 (case assumptions, CNY)
ACQUISITION_SPEND = 120_000  # new-member campaign: ads, first-cup coupons, sign-up gifts
RETENTION_SPEND = 90_000     # member rewards: birthday drink, points, win-back messages


@cache
def _year_counts() -> tuple[int, int, int]:
    """(S, E, N): members buying in Q3 2025, in Q4 2025, and in Q4 but not in Q3."""
    tx = data("coffee_transactions")
    quarter = tx["timestamp"].dt.to_period("Q").astype(str)
    q3 = set(tx.loc[quarter == "2025Q3", "member_id"])
    q4 = set(tx.loc[quarter == "2025Q4", "member_id"])
    return len(q3), len(q4), len(q4 - q3)


def _rate() -> float:
    return lc.retention_rate(*_year_counts())


def _joiners_table(kind: str = "share", *, filtered: bool = True) -> pd.DataFrame:
    tx = data("coffee_transactions")
    if filtered:
        members = data("coffee_members")
        ids = members.loc[members["join_date"] >= "2025-01-01", "member_id"]
        tx = tx[tx["member_id"].isin(ids)]
    return lc.cohort_retention(tx, customer="member_id", date="timestamp",
                               kind=kind).iloc[:, :4]


def _response_times() -> pd.Series:
    log = data("coffee_complaints")
    return lc.complaint_times(log[log["received_at"].dt.year == 2025])["to_first_response"]


def _stage(recency_days: float, tenure_days: float, recent: float, previous: float) -> str:
    """The chapter's rules with the default thresholds (reference for q7)."""
    if recency_days > 180:
        return "lapsed"
    if tenure_days < 90:
        return "acquisition"
    if recent > 0 and recent >= previous * 1.2:
        return "growth"
    if recent <= previous * 0.8:
        return "decline"
    return "maturity"


def _stage_no_threshold(recency_days, tenure_days, recent, previous):  # typical mistake
    if recency_days <= 180 and tenure_days >= 90 and recent != previous:
        return "growth" if recent > previous else "decline"
    return _stage(recency_days, tenure_days, recent, previous)


def _stage_no_lapse(recency_days, tenure_days, recent, previous):  # typical mistake
    return _stage(0, tenure_days, recent, previous)


q1 = Numeric(
    prompt={
        "en": "Harbour Coffee's quarterly retention rate from Q3 to Q4 2025. A member counts as "
              "a customer of a quarter if they bought at least once in it. S = customers of "
              "Q3 2025, E = customers of Q4 2025, N = customers of Q4 who did not buy in Q3. "
              "Give (E − N) / S as a share (e.g. 0.7).",
        "zh": "海港咖啡 2025 年第三季度到第四季度的客户保留率。会员在某季度至少消费一次即算该季度的"
              "客户。S = 2025 年 Q3 的客户数，E = Q4 的客户数，N = Q4 有消费但 Q3 没有消费的客户数。"
              "请以小数形式给出 (E − N) / S（如 0.7）。",
    },
    expected=_rate,
    rtol=1e-3,
    hints=[
        {"en": "Label each purchase with its quarter: `tx['timestamp'].dt.to_period('Q')`. "
               "Make two sets of member ids, Q3 and Q4 buyers; N is the Q4 set minus the Q3 set.",
         "zh": "给每笔消费标上季度：`tx['timestamp'].dt.to_period('Q')`。建立 Q3 与 Q4 消费会员的"
               "两个编号集合；N 是 Q4 集合减去 Q3 集合。"},
        {"en": "`lc.retention_rate(len(q3), len(q4), len(q4 - q3))`. The new customers "
               "must be subtracted: they were not there to be retained.",
         "zh": "`lc.retention_rate(len(q3), len(q4), len(q4 - q3))`。新客户必须减掉："
               "他们期初并不在，谈不上“保留”。"},
    ],
    solution={
        "en": "Retained customers are the Q4 customers who were already customers in Q3.",
        "zh": "被保留的客户 = Q4 的客户中在 Q3 已经是客户的那些人。",
    },
    code="quarter = tx['timestamp'].dt.to_period('Q').astype(str)\n"
         "q3 = set(tx.loc[quarter == '2025Q3', 'member_id'])\n"
         "q4 = set(tx.loc[quarter == '2025Q4', 'member_id'])\n"
         "rate = lc.retention_rate(len(q3), len(q4), len(q4 - q3))",
    wrong=[
        lambda: _year_counts()[1] / _year_counts()[0],                         # E / S: new ones kept in
        lambda: (_year_counts()[1] - _year_counts()[2]) / _year_counts()[1],   # divided by E
    ],
)

q2 = Numeric(
    prompt={
        "en": "With the quarterly retention rate of Q1 staying constant, how many quarters "
              "does a customer stay on average, counting the first quarter? (1 / (1 − r))",
        "zh": "若第 1 题的季度保留率保持不变，客户平均能留几个季度（含第一个季度）？（1 / (1 − r)）",
    },
    expected=lambda: lc.expected_lifetime(_rate()),
    rtol=1e-3,
    hints=[
        {"en": "Expected lifetime = 1 + r + r² + … = 1 / (1 − r) when the first quarter counts.",
         "zh": "含第一个季度时，平均生命周期 = 1 + r + r² + … = 1 / (1 − r)。"},
        {"en": "`lc.expected_lifetime(rate)` (default `count_first=True`).",
         "zh": "`lc.expected_lifetime(rate)`（默认 `count_first=True`）。"},
    ],
    solution={
        "en": "Without the first quarter it would be r / (1 − r), exactly one quarter less.",
        "zh": "不含第一个季度则为 r / (1 − r)，正好少一个季度。",
    },
    code="lifetime = lc.expected_lifetime(rate)   # 1 / (1 − r)",
    wrong=[
        lambda: lc.expected_lifetime(_rate(), count_first=False),  # first quarter not counted
        lambda: 1 / _rate(),                                        # 1 / r
    ],
)

q3 = FrameCheck(
    prompt={
        "en": "Harbour Coffee: take the members who joined in 2025 (`coffee_members`, join_date "
              "on or after 2025-01-01), build the monthly cohort retention table of their "
              "purchases (shares 0–1, cohorts by first purchase month) and keep months 0–3 since "
              "acquisition (the first four columns).",
        "zh": "海港咖啡：选出 2025 年入会的会员（`coffee_members` 中 join_date 不早于 2025-01-01），"
              "用他们的消费记录按首次购买月份建立月度同期群保留率表（0–1 的比例），只保留获客后第 "
              "0–3 个月（前四列）。",
    },
    expected=_joiners_table,
    rtol=1e-6,
    hints=[
        {"en": "Filter first: `ids = members.loc[members['join_date'] >= '2025-01-01', "
               "'member_id']`, then `tx[tx['member_id'].isin(ids)]`.",
         "zh": "先筛选：`ids = members.loc[members['join_date'] >= '2025-01-01', 'member_id']`，"
               "再 `tx[tx['member_id'].isin(ids)]`。"},
        {"en": "`lc.cohort_retention(tx_2025, customer='member_id', date='timestamp')"
               ".iloc[:, :4]`. Shares, not counts: every value in column 0 is 1.0.",
         "zh": "`lc.cohort_retention(tx_2025, customer='member_id', date='timestamp')"
               ".iloc[:, :4]`。要比例而不是人数：第 0 列全是 1.0。"},
    ],
    code="ids = members.loc[members['join_date'] >= '2025-01-01', 'member_id']\n"
         "tx_2025 = tx[tx['member_id'].isin(ids)]\n"
         "table = lc.cohort_retention(tx_2025, customer='member_id', date='timestamp').iloc[:, "
         ":4]",
    wrong=[
        lambda: _joiners_table("count"),             # counts instead of shares
        lambda: _joiners_table(filtered=False),      # forgot to keep only the 2025 joiners
    ],
)

q4 = Numeric(
    prompt={
        "en": f"Complaint log: of the complaints received in 2025, what share got a first "
              f"response within {RESPONSE_TARGET_H} hours? Complaints never answered count as "
              "misses. (a share, e.g. 0.7)",
        "zh": f"投诉记录：2025 年收到的投诉中，{RESPONSE_TARGET_H} 小时内得到首次回复的比例是多少？"
              "从未回复的投诉算作未达标。（小数，如 0.7）",
    },
    expected=lambda: lc.service_level(_response_times(), target=RESPONSE_TARGET_H),
    rtol=1e-4,
    hints=[
        {"en": "Keep the 2025 complaints (`log['received_at'].dt.year == 2025`), then compute "
               "the hours to first response with `lc.complaint_times(...)`.",
         "zh": "先保留 2025 年的投诉（`log['received_at'].dt.year == 2025`），再用 "
               "`lc.complaint_times(...)` 算出到首次回复的小时数。"},
        {"en": "`lc.service_level(times['to_first_response'], target=2)`; the default "
               "`missing='miss'` counts unanswered complaints as misses.",
         "zh": "`lc.service_level(times['to_first_response'], target=2)`；默认 "
               "`missing='miss'` 会把未回复的投诉算作未达标。"},
    ],
    code="times = lc.complaint_times(log[log['received_at'].dt.year == 2025])\n"
         "share = lc.service_level(times['to_first_response'], target=2)",
    wrong=[
        lambda: lc.service_level(_response_times(), target=RESPONSE_TARGET_H, missing="drop"),
        lambda: lc.service_level(lc.complaint_times(data("coffee_complaints"))["to_first_response"],
                                 target=RESPONSE_TARGET_H),  # all years, not 2025
    ],
)

def _high() -> pd.DataFrame:
    log = data("coffee_complaints")
    return log[log["severity"] == "high"]


q5 = Exact(
    prompt={
        "en": "Pareto analysis of the causes (`category`) of the *high-severity* complaints only "
              "(`severity == 'high'`): how many causes make up the 'vital few' — the causes "
              "needed to reach 80 % of these complaints? (a whole number)",
        "zh": "只看*严重*投诉（`severity == 'high'`），对其原因（`category`）做帕累托分析："
              "达到这些投诉 80% 所需的“关键少数”原因有几个？（整数）",
    },
    expected=lambda: int(lc.complaint_pareto(_high(), cause="category")["vital_few"].sum()),
    hints=[
        {"en": "Filter the serious complaints first, then sort their causes from most to least "
               "frequent and add up the shares.",
         "zh": "先筛选出严重投诉，再把原因按频次从高到低排序并累加占比。"},
        {"en": "`lc.complaint_pareto(high, cause='category')['vital_few'].sum()`. The cause "
               "that crosses 80 % belongs to the vital few.",
         "zh": "`lc.complaint_pareto(high, cause='category')['vital_few'].sum()`。"
               "越过 80% 的那个原因也属于关键少数。"},
    ],
    solution={
        "en": "The serious complaints have a different top cause (staff attitude) than all "
              "complaints (waiting time).",
        "zh": "严重投诉的首要原因（员工态度）与全部投诉的首要原因（等待时间）不同。",
    },
    code="high = log[log['severity'] == 'high']\n"
         "n_vital = int(lc.complaint_pareto(high, cause='category')['vital_few'].sum())",
    wrong=[lambda: int((lc.complaint_pareto(_high(), cause="category")["cumulative"]
                        < 0.8).sum())],  # stopped before crossing 80 %
)

q6 = Choice(
    prompt={
        "en": "A member rates overall satisfaction 9 of 10 but loyalty (visit again, accept a "
              "price rise) 3 of 10. With cuts at 8 for both, which Jones & Sasser type is this?",
        "zh": "一位会员的总体满意度为 9 分（满分 10），忠诚度（再次光顾、接受涨价）为 3 分。"
              "两者都以 8 分为界，按 Jones 与 Sasser 的分类他属于哪一类？",
    },
    options={
        "a": ({"en": "apostle (传道者)", "zh": "传道者 (apostle)"},
              {"en": "Apostles are satisfied *and* loyal; this member is not loyal.",
               "zh": "传道者既满意又忠诚；这位会员并不忠诚。"}),
        "b": ({"en": "hostage (人质)", "zh": "人质 (hostage)"},
              {"en": "Hostages stay although they are dissatisfied — the opposite case.",
               "zh": "人质是不满意却走不了的客户——正好相反。"}),
        "c": ({"en": "mercenary (雇佣兵)", "zh": "雇佣兵 (mercenary)"},
              {"en": "Yes: satisfied but not loyal — will switch for a better price.",
               "zh": "对：满意但不忠诚——有更便宜的选择就会离开。"}),
        "d": ({"en": "at risk (高风险客户; Jones & Sasser: \"defector\")",
               "zh": "高风险客户 (at risk; Jones & Sasser 称 \"defector\")"},
              {"en": "The at-risk group is dissatisfied; this member is satisfied.",
               "zh": "高风险客户是不满意的客户；这位会员是满意的。"}),
    },
    correct="c",
    hints=[
        {"en": "Place the member on two axes: satisfaction high or low, loyalty high or low.",
         "zh": "把这位会员放到两条轴上：满意度高或低，忠诚度高或低。"},
        {"en": "High satisfaction + low loyalty. `lc.loyalty_quadrant([9], [3], "
               "satisfaction_cut=8, loyalty_cut=8)`.",
         "zh": "高满意 + 低忠诚。`lc.loyalty_quadrant([9], [3], satisfaction_cut=8, loyalty_cut=8)`。"},
    ],
    solution={
        "en": "c — a mercenary: satisfied, but ready to leave. Satisfaction alone does not "
              "guarantee loyalty.",
        "zh": "c —— 雇佣兵：满意，但随时可能离开。仅有满意并不保证忠诚。",
    },
    wrong=["a", "b", "d"],
)

q7 = FunctionCheck(
    prompt={
        "en": "Write `stage(recency_days, tenure_days, recent, previous)` that returns the "
              "lifecycle stage with the chapter's rules, in this order: 'lapsed' if recency_days "
              "> 180; 'acquisition' if tenure_days < 90; 'growth' if recent > 0 and recent ≥ "
              "1.2 × previous; 'decline' if recent ≤ 0.8 × previous; else 'maturity'.",
        "zh": "编写函数 `stage(recency_days, tenure_days, recent, previous)`，按本章规则依次判断并"
              "返回生命周期阶段：recency_days > 180 为 'lapsed'；tenure_days < 90 为 "
              "'acquisition'；recent > 0 且 recent ≥ 1.2 × previous 为 'growth'；"
              "recent ≤ 0.8 × previous 为 'decline'；否则为 'maturity'。",
    },
    reference=_stage,
    cases=[
        ((200, 400, 0, 0), "lapsed"),
        ((5, 30, 3, 0), "acquisition"),
        ((5, 400, 6, 5), "growth"),
        ((5, 400, 4, 5), "decline"),
        ((5, 400, 5, 5), "maturity"),
        ((5, 400, 5.5, 5), "maturity"),  # +10 % is not growth yet
        ((5, 400, 4.5, 5), "maturity"),  # −10 % is not decline yet
        ((100, 400, 0, 3), "decline"),
        ((5, 400, 0, 0), "decline"),
    ],
    hints=[
        {"en": "Use `if … return …` in the given order: the first rule that matches wins.",
         "zh": "按给定顺序写 `if … return …`：第一个符合的规则生效。"},
        {"en": "Growth and decline need the 20 % thresholds: 6 visits after 5 is +20 % → "
               "growth, but 5.5 after 5 is only +10 % → maturity. Test your function with "
               "`stage(5, 400, 5.5, 5)`.",
         "zh": "成长和衰退要用 20% 的阈值：从 5 次到 6 次是 +20% → 成长，但从 5 到 5.5 只有 +10% → "
               "成熟。用 `stage(5, 400, 5.5, 5)` 测试你的函数。"},
    ],
    code="def stage(recency_days, tenure_days, recent, previous):\n"
         "    if recency_days > 180:\n"
         "        return 'lapsed'\n"
         "    if tenure_days < 90:\n"
         "        return 'acquisition'\n"
         "    if recent > 0 and recent >= 1.2 * previous:\n"
         "        return 'growth'\n"
         "    if recent <= 0.8 * previous:\n"
         "        return 'decline'\n"
         "    return 'maturity'",
    wrong=[_stage_no_threshold, _stage_no_lapse],
)

q8 = Numeric(
    prompt={
        "en": f"In Q4 2025 Harbour Coffee spent {ACQUISITION_SPEND:,} CNY on winning new "
              f"members and {RETENTION_SPEND:,} CNY on keeping existing ones. Use N (new "
              "customers of Q4) and E − N (retained customers) from Q1. How many times more does one new "
              "customer cost than one retained customer?",
        "zh": f"2025 年第四季度海港咖啡在获取新会员上花费 {ACQUISITION_SPEND:,} 元，在保留老会员上"
              f"花费 {RETENTION_SPEND:,} 元。用第 1 题的 N（Q4 新客户数）和 E − N（被保留的客户数）。"
              "获取一位新客户的成本是保留一位老客户的多少倍？",
    },
    expected=lambda: lc.acquisition_retention_cost(
        acquisition_spend=ACQUISITION_SPEND, new_customers=_year_counts()[2],
        retention_spend=RETENTION_SPEND,
        retained_customers=_year_counts()[1] - _year_counts()[2])["ratio"],
    rtol=1e-3,
    hints=[
        {"en": "Cost per new customer = acquisition spend / N; cost per retained customer = "
               "retention spend / (E − N).",
         "zh": "每位新客户成本 = 获客花费 / N；每位保留客户成本 = 保留花费 / (E − N)。"},
        {"en": "`lc.acquisition_retention_cost(acquisition_spend=120_000, new_customers=N, "
               "retention_spend=90_000, retained_customers=E - N)['ratio']`.",
         "zh": "`lc.acquisition_retention_cost(acquisition_spend=120_000, new_customers=N, "
               "retention_spend=90_000, retained_customers=E - N)['ratio']`。"},
    ],
    code="cost = lc.acquisition_retention_cost(acquisition_spend=120_000, new_customers=N,\n"
         "    retention_spend=90_000, retained_customers=E - N)\n"
         "ratio = cost['ratio']",
    wrong=[
        lambda: ACQUISITION_SPEND / RETENTION_SPEND,  # compared budgets, not cost per customer
        lambda: 1 / lc.acquisition_retention_cost(
            acquisition_spend=ACQUISITION_SPEND, new_customers=_year_counts()[2],
            retention_spend=RETENTION_SPEND,
            retained_customers=_year_counts()[1] - _year_counts()[2])["ratio"],  # upside down
    ],
)

q9 = Reflection(
    prompt={
        "en": "A member complained on WeChat that her app order was charged twice; the refund "
              "took five days and nobody followed up. Using the complaint-handling process "
              "(receive → identify → valid? → handle → follow-up → analysis → improvement) and "
              "what the log shows about service recovery, what should Harbour Coffee do — for "
              "her, and for the process? (3–5 sentences)",
        "zh": "一位会员在微信上投诉 App 订单被重复扣款；退款用了五天，也没有人回访。"
              "结合投诉处理流程（受理 → 识别 → 是否有效 → 处理 → 回访 → 定期分析 → 改进）"
              "以及投诉记录中关于服务补救的发现，海港咖啡应当为她、为流程分别做些什么？（3–5 句）",
    },
    model_answer={
        "en": "For her: apologise personally, confirm the refund, add a small goodwill gesture "
              "(a voucher), and call back to check she is satisfied — in the log, fast resolution "
              "with a voucher or replacement brings far more members back than a slow one. For "
              "the process: set and measure a resolution target for app-payment complaints "
              "(they are slow and a top cause), make follow-up a required step, and review the "
              "Pareto of causes monthly so the double-charge bug is fixed at its root.",
        "zh": "对她：亲自道歉、确认退款、附上小小的补偿（优惠券），并回访确认她是否满意——"
              "投诉记录显示，快速解决并给予优惠券或重做的会员回头率远高于处理缓慢的。对流程："
              "为 App 支付类投诉设定并考核解决时限（这类投诉慢，且是主要原因之一），把回访设为"
              "必经步骤，每月复盘原因帕累托图，从根源上修复重复扣款的问题。",
    },
    rubric=[
        {"en": "names a concrete recovery action for the customer (apology, remedy, follow-up)",
         "zh": "为客户提出具体的补救措施（道歉、补偿、回访）"},
        {"en": "uses evidence from the log (speed and outcome vs coming back)",
         "zh": "引用投诉记录中的证据（处理速度、结果与回头率）"},
        {"en": "proposes a process change measured by a number (target time, Pareto review)",
         "zh": "提出可用数字衡量的流程改进（时限目标、帕累托复盘）"},
    ],
    hints=[
        {"en": "Separate the two levels: the one customer, and the system that failed her.",
         "zh": "分两个层面：这一位客户，以及让她失望的那个系统。"},
        {"en": "Look at `came_back_90d` by outcome and by resolution time in the log.",
         "zh": "看一看投诉记录中按处理结果和解决时长分组的 `came_back_90d`。"},
    ],
)


# --- issue #13: the 3D service model, one meaning per word, claims tested on data -------------


def _moments_positive(store: str = "Old Town", *, ignore_hidden: bool = False,
                      any_ok: bool = False) -> float:
    m = data("coffee_service_moments")
    m = m[m["store"] == store]
    if any_ok:  # typical mistake: positive when at least one dimension went well
        ok = m["people_ok"] | m["business_ok"] | m["back_stage_issue"].astype(str).eq("none")
        return float(ok.astype(bool).mean())
    if ignore_hidden:  # typical mistake: only what the customer sees
        return float((m["people_ok"] & m["business_ok"]).astype(bool).mean())
    return float(cp.moments_of_truth(m).loc["all", "positive"])


def _rebuy(*, neutral_as_dissatisfied: bool = False, upside_down: bool = False) -> float:
    log = data("coffee_complaints")
    r = log["handling_rating"]
    keep = r.notna() if neutral_as_dissatisfied else r.notna() & (r != 3)
    rated = log[keep]
    ratio = loyalty.rebuy_ratio(rated["handling_rating"] >= 4, rated["came_back_90d"])["ratio"]
    return float(1 / ratio if upside_down else ratio)


q10 = Choice(
    prompt={
        "en": "The 3D service model: which of these belongs to the *hidden* dimension (隐藏维度)?",
        "zh": "客户服务的三维模型：下列哪一项属于*隐藏维度*？",
    },
    options={
        "a": ({"en": "the barista greets the customer by name", "zh": "店员叫出顾客的名字打招呼"},
              {"en": "That is the people dimension (width): attention and respect the customer "
                     "sees.", "zh": "这是人的维度（宽度）：顾客看得见的关注与尊重。"}),
        "b": ({"en": "the drink is ready within the promised time", "zh": "饮品在承诺时间内做好"},
              {"en": "That is the business dimension (height): the practical need, met fast.",
               "zh": "这是业务维度（高度）：顾客的实际需求被快速满足。"}),
        "c": ({"en": "baristas need a manager's approval to replace a drink",
               "zh": "店员要经理批准才能给顾客重做一杯"},
              {"en": "Yes: authority is a back-stage factor — invisible to the customer, yet it "
                     "limits the service.",
               "zh": "对：授权水平是幕后因素——顾客看不见，却限制了服务。"}),
        "d": ({"en": "the tables and toilets are clean", "zh": "桌子和洗手间干净"},
              {"en": "The customer sees cleanliness, so it is not hidden; the old audit put it "
                     "there by mistake.",
               "zh": "顾客看得见是否干净，所以不属于隐藏维度；旧版审核表把它放错了。"}),
    },
    correct="c",
    hints=[
        {"en": "Hidden means: the customer cannot see it, but it limits what the staff can do.",
         "zh": "“隐藏”的意思是：顾客看不见，却限制了员工能做的事。"},
        {"en": "The texts' list: cost and time pressure, policies and procedures, resources, "
               "authority, working relationships (`cp.HIDDEN_FACTORS`).",
         "zh": "教材列出的：成本与时间压力、政策和程序、可用资源、授权水平、工作关系的质量"
               "（`cp.HIDDEN_FACTORS`）。"},
    ],
    solution={"en": "c — the level of authority is one of the back-stage factors.",
              "zh": "c —— 授权水平是幕后因素之一。"},
    wrong=["a", "b", "d"],
)

q11 = Numeric(
    prompt={
        "en": "Moments of truth (`coffee_service_moments`): by the textbook's rule — positive only "
              "when the people, business *and* hidden dimensions were all handled — what share of "
              "Old Town's moments were positive? (a share, e.g. 0.7)",
        "zh": "定义时刻（`coffee_service_moments`）：按教材的规则——人的维度、业务维度*和*隐藏维度"
              "都做到了才是正的定义时刻——老城店（Old Town）的定义时刻中正的占多少？（小数，如 0.7）",
    },
    expected=_moments_positive,
    rtol=1e-4,
    hints=[
        {"en": "Keep the Old Town rows. The hidden dimension is handled when "
               "`back_stage_issue` is 'none'.",
         "zh": "只保留 Old Town 的行。`back_stage_issue` 为 'none' 时隐藏维度才算做到。"},
        {"en": "`cp.moments_of_truth(m[m['store'] == 'Old Town']).loc['all', 'positive']`.",
         "zh": "`cp.moments_of_truth(m[m['store'] == 'Old Town']).loc['all', 'positive']`。"},
    ],
    solution={"en": "A failure in any one dimension makes the moment negative — including the "
                    "back stage the customer never sees.",
              "zh": "任何一个维度失败，定义时刻就是负的——包括顾客看不见的幕后。"},
    code="m = moments[moments['store'] == 'Old Town']\n"
         "share = cp.moments_of_truth(m).loc['all', 'positive']",
    wrong=[lambda: _moments_positive(ignore_hidden=True),
           lambda: _moments_positive(any_ok=True)],
)

q12 = Numeric(
    prompt={
        "en": "The texts quote: a satisfied customer is 6 times as likely to buy again. Test it on "
              "the complaint log: satisfied = handling_rating 4–5, dissatisfied = 1–2 (leave out "
              "the 3s and the unrated). How many times as likely to come back within 90 days "
              "(`came_back_90d`) is a satisfied complainant?",
        "zh": "教材引用：一个满意的客户再次购买的可能性是不满意客户的 6 倍。用投诉记录检验：满意 = "
              "handling_rating 为 4–5，不满意 = 1–2（去掉 3 分和没有评分的）。满意的投诉者在 90 天内"
              "回来（`came_back_90d`）的可能性是不满意者的多少倍？",
    },
    expected=_rebuy,
    rtol=1e-3,
    hints=[
        {"en": "Keep the rows with a rating other than 3, then compare the share who came back "
               "in the two groups.",
         "zh": "保留评分不是 3 的行，再比较两组中回来的比例。"},
        {"en": "`loyalty.rebuy_ratio(rated['handling_rating'] >= 4, rated['came_back_90d'])"
               "['ratio']`.",
         "zh": "`loyalty.rebuy_ratio(rated['handling_rating'] >= 4, rated['came_back_90d'])"
               "['ratio']`。"},
    ],
    solution={"en": "About 1.2 — far from 6: a quoted figure is a claim to test, not a law.",
              "zh": "约 1.2 倍——远不到 6 倍：引用的数字是有待检验的说法，不是定律。"},
    code="r = log['handling_rating']\n"
         "rated = log[r.notna() & (r != 3)]\n"
         "ratio = loyalty.rebuy_ratio(rated['handling_rating'] >= 4, "
         "rated['came_back_90d'])['ratio']",
    wrong=[lambda: _rebuy(neutral_as_dissatisfied=True), lambda: _rebuy(upside_down=True)],
)


QUESTIONS = register(globals())
