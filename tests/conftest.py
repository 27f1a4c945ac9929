"""Shared test setup: a headless matplotlib, English messages, quick hypothesis runs."""

from __future__ import annotations

import os

import matplotlib
import pytest
from hypothesis import HealthCheck, settings

matplotlib.use("Agg")
os.environ.pop("COURSEKIT_LANG", None)

settings.register_profile(
    "kit", max_examples=40, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile("kit")


@pytest.fixture(autouse=True)
def _english_and_closed_figures():
    """Each test starts in English and leaves no open figures behind."""
    from coursekit import set_language

    set_language("en")
    yield
    set_language("en")
    import matplotlib.pyplot as plt

    plt.close("all")
