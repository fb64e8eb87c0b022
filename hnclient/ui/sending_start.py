"""Starting the background sender for the window: with the county's endpoint (asking for the
unit token when no trusted keyring keeps it), or in demo mode with the reference endpoint on
this PC. Nothing here is needed to show the window; it runs once the window is up."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox

from hnclient.context import ClientContext
from hnclient.ui.i18n import pick
from hnclient.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class SendingSession:
    """The sender (and the demo endpoint, if any) of one run; :meth:`stop` ends both."""

    def __init__(self, sender: Any, demo: Any | None = None) -> None:
        self.sender = sender
        self.demo = demo

    def stop(self) -> None:
        try:
            self.sender.stop()
        finally:
            if self.demo is not None:
                self.demo.stop()


def ask_token(window: MainWindow, endpoint: str, again: bool = False) -> str | None:
    text, accepted = QInputDialog.getText(
        window,
        pick("单位报送令牌", "Unit token"),
        pick(
            ("令牌不正确，请重新输入。\n" if again else "")
            + f"请输入本单位在州政府报送系统（{endpoint}）的报送令牌。\n"
            "令牌由州政府办公室发放；本机没有安全的密码库时，程序不会把它存到硬盘上，"
            "每次启动需要输入一次。",
            ("The token was refused; enter it again.\n" if again else "")
            + f"Enter your unit's token for the submission system ({endpoint}). Without a "
            "secure keyring on this PC it is not stored on disk: you enter it at each start.",
        ),
        QLineEdit.EchoMode.Password,
    )
    return text.strip() if accepted and text.strip() else None


def start_sending(window: MainWindow, context: ClientContext) -> SendingSession | None:
    """Attach a running sender to ``window`` when sending is configured (or demo mode is on)."""
    from hnclient.sending.config import SendingConfig
    from hnclient.sending.sender import Sender

    demo = None
    if context.preset.sending_configured:
        from hnclient.sending.credentials import TokenStore

        config = SendingConfig.from_preset(context.preset)
        tokens = TokenStore(config.endpoint)
        token = tokens.get() or ask_token(window, config.endpoint)
        if not token:
            window.statusBar().showMessage(
                pick(
                    "没有输入报送令牌：本次运行不发送，已签发的信息留在“待发送”。",
                    "No token entered: nothing is sent in this run.",
                ),
                20_000,
            )
            return None
        tokens.set(token)
    elif context.settings.demo_sending == "on":
        from dataclasses import replace

        from hnclient.demo import DEMO_POLL_S, DemoEndpoint, DemoUnavailable, ensure_demo_leader

        try:
            demo = DemoEndpoint.start(context.paths.data / "demo-endpoint")
        except DemoUnavailable as error:
            QMessageBox.warning(
                window, pick("演示报送", "Demo"), pick(error.message_zh(), error.message_en())
            )
            return None
        ensure_demo_leader(context.service, demo)
        # A leader enrolled during the demo gets their key confirmed by the demo office too.
        window.leaders_changed.connect(lambda: ensure_demo_leader(context.service, demo))
        config = replace(SendingConfig(endpoint=demo.url), poll_interval_s=DEMO_POLL_S)
        token = demo.token
    else:
        return None
    context.sending_active = True
    sender = Sender(context.store, context.attachments, config, token, unit=lambda: context.unit)
    window.attach_sender(sender)
    _remember_pause(window, context)
    sender.start()
    return SendingSession(sender, demo)


def _remember_pause(window: MainWindow, context: ClientContext) -> None:
    """A pause outlives the run: restored before the sender starts, saved on every toggle."""
    controller = window.sending
    if controller is None:
        return
    button = controller.bar.pause_button
    if context.settings.sending_paused == "yes":
        button.setChecked(True)  # pauses the sender through the bar, before it starts

    def save(paused: bool) -> None:
        context.settings.sending_paused = "yes" if paused else ""
        context.save_settings(context.settings)

    button.toggled.connect(save)


def enable_demo(window: MainWindow, context: ClientContext) -> SendingSession | None:
    """The officer asked for demo sending: explain, remember the choice, start it."""
    from hnclient.demo import DEMO_LEADER, DEMO_PIN

    answer = QMessageBox.question(
        window,
        pick("演示报送", "Demo sending"),
        pick(
            "本机还没有设置州政府报送系统的地址。演示报送会在本机启动一个模拟的州政府接收端，"
            "完整演示“起草 → 领导签发 → 发送 → 已报送 → 已采用”的过程，信息不会离开本机。\n\n"
            f"同时会登记一位{DEMO_LEADER[0]}（PIN：{DEMO_PIN}），用于演示审核签发。\n\n"
            "要开启演示报送吗？",
            "No submission endpoint is set. Demo sending starts a simulated prefecture "
            "endpoint on this PC to show the whole loop; nothing leaves the PC.\n\n"
            f"A demo leader {DEMO_LEADER[0]} (PIN {DEMO_PIN}) is enrolled for the review.\n\n"
            "Turn demo sending on?",
        ),
    )
    if answer != QMessageBox.StandardButton.Yes:
        return None
    context.settings.demo_sending = "on"
    context.save_settings(context.settings)
    return start_sending(window, context)
