"""The version history as an officer meets it: newest first, restoring only on purpose."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from hnclient.ui.history_dialog import HistoryDialog

from .conftest import WindowFactory, type_text


def _dialog(qtbot: QtBot, window, item_id: str) -> HistoryDialog:  # type: ignore[no-untyped-def]
    dialog = HistoryDialog(
        window.service, item_id, window._preview_renderer, window.edit_session, window
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_history_opens_on_the_newest_version_and_enter_does_not_restore(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    item = window.create_item("other")
    assert item is not None
    editor = window.editor.title_edit.editor
    with qtbot.waitSignal(window.autosave.saved, timeout=5000):
        type_text(editor, "第一版标题")
    window.on_save_now()
    with qtbot.waitSignal(window.autosave.saved, timeout=5000):
        type_text(editor, "补充")
    window.on_save_now()
    revisions = window.store.list_revisions(item.id)
    # create, and each manual save is a version of its own
    assert [r.reason for r in revisions] == ["manual", "manual", "create"]

    dialog = _dialog(qtbot, window, item.id)
    assert dialog.versions.currentRow() == 0
    assert dialog.chosen_revision() == revisions[0].revision
    assert "第一版标题补充" in dialog.versions.currentItem().text()
    assert "合并" in dialog.explanation.text()  # what a version is, said in the dialog
    assert not dialog.restore_button.isEnabled()  # the current text needs no restoring
    assert not dialog.restore_button.isDefault()
    assert not dialog.restore_button.autoDefault()

    asked: list[object] = []

    def refuse(*args: object) -> QMessageBox.StandardButton:
        asked.append(args)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", refuse)
    dialog.versions.setCurrentRow(2)
    assert dialog.restore_button.isEnabled()
    assert not dialog.restore_button.isDefault()
    dialog.versions.setFocus()
    qtbot.keyClick(dialog.versions, Qt.Key.Key_Return)
    assert asked == []
    assert dialog.restored is None
    # Clicking asks first; saying no restores nothing.
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert dialog.restored is None
    assert window.store.list_revisions(item.id)[0].revision == revisions[0].revision
