"""Near-duplicates of items already sent: same title, or mostly the same text."""

from __future__ import annotations

from hnclient.screening import EarlierItem, LabelledText, item_text, screen
from hnclient.screening.duplicates import (
    MAX_REPORTED,
    THRESHOLD,
    bigrams,
    find_duplicates,
    jaccard,
    normalise,
    sample_needed,
)

REPORT = (
    "2025年3月17日，共和县召开春耕生产工作会议，县委副书记、县长主持会议并讲话。"
    "会议传达学习了全州农牧业工作会议精神，安排部署了今年春耕备耕、农田水利建设和"
    "农业技术推广等重点工作。会议要求，各乡镇要把春耕生产作为当前的头等大事来抓，"
    "确保种子、化肥、农膜等农资供应充足，做好农机具检修，抓好病虫害防治。"
    "县农牧、水利、供销等部门负责人和各乡镇主要负责人参加会议。"
)
OTHER = (
    "3月12日，贵德县开展全民义务植树活动，县四大班子领导与机关干部职工、驻地部队官兵"
    "一千余人来到黄河沿岸生态廊道，挥锹铲土、扶苗培土，共栽植青海云杉、祁连圆柏等苗木"
    "八千余株。近年来，贵德县坚持生态保护优先，持续推进国土绿化，森林覆盖率逐年提高。"
)


def earlier(item_id: str, title: str, text: str) -> EarlierItem:
    return EarlierItem(item_id, title, text)


def test_same_title_after_normalising() -> None:
    [dup] = find_duplicates(
        "共和县召开 春耕生产工作会议！",
        OTHER,
        [earlier("a1", "共和县召开春耕生产工作会议", REPORT), earlier("a2", "植树", OTHER[:5])],
    )
    assert (dup.item_id, dup.same_title, dup.similarity) == ("a1", True, 0.0)
    assert normalise("ＡＢＣ　共和县，召开\u200b会议。") == "abc共和县召开会议"


def test_mostly_the_same_text() -> None:
    edited = REPORT.replace("2025年3月17日", "3月18日").replace(
        "县农牧、水利、供销等部门负责人和各乡镇主要负责人参加会议。", "各乡镇负责人参加会议。"
    )
    similarity = jaccard(bigrams(normalise(REPORT)), bigrams(normalise(edited)))
    assert THRESHOLD <= similarity < 1
    [dup] = find_duplicates("新的标题", edited, [earlier("a1", "旧标题", REPORT)])
    assert (dup.item_id, dup.title, dup.same_title) == ("a1", "旧标题", False)
    assert dup.similarity == round(similarity, 3)


def test_different_text_is_no_duplicate() -> None:
    assert find_duplicates("共和县春耕", REPORT, [earlier("b", "贵德县植树", OTHER)]) == []
    # the same subject from the same unit, another week: shares set phrases, not the text
    next_week = (
        "3月24日，共和县召开农牧业工作推进会议，县政府分管领导出席会议并讲话。会议听取了"
        "各乡镇春耕生产进展情况汇报，分析了当前农牧业生产面临的形势，对下一步工作进行了"
        "安排。会议强调，要抢抓农时，加快春播进度，确保粮食播种面积稳定。"
    )
    assert find_duplicates("推进会", next_week, [earlier("a1", "春耕会", REPORT)]) == []


def test_short_texts_are_compared_by_title_only() -> None:
    assert find_duplicates("甲", "会议", [earlier("x", "乙", "会议")]) == []


def test_the_item_itself_is_skipped_and_at_most_a_few_are_reported() -> None:
    many = [earlier(f"id{i}", "工作动态", REPORT) for i in range(MAX_REPORTED + 3)]
    found = find_duplicates("工作动态", REPORT, many, item_id="id0")
    assert len(found) == MAX_REPORTED
    assert "id0" not in {d.item_id for d in found}
    assert all(d.same_title and d.similarity == 1.0 for d in found)


def test_order_most_similar_first() -> None:
    edited = REPORT.replace("确保种子、化肥、农膜等农资供应充足，", "")
    found = find_duplicates(
        "春耕",
        REPORT,
        [
            earlier("title", "春耕", OTHER),
            earlier("near", "x", edited),
            earlier("same", "y", REPORT),
        ],
    )
    assert [d.item_id for d in found] == ["same", "near", "title"]


def test_sample_prefilter_bound() -> None:
    assert sample_needed(0.8) == 15
    assert 1 <= sample_needed(0.5) < sample_needed(0.8) < sample_needed(0.95) <= 32


def test_bigram_ids_count_distinct_pairs() -> None:
    for text in ("", "a", "ab", "abc", "abab", "共和县召开会议共和"):
        assert len(bigrams(text)) == len({text[i : i + 2] for i in range(len(text) - 1)})


def test_screen_reports_duplicates_with_the_earlier_item() -> None:
    texts = [
        LabelledText("title", "“标题”", "“Title”", "共和县召开春耕生产工作会议"),
        LabelledText("body", "“正文”", "“Body”", REPORT),
    ]
    sent = EarlierItem("7f3a", "共和县召开春耕生产工作会议", item_text(texts))
    [finding] = screen(texts, [], [sent])
    assert finding.kind == "duplicate" and finding.source == "item"
    assert (finding.earlier_id, finding.earlier_title) == ("7f3a", sent.title)
    assert finding.same_title and finding.similarity == 1.0
    assert "7f3a" in finding.message_zh() and "重复报送" in finding.message_zh()
    assert "7f3a" in finding.message_en()
    assert screen(texts, [], [sent], item_id="7f3a") == []
