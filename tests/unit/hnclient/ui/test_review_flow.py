"""A whole review in the window, as an officer and a leader would do it on one PC: submit,
sign in with the PIN, return with comments, revise, resubmit, draw a signature with the
mouse, type the PIN again, sign off. And a leader who keeps typing a wrong PIN is locked out.

Modal dialogs run their own event loops; :class:`Modals` answers each one as it appears.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hnclient.items import ItemState
from hnclient.ui.main_window import MainWindow
from hnclient.ui.pin_dialog import PinDialog
from hnclient.ui.review_dialog import ReturnDialog, ReviewDialog
from hnclient.ui.signature_pad import SignaturePad
from hnclient.ui.submit_dialog import SubmitDialog

from .conftest import WindowFactory

PIN = "135790"

Handler = Callable[[QWidget], None]


class Modals:
    """Answers modal dialogs in order: each handler gets the next modal widget of its type."""

    def __init__(self) -> None:
        self.queue: list[tuple[type, Handler]] = []
        self.seen: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def expect(self, kind: type, handler: Handler) -> None:
        self.queue.append((kind, handler))

    def _poll(self) -> None:
        if not self.queue:
            return
        widget = QApplication.activeModalWidget()
        kind, handler = self.queue[0]
        if widget is None or not isinstance(widget, kind) or not widget.isVisible():
            return
        if getattr(widget, "_answered", False):
            return
        widget._answered = True  # type: ignore[attr-defined]
        self.queue.pop(0)
        self.seen.append(type(widget).__name__)
        # A handler may open the next dialog (a nested event loop): it runs from a timer of
        # its own, so this poll keeps answering the dialogs it opens.
        QTimer.singleShot(0, lambda: handler(widget))

    def stop(self) -> None:
        self._timer.stop()


def type_pin(pin: str) -> Handler:
    def handler(widget: QWidget) -> None:
        assert isinstance(widget, PinDialog)
        QTest.keyClicks(widget.pin_edit, pin)
        QTest.mouseClick(widget.ok_button, Qt.MouseButton.LeftButton)

    return handler


def draw_signature(pad: SignaturePad) -> None:
    """A stroke drawn with the mouse, as a leader signs."""
    width, height = pad.width(), pad.height()
    points = [
        QPoint(int(width * (0.15 + 0.07 * i)), int(height * (0.3 + 0.4 * (i % 2))))
        for i in range(10)
    ]
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point, 5)
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1])


def prepare(qtbot: QtBot, open_window: WindowFactory) -> tuple[MainWindow, str]:
    window = open_window()
    window.settings.officer = "张三"
    window._show_acting()
    window.service.enrol_leader("李四", "副县长", PIN)
    item = window.create_item("other")
    assert item is not None
    filled = item.with_changes(
        title="共和县召开冬季草原防火工作会议",
        event_date=date.today(),
        values={
            "content_type": "news",
            "body": "会议部署了冬季草原防火工作。",
            "source": "县政府办",
        },
    )
    window.service.save(filled, reason="manual")
    window.open_item(item.id)
    return window, item.id


def submit(qtbot: QtBot, window: MainWindow, modals: Modals) -> None:
    def confirm(widget: QWidget) -> None:
        assert isinstance(widget, SubmitDialog)
        widget.public_box.setChecked(True)
        widget.accept()

    modals.expect(SubmitDialog, confirm)
    window.submit_action.trigger()
    qtbot.waitUntil(
        lambda: window.store.get_item(window._current_id or "").state is ItemState.AWAITING_REVIEW,
        timeout=10_000,
    )


def test_review_return_revise_and_sign_off(qtbot: QtBot, open_window: WindowFactory) -> None:
    window, item_id = prepare(qtbot, open_window)
    modals = Modals()
    try:
        submit(qtbot, window, modals)
        assert "张三" in window.acting_label.text()

        # The leader signs in and returns the item with a general and a field comment.
        def give_comments(widget: QWidget) -> None:
            assert isinstance(widget, ReturnDialog)
            widget.comment.setPlainText("请补充参会人数")
            keys = widget._keys
            widget.table.item(keys.index("body"), 1).setText("正文太短")  # type: ignore[union-attr]
            widget.accept()

        def return_it(widget: QWidget) -> None:
            assert isinstance(widget, ReviewDialog)
            assert "李四" in window.acting_label.text()
            modals.expect(ReturnDialog, give_comments)
            QTest.mouseClick(widget.return_button, Qt.MouseButton.LeftButton)

        modals.expect(PinDialog, type_pin(PIN))
        modals.expect(ReviewDialog, return_it)
        window.review_action.trigger()
        qtbot.waitUntil(
            lambda: window.store.get_item(item_id).state is ItemState.RETURNED_BY_LEADER,
            timeout=15_000,
        )
        window.leader_sign_out_action.trigger()
        assert "张三" in window.acting_label.text()

        # The officer sees the comments beside the field and in the banner, revises, resubmits.
        window.open_item(item_id)
        editor = window.editor
        assert "请补充参会人数" in editor.banner.text()
        body = editor._field_widgets["body"]
        assert "正文太短" in body._problems.text()
        revised = window.store.get_item(item_id)
        window.service.save(
            revised.with_changes(
                values={**revised.values, "body": "会议部署了冬季草原防火工作，120人参加。"}
            ),
            reason="manual",
        )
        window.open_item(item_id)
        submit(qtbot, window, modals)

        # The leader sees what changed, draws a signature with the mouse and signs off.
        def sign(widget: QWidget) -> None:
            assert isinstance(widget, ReviewDialog)
            assert "120人参加" in widget.changes.toHtml()
            assert not widget.approve_button.isEnabled()  # no signature yet
            draw_signature(widget.pad)
            assert widget.approve_button.isEnabled()
            modals.expect(PinDialog, type_pin(PIN))
            QTest.mouseClick(widget.approve_button, Qt.MouseButton.LeftButton)

        modals.expect(PinDialog, type_pin(PIN))
        modals.expect(ReviewDialog, sign)
        window.review_action.trigger()
        qtbot.waitUntil(
            lambda: window.store.get_item(item_id).state is ItemState.APPROVED, timeout=15_000
        )
        assert modals.seen == [
            "SubmitDialog",
            "PinDialog",
            "ReviewDialog",
            "ReturnDialog",
            "SubmitDialog",
            "PinDialog",
            "ReviewDialog",
            "PinDialog",
        ]
        approval = window.store.verify_approval(item_id)
        record = approval.record
        assert record["signer"]["name"] == "李四" and record["opinion"] == "同意"
        assert approval.signature_png.startswith(b"\x89PNG")
        actions = [e.action for e in window.store.audit_entries(item_id)]
        assert actions[-5:] == ["return", "edit", "submit", "approve"][-4:] or "approve" in actions
        assert actions.count("submit") == 2 and actions[-1] == "approve"
    finally:
        modals.stop()


def test_wrong_pins_lock_the_leader_out(qtbot: QtBot, open_window: WindowFactory) -> None:
    window, item_id = prepare(qtbot, open_window)
    modals = Modals()
    leader = window.service.leaders()[0]
    attempts: list[str] = []

    def wrong_then_watch(widget: QWidget) -> None:
        assert isinstance(widget, PinDialog)

        def attempt() -> None:
            attempts.append(widget.error_label.text())
            if widget.is_locked():
                widget.reject()
                return
            if widget.is_waiting() or not widget.isEnabled():  # counting down, or checking
                QTimer.singleShot(100, attempt)
                return
            QTest.keyClicks(widget.pin_edit, "000000")
            QTest.mouseClick(widget.ok_button, Qt.MouseButton.LeftButton)
            QTimer.singleShot(100, attempt)

        widget.countdown_interval_ms = 10
        attempt()

    # The growing delays between attempts (1, 2, 4, 8 s) pass on the service's clock: each
    # look at it is 20 s later, so the test does not wait for real. The lock (15 minutes
    # after the fifth failure, as stored) is still in force then.
    real = window.service._clock
    ticks = [0]

    def later() -> datetime:
        ticks[0] += 1
        return real() + timedelta(seconds=20 * ticks[0])

    window.service._clock = later
    try:
        submit(qtbot, window, modals)
        modals.expect(PinDialog, wrong_then_watch)
        window.leader_sign_in_action.trigger()
        assert window.leader_session is None
        failures = window.store.pin_failures(leader.id)
        assert len(failures) == 5
        assert window.service.lockout_state(leader.id).locked
        assert any("锁定" in text for text in attempts)
        steps = [e.action for e in window.store.audit_entries() if e.action.startswith("pin_")]
        assert steps == ["pin_failure"] * 4 + ["pin_locked"]
    finally:
        modals.stop()


def test_nothing_to_review_without_a_leader(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: object
) -> None:
    window, item_id = prepare(qtbot, open_window)
    modals = Modals()
    try:
        submit(qtbot, window, modals)
        for leader in window.service.leaders():
            window.service.remove_leader(leader.id)

        def decline(widget: QWidget) -> None:
            assert isinstance(widget, QMessageBox) and "登记" in widget.text()
            widget.reject()

        modals.expect(QMessageBox, decline)
        window.review_action.trigger()
        assert window.leader_session is None
        assert window.store.get_item(item_id).state is ItemState.AWAITING_REVIEW
        assert isinstance(QApplication.activeModalWidget(), QDialog | type(None))
    finally:
        modals.stop()


def test_a_signed_item_changes_only_after_the_officer_confirms(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    from tests.signoff_support import signature_png

    window, item_id = prepare(qtbot, open_window)
    modals = Modals()
    try:
        submit(qtbot, window, modals)
        service = window.service
        session = service.sign_in(service.leaders()[0].id, PIN)
        service.approve(
            session,
            item_id,
            pin=PIN,
            expected_hash=window.store.get_item(item_id).content_hash(),
            opinion="同意",
            signature_png=signature_png(),
        )
        window.open_item(item_id)
        editor = window.editor
        assert editor.is_read_only() and "李四" in editor.banner.text()
        assert window.change_anyway_action.isEnabled()

        def answer_yes(widget: QWidget) -> None:
            assert isinstance(widget, QMessageBox) and "失效" in widget.text()
            widget.button(QMessageBox.StandardButton.Yes).click()

        modals.expect(QMessageBox, answer_yes)
        window.change_anyway_action.trigger()
        assert not editor.is_read_only()
        with qtbot.waitSignal(window.autosave.saved, timeout=5000):
            QTest.keyClicks(editor.title_edit.editor, "2")
        qtbot.waitUntil(
            lambda: window.store.get_item(item_id).state is ItemState.DRAFT, timeout=5000
        )
        qtbot.waitUntil(lambda: "失效" not in editor.banner.text(), timeout=5000)
        approvals = window.store.approvals(item_id)
        assert len(approvals) == 1 and not approvals[0].valid
    finally:
        modals.stop()
