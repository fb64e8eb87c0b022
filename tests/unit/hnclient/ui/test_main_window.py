"""Drafting through the real window: every category, autosave, restart, search."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from pytestqt.qtbot import QtBot

from hnclient.forms import FieldType, load_forms
from hnclient.items import ItemState
from hnclient.ui.editor.fields import (
    ChoiceFieldWidget,
    DateFieldWidget,
    DateTimeFieldWidget,
    FieldWidget,
    GridFieldWidget,
    LineFieldWidget,
    MultilineFieldWidget,
)
from hnclient.ui.main_window import MainWindow
from tests.signoff_support import drive, make_service

from .conftest import WindowFactory, type_text

FORMS = load_forms()
SAMPLE = {
    FieldType.TEXT: "海南州共和县",
    FieldType.MULTILINE: "共和县召开生态保护推进会议，部署下一阶段工作。",
    FieldType.URL: "https://www.qhhn.gov.cn/",
    FieldType.PHONE: "0974-8512655",
    FieldType.NUMBER: "2",
}


def fill_field(qtbot: QtBot, widget: FieldWidget) -> None:
    """Fill one field the way an officer would, with a value its type accepts."""
    field = widget.field
    if isinstance(widget, LineFieldWidget):
        type_text(widget.editor, SAMPLE.get(field.type, "示例"))
    elif isinstance(widget, MultilineFieldWidget):
        type_text(widget.editor, SAMPLE[FieldType.MULTILINE])
    elif isinstance(widget, DateFieldWidget):
        widget.editor.setDate(QDate.currentDate())
    elif isinstance(widget, DateTimeFieldWidget):
        widget.editor.setDateTime(QDateTime(QDate.currentDate(), QTime(9, 30)))
    elif isinstance(widget, ChoiceFieldWidget):
        widget.editor.setCurrentIndex(1)
    elif isinstance(widget, GridFieldWidget):
        qtbot.mouseClick(widget.add_button, Qt.MouseButton.LeftButton)
        columns = field.columns or ()
        for column in range(widget.grid.columnCount()):
            cell = widget.grid.item(0, column)
            assert cell is not None
            kind = columns[column].type if columns else FieldType.TEXT
            if kind is FieldType.CHOICE:
                cell.setText(columns[column].choices[0].value)
            elif kind is FieldType.DATE:
                cell.setText(date.today().isoformat())
            else:
                cell.setText(SAMPLE.get(kind, "张三"))


def draft(qtbot: QtBot, window: MainWindow, category: str, title: str) -> str:
    item = window.create_item(category)
    assert item is not None
    editor = window.editor
    type_text(editor.title_edit.editor, title)
    editor.event_date.on_today()
    for widget in editor._field_widgets.values():
        if widget.field.required:
            fill_field(qtbot, widget)
    with qtbot.waitSignal(window.autosave.saved, timeout=5000):
        qtbot.keyClicks(editor.title_edit.editor, "1")
    return item.id


@pytest.mark.parametrize("category", sorted(FORMS))
def test_draft_each_category_autosaves_and_survives_restart(
    qtbot: QtBot, open_window: WindowFactory, category: str
) -> None:
    window = open_window()
    title = f"{FORMS[category].title}测试稿件"
    item_id = draft(qtbot, window, category, title)
    window.editor.validate_now()
    errors = [p for p in window.editor.problems if p.severity == "error"]
    assert errors == [], [p.message for p in errors]

    window = open_window()  # closes the first window and store, opens again
    assert window.model.row_of(item_id) is not None
    window.search_edit.setText(title[:2])
    qtbot.waitUntil(
        lambda: window.model.rowCount() >= 1 and window.model.row_of(item_id) is not None
    )
    window._select_id(item_id)
    assert window.editor.item is not None and window.editor.item.id == item_id
    assert window.editor.title_edit.editor.text() == title + "1"


def test_autosave_during_continuous_typing(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    item = window.create_item("other")
    assert item is not None
    saved: list[object] = []
    window.autosave.saved.connect(saved.append)
    body = window.editor._field_widgets["body"]
    assert isinstance(body, MultilineFieldWidget)
    # Type without a pause longer than the quiet period: the max-delay timer must still save.
    for _ in range(12):
        type_text(body.editor, "持续输入")
        qtbot.wait(200)
    assert saved, "nothing was saved during 2.4 s of continuous typing"
    stored = window.store.get_item(item.id)
    assert str(stored.values.get("body", "")).startswith("持续输入")


def test_filters_sorting_and_search(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    first = draft(qtbot, window, "leadership", "州长主持召开常务会议")
    second = draft(qtbot, window, "development", "贵德县旅游收入增长")
    drive(make_service(window.store), second, ItemState.AWAITING_REVIEW)
    qtbot.waitUntil(lambda: window.model.summary_at(window.model.row_of(second) or 0) is not None)

    window.state_filter.setCurrentIndex(window.state_filter.findData("awaiting_review"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.row_of(second) == 0
    window.state_filter.setCurrentIndex(0)
    window.category_filter.setCurrentIndex(window.category_filter.findData("leadership"))
    qtbot.waitUntil(lambda: window.model.rowCount() == 1 and window.model.row_of(first) == 0)
    window.category_filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)

    def only_row_is(item_id: str) -> bool:
        return window.model.rowCount() == 1 and window.model.row_of(item_id) == 0

    for query, expected in (("主", first), ("常务", first), ("常务会", first), ("旅游", second)):
        window.search_edit.setText(query)
        qtbot.waitUntil(lambda e=expected: only_row_is(e))  # type: ignore[misc]
    window.search_edit.setText("推进会议")  # in both bodies
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    window.search_edit.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    window.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = [s.title for s in map(window.model.summary_at, range(2)) if s is not None]
    assert titles == sorted(titles)


def test_duplicate_delete_and_restore_from_recycle_bin(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    original = draft(qtbot, window, "policy", "贯彻落实会议精神")
    window.on_duplicate()
    copy_id = window._current_id
    assert copy_id is not None and copy_id != original
    original_title = window.store.get_item(original).title
    assert window.editor.title_edit.editor.text() == original_title  # no marker to print
    window.store.delete_item(copy_id)
    qtbot.waitUntil(lambda: window.model.row_of(copy_id) is None)
    assert window.editor.item is None or window.editor.item.id != copy_id
    assert [s.id for s in window.store.list_items(deleted=True)] == [copy_id]
    window.store.restore_item(copy_id)
    qtbot.waitUntil(lambda: window.model.row_of(copy_id) is not None)


def test_history_restores_an_earlier_version(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    item_id = draft(qtbot, window, "other", "第一版标题")
    window.on_save_now()
    editor = window.editor.title_edit.editor
    editor.selectAll()
    with qtbot.waitSignal(window.autosave.saved, timeout=5000):
        type_text(editor, "第二版标题")
    revisions = window.store.list_revisions(item_id)
    assert len(revisions) >= 2
    older = revisions[1].revision
    window.store.restore_revision(item_id, older)
    window.open_item(item_id)
    assert window.editor.title_edit.editor.text().startswith("第一版标题")


def test_sent_items_open_read_only(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    item_id = draft(qtbot, window, "other", "已报送的稿件")
    drive(make_service(window.store), item_id, ItemState.SENT)
    window.open_item(item_id)
    assert window.editor.title_edit.editor.isReadOnly()
    assert window.editor.banner.isVisible()
    saved: list[object] = []
    window.autosave.saved.connect(saved.append)
    type_text(window.editor.title_edit.editor, "改动")
    qtbot.wait(1800)
    assert saved == []


def test_full_disk_keeps_the_text_on_screen_and_the_stored_version(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    item_id = draft(qtbot, window, "other", "磁盘将满时的稿件")
    stored_before = window.store.get_item(item_id)
    connection = window.store._connection()
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")  # the file cannot grow: disk full
    body = window.editor._field_widgets["body"]
    assert isinstance(body, MultilineFieldWidget)
    with qtbot.waitSignal(window.autosave.failed, timeout=5000):
        type_text(body.editor, "新增内容" * 20_000)
    assert "磁盘" in window.editor.status.text()
    assert window.store.get_item(item_id).content_hash() == stored_before.content_hash()
    assert body.editor.toPlainText().endswith("新增内容")
    # Switching away must not drop the unsaved text: the selection stays put.
    other = window.store.create_item("policy", 1)
    window._select_id(other.id)
    assert window._current_id == item_id
    connection.execute("PRAGMA max_page_count = 1073741823")  # space freed
    with qtbot.waitSignal(window.autosave.saved, timeout=5000):
        type_text(body.editor, "。")
    assert str(window.store.get_item(item_id).values["body"]).endswith("新增内容。")


def test_export_from_the_menu_writes_a_package(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from hnclient.export import read_manifest

    window = open_window()
    item_id = draft(qtbot, window, "policy", "贯彻落实冬季安全生产部署")
    usb = tmp_path / "U盘"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(usb))
    shown: list[str] = []

    def information(_parent: object, _title: str, text: str, *_: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Close

    monkeypatch.setattr(QMessageBox, "information", information)
    window.export_action.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    (package,) = list(usb.iterdir())
    assert read_manifest(package)["item"]["id"] == item_id
    assert str(package) in shown[0]


def test_preview_shows_the_page_and_the_phone_article(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    draft(qtbot, window, "leadership", "州政府召开常务会议<研究>冬季工作")
    window.preview_action.trigger()
    assert window.preview_dock.isVisible()
    qtbot.waitUntil(lambda: "常务会议" in window.preview.page.toPlainText(), timeout=10_000)
    assert "<研究>" in window.preview.page.toPlainText()  # escaped, shown as text
    assert not window.preview.tabs.isTabVisible(1)  # not going to WeChat: no article
    window.editor.channels.wechat.click()
    qtbot.waitUntil(lambda: window.preview.tabs.isTabVisible(1), timeout=10_000)
    window.preview.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: "常务会议" in window.preview.phone.toPlainText(), timeout=10_000)
    type_text(window.editor.title_edit.editor, "补充")
    qtbot.waitUntil(lambda: "补充" in window.preview.phone.toPlainText(), timeout=10_000)


def test_unit_name_is_saved_and_printed_on_documents(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hnclient.paths import app_paths
    from hnclient.settings import Settings
    from hnclient.ui.first_start_dialog import UnitInfoDialog

    window = open_window()
    draft(qtbot, window, "other", "单位名称测试")

    def save(dialog: UnitInfoDialog) -> int:
        dialog.unit_edit.setText(" 同德县人民政府办公室 ")
        return UnitInfoDialog.DialogCode.Accepted.value

    monkeypatch.setattr(UnitInfoDialog, "exec", save)
    window.unit_info_action.trigger()
    assert Settings.load(app_paths().config / "settings.json").unit == "同德县人民政府办公室"
    window.preview_action.trigger()
    qtbot.waitUntil(
        lambda: "同德县人民政府办公室" in window.preview.page.toPlainText(), timeout=10_000
    )


def test_one_entry_edits_the_unit_contacts_and_every_text_names_it(
    open_window: WindowFactory,
) -> None:
    """Trial finding: 查看 had 本单位信息…, 本单位名称… and 本人姓名… editing the same facts,
    and the status bar, the first-start text and README each named another."""
    from pathlib import Path

    from PySide6.QtWidgets import QMenu

    window = open_window()
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("查看"))
    assert isinstance(view_menu, QMenu)
    texts = [a.text() for a in view_menu.actions() if not a.isSeparator()]
    assert "本单位信息(&I)…" in texts
    assert not any("姓名" in t or "本单位名称" in t for t in texts), texts
    assert "查看 → 本单位信息…" in window.acting_label.text()  # no name set yet
    readme = (Path(__file__).parents[4] / "README.md").read_text(encoding="utf-8")
    assert "查看 → 本单位信息…" in readme
    assert "本人姓名" not in readme and "查看 → 本单位名称" not in readme


def test_field_widgets_report_edits_but_not_loading(qtbot: QtBot) -> None:
    """Autosave follows the officer's edits only: filling a widget from the store is silent."""
    from hnclient.ui.editor.fields import (
        ChoiceFieldWidget,
        DateFieldWidget,
        DateTimeFieldWidget,
        GridFieldWidget,
        create_field_widget,
    )

    date_widget = create_field_widget(FORMS["regulations"].field("issued_on"))
    datetime_widget = create_field_widget(FORMS["leadership"].field("time"))
    choice = create_field_widget(FORMS["leadership"].field("activity_type"))
    table = create_field_widget(FORMS["leadership"].field("indicators"))
    people = create_field_widget(FORMS["leadership"].field("chair"))
    body = create_field_widget(FORMS["other"].field("body"))
    assert isinstance(date_widget, DateFieldWidget)
    assert isinstance(datetime_widget, DateTimeFieldWidget)
    assert isinstance(choice, ChoiceFieldWidget)
    assert isinstance(table, GridFieldWidget) and isinstance(people, GridFieldWidget)
    assert isinstance(body, MultilineFieldWidget)
    loading = [
        (date_widget, "2025-01-01"),
        (datetime_widget, "2025-01-01T09:30"),
        (choice, "speech"),
        (people, [{"name": "张三", "position": "州长"}]),
        (body, "正文"),
    ]
    for widget, value in loading:
        qtbot.addWidget(widget)
        with qtbot.assertNotEmitted(widget.edited):
            widget.set_value(value)
        assert widget.value() == value
    qtbot.addWidget(table)
    with qtbot.assertNotEmitted(table.edited):
        table.set_value([{"indicator": "产值"}])
    editing = [
        (date_widget, lambda: date_widget.editor.setDate(QDate(2026, 1, 2))),
        (datetime_widget, lambda: datetime_widget.editor.setDateTime(QDateTime.currentDateTime())),
        (choice, lambda: choice.editor.setCurrentIndex(2)),
        (table, table.on_add_row),
        (people, people.on_remove_row),
        (body, lambda: type_text(body.editor, "补充")),
    ]
    for widget, action in editing:
        with qtbot.waitSignal(widget.edited, timeout=1000):
            action()


def test_new_item_dialog_by_keyboard(qtbot: QtBot, open_window: WindowFactory) -> None:
    """Ctrl+N, arrow down to a category, Enter: a new item of that category is open."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from hnclient.ui.new_item_dialog import NewItemDialog

    window = open_window()
    chosen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewItemDialog)
        qtbot.keyClick(dialog.categories, Qt.Key.Key_Down)
        chosen.append(dialog.chosen_category() or "")
        qtbot.keyClick(dialog.categories, Qt.Key.Key_Return)

    QTimer.singleShot(50, answer)
    window.new_action.trigger()
    assert chosen and window.editor.item is not None
    assert window.editor.item.category == chosen[0] == list(FORMS)[1]


def test_fits_a_1366x768_screen_with_an_item_and_the_preview_open(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    from PySide6.QtCore import QRect

    available = QRect(0, 0, 1366, 728)  # 1366×768 less a 40 px taskbar
    window = open_window()
    window.fit_to_screen(available)
    draft(qtbot, window, "leadership", "州政府召开第十二次常务会议 研究部署冬春季安全生产工作")
    window.preview_action.trigger()
    qtbot.waitUntil(lambda: "常务会议" in window.preview.page.toPlainText(), timeout=10_000)
    window.statusBar().showMessage("已导出到 " + "/很长的路径/U盘/海南州政府信息报送" * 20)
    editor = window.editor
    body = editor.scroll_area.widget()
    assert body is not None

    def laid_out() -> bool:
        return window.preview_dock.width() < 500 and body.width() <= editor.scroll_area.width()

    qtbot.waitUntil(laid_out)
    assert available.contains(window.frameGeometry()), window.frameGeometry()
    status = window.statusBar()
    assert status.isVisible() and window.rect().contains(status.geometry())
    assert not editor.scroll_area.horizontalScrollBar().isVisible()
    header = window.view.horizontalHeader()
    for column in range(header.count()):  # the list keeps all its columns in sight
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= window.view.viewport().width(), column
    assert window.preview.page.scale() < 1  # the page fits the preview's width
    assert not window.preview.page.horizontalScrollBar().isVisible()


def test_every_action_is_in_a_menu_with_its_shortcut(open_window: WindowFactory) -> None:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    window = open_window()
    in_menus: set[QAction] = set()
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    while menus:
        menu = menus.pop()
        assert isinstance(menu, QMenu)
        for action in menu.actions():
            in_menus.add(action)
            if action.menu() is not None:
                menus.append(action.menu())
    missing = [
        action.text()
        for action in window.findChildren(QAction)
        if action.text()
        and not action.isSeparator()
        and action not in in_menus
        and action.menu() is None
        and action.shortcutContext() != Qt.ShortcutContext.WidgetShortcut  # a list's Del key
        and action.parent() is window
    ]
    assert missing == []


def test_a_library_error_never_reaches_the_officer_in_english(qapp: object) -> None:
    """Issue 8 fault 9: “All strings must be XML compatible…” went into the message box."""
    from hnclient.ui.main_window import error_text

    english = "All strings must be XML compatible: Unicode or ASCII, no NULL bytes"
    shown = error_text(ValueError(english))
    assert "操作没有完成" in shown and "XML" not in shown and "hnclient.log" in shown


def test_tibetan_in_the_search_box_keeps_its_tops(qtbot: QtBot, open_window: WindowFactory) -> None:
    """Issue 9 item 14: the one-line fields are tall enough for Tibetan stacks (ཧཱུྃ)."""
    from PySide6.QtGui import QFontMetrics

    from hnclient.ui.script_fonts import tibetan_family, tibetan_metrics

    if tibetan_family() is None:
        pytest.skip("no Tibetan font installed (Debian: fonts-tibetan-machine)")
    window = open_window()
    draft(qtbot, window, "policy", "藏文标题")
    for field in (window.search_edit, window.editor.title_edit.editor):
        field.setText("བོད་ཀྱི་སྐད་ཡིག ཧཱུྃ 藏文")
        tibetan = tibetan_metrics(field.font())
        assert tibetan is not None
        frame = field.sizeHint().height() - QFontMetrics(field.font()).height()
        assert field.height() >= tibetan.height() + frame, field.objectName()


def test_search_finds_emoji_in_the_text(qtbot: QtBot, open_window: WindowFactory) -> None:
    """Issue 9 item 14: an emoji typed in the search box finds the item that has it."""
    window = open_window()
    wanted = draft(qtbot, window, "policy", "表彰先进🎉大会")
    draft(qtbot, window, "policy", "没有表情的稿件")
    for query in ("🎉", "先进🎉"):
        window.search_edit.setText(query)
        qtbot.waitUntil(
            lambda: window.model.rowCount() == 1 and window.model.row_of(wanted) == 0,
            timeout=5000,
        )
        window.search_edit.clear()
        qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=5000)


def _answer_yes_soon(qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        yes = box.button(QMessageBox.StandardButton.Yes)
        assert yes is not None
        yes.click()

    QTimer.singleShot(20, answer)


def test_delete_can_be_undone(qtbot: QtBot, open_window: WindowFactory) -> None:
    """Issue 9 item 14: 撤销 in the status bar (and Ctrl+Z, File menu) brings it back."""
    from PySide6.QtWidgets import QMenu

    window = open_window()
    item_id = draft(qtbot, window, "policy", "误删的稿件")
    assert not window.undo_delete_action.isEnabled()
    _answer_yes_soon(qtbot)
    window.delete_action.trigger()
    qtbot.waitUntil(lambda: window.model.row_of(item_id) is None)
    assert window.undo_delete_button.isVisible()
    assert window.undo_delete_button.text().startswith("撤销")
    assert window.undo_delete_action.isEnabled()
    assert window.undo_delete_action.shortcut().toString() == "Ctrl+Z"
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu) and window.undo_delete_action in file_menu.actions()
    window.undo_delete_button.click()
    qtbot.waitUntil(lambda: window.model.row_of(item_id) is not None)
    assert window.store.list_items(deleted=True) == []
    assert window._current_id == item_id  # back, and open again
    assert not window.undo_delete_button.isVisible()
    assert not window.undo_delete_action.isEnabled()


def test_copy_reads_as_a_new_draft_and_the_bin_shows_when(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    """Issue 9 item 14: 复制 read as copying text; the recycle bin had no deletion time."""
    from hnclient.ui.item_list_model import ItemListModel
    from hnclient.ui.recycle_bin_dialog import RecycleBinDialog

    window = open_window()
    assert "新稿件" in window.duplicate_action.text()
    item_id = draft(qtbot, window, "policy", "已删除的稿件")
    window.service.delete(item_id)
    deleted_at = window.store.list_items(deleted=True)[0].deleted_at
    assert deleted_at is not None
    dialog = RecycleBinDialog(window.service, window.category_labels, window)
    qtbot.addWidget(dialog)
    model = dialog.model
    from PySide6.QtCore import Qt

    header = model.headerData(ItemListModel.UPDATED, Qt.Orientation.Horizontal)
    assert header == "删除时间"
    from hnclient.ui.formatting import local_datetime

    assert model.index(0, ItemListModel.UPDATED).data() == local_datetime(deleted_at)


def test_ctrl_z_in_a_text_field_undoes_typing_not_the_delete(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    gone = draft(qtbot, window, "policy", "删掉的稿件")
    _answer_yes_soon(qtbot)
    window.delete_action.trigger()
    qtbot.waitUntil(lambda: window.model.row_of(gone) is None)
    draft(qtbot, window, "policy", "正在写的稿件")
    title = window.editor.title_edit.editor
    title.setFocus()
    qtbot.keyClicks(title, "xyz")
    before = title.text()
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert title.text() != before  # the field's own undo
    assert [s.id for s in window.store.list_items(deleted=True)] == [gone]  # still deleted
    assert window.undo_delete_action.isEnabled()


def test_ctrl_z_in_the_list_brings_the_deleted_item_back(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    gone = draft(qtbot, window, "policy", "删掉的稿件")
    _answer_yes_soon(qtbot)
    window.delete_action.trigger()
    qtbot.waitUntil(lambda: window.model.row_of(gone) is None)
    window.activateWindow()
    window.view.setFocus()
    qtbot.waitUntil(lambda: window.view.hasFocus())
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.model.row_of(gone) is not None)
    assert window.store.list_items(deleted=True) == []


def test_settings_that_cannot_be_written_are_told_in_chinese(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from hnclient.paths import app_paths
    from tests.readonly_support import read_only_folder

    window = open_window()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    with read_only_folder(app_paths().config):
        assert not window._store_settings()
    assert shown and "Read-only" not in shown[0] and "Permission" not in shown[0]
    assert "只读" in shown[0] or "权限" in shown[0]  # EROFS (mount, root) or EACCES (chmod)
