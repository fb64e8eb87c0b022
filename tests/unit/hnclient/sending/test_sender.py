"""The sender against the real reference endpoint over loopback HTTP (no HTTP mocks)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from hnclient.items import ItemState
from hnclient.sending.errors import AlreadySending
from hnclient.sending.events import ItemDelivered, ItemFailed, ItemProgress, OverallProgress
from hnclient.sending.lock import SenderLock
from tests.endpoint_support import RunningEndpoint, start_endpoint
from tests.sending_support import Setup, add_item, jpeg_bytes, setup, video_bytes


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[RunningEndpoint]:
    running = start_endpoint(tmp_path / "endpoint")
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def world(tmp_path: Path, endpoint: RunningEndpoint) -> Iterator[Setup]:
    made = setup(tmp_path / "client", endpoint, sending=True)
    yield made
    made.workspace.close()


def photo_and_video() -> list[tuple[str, bytes, str]]:
    return [
        ("现场照片.jpg", jpeg_bytes(1), "jpeg"),
        ("会议视频.wmv", video_bytes(300_000, 2), "wmv"),
    ]


def test_item_with_photo_and_video_is_delivered_once(world: Setup, tmp_path: Path) -> None:
    item = add_item(world.workspace, tmp_path, files=photo_and_video())
    assert item.state is ItemState.QUEUED  # the approval queued it in the same transaction
    world.confirm_leader()
    sender = world.sender()
    events: list[object] = []
    sender.add_listener(events.append)
    report = sender.run_once()
    assert not report.failed, report
    assert [o.delivered for o in report.outcomes] == [True]
    stored = world.workspace.store.get_item(item.id)
    assert stored.state is ItemState.SENT
    entry = world.workspace.store.outbox_entry(item.id)
    assert entry is not None and entry.state == "delivered"
    assert entry.receipt is not None and entry.office_status == "received"
    # exactly once, with identical bytes
    received = [i for i in world.endpoint.admin.list_items() if i["item_id"] == item.id]
    assert len(received) == 1
    files = world.endpoint.admin.files(item.id, item.revision)
    for ref in stored.attachments:
        assert hashlib.sha256(files[ref.sha256].read_bytes()).hexdigest() == ref.sha256
    assert world.endpoint.admin.manifest(item.id, item.revision) == entry.manifest
    # observers heard progress to the end and the delivery
    delivered = [e for e in events if isinstance(e, ItemDelivered)]
    assert [(d.item_id, d.status) for d in delivered] == [(item.id, "received")]
    overall = [e for e in events if isinstance(e, OverallProgress)]
    assert overall and overall[-1].progress.done == overall[-1].progress.total > 300_000
    assert overall[-1].items_left == 0
    per_item = [e.progress for e in events if isinstance(e, ItemProgress)]
    assert len(per_item) > 4  # several chunks of 64 KiB
    # a second pass sends nothing again
    assert sender.run_once().outcomes == []
    assert len([i for i in world.endpoint.admin.list_items() if i["item_id"] == item.id]) == 1


def test_the_manifest_names_the_signed_unit_after_a_rename(world: Setup, tmp_path: Path) -> None:
    """查看 → 本单位名称 changed after the approval: the manifest sent names the unit the
    leader signed for (the approval record's), as the Word document does."""
    import json

    item = add_item(world.workspace, tmp_path, files=[("a.jpg", jpeg_bytes(5), "jpeg")])
    world.confirm_leader()
    report = world.sender(unit="贵德县人民政府办公室").run_once()
    assert not report.failed, report
    manifest = json.loads(world.endpoint.admin.manifest(item.id, item.revision))
    assert manifest["unit"] == manifest["approval"]["unit"] == "共和县人民政府办公室"


def test_unconfirmed_signer_is_held_and_visible(world: Setup, tmp_path: Path) -> None:
    item = add_item(world.workspace, tmp_path, files=[("a.jpg", jpeg_bytes(3), "jpeg")])
    report = world.sender().run_once()
    assert report.outcomes[0].delivered and report.outcomes[0].status == "held_unregistered_signer"
    entry = world.workspace.store.outbox_entry(item.id)
    assert entry is not None and entry.held_unregistered_signer
    assert entry.office_label_zh == "签发人未备案"


def test_second_sender_is_refused(world: Setup) -> None:
    holder = SenderLock(world.workspace.store.path.parent)
    holder.acquire()
    try:
        with pytest.raises(AlreadySending) as caught:
            world.sender().run_once()
        assert "hnclient sync" in caught.value.message_zh()
    finally:
        holder.release()


def test_window_sender_waits_for_a_running_sync(world: Setup, tmp_path: Path) -> None:
    """The window starts while a scheduled ``hnclient sync`` sends: no crash; its sender
    takes over once the sync has finished, and sends what was queued."""
    holder = SenderLock(world.workspace.store.path.parent)
    holder.acquire()
    item = add_item(world.workspace, tmp_path, files=[("a.jpg", jpeg_bytes(5), "jpeg")])
    sender = world.sender()
    delivered = threading.Event()
    sender.add_listener(lambda e: delivered.set() if isinstance(e, ItemDelivered) else None)
    sender.start()
    try:
        assert not sender.lock.held
        assert world.workspace.store.get_item(item.id).state is ItemState.QUEUED
        holder.release()  # the sync ends
        sender.wake()
        assert delivered.wait(30)
        assert sender.lock.held
        assert world.workspace.store.get_item(item.id).state is ItemState.SENT
    finally:
        sender.stop()
        holder.release()


def test_refused_manifest_stops_with_the_servers_words(world: Setup, tmp_path: Path) -> None:
    """A different manifest under a key already delivered is 409: shown, not retried."""
    item = add_item(world.workspace, tmp_path, files=[("a.jpg", jpeg_bytes(4), "jpeg")])
    world.confirm_leader()
    sender = world.sender()
    assert sender.run_once().outcomes[0].delivered
    # Behind the program's back: the same revision queued again with other manifest bytes.
    store = world.workspace.store
    entry = store.outbox_entry(item.id)
    assert entry is not None and entry.manifest is not None
    world.workspace.tamper(
        ("UPDATE items SET state = 'queued' WHERE id = ?", (item.id,)),
        ("UPDATE outbox SET state = 'pending', manifest = NULL WHERE item_id = ?", (item.id,)),
    )
    failures: list[ItemFailed] = []
    sender = world.sender()
    sender.add_listener(lambda e: failures.append(e) if isinstance(e, ItemFailed) else None)
    # Another unit name gives other manifest bytes for the same key.
    sender.delivery.unit = lambda: "另一个名字"
    report = sender.run_once()
    outcome = report.outcomes[0]
    assert not outcome.delivered and outcome.refused
    assert "已经收到过这条信息" in outcome.message_zh
    entry = world.workspace.store.outbox_entry(item.id)
    assert entry is not None and entry.refused and entry.last_error_code == "manifest_conflict"
    assert world.workspace.store.get_item(item.id).state is ItemState.QUEUED
    assert failures and failures[0].refused
    assert sender.run_once().outcomes == []  # not retried until queued again


def test_worker_sends_what_is_queued_and_can_pause(world: Setup, tmp_path: Path) -> None:
    world.confirm_leader()
    sender = world.sender()
    delivered = threading.Event()
    sender.add_listener(lambda e: delivered.set() if isinstance(e, ItemDelivered) else None)
    sender.start()
    try:
        with pytest.raises(AlreadySending):
            world.sender().run_once()
        sender.pause()
        item = add_item(world.workspace, tmp_path, files=[("a.jpg", jpeg_bytes(5), "jpeg")])
        assert not delivered.wait(0.5)
        sender.resume()
        assert delivered.wait(10)
        assert world.workspace.store.get_item(item.id).state is ItemState.SENT
    finally:
        sender.stop()
    assert sender.state == "stopped"


def _tampered(manifest: dict, how: str) -> dict:
    approval = dict(manifest["approval"])
    if how == "unsigned":
        approval.pop("signature", None)
    elif how == "wrongly_signed":
        signature = dict(approval["signature"])
        value = signature["sig"]
        signature["sig"] = ("A" if value[0] != "A" else "B") + value[1:]
        approval["signature"] = signature
    elif how == "replayed":  # the approval of other content
        approval["content_hash"] = {"alg": "sha256", "value": "0" * 64}
    return {**manifest, "approval": approval}


@pytest.mark.parametrize("how", ["unsigned", "wrongly_signed", "replayed"])
def test_a_bad_approval_is_refused_by_the_endpoint_with_its_reason(
    world: Setup, tmp_path: Path, how: str
) -> None:
    import json

    from hnprotocol.manifest import manifest_bytes, manifest_sha256

    item = add_item(world.workspace, tmp_path, files=[("a.jpg", jpeg_bytes(6), "jpeg")])
    world.confirm_leader()
    sender = world.sender()
    store = world.workspace.store
    entry = store.outbox_entry(item.id)
    assert entry is not None
    body = sender.delivery._build(entry)  # uploads done, the real manifest built
    bad = manifest_bytes(_tampered(json.loads(body), how))
    store.set_outbox_manifest(item.id, item.revision, bad, manifest_sha256(bad))
    report = sender.run_once()
    outcome = report.outcomes[0]
    assert not outcome.delivered and outcome.refused
    assert outcome.message_zh.startswith("报送这条信息被报送系统拒绝：")
    assert "签发" in outcome.message_zh
    entry = store.outbox_entry(item.id)
    assert entry is not None and entry.last_error_code == "approval_invalid"
    assert store.get_item(item.id).state is ItemState.QUEUED
    assert world.endpoint.admin.list_items() == []


def test_unqueued_while_uploading_stops_and_resumes_when_queued_again(
    world: Setup, tmp_path: Path
) -> None:
    item = add_item(world.workspace, tmp_path, files=photo_and_video())
    world.confirm_leader()
    sender = world.sender()
    service = world.workspace.service

    def unqueue_once(event: object) -> None:
        if isinstance(event, ItemProgress) and event.progress.done > 0:
            sender.remove_listener(unqueue_once)
            service.unqueue(item.id)

    sender.add_listener(unqueue_once)
    assert sender.run_once().outcomes == []  # stopped, not failed
    assert world.workspace.store.get_item(item.id).state is ItemState.APPROVED
    assert world.endpoint.admin.list_items() == []
    service.queue(item.id)
    report = sender.run_once()
    assert [o.delivered for o in report.outcomes] == [True]
    assert len(world.endpoint.admin.list_items()) == 1
