from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from hnclient.items import ItemState
from hnclient.storage import ItemSummary
from hnclient.ui.item_list_model import ID_ROLE, STATE_ROLE, ItemListModel

LABELS = {"policy": "政策落实", "other": "其他"}
START = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def summary(n: int, **changes: object) -> ItemSummary:
    values: dict[str, object] = dict(
        id=f"{n:032x}",
        title=f"标题{n}",
        category="policy" if n % 2 else "other",
        state=ItemState.DRAFT,
        event_date=date(2026, 11, 1) + timedelta(days=n % 5),
        created_at=START,
        updated_at=START + timedelta(minutes=n),
        deleted_at=None,
        revision=1,
    )
    values.update(changes)
    return ItemSummary(**values)  # type: ignore[arg-type]


def test_model_passes_qtmodeltester(qtmodeltester: ModelTester) -> None:
    model = ItemListModel(LABELS)
    model.set_rows([summary(n) for n in range(20)])
    qtmodeltester.check(model, force_py=True)
    model.upsert(summary(99), belongs=True)
    model.remove(summary(3).id)
    model.sort(ItemListModel.TITLE, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model, force_py=True)


def test_rows_show_labels_and_roles() -> None:
    model = ItemListModel(LABELS)
    model.set_rows([summary(1, state=ItemState.SENT)])
    index = model.index(0, ItemListModel.CATEGORY)
    assert index.data() == "政策落实"
    assert model.index(0, ItemListModel.STATE).data() == "已报送"
    assert model.index(0, 0).data(STATE_ROLE) == "sent"
    assert model.index(0, 0).data(ID_ROLE) == summary(1).id
    assert model.index(0, ItemListModel.UPDATED).data() == "2026-11-01 16:01"


def test_default_order_is_newest_change_first_and_sort_is_stable_for_selection() -> None:
    model = ItemListModel(LABELS)
    model.set_rows([summary(n) for n in range(5)])
    assert model.summary_at(0).id == summary(4).id  # type: ignore[union-attr]
    model.sort(ItemListModel.TITLE, Qt.SortOrder.AscendingOrder)
    assert [model.summary_at(r).title for r in range(5)] == [  # type: ignore[union-attr]
        f"标题{n}" for n in range(5)
    ]
    assert model.row_of(summary(2).id) == 2


def test_upsert_updates_in_place_and_drops_rows_leaving_the_filter() -> None:
    model = ItemListModel(LABELS)
    model.set_rows([summary(n) for n in range(3)])
    model.upsert(summary(1, title="新标题"), belongs=True)
    assert model.summary_at(model.row_of(summary(1).id)).title == "新标题"  # type: ignore[arg-type,union-attr]
    model.upsert(summary(1), belongs=False)
    assert model.row_of(summary(1).id) is None and model.rowCount() == 2


def test_stale_unsent_items_are_flagged_in_the_event_date_column() -> None:
    """时效性: an event more than 7 days back is flagged while the item is still to be sent."""
    today = date(2026, 11, 25)
    model = ItemListModel(LABELS, timely_categories=frozenset({"policy"}), today=lambda: today)
    model.set_rows(
        [
            summary(1, event_date=date(2026, 11, 17)),  # policy, 8 days, draft: flagged
            summary(3, event_date=date(2026, 11, 18)),  # policy, 7 days: still timely
            summary(5, event_date=date(2026, 11, 1), state=ItemState.SENT),  # sent: history
            summary(2, event_date=date(2026, 11, 1)),  # "other" is not a timely category here
        ]
    )
    flagged = {
        model.summary_at(row).id  # type: ignore[union-attr]
        for row in range(model.rowCount())
        if model.index(row, ItemListModel.EVENT_DATE).data(Qt.ItemDataRole.ForegroundRole)
    }
    assert flagged == {summary(1).id}
    row = model.row_of(summary(1).id)
    assert row is not None
    tip = model.index(row, ItemListModel.EVENT_DATE).data(Qt.ItemDataRole.ToolTipRole)
    assert "7" in tip


def test_state_tooltip_names_the_last_step_who_and_when() -> None:
    model = ItemListModel(LABELS)
    step = ("submit", "张三", "2026-11-30T17:30:00.000000+00:00")  # 12-01 01:30 in China
    model.set_rows([summary(1, state=ItemState.AWAITING_REVIEW, last_step=step), summary(2)])
    first, second = model.row_of(summary(1).id), model.row_of(summary(2).id)
    assert first is not None and second is not None
    tip = model.data(model.index(first, ItemListModel.STATE), Qt.ItemDataRole.ToolTipRole)
    assert tip == "张三 2026-12-01 01:30 提交审核"
    assert model.data(model.index(second, ItemListModel.STATE), Qt.ItemDataRole.ToolTipRole) is None
