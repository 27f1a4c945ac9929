"""coursekit — the helper package of the CRM Methods Course Kit.

Modules (one per CRM concept) are imported on first use, so ``import coursekit`` is fast:

>>> import coursekit
>>> coursekit.__version__
'0.1.0'

:data:`MODULES` is the one list of the public modules (the tests and the docs read it): adding a
module means adding its name here.
"""

from __future__ import annotations

import importlib
from typing import Any

from ._lang import get_language, set_language

__version__ = "0.1.0"

#: The public modules, one per CRM concept (plus datasets, plotting and exercises).
MODULES = (
    "datasets", "plotting", "exercises", "class_report",
    "stp", "value", "clv_models", "grading", "weights",
    "survey", "satisfaction", "indicators", "benchmarking", "excellence", "acsi", "loyalty",
    "retention", "survival", "lifecycle", "complaints",
    "lean",
    "targeting",
    "owndata", "excel_report",
    "display",
)

__all__ = ["get_language", "set_language", "__version__", "MODULES", *sorted(MODULES)]

_SUBMODULES = frozenset(MODULES)


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'coursekit' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _SUBMODULES)
