"""Reading form files, refusing anything the engine could misinterpret.

The office edits these files by hand, so the loader is strict (unknown attributes, duplicate
keys and impossible combinations are errors rather than ignored) and every error names the
file and the field, so whoever edited it can find the mistake without reading Python.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from hnclient.forms.model import (
    COLUMN_TYPES,
    COMMON_KEYS,
    DATE_TYPES,
    ROW_TYPES,
    STRING_TYPES,
    Choice,
    FieldDef,
    FieldType,
    FormDef,
)

SCHEMA = "hnclient-form/1"
# Found next to this module, so it works from a source tree, a wheel (pyproject package-data)
# and a PyInstaller bundle (whose spec must collect hnclient/forms/definitions as data).
DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"

_KEY_RE = re.compile(r"[a-z][a-z0-9_]*")
_FORM_ATTRS = {
    "schema", "form", "version", "title", "title_en", "section", "description",
    "title_label", "title_label_en", "event_date_label", "event_date_label_en",
    "timeliness", "order", "fields",
}  # fmt: skip
_FIELD_ATTRS = {
    "key", "type", "label", "label_en", "required", "max_length", "pattern",
    "pattern_message", "help", "help_en", "choices", "columns", "min_rows", "max_rows",
    "not_before", "publish",
}  # fmt: skip
_CHOICE_ATTRS = {"value", "label", "label_en"}


class FormDefinitionError(ValueError):
    """A form file that cannot be used; ``str()`` names the file and, if known, the field."""

    def __init__(self, path: Path, reason: str, field: str | None = None) -> None:
        self.path = path
        self.reason = reason
        self.field = field
        where = f'field "{field}": ' if field else ""
        super().__init__(f"{path.name}: {where}{reason}")


class _Invalid(Exception):
    """Raised deep in parsing; turned into FormDefinitionError where the file is known."""

    def __init__(self, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


def load_forms(directory: Path | None = None) -> dict[str, FormDef]:
    """All ``*.json`` forms of a directory, keyed by form key, in their ``order``.

    The order is the notice's (三（一）…（八）, then the service guide), so lists and menus
    read like the notice; forms without one follow, by key.
    """
    directory = DEFINITIONS_DIR if directory is None else directory
    if not directory.is_dir():
        raise FormDefinitionError(directory, "form directory not found")
    forms = sorted(map(load_form, directory.glob("*.json")), key=lambda f: (f.order, f.key))
    return {form.key: form for form in forms}


def load_form(path: Path) -> FormDef:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FormDefinitionError(path, f"cannot be read ({error.strerror or error})") from error
    try:
        # utf-8-sig: Windows Notepad adds a byte-order mark when the office edits a file.
        data = json.loads(raw.decode("utf-8-sig"), object_pairs_hook=_no_duplicates)
    except UnicodeDecodeError as error:
        raise FormDefinitionError(path, "is not UTF-8 text") from error
    except json.JSONDecodeError as error:
        reason = f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}"
        raise FormDefinitionError(path, reason) from error
    except _Invalid as error:
        raise FormDefinitionError(path, error.reason, error.field) from error
    try:
        return _form(data, path)
    except _Invalid as error:
        raise FormDefinitionError(path, error.reason, error.field) from error


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for name, value in pairs:
        if name in result:
            owner = dict(pairs).get("key")
            raise _Invalid(
                f'duplicate attribute "{name}"', owner if isinstance(owner, str) else None
            )
        result[name] = value
    return result


def _form(data: Any, path: Path) -> FormDef:
    if not isinstance(data, dict):
        raise _Invalid("the file must contain one JSON object")
    _check_attrs(data, _FORM_ATTRS, None)
    if data.get("schema") != SCHEMA:
        raise _Invalid(f'"schema" must be "{SCHEMA}", found {_show(data.get("schema"))}')
    key = _get(data, "form", str, None)
    if key != path.stem:
        raise _Invalid(f'form key "{key}" does not match the file name "{path.name}"')
    version = _get(data, "version", int, None)
    if version < 1:
        raise _Invalid('"version" must be a positive whole number')
    raw_fields = _get(data, "fields", list, None)
    fields = tuple(_field(raw, f"#{i + 1}", column=False) for i, raw in enumerate(raw_fields))
    _check_unique([f.key for f in fields], None)
    for definition in fields:
        _check_not_before(definition, fields)
    return FormDef(
        key=key,
        version=version,
        title=_text(data, "title", None),
        title_en=_text(data, "title_en", None),
        section=_text(data, "section", None),
        description=_get(data, "description", str, None, default=""),
        title_label=_get(data, "title_label", str, None, default="标题"),
        title_label_en=_get(data, "title_label_en", str, None, default="Title"),
        event_date_label=_get(data, "event_date_label", str, None, default="事件日期"),
        event_date_label_en=_get(data, "event_date_label_en", str, None, default="Event date"),
        timeliness=_get(data, "timeliness", bool, None, default=True),
        order=_get(data, "order", int, None, default=1000),
        fields=fields,
        source=path,
    )


def _field(data: Any, position: str, *, column: bool) -> FieldDef:
    if not isinstance(data, dict):
        raise _Invalid("must be a JSON object", position)
    key = data.get("key")
    name = key if isinstance(key, str) and key else position
    if not isinstance(key, str) or not _KEY_RE.fullmatch(key):
        raise _Invalid(
            '"key" must be lower-case letters, digits and "_", starting with a letter', name
        )
    _check_attrs(data, _FIELD_ATTRS, name)
    if not column and key in COMMON_KEYS:
        raise _Invalid(f'"{key}" is reserved for the part every item has', name)
    raw_type = _get(data, "type", str, name)
    try:
        kind = FieldType(raw_type)
    except ValueError:
        allowed = ", ".join(t.value for t in FieldType)
        raise _Invalid(f'unknown type "{raw_type}" (expected one of: {allowed})', name) from None
    if column and kind not in COLUMN_TYPES:
        raise _Invalid(f'type "{kind}" cannot be a table column', name)
    definition = FieldDef(
        key=key,
        type=kind,
        label=_text(data, "label", name),
        label_en=_text(data, "label_en", name),
        required=_get(data, "required", bool, name, default=False),
        max_length=_get(data, "max_length", int, name, default=None),
        pattern=_get(data, "pattern", str, name, default=None),
        pattern_message=_get(data, "pattern_message", str, name, default=None),
        help=_get(data, "help", str, name, default=""),
        help_en=_get(data, "help_en", str, name, default=""),
        choices=tuple(_choice(c, name) for c in _get(data, "choices", list, name, default=[])),
        columns=_columns(data, name),
        min_rows=_get(data, "min_rows", int, name, default=0),
        max_rows=_get(data, "max_rows", int, name, default=None),
        not_before=_get(data, "not_before", str, name, default=None),
        publish=_get(data, "publish", bool, name, default=False),
    )
    _check_combination(definition, data, column=column)
    return definition


def _columns(data: dict[str, Any], name: str) -> tuple[FieldDef, ...]:
    raw = _get(data, "columns", list, name, default=[])
    columns: list[FieldDef] = []
    for i, item in enumerate(raw):
        try:
            columns.append(_field(item, f"#{i + 1}", column=True))
        except _Invalid as error:
            inner = f'column "{error.field}": ' if error.field else f"column #{i + 1}: "
            raise _Invalid(inner + error.reason, name) from None
    _check_unique([c.key for c in columns], name, "column")
    return tuple(columns)


def _choice(data: Any, name: str) -> Choice:
    if not isinstance(data, dict):
        raise _Invalid("each choice must be an object with value, label and label_en", name)
    _check_attrs(data, _CHOICE_ATTRS, name, "choice ")
    return Choice(
        value=_text(data, "value", name), label=_text(data, "label", name),
        label_en=_text(data, "label_en", name),
    )  # fmt: skip


def _check_combination(d: FieldDef, data: dict[str, Any], *, column: bool) -> None:
    """Refuse attributes that the engine would silently ignore for this type."""
    rules: list[tuple[str, bool, str]] = [
        ("choices", d.type is FieldType.CHOICE, "only a choice field has choices"),
        ("columns", d.type is FieldType.TABLE, "only a table field has columns"),
        ("max_length", d.type in STRING_TYPES, f'a {d.type} field has no "max_length"'),
        ("pattern", d.type in STRING_TYPES, f'a {d.type} field has no "pattern"'),
        ("min_rows", d.type in ROW_TYPES, f'a {d.type} field has no "min_rows"'),
        ("max_rows", d.type in ROW_TYPES, f'a {d.type} field has no "max_rows"'),
        ("not_before", d.type in DATE_TYPES and not column, '"not_before" not allowed here'),
        ("pattern_message", d.pattern is not None, '"pattern_message" without "pattern"'),
    ]
    for attr, allowed, reason in rules:
        if attr in data and not allowed:
            raise _Invalid(reason, d.key)
    if d.type is FieldType.CHOICE:
        if not d.choices:
            raise _Invalid("a choice field needs at least one choice", d.key)
        _check_unique([c.value for c in d.choices], d.key, "choice")
    if d.type is FieldType.TABLE and not d.columns:
        raise _Invalid("a table field needs at least one column", d.key)
    if d.max_length is not None and d.max_length < 1:
        raise _Invalid('"max_length" must be at least 1', d.key)
    if d.min_rows < 0:
        raise _Invalid('"min_rows" must not be negative', d.key)
    if d.max_rows is not None and d.max_rows < max(d.min_rows, 1):
        raise _Invalid('"max_rows" must be at least 1 and not below "min_rows"', d.key)
    if d.pattern is not None:
        try:
            re.compile(d.pattern)
        except re.error as error:
            raise _Invalid(f'bad regular expression in "pattern": {error}', d.key) from None
        if not d.pattern_message:
            raise _Invalid('"pattern" needs a "pattern_message" telling what to enter', d.key)


def _check_not_before(definition: FieldDef, fields: tuple[FieldDef, ...]) -> None:
    other = definition.not_before
    if other is None:
        return
    target = next((f for f in fields if f.key == other), None)
    if target is None or target.type not in DATE_TYPES or target is definition:
        raise _Invalid(f'"not_before" must name another date field, not "{other}"', definition.key)


def _check_attrs(data: dict[str, Any], allowed: set[str], name: str | None, kind: str = "") -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise _Invalid(f'unknown {kind}attribute "{unknown[0]}"', name)


def _check_unique(keys: list[str], name: str | None, kind: str = "field") -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise _Invalid(f'duplicate {kind} key "{key}"', name if kind != "field" else key)
        seen.add(key)


_MISSING: Any = object()


def _get(
    data: dict[str, Any], attr: str, kind: type, name: str | None, default: Any = _MISSING
) -> Any:
    if attr not in data:
        if default is _MISSING:
            raise _Invalid(f'missing "{attr}"', name)
        return default
    value = data[attr]
    # bool is an int in Python, but "required": 1 or "version": true is a typo, not intent.
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Invalid(f'"{attr}" must be {_KIND_NAMES[kind]}, found {_show(value)}', name)
    return value


def _text(data: dict[str, Any], attr: str, name: str | None) -> str:
    value: str = _get(data, attr, str, name)
    if not value.strip():
        raise _Invalid(f'"{attr}" must not be empty', name)
    return value


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


_KIND_NAMES: dict[type, str] = {
    str: "a string",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
}
