"""One widget per form field type.

Each widget reads and writes the JSON value the core stores for its type (see
:class:`hnclient.items.Item`), shows the problems validation found for it, and emits
``edited`` on every user change so autosave can follow. Widgets never validate on their own:
the rules live in :mod:`hnclient.forms`, once.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, QDateTime, QSignalBlocker, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hnclient.forms import FieldDef, FieldType
from hnclient.ui.i18n import pick

EMPTY_DATE = QDate(1900, 1, 1)


def field_label(field: FieldDef) -> str:
    return pick(field.label, field.label_en or field.label)


def field_help(field: FieldDef) -> str:
    return pick(field.help, field.help_en or field.help)


class FieldWidget(QWidget):
    """Base of all field editors.

    Signals:
        edited(): the officer changed the value.
    """

    edited = Signal()

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._problems = QLabel(self)
        self._problems.setObjectName("fieldProblems")
        self._problems.setWordWrap(True)
        self._problems.setVisible(False)

    def _finish_layout(self, editor: QWidget) -> None:
        self._layout.addWidget(editor)
        self._layout.addWidget(self._problems)

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self

    def set_problems(self, messages: list[tuple[str, str]]) -> None:
        """``messages`` are (severity, text); errors red, warnings amber."""
        if not messages:
            self._problems.setVisible(False)
            self._problems.clear()
            return
        lines = []
        for severity, text in messages:
            colour = {"error": "#b3261e", "comment": "#6a1b9a"}.get(severity, "#8a5a00")
            lines.append(f'<span style="color:{colour}">{_escape(text)}</span>')
        self._problems.setText("<br>".join(lines))
        self._problems.setVisible(True)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class LineFieldWidget(FieldWidget):
    """Single-line text, URL and phone number."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.editor = QLineEdit(self)
        self.editor.setPlaceholderText(field_help(field))
        if field.max_length:
            self.editor.setMaxLength(field.max_length * 2)  # soft limit: validation explains
        if field.type is FieldType.URL:
            self.editor.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        elif field.type is FieldType.PHONE:
            self.editor.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)
        self.editor.textEdited.connect(self.edited)
        self._finish_layout(self.editor)

    def value(self) -> str:
        return self.editor.text()

    def set_value(self, value: Any) -> None:
        self.editor.setText(value if isinstance(value, str) else "")

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.editor


class MultilineFieldWidget(FieldWidget):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText(field_help(field))
        self.editor.setTabChangesFocus(True)
        big = field.key == "body" or (field.max_length or 0) > 2000
        self.editor.setMinimumHeight(260 if big else 90)
        self.editor.textChanged.connect(self.edited)
        self._finish_layout(self.editor)

    def value(self) -> str:
        return self.editor.toPlainText()

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.editor):
            self.editor.setPlainText(value if isinstance(value, str) else "")

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.editor


class DateFieldWidget(FieldWidget):
    """A date that may be left empty (shown blank until the officer picks one)."""

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.editor = QDateEdit(self)
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("yyyy-MM-dd")
        self.editor.setMinimumDate(EMPTY_DATE)
        self.editor.setSpecialValueText(" ")
        self.editor.setDate(EMPTY_DATE)
        self.editor.dateChanged.connect(self.edited)
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        self.today_button = QPushButton(self.tr("Today"), row)
        self.today_button.clicked.connect(self._on_today)
        layout.addWidget(self.today_button)
        layout.addStretch(1)
        self._finish_layout(row)

    def _on_today(self) -> None:
        self.editor.setDate(QDate.currentDate())

    def value(self) -> str:
        day = self.editor.date()
        return "" if day == EMPTY_DATE else day.toString("yyyy-MM-dd")

    def set_value(self, value: Any) -> None:
        day = QDate.fromString(value, "yyyy-MM-dd") if isinstance(value, str) and value else None
        with QSignalBlocker(self.editor):
            self.editor.setDate(day if day is not None and day.isValid() else EMPTY_DATE)

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)
        self.today_button.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.editor


class DateTimeFieldWidget(FieldWidget):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.editor = QDateTimeEdit(self)
        self.editor.setCalendarPopup(True)
        self.editor.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.editor.setMinimumDateTime(QDateTime(EMPTY_DATE, QTime(0, 0)))
        self.editor.setSpecialValueText(" ")
        self.editor.setDateTime(QDateTime(EMPTY_DATE, QTime(0, 0)))
        self.editor.dateTimeChanged.connect(self.edited)
        self._finish_layout(self.editor)

    def value(self) -> str:
        moment = self.editor.dateTime()
        if moment.date() == EMPTY_DATE:
            return ""
        return moment.toString("yyyy-MM-ddTHH:mm")

    def set_value(self, value: Any) -> None:
        moment = None
        if isinstance(value, str) and value:
            moment = QDateTime.fromString(value[:16], "yyyy-MM-ddTHH:mm")
        with QSignalBlocker(self.editor):
            if moment is not None and moment.isValid():
                self.editor.setDateTime(moment)
            else:
                self.editor.setDateTime(QDateTime(EMPTY_DATE, QTime(0, 0)))

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.editor


class ChoiceFieldWidget(FieldWidget):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.editor = QComboBox(self)
        self.editor.addItem(self.tr("— please choose —"), "")
        for choice in field.choices:
            self.editor.addItem(pick(choice.label, choice.label_en or choice.label), choice.value)
        self.editor.currentIndexChanged.connect(self.edited)
        self._finish_layout(self.editor)

    def value(self) -> str:
        return str(self.editor.currentData() or "")

    def set_value(self, value: Any) -> None:
        with QSignalBlocker(self.editor):
            index = self.editor.findData(value) if isinstance(value, str) and value else 0
            self.editor.setCurrentIndex(max(index, 0))

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.editor


class GridFieldWidget(FieldWidget):
    """Rows of named columns: the people list and table fields share this editor.

    Tab leaves the grid (arrow keys move inside it), so the form stays keyboard-navigable.
    """

    def __init__(
        self,
        field: FieldDef,
        columns: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field, parent)
        self._column_keys = [key for key, _ in columns]
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.grid = QTableWidget(0, len(columns), box)
        self.grid.setHorizontalHeaderLabels([label for _, label in columns])
        self.grid.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.grid.setTabKeyNavigation(False)
        self.grid.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.grid.setMinimumHeight(120)
        self.grid.itemChanged.connect(self.edited)
        layout.addWidget(self.grid)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add row"), box)
        self.remove_button = QPushButton(self.tr("Remove row"), box)
        self.add_button.clicked.connect(self.on_add_row)
        self.remove_button.clicked.connect(self.on_remove_row)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self._finish_layout(box)

    def on_add_row(self) -> None:
        with QSignalBlocker(self.grid):
            row = self.grid.rowCount()
            self.grid.insertRow(row)
            for column in range(self.grid.columnCount()):
                self.grid.setItem(row, column, QTableWidgetItem(""))
        self.grid.setCurrentCell(row, 0)
        self.grid.setFocus()
        self.edited.emit()

    def on_remove_row(self) -> None:
        row = self.grid.currentRow()
        if row < 0:
            row = self.grid.rowCount() - 1
        if row >= 0:
            self.grid.removeRow(row)
            self.edited.emit()

    def rows(self) -> list[dict[str, str]]:
        result = []
        for row in range(self.grid.rowCount()):
            values = {}
            for column, key in enumerate(self._column_keys):
                cell = self.grid.item(row, column)
                values[key] = cell.text() if cell is not None else ""
            result.append(values)
        return result

    def set_rows(self, rows: Any) -> None:
        with QSignalBlocker(self.grid):
            self.grid.setRowCount(0)
            for values in rows if isinstance(rows, list) else []:
                row = self.grid.rowCount()
                self.grid.insertRow(row)
                for column, key in enumerate(self._column_keys):
                    text = values.get(key, "") if isinstance(values, dict) else ""
                    self.grid.setItem(row, column, QTableWidgetItem(str(text or "")))

    def value(self) -> list[dict[str, str]]:
        return self.rows()

    def set_value(self, value: Any) -> None:
        self.set_rows(value)

    def set_read_only(self, read_only: bool) -> None:
        triggers = (
            QAbstractItemView.EditTrigger.NoEditTriggers
            if read_only
            else QAbstractItemView.EditTrigger.AllEditTriggers
            & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        self.grid.setEditTriggers(triggers)
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)

    def focus_target(self) -> QWidget:
        return self.grid


class PeopleFieldWidget(GridFieldWidget):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, [("name", ""), ("position", "")], parent)
        self.grid.setMinimumHeight(90)
        self.grid.setMaximumHeight(150)
        self.grid.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Position")])


class TableFieldWidget(GridFieldWidget):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        columns = [(column.key, field_label(column)) for column in field.columns]
        super().__init__(field, columns, parent)


def create_field_widget(field: FieldDef, parent: QWidget | None = None) -> FieldWidget:
    if field.type in (FieldType.TEXT, FieldType.URL, FieldType.PHONE, FieldType.NUMBER):
        return LineFieldWidget(field, parent)
    if field.type is FieldType.MULTILINE:
        return MultilineFieldWidget(field, parent)
    if field.type is FieldType.DATE:
        return DateFieldWidget(field, parent)
    if field.type is FieldType.DATETIME:
        return DateTimeFieldWidget(field, parent)
    if field.type is FieldType.CHOICE:
        return ChoiceFieldWidget(field, parent)
    if field.type is FieldType.PEOPLE:
        return PeopleFieldWidget(field, parent)
    if field.type is FieldType.TABLE:
        return TableFieldWidget(field, parent)
    raise ValueError(f"no widget for field type {field.type}")
