"""The local store of items: one SQLite file, one connection, every change one transaction.

The UI saves from a worker thread and reads from the GUI thread, so the single connection is
guarded by a re-entrant lock. Listeners run after COMMIT and after the lock is released: a
listener may call back into the store, and it never hears about a change that was rolled back.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hnclient.items import Item, ItemState
from hnclient.storage import search
from hnclient.storage.database import open_database, quick_check_problems
from hnclient.storage.errors import (
    ItemNotEditableError,
    ItemNotFoundError,
    ItemNotInRecycleBinError,
    StoreError,
    translate,
)
from hnclient.storage.migrations import LATEST_VERSION, migrate
from hnclient.storage.records import (
    SAVE_REASONS,
    SUMMARY_COLUMNS,
    EventKind,
    ItemSummary,
    RevisionInfo,
    SaveReason,
    StoreEvent,
    from_db_time,
    from_db_time_opt,
    state_from_db,
    summary_from_row,
    to_db_time,
)

log = logging.getLogger(__name__)

# Autosaves of one editing burst share one history row for at most this long (measured from
# the burst's first autosave), so a long session still leaves a checkpoint every 10 minutes.
AUTOSAVE_COALESCE_WINDOW = timedelta(minutes=10)
CONTENT_FIELDS = frozenset(
    {"title", "event_date", "channels", "summary", "cover", "values", "attachments"}
)
COPY_SUFFIX = "（副本）"
_ITEM_COLUMNS = "content, state, revision, created_at, updated_at, deleted_at"

Listener = Callable[[StoreEvent], None]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _canonical(item: Item) -> tuple[Item, str, str]:
    """The item as it will be stored (NFC etc.), its canonical JSON text and its hash."""
    text = item.canonical_bytes().decode("utf-8")
    stored = Item.from_content(json.loads(text))
    return stored, text, item.content_hash()


def _item_from_row(row: tuple[str, str, int, str, str, str | None]) -> Item:
    content, state, revision, created, updated, deleted = row
    return Item.from_content(
        json.loads(content),
        state=state_from_db(state),
        revision=revision,
        created_at=from_db_time(created),
        updated_at=from_db_time(updated),
        deleted_at=from_db_time_opt(deleted),
    )


class Store:
    """All persistent items of this PC's officer. Create with :meth:`open`."""

    recovered_from_corruption: Path | None

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        clock: Callable[[], datetime],
        recovered_from_corruption: Path | None,
    ) -> None:
        self._conn: sqlite3.Connection | None = conn
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._clock = clock
        self.path = path
        self.recovered_from_corruption = recovered_from_corruption

    # -- opening and closing ---------------------------------------------------------------

    @classmethod
    def open(
        cls, path: Path, *, clock: Callable[[], datetime] | None = None, verify: bool = True
    ) -> Store:
        """Open or create the database, migrating it; a corrupt file is moved aside first.

        ``verify=False`` skips the full page check at open (it grows with the database: about
        0.5 s at 100,000 items); the caller should then run :meth:`integrity_problems` soon,
        off the GUI thread.
        """
        clock = clock or _utc_now
        conn, moved = open_database(path, supported=LATEST_VERSION, now=clock(), verify=verify)
        try:
            migrate(conn)
            conn.execute("BEGIN IMMEDIATE")
            if search.ensure_index_current(conn):
                log.info("search index rebuilt for scheme %s", search.SEARCH_SCHEME)
            conn.execute("COMMIT")
        except BaseException as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            conn.close()
            if isinstance(error, sqlite3.Error | OSError):
                raise translate(error) from error
            raise
        return cls(conn, path, clock, moved)

    def integrity_problems(self) -> list[str]:
        """``PRAGMA quick_check`` on the open file: empty when sound, else what is damaged."""
        with self._read() as conn:
            try:
                return quick_check_problems(conn)
            except sqlite3.DatabaseError as error:
                return [str(error)]

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                finally:
                    self._conn = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- listeners -------------------------------------------------------------------------

    def add_listener(self, callback: Listener) -> None:
        with self._lock:
            self._listeners.append(callback)

    def remove_listener(self, callback: Listener) -> None:
        with self._lock:
            if callback in self._listeners:
                self._listeners.remove(callback)

    def _emit(self, events: list[StoreEvent]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for event in events:
            for listener in listeners:
                try:
                    listener(event)
                except Exception:
                    # The change is committed; a failing listener must not make it look failed.
                    log.exception("store listener %r failed on %s", listener, event)

    # -- plumbing ----------------------------------------------------------------------------

    def _now(self) -> datetime:
        now = self._clock()
        if now.tzinfo is None:
            raise ValueError("the store clock must return timezone-aware datetimes")
        return now.astimezone(UTC)

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError("the store is closed")
        return self._conn

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._connection()
            try:
                yield conn
            except (sqlite3.Error, OSError) as error:
                raise translate(error) from error

    @contextmanager
    def _write(self) -> Iterator[tuple[sqlite3.Connection, list[StoreEvent]]]:
        """One ``BEGIN IMMEDIATE`` transaction; events are delivered only after COMMIT."""
        events: list[StoreEvent] = []
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
                yield conn, events
                conn.execute("COMMIT")
            except BaseException as error:
                # SQLITE_FULL and friends may already have rolled back on their own.
                if conn.in_transaction:
                    try:
                        conn.execute("ROLLBACK")
                    except sqlite3.Error:
                        log.exception("rollback failed")
                if isinstance(error, sqlite3.Error | OSError):
                    raise translate(error) from error
                raise
        self._emit(events)

    @staticmethod
    def _row(conn: sqlite3.Connection, item_id: str, columns: str) -> tuple[Any, ...]:
        row = conn.execute(
            f"SELECT {columns} FROM items JOIN item_bodies ON item_pk = pk WHERE id = ?",
            (item_id,),
        ).fetchone()
        if row is None:
            raise ItemNotFoundError(item_id)
        return tuple(row)

    def _load(self, conn: sqlite3.Connection, item_id: str) -> Item:
        return _item_from_row(self._row(conn, item_id, _ITEM_COLUMNS))

    # -- reading -----------------------------------------------------------------------------

    def get_item(self, item_id: str) -> Item:
        with self._read() as conn:
            return self._load(conn, item_id)

    def get_summary(self, item_id: str) -> ItemSummary:
        with self._read() as conn:
            return summary_from_row(self._row(conn, item_id, SUMMARY_COLUMNS))

    def count_items(self, *, deleted: bool = False) -> int:
        """Items outside the recycle bin (or, with ``deleted=True``, inside it)."""
        condition = "deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"
        with self._read() as conn:
            return int(conn.execute(f"SELECT count(*) FROM items WHERE {condition}").fetchone()[0])

    def list_items(
        self,
        *,
        states: Collection[ItemState] | None = None,
        categories: Collection[str] | None = None,
        query: str | None = None,
        deleted: bool = False,
        limit: int | None = None,
    ) -> list[ItemSummary]:
        """Newest updated first. ``deleted=True`` lists the recycle bin instead.

        A blank query means no text filter; a query with nothing searchable in it (only
        punctuation) matches nothing. ``limit`` keeps only the newest rows (building a row
        costs more than finding it, so a first screen or a broad search can stop early).
        """
        where = ["deleted_at IS NOT NULL" if deleted else "deleted_at IS NULL"]
        params: list[Any] = []
        if states is not None:
            if not states:
                return []
            where.append(f"state IN ({','.join('?' * len(states))})")
            params.extend(ItemState(s).value for s in states)
        if categories is not None:
            if not categories:
                return []
            where.append(f"category IN ({','.join('?' * len(categories))})")
            params.extend(categories)
        if query is not None and query.strip():
            expression = search.match_expression(query)
            if expression is None:
                return []
            where.append("pk IN (SELECT rowid FROM item_search WHERE item_search MATCH ?)")
            params.append(expression)
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM items WHERE {' AND '.join(where)}"
            " ORDER BY updated_at DESC, pk DESC"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(max(0, int(limit)))
        with self._read() as conn:
            return list(map(summary_from_row, conn.execute(sql, params)))

    def search_ids(self, query: str) -> list[str]:
        """Ids of items outside the recycle bin matching ``query``, newest updated first."""
        expression = search.match_expression(query)
        if expression is None:
            return []
        sql = (
            "SELECT id FROM items WHERE deleted_at IS NULL"
            " AND pk IN (SELECT rowid FROM item_search WHERE item_search MATCH ?)"
            " ORDER BY updated_at DESC, pk DESC"
        )
        with self._read() as conn:
            return [row[0] for row in conn.execute(sql, (expression,))]

    def items_edited_in_session(self, edit_session: str) -> list[ItemSummary]:
        """Items whose last content change came from ``edit_session`` (crash-recovery hint)."""
        sql = (
            f"SELECT {SUMMARY_COLUMNS} FROM items WHERE last_edit_session = ?"
            " AND deleted_at IS NULL ORDER BY updated_at DESC, pk DESC"
        )
        with self._read() as conn:
            return list(map(summary_from_row, conn.execute(sql, (edit_session,))))

    def list_revisions(self, item_id: str) -> list[RevisionInfo]:
        """Newest first; the first entry is the current content."""
        with self._read() as conn:
            (pk,) = self._row(conn, item_id, "pk")
            rows = conn.execute(
                "SELECT revision, saved_at, reason, title, content_hash FROM item_revisions"
                " WHERE item_pk = ? ORDER BY revision DESC",
                (pk,),
            ).fetchall()
        return [RevisionInfo(r, from_db_time(s), reason, t, h) for r, s, reason, t, h in rows]

    def get_revision(self, item_id: str, revision: int) -> Item:
        """That revision's content; ``updated_at`` is when it was saved, state is the current."""
        with self._read() as conn:
            pk, state, created, deleted = self._row(
                conn, item_id, "pk, state, created_at, deleted_at"
            )
            row = conn.execute(
                "SELECT content, saved_at FROM item_revisions WHERE item_pk = ? AND revision = ?",
                (pk, revision),
            ).fetchone()
        if row is None:
            raise ItemNotFoundError(item_id, revision)
        return Item.from_content(
            json.loads(row[0]),
            state=state_from_db(state),
            revision=revision,
            created_at=from_db_time(created),
            updated_at=from_db_time(row[1]),
            deleted_at=from_db_time_opt(deleted),
        )

    # -- writing -----------------------------------------------------------------------------

    def create_item(
        self, category: str, form_version: int, *, edit_session: str | None = None, **fields: Any
    ) -> Item:
        """A new DRAFT at revision 1; ``fields`` are Item content fields (title, values, …)."""
        unknown = set(fields) - CONTENT_FIELDS
        if unknown:
            raise TypeError(f"not item content fields: {', '.join(sorted(unknown))}")
        item = Item(id=Item.new_id(), category=category, form_version=form_version, **fields)
        return self._insert(item, "create", edit_session, "created")

    def duplicate_item(self, item_id: str, *, edit_session: str | None = None) -> Item:
        """A new DRAFT with the same content — how a sent item gets a corrected successor."""
        source = self.get_item(item_id)
        copy = source.with_changes(id=Item.new_id(), title=source.title + COPY_SUFFIX)
        return self._insert(copy, "duplicate", edit_session, "created")

    def _insert(
        self, item: Item, reason: SaveReason, edit_session: str | None, event: EventKind
    ) -> Item:
        stored, content, digest = _canonical(item)
        body = stored.text_for_search()
        with self._write() as (conn, events):
            now = to_db_time(self._now())
            cursor = conn.execute(
                "INSERT INTO items (id, category, form_version, state, revision, content_hash,"
                " title, event_date, created_at, updated_at, deleted_at, last_edit_session)"
                " VALUES (?, ?, ?, ?, 1, ?, ?, ?, ?, ?, NULL, ?)",
                (
                    stored.id,
                    stored.category,
                    stored.form_version,
                    ItemState.DRAFT.value,
                    digest,
                    stored.title,
                    stored.event_date.isoformat() if stored.event_date else None,
                    now,
                    now,
                    edit_session,
                ),
            )
            pk = int(cursor.lastrowid or 0)
            conn.execute(
                "INSERT INTO item_bodies (item_pk, content, search_text) VALUES (?, ?, ?)",
                (pk, content, body),
            )
            search.index_item(conn, pk, stored.title, body)
            self._add_revision(
                conn, pk, 1, reason, edit_session, now, stored.title, content, digest
            )
            events.append(StoreEvent(event, stored.id))
            result = self._load(conn, stored.id)
        return result

    @staticmethod
    def _add_revision(
        conn: sqlite3.Connection,
        pk: int,
        revision: int,
        reason: SaveReason,
        edit_session: str | None,
        now: str,
        title: str,
        content: str,
        digest: str,
    ) -> None:
        conn.execute(
            "INSERT INTO item_revisions (item_pk, revision, reason, edit_session, saved_at,"
            " burst_started_at, title, content, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (pk, revision, reason, edit_session, now, now, title, content, digest),
        )

    def save_item(
        self, item: Item, *, reason: SaveReason = "autosave", edit_session: str | None = None
    ) -> Item:
        """Store new content as the next revision; unchanged content is not written at all.

        Only the content of ``item`` is used: state, revision and timestamps come from the
        database (the last save wins). A content change voids an approval (APPROVED → DRAFT).
        """
        if reason not in SAVE_REASONS:
            raise ValueError(f"unknown save reason {reason!r}")
        stored, content, digest = _canonical(item)
        body = stored.text_for_search()
        with self._write() as (conn, events):
            pk, state_text, revision, old_hash, old_title, old_body, deleted = self._row(
                conn,
                item.id,
                "pk, state, revision, content_hash, title, search_text, deleted_at",
            )
            if digest == old_hash:
                if reason == "manual":
                    # "Save now" on unchanged text closes the autosave burst: the text on
                    # screen becomes a version of its own that later autosaves cannot fold.
                    conn.execute(
                        "UPDATE item_revisions SET reason = 'manual', pinned = 1"
                        " WHERE item_pk = ? AND revision = ?",
                        (pk, revision),
                    )
                return self._load(conn, item.id)
            state = state_from_db(state_text)
            if deleted is not None:
                raise ItemNotEditableError(item.id, state.value, in_recycle_bin=True)
            if not state.editable:
                raise ItemNotEditableError(item.id, state.value)
            new_state = ItemState.DRAFT if state is ItemState.APPROVED else state
            new_revision = revision + 1
            now_dt = self._now()
            now = to_db_time(now_dt)
            conn.execute(
                "UPDATE items SET category = ?, form_version = ?, state = ?, revision = ?,"
                " content_hash = ?, title = ?, event_date = ?, updated_at = ?,"
                " last_edit_session = ? WHERE pk = ?",
                (
                    stored.category,
                    stored.form_version,
                    new_state.value,
                    new_revision,
                    digest,
                    stored.title,
                    stored.event_date.isoformat() if stored.event_date else None,
                    now,
                    edit_session,
                    pk,
                ),
            )
            conn.execute(
                "UPDATE item_bodies SET content = ?, search_text = ? WHERE item_pk = ?",
                (content, body, pk),
            )
            search.unindex_item(conn, pk, old_title, old_body)
            search.index_item(conn, pk, stored.title, body)
            self._record_revision(
                conn, pk, new_revision, reason, edit_session, now_dt, stored.title, content, digest
            )
            events.append(StoreEvent("updated", item.id))
            if new_state is not state:
                events.append(StoreEvent("state", item.id))
            result = self._load(conn, item.id)
        return result

    def _record_revision(
        self,
        conn: sqlite3.Connection,
        pk: int,
        revision: int,
        reason: SaveReason,
        edit_session: str | None,
        now: datetime,
        title: str,
        content: str,
        digest: str,
    ) -> None:
        """Add a history row, or fold an autosave into the current burst's row.

        The row folded into is always an autosave of the same session, so the version from
        before the burst (create, manual save, restore …) is never lost; pinned rows (a state
        change referred to them) are never folded.
        """
        newest = conn.execute(
            "SELECT rowid, reason, edit_session, burst_started_at, pinned FROM item_revisions"
            " WHERE item_pk = ? ORDER BY revision DESC LIMIT 1",
            (pk,),
        ).fetchone()
        if (
            reason == "autosave"
            and edit_session is not None
            and newest is not None
            and newest[1] == "autosave"
            and newest[2] == edit_session
            and not newest[4]
            and timedelta(0) <= now - from_db_time(newest[3]) < AUTOSAVE_COALESCE_WINDOW
        ):
            conn.execute(
                "UPDATE item_revisions SET revision = ?, saved_at = ?, title = ?, content = ?,"
                " content_hash = ? WHERE rowid = ?",
                (revision, to_db_time(now), title, content, digest, newest[0]),
            )
            return
        self._add_revision(
            conn, pk, revision, reason, edit_session, to_db_time(now), title, content, digest
        )

    def restore_revision(
        self, item_id: str, revision: int, *, edit_session: str | None = None
    ) -> Item:
        """Save an old revision's content as a new revision; the replaced one stays in history."""
        old = self.get_revision(item_id, revision)
        return self.save_item(old, reason="restore", edit_session=edit_session)

    def set_state(self, item_id: str, state: ItemState) -> Item:
        """Minimal for now: no transition rules yet (they come with sign-off and sending)."""
        state = ItemState(state)
        with self._write() as (conn, events):
            pk, current, revision, deleted = self._row(
                conn, item_id, "pk, state, revision, deleted_at"
            )
            if current == state.value:
                return self._load(conn, item_id)
            if deleted is not None:
                raise ItemNotEditableError(item_id, current, in_recycle_bin=True)
            conn.execute(
                "UPDATE items SET state = ?, updated_at = ? WHERE pk = ?",
                (state.value, to_db_time(self._now()), pk),
            )
            # The content the new state refers to must survive autosave coalescing.
            conn.execute(
                "UPDATE item_revisions SET pinned = 1 WHERE item_pk = ? AND revision = ?",
                (pk, revision),
            )
            events.append(StoreEvent("state", item_id))
            result = self._load(conn, item_id)
        return result

    def delete_item(self, item_id: str) -> None:
        """Move to the recycle bin (回收站); already there → nothing happens."""
        with self._write() as (conn, events):
            pk, deleted = self._row(conn, item_id, "pk, deleted_at")
            if deleted is None:
                conn.execute(
                    "UPDATE items SET deleted_at = ? WHERE pk = ?",
                    (to_db_time(self._now()), pk),
                )
                events.append(StoreEvent("deleted", item_id))

    def restore_item(self, item_id: str) -> None:
        """Back from the recycle bin; not in it → nothing happens."""
        with self._write() as (conn, events):
            pk, deleted = self._row(conn, item_id, "pk, deleted_at")
            if deleted is not None:
                conn.execute("UPDATE items SET deleted_at = NULL WHERE pk = ?", (pk,))
                events.append(StoreEvent("restored", item_id))

    def purge_item(self, item_id: str) -> None:
        """Delete for good, history included; only from the recycle bin."""
        with self._write() as (conn, events):
            row = self._row(conn, item_id, "pk, title, search_text, deleted_at")
            if row[3] is None:
                raise ItemNotInRecycleBinError(item_id)
            self._purge(conn, row[0], row[1], row[2])
            events.append(StoreEvent("purged", item_id))

    def empty_recycle_bin(self) -> int:
        with self._write() as (conn, events):
            rows = conn.execute(
                "SELECT pk, id, title, search_text FROM items JOIN item_bodies ON item_pk = pk"
                " WHERE deleted_at IS NOT NULL"
            ).fetchall()
            for pk, item_id, title, body in rows:
                self._purge(conn, pk, title, body)
                events.append(StoreEvent("purged", item_id))
        return len(rows)

    @staticmethod
    def _purge(conn: sqlite3.Connection, pk: int, title: str, body: str) -> None:
        search.unindex_item(conn, pk, title, body)
        conn.execute("DELETE FROM items WHERE pk = ?", (pk,))  # bodies, revisions cascade
