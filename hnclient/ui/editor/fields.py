"""One widget per form field type.

Each widget reads and writes the JSON value the core stores for its type (see
:class:`hnclient.items.Item`), shows the problems validation found for it, and emits
``edited`` on every user change so autosave can follow. Widgets never validate on their own:
the rules live in :mod:`hnclient.forms`, once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QObject,
    QSignalBlocker,
    Qt,
    QTime,
    QTimeZone,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
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
from hnclient.forms.timeliness import china_today
from hnclient.ui import wheel_guard
from hnclient.ui.i18n import pick

#: The minimum of a date editor stands for "not set" (shown blank); never a real date.
EMPTY_DATE = QDate(1900, 1, 1)

#: Where a date picker opens when its field is empty: the event date, else today (China).
DateFallback = Callable[[], date | None]


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
        self._problems = ProblemLabel(self)
        self._problems.setObjectName("fieldProblems")

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
        """``messages`` are (severity, text): errors red, warnings amber, comments purple,
        hints (a required field not yet filled in, before the officer got to it) grey."""
        self._problems.show_messages(messages)

    def reset_problems(self) -> None:
        """A new item: give back the room earlier messages had taken."""
        self._problems.reset()

    def problem_label(self) -> ProblemLabel:
        return self._problems


#: How a message beside a field is coloured.
SEVERITY_COLOURS = {
    "error": "#b3261e",
    "warning": "#8a5a00",
    "comment": "#6a1b9a",
    "hint": "#8a8a8a",
}


class ProblemLabel(QLabel):
    """The line under a field where its problems are shown, without moving the form.

    It always takes at least one line, whether there is anything to say or not, and while
    the same item is open it never gives back room it has taken: a message that appears or
    clears does not move the fields below it, so a click lands where the officer aimed.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setStyleSheet("font-size:12px")
        self.reset()

    def _one_line(self) -> int:
        return self.fontMetrics().lineSpacing() + 2

    def reset(self) -> None:
        self.clear()
        self.setMinimumHeight(self._one_line())

    def show_messages(self, messages: list[tuple[str, str]]) -> None:
        if self.isVisible() and self.text():
            # Keep the room taken so far: the fields below stay where they are.
            self.setMinimumHeight(max(self.minimumHeight(), self.height()))
        lines = []
        for severity, text in messages:
            colour = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["warning"])
            lines.append(f'<span style="color:{colour}">{_escape(text)}</span>')
        self.setText("<br>".join(lines))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _PopupWatcher(QObject):
    """Tells the date editor when its calendar is about to show."""

    def __init__(self, editor: _OptionalDateMixin, parent: QObject) -> None:
        super().__init__(parent)
        self._editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show:
            self._editor.calendar_about_to_show()
        return False


class _OptionalDateMixin:
    """A date (and time) editor that may be empty, and stays empty until the officer acts.

    Empty is the editor's minimum, shown blank. The wheel does nothing unless the field has
    focus (see :mod:`hnclient.ui.wheel_guard`); an arrow key or the wheel on an empty field
    starts at the fallback date (the event date, or today in China) instead of stepping from
    1900; the calendar opens at the field's date, else at the fallback; Delete or Backspace
    over the whole text empties the field again.
    """

    fallback: DateFallback

    def _init_optional(self) -> None:
        editor = self._qt()
        editor.setCalendarPopup(True)
        editor.setSpecialValueText(" ")
        editor.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        wheel_guard.guard(editor)
        self.fallback = china_today
        self._watching_popup = False

    # Qt's virtual methods, shared by the date and the date-time editor (both are
    # QDateTimeEdit underneath, whose implementations are called explicitly).
    def stepBy(self, steps: int) -> None:  # noqa: N802
        if not self._optional_step(steps):
            QDateTimeEdit.stepBy(self._qt(), steps)

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:  # noqa: N802
        editor = self._qt()
        if self.is_empty() and not editor.isReadOnly():
            return (
                QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
                | QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
            )
        return QDateTimeEdit.stepEnabled(editor)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._watch_popup()
        QDateTimeEdit.mousePressEvent(self._qt(), event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self._watch_popup()
        if not self._optional_key(event):
            QDateTimeEdit.keyPressEvent(self._qt(), event)

    def _qt(self) -> QDateTimeEdit:
        assert isinstance(self, QDateTimeEdit)
        return self

    def is_empty(self) -> bool:
        return self._qt().date() == EMPTY_DATE

    def start_date(self) -> QDate:
        day = self.fallback() or china_today()
        return QDate(day.year, day.month, day.day)

    def set_empty(self) -> None:
        editor = self._qt()
        editor.setDateTime(editor.minimumDateTime())

    def calendar_about_to_show(self) -> None:
        if not self.is_empty():
            return  # Qt opens at the field's own date
        calendar = self._qt().calendarWidget()
        # Selected without signals: the field stays empty unless a day is clicked.
        with QSignalBlocker(calendar):
            calendar.setSelectedDate(self.start_date())

    def _watch_popup(self) -> None:
        if self._watching_popup or not self._qt().calendarPopup():
            return
        calendar = self._qt().calendarWidget()
        if calendar is not None:
            calendar.window().installEventFilter(_PopupWatcher(self, calendar))
            self._watching_popup = True

    def _optional_step(self, steps: int) -> bool:
        """True if the step was taken here (from empty to the start date)."""
        if not self.is_empty():
            return False
        editor = self._qt()
        if isinstance(editor, QDateEdit):
            editor.setDate(self.start_date())
        else:
            editor.setDateTime(QDateTime(self.start_date(), QTime(0, 0), editor.timeZone()))
        return True

    def _optional_key(self, event: QKeyEvent) -> bool:
        """True if the key was handled here (emptying the field)."""
        editor = self._qt()
        line = editor.lineEdit()
        whole = line.hasSelectedText() and line.selectedText() == line.text()
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and not editor.isReadOnly()
            and (whole or self.is_empty())
        ):
            if not self.is_empty():
                self.set_empty()
            return True
        if not self.is_empty() or editor.isReadOnly() or not event.text().isdigit():
            return False
        # Typing into a blank field: start from the start date, the typed digit goes into
        # the year (Qt could not read a digit typed over the blank text).
        self._optional_step(0)
        editor.setCurrentSectionIndex(0)
        return False


class OptionalDateEdit(_OptionalDateMixin, QDateEdit):
    """A date that may be left empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        QDateEdit.__init__(self, parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(EMPTY_DATE)
        self.setDate(EMPTY_DATE)
        self._init_optional()


class OptionalDateTimeEdit(_OptionalDateMixin, QDateTimeEdit):
    """A date and time that may be left empty; wall-clock China time, no zone arithmetic."""

    def __init__(self, parent: QWidget | None = None) -> None:
        QDateTimeEdit.__init__(self, parent)
        # UTC only as "no conversions": the value is the wall-clock time the officer typed.
        # In the PC's local zone, 1900 falls in local mean time and the minimum drifts.
        self.setTimeZone(QTimeZone.utc())
        self.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.setMinimumDateTime(QDateTime(EMPTY_DATE, QTime(0, 0), QTimeZone.utc()))
        self.setDateTime(self.minimumDateTime())
        self._init_optional()


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


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
        self.editor = OptionalDateEdit(self)
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
        self.editor.setDate(qdate(china_today()))

    def set_fallback(self, fallback: DateFallback) -> None:
        """Where the calendar opens while the field is empty (the item's event date)."""
        self.editor.fallback = fallback

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
        self.editor = OptionalDateTimeEdit(self)
        self.editor.dateTimeChanged.connect(self.edited)
        self._finish_layout(self.editor)

    def set_fallback(self, fallback: DateFallback) -> None:
        """Where the calendar opens while the field is empty (the item's event date)."""
        self.editor.fallback = fallback

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
                self.editor.setDateTime(QDateTime(moment.date(), moment.time(), QTimeZone.utc()))
            else:
                self.editor.set_empty()

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)

    def focus_target(self) -> QWidget:
        return self.editor


class ChoiceFieldWidget(FieldWidget):
    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(field, parent)
        self.editor = QComboBox(self)
        wheel_guard.guard(self.editor)
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
        # translate() with this class's name: self.tr() in a subclass looks in its own context
        self.add_button = QPushButton(QCoreApplication.translate("GridFieldWidget", "Add row"), box)
        self.remove_button = QPushButton(
            QCoreApplication.translate("GridFieldWidget", "Remove row"), box
        )
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
