"""The exercise engine and every chapter's questions.

Each question is checked with its correct answer *and* with every planted wrong answer, so a
checker cannot silently accept everything; junk answers never make ``check`` raise; every
engine message exists in both languages; committed student notebooks are not stale and their
stored outputs say "not attempted", while the solution notebooks' say "correct".
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit import exercises, set_language
from coursekit._lang import pick
from coursekit.exercises import core
from coursekit.exercises.messages import MESSAGES

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = exercises.chapters()
MODULES = {name: importlib.import_module(f"coursekit.exercises.{name}") for name in CHAPTERS}
QUESTIONS = [q for m in MODULES.values() for q in m.QUESTIONS]
IDS = [q.id for q in QUESTIONS]


def test_chapter_modules_are_discovered():
    assert "ch00" in CHAPTERS
    for name, module in MODULES.items():
        assert module.QUESTIONS, f"{name} has no QUESTIONS"
        for q in module.QUESTIONS:
            assert q.id.startswith(name + "."), f"{q.id} is in {name}"


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_the_correct_answer_is_accepted(q):
    fb = q.evaluate(q.expected_answer())
    assert fb.status == "correct", f"{q.id}: {fb}"


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_planted_wrong_answers_are_rejected(q):
    wrong = q.wrong_answers()
    assert wrong, f"{q.id} has no planted wrong answer"
    for w in wrong:
        fb = q.evaluate(w)
        assert fb.status in ("wrong", "invalid"), f"{q.id} accepted the planted answer {w!r}"


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_unanswered_says_not_attempted(q):
    assert q.evaluate(...).status == "unanswered"
    assert q.evaluate(None).status == "unanswered"


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
def test_each_question_has_prompt_hints_and_solution_in_both_languages(q):
    assert pick(q.prompt), f"{q.id}: no prompt"
    assert q.hints, f"{q.id}: no hints"
    for lang in ("en", "zh"):
        set_language(lang)
        assert q.hint_feedback(1).message
        assert q.solution_feedback().message or q.solution_feedback().code
    set_language("en")


JUNK = st.one_of(
    st.none(), st.just(...), st.text(max_size=30), st.integers(), st.floats(allow_nan=True),
    st.booleans(), st.lists(st.integers(), max_size=5), st.dictionaries(st.text(max_size=3),
                                                                        st.integers(), max_size=3),
    st.just(object()), st.just(pd.DataFrame()), st.just(pd.Series(dtype=float)),
    st.just(pd.DataFrame({"a": [1, 2], "b": ["x", None]})), st.just(np.array([[1, 2], [3, 4]])),
    st.just(lambda *a, **k: 1 / 0), st.just(complex(1, 2)), st.just(float("inf")),
    st.just(pd.Series([np.nan, 1.0], index=["x", "y"])),
)


@pytest.mark.parametrize("q", QUESTIONS, ids=IDS)
@given(answer=JUNK)
def test_check_never_raises_on_junk(q, answer):
    fb = q.evaluate(answer)
    # "error" would mean the checker crashed on this answer: a bug of the question, so a failure
    assert fb.status in ("correct", "wrong", "invalid", "unanswered"), f"{q.id}: {fb}"
    assert str(fb) and fb._repr_html_()


def test_a_crashing_checker_is_reported_as_a_problem_of_the_question():
    def broken():
        raise KeyError("amount")

    q = core.Numeric("test.err1", prompt="t", expected=broken)
    fb = q.evaluate(3)
    assert fb.status == "error"
    assert "trainer" in fb.message and "test.err1" in fb.message
    assert core.progress("test").rows[0][1] == "todo"  # not counted as the student's attempt


def test_registering_an_id_twice_is_an_error():
    core.Numeric("test.dup1", prompt="t", expected=1)
    with pytest.raises(ValueError, match="registered twice"):
        core.Numeric("test.dup1", prompt="t", expected=2)


def test_register_derives_ids_and_order_from_the_module():
    ns = {"__name__": "coursekit.exercises.chx9", "q10": core.Numeric(prompt="t", expected=1),
          "q2": core.Numeric(prompt="t", expected=2), "helper": 3}
    assert [q.id for q in core.register(ns)] == ["chx9.q2", "chx9.q10"]
    assert [q.id for q in core.register(ns)] == ["chx9.q2", "chx9.q10"]  # re-import: same ids
    clash = {"__name__": "elsewhere.chx9", "q2": core.Numeric(prompt="t", expected=2)}
    with pytest.raises(ValueError, match="registered twice"):
        core.register(clash)
    wrong_id = {"__name__": "coursekit.exercises.chx8", "q1": core.Numeric("chx8.q2", prompt="t",
                                                                           expected=1)}
    with pytest.raises(ValueError, match="leave the id out"):
        core.register(wrong_id)


def test_chapter_modules_give_no_ids_by_hand():
    for name in CHAPTERS:
        source = (ROOT / "coursekit" / "exercises" / f"{name}.py").read_text(encoding="utf-8")
        assert f'"{name}.q' not in source, f"{name}: ids come from register(globals())"
        assert "QUESTIONS = register(globals())" in source, name


def test_chapter_words_live_in_the_toml_file():
    """Questions as data: chNN.py holds what is checked, chNN.toml the words (both languages)."""
    import ast

    words = {"prompt", "hints", "solution", "code", "options", "correct", "model_answer", "rubric"}
    for name in CHAPTERS:
        path = ROOT / "coursekit" / "exercises" / f"{name}.py"
        assert path.with_suffix(".toml").is_file(), f"{name}: its words belong in {name}.toml"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        inline = sorted({f"{name}.{t.id}: {k.arg}" for node in ast.walk(tree)
                         if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
                         for t in node.targets if isinstance(t, ast.Name) and t.id[:1] == "q"
                         for k in node.value.keywords if k.arg in words})
        assert not inline, f"words written in the module instead of {name}.toml: {inline}"


def test_every_message_exists_in_both_languages():
    for key, texts in MESSAGES.items():
        assert set(texts) == {"en", "zh"}, key
        assert texts["en"].count("{") == texts["zh"].count("{"), f"{key}: placeholders differ"


def test_feedback_is_chinese_when_asked():
    q = core.Numeric("test.zh1", prompt="1+1", expected=2, hints=["h"], wrong=[3])
    set_language("zh")
    assert "还不对" in q.evaluate(3).message
    assert "尚未作答" in q.evaluate(...).message
    set_language("en")
    assert "Not yet" in q.evaluate(3).message


def test_language_defaults_to_the_environment(monkeypatch):
    from coursekit import _lang

    monkeypatch.setitem(_lang._state, "lang", None)
    monkeypatch.setenv("COURSEKIT_LANG", "zh_CN")
    assert _lang.get_language() == "zh"
    monkeypatch.setenv("COURSEKIT_LANG", "fr")
    assert _lang.get_language() == "en"
    with pytest.raises(ValueError, match="'en' or 'zh'"):
        set_language("de")


# -- the engine's kinds, on small planted cases ------------------------------------------
def test_numeric_nudges_without_revealing():
    q = core.Numeric("test.n1", prompt="share", expected=0.8, rtol=0.01)
    assert "too high" in str(q.evaluate(0.95))
    assert "too low" in str(q.evaluate(0.5))
    assert "percentage" in str(q.evaluate(80))
    assert "0.8" not in q.evaluate(0.95).message.replace("(e.g. 0.8)", "")
    assert q.evaluate(np.float64(0.8)).correct
    assert q.evaluate(pd.Series([0.8])).correct
    assert q.evaluate(pd.Series([0.8, 0.1])).status == "invalid"
    count = core.Numeric("test.n2", prompt="how many", expected=1471, rtol=0)
    assert "asks for a count" in str(count.evaluate(0.29))


def test_frame_check_names_differing_rows_and_columns():
    exp = pd.DataFrame({"r": [1, 2, 3], "f": [4.0, 5.0, 6.0]}, index=["a", "b", "c"])
    q = core.FrameCheck("test.f1", prompt="t", expected=exp)
    assert q.evaluate(exp.iloc[::-1]).correct  # order does not matter by default
    bad = exp.copy()
    bad.loc["b", "f"] = 9.0
    fb = q.evaluate(bad)
    assert fb.status == "wrong" and "index b" in fb.message and "f" in fb.message
    fb = q.evaluate(exp.drop(columns="f"))
    assert fb.status == "invalid" and "Missing column(s): f" in fb.message
    fb = q.evaluate(exp.rename(index={"c": "z"}))
    assert "Missing row(s) with index c" in str(fb) and "z" in str(fb)
    assert q.evaluate(exp["r"]).status == "invalid"
    ordered = core.FrameCheck("test.f2", prompt="t", expected=exp, check_order=True)
    assert "order" in ordered.evaluate(exp.iloc[::-1]).message


def test_exact_handles_text_lists_and_sets():
    q = core.Exact("test.e1", prompt="t", expected="Grade A")
    assert q.evaluate("  grade   a ").correct
    assert q.evaluate(1).status == "invalid"
    lst = core.Exact("test.e2", prompt="t", expected=["a", "b"])
    assert "order" in lst.evaluate(["b", "a"]).message
    st_ = core.Exact("test.e3", prompt="t", expected={"a", "b"})
    assert st_.evaluate(["b", "a"]).correct
    assert "1 item(s) missing" in st_.evaluate(["a"]).message


def test_function_check_reports_the_failing_input_not_the_answer():
    q = core.FunctionCheck("test.fn1", prompt="t", cases=[((2, 3), None), ((0, 0), 0)],
                           reference=lambda a, b: a * b)
    fb = q.evaluate(lambda a, b: a + b)
    assert fb.status == "wrong" and "(2, 3)" in fb.message and "returned 5" in fb.message
    assert "raised ZeroDivisionError" in q.evaluate(lambda a, b: a / (b - 3)).message
    assert q.evaluate(42).status == "invalid"


def test_choice_gives_feedback_per_option():
    q = core.Choice("test.c1", prompt="t", options={"a": ("x", "No: x is ..."),
                                                    "b": ("y", "Yes: y is ...")}, correct="b")
    assert "No: x" in str(q.evaluate("a"))
    assert q.evaluate(" B) ").correct
    assert q.evaluate(["a", "b"]).status == "invalid"
    multi = core.Choice("test.c2", prompt="t", options={"a": ("x",), "b": ("y",), "c": ("z",)},
                        correct={"a", "c"})
    assert multi.evaluate(["c", "a"]).correct
    assert "missed 1" in multi.evaluate(["a"]).message


def test_reflection_needs_some_words_and_shows_the_model_answer():
    q = core.Reflection("test.r1", prompt="Why?", model_answer="Because of X and Y.",
                        rubric=["names X"])
    assert q.evaluate("ok").status == "invalid"
    fb = q.evaluate("I think it is because of several reasons.")
    assert fb.correct and any("Because of X" in d for d in fb.details)


def test_progress_counts_passed_attempted_and_not_attempted():
    core.reset_progress()
    a = core.Numeric("prog.q1", prompt="t", expected=1)
    b = core.Numeric("prog.q2", prompt="t", expected=2)
    core.Numeric("prog.q3", prompt="t", expected=3)
    a.evaluate(1)
    b.evaluate(5)
    b.hint_feedback(1)
    text = repr(core.progress("prog"))
    assert "1 passed, 1 attempted, 1 not attempted (of 3)" in text
    assert "<table>" in core.progress("prog")._repr_html_()


def test_check_prints_outside_jupyter(capsys):
    q = core.Numeric("test.p1", prompt="t", expected=1, hints=["first", "second"],
                     solution="Explained. ```x = 1```")
    q.check(1)
    q.hint(2)
    q.hint(3)
    q.solution()
    out = capsys.readouterr().out
    assert "Correct" in out and "second" in out and "no more hints" in out and "x = 1" in out


# -- notebooks -----------------------------------------------------------------------------
def _make_exercises():
    spec = importlib.util.spec_from_file_location("make_exercises",
                                                  ROOT / "tools" / "make_exercises.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SOLUTION_NBS = sorted((ROOT / "exercises" / "solutions").glob("*-solutions.ipynb"))


def _sources(nb) -> list[tuple[str, str, list[str]]]:
    return [(c["cell_type"], "".join(c["source"]), sorted(c.get("metadata", {}).get("tags", [])))
            for c in nb["cells"]]


@pytest.mark.parametrize("solution", SOLUTION_NBS, ids=[p.name for p in SOLUTION_NBS])
def test_student_notebook_is_not_stale(solution):
    import nbformat

    tool = _make_exercises()
    student_path = tool.student_path(solution)
    assert student_path.is_file(), f"{student_path.name} is missing: run `make exercises`"
    expected = tool.build_student(nbformat.read(solution, as_version=4))
    committed = nbformat.read(student_path, as_version=4)
    assert _sources(committed) == _sources(expected), (
        f"{student_path.name} is stale: run `make exercises`"
    )


def _check_outputs(path: Path) -> list[str]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    texts = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and ".check(" in "".join(cell["source"]):
            out = "".join("".join(o.get("data", {}).get("text/plain", "")) + "".join(o.get("text", ""))
                          for o in cell.get("outputs", []))
            texts.append(out)
    return texts


@pytest.mark.parametrize("solution", SOLUTION_NBS, ids=[p.name for p in SOLUTION_NBS])
def test_stored_outputs_say_correct_in_solutions_and_not_attempted_in_student_copies(solution):
    tool = _make_exercises()
    sol_out = _check_outputs(solution)
    stu_out = _check_outputs(tool.student_path(solution))
    assert sol_out, f"{solution.name} has no check cells"
    for out in sol_out:
        assert out.lstrip().startswith("✓"), f"{solution.name}: a check is not passed: {out[:200]}"
    for out in stu_out:
        assert "Not attempted" in out, f"student copy: a check does not say not attempted: {out[:200]}"


def test_stub_generation():
    tool = _make_exercises()
    assert tool.stub_for("x = 1\nshare = x / 2") == "share = ...  # your code here"
    assert tool.stub_for("def f(a):\n    '''Doc.'''\n    return a") == (
        "def f(a):\n    '''Doc.'''\n    ...  # your code here")


def test_a_function_stub_counts_as_not_attempted():
    q = core.FunctionCheck("test.fn2", prompt="t", cases=[((1,), 1)], reference=lambda x: x)

    def f(x):
        """Doc."""
        ...  # your code here

    def g(x):
        return None

    assert q.evaluate(f).status == "unanswered"
    assert q.evaluate(g).status == "wrong"
