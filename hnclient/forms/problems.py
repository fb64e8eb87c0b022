"""What validation reports: one finding, with a place, a stable code and two messages.

``code`` is for programs (tests, the UI's icons, the office's statistics) and never changes
wording; ``message`` is for the officer, in plain Chinese that says what to do.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # blocks submission
    WARNING = "warning"  # shown, but the officer may still submit


@dataclass(frozen=True)
class Problem:
    """A finding about one place of an item.

    ``field`` is a form field key or a common key (title, event_date, channels, summary,
    cover). ``row`` is the 0-based index into the stored list of a people/table field (blank
    rows included, so the UI can point at the row); messages count rows from 1. ``column`` is
    the table column key, or "name"/"position" for a people entry.
    """

    field: str
    row: int | None
    column: str | None
    severity: Severity
    code: str
    message: str
    message_en: str

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR


def has_errors(problems: Iterable[Problem]) -> bool:
    """Whether the item may not be submitted as it is."""
    return any(p.is_error for p in problems)
