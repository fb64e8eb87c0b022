"""What the sender tells its observers (the window adapts them to Qt signals; the CLI
prints them). Listeners are called on the sender's thread, after the store committed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from hnclient.sending.feedback import OfficeChange
from hnclient.sending.progress import Progress
from hnclient.storage import Notice


@dataclass(frozen=True)
class ItemProgress:
    progress: Progress


@dataclass(frozen=True)
class OverallProgress:
    """The whole pass: ``items_left`` still to deliver in it."""

    progress: Progress
    items_left: int


@dataclass(frozen=True)
class ItemDelivered:
    item_id: str
    revision: int
    receipt_id: str
    #: received, or held_unregistered_signer (签发人未备案: the office must confirm the key).
    status: str


@dataclass(frozen=True)
class ItemFailed:
    """A try failed. ``refused``: the endpoint refused it (its message is shown; the item
    stays queued until the officer unqueues or queues again); else ``retry_at`` says when
    the sender tries again."""

    item_id: str
    revision: int
    message_zh: str
    message_en: str
    code: str
    refused: bool
    retry_at: datetime | None


@dataclass(frozen=True)
class OfficeChanged:
    change: OfficeChange


@dataclass(frozen=True)
class NoticesArrived:
    notices: tuple[Notice, ...]


@dataclass(frozen=True)
class SenderState:
    """idle, sending, paused, offline (the last try found no network), stopped; with the
    message of a problem that stops all sending (a refused token) when there is one."""

    state: str
    message_zh: str = ""
    message_en: str = ""


SenderEvent = (
    ItemProgress
    | OverallProgress
    | ItemDelivered
    | ItemFailed
    | OfficeChanged
    | NoticesArrived
    | SenderState
)
