"""The neutral layout and the Tibetan run splitter."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from hnclient.forms import FormDef
from hnclient.word import layout as layout_module
from hnclient.word.layout import (
    DRAFT_MARK,
    Heading,
    LabelledField,
    MetaLine,
    Paragraph,
    SignOff,
    SignOffBox,
    Summary,
    Table,
    build_layout,
    chinese_numeral,
    format_people,
    post_and_name,
    split_paragraphs,
)
from hnclient.word.office import Closing, Contact, ElementTable, ReportInfo
from hnclient.word.scripts import split_tibetan
from tests.unit.hnclient.word.conftest import TIBETAN, sample_item, sample_sign_off


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
    assert format_people(people) == "副州长张三、李四"  # no half-width space between them
    # a space stays only where a side is not Chinese (a Latin or Tibetan name)
    assert post_and_name("局长", "Tashi") == "局长 Tashi"
    assert post_and_name(" 县长 ", "བཀྲ་ཤིས") == "县长 བཀྲ་ཤིས"
    assert post_and_name("", "王五") == "王五"


def test_chinese_numerals() -> None:
    assert [chinese_numeral(n) for n in (1, 10, 11, 16, 20, 21)] == [
        "一", "十", "十一", "十六", "二十", "二十一",
    ]  # fmt: skip


def test_category_layout_order_and_sign_off(forms: dict[str, FormDef]) -> None:
    form = forms["leadership"]
    contact = Contact("卓玛", "0974-8512655")
    layout = build_layout(sample_item(form), form, unit="贵南县人民政府", contact=contact)
    blocks = layout.blocks
    assert blocks[1] == MetaLine("贵南县人民政府　2025年3月18日")
    assert isinstance(blocks[2], Summary)  # then the text: bookkeeping no longer before it
    assert not any(isinstance(b, LabelledField) for b in blocks)
    body_index = blocks.index(Paragraph("正文第一段。"))
    assert body_index == 3
    assert Heading("正文") not in blocks  # the body has no heading of its own
    assert any(isinstance(b, Table) for b in blocks)  # a published field: with the text
    assert blocks[-1] == SignOffBox()  # no approval: an empty box for a handwritten one
    report = blocks[-2]
    assert isinstance(report, ReportInfo) and "不公开发布" in report.heading
    rows = dict(report.rows)
    assert list(rows)[:3] == ["信息类别", "报送单位", "发布渠道"]
    assert rows["发布渠道"] == "门户网站、政务微信"
    assert rows["活动类型"] == "工作动态" and rows["时间"] == "2025年3月18日 09:30"
    assert rows["参加人员/单位"] == f"参加人员/单位第一段。\n参加人员/单位第二段 {TIBETAN}。"
    assert list(rows)[-2:] == ["联系人", "联系电话"]
    assert (rows["联系人"], rows["联系电话"]) == ("卓玛", "0974-8512655")
    assert layout.draft_mark == DRAFT_MARK == "草稿，未经审核"
    assert layout.sign_off is None
    # without a contact the gap is named, not hidden
    bare_report = build_layout(sample_item(form), form).blocks[-2]
    assert isinstance(bare_report, ReportInfo)
    bare = dict(bare_report.rows)
    assert bare["联系人"] == bare["联系电话"] == bare["报送单位"] == "（未填写）"


def test_announcement_ends_with_its_closing(forms: dict[str, FormDef]) -> None:
    """特此公告 after the published fields, 附件说明, then the 落款 (GB/T 9704 7.3.5.2)."""
    form = forms["services"]
    item = sample_item(form)
    values = {**item.values, "info_type": "announcement", "issuing_authority": "共和县人民政府"}
    values["body"] = "经研究，决定对下列事项予以公告。"
    blocks = build_layout(item.with_changes(values=values), form, unit="共和县政府办").blocks
    texts = [getattr(b, "text", "") for b in blocks]
    formula = texts.index("特此公告。")
    assert blocks[formula - 2] == LabelledField("联系电话", "0974-8512655")
    closing = next(b for b in blocks if isinstance(b, Closing))
    assert (closing.signer, closing.date) == ("共和县人民政府", "2025年3月18日")
    assert blocks.index(closing) > formula
    rows = dict(next(b for b in blocks if isinstance(b, ReportInfo)).rows)
    assert rows["信息类型"] == "公告" and "联系电话" not in list(rows)[:-1]
    # an announcement pasted whole: its own formula and 落款 are not printed twice
    values["body"] = "经研究，决定如下。\n特此公告。\n共和县自然资源局\n2026年3月1日"
    blocks = build_layout(item.with_changes(values=values), form).blocks
    texts = [getattr(b, "text", "") for b in blocks]
    assert texts.count("特此公告。") == 1 and "共和县自然资源局" not in texts
    closing = next(b for b in blocks if isinstance(b, Closing))
    assert (closing.signer, closing.date) == ("共和县自然资源局", "2026年3月1日")
    # a 便民告示 has no 落款
    values["info_type"] = "convenience"
    blocks = build_layout(item.with_changes(values=values), form).blocks
    assert not any(isinstance(b, Closing) for b in blocks)


def test_closing_indents_follow_gbt9704() -> None:
    """The date's first character two characters right of the signature's; a longer date
    stands 右空二字 and pushes the signature left."""
    # on a 28-character line: 共和县人民政府 ends 2 characters in, starts at 19; the date at 21
    assert Closing("共和县人民政府", "2026年3月1日", 7.0, 4.0).indents(28) == (2.0, 21.0)
    # a date longer than that: it ends 2 characters in (starts at 20), the signature at 18
    assert Closing("民政局", "2026年12月31日", 3.0, 6.0).indents(28) == (7.0, 20.0)


def test_empty_category_fields_are_left_out(forms: dict[str, FormDef]) -> None:
    form = forms["leadership"]
    item = sample_item(form, values={"body": "只有正文。", "leaders": []})
    texts = list(build_layout(item, form).texts())
    assert "只有正文。" in texts
    assert not any(t.startswith("出席领导") for t in texts)


def test_approved_layout_ends_in_the_sign_off_and_has_no_draft_mark(
    forms: dict[str, FormDef],
) -> None:
    form = forms["other"]
    sign_off = sample_sign_off()
    layout = build_layout(sample_item(form), form, sign_off=sign_off)
    assert layout.blocks[-1] is sign_off and layout.sign_off is sign_off
    assert layout.draft_mark == ""
    assert not any(isinstance(b, SignOffBox) for b in layout.blocks)
    texts = list(layout.texts())
    assert texts[-8:] == [
        "本单位审核签发",
        "签发人", "副县长王五（代李四签发）",
        "签发意见", "同意",
        "签发时间", "2026年12月1日 02:30",
        "电子签发校验码：9b1f6c0d2e3a4b5c　签名密钥：3f9a0c7e11d2b4a8",
    ]  # fmt: skip


def test_sign_off_rows_in_china_standard_time() -> None:
    sign_off = sample_sign_off()  # 2026-11-30 18:30 UTC
    assert sign_off.rows() == (
        ("签发人", "副县长王五（代李四签发）"),
        ("签发意见", "同意"),
        ("签发时间", "2026年12月1日 02:30"),
    )
    cst = timezone(timedelta(hours=8))
    assert sample_sign_off(signed_at=datetime(2026, 11, 30, 14, 5, tzinfo=cst)).time_text() == (
        "2026年11月30日 14:05"
    )
    at = datetime(2026, 1, 15, 9, 0, tzinfo=timezone(timedelta(hours=-5)))  # 14:00 UTC
    assert sample_sign_off(signed_at=at).time_text() == "2026年1月15日 22:00"
    assert sample_sign_off(signed_at=None).time_text() == ""


def test_china_time_needs_no_zone_database() -> None:
    """Windows has no zone database unless ``tzdata`` is installed: the printed time comes from
    the one fixed-offset clock (hnclient.china_time), exact since 1991."""
    from hnclient.china_time import CHINA_TZ

    assert layout_module.china_tz() is CHINA_TZ
    assert sample_sign_off().time_text() == "2026年12月1日 02:30"


def test_signer_without_deputy_is_post_and_name() -> None:
    assert sample_sign_off(deputy_for="").signer_text() == "副县长王五"
    assert sample_sign_off(deputy_for="", post="").signer_text() == "王五"


def test_naive_signing_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        sample_sign_off(signed_at=datetime(2026, 11, 30, 14, 5))


def test_fingerprint_is_the_first_16_hex_of_the_content_hash() -> None:
    sign_off = sample_sign_off()
    assert (
        sign_off.fingerprint_text()
        == "电子签发校验码：9b1f6c0d2e3a4b5c　签名密钥：3f9a0c7e11d2b4a8"
    )
    prefixed = sample_sign_off(content_hash="sha256:" + "AB" * 32, key_id="")
    assert prefixed.fingerprint_text() == "电子签发校验码：abababababababab"
    assert sample_sign_off(content_hash="").fingerprint_text() == ""


def test_sign_off_is_frozen_with_the_agreed_fields() -> None:
    from dataclasses import FrozenInstanceError, fields

    assert [f.name for f in fields(SignOff)] == [
        "signer", "post", "opinion", "signed_at", "deputy_for", "signature_png", "key_id",
        "content_hash",
    ]  # fmt: skip
    with pytest.raises(FrozenInstanceError):
        sample_sign_off().opinion = "不同意"  # type: ignore[misc]


def test_attachment_note_follows_the_body_before_the_photos(forms: dict[str, FormDef]) -> None:
    """GB/T 9704 7.3.4: 附件说明 under the body; names without extension; one is not numbered."""
    from hnclient.word.layout import AttachmentNote, Image, attachment_title

    def ref(name: str, kind: str, n: int) -> dict[str, object]:
        return {"sha256": f"{n:064x}", "name": name, "size": 1, "kind": kind}

    form = forms["other"]
    photo = ref("现场.jpg", "jpeg", 1)
    one = sample_item(form, cover=None, attachments=(photo, ref("工作方案.docx", "docx", 2)))
    blocks = build_layout(one, form).blocks
    note = next(b for b in blocks if isinstance(b, AttachmentNote))
    assert note.lines() == ("附件：工作方案",)
    assert blocks.index(note) < next(n for n, b in enumerate(blocks) if isinstance(b, Image))
    several = one.with_changes(
        attachments=(ref("明细表.xlsx", "xlsx", 3), photo, ref("会议视频.wmv", "wmv", 4))
    )
    note = next(b for b in build_layout(several, form).blocks if isinstance(b, AttachmentNote))
    assert note.lines() == ("附件：1.明细表", "2.会议视频")
    assert attachment_title("关于2026年工作的通知。.pdf") == "关于2026年工作的通知"
    assert attachment_title("青政〔2026〕12号") == "青政〔2026〕12号"
    assert attachment_title("v1.2 说明") == "v1.2 说明"


def test_tables_carry_a_caption_numbered_per_document(forms: dict[str, FormDef]) -> None:
    form = forms["leadership"]
    blocks = build_layout(sample_item(form), form).blocks
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [t.caption for t in tables] == ["表1 进展和指标完成情况"]
    assert Heading("进展和指标完成情况") not in blocks  # the caption names it once


def test_service_guide_is_one_element_table(forms: dict[str, FormDef]) -> None:
    guide = forms["service_guide"]
    item = sample_item(guide)
    values = {**item.values, "online_url": "", "fees": ""}
    values["materials"] = [
        {"name": "居民身份证", "form": "original", "copies": "1", "remarks": "本人签字"},
        {"name": "申请表", "form": "copy", "copies": "2", "remarks": ""},
    ]
    blocks = build_layout(item.with_changes(values=values), guide).blocks
    assert not any(isinstance(b, Heading | Table) for b in blocks)
    (table,) = [b for b in blocks if isinstance(b, ElementTable)]
    assert table.columns == ("要素", "内容")
    rows = dict(table.rows)
    assert list(rows)[:3] == ["事项名称", "事项类型", "设定依据"] and len(rows) == 16
    assert rows["事项名称"] == item.title
    assert rows["网上办理地址"] == "无" and rows["收费标准及依据"] == "（未填写）"
    assert rows["申请材料"] == "1.居民身份证（原件，1份，本人签字）\n2.申请表（复印件，2份）"
    assert rows["常见问题"].startswith("问：问题示例\n答：解答示例")


@pytest.mark.parametrize(
    ("text", "numeric"),
    [
        ("1,234.5", True), ("−3.2%", True), ("-2.1", True), ("12.6亿元", True), ("35人次", True),
        ("7", True), ("98 %", True), ("2026年3月18日", False), ("第3季度", False),
        ("已完成", False), ("3项任务已完成", False), ("", False),
    ],
)  # fmt: skip
def test_numeric_cells(text: str, numeric: bool) -> None:
    assert layout_module.is_numeric(text) is numeric


def test_column_widths_follow_content() -> None:
    name = "全县农牧区人居环境整治暨高标准农田建设任务"
    columns = ("指标名称", "统计日期", "完成值")
    rows = ((name, "2026年11月12日", "1,234.5"), ("短名", "2026年3月1日", "7"))
    widths = layout_module.column_widths(columns, rows, 31.6, 0.4)
    assert abs(sum(widths) - 31.6) < 1e-6
    date_needs = layout_module.printed_width("2026年11月12日") + 0.4
    assert widths[1] >= date_needs  # a date is never broken
    assert widths[0] > widths[1] > widths[2]
    # All fits: every column gets what it wants, the spare width in proportion.
    short = layout_module.column_widths(("名称", "数量"), (("甲", "1"),), 31.6, 0.4)
    assert abs(sum(short) - 31.6) < 1e-6 and short[0] > short[1] * 0.9
    # Too many columns for the width: minimums shrink together, still the full width.
    many = layout_module.column_widths(tuple(f"第{n}列指标名称" for n in range(8)), (), 31.6, 0.4)
    assert abs(sum(many) - 31.6) < 1e-6
    assert layout_module.display_width("2026年") == 3.0
