"""Regenerate the bundled Chinese font: coursekit/fonts/NotoSansSC-CourseKit.otf.

Subsets Noto Sans CJK SC Regular (SIL OFL 1.1) to ASCII, Latin-1, common punctuation and
symbols (incl. the minus sign U+2212) and the 7,445 characters of GB2312, so Chinese chart
labels render on any machine without a CJK font (the full font is ~16 MB; the subset ~2 MB).

Source font, one of:
  * Debian/Ubuntu:  apt-get install fonts-noto-cjk
      → /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc (collection index 2 = SC)
  * any NotoSansCJKsc-Regular.otf / NotoSansSC-Regular.otf passed as the first argument.

Run:  .venv/bin/python tools/make_font.py [SOURCE_FONT]
"""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "coursekit" / "fonts" / "NotoSansSC-CourseKit.otf"
DEFAULT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FAMILY = "Noto Sans SC CourseKit"


def gb2312() -> str:
    chars = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.append(bytes([hi, lo]).decode("gb2312"))
    return "".join(chars)


def codepoints() -> set[int]:
    cps = set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    cps |= set(range(0x2000, 0x2070))  # general punctuation (– — ‘ ’ “ ” … ‰ ′ ″)
    cps |= set(range(0x2190, 0x2200))  # arrows
    cps |= set(range(0x2200, 0x2300))  # maths: − × ÷ ≤ ≥ ≈ ∑ √ ∞
    cps |= set(range(0x2460, 0x24A0))  # ①②③
    cps |= set(range(0x25A0, 0x2600))  # ■ □ ▲ △ ● ○
    cps |= set(range(0x3000, 0x3040))  # CJK punctuation 、。《》「」【】
    cps |= set(range(0xFF00, 0xFFF0))  # full-width forms （），：；！？％
    cps |= {0x00B7, 0x2022, 0x20AC, 0x00A5, 0x2103, 0x2116, 0x2460, 0x2605, 0x2606, 0x2714, 0x2718}
    cps |= {ord(c) for c in gb2312()}
    return cps


def main() -> int:
    src = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    if not src.is_file():
        print(f"Source font not found: {src}. Install fonts-noto-cjk or pass a path.", file=sys.stderr)
        return 1
    font = TTFont(src, fontNumber=2 if src.suffix.lower() == ".ttc" else -1)
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.desubroutinize = False
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(codepoints()))
    sub.subset(font)
    # a family name of its own, so it never shadows a full Noto font installed on the machine
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 16):
            rec.string = FAMILY
        elif rec.nameID == 4:
            rec.string = f"{FAMILY} Regular"
        elif rec.nameID == 6:
            rec.string = "NotoSansSC-CourseKit-Regular"
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = ["NotoSansSC-CourseKit-Regular"]
        top = cff.topDictIndex[0]
        top.FamilyName = FAMILY
        top.FullName = f"{FAMILY} Regular"
    OUT.parent.mkdir(parents=True, exist_ok=True)
    font.save(OUT)
    print(f"wrote {OUT.relative_to(ROOT)}: {OUT.stat().st_size / 1e6:.2f} MB, "
          f"{len(font.getBestCmap())} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
