"""The language of messages (English or Chinese), shared by the whole kit."""

from __future__ import annotations

import os

LANGUAGES = ("en", "zh")
_state = {"lang": None}


def get_language() -> str:
    """Return the current message language: ``"en"`` or ``"zh"``.

    Defaults to the environment variable ``COURSEKIT_LANG`` when it is set to a known
    language, else English.

    Examples
    --------
    >>> get_language() in ("en", "zh")
    True
    """
    if _state["lang"] is None:
        env = os.environ.get("COURSEKIT_LANG", "en").strip().lower()[:2]
        return env if env in LANGUAGES else "en"
    return _state["lang"]


def set_language(lang: str) -> None:
    """Choose the language of exercise feedback: ``"en"`` (English) or ``"zh"`` (中文).

    Inside IPython (Jupyter), ``"zh"`` also shows DataFrames and Series with Chinese column
    names and category values (display only, see :mod:`coursekit.display`); ``"en"`` gives
    pandas' own display back.

    Examples
    --------
    >>> set_language("zh"); get_language()
    'zh'
    >>> set_language("en"); get_language()
    'en'
    """
    if not isinstance(lang, str) or lang.strip().lower() not in LANGUAGES:
        raise ValueError(f"language must be 'en' or 'zh' (中文), but got {lang!r}.")
    _state["lang"] = lang.strip().lower()
    from .display import sync_formatters  # tables in the edition's language (inside IPython only)

    sync_formatters(_state["lang"])


def pick(text: str | dict[str, str]) -> str:
    """Pick the current language from ``{"en": ..., "zh": ...}``; plain text is returned as is."""
    if isinstance(text, dict):
        return text.get(get_language()) or text.get("en") or next(iter(text.values()))
    return text
