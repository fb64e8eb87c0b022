"""The window's view of the background sender: a bridge that turns the sender's events
(called on its own thread) into Qt signals, and the status-bar strip that shows them —
what is being sent, overall progress, speed and time left, pause and resume.

The sender (:class:`hnclient.sending.sender.Sender`) owns its state, like qutebrowser's
download items; this module only adapts it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from hnclient.sending.events import (
    ItemDelivered,
    ItemFailed,
    ItemProgress,
    NoticesArrived,
    OfficeChanged,
    OverallProgress,
    SenderEvent,
    SenderState,
)
from hnclient.ui.i18n import pick


class SenderBridge(QObject):
    """Re-emits the sender's events as signals; emitted on the sender's thread, so the
    connections to widgets are queued by Qt and every slot runs on the GUI thread."""

    overall = Signal(object)  # OverallProgress
    item_progress = Signal(object)  # ItemProgress
    delivered = Signal(object)  # ItemDelivered
    failed = Signal(object)  # ItemFailed
    office_changed = Signal(object)  # OfficeChanged
    notices = Signal(object)  # NoticesArrived
    state = Signal(object)  # SenderState

    def __init__(self, sender: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sender_ = sender
        sender.add_listener(self._on_event)

    def detach(self) -> None:
        self.sender_.remove_listener(self._on_event)

    def _on_event(self, event: SenderEvent) -> None:
        match event:
            case OverallProgress():
                self.overall.emit(event)
            case ItemProgress():
                self.item_progress.emit(event)
            case ItemDelivered():
                self.delivered.emit(event)
            case ItemFailed():
                self.failed.emit(event)
            case OfficeChanged():
                self.office_changed.emit(event)
            case NoticesArrived():
                self.notices.emit(event)
            case SenderState():
                self.state.emit(event)


def human_rate(bytes_per_second: float | None) -> str:
    if not bytes_per_second:
        return ""
    value = float(bytes_per_second)
    for unit in ("B/s", "KB/s", "MB/s", "GB/s"):
        if value < 1024 or unit == "GB/s":
            return f"{value:.0f} {unit}" if unit == "B/s" else f"{value:.1f} {unit}"
        value /= 1024
    return ""


def human_left(seconds: float | None) -> str:
    if seconds is None or seconds < 0:
        return ""
    seconds = int(seconds + 0.5)
    if seconds < 60:
        return pick(f"约 {seconds} 秒", f"about {seconds} s")
    minutes, rest = divmod(seconds, 60)
    if minutes < 60:
        return pick(f"约 {minutes} 分 {rest} 秒", f"about {minutes} min {rest} s")
    hours, minutes = divmod(minutes, 60)
    return pick(f"约 {hours} 小时 {minutes} 分", f"about {hours} h {minutes} min")


class SendingBar(QWidget):
    """ "发送中：2 条 · 45% · 2.1 MB/s · 剩余约 1 分 20 秒 [暂停]" in the status bar."""

    def __init__(self, bridge: SenderBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 1000)
        self.bar.setFixedWidth(120)
        self.bar.setTextVisible(False)
        self.pause_button = QToolButton(self)
        self.pause_button.setText(self.tr("Pause"))
        self.pause_button.setCheckable(True)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.pause_button)
        self.pause_button.toggled.connect(self.on_pause)
        bridge.overall.connect(self.on_overall)
        bridge.state.connect(self.on_state)
        self._state = "idle"
        self.bar.setVisible(False)
        self.label.setText(self.tr("Sending: idle"))

    def on_pause(self, paused: bool) -> None:
        if paused:
            self._bridge.sender_.pause()
            self.pause_button.setText(self.tr("Resume"))
        else:
            self._bridge.sender_.resume()
            self.pause_button.setText(self.tr("Pause"))

    def on_overall(self, event: OverallProgress) -> None:
        progress = event.progress
        fraction = progress.fraction or 0.0
        self.bar.setVisible(event.items_left > 0)
        self.bar.setValue(int(fraction * 1000))
        if event.items_left <= 0:
            self.label.setText(self.tr("Sending: all sent"))
            return
        parts = [
            self.tr("Sending %n item(s)", "", event.items_left),
            f"{fraction * 100:.0f}%",
        ]
        rate = human_rate(progress.speed)
        if rate:
            parts.append(rate)
        left = human_left(progress.seconds_left)
        if left:
            parts.append(self.tr("%1 left").replace("%1", left))
        self.label.setText(" · ".join(parts))

    def on_state(self, event: SenderState) -> None:
        self._state = event.state
        texts = {
            "idle": self.tr("Sending: idle"),
            "sending": self.tr("Sending…"),
            "paused": self.tr("Sending paused"),
            "offline": self.tr("Sending: no network, will retry"),
            "stopped": self.tr("Sending stopped"),
        }
        text = texts.get(event.state, event.state)
        if event.message_zh:
            text += "：" + pick(event.message_zh, event.message_en)
        if event.state != "sending" or not self.bar.isVisible():
            self.label.setText(text)
        self.label.setToolTip(text)
        colour = "#a50e0e" if event.state in ("offline", "stopped") else ""
        self.label.setStyleSheet(f"color:{colour}" if colour else "")
