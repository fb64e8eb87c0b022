"""State badges: the state column drawn as a coloured pill, so a list reads at a glance."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from hnclient.items import ItemState
from hnclient.ui.item_list_model import STATE_ROLE

BADGE_COLOURS: dict[ItemState, tuple[str, str]] = {
    ItemState.DRAFT: ("#e8eaed", "#3c4043"),
    ItemState.AWAITING_REVIEW: ("#fff0c2", "#7a5200"),
    ItemState.RETURNED_BY_LEADER: ("#fde2dd", "#a32a12"),
    ItemState.APPROVED: ("#d9f2e0", "#1e6b34"),
    ItemState.QUEUED: ("#dde8fb", "#1a4d9c"),
    ItemState.SENT: ("#d2e3fc", "#174ea6"),
    ItemState.ADOPTED: ("#ceead6", "#0d652d"),
    ItemState.PUBLISHED: ("#b7e1c1", "#0b5325"),
    ItemState.RETURNED_BY_OFFICE: ("#fad2cf", "#a50e0e"),
}


class StateBadgeDelegate(QStyledItemDelegate):
    def sizeHint(  # noqa: N802
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 24, size.height() + 4)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        state_value = index.data(STATE_ROLE)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not state_value or not text:
            super().paint(painter, option, index)
            return
        background, foreground = BADGE_COLOURS.get(ItemState(state_value), ("#eee", "#333"))
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(option.rect, option.palette.highlight())
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 16
        height = metrics.height() + 4
        rect = option.rect
        pill = QRectF(rect.x() + 4, rect.center().y() - height / 2 + 1, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(QColor(foreground))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()
