"""Asking a leader for their PIN, or for a new PIN twice (enrolment and PIN change).

The dialog never checks a PIN itself. On OK it emits :attr:`PinDialog.submitted` with the
digits and stays open; the caller checks them and then calls ``accept()``, or
:meth:`~PinDialog.show_error`, :meth:`~PinDialog.set_wait` or :meth:`~PinDialog.set_locked`.
For a new PIN (``new_pin=True``) OK is enabled only when both fields hold the same PIN of
:data:`MIN_PIN_LENGTH` digits or more; the caller usually just accepts.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

MIN_PIN_LENGTH = 6
MAX_PIN_LENGTH = 32

# Full-width digits (０-９), which a Chinese input method in full-width mode or a paste gives.
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def normalize_pin(text: str) -> str:
    """Full-width digits as ASCII digits; anything else is left for the validator to refuse."""
    return text.translate(_FULL_WIDTH_DIGITS)


class PinValidator(QValidator):
    """ASCII digits only, at most :data:`MAX_PIN_LENGTH`; full-width digits are converted."""

    def validate(self, text: str, pos: int) -> object:
        normal = normalize_pin(text)
        if len(normal) <= MAX_PIN_LENGTH and all("0" <= c <= "9" for c in normal):
            return QValidator.State.Acceptable, normal, pos
        return QValidator.State.Invalid, text, pos


class PinDialog(QDialog):
    """Asks the named leader for their PIN; ``new_pin=True`` asks for a new PIN twice.

    Signals: ``submitted(str)`` on OK with input that may be right (the dialog stays open).
    """

    submitted = Signal(str)

    #: Milliseconds per countdown step of :meth:`set_wait`; tests make it short.
    countdown_interval_ms = 1000

    def __init__(
        self,
        leader_name: str,
        leader_post: str = "",
        *,
        new_pin: bool = False,
        prompt: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._new_pin = new_pin
        self._remaining = 0
        self._locked = False
        self.setWindowTitle(self.tr("Set a new PIN") if new_pin else self.tr("Enter PIN"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)

        who = (
            self.tr("Leader: %1 (%2)").replace("%1", leader_name).replace("%2", leader_post)
            if leader_post
            else self.tr("Leader: %1").replace("%1", leader_name)
        )
        self.leader_label = QLabel(who, self)
        self.leader_label.setTextFormat(Qt.TextFormat.PlainText)
        bold = self.leader_label.font()
        bold.setBold(True)
        self.leader_label.setFont(bold)
        layout.addWidget(self.leader_label)

        if prompt is None:
            prompt = (
                self.tr(
                    "Choose a PIN of at least %n digits and enter it twice.", "", MIN_PIN_LENGTH
                )
                if new_pin
                else self.tr("Enter your PIN.")
            )
        self.prompt_label = QLabel(prompt, self)
        self.prompt_label.setWordWrap(True)
        layout.addWidget(self.prompt_label)

        form = QFormLayout()
        self.pin_edit = self._pin_field()
        form.addRow(self.tr("New PIN:") if new_pin else self.tr("PIN:"), self.pin_edit)
        self.confirm_edit: QLineEdit | None = None
        if new_pin:
            self.confirm_edit = self._pin_field()
            form.addRow(self.tr("Again:"), self.confirm_edit)
        layout.addLayout(form)

        # Hints about the input as it is typed (new PIN: too short, the two differ).
        self.hint_label = QLabel(self)
        self.hint_label.setWordWrap(True)
        self.hint_label.setStyleSheet("color:#9a5b00")
        self.hint_label.hide()
        layout.addWidget(self.hint_label)
        # The caller's message about the last failure (wrong PIN).
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet("color:#b00020")
        self.error_label.hide()
        layout.addWidget(self.error_label)
        # Waiting before the next try, or locked.
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.hide()
        layout.addWidget(self.status_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button: QPushButton = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self.pin_edit.textChanged.connect(self._on_text_changed)
        if self.confirm_edit is not None:
            self.confirm_edit.textChanged.connect(self._on_text_changed)
            self.pin_edit.returnPressed.connect(self.confirm_edit.setFocus)
        self._update_ok()
        self.pin_edit.setFocus()

    def _pin_field(self) -> QLineEdit:
        field = QLineEdit(self)
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setMaxLength(MAX_PIN_LENGTH)
        field.setValidator(PinValidator(field))
        field.setInputMethodHints(
            Qt.InputMethodHint.ImhDigitsOnly
            | Qt.InputMethodHint.ImhHiddenText
            | Qt.InputMethodHint.ImhSensitiveData
            | Qt.InputMethodHint.ImhNoPredictiveText
            | Qt.InputMethodHint.ImhNoAutoUppercase
        )
        field.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        return field

    # ----------------------------------------------------------------- public API

    def is_new_pin(self) -> bool:
        return self._new_pin

    def pin(self) -> str:
        """The digits typed (for a new PIN: the first field; OK requires both to match)."""
        return normalize_pin(self.pin_edit.text())

    def show_error(self, text: str) -> None:
        """Show why the last try failed, clear the PIN and put the cursor back for a new try."""
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        self.pin_edit.clear()
        if self.confirm_edit is not None:
            self.confirm_edit.clear()
        if self.pin_edit.isEnabled():
            self.pin_edit.setFocus()
        # A wrapped message needs its height: grow the dialog rather than clip the text.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.adjustSize()

    def set_wait(self, seconds: int) -> None:
        """Refuse OK for ``seconds`` with a countdown; OK comes back by itself afterwards."""
        if self._locked:
            return
        self._remaining = max(0, int(seconds))
        if self._remaining:
            self._timer.start(self.countdown_interval_ms)
        else:
            self._timer.stop()
        self._show_wait()
        self._update_ok()

    def is_waiting(self) -> bool:
        return self._remaining > 0

    def set_locked(self, until_text: str) -> None:
        """Lock the dialog: no input, no OK, and say until when (the caller formats the time)."""
        self._locked = True
        self._timer.stop()
        self._remaining = 0
        self.pin_edit.clear()
        self.pin_edit.setEnabled(False)
        if self.confirm_edit is not None:
            self.confirm_edit.clear()
            self.confirm_edit.setEnabled(False)
        self.status_label.setText(
            self.tr("Too many wrong PINs. Locked until %1. Try again then.").replace(
                "%1", until_text
            )
        )
        self.status_label.show()
        self._update_ok()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setFocus()

    def is_locked(self) -> bool:
        return self._locked

    # ----------------------------------------------------------------- internals

    def _tick(self) -> None:
        self._remaining = max(0, self._remaining - 1)
        if not self._remaining:
            self._timer.stop()
        self._show_wait()
        self._update_ok()
        if not self._remaining and self.pin_edit.isEnabled():
            self.pin_edit.setFocus()

    def _show_wait(self) -> None:
        if self._remaining:
            self.status_label.setText(
                self.tr("Please wait %n second(s), then try again.", "", self._remaining)
            )
            self.status_label.show()
        elif not self._locked:
            self.status_label.hide()

    def _input_problem(self) -> str | None:
        """What keeps OK disabled for a new PIN (shown as a hint), or None when it is fine."""
        if not self._new_pin or self.confirm_edit is None:
            return None
        first, second = self.pin(), normalize_pin(self.confirm_edit.text())
        if second and not first.startswith(second):
            return self.tr("The two PINs are not the same.")
        if first and len(first) < MIN_PIN_LENGTH:
            return self.tr("A PIN has at least %n digits.", "", MIN_PIN_LENGTH)
        if second and len(second) >= len(first) and second != first:
            return self.tr("The two PINs are not the same.")
        return None

    def _on_text_changed(self) -> None:
        problem = self._input_problem()
        self.hint_label.setText(problem or "")
        self.hint_label.setVisible(problem is not None)
        self._update_ok()

    def _input_complete(self) -> bool:
        first = self.pin()
        if self._new_pin and self.confirm_edit is not None:
            second = normalize_pin(self.confirm_edit.text())
            return len(first) >= MIN_PIN_LENGTH and first == second
        return bool(first)

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(
            not self._locked and not self._remaining and self._input_complete()
        )

    def _on_ok(self) -> None:
        if not self.ok_button.isEnabled():
            return
        pin = self.pin()
        if len(pin) < MIN_PIN_LENGTH:
            # No PIN is this short, so it cannot be right: say so without spending a try.
            self.show_error(self.tr("A PIN has at least %n digits.", "", MIN_PIN_LENGTH))
            return
        self.submitted.emit(pin)
