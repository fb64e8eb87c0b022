"""Previews beside the editor: the Word page and the WeChat article on a phone.

Both come from the core's one layout model (:mod:`hnclient.word`), so the preview shows what
the Word document and the article will contain. Rendering runs in the background, only while
the panel is visible, and a fresh render replaces a stale one.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent, QShowEvent, QTextDocument
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QHBoxLayout,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hnclient.items import Channel, Item
from hnclient.ui.i18n import error_text
from hnclient.ui.tasks import TaskRunner

PAGE_TAB, WECHAT_TAB = 0, 1
PHONE_WIDTH = 375
RENDER_DELAY_MS = 600
#: The A4 page of the HTML preview is 595 px wide (see hnclient.word.html_preview); with
#: the document margin and a little grey either side, this is the width shown at 100 %.
PAGE_VIEW_WIDTH = 595 + 2 * 12
PAGE_BACKGROUND = QColor("#808080")

PreviewRenderer = Callable[[Item, str], str]


class PageView(QAbstractScrollArea):
    """The Word page, fitted to the width there is: a narrow preview shows the whole width
    of the page smaller, never a part of it with a scroll bar to the side."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        page_width: int = PAGE_VIEW_WIDTH,
        background: QColor = PAGE_BACKGROUND,
        margin: int = 12,
    ) -> None:
        super().__init__(parent)
        self._page_width = page_width
        self._background = background
        self._document = QTextDocument(self)
        self._document.setDocumentMargin(margin)
        self._document.setDefaultFont(self.font())
        self._scale = 1.0
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.verticalScrollBar().setSingleStep(24)

    def document(self) -> QTextDocument:
        return self._document

    def scale(self) -> float:
        """How much the page is shrunk to fit (1.0: shown at full size)."""
        return self._scale

    def setHtml(self, html: str) -> None:  # noqa: N802
        self._document.setHtml(html)
        self._relayout()

    def setPlainText(self, text: str) -> None:  # noqa: N802
        self._document.setPlainText(text)
        self._relayout()

    def toPlainText(self) -> str:  # noqa: N802
        return self._document.toPlainText()

    def _relayout(self) -> None:
        width = max(1, self.viewport().width())
        if width >= self._page_width:
            self._scale = 1.0
            self._document.setTextWidth(width)
        else:
            self._scale = width / self._page_width
            self._document.setTextWidth(self._page_width)
        height = math.ceil(self._document.size().height() * self._scale)
        bar = self.verticalScrollBar()
        bar.setPageStep(self.viewport().height())
        bar.setRange(0, max(0, height - self.viewport().height()))
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:  # noqa: N802
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self.viewport())
        area = event.rect()
        painter.fillRect(area, self._background)
        offset = self.verticalScrollBar().value()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.translate(0, -offset)
        painter.scale(self._scale, self._scale)
        self._document.drawContents(
            painter,
            QRectF(
                area.x() / self._scale,
                (area.y() + offset) / self._scale,
                area.width() / self._scale + 1,
                area.height() / self._scale + 1,
            ),
        )
        painter.end()


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
        self.page = PageView(self)
        phone_holder = QWidget(self)
        phone_layout = QHBoxLayout(phone_holder)
        phone_layout.addStretch(1)
        # The article is laid out 375 px wide, like a phone; where the preview is narrower
        # it is shown smaller, whole, like the page.
        margin = 4
        self.phone = PageView(
            phone_holder,
            page_width=PHONE_WIDTH + 2 * margin,
            background=QColor("#ededed"),
            margin=margin,
        )
        self.phone.setObjectName("phoneView")
        self.phone.setStyleSheet("#phoneView{border:8px solid #222;border-radius:18px}")
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        self.phone.setMaximumWidth(PHONE_WIDTH + 2 * 8 + 2 * margin + scroll_bar + 4)
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
        # The WeChat article only for items going to WeChat (the channels may change).
        wechat = item is not None and Channel.WECHAT in item.channels
        self.tabs.setTabVisible(WECHAT_TAB, wechat)
        if not wechat and self.tabs.currentIndex() == WECHAT_TAB:
            self.tabs.setCurrentIndex(PAGE_TAB)  # calls back here through currentChanged
            return
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
                    error_text(
                        error,
                        "无法生成预览（程序内部错误，详情已记入日志）。信息内容不受影响，"
                        "请稍后再打开预览；如果一直这样，请联系技术人员。",
                        f"The preview could not be made: {error}",
                    )
                )

        self._runner.run(lambda: render(item, mode), done, failed)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self.refresh_now()
