"""Revision history: every content change kept, autosave bursts folded, restore adds a revision."""

from __future__ import annotations

import pytest

from hnclient.items import ItemState
from hnclient.storage import ItemNotEditableError, ItemNotFoundError, SaveReason, Store
from tests.signoff_support import drive, make_service

from .conftest import FakeClock


def test_every_manual_save_is_kept(store: Store, clock: FakeClock) -> None:
    item = store.create_item("policy", 1, title="v1")
    for n in (2, 3):
        clock.tick()
        item = store.save_item(item.with_changes(title=f"v{n}"), reason="manual")
    revisions = store.list_revisions(item.id)
    assert [(r.revision, r.title, r.reason) for r in revisions] == [
        (3, "v3", "manual"),
        (2, "v2", "manual"),
        (1, "v1", "create"),
    ]
    assert revisions[0].content_hash == item.content_hash()
    assert revisions[0].saved_at == clock.now
    assert store.get_revision(item.id, 2).title == "v2"
    assert store.get_revision(item.id, 2).revision == 2


def test_autosaves_of_one_burst_fold_into_one_row(store: Store, clock: FakeClock) -> None:
    item = store.create_item("policy", 1, title="起草", edit_session="s")
    for i in range(5):
        clock.advance(seconds=30)
        item = store.save_item(item.with_changes(summary=f"第{i}稿"), edit_session="s")
    assert item.revision == 6
    revisions = store.list_revisions(item.id)
    assert [(r.revision, r.reason) for r in revisions] == [(6, "autosave"), (1, "create")]
    assert store.get_revision(item.id, 6).summary == "第4稿"
    assert store.get_revision(item.id, 1).title == "起草"
    with pytest.raises(ItemNotFoundError) as raised:
        store.get_revision(item.id, 3)
    assert raised.value.revision == 3 and "历史版本" in raised.value.message_zh()


def test_burst_is_split_every_ten_minutes(store: Store, clock: FakeClock) -> None:
    item = store.create_item("policy", 1, title="t")
    for i in range(25):  # 25 minutes of continuous autosaving
        clock.advance(minutes=1)
        item = store.save_item(item.with_changes(summary=str(i)), edit_session="s")
    reasons = [r.reason for r in store.list_revisions(item.id)]
    assert reasons == ["autosave", "autosave", "autosave", "create"]


def test_no_fold_across_sessions_reasons_or_without_session(store: Store, clock: FakeClock) -> None:
    item = store.create_item("policy", 1, title="t")
    steps: list[tuple[SaveReason, str | None]] = [
        ("autosave", "a"),  # new row (previous is create)
        ("autosave", "b"),  # other session: new row
        ("manual", "b"),  # manual: new row
        ("autosave", "b"),  # previous is manual: new row
        ("autosave", None),  # no session: new row
        ("autosave", None),  # no session never folds
    ]
    for i, (reason, session) in enumerate(steps):
        clock.tick()
        item = store.save_item(
            item.with_changes(summary=str(i)), reason=reason, edit_session=session
        )
    assert len(store.list_revisions(item.id)) == 1 + len(steps)


def test_state_change_pins_the_revision(store: Store, clock: FakeClock) -> None:
    item = store.create_item("policy", 1, title="t")
    clock.tick()
    item = store.save_item(item.with_changes(summary="a"), edit_session="s")
    drive(make_service(store), item.id, ItemState.APPROVED)
    clock.tick()
    item = store.save_item(item.with_changes(summary="b"), edit_session="s")
    assert item.state is ItemState.DRAFT
    # the approved content (revision 2) is still in history
    assert [r.revision for r in store.list_revisions(item.id)] == [3, 2, 1]
    assert store.get_revision(item.id, 2).summary == "a"


def test_restore_revision_adds_a_new_revision(store: Store, clock: FakeClock) -> None:
    item = store.create_item("policy", 1, title="v1", values={"x": "一"})
    clock.tick()
    item = store.save_item(item.with_changes(title="v2", values={"x": "二"}), reason="manual")
    clock.tick()
    restored = store.restore_revision(item.id, 1, edit_session="s")
    assert restored.revision == 3 and restored.title == "v1" and restored.values == {"x": "一"}
    revisions = store.list_revisions(item.id)
    assert [(r.revision, r.reason, r.title) for r in revisions] == [
        (3, "restore", "v1"),
        (2, "manual", "v2"),
        (1, "create", "v1"),
    ]
    assert store.search_ids("一") == [item.id]
    assert store.search_ids("二") == []
    # restoring the current content again changes nothing
    assert store.restore_revision(item.id, 3).revision == 3


def test_restore_revision_refused_when_not_editable(store: Store, clock: FakeClock) -> None:
    item = store.create_item("policy", 1, title="v1")
    clock.tick()
    store.save_item(item.with_changes(title="v2"), reason="manual")
    drive(make_service(store), item.id, ItemState.PUBLISHED)
    with pytest.raises(ItemNotEditableError):
        store.restore_revision(item.id, 1)


def test_purge_removes_history(store: Store, clock: FakeClock, db_path: object) -> None:
    item = store.create_item("policy", 1, title="v1")
    store.save_item(item.with_changes(title="v2"), reason="manual")
    store.delete_item(item.id)
    store.purge_item(item.id)
    conn = store._connection()
    assert conn.execute("SELECT count(*) FROM item_revisions").fetchone()[0] == 0


def test_save_now_on_unchanged_text_closes_the_burst(store: Store, clock: FakeClock) -> None:
    """Ctrl+S after autosave already stored the text: the next burst must not overwrite it."""
    item = store.create_item("policy", 1, title="草稿", edit_session="s")
    clock.advance(seconds=5)
    item = store.save_item(item.with_changes(title="第一版"), edit_session="s")
    again = store.save_item(item, reason="manual", edit_session="s")
    assert again.revision == item.revision  # nothing new was written
    clock.advance(seconds=5)
    store.save_item(item.with_changes(title="第二版"), edit_session="s")
    titles = [(r.title, r.reason) for r in store.list_revisions(item.id)]
    assert titles == [("第二版", "autosave"), ("第一版", "manual"), ("草稿", "create")]
