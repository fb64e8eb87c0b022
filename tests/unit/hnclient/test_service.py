"""The service's review operations on a real store: submit, enrol, sign in, return, approve,
and the bad input around them (wrong PINs, a removed leader, a forgotten PIN)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from hnclient.items import Channel, Item, ItemState
from hnclient.lifecycle import Action, TransitionError
from hnclient.review import content_changes
from hnclient.service import ItemService, ReviewRefused, SubmitRequest
from hnclient.signing import (
    LockedError,
    PinFormatError,
    RetryDelayError,
    SealedKey,
    WrongPinError,
    open_sealed_key,
)
from hnclient.storage import (
    ApprovalMissingError,
    ContentChangedError,
    ItemNotEditableError,
    LeaderNotFoundError,
    Store,
)
from hnclient.verification import verify_store
from hnprotocol.approval import ApprovalInvalid, build_record, verify_record
from hnprotocol.approval import Person as SignedPerson
from tests.signoff_support import (
    OFFICE,
    PIN,
    SENDER,
    Clock,
    approve,
    drive,
    id_number,
    leader_of,
    make_service,
    signature_png,
)

TODAY = date(2026, 11, 30)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Iterator[Store]:
    opened = Store.open(tmp_path / "data" / "hnclient.sqlite3", clock=clock)
    yield opened
    opened.close()


@pytest.fixture
def service(store: Store, clock: Clock) -> ItemService:
    return make_service(store, clock=clock)


def draft(
    service: ItemService,
    body: str = "共和县为困难群众送去米面油等过冬物资。",
    title: str = "共和县开展冬季送温暖活动",
) -> Item:
    """A valid item of the "other" form (portal only: no cover needed)."""
    item = service.create("other").item
    assert item is not None
    return service.save(
        item.with_changes(
            title=title,
            event_date=TODAY - timedelta(days=1),
            channels=frozenset({Channel.PORTAL}),
            values={"content_type": "news", "body": body, "source": "共和县民政局"},
        ),
        reason="manual",
    )


def submitted(service: ItemService, title: str = "共和县开展冬季送温暖活动") -> Item:
    item = draft(service, body=f"{title}：为困难群众送去过冬物资。", title=title)
    outcome = service.submit(item.id, SubmitRequest(public_confirmed=True))
    assert outcome.item is not None
    return outcome.item


def actions(store: Store, item_id: str) -> list[str]:
    return [e.action for e in store.audit_entries(item_id)]


# -- the whole flow --------------------------------------------------------------------------


def test_draft_review_return_revise_approve_then_edit_voids(
    service: ItemService, store: Store, clock: Clock
) -> None:
    secret_body = f"会议传达了机 密文件精神。联系人身份证号 {id_number()}。"
    item = draft(service, secret_body)
    assert item.state is ItemState.DRAFT

    # 可公开 must be confirmed.
    with pytest.raises(ReviewRefused) as caught:
        service.submit(item.id, SubmitRequest(public_confirmed=False))
    assert "可公开" in caught.value.message_zh()

    # Screening findings need a fix or a reason, each.
    findings = service.screen(item)
    kinds = sorted(f.kind for f in findings)
    assert kinds == ["id_number", "marking"]
    with pytest.raises(ReviewRefused) as caught:
        service.submit(item.id, SubmitRequest(public_confirmed=True))
    assert "2 处" in caught.value.message_zh()
    marking = next(f for f in findings if f.kind == "marking")
    with pytest.raises(ReviewRefused) as caught:
        service.submit(
            item.id,
            SubmitRequest(True, {marking.fingerprint: "已解密，可以公开", "other": "x"}),
        )
    assert "1 处" in caught.value.message_zh()
    assert store.get_item(item.id).state is ItemState.DRAFT
    assert actions(store, item.id) == ["create"]  # drafting changes no state

    reasons = {f.fingerprint: f"理由{n}" for n, f in enumerate(findings)}
    clock.advance(minutes=1)
    outcome = service.submit(item.id, SubmitRequest(True, reasons))
    assert outcome.item is not None and outcome.item.state is ItemState.AWAITING_REVIEW
    notes = service.submission_notes(item.id)
    assert sorted(n["reason"] for n in notes) == ["理由0", "理由1"]
    assert all(id_number() not in json.dumps(n, ensure_ascii=False) for n in notes)

    # The leader enrols: the PIN rules speak Chinese.
    for bad, reason in (("", "empty"), ("123", "too_short"), ("12a456", "not_digits")):
        with pytest.raises(PinFormatError) as pin_error:
            service.enrol_leader("李四", "副县长", bad)
        assert pin_error.value.reason == reason
        assert "数字" in pin_error.value.message_zh()
    assert service.leaders() == []
    leader = service.enrol_leader("李四", "副县长", PIN)
    assert leader.key_id and leader.active
    with pytest.raises(ReviewRefused):
        service.enrol_leader("李四", "副县长", "135790")
    sealed = store.leader_key(leader.key_id)
    assert sealed is not None and sealed.sealed is not None
    assert PIN not in json.dumps(sealed.sealed) and PIN not in json.dumps(leader.pin_hash)

    # Review: returned with comments, which the officer sees.
    clock.advance(minutes=5)
    session = service.sign_in(leader.id, PIN)
    assert session.actor.name == "李四"
    shown = store.get_item(item.id)
    with pytest.raises(ReviewRefused):
        service.return_for_revision(
            session, item.id, expected_hash=shown.content_hash(), comment="  "
        )
    returned = service.return_for_revision(
        session,
        item.id,
        expected_hash=shown.content_hash(),
        comment="请删去涉密字样和身份证号",
        field_comments={"body": "正文第一句要改", "source": "  "},
    ).item
    assert returned is not None and returned.state is ItemState.RETURNED_BY_LEADER
    comments = service.leader_comments(item.id)
    assert comments is not None
    assert comments["comment"] == "请删去涉密字样和身份证号"
    assert comments["field_comments"] == {"body": "正文第一句要改"}
    assert comments["leader"] == "李四" and comments["at"] == clock.now

    # The officer revises: still returned (and the comments still shown) until resubmitted.
    clock.advance(minutes=5)
    revised = service.save(
        returned.with_changes(
            values={**returned.values, "body": "共和县为困难群众送去米面油等过冬物资。"}
        ),
        reason="manual",
    )
    assert revised.state is ItemState.RETURNED_BY_LEADER
    assert revised.revision == returned.revision + 1
    assert service.leader_comments(item.id) is not None
    assert service.screen(revised) == []
    service.submit(item.id, SubmitRequest(public_confirmed=True))
    assert service.leader_comments(item.id) is None

    # The leader sees what changed since the return, then approves: PIN again, signature.
    clock.advance(minutes=5)
    session = service.sign_in(leader.id, PIN)
    earlier = service.last_reviewed(item.id)
    assert earlier is not None and earlier.revision == returned.revision
    changes = content_changes(service.forms["other"], earlier, store.get_item(item.id))
    assert [c.after for c in changes] == ["共和县为困难群众送去米面油等过冬物资。"]
    png = signature_png()
    approved = service.approve(
        session,
        item.id,
        pin=PIN,
        expected_hash=revised.content_hash(),
        opinion="  ",
        signature_png=png,
    ).item
    assert approved is not None and approved.state is ItemState.APPROVED
    stored = store.verify_approval(item.id)
    record = stored.record
    assert record["opinion"] == "同意"
    assert record["signer"] == {"id": leader.id, "name": "李四", "post": "副县长"}
    assert record["deputy_for"] is None
    assert record["unit"] == "共和县人民政府办公室"
    assert record["item_id"] == item.id and record["revision"] == revised.revision
    assert record["content_hash"] == {"alg": "sha256", "value": revised.content_hash()}
    assert record["signed_at"] == "2026-11-30T10:16:00+08:00"
    assert record["signature"]["alg"] == "ed25519"
    assert record["signature"]["key_id"] == leader.key_id
    assert stored.signature_png == png
    verify_record(record, item_id=item.id, content_hash=revised.content_hash())
    assert actions(store, item.id) == ["create", "submit", "return", "submit", "approve"]
    assert verify_store(store, service.attachments) == []

    # Any edit voids the approval: back to draft, the void approval kept, audited.
    clock.advance(minutes=5)
    edited = service.save(approved.with_changes(title="共和县开展冬季送温暖慰问活动"))
    assert edited.state is ItemState.DRAFT
    [void] = store.approvals(item.id)
    assert void.void_at == clock.now and void.void_reason == "content_changed"
    assert store.current_approval(item.id) is None
    with pytest.raises(ApprovalMissingError) as missing:
        store.verify_approval(item.id)
    assert missing.value.reason == "missing"
    last = store.audit_entries(item.id)[-1]
    assert (last.action, last.from_state, last.to_state) == ("edit", "approved", "draft")
    assert last.detail["voids"] == "approval"
    assert last.detail["previous_hash"] == revised.content_hash()
    assert verify_store(store, service.attachments) == []  # history holds; nothing claims


def test_audit_names_who_did_each_step(service: ItemService, store: Store) -> None:
    item = submitted(service)
    approve(service, item.id)
    entries = store.audit_entries(item.id)
    by_action = {e.action: e for e in entries}
    assert by_action["submit"].actor_name == "张三" and by_action["submit"].actor == "officer"
    assert by_action["approve"].actor_name == "李四" and by_action["approve"].actor == "leader"
    assert by_action["approve"].actor_id == leader_of(service).id
    # the first step too: a trial saw 新建 recorded as “信息报送员” with no name
    assert by_action["create"].actor_name == "张三"
    copy = service.duplicate(item.id)
    assert store.audit_entries(copy.item_id)[0].actor_name == "张三"
    summary = store.get_summary(item.id)
    assert summary.state is ItemState.APPROVED


def test_screening_sees_spaced_and_full_width_marks(service: ItemService) -> None:
    for body in ("内容涉及秘\u3000密事项。", "内容涉及机\u200b密事项。"):
        item = draft(service, body)
        assert [f.kind for f in service.screen(item)] == ["marking"], body


def test_a_copy_keeps_its_title_and_submitting_it_asks_about_the_original(
    service: ItemService, store: Store
) -> None:
    """复制为新稿件 adds no "（副本）" (it would be printed in the Word title and could be
    sent unnoticed); the near-duplicate screening names the item it copies instead."""
    original = draft(service)
    drive(service, original.id, ItemState.SENT)
    outcome = service.duplicate(original.id)
    copy = outcome.item
    assert copy is not None and copy.id != original.id
    assert copy.title == original.title == "共和县开展冬季送温暖活动"
    duplicates = [f for f in service.screen(copy) if f.kind == "duplicate"]
    assert [f.match for f in duplicates] == [original.title]
    with pytest.raises(ReviewRefused):
        service.submit(copy.id, SubmitRequest(public_confirmed=True))
    assert store.get_item(copy.id).state is ItemState.DRAFT


def test_an_invalid_item_is_not_submitted(service: ItemService, store: Store) -> None:
    item = service.create("other").item
    assert item is not None
    with pytest.raises(ReviewRefused) as caught:
        service.submit(item.id, SubmitRequest(public_confirmed=True))
    assert "必须修改" in caught.value.message_zh()
    assert store.get_item(item.id).state is ItemState.DRAFT


def test_withdraw_and_edit_while_awaiting_review(service: ItemService, store: Store) -> None:
    item = submitted(service)
    service.withdraw(item.id)
    assert store.get_item(item.id).state is ItemState.DRAFT
    again = service.submit(item.id, SubmitRequest(public_confirmed=True)).item
    assert again is not None
    edited = service.save(again.with_changes(title="改过的标题"))
    assert edited.state is ItemState.DRAFT
    assert store.audit_entries(item.id)[-1].detail["voids"] == "review_request"


def test_leader_approves_what_was_shown_not_a_later_autosave(
    service: ItemService, store: Store
) -> None:
    item = submitted(service)
    leader = leader_of(service)
    session = service.sign_in(leader.id, PIN)
    shown = item.content_hash()
    service.save(item.with_changes(title="同时改了标题"))  # back to draft
    with pytest.raises(TransitionError):
        service.approve(
            session, item.id, pin=PIN, expected_hash=shown, opinion="", signature_png=b"x"
        )
    service.submit(item.id, SubmitRequest(public_confirmed=True))
    with pytest.raises(ContentChangedError) as caught:
        service.approve(
            session,
            item.id,
            pin=PIN,
            expected_hash=shown,
            opinion="同意",
            signature_png=signature_png(),
        )
    assert "修改过" in caught.value.message_zh()
    assert store.get_item(item.id).state is ItemState.AWAITING_REVIEW
    assert store.approvals(item.id) == []


def test_approval_needs_a_drawn_signature(service: ItemService, store: Store) -> None:
    item = submitted(service)
    session = service.sign_in(leader_of(service).id, PIN)
    with pytest.raises(ReviewRefused) as caught:
        service.approve(
            session,
            item.id,
            pin=PIN,
            expected_hash=item.content_hash(),
            opinion="同意",
            signature_png=b"",
        )
    assert "签名" in caught.value.message_zh()
    assert store.get_item(item.id).state is ItemState.AWAITING_REVIEW


def test_queue_needs_the_approval_and_delivered_content_is_frozen(
    service: ItemService, store: Store
) -> None:
    item = drive(service, draft(service).id, ItemState.APPROVED)
    officer = service.officer
    queued = store.transition(item.id, Action.QUEUE, officer)
    assert queued.state is ItemState.QUEUED
    queue_entry = store.audit_entries(item.id)[-1]
    assert queue_entry.detail["approval"] == store.approvals(item.id)[0].pk
    with pytest.raises(ItemNotEditableError):
        service.save(queued.with_changes(title="发送前偷偷改"))
    store.transition(item.id, Action.UNQUEUE, officer)
    store.transition(item.id, Action.QUEUE, SENDER)
    sent = store.transition(item.id, Action.DELIVER, SENDER)
    assert sent.state is ItemState.SENT
    with pytest.raises(ItemNotEditableError):
        service.save(sent.with_changes(title="发出后改"))
    returned = store.transition(item.id, Action.OFFICE_RETURN, OFFICE)
    assert returned.state is ItemState.RETURNED_BY_OFFICE
    store.verify_approval(item.id)  # still the content that was sent
    # The next revision: a draft whose old approval no longer holds.
    next_revision = service.save(returned.with_changes(title="按办公室意见修改"))
    assert next_revision.state is ItemState.DRAFT
    assert [a.valid for a in store.approvals(item.id)] == [False]
    assert store.current_approval(item.id) is None
    assert verify_store(store, service.attachments) == []


def test_an_item_never_approved_cannot_be_queued(service: ItemService, store: Store) -> None:
    item = draft(service)
    for action in (Action.QUEUE, Action.DELIVER, Action.APPROVE):
        with pytest.raises(TransitionError):
            store.transition(item.id, action, SENDER)
    submitted_item = service.submit(item.id, SubmitRequest(public_confirmed=True)).item
    assert submitted_item is not None
    with pytest.raises(ValueError):  # an approve move without a signed record
        store.transition(item.id, Action.APPROVE, service.sign_in(leader_of(service).id, PIN).actor)
    assert store.get_item(item.id).state is ItemState.AWAITING_REVIEW


# -- who approves ----------------------------------------------------------------------------


def test_the_submitter_cannot_approve_their_own_item(store: Store, clock: Clock) -> None:
    service = make_service(store, clock=clock, officer=lambda: "李四")
    item = submitted(service)
    leader = leader_of(service)  # 李四, the officer's own name
    session = service.sign_in(leader.id, PIN)
    with pytest.raises(ReviewRefused) as caught:
        service.approve(
            session,
            item.id,
            pin=PIN,
            expected_hash=item.content_hash(),
            opinion="同意",
            signature_png=signature_png(),
        )
    assert "本人" in caught.value.message_zh()
    assert store.get_item(item.id).state is ItemState.AWAITING_REVIEW
    # Returning one's own item is not signing it.
    other = leader_of(service, "王五", "县长")
    assert other.id != leader.id

    allowed = make_service(store, clock=clock, officer=lambda: "李四", allow_self_approval=True)
    done = approve(allowed, item.id, leader)
    assert done.state is ItemState.APPROVED


def test_a_deputy_signs_for_the_leader(service: ItemService, store: Store) -> None:
    item = submitted(service)
    chief = leader_of(service, "王五", "县长")
    deputy = leader_of(service, "李四", "副县长")
    session = service.sign_in(deputy.id, PIN)
    service.approve(
        session,
        item.id,
        pin=PIN,
        expected_hash=item.content_hash(),
        opinion="同意，代王县长签发",
        signature_png=signature_png(),
        deputy_for=chief.id,
    )
    record = store.verify_approval(item.id).record
    assert record["signer"]["id"] == deputy.id
    assert record["deputy_for"] == {"id": chief.id, "name": "王五", "post": "县长"}
    assert record["signature"]["key_id"] == deputy.key_id
    assert verify_store(store) == []


def test_deputy_for_an_unknown_leader_is_refused(service: ItemService, store: Store) -> None:
    item = submitted(service)
    session = service.sign_in(leader_of(service).id, PIN)
    with pytest.raises(LeaderNotFoundError) as caught:
        service.approve(
            session,
            item.id,
            pin=PIN,
            expected_hash=item.content_hash(),
            opinion="同意",
            signature_png=signature_png(),
            deputy_for="no-such-leader",
        )
    assert "登记" in caught.value.message_zh()
    assert store.get_item(item.id).state is ItemState.AWAITING_REVIEW


# -- wrong PINs ------------------------------------------------------------------------------


def test_wrong_pins_grow_delays_then_lock_for_fifteen_minutes(
    service: ItemService, store: Store, clock: Clock
) -> None:
    leader = leader_of(service)
    delays = []
    for attempt in range(1, 5):
        with pytest.raises(WrongPinError) as wrong:
            service.sign_in(leader.id, "000000")
        assert wrong.value.attempts_left == 5 - attempt
        assert f"再错 {5 - attempt} 次" in wrong.value.message_zh()
        with pytest.raises(RetryDelayError) as waiting:
            service.sign_in(leader.id, PIN)  # even the right PIN waits
        delays.append(waiting.value.wait_seconds)
        assert "秒" in waiting.value.message_zh()
        clock.advance(seconds=waiting.value.wait_seconds)
    assert delays == [1, 2, 4, 8]
    with pytest.raises(LockedError) as locked:
        service.sign_in(leader.id, "000000")
    assert locked.value.locked_until == clock.now + timedelta(minutes=15)
    assert "锁定" in locked.value.message_zh()
    clock.advance(minutes=14, seconds=59)
    with pytest.raises(LockedError):
        service.sign_in(leader.id, PIN)
    assert len(store.pin_failures(leader.id)) == 5  # refusals while locked are not counted
    entries = [e for e in store.audit_entries() if e.action.startswith("pin_")]
    assert [e.action for e in entries] == ["pin_failure"] * 4 + ["pin_locked"]
    assert all(e.actor_id == leader.id and e.detail == {"leader_id": leader.id} for e in entries)
    clock.advance(seconds=1)
    assert service.sign_in(leader.id, PIN).leader.id == leader.id
    assert store.pin_failures(leader.id) == []
    assert verify_store(store) == []


def test_a_malformed_pin_is_not_counted(service: ItemService, store: Store) -> None:
    leader = leader_of(service)
    for bad in ("", "123", "12345a"):
        with pytest.raises(PinFormatError):
            service.sign_in(leader.id, bad)
    assert store.pin_failures(leader.id) == []


def test_a_wrong_pin_at_approval_counts_and_approves_nothing(
    service: ItemService, store: Store, clock: Clock
) -> None:
    item = submitted(service)
    leader = leader_of(service)
    session = service.sign_in(leader.id, PIN)
    with pytest.raises(WrongPinError):
        service.approve(
            session,
            item.id,
            pin="999999",
            expected_hash=item.content_hash(),
            opinion="同意",
            signature_png=signature_png(),
        )
    assert len(store.pin_failures(leader.id)) == 1
    assert store.get_item(item.id).state is ItemState.AWAITING_REVIEW
    assert store.approvals(item.id) == []


def test_lockout_of_one_leader_leaves_another_free(
    service: ItemService, store: Store, clock: Clock
) -> None:
    first = leader_of(service)
    second = leader_of(service, "王五", "县长")
    for _ in range(5):
        with pytest.raises((WrongPinError, LockedError)):
            service.sign_in(first.id, "000000")
        clock.advance(seconds=10)
    with pytest.raises(LockedError):
        service.sign_in(first.id, PIN)
    assert service.sign_in(second.id, PIN).leader.name == "王五"


# -- leaders coming and going ----------------------------------------------------------------


def test_a_leader_removed_while_an_item_awaits_them(service: ItemService, store: Store) -> None:
    item = submitted(service)
    leader = leader_of(service)
    session = service.sign_in(leader.id, PIN)
    service.remove_leader(leader.id)
    with pytest.raises(LeaderNotFoundError) as caught:
        service.sign_in(leader.id, PIN)
    assert caught.value.message_zh() == (
        "本机没有这位审核领导的登记（可能已被删除）。请选择其他领导，或重新登记。"
    )
    with pytest.raises(LeaderNotFoundError):  # an open session cannot sign either
        service.approve(
            session,
            item.id,
            pin=PIN,
            expected_hash=item.content_hash(),
            opinion="同意",
            signature_png=signature_png(),
        )
    with pytest.raises(LeaderNotFoundError):
        service.sign_in("never-enrolled", PIN)
    kept = store.get_item(item.id)
    assert kept.state is ItemState.AWAITING_REVIEW and kept.content_hash() == item.content_hash()
    assert service.leaders() == []
    assert [x.id for x in store.list_leaders(include_removed=True)] == [leader.id]
    assert store.leader_keys(leader.id)[0].sealed is None
    assert store.audit_entries()[-1].action == "remove_leader"
    # Another leader takes over; nothing was lost.
    approve(service, item.id, leader_of(service, "王五", "县长"))
    assert store.get_item(item.id).state is ItemState.APPROVED
    assert verify_store(store) == []


def test_an_approval_survives_its_leader_being_removed(service: ItemService, store: Store) -> None:
    item = drive(service, draft(service).id, ItemState.APPROVED)
    service.remove_leader(leader_of(service).id)
    store.verify_approval(item.id)
    assert store.transition(item.id, Action.QUEUE, SENDER).state is ItemState.QUEUED
    assert verify_store(store) == []


def test_change_pin_keeps_the_key(service: ItemService, store: Store, clock: Clock) -> None:
    leader = leader_of(service)
    item = drive(service, draft(service).id, ItemState.APPROVED)
    service.change_pin(leader.id, PIN, "135791")
    with pytest.raises(WrongPinError):
        service.sign_in(leader.id, PIN)
    clock.advance(seconds=1)
    assert store.get_leader(leader.id).key_id == leader.key_id
    store.verify_approval(item.id)
    second = submitted(service, "共和县举办农民工技能培训")
    session = service.sign_in(leader.id, "135791")
    service.approve(
        session,
        second.id,
        pin="135791",
        expected_hash=second.content_hash(),
        opinion="同意",
        signature_png=signature_png(),
    )
    assert store.verify_approval(second.id).record["signature"]["key_id"] == leader.key_id
    assert [e.action for e in store.audit_entries() if e.action == "change_pin"] == ["change_pin"]
    assert verify_store(store) == []


def test_change_pin_with_a_wrong_old_pin_changes_nothing(
    service: ItemService, store: Store, clock: Clock
) -> None:
    leader = leader_of(service)
    with pytest.raises(WrongPinError):
        service.change_pin(leader.id, "000000", "135791")
    assert len(store.pin_failures(leader.id)) == 1
    clock.advance(seconds=5)
    with pytest.raises(PinFormatError) as caught:  # checked before the old PIN is tried
        service.change_pin(leader.id, "000000", "123")
    assert caught.value.reason == "too_short"
    assert len(store.pin_failures(leader.id)) == 1
    assert store.get_leader(leader.id).pin_hash == leader.pin_hash
    assert service.sign_in(leader.id, PIN).leader.id == leader.id


def test_reenrolment_after_a_forgotten_pin(
    service: ItemService, store: Store, clock: Clock
) -> None:
    leader = leader_of(service)
    old_item = drive(service, draft(service).id, ItemState.APPROVED)
    old_key = store.leader_key(leader.key_id or "")
    assert old_key is not None and old_key.sealed is not None
    old_signer = open_sealed_key(
        SealedKey.from_json(old_key.sealed), PIN, aad=leader.id.encode()
    )  # what someone who copied the old key file could still use
    with pytest.raises(PinFormatError):
        service.reenrol_leader(leader.id, "12")
    with pytest.raises(LeaderNotFoundError):
        service.reenrol_leader("nobody", "135791")

    renewed = service.reenrol_leader(leader.id, "135791")
    assert renewed.id == leader.id and renewed.key_id not in (None, leader.key_id)
    assert store.audit_entries()[-1].action == "reenrol_leader"
    assert store.audit_entries()[-1].detail["key_id"] == renewed.key_id
    # The old key stays public only: old approvals still verify, it cannot sign any more.
    retired = store.leader_key(leader.key_id or "")
    assert retired is not None and retired.sealed is None and retired.retired_at is not None
    assert [k.key_id for k in store.leader_keys(leader.id)] == [leader.key_id, renewed.key_id]
    store.verify_approval(old_item.id)
    assert verify_store(store) == []
    with pytest.raises(WrongPinError):
        service.sign_in(leader.id, PIN)
    clock.advance(seconds=1)

    # New approvals use the new key.
    item = submitted(service, "共和县举办农民工技能培训")
    session = service.sign_in(leader.id, "135791")
    service.approve(
        session,
        item.id,
        pin="135791",
        expected_hash=item.content_hash(),
        opinion="同意",
        signature_png=signature_png(),
    )
    record = store.verify_approval(item.id).record
    assert record["signature"]["key_id"] == renewed.key_id

    # The old key signing a record that claims the new key is refused.
    class Claiming:
        alg = "ed25519"
        key_id = renewed.key_id
        public_key = base64.b64decode(record["public_key"])

        def sign(self, data: bytes) -> bytes:
            return old_signer.sign(data)

    forged = build_record(
        item_id=item.id,
        revision=record["revision"],
        content_hash=record["content_hash"]["value"],
        signer=SignedPerson(leader.id, "李四", "副县长"),
        deputy_for=None,
        opinion="同意",
        signed_at=service._now(),
        unit="共和县人民政府办公室",
        signature_png=signature_png(),
        audit_head=(1, "0" * 64),
        sign=Claiming(),
    )
    with pytest.raises(ApprovalInvalid) as caught:
        verify_record(forged, item_id=item.id)
    assert caught.value.code == "bad_signature"
    # … and so is a record honest about the old key, against the leader's enrolled key.
    honest = {**forged, "public_key": base64.b64encode(old_signer.public_key).decode()}
    with pytest.raises(ApprovalInvalid) as caught:
        verify_record(honest, item_id=item.id)
    assert caught.value.code == "key_mismatch"


def test_enrolment_refuses_a_missing_name_or_post(service: ItemService) -> None:
    with pytest.raises(ReviewRefused) as caught:
        service.enrol_leader(" ", "副县长", PIN)
    assert "姓名" in caught.value.message_zh()
    with pytest.raises(ReviewRefused):
        service.enrol_leader("李四", "", PIN)
    assert service.leaders() == []


def test_reenrolment_lifts_a_lock(service: ItemService, store: Store, clock: Clock) -> None:
    leader = leader_of(service)
    for _ in range(5):
        with pytest.raises((WrongPinError, LockedError)):
            service.sign_in(leader.id, "000000")
        clock.advance(seconds=10)
    with pytest.raises(LockedError):
        service.sign_in(leader.id, PIN)
    service.reenrol_leader(leader.id, "135791")
    assert service.sign_in(leader.id, "135791").leader.id == leader.id
    assert verify_store(store) == []


def test_a_guessable_pin_is_refused_at_enrolment_and_change(service: ItemService) -> None:
    from hnclient.signing import PinFormatError

    with pytest.raises(PinFormatError) as caught:
        service.enrol_leader("卓玛", "副县长", "123456")
    assert caught.value.reason == "too_simple" and "太容易被猜到" in caught.value.message_zh()
    leader = leader_of(service)
    with pytest.raises(PinFormatError) as caught:
        service.change_pin(leader.id, PIN, "111111")
    assert caught.value.reason == "too_simple"
