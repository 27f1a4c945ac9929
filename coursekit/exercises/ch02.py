"""Chapter 02 exercises — Customer value from both sides (客户价值的两个视角).

Questions are built from the shipped data sets (``coffee_offers``, ``kestrel_accounts``,
``coffee_transactions``) and from the construction-firm client case; the expected answers are
computed lazily with :mod:`coursekit.value`.

Examples
--------
>>> from coursekit.exercises import ch02
>>> ch02.q3.evaluate(0.85 / (1 + 0.12 - 0.85)).status
'correct'
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from .. import value as cv
from .core import Choice, FrameCheck, FunctionCheck, Numeric, Reflection, data, register

VALUE_ITEMS = ["product", "service", "personnel", "image"]
COST_ITEMS = ["money", "time", "energy", "psychological"]

# The construction-firm client (chapter 02 notebook): revenue per month, contribution margin
# (an assumption: 10 % of revenue is left after materials, labour and site costs), months until
# he retires, yearly discount rate.
CLIENT_REVENUE = 2_000_000
CLIENT_MARGIN_RATE = 0.10
CLIENT_MONTHS = 24
YEARLY_DISCOUNT = 0.10


@cache
def _spend() -> pd.Series:
    return data("coffee_transactions").groupby("member_id")["amount"].sum()


def _commuter_harbour() -> pd.DataFrame:
    df = data("coffee_offers")
    return df[(df["visitor_type"] == "commuter") & (df["offer"] == "harbour")]


def _client_clv(rate: float | None = None) -> float:
    monthly = cv.periodic_rate(YEARLY_DISCOUNT) if rate is None else rate
    return cv.clv(CLIENT_REVENUE * CLIENT_MARGIN_RATE, 1.0, monthly, periods=CLIENT_MONTHS)


def _contribution(revenue_col: str = "gross_margin") -> pd.Series:
    acc = data("kestrel_accounts").set_index("account_id")
    return (acc[revenue_col] - acc["cost_to_serve"]).rename("contribution")


q1 = Numeric(
    prompt={
        "en": "In `coffee_offers`, what is the mean customer delivered value (total value − "
              "total cost, on the 0–10 rating scales) of the Harbour Coffee offer "
              "(offer == 'harbour') among commuters (visitor_type == 'commuter')? "
              "Value items: product, service, personnel, image; cost items: money, time, "
              "energy, psychological.",
        "zh": "在 `coffee_offers` 中，通勤族（visitor_type == 'commuter'）对海港咖啡"
              "（offer == 'harbour'）的平均客户让渡价值是多少？（总顾客价值 − 总顾客成本，"
              "0–10 分）价值项：product、service、personnel、image；成本项：money、time、"
              "energy、psychological。",
    },
    expected=lambda: cv.delivered_values(
        _commuter_harbour(), value=VALUE_ITEMS, cost=COST_ITEMS)["delivered_value"].mean(),
    rtol=1e-3, atol=0.01,
    hints=[
        {"en": "Filter the rows first: both conditions, combined with `&`. Then add up the four "
               "value columns and the four cost columns for each row.",
         "zh": "先筛选行：两个条件用 `&` 连接。然后对每一行把四个价值列和四个成本列分别加总。"},
        {"en": "`cv.delivered_values(rows, value=VALUE, cost=COST)` returns a table with a "
               "`delivered_value` column; take its `.mean()`.",
         "zh": "`cv.delivered_values(rows, value=VALUE, cost=COST)` 返回一个含 "
               "`delivered_value` 列的表，再取 `.mean()`。"},
    ],
    solution={
        "en": "Filter commuters rating Harbour Coffee, compute delivered value per row, average.",
        "zh": "筛选通勤族对海港咖啡的评分，逐行计算让渡价值，再求平均。",
    },
    code="rows = offers[(offers['visitor_type'] == 'commuter') & (offers['offer'] == "
         "'harbour')]\n"
         "answer = cv.delivered_values(rows, value=VALUE, cost=COST)['delivered_value'].mean()",
    wrong=[
        # forgot to subtract the cost: total value only
        lambda: _commuter_harbour()[VALUE_ITEMS].sum(axis=1).mean(),
        # forgot the visitor-type filter: all respondents
        lambda: cv.delivered_values(data("coffee_offers")[data("coffee_offers")["offer"] == "harbour"],
                                    value=VALUE_ITEMS, cost=COST_ITEMS)["delivered_value"].mean(),
    ],
)

q2 = Choice(
    prompt={
        "en": "For commuters, which offer has the higher mean delivered value (value − cost)?",
        "zh": "对通勤族而言，哪一种选择的平均客户让渡价值（价值 − 成本）更高？",
    },
    options={
        "a": ({"en": "Harbour Coffee", "zh": "海港咖啡"},
              {"en": "Harbour's total value is higher, but look at what commuters give up for it "
                     "(time, energy, money).",
               "zh": "海港咖啡的总价值更高，但请看通勤族为此付出的成本（时间、精力、金钱）。"}),
        "b": ({"en": "The convenience-store coffee", "zh": "便利店咖啡"},
              {"en": "Yes: less value, but far less cost in time and energy.",
               "zh": "对：价值较低，但时间和精力成本低得多。"}),
        "c": ({"en": "They are the same", "zh": "两者相同"},
              {"en": "Compute both means and compare.", "zh": "请分别计算两个平均值再比较。"}),
    },
    correct="b",
    hints=[
        {"en": "Repeat Q1 for the convenience-store offer and compare the two numbers.",
         "zh": "对便利店咖啡重复第 1 题的计算，再比较两个数字。"},
        {"en": "`offers.assign(dv=...).groupby(['visitor_type', 'offer'])['dv'].mean()` shows "
               "all six means at once.",
         "zh": "`offers.assign(dv=...).groupby(['visitor_type', 'offer'])['dv'].mean()` "
               "可一次得到全部六个平均值。"},
    ],
    solution={
        "en": "b — for commuters the convenience store delivers more value: its value is lower, "
              "but its time, energy and money costs are much lower. Delivered value is "
              "perceived, and it depends on who the customer is.",
        "zh": "b —— 对通勤族而言便利店咖啡的让渡价值更高：价值较低，但时间、精力和金钱成本低得多。"
              "让渡价值是顾客感知的，因人而异。",
    },
    wrong=["a", "c"],
)

q3 = Numeric(
    prompt={
        "en": "Gupta & Lehmann's margin multiple: a yearly retention of 85 % and a discount rate "
              "of 12 % a year, margins at the end of each year. Give the multiple "
              "(a number such as 2.5).",
        "zh": "Gupta 与 Lehmann 的利润乘数：年保留率 85%，年贴现率 12%，利润在每年年末到账。"
              "乘数是多少？（例如 2.5 这样的数字）",
    },
    expected=lambda: cv.margin_multiple(0.85, 0.12),
    rtol=1e-3,
    hints=[
        {"en": "The multiple is r / (1 + i − r); write r and i as shares, not percentages.",
         "zh": "乘数 = r / (1 + i − r)；r 和 i 用小数，不要用百分数。"},
        {"en": "`cv.margin_multiple(0.85, 0.12)`, or 0.85 / (1 + 0.12 − 0.85).",
         "zh": "`cv.margin_multiple(0.85, 0.12)`，或 0.85 / (1 + 0.12 − 0.85)。"},
    ],
    code="answer = cv.margin_multiple(0.85, 0.12)   # 0.85 / 0.27 ≈ 3.15",
    wrong=[
        1.12 / (1 + 0.12 - 0.85),     # margin at the start of the year: (1 + i) / (1 + i − r)
        1 / (1 + 0.12 - 0.85),        # forgot r in the numerator
        0.85 / (0.12 - 0.85 + 1) * 100,  # read as a percentage
    ],
)

q4 = Numeric(
    prompt={
        "en": "The construction firm's client brings 2,000,000 CNY of revenue a month at a "
              "contribution margin of 10 %, and will certainly stay until he retires in 24 "
              "months. With a yearly discount rate of 10 % (converted to a monthly rate with "
              "`cv.periodic_rate`) and margins at the end of each month, what is his remaining "
              "lifetime value in CNY?",
        "zh": "建筑公司的这位客户每月带来 2,000,000 元收入，贡献毛利率 10%，"
              "在 24 个月后退休前一定会继续合作。年贴现率 10%（用 `cv.periodic_rate` "
              "换算成月利率），利润在每月月末到账。他剩余的终身价值是多少元？",
    },
    expected=_client_clv,
    rtol=1e-3,
    hints=[
        {"en": "Value is built on margin, not revenue: 10 % of 2,000,000 a month. He stays "
               "for sure, so the retention is 1; the horizon is 24 periods of one month.",
         "zh": "价值基于利润而非收入：每月 2,000,000 的 10%。他一定会留下，所以保留率为 1；"
               "期限是 24 个以月为单位的期间。"},
        {"en": "`cv.clv(200_000, 1.0, cv.periodic_rate(0.10), periods=24)`.",
         "zh": "`cv.clv(200_000, 1.0, cv.periodic_rate(0.10), periods=24)`。"},
    ],
    solution={
        "en": "Monthly margin 200,000 for 24 months, discounted at the monthly equivalent of 10 "
              "% a year.",
        "zh": "每月利润 200,000，共 24 个月，按年 10% 折算的月贴现率贴现。",
    },
    code="answer = cv.clv(2_000_000 * 0.10, 1.0, cv.periodic_rate(0.10), periods=24)",
    wrong=[
        CLIENT_REVENUE * CLIENT_MARGIN_RATE * CLIENT_MONTHS,   # no discounting
        lambda: _client_clv(0.10),                             # the yearly rate used per month
        lambda: cv.clv(CLIENT_REVENUE, 1.0, cv.periodic_rate(YEARLY_DISCOUNT),
                       periods=CLIENT_MONTHS),                 # revenue instead of margin
    ],
)


def _clv_end(margin, retention, rate, periods):
    return sum(margin * retention**t / (1 + rate) ** t for t in range(1, periods + 1))


def _clv_start(margin, retention, rate, periods):
    return sum(margin * retention**t / (1 + rate) ** t for t in range(0, periods))


def _clv_no_retention(margin, retention, rate, periods):
    return sum(margin / (1 + rate) ** t for t in range(1, periods + 1))


q5 = FunctionCheck(
    prompt={
        "en": "Write `clv_end(margin, retention, rate, periods)`: the lifetime value over a "
              "finite horizon, margins at the END of each period, "
              "Σ_{t=1..periods} margin · retention^t / (1 + rate)^t.",
        "zh": "编写函数 `clv_end(margin, retention, rate, periods)`：有限期限的终身价值，"
              "利润在每期期末到账：Σ_{t=1..periods} margin · retention^t / (1 + rate)^t。",
    },
    cases=[((100, 0.8, 0.1, 3), None), ((50, 1.0, 0.0, 4), 200.0),
           ((10, 0.5, 0.2, 1), None), ((200_000, 1.0, 0.008, 24), None)],
    reference=_clv_end,
    rtol=1e-6,
    hints=[
        {"en": "Loop t from 1 to periods (in Python: `range(1, periods + 1)`) and add up one "
               "discounted, retention-weighted margin per period.",
         "zh": "让 t 从 1 循环到 periods（Python 中写 `range(1, periods + 1)`），"
               "每期累加一笔按保留率加权并贴现后的利润。"},
        {"en": "`return sum(margin * retention**t / (1 + rate)**t for t in range(1, periods + 1))`"
               " — `range(periods)` would start at t = 0, the start-of-period convention.",
         "zh": "`return sum(margin * retention**t / (1 + rate)**t for t in range(1, periods + 1))`"
               " —— `range(periods)` 从 t = 0 开始，那是期初惯例。"},
    ],
    code="def clv_end(margin, retention, rate, periods):\n"
         "    return sum(margin * retention**t / (1 + rate) ** t\n"
         "               for t in range(1, periods + 1))",
    wrong=[_clv_start, _clv_no_retention],
)

q6 = FrameCheck(
    prompt={
        "en": "From `kestrel_accounts`, build a Series of each account's contribution "
              "(gross margin − cost to serve), indexed by `account_id`.",
        "zh": "用 `kestrel_accounts` 计算每个客户的贡献（毛利 − 服务成本），"
              "结果为以 `account_id` 为索引的 Series。",
    },
    expected=_contribution,
    rtol=1e-6, atol=1e-6,
    hints=[
        {"en": "Contribution starts from the gross margin (revenue minus cost of goods), not "
               "from revenue. Put `account_id` in the index first: `.set_index('account_id')`.",
         "zh": "贡献从毛利（收入减去商品成本）算起，而不是从收入算起。先用 "
               "`.set_index('account_id')` 把 `account_id` 设为索引。"},
        {"en": "`cv.contribution(accounts.set_index('account_id'), revenue='gross_margin', "
               "costs='cost_to_serve')`.",
         "zh": "`cv.contribution(accounts.set_index('account_id'), revenue='gross_margin', "
               "costs='cost_to_serve')`。"},
    ],
    code="answer = cv.contribution(accounts.set_index('account_id'), revenue='gross_margin', "
         "costs='cost_to_serve')",
    wrong=[lambda: _contribution("revenue")],   # revenue − cost to serve (forgot the goods)
)

q7 = Numeric(
    prompt={
        "en": "Harbour Coffee, 2024–2025: total spend per member (members with at least one "
              "purchase in `coffee_transactions`). What share of all spend comes from the top "
              "20 % of members? Give a share between 0 and 1.",
        "zh": "海港咖啡 2024–2025 年：计算每位会员的总消费（仅含在 `coffee_transactions` "
              "中至少消费过一次的会员）。消费最高的前 20% 会员贡献了总消费的多大比例？"
              "请给出 0 到 1 之间的小数。",
    },
    expected=lambda: cv.top_share(_spend(), top=0.2),
    rtol=1e-3,
    hints=[
        {"en": "First `groupby('member_id')['amount'].sum()`; then sort from the largest down "
               "and add up the first 20 % of members.",
         "zh": "先 `groupby('member_id')['amount'].sum()`；然后从大到小排序，"
               "把前 20% 的会员的消费加总。"},
        {"en": "`cv.top_share(spend, top=0.2)` does the sorting and the division for you.",
         "zh": "`cv.top_share(spend, top=0.2)` 会替你排序并做除法。"},
    ],
    code="spend = tx.groupby('member_id')['amount'].sum()\n"
         "answer = cv.top_share(spend, top=0.2)",
    wrong=[
        # sorted from small to large: the bottom 20 %'s share
        lambda: float(_spend().sort_values().head(round(0.2 * len(_spend()))).sum()
                      / _spend().sum()),
        # forgot to add up per member: top 20 % of single transactions
        lambda: cv.top_share(data("coffee_transactions")["amount"], top=0.2),
    ],
)

q8 = Numeric(
    prompt={
        "en": "What share of Kestrel's accounts lose money (contribution below 0)? "
              "Give a share between 0 and 1.",
        "zh": "Kestrel 的客户中，有多大比例是亏损的（贡献小于 0）？请给出 0 到 1 之间的小数。",
    },
    expected=lambda: float((_contribution() < 0).mean()),
    rtol=1e-6,
    hints=[
        {"en": "Use your contribution Series from Q6 and compare it with 0.",
         "zh": "用第 6 题得到的贡献 Series，与 0 比较。"},
        {"en": "The mean of a True/False Series is the share of True: `(contrib < 0).mean()`.",
         "zh": "True/False 序列的平均值就是 True 的比例：`(contrib < 0).mean()`。"},
    ],
    code="answer = (contrib < 0).mean()",
    wrong=[
        lambda: int((_contribution() < 0).sum()),              # a count, not a share
        lambda: float((_contribution("revenue") < 0).mean()),  # from revenue: almost nobody
    ],
)

q9 = Reflection(
    prompt={
        "en": "A Kestrel sales director says: 'Our most satisfied accounts are our most "
              "valuable ones — let us give every account that rates us 5 a VIP service "
              "package.' Using what you found in this chapter, answer her in 3–5 sentences.",
        "zh": "Kestrel 的销售总监说：“最满意的客户就是最有价值的客户——给所有打 5 分的客户"
              "提供 VIP 服务包吧。”请结合本章的发现，用 3–5 句话回应她。",
    },
    model_answer={
        "en": "Satisfaction and value are different things. In the Kestrel data the accounts "
              "that rate us 5 are often the demanding ones: many small orders, many visits and "
              "rush deliveries, so their cost to serve is high and their median contribution is "
              "the lowest. A VIP package for all of them would raise costs where profit is "
              "already thin. Grade accounts by contribution (and lifetime and referral value) "
              "first, serve the profitable core well, and for loss-making accounts change the "
              "way they are served (minimum order sizes, online ordering, fees for rush "
              "orders) rather than adding service.",
        "zh": "满意度与价值是两回事。在 Kestrel 的数据中，打 5 分的客户往往是要求最多的客户："
              "订单小而频繁、拜访多、加急多，服务成本高，其贡献中位数最低。给他们全部提供 VIP "
              "服务会在利润本已微薄的地方进一步增加成本。应先按贡献（以及终身价值和推荐价值）"
              "给客户分级，服务好盈利的核心客户；对亏损客户，应改变服务方式（最低订货量、"
              "线上下单、加急收费），而不是增加服务。",
    },
    rubric=[
        {"en": "Separates satisfaction (how the customer feels) from value (what the customer "
               "brings).",
         "zh": "区分了满意度（顾客的感受）与价值（顾客带来的利润）。"},
        {"en": "Uses evidence: contribution by satisfaction level or cost to serve.",
         "zh": "用数据作证据：按满意度分组的贡献，或服务成本。"},
        {"en": "Proposes a differentiated action instead of VIP for all.",
         "zh": "提出了差异化的措施，而不是一刀切的 VIP。"},
    ],
    hints=[
        {"en": "Look at the median contribution for each satisfaction level.",
         "zh": "看看每个满意度等级的贡献中位数。"},
        {"en": "What makes an account cost more to serve — and does that make it happier?",
         "zh": "什么让客户的服务成本更高？这是否也让他们更满意？"},
    ],
)

QUESTIONS = register(globals())
