"""Render notebook cells to plain HTML fragments (for the handouts and the slide decks).

Markdown goes through nbconvert's Markdown renderer (math is kept for MathJax), code through
Pygments in a black-and-white style, outputs as they were stored: PNG charts inline (data: URIs,
so a page or a PDF needs no other file), HTML tables as HTML, text as ``<pre>``.
No notebook is executed here.
"""

from __future__ import annotations

import html
import re

from nbconvert.filters.markdown_mistune import markdown2html_mistune
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

_FORMATTER = HtmlFormatter(style="bw", cssclass="hl")
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def pygments_css() -> str:
    return _FORMATTER.get_style_defs(".hl")


def _text(value) -> str:
    return value if isinstance(value, str) else "".join(value)


def markdown(source: str) -> str:
    return markdown2html_mistune(source)


def code(source: str) -> str:
    return highlight(source, PythonLexer(), _FORMATTER)


def output(out, *, images_only: bool = False) -> str:
    kind = out.get("output_type")
    if kind == "stream":
        if images_only:
            return ""
        cls = "out err" if out.get("name") == "stderr" else "out"
        return f'<pre class="{cls}">{html.escape(_ANSI.sub("", _text(out.get("text", ""))))}</pre>'
    if kind == "error":
        if images_only:
            return ""
        tb = _ANSI.sub("", "\n".join(out.get("traceback", [])))
        return f'<pre class="out err">{html.escape(tb)}</pre>'
    data = out.get("data", {})
    if "image/png" in data:
        png = _text(data["image/png"]).replace("\n", "")
        alt = html.escape(_text(data.get("text/plain", "chart")))
        return f'<img class="chart" alt="{alt}" src="data:image/png;base64,{png}">'
    if images_only:
        return ""
    if "text/html" in data:
        return f'<div class="html-out">{_text(data["text/html"])}</div>'
    if "text/markdown" in data:
        return markdown(_text(data["text/markdown"]))
    if "text/latex" in data:
        return f'<div class="latex-out">{html.escape(_text(data["text/latex"]))}</div>'
    if "text/plain" in data:
        return f'<pre class="out">{html.escape(_text(data["text/plain"]))}</pre>'
    return ""


def cell(c, *, show_code: bool = True, images_only: bool = False) -> str:
    """One cell as HTML: Markdown rendered, or code (optional) followed by its outputs."""
    if c.cell_type == "markdown":
        return f'<div class="md">{markdown(c.source)}</div>'
    if c.cell_type != "code":
        return ""
    parts = []
    if show_code and c.source.strip():
        parts.append(f'<div class="code">{code(c.source)}</div>')
    parts += [output(o, images_only=images_only) for o in c.get("outputs", [])]
    return f'<div class="cell">{"".join(p for p in parts if p)}</div>'
