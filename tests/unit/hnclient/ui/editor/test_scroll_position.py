"""Where the form is scrolled: a newly opened item starts at its title; a cover photo
chosen half-way down leaves the form where it is."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from ..conftest import WindowFactory, make_jpeg, type_text


def test_opening_another_item_starts_at_its_title(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    window.resize(1366, 700)
    first = window.create_item("service_guide")
    assert first is not None
    editor = window.editor
    type_text(editor.title_edit.editor, "城乡居民养老保险")
    bar = editor.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())  # the officer worked at the bottom of the form
    assert bar.value() > 0
    second = window.create_item("service_guide")
    assert second is not None
    qtbot.wait(50)
    assert bar.value() == 0
    title = editor.title_edit.editor
    # the form settles within a few turns of the event loop (one-line fields are taller
    # than the font since they make room for Tibetan): then the whole title is in view
    qtbot.waitUntil(lambda: title.visibleRegion().boundingRect().height() == title.height())
    assert bar.value() == 0
    bar.setValue(bar.maximum())
    window.open_item(first.id)
    qtbot.wait(50)
    assert bar.value() == 0


def test_choosing_a_cover_photo_keeps_the_form_still(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    window.resize(1366, 700)
    assert window.create_item("service_guide") is not None
    editor = window.editor
    bar = editor.scroll_area.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    editor.scroll_area.ensureWidgetVisible(editor.cover, 0, 40)
    before = bar.value()
    photo = make_jpeg(tmp_path / "封面.jpg")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(photo), ""))
    editor.cover.choose_button.setFocus()
    with qtbot.waitSignal(editor.cover.edited, timeout=10_000):
        qtbot.mouseClick(editor.cover.choose_button, Qt.MouseButton.LeftButton)
    qtbot.wait(100)
    assert editor.cover.cover() is not None
    assert bar.value() == before
    assert window.focusWidget() is editor.cover.choose_button
    # Removing it again does not send the form to its end either.
    editor.cover.remove_button.setFocus()
    qtbot.mouseClick(editor.cover.remove_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    assert editor.cover.cover() is None
    assert bar.value() == before
