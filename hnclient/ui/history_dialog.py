"""Revision history of one item: look at any earlier version and restore it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hnclient.items import Item
from hnclient.service import ItemService
from hnclient.storage import AUTOSAVE_COALESCE_WINDOW, RevisionInfo, StoreError
from hnclient.ui.formatting import local_datetime
from hnclient.ui.i18n import error_text
from hnclient.ui.preview_panel import PreviewRenderer


class HistoryDialog(QDialog):
    """Lists revisions newest first; "Restore" saves the chosen one as a new revision."""

    def __init__(
        self,
        service: ItemService,
        item_id: str,
        render: PreviewRenderer,
        edit_session: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._store = service.store
        self._item_id = item_id
        self._render = render
        self._edit_session = edit_session
        self.restored: Item | None = None
        self.setWindowTitle(self.tr("Version history"))
        self.resize(1000, 640)
        layout = QVBoxLayout(self)
        minutes = int(AUTOSAVE_COALESCE_WINDOW.total_seconds() // 60)
        self.explanation = QLabel(
            self.tr(
                "A version is kept for every manual save (Ctrl+S), every change of state "
                "(submitted, approved, returned …) and every restore; autosaves while you type "
                "are merged into one version per %1 minutes. The newest version is shown first. "
                "Restoring keeps the current text as a version too."
            ).replace("%1", str(minutes)),
            self,
        )
        self.explanation.setWordWrap(True)
        layout.addWidget(self.explanation)
        row = QHBoxLayout()
        self.versions = QListWidget(self)
        self.versions.setMinimumWidth(300)
        self.preview = QTextBrowser(self)
        self.preview.setOpenLinks(False)
        row.addWidget(self.versions)
        row.addWidget(self.preview, 1)
        layout.addLayout(row, 1)
        buttons = QHBoxLayout()
        self.restore_button = QPushButton(self.tr("&Restore this version"), self)
        # Restoring is deliberate: Enter closes the dialog, it never restores.
        self.restore_button.setAutoDefault(False)
        self.restore_button.setDefault(False)
        self.close_button = close_button = QPushButton(self.tr("Close"), self)
        close_button.setDefault(True)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(close_button)
        layout.addLayout(buttons)
        self.versions.currentItemChanged.connect(self.on_version_chosen)
        self.restore_button.clicked.connect(self.on_restore)
        close_button.clicked.connect(self.reject)
        self._load()

    def _reason_text(self, info: RevisionInfo) -> str:
        return {
            "create": self.tr("created"),
            "autosave": self.tr("autosaved"),
            "manual": self.tr("saved"),
            "restore": self.tr("restored"),
            "duplicate": self.tr("copied"),
        }.get(info.reason, info.reason)

    def _load(self) -> None:
        revisions = self._store.list_revisions(self._item_id)
        for position, info in enumerate(revisions):
            current = self.tr(" (current)") if position == 0 else ""
            text = self.tr("Version %1 · %2 · %3").replace("%1", str(info.revision))
            text = text.replace("%2", local_datetime(info.saved_at))
            text = text.replace("%3", self._reason_text(info)) + current
            entry = QListWidgetItem(f"{text}\n{info.title}")
            entry.setData(Qt.ItemDataRole.UserRole, info.revision)
            self.versions.addItem(entry)
        if self.versions.count():
            self.versions.setCurrentRow(0)  # the newest: what the officer last saw

    def chosen_revision(self) -> int | None:
        current = self.versions.currentItem()
        return int(current.data(Qt.ItemDataRole.UserRole)) if current else None

    def on_version_chosen(self) -> None:
        revision = self.chosen_revision()
        self.restore_button.setEnabled(
            revision is not None and self.versions.currentRow() > 0 and not self._service.read_only
        )
        if revision is None:
            self.preview.clear()
            return
        item = self._store.get_revision(self._item_id, revision)
        # The same page preview as beside the editor: a version reads like its document.
        self.preview.setHtml(self._render(item, "page"))

    def on_restore(self) -> None:
        revision = self.chosen_revision()
        if revision is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Restore version"),
            self.tr(
                "Replace the current text with version %1? The current text stays in the history."
            ).replace("%1", str(revision)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.restored = self._service.restore_revision(
                self._item_id, revision, edit_session=self._edit_session
            ).item
        except StoreError as error:
            QMessageBox.warning(
                self,
                self.tr("Restore version"),
                error_text(
                    error,
                    "没有恢复（程序内部错误，详情已记入日志），请重试。",
                    f"Not restored ({error}).",
                ),
            )
            return
        self.accept()
