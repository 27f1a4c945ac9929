"""Chapter 04b quick checks — the ACSI model (顾客满意度指数模型), used in the notebook's Try it cells.

The questions use the ACSI-style model fitted on the shipped ``coffee_survey`` with
:func:`coursekit.satisfaction.pls_path` (blocks and paths as in ``notebooks/04b-acsi-model``).

Examples
--------
>>> from coursekit.exercises import ch04b
>>> ch04b.q2.evaluate("b").status
'correct'
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .core import Choice, Numeric, data, register

BLOCKS = {
    "EXPE": ["expe1", "expe2", "expe3"],
    "QUAL": ["qual1", "qual2", "qual3"],
    "VAL": ["val1", "val2"],
    "SAT": ["acsi1", "acsi2", "acsi3"],
    "COMP": ["complaint"],
    "LOY": ["loy1", "loy2"],
}
PATHS = {
    "QUAL": ["EXPE"],
    "VAL": ["EXPE", "QUAL"],
    "SAT": ["EXPE", "QUAL", "VAL"],
    "COMP": ["SAT"],
    "LOY": ["SAT", "COMP"],
}
ITEM_RANGE = {**{lat: (1, 10) for lat in BLOCKS}, "COMP": (0, 1)}


@cache
def _model() -> Any:
    from ..acsi import pls_path

    return pls_path(data("coffee_survey"), BLOCKS, PATHS, item_range=ITEM_RANGE)


q1 = Numeric(
    prompt={
        "en": "In the fitted model, what share of the variation in satisfaction (SAT) do "
              "expectations, quality and value explain together? Give R² as a share "
              "(e.g. 0.42), rounded to 2 decimals.",
        "zh": "在拟合好的模型中，期望、质量和价值一共解释了满意度（SAT）变化的多大比例？"
              "请给出 R²（小数，例如 0.42），保留两位小数。",
    },
    expected=lambda: round(float(_model().r2["SAT"]), 2),
    atol=0.005,
    hints=[
        {"en": "The result object has an `r2` Series with one value per endogenous latent.",
         "zh": "结果对象有一个 `r2` 序列，每个内生潜变量一个值。"},
        {"en": "`model.r2['SAT']`", "zh": "`model.r2['SAT']`"},
    ],
    code="answer = round(model.r2['SAT'], 2)",
    wrong=[
        lambda: round(float(_model().r2["LOY"]), 2),   # read the loyalty row
        lambda: round(float(_model().gof), 2),         # took the GoF for R²
    ],
)

q2 = Choice(
    prompt={
        "en": "Which driver has the largest *total* effect on satisfaction (direct plus "
              "through other drivers)?",
        "zh": "哪一个驱动因素对满意度的*总效应*（直接效应加上通过其他因素的间接效应）最大？",
    },
    options={
        "a": ({"en": "Customer expectations (EXPE)", "zh": "顾客期望（EXPE）"},
              {"en": "Its direct path is close to zero; most of its effect runs through quality.",
               "zh": "它的直接路径接近 0，大部分影响是通过质量传导的。"}),
        "b": ({"en": "Perceived quality (QUAL)", "zh": "感知质量（QUAL）"},
              {"en": "Yes: a large direct path plus an indirect one through value.",
               "zh": "对：直接路径大，还通过感知价值产生间接影响。"}),
        "c": ({"en": "Perceived value (VAL)", "zh": "感知价值（VAL）"},
              {"en": "Value matters, but look at the `total` column, not only the direct path.",
               "zh": "价值也重要，但请看 `total` 列，而不只是直接路径。"}),
    },
    correct="b",
    hints=[
        {"en": "Look at `model.effects` for the rows whose target is SAT.",
         "zh": "查看 `model.effects` 中 target 为 SAT 的行。"},
        {"en": "`model.effects.query(\"target == 'SAT'\")` — compare the `total` column.",
         "zh": "`model.effects.query(\"target == 'SAT'\")` —— 比较 `total` 列。"},
    ],
    solution={"en": "b — QUAL: direct effect plus the indirect effect through perceived value.",
              "zh": "b —— 感知质量：直接效应加上通过感知价值的间接效应。"},
    wrong=["a", "c"],
)

q3 = Numeric(
    prompt={
        "en": "The simple way: put each respondent's mean of acsi1–acsi3 on 0–100 with "
              "(mean − 1) / 9 × 100 and average over respondents. Give that number "
              "(1 decimal) to compare with the PLS-weighted SAT index.",
        "zh": "简单做法：把每位受访者 acsi1–acsi3 的平均分用 (平均分 − 1) / 9 × 100 换算到 "
              "0–100，再对所有受访者求平均。请给出这个数（保留 1 位小数），与 PLS 加权的 SAT "
              "指数比较。",
    },
    expected=lambda: round(
        float(((data("coffee_survey")[["acsi1", "acsi2", "acsi3"]].mean(axis=1) - 1) / 9 * 100).mean()), 1),
    atol=0.05,
    hints=[
        {"en": "Average the three columns row by row first (`.mean(axis=1)`), then rescale, "
               "then average the column.",
         "zh": "先逐行求三列的平均（`.mean(axis=1)`），再换算，最后对整列求平均。"},
        {"en": "The scale runs from 1 to 10, so subtract 1 and divide by 9 (not by 10).",
         "zh": "量表是 1–10 分，所以先减 1 再除以 9（不是除以 10）。"},
    ],
    code="answer = round(((survey[['acsi1', 'acsi2', 'acsi3']].mean(axis=1) - 1) / 9 * "
         "100).mean(), 1)",
    wrong=[
        # divided by the top of the scale (the "max" method), not by its range
        lambda: round(float((data("coffee_survey")[["acsi1", "acsi2", "acsi3"]].mean(axis=1) / 10 * 100)
                            .mean()), 1),
    ],
)

QUESTIONS = register(globals())
