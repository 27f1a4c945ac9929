"""docs/glossary.md is the one list of canonical Chinese terms; notebooks must not use the variants
it marks as wrong.

The glossary's table "Canonical Chinese terms" has a last column of wrong variants:

* `x` — wrong everywhere;
* `x` near `a`, `b` — wrong only in a sentence (or table cell) that also contains `a` or `b`
  and does not name the canonical term itself (一票否决 is right for a disqualifying rule, and
  a sentence that contrasts 一票决定制 with 一票否决制 is fine; 一票否决 for Brightline's
  promoting rule is wrong).

Scanned: every notebook under notebooks/ and exercises/ (cell sources and printed text outputs,
so notebooks/zh/ and exercises/zh/ too when they exist) and the student-facing exercise modules
coursekit/exercises/*.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs" / "glossary.md"
HEADING = "## Canonical Chinese terms"

#: Sentence (and table cell) boundaries: a context must share a sentence with the variant.
_SENTENCE = re.compile(r"[。！？；;|]|[.!?]\s|\n\s*\n")


class Variant(NamedTuple):
    canonical: str
    wrong: str
    near: tuple[str, ...]

    def describe(self) -> str:
        ctx = f" near {', '.join(self.near)}" if self.near else ""
        return f"{self.wrong}{ctx} (use {self.canonical})"


def parse_variants(text: str) -> list[Variant]:
    """The wrong variants of the glossary's canonical-terms table."""
    start = text.index(HEADING)
    end = text.find("\n## ", start + 1)
    section = text[start:end if end > 0 else None]
    out = []
    for line in section.splitlines():
        if not line.startswith("|") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 4 or cells[0].startswith("canonical"):
            continue
        canonical, wrong_cell = cells[0], cells[-1]
        for entry in wrong_cell.split(";"):
            parts = entry.split(" near ", 1)
            wrong = re.findall(r"`([^`]+)`", parts[0])
            if not wrong:
                continue
            near = tuple(re.findall(r"`([^`]+)`", parts[1])) if len(parts) > 1 else ()
            out.extend(Variant(canonical, w, near) for w in wrong)
    return out


def find(variant: Variant, text: str, *, by_line: bool = False) -> list[str]:
    """The sentences of ``text`` that use ``variant`` wrongly (``by_line``: source code, where
    each line is its own sentence)."""
    if variant.wrong not in text:
        return []
    if not variant.near:
        return [_around(text, text.index(variant.wrong))]
    pieces = text.splitlines() if by_line else [text]
    return [s.strip() for piece in pieces for s in _SENTENCE.split(piece)
            if variant.wrong in s and any(c in s for c in variant.near)
            and variant.canonical not in s]


def _around(text: str, i: int, width: int = 40) -> str:
    return text[max(0, i - width): i + width].replace("\n", " ")


def _notebook_text(path: Path) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    parts = []
    for cell in nb.get("cells", []):
        parts.append("".join(cell.get("source", "")))
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("text", "")))
            data = out.get("data", {})
            for kind in ("text/plain", "text/markdown", "text/html"):
                parts.append("".join(data.get(kind, "")))
    return "\n\n".join(parts)


def scanned_files() -> list[Path]:
    files = sorted((ROOT / "notebooks").rglob("*.ipynb")) + sorted(
        (ROOT / "exercises").rglob("*.ipynb"))
    files += sorted((ROOT / "coursekit" / "exercises").glob("*.py"))
    files += sorted((ROOT / "coursekit" / "exercises").glob("*.toml"))
    # the Chinese edition's sources: catalogues, Chinese docs and front door
    files += sorted((ROOT / "i18n").rglob("*.yaml")) + sorted((ROOT / "docs" / "zh").glob("*.md"))
    files += sorted(ROOT.glob("README.zh-CN.md"))
    return [f for f in files if ".ipynb_checkpoints" not in f.parts]


#: A wrong variant may be *quoted as wrong* when struck through: 铁（不是 ~~钢铁~~）.
_STRUCK = re.compile(r"~~[^~\n]+~~")


def _texts() -> dict[str, tuple[str, bool]]:
    out = {}
    for f in scanned_files():
        if f.suffix == ".ipynb":
            text, by_line = _notebook_text(f), False
        else:
            text, by_line = f.read_text(encoding="utf-8"), True
        out[str(f.relative_to(ROOT))] = (_STRUCK.sub("~~", text), by_line)
    return out


VARIANTS = parse_variants(GLOSSARY.read_text(encoding="utf-8"))


def test_glossary_lists_the_known_wrong_variants():
    wrong = {v.wrong for v in VARIANTS}
    assert {"钢铁", "当前价值", "一票否决", "港湾咖啡", "客户让渡价值"} <= wrong
    veto = next(v for v in VARIANTS if v.wrong == "一票否决")
    assert veto.canonical == "一票决定制" and veto.near, "一票否决 must be wrong only in context"


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.wrong)
def test_no_notebook_uses_a_wrong_variant(variant):
    hits = {name: find(variant, text, by_line=by_line)
            for name, (text, by_line) in _texts().items()}
    hits = {name: found for name, found in hits.items() if found}
    report = "; ".join(f"{name}: «{found[0][:80]}»" for name, found in hits.items())
    assert not hits, f"{variant.describe()} found in {len(hits)} file(s): {report}"


# ----------------------------------------------------------------------------- the checker itself
def _veto() -> Variant:
    return next(v for v in VARIANTS if v.wrong == "一票否决")


def test_a_struck_through_variant_is_quoted_not_used():
    assert _STRUCK.sub("~~", "这一层是铁（不是 ~~钢铁~~）") == "这一层是铁（不是 ~~）"


@pytest.mark.parametrize("text", [
    # the old chapter 03 wording, which named the promoting rule a veto
    "plus one **veto rule** (一票否决): a client bringing 10 million CNY or more a year is A",
    "## 5 · A two-dimensional matrix with a veto (二维分级矩阵与一票否决)",
    "年销售额在千万以上的客户采用一票否决，统统定义为A级客户",
    "否决规则把多少位客户提升为 A（一票否决）",
])
def test_checker_flags_the_promoting_rule_called_a_veto(text):
    assert any(find(v, text) for v in VARIANTS if v.wrong in ("一票否决", "分级矩阵与一票否决"))


@pytest.mark.parametrize("text", [
    "一票否决制: a client with a payment default can never be A.",
    "b —— 一票决定制：年收入 ≥ 1000 万直接定为 A。与之相反的一票否决制是排除（有拖欠记录的客户不能是 A）。",
    "| deciding rule (一票决定制) | disqualifying rule (一票否决制) |\n| sales ≥ 10 million → A | a default → never A |",
    "一票决定 and 一票否决 sound alike and do opposite things.",
    "a **deciding rule (一票决定制)** promotes over it, a **disqualifying rule (一票否决制)** caps it",
])
def test_checker_accepts_the_disqualifying_rule(text):
    assert not find(_veto(), text)


def test_checker_finds_plain_variants_and_parses_contexts():
    iron = next(v for v in VARIANTS if v.wrong == "钢铁")
    assert iron.canonical == "铁" and not iron.near
    assert find(iron, "platinum (铂金), gold (黄金), iron (钢铁) and lead (铅)")
    assert not find(iron, "platinum (铂金), gold (黄金), iron (铁) and lead (铅)")
    assert {"千万", "10 million"} <= set(_veto().near)
