"""Sending in the window: the 发送 menu, the status-bar strip, notifications, and the
officer's commands (send now, pause, take an item out of the queue, queue it again, open
the published page). Every change goes through the service; the sender runs on its own
thread and is only observed here (:mod:`hnclient.ui.sending_bar`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QSystemTrayIcon

from hnclient.items import ItemState
from hnclient.sending.events import (
    ItemDelivered,
    ItemFailed,
    ItemProgress,
    NoticesArrived,
    OfficeChanged,
    SenderState,
)
from hnclient.ui.i18n import pick
from hnclient.ui.sending_bar import SenderBridge, SendingBar

if TYPE_CHECKING:
    from hnclient.ui.main_window import MainWindow

_OFFICE_ZH = {"adopted": "已采用", "published": "已发布", "returned": "被退回"}


class SendingController(QObject):
    """Owns nothing but the adapters: the sender belongs to the application."""

    def __init__(self, window: MainWindow, sender: Any) -> None:
        super().__init__(window)
        self.window = window
        self.sender_ = sender
        self._detached = False
        self.bridge = SenderBridge(sender, self)
        self.bar = SendingBar(self.bridge, window)
        window.statusBar().addPermanentWidget(self.bar)
        self.tray: QSystemTrayIcon | None = None
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(window.windowIcon(), self)
            self.tray.show()
        self.bridge.delivered.connect(self.on_delivered)
        self.bridge.failed.connect(self.on_failed)
        self.bridge.office_changed.connect(self.on_office_changed)
        self.bridge.state.connect(self.on_state)
        self.bridge.notices.connect(self.on_notices_arrived)
        self.bridge.item_progress.connect(self.on_item_progress)
        self.send_now_action = self._action(self.tr("Send &now"), "F9", self.on_send_now)
        self.unqueue_action = self._action(
            self.tr("&Take out of the send queue"), None, self.on_unqueue
        )
        self.queue_action = self._action(self.tr("&Queue for sending"), None, self.on_queue)
        self.open_published_action = self._action(
            self.tr("Open the &published page"), None, self.on_open_published
        )
        self.notices_action = self._action(
            self.tr("Notices and &tasks from the office…"), None, self.on_notices
        )
        # Before 帮助, which stays last as in every program.
        bar = window.menuBar()
        menu = QMenu(self.tr("&Sending"), window)
        existing = bar.actions()
        if existing:
            bar.insertMenu(existing[-1], menu)
        else:
            bar.addMenu(menu)
        for action in (
            self.send_now_action,
            self.queue_action,
            self.unqueue_action,
            self.open_published_action,
        ):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.notices_action)
        window.sending_menu = menu
        self.update_actions()

    def _action(self, text: str, shortcut: str | None, slot: Any) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def detach(self) -> None:
        """The window is closing: events still queued from the sender are ignored."""
        self._detached = True
        self.bridge.detach()
        if self.tray is not None:
            self.tray.hide()

    # --- commands -----------------------------------------------------------------------
    def update_actions(self) -> None:
        if self._detached:
            return
        window = self.window
        state = window._current_state()
        officer = window.leader_session is None
        self.unqueue_action.setEnabled(officer and state is ItemState.QUEUED)
        self.queue_action.setEnabled(officer and state is ItemState.APPROVED)  # the officer's act
        entry = (
            window.store.outbox_entry(window._current_id)
            if window._current_id is not None
            else None
        )
        self.open_published_action.setEnabled(bool(entry and entry.office_url))
        unread = len(window.store.notices(unread_only=True))
        self.notices_action.setText(
            self.tr("Notices and &tasks from the office…")
            + (pick(f"（{unread} 条未读）", f" ({unread} unread)") if unread else "")
        )

    def _run(self, operation: Any) -> None:
        window = self.window
        if window._current_id is None:
            return
        try:
            outcome = operation(window._current_id)
        except Exception as error:  # noqa: BLE001 - officer errors speak for themselves
            window._show_error(error)
            return
        window.statusBar().showMessage(pick(outcome.message_zh, outcome.message_en), 6000)
        window.open_item(window._current_id)
        self.sender_.wake()

    def on_send_now(self) -> None:
        """Send the queue now; when it is empty, say why nothing happens."""
        store = self.window.store
        queued = store.list_items(states=[ItemState.QUEUED])
        if queued:
            self.sender_.wake()
            self.window.statusBar().showMessage(
                pick(f"正在发送 {len(queued)} 条待发送的信息…", f"Sending {len(queued)} item(s)…"),
                6000,
            )
            return
        approved = store.list_items(states=[ItemState.APPROVED])
        self.sender_.wake()  # the office's statuses and notices are fetched all the same
        QMessageBox.information(
            self.window,
            self.tr("Send now"),
            pick(
                "没有待发送的信息。"
                + (
                    f"有 {len(approved)} 条已签发的信息还没有加入待发送：选中它，"
                    "然后用“发送 → 加入待发送”。"
                    if approved
                    else "信息经领导签发后会自动加入待发送。"
                ),
                "Nothing is queued."
                + (
                    f" {len(approved)} signed-off item(s) are not queued yet: select one and "
                    "use Sending → Queue for sending."
                    if approved
                    else " Items are queued when a leader signs them off."
                ),
            ),
        )

    def on_unqueue(self) -> None:
        self._run(self.window.service.unqueue)

    def on_queue(self) -> None:
        self._run(self.window.service.queue)

    def on_open_published(self) -> None:
        window = self.window
        if window._current_id is None:
            return
        entry = window.store.outbox_entry(window._current_id)
        if entry and entry.office_url.startswith(("https://", "http://")):
            QDesktopServices.openUrl(QUrl(entry.office_url))

    # --- what the sender reports --------------------------------------------------------
    def _title(self, item_id: str) -> str:
        try:
            return self.window.store.get_summary(item_id).title or "（无标题）"
        except Exception:  # noqa: BLE001 - purged meanwhile
            return item_id[:8]

    def _notify(self, zh: str, en: str, *, warning: bool = False) -> None:
        text = pick(zh, en)
        self.window.statusBar().showMessage(text, 15_000)
        if self.tray is not None:
            icon = (
                QSystemTrayIcon.MessageIcon.Warning
                if warning
                else QSystemTrayIcon.MessageIcon.Information
            )
            self.tray.showMessage(pick("信息报送", "Submission"), text, icon, 10_000)

    def on_delivered(self, event: ItemDelivered) -> None:
        if self._detached:
            return
        title = self._title(event.item_id)
        if event.status == "held_unregistered_signer":
            self._notify(
                f"“{title}”已送达，但签发领导的密钥还没有在州政府办公室备案（签发人未备案），"
                "暂不处理。请联系州政府办公室确认备案。",
                f"“{title}” arrived but is held: the signing leader's key is not registered.",
                warning=True,
            )
        else:
            self._notify(f"已报送：“{title}”", f"Sent: “{title}”")
        self._refresh(event.item_id)

    def on_failed(self, event: ItemFailed) -> None:
        if self._detached:
            return
        if not event.refused:
            return  # retried by itself; the strip shows it
        title = self._title(event.item_id)
        self._notify(
            f"“{title}”被州政府报送系统拒收：{event.message_zh}",
            f"“{title}” was refused: {event.message_en}",
            warning=True,
        )
        self._refresh(event.item_id)

    def on_office_changed(self, event: OfficeChanged) -> None:
        if self._detached:
            return
        change = event.change
        title = self._title(change.item_id)
        label = _OFFICE_ZH.get(change.status, change.status)
        reason = f"（{change.reason}）" if change.reason else ""
        self._notify(
            f"“{title}”{label}{reason}",
            f"“{title}”: {change.status} {change.reason}",
            warning=change.status == "returned",
        )
        self._refresh(change.item_id)

    def on_notices(self) -> None:
        from hnclient.ui.notices_dialog import NoticesDialog

        NoticesDialog(self.window.service, self.window).exec()
        self.update_actions()

    def on_notices_arrived(self, event: NoticesArrived) -> None:
        if self._detached:
            return
        tasks = [n for n in event.notices if n.kind == "task"]
        first = event.notices[0].title if event.notices else ""
        self._notify(
            f"州政府办公室发来 {len(event.notices)} 条通报或任务（其中任务 {len(tasks)} 项）："
            f"“{first}”等。请在“发送 → 通报与任务”中查看。",
            f"{len(event.notices)} notice(s)/task(s) from the office: “{first}” …",
        )
        self.update_actions()

    def on_item_progress(self, event: ItemProgress) -> None:
        if self._detached:
            return
        progress = event.progress
        title = self._title(progress.item_id) if progress.item_id else ""
        self.bar.setToolTip(
            pick(
                f"正在发送“{title}”：{progress.fraction * 100:.0f}%",
                f"Sending “{title}”: {progress.fraction * 100:.0f}%",
            )
        )

    def on_state(self, event: SenderState) -> None:
        if self._detached:
            return
        if event.state == "stopped" and event.message_zh:
            QMessageBox.warning(
                self.window, self.tr("Sending stopped"), pick(event.message_zh, event.message_en)
            )

    def _refresh(self, item_id: str) -> None:
        if item_id == self.window._current_id:
            self.window.open_item(item_id)
        self.update_actions()
