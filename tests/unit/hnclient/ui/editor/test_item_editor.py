"""The editor as an officer meets it: quiet until visited, still layout, one clock, no wheel."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from datetime import date as real_date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hnclient import china_time
from hnclient.forms import timeliness
from hnclient.ui.editor.fields import (
    ChoiceFieldWidget,
    DateFieldWidget,
    DateTimeFieldWidget,
    LineFieldWidget,
)
from hnclient.ui.editor.item_editor import ItemEditor
from hnclient.ui.formatting import local_datetime
from hnclient.ui.main_window import MainWindow

from ..conftest import WindowFactory, type_text
from .test_fields import wheel

RED = "#b3261e"


def problem_html(editor: ItemEditor) -> dict[str, str]:
    shown = {key: label.text() for key, label in editor._common_problem_labels.items()}
    shown.update({key: w.problem_label().text() for key, w in editor._field_widgets.items()})
    return shown


def y_of(widget: QWidget, editor: ItemEditor) -> int:
    body = editor.scroll_area.widget()
    assert body is not None
    return widget.mapTo(body, QPoint(0, 0)).y()


def new_item(window: MainWindow, category: str) -> ItemEditor:
    assert window.create_item(category) is not None
    return window.editor


def test_a_new_form_is_not_covered_in_red(qtbot: QtBot, open_window: WindowFactory) -> None:
    editor = new_item(open_window(), "service_guide")
    errors = [p for p in editor.problems if p.is_error]
    assert len(errors) >= 10  # everything required is still missing …
    shown = problem_html(editor)
    assert not any(RED in html for html in shown.values()), shown  # … and nothing shouts
    assert sum("必填" in html for html in shown.values()) >= 10
    assert "必填" in editor.summary.text() and RED not in editor.summary.styleSheet()


def test_a_field_turns_red_once_edited_or_left(qtbot: QtBot, open_window: WindowFactory) -> None:
    editor = new_item(open_window(), "service_guide")
    title = editor.title_edit.editor
    type_text(title, "城乡居民养老保险")
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Delete)  # typed, then emptied again
    editor.validate_now()
    assert RED in problem_html(editor)["title"]
    phone = editor._field_widgets["consultation_phone"]
    assert RED not in problem_html(editor)["consultation_phone"]
    phone.focus_target().setFocus()
    qtbot.waitUntil(phone.focus_target().hasFocus)
    title.setFocus()  # the officer passed through the phone field without typing
    qtbot.waitUntil(lambda: RED in problem_html(editor)["consultation_phone"])
    assert RED not in problem_html(editor)["complaint_phone"]  # never visited


def test_submitting_an_incomplete_item_shows_every_missing_field_in_red(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    editor = new_item(window, "service_guide")
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a: told.append(text))
    window.submit_action.trigger()
    assert told and "红字" in told[0]
    shown = problem_html(editor)
    missing = {p.field for p in editor.problems if p.is_error}
    assert missing and all(RED in shown[key] for key in missing if key in shown)
    assert "必填" not in "".join(shown.values())


def test_fields_do_not_move_when_messages_appear_and_clear(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    editor = new_item(open_window(), "other")
    title = editor.title_edit.editor
    url = editor._field_widgets["original_url"]
    assert isinstance(url, LineFieldWidget)
    below_title = editor.event_date
    assert list(editor._field_widgets)[-1] == "original_url"
    below_url = editor.attachments  # what follows the form's last field
    qtbot.waitUntil(lambda: y_of(below_url, editor) > 0)
    before = (y_of(below_title, editor), y_of(below_url, editor))

    def empty(line: QLineEdit) -> None:
        line.selectAll()
        qtbot.keyClick(line, Qt.Key.Key_Delete)

    steps = [
        lambda: type_text(title, "共和县召开生态保护推进会"),  # the grey hint clears
        lambda: empty(title),  # red appears
        lambda: type_text(title, "共和县召开会议"),  # red clears
        lambda: type_text(url.editor, "not a link"),  # a format error appears
        lambda: empty(url.editor),  # and clears
    ]
    body = editor.scroll_area.widget()
    layout = body.layout() if body is not None else None
    assert layout is not None
    for step in steps:
        step()
        editor.validate_now()
        layout.activate()
        assert (y_of(below_title, editor), y_of(below_url, editor)) == before


def test_wheel_over_every_field_type_leaves_the_item_unchanged(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    for category in ("regulations", "leadership", "services"):
        editor = new_item(window, category)
        window.view.setFocus()
        qtbot.waitUntil(window.view.hasFocus)
        before = editor.collect()
        assert before is not None
        stored = window.store.get_item(before.id)
        targets: list[QWidget] = [editor.event_date.editor]
        targets += [
            widget.focus_target()
            for widget in editor._field_widgets.values()
            if isinstance(widget, DateFieldWidget | DateTimeFieldWidget | ChoiceFieldWidget)
        ]
        assert len(targets) >= 3
        with qtbot.assertNotEmitted(editor.edited):
            for target in targets:
                for notches in (-1, 2, -3):
                    wheel(target, notches)
        assert editor.collect() == before
        assert not window.autosave.dirty  # nothing to autosave …
        assert window.store.get_item(before.id).revision == stored.revision  # … nor saved


class _Clock(datetime):
    """The PC's clock at 2026-11-30 17:30 UTC: already 12-01 01:30 in China."""

    @classmethod
    def now(cls, tz=None):  # type: ignore[no-untyped-def]
        moment = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)
        return moment.astimezone(tz) if tz is not None else moment.replace(tzinfo=None)


def test_today_and_last_modified_agree_on_a_utc_pc_near_midnight(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        monkeypatch.setattr(china_time, "datetime", _Clock)  # the one clock
        editor = new_item(open_window(), "regulations")
        editor.event_date.on_today()
        issued = editor._field_widgets["issued_on"]
        assert isinstance(issued, DateFieldWidget)
        issued.today_button.click()
        last_modified = local_datetime(_Clock.now(UTC))
        assert last_modified == "2026-12-01 01:30"
        assert editor.event_date.iso() == issued.value() == last_modified[:10]
        editor.validate_now()
        assert not [p for p in editor.problems if p.field == "event_date"]
        assert timeliness.china_today() == real_date(2026, 12, 1)
    finally:
        monkeypatch.undo()
        time.tzset()
