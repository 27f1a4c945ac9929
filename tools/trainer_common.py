"""Shared helpers of the trainer-pack builders (tools/build_site.py, build_handouts.py, build_slides.py).

* editions: ``en`` (notebooks/) and, once it exists, ``zh`` (notebooks/zh/) — every builder takes
  the edition as a parameter and builds only the editions whose notebooks exist;
* input checks: a notebook that was never executed is named, with the command that fixes it;
* vendoring: MathJax 3 (PyPI ``django-static-mathjax``), reveal.js 5 (PyPI ``sphinx-revealjs``)
  and the kit's CJK font are copied into the build output, so pages load nothing from the internet;
* system tools: Chromium (HTML → PDF) is looked up; when missing, one line says how to install it.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
FONT = ROOT / "coursekit" / "fonts" / "NotoSansSC-CourseKit.otf"
FONT_FAMILY = "Noto Sans SC CourseKit"
EDITION_LABELS = {"en": "English", "zh": "中文"}
EDITION_DIRS = {"en": ROOT / "notebooks", "zh": ROOT / "notebooks" / "zh"}
DOC_DIRS = {"en": ROOT / "docs", "zh": ROOT / "docs" / "zh"}


class BuildError(SystemExit):
    """A problem the user can fix: printed as one clear message, no traceback (exit code 2)."""

    def __init__(self, message: str):
        super().__init__(2)
        self.message = message


def run_main(main) -> int:
    """Run a builder's ``main()`` and turn a :class:`BuildError` into its message."""
    try:
        return main() or 0
    except BuildError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return 2


# --- editions and chapters -------------------------------------------------------------------

def editions() -> list[str]:
    """The editions whose chapter notebooks exist (``en`` first)."""
    return [ed for ed, d in EDITION_DIRS.items() if d.is_dir() and any(d.glob("*.ipynb"))]


def chosen_editions(requested: list[str] | None) -> list[str]:
    available = editions()
    if not requested:
        return available
    for ed in requested:
        if ed not in EDITION_DIRS:
            raise BuildError(f"unknown edition {ed!r}: choose from {', '.join(EDITION_DIRS)}")
        if ed not in available:
            raise BuildError(f"edition {ed!r} has no notebooks yet ({_rel(EDITION_DIRS[ed])}/*.ipynb)")
    return requested


def chapter_notebooks(edition: str, only: list[str] | None = None) -> list[Path]:
    """Chapter notebooks of an edition, sorted; ``only`` keeps names starting with a prefix (``03``)."""
    paths = sorted(EDITION_DIRS[edition].glob("[0-9]*.ipynb"))
    if only:
        paths = [p for p in paths if any(p.name.startswith(o) or p.stem == o for o in only)]
        if not paths:
            raise BuildError(f"no chapter matches {' '.join(only)} in {_rel(EDITION_DIRS[edition])}/")
    return paths


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def read_executed(path: Path):
    """Read a notebook; raise a BuildError naming it if its code cells were never executed."""
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    if code and not any(c.get("outputs") or c.get("execution_count") for c in code):
        raise BuildError(f"{_rel(path)} has no outputs (it was never executed): "
                         f"run `make outputs NB={_rel(path)}` first, then build again")
    return nb


def check_all_executed(paths: list[Path]) -> None:
    problems = []
    for p in paths:
        try:
            read_executed(p)
        except BuildError as err:
            problems.append(err.message)
    if problems:
        raise BuildError("\n       ".join(problems))


# --- what a chapter says about itself (title, time, objectives, summary sections) -------------

@dataclass
class Chapter:
    path: Path
    number: str
    title: str            # "03 · Value dimensions and customer grading (客户价值维度与客户分级)"
    short_title: str      # the title without the Chinese name in brackets
    minutes: str = ""
    objectives: list[str] = field(default_factory=list)
    formulas: list[tuple[str, str]] = field(default_factory=list)   # (section, LaTeX)
    key_terms: list[tuple[str, str]] = field(default_factory=list)  # (English, 中文)
    takeaways: list[tuple[str, str]] = field(default_factory=list)  # (section, text)
    charts: int = 0


def _split_term(item: str) -> tuple[str, str] | None:
    """ "ROC AUC ROC 曲线下面积" → ("ROC AUC", "ROC 曲线下面积"): the Chinese starts at its first
    CJK word, or earlier where the words before it repeat the start of the English."""
    words = item.split()
    k = next((i for i, w in enumerate(words) if re.search(r"[\u3400-\u9fff]", w)), None)
    if not k:
        return None
    j = next((j for j in range(1, k) if words[j:k] == words[: k - j]), k)
    return " ".join(words[:j]), " ".join(words[j:])


def markdown_text(nb) -> str:
    return "\n\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def _clean_inline(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def describe(path: Path, nb=None) -> Chapter:
    """Pull the title, time, objectives, formulas, key terms and takeaways out of a chapter."""
    nb = nb or read_executed(path)
    md = markdown_text(nb)
    m = re.search(r"^#\s+(.+)$", md, re.M)
    title = m.group(1).strip() if m else path.stem
    short = re.sub(r"\s*[(（][^()（）]*[\u4e00-\u9fff][^()（）]*[)）]\s*$", "", title).strip()
    if short == title:  # the Chinese edition: "00 · 从这里开始（Start here）" → drop the English
        bare = re.sub(r"\s*[(（][^()（）\u4e00-\u9fff]*[)）]\s*$", "", title).strip()
        short = bare if re.search(r"[\u4e00-\u9fff]", bare) else title
    ch = Chapter(path=path, number=path.stem.split("-")[0], title=title, short_title=short)
    # both editions: the English fixed phrases and the Chinese ones (i18n/zh, TRANSLATE.md)
    m = re.search(r"\*\*(?:Time|用时)[:：]?\*\*[:：]?\s*([^.。*\n]+?)(?:\.|。|\s*\*\*|\n)", md)
    if m:
        ch.minutes = re.split(r"\s*[（(]", m.group(1))[0].replace("minutes", "").replace(
            "分钟", "").strip()
    m = re.search(r"\*\*(?:Learning objectives|学习目标)\*\*[^\n]*\n((?:\s*(?:\d+\.|[*-])\s.*\n?(?:\s{2,}\S.*\n?)*)+)", md)
    if m:
        items = re.split(r"\n\s*(?:\d+\.|[*-])\s", "\n" + m.group(1))
        ch.objectives = [_clean_inline(i) for i in items if i.strip()]
    else:  # written inline: "**Learning objectives** — *apply* …; *build* …" (one paragraph)
        m = re.search(r"\*\*(?:Learning objectives|学习目标)\*\*\s*(?:—|——|:|：)+\s*(.+?)(?:\n\s*\n|$)",
                      md, re.S)
        if m:
            items = re.split(r"[;；]\s*", m.group(1).replace("\n", " ").strip().rstrip(".。"))
            ch.objectives = [_clean_inline(i) for i in items if i.strip()]
    section = ""
    for cell in nb.cells:
        if cell.cell_type == "code":
            ch.charts += sum("image/png" in o.get("data", {}) for o in cell.get("outputs", []))
            continue
        if cell.cell_type != "markdown":
            continue
        for block in re.split(r"\n\s*\n", cell.source):
            h = re.match(r"^(#{1,3})\s+(.+)", block.strip())
            if h:
                section = h.group(2).strip()
            for f in re.findall(r"\$\$(.+?)\$\$", block, re.S):
                ch.formulas.append((section, f.strip()))
            t = re.search(r"\*\*(?:Manager[’']s takeaway|管理启示)[:.：。]?\*\*[:.：。]?\s*(.+)",
                          block, re.S)
            if t:
                ch.takeaways.append((section, _clean_inline(t.group(1))))
    m = re.search(r"^##\s+(?:Key terms|关键术语)[^\n]*\n(.*?)(?=^#{1,2}\s|\Z)", md, re.M | re.S)
    if m:
        for line in m.group(1).splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 2 and not set(cells[0]) <= set("-: ") and cells[0].lower() != "english":
                ch.key_terms.append((cells[0], cells[1]))
        if not ch.key_terms:  # a "·" list: "churn 客户流失 · churn model 流失预测模型 · …"
            for item in re.split(r"\s+·\s+", " ".join(m.group(1).split())):
                pair = _split_term(item)
                if pair:
                    ch.key_terms.append(pair)
    return ch


# --- vendored assets ---------------------------------------------------------------------------

def _site_packages_dir(module: str) -> Path:
    import importlib.util
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise BuildError(f"the Python package for {module!r} is missing: run `make venv` "
                         "(it installs the pinned trainer-pack tools from requirements.lock)")
    return Path(list(spec.submodule_search_locations)[0])


def mathjax_dir() -> Path:
    """MathJax 3's es5 build, shipped by the PyPI package django-static-mathjax."""
    return _site_packages_dir("mathjax") / "static" / "mathjax" / "es5"


def reveal_dir() -> Path:
    """reveal.js 5 (dist + plugins), shipped by the PyPI package sphinx-revealjs."""
    return _site_packages_dir("sphinx_revealjs") / "_static" / "revealjs"


def copy_if_changed(src: Path, dst: Path) -> bool:
    """Copy a file unless ``dst`` already has the same size and mtime (keeps builds incremental)."""
    if dst.exists():
        s, d = src.stat(), dst.stat()
        if s.st_size == d.st_size and int(s.st_mtime) == int(d.st_mtime):
            return False
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src, dst)
    return True


def copy_tree(src: Path, dst: Path, *, skip=()) -> None:
    for path in src.rglob("*"):
        rel = path.relative_to(src)
        if path.is_file() and not any(part in skip for part in rel.parts) \
                and not path.name.endswith(".map"):
            copy_if_changed(path, dst / rel)


def vendor_mathjax(dest: Path) -> Path:
    """Copy MathJax (CHTML output, TeX input, its web fonts) to ``dest``; return tex-chtml.js."""
    src = mathjax_dir()
    copy_if_changed(src / "tex-chtml.js", dest / "tex-chtml.js")
    copy_tree(src / "output" / "chtml", dest / "output" / "chtml")
    copy_tree(src / "input" / "tex" / "extensions", dest / "input" / "tex" / "extensions")
    copy_tree(src / "a11y", dest / "a11y")
    return dest / "tex-chtml.js"


def vendor_reveal(dest: Path) -> None:
    src = reveal_dir()
    copy_tree(src / "dist", dest / "dist")
    copy_tree(src / "plugin" / "notes", dest / "plugin" / "notes")


def vendor_font(dest: Path) -> Path:
    target = dest / FONT.name
    copy_if_changed(FONT, target)
    copy_if_changed(FONT.with_name("OFL.txt"), dest / "OFL.txt")
    return target


def font_face_css(url: str) -> str:
    return (f"@font-face {{ font-family: '{FONT_FAMILY}'; src: url('{url}') format('opentype'); "
            "font-display: block; }\n")


MATHJAX_CONFIG = """<script>
window.MathJax = {
  tex: { inlineMath: [['$', '$'], ['\\\\(', '\\\\)']], displayMath: [['$$', '$$'], ['\\\\[', '\\\\]']],
         processEscapes: true },
  options: { enableMenu: false },
  chtml: { fontURL: '%(fonts)s', mtextInheritFont: true },  /* \\text{顾客满意率} in the page's CJK font */
  startup: { pageReady() { return MathJax.startup.defaultPageReady().then(
    () => { document.documentElement.dataset.mathjax = 'done'; }); } }
};
</script>
<script defer src="%(src)s"></script>
"""


def mathjax_head(src: str, fonts: str) -> str:
    return MATHJAX_CONFIG % {"src": src, "fonts": fonts}


# --- freshness ---------------------------------------------------------------------------------

def is_fresh(target: Path, sources: list[Path]) -> bool:
    """True when ``target`` exists and is newer than every source (so it need not be rebuilt)."""
    if not target.exists():
        return False
    t = target.stat().st_mtime
    return all(s.stat().st_mtime <= t for s in sources if s.exists())


TOOLS = Path(__file__).resolve().parent


# --- system tools ------------------------------------------------------------------------------

CHROMIUM_HELP = ("Chromium (or Google Chrome) is needed to print PDFs. Install it — "
                 "Debian/Ubuntu: `sudo apt-get install chromium` (Ubuntu: `sudo snap install chromium`); "
                 "macOS: `brew install --cask chromium` or install Google Chrome; "
                 "Windows: install Google Chrome or Microsoft Edge — "
                 "or point CHROMIUM=/path/to/the/browser at one.")


def find_chromium() -> str:
    """The Chromium-family browser to drive; BuildError with install hints when there is none."""
    candidates = [os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome",
                  "google-chrome-stable", "msedge",
                  "/Applications/Chromium.app/Contents/MacOS/Chromium",
                  "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                  r"C:\Program Files\Google\Chrome\Application\chrome.exe",
                  r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe"]
    for c in candidates:
        if not c:
            continue
        found = shutil.which(c) or (c if os.path.isfile(c) and os.access(c, os.X_OK) else None)
        if found:
            return found
    raise BuildError(CHROMIUM_HELP)


def report(product: str, seconds: float, built: int, skipped: int, out: Path) -> None:
    print(f"{product}: {built} built, {skipped} up to date, {seconds:.1f} s → {_rel(out)}/")


def chapter_product_main(argv: list[str] | None, *, product: str, description: str, build,
                         out: Path) -> int:
    """The command line shared by the per-chapter products (slides, handouts)."""
    import argparse
    import time

    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--edition", action="append", help="en or zh (default: all that exist)")
    parser.add_argument("--chapter", action="append", help="chapter number or file stem, e.g. 03")
    parser.add_argument("--force", action="store_true", help="rebuild even what is up to date")
    parser.add_argument("--out", type=Path, default=out)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    built, skipped = build(chosen_editions(args.edition), args.chapter, force=args.force,
                           out=args.out)
    report(product, time.perf_counter() - start, built, skipped, args.out)
    return 0
