"""Checking the values of a form's own fields against their definitions.

Messages name the field by the label the officer sees (and the row and column inside a
table), because the officer never sees keys; they say what to write, not what is wrong
with the data structure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hnclient.forms.model import FieldDef, FieldType, FormDef
from hnclient.forms.problems import Problem, Severity
from hnclient.forms.values import (
    PHONE_RULE_EN,
    PHONE_RULE_ZH,
    is_blank,
    is_number,
    is_phone,
    is_url,
    parse_date,
    parse_datetime,
    text_length,
    url_trouble,
)
from hnclient.textnorm import fold

PERSON_NAME_MAX = 50
PERSON_POSITION_MAX = 100
PERSON_COLUMNS = {"name": ("姓名", "Name"), "position": ("职务", "Position")}


@dataclass(frozen=True)
class Place:
    """Where a value sits, and how to name that place to the officer."""

    field: str
    zh: str
    en: str
    row: int | None = None
    column: str | None = None

    def cell(self, row: int, column: str, label: str, label_en: str) -> Place:
        return Place(
            self.field,
            f"{self.zh}第{row + 1}行的“{label}”",
            f"{self.en}, row {row + 1}, “{label_en}”",
            row,
            column,
        )

    def problem(self, code: str, zh: str, en: str, severity: Severity = Severity.ERROR) -> Problem:
        return Problem(self.field, self.row, self.column, severity, code, zh, en)


def place_of(definition: FieldDef) -> Place:
    return Place(definition.key, f"“{definition.label}”", f"“{definition.label_en}”")


def check_fields(form: FormDef, values: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for definition in form.fields:
        value = values.get(definition.key)
        problems += check_value(definition, value, place_of(definition))
        if definition.not_before and not is_blank(value):
            problems += _check_order(form, definition, values)
    return problems


def check_value(d: FieldDef, value: Any, where: Place) -> list[Problem]:
    if is_blank(value):
        if d.required:
            zh, en = _REQUIRED_HOW[d.type]
            if d.type in (FieldType.TEXT, FieldType.MULTILINE) and d.help:
                zh += f"提示：{d.help.rstrip('。')}。"
            return [where.problem("required", f"{where.zh}不能为空，{zh}", f"{where.en}: {en}")]
        return []
    if d.type is FieldType.PEOPLE:
        return _check_people(d, value, where)
    if d.type is FieldType.TABLE:
        return _check_table(d, value, where)
    if (
        d.type is FieldType.NUMBER
        and isinstance(value, int | float)
        and not isinstance(value, bool)
    ):
        value = str(value)
    if not isinstance(value, str):
        return [_unreadable(where)]
    return _check_string(d, value, where)


def _check_string(d: FieldDef, value: str, where: Place) -> list[Problem]:
    if d.type is FieldType.URL and (trouble := url_trouble(value)) is not None:
        code, zh, en = _URL_TROUBLE[trouble]
        return [where.problem(code, f"{where.zh}{zh}", f"{where.en} {en}")]
    if d.type in _FORMAT_CHECKS:
        accepts, code, zh, en = _FORMAT_CHECKS[d.type]
        if not accepts(value):
            return [where.problem(code, f"{where.zh}{zh}", f"{where.en} {en}")]
    if d.type is FieldType.CHOICE and d.choice(value) is None:
        return [
            where.problem(
                "invalid_choice",
                f"{where.zh}的内容“{value}”不是可选的选项，请从列表中重新选择。",
                f"{where.en}: “{value}” is not one of the options; choose one from the list.",
            )
        ]
    problems: list[Problem] = []
    if d.max_length is not None and text_length(value) > d.max_length:
        problems.append(too_long(where, text_length(value), d.max_length))
    if d.pattern is not None and not _matches(d.pattern, value):
        problems.append(
            where.problem(
                "pattern",
                f"{where.zh}格式不正确：{d.pattern_message}",
                f"{where.en} is not in the expected format."
                + (f" {d.help_en}" if d.help_en else ""),
            )
        )
    return problems


def too_long(where: Place, length: int, limit: int) -> Problem:
    return where.problem(
        "too_long",
        f"{where.zh}最多{limit}个字，现在有{length}个字，请删减{length - limit}个字。",
        f"{where.en} may have at most {limit} characters; it has {length}. "
        f"Please shorten it by {length - limit}.",
    )


def _check_people(d: FieldDef, value: Any, where: Place) -> list[Problem]:
    if not isinstance(value, list):
        return [_unreadable(where)]
    problems: list[Problem] = []
    for row, entry in enumerate(value):
        if is_blank(entry):
            continue
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k, ""), str | None) for k in PERSON_COLUMNS
        ):
            problems.append(_unreadable(Place(where.field, where.zh, where.en, row)))
            continue
        name, position = (entry.get(k) or "" for k in PERSON_COLUMNS)
        name_at = where.cell(row, "name", *PERSON_COLUMNS["name"])
        if not name.strip():
            problems.append(
                name_at.problem(
                    "required",
                    f"{name_at.zh}不能为空，请填写姓名，或删除这一行。",
                    f"{name_at.en}: enter the name, or delete this row.",
                )
            )
        elif text_length(name) > PERSON_NAME_MAX:
            problems.append(too_long(name_at, text_length(name), PERSON_NAME_MAX))
        if text_length(position) > PERSON_POSITION_MAX:
            position_at = where.cell(row, "position", *PERSON_COLUMNS["position"])
            problems.append(too_long(position_at, text_length(position), PERSON_POSITION_MAX))
    return problems + _check_row_count(d, sum(not is_blank(e) for e in value), where)


def _check_table(d: FieldDef, value: Any, where: Place) -> list[Problem]:
    if not isinstance(value, list):
        return [_unreadable(where)]
    problems: list[Problem] = []
    filled = 0
    for row, cells in enumerate(value):
        if is_blank(cells):
            continue
        filled += 1
        if not isinstance(cells, dict):
            problems.append(_unreadable(Place(where.field, where.zh, where.en, row)))
            continue
        for column in d.columns:
            at = where.cell(row, column.key, column.label, column.label_en)
            problems += check_value(column, cells.get(column.key), at)
    return problems + _check_row_count(d, filled, where)


def _check_row_count(d: FieldDef, filled: int, where: Place) -> list[Problem]:
    if filled < d.min_rows:
        return [
            where.problem(
                "too_few_rows",
                f"{where.zh}至少要填写{d.min_rows}行，现在只有{filled}行，请补充。",
                f"{where.en} needs at least {d.min_rows} rows; it has {filled}.",
            )
        ]
    if d.max_rows is not None and filled > d.max_rows:
        return [
            where.problem(
                "too_many_rows",
                f"{where.zh}最多填写{d.max_rows}行，现在有{filled}行，请删除多余的行。",
                f"{where.en} may have at most {d.max_rows} rows; it has {filled}.",
            )
        ]
    return []


def _check_order(form: FormDef, d: FieldDef, values: dict[str, Any]) -> list[Problem]:
    assert d.not_before is not None  # checked by the caller; narrows the type
    other = form.field(d.not_before)
    later, earlier = _moment(d, values.get(d.key)), _moment(other, values.get(other.key))
    if later is None or earlier is None or later >= earlier:
        return []
    where = place_of(d)
    return [
        where.problem(
            "date_order",
            f"{where.zh}不能早于“{other.label}”，请核对这两个日期。",
            f"{where.en} cannot be before “{other.label_en}”; please check both dates.",
        )
    ]


def _moment(d: FieldDef, value: Any) -> str | None:
    """A sortable date string; date-times are compared by their day against plain dates."""
    if not isinstance(value, str):
        return None
    if d.type is FieldType.DATE:
        day = parse_date(value)
        return day.isoformat() if day else None
    moment = parse_datetime(value)
    return moment.date().isoformat() if moment else None


def _matches(pattern: str, value: str) -> bool:
    # On the folded text: ２０１５ in a 文号 or a zero-width space inside it still fits.
    return re.fullmatch(pattern, fold(value).strip()) is not None


def _unreadable(where: Place) -> Problem:
    return where.problem(
        "invalid_value",
        f"{where.zh}的内容无法识别，请清空后重新填写。",
        f"{where.en} could not be read; clear it and enter it again.",
    )


_REQUIRED_HOW: dict[FieldType, tuple[str, str]] = {
    FieldType.TEXT: ("请填写。", "please fill it in."),
    FieldType.MULTILINE: ("请填写。", "please fill it in."),
    FieldType.DATE: ("请填写日期，如 2025-03-18。", "enter a date, e.g. 2025-03-18."),
    FieldType.DATETIME: (
        "请填写日期和时间，如 2025-03-18 09:30。",
        "enter the date and time, e.g. 2025-03-18 09:30.",
    ),
    FieldType.CHOICE: ("请从列表中选择一项。", "choose one from the list."),
    FieldType.PEOPLE: ("请至少填写一人的姓名。", "enter at least one person's name."),
    FieldType.TABLE: ("请至少填写一行。", "fill in at least one row."),
    FieldType.URL: ("请填写网址，如 http://www.qhhn.gov.cn/。", "enter a web address."),
    FieldType.PHONE: (
        "请填写电话号码，座机请带区号，如 0974-8512655，或 12345 等服务电话。",
        "enter a phone number, landlines with area code, e.g. 0974-8512655.",
    ),
    FieldType.NUMBER: ("请填写数字。", "enter a number."),
}

_URL_TROUBLE: dict[str, tuple[str, str, str]] = {
    "invisible": (
        "url_invisible",
        "里夹有看不见的字符（从网页或PDF复制时常会带上），这样的链接打不开。"
        "请删除这个网址，重新输入或从浏览器地址栏重新复制。",
        "contains an invisible character (often copied along from web pages or PDFs), so the "
        "link would not open; delete it and type it again or copy it from the address bar.",
    ),
    "full_width": (
        "url_full_width",
        "里有全角字符（如“：／／”“．”），这样的链接打不开。请把输入法切换到半角后重新输入网址。",
        "has full-width characters (such as “：／／” or “．”), so the link would not open; "
        "switch the input method to half-width and type it again.",
    ),
}

_FormatCheck = tuple[Callable[[str], bool], str, str, str]
_FORMAT_CHECKS: dict[FieldType, _FormatCheck] = {
    FieldType.DATE: (
        lambda v: parse_date(v) is not None,
        "invalid_date",
        "不是有效的日期，请按“年-月-日”填写，如 2025-03-18。",
        "is not a valid date; use year-month-day, e.g. 2025-03-18.",
    ),
    FieldType.DATETIME: (
        lambda v: parse_datetime(v) is not None,
        "invalid_datetime",
        "不是有效的日期和时间，请按“年-月-日 时:分”填写，如 2025-03-18 09:30。",
        "is not a valid date and time; use e.g. 2025-03-18 09:30.",
    ),
    FieldType.URL: (
        is_url,
        "invalid_url",
        "不是有效的网址，请填写以 http:// 或 https:// 开头的完整地址，如 http://www.qhhn.gov.cn/。",
        "is not a valid web address; enter the full address starting with http:// or https://.",
    ),
    FieldType.PHONE: (
        is_phone,
        "invalid_phone",
        PHONE_RULE_ZH,
        PHONE_RULE_EN,
    ),
    FieldType.NUMBER: (
        is_number,
        "invalid_number",
        "应填写数字，如 12.5、1,234 或 8.5%；请不要填写文字，计量单位请填在单位栏。",
        "must be a number such as 12.5, 1,234 or 8.5%; put the unit in its own column.",
    ),
}
