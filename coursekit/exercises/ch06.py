"""Chapter 06 exercises — Lean value streams (精益价值流).

Questions are built from the shipped data sets ``lean_parts_plant``,
``lean_coffee_mobile_order`` and ``lean_6s_audit``; the expected answers are computed lazily
with :mod:`coursekit.lean`.

Examples
--------
>>> from coursekit.exercises import ch06
>>> ch06.q1.evaluate(90).status
'correct'
>>> ch06.q1.evaluate(45).status
'wrong'
"""

from __future__ import annotations

import pandas as pd

from .. import lean
from .core import Choice, Exact, FrameCheck, FunctionCheck, Numeric, Reflection, data, register

# Lakeside Parts (card lean_parts_plant.md): 600 brackets a day, 2 shifts × 27,000 s.
DEMAND_PER_DAY = 600
SHIFT_S = 27_000
AVAILABLE_S_PER_DAY = 2 * SHIFT_S
# Harbour Coffee quality check (a week of mobile orders at one store)
ORDERS, OPPORTUNITIES, DEFECTS = 2_400, 4, 58


def _plant_state(state: str = "current", **kwargs) -> lean.ValueStream:
    df = data("lean_parts_plant")
    return lean.value_stream(df[df["state"] == state], demand_per_day=DEMAND_PER_DAY,
                             available_s_per_day=AVAILABLE_S_PER_DAY, name=state, **kwargs)


def _coffee_current() -> lean.ValueStream:
    df = data("lean_coffee_mobile_order")
    return lean.value_stream(df[df["state"] == "current"], name="current")


def _inventory_days(demand: float) -> float:
    cur = data("lean_parts_plant")[data("lean_parts_plant")["state"] == "current"]
    return float(cur["inventory_units"].sum() / demand)


def _coil_days() -> float:
    return _plant_state().lead_time_days - _inventory_days(DEMAND_PER_DAY)


def _queue_wait_min(orders_waiting: float, orders_per_hour: float) -> float:
    return orders_waiting / orders_per_hour * 60


def _queue_wait_hours(orders_waiting: float, orders_per_hour: float) -> float:
    return orders_waiting / orders_per_hour


def _queue_wait_times(orders_waiting: float, orders_per_hour: float) -> float:
    return orders_waiting * orders_per_hour


def _weakest_s(date: str = "2026-03-02", lowest: bool = True) -> str:
    a = data("lean_6s_audit")
    scores = lean.six_s_scores(a[a["audit_date"] == pd.Timestamp(date)])["score (%)"]
    scores = scores.drop("overall")
    return str(scores.idxmin() if lowest else scores.idxmax())


q1 = Numeric(
    prompt={
        "en": "Lakeside Parts works 2 shifts a day; each shift has 27,000 s of working time "
              "after breaks. The customer takes 600 brackets a day. What is the takt time in "
              "seconds per bracket?",
        "zh": "湖畔零件厂每天两班，每班扣除休息后有 27,000 秒工作时间。客户每天需要 600 个支架。"
              "节拍时间是每个支架多少秒？",
    },
    expected=AVAILABLE_S_PER_DAY / DEMAND_PER_DAY,
    rtol=0, atol=0.01,
    hints=[
        {"en": "Takt = available time ÷ demand, both for the same period. Is 27,000 s the "
               "time of one day?",
         "zh": "节拍 = 可用时间 ÷ 需求，两者必须是同一期间的。27,000 秒是一天的时间吗？"},
        {"en": "A day has 2 × 27,000 s; `lean.takt_time(2 * 27_000, 600)`.",
         "zh": "一天有 2 × 27,000 秒；`lean.takt_time(2 * 27_000, 600)`。"},
    ],
    solution={
        "en": "Daily available time over daily demand: "
              "```takt = lean.takt_time(2 * 27_000, 600)  # 90 s per bracket```",
        "zh": "每日可用时间除以每日需求："
              "```takt = lean.takt_time(2 * 27_000, 600)  # 每个支架 90 秒```",
    },
    wrong=[SHIFT_S / DEMAND_PER_DAY,          # one shift's time with a day's demand
           2 * 8 * 3600 / DEMAND_PER_DAY],    # forgot to take the breaks off
)

q2 = Numeric(
    prompt={
        "en": "Build the current-state value stream of `lean_parts_plant` (rows with "
              "state == 'current'). What is its lead time in days?",
        "zh": "用 `lean_parts_plant` 中 state == 'current' 的行建立现状价值流。"
              "它的生产周期（交付周期）是多少天？",
    },
    expected=lambda: _plant_state().lead_time_days,
    rtol=0, atol=0.05,
    hints=[
        {"en": "Every inventory adds units ÷ daily demand days; the steel coils wait is already "
               "given in days. Do not forget it.",
         "zh": "每处库存增加“件数 ÷ 日需求”天；钢卷的等待已直接以天给出，不要漏掉。"},
        {"en": "`lean.value_stream(plant[plant['state'] == 'current'], demand_per_day=600, "
               "available_s_per_day=54_000).lead_time_days`",
         "zh": "`lean.value_stream(plant[plant['state'] == 'current'], demand_per_day=600, "
               "available_s_per_day=54_000).lead_time_days`"},
    ],
    code="current = lean.value_stream(plant[plant['state'] == 'current'],\n"
         "                             demand_per_day=600, available_s_per_day=54_000)\n"
         "lead_days = current.lead_time_days",
    wrong=[
        # only the inventories in units: forgot the coil wait given as time
        lambda: _inventory_days(DEMAND_PER_DAY),
        # divided the inventories by the demand of one shift (300) instead of a day
        lambda: _inventory_days(DEMAND_PER_DAY / 2) + _coil_days(),
    ],
)


q3 = Numeric(
    prompt={
        "en": "What is the process cycle efficiency (PCE) of the current state, in percent, "
              "counting a day as 24 hours (the default `day_length='calendar'`)?",
        "zh": "现状的流程周期效率（PCE）是百分之多少？一天按 24 小时计"
              "（默认 `day_length='calendar'`）。",
    },
    expected=lambda: 100 * _plant_state().pce,
    rtol=0.01, atol=0,
    hints=[
        {"en": "PCE = processing time ÷ lead time, both in the *same* unit. Seconds and days "
               "do not divide.",
         "zh": "PCE = 加工时间 ÷ 生产周期，两者单位必须相同。秒和天不能直接相除。"},
        {"en": "`100 * current.pce` — the result is a tiny percentage (far below 1 %).",
         "zh": "`100 * current.pce` —— 结果是一个很小的百分比（远小于 1 %）。"},
    ],
    code="pce_pct = 100 * current.pce\n"
         "# = 100 * current.processing_time_s / current.lead_time_s",
    wrong=[
        # divided seconds by days
        lambda: 100 * _plant_state().processing_time_s / _plant_state().lead_time_days,
        # gave the share, not the percentage
        lambda: _plant_state().pce,
        # counted a day as the working time (the other convention)
        lambda: 100 * _plant_state(day_length="working").pce,
    ],
)

q4 = Exact(
    prompt={
        "en": "In the current state, which process step cannot keep pace with takt once its "
              "uptime is counted (utilisation above 100 %)? Give the step's name as text.",
        "zh": "在现状中，计入设备可动率后，哪一个工序跟不上节拍（利用率超过 100 %）？"
              "请以文字给出工序名称。",
    },
    expected=lambda: _plant_state().utilisation().query("over_takt")["step"].iloc[0],
    hints=[
        {"en": "Compare each step's cycle time with takt (90 s); a step with uptime below 100 % "
               "needs cycle time ÷ uptime.",
         "zh": "把每个工序的周期时间与节拍（90 秒）比较；可动率低于 100 % 的工序需要用"
               "周期时间 ÷ 可动率。"},
        {"en": "`current.utilisation()` has a column `over_takt`.",
         "zh": "`current.utilisation()` 里有一列 `over_takt`。"},
    ],
    code="util = current.utilisation()\n"
         "bottleneck = util.loc[util['over_takt'], 'step'].iloc[0]",
    wrong=["Pressing",   # the step with the longest changeover and lowest uptime
           "Welding"],   # the step with the worst uptime among the slow ones
)

q5 = FrameCheck(
    prompt={
        "en": "Harbour Coffee's current mobile-order stream (`lean_coffee_mobile_order`, "
              "state == 'current'): build the activity summary and give the Series of each "
              "category's share of the *time* (VA, NNVA, waste) — waits included.",
        "zh": "海港咖啡现状的手机点单价值流（`lean_coffee_mobile_order`，state == 'current'）："
              "做出活动汇总表，给出各类别（VA、NNVA、waste）占*时间*的比例（Series），"
              "等待也要算进去。",
    },
    expected=lambda: lean.activity_summary(_coffee_current().steps)["time_share"],
    rtol=1e-3, atol=1e-4,
    hints=[
        {"en": "Waits have no cycle time, so `cycle_time_s` alone misses them. The value "
               "stream's `steps` table has a `time_s` column for every row.",
         "zh": "等待没有周期时间，只用 `cycle_time_s` 会漏掉它们。价值流的 `steps` 表"
               "每一行都有 `time_s` 列。"},
        {"en": "`lean.activity_summary(coffee_vs.steps)['time_share']`",
         "zh": "`lean.activity_summary(coffee_vs.steps)['time_share']`"},
    ],
    code="coffee_vs = lean.value_stream(coffee[coffee['state'] == 'current'])\n"
         "shares = lean.activity_summary(coffee_vs.steps)['time_share']",
    wrong=[
        # share of the number of activities, not of the time
        lambda: lean.activity_summary(_coffee_current().steps)["count_share"].rename(
            "time_share"),
        # process rows only (waits forgotten)
        lambda: lean.activity_summary(
            _coffee_current().steps.query("kind == 'process'"))["time_share"],
    ],
)

q6 = FunctionCheck(
    prompt={
        "en": "Little's law: write `queue_wait_min(orders_waiting, orders_per_hour)` that "
              "returns the average wait in MINUTES of an order in a queue, from the average "
              "number of orders waiting and the orders served per hour.",
        "zh": "利特尔法则：编写函数 `queue_wait_min(orders_waiting, orders_per_hour)`，"
              "根据平均排队订单数和每小时完成的订单数，返回订单平均等待的分钟数。",
    },
    cases=[((6, 60), 6.0), ((10, 30), 20.0), ((0, 45), 0.0), ((2.5, 75), None)],
    reference=_queue_wait_min,
    rtol=1e-6,
    hints=[
        {"en": "Little's law: lead time = WIP ÷ throughput. With throughput per hour, the "
               "result is in hours.",
         "zh": "利特尔法则：周期 = 在制品 ÷ 产出率。产出率按小时计，结果就是小时。"},
        {"en": "`return orders_waiting / orders_per_hour * 60`",
         "zh": "`return orders_waiting / orders_per_hour * 60`"},
    ],
    code="def queue_wait_min(orders_waiting, orders_per_hour):\n"
         "    return orders_waiting / orders_per_hour * 60",
    wrong=[_queue_wait_hours, _queue_wait_times],
)

q7 = Numeric(
    prompt={
        "en": f"In one week a Harbour Coffee store checks {ORDERS:,} mobile orders. Each order "
              f"has {OPPORTUNITIES} opportunities for a defect (wrong drink, wrong size, wrong "
              f"milk, missing name) and {DEFECTS} defects are found. What is the sigma level "
              "with the usual 1.5σ shift?",
        "zh": f"某海港咖啡门店一周检查了 {ORDERS:,} 张手机订单。每张订单有 {OPPORTUNITIES} "
              f"个缺陷机会（饮品错、杯型错、奶错、缺名字），共发现 {DEFECTS} 个缺陷。"
              "按常用的 1.5σ 偏移，西格玛水平是多少？",
    },
    expected=lambda: lean.sigma_level(lean.dpmo(DEFECTS, ORDERS, OPPORTUNITIES)),
    rtol=0, atol=0.01,
    hints=[
        {"en": "First DPMO = defects ÷ (units × opportunities) × 1,000,000, then the sigma "
               "level from the normal distribution plus 1.5.",
         "zh": "先算 DPMO = 缺陷数 ÷ (单位数 × 机会数) × 1,000,000，再由正态分布求西格玛水平并加 1.5。"},
        {"en": "`lean.sigma_level(lean.dpmo(58, 2_400, 4))`",
         "zh": "`lean.sigma_level(lean.dpmo(58, 2_400, 4))`"},
    ],
    code="sigma = lean.sigma_level(lean.dpmo(58, 2_400, 4))  # DPMO ≈ 6,042",
    wrong=[
        # forgot the opportunities: defects per million units
        lambda: lean.sigma_level(lean.dpmo(DEFECTS, ORDERS, 1)),
        # forgot the 1.5σ shift
        lambda: lean.sigma_level(lean.dpmo(DEFECTS, ORDERS, OPPORTUNITIES), shift=0),
    ],
)

q8 = Exact(
    prompt={
        "en": "In the 6S audit of 2026-03-02 (`lean_6s_audit`, all areas together), which S has "
              "the lowest score? Give its English name, e.g. 'Shine'.",
        "zh": "在 2026-03-02 的 6S 审核中（`lean_6s_audit`，所有区域合计），哪一个 S 得分最低？"
              "请给出英文名称，例如 'Shine'。",
    },
    expected=_weakest_s,
    hints=[
        {"en": "Keep only the rows of that date, then average the score per S.",
         "zh": "只保留该日期的行，再按 S 求平均分。"},
        {"en": "`lean.six_s_scores(before)['score (%)'].drop('overall').idxmin()`",
         "zh": "`lean.six_s_scores(before)['score (%)'].drop('overall').idxmin()`"},
    ],
    code="before = audit[audit['audit_date'] == '2026-03-02']\n"
         "weakest = lean.six_s_scores(before)['score (%)'].drop('overall').idxmin()",
    wrong=[lambda: _weakest_s(lowest=False),          # took the maximum
           lambda: _weakest_s("2026-06-01") if _weakest_s("2026-06-01") != _weakest_s()
           else "Safety"],                             # the other audit date
)

q9 = Choice(
    prompt={
        "en": "Mobile-order customers at Harbour Coffee wait about 12 minutes, but only 2–3 "
              "minutes of that is work on their drink. Which step is the *Lean* answer?",
        "zh": "海港咖啡的手机点单顾客约等 12 分钟，但其中只有 2–3 分钟是在做他们的饮品。"
              "哪一项是*精益*的做法？",
    },
    options={
        "a": ({"en": "Hire a third barista and keep the flow as it is",
               "zh": "再雇一名咖啡师，流程保持不变"},
              {"en": "More capacity does not remove the waits: tickets still pile up in batches "
                     "and drinks still wait on the shelf.",
               "zh": "增加产能并不能消除等待：订单仍成批堆积，饮品仍在取餐台上等待。"}),
        "b": ({"en": "Release tickets by pickup time slot and use a named pickup shelf (pull)",
               "zh": "按取餐时段释放订单，并使用按姓名分格的取餐架（拉动）"},
              {"en": "Yes: work starts when the customer needs it, so the queue and the shelf "
                     "wait shrink — the non-value-added time goes, not the value-added time.",
               "zh": "对：在顾客需要时才开始制作，排队和取餐台等待都缩短了——去掉的是非增值时间，"
                     "而不是增值时间。"}),
        "c": ({"en": "Ask baristas to make each drink 20 % faster",
               "zh": "要求咖啡师把每杯饮品的制作时间缩短 20 %"},
              {"en": "That attacks the 2–3 minutes of value-added work and leaves the waits.",
               "zh": "这只压缩了 2–3 分钟的增值工作，等待依旧。"}),
        "d": ({"en": "Add a bigger pickup shelf", "zh": "换一个更大的取餐台"},
              {"en": "A bigger shelf holds more waiting drinks: more inventory, not less.",
               "zh": "更大的取餐台只能放更多等待的饮品：库存更多，而不是更少。"}),
    },
    correct="b",
    hints=[
        {"en": "Where is most of the 12 minutes spent: working or waiting?",
         "zh": "12 分钟大部分花在哪里：工作还是等待？"},
        {"en": "Lean removes waiting by letting the customer's need *pull* the work.",
         "zh": "精益通过让顾客需求*拉动*工作来消除等待。"},
    ],
    solution={
        "en": "b — pull (pickup slots) and a named shelf cut the waiting, which is most of the "
              "lead time; faster work or more people change the small value-added part.",
        "zh": "b —— 拉动（取餐时段）和按姓名分格的取餐架减少了等待，而等待占了周期的大部分；"
              "加快制作或加人只改变很小的增值部分。",
    },
    wrong=["a", "c", "d"],
)

q10 = Reflection(
    prompt={
        "en": "The Lakeside Parts plant manager sees a PCE far below 1 % and says: 'So our "
              "workers are idle 99 % of the time — we need stricter supervision.' In 4–6 "
              "sentences, answer him.",
        "zh": "湖畔零件厂厂长看到 PCE 远低于 1 %，说：“说明工人 99 % 的时间在偷懒，要加强监督。”"
              "请用 4–6 句话回应他。",
    },
    model_answer={
        "en": "PCE measures the product's time, not the people's: the bracket waits for days in "
              "inventories between steps while the operators are busy — assembly is even above "
              "takt. The low PCE comes from batching and push scheduling, which build "
              "inventory, not from idle workers. Supervising people harder would not shorten the "
              "waits. The future state attacks the system: a welding + assembly cell, a "
              "supermarket with pull, quicker changeovers — lead time falls from about 21 to "
              "4.5 days while the work content barely changes.",
        "zh": "PCE 衡量的是产品的时间，而不是人的时间：支架在工序之间的库存里一等就是几天，"
              "而操作工一直在忙——装配工序甚至超过了节拍。PCE 低源于批量生产和推动式排产造成的"
              "库存，而不是工人闲着。加强监督不会缩短等待。未来状态改的是系统：焊接装配单元、"
              "带拉动的超市、快速换模——生产周期从约 21 天降到 4.5 天，而工作内容几乎不变。",
    },
    hints=[
        {"en": "Whose time does PCE measure: the worker's or the bracket's? Look at where the "
               "21 days go on the current-state map.",
         "zh": "PCE 衡量的是谁的时间：工人的，还是支架的？看看现状价值流图上那 21 天花在了哪里。"},
        {"en": "Compare the current and future state: what changes in the lead time, and what "
               "in the work content? What kind of change made the difference?",
         "zh": "比较现状与未来状态：生产周期变了多少，工作内容又变了多少？是哪一类改变起了作用？"},
    ],
    rubric=[
        {"en": "says PCE is about the product's (or order's) time, not worker idleness",
         "zh": "指出 PCE 讲的是产品（订单）的时间，而非工人是否空闲"},
        {"en": "names the waits in inventory / batching / push as the cause",
         "zh": "指出原因是库存等待、批量、推动式生产"},
        {"en": "proposes a system change (flow, pull, cell, smaller batches, SMED)",
         "zh": "提出系统改变（流动、拉动、单元、小批量、快速换模）"},
    ],
)


# --- issue #13: the texts' value stream, 6S purposes, Lean vs Six Sigma ------------------------


def _va_share_pct(*, basis: str = "va", day_length: str = "calendar") -> float:
    return 100 * _plant_state(pce_basis=basis, day_length=day_length).pce


q11 = Choice(
    prompt={
        "en": "Lean and Six Sigma on the textbook's seven points: in which of them may *any "
              "employee* stop production to deal with a problem on the spot?",
        "zh": "按教材的七点比较：在哪一种模式中，*任何员工*都有权停止生产、当场处理问题？",
    },
    options={
        "a": ({"en": "Lean: problems are analysed by shop-floor experts, who may stop the line",
               "zh": "精益生产：现场专家分析问题，员工有权停止生产"},
              {"en": "Yes: Lean relies on the people on the shop floor (现场).",
               "zh": "对：精益生产依靠现场的人员。"}),
        "b": ({"en": "Six Sigma: the black belt stops production after a DMAIC project",
               "zh": "六西格玛：黑带在 DMAIC 项目之后停止生产"},
              {"en": "Six Sigma analyses problems quantitatively in projects; it is top-down.",
               "zh": "六西格玛在项目中做定量分析，是自上而下的。"}),
        "c": ({"en": "both, because both use PDCA", "zh": "两者都可以，因为两者都用 PDCA"},
              {"en": "Both are PDCA-like, but they analyse problems differently (point 6).",
               "zh": "两者都与 PDCA 相似，但分析问题的方法不同（第 6 点）。"}),
        "d": ({"en": "neither: only managers may stop production", "zh": "都不可以：只有管理者能停止生产"},
              {"en": "Look again at point 6 of the comparison.", "zh": "再看一看比较中的第 6 点。"}),
    },
    correct="a",
    hints=[
        {"en": "Point 6 of the table: how each analyses problems.",
         "zh": "表中的第 6 点：两者如何分析问题。"},
        {"en": "One relies on shop-floor experts, the other on quantitative analysis.",
         "zh": "一个依靠现场专家，另一个依靠定量分析。"},
    ],
    solution={"en": "a — in Lean, employees on the floor may stop production; Six Sigma decides "
                    "on data in projects. The differences complement each other.",
              "zh": "a —— 精益生产中现场员工有权停止生产；六西格玛在项目中依据数据决策。两者的差异"
                    "是互补的。"},
    wrong=["b", "c", "d"],
)

q12 = Numeric(
    prompt={
        "en": "The texts say value-added activities are typically less than 5 % of the time. "
              "Lakeside Parts' current state: what percentage of the lead time (24-hour days) is "
              "value-added time — the VA steps only? (a percentage, e.g. 0.5)",
        "zh": "教材说增值活动一般不到全部时间的 5%。湖畔零件厂的现状：增值时间（只算 VA 工序）占"
              "生产周期（按 24 小时一天）的百分之几？（百分数，如 0.5）",
    },
    expected=_va_share_pct,
    rtol=1e-3,
    hints=[
        {"en": "Value-added time ÷ lead time. Shipping is NNVA: leave it out.",
         "zh": "增值时间 ÷ 生产周期。发货是必要非增值：不要算进去。"},
        {"en": "`lean.value_stream(current_rows, demand_per_day=600, available_s_per_day=54_000, "
               "pce_basis='va').pce * 100`.",
         "zh": "`lean.value_stream(current_rows, demand_per_day=600, available_s_per_day=54_000, "
               "pce_basis='va').pce * 100`。"},
    ],
    solution={"en": "About 0.009 % — far below the 5 % the texts mention as the usual ceiling.",
              "zh": "约 0.009%——远低于教材所说的 5%。"},
    code="vs = lean.value_stream(plant[plant['state'] == 'current'], demand_per_day=600,\n"
         "                       available_s_per_day=54_000, pce_basis='va')\n"
         "va_pct = 100 * vs.pce",
    wrong=[lambda: _va_share_pct(basis="processing"),            # counted shipping (NNVA) too
           lambda: _va_share_pct(day_length="working"),          # working days, not 24 h
           lambda: _va_share_pct() / 100],                       # a share, not a percentage
)

q13 = Exact(
    prompt={
        "en": "6S: which S has the purpose 'see everything at a glance, no time lost searching' "
              "— the S that puts every needed item in a fixed, marked place? Give its English "
              "name as in `lean.SIX_S`.",
        "zh": "6S：哪一个 S 的目的是“工作场所一目了然，消除寻找物品的时间”——把必要的物品放在"
              "规定位置并加以标示？请给出 `lean.SIX_S` 中的英文名称。",
    },
    expected="Set in order",
    hints=[
        {"en": "Not Sort: Sort removes what is not needed. This S comes second.",
         "zh": "不是整理：整理是去掉不需要的东西。这个 S 排第二。"},
        {"en": "`lean.SIX_S_PURPOSE` lists each S's purpose.",
         "zh": "`lean.SIX_S_PURPOSE` 列出了每个 S 的目的。"},
    ],
    solution={"en": "Set in order (整顿, seiton).", "zh": "Set in order（整顿，seiton）。"},
    wrong=["Sort", "Standardize", "Shine"],
)


QUESTIONS = register(globals())
