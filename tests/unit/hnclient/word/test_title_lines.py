"""Title lines: between words, balanced (GB/T 9704 7.3.1), the officer's breaks kept."""

from __future__ import annotations

import pytest

from hnclient.items import Item
from hnclient.word.title_lines import (
    TITLE_LINE_EM,
    breaks_inside_word,
    title_lines,
    title_width,
    words,
)

TITLES = (
    "海南藏族自治州人民政府办公室关于印发海南州2026年冬春农牧区困难群众生活救助工作方案的通知",
    "青海省人民政府关于进一步加强和改进全省草原生态保护补助奖励政策实施工作的通知正式施行",
    "州政府副州长才让多杰调研贵南县森多镇乡村振兴工作",
    "关于印发《海南州“十四五”生态环境保护规划》的通知",
    "贵德县召开全县安全生产工作会议暨安全生产委员会第一次全体会议",
    "海南藏族自治州2026年度重点民生实事项目实施情况及全州农牧区人居环境整治提升工作推进情况的通报和下一步工作安排意见",
    "共和县 COVID-19 疫苗接种点调整及 5G 网络覆盖情况 བོད་ལྗོངས་ཀྱི་དཔལ་འབྱོར་ 说明",
)


@pytest.mark.parametrize("title", TITLES)
def test_lines_join_to_the_title_fit_and_never_cut_a_word(title: str) -> None:
    lines = title_lines(title)
    assert "".join(lines).replace(" ", "") == title.replace(" ", "")
    assert all(title_width(line) <= TITLE_LINE_EM for line in lines), lines
    for number, line in enumerate(lines[:-1]):
        assert not breaks_inside_word(line, lines[number + 1]), lines


@pytest.mark.parametrize("title", TITLES)
def test_lines_are_balanced_without_an_orphan(title: str) -> None:
    lines = title_lines(title)
    if len(lines) == 1:
        return
    widths = [title_width(line) for line in lines]
    assert max(widths) - min(widths) <= 6, lines  # like lengths: trapezoid or diamond
    assert widths[-1] >= 0.5 * max(widths), lines  # no orphan last line


def test_the_faults_of_the_issue_are_gone() -> None:
    """Issue 8 fault 3: “…正式施 / 行”, “青海省人 / 民政府”."""
    lines = title_lines(TITLES[1])
    assert not any(line.endswith("施") or line.endswith("青海省人") for line in lines)
    lines = title_lines(TITLES[0])
    assert len(lines) == 3 and lines[-1].endswith("方案的通知")
    # the issuing office stays whole on the first line, “关于印发” not split
    assert lines[0] in ("海南藏族自治州人民政府办公室", "海南藏族自治州人民政府办公室关于")
    assert "关于印发" in "|".join(lines)


def test_a_bilingual_title_sets_tibetan_and_chinese_apart() -> None:
    tibetan = "རྫོང་མི་དམངས་སྲིད་གཞུང་གིས་ལས་དོན་གལ་ཆེན་གཏན་འཁེལ།"
    assert title_lines(f"{tibetan} 共和县部署冬春工作") == (tibetan, "共和县部署冬春工作")
    # a short Tibetan word inside a Chinese title is not set apart
    assert len(title_lines("其他可公开信息：共和县示例信息 བོད་ཡིག")) == 1


def test_names_numbers_and_marks_stay_whole() -> None:
    assert "才让多杰" in "".join(
        line for line in title_lines(TITLES[2]) if "才" in line or "杰" in line
    )
    assert "青政〔2026〕12号" in words("青政〔2026〕12号文件落实情况")
    assert "2026年11月12日" in words("关于2026年11月12日召开会议的通知")
    assert "2026年" in words(TITLES[0])
    pieces = words("关于印发《海南州“十四五”规划》的通知")
    assert not any(p.startswith(("》", "”")) or p.endswith(("《", "“")) for p in pieces)
    assert "COVID-19" in "".join(words("共和县 COVID-19 疫苗")).split()


def test_a_short_title_stays_on_one_line() -> None:
    assert title_lines("共和县召开春季农牧业生产工作会议") == ("共和县召开春季农牧业生产工作会议",)
    assert title_lines("  ") == ()


def test_the_officers_break_wins_and_long_parts_are_still_broken() -> None:
    title = TITLES[0]
    at = title.index("关于")
    lines = title_lines(title, (at,))
    assert lines[0] == "海南藏族自治州人民政府办公室"
    short = "共和县召开会议关于春耕"
    assert title_lines(short, (5,)) == ("共和县召开", "会议关于春耕")
    # offsets outside the title are ignored
    assert title_lines(short, (0, 99, -3)) == (short,)


def test_a_ninety_character_title_prints_on_five_lines_or_fewer() -> None:
    title = (TITLES[5] + TITLES[4])[:90]
    lines = title_lines(title)
    assert "".join(lines) == title
    assert len(lines) <= 6
    assert all(title_width(line) <= TITLE_LINE_EM for line in lines)


def test_an_item_without_breaks_keeps_its_content_hash() -> None:
    item = Item(id="0" * 32, category="other", form_version=1, title="甲乙丙丁")
    assert "title_breaks" not in item.content()
    with_break = item.with_changes(title_breaks=(2,))
    assert with_break.content()["title_breaks"] == [2]
    assert with_break.content_hash() != item.content_hash()
    assert Item.from_content(with_break.content()).title_breaks == (2,)
    assert Item.from_content(
        {**item.content(), "title_breaks": ["x", True, 0, 3]}
    ).title_breaks == (3,)
