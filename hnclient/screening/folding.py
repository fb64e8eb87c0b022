"""Folding text for matching, with a map back to the original offsets.

Text pasted from web pages, PDFs and chat programs often carries spaces, full-width spaces,
no-break spaces and invisible characters between its characters ("机 密", "秘　密",
"绝\u200b密"), and full-width or compatibility forms ("１３８", "⾦"). Matching runs on a
folded copy: each character is folded on its own, the characters that do not show
(or show as blank) are dropped, and line breaks are kept as "\n" so that no match spans two
lines or paragraphs. ``origin[j]`` is the index in the original text of folded character
``j``, so a match maps back to exactly the characters the officer sees.

The character rule is :func:`hnclient.textnorm.fold_char`, the one the search index and the
form checks use (invisible characters, NFKC, radical look-alikes, middle dots); this module
adds only what the guard needs on top: the handling of spaces and line breaks below, and the
dropping of every combining mark, control, private-use and unassigned character, because an
overlaid stroke or an odd code point inside “机̶密” must not hide a marking.

Two folds: :func:`fold_for_marks` also drops spaces (a marking is a word, and words have no
spaces inside); :func:`fold_for_numbers` keeps each space as one " ", because a space is what
separates "138 1234 5678" from a neighbouring number.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass

from hnclient.textnorm import fold_char, is_invisible

#: What ``str.splitlines`` splits on: a match never crosses one of these.
LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")
#: Dropped by the guard on top of :func:`hnclient.textnorm.is_invisible`: controls,
#: surrogates, private use, unassigned, and combining marks (overlaid strokes).
_GUARD_DROPS = frozenset({"Cc", "Cs", "Co", "Cn", "Mn", "Me"})
#: Runs of characters that fold to themselves in both folds (printable ASCII but the
#: space, and CJK unified ideographs, which have no compatibility decompositions).
_PLAIN_RUN = re.compile(r"[!-~\u4e00-\u9fff]+")


@dataclass(frozen=True, slots=True)
class Folded:
    """A folded copy of a text and where each of its characters came from."""

    text: str
    origin: array[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded characters ``start:end`` (``end > start``)."""
        return self.origin[start], self.origin[end - 1] + 1


def _fold_char(char: str, keep_spaces: bool) -> str:
    if char in LINE_BREAKS:
        return "\n"
    category = unicodedata.category(char)
    if category in ("Zs", "Zl", "Zp") or char == "\t":
        return " " if keep_spaces else ""
    if category in _GUARD_DROPS or is_invisible(char):
        return ""
    folded = fold_char(char)
    if folded == char:
        return char
    # NFKC may produce spaces or combining marks ("¨" → " ̈"); fold those too.
    return "".join(_fold_char(c, keep_spaces) for c in folded)


#: Distinct characters remembered per fold (a hostile text could use every code point).
_CACHE_MAX = 50_000
_CACHES: tuple[dict[str, str], dict[str, str]] = ({}, {})


def _fold(text: str, keep_spaces: bool) -> Folded:
    cache = _CACHES[keep_spaces]
    pieces: list[str] = []
    origin = array("Q" if len(text) >= 2**32 else "I")
    position = 0
    length = len(text)
    while position < length:
        plain = _PLAIN_RUN.match(text, position)
        if plain is not None:
            end = plain.end()
            pieces.append(plain.group())
            origin.extend(range(position, end))
            position = end
            continue
        char = text[position]
        folded = cache.get(char)
        if folded is None:
            folded = _fold_char(char, keep_spaces)
            if len(cache) < _CACHE_MAX:
                cache[char] = folded
        if folded:
            pieces.append(folded)
            origin.extend([position] * len(folded))
        position += 1
    return Folded("".join(pieces), origin)


def fold_for_marks(text: str) -> Folded:
    """Each character folded; spaces and invisible characters dropped; line breaks kept."""
    return _fold(text, keep_spaces=False)


def fold_for_numbers(text: str) -> Folded:
    """Each character folded; each space kept as " "; invisible characters dropped."""
    return _fold(text, keep_spaces=True)
