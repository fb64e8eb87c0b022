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

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

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


MIGRATIONS: list[Migration] = [
    Migration(1, "items, revisions, bigram search index", _v1_initial),
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
