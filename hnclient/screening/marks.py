"""The classification-marking rule: the one place that decides what a marking is.

Notice 四(二) forbids putting 涉密文件、信息 online; domain.md rule 2 has the client warn on
classification markings. Both the form warnings (:mod:`hnclient.forms.markings`) and the
guard before review (:mod:`hnclient.screening`) call :func:`iter_markings`, so they cannot
disagree about what is a marking or where it is.

What counts:

* a level — 绝密, 机密, 秘密 — optionally with its star and period as GB/T 9704 prints it
  ("机密★1年", "秘密★长期", "绝密★启用前"; a hollow ☆ or another star glyph too);
* a star with a period but without a level ("★1年"): what is left when the level is cut;
* a lone solid ★ that is not one of a run of stars ("★★★★" is a rating or decoration, as is
  any hollow ☆ on its own). GB/T 9704 uses ★ only between a level and its period, so a lone
  one is often the rest of a marking whose words were deleted; as a bullet it is a false
  alarm the officer clears with one note;
* the internal-use phrases 内部资料, 内部文件, 仅供内部, 不得外传, 注意保密, and 涉密 (but not
  in 不涉密/非涉密, which say the opposite).

All of them also when written with spaces, full-width spaces, no-break spaces or invisible
characters between their characters, or in full-width/compatibility forms
(:mod:`hnclient.screening.folding`), but never across a line break or another character.
A marking in ordinary prose ("揭开高原湖泊的秘密") is still reported: it is a warning, and
the officer either rewrites it or notes why it may stay.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from hnclient.screening.folding import fold_for_marks

LEVELS = ("绝密", "机密", "秘密")
PHRASES = ("内部资料", "内部文件", "仅供内部", "不得外传", "注意保密", "涉密")
#: Star glyphs a level may carry; only the solid ★ counts on its own.
STARS = "★☆⭐✩✪✫✬✭✮✯✰"
SOLID_STAR = "★"
#: A period after the star: "1年", "6个月", "长期", "启用前" (GB/T 9704 7.2.2).
_PERIOD = (
    r"(?:[0-9]{1,3}(?:年|个月|月|日|天)|[一二三四五六七八九十两]{1,3}(?:年|个月)"
    r"|长期|永久|启用前)"
)
_STAR = f"[{STARS}]"
_MARKING_RE = re.compile(
    rf"(?P<level>{'|'.join(LEVELS)})(?:(?P<star>{_STAR})(?P<period>{_PERIOD})?)?"
    rf"|(?<![不非])(?P<phrase>{'|'.join(PHRASES)})"
    rf"|(?P<lone>{_STAR})(?P<lone_period>{_PERIOD})"
    rf"|(?<!{_STAR})(?P<solid>{SOLID_STAR})(?!{_STAR})"
)
#: Characters a marking can start with, for a quick "none here" on normalised text.
_STARTS = re.compile(f"[{''.join(sorted({w[0] for w in LEVELS + PHRASES}))}{STARS}]")


@dataclass(frozen=True, slots=True)
class MarkingMatch:
    """One marking, located in the original text.

    ``start:end`` covers the whole marking with its period ("机密 ★ 1年");
    ``start:core_end`` the marking without the period ("机密 ★"), which is what the form
    warnings have always named. ``canonical`` is the folded form ("机密★1年"): what the
    marking says, whatever spaces or forms it was written with.
    """

    start: int
    end: int
    core_end: int
    text: str
    core: str
    canonical: str

    @property
    def lone_star(self) -> bool:
        """A star without a level or phrase ("★", "★1年")."""
        return self.canonical[0] in STARS

    @property
    def disguised(self) -> bool:
        """Written with spaces, invisible characters or compatibility forms in between."""
        return self.text != self.canonical


def iter_markings(text: str) -> Iterator[MarkingMatch]:
    """Every marking in ``text``, in order, with offsets into ``text`` itself."""
    if not text or (unicodedata.is_normalized("NFKC", text) and not _STARTS.search(text)):
        return
    folded = fold_for_marks(text)
    for m in _MARKING_RE.finditer(folded.text):
        start, end = folded.span(m.start(), m.end())
        if m.group("period") is not None:
            core_end = folded.span(m.start(), m.end("star"))[1]
        elif m.group("lone_period") is not None:
            core_end = folded.span(m.start(), m.end("lone"))[1]
        else:
            core_end = end
        yield MarkingMatch(
            start=start,
            end=end,
            core_end=core_end,
            text=text[start:end],
            core=text[start:core_end],
            canonical=m.group(),
        )
