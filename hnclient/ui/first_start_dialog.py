"""The unit's contacts (附件1): unit name, the information officer's name and telephone.

Asked once at the first start (skippable) and always reachable under 查看 → 本单位信息….
"""

from __future__ import annotations

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

from hnclient.forms.values import PHONE_RULE_EN, PHONE_RULE_ZH, is_phone
from hnclient.settings import Settings
from hnclient.ui.i18n import pick


class UnitInfoDialog(QDialog):
    """Edits ``settings.unit``, ``officer`` and ``phone``; :meth:`apply` writes them back."""

    def __init__(
        self,
        settings: Settings,
        *,
        default_unit: str = "",
        first_start: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(self.tr("Unit information") if not first_start else self.tr("Welcome"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The office asks every unit for its contacts (Attachment 1 of the notice). "
                "The unit name is printed on documents and packages; your name and telephone "
                "are printed at the end of every document as the contact person, and your "
                "name is recorded with every step you take."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.unit_edit = QLineEdit(settings.unit or default_unit, self)
        self.unit_edit.setPlaceholderText(self.tr("for example 共和县人民政府办公室"))
        self.officer_edit = QLineEdit(settings.officer, self)
        self.phone_edit = QLineEdit(settings.phone, self)
        self.phone_edit.setPlaceholderText(self.tr("for example 0974-8512655"))
        for text, edit in (
            (self.tr("&Unit name:"), self.unit_edit),
            (self.tr("Information officer's &name:"), self.officer_edit),
            (self.tr("&Telephone:"), self.phone_edit),
        ):
            label = QLabel(text, self)
            label.setBuddy(edit)
            form.addRow(label, edit)
        # printed on every document: the forms' one phone rule (empty stays allowed)
        self.phone_hint = QLabel(self)
        self.phone_hint.setWordWrap(True)
        self.phone_hint.setStyleSheet("color:#b3261e")
        self.phone_hint.hide()
        form.addRow("", self.phone_hint)
        self.phone_edit.textEdited.connect(lambda _text: self.phone_hint.hide())
        self.phone_edit.editingFinished.connect(self._check_phone)
        layout.addLayout(form)
        if first_start:
            later = QLabel(
                self.tr("You can change this at any time: View → Unit information…"), self
            )
            later.setWordWrap(True)
            layout.addWidget(later)
        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setDefault(True)
        self.later_button = QPushButton(
            self.tr("Later") if first_start else self.tr("Cancel"), self
        )
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.later_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.unit_edit.setFocus()

    def phone_ok(self) -> bool:
        phone = self.phone_edit.text().strip()
        return not phone or is_phone(phone)

    def _check_phone(self) -> bool:
        if self.phone_ok():
            self.phone_hint.hide()
            return True
        self.phone_hint.setText(
            pick("“联系电话”" + PHONE_RULE_ZH, "The telephone " + PHONE_RULE_EN)
        )
        self.phone_hint.show()
        return False

    def accept(self) -> None:
        """Saved only with a telephone the documents can print (or none yet)."""
        if not self._check_phone():
            self.phone_edit.setFocus()
            self.phone_edit.selectAll()
            return
        super().accept()

    def apply(self) -> None:
        """Write what was typed into the settings (the caller saves them)."""
        self._settings.unit = self.unit_edit.text().strip()
        self._settings.officer = self.officer_edit.text().strip()
        self._settings.phone = self.phone_edit.text().strip()


def edit_unit_info(
    settings: Settings, *, default_unit: str, first_start: bool, parent: QWidget | None
) -> bool:
    """Show the dialog; True when the officer saved (``settings`` then changed).

    At the first start the question counts as asked whatever the answer ("Later" too).
    """
    dialog = UnitInfoDialog(
        settings, default_unit=default_unit, first_start=first_start, parent=parent
    )
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    if accepted:
        dialog.apply()
    if first_start:
        settings.first_start_asked = "yes"
    return accepted
