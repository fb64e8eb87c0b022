"""通报与任务: what the prefecture office sent to the unit — notices, and tasks with their due
dates — newest first; reading one marks it read (through the service)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hnclient.service import ItemService
from hnclient.storage import Notice
from hnclient.ui.formatting import local_datetime


def published_text(published_at: str | None) -> str:
    """ "2026-11-30 16:00" (China time) from the feed's ISO time; as sent if it is not one."""
    if not published_at:
        return ""
    try:
        return local_datetime(datetime.fromisoformat(published_at))
    except ValueError:
        return published_at


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class NoticesDialog(QDialog):
    def __init__(self, service: ItemService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.setWindowTitle(self.tr("Notices and tasks from the prefecture office"))
        self.resize(760, 460)
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.list = QListWidget(splitter)
        self.list.setWordWrap(True)  # long titles wrap instead of scrolling sideways
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QTextBrowser(splitter)
        self.body.setOpenExternalLinks(True)
        splitter.setSizes([300, 460])
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._notices: list[Notice] = service.store.notices()
        for notice in self._notices:
            kind = self.tr("Task") if notice.kind == "task" else self.tr("Notice")
            text = f"[{kind}] {notice.title}"
            if notice.due_date:
                text += "\n" + self.tr("due %1").replace("%1", notice.due_date)
            entry = QListWidgetItem(text)
            entry.setToolTip(notice.title)
            if notice.read_at is None:
                font = entry.font()
                font.setBold(True)
                entry.setFont(font)
            self.list.addItem(entry)
        if not self._notices:
            self.body.setPlainText(self.tr("No notices or tasks from the office yet."))
        self.list.currentRowChanged.connect(self.on_selected)
        if self._notices:
            self.list.setCurrentRow(0)

    def on_selected(self, row: int) -> None:
        if not 0 <= row < len(self._notices):
            return
        notice = self._notices[row]
        due = (
            "<p><b>" + _escape(self.tr("Due: %1").replace("%1", notice.due_date)) + "</b></p>"
            if notice.due_date
            else ""
        )
        when = published_text(notice.published_at) or local_datetime(notice.received_at)
        self.body.setHtml(
            f"<h3>{_escape(notice.title)}</h3><p style='color:#555'>{_escape(when)}</p>{due}"
            f"<p>{_escape(notice.body).replace(chr(10), '<br>')}</p>"
        )
        if notice.read_at is None:
            self._service.mark_notice_read(notice.id)
            entry = self.list.item(row)
            font = entry.font()
            font.setBold(False)
            entry.setFont(font)
