"""Loaded by every pytest run in this repository (unit tests, doctests and nbval).

Saving exercise progress is switched off, so running the notebooks never leaves a
``.coursekit/progress.json`` behind and ``progress()`` outputs stay as stored; the tests of the
progress file set ``COURSEKIT_PROGRESS`` to a temporary file themselves. Charts are drawn
with the Agg backend, so the docstring examples need no ``matplotlib.use("Agg")`` line.
"""

import os

os.environ["COURSEKIT_PROGRESS"] = "off"


def pytest_configure(config):
    """Charts in doctests and tests draw off screen (the notebooks' kernels are not affected)."""
    import matplotlib

    matplotlib.use("Agg")
