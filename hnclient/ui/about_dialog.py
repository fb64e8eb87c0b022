"""帮助 → 关于: the version and what a technician asks first — data and log folders, the
endpoint, and which preset files were read (:func:`hnclient.support.installation_facts`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from hnclient.support import Fact
from hnclient.ui.i18n import current_language, pick


class AboutDialog(QDialog):
    def __init__(self, facts: list[Fact], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About"))
        layout = QVBoxLayout(self)
        heading = QLabel(
            self.tr(
                "Hainan Prefecture Government Information Client\n\n"
                "Drafts items for the portal 「中国·海南州」 and the WeChat account 「海南政务」 "
                "under notice 南政办〔2015〕86号, offline first."
            ),
            self,
        )
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for fact in facts:
            value = QLabel(fact.value_in(current_language() == "en"), self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(pick(fact.label_zh, fact.label_en) + pick("：", ":"), value)
            self.values[fact.label_en] = value
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
