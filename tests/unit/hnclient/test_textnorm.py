"""The one folding rule for matching and validation (issue 9, item 15)."""

from __future__ import annotations

import doctest
import unicodedata

import pytest

from hnclient import textnorm
from hnclient.screening.folding import fold_for_marks
from hnclient.textnorm import MIDDLE_DOT, RADICAL_SUPPLEMENT, fold, fold_char, has_invisible


def test_docstring_examples() -> None:
    assert doctest.testmod(textnorm).failed == 0


def test_plain_text_is_unchanged() -> None:
    for text in ["", "共和县召开2025年春季工作会议", "GDP grew 6.5%\n第二段\tTab", "བོད་ཡིག"]:
        assert fold(text) == text


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("１２３４５", "12345"),
        ("ＧＤＰ", "GDP"),
        ("８．５％", "8.5%"),
        ("（０９７４）", "(0974)"),
        ("秘\u3000密", "秘 密"),  # ideographic space → space (kept: callers decide)
        ("\u2fa6融", "金融"),  # Kangxi radical ⾦ (NFKC)
        ("\uf900", "\u8c48"),  # compatibility ideograph
        ("\u2ed3江", "长江"),  # ⻓ CJK Radicals Supplement, not in NFKC
        ("\u2ee2拉松", "马拉松"),  # ⻢
        ("出\u2ed4", "出门"),  # ⻔
        ("\u2ec9壳", "贝壳"),  # ⻉
        ("\u2e9f亲", "母亲"),  # ⺟ (NFKC covers this one too)
        ("e\u0301", "é"),  # composed, as NFKC would
    ],
)
def test_fold(typed: str, folded: str) -> None:
    assert fold(typed) == folded


@pytest.mark.parametrize(
    "invisible",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u202e", "\u2066",
     "\ufe00", "\ufe0f", "\U000e0100", "\U000e01ef", "\u034f", "\u180b", "\u3164", "\x00",
     "\x7f", "\U000e0041"],
)  # fmt: skip
def test_invisible_characters_are_dropped(invisible: str) -> None:
    assert fold(f"扶{invisible}贫") == "扶贫"
    assert fold(f"ab{invisible}c") == "abc"
    assert has_invisible(f"扶{invisible}贫")


def test_line_breaks_tabs_and_combining_marks_are_kept() -> None:
    assert fold("a\nb\r\nc\td") == "a\nb\r\nc\td"
    assert fold("བོད") == "བོད"  # Tibetan vowel signs are combining marks
    assert not has_invisible("a\nb\tc བོད")


@pytest.mark.parametrize("dot", ["·", "・", "･", "•", "‧", "∙", "⋅", "\u0387", "\u2e31"])
def test_middle_dots_are_one_dot(dot: str) -> None:
    assert fold(f"才让{dot}多杰") == f"才让{MIDDLE_DOT}多杰" == fold("才让·多杰")


def test_emoji_survive_without_their_selectors_and_joiners() -> None:
    assert fold("😀") == "😀"
    assert fold("❤️") == "❤"
    assert fold("👨\u200d👩\u200d👧") == "👨👩👧"
    assert fold("👍🏽") == "👍🏽"


def test_radical_supplement_table() -> None:
    assert len(RADICAL_SUPPLEMENT) > 80
    for radical, ideograph in RADICAL_SUPPLEMENT.items():
        assert 0x2E80 <= ord(radical) <= 0x2EFF
        assert unicodedata.name(radical).startswith("CJK RADICAL")
        assert unicodedata.name(ideograph).startswith("CJK UNIFIED IDEOGRAPH")
        # Where NFKC already maps a radical, the table agrees with it.
        nfkc = unicodedata.normalize("NFKC", radical)
        assert nfkc in (radical, ideograph)


def test_every_kangxi_radical_folds_to_an_ideograph() -> None:
    for code in range(0x2F00, 0x2FD6):
        folded = fold(chr(code))
        assert len(folded) == 1 and unicodedata.name(folded).startswith("CJK UNIFIED")


def test_fold_is_idempotent() -> None:
    sample = "".join(chr(c) for c in range(0x20, 0x3000)) + "".join(RADICAL_SUPPLEMENT)
    assert fold(fold(sample)) == fold(sample)
    for char in sample:
        once = fold_char(char)
        assert fold(once) == unicodedata.normalize("NFC", once), hex(ord(char))


def test_the_marking_guard_uses_the_same_rule() -> None:
    # One home: the guard's fold is textnorm's plus dropping spaces and combining marks.
    for text in ["机\u200b密", "⻓江", "才让・多杰", "８６号", "绝\ufe0f密"]:
        assert fold_for_marks(text).text == fold(text).replace(" ", "")
