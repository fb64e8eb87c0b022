"""The outbox follows the life cycle in the same transaction; approving queues."""

from __future__ import annotations

from pathlib import Path

import pytest

from hnclient.items import ItemState
from hnclient.lifecycle import Action, TransitionError
from hnclient.storage import ApprovalMissingError
from tests.signoff_support import OFFICE, PIN, Workspace, drive, leader_of, signature_png


def _workspace(tmp_path: Path, sending: bool = True) -> Workspace:
    return Workspace(tmp_path, sending=lambda: sending)


def test_approval_queues_in_the_same_transaction(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    item = ws.store.create_item("policy", 1, title="签发即待发送")
    drive(ws.service, item.id, ItemState.AWAITING_REVIEW)
    leader = leader_of(ws.service)
    session = ws.service.sign_in(leader.id, PIN)
    outcome = ws.service.approve(
        session, item.id, pin=PIN, expected_hash=item.content_hash(), opinion="同意",
        signature_png=signature_png(),
    )  # fmt: skip
    assert outcome.item is not None and outcome.item.state is ItemState.QUEUED
    assert "待发送" in outcome.message_zh
    steps = [(e.action, e.to_state) for e in ws.store.audit_entries(item.id)][-2:]
    assert steps == [("approve", "approved"), ("queue", "queued")]
    entry = ws.store.outbox_entry(item.id)
    assert entry is not None and (entry.state, entry.revision) == ("pending", item.revision)
    assert [e.item_id for e in ws.store.outbox_due()] == [item.id]
    ws.close()


def test_without_sending_an_approval_does_not_queue(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, sending=False)
    item = ws.store.create_item("policy", 1, title="未配置发送")
    assert drive(ws.service, item.id, ItemState.APPROVED).state is ItemState.APPROVED
    assert ws.store.outbox_entry(item.id) is None
    ws.close()


def test_a_follow_up_that_fails_undoes_the_approval(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, sending=False)
    item = ws.store.create_item("policy", 1, title="一个事务")
    drive(ws.service, item.id, ItemState.AWAITING_REVIEW)
    leader = leader_of(ws.service)
    from hnclient.signing import SealedKey, open_sealed_key
    from hnprotocol.approval import Person, build_record

    key = ws.store.leader_key(leader.key_id or "")
    assert key is not None and key.sealed is not None
    signer = open_sealed_key(SealedKey.from_json(key.sealed), PIN, aad=leader.id.encode())

    def build(head: tuple[int, str]) -> tuple[dict[str, object], bytes]:
        record = build_record(
            item_id=item.id, revision=item.revision, content_hash=item.content_hash(),
            signer=Person(leader.id, leader.name, leader.post), deputy_for=None,
            opinion="同意", signed_at=ws.clock(), unit="共和县", signature_png=signature_png(),
            audit_head=head, sign=signer,
        )  # fmt: skip
        return record, signature_png()

    session = ws.service.sign_in(leader.id, PIN)
    with pytest.raises(TransitionError):  # a leader may not deliver: the whole move fails
        ws.store.transition(
            item.id, Action.APPROVE, session.actor, approve=build, then=Action.DELIVER
        )
    assert ws.store.get_item(item.id).state is ItemState.AWAITING_REVIEW
    assert ws.store.approvals(item.id) == []
    ws.close()


def test_queueing_needs_a_valid_approval(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, sending=False)
    item = ws.store.create_item("policy", 1, title="签发被改")
    drive(ws.service, item.id, ItemState.APPROVED)
    ws.tamper(("UPDATE approvals SET content_hash = ?", ("0" * 64,)))
    with pytest.raises(ApprovalMissingError):
        ws.service.queue(item.id)
    assert ws.store.outbox_entry(item.id) is None
    ws.close()


def test_unqueue_cancels_and_queue_again_keeps_the_manifest(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    item = ws.store.create_item("policy", 1, title="取消再发")
    drive(ws.service, item.id, ItemState.AWAITING_REVIEW)
    from tests.signoff_support import approve

    approve(ws.service, item.id)
    ws.store.set_outbox_manifest(item.id, item.revision, b"{}", "ab" * 32)
    ws.store.record_send_failure(
        item.id, item.revision, message_zh="网络中断", message_en="offline", code="network"
    )
    ws.service.unqueue(item.id)
    entry = ws.store.outbox_entry(item.id)
    assert entry is not None and entry.state == "cancelled" and ws.store.outbox_due() == []
    ws.service.queue(item.id)
    entry = ws.store.outbox_entry(item.id)
    assert entry is not None and entry.state == "pending" and entry.manifest == b"{}"
    assert entry.attempts == 0 and entry.last_error_zh == ""
    ws.close()


def test_office_changes_move_items_once_and_keep_the_cursor(tmp_path: Path) -> None:
    ws = _workspace(tmp_path, sending=False)
    item = ws.store.create_item("policy", 1, title="采用")
    sent = drive(ws.service, item.id, ItemState.SENT)
    change = {"item_id": item.id, "revision": sent.revision, "status": "adopted"}
    applied = ws.store.apply_office_changes([change], "c1")
    assert applied == [(item.id, sent.revision, "adopted")]
    assert ws.store.get_item(item.id).state is ItemState.ADOPTED
    assert ws.store.apply_office_changes([change], "c2") == []  # nothing new
    assert ws.store.feed_cursor("status") == "c2"
    entry = ws.store.audit_entries(item.id)[-1]
    assert (entry.actor, entry.action) == (OFFICE.kind.value, "adopt")
    ws.close()
