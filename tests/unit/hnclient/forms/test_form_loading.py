"""Shipped forms load; malformed form files are refused, naming the file and the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hnclient.forms import (
    COMMON_KEYS,
    DEFINITIONS_DIR,
    FieldType,
    FormDef,
    FormDefinitionError,
    load_form,
    load_forms,
)

CATEGORIES = {
    "policy": "三（一）",
    "leadership": "三（二）",
    "visits": "三（三）",
    "regulations": "三（四）",
    "services": "三（五）",
    "development": "三（六）",
    "experience": "三（七）",
    "other": "三（八）",
}


def test_all_nine_forms_ship(forms: dict[str, FormDef]) -> None:
    assert set(forms) == {*CATEGORIES, "service_guide"}
    for key, section in CATEGORIES.items():
        assert forms[key].section == section


def test_default_directory_is_next_to_the_package() -> None:
    assert DEFINITIONS_DIR.is_dir()
    assert load_forms(DEFINITIONS_DIR) == load_forms()


@pytest.mark.parametrize("key", sorted({*CATEGORIES, "service_guide"}))
def test_shipped_form_is_complete(forms: dict[str, FormDef], key: str) -> None:
    form = forms[key]
    assert form.key == key and form.version >= 1
    assert form.source.name == f"{key}.json"
    assert form.title and form.title_en and form.description
    for field in form.fields:
        assert field.label and field.label_en
        assert field.key not in COMMON_KEYS
        if field.type in (FieldType.TEXT, FieldType.MULTILINE):
            assert field.max_length, f"{key}.{field.key} has no length limit"
    if key == "service_guide":
        assert not form.has_field("body")
    else:
        body = form.field("body")
        assert body.required and body.type is FieldType.MULTILINE and body.label == "正文"
        assert body.max_length == 30000


def test_leadership_form(forms: dict[str, FormDef]) -> None:
    form = forms["leadership"]
    kinds = [c.label for c in form.field("activity_type").choices]
    assert kinds == ["重要讲话", "重要会议", "重大活动", "工作动态"]
    assert form.field("time").type is FieldType.DATETIME
    assert form.field("chair").type is FieldType.PEOPLE
    assert form.field("leaders").type is FieldType.PEOPLE
    columns = [c.label for c in form.field("indicators").columns]
    assert columns == ["指标名称", "计划值", "完成值", "单位", "完成率"]


def test_development_domains_follow_the_notice(forms: dict[str, FormDef]) -> None:
    form = forms["development"]
    domains = [c.label for c in form.field("domain").choices]
    assert "重点项目" in domains and "旅游发展" in domains and len(domains) == 14
    columns = [c.label for c in form.field("indicators").columns]
    assert columns == ["指标名称", "本期数值", "同期数值", "计量单位", "同比增减%"]


def test_services_form(forms: dict[str, FormDef]) -> None:
    form = forms["services"]
    kinds = [c.label for c in form.field("info_type").choices]
    assert kinds == ["公告", "通告", "公示", "便民告示", "招商引资", "投资指南", "机构信息"]
    assert form.field("contact_phone").type is FieldType.PHONE
    assert form.field("link").type is FieldType.URL
    assert form.field("valid_until").not_before == "valid_from"


def test_service_guide_has_the_attachment_3_elements(forms: dict[str, FormDef]) -> None:
    form = forms["service_guide"]
    assert form.title_label == "事项名称"
    labels = [f.label for f in form.fields]
    assert labels == [
        "事项类型", "设定依据", "实施机关", "受理条件", "申请材料", "办理流程", "法定办结时限",
        "承诺办结时限", "收费标准及依据", "办理地点", "办理时间", "咨询电话", "监督投诉电话",
        "网上办理地址", "常见问题",
    ]  # fmt: skip
    assert [c.label for c in form.field("item_type").choices] == [
        "行政许可", "行政确认", "行政给付", "公共服务", "其他",
    ]  # fmt: skip
    materials = form.field("materials")
    assert [c.label for c in materials.columns] == ["材料名称", "原件或复印件", "份数", "备注"]
    assert [c.label for c in materials.column("form").choices] == [
        "原件", "复印件", "原件和复印件",
    ]  # fmt: skip
    assert materials.column("copies").type is FieldType.NUMBER
    assert "不收费" in form.field("fees").help
    assert form.field("consultation_phone").required
    assert form.field("complaint_phone").required
    assert not form.field("online_url").required
    assert not form.field("faq").required


def test_minimal_form_loads(write_form: Any, base_form: dict[str, Any]) -> None:
    form = load_form(write_form(base_form))
    assert form.key == "sample" and form.title_label == "标题"
    assert form.field("body").type is FieldType.MULTILINE
    with pytest.raises(KeyError):
        form.field("nothing")


def test_byte_order_mark_is_accepted(tmp_path: Path, base_form: dict[str, Any]) -> None:
    path = tmp_path / "sample.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(base_form).encode())
    assert load_form(path).key == "sample"


def _body(**attrs: Any) -> dict[str, Any]:
    return {"key": "body", "type": "multiline", "label": "正文", "label_en": "Main text", **attrs}


def _choice(key: str = "kind", **attrs: Any) -> dict[str, Any]:
    choices = [{"value": "a", "label": "甲", "label_en": "A"}]
    return {"key": key, "type": "choice", "label": "类型", "label_en": "Kind",
            "choices": choices, **attrs}  # fmt: skip


def _table(columns: list[dict[str, Any]], **attrs: Any) -> dict[str, Any]:
    return {"key": "rows", "type": "table", "label": "表", "label_en": "Table",
            "columns": columns, **attrs}  # fmt: skip


# (description, change to the base form, the field named, words in the reason)
MALFORMED: list[tuple[str, dict[str, Any], str | None, str]] = [
    ("unknown type", {"fields": [_body(type="person")]}, "body", 'unknown type "person"'),
    ("duplicate key", {"fields": [_body(), _body()]}, "body", "duplicate field key"),
    ("choice without choices", {"fields": [_choice(choices=[])]}, "kind", "at least one choice"),
    (
        "duplicate choice",
        {
            "fields": [
                _choice(
                    choices=[
                        {"value": "a", "label": "甲", "label_en": "A"},
                        {"value": "a", "label": "乙", "label_en": "B"},
                    ]
                )
            ]
        },
        "kind",
        'duplicate choice key "a"',
    ),  # fmt: skip
    ("table without columns", {"fields": [_table([])]}, "rows", "at least one column"),
    ("bad regex", {"fields": [_body(pattern="([a-z", pattern_message="x")]}, "body", "pattern"),
    ("pattern without message", {"fields": [_body(pattern="a+")]}, "body", "pattern_message"),
    ("unknown attribute", {"fields": [_body(maxlength=5)]}, "body", '"maxlength"'),
    ("unknown form attribute", {"colour": "red"}, None, '"colour"'),
    ("wrong schema", {"schema": "hnclient-form/2"}, None, "schema"),
    ("missing version", {"version": None}, None, '"version"'),
    ("version not a number", {"version": "1"}, None, '"version"'),
    ("version zero", {"version": 0}, None, '"version"'),
    ("key not the file name", {"form": "other"}, None, "file name"),
    (
        "missing label",
        {"fields": [{"key": "body", "type": "text", "label_en": "x"}]},
        "body",
        '"label"',
    ),  # fmt: skip
    ("empty label", {"fields": [_body(label=" ")]}, "body", '"label"'),
    ("required not boolean", {"fields": [_body(required="yes")]}, "body", "true or false"),
    ("max_length zero", {"fields": [_body(max_length=0)]}, "body", "max_length"),
    (
        "max_length on a date",
        {"fields": [_body(type="date", max_length=5)]},
        "body",
        "max_length",
    ),  # fmt: skip
    ("choices on text", {"fields": [_body(choices=[])]}, "body", "choices"),
    ("columns on text", {"fields": [_body(columns=[])]}, "body", "columns"),
    ("rows on text", {"fields": [_body(min_rows=1)]}, "body", "min_rows"),
    (
        "max below min",
        {"fields": [_table([_body(type="text")], min_rows=3, max_rows=2)]},
        "rows",
        "max_rows",
    ),  # fmt: skip
    (
        "people column",
        {"fields": [_table([_body(type="people")])]},
        "rows",
        'column "body": type "people" cannot be a table column',
    ),  # fmt: skip
    (
        "duplicate column",
        {"fields": [_table([_body(type="text"), _body(type="text")])]},
        "rows",
        'duplicate column key "body"',
    ),  # fmt: skip
    (
        "bad column type",
        {"fields": [_table([_body(type="money")])]},
        "rows",
        'column "body": unknown type "money"',
    ),  # fmt: skip
    ("reserved key", {"fields": [_body(key="title")]}, "title", "reserved"),
    ("bad key", {"fields": [_body(key="Body Text")]}, "Body Text", '"key"'),
    (
        "not_before unknown",
        {"fields": [_body(type="date", not_before="start")]},
        "body",
        "not_before",
    ),  # fmt: skip
    ("fields not a list", {"fields": {}}, None, '"fields" must be a list'),
]


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [case[1:] for case in MALFORMED],
    ids=[case[0] for case in MALFORMED],
)
def test_malformed_form_is_refused(
    write_form: Any,
    base_form: dict[str, Any],
    change: dict[str, Any],
    field: str | None,
    reason: str,
) -> None:
    data = {**base_form, **change}
    data = {k: v for k, v in data.items() if v is not None}
    with pytest.raises(FormDefinitionError) as caught:
        load_form(write_form(data))
    message = str(caught.value)
    assert message.startswith("sample.json: ")
    if field is not None:
        assert f'field "{field}"' in message
        assert caught.value.field == field
    assert reason in message


def test_unknown_type_message_reads_well(write_form: Any, base_form: dict[str, Any]) -> None:
    base_form["form"] = "leadership"
    base_form["fields"] = [{"key": "chair", "type": "person", "label": "主持人", "label_en": "C"}]
    with pytest.raises(FormDefinitionError) as caught:
        load_form(write_form(base_form, "leadership"))
    assert str(caught.value).startswith('leadership.json: field "chair": unknown type "person"')


def test_bad_json_names_the_file_and_line(write_form: Any) -> None:
    with pytest.raises(FormDefinitionError, match=r"^sample\.json: invalid JSON at line 2"):
        load_form(write_form('{"schema": "hnclient-form/1",\n "form": }'))


def test_duplicate_json_attribute_names_the_field(write_form: Any) -> None:
    text = (
        '{"schema": "hnclient-form/1", "form": "sample", "version": 1, "title": "t",'
        ' "title_en": "t", "section": "s", "fields": [{"key": "body", "type": "text",'
        ' "label": "正文", "label": "正文2", "label_en": "x"}]}'
    )
    with pytest.raises(FormDefinitionError) as caught:
        load_form(write_form(text))
    assert str(caught.value) == 'sample.json: field "body": duplicate attribute "label"'


def test_not_utf8_is_refused(tmp_path: Path, base_form: dict[str, Any]) -> None:
    path = tmp_path / "sample.json"
    path.write_bytes(json.dumps(base_form, ensure_ascii=False).encode("gbk"))
    with pytest.raises(FormDefinitionError, match="UTF-8"):
        load_form(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(FormDefinitionError, match=r"^absent\.json: cannot be read"):
        load_form(tmp_path / "absent.json")
    with pytest.raises(FormDefinitionError, match="not found"):
        load_forms(tmp_path / "nowhere")


def test_load_forms_reports_the_broken_file(
    write_form: Any, base_form: dict[str, Any], tmp_path: Path
) -> None:
    write_form(base_form)
    broken = {**base_form, "form": "zzz", "fields": [_body(type="person")]}
    write_form(broken, "zzz")
    with pytest.raises(FormDefinitionError, match=r'^zzz\.json: field "body"'):
        load_forms(tmp_path)
    (tmp_path / "zzz.json").unlink()
    assert list(load_forms(tmp_path)) == ["sample"]


def test_not_before_accepts_another_date_field(write_form: Any, base_form: dict[str, Any]) -> None:
    base_form["fields"] = [
        {"key": "start", "type": "date", "label": "起", "label_en": "From"},
        {"key": "end", "type": "date", "label": "止", "label_en": "To", "not_before": "start"},
    ]
    assert load_form(write_form(base_form)).field("end").not_before == "start"


def test_forms_come_in_the_notices_order() -> None:
    """Menus and filters list the categories as notice 三 does, then the service guide."""
    assert list(load_forms()) == [
        "policy", "leadership", "visits", "regulations", "services",
        "development", "experience", "other", "service_guide",
    ]  # fmt: skip
