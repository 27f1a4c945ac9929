"""Exercises with instant feedback: ``from coursekit.exercises import ch00``, then
``ch00.q1.check(answer)``, ``ch00.q1.hint()``, ``ch00.q1.solution()`` and ``progress()``.

>>> from coursekit.exercises import progress
>>> callable(progress)
True
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from .._lang import get_language, set_language
from .core import progress, reset_progress

__all__ = ["progress", "reset_progress", "set_language", "get_language", "chapters"]


def chapters() -> list[str]:
    """Names of the chapter modules (``ch00``, ``ch01`` …).

    Examples
    --------
    >>> chapters()[:2]
    ['ch00', 'ch01']
    """
    return sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("ch"))


def __getattr__(name: str) -> Any:
    if name in chapters():
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module 'coursekit.exercises' has no attribute {name!r}")
