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
    expected=lambda: round(float(_model().r2["SAT"]), 2),
    atol=0.005,
    wrong=[
        lambda: round(float(_model().r2["LOY"]), 2),   # read the loyalty row
        lambda: round(float(_model().gof), 2),         # took the GoF for R²
    ],
)

q2 = Choice(wrong=["a", "c"])

q3 = Numeric(
    expected=lambda: round(
        float(((data("coffee_survey")[["acsi1", "acsi2", "acsi3"]].mean(axis=1) - 1) / 9 * 100).mean()), 1),
    atol=0.05,
    wrong=[
        # divided by the top of the scale (the "max" method), not by its range
        lambda: round(float((data("coffee_survey")[["acsi1", "acsi2", "acsi3"]].mean(axis=1) / 10 * 100)
                            .mean()), 1),
    ],
)

QUESTIONS = register(globals())
