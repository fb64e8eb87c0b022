"""An item as readable text, labelled by its form: used to compare and restore versions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from hnclient.forms import FieldDef, FieldType, FormDef
from hnclient.items import Item
from hnclient.ui.i18n import pick


def _tr(text: str) -> str:
    return QCoreApplication.translate("ItemPreview", text)


def _label(field: FieldDef) -> str:
    return pick(field.label, field.label_en or field.label)


def _value_text(field: FieldDef, value: Any) -> str:
    if value in (None, "", []):
        return ""
    if field.type is FieldType.CHOICE:
        for choice in field.choices:
            if choice.value == value:
                return pick(choice.label, choice.label_en or choice.label)
        return str(value)
    if field.type is FieldType.PEOPLE and isinstance(value, list):
        people = []
        for person in value:
            if isinstance(person, dict) and str(person.get("name", "")).strip():
                position = str(person.get("position", "")).strip()
                people.append(f"{position} {person['name']}".strip())
        return "、".join(people)
    if field.type is FieldType.TABLE and isinstance(value, list):
        header = " | ".join(_label(c) for c in field.columns)
        rows = [
            " | ".join(str(row.get(c.key, "")) for c in field.columns)
            for row in value
            if isinstance(row, dict) and any(str(v).strip() for v in row.values())
        ]
        return "\n".join([header, *rows]) if rows else ""
    return str(value)


def item_as_text(item: Item, form: FormDef | None) -> str:
    lines = [
        f"{_tr('Title')}: {item.title}",
        f"{_tr('Event date')}: {item.event_date.isoformat() if item.event_date else ''}",
        f"{_tr('Channels')}: "
        + "、".join(pick(c.label_zh, c.label_en) for c in sorted(item.channels)),
    ]
    if item.summary:
        lines.append(f"{_tr('Summary')}: {item.summary}")
    if item.cover:
        lines.append(f"{_tr('Cover photo')}: {item.cover.get('name', '')}")
    if form is not None:
        for field in form.fields:
            text = _value_text(field, item.values.get(field.key))
            if text:
                separator = "\n" if "\n" in text else " "
                lines.append(f"{_label(field)}:{separator}{text}")
    return "\n".join(lines)
