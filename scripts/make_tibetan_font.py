"""Regenerate ``resources/fonts/HNClientTibetan-Regular.ttf``, the interface's Tibetan font.

Tibetan fonts draw their letters small next to Chinese at the same point size (the em box
holds tall stacks; Windows' Microsoft Himalaya is the worst). The client carries a Tibetan-only
font drawn larger, which the interface falls back to for Tibetan (``hnclient/ui/script_fonts``):

1. Noto Serif Tibetan (SIL OFL 1.1, no Reserved Font Name; Debian ``fonts-noto-core``) subset to
   Tibetan (U+0F00–U+0FFF), the dotted circle and the joiners shaping uses, every OpenType
   feature and glyph kept (ccmp/abvs/blws/calt stacks, mark/mkmk positions). No space, digits
   or Latin: those stay the interface font's. Hinting dropped (half the size; Qt renders it
   unhinted-smooth like the CJK fonts).
2. Drawn ``SCALE`` times larger by a smaller ``unitsPerEm`` — outlines, anchors and kerning
   untouched, so stacks stay exactly as designed.
3. Vertical metrics from the ink of real Tibetan (``CORPUS``, shaped by Qt's HarfBuzz) instead of
   the font's own room for rare Sanskrit stacks, so a line of Tibetan is not three lines tall.
4. Renamed (a modified font does not carry the Noto name; "Noto" is Google's trademark).

Run (fontTools: ``pip install .[fonts]``; PySide6 measures), with the source font's path
when it is not where Debian puts it:
    QT_QPA_PLATFORM=offscreen python scripts/make_tibetan_font.py [NotoSerifTibetan-Regular.ttf]
The output depends only on the source font file, so it is reproducible.
"""

from __future__ import annotations

import io
import math
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from fontTools import subset
from fontTools.ttLib import TTFont

if TYPE_CHECKING:
    from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/usr/share/fonts/truetype/noto/NotoSerifTibetan-Regular.ttf")
OUTPUT = ROOT / "resources" / "fonts" / "HNClientTibetan-Regular.ttf"
FAMILY = "HNClient Tibetan"
POSTSCRIPT = "HNClientTibetan-Regular"
#: A letter's body (head line to baseline) at 0.85 em, as tall as a Chinese character's ink
#: (0.88–0.92 em in Noto Sans CJK / Microsoft YaHei); Noto Serif Tibetan's is 0.68 em.
SCALE = 1.25
#: Text the line must hold: common syllables, the deepest native stacks (three tiers plus a
#: vowel below), vowels and marks above (ཧཱུྃ), the Om Mani mantra, numbers and punctuation.
CORPUS = (
    "བོད་ཀྱི་སྐད་ཡིག ཧཱུྃ བསྒྲུབས་ སྒྲོལ་མ་ རྒྱལ་ཁབ་ བསྐྱེད་ ཕྱུག་ མཁྱེན་ གྲྭ་ ཀྲུང་གོ་ དབྱངས་ "
    "ཐུགས་རྗེ་ ཨོཾ་མ་ཎི་པདྨེ་ཧཱུྃ ཧྲཱིཿ རྒྱུད་ སྦྲུལ་ བརྒྱུད་ སྒྱུར་ རྫོང་ ཞིང་ཆེན་ མཚོ་སྔོན་ "
    "མཚོ་ལྷོ་ བོད་རིགས་རང་སྐྱོང་ཁུལ་ ༡༢༣༤༥༦༧༨༩༠ ། ༄༅། ཀཱ་ཀི་ཀུ་ཀེ་ཀོ་ཀཻ་ཀཽ་ཀྀ ཀྵ་ ཏྭ་ ཛྙཱ"
)
#: Room kept above and below the measured ink (of the em).
MARGIN = 0.04
KEEP = [*range(0x0F00, 0x1000), 0x25CC, 0x200B, 0x200C, 0x200D, 0x2060]


def subset_font(source: Path) -> TTFont:
    options = subset.Options()
    options.layout_features = ["*"]
    options.layout_scripts = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.glyph_names = False
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=KEEP)
    subsetter.subset(font)
    return font


def rename(font: TTFont) -> None:
    names = font["name"]
    version = names.getDebugName(5) or ""
    for record in list(names.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    for name_id, text in (
        (1, FAMILY),
        (2, "Regular"),
        (3, f"{version};{POSTSCRIPT}"),
        (4, f"{FAMILY} Regular"),
        (6, POSTSCRIPT),
    ):
        names.setName(text, name_id, 3, 1, 0x409)
        names.setName(text, name_id, 1, 0, 0)
    description = (
        f"Tibetan subset of Noto Serif Tibetan, drawn {SCALE}x larger with vertical metrics "
        "for common Tibetan, for the hnclient interface (scripts/make_tibetan_font.py)."
    )
    names.setName(description, 10, 3, 1, 0x409)
    names.setName(description, 10, 1, 0, 0)


def ink_extent(data: bytes, family: str) -> tuple[float, float]:
    """Highest and lowest ink of the corpus, in ems, as Qt draws it (HarfBuzz shapes it).

    Drawn, not asked of QFontMetricsF.tightBoundingRect: that leaves out marks the font
    places by anchors (the ྃ of ཧཱུྃ)."""
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QFont, QFontDatabase, QImage, QPainter
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    font_id = QFontDatabase.addApplicationFontFromData(data)
    assert family in QFontDatabase.applicationFontFamilies(font_id)
    font = QFont(family)
    size = 400
    font.setPixelSize(size)
    baseline = 3 * size
    top = bottom = 0
    for word in CORPUS.split():
        image = QImage(size * 2 * len(word), 6 * size, QImage.Format.Format_Grayscale8)
        image.fill(Qt.GlobalColor.white)
        painter = QPainter(image)
        painter.setFont(font)
        painter.drawText(QPointF(size, baseline), word)
        painter.end()
        rows = ink_rows(image)
        top, bottom = max(top, baseline - rows[0]), max(bottom, rows[-1] - baseline)
    QFontDatabase.removeApplicationFont(font_id)
    del app
    return top / size, bottom / size


def ink_rows(image: QImage) -> list[int]:
    """Rows of a grayscale image with ink on them."""
    data, stride, width = bytes(image.constBits()), image.bytesPerLine(), image.width()
    return [y for y in range(image.height()) if min(data[y * stride : y * stride + width]) < 128]


def set_vertical_metrics(font: TTFont, above: float, below: float) -> None:
    upem = font["head"].unitsPerEm
    ascent = math.ceil((above + MARGIN) * upem)
    descent = math.ceil((below + MARGIN) * upem)
    hhea, os2 = font["hhea"], font["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = ascent, -descent, 0
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = ascent, -descent, 0
    os2.usWinAscent, os2.usWinDescent = ascent, descent
    os2.fsSelection |= 1 << 7  # USE_TYPO_METRICS: the same lines everywhere


def serialized(font: TTFont) -> bytes:
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else SOURCE
    font = subset_font(source)
    font["head"].unitsPerEm = round(font["head"].unitsPerEm / SCALE)
    rename(font)
    above, below = ink_extent(serialized(font), FAMILY)
    set_vertical_metrics(font, above, below)
    font["head"].created = font["head"].modified = 0  # reproducible bytes
    font.recalcTimestamp = False
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(serialized(font))
    upem = font["head"].unitsPerEm
    print(
        f"{OUTPUT.relative_to(ROOT)}: {OUTPUT.stat().st_size // 1024} KB, unitsPerEm {upem}, "
        f"ink {above:.3f}/{below:.3f} em above/below the baseline"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
