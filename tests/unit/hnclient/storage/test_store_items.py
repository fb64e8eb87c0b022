"""Items: create, read, save, states, recycle bin, listing and events."""

from __future__ import annotations

import threading
from datetime import UTC, date, timedelta
from typing import Any

import pytest

from hnclient.items import Channel, Item, ItemState
from hnclient.lifecycle import Action, ActorRef, TransitionError
from hnclient.storage import (
    ItemNotEditableError,
    ItemNotFoundError,
    ItemNotInRecycleBinError,
    Store,
    StoreEvent,
)
from tests.signoff_support import OFFICE, drive, make_service

from .conftest import FakeClock


def make(store: Store, clock: FakeClock, title: str = "标题", **fields: Any) -> Item:
    clock.tick()
    return store.create_item("policy", 1, title=title, **fields)


def test_create_item_is_draft_revision_one_with_utc_timestamps(
    store: Store, clock: FakeClock
) -> None:
    item = store.create_item(
        "leadership",
        2,
        title="州长调研贵德县",
        event_date=date(2024, 5, 1),
        channels=frozenset({Channel.PORTAL, Channel.WECHAT}),
        summary="摘要",
        values={"place": "贵德县", "people": [{"name": "张三", "position": "州长"}]},
    )
    assert len(item.id) == 32 and item.state is ItemState.DRAFT and item.revision == 1
    assert item.created_at == item.updated_at == clock.now
    assert item.created_at is not None and item.created_at.tzinfo is not None
    assert item.created_at.utcoffset() == timedelta(0)
    assert item.deleted_at is None
    again = store.get_item(item.id)
    assert again == item
    assert again.content_hash() == item.content_hash()
    summary = store.get_summary(item.id)
    assert (summary.id, summary.title, summary.category, summary.state) == (
        item.id,
        "州长调研贵德县",
        "leadership",
        ItemState.DRAFT,
    )
    assert summary.event_date == date(2024, 5, 1) and summary.revision == 1
    assert store.count_items() == 1


def test_create_item_rejects_non_content_fields(store: Store) -> None:
    with pytest.raises(TypeError):
        store.create_item("policy", 1, state=ItemState.SENT)


def test_strings_are_stored_nfc(store: Store) -> None:
    item = store.create_item("policy", 1, title="Cafe\u0301")
    assert store.get_item(item.id).title == "Caf\u00e9"


def test_missing_item_raises(store: Store) -> None:
    for call in (store.get_item, store.get_summary, store.delete_item, store.list_revisions):
        with pytest.raises(ItemNotFoundError):
            call("0" * 32)
    with pytest.raises(ItemNotFoundError):
        store.save_item(Item(id="0" * 32, category="policy", form_version=1, title="x"))


def test_save_changes_content_bumps_revision(store: Store, clock: FakeClock) -> None:
    item = make(store, clock)
    clock.tick()
    saved = store.save_item(item.with_changes(title="新标题"), reason="manual")
    assert saved.revision == 2 and saved.title == "新标题"
    assert saved.updated_at == clock.now and saved.created_at == item.created_at
    assert store.get_item(item.id) == saved
    assert store.get_summary(item.id).title == "新标题"


def test_unchanged_save_writes_nothing_and_emits_nothing(store: Store, clock: FakeClock) -> None:
    item = make(store, clock)
    events: list[StoreEvent] = []
    store.add_listener(events.append)
    clock.tick()
    # state/revision on the passed value are ignored: only content counts
    same = store.save_item(item.with_changes(revision=99, state=ItemState.SENT))
    assert same == item and events == []
    assert len(store.list_revisions(item.id)) == 1


def test_content_change_voids_approval(store: Store, clock: FakeClock) -> None:
    item = make(store, clock)
    drive(make_service(store), item.id, ItemState.APPROVED)
    events: list[StoreEvent] = []
    store.add_listener(events.append)
    saved = store.save_item(item.with_changes(summary="改了"))
    assert saved.state is ItemState.DRAFT
    assert [e.kind for e in events] == ["updated", "state"]


@pytest.mark.parametrize("state", [s for s in ItemState if not s.editable], ids=lambda s: s.value)
def test_not_editable_states_refuse_content_changes(
    store: Store, clock: FakeClock, state: ItemState
) -> None:
    item = make(store, clock)
    drive(make_service(store), item.id, state)
    with pytest.raises(ItemNotEditableError) as raised:
        store.save_item(item.with_changes(title="改"))
    assert "复制" in raised.value.message_zh()
    # an autosave of unchanged content is harmless
    assert store.save_item(item).revision == 1
    assert store.get_item(item.id).title == item.title


def test_transition_moves_state_once_with_audit(store: Store, clock: FakeClock) -> None:
    item = make(store, clock)
    clock.tick()
    events: list[StoreEvent] = []
    store.add_listener(events.append)
    after = drive(make_service(store), item.id, ItemState.AWAITING_REVIEW)
    assert after.state is ItemState.AWAITING_REVIEW and after.revision == 1
    assert after.updated_at == clock.now
    assert events == [StoreEvent("state", item.id)]
    entry = store.audit_entries(item.id)[-1]
    assert (entry.action, entry.from_state, entry.to_state) == (
        "submit",
        "draft",
        "awaiting_review",
    )
    assert entry.content_hash == item.content_hash()
    with pytest.raises(TransitionError):  # submitting twice is not a move
        store.transition(item.id, Action.SUBMIT, ActorRef.officer())
    assert len(events) == 1


def test_recycle_bin_cycle(store: Store, clock: FakeClock) -> None:
    keep = make(store, clock, "保留")
    gone = make(store, clock, "删除")
    events: list[StoreEvent] = []
    store.add_listener(events.append)
    clock.tick()
    store.delete_item(gone.id)
    store.delete_item(gone.id)  # idempotent
    assert [s.id for s in store.list_items()] == [keep.id]
    binned = store.list_items(deleted=True)
    assert [s.id for s in binned] == [gone.id] and binned[0].deleted_at == clock.now
    assert store.count_items() == 1 and store.count_items(deleted=True) == 1
    with pytest.raises(ItemNotEditableError) as raised:
        store.save_item(store.get_item(gone.id).with_changes(title="x"))
    assert raised.value.in_recycle_bin and "回收站" in raised.value.message_zh()
    with pytest.raises(ItemNotInRecycleBinError):
        store.purge_item(keep.id)
    store.restore_item(gone.id)
    store.restore_item(gone.id)  # idempotent
    assert store.get_item(gone.id).deleted_at is None
    store.delete_item(gone.id)
    store.purge_item(gone.id)
    with pytest.raises(ItemNotFoundError):
        store.get_item(gone.id)
    assert [e.kind for e in events] == ["deleted", "restored", "deleted", "purged"]


def test_empty_recycle_bin(store: Store, clock: FakeClock) -> None:
    items = [make(store, clock, f"条目{i}") for i in range(4)]
    for item in items[:3]:
        store.delete_item(item.id)
    events: list[StoreEvent] = []
    store.add_listener(events.append)
    assert store.empty_recycle_bin() == 3
    assert sorted(e.item_id for e in events) == sorted(i.id for i in items[:3])
    assert {e.kind for e in events} == {"purged"}
    assert [s.id for s in store.list_items()] == [items[3].id]
    assert store.list_items(deleted=True) == []
    assert store.empty_recycle_bin() == 0


def test_duplicate(store: Store, clock: FakeClock) -> None:
    item = make(store, clock, "原稿", values={"a": "正文"})
    drive(make_service(store), item.id, ItemState.SENT)
    clock.tick()
    copy = store.duplicate_item(item.id, edit_session="s1")
    assert copy.id != item.id and copy.title == "原稿"
    assert copy.state is ItemState.DRAFT and copy.revision == 1
    assert copy.values == item.values and copy.created_at == clock.now
    assert [r.reason for r in store.list_revisions(copy.id)] == ["duplicate"]
    assert [s.id for s in store.items_edited_in_session("s1")] == [copy.id]


def test_list_items_order_and_filters(store: Store, clock: FakeClock) -> None:
    a = make(store, clock, "甲")
    b = store.create_item("services", 1, title="乙")  # same timestamp as a? no: tick below
    clock.tick()
    c = make(store, clock, "丙")
    clock.tick()
    store.save_item(a.with_changes(title="甲改"))  # a is now newest
    drive(
        make_service(store), c.id, ItemState.SENT
    )  # c newer still (state changes count as updates)
    listed = store.list_items()
    assert [s.id for s in listed] == [c.id, a.id, b.id]
    assert [s.id for s in store.list_items(states=[ItemState.DRAFT])] == [a.id, b.id]
    assert [s.id for s in store.list_items(categories=["services"])] == [b.id]
    assert store.list_items(states=[]) == []
    assert store.list_items(categories=["policy"], states=[ItemState.SENT])[0].id == c.id
    assert [s.id for s in store.list_items(limit=2)] == [c.id, a.id]
    assert [s.id for s in store.list_items(query="甲改", limit=1)] == [a.id]


def test_same_timestamp_orders_by_insertion(store: Store) -> None:
    ids = [store.create_item("policy", 1, title=str(i)).id for i in range(3)]
    assert [s.id for s in store.list_items()] == ids[::-1]


def test_items_edited_in_session(store: Store, clock: FakeClock) -> None:
    a = make(store, clock, "甲", edit_session="s1")
    b = make(store, clock, "乙", edit_session="s2")
    store.save_item(b.with_changes(title="乙改"), edit_session="s1")
    deleted = make(store, clock, "丙", edit_session="s1")
    store.delete_item(deleted.id)
    assert {s.id for s in store.items_edited_in_session("s1")} == {a.id, b.id}
    assert store.items_edited_in_session("s2") == []


def test_events_delivered_after_commit_only(store: Store, clock: FakeClock) -> None:
    seen: list[tuple[StoreEvent, bool]] = []

    def listener(event: StoreEvent) -> None:
        # the change is visible (committed) and the store is usable from the listener
        seen.append((event, store.get_item(event.item_id).revision >= 1))

    store.add_listener(listener)
    item = make(store, clock)
    assert seen == [(StoreEvent("created", item.id), True)]
    drive(make_service(store), item.id, ItemState.SENT)
    seen.clear()
    with pytest.raises(ItemNotEditableError):
        store.save_item(item.with_changes(title="x"))
    assert seen == []
    store.remove_listener(listener)
    store.save_item(item)  # no-op, but listener is gone anyway
    store.transition(item.id, Action.ADOPT, OFFICE)
    assert seen == []


def test_failing_listener_does_not_undo_or_block(store: Store, clock: FakeClock) -> None:
    got: list[StoreEvent] = []

    def broken(event: StoreEvent) -> None:
        raise RuntimeError("boom")

    store.add_listener(broken)
    store.add_listener(got.append)
    item = make(store, clock)
    assert got == [StoreEvent("created", item.id)]
    assert store.get_item(item.id).revision == 1


def test_listener_runs_on_calling_thread(store: Store, clock: FakeClock) -> None:
    threads: list[int] = []
    store.add_listener(lambda event: threads.append(threading.get_ident()))
    worker_ident: list[int] = []

    def work() -> None:
        worker_ident.append(threading.get_ident())
        store.create_item("policy", 1, title="线程")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert threads == worker_ident


def test_concurrent_saves_and_reads(store: Store, clock: FakeClock) -> None:
    item = make(store, clock)
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            current = item
            for i in range(100):
                current = store.save_item(current.with_changes(summary=f"第{i}次"))
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    def reader() -> None:
        try:
            for _ in range(200):
                store.list_items()
                store.get_item(item.id)
        except BaseException as error:  # pragma: no cover
            errors.append(error)

    threads = [threading.Thread(target=writer), threading.Thread(target=reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.get_item(item.id).revision == 101


def test_naive_clock_is_rejected(db_path: object) -> None:
    from datetime import datetime
    from pathlib import Path

    assert isinstance(db_path, Path)
    with Store.open(db_path, clock=lambda: datetime(2024, 1, 1)) as store:
        with pytest.raises(ValueError):
            store.create_item("policy", 1)


def test_reopen_keeps_everything(db_path: object, clock: FakeClock) -> None:
    from pathlib import Path

    assert isinstance(db_path, Path)
    with Store.open(db_path, clock=clock) as store:
        item = store.create_item("policy", 1, title="持久", values={"k": "海南州"})
        store.save_item(item.with_changes(title="持久2"), reason="manual")
    with Store.open(db_path, clock=clock) as store:
        assert store.get_item(item.id).title == "持久2"
        assert store.search_ids("海南") == [item.id]
        assert store.recovered_from_corruption is None
        assert store.get_item(item.id).updated_at.tzinfo == UTC  # type: ignore[union-attr]
