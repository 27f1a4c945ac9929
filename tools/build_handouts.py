"""Build the PDF handouts: one A4 PDF per chapter and edition, plus a one-page summary sheet.

Usage:  .venv/bin/python tools/build_handouts.py [--edition en] [--chapter 03] [--force]
        (what `make handouts` runs; default: every edition whose notebooks exist, every chapter)

Output: build/handouts/<edition>/NN-topic.pdf          the chapter: text, formulas, compact code,
                                                      outputs and every chart, header (kit,
                                                      chapter) and footer (page n / N) on each page
        build/handouts/<edition>/NN-topic-summary.pdf one page to print for every student:
                                                      objectives, formulas, key terms EN — 中文,
                                                      the manager's takeaways (taken from the
                                                      chapter's own sections)
        build/handouts/html/…                         the HTML pages the PDFs are printed from

Route: the committed notebook outputs (nothing is executed) → HTML with the kit's CJK font
(@font-face from a local file, so Chinese glyphs are embedded in the PDF) and MathJax 3 served
from the build folder → headless Chromium prints A4 via the DevTools protocol once formulas and
fonts are ready. Black text, grey code boxes, a black-and-white code style: it prints well on a
school's mono laser printer. A PDF newer than its notebook and these tools is not rebuilt.
Needs Chromium (Debian/Ubuntu `apt-get install chromium`); without it, one line says what to install.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nbhtml  # noqa: E402
from trainer_common import (  # noqa: E402
    BUILD,
    FONT,
    FONT_FAMILY,
    TOOLS,
    Chapter,
    chapter_notebooks,
    chapter_product_main,
    check_all_executed,
    describe,
    font_face_css,
    is_fresh,
    mathjax_head,
    read_executed,
    run_main,
    vendor_font,
    vendor_mathjax,
)

OUT = BUILD / "handouts"
HTML_DIR = OUT / "html"
KIT = "CRM Methods Course Kit · 客户关系管理实务"


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def page_css(chapter: Chapter) -> str:
    return font_face_css("../_static/fonts/" + FONT.name) + f"""
@page {{
  size: A4; margin: 17mm 14mm 15mm 14mm;
  @top-left {{ content: {_css_string(KIT)}; font: 7.5pt '{FONT_FAMILY}', sans-serif; color: #333; }}
  @top-right {{ content: {_css_string(chapter.title)}; font: 7.5pt '{FONT_FAMILY}', sans-serif;
               color: #000; }}
  @bottom-center {{ content: "page " counter(page) " / " counter(pages);
                    font: 8pt '{FONT_FAMILY}', sans-serif; color: #000; }}
}}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font-family: '{FONT_FAMILY}', 'DejaVu Sans', sans-serif; font-size: 10pt; line-height: 1.4;
       color: #000; margin: 0; }}
h1 {{ font-size: 17pt; margin: 0 0 4pt; }}
h2 {{ font-size: 12.5pt; border-bottom: 0.8pt solid #000; margin: 12pt 0 4pt; break-after: avoid; }}
h3 {{ font-size: 11pt; margin: 8pt 0 3pt; break-after: avoid; }}
p, li {{ orphans: 2; widows: 2; }}
.md p {{ margin: 3pt 0; }}
.code pre, pre.out {{ font-family: 'DejaVu Sans Mono', 'Liberation Mono', monospace, '{FONT_FAMILY}';
  font-size: 7.4pt; line-height: 1.25; white-space: pre-wrap; word-break: break-word; margin: 2pt 0; }}
.code pre {{ background: #f0f0f0; border-left: 2pt solid #666; padding: 2pt 5pt; }}
pre.out {{ border-left: 1pt dotted #888; padding: 1pt 5pt; color: #111; }}
pre.err {{ border-left-style: solid; }}
img.chart {{ display: block; max-width: 100%; max-height: 115mm; margin: 4pt auto; break-inside: avoid; }}
table {{ border-collapse: collapse; font-size: 8pt; margin: 3pt 0; break-inside: auto; }}
th, td {{ border: 0.5pt solid #777; padding: 1pt 4pt; text-align: left; vertical-align: top; }}
th {{ background: #e8e8e8; }}
.html-out {{ font-size: 8pt; overflow: hidden; }}
.html-out table {{ font-size: 7.5pt; }}
.html-out div {{ color: #000 !important; background: none !important; }}
a {{ color: #000; }}
a.anchor-link {{ display: none; }}
mjx-container[display="true"] {{ margin: 4pt 0 !important; }}
""" + nbhtml.pygments_css()


def _page(title: str, css: str, body: str, *, extra_js: str = "") -> str:
    mj = mathjax_head("../_static/mathjax/tex-chtml.js", "../_static/mathjax/output/chtml/fonts/woff-v2")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title><style>{css}</style>{mj}{extra_js}</head>"
            f"<body>{body}</body></html>\n")


def chapter_html(path: Path) -> tuple[str, Chapter]:
    nb = read_executed(path)
    chapter = describe(path, nb)
    body = "\n".join(nbhtml.cell(c) for c in nb.cells)
    return _page(chapter.title, page_css(chapter), f'<main class="handout">{body}</main>'), chapter


SUMMARY_CSS = """
.sheet { width: 182mm; font-size: 10pt; }
.sheet h1 { font-size: 1.5em; margin-bottom: 2pt; }
.sheet .meta { font-size: 0.85em; color: #222; margin: 0 0 4pt; }
.sheet h2 { font-size: 1.1em; margin: 6pt 0 2pt; }
.sheet ol, .sheet ul { margin: 2pt 0; padding-left: 14pt; }
.sheet li { margin: 1pt 0; }
.sheet .formula { break-inside: avoid; margin: 0 0 2pt; display: flex; align-items: center;
                  gap: 4mm; border-bottom: 0.4pt solid #ddd; }
.sheet .formula .where { font-size: 0.75em; color: #333; width: 38mm; flex: none; }
.sheet .formula mjx-container { font-size: 88% !important; margin: 1pt 0 !important;
                                text-align: left !important; }
.sheet table.terms { width: 100%; font-size: 0.85em; }
.sheet .terms-wrap { columns: 2; column-gap: 8mm; }
.sheet .term { break-inside: avoid; border-bottom: 0.4pt solid #bbb; padding: 0.6pt 0; }
.sheet .where { font-weight: bold; }
.sheet .takeaways li { font-size: 0.92em; }
"""

FIT_JS = """<script>
/* shrink the sheet's type until it fits one A4 page (the printable height, in CSS px) */
window.fitSheet = function () {
  const sheet = document.querySelector('.sheet');
  const maxH = 263 * 96 / 25.4;
  let size = 10;
  while (sheet.scrollHeight > maxH && size > 5.5) { size -= 0.25; sheet.style.fontSize = size + 'pt'; }
  return size;
};
</script>"""


def _first_sentences(text: str, n: int = 2) -> str:
    """The first ``n`` sentences of a takeaway: the sheet is a reminder, the handout has the rest."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z*])", text)
    return " ".join(parts[:n]) + (" …" if len(parts) > n else "")


def _inline(text: str) -> str:
    return nbhtml.markdown(text).strip().removeprefix("<p>").removesuffix("</p>")


def summary_html(chapter: Chapter) -> str:
    esc = html.escape
    parts = [f"<h1>{esc(chapter.title)}</h1>",
             f'<p class="meta">One-page summary · {esc(chapter.minutes)} minutes · '
             f"{chapter.charts} charts in the full handout</p>" if chapter.minutes else
             '<p class="meta">One-page summary</p>']
    if chapter.objectives:
        parts.append("<h2>Learning objectives</h2><ol>" + "".join(
            f"<li>{_inline(o)}</li>"
            for o in chapter.objectives) + "</ol>")
    if chapter.formulas:
        items = []
        for section, tex in chapter.formulas:
            where = esc(section.split("(")[0].strip(" ·"))
            items.append(f'<div class="formula"><div class="where">{where}</div>'
                         f"$${esc(tex)}$$</div>")
        parts.append('<h2>Formulas</h2><div class="formulas">' + "".join(items) + "</div>")
    if chapter.key_terms:
        parts.append('<h2>Key terms · 关键术语</h2><div class="terms-wrap">' + "".join(
            f'<div class="term">{_inline(en)}'
            f" — {esc(zh)}</div>" for en, zh in chapter.key_terms) + "</div>")
    if chapter.takeaways:
        parts.append('<h2>Manager\'s takeaways</h2><ul class="takeaways">' + "".join(
            f'<li><span class="where">{esc(s.split("(")[0].strip(" ·"))}:</span> '
            f"{_inline(_first_sentences(t))}</li>"
            for s, t in chapter.takeaways) + "</ul>")
    css = page_css(chapter) + SUMMARY_CSS
    return _page(chapter.title + " — summary", css,
                 f'<main class="sheet">{"".join(parts)}</main>', extra_js=FIT_JS)


def build(editions: list[str], chapters: list[str] | None, *, force: bool = False,
          out: Path = OUT) -> tuple[int, int]:
    html_dir = out / "html"
    tool_files = [TOOLS / "build_handouts.py", TOOLS / "nbhtml.py", TOOLS / "trainer_common.py", FONT]
    jobs: list[tuple[Path, Path]] = []  # (html, pdf)
    skipped = 0
    for ed in editions:
        paths = chapter_notebooks(ed, chapters)
        check_all_executed(paths)
        for path in paths:
            pdf = out / ed / f"{path.stem}.pdf"
            summary = out / ed / f"{path.stem}-summary.pdf"
            if not force and is_fresh(pdf, [path, *tool_files]) and \
                    is_fresh(summary, [path, *tool_files]):
                skipped += 1
                continue
            page, chapter = chapter_html(path)
            target = html_dir / ed / f"{path.stem}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page, encoding="utf-8")
            sheet = html_dir / ed / f"{path.stem}-summary.html"
            sheet.write_text(summary_html(chapter), encoding="utf-8")
            jobs += [(target, pdf), (sheet, summary)]
    vendor_mathjax(html_dir / "_static" / "mathjax")
    vendor_font(html_dir / "_static" / "fonts")
    if jobs:
        from cdp import Browser
        with Browser(timeout=120) as browser:
            for page_path, pdf in jobs:
                page = browser.new_page(width=800, height=1100)
                page.goto(page_path.resolve().as_uri())
                page.wait_until_ready(timeout=120)
                page.evaluate("window.fitSheet ? window.fitSheet() : 0")
                page.pdf(pdf)
                browser.send("Target.closeTarget", {"targetId": page.target})
                print(f"  {pdf.relative_to(out.parent) if out.parent in pdf.parents else pdf}")
    return len(jobs) // 2, skipped


def main(argv: list[str] | None = None) -> int:
    return chapter_product_main(argv, product="handouts", description="Build the PDF handouts (build/handouts/).", build=build,
                                out=OUT)


if __name__ == "__main__":
    sys.exit(run_main(main))
