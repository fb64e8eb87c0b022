"""Classification markings, also with spaces and invisible characters between their characters."""

from __future__ import annotations

import pytest

from hnclient.forms import find_markings
from hnclient.screening.marks import LEVELS, PHRASES, iter_markings

#: Whatever pasted text puts between characters: ordinary, full-width and no-break spaces, a
#: tab, zero-width space/non-joiner/joiner, word joiner, BOM, soft hyphen, other format
#: characters (left-to-right mark, invisible times), a variation selector.
GAPS = [
    " ",
    "  ",
    "\u3000",
    "\u00a0",
    "\t",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u200e",
    "\u2062",
    "\ufe0f",
    " \u200b\u3000",
]
MARKINGS = [*LEVELS, *PHRASES, "机密★1年", "秘密★长期", "绝密★启用前", "秘密☆6个月", "★10年"]


def spread(word: str, gap: str) -> str:
    return gap.join(word)


@pytest.mark.parametrize("marking", MARKINGS)
@pytest.mark.parametrize("gap", GAPS, ids=[f"U+{ord(g[0]):04X}x{len(g)}" for g in GAPS])
def test_marking_found_with_anything_invisible_between(marking: str, gap: str) -> None:
    written = spread(marking, gap)
    text = f"据悉，今年{written}文件已下发。"
    [hit] = list(iter_markings(text))
    assert hit.canonical == marking
    assert (hit.start, hit.end) == (5, 5 + len(written))
    assert hit.text == written == text[hit.start : hit.end]
    assert hit.disguised


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("机密★１年", "机密★1年"),  # full-width digit
        ("机密 ★ ４５年", "机密★45年"),
        ("\uf967得外传", "不得外传"),  # CJK compatibility ideograph of 不
        ("秘密\u2605\u3000长期", "秘密★长期"),
    ],
)
def test_compatibility_forms_are_folded(text: str, canonical: str) -> None:
    [hit] = list(iter_markings(text))
    assert hit.canonical == canonical
    assert (hit.start, hit.end) == (0, len(text))


def test_offsets_map_back_to_the_original_text() -> None:
    text = "\u200b\u200b第一段\u3000内容。\n今年 机\u200b 密\u00ad★ 1年 文件，注意\ufeff保密。"
    hits = list(iter_markings(text))
    assert [(h.text, h.canonical) for h in hits] == [
        ("机\u200b 密\u00ad★ 1年", "机密★1年"),
        ("注意\ufeff保密", "注意保密"),
    ]
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
        assert text[hit.start : hit.core_end] == hit.core
    assert hits[0].core == "机\u200b 密\u00ad★"


@pytest.mark.parametrize(
    "text",
    [
        "机\n密",
        "机\r\n密",
        "机 \n 密",
        "机\u2028密",
        "机\u2029密",
        "内部\n资料",
        "机要密件",  # another CJK character between
        "秘书密切配合",
        "内部控制制度",
        "本件不涉密",
        "经审查，非涉密",
        "共和县召开春耕生产会议",
        "游客满意度☆☆☆☆",
        "★★★★★酒店",
        "★ ★ ★",
        "",
    ],
)
def test_no_marking(text: str) -> None:
    assert list(iter_markings(text)) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("揭开高原湖泊的秘密", ["秘密"]),  # ordinary prose still warns: the officer notes why
        ("★ 重点工作", ["★"]),  # a lone solid star
        ("机密\n★1年", ["机密", "★1年"]),
        ("机密★★", ["机密★"]),
        ("涉密人员培训", ["涉密"]),
        ("秘密、秘密", ["秘密", "秘密"]),
    ],
)
def test_markings_found(text: str, found: list[str]) -> None:
    assert [h.canonical for h in iter_markings(text)] == found


def test_period_is_part_of_the_match_but_not_of_the_form_warning() -> None:
    [hit] = list(iter_markings("机密 ★ 1年"))
    assert (hit.text, hit.core, hit.canonical) == ("机密 ★ 1年", "机密 ★", "机密★1年")
    assert find_markings("机密 ★ 1年") == ["机密 ★"]


@pytest.mark.parametrize(
    "text",
    [
        "会议传达了机\u200b密文件精神，秘　密★1年，内部 资料",
        "★ 内部资料，注意保密；不涉密；涉 密",
        "普通文字",
    ],
)
def test_form_warnings_and_guard_agree(text: str) -> None:
    assert find_markings(text) == list(dict.fromkeys(h.core for h in iter_markings(text)))
    assert bool(find_markings(text)) == bool(list(iter_markings(text)))
