"""The public API contract: names students' saved notebooks use stay importable where they were.

``CONTRACT`` is the table of DESIGN.md §4 (module → names); ``BEFORE_SPLIT`` is every public name
that ``lifecycle``, ``satisfaction`` and ``_pls`` had before they were split into concept modules
(issue #19). Both must keep importing from the module listed, whatever module now holds the code.
"""

from __future__ import annotations

import importlib

import pytest

import coursekit

CONTRACT: dict[str, list[str]] = {
    "datasets": ["list_datasets", "load", "card", "generate"],
    "plotting": ["use_style"],
    "exercises": ["progress"],
    "stp": ["segment", "choose_k", "profile", "attractiveness", "perceptual_map"],
    "value": ["delivered_value", "margin_multiple", "clv", "concentration", "top_share"],
    "grading": ["abc", "weighted_score", "ahp_weights", "grade_matrix", "pyramid", "rfm",
                "rfm_summary"],
    "satisfaction": ["read_survey", "to_scores", "satisfaction_rate", "satisfaction_index",
                     "cronbach_alpha", "ipa", "nps", "sample_size", "loyalty_zone", "pls_path"],
    "lifecycle": ["cohort_retention", "retention_rate", "expected_lifetime"],
    "lean": ["takt_time", "value_stream", "little", "dpmo", "sigma_level", "dpmo_for_sigma"],
    "weights": ["ahp_weights", "entropy_weights", "critic_weights"],
    # issue #12 adds: value.fit_bgnbd / value.fit_gamma_gamma — add them here when they land.
}

BEFORE_SPLIT: dict[str, list[str]] = {
    "lifecycle": [
        "STAGES", "STAGE_ACTIONS", "QUADRANTS", "PERIODS", "cohort_retention", "retention_curve",
        "cohort_heatmap", "plot_retention_curves", "retention_rate", "expected_lifetime",
        "lifecycle_stage", "customer_durations", "kaplan_meier", "plot_survival",
        "complaint_times", "service_level", "complaint_summary", "repeat_complaints",
        "complaint_pareto", "plot_pareto", "loyalty_quadrant", "acquisition_retention_cost",
        "word_of_mouth", "service_audit"],
    "satisfaction": [
        "SCALES", "METADATA_COLUMNS", "SKIPPED", "MULTI_SEP", "ZONES", "ZONES_ZH", "QUADRANTS",
        "parse_duration", "detect_encoding", "is_question", "read_survey", "split_multi",
        "to_scores", "satisfaction_rate", "satisfaction_index", "item_summary",
        "cronbach_alpha", "alpha_if_deleted", "ipa", "plot_ipa", "nps", "nps_breakdown",
        "sample_size", "loyalty_zone", "pls_path", "PLSResult"],
    "_pls": ["PLSResult", "pls_path", "SCHEMES"],
}


def _pairs(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(module, name) for module, names in table.items() for name in names]


@pytest.mark.parametrize(("module", "name"), _pairs(CONTRACT) + _pairs(BEFORE_SPLIT))
def test_name_importable_from_its_module(module, name):
    mod = importlib.import_module(f"coursekit.{module}")
    assert hasattr(mod, name), f"coursekit.{module}.{name} is gone: saved notebooks would break"


#: ``__all__`` of the old modules before the split (``from coursekit.lifecycle import *`` keeps working).
ALL_BEFORE = {
    "lifecycle": set(BEFORE_SPLIT["lifecycle"]) - {"PERIODS"},
    "satisfaction": {"SCALES", "read_survey", "split_multi", "to_scores", "satisfaction_rate",
                     "satisfaction_index", "item_summary", "cronbach_alpha", "alpha_if_deleted",
                     "ipa", "plot_ipa", "nps", "nps_breakdown", "sample_size", "loyalty_zone",
                     "pls_path"},
    "_pls": {"PLSResult", "pls_path"},
}


@pytest.mark.parametrize("module", list(ALL_BEFORE))
def test_old_modules_list_what_they_re_export(module):
    listed = set(getattr(importlib.import_module(f"coursekit.{module}"), "__all__", []))
    assert ALL_BEFORE[module] <= listed, sorted(ALL_BEFORE[module] - listed)


def test_re_exports_are_the_same_objects():
    from coursekit import acsi, complaints, lifecycle, loyalty, retention, satisfaction, survey

    assert lifecycle.cohort_retention is retention.cohort_retention
    assert lifecycle.service_audit is complaints.service_audit
    assert lifecycle.QUADRANTS is loyalty.QUADRANTS
    assert satisfaction.read_survey is survey.read_survey
    assert satisfaction.pls_path is acsi.pls_path
    assert satisfaction.loyalty_zone is loyalty.loyalty_zone


def test_language_switch_and_chapters_are_reachable():
    assert callable(coursekit.set_language)
    assert importlib.import_module("coursekit.exercises.ch00").q1 is not None


@pytest.mark.parametrize("module", coursekit.MODULES)
def test_every_listed_module_imports_and_has_all(module):
    mod = importlib.import_module(f"coursekit.{module}")
    missing = [n for n in getattr(mod, "__all__", []) if not hasattr(mod, n)]
    assert not missing, f"coursekit.{module}.__all__ lists names it lacks: {missing}"


def test_modules_list_matches_the_files():
    from pathlib import Path

    here = Path(coursekit.__file__).parent
    files = {p.stem for p in here.glob("*.py") if not p.stem.startswith("_")}
    files |= {p.name for p in here.iterdir() if p.is_dir() and not p.name.startswith("_")
              and (p / "__init__.py").exists()}
    assert files == set(coursekit.MODULES), (files ^ set(coursekit.MODULES))


def _public_functions():
    import inspect

    for module in coursekit.MODULES:
        mod = importlib.import_module(f"coursekit.{module}")
        names = getattr(mod, "__all__", None) or [n for n in dir(mod) if not n.startswith("_")]
        for name in names:
            obj = getattr(mod, name)
            if (inspect.isfunction(obj) and obj.__module__ == mod.__name__
                    and not getattr(obj, "__deprecated__", None)):
                yield f"{module}.{name}", obj


@pytest.mark.parametrize(("where", "func"), list(_public_functions()),
                         ids=[w for w, _ in _public_functions()])
def test_every_public_function_has_a_runnable_examples_section(where, func):
    import inspect

    doc = inspect.getdoc(func) or ""
    head, _, examples = doc.partition("Examples\n--------")
    assert ">>> " in examples, f"{where} has no Examples section with >>> lines (doctested)"


def test_every_chart_helper_follows_the_convention():
    import inspect

    helpers = [(w, f) for w, f in _public_functions() if f.__name__.startswith("plot_")]
    assert len(helpers) >= 10
    for where, func in helpers:
        ax = inspect.signature(func).parameters.get("ax")
        assert ax is not None and ax.default is None, f"{where}: needs ax=None"
        assert ax.kind is inspect.Parameter.KEYWORD_ONLY, f"{where}: ax must be keyword-only"
