"""提交审核: the officer confirms the item may be made public and deals with each screening
finding — fixes it (cancel and edit) or writes why it may stay; the leader sees those notes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hnclient.service import SubmitRequest
from hnclient.ui.i18n import pick


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SubmitDialog(QDialog):
    """``findings``: :class:`hnclient.screening.Finding` values of the item."""

    def __init__(
        self,
        title: str,
        findings: list[Any],
        parent: QWidget | None = None,
        previous: dict[str, str] | None = None,
    ) -> None:
        """``previous``: the reasons written at an earlier submission, by fingerprint."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Submit for review"))
        self.resize(640, 520 if findings else 260)
        self._findings = findings
        self.reasons: dict[str, QLineEdit] = {}
        layout = QVBoxLayout(self)
        heading = QLabel(
            self.tr("Submit “%1” to the responsible leader for review and sign-off.").replace(
                "%1", title or self.tr("(untitled)")
            ),
            self,
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        if findings:
            intro = QLabel(
                self.tr(
                    "The check found %n place(s) to look at. Fix each one (Cancel, then edit), "
                    "or write why it may stay — the leader will see what you write.",
                    "",
                    len(findings),
                ),
                self,
            )
            intro.setWordWrap(True)
            intro.setStyleSheet("color:#8a5a00")
            layout.addWidget(intro)
            area = QScrollArea(self)
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            holder = QWidget(area)
            rows = QVBoxLayout(holder)
            for finding in findings:
                box = QFrame(holder)
                box.setFrameShape(QFrame.Shape.StyledPanel)
                inner = QVBoxLayout(box)
                message = QLabel(
                    f"<b>{_escape(pick(finding.label_zh, finding.label_en))}</b>："
                    f"{_escape(finding.context)}<br>"
                    f'<span style="color:#555">'
                    f"{_escape(pick(finding.message_zh(), finding.message_en()))}</span>",
                    box,
                )
                message.setWordWrap(True)
                message.setTextFormat(Qt.TextFormat.RichText)
                reason = QLineEdit(box)
                reason.setPlaceholderText(self.tr("Why this may stay (e.g. a public notice)"))
                reason.setText((previous or {}).get(finding.fingerprint, ""))
                reason.textChanged.connect(self._update)
                self.reasons[finding.fingerprint] = reason
                inner.addWidget(message)
                inner.addWidget(reason)
                rows.addWidget(box)
            rows.addStretch(1)
            area.setWidget(holder)
            layout.addWidget(area, 1)
        self.public_box = QCheckBox(
            self.tr(
                "This item contains nothing classified or internal and may be made public (可公开)"
            ),
            self,
        )
        self.public_box.toggled.connect(self._update)
        layout.addWidget(self.public_box)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Submit for review")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        complete = self.public_box.isChecked() and all(
            edit.text().strip() for edit in self.reasons.values()
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(complete)

    def request(self) -> SubmitRequest:
        return SubmitRequest(
            public_confirmed=self.public_box.isChecked(),
            justifications={k: e.text().strip() for k, e in self.reasons.items()},
        )
