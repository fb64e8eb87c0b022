"""The audit trail: a hash chain over every state change, checked entry by entry."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import unicodedata
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from hnclient.audit import GENESIS, AuditEntry, compute_hash, entry_from_row, verify_chain
from hnclient.items import ItemState
from hnclient.lifecycle import Action
from hnclient.verification import verify_store
from tests.signoff_support import PIN, SENDER, Workspace, drive, leader_of

AUDIT_COLUMNS = (
    "seq, at, actor, actor_id, actor_name, item_id, action, from_state, to_state, revision,"
    " content_hash, detail, prev_hash"
)


@pytest.fixture
def space(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace(tmp_path)
    yield opened
    opened.close()


def busy(space: Workspace) -> list[str]:
    """Real operations: drafts, a review, an approval, a queue, a wrong PIN."""
    service, store = space.service, space.store
    first = store.create_item("other", 1, title="第一条")
    second = store.create_item("other", 1, title="第二条")
    space.clock.advance(seconds=30)
    drive(service, first.id, ItemState.RETURNED_BY_LEADER)
    space.clock.advance(seconds=30)
    drive(service, second.id, ItemState.APPROVED)
    store.transition(second.id, Action.QUEUE, SENDER)
    leader = leader_of(service)
    with pytest.raises(Exception, match="PIN"):
        service.sign_in(leader.id, "000000")
    return [first.id, second.id]


def recompute(fields: dict[str, Any]) -> str:
    """The documented form, computed independently of the program's helpers."""

    def nfc(value: Any) -> Any:
        if isinstance(value, str):
            return unicodedata.normalize("NFC", value)
        if isinstance(value, dict):
            return {nfc(k): nfc(v) for k, v in value.items()}
        if isinstance(value, list):
            return [nfc(v) for v in value]
        return value

    text = json.dumps(nfc(fields), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def rows(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    names = [c.strip() for c in AUDIT_COLUMNS.split(",")]
    found = conn.execute(f"SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY seq").fetchall()
    result = []
    for row in found:
        fields = dict(zip(names, row, strict=True))
        fields["detail"] = json.loads(fields["detail"])
        result.append(fields)
    return result


def test_real_operations_leave_a_chain_that_holds(space: Workspace) -> None:
    ids = busy(space)
    entries = space.store.audit_entries()
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert entries[0].prev_hash == GENESIS
    for previous, entry in zip(entries, entries[1:], strict=False):
        assert entry.prev_hash == previous.entry_hash
    for entry in entries:
        assert recompute(entry.hashed_fields()) == entry.entry_hash
    assert verify_chain(entries) is None
    actions = [e.action for e in entries]
    for expected in ("create", "submit", "return", "enrol_leader", "approve", "queue"):
        assert expected in actions
    assert actions[-1] == "pin_failure"
    assert [e.action for e in space.store.audit_entries(ids[1])] == [
        "create",
        "submit",
        "approve",
        "queue",
    ]
    assert verify_store(space.store) == []


def test_entries_survive_reopening_and_times_are_utc(space: Workspace) -> None:
    busy(space)
    before = space.store.audit_entries()
    space.tamper()  # close and open again, nothing changed
    after = space.store.audit_entries()
    assert before == after
    assert {e.time.utcoffset() for e in after} == {timedelta(0)}


def test_an_approval_anchors_the_chain_head_before_it(space: Workspace) -> None:
    ids = busy(space)
    approval = space.store.approvals(ids[1])[0]
    entries = space.store.audit_entries()
    approve_entry = next(e for e in entries if e.action == "approve")
    head = approval.record["audit_head"]
    assert head == {"seq": approve_entry.seq - 1, "hash": approve_entry.prev_hash}
    assert approve_entry.detail["approval"] == approval.pk


def test_a_deleted_entry_is_caught(space: Workspace) -> None:
    busy(space)
    space.tamper("DROP TRIGGER audit_no_delete", "DELETE FROM audit_log WHERE seq = 4")
    problem = verify_chain(space.store.audit_entries())
    assert problem is not None and problem.seq == 4
    assert "第 4 条" in problem.reason_zh and "删除" in problem.reason_zh


def test_a_deleted_first_entry_is_caught(space: Workspace) -> None:
    busy(space)
    space.tamper("DROP TRIGGER audit_no_delete", "DELETE FROM audit_log WHERE seq = 1")
    problem = verify_chain(space.store.audit_entries())
    assert problem is not None and problem.seq == 1


def test_a_deleted_and_renumbered_entry_is_caught(space: Workspace) -> None:
    """Deleting an entry and closing the gap still breaks the link to the previous hash."""
    busy(space)
    count = len(space.store.audit_entries())
    space.tamper(
        "DROP TRIGGER audit_no_delete",
        "DROP TRIGGER audit_no_update",
        "DELETE FROM audit_log WHERE seq = 3",
        *[f"UPDATE audit_log SET seq = {n - 1} WHERE seq = {n}" for n in range(4, count + 1)],
    )
    problem = verify_chain(space.store.audit_entries())
    assert problem is not None and problem.seq == 3
    assert "接不上" in problem.reason_zh


def test_an_edited_entry_is_caught(space: Workspace) -> None:
    busy(space)
    space.tamper(
        "DROP TRIGGER audit_no_update",
        "UPDATE audit_log SET actor_name = '王五' WHERE seq = 5",
    )
    problem = verify_chain(space.store.audit_entries())
    assert problem is not None and problem.seq == 5
    assert "改动" in problem.reason_zh and "5" in problem.reason_en


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("at", "2020-01-01T00:00:00.000000+00:00"),
        ("to_state", "approved"),
        ("detail", '{"comment":"另一个意见"}'),
        ("detail", "not json"),
        ("content_hash", "0" * 64),
        ("revision", 99),
    ],
)
def test_any_edited_column_is_caught(space: Workspace, column: str, value: object) -> None:
    busy(space)
    space.tamper(
        "DROP TRIGGER audit_no_update",
        (f"UPDATE audit_log SET {column} = ? WHERE seq = 6", (value,)),
    )
    problem = verify_chain(space.store.audit_entries())
    assert problem is not None and problem.seq == 6


def test_a_reordered_pair_is_caught(space: Workspace) -> None:
    busy(space)
    space.tamper(
        "DROP TRIGGER audit_no_update",
        "UPDATE audit_log SET seq = -1 WHERE seq = 3",
        "UPDATE audit_log SET seq = 3 WHERE seq = 4",
        "UPDATE audit_log SET seq = 4 WHERE seq = -1",
    )
    problem = verify_chain(space.store.audit_entries())
    assert problem is not None and problem.seq == 3
    assert "调换" in problem.reason_zh


def test_a_forged_entry_with_its_own_hash_but_a_wrong_link(space: Workspace) -> None:
    busy(space)
    with space.behind_the_back() as conn:
        last = rows(conn)[-1]
        forged = {
            **last,
            "seq": last["seq"] + 1,
            "action": "approve",
            "actor_name": "李四",
            "prev_hash": "f" * 64,
        }
        forged_hash = recompute(forged)
        conn.execute(
            f"INSERT INTO audit_log ({AUDIT_COLUMNS}, entry_hash)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                *[
                    json.dumps(v, ensure_ascii=False) if k == "detail" else v
                    for k, v in forged.items()
                ],
                forged_hash,
            ),
        )
    entries = space.store.audit_entries()
    assert entries[-1].entry_hash == compute_hash(entries[-1].hashed_fields())  # self-consistent
    problem = verify_chain(entries)
    assert problem is not None and problem.seq == forged["seq"]
    assert "接不上" in problem.reason_zh


def test_an_entry_rehashed_in_place_breaks_the_next_link(space: Workspace) -> None:
    busy(space)
    with space.behind_the_back() as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        target = rows(conn)[4]
        target["actor_name"] = "王五"
        conn.execute(
            "UPDATE audit_log SET actor_name = ?, entry_hash = ? WHERE seq = ?",
            ("王五", recompute(target), target["seq"]),
        )
    problem = verify_chain(space.store.audit_entries())
    assert problem is not None and problem.seq == target["seq"] + 1


def test_the_triggers_refuse_update_and_delete(space: Workspace) -> None:
    busy(space)
    with space.behind_the_back() as conn:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("UPDATE audit_log SET actor_name = 'x' WHERE seq = 1")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit_log WHERE seq = 1")
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM audit_log")
    assert verify_chain(space.store.audit_entries()) is None


def test_an_empty_chain_holds_and_order_of_input_matters() -> None:
    assert verify_chain([]) is None
    entry = AuditEntry(
        seq=1,
        at="2026-11-30T02:00:00.000000+00:00",
        actor="officer",
        actor_id="officer",
        actor_name="张三",
        item_id=None,
        action="create",
        from_state=None,
        to_state="draft",
        revision=1,
        content_hash=None,
        detail={},
        prev_hash=GENESIS,
        entry_hash="",
    )
    sealed = AuditEntry(**{**entry.__dict__, "entry_hash": compute_hash(entry.hashed_fields())})
    assert verify_chain([sealed]) is None
    second = AuditEntry(
        **{**sealed.__dict__, "seq": 2, "prev_hash": sealed.entry_hash, "entry_hash": ""}
    )
    second = AuditEntry(**{**second.__dict__, "entry_hash": compute_hash(second.hashed_fields())})
    assert verify_chain([sealed, second]) is None
    problem = verify_chain([second, sealed])
    assert problem is not None and problem.seq == 1


def test_an_unreadable_detail_does_not_crash_reading() -> None:
    row = (
        1,
        "t",
        "officer",
        "officer",
        "张三",
        None,
        "create",
        None,
        None,
        None,
        None,
        "[1",
        "0",
        "h",
    )
    entry = entry_from_row(row)
    assert entry.detail == {"unreadable": "[1"}
    assert verify_chain([entry]) is not None


def test_pin_failures_are_in_the_chain(space: Workspace) -> None:
    busy(space)
    leader = leader_of(space.service)
    failures = [e for e in space.store.audit_entries() if e.action == "pin_failure"]
    assert len(failures) == 1 and failures[0].actor_id == leader.id
    space.clock.advance(seconds=2)
    assert space.service.sign_in(leader.id, PIN).leader.id == leader.id
    assert verify_chain(space.store.audit_entries()) is None
