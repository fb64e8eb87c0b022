"""Schema versions, applied in order; the version lives in ``PRAGMA user_version``.

Each migration runs in its own ``BEGIN IMMEDIATE`` transaction together with the version bump,
so a crash or a full disk leaves the file at the previous version, never half-migrated.
Migrations are append-only: a released one is never edited, a change is a new entry — and
tests/unit/hnclient/storage/test_migrations.py must get a builder for the old version.

Room for the roadmap: ``items.pk`` is the stable integer key for future approval, outbox and
audit tables; ``state`` carries no CHECK constraint (adding one later needs a table rebuild);
revisions keep ``content_hash`` so an approval can name (item, revision, hash), and a revision
marked ``pinned`` is never coalesced away.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hnclient.storage.search import SEARCH_SCHEME, TOKENIZE


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _v1_initial(conn: sqlite3.Connection) -> None:
    statements = [
        """CREATE TABLE meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )""",
        # Narrow rows: the list and search results are read row by row through here, so the
        # big text lives in item_bodies and a lookup costs a fraction of a page, not a page.
        """CREATE TABLE items (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            category TEXT NOT NULL,
            form_version INTEGER NOT NULL,
            state TEXT NOT NULL,
            revision INTEGER NOT NULL CHECK (revision >= 1),
            title TEXT NOT NULL,
            event_date TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            deleted_at TEXT,
            last_edit_session TEXT,
            content_hash TEXT NOT NULL
        )""",
        # content: the canonical JSON (Item.content()); search_text: Item.text_for_search()
        # as it was indexed, kept so the contentless index can always be told what to delete.
        """CREATE TABLE item_bodies (
            item_pk INTEGER PRIMARY KEY REFERENCES items (pk) ON DELETE CASCADE,
            content TEXT NOT NULL,
            search_text TEXT NOT NULL
        )""",
        # Covering index for the list view: newest first straight from the index, no sort,
        # no table access (100,000 rows).
        "CREATE INDEX items_list ON items (updated_at, pk, deleted_at, state, category,"
        " revision, created_at, event_date, id, title)",
        "CREATE INDEX items_state ON items (state)",
        "CREATE INDEX items_category ON items (category)",
        "CREATE INDEX items_edit_session ON items (last_edit_session)"
        " WHERE last_edit_session IS NOT NULL",
        """CREATE TABLE item_revisions (
            item_pk INTEGER NOT NULL REFERENCES items (pk) ON DELETE CASCADE,
            revision INTEGER NOT NULL,
            reason TEXT NOT NULL,
            edit_session TEXT,
            saved_at TEXT NOT NULL,
            burst_started_at TEXT NOT NULL,
            pinned INTEGER NOT NULL DEFAULT 0,
            title TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            content TEXT NOT NULL,
            UNIQUE (item_pk, revision)
        )""",
        # Contentless: the bigram text would triple the file; deletes re-derive it from
        # items.title / items.search_text (see search.py and store.py).
        f"""CREATE VIRTUAL TABLE item_search USING fts5 (
            title, body, content='', columnsize=0, tokenize="{TOKENIZE}"
        )""",
    ]
    for statement in statements:
        conn.execute(statement)
    conn.execute("INSERT INTO meta (key, value) VALUES ('search_scheme', ?)", (SEARCH_SCHEME,))


def _strip_notes(content_text: str) -> tuple[str, str, dict[str, Any]]:
    """Content of the first shape → (content without check results, its hash, the notes)."""
    from hnclient.items import Item

    item = Item.from_content(json.loads(content_text))
    canonical = item.canonical_bytes()
    return canonical.decode("utf-8"), hashlib.sha256(canonical).hexdigest(), item.notes


def _v2_signoff(conn: sqlite3.Connection) -> None:
    """Sign-off: what is signed excludes check results; leaders, approvals, audit chain.

    Attachment references lose their check details and warnings (moved to
    ``item_bodies.notes``), so every stored content hash is recomputed — in the same
    transaction, history included. Nothing was approved before this version, so no
    approval refers to an old hash.
    """
    conn.execute("ALTER TABLE item_bodies ADD COLUMN notes TEXT NOT NULL DEFAULT '{}'")
    rows = conn.execute("SELECT item_pk, content FROM item_bodies").fetchall()
    for pk, content in rows:
        text, digest, notes = _strip_notes(content)
        conn.execute(
            "UPDATE item_bodies SET content = ?, notes = ? WHERE item_pk = ?",
            (text, json.dumps(notes, ensure_ascii=False, sort_keys=True), pk),
        )
        conn.execute("UPDATE items SET content_hash = ? WHERE pk = ?", (digest, pk))
    revisions = conn.execute("SELECT rowid, content FROM item_revisions").fetchall()
    for rowid, content in revisions:
        text, digest, _notes = _strip_notes(content)
        conn.execute(
            "UPDATE item_revisions SET content = ?, content_hash = ? WHERE rowid = ?",
            (text, digest, rowid),
        )
    statements = [
        # Append-only and hash-chained (hnclient/audit.py): entry_hash covers every column
        # and the previous entry's hash. The triggers stop the program's own mistakes; an
        # edit behind its back is caught by `hnclient audit verify`.
        """CREATE TABLE audit_log (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            actor_id TEXT NOT NULL,
            actor_name TEXT NOT NULL,
            item_id TEXT,
            action TEXT NOT NULL,
            from_state TEXT,
            to_state TEXT,
            revision INTEGER,
            content_hash TEXT,
            detail TEXT NOT NULL,
            prev_hash TEXT NOT NULL,
            entry_hash TEXT NOT NULL UNIQUE
        )""",
        "CREATE INDEX audit_item ON audit_log (item_id, seq)",
        """CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
        """CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
        # A leader's current key is the row of leader_keys without retired_at.
        """CREATE TABLE leaders (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            post TEXT NOT NULL,
            pin_hash TEXT NOT NULL,
            enrolled_at TEXT NOT NULL,
            removed_at TEXT
        )""",
        # Retired keys stay (without their sealed private key) so old approvals verify.
        """CREATE TABLE leader_keys (
            key_id TEXT PRIMARY KEY,
            leader_id TEXT NOT NULL REFERENCES leaders (id),
            alg TEXT NOT NULL,
            public_key TEXT NOT NULL,
            sealed TEXT,
            created_at TEXT NOT NULL,
            retired_at TEXT
        )""",
        "CREATE INDEX leader_keys_leader ON leader_keys (leader_id)",
        """CREATE TABLE pin_failures (
            leader_id TEXT NOT NULL,
            at TEXT NOT NULL
        )""",
        "CREATE INDEX pin_failures_leader ON pin_failures (leader_id, at)",
        # record: the approval's canonical JSON, signature included (hnclient/approval.py).
        """CREATE TABLE approvals (
            pk INTEGER PRIMARY KEY,
            item_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            content_hash TEXT NOT NULL,
            record TEXT NOT NULL,
            signature_png BLOB NOT NULL,
            created_at TEXT NOT NULL,
            void_at TEXT,
            void_reason TEXT
        )""",
        "CREATE INDEX approvals_item ON approvals (item_id, pk)",
    ]
    for statement in statements:
        conn.execute(statement)
    # The list shows each item's newest audit step (who did what, when): kept on the row and
    # in the list's covering index, so 100,000 rows still list without a join.
    conn.execute("ALTER TABLE items ADD COLUMN last_step TEXT")
    conn.execute("DROP INDEX items_list")
    conn.execute(
        "CREATE INDEX items_list ON items (updated_at, pk, deleted_at, state, category,"
        " revision, created_at, event_date, id, title, last_step)"
    )


def _v3_outbox(conn: sqlite3.Connection) -> None:
    """Sending (issue 7): the outbox, resumable uploads, the office's feedback and notices.

    One outbox row per delivered-or-to-be-delivered revision of an item: it is written in
    the same transaction as the move that queues it (hnclient/storage/outbox_rows.py), keeps
    the manifest bytes once built (a resend is byte-identical, so the endpoint answers with
    the same receipt) and the receipt once delivered, and then what the office did with it.
    """
    statements = [
        # state: pending (queued, not yet delivered), delivered, cancelled (unqueued).
        # last_error_*: what the officer is told when a try failed; refused = 1 when the
        # endpoint refused the item (409/422): not retried until queued again.
        """CREATE TABLE outbox (
            item_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            state TEXT NOT NULL,
            queued_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            last_error_zh TEXT,
            last_error_en TEXT,
            last_error_code TEXT,
            refused INTEGER NOT NULL DEFAULT 0,
            supersedes INTEGER,
            manifest BLOB,
            manifest_sha256 TEXT,
            receipt TEXT,
            delivered_at TEXT,
            office_status TEXT,
            office_reason TEXT,
            office_url TEXT,
            office_updated_at TEXT,
            PRIMARY KEY (item_id, revision)
        )""",
        "CREATE INDEX outbox_state ON outbox (state, next_attempt_at)",
        # upload_url is written before the first PATCH, so a restart resumes with HEAD.
        """CREATE TABLE outbox_uploads (
            item_id TEXT NOT NULL,
            revision INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            upload_url TEXT,
            offset_bytes INTEGER NOT NULL DEFAULT 0,
            done INTEGER NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (item_id, revision, sha256)
        )""",
        # Opaque cursors of the endpoint's feeds ("status", "notices").
        """CREATE TABLE feed_cursors (
            feed TEXT PRIMARY KEY,
            cursor TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE notices (
            id TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            title TEXT NOT NULL,
            body TEXT NOT NULL,
            due_date TEXT,
            published_at TEXT,
            received_at TEXT NOT NULL,
            read_at TEXT
        )""",
    ]
    for statement in statements:
        conn.execute(statement)
    # Items queued before there was a sender wait in the outbox like any other.
    conn.execute(
        "INSERT INTO outbox (item_id, revision, state, queued_at)"
        " SELECT id, revision, 'pending', updated_at FROM items WHERE state = 'queued'"
    )


MIGRATIONS: list[Migration] = [
    Migration(1, "items, revisions, bigram search index", _v1_initial),
    Migration(2, "signed content without check results; leaders, approvals, audit", _v2_signoff),
    Migration(3, "outbox, resumable uploads, office feedback and notices", _v3_outbox),
]
LATEST_VERSION = MIGRATIONS[-1].version


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: list[Migration] | None = None) -> int:
    """Bring the database to the latest version; return the version it was at before."""
    steps = MIGRATIONS if migrations is None else migrations
    start = schema_version(conn)
    for migration in steps:
        if migration.version <= schema_version(conn):
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration.apply(conn)
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return start
