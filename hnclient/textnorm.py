"""The one rule for comparing text as officers type and paste it.

Text pasted from web pages, PDFs and chat programs carries characters the officer cannot see
or cannot tell apart from the ones they meant: zero-width spaces, soft hyphens, byte-order
marks and variation selectors inside words; full-width digits and letters from a Chinese input
method's full-width mode; CJK radicals that look exactly like ideographs (“⻓” U+2ED3 for “长”,
“⾦” U+2F26 for “金”) from PDFs whose fonts map glyphs to radicals; and a handful of middle
dots in minority names (才让·多杰, 才让・多杰). Matching and validation run on :func:`fold`;
what is stored, signed and published is always the text exactly as typed.

:func:`fold` does, per character:

* drops what never shows as a character of its own (:func:`is_invisible`): format characters
  (category Cf: zero-width space and joiners, word joiner, BOM, soft hyphen, direction marks,
  emoji tag characters), variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF, the Mongolian
  free variation selectors), the combining grapheme joiner, Hangul fillers, and control
  characters other than tab and line breaks;
* NFKC: full-width ASCII to ASCII, U+3000 to a space, compatibility ideographs and Kangxi
  radicals (U+2F00–U+2FDF) to unified ideographs;
* CJK Radicals Supplement (U+2E80–U+2EFF), which NFKC leaves alone (except ⺟ and ⻳), to the
  unified ideograph Unicode names as its equivalent (``EquivalentUnifiedIdeograph.txt``);
* every middle dot (· U+00B7, ・ U+30FB, ･ U+FF65, • U+2022, ‧ U+2027, ∙ U+2219, ⋅ U+22C5,
  ⸱ U+2E31, ꞏ U+A78F) to :data:`MIDDLE_DOT`;

and then composes the result (NFC), so it equals NFKC of the whole text wherever the extra
mappings do not apply. Case, spaces and line breaks are kept: callers that ignore them (the
search tokenizer, the classified-content guard) do so themselves. Combining marks are kept too,
because Tibetan vowel signs are combining marks; the guard in :mod:`hnclient.screening.folding`
drops them on top of this rule, for markings only.

The search index stores folded text: a change here must bump
:data:`hnclient.storage.search.SEARCH_SCHEME` so existing databases reindex at open.
"""

from __future__ import annotations

import re
import unicodedata

#: The dot every middle dot folds to: U+00B7, the 间隔号 of GB/T 15834.
MIDDLE_DOT = "\u00b7"
_MIDDLE_DOTS = frozenset("\u00b7\u0387\u30fb\uff65\u2022\u2027\u2219\u22c5\u2e31\ua78f")

#: CJK Radicals Supplement → unified ideograph, from Unicode's EquivalentUnifiedIdeograph.txt
#: (radical, ideograph; hex), plus ⻔ 2ED4 → 门 and ⻆ 2EC6 → 角, which PDFs produce for
#: those ideographs and whose glyphs are the ideographs'. Radicals that are only components
#: (⺮, ⻊ …) have no entry and stay as they are.
_SUPPLEMENT = """
2E80 51AB 2E81 5382 2E82 4E5B 2E83 4E5A 2E84 4E59 2E85 4EBB 2E86 5182 2E89 5202
2E8A 535C 2E8B 353E 2E8E 5140 2E8F 5C23 2E90 5C22 2E92 5DF3 2E93 5E7A 2E94 5F51
2E95 5F50 2E96 5FC4 2E97 38FA 2E98 624C 2E99 6535 2E9B 65E1 2E9D 6708 2E9E 6B7A
2E9F 6BCD 2EA0 6C11 2EA1 6C35 2EA2 6C3A 2EA3 706C 2EA5 722B 2EA6 4E2C 2EA8 72AD
2EAB 7F52 2EAC 793A 2EAD 793B 2EAF 7CF9 2EB0 7E9F 2EB1 7F53 2EB3 34C1 2EB4 34C1
2EB9 8002 2EBA 8080 2EBC 6708 2EBD 81FC 2EBE 8279 2EBF 8279 2EC0 8279 2EC1 864E
2EC2 8864 2EC3 8980 2EC4 897F 2EC5 89C1 2EC6 89D2 2EC8 8BA0 2EC9 8D1D 2ECB 8F66
2ECD 8FB6 2ECF 961D 2ED0 9485 2ED1 9577 2ED2 9578 2ED3 957F 2ED4 95E8 2ED6 961D
2ED8 9752 2ED9 97E6 2EDA 9875 2EDB 98CE 2EDC 98DE 2EDD 98DF 2EDF 98E0 2EE0 9963
2EE2 9A6C 2EE3 9AA8 2EE4 9B3C 2EE5 9C7C 2EE6 9E1F 2EE7 5364 2EE8 9EA6 2EE9 9EC4
2EEA 9EFE 2EEB 6589 2EEC 9F50 2EED 6B6F 2EEE 9F7F 2EEF 7ADC 2EF0 9F99 2EF1 9F9C
2EF2 4E80 2EF3 9F9F
"""
_pairs = _SUPPLEMENT.split()
RADICAL_SUPPLEMENT: dict[str, str] = {
    chr(int(radical, 16)): chr(int(ideograph, 16))
    for radical, ideograph in zip(_pairs[::2], _pairs[1::2], strict=True)
}
del _pairs

#: Shown as nothing, but not format characters: Hangul fillers, the braille blank, the
#: combining grapheme joiner, Mongolian free variation selectors.
_INVISIBLE_OTHERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u180b\u180c\u180d\u180f")
_KEPT_CONTROLS = frozenset("\t\n\r\v\f\x1c\x1d\x1e\x85")
#: Characters that fold to themselves: printable ASCII, tab and line breaks, CJK unified
#: ideographs (no decompositions). Everything else goes through :func:`fold_char`.
_OTHER_RUN = re.compile(r"[^\t\n\r -~\u4e00-\u9fff]+")


def is_invisible(char: str) -> bool:
    """True for a character that shows as nothing (see the module docstring)."""
    code = ord(char)
    if 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or char in _INVISIBLE_OTHERS:
        return True
    category = unicodedata.category(char)
    return category == "Cf" or (category == "Cc" and char not in _KEPT_CONTROLS)


def has_invisible(text: str) -> bool:
    """True if ``text`` has a character :func:`fold` would drop as invisible."""
    return any(is_invisible(c) for c in text if not (" " <= c <= "~"))


def _fold_one(char: str) -> str:
    if is_invisible(char):
        return ""
    if char in _MIDDLE_DOTS:
        return MIDDLE_DOT
    if char in RADICAL_SUPPLEMENT:
        return RADICAL_SUPPLEMENT[char]
    folded = unicodedata.normalize("NFKC", char)
    if folded == char:
        return char
    # NFKC may yield characters the extra mappings cover (･ → ・, ﹣ → -): fold those too.
    return "".join(_fold_one(c) if c != char else c for c in folded)


#: Distinct characters remembered (a hostile text could use every code point).
_CACHE_MAX = 50_000
_CACHE: dict[str, str] = {}


def fold_char(char: str) -> str:
    """One character folded: "" if invisible, else its matching form (one or more chars)."""
    folded = _CACHE.get(char)
    if folded is None:
        folded = _fold_one(char)
        if len(_CACHE) < _CACHE_MAX:
            _CACHE[char] = folded
    return folded


def _fold_run(match: re.Match[str]) -> str:
    return "".join(fold_char(c) for c in match.group())


def fold(text: str) -> str:
    """The form of ``text`` used to match and validate it; never stored or shown.

    >>> fold("才让・多杰") == fold("才让·多杰") == "才让·多杰"
    True
    >>> fold("１２３４５\u200b转８０１"), fold("⻓江⻢拉松"), fold("扶\ufe0f贫")
    ('12345转801', '长江马拉松', '扶贫')
    """
    folded = _OTHER_RUN.sub(_fold_run, text)
    if folded.isascii() or unicodedata.is_normalized("NFC", folded):
        return folded
    return unicodedata.normalize("NFC", folded)
