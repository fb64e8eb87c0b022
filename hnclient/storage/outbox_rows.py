"""Rows of the outbox, its uploads, the office's feedback and notices (schema v3).

The functions here run inside a transaction the :class:`~hnclient.storage.Store` opened;
:func:`on_move` is called by every life-cycle move so the outbox can never disagree with
the item's state: queueing adds the revision's row, unqueueing cancels it, delivering keeps
the receipt.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hnclient.lifecycle import Action
from hnclient.storage.records import from_db_time_opt, to_db_time

PENDING, DELIVERED, CANCELLED = "pending", "delivered", "cancelled"

#: What the office's statuses say to the officer (docs/protocol.md §4, §5).
OFFICE_STATUS_ZH = {
    "received": "已报送",
    "held_unregistered_signer": "签发人未备案",
    "adopted": "已采用",
    "published": "已发布",
    "returned": "被退回",
}
OFFICE_STATUS_EN = {
    "received": "Sent",
    "held_unregistered_signer": "Held: signer not registered",
    "adopted": "Adopted",
    "published": "Published",
    "returned": "Returned",
}

OUTBOX_COLUMNS = (
    "item_id, revision, state, queued_at, attempts, next_attempt_at, last_error_zh,"
    " last_error_en, last_error_code, refused, supersedes, manifest, manifest_sha256, receipt,"
    " delivered_at, office_status, office_reason, office_url, office_updated_at"
)
UPLOAD_COLUMNS = "item_id, revision, sha256, size, upload_url, offset_bytes, done"
NOTICE_COLUMNS = "id, kind, title, body, due_date, published_at, received_at, read_at"


@dataclass(frozen=True)
class OutboxEntry:
    """One revision of an item on its way to the office, or delivered there."""

    item_id: str
    revision: int
    state: str  # pending, delivered, cancelled
    queued_at: datetime
    attempts: int
    next_attempt_at: datetime | None
    last_error_zh: str
    last_error_en: str
    last_error_code: str
    #: The endpoint refused it (409/422): not retried until the officer queues it again.
    refused: bool
    supersedes: int | None
    manifest: bytes | None
    manifest_sha256: str
    receipt: dict[str, Any] | None
    delivered_at: datetime | None
    office_status: str  # "" until delivered; then received, held_unregistered_signer, …
    office_reason: str
    office_url: str
    office_updated_at: datetime | None

    @property
    def office_label_zh(self) -> str:
        return OFFICE_STATUS_ZH.get(self.office_status, "")

    @property
    def office_label_en(self) -> str:
        return OFFICE_STATUS_EN.get(self.office_status, "")

    @property
    def held_unregistered_signer(self) -> bool:
        return self.office_status == "held_unregistered_signer"


@dataclass(frozen=True)
class UploadRecord:
    """A file's tus upload for one revision: the URL is kept before the first PATCH."""

    item_id: str
    revision: int
    sha256: str
    size: int
    upload_url: str | None
    offset: int
    done: bool


@dataclass(frozen=True)
class Notice:
    """A notice (通报) or a task with a due date from the office."""

    id: str
    kind: str  # notice, task
    title: str
    body: str
    due_date: str | None
    published_at: str | None
    received_at: datetime
    read_at: datetime | None


def entry_from_row(row: tuple[Any, ...]) -> OutboxEntry:
    (item_id, revision, state, queued, attempts, next_at, err_zh, err_en, err_code, refused,
     supersedes, manifest, manifest_sha, receipt, delivered, status, reason, url,
     status_at) = row  # fmt: skip
    return OutboxEntry(
        item_id=item_id,
        revision=int(revision),
        state=state,
        queued_at=datetime.fromisoformat(queued),
        attempts=int(attempts),
        next_attempt_at=from_db_time_opt(next_at),
        last_error_zh=err_zh or "",
        last_error_en=err_en or "",
        last_error_code=err_code or "",
        refused=bool(refused),
        supersedes=supersedes,
        manifest=bytes(manifest) if manifest is not None else None,
        manifest_sha256=manifest_sha or "",
        receipt=json.loads(receipt) if receipt else None,
        delivered_at=from_db_time_opt(delivered),
        office_status=status or "",
        office_reason=reason or "",
        office_url=url or "",
        office_updated_at=from_db_time_opt(status_at),
    )


def upload_from_row(row: tuple[Any, ...]) -> UploadRecord:
    item_id, revision, sha, size, url, offset, done = row
    return UploadRecord(item_id, int(revision), sha, int(size), url, int(offset), bool(done))


def notice_from_row(row: tuple[Any, ...]) -> Notice:
    nid, kind, title, body, due, published, received, read = row
    return Notice(
        nid,
        kind,
        title,
        body,
        due,
        published,
        datetime.fromisoformat(received),
        from_db_time_opt(read),
    )


def on_move(
    conn: sqlite3.Connection,
    item_id: str,
    revision: int,
    action: Action,
    detail: dict[str, Any],
    now: datetime,
) -> None:
    """Keep the outbox in step with a life-cycle move (same transaction)."""
    at = to_db_time(now)
    if action is Action.QUEUE:
        # A returned item sent again names the newest revision the office received.
        row = conn.execute(
            "SELECT max(revision) FROM outbox WHERE item_id = ? AND state = ? AND revision < ?",
            (item_id, DELIVERED, revision),
        ).fetchone()
        supersedes = row[0] if row else None
        # Queued again at the same revision (after 取消发送): same content, same approval,
        # so the manifest already built (and perhaps received) stays byte-identical.
        conn.execute(
            "INSERT INTO outbox (item_id, revision, state, queued_at, supersedes)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (item_id, revision) DO UPDATE SET"
            " state = excluded.state, queued_at = excluded.queued_at, attempts = 0,"
            " next_attempt_at = NULL, last_error_zh = NULL, last_error_en = NULL,"
            " last_error_code = NULL, refused = 0",
            (item_id, revision, PENDING, at, supersedes),
        )
    elif action is Action.UNQUEUE:
        conn.execute(
            "UPDATE outbox SET state = ? WHERE item_id = ? AND revision = ? AND state = ?",
            (CANCELLED, item_id, revision, PENDING),
        )
    elif action is Action.DELIVER:
        receipt = detail.get("receipt")
        status = str(receipt.get("status", "received")) if isinstance(receipt, dict) else ""
        conn.execute(
            "UPDATE outbox SET state = ?, receipt = ?, delivered_at = ?, office_status = ?,"
            " office_updated_at = ?, last_error_zh = NULL, last_error_en = NULL,"
            " last_error_code = NULL, next_attempt_at = NULL"
            " WHERE item_id = ? AND revision = ?",
            (
                DELIVERED,
                json.dumps(receipt, ensure_ascii=False, sort_keys=True) if receipt else None,
                at,
                status or "received",
                at,
                item_id,
                revision,
            ),
        )
        conn.execute(
            "DELETE FROM outbox_uploads WHERE item_id = ? AND revision = ?", (item_id, revision)
        )
