"""The endpoint's register: one SQLite file (WAL) under the data directory, upload bytes beside it.

Units and their tokens (only a SHA-256 of each token is kept), tus uploads, delivered items
(key *(unit, item_id, revision)*, manifest bytes, receipt), every status change (the feed of
docs/protocol.md §5 is this history), leader keys, and the office's notices and tasks.

The server and the admin command line may run at once on the same data directory: each
thread has its own connection, writes are short ``BEGIN IMMEDIATE`` transactions.
"""

from __future__ import annotations

import hashlib
import secrets
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from hnprotocol.approval import china_time

Clock = Callable[[], datetime]

DB_NAME = "endpoint.sqlite3"
FILES_DIR = "files"
SCHEMA_VERSION = 1

# Upload states: partial (offset < length), complete (hash matched), corrupt (it did not),
# expired (bytes removed; the row stays so the endpoint can answer 410).
PARTIAL, COMPLETE, CORRUPT, EXPIRED = "partial", "complete", "corrupt", "expired"
KEY_STATUSES = ("pending", "confirmed", "revoked")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    token_sha256 TEXT PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS uploads (
    id TEXT PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES units(id),
    length INTEGER NOT NULL,
    "offset" INTEGER NOT NULL DEFAULT 0,
    metadata TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    filename TEXT,
    kind TEXT,
    state TEXT NOT NULL CHECK (state IN ('partial', 'complete', 'corrupt', 'expired')),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    kept INTEGER NOT NULL DEFAULT 0,
    terminated INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS items (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    item_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    manifest BLOB NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    receipt TEXT NOT NULL,
    receipt_id TEXT NOT NULL UNIQUE,
    key_id TEXT NOT NULL,
    supersedes INTEGER,
    title TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    reason TEXT,
    url TEXT,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (unit_id, item_id, revision)
);
CREATE TABLE IF NOT EXISTS item_files (
    unit_id INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    upload_id TEXT NOT NULL REFERENCES uploads(id),
    PRIMARY KEY (unit_id, item_id, revision, sha256)
);
CREATE TABLE IF NOT EXISTS status_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    unit_id INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    revision INTEGER NOT NULL,
    status TEXT NOT NULL,
    reason TEXT,
    url TEXT,
    changed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS status_changes_unit ON status_changes (unit_id, seq);
CREATE TABLE IF NOT EXISTS leader_keys (
    unit_id INTEGER NOT NULL REFERENCES units(id),
    key_id TEXT NOT NULL,
    alg TEXT NOT NULL,
    public_key TEXT NOT NULL,
    name TEXT NOT NULL,
    post TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'revoked')),
    registered_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (unit_id, key_id)
);
CREATE TABLE IF NOT EXISTS notices (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    unit_id INTEGER REFERENCES units(id),
    kind TEXT NOT NULL CHECK (kind IN ('notice', 'task')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    due_date TEXT,
    published_at TEXT NOT NULL
);
"""


class StoreError(Exception):
    """An admin operation that cannot be done; ``message_zh``/``message_en`` say why."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Unit:
    id: int
    name: str


@dataclass(frozen=True)
class Upload:
    id: str
    unit_id: int
    length: int
    offset: int
    metadata: str
    sha256: str
    state: str
    expires_at: datetime
    kept: bool

    @staticmethod
    def from_row(row: sqlite3.Row) -> Upload:
        return Upload(
            id=row["id"],
            unit_id=row["unit_id"],
            length=row["length"],
            offset=row["offset"],
            metadata=row["metadata"],
            sha256=row["sha256"],
            state=row["state"],
            expires_at=datetime.fromisoformat(row["expires_at"]),
            kept=bool(row["kept"]),
        )


class Store:
    """The register on disk. Safe to share between threads (one connection per thread)."""

    def __init__(self, data_dir: Path, *, clock: Clock | None = None) -> None:
        self.data_dir = Path(data_dir)
        self.files_dir = self.data_dir / FILES_DIR
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self.path = self.data_dir / DB_NAME
        self.clock: Clock = clock or system_clock
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._connection().executescript(
            f"BEGIN IMMEDIATE; {_SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
        )

    # -- connections -------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA busy_timeout = 10000")
            db.execute("PRAGMA foreign_keys = ON")
            self._local.db = db
            with self._connections_lock:
                self._connections.append(db)
        return db

    def read(self) -> sqlite3.Connection:
        return self._connection()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE``): committed on success, else rolled back."""
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        with self._connections_lock:
            for db in self._connections:
                try:
                    db.close()
                except sqlite3.ProgrammingError:  # closed on another thread already
                    pass
            self._connections.clear()
        self._local = threading.local()

    def now(self) -> datetime:
        return self.clock()

    def now_text(self) -> str:
        return china_time(self.clock())

    # -- units and tokens --------------------------------------------------------------

    def create_unit(self, name: str) -> str:
        """Create a unit and return its first token (shown once; only its hash is kept)."""
        name = name.strip()
        if not name:
            raise StoreError("单位名称不能为空。", "The unit name is empty.")
        token = secrets.token_urlsafe(32)
        with self.write() as db:
            if db.execute("SELECT 1 FROM units WHERE name = ?", (name,)).fetchone():
                raise StoreError(
                    f"单位“{name}”已经存在。如需新令牌，请使用 units token 命令。",
                    f"The unit {name!r} exists already.",
                )
            cursor = db.execute(
                "INSERT INTO units (name, created_at) VALUES (?, ?)", (name, self.now_text())
            )
            self._add_token(db, int(cursor.lastrowid or 0), token)
        return token

    def issue_token(self, name: str) -> str:
        """Another token for an existing unit (the earlier ones stay valid)."""
        token = secrets.token_urlsafe(32)
        with self.write() as db:
            unit = self.unit_named(name, db)
            self._add_token(db, unit.id, token)
        return token

    def _add_token(self, db: sqlite3.Connection, unit_id: int, token: str) -> None:
        db.execute(
            "INSERT INTO tokens (token_sha256, unit_id, created_at) VALUES (?, ?, ?)",
            (token_digest(token), unit_id, self.now_text()),
        )

    def unit_for_token(self, token: str) -> Unit | None:
        row = (
            self.read()
            .execute(
                "SELECT units.id, units.name FROM tokens JOIN units ON units.id = tokens.unit_id "
                "WHERE tokens.token_sha256 = ?",
                (token_digest(token),),
            )
            .fetchone()
        )
        return Unit(row["id"], row["name"]) if row else None

    def unit_named(self, name: str, db: sqlite3.Connection | None = None) -> Unit:
        row = (
            (db or self.read())
            .execute("SELECT id, name FROM units WHERE name = ?", (name.strip(),))
            .fetchone()
        )
        if row is None:
            raise StoreError(f"没有名为“{name}”的单位。", f"No unit named {name!r}.")
        return Unit(row["id"], row["name"])

    def list_units(self) -> list[dict[str, Any]]:
        rows = self.read().execute(
            "SELECT units.id, units.name, units.created_at, "
            "(SELECT COUNT(*) FROM tokens WHERE unit_id = units.id) AS tokens, "
            "(SELECT COUNT(*) FROM items WHERE unit_id = units.id) AS items "
            "FROM units ORDER BY units.id"
        )
        return [dict(row) for row in rows]

    # -- uploads -----------------------------------------------------------------------

    def upload_path(self, upload_id: str) -> Path:
        return self.files_dir / upload_id

    def create_upload(
        self,
        unit_id: int,
        *,
        length: int,
        metadata: str,
        sha256: str,
        filename: str | None,
        kind: str | None,
        expires_at: datetime,
    ) -> str:
        upload_id = secrets.token_hex(16)
        self.upload_path(upload_id).touch(exist_ok=False)
        with self.write() as db:
            db.execute(
                "INSERT INTO uploads (id, unit_id, length, metadata, sha256, filename, kind, "
                "state, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'partial', ?, ?)",
                (
                    upload_id,
                    unit_id,
                    length,
                    metadata,
                    sha256,
                    filename,
                    kind,
                    self.now_text(),
                    china_time(expires_at),
                ),
            )
        return upload_id

    def get_upload(self, upload_id: str) -> Upload | None:
        row = (
            self.read()
            .execute("SELECT * FROM uploads WHERE id = ? AND terminated = 0", (upload_id,))
            .fetchone()
        )
        return Upload.from_row(row) if row else None

    def commit_upload(
        self, upload_id: str, *, offset: int, expires_at: datetime, state: str = PARTIAL
    ) -> None:
        with self.write() as db:
            db.execute(
                'UPDATE uploads SET "offset" = ?, expires_at = ?, state = ? WHERE id = ?',
                (offset, china_time(expires_at), state, upload_id),
            )

    def set_upload_state(self, upload_id: str, state: str) -> None:
        with self.write() as db:
            db.execute("UPDATE uploads SET state = ? WHERE id = ?", (state, upload_id))

    def expire_upload(self, upload_id: str) -> None:
        """Forget the bytes of an expired upload; the row stays (answers 410)."""
        self.set_upload_state(upload_id, EXPIRED)
        self.upload_path(upload_id).unlink(missing_ok=True)

    def delete_upload(self, upload_id: str) -> None:
        """Termination: the upload is gone (later requests 404). An upload an item already
        names keeps its bytes (the item needs them); only the client's handle goes."""
        with self.write() as db:
            kept = db.execute("SELECT kept FROM uploads WHERE id = ?", (upload_id,)).fetchone()
            if kept is None:
                return
            if kept["kept"]:
                db.execute("UPDATE uploads SET terminated = 1 WHERE id = ?", (upload_id,))
                return
            db.execute("DELETE FROM uploads WHERE id = ?", (upload_id,))
        self.upload_path(upload_id).unlink(missing_ok=True)

    # -- items -------------------------------------------------------------------------

    def item_by_key(self, unit_id: int, item_id: str, revision: int) -> sqlite3.Row | None:
        row: sqlite3.Row | None = (
            self.read()
            .execute(
                "SELECT * FROM items WHERE unit_id = ? AND item_id = ? AND revision = ?",
                (unit_id, item_id, revision),
            )
            .fetchone()
        )
        return row

    def key_status(self, unit_id: int, key_id: str) -> str | None:
        row = (
            self.read()
            .execute(
                "SELECT status FROM leader_keys WHERE unit_id = ? AND key_id = ?",
                (unit_id, key_id),
            )
            .fetchone()
        )
        return str(row["status"]) if row else None

    def insert_item(
        self,
        unit_id: int,
        *,
        item_id: str,
        revision: int,
        manifest: bytes,
        manifest_sha256: str,
        receipt: dict[str, Any],
        receipt_text: str,
        key_id: str,
        supersedes: int | None,
        title: str,
        uploads: dict[str, str],
    ) -> bool:
        """Store a delivery; False when its key exists already (a concurrent twin won)."""
        now = self.now_text()
        with self.write() as db:
            exists = db.execute(
                "SELECT 1 FROM items WHERE unit_id = ? AND item_id = ? AND revision = ?",
                (unit_id, item_id, revision),
            ).fetchone()
            if exists:
                return False
            db.execute(
                "INSERT INTO items (unit_id, item_id, revision, manifest, manifest_sha256, "
                "receipt, receipt_id, key_id, supersedes, title, status, received_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    unit_id,
                    item_id,
                    revision,
                    manifest,
                    manifest_sha256,
                    receipt_text,
                    receipt["receipt_id"],
                    key_id,
                    supersedes,
                    title,
                    receipt["status"],
                    receipt["received_at"],
                    now,
                ),
            )
            for sha, upload_id in uploads.items():
                db.execute(
                    "INSERT INTO item_files (unit_id, item_id, revision, sha256, upload_id) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (unit_id, item_id, revision, sha, upload_id),
                )
                db.execute("UPDATE uploads SET kept = 1 WHERE id = ? AND kept = 0", (upload_id,))
            self._log_change(db, unit_id, item_id, revision, receipt["status"], None, None, now)
        return True

    def _log_change(
        self,
        db: sqlite3.Connection,
        unit_id: int,
        item_id: str,
        revision: int,
        status: str,
        reason: str | None,
        url: str | None,
        when: str,
    ) -> None:
        db.execute(
            "INSERT INTO status_changes (unit_id, item_id, revision, status, reason, url, "
            "changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (unit_id, item_id, revision, status, reason, url, when),
        )

    def item_revisions(self, unit_id: int, item_id: str) -> list[sqlite3.Row]:
        return list(
            self.read().execute(
                "SELECT revision, receipt_id, status, reason, url, updated_at FROM items "
                "WHERE unit_id = ? AND item_id = ? ORDER BY revision",
                (unit_id, item_id),
            )
        )

    def changes_since(self, unit_id: int, after: int) -> list[sqlite3.Row]:
        return list(
            self.read().execute(
                "SELECT seq, item_id, revision, status, reason, url, changed_at "
                "FROM status_changes WHERE unit_id = ? AND seq > ? ORDER BY seq",
                (unit_id, after),
            )
        )

    def _find_item(
        self, db: sqlite3.Connection, item_id: str, revision: int, unit: str | None
    ) -> sqlite3.Row:
        query = (
            "SELECT items.*, units.name AS unit_name FROM items "
            "JOIN units ON units.id = items.unit_id WHERE item_id = ? AND revision = ?"
        )
        params: list[Any] = [item_id, revision]
        if unit is not None:
            query += " AND units.name = ?"
            params.append(unit.strip())
        rows = db.execute(query, params).fetchall()
        if not rows:
            raise StoreError(
                f"没有找到信息 {item_id} 第 {revision} 版。",
                f"No item {item_id} revision {revision}.",
            )
        if len(rows) > 1:
            raise StoreError(
                "多个单位都有这个信息编号，请用 --unit 指明单位。",
                "Several units have this item id: name the unit (--unit).",
            )
        row: sqlite3.Row = rows[0]
        return row

    def set_item_status(
        self,
        item_id: str,
        revision: int,
        status: str,
        *,
        allowed_from: tuple[str, ...],
        reason: str | None = None,
        url: str | None = None,
        unit: str | None = None,
    ) -> None:
        now = self.now_text()
        with self.write() as db:
            row = self._find_item(db, item_id, revision, unit)
            if row["status"] not in allowed_from:
                raise StoreError(
                    f"这条信息现在的状态是“{row['status']}”，不能改为“{status}”。",
                    f"The item is {row['status']}; it cannot become {status}.",
                )
            db.execute(
                "UPDATE items SET status = ?, reason = ?, url = ?, updated_at = ? "
                "WHERE unit_id = ? AND item_id = ? AND revision = ?",
                (status, reason, url, now, row["unit_id"], item_id, revision),
            )
            self._log_change(db, row["unit_id"], item_id, revision, status, reason, url, now)

    def list_items(self) -> list[dict[str, Any]]:
        rows = self.read().execute(
            "SELECT units.name AS unit, items.item_id, items.revision, items.title, "
            "items.status, items.reason, items.url, items.key_id, items.receipt_id, "
            "items.received_at, items.updated_at FROM items "
            "JOIN units ON units.id = items.unit_id ORDER BY items.received_at, items.rowid"
        )
        return [dict(row) for row in rows]

    def item_manifest(self, item_id: str, revision: int, unit: str | None = None) -> bytes:
        row = self._find_item(self.read(), item_id, revision, unit)
        return bytes(row["manifest"])

    def item_file_paths(
        self, item_id: str, revision: int, unit: str | None = None
    ) -> dict[str, Path]:
        """SHA-256 → the file holding the bytes of each file of a delivered item."""
        db = self.read()
        row = self._find_item(db, item_id, revision, unit)
        files = db.execute(
            "SELECT sha256, upload_id FROM item_files WHERE unit_id = ? AND item_id = ? "
            "AND revision = ?",
            (row["unit_id"], item_id, revision),
        )
        return {f["sha256"]: self.upload_path(f["upload_id"]) for f in files}

    # -- leader keys -------------------------------------------------------------------

    def register_key(
        self, unit_id: int, *, key_id: str, alg: str, public_key: str, name: str, post: str
    ) -> tuple[str, bool]:
        """``(status, created)``: a key already registered keeps its status."""
        now = self.now_text()
        with self.write() as db:
            row = db.execute(
                "SELECT status FROM leader_keys WHERE unit_id = ? AND key_id = ?",
                (unit_id, key_id),
            ).fetchone()
            if row is not None:
                return str(row["status"]), False
            db.execute(
                "INSERT INTO leader_keys (unit_id, key_id, alg, public_key, name, post, status, "
                "registered_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
                (unit_id, key_id, alg, public_key, name, post, now, now),
            )
        return "pending", True

    def unit_keys(self, unit_id: int) -> list[dict[str, Any]]:
        rows = self.read().execute(
            "SELECT key_id, name, post, status FROM leader_keys WHERE unit_id = ? "
            "ORDER BY registered_at, key_id",
            (unit_id,),
        )
        return [dict(row) for row in rows]

    def list_keys(self) -> list[dict[str, Any]]:
        rows = self.read().execute(
            "SELECT units.name AS unit, leader_keys.key_id, leader_keys.alg, leader_keys.name, "
            "leader_keys.post, leader_keys.status, leader_keys.registered_at, "
            "leader_keys.updated_at FROM leader_keys JOIN units ON units.id = leader_keys.unit_id "
            "ORDER BY units.name, leader_keys.registered_at"
        )
        return [dict(row) for row in rows]

    def set_key_status(self, key_id: str, status: str, *, unit: str | None = None) -> int:
        """Confirm or revoke a key; returns how many held items a confirmation released."""
        if status not in KEY_STATUSES:
            raise ValueError(status)
        now = self.now_text()
        with self.write() as db:
            query = (
                "SELECT leader_keys.unit_id FROM leader_keys JOIN units "
                "ON units.id = leader_keys.unit_id WHERE key_id = ?"
            )
            params: list[Any] = [key_id]
            if unit is not None:
                query += " AND units.name = ?"
                params.append(unit.strip())
            rows = db.execute(query, params).fetchall()
            if not rows:
                raise StoreError(f"没有登记编号为 {key_id} 的密钥。", f"No key {key_id}.")
            if len(rows) > 1:
                raise StoreError(
                    "多个单位登记了这个密钥，请用 --unit 指明单位。",
                    "Several units registered this key: name the unit (--unit).",
                )
            unit_id = rows[0]["unit_id"]
            db.execute(
                "UPDATE leader_keys SET status = ?, updated_at = ? "
                "WHERE unit_id = ? AND key_id = ?",
                (status, now, unit_id, key_id),
            )
            released = 0
            if status == "confirmed":
                held = db.execute(
                    "SELECT item_id, revision FROM items WHERE unit_id = ? AND key_id = ? "
                    "AND status = 'held_unregistered_signer' ORDER BY received_at, rowid",
                    (unit_id, key_id),
                ).fetchall()
                for item in held:
                    db.execute(
                        "UPDATE items SET status = 'received', updated_at = ? "
                        "WHERE unit_id = ? AND item_id = ? AND revision = ?",
                        (now, unit_id, item["item_id"], item["revision"]),
                    )
                    self._log_change(
                        db, unit_id, item["item_id"], item["revision"], "received", None, None, now
                    )
                released = len(held)
        return released

    # -- notices and tasks -------------------------------------------------------------

    def add_notice(
        self,
        kind: str,
        title: str,
        body: str,
        *,
        due_date: date | None = None,
        unit: str | None = None,
    ) -> str:
        if not title.strip():
            raise StoreError("标题不能为空。", "The title is empty.")
        notice_id = secrets.token_hex(16)
        with self.write() as db:
            unit_id = self.unit_named(unit, db).id if unit else None
            db.execute(
                "INSERT INTO notices (id, unit_id, kind, title, body, due_date, published_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    notice_id,
                    unit_id,
                    kind,
                    title.strip(),
                    body,
                    due_date.isoformat() if due_date else None,
                    self.now_text(),
                ),
            )
        return notice_id

    def list_notices(self, kind: str) -> list[dict[str, Any]]:
        """Every notice (or task) published, oldest first, with the unit it went to."""
        rows = self.read().execute(
            "SELECT notices.id, units.name AS unit, notices.title, notices.due_date, "
            "notices.published_at FROM notices LEFT JOIN units ON units.id = notices.unit_id "
            "WHERE notices.kind = ? ORDER BY notices.seq",
            (kind,),
        )
        return [dict(row) for row in rows]

    def notices_since(self, unit_id: int, after: int) -> list[sqlite3.Row]:
        return list(
            self.read().execute(
                "SELECT seq, id, kind, title, body, due_date, published_at FROM notices "
                "WHERE seq > ? AND (unit_id IS NULL OR unit_id = ?) ORDER BY seq",
                (after, unit_id),
            )
        )
