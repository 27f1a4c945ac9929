"""Loaded by every pytest run in this repository (unit tests, doctests and nbval).

Saving exercise progress is switched off, so running the notebooks never leaves a
``.coursekit/progress.json`` behind and ``progress()`` outputs stay as stored; the tests of the
progress file set ``COURSEKIT_PROGRESS`` to a temporary file themselves.
"""

import os

os.environ["COURSEKIT_PROGRESS"] = "off"
