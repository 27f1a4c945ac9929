"""``python -m coursekit doctor`` — is this computer ready for the course?

Prints OK / FAIL for Python, every package the kit needs, JupyterLab's Chinese language pack,
the data sets, and whether Chinese chart labels render; exits 1 when something fails, with what to do about it.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys

#: Import names that differ from the distribution name.
IMPORT_NAMES = {"scikit-learn": "sklearn", "charset-normalizer": "charset_normalizer"}


def packages() -> list[tuple[str, str]]:
    """(distribution, import name) of every package the kit needs: the coursekit package's own
    dependencies and its ``classroom`` extra, read from the installed package's metadata (the
    list is written once, in pyproject.toml)."""
    import re
    from importlib.metadata import PackageNotFoundError, requires

    try:
        reqs = requires("coursekit") or []
    except PackageNotFoundError:  # run from a folder without `pip install -e .`
        return []
    out = []
    for req in reqs:
        name, _, marker = req.partition(";")
        if marker and "extra" in marker and "classroom" not in marker:
            continue
        dist = re.split(r"[<>=!~\[ (]", name.strip(), maxsplit=1)[0].lower()
        if (dist, IMPORT_NAMES.get(dist, dist.replace("-", "_"))) not in out:
            out.append((dist, IMPORT_NAMES.get(dist, dist.replace("-", "_"))))
    return out


def _line(ok: bool, what: str, detail: str) -> bool:
    print(f"{'OK  ' if ok else 'FAIL'}  {what:20s} {detail}")
    return ok


LANGUAGE_PACK = "jupyterlab-language-pack-zh-CN"


def _language_pack() -> bool:
    """JupyterLab's Chinese interface (make lab-zh): the language pack of the lock, registered."""
    from importlib.metadata import PackageNotFoundError, entry_points, version

    try:
        found = version(LANGUAGE_PACK)
    except PackageNotFoundError:
        return _line(False, "Chinese menus", f"{LANGUAGE_PACK} is missing (make lab-zh needs "
                     "it): run `make venv` or `pip install -r requirements.lock`")
    locales = {ep.name for ep in entry_points(group="jupyterlab.languagepack")}
    if "zh_CN" not in locales:
        return _line(False, "Chinese menus", f"{LANGUAGE_PACK} {found} is installed but not "
                     "registered: reinstall it (`make venv`)")
    return _line(True, "Chinese menus", f"{LANGUAGE_PACK} {found} (make lab-zh)")


def doctor() -> int:
    """Check the installation; return 0 when everything is OK."""
    results = [_line(sys.version_info >= (3, 11), "python",
                     f"{sys.version.split()[0]} (needs 3.11 or newer)")]
    found = packages()
    if not found:
        results.append(_line(False, "coursekit", "not installed: run `make venv` (or "
                             "`pip install --no-deps -e .` in the kit's folder)"))
    for dist, module in found:
        try:
            mod = importlib.import_module(module)
            results.append(_line(True, dist, getattr(mod, "__version__", "installed")))
        except Exception as exc:  # noqa: BLE001 - report any import failure
            results.append(_line(False, dist, f"cannot import ({type(exc).__name__}): "
                                 "run `make venv` or `pip install -r requirements.lock`"))
    results.append(_language_pack())
    try:
        from coursekit import datasets

        names = datasets.list_datasets()
        results.append(_line(bool(names), "data sets", f"{len(names)} found in {datasets.data_dir()}"))
    except Exception as exc:  # noqa: BLE001
        results.append(_line(False, "data sets", f"{type(exc).__name__}: {exc}"))
    try:
        import matplotlib

        matplotlib.use("Agg")
        from coursekit.plotting import FONT_NAME, font_renders, use_style

        use_style()
        ok = font_renders("客户关系管理 满意度 −5%")
        results.append(_line(ok, "Chinese labels", f"render with {FONT_NAME}" if ok else
                             "missing glyphs: reinstall the kit (coursekit/fonts is missing)"))
    except Exception as exc:  # noqa: BLE001
        results.append(_line(False, "Chinese labels", f"{type(exc).__name__}: {exc}"))
    bad = results.count(False)
    print("All good: run `make lab` (or `jupyter lab`) and open notebooks/00-start-here.ipynb."
          if not bad else f"{bad} problem(s) found: fix the FAIL lines above, then run again.")
    return 1 if bad else 0


def _safe_console() -> None:
    """Never crash on a console that cannot show a character (GBK, cp1252): print '?' instead."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError, OSError):  # not a text stream
            stream.reconfigure(errors="replace")


def main(argv: list[str] | None = None) -> int:
    _safe_console()
    parser = argparse.ArgumentParser(prog="python -m coursekit",
                                     description="CRM Methods Course Kit tools.")
    parser.add_argument("command", choices=["doctor", "class-report"],
                        help="doctor: check the installation; class-report DIR …: the class "
                             "dashboard from students' progress files (class-report -h)")
    args, rest = parser.parse_known_args(argv)
    if args.command == "class-report":
        from .class_report import main as class_report

        return class_report(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    return doctor()


if __name__ == "__main__":
    sys.exit(main())
