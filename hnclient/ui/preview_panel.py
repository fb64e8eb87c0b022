"""Previews beside the editor: the Word page and the WeChat article on a phone.

Both come from the core's one layout model (:mod:`hnclient.word`), so the preview shows what
the Word document and the article will contain. Rendering runs in the background, only while
the panel is visible, and a fresh render replaces a stale one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QStyle,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hnclient.items import Item
from hnclient.ui.tasks import TaskRunner

PHONE_WIDTH = 375
RENDER_DELAY_MS = 600

PreviewRenderer = Callable[[Item, str], str]


class PreviewPanel(QWidget):
    """Two tabs, page and phone, following the item being edited."""

    def __init__(
        self,
        runner: TaskRunner,
        render: PreviewRenderer,
        current_item: Callable[[], Item | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._render = render
        self._current_item = current_item
        self._generation = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self)
        self.page = QTextBrowser(self)
        self.page.setOpenLinks(False)
        phone_holder = QWidget(self)
        phone_layout = QHBoxLayout(phone_holder)
        phone_layout.addStretch(1)
        self.phone = QTextBrowser(phone_holder)
        self.phone.setOpenLinks(False)
        self.phone.setStyleSheet("QTextBrowser{border:8px solid #222;border-radius:18px}")
        # The article is laid out 375 px wide, like a phone; leave room for the frame, the
        # document margin and the scroll bar so nothing is cut off at the right.
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        margin = int(self.phone.document().documentMargin())
        self.phone.setFixedWidth(PHONE_WIDTH + 2 * 8 + 2 * margin + scroll_bar + 4)
        phone_layout.addWidget(self.phone)
        phone_layout.addStretch(1)
        self.tabs.addTab(self.page, self.tr("Word document"))
        self.tabs.addTab(phone_holder, self.tr("WeChat article"))
        layout.addWidget(self.tabs)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RENDER_DELAY_MS)
        self._timer.timeout.connect(self.refresh_now)
        self.tabs.currentChanged.connect(self.refresh_now)

    def schedule_refresh(self) -> None:
        if self.isVisible():
            self._timer.start()

    def refresh_now(self) -> None:
        item = self._current_item()
        if item is None:
            self.page.setHtml("")
            self.phone.setHtml("")
            return
        self._generation += 1
        generation = self._generation
        mode = "page" if self.tabs.currentIndex() == 0 else "wechat"
        view = self.page if mode == "page" else self.phone
        render = self._render

        def done(html: str) -> None:
            if generation == self._generation:
                position = view.verticalScrollBar().value()
                view.setHtml(html)
                view.verticalScrollBar().setValue(position)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                view.setPlainText(
                    self.tr("The preview could not be made: %1").replace("%1", str(error))
                )

        self._runner.run(lambda: render(item, mode), done, failed)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh_now()
