"""The title field: Enter sets a break of the printed title; the title itself stays one line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hnclient.ui.editor.title_field import BREAK_MARK, TitleEdit, split_marks, with_marks
from hnclient.word.title_lines import title_lines

from ..conftest import WindowFactory, type_text

TITLE = "海南藏族自治州人民政府办公室关于印发海南州2026年冬春农牧区困难群众生活救助工作方案的通知"


def test_enter_sets_a_break_shown_as_a_mark_and_not_counted(qtbot: QtBot) -> None:
    field = TitleEdit()
    qtbot.addWidget(field)
    type_text(field.editor, "青海省人民政府关于印发")
    field.editor.setCursorPosition(len("青海省人民政府"))
    with qtbot.waitSignal(field.edited):
        qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    assert field.editor.text() == f"青海省人民政府{BREAK_MARK}关于印发"
    assert field.title() == "青海省人民政府关于印发"
    assert field.breaks() == (7,)
    assert field.counter.text().startswith("11")  # the mark is no character of the title
    qtbot.keyClick(field.editor, Qt.Key.Key_Backspace)  # deleted like any character
    assert field.breaks() == () and field.title() == "青海省人民政府关于印发"


def test_read_only_field_ignores_enter(qtbot: QtBot) -> None:
    field = TitleEdit()
    qtbot.addWidget(field)
    field.set_title("青海省人民政府关于印发")
    field.editor.setReadOnly(True)
    qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    assert field.breaks() == ()


def test_a_title_pasted_on_two_lines_keeps_its_break(qtbot: QtBot) -> None:
    field = TitleEdit()
    qtbot.addWidget(field)
    clipboard = QApplication.clipboard()
    assert clipboard is not None
    clipboard.setText("关于做好冬春\r\n救助工作的通知")  # as copied from a Word title
    field.editor.setFocus()
    field.editor.paste()
    assert field.editor.text() == f"关于做好冬春{BREAK_MARK}救助工作的通知"
    assert (field.title(), field.breaks()) == ("关于做好冬春救助工作的通知", (6,))


def test_marks_round_trip_and_meaningless_marks_are_dropped() -> None:
    assert with_marks("甲乙丙丁", (2,)) == f"甲乙{BREAK_MARK}丙丁"
    assert split_marks(with_marks("甲乙丙丁", (2,))) == ("甲乙丙丁", (2,))
    assert split_marks(f"{BREAK_MARK}甲乙{BREAK_MARK}{BREAK_MARK}丙丁{BREAK_MARK}") == (
        "甲乙丙丁",
        (2,),
    )
    assert split_marks("甲乙\v丙丁") == ("甲乙丙丁", (2,))  # Word's manual line break


def test_the_editor_stores_the_break_apart_from_the_title(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    assert window.create_item("other") is not None
    editor = window.editor
    type_text(editor.title_edit.editor, TITLE)
    at = TITLE.index("关于")
    editor.title_edit.editor.setCursorPosition(at)
    qtbot.keyClick(editor.title_edit.editor, Qt.Key.Key_Return)
    item = editor.collect()
    assert item is not None
    # the portal, WeChat, file names and lists get the one-line title …
    assert item.title == TITLE and "\n" not in item.title
    assert item.title_breaks == (at,)
    assert item.content()["title_breaks"] == [at]  # … the sign-off covers the printed break
    lines = title_lines(item.title, item.title_breaks)
    assert lines[0] == "海南藏族自治州人民政府办公室"
    assert "".join(lines) == TITLE
    assert window.autosave.flush()
    stored = window.store.get_item(item.id)
    assert (stored.title, stored.title_breaks) == (TITLE, (at,))
    editor.load(stored)  # shown again with its mark where the officer put it
    assert editor.title_edit.editor.text() == TITLE[:at] + BREAK_MARK + TITLE[at:]
