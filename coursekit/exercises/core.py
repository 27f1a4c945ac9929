"""The exercise engine: questions that check a student's answer and say right / wrong / why.

Each question is a small object, mostly data (expected value, hints, solution); the behaviour
lives here. ``check(answer)`` never raises on a student's answer: an unanswered question
(``...`` or ``None``) says "not attempted", a wrong type or shape says what was expected, a
wrong value says "not yet" with a nudge (direction, which rows) but never the expected value.
When the *checker itself* fails (a bug in the question, a missing data file) the status is
``"error"`` and the student is told the question has a problem and to tell the trainer; the test
suite treats that status as a failure.

A chapter is two files. ``chNN.py`` holds the behaviour: module-level questions ``q1``, ``q2`` …
(no ids) with what is checked — ``expected=``, ``wrong=``, ``cases=``/``reference=``,
tolerances — and ends with ``QUESTIONS = register(globals())``. ``chNN.toml`` holds the words,
one table per question (``[q1]``): ``prompt``, ``hints``, ``solution`` (each ``{en, zh}``),
``code`` (the solution code, written once for both languages), and for a choice ``options`` and
``correct``, for a reflection ``model_answer`` and ``rubric``. ``register`` gives each question
its id (``"ch03.q2"``) and its words. Chapter data comes from :func:`data` (cached).

Examples
--------
>>> q = Numeric("demo.q1", prompt="What is 6 × 7?", expected=42,
...             hints=["Multiply."], solution="6 * 7", wrong=[48])
>>> q.evaluate(...).status
'unanswered'
>>> q.evaluate(42).status
'correct'
>>> fb = q.evaluate(48)
>>> fb.status, "too high" in fb.message
('wrong', True)
>>> q.evaluate("42").status
'invalid'
"""

from __future__ import annotations

import contextlib
import functools
import html
import importlib
import math
import numbers
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .._lang import pick
from . import progress_store as _saved
from .messages import msg

__all__ = [
    "Feedback",
    "Question",
    "Numeric",
    "Exact",
    "FrameCheck",
    "FunctionCheck",
    "Choice",
    "Reflection",
    "progress",
    "all_questions",
    "reset_progress",
    "register",
    "data",
]

Text = str | Mapping[str, str]

_REGISTRY: dict[str, Question] = {}
_OWNER: dict[str, str] = {}  # question id -> module that registered it (None: made by hand)
_STATE: dict[str, dict[str, Any]] = {}
#: Statuses a student's answer can get; ``"error"`` means the checker failed, not the student.
STATUSES = ("correct", "wrong", "invalid", "unanswered", "error")

_STYLE = {
    "correct": ("#1a7f37", "#e9f7ee", "✓"),
    "wrong": ("#b35900", "#fff4e5", "✗"),
    "invalid": ("#8a6d00", "#fffbe6", "!"),
    "error": ("#a40e26", "#ffebe9", "‼"),
    "unanswered": ("#57606a", "#f3f4f6", "…"),
    "hint": ("#0a58ca", "#eef4ff", "?"),
    "solution": ("#6f42c1", "#f5f0ff", "→"),
    "info": ("#24292f", "#f6f8fa", "i"),
}


@dataclass
class Feedback:
    """What a check says: a status and a message (already in the current language).

    ``status`` is ``"correct"``, ``"wrong"``, ``"invalid"`` (wrong type or shape),
    ``"unanswered"`` or ``"error"`` (the checker failed: a problem of the question, not of the
    answer); hints and solutions use ``"hint"`` and ``"solution"``.
    """

    status: str
    message: str
    title: str = ""
    details: list[str] = field(default_factory=list)
    code: str = ""

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        _, _, mark = _STYLE.get(self.status, _STYLE["info"])
        head = f"{mark} {self.title}: {self.message}" if self.title else f"{mark} {self.message}"
        lines = [head, *(f"  {d}" for d in self.details)]
        if self.code:
            lines += ["", *("    " + c for c in self.code.splitlines())]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)

    def _repr_html_(self) -> str:
        fg, bg, mark = _STYLE.get(self.status, _STYLE["info"])
        title = f"<b>{html.escape(self.title)}</b> " if self.title else ""
        parts = [
            f'<div style="border-left:5px solid {fg};background:{bg};color:#1f2328;'
            f'padding:6px 10px;margin:4px 0;font-family:sans-serif">',
            f'<span style="color:{fg};font-weight:bold">{mark}</span> {title}'
            f"{html.escape(self.message)}",
        ]
        if self.details:
            items = "".join(f"<li>{html.escape(d)}</li>" for d in self.details)
            parts.append(f'<ul style="margin:4px 0 0 0">{items}</ul>')
        if self.code:
            parts.append(
                '<pre style="background:#ffffff;padding:6px;margin:6px 0 0 0;'
                f'white-space:pre-wrap">{html.escape(self.code)}</pre>'
            )
        parts.append("</div>")
        return "".join(parts)


def _show(obj: Any) -> None:
    """Display in Jupyter (HTML + text); print elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is not None:
            display(obj)
            return
    except ImportError:  # pragma: no cover - IPython is always installed with the kit
        pass
    print(obj)


def _type_name(x: Any) -> str:
    if isinstance(x, pd.DataFrame):
        return "DataFrame"
    if isinstance(x, pd.Series):
        return "Series"
    if isinstance(x, str):
        return "text (str)"
    if isinstance(x, bool):
        return "True/False value (bool)"
    return type(x).__name__


def _short(x: Any, limit: int = 60) -> str:
    try:
        text = repr(x)
    except Exception:  # noqa: BLE001 - a student's object may have a broken repr
        text = f"<{type(x).__name__}>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _labels(labels: Iterable[Any], limit: int = 5) -> str:
    labels = list(labels)
    shown = ", ".join(str(v) for v in labels[:limit])
    return shown + (f" … ({len(labels)} in all)" if len(labels) > limit else "")


class Question:
    """Base class: identity, prompt, hints, solution, planted wrong answers, bookkeeping."""

    kind = "question"

    def __init__(
        self,
        id: str | None = None,
        *,
        prompt: Text = "",
        hints: Sequence[Text] = (),
        solution: Text = "",
        code: str = "",
        wrong: Sequence[Any] = (),
    ) -> None:
        self.id: str = ""
        self.prompt = prompt
        self.hints = list(hints)
        self._solution = solution
        self.code = code
        self._wrong = list(wrong)
        if id is not None:  # a question made by hand (tests, a trainer's own); chapters register()
            _add(self, id, owner=None)

    _TEXT_FIELDS = ("prompt", "hints", "solution", "code")

    def _set_text(self, entry: Mapping[str, Any]) -> None:
        """Take the words of the question (prompt, hints, solution, code …) from ``entry``,
        one question's table of its chapter's ``chNN.toml``."""
        unknown = set(entry) - {*self._TEXT_FIELDS, "options", "correct", "model_answer",
                                "rubric"}
        if unknown:
            raise ValueError(f"{self.id}: unknown field(s) {sorted(unknown)} in the text file")
        if "prompt" in entry:
            self.prompt = entry["prompt"]
        if "hints" in entry:
            self.hints = list(entry["hints"])
        if "solution" in entry:
            self._solution = entry["solution"]
        if "code" in entry:
            self.code = entry["code"].strip("\n")

    # -- the student's side -------------------------------------------------------------
    def check(self, answer: Any = ...) -> None:
        """Check ``answer`` and show the feedback. Never raises.

        The outcome (not the answer) is also saved to ``.coursekit/progress.json``.
        """
        fb = self.evaluate(answer)
        _saved.record(self.id, fb.status)
        _show(fb)

    def evaluate(self, answer: Any = ...) -> Feedback:
        """Check ``answer`` and return the :class:`Feedback` (used by tests). Never raises."""
        try:
            if answer is None or answer is Ellipsis:
                fb = Feedback("unanswered", msg("unanswered"))
            else:
                fb = self._evaluate(answer)
        except Exception as exc:  # noqa: BLE001 - check() must never raise on an answer
            # Every answer a student can give is handled in _evaluate; reaching this is a bug of
            # the question (or missing data), not the student's mistake: say so, never "invalid".
            fb = Feedback("error", msg("internal", error=f"{type(exc).__name__}: {exc}"[:120],
                                       id=self.id))
        fb.title = fb.title or self.label
        self._record(fb.status)
        return fb

    def hint(self, n: int = 1) -> None:
        """Show hint ``n`` (1 = gentlest). Hints come before the solution."""
        _show(self.hint_feedback(n))

    def hint_feedback(self, n: int = 1) -> Feedback:
        total = len(self.hints)
        if not isinstance(n, int) or isinstance(n, bool) or n < 1 or n > total:
            return Feedback("hint", msg("no_hints"), title=self.label)
        state = _STATE.setdefault(self.id, {"status": None, "hints": 0})
        state["hints"] = max(state.get("hints", 0), n)
        return Feedback("hint", pick(self.hints[n - 1]),
                        title=f"{self.label} · {msg('hint', n=n, total=total)}")

    def solution(self) -> None:
        """Show the worked solution."""
        _show(self.solution_feedback())

    def solution_feedback(self) -> Feedback:
        text = pick(self._solution) if self._solution else ""
        explanation, code = _split_code(text)
        code = "\n".join(c for c in (code, self.code) if c)
        return Feedback("solution", explanation or msg("solution"),
                        title=f"{self.label} · {msg('solution')}", code=code)

    # -- the author's / test's side -------------------------------------------------------
    @property
    def label(self) -> str:
        chapter, _, q = self.id.partition(".")
        return f"{q.upper()}" if q else self.id

    def expected_answer(self) -> Any:
        """An answer that must be judged correct (tests use it)."""
        raise NotImplementedError

    def wrong_answers(self) -> list[Any]:
        """Planted wrong answers: typical mistakes that must *not* be judged correct."""
        return [w() if callable(w) and not isinstance(self, FunctionCheck) else w
                for w in self._wrong]

    def _evaluate(self, answer: Any) -> Feedback:
        raise NotImplementedError

    def _record(self, status: str) -> None:
        if status == "error":  # the question's fault: not counted as the student's attempt
            return
        state = _STATE.setdefault(self.id, {"status": None, "hints": 0})
        if state["status"] != "correct":
            state["status"] = "correct" if status == "correct" else (
                "attempted" if status in ("wrong", "invalid") else state["status"])

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id}: {pick(self.prompt)[:60]!r}>"

    def _repr_html_(self) -> str:
        return Feedback("info", pick(self.prompt), title=self.label)._repr_html_()


def _split_code(text: str) -> tuple[str, str]:
    """Split 'explanation ```code```' into its parts (code fences optional)."""
    if "```" not in text:
        return text.strip(), ""
    before, _, rest = text.partition("```")
    code, _, after = rest.partition("```")
    code = code.removeprefix("python").strip("\n")
    return (before.strip() + (" " + after.strip() if after.strip() else "")).strip(), code


def _add(question: Question, id: str, *, owner: str | None) -> None:
    if not isinstance(id, str) or "." not in id:
        raise ValueError(f"Question id must look like 'ch03.q1', got {id!r}.")
    old = _REGISTRY.get(id)
    if old is not None and old is not question and not (owner and _OWNER.get(id) == owner):
        raise ValueError(f"Question id {id!r} is registered twice; give each question its own "
                         "name (q1, q2 …) in its chapter module.")
    question.id = id
    _REGISTRY[id] = question
    _OWNER[id] = owner


def _question_number(name: str) -> tuple[int, str]:
    digits = "".join(ch for ch in name[1:] if ch.isdigit())
    return (int(digits) if digits else 0, name)


def register(namespace: Mapping[str, Any]) -> list[Question]:
    """Give the questions of a chapter module their ids and return them in order.

    Call it as the last line of a chapter module: ``QUESTIONS = register(globals())``. Every
    module-level :class:`Question` named ``q1``, ``q2`` … (``q3b`` too) gets the id
    ``"<module>.<name>"``, e.g. ``"ch03.q2"``. A module that is imported again (reloaded) replaces
    its own questions; the same id from anywhere else is an error.

    Examples
    --------
    >>> ns = {"__name__": "coursekit.exercises.demo2", "q2": Numeric(prompt="1 + 1?", expected=2),
    ...       "q1": Exact(prompt="Say hi", expected="hi")}
    >>> [q.id for q in register(ns)]
    ['demo2.q1', 'demo2.q2']
    """
    module = str(namespace["__name__"])
    chapter = module.rsplit(".", 1)[-1]
    texts = _texts(namespace.get("__file__"))
    names = sorted((n for n, v in namespace.items()
                    if isinstance(v, Question) and n[:1] == "q" and n[1:2].isdigit()),
                   key=_question_number)
    questions = []
    for name in names:
        q, qid = namespace[name], f"{chapter}.{name}"
        if q.id and q.id != qid:
            raise ValueError(f"{module}.{name} was made with the id {q.id!r}, but its name makes "
                             f"it {qid!r}: leave the id out, register() gives it.")
        _add(q, qid, owner=module)
        if name in texts:
            q._set_text(texts.pop(name))
        questions.append(q)
    if texts:
        raise ValueError(f"{module}: the text file has questions the module lacks: {sorted(texts)}")
    if not questions:
        raise ValueError(f"{module} defines no questions q1, q2 …")
    return questions


def _texts(module_file: str | None) -> dict[str, Any]:
    """The words of a chapter's questions: ``chNN.toml`` next to ``chNN.py`` (if there is one)."""
    if not module_file:
        return {}
    path = Path(module_file).with_suffix(".toml")
    if not path.is_file():
        return {}
    import tomllib

    with path.open("rb") as fh:
        return tomllib.load(fh)


def data(name: str) -> pd.DataFrame:
    """The course data set ``name`` (``datasets.load``), read once per session and shared.

    Questions compute their expected answers from it; never modify the frame it returns.
    """
    return _load(name)


@functools.cache
def _load(name: str) -> pd.DataFrame:
    from .. import datasets

    return datasets.load(name)


class _Lazy:
    """Mixin: ``expected`` may be a zero-argument callable, evaluated once when first needed."""

    _expected_src: Any

    @property
    def expected(self) -> Any:
        if not hasattr(self, "_expected_cache"):
            src = self._expected_src
            self._expected_cache = src() if callable(src) else src
        return self._expected_cache


def _as_number(answer: Any) -> float | Feedback:
    if isinstance(answer, bool):
        return Feedback("invalid", msg("need_number_type", got=_type_name(answer)))
    if isinstance(answer, str):
        return Feedback("invalid", msg("need_number_text", got=answer))
    if isinstance(answer, (pd.Series, pd.DataFrame, list, tuple, np.ndarray)) and np.size(answer) != 1:
        return Feedback("invalid", msg("need_number_series", got=_type_name(answer),
                                       n=int(np.size(answer))))
    if isinstance(answer, (pd.Series, pd.DataFrame, np.ndarray, list, tuple)):
        answer = np.asarray(answer, dtype=object).ravel()[0]
        if isinstance(answer, (str, bool)):
            return _as_number(answer)
    if not isinstance(answer, (numbers.Number, np.number)):
        return Feedback("invalid", msg("need_number_type", got=_type_name(answer)))
    if isinstance(answer, (complex, np.complexfloating)):
        return Feedback("invalid", msg("need_number_type", got=_type_name(answer)))
    value = float(answer)
    if math.isnan(value):
        return Feedback("invalid", msg("nan"))
    return value


class Numeric(_Lazy, Question):
    """A number, right within a tolerance (``np.isclose(answer, expected, rtol, atol)``).

    A wrong answer is told whether it is too high or too low, and whether it looks like a
    percentage given as a share (or the other way round).
    """

    kind = "numeric"

    def __init__(self, id: str | None = None, *, expected: Any, rtol: float = 1e-6, atol: float = 0.0,
                 **kwargs: Any) -> None:
        super().__init__(id, **kwargs)
        self._expected_src = expected
        self.rtol, self.atol = rtol, atol

    def expected_answer(self) -> float:
        return float(self.expected)

    def _close(self, a: float, b: float) -> bool:
        return bool(np.isclose(a, b, rtol=self.rtol, atol=self.atol))

    def _evaluate(self, answer: Any) -> Feedback:
        value = _as_number(answer)
        if isinstance(value, Feedback):
            return value
        exp = float(self.expected)
        if self._close(value, exp):
            return Feedback("correct", msg("correct"))
        details = []
        if exp != 0 and self._close(value, exp * 100):
            details.append(msg("as_share"))
        elif exp != 0 and self._close(value / 100, exp):
            details.append(msg("as_percent"))
        elif abs(exp) >= 2 and float(exp).is_integer() and 0 < abs(value) <= 1:
            details.append(msg("as_count"))
        elif exp != 0 and abs(value - exp) <= 0.02 * abs(exp):
            details.append(msg("close"))
        details.append(msg("too_high") if value > exp else msg("too_low"))
        return Feedback("wrong", msg("not_yet") + " " + details[0], details=details[1:])


def _normalise(x: Any, *, case_sensitive: bool) -> Any:
    if isinstance(x, str):
        x = " ".join(x.split())
        return x if case_sensitive else x.casefold()
    if isinstance(x, np.generic):
        return x.item()
    return x


class Exact(_Lazy, Question):
    """An exact value: text (case and spacing ignored unless ``case_sensitive``), a whole
    number, a list / tuple (order matters unless ``ordered=False``) or a set."""

    kind = "exact"

    def __init__(self, id: str | None = None, *, expected: Any, ordered: bool = True,
                 case_sensitive: bool = False, **kwargs: Any) -> None:
        super().__init__(id, **kwargs)
        self._expected_src = expected
        self.ordered = ordered
        self.case_sensitive = case_sensitive

    def expected_answer(self) -> Any:
        return self.expected

    def _evaluate(self, answer: Any) -> Feedback:
        exp = self.expected
        norm = lambda v: _normalise(v, case_sensitive=self.case_sensitive)  # noqa: E731
        if isinstance(exp, (list, tuple, set, frozenset)):
            if isinstance(answer, (pd.Series, pd.Index, np.ndarray)):
                answer = list(answer)
            if not isinstance(answer, (list, tuple, set, frozenset)):
                return Feedback("invalid", msg("need_type", expected="a list",
                                               got=_type_name(answer)))
            a_items = [norm(v) for v in answer]
            e_items = [norm(v) for v in exp]
            if not all(isinstance(v, Hashable) for v in a_items):
                return Feedback("invalid", msg("need_type", expected="a list of single values",
                                               got=_type_name(answer)))
            if isinstance(exp, (set, frozenset)) or not self.ordered:
                a_set, e_set = set(a_items), set(e_items)
                if a_set == e_set and len(a_items) == len(set(a_items)):
                    return Feedback("correct", msg("correct"))
                return Feedback("wrong", msg("not_yet") + " " + msg(
                    "wrong_items", n_missing=len(e_set - a_set), n_extra=len(a_set - e_set)))
            if a_items == e_items:
                return Feedback("correct", msg("correct"))
            if sorted(map(str, a_items)) == sorted(map(str, e_items)):
                return Feedback("wrong", msg("not_yet") + " " + msg("wrong_order"))
            a_set, e_set = set(map(str, a_items)), set(map(str, e_items))
            return Feedback("wrong", msg("not_yet") + " " + msg(
                "wrong_items", n_missing=len(e_set - a_set), n_extra=len(a_set - e_set)))
        if isinstance(exp, str) and not isinstance(answer, str):
            return Feedback("invalid", msg("need_type", expected="text (str)",
                                           got=_type_name(answer)))
        if isinstance(exp, numbers.Number) and not isinstance(exp, bool):
            value = _as_number(answer)
            if isinstance(value, Feedback):
                return value
            if value == float(exp):
                return Feedback("correct", msg("correct"))
            return Feedback("wrong", msg("not_yet") + " "
                            + (msg("too_high") if value > exp else msg("too_low")))
        if isinstance(exp, bool) and not isinstance(answer, (bool, np.bool_)):
            return Feedback("invalid", msg("need_type", expected="True or False",
                                           got=_type_name(answer)))
        if norm(answer) == norm(exp):
            return Feedback("correct", msg("correct"))
        return Feedback("wrong", msg("not_yet") + " " + msg("wrong_value"))


class FrameCheck(_Lazy, Question):
    """A pandas Series or DataFrame, compared by label with a tolerance for numbers.

    Parameters
    ----------
    expected : Series, DataFrame or callable returning one
    rtol, atol : float
        Tolerance for numeric values.
    check_order : bool
        If True the rows must come in the expected order (e.g. "sorted by spend").
    check_index : bool
        If False, compare positions only (the index labels are ignored).
    """

    kind = "frame"

    def __init__(self, id: str | None = None, *, expected: Any, rtol: float = 1e-6, atol: float = 1e-9,
                 check_order: bool = False, check_index: bool = True, **kwargs: Any) -> None:
        super().__init__(id, **kwargs)
        self._expected_src = expected
        self.rtol, self.atol = rtol, atol
        self.check_order = check_order
        self.check_index = check_index

    def expected_answer(self) -> Any:
        return self.expected.copy()

    def _evaluate(self, answer: Any) -> Feedback:
        return compare_frames(answer, self.expected, rtol=self.rtol, atol=self.atol,
                              check_order=self.check_order, check_index=self.check_index)


def compare_frames(answer: Any, exp: pd.Series | pd.DataFrame, *, rtol: float = 1e-6,
                   atol: float = 1e-9, check_order: bool = False,
                   check_index: bool = True) -> Feedback:
    """Compare a student's Series / DataFrame with the expected one (see :class:`FrameCheck`)."""
    if isinstance(exp, pd.Series):
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        if not isinstance(answer, pd.Series):
            return Feedback("invalid", msg("need_series", got=_type_name(answer)))
        exp_f, ans_f = exp.to_frame("value"), answer.to_frame("value")
    else:
        if not isinstance(answer, pd.DataFrame):
            return Feedback("invalid", msg("need_frame", got=_type_name(answer)))
        exp_f, ans_f = exp, answer
        exp_cols = [str(c) for c in exp_f.columns]
        ans_cols = [str(c) for c in ans_f.columns]
        missing = [c for c in exp_cols if c not in ans_cols]
        extra = [c for c in ans_cols if c not in exp_cols]
        if missing or extra:
            details = []
            if missing:
                details.append(msg("missing_columns", cols=_labels(missing)))
            if extra:
                details.append(msg("extra_columns", cols=_labels(extra)))
            return Feedback("invalid", details[0], details=details[1:])
        ans_f = ans_f.set_axis(ans_cols, axis=1)[exp_cols]
        exp_f = exp_f.set_axis(exp_cols, axis=1)
    if len(ans_f) != len(exp_f):
        return Feedback("invalid", msg("wrong_length", expected=len(exp_f), got=len(ans_f)))
    if not check_index:
        ans_f = ans_f.reset_index(drop=True)
        exp_f = exp_f.reset_index(drop=True)
    else:
        e_idx = [str(i) for i in exp_f.index]
        a_idx = [str(i) for i in ans_f.index]
        if set(e_idx) != set(a_idx) or len(set(a_idx)) != len(a_idx):
            details = []
            miss = [i for i in e_idx if i not in set(a_idx)]
            extra = [i for i in a_idx if i not in set(e_idx)]
            if miss:
                details.append(msg("missing_rows", rows=_labels(miss)))
            if extra:
                details.append(msg("extra_rows", rows=_labels(extra)))
            if not details:
                details.append(msg("wrong_value"))
            return Feedback("wrong", msg("not_yet") + " " + details[0], details=details[1:])
        ans_f = ans_f.set_axis(a_idx, axis=0)
        exp_f = exp_f.set_axis(e_idx, axis=0)
        order_ok = a_idx == e_idx
        ans_f = ans_f.loc[e_idx]
    bad_rows: set[str] = set()
    bad_cols: list[str] = []
    for col in exp_f.columns:
        e, a = exp_f[col], ans_f[col]
        if pd.api.types.is_numeric_dtype(e) and not pd.api.types.is_bool_dtype(e):
            a_num = pd.to_numeric(a, errors="coerce")
            e_arr = e.to_numpy(dtype=float, na_value=np.nan)
            a_arr = a_num.to_numpy(dtype=float, na_value=np.nan)
            ok = np.isclose(a_arr, e_arr, rtol=rtol, atol=atol, equal_nan=True)
        else:
            ok = np.array([(x == y) or (pd.isna(x) and pd.isna(y)) if not isinstance(
                x, (list, dict)) else x == y for x, y in zip(a.astype(object), e.astype(object),
                                                              strict=True)], dtype=bool)
        if not ok.all():
            bad_cols.append(str(col))
            bad_rows.update(str(r) for r in np.asarray(e.index)[~ok])
    if bad_rows:
        rows = [r for r in map(str, exp_f.index) if r in bad_rows]
        where = msg("in_columns", cols=_labels(bad_cols)) if isinstance(exp, pd.DataFrame) else ""
        return Feedback("wrong", msg("not_yet") + " " + msg(
            "differing_values", n=len(rows), rows=_labels(rows), where=where))
    if check_index and check_order and not order_ok:
        return Feedback("wrong", msg("not_yet") + " " + msg("wrong_order_rows"))
    return Feedback("correct", msg("correct"))


def _values_match(a: Any, e: Any, rtol: float, atol: float) -> bool:
    if isinstance(e, (pd.Series, pd.DataFrame)):
        return compare_frames(a, e, rtol=rtol, atol=atol).status == "correct"
    if isinstance(e, bool) or isinstance(a, bool):
        return bool(a == e) and type(a) is type(e)
    if isinstance(e, numbers.Number):
        if isinstance(a, str) or not isinstance(a, (numbers.Number, np.number)):
            return False
        return bool(np.isclose(float(a), float(e), rtol=rtol, atol=atol))
    if isinstance(e, (list, tuple)):
        return (isinstance(a, (list, tuple)) and len(a) == len(e)
                and all(_values_match(x, y, rtol, atol) for x, y in zip(a, e, strict=True)))
    if isinstance(e, str):
        return isinstance(a, str) and a.strip() == e.strip()
    return bool(a == e)


class FunctionCheck(Question):
    """A function the student writes, checked on test cases.

    ``cases`` is a list of ``(args, expected)`` pairs: ``args`` a tuple of positional arguments
    or a dict of keyword arguments; ``expected`` may be omitted (``None``) when ``reference``
    computes it. A failing case is reported with its input, never with the expected output.
    """

    kind = "function"

    def __init__(self, id: str | None = None, *, cases: Sequence[tuple[Any, Any]], reference: Callable,
                 rtol: float = 1e-6, atol: float = 1e-9, **kwargs: Any) -> None:
        super().__init__(id, **kwargs)
        if not callable(reference):
            raise TypeError("reference must be a function")
        self.reference = reference
        self.cases = list(cases)
        self.rtol, self.atol = rtol, atol

    def expected_answer(self) -> Callable:
        return self.reference

    def wrong_answers(self) -> list[Any]:
        return list(self._wrong)

    @staticmethod
    def _call_text(fn: Callable, args: Any) -> str:
        name = getattr(fn, "__name__", "f")
        if isinstance(args, Mapping):
            inner = ", ".join(f"{k}={_short(v, 25)}" for k, v in args.items())
        else:
            inner = ", ".join(_short(v, 25) for v in args)
        return f"{name}({inner})"

    @staticmethod
    def _call(fn: Callable, args: Any) -> Any:
        if isinstance(args, Mapping):
            return fn(**args)
        return fn(*args)

    @staticmethod
    def _is_stub(fn: Callable) -> bool:
        """True for the student stub ``def f(...): ...`` (body only a docstring and ``...``)."""
        import ast
        import inspect
        import textwrap

        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
        except (OSError, TypeError, SyntaxError, IndentationError):
            return False
        node = tree.body[0] if tree.body else None
        if not isinstance(node, ast.FunctionDef):
            return False
        body = [b for b in node.body
                if not (isinstance(b, ast.Expr) and isinstance(b.value, ast.Constant)
                        and isinstance(b.value.value, str))]
        return (len(body) == 1 and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and body[0].value.value is Ellipsis)

    def _evaluate(self, answer: Any) -> Feedback:
        if not callable(answer) or isinstance(answer, type):
            return Feedback("invalid", msg("not_callable", got=_type_name(answer)))
        if self._is_stub(answer):
            return Feedback("unanswered", msg("unanswered"))
        for args, expected in self.cases:
            if expected is None:
                expected = self._call(self.reference, args)
            call = self._call_text(answer, args)
            try:
                got = self._call(answer, args)
            except Exception as exc:  # noqa: BLE001 - the student's code may raise anything
                return Feedback("wrong", msg("not_yet") + " " + msg(
                    "raised", error=type(exc).__name__, call=call, detail=_short(str(exc), 80)))
            if not _values_match(got, expected, self.rtol, self.atol):
                return Feedback("wrong", msg("not_yet") + " " + msg(
                    "case_wrong", call=call, got=_short(got, 40)))
        return Feedback("correct", msg("correct") + " " + msg("cases_passed", n=len(self.cases)))


class Choice(Question):
    """Multiple choice with feedback per option.

    ``options`` maps a key (``"a"``, ``"b"`` …) to ``(text, feedback)``; ``correct`` is one key
    or a set of keys (then the student must choose all of them).
    """

    kind = "choice"

    def __init__(self, id: str | None = None, *,
                 options: Mapping[str, tuple[Text, ...]] | None = None,
                 correct: str | Iterable[str] | None = None, **kwargs: Any) -> None:
        super().__init__(id, **kwargs)
        self.options: dict[str, tuple[Text, ...]] = {}
        self.correct: set[str] = set()
        self.multi = False
        if options is not None or correct is not None:
            self._set_options(options or {}, correct if correct is not None else ())

    def _set_options(self, options: Mapping[str, Any], correct: str | Iterable[str]) -> None:
        self.options = {str(k).lower(): tuple(v) if isinstance(v, (list, tuple)) else (v,)
                        for k, v in options.items()}
        self.multi = not isinstance(correct, str)
        self.correct = {correct.lower()} if isinstance(correct, str) else {
            str(c).lower() for c in correct}
        unknown = self.correct - set(self.options)
        if unknown or not self.correct:
            raise ValueError(f"{self.id or 'choice'}: correct option(s) {sorted(unknown)} are not "
                             "among the options (or none is given)")

    def _set_text(self, entry: Mapping[str, Any]) -> None:
        super()._set_text(entry)
        if "options" in entry:
            opts = {k: (v["text"], v["feedback"]) if "feedback" in v else (v["text"],)
                    for k, v in entry["options"].items()}
            self._set_options(opts, entry["correct"])

    def expected_answer(self) -> Any:
        return sorted(self.correct) if self.multi else next(iter(self.correct))

    def _key(self, x: Any) -> str | None:
        if not isinstance(x, str):
            return None
        k = x.strip().strip("()[]).:").strip().lower()  # noqa: B005
        return k if k in self.options else None

    def options_text(self) -> list[str]:
        return [f"{k}) {pick(v[0])}" for k, v in self.options.items()]

    def _evaluate(self, answer: Any) -> Feedback:
        keys_text = ", ".join(self.options)
        if isinstance(answer, str):
            chosen = [answer]
        elif isinstance(answer, (list, tuple, set, frozenset)):
            chosen = list(answer)
        else:
            return Feedback("invalid", msg("choose_many") if self.multi else msg("choose_one"))
        keys = []
        for c in chosen:
            k = self._key(c)
            if k is None:
                return Feedback("invalid", msg("unknown_option", got=c, options=keys_text))
            keys.append(k)
        if not self.multi and len(set(keys)) != 1:
            return Feedback("invalid", msg("choose_one"))
        picked = set(keys)
        notes = [f"{k}) {pick(self.options[k][1])}" for k in sorted(picked)
                 if len(self.options[k]) > 1 and pick(self.options[k][1])]
        if picked == self.correct:
            return Feedback("correct", msg("correct"), details=notes)
        head = msg("not_yet")
        if self.multi:
            extra = []
            if self.correct - picked:
                extra.append(msg("missed_options", n=len(self.correct - picked)))
            if picked - self.correct:
                extra.append(msg("wrong_options", n=len(picked - self.correct)))
            head += " " + " ".join(extra)
            notes = [f"{k}) {pick(self.options[k][1])}" for k in sorted(picked - self.correct)
                     if len(self.options[k]) > 1 and pick(self.options[k][1])]
        return Feedback("wrong", head, details=notes)

    def _repr_html_(self) -> str:
        return Feedback("info", pick(self.prompt), title=self.label,
                        details=self.options_text())._repr_html_()


class Reflection(Question):
    """A free answer in the student's own words, with a model answer and a short rubric.

    Any answer of at least ``min_chars`` characters counts as done; the feedback then shows the
    model answer and the rubric so the student can assess their own answer.
    """

    kind = "reflection"

    def __init__(self, id: str | None = None, *, model_answer: Text = "",
                 rubric: Sequence[Text] = (), min_chars: int = 20, **kwargs: Any) -> None:
        kwargs.setdefault("wrong", ["", "ok"])
        kwargs.setdefault("solution", model_answer)
        super().__init__(id, **kwargs)
        self.model_answer = model_answer
        self.rubric = list(rubric)
        self.min_chars = min_chars

    def _set_text(self, entry: Mapping[str, Any]) -> None:
        super()._set_text(entry)
        if "model_answer" in entry:
            self.model_answer = entry["model_answer"]
            if "solution" not in entry:
                self._solution = self.model_answer
        self.rubric = list(entry.get("rubric", self.rubric))

    def expected_answer(self) -> str:
        text = pick(self.model_answer)
        return text if len(text) >= self.min_chars else text.ljust(self.min_chars, ".")

    def _evaluate(self, answer: Any) -> Feedback:
        if not isinstance(answer, str):
            return Feedback("invalid", msg("need_text"))
        n = len("".join(answer.split()))
        if n < self.min_chars:
            return Feedback("invalid", msg("too_short", n=self.min_chars, got=n))
        details = [f"{msg('model_answer')}: {pick(self.model_answer)}"]
        details += [f"{msg('rubric')}: {pick(r)}" for r in self.rubric]
        return Feedback("correct", msg("reflection_done"), details=details)


def all_questions(chapter: str | None = None) -> list[Question]:
    """Every question created so far (optionally of one chapter, e.g. ``"ch03"``)."""
    qs = list(_REGISTRY.values())
    if chapter is not None:
        qs = [q for q in qs if q.id.split(".")[0] == chapter]
    return qs


def reset_progress(chapter: str | None = None) -> None:
    """Forget the results of this session and the saved ones (all, or one chapter's)."""
    for qid in [q for q in _STATE if chapter is None or q.split(".")[0] == chapter]:
        del _STATE[qid]
    _saved.reset(chapter)


class _Progress:
    def __init__(self, rows: list[tuple[str, str, int]]) -> None:
        self.rows = rows

    def counts(self) -> dict[str, int]:
        out = {"correct": 0, "attempted": 0, "todo": 0}
        for _, status, _ in self.rows:
            out[status if status in ("correct", "attempted") else "todo"] += 1
        return out

    def _label(self, status: str) -> str:
        return {"correct": msg("progress_passed"), "attempted": msg("progress_attempted")}.get(
            status, msg("progress_not_attempted"))

    def __repr__(self) -> str:
        if not self.rows:
            return msg("progress_none")
        c = self.counts()
        lines = [msg("progress_title")]
        for qid, status, hints in self.rows:
            mark = {"correct": "✓", "attempted": "✗"}.get(status, "·")
            h = f"  ({msg('hints_used')}: {hints})" if hints else ""
            lines.append(f"  {mark} {qid:10s} {self._label(status)}{h}")
        lines.append(msg("progress_summary", passed=c["correct"], attempted=c["attempted"],
                         todo=c["todo"], total=len(self.rows)))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        if not self.rows:
            return Feedback("info", msg("progress_none"))._repr_html_()
        c = self.counts()
        body = []
        for qid, status, hints in self.rows:
            key = {"correct": "correct", "attempted": "wrong"}.get(status, "unanswered")
            fg, bg, mark = _STYLE[key]
            body.append(
                f'<tr style="background:{bg}"><td style="color:{fg}">{mark}</td>'
                f"<td>{html.escape(qid)}</td><td>{html.escape(self._label(status))}</td>"
                f"<td>{hints or ''}</td></tr>")
        return (
            f"<div><b>{html.escape(msg('progress_title'))}</b>"
            f'<table><tr><th></th><th>{html.escape(msg("question"))}</th><th></th>'
            f"<th>{html.escape(msg('hints_used'))}</th></tr>{''.join(body)}</table>"
            f"<p>{html.escape(msg('progress_summary', passed=c['correct'], attempted=c['attempted'], todo=c['todo'], total=len(self.rows)))}</p></div>"
        )


def progress(chapter: str | None = None) -> _Progress:
    """Passed / attempted / not attempted, per question of the chapters used in this session.

    Results saved by ``check()`` in ``.coursekit/progress.json`` count too, so the summary
    survives a kernel restart (see :mod:`coursekit.exercises.progress_store`); nothing is sent
    anywhere.

    Examples
    --------
    >>> q = Numeric("demo.q9", prompt="2 + 2?", expected=4)
    >>> q.evaluate(4).correct
    True
    >>> print(progress("demo"))  # doctest: +ELLIPSIS
    Your progress
    ...
      ✓ demo.q9    passed
    ...
    """
    saved = _saved.load()
    for chap in {qid.split(".")[0] for qid in saved}:  # chapters checked in an earlier session
        if chap.startswith("ch") and (chapter is None or chap == chapter):
            with contextlib.suppress(Exception):
                importlib.import_module(f"{__package__}.{chap}")
    rows = []
    for q in all_questions(chapter):
        state = _STATE.get(q.id, {})
        status = state.get("status") or "todo"
        if status != "correct":
            status = {"correct": "correct", "attempted": "attempted"}.get(
                _saved.status_of(saved.get(q.id)), status)
        rows.append((q.id, status, state.get("hints", 0)))
    return _Progress(rows)
