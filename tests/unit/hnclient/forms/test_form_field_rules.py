"""Each field rule, with a value that passes and one that fails."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hnclient.forms import Choice, FieldDef, FieldType, FormDef, Problem, has_errors, validate_item
from hnclient.items import Item

TODAY = date(2025, 3, 18)

MEETING, SPEECH = Choice("meeting", "重要会议", "Meeting"), Choice("speech", "重要讲话", "S")
KIND = FieldDef("kind", FieldType.CHOICE, "活动类型", "Kind", choices=(MEETING, SPEECH))
COLUMNS = (
    FieldDef("indicator", FieldType.TEXT, "指标名称", "Indicator", required=True, max_length=10),
    FieldDef("value", FieldType.NUMBER, "完成值", "Value"),
    FieldDef("due", FieldType.DATE, "完成时限", "Due"),
)
FORM = FormDef(
    key="sample",
    version=1,
    title="示例",
    title_en="Sample",
    section="三（二）",
    fields=(
        FieldDef("body", FieldType.MULTILINE, "正文", "Main text", required=True, max_length=20),
        FieldDef(
            "doc_no",
            FieldType.TEXT,
            "文号",
            "Doc no.",
            pattern=r".+〔\d{4}〕\d+号",
            pattern_message="请写成“南政办〔2015〕86号”的形式。",
        ),  # fmt: skip
        FieldDef("day", FieldType.DATE, "发布日期", "Date issued"),
        FieldDef("time", FieldType.DATETIME, "会议时间", "Meeting time", required=True),
        KIND,
        FieldDef("link", FieldType.URL, "相关链接", "Link"),
        FieldDef("phone", FieldType.PHONE, "联系电话", "Phone"),
        FieldDef("amount", FieldType.NUMBER, "金额", "Amount"),
        FieldDef("chair", FieldType.PEOPLE, "主持人", "Chair", max_rows=2),
        FieldDef("rows", FieldType.TABLE, "指标", "Indicators", columns=COLUMNS, min_rows=2),
        FieldDef("start", FieldType.DATE, "有效期起", "From"),
        FieldDef("end", FieldType.DATE, "有效期止", "Until", not_before="start"),
    ),
)
VALID: dict[str, Any] = {
    "body": "正文内容",
    "time": "2025-03-18T09:30",
    "rows": [{"indicator": "粮食产量", "value": "12.5"}, {"indicator": "牛羊出栏", "value": "3"}],
}


def problems_for(make_item: Any, **values: Any) -> list[Problem]:
    item: Item = make_item("sample", values={**VALID, **values})
    return validate_item(FORM, item, TODAY)


def codes(problems: list[Problem]) -> list[tuple[str, str, int | None, str | None]]:
    return [(p.field, p.code, p.row, p.column) for p in problems]


def test_valid_values_pass(make_item: Any) -> None:
    assert problems_for(make_item) == []


@pytest.mark.parametrize("empty", [None, "", "   \n\t", "\u3000"])
def test_required_text(make_item: Any, empty: Any) -> None:
    problems = problems_for(make_item, body=empty)
    assert codes(problems) == [("body", "required", None, None)]
    assert problems[0].is_error and has_errors(problems)


def test_required_message_names_the_label(make_item: Any) -> None:
    (problem,) = problems_for(make_item, time="")
    assert problem.message == "“会议时间”不能为空，请填写日期和时间，如 2025-03-18 09:30。"
    assert "Meeting time" in problem.message_en


def test_required_message_includes_the_hint(forms: Any, make_item: Any) -> None:
    item = make_item("service_guide", values={"fees": " "})
    fees = next(p for p in validate_item(forms["service_guide"], item, TODAY) if p.field == "fees")
    assert fees.message.startswith("“收费标准及依据”不能为空，请填写。提示：")
    assert "不收费" in fees.message


def test_max_length_counts_code_points_after_stripping(make_item: Any) -> None:
    assert problems_for(make_item, body="  " + "字" * 20 + "\n") == []
    (problem,) = problems_for(make_item, body="字" * 21)
    assert problem.code == "too_long" and "“正文”最多20个字，现在有21个字" in problem.message
    assert problems_for(make_item, body="བོད་ཡིག" * 2) == []  # 14 code points


def test_pattern(make_item: Any) -> None:
    assert problems_for(make_item, doc_no="南政办〔2015〕86号") == []
    (problem,) = problems_for(make_item, doc_no="南政办[2015]86号")
    assert problem.code == "pattern" and problem.is_error
    assert problem.message == "“文号”格式不正确：请写成“南政办〔2015〕86号”的形式。"
    assert problems_for(make_item, doc_no="x南政办〔2015〕86号号y") != []  # full match only


@pytest.mark.parametrize("good", ["2025-03-18", "2024-02-29", " 2025-01-01 "])
def test_date_ok(make_item: Any, good: str) -> None:
    assert problems_for(make_item, day=good) == []


@pytest.mark.parametrize("bad", ["2025-02-29", "2025-13-01", "20250318", "2025/03/18", "3月18日"])
def test_date_bad(make_item: Any, bad: str) -> None:
    (problem,) = problems_for(make_item, day=bad)
    assert problem.code == "invalid_date" and "“发布日期”不是有效的日期" in problem.message


@pytest.mark.parametrize("good", ["2025-03-18T09:30", "2025-03-18T09:30:15"])
def test_datetime_ok(make_item: Any, good: str) -> None:
    assert problems_for(make_item, time=good) == []


@pytest.mark.parametrize("bad", ["2025-03-18", "2025-03-18T25:00", "2025-03-18 9:30", "上午"])
def test_datetime_bad(make_item: Any, bad: str) -> None:
    (problem,) = problems_for(make_item, time=bad)
    assert problem.code == "invalid_datetime" and "“会议时间”" in problem.message


def test_choice(make_item: Any) -> None:
    assert problems_for(make_item, kind="meeting") == []
    (problem,) = problems_for(make_item, kind="重要会议")  # the label is not the value
    assert problem.code == "invalid_choice" and "“活动类型”" in problem.message


@pytest.mark.parametrize(
    "good", ["http://www.qhhn.gov.cn/xxgk/zfxxgk/201601/t20160112_7615.html",
             "https://zwfw.qinghai.gov.cn", "HTTPS://example.org:8443/a?b=c"],
)  # fmt: skip
def test_url_ok(make_item: Any, good: str) -> None:
    assert problems_for(make_item, link=good) == []


@pytest.mark.parametrize(
    "bad", ["www.qhhn.gov.cn", "ftp://qhhn.gov.cn/a", "http://", "http://a b.cn", "http://x:abc/"]
)
def test_url_bad(make_item: Any, bad: str) -> None:
    (problem,) = problems_for(make_item, link=bad)
    assert problem.code == "invalid_url" and "“相关链接”不是有效的网址" in problem.message


@pytest.mark.parametrize(
    "good",
    ["0974-8512655", "09748512655", "(0974)8512655", "（0974）8512655", "0974 851 2655",
     "010-12345678", "13909741234", "139-0974-1234", "400-123-4567", "8001234567",
     "0974-8512655、0974-8511475"],
)  # fmt: skip
def test_phone_ok(make_item: Any, good: str) -> None:
    assert problems_for(make_item, phone=good) == []


@pytest.mark.parametrize(
    "bad", ["8512655", "12345678901", "0974-85126", "电话0974-8512655", "0974-8512655、", "+1 555"]
)
def test_phone_bad(make_item: Any, bad: str) -> None:
    (problem,) = problems_for(make_item, phone=bad)
    assert problem.code == "invalid_phone" and "“联系电话”" in problem.message


@pytest.mark.parametrize(
    "url",
    [
        "http://www.qhhn\u200b.gov.cn/",
        "\ufeffhttp://www.qhhn.gov.cn/",
        "http://www.qh\u00adhn.gov.cn",
    ],
)
def test_url_broken_by_an_invisible_character(make_item: Any, url: str) -> None:
    (problem,) = problems_for(make_item, link=url)
    assert problem.code == "url_invisible" and problem.is_error
    assert problem.message.startswith("“相关链接”里夹有看不见的字符")
    assert "重新输入" in problem.message and "invisible" in problem.message_en


def test_url_in_full_width(make_item: Any) -> None:
    (problem,) = problems_for(make_item, link="ｈｔｔｐ：／／www.qhhn.gov.cn/")
    assert problem.code == "url_full_width" and "半角" in problem.message


@pytest.mark.parametrize(
    "good",
    ["12345", "0974-8512655转801", "+86 974 8512655", "０９７４－８５１２６５５", "0974–8512655"],
)
def test_phone_as_offices_print_it(make_item: Any, good: str) -> None:
    item: Item = make_item("sample", values={**VALID, "phone": good})
    assert validate_item(FORM, item, TODAY) == []
    assert item.values["phone"] == good  # stored as typed


def test_phone_message_names_service_numbers_and_extensions(make_item: Any) -> None:
    (problem,) = problems_for(make_item, phone="8512655")
    assert "12345" in problem.message and "转801" in problem.message


@pytest.mark.parametrize("good", ["１２", "８.５％", "８．５％", "１，２３４"])
def test_number_typed_full_width_is_kept_as_typed(make_item: Any, good: str) -> None:
    item: Item = make_item("sample", values={**VALID, "amount": good})
    assert validate_item(FORM, item, TODAY) == []
    assert item.values["amount"] == good


def test_pattern_is_matched_on_the_folded_text(make_item: Any) -> None:
    assert problems_for(make_item, doc_no="南政办〔２０１５〕８６号") == []
    assert problems_for(make_item, doc_no="南政办〔2015〕\u200b86号") == []


@pytest.mark.parametrize("good", ["12", "-12.5", "+3", "1,234.0", "1,234,567", "85.6%", "0.5"])
def test_number_ok(make_item: Any, good: str) -> None:
    assert problems_for(make_item, amount=good) == []


@pytest.mark.parametrize("bad", ["12万元", "1,23", "约100", "1.2.3", ".5", "百分之十"])
def test_number_bad(make_item: Any, bad: str) -> None:
    (problem,) = problems_for(make_item, amount=bad)
    assert problem.code == "invalid_number" and "“金额”应填写数字" in problem.message


def test_number_as_json_number_is_accepted(make_item: Any) -> None:
    assert problems_for(make_item, amount=12.5) == []
    assert codes(problems_for(make_item, amount=True)) == [("amount", "invalid_value", None, None)]


def test_people(make_item: Any) -> None:
    chair = [{"name": "张三", "position": "副州长"}, {"name": "李四", "position": ""}]
    assert problems_for(make_item, chair=chair) == []
    blank_rows_ignored = [{"name": " ", "position": ""}, {"name": "王五"}]
    assert problems_for(make_item, chair=blank_rows_ignored) == []


def test_people_entry_needs_a_name(make_item: Any) -> None:
    (problem,) = problems_for(make_item, chair=[{"name": "张三"}, {"name": "", "position": "局长"}])
    assert codes([problem]) == [("chair", "required", 1, "name")]
    assert problem.message.startswith("“主持人”第2行的“姓名”不能为空")


def test_people_name_length(make_item: Any) -> None:
    assert problems_for(make_item, chair=[{"name": "名" * 50}]) == []
    (problem,) = problems_for(make_item, chair=[{"name": "名" * 51}])
    assert codes([problem]) == [("chair", "too_long", 0, "name")]


def test_people_max_rows_and_required(make_item: Any) -> None:
    three = [{"name": n} for n in ("甲", "乙", "丙")]
    assert codes(problems_for(make_item, chair=three)) == [("chair", "too_many_rows", None, None)]
    required = FieldDef("v", FieldType.PEOPLE, "来访领导", "Visitors", required=True)
    form = FormDef("sample", 1, "t", "t", "三", fields=(required,))
    item = make_item("sample", values={"v": [{"name": "", "position": ""}]})
    (problem,) = validate_item(form, item, TODAY)
    assert problem.code == "required"
    assert problem.message == "“来访领导”不能为空，请至少填写一人的姓名。"


def test_table_cells_are_checked_with_row_and_column(make_item: Any) -> None:
    rows = [
        {"indicator": "粮食产量", "value": "12万"},
        {"indicator": "", "value": "", "due": ""},  # blank: ignored, but still counted by index
        {"indicator": "", "value": "5", "due": "2025-02-30"},
    ]
    problems = problems_for(make_item, rows=rows)
    assert codes(problems) == [
        ("rows", "invalid_number", 0, "value"),
        ("rows", "required", 2, "indicator"),
        ("rows", "invalid_date", 2, "due"),
    ]
    assert problems[1].message.startswith("“指标”第3行的“指标名称”不能为空")


def test_table_min_rows_counts_only_filled_rows(make_item: Any) -> None:
    rows = [{"indicator": "粮食产量"}, {"indicator": "  ", "value": None}]
    (problem,) = problems_for(make_item, rows=rows)
    assert problem.code == "too_few_rows" and "至少要填写2行" in problem.message


def test_date_order(make_item: Any) -> None:
    assert problems_for(make_item, start="2025-03-01", end="2025-03-01") == []
    assert problems_for(make_item, end="2025-03-01") == []
    (problem,) = problems_for(make_item, start="2025-03-10", end="2025-03-01")
    assert problem.code == "date_order" and "“有效期止”不能早于“有效期起”" in problem.message


def test_unreadable_values_are_errors_not_crashes(make_item: Any) -> None:
    problems = problems_for(make_item, body=["x"], chair="张三", rows=[["a"], {"indicator": "b"}])
    assert codes(problems) == [
        ("body", "invalid_value", None, None),
        ("chair", "invalid_value", None, None),
        ("rows", "invalid_value", 0, None),
    ]


def test_item_of_another_category_is_a_programming_error(make_item: Any) -> None:
    with pytest.raises(ValueError):
        validate_item(FORM, make_item("policy"), TODAY)
