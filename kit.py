#!/usr/bin/env python3
"""kit.py - set up and run the CRM Methods Course Kit on any computer (standard library only).

    python kit.py lab          set up (first time only) and open the course in JupyterLab
    python kit.py test         set up and prove everything works (lint, tests, every notebook)
    python kit.py lab-zh       the same, Chinese edition and Chinese JupyterLab menus
    python kit.py zh           build the Chinese edition (authors: after changing a notebook)
    python kit.py doctor       check this computer and the installation
    python kit.py wheelhouse   download every package for offline classrooms (trainers)

On Windows type ``py kit.py lab``. ``make lab`` / ``make test`` call this file, so there is
one implementation of the set-up: a ``.venv`` made from ``requirements.lock`` (re-made when the
lock changes, when it was made by another Python, or when an install was interrupted), the kit
installed in editable mode, from the package index (``PIP_INDEX_URL`` is honoured) or, with no
network at all, from a wheelhouse folder (``./wheelhouse``, ``--wheelhouse DIR`` or the
``COURSEKIT_WHEELHOUSE`` environment variable).

Adding a command: write ``def cmd_name(args) -> int`` and decorate it with
``@command("name", "one-line help")``; give it options with ``options=`` (a function that adds
arguments to its argparse sub-parser).
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

MIN_PYTHON = (3, 11)
ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements.lock"
PYPROJECT = ROOT / "pyproject.toml"
STAMP_NAME = ".installed"          # written last: the install is complete
MARKER_NAME = ".install-started"   # written first: present without a stamp = interrupted
LOG_NAME = "kit-install.log"
STAMP_FORMAT = 1
WHEELHOUSE_ENV = "COURSEKIT_WHEELHOUSE"
START_NOTEBOOK = "notebooks/00-start-here.ipynb"
LAB_SETTINGS = ROOT / "tools" / "lab-settings"   # the kit's own JupyterLab settings (launch only)
QUIET_LAB_ARGS = [
    "--LabApp.news_url=None",                                    # no news feed, no pop-up
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",                       # no calls to a package index
]
SMOKE_IMPORTS = "import coursekit, jupyterlab, ipykernel, pandas, matplotlib, sklearn, nbval"


# --------------------------------------------------------------------------------------------
# output that never crashes on a GBK / cp1252 console


def _safe_streams() -> None:
    """Replace characters the console cannot show instead of raising UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # exotic streams
            stream.reconfigure(errors="replace")


def say(*parts: object, file=None) -> None:
    """print() that survives any console encoding (unencodable characters become '?')."""
    stream = file or sys.stdout
    text = " ".join(str(p) for p in parts)
    try:
        print(text, file=stream, flush=True)
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        print(text.encode(encoding, errors="replace").decode(encoding, errors="replace"),
              file=stream, flush=True)


def _xy(info=None) -> str:
    """'3.11' for the running Python (or a version tuple)."""
    info = info or sys.version_info
    return f"{info[0]}.{info[1]}"


class KitError(Exception):
    """A problem the user can fix: printed as a clear message, exit status 1 (no traceback)."""


# --------------------------------------------------------------------------------------------
# Python version, platform paths


def python_problem(version_info=None, executable: str = "") -> str | None:
    """Return a message when this Python is too old for the kit, else None."""
    version = tuple(version_info or sys.version_info)[:3]
    if version >= MIN_PYTHON:
        return None
    found = ".".join(str(v) for v in version)
    need = ".".join(str(v) for v in MIN_PYTHON)
    lines = [f"This kit needs Python {need} or newer; kit.py was started with Python {found}"
             + (f" ({executable})." if executable else ".")]
    better = find_newer_python()
    if better:
        lines.append(f"A newer Python is on this computer: run  {better} kit.py "
                     + " ".join(sys.argv[1:] or ["lab"]))
    else:
        lines.append(f"Install Python {need}+ (python.org; on Windows tick 'Add python.exe to "
                     f"PATH'; on Debian/Ubuntu: apt install python3.11 python3.11-venv), then "
                     "run  py kit.py lab  (Windows) or  python3.11 kit.py lab.")
    return "\n".join(lines)


def find_newer_python() -> str | None:
    """A command that starts Python >= 3.11 on this computer, if one is on the PATH."""
    if os.name == "nt" and shutil.which("py"):
        for minor in range(14, MIN_PYTHON[1] - 1, -1):
            try:
                if subprocess.run(["py", f"-3.{minor}", "-c", ""], capture_output=True,
                                  timeout=20).returncode == 0:
                    return f"py -3.{minor}"
            except (OSError, subprocess.SubprocessError):
                continue
        return None
    for minor in range(14, MIN_PYTHON[1] - 1, -1):
        if shutil.which(f"python3.{minor}"):
            return f"python3.{minor}"
    return None


def venv_python(venv: Path, *, windows: bool | None = None) -> Path:
    """The interpreter of a virtual environment: Scripts\\python.exe on Windows, bin/python else."""
    windows = (os.name == "nt") if windows is None else windows
    return venv / ("Scripts" if windows else "bin") / ("python.exe" if windows else "python")


def is_root() -> bool:
    """True for the POSIX super-user (JupyterLab then needs --allow-root); never on Windows."""
    geteuid = getattr(os, "geteuid", None)
    return bool(geteuid and geteuid() == 0)


# --------------------------------------------------------------------------------------------
# the lock: requirement lines and environment markers (PEP 508 subset that uv writes)

_TOKEN = re.compile(r"""\s*(\(|\)|===|==|!=|<=|>=|~=|<|>|not\s+in\b|in\b|and\b|or\b|
                        '[^']*'|"[^"]*"|[A-Za-z_][A-Za-z0-9_.]*)""", re.VERBOSE)
_VERSION_VARS = {"python_version", "python_full_version", "implementation_version"}


def _version_tuple(text: str) -> tuple[int, ...]:
    parts = [int(p) for p in re.findall(r"\d+", text.split("+")[0])[:4]]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def evaluate_marker(marker: str, env: dict[str, str]) -> bool:
    """Evaluate an environment marker such as ``sys_platform == 'win32' and python_version < '3.12'``.

    >>> evaluate_marker("os_name != 'nt' or (sys_platform != 'win32')", {"os_name": "nt", "sys_platform": "win32"})
    False
    """
    tokens, pos = [], 0
    marker = marker.strip()
    while pos < len(marker):
        m = _TOKEN.match(marker, pos)
        if not m or not m.group(1):
            raise ValueError(f"cannot read the environment marker {marker!r} at {marker[pos:]!r}")
        tokens.append(re.sub(r"\s+", " ", m.group(1)))
        pos = m.end()
        while pos < len(marker) and marker[pos].isspace():
            pos += 1
    index = 0

    def peek() -> str | None:
        return tokens[index] if index < len(tokens) else None

    def take() -> str:
        nonlocal index
        if index >= len(tokens):
            raise ValueError(f"the environment marker {marker!r} ends too early")
        index += 1
        return tokens[index - 1]

    def value(tok: str) -> tuple[str, bool]:
        if tok[0] in "'\"":
            return tok[1:-1], False
        if tok not in env:
            raise ValueError(f"unknown variable {tok!r} in the environment marker {marker!r}")
        return env[tok], tok in _VERSION_VARS

    def atom() -> bool:
        tok = take()
        if tok == "(":
            result = expr()
            if take() != ")":
                raise ValueError(f"unbalanced parentheses in {marker!r}")
            return result
        left, left_version = value(tok)
        op = take()
        right, right_version = value(take())
        if op in ("in", "not in"):
            return (left in right) == (op == "in")
        if left_version or right_version:
            a, b = _version_tuple(left), _version_tuple(right)
        else:
            a, b = left, right
        return {"==": a == b, "===": left == right, "!=": a != b, "<": a < b, "<=": a <= b,
                ">": a > b, ">=": a >= b, "~=": a >= b}[op]

    def conjunction() -> bool:
        result = atom()
        while peek() == "and":
            take()
            result = atom() and result
        return result

    def expr() -> bool:
        result = conjunction()
        while peek() == "or":
            take()
            result = conjunction() or result
        return result

    result = expr()
    if peek() is not None:
        raise ValueError(f"unexpected {peek()!r} in the environment marker {marker!r}")
    return result


def normalize_name(name: str) -> str:
    """PEP 503 name: lower case, runs of - _ . become one -."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_lock(path: Path = LOCK) -> list[tuple[str, str, str]]:
    """(name, version, marker) for every pinned line of requirements.lock."""
    pins = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        spec, _, marker = line.partition(";")
        m = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*==\s*(\S+)", spec.strip())
        if not m:
            raise KitError(f"requirements.lock: not an exact pin: {raw.strip()!r}")
        pins.append((normalize_name(m.group(1)), m.group(3), marker.strip()))
    return pins


def current_marker_env() -> dict[str, str]:
    """The marker variables of the Python running kit.py."""
    impl = sys.implementation
    impl_version = ".".join(str(x) for x in impl.version[:3])
    return {
        "os_name": os.name, "sys_platform": sys.platform, "platform_machine": platform.machine(),
        "platform_system": platform.system(), "platform_release": platform.release(),
        "platform_version": platform.version(), "implementation_name": impl.name,
        "platform_python_implementation": platform.python_implementation(),
        "implementation_version": impl_version,
        "python_version": _xy(),
        "python_full_version": platform.python_version(), "extra": "",
    }


def target_marker_env(platform_tag: str, python_version: str) -> dict[str, str]:
    """Marker variables for a wheel platform tag (win_amd64, macosx_14_0_arm64, manylinux...)."""
    if platform_tag.startswith("win"):
        system = ("nt", "win32", "Windows", {"win_amd64": "AMD64", "win32": "x86",
                                               "win_arm64": "ARM64"}.get(platform_tag, "AMD64"))
    elif platform_tag.startswith("macosx"):
        system = ("posix", "darwin", "Darwin", platform_tag.rsplit("_", 1)[-1])
    elif "linux" in platform_tag:
        machine = re.sub(r"^(many|musl)?linux(_\d+_\d+|\d+)?_", "", platform_tag)
        system = ("posix", "linux", "Linux", machine)
    else:
        raise KitError(f"unknown platform {platform_tag!r}: use win_amd64, macosx_14_0_arm64, "
                       "manylinux_2_28_x86_64 (or the short names win, mac, linux).")
    parts = (python_version.split(".") + ["0", "0"])[:3]
    return {
        "os_name": system[0], "sys_platform": system[1], "platform_system": system[2],
        "platform_machine": system[3], "platform_release": "", "platform_version": "",
        "implementation_name": "cpython", "platform_python_implementation": "CPython",
        "implementation_version": ".".join(parts), "python_version": ".".join(parts[:2]),
        "python_full_version": ".".join(parts), "extra": "",
    }


def pins_for(env: dict[str, str], lock: Path = LOCK) -> list[tuple[str, str]]:
    """The (name, version) pairs of the lock that apply to one platform / Python."""
    return [(name, version) for name, version, marker in read_lock(lock)
            if not marker or evaluate_marker(marker, env)]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------------
# wheels and wheelhouses


def parse_wheel(filename: str) -> dict | None:
    """Split a wheel file name into name, version and tag sets (None for other files)."""
    if not filename.endswith(".whl"):
        return None
    parts = filename[:-4].split("-")
    if len(parts) not in (5, 6):
        return None
    name, version, python, abi, plat = parts[0], parts[1], parts[-3], parts[-2], parts[-1]
    return {"name": normalize_name(name), "version": version, "python": set(python.split(".")),
            "abi": set(abi.split(".")), "platform": set(plat.split(".")), "file": filename}


def same_version(a: str, b: str) -> bool:
    return a.lower() == b.lower() or (
        re.fullmatch(r"[\d.]+", a) is not None and re.fullmatch(r"[\d.]+", b) is not None
        and _version_tuple(a) == _version_tuple(b))


def wheel_fits(wheel: dict, env: dict[str, str]) -> bool:
    """Could pip install this wheel on the platform / Python described by marker variables?

    An approximation of pip's tag matching, good enough to name what a wheelhouse lacks.
    """
    minor = env["python_version"].split(".")[1]
    cp = f"cp3{minor}"
    pythons, abis = wheel["python"], wheel["abi"]
    py_ok = (bool({"py3", f"py3{minor}"} & pythons) and "none" in abis) or (
        cp in pythons and bool({cp, "none", "abi3"} & abis)) or (
        "abi3" in abis and any(re.fullmatch(r"cp3(\d+)", p) and int(p[3:]) <= int(minor)
                               for p in pythons))
    if not py_ok:
        return False
    machine = env["platform_machine"].lower()
    for plat in wheel["platform"]:
        if plat == "any":
            return True
        if env["sys_platform"] == "win32":
            want = {"amd64": "win_amd64", "x86": "win32", "arm64": "win_arm64"}.get(machine)
            if plat == want:
                return True
        elif env["sys_platform"] == "darwin":
            if plat.startswith("macosx_") and (plat.endswith("_" + machine)
                                               or plat.endswith("_universal2")):
                return True
        elif env["sys_platform"].startswith("linux") and re.fullmatch(
                r"(manylinux\w*|linux)_" + re.escape(machine), plat):
            return True
    return False


def missing_from_wheelhouse(folder: Path, pins: list[tuple[str, str]],
                            env: dict[str, str]) -> list[str]:
    """'name==version' of every pin with no fitting wheel in the folder."""
    wheels = [w for w in (parse_wheel(p.name) for p in folder.glob("*.whl")) if w]
    missing = []
    for name, version in pins:
        if not any(w["name"] == name and same_version(w["version"], version) and wheel_fits(w, env)
                   for w in wheels):
            missing.append(f"{name}=={version}")
    return missing


def platform_label(env: dict[str, str]) -> str:
    system = {"win32": "Windows", "darwin": "macOS"}.get(env["sys_platform"], env["sys_platform"])
    return f"{system} {env['platform_machine']}, Python {env['python_version']}"


def find_wheelhouse(option: str | None, environ=os.environ) -> Path | None:
    """The wheelhouse to install from: --wheelhouse, then $COURSEKIT_WHEELHOUSE, then ./wheelhouse."""
    chosen = option or environ.get(WHEELHOUSE_ENV)
    if chosen:
        folder = Path(chosen).expanduser()
        if not folder.is_absolute():
            folder = (Path.cwd() / folder).resolve()
        if not folder.is_dir():
            where = "--wheelhouse" if option else WHEELHOUSE_ENV
            raise KitError(f"The wheelhouse folder {folder} (from {where}) does not exist. Copy the "
                           "trainer's wheelhouse folder there, or leave the option out to install "
                           "from the package index.")
        return folder
    default = ROOT / "wheelhouse"
    return default if default.is_dir() and any(default.glob("*.whl")) else None


def describe_index(environ=os.environ) -> str:
    url = environ.get("PIP_INDEX_URL")
    if not url:
        return "the package index configured for pip (PyPI unless pip.conf / PIP_INDEX_URL says otherwise)"
    return "PIP_INDEX_URL=" + re.sub(r"//[^/@]+@", "//***@", url)


# --------------------------------------------------------------------------------------------
# the virtual environment: what state is it in, what to do


def read_pyvenv_version(venv: Path) -> str | None:
    cfg = venv / "pyvenv.cfg"
    try:
        text = cfg.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    m = re.search(r"^\s*(?:version|version_info)\s*=\s*(\d+\.\d+(?:\.\d+)?)", text, re.MULTILINE)
    return m.group(1) if m else None


def wanted_stamp(source: str = "") -> dict:
    return {"format": STAMP_FORMAT, "lock": sha256(LOCK), "pyproject": sha256(PYPROJECT),
            "python": _xy(), "source": source}


def plan_venv(venv: Path, *, python_runs, want: dict) -> tuple[str, str]:
    """Decide what to do with .venv: ("ok" | "create" | "update" | "resume" | "rebuild", why).

    ``python_runs(path) -> str | None`` returns the venv interpreter's "X.Y" version, or None
    when it cannot be started (a test passes a fake).
    """
    if not venv.exists():
        return "create", "there is no .venv yet"
    exe = venv_python(venv)
    if not (venv / "pyvenv.cfg").is_file() or not exe.exists():
        return "rebuild", (f"{venv.name} is not a complete virtual environment "
                           f"(no {exe.relative_to(venv)} or pyvenv.cfg)")
    made_with = read_pyvenv_version(venv) or "an unknown Python"
    running = python_runs(exe)
    if running is None:
        return "rebuild", (f"{venv.name} was made by Python {made_with}, which cannot be started "
                           "any more (moved, upgraded or uninstalled)")
    if running != want["python"]:
        return "rebuild", (f"{venv.name} was made by Python {running}, but kit.py runs with Python "
                           f"{want['python']}")
    stamp_path, marker = venv / STAMP_NAME, venv / MARKER_NAME
    try:
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        stamp = None
    if marker.exists():
        return "resume", "an earlier install was interrupted before it finished"
    if not isinstance(stamp, dict) or stamp.get("format") != STAMP_FORMAT:
        return "update", ("the packages were installed by an older set-up" if stamp_path.exists()
                          else "the install was never completed")
    if stamp.get("lock") != want["lock"]:
        return "update", "requirements.lock has changed since the last install"
    if stamp.get("pyproject") != want["pyproject"]:
        return "update", "pyproject.toml has changed since the last install"
    return "ok", "up to date"


def python_version_of(exe: Path) -> str | None:
    try:
        out = subprocess.run([str(exe), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() if out.returncode == 0 else None


def check_writable(folder: Path) -> None:
    """Raise KitError when the kit's folder cannot be written (a read-only share, a USB stick)."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".kit-write-test-", dir=folder)
        os.close(fd)
        os.remove(probe)
    except OSError as exc:
        raise KitError(
            f"Cannot write in {folder} ({exc.strerror or exc}). The kit keeps its Python packages "
            "in a .venv folder next to kit.py. Copy the whole kit folder to a folder you own "
            "(for example Documents or the desktop) and run kit.py there.") from None


def check_venv_module() -> None:
    try:
        import ensurepip  # noqa: F401
        import venv  # noqa: F401
    except ImportError:
        v = _xy()
        raise KitError(f"This Python ({sys.executable}) has no 'venv' module, so kit.py cannot "
                       f"make the .venv. On Debian/Ubuntu: sudo apt install python{v}-venv ; "
                       "elsewhere install Python from python.org.") from None


def _remove_tree(path: Path) -> None:
    def retry(func, name, _exc):  # Windows: read-only files
        os.chmod(name, 0o700)
        func(name)
    if sys.version_info >= (3, 12):
        shutil.rmtree(path, onexc=retry)
    else:
        shutil.rmtree(path, onerror=retry)


# --------------------------------------------------------------------------------------------
# running pip with progress


class Steps:
    """Numbered progress lines: [2/5] Creating .venv ..."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0

    def __call__(self, text: str) -> None:
        self.done += 1
        say(f"[{self.done}/{self.total}] {text}")


def pip_env(*, offline: bool) -> dict[str, str]:
    """Environment for pip: UTF-8 output we can read; offline = ignore every index and config."""
    env = dict(os.environ, PYTHONIOENCODING="utf-8", PIP_DISABLE_PIP_VERSION_CHECK="1",
               PIP_NO_INPUT="1")
    if offline:
        for key in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_FIND_LINKS", "PIP_NO_INDEX"):
            env.pop(key, None)
        env["PIP_CONFIG_FILE"] = os.devnull   # no pip.conf: only the wheelhouse counts
    return env


def run_pip(cmd: list[str], *, log: Path, env: dict[str, str], total: int = 0,
            label: str = "") -> tuple[int, list[str]]:
    """Run pip, write everything to log, print a progress line now and then; return (rc, lines)."""
    lines: list[str] = []
    state = {"count": 0, "last": time.monotonic(), "phase": "collecting"}
    start = time.monotonic()
    stop = threading.Event()

    def heartbeat() -> None:
        while not stop.wait(5):
            if time.monotonic() - state["last"] >= 20:
                state["last"] = time.monotonic()
                say(f"      ... still {state['phase']} ({time.monotonic() - start:.0f} s so far)")

    beat = threading.Thread(target=heartbeat, daemon=True)
    beat.start()
    try:
        with open(log, "a", encoding="utf-8") as logf:
            logf.write("\n$ " + " ".join(cmd) + "\n")
            proc = subprocess.Popen(cmd, cwd=str(ROOT), env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.STDOUT)
            assert proc.stdout is not None
            for raw in proc.stdout:
                line = raw.decode("utf-8", errors="replace").rstrip()
                logf.write(line + "\n")
                lines.append(line)
                m = re.match(r"(Collecting|Requirement already satisfied:|Processing|"
                             r"Looking in links|Obtaining) ?(\S*)", line)
                if total and m and m.group(1) in ("Collecting", "Requirement already satisfied:",
                                                  "Processing"):
                    state["count"] += 1
                    n = state["count"]
                    if n == 1 or n % 20 == 0 or n == total:
                        name = re.split(r"[=<>\s]", m.group(2) or "", maxsplit=1)[0]
                        if "/" in name or "\\" in name:   # a local file: show its package name
                            name = re.split(r"[/\\]", name)[-1].split("-")[0]
                        say(f"      {label} {min(n, total)}/{total}  {name}")
                        state["last"] = time.monotonic()
                elif line.startswith("Installing collected packages"):
                    state["phase"] = "installing"
                    count = len(line.split(":", 1)[1].split(","))
                    if count > 1:
                        say(f"      unpacking and installing {count} packages (the slow part) ...")
                    state["last"] = time.monotonic()
            rc = proc.wait()
    except KeyboardInterrupt:
        stop.set()
        raise
    finally:
        stop.set()
    return rc, lines


def explain_pip_failure(lines: list[str], *, wheelhouse: Path | None, log: Path) -> str:
    """One clear message for the usual ways an install fails."""
    text = "\n".join(lines)
    tail = "\n".join("    " + ln for ln in lines[-15:])
    missing = re.findall(r"No matching distribution found for (\S+)", text)
    if wheelhouse and missing:
        return (f"The wheelhouse {wheelhouse} has no package {missing[0]} that fits this computer "
                f"({platform_label(current_marker_env())}). On a computer with internet, run\n"
                f"    python kit.py wheelhouse --platform this --out <folder>\n"
                "(or with --platform win_amd64 / macosx_14_0_arm64 and --python-version for the "
                "classroom PCs), copy the folder and run again.")
    if re.search(r"Errno 13|Permission denied|Access is denied", text):
        return (f"pip was not allowed to write its files ({log}). Run kit.py in a folder you "
                "own, not as another user; close JupyterLab windows of this kit and try again.\n"
                + tail)
    if re.search(r"No space left on device|Errno 28", text):
        return "The disk is full: the environment needs about 1.5 GB. Free space and run again."
    if re.search(r"NewConnectionError|Name or service not known|Temporary failure in name "
                 r"resolution|getaddrinfo failed|ProxyError|SSLError|ConnectTimeout|"
                 r"Read timed out|Network is unreachable", text) or missing:
        return ("Could not download the packages from " + describe_index() + ".\n"
                "No internet or a filtered connection? Use a mirror close to you, e.g.\n"
                "    set PIP_INDEX_URL=https://<your school's PyPI mirror>/simple   (Windows)\n"
                "    export PIP_INDEX_URL=https://<mirror>/simple                    (macOS/Linux)\n"
                "or ask the trainer for the wheelhouse folder and run  kit.py lab --wheelhouse "
                "<folder>.\n" + tail)
    return f"pip failed (the full log is in {log}):\n{tail}"


# --------------------------------------------------------------------------------------------
# set-up


def ensure_venv(*, wheelhouse_option: str | None = None, quiet: bool = False,
                rebuild: bool = False) -> Path:
    """Make .venv ready (create, update, repair); return its Python interpreter."""
    want = wanted_stamp()
    action, why = plan_venv(VENV, python_runs=python_version_of, want=want)
    if rebuild and action == "ok":
        action, why = "rebuild", "--rebuild was asked for"
    exe = venv_python(VENV)
    if action == "ok":
        if not quiet:
            say(f"The environment {VENV} is up to date.")
        return exe
    if action in ("update", "resume") and subprocess.run(
            [str(exe), "-c", "import pip"], capture_output=True).returncode != 0:
        action, why = "rebuild", f"{VENV.name} has no pip (its creation was interrupted)"
    wheelhouse = find_wheelhouse(wheelhouse_option)
    env_now = current_marker_env()
    pins = pins_for(env_now)
    check_writable(ROOT)
    if wheelhouse:
        missing = missing_from_wheelhouse(wheelhouse, pins, env_now)
        if missing:
            raise KitError(
                f"The wheelhouse {wheelhouse} lacks {len(missing)} package(s) for this computer "
                f"({platform_label(env_now)}): " + ", ".join(missing[:12])
                + (" ..." if len(missing) > 12 else "") + ".\nIt was probably made for another "
                "platform or Python, or from another requirements.lock. Rebuild it on a computer "
                "with internet:  python kit.py wheelhouse --platform <this platform> "
                "--python-version " + env_now["python_version"] + "  (see README, 'Offline "
                "classroom').")
        source = f"the wheelhouse {wheelhouse} (no network needed)"
    else:
        source = describe_index()
    first = action in ("create", "rebuild")
    say(f"Setting up the course environment in {VENV}: {why}.")
    if first:
        say("The first install takes a few minutes (about 1.5 GB on disk); later runs start at "
            "once.")
    steps = Steps(4 if first else 3)
    start = time.monotonic()
    if first:
        check_venv_module()
        if VENV.exists():
            steps(f"Removing the old {VENV.name} ({why})")
            _remove_tree(VENV)
        else:
            steps(f"Creating {VENV.name} with Python {platform.python_version()} "
                  f"({sys.executable})")
        if action == "rebuild":
            say(f"      creating {VENV.name} with Python {platform.python_version()} "
                f"({sys.executable})")
        VENV.mkdir()
        (VENV / MARKER_NAME).write_text(json.dumps({"started": time.time()}), encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True,
                              text=True, errors="replace")
        if proc.returncode != 0 or not exe.exists():
            if VENV.exists():
                _remove_tree(VENV)
            detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
            raise KitError("Could not create the virtual environment .venv:\n    "
                           + "\n    ".join(detail) + "\nOn Debian/Ubuntu: sudo apt install "
                           f"python{sys.version_info[0]}.{sys.version_info[1]}-venv")
    log = VENV / LOG_NAME
    (VENV / STAMP_NAME).unlink(missing_ok=True)
    (VENV / MARKER_NAME).write_text(json.dumps({"started": time.time()}), encoding="utf-8")
    offline = wheelhouse is not None
    src = ["--no-index", "--find-links", str(wheelhouse)] if offline else []
    steps(f"Installing the {len(pins)} packages of requirements.lock from {source}")
    if action == "resume":
        say("      (finishing the interrupted install: pip keeps what is already complete)")
    rc, lines = run_pip([str(exe), "-m", "pip", "install", "--progress-bar", "off",
                         "-r", str(LOCK), *src], log=log, env=pip_env(offline=offline),
                        total=len(pins), label="package")
    if rc != 0:
        raise KitError(explain_pip_failure(lines, wheelhouse=wheelhouse, log=log)
                       + "\nRun the same command again to continue: the next run repairs "
                       "the environment.")
    steps("Installing the kit itself (coursekit, editable: your changes count at once)")
    rc, lines = run_pip([str(exe), "-m", "pip", "install", "--no-deps", "--no-build-isolation",
                         "--progress-bar", "off", *(["--no-index"] if offline else []),
                         "-e", str(ROOT)], log=log, env=pip_env(offline=offline))
    if rc != 0:
        raise KitError(explain_pip_failure(lines, wheelhouse=wheelhouse, log=log))
    steps("Checking the installation")
    proc = subprocess.run([str(exe), "-c", SMOKE_IMPORTS], cwd=str(ROOT), capture_output=True,
                          text=True, errors="replace")
    if proc.returncode != 0:
        raise KitError("The packages are installed but do not import:\n    "
                       + "\n    ".join(proc.stderr.strip().splitlines()[-5:])
                       + f"\nRun  {Path(sys.executable).name} kit.py venv --rebuild  to start over.")
    stamp = dict(want, source="wheelhouse" if offline else "index")
    (VENV / STAMP_NAME).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    (VENV / MARKER_NAME).unlink(missing_ok=True)
    say(f"Ready: installed in {time.monotonic() - start:.0f} s; {VENV.name} takes "
        f"{folder_size(VENV) / 1e6:.0f} MB.")
    return exe


def folder_size(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(dirpath, name)).st_size
    return total


# --------------------------------------------------------------------------------------------
# commands

COMMANDS: dict[str, dict] = {}


def command(name: str, help_text: str, options=None):
    """Register ``func(args) -> int`` as ``kit.py <name>``."""
    def register(func):
        COMMANDS[name] = {"func": func, "help": help_text, "options": options}
        return func
    return register


def _install_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wheelhouse", metavar="DIR",
                        help=f"install offline from this folder of wheels (default: ./wheelhouse "
                             f"when it exists, or ${WHEELHOUSE_ENV})")


def _venv_options(parser: argparse.ArgumentParser) -> None:
    _install_options(parser)
    parser.add_argument("--rebuild", action="store_true", help="delete .venv and install afresh")
    parser.add_argument("--quiet", action="store_true", help="say nothing when up to date")


@command("venv", "create or refresh .venv from requirements.lock (lab and test do this too)",
         _venv_options)
def cmd_venv(args) -> int:
    ensure_venv(wheelhouse_option=args.wheelhouse, quiet=args.quiet, rebuild=args.rebuild)
    return 0


def lab_command(exe: Path, *, notebook: str, language: str = "en",
                extra: list[str] | None = None, root: bool | None = None) -> list[str]:
    """The JupyterLab command line kit.py runs (quiet: nothing that needs the internet)."""
    settings = LAB_SETTINGS / ("zh-CN" if language == "zh" else "en")
    cmd = [str(exe), "-m", "jupyterlab", f"--ServerApp.root_dir={ROOT}",
           f"--LabApp.default_url=/lab/tree/{notebook}",
           f"--LabApp.app_settings_dir={settings}", *QUIET_LAB_ARGS]
    if is_root() if root is None else root:
        cmd.append("--allow-root")
    return cmd + list(extra or [])


def zh_start_notebook() -> tuple[str, str | None]:
    """The Chinese start notebook when the Chinese edition is built, else the English one + note."""
    found = sorted((ROOT / "notebooks" / "zh").glob("00-*.ipynb"))
    if found:
        return found[0].relative_to(ROOT).as_posix(), None
    return START_NOTEBOOK, ("The Chinese edition (notebooks/zh/) is not built yet: opening the "
                            "English start notebook with Chinese menus. 中文版尚未生成，先打开英文版。")


def _run_lab(args, language: str) -> int:
    exe = ensure_venv(wheelhouse_option=args.wheelhouse, quiet=True)
    notebook, note = (zh_start_notebook() if language == "zh" else (START_NOTEBOOK, None))
    if note:
        say(note)
    cmd = lab_command(exe, notebook=notebook, language=language, extra=args.extra)
    say(f"Opening JupyterLab on {notebook} (stop it with Ctrl+C in this window) ...")
    try:
        return subprocess.run(cmd, cwd=str(ROOT)).returncode
    except KeyboardInterrupt:
        return 0


@command("lab", "set up (first time only) and open the course in JupyterLab", _install_options)
def cmd_lab(args) -> int:
    return _run_lab(args, "en")


@command("lab-zh", "the same in Chinese (中文版): Chinese start notebook and menus",
         _install_options)
def cmd_lab_zh(args) -> int:
    return _run_lab(args, "zh")


@command("zh", "build the Chinese edition from i18n/zh (authors; runs only what changed)",
         _install_options)
def cmd_zh(args) -> int:
    """Same as `make zh`: tools/build_zh.py (options such as --force are passed on)."""
    exe = ensure_venv(wheelhouse_option=args.wheelhouse, quiet=True)
    return subprocess.run([str(exe), str(ROOT / "tools" / "build_zh.py"), *args.extra],
                          cwd=str(ROOT)).returncode


def test_steps(exe: Path) -> dict[str, list[list[str]]]:
    """What `make test` runs, step by step (the Makefile's lint / unit / notebooks call these)."""
    py = [str(exe), "-m"]
    return {
        "lint": [py + ["ruff", "check", "coursekit", "tests", "tools", "benchmarks", "kit.py",
                       "classroom", "conftest.py"],
                 py + ["nbqa", "ruff", "notebooks", "exercises",
                       "classroom/class-dashboard.ipynb"]],
        "unit": [py + ["pytest", "tests", "coursekit", "--doctest-modules"]],
        "notebooks": [py + ["pytest", "--nbval", "--nbval-sanitize-with",
                            "tests/nbval_sanitize.cfg", "notebooks", "exercises",
                            "classroom/class-dashboard.ipynb"]],
    }


def _test_options(parser: argparse.ArgumentParser) -> None:
    _install_options(parser)
    parser.add_argument("steps", nargs="*", metavar="STEP",
                        help="lint, unit and/or notebooks (default: all three)")


@command("test", "set up and prove everything works (lint, unit tests, every notebook)",
         _test_options)
def cmd_test(args) -> int:
    table = test_steps(venv_python(VENV))
    chosen = args.steps or list(table)
    unknown = [s for s in chosen if s not in table]
    if unknown:
        raise KitError(f"Unknown test step {unknown[0]!r}: choose from {', '.join(table)} "
                       "(pytest options go after --, e.g.  kit.py test unit -- -x).")
    ensure_venv(wheelhouse_option=args.wheelhouse, quiet=True)
    for step in chosen:
        for cmd in table[step]:
            if cmd[2] == "pytest":
                cmd = cmd + list(args.extra)
            say(f"== {step}: {' '.join(cmd[2:])}")
            rc = subprocess.run(cmd, cwd=str(ROOT)).returncode
            if rc != 0:
                say(f"== {step} failed (exit status {rc}).")
                return rc
    say("== all passed: " + ", ".join(chosen))
    return 0


def _doctor_options(parser: argparse.ArgumentParser) -> None:
    _install_options(parser)


@command("doctor", "check this computer and the installation", _doctor_options)
def cmd_doctor(args) -> int:
    say(f"kit.py   Python {platform.python_version()} at {sys.executable}")
    say(f"kit      {ROOT}" + ("" if str(ROOT).isascii() else "  (non-English characters: fine)"))
    say(f"console  encoding {sys.stdout.encoding}")
    wheelhouse = find_wheelhouse(args.wheelhouse)
    say(f"packages from {'the wheelhouse ' + str(wheelhouse) if wheelhouse else describe_index()}")
    exe = ensure_venv(wheelhouse_option=args.wheelhouse)
    return subprocess.run([str(exe), "-m", "coursekit", "doctor"], cwd=str(ROOT)).returncode


# --- wheelhouse ------------------------------------------------------------------------------

PLATFORM_ALIASES = {
    "win": ["win_amd64"],
    "mac": ["macosx_14_0_arm64"],          # Apple silicon; Intel Macs: macosx_13_0_x86_64
    "linux": ["manylinux_2_28_x86_64"],
}
MANYLINUX_FALLBACKS = ["manylinux_2_17", "manylinux2014", "manylinux_2_12", "manylinux2010",
                       "manylinux_2_5", "manylinux1"]


def pip_platform_tags(tag: str) -> list[str]:
    """The --platform values pip needs for one target (older manylinux tags fit newer systems)."""
    m = re.fullmatch(r"manylinux_(\d+)_(\d+)_(\w+)", tag)
    if not m:
        return [tag]
    glibc, arch = (int(m.group(1)), int(m.group(2))), m.group(3)
    tags = [tag]
    for minor in range(glibc[1] - 1, 4, -1):
        tags.append(f"manylinux_2_{minor}_{arch}")
    tags += [f"{legacy}_{arch}" for legacy in ("manylinux2014", "manylinux2010", "manylinux1")]
    return tags


def this_platform_tag() -> str:
    """A wheel platform tag for this computer (for `--platform this` with another Python)."""
    machine = platform.machine().lower()
    if os.name == "nt":
        return {"arm64": "win_arm64", "x86": "win32"}.get(machine, "win_amd64")
    if sys.platform == "darwin":
        major = int((platform.mac_ver()[0] or "11").split(".")[0])
        return f"macosx_{max(major, 11)}_0_{machine}"
    libc, version = platform.libc_ver()
    m = re.match(r"(\d+)\.(\d+)", version or "")
    glibc = f"{m.group(1)}_{m.group(2)}" if libc == "glibc" and m else "2_17"
    return f"manylinux_{glibc}_{machine}"


def expand_platforms(values: list[str]) -> list[str]:
    out: list[str] = []
    for value in values or ["this"]:
        for item in PLATFORM_ALIASES.get(value, [value]):
            if item not in out:
                out.append(item)
    return out


def _wheelhouse_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--platform", nargs="+", default=["this"], metavar="TAG",
                        help="this (default), win (= win_amd64), mac (= macosx_14_0_arm64; Intel "
                             "Macs: macosx_13_0_x86_64), linux (= manylinux_2_28_x86_64), or any wheel "
                             "platform tag")
    parser.add_argument("--python-version", nargs="+", metavar="X.Y",
                        help="Python version(s) of the classroom PCs (default: this Python's)")
    parser.add_argument("--out", default=str(ROOT / "wheelhouse"), metavar="DIR",
                        help="folder to fill (default: ./wheelhouse, which kit.py lab uses)")


def _pip_for_downloads() -> str:
    exe = venv_python(VENV)
    if exe.exists() and python_version_of(exe):
        return str(exe)
    if subprocess.run([sys.executable, "-m", "pip", "--version"],
                      capture_output=True).returncode == 0:
        return sys.executable
    raise KitError("No pip to download with: run  kit.py venv  first (it makes .venv, with pip).")


def _download(pip_python: str, names: list[str], *, out: Path, platforms: list[str] | None,
              python_version: str | None, log: Path) -> tuple[list[str], set[str]]:
    """pip download the pins; return (missing names, files used). Retries past each gap."""
    todo = list(names)
    missing: list[str] = []
    used: set[str] = set()
    while todo:
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False,
                                         encoding="utf-8") as req:
            req.write("\n".join(todo) + "\n")
        cmd = [pip_python, "-m", "pip", "download", "--only-binary=:all:", "--no-deps",
               "--progress-bar", "off", "--dest", str(out), "-r", req.name]
        for plat in platforms or []:
            cmd += ["--platform", plat]
        if python_version:
            cmd += ["--python-version", python_version, "--implementation", "cp"]
        try:
            rc, lines = run_pip(cmd, log=log, env=pip_env(offline=False), total=len(todo),
                                label="wheel")
        finally:
            os.unlink(req.name)
        for line in lines:
            m = re.search(r"(?:Saved|File was already downloaded) (.+\.whl)\s*$", line)
            if m:
                used.add(Path(m.group(1).strip()).name)
        if rc == 0:
            break
        gap = re.findall(r"No matching distribution found for (\S+)", "\n".join(lines))
        if not gap or gap[0] not in todo:
            raise KitError("pip download failed:\n    " + "\n    ".join(lines[-10:]))
        missing.append(gap[0])
        todo.remove(gap[0])   # pip saves nothing when one pin fails: retry without it
    return missing, used


def _build_from_source(pip_python: str, pin: str, *, into: Path, log: Path) -> Path | None:
    """Build a wheel for this computer from the sdist of one pin; return its path."""
    into.mkdir(parents=True, exist_ok=True)
    before = set(into.glob("*.whl"))
    rc, _lines = run_pip([pip_python, "-m", "pip", "wheel", "--no-deps", "--no-binary",
                          normalize_name(pin.split("==")[0]), "--progress-bar", "off",
                          "--wheel-dir", str(into), pin], log=log, env=pip_env(offline=False))
    built = sorted(set(into.glob("*.whl")) - before)
    return built[0] if rc == 0 and built else None


def _classroom_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ip", default="127.0.0.1",
                        help="address to serve on (0.0.0.0 lets the lab in; default 127.0.0.1)")
    parser.add_argument("--port", default="8000", help="port (default 8000)")


@command("classroom", "start the class server (JupyterHub, Linux, as root): URL and first steps",
         _classroom_options)
def cmd_classroom(args) -> int:
    """The class server runs on a Linux machine with make, Node.js and root rights:
    `make classroom` builds its own environment (classroom/.venv) and starts it."""
    if os.name == "nt" or shutil.which("make") is None:
        say("The class server runs on a Linux server (JupyterHub needs system accounts, one per "
            "student). Run it there: sudo python3 kit.py classroom — see classroom/README.md.")
        return 2
    return subprocess.call(["make", "--no-print-directory", "classroom", f"IP={args.ip}",
                            f"PORT={args.port}"], cwd=str(ROOT))


@command("wheelhouse", "download every package of the lock into one folder for offline "
         "classrooms (trainers)", _wheelhouse_options)
def cmd_wheelhouse(args) -> int:
    out = Path(args.out).expanduser().resolve()
    out.mkdir(parents=True, exist_ok=True)
    check_writable(out)
    log = out / "wheelhouse.log"
    pip_python = _pip_for_downloads()
    here = current_marker_env()
    versions = args.python_version or [here["python_version"]]
    for v in versions:
        if not re.fullmatch(r"3\.\d+", v) or tuple(map(int, v.split("."))) < MIN_PYTHON:
            raise KitError(f"--python-version {v}: give versions like 3.11, 3.12 (3.11 or newer).")
    targets = [(p, v) for p in expand_platforms(args.platform) for v in versions]
    say(f"Filling {out} for {len(targets)} target(s) from {describe_index()}.")
    built: dict[str, Path | None] = {}
    scratch = Path(tempfile.mkdtemp(prefix="kit-sdist-builds-"))
    report, problems = [], []
    steps = Steps(len(targets))
    for plat, version in targets:
        native = plat == "this" and version == here["python_version"]
        if plat == "this" and not native:
            plat = this_platform_tag()
        env = here if native else target_marker_env(plat, version)
        label = platform_label(env) if native else f"{plat}, Python {version}"
        pins = [f"{n}=={v}" for n, v in pins_for(env)]
        steps(f"{label}: {len(pins)} packages")
        missing, used = _download(pip_python, pins, out=out,
                                  platforms=None if native else pip_platform_tags(plat),
                                  python_version=None if native else version, log=log)
        unresolved = []
        for pin in missing:
            if pin not in built:
                say(f"      {pin} has no wheel on the index: building one from its source ...")
                built[pin] = _build_from_source(pip_python, pin, into=scratch, log=log)
            wheel = parse_wheel(built[pin].name) if built[pin] else None
            if wheel and (native or wheel_fits(wheel, env)):
                shutil.copy2(built[pin], out / wheel["file"])
                say(f"      {pin}: built {wheel['file']}" + (" (pure Python: fits every platform)"
                                                           if "any" in wheel["platform"] else ""))
                used.add(wheel["file"])
            else:
                unresolved.append(pin)
        size = sum((out / f).stat().st_size for f in used if (out / f).exists())
        report.append((label, len(used), size))
        if unresolved:
            problems.append((label, unresolved))
    shutil.rmtree(scratch, ignore_errors=True)
    manifest = {"lock_sha256": sha256(LOCK), "made": time.strftime("%Y-%m-%d %H:%M:%S"),
                "targets": [{"target": t, "files": n, "bytes": b} for t, n, b in report]}
    (out / "wheelhouse.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    say("")
    for label, n, size in report:
        say(f"  {label:45s} {n:4d} files  {size / 1e6:7.1f} MB")
    say(f"  whole folder{'':33s} {folder_size(out) / 1e6:17.1f} MB")
    if problems:
        for label, pins in problems:
            say(f"No wheel for {label}: {', '.join(pins)} (only source code is published, and "
                "it cannot be built for another platform here). Build the wheelhouse on such a "
                "machine, or leave that platform out.")
        return 1
    say(f"Done. Copy the kit folder with {out.name}/ inside to the USB stick; on each PC run  "
        "py kit.py lab  (Windows) or  python3 kit.py lab: it installs from the wheelhouse with "
        "no network.")
    return 0


# --------------------------------------------------------------------------------------------
# command line


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one clear line instead of argparse's usage dump
        m = re.search(r"invalid choice: '([^']*)'", message)
        if m:
            guess = difflib.get_close_matches(m.group(1), list(COMMANDS), n=1)
            hint = f" Did you mean '{guess[0]}'?" if guess else ""
            raise KitError(f"Unknown command '{m.group(1)}'.{hint} Commands: "
                           + ", ".join(COMMANDS) + "  (python kit.py --help)")
        raise KitError(f"{self.prog}: {message}  (python kit.py --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kit.py", description="Set up and run the CRM Methods Course Kit.",
                     formatter_class=argparse.RawDescriptionHelpFormatter,
                     epilog="Windows: py kit.py lab    macOS / Linux: python3 kit.py lab\n"
                            "Options of a command: python kit.py COMMAND --help")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, spec in COMMANDS.items():
        p = sub.add_parser(name, help=spec["help"], description=spec["help"])
        if spec["options"]:
            spec["options"](p)
    return parser


def parse(argv: list[str]) -> argparse.Namespace:
    """Parse kit.py's arguments; anything after ``--`` (or unknown to kit.py for lab / test)
    is passed on to JupyterLab or pytest."""
    extra: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    parser = build_parser()
    if not argv:
        parser.print_help()
        raise SystemExit(0)
    args, unknown = parser.parse_known_args(argv)
    if unknown and args.command not in ("lab", "lab-zh", "test", "zh"):
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    args.extra = unknown + extra
    return args


def main(argv: list[str] | None = None) -> int:
    _safe_streams()
    problem = python_problem(sys.version_info, sys.executable)
    if problem:
        say(problem, file=sys.stderr)
        return 1
    try:
        args = parse(list(sys.argv[1:] if argv is None else argv))
        return COMMANDS[args.command]["func"](args)
    except KitError as exc:
        say(f"kit.py: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        say("\nInterrupted. Run the same command again: an unfinished install is detected and "
            "completed.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
