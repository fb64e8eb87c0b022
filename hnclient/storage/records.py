"""The value types the store hands out, and how timestamps are stored.

Timestamps are UTC ISO-8601 text with a fixed width (microseconds, ``+00:00``), so string order
is time order and ``ORDER BY updated_at`` needs no conversion; they come back timezone-aware.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from hnclient.items import ItemState

SaveReason = Literal["create", "autosave", "manual", "restore", "duplicate"]
SAVE_REASONS: frozenset[str] = frozenset({"create", "autosave", "manual", "restore", "duplicate"})
#: "outbox": an item's sending or the office's feedback changed; "notices": the notices.
EventKind = Literal[
    "created", "updated", "deleted", "restored", "purged", "state", "outbox", "notices"
]

_STATES = {state.value: state for state in ItemState}


@dataclass(frozen=True, slots=True)
class ItemSummary:
    """One list row: only what the list shows, so 100,000 of them stay cheap."""

    id: str
    title: str
    category: str
    state: ItemState
    event_date: date | None
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None
    revision: int
    #: The newest step of the audit trail: ``(action, actor name, UTC time text)`` or None.
    last_step: tuple[str, str, str] | None = None


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    revision: int
    saved_at: datetime
    reason: SaveReason
    title: str
    content_hash: str


@dataclass(frozen=True, slots=True)
class StoreEvent:
    kind: EventKind
    item_id: str


def to_db_time(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("naive datetime: the store clock must return timezone-aware times")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


_from_iso = datetime.fromisoformat


def from_db_time(value: str) -> datetime:
    return _from_iso(value)


def from_db_time_opt(value: str | None) -> datetime | None:
    return None if value is None else _from_iso(value)


def state_from_db(value: str) -> ItemState:
    return _STATES[value]


SUMMARY_COLUMNS = (
    "id, title, category, state, event_date, created_at, updated_at, deleted_at, revision,"
    " last_step"
)


def summary_from_row(
    row: tuple[str, str, str, str, str | None, str, str, str | None, int, str | None],
) -> ItemSummary:
    """Hot path of listing: plain lookups and C-level parsers only."""
    item_id, title, category, state, event_date, created, updated, deleted, revision, step = row
    return ItemSummary(
        item_id,
        title,
        category,
        _STATES[state],
        date.fromisoformat(event_date) if event_date else None,
        _from_iso(created),
        _from_iso(updated),
        _from_iso(deleted) if deleted else None,
        revision,
        _step(step) if step else None,
    )


def _step(text: str) -> tuple[str, str, str] | None:
    """``action\tactor name\ttime`` as written by the audit trail."""
    parts = text.split("\t")
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None
