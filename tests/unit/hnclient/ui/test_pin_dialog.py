"""The PIN dialog, driven by typing and clicking offscreen; the test plays the caller."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QValidator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot

from hnclient.ui.pin_dialog import MAX_PIN_LENGTH, PinDialog, PinValidator

RIGHT_PIN = "20150806"


@pytest.fixture
def fast_countdown() -> Iterator[None]:
    """Countdown steps of 10 ms instead of a second, so waits end quickly."""
    before = PinDialog.countdown_interval_ms
    PinDialog.countdown_interval_ms = 10
    yield
    PinDialog.countdown_interval_ms = before


def open_dialog(qtbot: QtBot, new_pin: bool = False) -> PinDialog:
    dialog = PinDialog("张三", "县政府办公室主任", new_pin=new_pin)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


def click_ok(dialog: PinDialog) -> None:
    QTest.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_shows_the_leader_and_a_masked_digits_only_field(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    assert "张三" in dialog.leader_label.text() and "县政府办公室主任" in dialog.leader_label.text()
    field = dialog.pin_edit
    assert field.echoMode() == QLineEdit.EchoMode.Password
    assert field.maxLength() == MAX_PIN_LENGTH
    hints = field.inputMethodHints()
    assert hints & Qt.InputMethodHint.ImhDigitsOnly
    assert hints & Qt.InputMethodHint.ImhHiddenText
    assert dialog.confirm_edit is None
    assert not dialog.ok_button.isEnabled(), "nothing typed yet"
    assert dialog.ok_button.text() and dialog.ok_button.text() != "&OK"
    assert dialog.sizeHint().width() < 700 and dialog.sizeHint().height() < 400


def test_typing_keeps_only_digits(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    qtbot.keyClicks(dialog.pin_edit, "12a3 4-5b6")
    assert dialog.pin() == "123456"
    assert dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.pin_edit, "7" * 40)
    assert len(dialog.pin()) == MAX_PIN_LENGTH


def test_validator_turns_full_width_digits_into_ascii() -> None:
    validator = PinValidator()
    assert validator.validate("１２３４５６", 6) == (QValidator.State.Acceptable, "123456", 6)
    assert validator.validate("12x", 3) == (QValidator.State.Invalid, "12x", 3)
    arabic_indic = "٣٤٥"
    assert validator.validate(arabic_indic, 3) == (QValidator.State.Invalid, arabic_indic, 3)


def test_ok_submits_and_stays_open_until_the_caller_accepts(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    qtbot.keyClicks(dialog.pin_edit, RIGHT_PIN)
    with qtbot.waitSignal(dialog.submitted, timeout=1000) as submitted:
        click_ok(dialog)
    assert submitted.args == [RIGHT_PIN]
    assert dialog.isVisible(), "the dialog does not judge the PIN itself"
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.pin() == RIGHT_PIN


def test_enter_submits(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    qtbot.keyClicks(dialog.pin_edit, RIGHT_PIN)
    with qtbot.waitSignal(dialog.submitted, timeout=1000):
        QTest.keyClick(dialog.pin_edit, Qt.Key.Key_Return)


def test_wrong_pin_is_shown_and_the_field_cleared(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    tries: list[str] = []

    def check(pin: str) -> None:  # what the caller does with the store
        tries.append(pin)
        if pin == RIGHT_PIN:
            dialog.accept()
        else:
            dialog.show_error("密码不对。还可以试 4 次。")

    dialog.submitted.connect(check)
    qtbot.keyClicks(dialog.pin_edit, "111111")
    click_ok(dialog)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "密码不对。还可以试 4 次。"
    assert dialog.pin() == "" and not dialog.ok_button.isEnabled()
    assert dialog.pin_edit.hasFocus()

    qtbot.keyClicks(dialog.pin_edit, RIGHT_PIN)
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        click_ok(dialog)
    assert tries == ["111111", RIGHT_PIN]


def test_a_too_short_pin_is_refused_without_a_try(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    qtbot.keyClicks(dialog.pin_edit, "123")
    with qtbot.assertNotEmitted(dialog.submitted):
        click_ok(dialog)
    assert dialog.error_label.isVisible() and "6" in dialog.error_label.text()


def test_wait_counts_down_then_allows_ok_again(qtbot: QtBot, fast_countdown: None) -> None:
    dialog = open_dialog(qtbot)
    dialog.show_error("密码不对。")
    dialog.set_wait(3)
    assert dialog.is_waiting()
    assert dialog.status_label.isVisible() and "3" in dialog.status_label.text()
    qtbot.keyClicks(dialog.pin_edit, RIGHT_PIN)
    assert not dialog.ok_button.isEnabled(), "no try while waiting"
    with qtbot.assertNotEmitted(dialog.submitted):
        QTest.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    seen: set[str] = set()

    def ok_is_back() -> bool:
        seen.add(dialog.status_label.text())
        return dialog.ok_button.isEnabled()

    qtbot.waitUntil(ok_is_back, timeout=2000)
    assert len(seen) >= 2, f"the countdown showed more than one number: {seen}"
    assert not dialog.is_waiting() and dialog.status_label.isHidden()
    with qtbot.waitSignal(dialog.submitted, timeout=1000):
        click_ok(dialog)


def test_locked_leader_cannot_type_or_submit(qtbot: QtBot, fast_countdown: None) -> None:
    dialog = open_dialog(qtbot)
    qtbot.keyClicks(dialog.pin_edit, "1234")
    dialog.set_locked("15:42")
    assert dialog.is_locked()
    assert not dialog.pin_edit.isEnabled() and dialog.pin() == ""
    assert not dialog.ok_button.isEnabled()
    assert "15:42" in dialog.status_label.text() and dialog.status_label.isVisible()
    dialog.set_wait(1)  # a wait never unlocks
    qtbot.wait(50)
    assert not dialog.ok_button.isEnabled() and "15:42" in dialog.status_label.text()
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    with qtbot.waitSignal(dialog.rejected, timeout=1000):
        QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)


def test_new_pin_needs_two_equal_entries_of_six_digits(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, new_pin=True)
    assert dialog.is_new_pin() and dialog.confirm_edit is not None
    confirm = dialog.confirm_edit
    assert confirm.echoMode() == QLineEdit.EchoMode.Password

    qtbot.keyClicks(dialog.pin_edit, "12345")
    assert dialog.hint_label.isVisible() and "6" in dialog.hint_label.text()
    assert not dialog.ok_button.isEnabled()

    qtbot.keyClicks(dialog.pin_edit, "6")
    assert dialog.hint_label.isHidden()
    qtbot.keyClicks(confirm, "124")
    assert dialog.hint_label.isVisible(), "a mismatch shows as soon as it is one"
    mismatch = dialog.hint_label.text()
    assert not dialog.ok_button.isEnabled()

    confirm.clear()
    qtbot.keyClicks(confirm, "12345")
    assert dialog.hint_label.isHidden() and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(confirm, "67")
    assert dialog.hint_label.text() == mismatch and not dialog.ok_button.isEnabled()

    QTest.keyClick(confirm, Qt.Key.Key_Backspace)
    assert dialog.hint_label.isHidden() and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.submitted, timeout=1000) as submitted:
        click_ok(dialog)
    assert submitted.args == ["123456"]


def test_new_pin_enter_in_the_first_field_moves_to_the_second(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, new_pin=True)
    assert dialog.confirm_edit is not None
    qtbot.keyClicks(dialog.pin_edit, "654321")
    with qtbot.assertNotEmitted(dialog.submitted):
        QTest.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert dialog.confirm_edit.hasFocus()
    qtbot.keyClicks(dialog.confirm_edit, "654321")
    with qtbot.waitSignal(dialog.submitted, timeout=1000):
        QTest.keyClick(dialog.confirm_edit, Qt.Key.Key_Return)


def test_error_clears_both_new_pin_fields(qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, new_pin=True)
    assert dialog.confirm_edit is not None
    qtbot.keyClicks(dialog.pin_edit, "123456")
    qtbot.keyClicks(dialog.confirm_edit, "123456")
    dialog.show_error("这个密码太简单，请换一个。")
    assert dialog.pin() == "" and dialog.confirm_edit.text() == ""
    assert dialog.error_label.isVisible() and not dialog.ok_button.isEnabled()
