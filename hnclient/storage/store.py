"""The local store of items: one SQLite file, one connection, every change one transaction.

The UI saves from a worker thread and reads from the GUI thread, so the single connection is
guarded by a re-entrant lock. Listeners run after COMMIT and after the lock is released: a
listener may call back into the store, and it never hears about a change that was rolled back.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hnclient import lifecycle
from hnclient.audit import AuditEntry, key_lives
from hnclient.items import Item, ItemState, canonical_json
from hnclient.lifecycle import Action, ActorRef, Voids
from hnclient.storage import outbox_rows, search, signoff_rows
from hnclient.storage.database import OpenedDatabase, open_database, quick_check_problems
from hnclient.storage.errors import (
    ApprovalMissingError,
    ContentChangedError,
    ItemNotEditableError,
    ItemNotFoundError,
    ItemNotInRecycleBinError,
    LeaderNotFoundError,
    OlderProgramOpenError,
    ReadOnlyStoreError,
    StoreError,
    translate,
)
from hnclient.storage.migrations import LATEST_VERSION, migrate, schema_version
from hnclient.storage.outbox import OutboxMethods
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
from hnclient.storage.signoff_rows import (
    APPROVAL_COLUMNS,
    KEY_COLUMNS,
    LEADER_SELECT,
    Leader,
    LeaderKey,
    StoredApproval,
    append_audit,
    approval_entry,
    approval_from_row,
    audit_head,
    key_from_row,
    leader_entries,
    leader_from_row,
    void_approvals,
)

log = logging.getLogger(__name__)

# Autosaves of one editing burst share one history row for at most this long (measured from
# the burst's first autosave), so a long session still leaves a checkpoint every 10 minutes.
AUTOSAVE_COALESCE_WINDOW = timedelta(minutes=10)
CONTENT_FIELDS = frozenset(
    {"title", "title_breaks", "event_date", "channels", "summary", "cover", "values", "attachments"}
)
_ITEM_COLUMNS = "content, state, revision, created_at, updated_at, deleted_at, notes"

Listener = Callable[[StoreEvent], None]
#: Builds the signed approval record inside the approving transaction, given the audit
#: chain's head ``(seq, hash)``; returns ``(record, signature_png)``.
ApprovalBuilder = Callable[[tuple[int, str]], tuple[dict[str, Any], bytes]]
#: Checks a stored approval against the current content (raises to refuse the move).
ApprovalCheck = Callable[[Item, StoredApproval], None]


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _canonical(item: Item) -> tuple[Item, str, str]:
    """The item as it will be stored (NFC etc.), its canonical JSON text and its hash."""
    text = item.canonical_bytes().decode("utf-8")
    stored = Item.from_content(json.loads(text), notes=item.notes)
    return stored, text, item.content_hash()


def _record_sha256(record: dict[str, Any]) -> str:
    """What the ``approve`` audit entry records of an approval (``detail.record_sha256``)."""
    return hashlib.sha256(canonical_json(record)).hexdigest()


def _notes_json(item: Item) -> str:
    """Check results of the files the item still refers to (others are dropped)."""
    used = {a.sha256 for a in item.attachments} | ({item.cover.sha256} if item.cover else set())
    kept = {k: v for k, v in item.notes.items() if k in used and v}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True)


def _parse_notes(text: str | None) -> dict[str, Any]:
    try:
        notes = json.loads(text or "{}")
    except ValueError:
        return {}
    return notes if isinstance(notes, dict) else {}


def _item_from_row(row: tuple[str, str, int, str, str, str | None, str]) -> Item:
    content, state, revision, created, updated, deleted, notes = row
    return Item.from_content(
        json.loads(content),
        state=state_from_db(state),
        revision=revision,
        created_at=from_db_time(created),
        updated_at=from_db_time(updated),
        deleted_at=from_db_time_opt(deleted),
        notes=_parse_notes(notes),
    )


class Store(OutboxMethods):
    """All persistent items of this PC's officer. Create with :meth:`open`."""

    recovered_from_corruption: Path | None

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        clock: Callable[[], datetime],
        recovered_from_corruption: Path | None,
        opened: OpenedDatabase | None = None,
    ) -> None:
        self._conn: sqlite3.Connection | None = conn
        self._opened = opened
        self._lock = threading.RLock()
        self._listeners: list[Listener] = []
        self._clock = clock
        self.path = path
        self.recovered_from_corruption = recovered_from_corruption
        #: Opened for reading only (the data folder cannot be written): every change refused.
        self.read_only = bool(opened and opened.read_only)
        #: Other processes are kept out (network drive): commands wait for the window.
        self.exclusive = bool(opened and opened.exclusive)
        self._data_version = self._read_data_version()

    # -- opening and closing ---------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Callable[[], datetime] | None = None,
        verify: bool = True,
        read_only: bool = False,
        exclusive: bool | None = None,
    ) -> Store:
        """Open or create the database, migrating it; a corrupt file is moved aside first.

        ``verify=False`` skips the full page check at open (it grows with the database: about
        0.5 s at 100,000 items); the caller should then run :meth:`integrity_problems` soon,
        off the GUI thread. Other processes may have the same file open (see
        :mod:`hnclient.storage.database`); ``read_only`` opens it without writing anything.
        """
        clock = clock or _utc_now
        opened = open_database(
            path,
            supported=LATEST_VERSION,
            now=clock(),
            verify=verify,
            read_only=read_only,
            exclusive=exclusive,
        )
        conn = opened.conn
        try:
            if read_only:
                if schema_version(conn) != LATEST_VERSION or not search.index_current(conn):
                    raise ReadOnlyStoreError(str(path.parent))
            else:
                behind = schema_version(conn) < LATEST_VERSION or not search.index_current(conn)
                if behind and not opened.alone:
                    # Migrating under another process (an older window) would pull the
                    # tables from under it: only alone.
                    raise OlderProgramOpenError()
                migrate(conn)
                conn.execute("BEGIN IMMEDIATE")
                if search.ensure_index_current(conn):
                    log.info("search index rebuilt for scheme %s", search.SEARCH_SCHEME)
                conn.execute("COMMIT")
                opened.share()
        except BaseException as error:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            opened.close()
            if isinstance(error, sqlite3.Error | OSError):
                raise translate(error) from error
            raise
        return cls(conn, path, clock, opened.moved, opened)

    def _read_data_version(self) -> int:
        with self._lock:
            if self._conn is None:
                return 0
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed_elsewhere(self) -> bool:
        """Whether another process (``hnclient sync``, a command) committed a change since
        the last call. Cheap, and never waits: while this process is busy with the file (a
        save, a page check) the answer is "not yet", and the next poll tells."""
        if not self._lock.acquire(blocking=False):
            return False
        try:
            if self._conn is None:
                return False
            version = int(self._conn.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return False
        finally:
            self._lock.release()
        changed = version != self._data_version
        self._data_version = version
        return changed

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
                    if self._opened is not None:
                        self._opened.close()
                    else:
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
        if self.read_only:
            raise ReadOnlyStoreError(str(self.path.parent))
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

    def item_texts(self, states: Collection[ItemState]) -> list[tuple[str, str, str]]:
        """``(id, title, searchable text)`` of the items in ``states`` outside the recycle bin
        (what a near-duplicate check compares against)."""
        if not states:
            return []
        marks = ",".join("?" * len(states))
        sql = (
            "SELECT id, title, search_text FROM items JOIN item_bodies ON item_pk = pk"
            f" WHERE deleted_at IS NULL AND state IN ({marks})"
        )
        with self._read() as conn:
            rows = conn.execute(sql, [ItemState(s).value for s in states]).fetchall()
        return [(str(a), str(b), str(c)) for a, b, c in rows]

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
        self,
        category: str,
        form_version: int,
        *,
        edit_session: str | None = None,
        actor: ActorRef | None = None,
        **fields: Any,
    ) -> Item:
        """A new DRAFT at revision 1; ``fields`` are Item content fields (title, values, …);
        ``actor``: who is recorded in the audit trail (the officer by name)."""
        unknown = set(fields) - CONTENT_FIELDS
        if unknown:
            raise TypeError(f"not item content fields: {', '.join(sorted(unknown))}")
        item = Item(id=Item.new_id(), category=category, form_version=form_version, **fields)
        return self._insert(item, "create", edit_session, "created", actor)

    def duplicate_item(
        self, item_id: str, *, edit_session: str | None = None, actor: ActorRef | None = None
    ) -> Item:
        """A new DRAFT with the same content — how a sent item gets a corrected successor.

        The title stays as it was: a marker such as "（副本）" would be printed in the Word
        title and could be sent unnoticed. The list shows both items, and the submit-time
        screening flags a copy of an item already approved or sent (same title)."""
        source = self.get_item(item_id)
        copy = source.with_changes(id=Item.new_id())
        return self._insert(copy, "duplicate", edit_session, "created", actor)

    def _insert(
        self,
        item: Item,
        reason: SaveReason,
        edit_session: str | None,
        event: EventKind,
        actor: ActorRef | None = None,
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
                "INSERT INTO item_bodies (item_pk, content, search_text, notes)"
                " VALUES (?, ?, ?, ?)",
                (pk, content, body, _notes_json(stored)),
            )
            search.index_item(conn, pk, stored.title, body)
            self._add_revision(
                conn, pk, 1, reason, edit_session, now, stored.title, content, digest
            )
            append_audit(
                conn,
                at=self._now(),
                actor=actor or ActorRef.officer(),
                action=reason,
                item_id=stored.id,
                to_state=ItemState.DRAFT.value,
                revision=1,
                content_hash=digest,
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
        self,
        item: Item,
        *,
        reason: SaveReason = "autosave",
        edit_session: str | None = None,
        actor: ActorRef | None = None,
    ) -> Item:
        """Store new content as the next revision; unchanged content is not written at all.

        Only the content of ``item`` (and its check notes) is used: state, revision and
        timestamps come from the database (the last save wins). What a content change does to
        the state is :func:`hnclient.lifecycle.after_edit`'s: it voids an approval or a request
        for review, recorded in the audit trail in the same transaction.
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
                notes = _notes_json(stored)
                conn.execute(
                    "UPDATE item_bodies SET notes = ? WHERE item_pk = ? AND notes != ?",
                    (notes, pk, notes),
                )
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
            if not lifecycle.is_editable(state):
                raise ItemNotEditableError(item.id, state.value)
            edit = lifecycle.after_edit(state)
            new_state = edit.target
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
                "UPDATE item_bodies SET content = ?, search_text = ?, notes = ? WHERE item_pk = ?",
                (content, body, _notes_json(stored), pk),
            )
            if new_state is not state or edit.voids is not Voids.NOTHING:
                if edit.voids is Voids.APPROVAL:
                    void_approvals(conn, item.id, now_dt, "content_changed")
                append_audit(
                    conn,
                    at=now_dt,
                    actor=actor or ActorRef.officer(),
                    action=Action.EDIT.value,
                    item_id=item.id,
                    from_state=state.value,
                    to_state=new_state.value,
                    revision=new_revision,
                    content_hash=digest,
                    detail={"voids": edit.voids.value, "previous_hash": old_hash},
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

    # -- the life cycle ----------------------------------------------------------------------

    def transition(
        self,
        item_id: str,
        action: Action,
        actor: ActorRef,
        *,
        expected_hash: str | None = None,
        detail: dict[str, Any] | None = None,
        approve: ApprovalBuilder | None = None,
        then: Action | None = None,
    ) -> Item:
        """Make one move of :mod:`hnclient.lifecycle`: check it, change the state, void what
        it voids, pin the revision and append the audit entry — one transaction.

        ``expected_hash``: the content the actor saw (a leader approves what was shown, not
        what an autosave stored meanwhile) — :class:`ContentChangedError` otherwise.
        ``approve`` builds the signed record for :attr:`Action.APPROVE` inside the
        transaction, from the audit chain's head. Moves that need an approval verify the
        newest valid one against the current content and the leader's enrolled key here,
        so no caller can queue or deliver an item without it (:class:`ApprovalMissingError`).
        Raises :class:`~hnclient.lifecycle.TransitionError` for a move not allowed.

        ``then``: a second move by the same actor in the same transaction (approving queues
        the item when sending is configured: :func:`hnclient.lifecycle.follow_up`); if it
        cannot be made, neither is the first. The outbox follows the moves in the same
        transaction (:func:`hnclient.storage.outbox_rows.on_move`).
        """
        with self._write() as (conn, events):
            self._move(conn, events, item_id, action, actor, expected_hash, detail, approve)
            if then is not None:
                self._move(conn, events, item_id, then, actor, None, None, None)
            result = self._load(conn, item_id)
        return result

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
    ) -> None:
        """One move inside the caller's transaction (see :meth:`transition`)."""
        action = Action(action)
        pk, current, revision, deleted, digest = self._row(
            conn, item_id, "pk, state, revision, deleted_at, content_hash"
        )
        if deleted is not None:
            raise ItemNotEditableError(item_id, current, in_recycle_bin=True)
        state = state_from_db(current)
        found = lifecycle.move(state, action, actor.kind)
        if expected_hash is not None and expected_hash != digest:
            raise ContentChangedError(item_id)
        now = self._now()
        detail = dict(detail or {})
        if found.needs_approval:
            approval = self._check_approval(conn, self._load(conn, item_id))
            detail.setdefault("approval", approval.pk)
        if action is Action.APPROVE:
            if approve is None:
                raise ValueError("approving needs an approval builder")
            record, png = approve(audit_head(conn))
            if (
                record.get("item_id") != item_id
                or record.get("revision") != revision
                or ((record.get("content_hash") or {}).get("value") != digest)
            ):
                raise ContentChangedError(item_id)
            if (record.get("signer") or {}).get("id") != actor.id:
                raise ValueError("the approval record names another signer than the actor")
            record_text = canonical_json(record).decode("utf-8")
            cursor = conn.execute(
                "INSERT INTO approvals (item_id, revision, content_hash, record,"
                " signature_png, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (item_id, revision, digest, record_text, png, to_db_time(now)),
            )
            detail["approval"] = int(cursor.lastrowid or 0)
            detail["record_sha256"] = _record_sha256(record)
        if found.voids is Voids.APPROVAL:
            void_approvals(conn, item_id, now, action.value)
        conn.execute(
            "UPDATE items SET state = ?, updated_at = ? WHERE pk = ?",
            (found.target.value, to_db_time(now), pk),
        )
        # The content the new state refers to must survive autosave coalescing.
        conn.execute(
            "UPDATE item_revisions SET pinned = 1 WHERE item_pk = ? AND revision = ?",
            (pk, revision),
        )
        append_audit(
            conn,
            at=now,
            actor=actor,
            action=action.value,
            item_id=item_id,
            from_state=state.value,
            to_state=found.target.value,
            revision=revision,
            content_hash=digest,
            detail=detail,
        )
        outbox_rows.on_move(conn, item_id, revision, action, detail, now)
        events.append(StoreEvent("state", item_id))

    def _check_approval(self, conn: sqlite3.Connection, item: Item) -> StoredApproval:
        from hnprotocol.approval import ApprovalInvalid, verify_record

        row = conn.execute(
            f"SELECT {APPROVAL_COLUMNS} FROM approvals WHERE item_id = ? AND void_at IS NULL"
            " ORDER BY pk DESC LIMIT 1",
            (item.id,),
        ).fetchone()
        if row is None:
            raise ApprovalMissingError(item.id)
        approval = approval_from_row(tuple(row))
        key_id = str((approval.record.get("signature") or {}).get("key_id", ""))
        key_row = conn.execute(
            f"SELECT {KEY_COLUMNS} FROM leader_keys WHERE key_id = ?", (key_id,)
        ).fetchone()
        if key_row is None:
            raise ApprovalMissingError(item.id, "unknown_key")
        key = key_from_row(tuple(key_row))
        try:
            verify_record(
                approval.record,
                item_id=item.id,
                content_hash=item.content_hash(),
                signature_png=approval.signature_png,
                public_key=key.public_key,
            )
        except ApprovalInvalid as error:
            raise ApprovalMissingError(item.id, error.code) from error
        # The signed revision, not the row's column: a void approval revived behind the
        # program's back after the same text was restored is still of another revision.
        if (
            approval.record.get("revision") != item.revision
            or approval.revision != item.revision
            or approval.content_hash != item.content_hash()
        ):
            raise ApprovalMissingError(item.id, "content_changed")
        # The approval must be in the audit trail as it is, made while its key was in use:
        # re-enrolment or removal deletes the sealed key, and a copy kept elsewhere must not
        # sign anything new.
        entry = approval_entry(conn, item.id, approval.pk)
        if entry is None or entry.detail.get("record_sha256") != _record_sha256(approval.record):
            raise ApprovalMissingError(item.id, "not_audited")
        life = key_lives(leader_entries(conn)).get(key.key_id)
        signer = approval.record.get("signer") or {}
        if (
            life is None
            or life.public_key != base64.b64encode(key.public_key).decode("ascii")
            or life.leader_id != signer.get("id")
        ):
            raise ApprovalMissingError(item.id, "untrusted_key")
        if not life.covers(entry.seq):
            raise ApprovalMissingError(item.id, "retired_key")
        return approval

    def verify_approval(self, item_id: str) -> StoredApproval:
        """The item's valid approval of its current content, checked; else raises
        :class:`ApprovalMissingError` saying why."""
        with self._read() as conn:
            return self._check_approval(conn, self._load(conn, item_id))

    def approvals(self, item_id: str) -> list[StoredApproval]:
        """Every approval the item ever had, oldest first (void ones included)."""
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {APPROVAL_COLUMNS} FROM approvals WHERE item_id = ? ORDER BY pk",
                (item_id,),
            ).fetchall()
        return [approval_from_row(tuple(r)) for r in rows]

    def all_approvals(self) -> list[StoredApproval]:
        with self._read() as conn:
            rows = conn.execute(f"SELECT {APPROVAL_COLUMNS} FROM approvals ORDER BY pk").fetchall()
        return [approval_from_row(tuple(r)) for r in rows]

    def current_approval(self, item_id: str) -> StoredApproval | None:
        """The newest approval not voided (not verified: see :meth:`verify_approval`)."""
        valid = [a for a in self.approvals(item_id) if a.valid]
        return valid[-1] if valid else None

    # -- the audit trail ---------------------------------------------------------------------

    def audit_entries(self, item_id: str | None = None) -> list[AuditEntry]:
        """The whole chain in order, or one item's entries."""
        with self._read() as conn:
            return signoff_rows.audit_entries(conn, item_id)

    def record_event(
        self, actor: ActorRef, action: str, *, item_id: str | None = None, detail: dict[str, Any]
    ) -> AuditEntry:
        """An audit entry that changes no state (a PIN failure, a lockout)."""
        with self._write() as (conn, _events):
            entry = append_audit(
                conn, at=self._now(), actor=actor, action=action, item_id=item_id, detail=detail
            )
        return entry

    # -- leaders ------------------------------------------------------------------------------

    def list_leaders(self, *, include_removed: bool = False) -> list[Leader]:
        where = "" if include_removed else " WHERE l.removed_at IS NULL"
        with self._read() as conn:
            rows = conn.execute(f"{LEADER_SELECT}{where} ORDER BY l.enrolled_at").fetchall()
        return [leader_from_row(tuple(r)) for r in rows]

    def get_leader(self, leader_id: str) -> Leader:
        with self._read() as conn:
            row = conn.execute(f"{LEADER_SELECT} WHERE l.id = ?", (leader_id,)).fetchone()
        if row is None:
            raise LeaderNotFoundError(leader_id)
        return leader_from_row(tuple(row))

    def leader_key(self, key_id: str) -> LeaderKey | None:
        with self._read() as conn:
            row = conn.execute(
                f"SELECT {KEY_COLUMNS} FROM leader_keys WHERE key_id = ?", (key_id,)
            ).fetchone()
        return None if row is None else key_from_row(tuple(row))

    def leader_keys(self, leader_id: str) -> list[LeaderKey]:
        with self._read() as conn:
            rows = conn.execute(
                f"SELECT {KEY_COLUMNS} FROM leader_keys WHERE leader_id = ? ORDER BY created_at",
                (leader_id,),
            ).fetchall()
        return [key_from_row(tuple(r)) for r in rows]

    def enrol_leader(
        self,
        leader_id: str,
        name: str,
        post: str,
        pin_hash: dict[str, Any],
        key: LeaderKey,
        actor: ActorRef,
    ) -> Leader:
        """A new leader with their first key; or, for an existing ``leader_id`` (a forgotten
        PIN), a new PIN and key: the old key is retired (its sealed private key deleted, its
        public key kept so old approvals still verify)."""
        with self._write() as (conn, _events):
            now = self._now()
            exists = conn.execute("SELECT 1 FROM leaders WHERE id = ?", (leader_id,)).fetchone()
            if exists:
                conn.execute(
                    "UPDATE leaders SET name = ?, post = ?, pin_hash = ?, removed_at = NULL"
                    " WHERE id = ?",
                    (name, post, json.dumps(pin_hash, sort_keys=True), leader_id),
                )
                conn.execute(
                    "UPDATE leader_keys SET sealed = NULL, retired_at = ?"
                    " WHERE leader_id = ? AND retired_at IS NULL",
                    (to_db_time(now), leader_id),
                )
                conn.execute("DELETE FROM pin_failures WHERE leader_id = ?", (leader_id,))
            else:
                conn.execute(
                    "INSERT INTO leaders (id, name, post, pin_hash, enrolled_at)"
                    " VALUES (?, ?, ?, ?, ?)",
                    (leader_id, name, post, json.dumps(pin_hash, sort_keys=True), to_db_time(now)),
                )
            conn.execute(
                f"INSERT INTO leader_keys ({KEY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, NULL)",
                (
                    key.key_id,
                    leader_id,
                    key.alg,
                    base64.b64encode(key.public_key).decode("ascii"),
                    json.dumps(key.sealed, sort_keys=True),
                    to_db_time(now),
                ),
            )
            append_audit(
                conn,
                at=now,
                actor=actor,
                action="reenrol_leader" if exists else "enrol_leader",
                detail={
                    "leader_id": leader_id,
                    "name": name,
                    "post": post,
                    "key_id": key.key_id,
                    "alg": key.alg,
                    "public_key": base64.b64encode(key.public_key).decode("ascii"),
                },
            )
        return self.get_leader(leader_id)

    def change_leader_pin(
        self, leader_id: str, pin_hash: dict[str, Any], key_id: str, sealed: dict[str, Any]
    ) -> None:
        """Same key pair, re-encrypted under the new PIN."""
        with self._write() as (conn, _events):
            leader = conn.execute(f"{LEADER_SELECT} WHERE l.id = ?", (leader_id,)).fetchone()
            if leader is None:
                raise LeaderNotFoundError(leader_id)
            conn.execute(
                "UPDATE leaders SET pin_hash = ? WHERE id = ?",
                (json.dumps(pin_hash, sort_keys=True), leader_id),
            )
            updated = conn.execute(
                "UPDATE leader_keys SET sealed = ? WHERE key_id = ? AND leader_id = ?"
                " AND retired_at IS NULL",
                (json.dumps(sealed, sort_keys=True), key_id, leader_id),
            )
            if updated.rowcount != 1:
                raise LeaderNotFoundError(leader_id)
            append_audit(
                conn,
                at=self._now(),
                actor=ActorRef(lifecycle.Actor.LEADER, leader_id, str(leader[1])),
                action="change_pin",
                detail={"leader_id": leader_id, "key_id": key_id},
            )

    def remove_leader(self, leader_id: str, actor: ActorRef) -> None:
        """No longer a leader of this unit; their keys stay so old approvals verify."""
        with self._write() as (conn, _events):
            now = self._now()
            cursor = conn.execute(
                "UPDATE leaders SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
                (to_db_time(now), leader_id),
            )
            if cursor.rowcount:
                conn.execute(
                    "UPDATE leader_keys SET sealed = NULL, retired_at = ?"
                    " WHERE leader_id = ? AND retired_at IS NULL",
                    (to_db_time(now), leader_id),
                )
                append_audit(
                    conn, at=now, actor=actor, action="remove_leader",
                    detail={"leader_id": leader_id},
                )  # fmt: skip

    def pin_failures(self, leader_id: str) -> list[datetime]:
        with self._read() as conn:
            rows = conn.execute(
                "SELECT at FROM pin_failures WHERE leader_id = ? ORDER BY at", (leader_id,)
            ).fetchall()
        return [from_db_time(r[0]) for r in rows]

    def record_pin_result(self, leader: Leader, ok: bool, *, locked: bool = False) -> None:
        """A wrong PIN is counted and audited; a right one clears the count."""
        with self._write() as (conn, _events):
            now = self._now()
            if ok:
                conn.execute("DELETE FROM pin_failures WHERE leader_id = ?", (leader.id,))
                return
            conn.execute(
                "INSERT INTO pin_failures (leader_id, at) VALUES (?, ?)",
                (leader.id, to_db_time(now)),
            )
            append_audit(
                conn,
                at=now,
                actor=ActorRef(lifecycle.Actor.LEADER, leader.id, leader.name),
                action="pin_locked" if locked else "pin_failure",
                detail={"leader_id": leader.id},
            )

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
