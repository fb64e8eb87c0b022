"""The store's outbox methods (a part of :class:`~hnclient.storage.Store`, kept apart).

Same style as the rest of the store: each method is one transaction, listeners hear of a
change after COMMIT (``"outbox"`` events name the item; ``"notices"`` events name none).
The sender (:mod:`hnclient.sending`) is the only writer besides the life-cycle moves.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from hnclient import lifecycle
from hnclient.lifecycle import OFFICE, Action, ActorRef
from hnclient.storage.outbox_rows import (
    NOTICE_COLUMNS,
    OUTBOX_COLUMNS,
    PENDING,
    UPLOAD_COLUMNS,
    Notice,
    OutboxEntry,
    UploadRecord,
    entry_from_row,
    notice_from_row,
    upload_from_row,
)
from hnclient.storage.records import StoreEvent, state_from_db, to_db_time

if TYPE_CHECKING:
    from hnclient.storage.store import ApprovalBuilder


class OutboxMethods:
    """Mixed into :class:`~hnclient.storage.Store`."""

    if TYPE_CHECKING:

        def _read(self) -> AbstractContextManager[sqlite3.Connection]: ...

        def _write(
            self,
        ) -> AbstractContextManager[tuple[sqlite3.Connection, list[StoreEvent]]]: ...

        def _now(self) -> datetime: ...

        def _move(
            self,
            conn: sqlite3.Connection,
            events: list[StoreEvent],
            item_id: str,
            action: Action,
            actor: ActorRef,
            expected_hash: str | None,
            detail: dict[str, Any] | None,
            approve: ApprovalBuilder | None,
        ) -> None: ...

    # -- the outbox ---------------------------------------------------------------------------

    def outbox_entry(self, item_id: str, revision: int | None = None) -> OutboxEntry | None:
        """The row of that revision (the newest one when ``revision`` is None)."""
        sql = f"SELECT {OUTBOX_COLUMNS} FROM outbox WHERE item_id = ?"
        params: list[Any] = [item_id]
        if revision is not None:
            sql += " AND revision = ?"
            params.append(revision)
        with self._read() as conn:
            row = conn.execute(sql + " ORDER BY revision DESC LIMIT 1", params).fetchone()
        return None if row is None else entry_from_row(tuple(row))

    def outbox_entries(self, states: Collection[str] | None = None) -> list[OutboxEntry]:
        """Rows in the order they were queued; ``states`` filters (pending, delivered …)."""
        sql = f"SELECT {OUTBOX_COLUMNS} FROM outbox"
        params: list[Any] = []
        if states is not None:
            if not states:
                return []
            sql += f" WHERE state IN ({','.join('?' * len(states))})"
            params.extend(states)
        with self._read() as conn:
            rows = conn.execute(sql + " ORDER BY queued_at, item_id", params).fetchall()
        return [entry_from_row(tuple(r)) for r in rows]

    def outbox_due(self, now: datetime | None = None) -> list[OutboxEntry]:
        """What the sender should try now: pending, not refused, due, and the item still
        queued at that revision (outside the recycle bin)."""
        at = to_db_time(now or self._now())
        columns = ", ".join(f"o.{c.strip()}" for c in OUTBOX_COLUMNS.split(","))
        sql = (
            f"SELECT {columns} FROM outbox o JOIN items i ON i.id = o.item_id"
            " WHERE o.state = ? AND o.refused = 0"
            " AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)"
            " AND i.state = 'queued' AND i.revision = o.revision AND i.deleted_at IS NULL"
            " ORDER BY o.queued_at, o.item_id"
        )
        with self._read() as conn:
            rows = conn.execute(sql, (PENDING, at)).fetchall()
        return [entry_from_row(tuple(r)) for r in rows]

    def outbox_next_attempt(self) -> datetime | None:
        """When the earliest pending row waiting for a retry becomes due (None: none waits)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT min(next_attempt_at) FROM outbox WHERE state = ? AND refused = 0"
                " AND next_attempt_at IS NOT NULL",
                (PENDING,),
            ).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def is_queued(self, item_id: str, revision: int) -> bool:
        """Whether the item is still queued at that revision (the officer may unqueue)."""
        with self._read() as conn:
            row = conn.execute(
                "SELECT state, revision, deleted_at FROM items WHERE id = ?", (item_id,)
            ).fetchone()
        return row is not None and row[0] == "queued" and row[1] == revision and row[2] is None

    def set_outbox_manifest(self, item_id: str, revision: int, body: bytes, sha256: str) -> None:
        """Keep the manifest as built: every resend is these bytes (same receipt)."""
        with self._write() as (conn, _events):
            conn.execute(
                "UPDATE outbox SET manifest = ?, manifest_sha256 = ?"
                " WHERE item_id = ? AND revision = ? AND state = ?",
                (body, sha256, item_id, revision, PENDING),
            )

    def clear_outbox_manifest(self, item_id: str, revision: int) -> None:
        """The endpoint refused the manifest and stored nothing: the next try builds anew."""
        with self._write() as (conn, _events):
            conn.execute(
                "UPDATE outbox SET manifest = NULL, manifest_sha256 = NULL"
                " WHERE item_id = ? AND revision = ?",
                (item_id, revision),
            )

    def record_send_failure(
        self,
        item_id: str,
        revision: int,
        *,
        message_zh: str,
        message_en: str,
        code: str = "",
        retry_at: datetime | None = None,
        refused: bool = False,
    ) -> None:
        """A try failed: count it, say why, and when to try again (``refused``: not until
        the officer queues the item again)."""
        with self._write() as (conn, events):
            conn.execute(
                "UPDATE outbox SET attempts = attempts + 1, last_error_zh = ?,"
                " last_error_en = ?, last_error_code = ?, next_attempt_at = ?, refused = ?"
                " WHERE item_id = ? AND revision = ? AND state = ?",
                (
                    message_zh,
                    message_en,
                    code,
                    to_db_time(retry_at) if retry_at else None,
                    int(refused),
                    item_id,
                    revision,
                    PENDING,
                ),
            )
            events.append(StoreEvent("outbox", item_id))

    def clear_send_error(self, item_id: str, revision: int) -> None:
        with self._write() as (conn, events):
            cursor = conn.execute(
                "UPDATE outbox SET last_error_zh = NULL, last_error_en = NULL,"
                " last_error_code = NULL, next_attempt_at = NULL"
                " WHERE item_id = ? AND revision = ? AND last_error_zh IS NOT NULL",
                (item_id, revision),
            )
            if cursor.rowcount:
                events.append(StoreEvent("outbox", item_id))

    # -- uploads ------------------------------------------------------------------------------

    def upload_records(self, item_id: str, revision: int) -> list[UploadRecord]:
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {UPLOAD_COLUMNS} FROM outbox_uploads WHERE item_id = ? AND revision = ?"
                " ORDER BY rowid",
                (item_id, revision),
            ).fetchall()
        return [upload_from_row(tuple(r)) for r in rows]

    def upload_record(self, item_id: str, revision: int, sha256: str) -> UploadRecord | None:
        with self._read() as conn:
            row = conn.execute(
                f"SELECT {UPLOAD_COLUMNS} FROM outbox_uploads"
                " WHERE item_id = ? AND revision = ? AND sha256 = ?",
                (item_id, revision, sha256),
            ).fetchone()
        return None if row is None else upload_from_row(tuple(row))

    def save_upload(
        self,
        item_id: str,
        revision: int,
        sha256: str,
        size: int,
        *,
        url: str | None,
        offset: int = 0,
        done: bool = False,
    ) -> None:
        """Where a file's upload is and how far it got (durable before the next PATCH)."""
        with self._write() as (conn, _events):
            conn.execute(
                f"INSERT INTO outbox_uploads ({UPLOAD_COLUMNS}, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (item_id, revision, sha256)"
                " DO UPDATE SET size = excluded.size, upload_url = excluded.upload_url,"
                " offset_bytes = excluded.offset_bytes, done = excluded.done,"
                " updated_at = excluded.updated_at",
                (
                    item_id,
                    revision,
                    sha256,
                    size,
                    url,
                    offset,
                    int(done),
                    to_db_time(self._now()),
                ),
            )

    # -- the office's feedback ----------------------------------------------------------------

    def feed_cursor(self, feed: str) -> str | None:
        with self._read() as conn:
            row = conn.execute("SELECT cursor FROM feed_cursors WHERE feed = ?", (feed,)).fetchone()
        return None if row is None else str(row[0])

    @staticmethod
    def _set_cursor(conn: sqlite3.Connection, feed: str, cursor: str | None, at: str) -> None:
        if cursor is None:
            return
        conn.execute(
            "INSERT INTO feed_cursors (feed, cursor, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (feed) DO UPDATE SET cursor = excluded.cursor,"
            " updated_at = excluded.updated_at",
            (feed, cursor, at),
        )

    def apply_office_changes(
        self, changes: Iterable[dict[str, Any]], cursor: str | None, *, actor: ActorRef = OFFICE
    ) -> list[tuple[str, int, str]]:
        """One page of the status feed (docs/protocol.md §5), in one transaction with its
        cursor: each change is recorded on its revision's outbox row, and when it is the
        item's current revision in a state the life cycle lets the office move, the move is
        made (已采用, 已发布 with the URL, 被退回 with the reason). Returns ``(item_id,
        revision, status)`` of the changes recorded."""
        applied: list[tuple[str, int, str]] = []
        with self._write() as (conn, events):
            now = self._now()
            at = to_db_time(now)
            for change in changes:
                item_id = str(change.get("item_id", ""))
                revision = change.get("revision")
                status = str(change.get("status", ""))
                if not item_id or type(revision) is not int or not status:
                    continue
                reason = str(change.get("reason") or "")
                url = str(change.get("url") or "")
                updated = conn.execute(
                    "UPDATE outbox SET office_status = ?, office_reason = ?, office_url = ?,"
                    " office_updated_at = ? WHERE item_id = ? AND revision = ?"
                    " AND state = 'delivered' AND (office_status IS NOT ?"
                    " OR coalesce(office_reason, '') != ? OR coalesce(office_url, '') != ?)",
                    (status, reason, url, at, item_id, revision, status, reason, url),
                )
                if not updated.rowcount:
                    # Not delivered from this PC, not yet (the receipt decides), or nothing
                    # new (the receipt already said "received").
                    continue
                applied.append((item_id, revision, status))
                events.append(StoreEvent("outbox", item_id))
                action = lifecycle.OFFICE_STATUS_ACTIONS.get(status)
                row = conn.execute(
                    "SELECT state, revision, deleted_at FROM items WHERE id = ?", (item_id,)
                ).fetchone()
                if action is None or row is None or row[1] != revision:
                    continue
                if not lifecycle.allowed(state_from_db(row[0]), action, actor.kind):
                    continue  # already there (a repeated feed) or moved on
                detail: dict[str, Any] = {"office_status": status}
                if url:
                    detail["url"] = url
                if reason:
                    detail["reason"] = reason
                self._move(conn, events, item_id, action, actor, None, detail, None)
            self._set_cursor(conn, "status", cursor, at)
        return applied

    # -- notices ------------------------------------------------------------------------------

    def add_notices(self, notices: Iterable[dict[str, Any]], cursor: str | None) -> list[Notice]:
        """New notices and tasks from the feed, with its cursor; returns the new ones."""
        new_ids: list[str] = []
        with self._write() as (conn, events):
            at = to_db_time(self._now())
            for notice in notices:
                nid = str(notice.get("id", ""))
                if not nid:
                    continue
                cursor_row = conn.execute(
                    "INSERT INTO notices (id, kind, title, body, due_date, published_at,"
                    " received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                    (
                        nid,
                        str(notice.get("kind") or "notice"),
                        str(notice.get("title") or ""),
                        str(notice.get("body") or ""),
                        notice.get("due_date"),
                        notice.get("published_at"),
                        at,
                    ),
                )
                if cursor_row.rowcount:
                    new_ids.append(nid)
            self._set_cursor(conn, "notices", cursor, at)
            if new_ids:
                events.append(StoreEvent("notices", ""))
        return [n for n in self.notices() if n.id in set(new_ids)]

    def notices(self, *, unread_only: bool = False) -> list[Notice]:
        """Newest published first."""
        where = " WHERE read_at IS NULL" if unread_only else ""
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {NOTICE_COLUMNS} FROM notices{where}"
                " ORDER BY published_at DESC, received_at DESC"
            ).fetchall()
        return [notice_from_row(tuple(r)) for r in rows]

    def mark_notice_read(self, notice_id: str) -> None:
        with self._write() as (conn, events):
            cursor = conn.execute(
                "UPDATE notices SET read_at = ? WHERE id = ? AND read_at IS NULL",
                (to_db_time(self._now()), notice_id),
            )
            if cursor.rowcount:
                events.append(StoreEvent("notices", ""))
