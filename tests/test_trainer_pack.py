"""The trainer pack as a person uses it: site, slide decks and PDF handouts, with the network cut.

* Builds once per session into a temporary folder: the English site (every chapter), the slide
  deck and the handout of chapter 03 (the browser and PDF tests need only one chapter).
* Browser test: headless Chromium *inside a network namespace with only loopback*
  (``unshare -rn``), pages served by ``python -m http.server`` on 127.0.0.1 inside it; every
  request is recorded through the DevTools protocol; fails on any non-loopback request, any
  failed request or HTTP error; checks MathJax output, no raw ``$$``, Chinese text, screenshots.
* PDF test: pages, embedded fonts (pdffonts), a Chinese heading in the text (pdftotext), every
  chart image (pdfimages), a one-page summary sheet.
Skipped where /usr/bin/chromium (or poppler-utils for the PDF checks) is absent; CI installs both.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

import tag_slides  # noqa: E402
import trainer_common as tc  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:.*is deprecated. Check CHANGES for Sphinx API")

CHAPTER = "03-value-dimensions-and-grading"
CHINESE_HEADING = "客户价值维度与客户分级"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils missing")


# --- builds (once per session) -----------------------------------------------------------------

@pytest.fixture(scope="session")
def pack(tmp_path_factory) -> Path:
    import build_site
    import build_slides

    root = tmp_path_factory.mktemp("trainer-pack")
    build_site.build(["en"], out=root / "site")
    build_slides.build(["en"], [CHAPTER[:2]], out=root / "slides")
    return root


@pytest.fixture(scope="session")
def handouts(pack) -> Path:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed")
    import build_handouts

    build_handouts.build(["en"], [CHAPTER[:2]], out=pack / "handouts")
    return pack / "handouts"


# --- static checks of the built site and decks (no browser needed) -----------------------------

def _html_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.html") if "_static" not in p.parts]


def test_site_has_every_chapter_glossary_guide_search_and_downloads(pack):
    site = pack / "site" / "en"
    for nb in tc.chapter_notebooks("en"):
        assert (site / f"{nb.stem}.html").exists(), nb.name
        assert (site / "downloads" / nb.name).exists(), nb.name
    for page in ("index.html", "glossary.html", "trainer-guide.html", "search.html", "searchindex.js"):
        assert (site / page).exists(), page
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Course map" in home and f'href="downloads/{CHAPTER}.ipynb"' in home
    assert "edition-switch" in home and "English" in home
    assert 'hreflang="zh"' not in home or (ROOT / "notebooks" / "zh").is_dir(), \
        "the language switch lists only editions that exist"
    assert (pack / "site" / "index.html").exists()


ZH_CHAPTERS = sorted((ROOT / "notebooks" / "zh").glob("[0-9]*.ipynb"))


@pytest.mark.skipif(not ZH_CHAPTERS, reason="the Chinese edition is not built yet (make zh)")
def test_chinese_edition_site_and_slides_build_from_notebooks_zh(tmp_path):
    """`make site EDITION=zh` / `make slides EDITION=zh`: Chinese home page with the course map
    (title, minutes and objectives read from the Chinese fixed phrases), every built chapter, the
    Chinese notebook and student copy as downloads; one Chinese deck."""
    import build_site
    import build_slides

    build_site.build(["zh"], out=tmp_path / "site")
    site = tmp_path / "site" / "zh"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "课程地图" in home
    for nb in ZH_CHAPTERS:
        assert (site / f"{nb.stem}.html").exists() and (site / "downloads" / nb.name).exists()
        ch = tc.describe(nb)
        assert ch.minutes and ch.objectives and ch.key_terms, f"{nb.name}: {ch}"
        assert ch.title in home
        student = ROOT / "exercises" / "zh" / f"{nb.stem}-exercises.ipynb"
        if student.exists():
            assert (site / "downloads" / student.name).exists()
    first = ZH_CHAPTERS[0].stem
    build_slides.build(["zh"], [first[:2]], out=tmp_path / "slides")
    deck = (tmp_path / "slides" / "zh" / f"{first}.html").read_text(encoding="utf-8")
    assert tc.describe(ZH_CHAPTERS[0]).short_title in deck


@pytest.mark.parametrize("product", ["site", "slides"])
def test_no_page_loads_a_script_or_style_from_the_internet(pack, product):
    bad = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=[\"']?(?:https?:)?//", re.I)
    offenders = []
    for page in _html_files(pack / product):
        text = page.read_text(encoding="utf-8")
        offenders += [f"{page.name}: {m.group(0)[:90]}" for m in bad.finditer(text)]
        offenders += [f"{page.name}: @import" for _ in re.finditer(r"@import\s+url\(\s*['\"]?https?:", text)]
    assert not offenders, offenders[:5]


def test_slides_follow_the_cell_metadata(pack):
    deck = (pack / "slides" / "en" / f"{CHAPTER}.html").read_text(encoding="utf-8")
    nb = nbformat.read(ROOT / "notebooks" / f"{CHAPTER}.ipynb", as_version=4)
    starts = sum(c.metadata.get("slideshow", {}).get("slide_type") == "slide" for c in nb.cells)
    assert deck.count("<section") >= starts
    assert '<aside class="notes">' in deck
    assert "_static/reveal/dist/reveal.js" in deck and "_static/mathjax/tex-chtml.js" in deck
    charts = sum("image/png" in o.get("data", {}) for c in nb.cells if
                 c.metadata.get("slideshow", {}).get("slide_type") != "skip" for o in c.get("outputs", []))
    assert deck.count('class="chart"') == charts


# --- the slide tagger ---------------------------------------------------------------------------

def test_tag_slides_is_idempotent_keeps_hand_set_values_and_leaves_outputs_alone():
    nb = nbformat.read(ROOT / "notebooks" / f"{CHAPTER}.ipynb", as_version=4)
    for c in nb.cells:
        c.metadata.pop("slideshow", None)
    nb.cells[3].metadata["slideshow"] = {"slide_type": "fragment"}   # a trainer's choice
    outputs = [c.get("outputs") for c in nb.cells]
    added = tag_slides.tag(nb)
    assert added == len(nb.cells) - 1
    assert nb.cells[3].metadata["slideshow"]["slide_type"] == "fragment"
    assert nb.cells[0].metadata["slideshow"]["slide_type"] == "slide"
    assert tag_slides.tag(nb) == 0
    assert [c.get("outputs") for c in nb.cells] == outputs
    charts = [c for c in nb.cells if c.cell_type == "code" and tag_slides._has_chart(c)]
    assert charts and all(c.metadata["slideshow"]["slide_type"] == "slide" for c in charts)


def test_every_chapter_cell_has_a_slide_type():
    """After a merge brings new cells: run `python tools/tag_slides.py` and commit."""
    assert tag_slides.main(["--check"]) == 0


# --- bad input ----------------------------------------------------------------------------------

def test_a_notebook_without_outputs_is_named_with_the_fix(tmp_path, monkeypatch, capsys):
    import build_slides

    nb = nbformat.read(ROOT / "notebooks" / f"{CHAPTER}.ipynb", as_version=4)
    for c in nb.cells:
        if c.cell_type == "code":
            c.outputs, c.execution_count = [], None
    (tmp_path / "nb").mkdir()
    nbformat.write(nb, tmp_path / "nb" / "07-never-run.ipynb")
    monkeypatch.setitem(tc.EDITION_DIRS, "en", tmp_path / "nb")
    code = tc.run_main(lambda: build_slides.main(["--out", str(tmp_path / "out")]))
    err = capsys.readouterr().err
    assert code == 2
    assert "07-never-run.ipynb" in err and "make outputs" in err and "Traceback" not in err


def test_a_missing_browser_gives_one_line_with_install_hints(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("CHROMIUM", raising=False)
    monkeypatch.setattr(tc.os.path, "isfile", lambda p: False)
    with pytest.raises(tc.BuildError) as err:
        tc.find_chromium()
    msg = err.value.message
    assert "\n" not in msg
    for where in ("Debian/Ubuntu", "macOS", "Windows", "apt-get install chromium"):
        assert where in msg


# --- in a browser, with the network cut ---------------------------------------------------------

def _offline(cmd: list[str]) -> list[str]:
    return ["unshare", "-rn", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", *cmd]


@pytest.fixture(scope="session")
def browsed(pack, handouts, tmp_path_factory):
    if subprocess.run(_offline(["true"]), capture_output=True).returncode != 0:
        pytest.skip("cannot create a network namespace here (unshare -rn)")
    shots = tmp_path_factory.mktemp("screenshots")
    result = shots / "result.json"
    pages = [f"site/en/{CHAPTER}.html", "site/en/04-satisfaction-measurement.html",
             "site/en/index.html", "site/en/search.html?q=RFM",
             f"slides/en/{CHAPTER}.html#/1", f"handouts/html/en/{CHAPTER}.html"]
    run = subprocess.run(_offline([sys.executable, str(ROOT / "tests" / "offline_browser.py"),
                                   str(pack), str(result), str(shots), *pages]),
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    return json.loads(result.read_text(encoding="utf-8"))


@needs_chromium
def test_browser_runs_in_a_namespace_with_only_loopback(browsed):
    assert browsed["interfaces"] == ["lo"]
    assert not browsed.get("errors"), browsed.get("errors")


@needs_chromium
def test_no_request_leaves_the_machine_and_none_fails(browsed):
    from cdp import loopback_only

    for page in browsed["pages"]:
        reqs = [r for r in page["requests"] if not r["url"].endswith("/favicon.ico")]
        assert reqs, page["path"]
        outside = [r["url"] for r in reqs if not loopback_only(r["url"])]
        assert not outside, (page["path"], outside)
        failed = [(r["url"][:120], r["status"], r["error"]) for r in reqs
                  if r["error"] or (r["status"] or 0) >= 400]
        assert not failed, (page["path"], failed)
        assert page["broken_images"] == 0, page["path"]
    served = [e for e in browsed["server_log"] if e["status"] != 200 and "favicon" not in e["path"]]
    assert not [e for e in served if e["status"] not in (200, 304)], served


@needs_chromium
def test_formulas_render_and_chinese_text_shows(browsed):
    pages = {p["path"]: p for p in browsed["pages"]}
    for path in (f"site/en/{CHAPTER}.html", "site/en/04-satisfaction-measurement.html",
                 f"slides/en/{CHAPTER}.html#/1",
                 f"handouts/html/en/{CHAPTER}.html"):
        page = pages[path]
        assert page["mathjax"] > 0, path
        assert page["raw_dollars"] == 0, path
        assert page["chinese"] > 0, path
        assert page["cjk_math_without_cjk_font"] == 0, path  # \\text{中文} inside a formula
        assert Path(page["screenshot"]).stat().st_size > 10_000, path
    assert "Noto Sans SC CourseKit" in pages[f"slides/en/{CHAPTER}.html#/1"]["fonts"]


@needs_chromium
def test_slide_deck_runs_with_speaker_notes_and_search_finds_a_term(browsed):
    pages = {p["path"]: p for p in browsed["pages"]}
    deck = pages[f"slides/en/{CHAPTER}.html#/1"]
    assert deck["reveal_ready"] and deck["slides"] > 10 and deck["notes"] > 0
    assert pages["site/en/search.html?q=RFM"]["search_results"] > 0


# --- the PDFs -----------------------------------------------------------------------------------

def _run(*cmd: str) -> str:
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


@needs_chromium
@needs_poppler
def test_handout_pdf_has_pages_fonts_chinese_and_every_chart(handouts):
    pdf = handouts / "en" / f"{CHAPTER}.pdf"
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))
    assert pages > 0
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts[:5]
    assert CHINESE_HEADING in _run("pdftotext", str(pdf), "-")
    images = [line for line in _run("pdfimages", "-list", str(pdf)).splitlines()[2:]
              if line.split()[2] == "image"]
    charts = tc.describe(ROOT / "notebooks" / f"{CHAPTER}.ipynb").charts
    assert len(images) == charts > 0


@needs_chromium
@needs_poppler
def test_summary_sheet_is_one_page_with_objectives_terms_and_takeaways(handouts):
    pdf = handouts / "en" / f"{CHAPTER}-summary.pdf"
    assert re.search(r"Pages:\s+1\b", _run("pdfinfo", str(pdf)))
    text = _run("pdftotext", str(pdf), "-")
    for part in ("Learning objectives", "Formulas", "Key terms", "Manager's takeaways", "客户分级"):
        assert part in text, part
