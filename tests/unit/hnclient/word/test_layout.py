"""The neutral layout and the Tibetan run splitter."""

from __future__ import annotations

import pytest

from hnclient.forms import FormDef
from hnclient.word.layout import (
    Heading,
    LabelledField,
    MetaLine,
    Paragraph,
    SignOff,
    Table,
    build_layout,
    chinese_numeral,
    format_people,
    split_paragraphs,
)
from hnclient.word.scripts import split_tibetan
from tests.unit.hnclient.word.conftest import TIBETAN, sample_item


def test_split_tibetan_separates_scripts_and_joins_back() -> None:
    text = f"藏文{TIBETAN} སྐད་ཆ། 与中文 abc"
    pieces = split_tibetan(text)
    assert "".join(p for p, _ in pieces) == text
    assert pieces == [("藏文", False), (f"{TIBETAN} སྐད་ཆ། ", True), ("与中文 abc", False)]
    assert split_tibetan("") == []
    assert split_tibetan(TIBETAN) == [(TIBETAN, True)]


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("一\n二", ["一", "二"]),
        ("一\n\n\n二\r\n三", ["一", "二", "三"]),
        ("\u3000\u3000首行缩进已手工输入", ["首行缩进已手工输入"]),
        ("  \n", []),
    ],
)
def test_body_is_split_on_newlines_and_blank_lines(text: str, paragraphs: list[str]) -> None:
    assert split_paragraphs(text) == paragraphs


def test_people_as_position_and_name() -> None:
    people = [{"name": "张三", "position": "副州长"}, {"name": "李四", "position": ""}, {}]
    assert format_people(people) == "副州长 张三、李四"


def test_chinese_numerals() -> None:
    assert [chinese_numeral(n) for n in (1, 10, 11, 16, 20, 21)] == [
        "一", "十", "十一", "十六", "二十", "二十一",
    ]  # fmt: skip


def test_category_layout_order_and_sign_off(forms: dict[str, FormDef]) -> None:
    form = forms["leadership"]
    layout = build_layout(sample_item(form), form, unit="贵南县人民政府")
    blocks = layout.blocks
    assert blocks[1] == MetaLine("贵南县人民政府　2025年3月18日")
    assert blocks[2] == MetaLine("发布渠道：门户网站、政务微信")
    fields = [b for b in blocks if isinstance(b, LabelledField)]
    assert fields[0] == LabelledField("活动类型", "工作动态")
    assert LabelledField("时间", "2025年3月18日 09:30") in fields
    assert any(isinstance(b, Table) for b in blocks)
    assert isinstance(blocks[-1], SignOff) and blocks[-1].leader == ""
    body_index = blocks.index(Paragraph("正文第一段。"))
    assert Heading("正文") not in blocks  # the body has no heading of its own
    assert blocks[body_index - 1] == Paragraph(f"参加人员/单位第二段 {TIBETAN}。")
    assert Heading("参加人员/单位") in blocks  # other multiline fields keep their label


def test_empty_category_fields_are_left_out(forms: dict[str, FormDef]) -> None:
    form = forms["leadership"]
    item = sample_item(form, values={"body": "只有正文。", "leaders": []})
    texts = list(build_layout(item, form).texts())
    assert "只有正文。" in texts
    assert not any(t.startswith("出席领导") for t in texts)
