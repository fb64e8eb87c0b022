"""Table model of the item list: a thin translation of store summaries into rows.

The model owns no query logic. The window hands it the rows of the current filter
(:meth:`set_rows`), and store events update single rows in place, so an autosave does not
reset the view or lose the selection. Sorting happens here in Python (one ``list.sort``),
which is far cheaper than a proxy model calling ``data()`` back for 100,000 rows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from hnclient.forms.timeliness import china_today, is_stale
from hnclient.items import ItemState
from hnclient.storage import ItemSummary
from hnclient.ui.formatting import local_date, local_datetime
from hnclient.ui.i18n import pick

ItemId = str
AnyIndex = QModelIndex | QPersistentModelIndex

STATE_ROLE = Qt.ItemDataRole.UserRole + 1
STALE_COLOUR = QColor("#b35c00")
UNSENT_STATES = frozenset(
    {
        ItemState.DRAFT,
        ItemState.AWAITING_REVIEW,
        ItemState.RETURNED_BY_LEADER,
        ItemState.APPROVED,
        ItemState.QUEUED,
    }
)
ID_ROLE = Qt.ItemDataRole.UserRole + 2


def last_step_text(step: tuple[str, str, str]) -> str:
    """ "张三 2026-11-30 14:05 提交审核": the newest step of an item, who and when."""
    from datetime import datetime

    from hnclient.ui.audit_dialog import action_text

    action, who, at = step
    try:
        when = local_datetime(datetime.fromisoformat(at))
    except ValueError:
        when = ""
    return f"{who} {when} {action_text(action)}".strip()


class ItemListModel(QAbstractTableModel):
    """Rows of :class:`ItemSummary`; columns title, category, state, event date, last change."""

    TITLE, CATEGORY, STATE, EVENT_DATE, UPDATED = range(5)

    def __init__(
        self,
        category_labels: dict[str, str],
        parent: QObject | None = None,
        *,
        timely_categories: frozenset[str] | None = None,
        today: Callable[[], date] = china_today,
        recycle_bin: bool = False,
    ) -> None:
        super().__init__(parent)
        # In the recycle bin the last column is when the item was deleted.
        self._recycle_bin = recycle_bin
        self._category_labels = category_labels
        # Categories whose items go stale (时效性); None: all of them.
        self._timely = timely_categories
        self._today = today
        self._rows: list[ItemSummary] = []
        self._row_of: dict[ItemId, int] = {}
        self._sort_column = self.UPDATED
        self._sort_order = Qt.SortOrder.DescendingOrder
        self._headers = (
            self.tr("Title"),
            self.tr("Category"),
            self.tr("State"),
            self.tr("Event date"),
            self.tr("Deleted at") if recycle_bin else self.tr("Last change"),
        )

    # --- Qt model interface -------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008,N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._headers)
        ):
            return self._headers[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.TITLE, self.CATEGORY):
            return self._display(row, column)  # both are often wider than their column
        if role == Qt.ItemDataRole.ToolTipRole and column == self.STATE and row.last_step:
            return last_step_text(row.last_step)
        if column == self.EVENT_DATE and self._is_stale(row):
            if role == Qt.ItemDataRole.ForegroundRole:
                return STALE_COLOUR
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("More than 7 days ago: check that it is still worth sending")
        if role == STATE_ROLE:
            return row.state.value
        if role == ID_ROLE:
            return row.id
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[index.row()].id for index in persistent]
        self._sort_rows()
        self.changePersistentIndexList(
            persistent,
            [self.index(self._row_of[i], p.column()) for i, p in zip(ids, persistent, strict=True)],
        )
        self.layoutChanged.emit()

    # --- feeding ------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[ItemSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._sort_rows()
        self.endResetModel()

    def upsert(self, summary: ItemSummary, belongs: bool) -> None:
        """Reflect one changed item: update its row, add it, or drop it if it left the filter."""
        row = self._row_of.get(summary.id)
        if row is None:
            if belongs:
                position = 0 if self._sort_column == self.UPDATED else len(self._rows)
                self.beginInsertRows(QModelIndex(), position, position)
                self._rows.insert(position, summary)
                self._reindex()
                self.endInsertRows()
            return
        if not belongs:
            self.remove(summary.id)
            return
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._headers) - 1))

    def remove(self, item_id: ItemId) -> None:
        row = self._row_of.get(item_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._reindex()
        self.endRemoveRows()

    def summary_at(self, row: int) -> ItemSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: ItemId) -> int | None:
        return self._row_of.get(item_id)

    # --- helpers ------------------------------------------------------------------------
    def _is_stale(self, row: ItemSummary) -> bool:
        """Flag 时效性 on what is still to be sent; sent items are history, not a to-do."""
        if row.event_date is None or row.state not in UNSENT_STATES:
            return False
        if self._timely is not None and row.category not in self._timely:
            return False
        return is_stale(row.event_date, self._today())

    def _display(self, row: ItemSummary, column: int) -> str:
        if column == self.TITLE:
            return row.title or self.tr("(untitled)")
        if column == self.CATEGORY:
            return self._category_labels.get(row.category, row.category)
        if column == self.STATE:
            return pick(row.state.label_zh, row.state.label_en)
        if column == self.EVENT_DATE:
            return local_date(row.event_date)
        if column == self.UPDATED:
            return local_datetime(self._last_time(row))
        return ""

    def _last_time(self, row: ItemSummary) -> datetime:
        if self._recycle_bin and row.deleted_at is not None:
            return row.deleted_at
        return row.updated_at

    def _sort_key(self) -> Callable[[ItemSummary], Any]:
        column = self._sort_column
        if column == self.TITLE:
            return lambda r: r.title
        if column == self.CATEGORY:
            return lambda r: self._category_labels.get(r.category, r.category)
        if column == self.STATE:
            order = {state: i for i, state in enumerate(ItemState)}
            return lambda r: order[r.state]
        if column == self.EVENT_DATE:
            return lambda r: (r.event_date is not None, r.event_date or r.updated_at.date())
        return self._last_time

    def _sort_rows(self) -> None:
        self._rows.sort(
            key=self._sort_key(), reverse=self._sort_order == Qt.SortOrder.DescendingOrder
        )
        self._reindex()

    def _reindex(self) -> None:
        self._row_of = {row.id: i for i, row in enumerate(self._rows)}
