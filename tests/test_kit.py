"""kit.py, the stdlib launcher: paths, stale-stamp detection, markers, wheelhouses, messages.

Fast tests run kit.py's functions directly (no install). The real offline install under a
Chinese path runs only when COURSEKIT_OFFLINE_INSTALL_TEST names a wheelhouse (.ci/run sets it,
inside a network namespace with loopback only).
"""

from __future__ import annotations

import doctest
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("kit", ROOT / "kit.py")
kit = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(kit)

WANT = {"format": kit.STAMP_FORMAT, "lock": "L", "pyproject": "P", "python": "3.11", "source": ""}


def make_venv(tmp_path: Path, *, version="3.11.7", stamp=None, marker=False, python=True) -> Path:
    venv = tmp_path / ".venv"
    exe = kit.venv_python(venv)
    exe.parent.mkdir(parents=True)
    if python:
        exe.write_text("")
    (venv / "pyvenv.cfg").write_text(f"home = /usr/bin\nversion = {version}\n")
    if stamp is not None:
        (venv / kit.STAMP_NAME).write_text(stamp if isinstance(stamp, str) else json.dumps(stamp))
    if marker:
        (venv / kit.MARKER_NAME).write_text("{}")
    return venv


def plan(venv: Path, runs="3.11"):
    return kit.plan_venv(venv, python_runs=lambda _exe: runs, want=WANT)


# --- platform paths -------------------------------------------------------------------------

def test_venv_python_is_scripts_on_windows_and_bin_elsewhere():
    assert kit.venv_python(Path("v"), windows=True) == Path("v") / "Scripts" / "python.exe"
    assert kit.venv_python(Path("v"), windows=False) == Path("v") / "bin" / "python"


def test_allow_root_only_for_root():
    exe = Path("python")
    assert "--allow-root" in kit.lab_command(exe, notebook="n.ipynb", root=True)
    assert "--allow-root" not in kit.lab_command(exe, notebook="n.ipynb", root=False)


# --- what to do with .venv ------------------------------------------------------------------

def test_plan_create_when_there_is_no_venv(tmp_path):
    assert plan(tmp_path / ".venv")[0] == "create"


def test_plan_ok_when_the_stamp_matches(tmp_path):
    assert plan(make_venv(tmp_path, stamp=WANT)) == ("ok", "up to date")


@pytest.mark.parametrize("key, reason", [("lock", "requirements.lock has changed"),
                                         ("pyproject", "pyproject.toml has changed")])
def test_plan_update_when_the_lock_or_project_changed(tmp_path, key, reason):
    action, why = plan(make_venv(tmp_path, stamp=dict(WANT, **{key: "old"})))
    assert action == "update" and reason in why


def test_plan_update_for_the_old_makefile_stamp(tmp_path):
    assert plan(make_venv(tmp_path, stamp=""))[0] == "update"   # `touch .venv/.installed`


def test_plan_resume_after_an_interrupted_install(tmp_path):
    action, why = plan(make_venv(tmp_path, marker=True))
    assert action == "resume" and "interrupted" in why


def test_plan_rebuild_for_another_python(tmp_path):
    action, why = plan(make_venv(tmp_path, version="3.12.1", stamp=WANT), runs="3.12")
    assert action == "rebuild" and "3.12" in why and "3.11" in why


def test_plan_rebuild_when_its_python_cannot_start(tmp_path):
    action, why = plan(make_venv(tmp_path, version="3.10.4", stamp=WANT), runs=None)
    assert action == "rebuild" and "3.10.4" in why and "cannot be started" in why


def test_plan_rebuild_for_a_half_made_venv(tmp_path):
    action, why = plan(make_venv(tmp_path, python=False))
    assert action == "rebuild" and "not a complete virtual environment" in why


def test_wanted_stamp_follows_the_lock():
    stamp = kit.wanted_stamp()
    assert stamp["lock"] == kit.sha256(ROOT / "requirements.lock")
    assert stamp["python"] == f"{sys.version_info[0]}.{sys.version_info[1]}"


# --- the lock and its markers ---------------------------------------------------------------

def test_kit_doctests():
    assert doctest.testmod(kit).failed == 0


@pytest.mark.parametrize("marker, expected", [
    ("sys_platform == 'win32'", True),
    ("sys_platform != 'emscripten' and sys_platform != 'win32'", False),
    ("os_name != 'nt' or (sys_platform != 'emscripten' and sys_platform != 'win32')", False),
    ("python_full_version < '3.13'", True),
    ("python_full_version >= '3.13'", False),
    ("python_version < '3.12' and implementation_name != 'PyPy'", True),
    ("'win' in sys_platform", True),
])
def test_markers_for_windows_python_311(marker, expected):
    assert kit.evaluate_marker(marker, kit.target_marker_env("win_amd64", "3.11")) is expected


def test_a_bad_marker_is_named():
    with pytest.raises(ValueError, match="unknown variable 'sys_platfrom'"):
        kit.evaluate_marker("sys_platfrom == 'x'", kit.current_marker_env())


def test_pins_differ_by_platform_and_python():
    names = {plat: dict(kit.pins_for(kit.target_marker_env(plat, "3.11")))
             for plat in ("win_amd64", "macosx_14_0_arm64", "manylinux_2_28_x86_64")}
    assert "colorama" in names["win_amd64"] and "pywinpty" in names["win_amd64"]
    assert "pexpect" not in names["win_amd64"] and "pexpect" in names["manylinux_2_28_x86_64"]
    assert "appnope" in names["macosx_14_0_arm64"]
    assert "appnope" not in names["manylinux_2_28_x86_64"]
    new = dict(kit.pins_for(kit.target_marker_env("win_amd64", "3.13")))
    assert new["contourpy"] != names["win_amd64"]["contourpy"]
    here = dict(kit.pins_for(kit.current_marker_env()))
    assert here["pandas"].startswith("3.") and "jupyterlab-language-pack-zh-cn" in here


def test_every_lock_marker_can_be_read_for_every_target():
    for plat in ("win_amd64", "macosx_13_0_x86_64", "manylinux_2_28_x86_64"):
        for version in ("3.11", "3.12", "3.13", "3.14"):
            assert kit.pins_for(kit.target_marker_env(plat, version))


def test_manylinux_platforms_include_the_older_tags():
    tags = kit.pip_platform_tags("manylinux_2_28_x86_64")
    assert tags[0] == "manylinux_2_28_x86_64"
    assert {"manylinux_2_17_x86_64", "manylinux2014_x86_64", "manylinux1_x86_64"} <= set(tags)
    assert kit.pip_platform_tags("win_amd64") == ["win_amd64"]
    assert kit.expand_platforms(["win", "win_amd64", "mac", "macosx_13_0_x86_64"]) == [
        "win_amd64", "macosx_14_0_arm64", "macosx_13_0_x86_64"]


# --- wheelhouses ----------------------------------------------------------------------------

@pytest.mark.parametrize("filename, plat, fits", [
    ("numpy-2.4.6-cp311-cp311-win_amd64.whl", "win_amd64", True),
    ("numpy-2.4.6-cp311-cp311-win_amd64.whl", "manylinux_2_28_x86_64", False),
    ("numpy-2.4.6-cp312-cp312-win_amd64.whl", "win_amd64", False),
    ("numpy-2.4.6-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
     "manylinux_2_28_x86_64", True),
    ("pillow-13.0.0-cp311-cp311-macosx_11_0_arm64.whl", "macosx_14_0_arm64", True),
    ("pillow-13.0.0-cp311-cp311-macosx_11_0_arm64.whl", "macosx_13_0_x86_64", False),
    ("pyzmq-27.3.0-cp310-abi3-macosx_10_15_universal2.whl", "macosx_13_0_x86_64", True),
    ("six-1.17.0-py2.py3-none-any.whl", "win_amd64", True),
])
def test_wheel_fits(filename, plat, fits):
    env = kit.target_marker_env(plat, "3.11")
    assert kit.wheel_fits(kit.parse_wheel(filename), env) is fits


def test_missing_from_wheelhouse_names_every_gap(tmp_path):
    for name in ("six-1.17.0-py2.py3-none-any.whl", "numpy-2.4.6-cp311-cp311-win_amd64.whl",
                 "pandas-3.1.1-cp311-cp311-manylinux_2_28_x86_64.whl", "notes.txt"):
        (tmp_path / name).write_text("")
    pins = [("six", "1.17.0"), ("numpy", "2.4.6"), ("pandas", "3.1.1"), ("scipy", "1.17.1")]
    env = kit.target_marker_env("win_amd64", "3.11")
    assert kit.missing_from_wheelhouse(tmp_path, pins, env) == ["pandas==3.1.1", "scipy==1.17.1"]


def test_find_wheelhouse_option_environment_and_default(tmp_path, monkeypatch):
    assert kit.find_wheelhouse(str(tmp_path), environ={}) == tmp_path
    assert kit.find_wheelhouse(None, environ={kit.WHEELHOUSE_ENV: str(tmp_path)}) == tmp_path
    with pytest.raises(kit.KitError, match="does not exist"):
        kit.find_wheelhouse(str(tmp_path / "USB 盘" / "wheelhouse"), environ={})
    monkeypatch.setattr(kit, "ROOT", tmp_path)
    assert kit.find_wheelhouse(None, environ={}) is None            # no ./wheelhouse
    (tmp_path / "wheelhouse").mkdir()
    (tmp_path / "wheelhouse" / "six-1.17.0-py2.py3-none-any.whl").write_text("")
    assert kit.find_wheelhouse(None, environ={}) == tmp_path / "wheelhouse"


def test_a_wheelhouse_without_a_package_stops_before_touching_venv(tmp_path, monkeypatch):
    monkeypatch.setattr(kit, "VENV", tmp_path / ".venv")
    (tmp_path / "wh").mkdir()
    (tmp_path / "wh" / "six-1.17.0-py2.py3-none-any.whl").write_text("")
    with pytest.raises(kit.KitError, match=r"lacks \d+ package\(s\) for this computer"):
        kit.ensure_venv(wheelhouse_option=str(tmp_path / "wh"))
    assert not (tmp_path / ".venv").exists()


# --- messages -------------------------------------------------------------------------------

def test_old_python_gets_one_clear_message(monkeypatch):
    monkeypatch.setattr(kit, "find_newer_python", lambda: None)
    message = kit.python_problem((3, 9, 2), "/usr/bin/python3")
    assert "3.11 or newer" in message and "3.9.2" in message and "py kit.py lab" in message
    assert kit.python_problem((3, 11, 0)) is None


def test_old_python_is_pointed_to_a_newer_one(monkeypatch):
    monkeypatch.setattr(kit, "find_newer_python", lambda: "python3.12")
    assert "python3.12 kit.py" in kit.python_problem((3, 8, 10))


def test_old_python_can_read_kit_py():
    """kit.py must start under an old Python to say that it is too old (needs 3.7+ syntax)."""
    import ast

    ast.parse((ROOT / "kit.py").read_text(encoding="utf-8"), feature_version=(3, 7))


OLD_PYTHONS = sorted(Path.home().glob(".pyenv/versions/3.[789]*/bin/python3")) + sorted(
    Path.home().glob(".pyenv/versions/3.10*/bin/python3"))


@pytest.mark.skipif(not OLD_PYTHONS, reason="no Python 3.7-3.10 on this machine")
@pytest.mark.parametrize("old", OLD_PYTHONS[:2] + OLD_PYTHONS[-1:], ids=lambda p: p.parts[-3])
def test_kit_py_run_by_an_old_python_says_so(old):
    out = subprocess.run([str(old), str(ROOT / "kit.py"), "test"], capture_output=True, text=True)
    assert out.returncode == 1 and "needs Python 3.11 or newer" in out.stderr, out.stderr


def test_no_write_permission_gets_one_clear_message(tmp_path, monkeypatch):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(kit.tempfile, "mkstemp", denied)
    with pytest.raises(kit.KitError, match="Cannot write in .*Copy the whole kit folder"):
        kit.check_writable(tmp_path)


def test_missing_venv_module_gets_one_clear_message(monkeypatch):
    monkeypatch.setitem(sys.modules, "ensurepip", None)
    with pytest.raises(kit.KitError, match="no 'venv' module.*apt install python3"):
        kit.check_venv_module()


def test_pip_failures_are_explained(tmp_path):
    lines = ["ERROR: No matching distribution found for numpy==2.4.6"]
    assert "has no package numpy==2.4.6" in kit.explain_pip_failure(
        lines, wheelhouse=tmp_path, log=tmp_path / "log")
    net = ["WARNING: Retrying ... NewConnectionError('Failed to establish a new connection')"]
    assert "PIP_INDEX_URL" in kit.explain_pip_failure(net, wheelhouse=None, log=tmp_path / "l")
    assert "Permission" in kit.explain_pip_failure(["[Errno 13] Permission denied: 'x'"],
                                                    wheelhouse=None, log=tmp_path / "l")


def test_index_url_credentials_are_not_printed():
    shown = kit.describe_index({"PIP_INDEX_URL": "https://user:secret@mirror.example/simple"})
    assert "secret" not in shown and "mirror.example/simple" in shown


def test_offline_pip_ignores_every_configured_index(monkeypatch):
    monkeypatch.setenv("PIP_INDEX_URL", "https://mirror.example/simple")
    monkeypatch.setenv("PIP_FIND_LINKS", "/elsewhere")
    env = kit.pip_env(offline=True)
    assert "PIP_INDEX_URL" not in env and "PIP_FIND_LINKS" not in env
    assert env["PIP_CONFIG_FILE"] == os.devnull
    assert kit.pip_env(offline=False)["PIP_INDEX_URL"] == "https://mirror.example/simple"


# --- command line ---------------------------------------------------------------------------

def test_unknown_command_suggests_the_closest(capsys):
    assert kit.main(["lba"]) == 1
    err = capsys.readouterr().err
    assert "Unknown command 'lba'" in err and "Did you mean 'lab'?" in err
    assert "Traceback" not in err


def test_commands_and_passthrough_arguments():
    assert set(kit.COMMANDS) >= {"lab", "lab-zh", "test", "doctor", "wheelhouse", "venv"}
    args = kit.parse(["test", "unit", "--", "-x", "-k", "rfm"])
    assert args.command == "test" and args.steps == ["unit"] and args.extra == ["-x", "-k", "rfm"]
    args = kit.parse(["lab", "--no-browser", "--wheelhouse", "wh"])
    assert args.extra == ["--no-browser"] and args.wheelhouse == "wh"
    assert kit.main(["doctor", "--bogus"]) == 1


def test_a_new_command_is_one_decorated_function(monkeypatch):
    monkeypatch.setattr(kit, "COMMANDS", dict(kit.COMMANDS))
    kit.command("classroom", "serve the class")(lambda args: 7)
    assert kit.main(["classroom"]) == 7


def test_kit_test_runs_what_make_test_ran():
    steps = kit.test_steps(Path("py"))
    flat = {step: [" ".join(cmd[2:]) for cmd in cmds] for step, cmds in steps.items()}
    assert flat["lint"][0].startswith("ruff check coursekit tests tools benchmarks")
    assert flat["lint"][1] == "nbqa ruff notebooks exercises classroom/class-dashboard.ipynb"
    assert flat["unit"] == ["pytest tests coursekit --doctest-modules"]
    assert flat["notebooks"] == [
        "pytest --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks exercises "
        "classroom/class-dashboard.ipynb"]


def test_makefile_calls_kit_py_for_set_up_lab_and_test():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for call in ("$(KIT) venv", "$(KIT) lab", "$(KIT) test lint", "$(KIT) test unit",
                 "$(KIT) test notebooks", "$(KIT) wheelhouse"):
        assert call in makefile
    # installing the course environment is kit.py's job; only the class server's own
    # environment (classroom/.venv, for the students' system accounts) is made by make
    pip_lines = [line for line in makefile.splitlines() if "-m pip install" in line]
    assert all("$(CLASSROOM_VENV)" in line for line in pip_lines), pip_lines


def test_readme_first_screen_has_both_forms_in_both_languages():
    first = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:40])
    for text in ("make lab", "make test", "py kit.py lab", "py kit.py test"):
        assert text in first
    assert "两个命令" in first or "命令" in first


def test_lab_zh_falls_back_to_english_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setattr(kit, "ROOT", tmp_path)
    notebook, note = kit.zh_start_notebook()
    assert notebook == kit.START_NOTEBOOK and "not built yet" in note
    (tmp_path / "notebooks" / "zh").mkdir(parents=True)
    (tmp_path / "notebooks" / "zh" / "00-start-here.ipynb").write_text("{}")
    assert kit.zh_start_notebook() == ("notebooks/zh/00-start-here.ipynb", None)


def test_quiet_lab_settings_exist_in_the_installed_jupyterlab():
    cmd = " ".join(kit.lab_command(Path("py"), notebook="n.ipynb", language="zh", root=False))
    assert "--LabApp.news_url=None" in cmd and "--LabApp.extension_manager=readonly" in cmd
    assert "lab-settings" in cmd and "zh-CN" in cmd
    schemas = Path(sys.prefix) / "share" / "jupyter" / "lab" / "schemas"
    en = json.loads((kit.LAB_SETTINGS / "en" / "overrides.json").read_text(encoding="utf-8"))
    zh = json.loads((kit.LAB_SETTINGS / "zh-CN" / "overrides.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in zh.items() if k != "@jupyterlab/translation-extension:plugin"} == en
    if not schemas.is_dir():
        pytest.skip("JupyterLab's schemas are not installed here")
    for plugin, values in zh.items():
        package, name = plugin.split(":")
        schema = json.loads((schemas / package / f"{name}.json").read_text(encoding="utf-8"))
        assert set(values) <= set(schema["properties"]), plugin


# --- consoles that cannot show every character ----------------------------------------------

@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_kit_output_never_crashes_on_a_narrow_console(encoding):
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    code = ("import runpy, sys; kit = runpy.run_path(sys.argv[1]); kit['_safe_streams']();"
            "kit['say']('中文 — ✓ 🙂 −5%')")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT / "kit.py")], env=env,
                         capture_output=True)
    assert out.returncode == 0, out.stderr.decode(encoding, "replace")
    for args in (["--help"], ["lab-zh", "--help"], ["nonsense"]):
        out = subprocess.run([sys.executable, str(ROOT / "kit.py"), *args], env=env,
                             capture_output=True)
        assert b"Traceback" not in out.stderr, out.stderr.decode(encoding, "replace")


def test_doctor_never_crashes_on_a_gbk_console():
    env = dict(os.environ, PYTHONIOENCODING="gbk")
    out = subprocess.run([sys.executable, "-m", "coursekit", "doctor"], env=env, cwd=ROOT,
                         capture_output=True)
    assert b"Traceback" not in out.stderr, out.stderr.decode("gbk", "replace")
    assert "Chinese labels" in out.stdout.decode("gbk", "replace")


# --- the real thing (CI only) ---------------------------------------------------------------

OFFLINE = os.environ.get("COURSEKIT_OFFLINE_INSTALL_TEST")


@pytest.mark.slow
@pytest.mark.skipif(not OFFLINE, reason="set COURSEKIT_OFFLINE_INSTALL_TEST=<wheelhouse> "
                    "(.ci/run does, with the network cut)")
def test_fresh_offline_install_under_a_chinese_path_with_spaces(tmp_path):
    wheelhouse = Path(OFFLINE).resolve()
    clone = tmp_path / "课程 资料" / "crm kit 副本"
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.decode("utf-8").split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, clone / name)
    home = tmp_path / "用户" / "张三"
    home.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items()
           if k not in ("COURSEKIT_OFFLINE_INSTALL_TEST", "VIRTUAL_ENV", "PYTEST_ADDOPTS")}
    env.update(HOME=str(home), USERPROFILE=str(home), APPDATA=str(home / "AppData"),
               JUPYTER_RUNTIME_DIR=str(home / "运行时"), JUPYTER_CONFIG_DIR=str(home / "配置"),
               JUPYTER_DATA_DIR=str(home / "数据"), MPLCONFIGDIR=str(home / "图表"))
    kit_py = [sys.executable, str(clone / "kit.py")]

    start = time.monotonic()
    done = subprocess.run(kit_py + ["venv", "--wheelhouse", str(wheelhouse)], cwd=home,
                          env=dict(env, PYTHONIOENCODING="gbk"), capture_output=True)
    out = done.stdout.decode("gbk", "replace") + done.stderr.decode("gbk", "replace")
    assert done.returncode == 0, out
    install_s = time.monotonic() - start
    size_mb = kit.folder_size(clone / ".venv") / 1e6
    print(out)
    print(f"offline install: {install_s:.0f} s, .venv {size_mb:.0f} MB")
    assert "Traceback" not in out and "[4/4]" in out

    doctor = subprocess.run(kit_py + ["doctor"], cwd=clone,
                            env=dict(env, PYTHONIOENCODING="gbk"), capture_output=True)
    assert doctor.returncode == 0, doctor.stdout.decode("gbk", "replace")

    notebook = subprocess.run(
        [str(kit.venv_python(clone / ".venv")), "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "--nbval", "--nbval-sanitize-with", "tests/nbval_sanitize.cfg",
         "notebooks/00-start-here.ipynb"], cwd=clone, env=env, capture_output=True, text=True)
    assert notebook.returncode == 0, notebook.stdout[-3000:]
    _lab_starts_a_kernel(kit_py, clone, env, home / "运行时")

    start = time.monotonic()
    unit = subprocess.run(kit_py + ["test", "unit", "--", "-q", "-p", "no:cacheprovider"],
                          cwd=clone, env=env, capture_output=True, text=True)
    assert unit.returncode == 0, unit.stdout[-3000:] + unit.stderr[-2000:]
    print(f"unit tests in the fresh venv: {time.monotonic() - start:.0f} s")

    again = subprocess.run(kit_py + ["venv"], cwd=clone, env=env, capture_output=True,
                           text=True)
    assert "up to date" in again.stdout


def _lab_starts_a_kernel(kit_py, clone, env, runtime):
    """`kit.py lab` serves the start notebook, quietly, and starts a kernel whose connection
    file lies in the Chinese runtime folder."""
    import signal
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "kit-test"
    server = subprocess.Popen(kit_py + ["lab", "--", "--no-browser", f"--port={port}",
                                        "--ServerApp.ip=127.0.0.1",
                                        f"--IdentityProvider.token={token}"],
                              cwd=clone, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)

    def call(path, method="GET"):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method,
                                         headers={"Authorization": f"token {token}"},
                                         data=b"{}" if method == "POST" else None)
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode("utf-8")

    try:
        for _ in range(120):
            try:
                page = call("/lab/tree/notebooks/00-start-here.ipynb")
                break
            except OSError:
                time.sleep(1)
        else:
            raise AssertionError("kit.py lab did not answer within 2 minutes")
        assert '"news": {"disabled": true}' in page and '"read-only"' in page
        kernel = json.loads(call("/api/kernels", "POST"))["id"]
        for _ in range(90):
            state = json.loads(call(f"/api/kernels/{kernel}"))["execution_state"]
            if list(runtime.glob(f"kernel-{kernel}*.json")) and state != "dead":
                break
            time.sleep(1)
        else:
            raise AssertionError(f"no kernel connection file in {runtime}: {list(runtime.iterdir())}")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def test_wheelhouse_names_what_has_no_wheel_and_stops(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(kit, "_pip_for_downloads", lambda: sys.executable)
    pure = tmp_path / "build" / "pure_pkg-1.0-py3-none-any.whl"
    pure.parent.mkdir()
    pure.write_text("")
    monkeypatch.setattr(kit, "_download", lambda *a, **k: (["needs-c==2.0", "pure-pkg==1.0"],
                                                          {"six-1.17.0-py2.py3-none-any.whl"}))
    monkeypatch.setattr(kit, "_build_from_source",
                        lambda py, pin, **k: pure if pin.startswith("pure") else None)
    args = kit.parse(["wheelhouse", "--platform", "win", "--python-version", "3.11",
                      "--out", str(tmp_path / "wh")])
    assert kit.cmd_wheelhouse(args) == 1
    out = capsys.readouterr().out
    assert "No wheel for win_amd64, Python 3.11: needs-c==2.0" in out
    assert "pure-pkg" not in out.split("No wheel for")[1]       # the pure build fits everywhere
    assert (tmp_path / "wh" / pure.name).exists()
    assert json.loads((tmp_path / "wh" / "wheelhouse.json").read_text())["targets"]


def test_wheelhouse_rejects_an_old_python_version(tmp_path, monkeypatch):
    monkeypatch.setattr(kit, "_pip_for_downloads", lambda: sys.executable)
    args = kit.parse(["wheelhouse", "--python-version", "3.9", "--out", str(tmp_path)])
    with pytest.raises(kit.KitError, match="3.11 or newer"):
        kit.cmd_wheelhouse(args)


def test_classroom_command_hands_over_to_make(monkeypatch):
    calls = []
    monkeypatch.setattr(kit.subprocess, "call", lambda cmd, **kw: calls.append(cmd) or 0)
    monkeypatch.setattr(kit.shutil, "which", lambda name: "/usr/bin/make")
    monkeypatch.setattr(kit.os, "name", "posix")
    assert kit.main(["classroom", "--ip", "0.0.0.0", "--port", "8001"]) == 0
    assert calls == [["make", "--no-print-directory", "classroom", "IP=0.0.0.0", "PORT=8001"]]


def test_lab_zh_serves_the_chinese_notebook_with_the_chinese_language_pack(tmp_path):
    """`kit.py lab-zh`'s command line: the Chinese start notebook, and JupyterLab's interface in
    Chinese (the zh-CN language pack is installed and chosen by the kit's launch-only settings;
    the user's own settings folder is not written to). Starts a server (a few seconds), stops it."""
    import signal
    import socket
    import urllib.request

    if importlib.util.find_spec("jupyterlab") is None:
        pytest.skip("JupyterLab is not installed in this environment")
    notebook, note = kit.zh_start_notebook()
    if (ROOT / "notebooks" / "zh").is_dir():
        assert notebook.startswith("notebooks/zh/00-") and note is None
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = "kit-test"
    user = tmp_path / "user-settings"
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(tmp_path / "config"),
               JUPYTERLAB_SETTINGS_DIR=str(user), JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    cmd = kit.lab_command(Path(sys.executable), notebook=notebook, language="zh",
                          extra=["--no-browser", f"--port={port}", "--ServerApp.ip=127.0.0.1",
                                 f"--IdentityProvider.token={token}"])
    server = subprocess.Popen(cmd, cwd=str(ROOT), env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)

    def call(path):
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                         headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.read().decode("utf-8")

    try:
        for _ in range(120):
            try:
                page = call(f"/lab/tree/{notebook}")
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("JupyterLab did not answer within a minute")
        assert "lab-settings/zh-CN" in page.replace("\\", "/")
        packs = json.loads(call("/lab/api/translations"))["data"]
        assert "zh_CN" in packs, f"the zh-CN language pack is not installed: {sorted(packs)}"
        strings = json.loads(call("/lab/api/translations/zh_CN"))["data"]
        assert strings.get("jupyterlab", {}).get("Edit") == ["编辑"], "no Chinese menu strings"
        plugin = json.loads(call("/lab/api/settings/@jupyterlab/translation-extension:plugin"))
        assert plugin["schema"]["properties"]["locale"]["default"] == "zh_CN"
        assert plugin["raw"] in ("", "{}") or "locale" not in plugin["raw"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    assert not user.exists() or not any(user.rglob("*.jupyterlab-settings")), \
        "the user's JupyterLab settings were written to"
