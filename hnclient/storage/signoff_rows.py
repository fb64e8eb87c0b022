"""Rows of the sign-off tables (schema version 2): audit entries, leaders, keys, approvals.

Functions here run inside a transaction the :class:`~hnclient.storage.Store` holds; they never
commit. Qt-free.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hnclient.audit import (
    AUDIT_COLUMNS,
    ENROL_ACTIONS,
    GENESIS,
    REMOVE_ACTION,
    AuditEntry,
    entry_from_row,
    seal,
)
from hnclient.items import JsonValue
from hnclient.lifecycle import ActorRef
from hnclient.storage.records import from_db_time, from_db_time_opt, to_db_time


def audit_head(conn: sqlite3.Connection) -> tuple[int, str]:
    """``(seq, entry_hash)`` of the newest entry; ``(0, GENESIS)`` for an empty log."""
    row = conn.execute("SELECT seq, entry_hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def append_audit(
    conn: sqlite3.Connection,
    *,
    at: datetime,
    actor: ActorRef,
    action: str,
    item_id: str | None = None,
    from_state: str | None = None,
    to_state: str | None = None,
    revision: int | None = None,
    content_hash: str | None = None,
    detail: dict[str, JsonValue] | None = None,
) -> AuditEntry:
    seq, prev = audit_head(conn)
    fields: dict[str, JsonValue] = {
        "seq": seq + 1,
        "at": to_db_time(at),
        "actor": actor.kind.value,
        "actor_id": actor.id,
        "actor_name": actor.name,
        "item_id": item_id,
        "action": action,
        "from_state": from_state,
        "to_state": to_state,
        "revision": revision,
        "content_hash": content_hash,
        "detail": detail or {},
        "prev_hash": prev,
    }
    digest = seal(fields)
    if item_id is not None:
        step = f"{action}\t{actor.name}\t{fields['at']}".replace("\n", " ")
        conn.execute("UPDATE items SET last_step = ? WHERE id = ?", (step, item_id))
    conn.execute(
        f"INSERT INTO audit_log ({AUDIT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            fields["seq"],
            fields["at"],
            fields["actor"],
            fields["actor_id"],
            fields["actor_name"],
            item_id,
            action,
            from_state,
            to_state,
            revision,
            content_hash,
            json.dumps(fields["detail"], ensure_ascii=False, sort_keys=True),
            prev,
            digest,
        ),
    )
    return entry_from_row(
        (
            fields["seq"],
            fields["at"],
            actor.kind.value,
            actor.id,
            actor.name,
            item_id,
            action,
            from_state,
            to_state,
            revision,
            content_hash,
            json.dumps(fields["detail"]),
            prev,
            digest,
        )
    )


def leader_entries(conn: sqlite3.Connection) -> list[AuditEntry]:
    """The entries that enrol, re-enrol or remove leaders, in order (see
    :func:`hnclient.audit.key_lives`)."""
    actions = (*ENROL_ACTIONS, REMOVE_ACTION)
    rows = conn.execute(
        f"SELECT {AUDIT_COLUMNS} FROM audit_log WHERE item_id IS NULL"
        f" AND action IN ({','.join('?' * len(actions))}) ORDER BY seq",
        actions,
    ).fetchall()
    return [entry_from_row(tuple(r)) for r in rows]


def approval_entry(conn: sqlite3.Connection, item_id: str, approval_pk: int) -> AuditEntry | None:
    """The ``approve`` entry that recorded approval ``approval_pk`` of ``item_id``."""
    rows = conn.execute(
        f"SELECT {AUDIT_COLUMNS} FROM audit_log WHERE item_id = ? AND action = 'approve'"
        " ORDER BY seq",
        (item_id,),
    ).fetchall()
    for row in rows:
        entry = entry_from_row(tuple(row))
        if entry.detail.get("approval") == approval_pk:
            return entry
    return None


def audit_entries(conn: sqlite3.Connection, item_id: str | None = None) -> list[AuditEntry]:
    if item_id is None:
        rows = conn.execute(f"SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY seq").fetchall()
    else:
        rows = conn.execute(
            f"SELECT {AUDIT_COLUMNS} FROM audit_log WHERE item_id = ? ORDER BY seq", (item_id,)
        ).fetchall()
    return [entry_from_row(tuple(r)) for r in rows]


@dataclass(frozen=True)
class Leader:
    """An enrolled responsible leader (分管领导) of this unit, on this PC."""

    id: str
    name: str
    post: str
    pin_hash: dict[str, Any]
    enrolled_at: datetime
    removed_at: datetime | None
    key_id: str | None  # the current key; None only in a damaged database

    @property
    def active(self) -> bool:
        return self.removed_at is None


@dataclass(frozen=True)
class LeaderKey:
    key_id: str
    leader_id: str
    alg: str
    public_key: bytes
    sealed: dict[str, Any] | None
    created_at: datetime
    retired_at: datetime | None


def leader_from_row(row: tuple[Any, ...]) -> Leader:
    lid, name, post, pin_hash, enrolled, removed, key_id = row
    try:
        pin = json.loads(pin_hash)
    except ValueError:
        pin = {}
    return Leader(lid, name, post, pin, from_db_time(enrolled), from_db_time_opt(removed), key_id)


LEADER_SELECT = (
    "SELECT l.id, l.name, l.post, l.pin_hash, l.enrolled_at, l.removed_at,"
    " (SELECT key_id FROM leader_keys k WHERE k.leader_id = l.id AND k.retired_at IS NULL"
    "  ORDER BY k.created_at DESC LIMIT 1) FROM leaders l"
)


def key_from_row(row: tuple[Any, ...]) -> LeaderKey:
    import base64

    key_id, leader_id, alg, public_key, sealed, created, retired = row
    try:
        sealed_json = json.loads(sealed) if sealed else None
    except ValueError:
        sealed_json = {}
    try:
        public = base64.b64decode(public_key)
    except ValueError:
        public = b""
    return LeaderKey(
        key_id,
        leader_id,
        alg,
        public,
        sealed_json,
        from_db_time(created),
        from_db_time_opt(retired),
    )


KEY_COLUMNS = "key_id, leader_id, alg, public_key, sealed, created_at, retired_at"


@dataclass(frozen=True)
class StoredApproval:
    """A row of ``approvals``: the signed record and the drawn signature it names."""

    pk: int
    item_id: str
    revision: int
    content_hash: str
    record: dict[str, Any]
    signature_png: bytes
    created_at: datetime
    void_at: datetime | None
    void_reason: str | None

    @property
    def valid(self) -> bool:
        return self.void_at is None


APPROVAL_COLUMNS = (
    "pk, item_id, revision, content_hash, record, signature_png, created_at, void_at, void_reason"
)


def approval_from_row(row: tuple[Any, ...]) -> StoredApproval:
    pk, item_id, revision, content_hash, record, png, created, void_at, reason = row
    try:
        parsed = json.loads(record)
    except ValueError:
        parsed = {"unreadable": record}
    return StoredApproval(
        pk,
        item_id,
        revision,
        content_hash,
        parsed,
        bytes(png),
        from_db_time(created),
        from_db_time_opt(void_at),
        reason,
    )


def void_approvals(conn: sqlite3.Connection, item_id: str, at: datetime, reason: str) -> int:
    cursor = conn.execute(
        "UPDATE approvals SET void_at = ?, void_reason = ? WHERE item_id = ? AND void_at IS NULL",
        (to_db_time(at), reason, item_id),
    )
    return int(cursor.rowcount)
