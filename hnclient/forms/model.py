"""What a category form is, as plain immutable values.

Forms are data (domain.md: the office revises them), so these classes carry no behaviour
beyond lookup; the loader guarantees their invariants and the engine interprets them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path


class FieldType(StrEnum):
    """How a value is entered, stored and checked; the string is what form files say."""

    TEXT = "text"
    MULTILINE = "multiline"
    DATE = "date"
    DATETIME = "datetime"
    CHOICE = "choice"
    PEOPLE = "people"
    TABLE = "table"
    URL = "url"
    PHONE = "phone"
    NUMBER = "number"


# Stored as one string, so length and pattern limits make sense for them.
STRING_TYPES = frozenset(
    {FieldType.TEXT, FieldType.MULTILINE, FieldType.URL, FieldType.PHONE, FieldType.NUMBER}
)
# Stored as a list of rows, so row counts make sense for them.
ROW_TYPES = frozenset({FieldType.PEOPLE, FieldType.TABLE})
# A table cell is one line in a grid: nothing that needs a sub-editor of its own.
COLUMN_TYPES = frozenset(
    {
        FieldType.TEXT,
        FieldType.NUMBER,
        FieldType.CHOICE,
        FieldType.DATE,
        FieldType.PHONE,
        FieldType.URL,
    }
)
DATE_TYPES = frozenset({FieldType.DATE, FieldType.DATETIME})

# Keys of the parts every item has outside ``values``; a form field may not shadow them,
# because a Problem names either kind with one ``field`` string.
COMMON_KEYS = ("title", "event_date", "channels", "summary", "cover")


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    label_en: str


@dataclass(frozen=True)
class FieldDef:
    """One input of a form, or one column of a table field.

    ``not_before`` names another date/date-time field of the same form that this one may not
    precede (e.g. an announcement's validity end before its start).

    ``publish``: the field is part of the text the office publishes and is printed with the
    body (a statistics table, an announcement's contact telephone). Other fields are the
    form's bookkeeping — kind of activity, time and place, document numbers — printed after
    the text in the 报送信息 table, which the office reads but does not publish
    (:mod:`hnclient.word.layout`). The body (key ``body``) is always published.
    """

    key: str
    type: FieldType
    label: str
    label_en: str
    required: bool = False
    max_length: int | None = None
    pattern: str | None = None
    pattern_message: str | None = None
    help: str = ""
    help_en: str = ""
    choices: tuple[Choice, ...] = ()
    columns: tuple[FieldDef, ...] = ()
    min_rows: int = 0
    max_rows: int | None = None
    not_before: str | None = None
    publish: bool = False

    def choice(self, value: str) -> Choice | None:
        return next((c for c in self.choices if c.value == value), None)

    def column(self, key: str) -> FieldDef:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)


@dataclass(frozen=True)
class FormDef:
    """A category's form (notice 三(一)–(八)) or the service guide (附件3)."""

    key: str
    version: int
    title: str
    title_en: str
    section: str
    description: str = ""
    title_label: str = "标题"
    title_label_en: str = "Title"
    #: What the item's date means in this form; a service guide has no "event", but a date.
    event_date_label: str = "事件日期"
    event_date_label_en: str = "Event date"
    #: Whether an old date is flagged (时效性): news goes stale, a service guide does not.
    timeliness: bool = True
    #: Position in lists and menus (the notice's order).
    order: int = 1000
    fields: tuple[FieldDef, ...] = ()
    source: Path = dataclasses.field(default=Path(), compare=False)

    def field(self, key: str) -> FieldDef:
        for candidate in self.fields:
            if candidate.key == key:
                return candidate
        raise KeyError(key)

    def has_field(self, key: str) -> bool:
        return any(candidate.key == key for candidate in self.fields)
