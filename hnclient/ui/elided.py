"""One-line text that never widens its window: shortened with "…", the whole in a tooltip.

A long save error or status message must not push the window past a 1366×768 screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class ElidedLabel(QLabel):
    """A plain-text label that shortens its text to its width instead of growing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(False)

    def setText(self, text: str) -> None:  # noqa: N802
        self._full = text
        self.setToolTip(text if text else "")
        self._elide()

    def text(self) -> str:
        return self._full

    def clear(self) -> None:
        self.setText("")

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 40), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802
        hint = super().sizeHint()
        full = self.fontMetrics().horizontalAdvance(self._full) + 2 * self.margin() + 16
        return QSize(min(full, 600), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        margins = self.contentsMargins()
        width = self.width() - margins.left() - margins.right() - 2 * self.margin() - 4
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width)
        super().setText(shown if width > 0 else self._full)


class ElidingStatusBar(QStatusBar):
    """A status bar whose messages are shortened to the room left by its permanent widgets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""

    def showMessage(self, text: str, timeout: int | None = 0) -> None:  # noqa: N802
        self._full = text
        self.setToolTip(text)
        super().showMessage(self._elided(text), timeout or 0)

    def full_message(self) -> str:
        """The message as given (what is shown may be shortened)."""
        return self._full if self.currentMessage() else ""

    def _elided(self, text: str) -> str:
        room = self.width() - 24
        for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
            if child.isVisible() and child.geometry().left() > room // 3:
                room = min(room, child.geometry().left() - 16)
        return self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(room, 80))
