"""The table view of items, as the main list and the recycle bin both show it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from hnclient.items import ItemState
from hnclient.ui.badges import StateBadgeDelegate
from hnclient.ui.i18n import pick
from hnclient.ui.item_list_model import ItemListModel


def item_table(model: ItemListModel, parent: QWidget, *, sortable: bool = True) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    if sortable:
        view.setSortingEnabled(True)
        view.sortByColumn(ItemListModel.UPDATED, Qt.SortOrder.DescendingOrder)
    view.verticalHeader().setVisible(False)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(ItemListModel.TITLE, QHeaderView.ResizeMode.Stretch)
    # Widths from the font, not ResizeToContents: sizing to contents asks the model for
    # thousands of cells before the first paint, which doubled the start-up time.
    metrics = view.fontMetrics()
    longest_state = max(
        (pick(state.label_zh, state.label_en) for state in ItemState),
        key=metrics.horizontalAdvance,
    )
    widths = {
        ItemListModel.CATEGORY: 110,
        ItemListModel.STATE: metrics.horizontalAdvance(longest_state) + 36,
        ItemListModel.EVENT_DATE: metrics.horizontalAdvance("2026-11-25") + 20,
        ItemListModel.UPDATED: metrics.horizontalAdvance("2026-11-25 20:55") + 20,
    }
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, width)
    view.setItemDelegateForColumn(ItemListModel.STATE, StateBadgeDelegate(view))
    return view
