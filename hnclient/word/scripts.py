"""Splitting text into Tibetan and non-Tibetan runs, and how wide text prints.

Word picks a run's font from the run's properties, and no font a government PC uses for
Chinese (仿宋_GB2312, 方正小标宋简体) has Tibetan glyphs, so Tibetan text must sit in runs of
its own that name a Tibetan font. Qt and browsers fall back per glyph and need no such split,
but the HTML preview uses it as well, to show Tibetan in the same font the document asks for.
"""

from __future__ import annotations

import unicodedata

#: What a half-width character may print wider than ½ em: Latin and digits of the substitute
#: fonts are proportional (DejaVu Sans digits 0.64 em where 仿宋_GB2312 is missing).
HALF_WIDTH_ALLOWANCE_EM = 0.15
#: The space LibreOffice puts between Chinese and Latin text or digits (1/5 em; its .docx
#: import ignores w:autoSpaceDE/DN), at each change of script.
SCRIPT_CHANGE_EM = 0.2

#: A Tibetan letter (or tsheg) in em of the Chinese size beside it: 0.37 em of the Tibetan
#: run's own size as Tibetan Machine Uni prints it, which is a size up
#: (gbt9704.TIBETAN_SIZE_RATIO); rounded up so that a line never runs over.
TIBETAN_LETTER_EM = 0.45

TIBETAN_FIRST = 0x0F00
TIBETAN_LAST = 0x0FFF


def is_tibetan(char: str) -> bool:
    return TIBETAN_FIRST <= ord(char) <= TIBETAN_LAST


def split_tibetan(text: str) -> list[tuple[str, bool]]:
    """``text`` as consecutive ``(segment, is_tibetan)`` pieces that join back to ``text``.

    Whitespace belongs to the run it follows, so “བོད་ཡིག སྐད” stays one Tibetan run and a
    space never becomes a run of its own (which Word would show in yet another font).
    """
    pieces: list[tuple[str, bool]] = []
    current: list[str] = []
    current_tibetan: bool | None = None
    for char in text:
        tibetan = is_tibetan(char)
        if current_tibetan is None or (tibetan != current_tibetan and not char.isspace()):
            if current:
                pieces.append(("".join(current), bool(current_tibetan)))
            current = [char]
            current_tibetan = tibetan
        else:
            current.append(char)
    if current:
        pieces.append(("".join(current), bool(current_tibetan)))
    return pieces


def printed_width(text: str) -> float:
    """Printed width of ``text`` in em of its size, what a line or a table cell must hold so
    that the text stays on one line in every reader: full-width characters 1, half-width ½
    plus room for substitute fonts, the space at each change of script, a Tibetan letter
    :data:`TIBETAN_LETTER_EM` and its vowel signs and subjoined letters nothing (they stack)."""
    wide = [unicodedata.east_asian_width(c) in "WF" for c in text]
    changes = sum(a != b for a, b in zip(wide, wide[1:], strict=False))
    width = SCRIPT_CHANGE_EM * changes
    for char, full in zip(text, wide, strict=True):
        if is_tibetan(char):
            width += 0.0 if unicodedata.category(char) == "Mn" else TIBETAN_LETTER_EM
        else:
            width += 1.0 if full else 0.5 + HALF_WIDTH_ALLOWANCE_EM
    return width
