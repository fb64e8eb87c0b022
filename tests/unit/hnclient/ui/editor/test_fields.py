"""Field widgets: the wheel changes nothing it should not; empty dates stay empty."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from hnclient.forms import load_forms
from hnclient.forms.timeliness import china_today
from hnclient.ui.editor.fields import (
    ChoiceFieldWidget,
    DateFieldWidget,
    DateTimeFieldWidget,
    FieldWidget,
    create_field_widget,
)

FORMS = load_forms()


def wheel(widget: QWidget, notches: int = -1) -> None:
    """One notch of the mouse wheel with the pointer over ``widget``."""
    centre = widget.rect().center()
    event = QWheelEvent(
        QPointF(centre),
        QPointF(widget.mapToGlobal(centre)),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def form_of(qtbot: QtBot, *widgets: FieldWidget) -> QScrollArea:
    """The widgets in a scrolling form, shown, with the focus elsewhere."""
    area = QScrollArea()
    body = QWidget()
    layout = QVBoxLayout(body)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addSpacing(2000)
    area.setWidget(body)
    area.resize(500, 400)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    area.setFocus()
    return area


def test_wheel_over_unfocused_fields_changes_nothing(qtbot: QtBot) -> None:
    date_widget = create_field_widget(FORMS["regulations"].field("issued_on"))
    moment = create_field_widget(FORMS["leadership"].field("time"))
    choice = create_field_widget(FORMS["leadership"].field("activity_type"))
    empty_date = create_field_widget(FORMS["regulations"].field("effective_on"))
    empty_moment = create_field_widget(FORMS["visits"].field("time"))
    empty_choice = create_field_widget(FORMS["regulations"].field("validity"))
    date_widget.set_value("2025-06-30")
    moment.set_value("2025-06-30T09:30")
    choice.set_value("speech")
    widgets = [date_widget, moment, choice, empty_date, empty_moment, empty_choice]
    _area = form_of(qtbot, *widgets)
    before = [w.value() for w in widgets]
    for widget in widgets:
        assert not widget.focus_target().hasFocus()
        with qtbot.assertNotEmitted(widget.edited):
            for notches in (-1, 1, -3):
                wheel(widget.focus_target(), notches)
    assert [w.value() for w in widgets] == before
    assert empty_date.value() == empty_moment.value() == empty_choice.value() == ""


def test_focused_wheel_on_an_empty_date_starts_at_the_event_date(qtbot: QtBot) -> None:
    widget = create_field_widget(FORMS["regulations"].field("issued_on"))
    assert isinstance(widget, DateFieldWidget)
    widget.set_fallback(lambda: date(2026, 3, 5))
    _area = form_of(qtbot, widget)
    widget.editor.setFocus()
    qtbot.waitUntil(widget.editor.hasFocus)
    with qtbot.waitSignal(widget.edited, timeout=1000):
        wheel(widget.editor)
    assert widget.value() == "2026-03-05"  # not 1900-01-02


def test_empty_datetime_stays_empty_and_never_shows_1900_or_1911(qtbot: QtBot) -> None:
    widget = create_field_widget(FORMS["leadership"].field("time"))
    assert isinstance(widget, DateTimeFieldWidget)
    _area = form_of(qtbot, widget)
    assert widget.value() == "" and widget.editor.text().strip() == ""
    widget.set_value("2026-11-30T09:30")
    assert widget.value() == "2026-11-30T09:30"
    widget.editor.setFocus()
    widget.editor.lineEdit().selectAll()
    with qtbot.waitSignal(widget.edited, timeout=1000):
        qtbot.keyClick(widget.editor, Qt.Key.Key_Delete)
    assert widget.value() == "" and widget.editor.text().strip() == ""
    for text in ("1900", "1911"):
        assert text not in widget.editor.text()


@pytest.mark.qt_log_ignore("This plugin does not support")  # popups, offscreen
def test_calendar_opens_at_the_fields_date_or_the_event_date_or_today(qtbot: QtBot) -> None:
    widget = create_field_widget(FORMS["regulations"].field("issued_on"))
    assert isinstance(widget, DateFieldWidget)
    _area = form_of(qtbot, widget)
    editor = widget.editor

    def opened_at() -> QDate:
        editor._watch_popup()
        calendar = editor.calendarWidget()
        calendar.window().show()
        shown = calendar.selectedDate()
        calendar.window().hide()
        return shown

    today = china_today()
    assert opened_at() == QDate(today.year, today.month, today.day)
    assert widget.value() == ""  # opening and closing the calendar sets nothing
    widget.set_fallback(lambda: date(2026, 3, 5))
    assert opened_at() == QDate(2026, 3, 5)
    assert widget.value() == ""
    widget.set_value("2024-02-29")
    assert opened_at() == QDate(2024, 2, 29)


def test_choice_and_combo_boxes_do_not_take_focus_from_the_wheel(qtbot: QtBot) -> None:
    choice = create_field_widget(FORMS["leadership"].field("activity_type"))
    assert isinstance(choice, ChoiceFieldWidget)
    _area = form_of(qtbot, choice)
    assert choice.editor.focusPolicy() == Qt.FocusPolicy.StrongFocus
