"""The unit's responsible leaders on this PC: enrol, change a PIN, re-enrol after a forgotten
PIN, remove. Every change goes through :class:`hnclient.service.ItemService`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hnclient.service import ItemService
from hnclient.storage import Leader
from hnclient.ui.formatting import local_datetime
from hnclient.ui.i18n import error_text, pick
from hnclient.ui.pin_prompt import ask_pin, leader_label
from hnclient.ui.tasks import TaskRunner


class NameDialog(QDialog):
    """Name and post of a leader to enrol."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Enrol a leader"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "The responsible leader who reviews and signs off this unit's items.\n"
                    "Next, the leader chooses a PIN of at least 6 digits, known only to them."
                ),
                self,
            )
        )
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("e.g. 李四"))
        self.post_edit = QLineEdit(self)
        self.post_edit.setPlaceholderText(self.tr("e.g. 副县长"))
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Post:"), self.post_edit)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.name_edit.textChanged.connect(self._update)
        self.post_edit.textChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = bool(self.name_edit.text().strip() and self.post_edit.text().strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class LeadersDialog(QDialog):
    """Lists the enrolled leaders; the buttons act on the selected one."""

    def __init__(
        self, service: ItemService, runner: TaskRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self.setWindowTitle(self.tr("Leaders who sign off"))
        self.resize(560, 380)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Items are sent only after one of these leaders has reviewed and signed them "
                "off on this PC. Each leader has a PIN and a signing key of their own."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.enrol_button = QPushButton(self.tr("&Enrol a leader…"), self)
        self.pin_button = QPushButton(self.tr("Change &PIN…"), self)
        self.reenrol_button = QPushButton(self.tr("&Forgot PIN…"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        for button in (self.enrol_button, self.pin_button, self.reenrol_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.enrol_button.clicked.connect(self.on_enrol)
        self.pin_button.clicked.connect(self.on_change_pin)
        self.reenrol_button.clicked.connect(self.on_reenrol)
        self.remove_button.clicked.connect(self.on_remove)
        self.list.currentRowChanged.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for leader in self._service.leaders():
            text = (
                leader_label(leader.name, leader.post)
                + "\n"
                + self.tr("enrolled %1 · key %2")
                .replace("%1", local_datetime(leader.enrolled_at))
                .replace("%2", (leader.key_id or "").split(":")[-1][:12])
            )
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, leader.id)
            self.list.addItem(entry)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def selected(self) -> Leader | None:
        entry = self.list.currentItem()
        if entry is None:
            return None
        leader_id = entry.data(Qt.ItemDataRole.UserRole)
        return next((x for x in self._service.leaders() if x.id == leader_id), None)

    def _update_buttons(self) -> None:
        chosen = self.list.currentItem() is not None
        for button in (self.pin_button, self.reenrol_button, self.remove_button):
            button.setEnabled(chosen)

    def _error(self, error: BaseException) -> None:
        QMessageBox.warning(
            self,
            self.windowTitle(),
            error_text(
                error,
                "操作没有完成（程序内部错误，详情已记入日志），请重试。",
                f"Failed ({error}).",
            ),
        )

    def on_enrol(self) -> None:
        names = NameDialog(self)
        if names.exec() != QDialog.DialogCode.Accepted:
            return
        name, post = names.name_edit.text().strip(), names.post_edit.text().strip()
        service = self._service
        leader = ask_pin(
            self,
            self._runner,
            name,
            post,
            lambda pin: service.enrol_leader(name, post, pin),
            new_pin=True,
        )
        if leader is not None:
            self.reload()
            QMessageBox.information(
                self,
                self.windowTitle(),
                pick(
                    f"{name}（{post}）已登记，可以审核签发了。\n请记住 PIN，不要告诉别人。",
                    f"{name} ({post}) is enrolled and can sign off now. Keep the PIN secret.",
                ),
            )

    def on_change_pin(self) -> None:
        leader = self.selected()
        if leader is None:
            return
        service = self._service
        old = ask_pin(
            self,
            self._runner,
            leader.name,
            leader.post,
            lambda pin: (service.sign_in(leader.id, pin), pin)[1],
            prompt=self.tr("Enter the current PIN."),
        )
        if old is None:
            return

        def change(pin: str) -> bool:
            service.change_pin(leader.id, old, pin)
            return True

        done = ask_pin(self, self._runner, leader.name, leader.post, change, new_pin=True)
        if done:
            QMessageBox.information(self, self.windowTitle(), self.tr("The PIN was changed."))

    def on_reenrol(self) -> None:
        leader = self.selected()
        if leader is None:
            return
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            pick(
                f"为 {leader.name} 重新登记：设置新的 PIN，并生成新的签名密钥。"
                "原来的密钥作废，但以前的签发仍然有效。\n新的密钥需要重新到州政府办公室备案。"
                "\n\n要继续吗？",
                f"Re-enrol {leader.name}: a new PIN and a new signing key. The old key is "
                "retired; earlier sign-offs stay valid. The new key must be registered with "
                "the prefecture office again.\n\nContinue?",
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        service = self._service
        if ask_pin(
            self,
            self._runner,
            leader.name,
            leader.post,
            lambda pin: service.reenrol_leader(leader.id, pin),
            new_pin=True,
        ):
            self.reload()

    def on_remove(self) -> None:
        leader = self.selected()
        if leader is None:
            return
        answer = QMessageBox.question(
            self,
            self.windowTitle(),
            pick(
                f"删除审核领导 {leader.name}（{leader.post}）？删除后他不能再签发；"
                "他以前的签发仍然有效。",
                f"Remove {leader.name}? They can no longer sign off; earlier sign-offs stay valid.",
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._service.remove_leader(leader.id)
        except Exception as error:  # noqa: BLE001 - shown to the officer
            self._error(error)
        self.reload()
