"""Chapter 07 exercises — Capstone: the seven CRM analyses on Jiangnan Mobile (综合实训).

Questions are built from the shipped ``mobile_*`` data sets (snapshot 2025-06-30; churn is
July–December 2025); the exercise notebook is
``exercises/07-capstone-seven-analyses-exercises.ipynb``.

Examples
--------
>>> from coursekit.exercises import ch07
>>> ch07.q2.evaluate(ch07.q2.expected_answer()).status
'correct'
"""

from __future__ import annotations

import pandas as pd

from .. import satisfaction
from .core import Choice, Exact, Numeric, Reflection, data, register


def _h1() -> pd.DataFrame:
    b = data("mobile_bills")
    return b[b["month"] <= "2025-06-30"]


def _churn_by(column: str) -> pd.Series:
    s = data("mobile_subscribers")
    return s.groupby(s[column].astype(str))["churned"].mean()


def _pilot() -> tuple[float, float]:
    s = data("mobile_subscribers")
    offered = s["subscriber_id"].isin(data("mobile_campaign")["subscriber_id"])
    return float(s.loc[offered, "churned"].mean()), float(s.loc[~offered, "churned"].mean())


q1 = Numeric(
    prompt={"en": "Profiling: how many Jiangnan Mobile lines are on a 24-month contract?",
            "zh": "客户概况分析：江南移动有多少条线路签了 24 个月合约？"},
    expected=lambda: int(data("mobile_subscribers")["contract"].sum()), rtol=0,
    hints=[{"en": "`contract` is True/False; summing booleans counts the Trues.",
            "zh": "`contract` 是 True/False；对布尔值求和就是数 True 的个数。"}],
    solution={"en": "Sum the boolean column.", "zh": "对布尔列求和。"},
    code="n_contract = subs['contract'].sum()",
    wrong=[lambda: int((~data("mobile_subscribers")["contract"].astype(bool)).sum())],
)

q2 = Numeric(
    prompt={"en": "Persistency: what share of the lines churned in July–December 2025? "
                  "Give a share (0.12 for 12 %).",
            "zh": "客户忠诚度分析：2025 年 7–12 月流失的线路占多大比例？请给出比例（12 % 写 0.12）。"},
    expected=lambda: float(data("mobile_subscribers")["churned"].mean()), rtol=1e-3,
    hints=[{"en": "The mean of a True/False column is the share of Trues.",
            "zh": "True/False 列的均值就是 True 的比例。"}],
    solution={"en": "The mean of `churned`.", "zh": "`churned` 的均值。"},
    code="churn_rate = subs['churned'].mean()",
    wrong=[lambda: int(data("mobile_subscribers")["churned"].sum()),
           lambda: 1 - float(data("mobile_subscribers")["churned"].mean())],
)

q3 = Exact(
    prompt={"en": "Product: which `plan_fit` group has the lowest churn rate? Give its label.",
            "zh": "客户产品分析：哪个 `plan_fit` 组的流失率最低？请给出其标签。"},
    expected=lambda: _churn_by("plan_fit").idxmin(),
    hints=[{"en": "Group by `plan_fit` and take the mean of `churned`.",
            "zh": "按 `plan_fit` 分组，求 `churned` 的均值。"}],
    solution={"en": "Lines whose plan fits their use churn least.",
              "zh": "套餐与使用量匹配的线路流失最少。"},
    code="best_fit = subs.groupby('plan_fit', observed=True)['churned'].mean().idxmin()",
    wrong=["over", "under"],
)

q4 = Exact(
    prompt={"en": "Product / service: which city has the highest churn rate? Give its name.",
            "zh": "哪个城市的流失率最高？请给出城市名称（英文，如 'Wuxi'）。"},
    expected=lambda: _churn_by("city").idxmax(),
    hints=[{"en": "Group by `city`; compare with the network complaints by city.",
            "zh": "按 `city` 分组；再对照各城市的网络投诉。"}],
    solution={"en": "The city with the weakest network loses most lines.",
              "zh": "网络最弱的城市流失最多。"},
    code="worst_city = subs.groupby('city', observed=True)['churned'].mean().idxmax()",
    wrong=[lambda: _churn_by("city").idxmin()],
)

q5 = Numeric(
    prompt={"en": "Profitability: total profit (bill amount − cost to serve) of January–June "
                  "2025, in CNY.",
            "zh": "客户利润分析：2025 年 1–6 月的总利润（账单金额 − 服务成本），单位元。"},
    expected=lambda: float((_h1()["amount"] - _h1()["cost_to_serve"]).sum()), rtol=1e-4,
    hints=[{"en": "Keep the bills with `month` up to 2025-06-30 (the snapshot).",
            "zh": "只保留 `month` 不晚于 2025-06-30（快照日）的账单。"}],
    solution={"en": "Filter to the first half, then subtract and sum.",
              "zh": "先筛选上半年，再相减求和。"},
    code="h1 = bills[bills['month'] <= '2025-06-30']\n"
         "profit_h1 = (h1['amount'] - h1['cost_to_serve']).sum()",
    wrong=[lambda: float(_h1()["amount"].sum()),
           lambda: float((data("mobile_bills")["amount"]
                          - data("mobile_bills")["cost_to_serve"]).sum())],
)

q6 = Exact(
    prompt={"en": "Performance: which city brought the most revenue (bill amounts) in "
                  "January–June 2025?",
            "zh": "客户性能分析：2025 年 1–6 月哪个城市的收入（账单金额）最高？"},
    expected=lambda: _h1().merge(data("mobile_subscribers")[["subscriber_id", "city"]])
    .groupby("city", observed=True)["amount"].sum().idxmax(),
    hints=[{"en": "Merge the bills with the subscribers' `city`, then group and sum.",
            "zh": "把账单与用户表的 `city` 合并，再分组求和。"}],
    solution={"en": "Merge, group by city, sum the amounts.", "zh": "合并、按城市分组、对金额求和。"},
    code="top_city = h1.merge(subs[['subscriber_id', 'city']]).groupby('city', observed=True)"
         "['amount'].sum().idxmax()",
    wrong=["Nantong", "Yangzhou"],
)

q7 = Numeric(
    prompt={"en": "Prospecting: turn the six-month churn share into a monthly retention rate, "
                  "(1 − churn share)^(1/6).",
            "zh": "客户未来分析：把六个月的流失比例换算为月保持率：(1 − 流失比例)^(1/6)。"},
    expected=lambda: float((1 - data("mobile_subscribers")["churned"].mean()) ** (1 / 6)),
    rtol=1e-4,
    hints=[{"en": "Surviving six months = surviving each month six times: r⁶ = 1 − churn.",
            "zh": "六个月都留下 = 每个月留下六次：r⁶ = 1 − 流失比例。"}],
    solution={"en": "The sixth root of the six-month retention.", "zh": "六个月保持率开六次方。"},
    code="monthly_retention = (1 - subs['churned'].mean()) ** (1 / 6)",
    wrong=[lambda: 1 - float(data("mobile_subscribers")["churned"].mean()),
           lambda: 1 - float(data("mobile_subscribers")["churned"].mean()) / 6],  # linear
)

q8 = Numeric(
    prompt={"en": "Satisfaction: the Net Promoter Score of the March survey (`recommend`, 0–10), "
                  "in points from −100 to 100.",
            "zh": "满意度：3 月调查的净推荐值（`recommend`，0–10），以 −100 到 100 的分值表示。"},
    expected=lambda: float(satisfaction.nps(data("mobile_survey")["recommend"])), rtol=1e-6,
    hints=[{"en": "Promoters 9–10 minus detractors 0–6, as percentages: `satisfaction.nps`.",
            "zh": "推荐者（9–10）减去贬损者（0–6）的百分比：`satisfaction.nps`。"}],
    solution={"en": "Use the kit's helper.", "zh": "用工具包的函数。"},
    code="score = satisfaction.nps(survey['recommend'])",
    wrong=[lambda: float(data("mobile_survey")["recommend"].ge(9).mean() * 100)],
)

q9 = Numeric(
    prompt={"en": "Promotion: from the June pilot, the save rate = 1 − churn(offered) / "
                  "churn(not offered). Give a share.",
            "zh": "客户促销分析：根据 6 月试点，挽留率 = 1 − 流失率（获优惠组）/ 流失率（对照组）。"
                  "请给出比例。"},
    expected=lambda: 1 - _pilot()[0] / _pilot()[1], rtol=1e-3,
    hints=[{"en": "Offered = the subscriber_id is in `mobile_campaign`; the rest are the control.",
            "zh": "获优惠组 = subscriber_id 在 `mobile_campaign` 中；其余为对照组。"}],
    solution={"en": "A relative drop in churn, thanks to a random control group.",
              "zh": "流失率的相对降幅，靠随机对照组才能算出。"},
    code="offered = subs['subscriber_id'].isin(campaign['subscriber_id'])\n"
         "save_rate = 1 - subs.loc[offered, 'churned'].mean() / subs.loc[~offered, 'churned'].mean()",
    wrong=[lambda: _pilot()[1] - _pilot()[0]],
)

q10 = Numeric(
    prompt={"en": "Promotion: a line has churn probability 0.4 and is worth 600 CNY; the offer "
                  "saves 25 % of would-be churners and a call costs 30 CNY. Expected gain of "
                  "calling it (CNY)?",
            "zh": "客户促销分析：某线路流失概率 0.4，价值 600 元；优惠能挽留 25 % 的潜在流失者，"
                  "每次联系成本 30 元。联系它的期望收益是多少元？"},
    expected=0.4 * 0.25 * 600 - 30, rtol=1e-9,
    hints=[{"en": "E = p × s × V − c.", "zh": "E = p × s × V − c。"}],
    solution={"en": "0.4 × 0.25 × 600 − 30.", "zh": "0.4 × 0.25 × 600 − 30。"},
    code="gain = 0.4 * 0.25 * 600 - 30",
    wrong=[0.4 * 600 - 30, 0.4 * 0.25 * 600],
)

q11 = Choice(
    prompt={"en": "Persistency: the churn model is '85 % accurate' at the 0.5 threshold. "
                  "What is the best reading?",
            "zh": "客户忠诚度分析：流失模型在 0.5 阈值下“准确率 85 %”。哪种解读最好？"},
    options={
        "a": ({"en": "The model is excellent", "zh": "模型非常好"},
              {"en": "About 84 % stay anyway: predicting 'nobody churns' is almost as accurate.",
               "zh": "本来就约 84 % 的人留下：预测“没人流失”几乎一样准。"}),
        "b": ({"en": "Judge the ranking: ROC AUC and the gains at 20 % on the test set",
               "zh": "评价排序能力：测试集上的 ROC AUC 和前 20 % 的累计增益"},
              {"en": "Yes: a campaign calls the riskiest first, so the ranking is what counts.",
               "zh": "对：活动先联系风险最高的人，所以排序能力才是关键。"}),
        "c": ({"en": "85 % of the churners are found", "zh": "找到了 85 % 的流失者"},
              {"en": "No: accuracy mixes stayers and churners; the confusion matrix shows few "
                     "churners are flagged at 0.5.",
               "zh": "不对：准确率混合了留存者和流失者；混淆矩阵显示 0.5 阈值下被标出的流失者很少。"}),
    },
    correct="b",
    hints=[{"en": "What share of the lines stays anyway?", "zh": "本来就有多少线路会留下？"}],
    solution={"en": "b — read a churn model by its ranking (AUC, gains, lift).",
              "zh": "b —— 按排序能力（AUC、累计增益、提升度）解读流失模型。"},
    wrong=["a", "c"],
)

q12 = Reflection(
    prompt={"en": "Write the 'Retention actions' line of your CRM plan in 3–5 sentences, with "
                  "numbers from the notebook.",
            "zh": "用 3–5 句话写出你的客户关系管理方案中的“挽留行动”一栏，并引用笔记本中的数字。"},
    model_answer={
        "en": "Score every line with the logistic churn model (test AUC about 0.77; the riskiest "
              "20 % hold about half the churners). Call the lines whose expected gain "
              "p × save rate × 12-month margin − 30 CNY is positive — about a quarter of them — "
              "with the offer that fixes their plan fit (data bonus for 'over', discount for "
              "'under'). Fix open complaints first. This earns more than calling everyone, "
              "which loses money; re-measure the save rate with a control group each quarter.",
        "zh": "用逻辑回归流失模型给每条线路打分（测试集 AUC 约 0.77；风险最高的 20 % 包含约一半流失者）。"
              "联系期望收益 p × 挽留率 × 12 个月毛利 − 30 元为正的线路（约四分之一），"
              "给出能解决套餐不匹配的优惠（“超出”送流量，“富余”给折扣），并优先解决未结投诉。"
              "这比全部联系收益更高（全部联系会亏损）；每季度用对照组重新测量挽留率。",
    },
    rubric=[{"en": "names who is called and the rule", "zh": "写明联系谁及规则"},
            {"en": "gives cost, save rate and expected gain", "zh": "给出成本、挽留率和期望收益"}],
    hints=[{"en": "Use the summary table of section 7.", "zh": "参考第 7 节的汇总表。"}],
    solution={"en": "See the model answer and docs/capstone-rubric.md.",
              "zh": "见参考答案和 docs/zh/capstone-rubric.md。"},
)

QUESTIONS = register(globals())
