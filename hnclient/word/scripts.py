"""Splitting text into Tibetan and non-Tibetan runs.

Word picks a run's font from the run's properties, and no font a government PC uses for
Chinese (仿宋_GB2312, 方正小标宋简体) has Tibetan glyphs, so Tibetan text must sit in runs of
its own that name a Tibetan font. Qt and browsers fall back per glyph and need no such split,
but the HTML preview uses it as well, to show Tibetan in the same font the document asks for.
"""

from __future__ import annotations

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
