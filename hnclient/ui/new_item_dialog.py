"""Choosing the category of a new item: the notice's eight categories and the service guide."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hnclient.forms import FormDef
from hnclient.ui.i18n import pick


class NewItemDialog(QDialog):
    def __init__(
        self,
        forms: dict[str, FormDef],
        parent: QWidget | None = None,
        columns_for: Callable[[str], list[str] | None] | None = None,
    ) -> None:
        """``columns_for``: the unit's portal columns a category feeds (county preset; None
        when the preset assigns none)."""
        super().__init__(parent)
        self._columns_for = columns_for
        self.setWindowTitle(self.tr("New item"))
        self.resize(560, 460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("What kind of information is it?"), self))
        self.categories = QListWidget(self)
        for form in forms.values():
            title = pick(form.title, form.title_en or form.title)
            section = f"{form.section}  " if form.section else ""
            entry = QListWidgetItem(f"{section}{title}")
            entry.setData(Qt.ItemDataRole.UserRole, form.key)
            entry.setToolTip(form.description)
            self.categories.addItem(entry)
        self.categories.setCurrentRow(0)
        self.categories.itemActivated.connect(self.accept)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color:#444")
        self.description.setMinimumHeight(48)
        self.categories.currentItemChanged.connect(self._on_current_changed)
        self._on_current_changed()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.categories, 1)
        layout.addWidget(self.description)
        layout.addWidget(buttons)

    def _on_current_changed(self) -> None:
        current = self.categories.currentItem()
        text = current.toolTip() if current else ""
        if current is not None and self._columns_for is not None:
            columns = self._columns_for(str(current.data(Qt.ItemDataRole.UserRole)))
            if columns is None:
                pass  # the preset assigns no columns
            elif columns:
                text += "\n" + self.tr("Feeds your unit's portal columns: %1").replace(
                    "%1", "、".join(columns)
                )
            else:
                text += "\n" + self.tr("None of your unit's portal columns takes this category.")
        self.description.setText(text)

    def chosen_category(self) -> str | None:
        current = self.categories.currentItem()
        return str(current.data(Qt.ItemDataRole.UserRole)) if current else None
