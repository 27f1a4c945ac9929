"""Build the slide decks: one reveal.js deck per chapter and edition, served from local files only.

Usage:  .venv/bin/python tools/build_slides.py [--edition en] [--chapter 03] [--force]
        (what `make slides` runs; default: every edition whose notebooks exist, every chapter)

Output: build/slides/<edition>/NN-topic.html  (open it from the file system or any web server)
        build/slides/<edition>/index.html     the list of decks
        build/slides/_static/                 reveal.js 5 (PyPI sphinx-revealjs), MathJax 3 (PyPI
                                              django-static-mathjax), the kit's CJK font

Slide boundaries come from each cell's ``slideshow.slide_type`` (tools/tag_slides.py sets them
by rules; a hand-set value wins): ``slide`` / ``subslide`` start a slide, ``-`` continues it,
``fragment`` appears on the next click, ``notes`` are speaker notes, ``skip`` is left out. A cell
that draws a chart shows the chart alone (large, without its code). Long Markdown is trimmed to
its headings, lists, formulas and tables; the trimmed paragraphs become the speaker notes
(press **S** in a deck for the speaker view, **F** for full screen, **Esc** for the overview).
A deck newer than its notebook and these tools is not rebuilt.
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
    EDITION_LABELS,
    FONT,
    FONT_FAMILY,
    TOOLS,
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
    vendor_reveal,
)

OUT = BUILD / "slides"
TRIM_WORDS = 70


def _has_chart(cell) -> bool:
    return any("image/png" in o.get("data", {}) for o in cell.get("outputs", []))


def trim_markdown(source: str) -> tuple[str, str]:
    """Split long Markdown into what the slide shows and what goes to the speaker notes."""
    if len(re.findall(r"\w+", source)) <= TRIM_WORDS:
        return source, ""
    keep, notes = [], []
    for block in re.split(r"\n\s*\n", source.strip()):
        b = block.lstrip()
        if (b.startswith(("#", "|", "* ", "- ", "$$", "**Learning", "**Manager", "**Time"))
                or re.match(r"^\d+\.\s", b) or "$$" in b):
            keep.append(block)
        else:
            notes.append(block)
    if not [k for k in keep if not k.lstrip().startswith("#")] and notes:
        keep.append(notes.pop(0))  # a heading alone says too little: keep the first paragraph
    return "\n\n".join(keep), "\n\n".join(notes)


class Deck:
    def __init__(self):
        self.slides: list[list[dict]] = []  # horizontal slides, each a list of vertical ones

    def _current(self) -> dict:
        if not self.slides:
            self.new_slide()
        return self.slides[-1][-1]

    def new_slide(self) -> None:
        self.slides.append([{"body": [], "notes": []}])

    def new_subslide(self) -> None:
        if not self.slides:
            self.new_slide()
        else:
            self.slides[-1].append({"body": [], "notes": []})

    def add(self, cell, kind: str) -> None:
        if kind == "skip":
            return
        if kind == "slide":
            self.new_slide()
        elif kind == "subslide":
            self.new_subslide()
        slide = self._current()
        if cell.cell_type == "markdown":
            shown, notes = trim_markdown(cell.source)
            if kind == "notes":
                slide["notes"].append(nbhtml.markdown(cell.source))
                return
            if notes:
                slide["notes"].append(nbhtml.markdown(notes))
            body = f'<div class="md">{nbhtml.markdown(shown)}</div>'
        elif cell.cell_type == "code":
            if kind == "notes":
                return
            chart = _has_chart(cell)
            body = nbhtml.cell(cell, show_code=not chart, images_only=chart)
        else:
            return
        if kind == "fragment":
            body = f'<div class="fragment">{body}</div>'
        slide["body"].append(body)

    def html(self) -> str:
        out = []
        for stack in self.slides:
            inner = []
            for s in stack:
                if not s["body"] and not s["notes"]:
                    continue
                notes = f'<aside class="notes">{"".join(s["notes"])}</aside>' if s["notes"] else ""
                inner.append(f'<section>{"".join(s["body"])}{notes}</section>')
            if inner:
                out.append(inner[0] if len(inner) == 1 else f"<section>{''.join(inner)}</section>")
        return "\n".join(out)


CSS = """
.reveal { font-family: '%(font)s', 'Source Sans Pro', Helvetica, sans-serif; font-size: 30px; }
.reveal h1, .reveal h2, .reveal h3 { font-family: '%(font)s', 'Source Sans Pro', sans-serif;
  text-transform: none; line-height: 1.15; }
.reveal h1 { font-size: 1.7em; } .reveal h2 { font-size: 1.25em; } .reveal h3 { font-size: 1.05em; }
.reveal .slides section { text-align: left; height: 100%%; overflow: hidden; }
.reveal p, .reveal li { line-height: 1.3; }
.reveal ul, .reveal ol { display: block; margin-left: 1em; }
.reveal img.chart { display: block; margin: 0 auto; height: 580px; width: auto; max-width: 100%%;
  object-fit: contain; border: 0; box-shadow: none; }
.reveal .code pre, .reveal pre.out { box-shadow: none; width: 100%%; font-size: 0.5em;
  margin: 4px 0; white-space: pre-wrap; }
.reveal .code pre { background: #f3f3f3; border-left: 4px solid #888; padding: 4px 10px; }
.reveal pre.out { border-left: 2px dotted #999; padding: 2px 10px; max-height: 260px; overflow: hidden; }
.reveal table { font-size: 0.6em; } .reveal table th, .reveal table td { padding: 2px 8px; }
.reveal .html-out { font-size: 0.75em; }
.reveal a.anchor-link { display: none; }
.reveal mjx-container { font-size: 100%%; }
.deck-footer { position: fixed; bottom: 8px; left: 14px; font-size: 13px; color: #777; z-index: 10;
  font-family: '%(font)s', sans-serif; }
"""

FIT_JS = """
function fitSlide(section) {  /* shrink a slide's text until it fits the slide (no scrolling) */
  if (!section) return;
  let size = 100;
  section.style.fontSize = '';
  while (section.scrollHeight > section.clientHeight + 2 && size > 60) { size -= 5; section.style.fontSize = size + '%';}
}
"""


def deck_html(path: Path, edition: str) -> str:
    nb = read_executed(path)
    chapter = describe(path, nb)
    deck = Deck()
    for cell in nb.cells:
        kind = cell.metadata.get("slideshow", {}).get("slide_type") or "-"
        deck.add(cell, kind)
    s = "../_static"
    css = font_face_css(f"{s}/fonts/{FONT.name}") + CSS % {"font": FONT_FAMILY} + nbhtml.pygments_css()
    mj = mathjax_head(f"{s}/mathjax/tex-chtml.js", f"{s}/mathjax/output/chtml/fonts/woff-v2")
    return f"""<!DOCTYPE html>
<html lang="{edition}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(chapter.title)}</title>
<link rel="stylesheet" href="{s}/reveal/dist/reset.css">
<link rel="stylesheet" href="{s}/reveal/dist/reveal.css">
<link rel="stylesheet" href="{s}/reveal/dist/theme/white.css">
<style>{css}</style>
</head><body>
<div class="reveal"><div class="slides">
{deck.html()}
</div></div>
<div class="deck-footer">{html.escape(chapter.title)} · CRM Methods Course Kit</div>
<script src="{s}/reveal/dist/reveal.js"></script>
<script src="{s}/reveal/plugin/notes/notes.js"></script>
<script>{FIT_JS}
Reveal.initialize({{ hash: true, width: 1280, height: 760, margin: 0.03, center: false,
  slideNumber: 'c/t', transition: 'none', plugins: [ RevealNotes ] }}).then(() => {{
  fitSlide(Reveal.getCurrentSlide());
  Reveal.on('slidechanged', e => fitSlide(e.currentSlide));
}});
</script>
{mj}<script>
document.addEventListener('DOMContentLoaded', () => {{
  const wait = () => (window.MathJax && MathJax.startup && MathJax.startup.promise)
    ? MathJax.startup.promise.then(() => {{ Reveal.layout(); fitSlide(Reveal.getCurrentSlide()); }})
    : setTimeout(wait, 100);
  wait();
}});
</script>
</body></html>
"""


def index_html(edition: str, decks: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{html.escape(f)}">{html.escape(t)}</a></li>' for f, t in decks)
    css = font_face_css(f"../_static/fonts/{FONT.name}")
    return (f'<!DOCTYPE html><html lang="{edition}"><head><meta charset="utf-8"><title>Slides · '
            f"{EDITION_LABELS[edition]}</title><style>{css} body {{ font-family: '{FONT_FAMILY}',"
            " sans-serif; max-width: 50em; margin: 2em auto; line-height: 1.6 }</style></head><body>"
            f"<h1>CRM Methods Course Kit — slides ({EDITION_LABELS[edition]})</h1>"
            "<p>Open a deck; press <b>S</b> for the speaker view with notes, <b>F</b> for full "
            f"screen, <b>Esc</b> for the overview.</p><ul>{items}</ul></body></html>\n")


def build(editions: list[str], chapters: list[str] | None, *, force: bool = False,
          out: Path = OUT) -> tuple[int, int]:
    vendor_reveal(out / "_static" / "reveal")
    vendor_mathjax(out / "_static" / "mathjax")
    vendor_font(out / "_static" / "fonts")
    tool_files = [TOOLS / "build_slides.py", TOOLS / "nbhtml.py", TOOLS / "trainer_common.py"]
    built = skipped = 0
    for ed in editions:
        paths = chapter_notebooks(ed, chapters)
        check_all_executed(paths)
        for path in paths:
            target = out / ed / f"{path.stem}.html"
            if not force and is_fresh(target, [path, *tool_files]):
                skipped += 1
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(deck_html(path, ed), encoding="utf-8")
            built += 1
        every = chapter_notebooks(ed)
        decks = [(f"{p.stem}.html", describe(p).title) for p in every if (out / ed / f"{p.stem}.html").exists()]
        (out / ed / "index.html").write_text(index_html(ed, decks), encoding="utf-8")
    return built, skipped


def main(argv: list[str] | None = None) -> int:
    return chapter_product_main(argv, product="slides", description="Build the reveal.js slide decks (build/slides/).", build=build,
                                out=OUT)


if __name__ == "__main__":
    sys.exit(run_main(main))
