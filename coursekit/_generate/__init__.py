"""Generators of the kit's synthetic data sets (one module per case or chapter).

Each module defines ``DATASETS`` (the names it writes) and ``generate(seed) -> dict``.
They are found automatically by :func:`coursekit.datasets.generate`.
"""

from __future__ import annotations

import importlib
import pkgutil
import zlib
from types import ModuleType

import numpy as np

DEFAULT_SEED = 2026


def rng_for(seed: int, key: str) -> np.random.Generator:
    """A random generator for one data set family, independent of the others.

    Adding a new generator module never changes the data of the existing ones.

    Examples
    --------
    >>> a = rng_for(2026, "coffee").integers(0, 100, 3)
    >>> b = rng_for(2026, "coffee").integers(0, 100, 3)
    >>> bool((a == b).all())
    True
    """
    return np.random.default_rng([int(seed), zlib.crc32(key.rsplit(".", 1)[-1].encode())])


def generator_modules() -> list[ModuleType]:
    """All generator modules, sorted by name."""
    mods = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        if not info.name.startswith("_"):
            mods.append(importlib.import_module(f"{__name__}.{info.name}"))
    return mods
