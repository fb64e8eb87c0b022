"""What the office did comes back: statuses move items, notices arrive (real endpoint)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from hnclient.items import ItemState
from hnclient.sending.events import NoticesArrived, OfficeChanged
from tests.endpoint_support import RunningEndpoint, start_endpoint
from tests.sending_support import Setup, add_item, jpeg_bytes, setup
from tests.signoff_support import approve


@pytest.fixture
def world(tmp_path: Path) -> Iterator[Setup]:
    endpoint: RunningEndpoint = start_endpoint(tmp_path / "endpoint")
    made = setup(tmp_path / "client", endpoint, sending=True)
    made.confirm_leader()
    yield made
    made.workspace.close()
    endpoint.stop()


def test_adopted_then_published_with_its_link(world: Setup, tmp_path: Path) -> None:
    item = add_item(world.workspace, tmp_path, files=[("a.jpg", jpeg_bytes(1), "jpeg")])
    sender = world.sender()
    heard: list[object] = []
    sender.add_listener(heard.append)
    assert sender.run_once().outcomes[0].delivered
    admin, store = world.endpoint.admin, world.workspace.store
    admin.adopt(item.id, item.revision)
    report = sender.run_once()
    assert [(c.item_id, c.status) for c in report.office] == [(item.id, "adopted")]
    assert store.get_item(item.id).state is ItemState.ADOPTED
    admin.publish(item.id, item.revision, "https://www.hainanzhou.gov.cn/zwgk/1.html")
    sender.run_once()
    assert store.get_item(item.id).state is ItemState.PUBLISHED
    entry = store.outbox_entry(item.id)
    assert entry is not None and entry.office_status == "published"
    assert entry.office_url == "https://www.hainanzhou.gov.cn/zwgk/1.html"
    assert entry.office_label_zh == "已发布"
    # the cursor holds: nothing is applied twice
    assert sender.run_once().office == []
    actions = [e.action for e in store.audit_entries(item.id)]
    assert actions.count("adopt") == 1 and actions.count("publish") == 1
    office = [e.change.status for e in heard if isinstance(e, OfficeChanged)]
    assert office == ["adopted", "published"]


def test_returned_item_is_revised_and_sent_as_a_new_revision(world: Setup, tmp_path: Path) -> None:
    workspace = world.workspace
    item = add_item(workspace, tmp_path, files=[("a.jpg", jpeg_bytes(2), "jpeg")])
    sender = world.sender()
    assert sender.run_once().outcomes[0].delivered
    world.endpoint.admin.return_item(item.id, item.revision, "数据需要核实，请补充来源。")
    sender.run_once()
    returned = workspace.store.get_item(item.id)
    assert returned.state is ItemState.RETURNED_BY_OFFICE
    entry = workspace.store.outbox_entry(item.id)
    assert entry is not None and entry.office_reason == "数据需要核实，请补充来源。"
    assert entry.office_label_zh == "被退回"
    # revised, approved again (which queues it), sent as a new revision naming the old one
    revised = workspace.service.save(returned.with_changes(title="县政府召开专题会议（修订）"))
    assert revised.state is ItemState.DRAFT and revised.revision > item.revision
    workspace.store.transition(item.id, "submit", workspace.service.officer)  # type: ignore[arg-type]
    assert approve(workspace.service, item.id).state is ItemState.QUEUED
    report = sender.run_once()
    assert report.outcomes[0].delivered, report
    new_entry = workspace.store.outbox_entry(item.id)
    assert new_entry is not None and new_entry.revision == revised.revision
    assert new_entry.supersedes == item.revision
    assert workspace.store.get_item(item.id).state is ItemState.SENT


def test_notices_and_tasks_arrive_once(world: Setup) -> None:
    admin = world.endpoint.admin
    admin.add_notice("关于第47周信息报送情况的通报", "共和县本周报送3条。")
    admin.add_task("报送防汛工作信息", "请于周五前报送。", date(2026, 12, 4))
    sender = world.sender()
    heard: list[object] = []
    sender.add_listener(heard.append)
    report = sender.run_once()
    assert sorted(n.kind for n in report.notices) == ["notice", "task"]
    stored = world.workspace.store.notices(unread_only=True)
    assert {n.title for n in stored} == {"关于第47周信息报送情况的通报", "报送防汛工作信息"}
    assert [n.due_date for n in stored if n.kind == "task"] == ["2026-12-04"]
    assert sender.run_once().notices == []
    world.workspace.store.mark_notice_read(stored[0].id)
    assert len(world.workspace.store.notices(unread_only=True)) == 1
    assert len([e for e in heard if isinstance(e, NoticesArrived)]) == 1
