"""The recycle bin (回收站): deleted items stay here until restored or removed for good."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hnclient.service import ItemService
from hnclient.storage import StoreError
from hnclient.ui.i18n import error_text
from hnclient.ui.item_list_model import ItemListModel
from hnclient.ui.item_table import item_table


class RecycleBinDialog(QDialog):
    def __init__(
        self,
        service: ItemService,
        category_labels: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._store = service.store
        self.setWindowTitle(self.tr("Recycle bin"))
        self.resize(820, 480)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Deleted items wait here. Restore puts an item back in the list; "
                    "Delete permanently cannot be undone."
                ),
                self,
            )
        )
        self.model = ItemListModel(category_labels, self, recycle_bin=True)
        self.view = item_table(self.model, self)
        layout.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("&Restore"), self)
        self.purge_button = QPushButton(self.tr("Delete &permanently"), self)
        self.empty_button = QPushButton(self.tr("&Empty recycle bin"), self)
        close_button = QPushButton(self.tr("Close"), self)
        for button in (self.restore_button, self.purge_button, self.empty_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close_button)
        layout.addLayout(buttons)
        self.restore_button.clicked.connect(self.on_restore)
        self.purge_button.clicked.connect(self.on_purge)
        self.empty_button.clicked.connect(self.on_empty)
        close_button.clicked.connect(self.accept)
        self.reload()

    def reload(self) -> None:
        self.model.set_rows(self._store.list_items(deleted=True))
        if self.model.rowCount():
            self.view.selectRow(0)
        # a read-only data folder: the bin can be looked into, nothing changed
        can_act = self.model.rowCount() > 0 and not self._service.read_only
        for button in (self.restore_button, self.purge_button, self.empty_button):
            button.setEnabled(can_act)

    def _run(self, action: Callable[[], object]) -> None:
        try:
            action()
        except StoreError as error:
            QMessageBox.warning(
                self,
                self.tr("Recycle bin"),
                error_text(
                    error,
                    "操作没有完成（程序内部错误，详情已记入日志），请重试。",
                    f"The operation did not complete ({error}).",
                ),
            )
        self.reload()

    def _selected_id(self) -> str | None:
        rows = self.view.selectionModel().selectedRows()
        summary = self.model.summary_at(rows[0].row()) if rows else None
        return summary.id if summary else None

    def on_restore(self) -> None:
        item_id = self._selected_id()
        if item_id:
            self._run(lambda: self._service.restore(item_id))

    def on_purge(self) -> None:
        item_id = self._selected_id()
        if item_id and self._confirm(
            self.tr("Delete this item permanently? This cannot be undone.")
        ):
            self._run(lambda: self._service.purge(item_id))

    def on_empty(self) -> None:
        if self._confirm(self.tr("Delete every item in the recycle bin permanently?")):
            self._run(self._service.empty_recycle_bin)

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.warning(
            self,
            self.tr("Delete permanently"),
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
