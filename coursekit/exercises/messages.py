"""Every message of the exercise engine, in English and Chinese (a test keeps them paired).

The words are in ``messages.toml`` (as a chapter's words are in ``chNN.toml``); :func:`msg`
picks the current language: ``msg("correct")`` is ``'Correct!'``, or ``'正确！'`` in Chinese.
"""

from __future__ import annotations

from .._lang import get_language


def _load() -> dict[str, dict[str, str]]:
    import tomllib
    from pathlib import Path

    with Path(__file__).with_name("messages.toml").open("rb") as fh:
        return tomllib.load(fh)


#: key → {"en": ..., "zh": ...}; the words live in ``messages.toml`` (like a chapter's words).
MESSAGES: dict[str, dict[str, str]] = _load()


def msg(key: str, **kwargs: object) -> str:
    """The message ``key`` in the current language, formatted with ``kwargs``."""
    entry = MESSAGES[key]
    text = entry.get(get_language()) or entry["en"]
    return text.format(**kwargs)
