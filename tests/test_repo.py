"""Repository tests: environment pins, cards, licences, README, light import, kitlint."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_environment_yml_has_the_same_pins_as_the_lock():
    sync = _load_tool("sync_env")
    assert (ROOT / "environment.yml").read_text(encoding="utf-8") == sync.render(), (
        "environment.yml and requirements.lock have drifted apart: run `make env-yml`."
    )


def test_lock_pins_every_package_exactly():
    lines = [line.strip() for line in (ROOT / "requirements.lock").read_text().splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    assert lines, "requirements.lock is empty"
    for line in lines:
        assert "==" in line, f"not an exact pin in requirements.lock: {line}"
    text = (ROOT / "requirements.lock").read_text()
    assert "uv pip compile" in text.splitlines()[2], "the lock must say how it was produced"
    assert "pandas==3." in text


def test_every_dataset_has_a_card_with_columns_and_provenance():
    for csv in sorted((ROOT / "datasets").rglob("*.csv")):
        card = csv.with_suffix(".md")
        assert card.is_file(), f"{csv.name} has no card"
        text = card.read_text(encoding="utf-8")
        if csv.parent == ROOT / "datasets":
            assert "## Columns" in text, f"{card.name}: no '## Columns' table"
        assert "**Provenance:**" in text or "**Source:**" in text, f"{card.name}: no provenance"


def test_readme_first_screen_shows_the_two_commands():
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:25])
    assert "make lab" in first_screen and "make test" in first_screen


@pytest.mark.parametrize("path", ["LICENSE", "LICENSE-CONTENT.md", "coursekit/fonts/OFL.txt",
                                  "datasets/LICENSE-CDNOW.txt", "docs/trainer-guide.md",
                                  "docs/glossary.md", ".ci/run", "environment.yml"])
def test_required_files_exist(path):
    assert (ROOT / path).is_file() and (ROOT / path).stat().st_size > 100, path


def test_import_coursekit_is_light():
    code = ("import sys, coursekit; heavy = [m for m in ('sklearn', 'scipy', 'matplotlib', "
            "'lifelines', 'seaborn') if m in sys.modules]; print(','.join(heavy))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"import coursekit pulls in {out.stdout.strip()}"


def test_helper_modules_do_not_import_sklearn_at_module_level():
    code = ("import sys, importlib, coursekit\n"
            "for m in coursekit.MODULES:\n"
            "    importlib.import_module('coursekit.' + m)\n"
            "print('sklearn' in sys.modules, 'lifelines' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False", out.stdout + out.stderr


def test_doctor_reports_ok():
    out = subprocess.run([sys.executable, "-m", "coursekit", "doctor"], capture_output=True,
                         text=True, env={"MPLBACKEND": "Agg", "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stdout + out.stderr
    assert "Chinese labels" in out.stdout and "FAIL" not in out.stdout
    assert "Chinese menus" in out.stdout and "language-pack-zh-CN" in out.stdout


@pytest.mark.skipif(not (SHARED / "tools" / "kitlint").is_file(),
                    reason="../shared/tools/kitlint is not present (a user's fresh clone)")
def test_kitlint_is_clean():
    out = subprocess.run([sys.executable, str(SHARED / "tools" / "kitlint")], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout


def _declared() -> dict[str, set[str]]:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(reqs):
        return {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].lower() for r in reqs}

    return {"dependencies": names(project["dependencies"]),
            "classroom": names(project["optional-dependencies"]["classroom"])}


def test_pyproject_declares_every_package_coursekit_imports():
    import ast

    from coursekit.__main__ import IMPORT_NAMES

    by_import = {IMPORT_NAMES.get(d, d.replace("-", "_")): d for d in _declared()["dependencies"]}
    optional = {"IPython"}  # only inside Jupyter (comes with ipykernel, the classroom extra)
    used: dict[str, str] = {}
    for path in (ROOT / "coursekit").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                mods = [node.module]
            else:
                continue
            for mod in mods:
                top = mod.split(".")[0]
                if top not in sys.stdlib_module_names and top != "coursekit":
                    used.setdefault(top, str(path.relative_to(ROOT)))
        source = path.read_text(encoding="utf-8")
        for engine in re.findall(r'engine="(\w+)"', source):  # used by name, e.g. read_excel
            used.setdefault(engine, str(path.relative_to(ROOT)))
    missing = {m: where for m, where in used.items() if m not in by_import and m not in optional}
    assert not missing, f"imported but not in pyproject.toml dependencies: {missing}"
    unused = {d for imp, d in by_import.items() if imp not in used}
    assert not unused, f"declared in pyproject.toml but never imported by coursekit: {unused}"


def test_doctor_checks_what_pyproject_declares():
    from coursekit.__main__ import packages

    declared = _declared()
    assert {d for d, _ in packages()} == declared["dependencies"] | declared["classroom"]


def test_requirements_in_does_not_repeat_the_package_dependencies():
    lines = [line.split("#", 1)[0].strip() for line in
             (ROOT / "requirements.in").read_text(encoding="utf-8").splitlines()]
    names = {re.split(r"[<>=!~;\[ ]", line, maxsplit=1)[0].lower() for line in lines if line}
    declared = _declared()
    assert not names & (declared["dependencies"] | declared["classroom"]), (
        "list these once, in pyproject.toml")
