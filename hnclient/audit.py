"""The audit trail: an append-only, hash-chained log of every state change (issue 6, point 7).

Each entry is hashed over all of its fields and the previous entry's hash, so deleting,
editing or reordering any entry breaks every hash after it. An approval record carries the
chain's head at signing (``audit_head``), so rewriting the history before an approval breaks
a signature, not only a hash. The exact form is in ``docs/signoff.md``:

    entry_hash = SHA-256( canonical_json({
        "seq", "at", "actor", "actor_id", "actor_name", "item_id", "action",
        "from_state", "to_state", "revision", "content_hash", "detail", "prev_hash"}) )

with ``prev_hash`` of the first entry :data:`GENESIS` (64 zeros), ``at`` UTC ISO 8601 with
microseconds, ``detail`` a JSON object. Qt-free; the store writes entries, this module
computes and checks them.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hnclient.items import JsonValue, canonical_json

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """One row of ``audit_log``. ``detail`` is parsed JSON (a dict)."""

    seq: int
    at: str
    actor: str
    actor_id: str
    actor_name: str
    item_id: str | None
    action: str
    from_state: str | None
    to_state: str | None
    revision: int | None
    content_hash: str | None
    detail: dict[str, JsonValue]
    prev_hash: str
    entry_hash: str

    def hashed_fields(self) -> dict[str, JsonValue]:
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "item_id": self.item_id,
            "action": self.action,
            "from_state": self.from_state,
            "to_state": self.to_state,
            "revision": self.revision,
            "content_hash": self.content_hash,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
        }

    @property
    def time(self) -> datetime:
        return datetime.fromisoformat(self.at)


AUDIT_COLUMNS = (
    "seq, at, actor, actor_id, actor_name, item_id, action, from_state, to_state, revision,"
    " content_hash, detail, prev_hash, entry_hash"
)


def entry_from_row(row: tuple[Any, ...]) -> AuditEntry:
    """A row of :data:`AUDIT_COLUMNS`; a ``detail`` that is not a JSON object becomes
    ``{"unreadable": text}`` (its hash then fails, which is what verification reports)."""
    values = list(row)
    try:
        detail = json.loads(values[11])
        if not isinstance(detail, dict):
            raise ValueError
    except (ValueError, TypeError):
        detail = {"unreadable": str(values[11])}
    values[11] = detail
    return AuditEntry(*values)


def compute_hash(fields: dict[str, JsonValue]) -> str:
    return hashlib.sha256(canonical_json(fields)).hexdigest()


def seal(fields: dict[str, JsonValue]) -> str:
    """The entry hash of ``fields`` (all hashed fields, ``prev_hash`` included)."""
    return compute_hash(fields)


@dataclass(frozen=True)
class ChainProblem:
    """The first place the chain does not hold."""

    seq: int
    reason_zh: str
    reason_en: str


def verify_chain(entries: list[AuditEntry]) -> ChainProblem | None:
    """Check order, continuity and every hash; None when the whole chain holds.

    ``entries`` in the order stored (by ``seq``). Detects a deleted entry (a gap or a
    ``prev_hash`` that no longer matches), an edited one (its hash), a reordered one.
    """
    previous_hash = GENESIS
    expected_seq = 1
    for entry in entries:
        if entry.seq != expected_seq:
            return ChainProblem(
                expected_seq,
                f"第 {expected_seq} 条审计记录缺失（下一条是第 {entry.seq} 条）：记录被删除过。",
                f"audit entry {expected_seq} is missing (next is {entry.seq}): deleted.",
            )
        if entry.prev_hash != previous_hash:
            return ChainProblem(
                entry.seq,
                f"第 {entry.seq} 条审计记录与前一条接不上：前面的记录被删除、修改或调换过。",
                f"audit entry {entry.seq} does not follow the previous one: an earlier entry "
                "was deleted, edited or moved.",
            )
        if compute_hash(entry.hashed_fields()) != entry.entry_hash:
            return ChainProblem(
                entry.seq,
                f"第 {entry.seq} 条审计记录的内容被改动过（校验值不符）。",
                f"audit entry {entry.seq} was edited (its hash does not match).",
            )
        previous_hash = entry.entry_hash
        expected_seq += 1
    return None


#: Audit actions that enrol, re-enrol and remove a leader (``detail.leader_id``; the first
#: two also ``detail.key_id`` and ``detail.public_key``).
ENROL_ACTIONS = ("enrol_leader", "reenrol_leader")
REMOVE_ACTION = "remove_leader"


@dataclass(frozen=True)
class KeyLife:
    """When a leader key was usable, as the chain tells it: from the entry that enrolled it
    to the one that retired it (a re-enrolment or the leader's removal), by ``seq``."""

    leader_id: str
    public_key: str  # base64, as enrolled
    enrolled_seq: int
    retired_seq: int | None

    def covers(self, seq: int) -> bool:
        return self.enrolled_seq < seq and (self.retired_seq is None or seq < self.retired_seq)


def key_lives(entries: list[AuditEntry]) -> dict[str, KeyLife]:
    """key id → :class:`KeyLife` for every key enrolled in ``entries`` (in ``seq`` order).

    The chain, not the ``leader_keys`` table, says when a key was retired: a signature made
    after its key's retirement comes from a copy kept elsewhere and must not count.
    """
    lives: dict[str, KeyLife] = {}
    current: dict[str, str] = {}  # leader id -> key id in use
    for entry in entries:
        if entry.action not in (*ENROL_ACTIONS, REMOVE_ACTION):
            continue
        leader_id = str(entry.detail.get("leader_id", ""))
        old = current.pop(leader_id, None)
        if old is not None:
            life = lives[old]
            lives[old] = KeyLife(life.leader_id, life.public_key, life.enrolled_seq, entry.seq)
        if entry.action in ENROL_ACTIONS:
            key_id = str(entry.detail.get("key_id", ""))
            public = str(entry.detail.get("public_key", ""))
            lives[key_id] = KeyLife(leader_id, public, entry.seq, None)
            current[leader_id] = key_id
    return lives
