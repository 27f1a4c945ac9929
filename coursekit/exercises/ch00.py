"""Exercises for chapter 00 · Start here (the Harbour Coffee data, marketing concepts, CRM).

>>> from coursekit.exercises import ch00
>>> ch00.q1.evaluate(...).status
'unanswered'
"""

from __future__ import annotations

import pandas as pd

from .core import Choice, Exact, FrameCheck, FunctionCheck, Numeric, Reflection, data, register


def _spend_per_member() -> pd.Series:
    return data("coffee_transactions").groupby("member_id")["amount"].sum().sort_values(ascending=False)


def _top20_share() -> float:
    spend = _spend_per_member()
    n_top = int(len(spend) * 0.2)
    return float(spend.iloc[:n_top].sum() / spend.sum())


q1 = Numeric(
    prompt={
        "en": "How many loyalty members does Harbour Coffee have (rows of coffee_members)?",
        "zh": "海港咖啡有多少名会员（coffee_members 的行数）？",
    },
    expected=lambda: len(data("coffee_members")),
    rtol=0,
    hints=[
        {"en": "One row of coffee_members is one member.",
         "zh": "coffee_members 的一行就是一名会员。"},
        {"en": "len(members) counts the rows of a table.",
         "zh": "len(members) 可以数出表格的行数。"},
    ],
    solution={"en": "Count the rows.", "zh": "数一数行数。"},
    code="n_members = len(members)",
    wrong=[lambda: data("coffee_transactions")["member_id"].nunique(), lambda: len(data("coffee_transactions"))],
)

q2 = Choice(
    prompt={
        "en": "Which marketing concept says: 'customers will not buy enough unless the firm "
              "pushes them with aggressive selling and promotion'?",
        "zh": "哪一种营销观念认为：“如果企业不大力推销和促销，顾客就不会买足够多的产品”？",
    },
    options={
        "a": ({"en": "production concept", "zh": "生产观念"},
              {"en": "No — the production concept is about cheap, available products.",
               "zh": "不对——生产观念关注的是低价和买得到。"}),
        "b": ({"en": "product concept", "zh": "产品观念"},
              {"en": "No — the product concept trusts that the best product sells itself.",
               "zh": "不对——产品观念相信好产品自然好卖。"}),
        "c": ({"en": "selling concept", "zh": "推销观念"},
              {"en": "Yes — the selling concept pushes what the firm has made.",
               "zh": "对——推销观念是把企业已经生产的东西推出去。"}),
        "d": ({"en": "relationship marketing", "zh": "关系营销"},
              {"en": "No — relationship marketing builds long-term relationships, not pressure.",
               "zh": "不对——关系营销建立长期关系，而不是施加压力。"}),
    },
    correct="c",
    hints=[
        {"en": "Look for the concept that starts from the factory's output, not from the customer.",
         "zh": "找出从“工厂已经生产了什么”而不是从顾客出发的那种观念。"},
        {"en": "Its name is about what salespeople do.", "zh": "它的名字就是推销员做的事。"},
    ],
    solution={"en": "c — the selling concept.", "zh": "c —— 推销观念。"},
    wrong=["a", "d"],
)

q3 = Numeric(
    prompt={
        "en": "How much did members spend in 2025 in total (CNY)? Use coffee_transactions.",
        "zh": "2025 年会员的消费总额是多少元？使用 coffee_transactions。",
    },
    expected=lambda: float(data("coffee_transactions").loc[data("coffee_transactions")["timestamp"].dt.year == 2025, "amount"].sum()),
    rtol=1e-6,
    hints=[
        {"en": "First keep only the rows of 2025, then add up the amount column.",
         "zh": "先只保留 2025 年的行，再把 amount 列加总。"},
        {"en": "tx['timestamp'].dt.year == 2025 gives True for the rows of 2025.",
         "zh": "tx['timestamp'].dt.year == 2025 会对 2025 年的行给出 True。"},
    ],
    code="spend_2025 = tx.loc[tx['timestamp'].dt.year == 2025, 'amount'].sum()",
    wrong=[lambda: float(data("coffee_transactions")["amount"].sum()),
           lambda: float(data("coffee_transactions").loc[data("coffee_transactions")["timestamp"].dt.year == 2024, "amount"].sum())],
)

q4 = Numeric(
    prompt={
        "en": "Sort the members who bought by their total spend. What share of all spend "
              "(a number between 0 and 1) comes from the top 20 % of them?",
        "zh": "把有消费的会员按消费总额从高到低排序。消费最高的前 20% 会员贡献了总消费的多大比例"
              "（0 到 1 之间的数）？",
    },
    expected=_top20_share,
    rtol=0.005,
    hints=[
        {"en": "Total spend per member: tx.groupby('member_id')['amount'].sum().",
         "zh": "每位会员的消费总额：tx.groupby('member_id')['amount'].sum()。"},
        {"en": "Sort descending, take the first int(0.2 * number of members) rows, divide their "
               "sum by the sum of all.",
         "zh": "降序排序，取前 int(0.2 × 会员数) 行，用它们的和除以全部的和。"},
    ],
    code="spend = tx.groupby('member_id')['amount'].sum().sort_values(ascending=False)\n"
         "n_top = int(len(spend) * 0.2)\n"
         "top_share = spend.iloc[:n_top].sum() / spend.sum()",
    wrong=[0.2, lambda: _top20_share() * 100, 0.8],
)

q5 = FrameCheck(
    prompt={
        "en": "Make a Series with the total amount (CNY) sold per store, indexed by store.",
        "zh": "做一个 Series：每家门店的销售总额（元），以门店名为索引。",
    },
    expected=lambda: data("coffee_transactions").groupby("store", observed=True)["amount"].sum(),
    rtol=1e-6,
    hints=[
        {"en": "Group the transactions by store.", "zh": "按门店（store）分组。"},
        {"en": "tx.groupby('store')['amount'] then the right aggregate.",
         "zh": "tx.groupby('store')['amount'] 再加上合适的汇总函数。"},
    ],
    code="store_sales = tx.groupby('store', observed=True)['amount'].sum()",
    wrong=[lambda: data("coffee_transactions").groupby("store", observed=True)["amount"].count().astype(float),
           lambda: data("coffee_transactions").groupby("store", observed=True)["amount"].mean()],
)

q6 = Choice(
    prompt={
        "en": "CRM is … (choose all that apply)",
        "zh": "客户关系管理（CRM）是……（选出所有正确项）",
    },
    options={
        "a": ({"en": "a business strategy centred on customers", "zh": "以客户为中心的经营战略"},
              {"en": "Yes: CRM starts as a strategy.", "zh": "对：CRM 首先是一种战略。"}),
        "b": ({"en": "a set of processes to win, keep and grow customers",
               "zh": "获取、保持和发展客户的一套流程"},
              {"en": "Yes: marketing, sales and service processes.",
               "zh": "对：营销、销售和服务流程。"}),
        "c": ({"en": "software that stores customer data and supports these processes",
               "zh": "存储客户数据并支持这些流程的软件"},
              {"en": "Yes — but software alone is not CRM.", "zh": "对——但只有软件并不等于 CRM。"}),
        "d": ({"en": "a discount given to every customer", "zh": "给每位顾客的折扣"},
              {"en": "No: treating all customers the same is the opposite of CRM.",
               "zh": "不对：对所有顾客一视同仁恰恰与 CRM 相反。"}),
    },
    correct={"a", "b", "c"},
    hints=[
        {"en": "Three of the four options are right.", "zh": "四个选项中有三个是对的。"},
        {"en": "CRM is strategy, process and technology together.",
         "zh": "CRM 是战略、流程和技术三者的结合。"},
    ],
    solution={"en": "a, b and c.", "zh": "a、b 和 c。"},
    wrong=[["c"], ["a", "b", "c", "d"]],
)

q7 = FunctionCheck(
    prompt={
        "en": "Write a function growth(old, new) that returns the growth rate (new − old) / old "
              "as a share, e.g. growth(100, 120) → 0.2.",
        "zh": "写一个函数 growth(old, new)，返回增长率 (new − old) / old（小数形式），"
              "例如 growth(100, 120) → 0.2。",
    },
    reference=lambda old, new: (new - old) / old,
    cases=[((100, 120), 0.2), ((200, 150), -0.25), ((80, 80), 0.0), ((3.5, 7.0), 1.0)],
    hints=[
        {"en": "Inside the function, compute the difference first, then divide by old.",
         "zh": "在函数里先算差值，再除以 old。"},
        {"en": "def growth(old, new):\n    return (new - old) / ...",
         "zh": "def growth(old, new):\n    return (new - old) / ..."},
    ],
    code="def growth(old, new):\n"
         "    return (new - old) / old",
    wrong=[lambda old, new: (new - old) / new, lambda old, new: new / old,
           lambda old, new: (new - old) / old * 100],
)

q8 = Exact(
    prompt={
        "en": "Which Harbour Coffee store sold the most in 2024–2025 (its name, as text)?",
        "zh": "2024–2025 年哪家海港咖啡门店的销售额最高（写出门店名称，文本）？",
    },
    expected=lambda: str(data("coffee_transactions").groupby("store", observed=True)["amount"].sum().idxmax()),
    hints=[
        {"en": "Use your answer to the store question (total amount per store).",
         "zh": "用上一题每家门店的销售总额。"},
        {"en": ".idxmax() gives the index label of the largest value.",
         "zh": ".idxmax() 返回最大值对应的索引标签。"},
    ],
    code="best_store = tx.groupby('store', observed=True)['amount'].sum().idxmax()",
    wrong=[lambda: str(data("coffee_transactions").groupby("store", observed=True)["amount"].sum().idxmin()),
           lambda: str(data("coffee_transactions")["store"].value_counts().index[-1])],
)

q9 = Reflection(
    prompt={
        "en": "Harbour Coffee could (a) cut the price of every coffee by 10 %, or (b) learn what "
              "its best members value and serve them better. Which is the more customer-centred "
              "choice, and what would you need to know first? (3–5 sentences)",
        "zh": "海港咖啡可以 (a) 所有咖啡降价 10%，或者 (b) 了解最有价值会员真正看重什么并更好地服务他们。"
              "哪一个更“以客户为中心”？你需要先知道什么？（3–5 句话）",
    },
    model_answer={
        "en": "(b) is customer-centred: it starts from what customers value, not from the "
              "product or the price. A general price cut gives money away to members who would "
              "have come anyway and attracts price-driven customers who leave first. First I would "
              "want to know who the most valuable members are (the top 20 % bring most of the "
              "spend), what they value (taste, speed, a place to work …), and how satisfied and "
              "loyal they are.",
        "zh": "(b) 以客户为中心：它从顾客看重的东西出发，而不是从产品或价格出发。全面降价会把钱送给本来就会来的"
              "会员，还会吸引最先流失的价格敏感型顾客。我需要先知道：谁是最有价值的会员（前 20% 的会员贡献了大部分"
              "消费），他们看重什么（口味、速度、办公空间……），他们的满意度和忠诚度如何。",
    },
    rubric=[
        {"en": "Chooses (b) and says why: it starts from the customer.",
         "zh": "选择 (b) 并说明理由：从顾客出发。"},
        {"en": "Names a cost or risk of the general price cut.",
         "zh": "指出全面降价的成本或风险。"},
        {"en": "Names at least one thing to find out in the data (who is valuable, what they value).",
         "zh": "至少指出一项需要从数据中了解的内容（谁有价值、他们看重什么）。"},
    ],
    hints=[
        {"en": "Think about who benefits from a general price cut.",
         "zh": "想一想全面降价让谁得到了好处。"},
        {"en": "Remember how unevenly spend is spread over members.",
         "zh": "回想一下会员之间的消费分布有多不均匀。"},
    ],
)

QUESTIONS = register(globals())
