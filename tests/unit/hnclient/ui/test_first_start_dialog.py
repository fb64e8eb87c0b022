"""The first start asks once for the unit's contacts (附件1); 查看 → 本单位信息… edits them."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from hnclient.paths import app_paths
from hnclient.settings import Settings
from hnclient.ui.first_start_dialog import UnitInfoDialog

from .conftest import WindowFactory, type_text


def _answer(qtbot: QtBot, action: str) -> list[UnitInfoDialog]:
    """Answer the next dialog as an officer would: type the contacts, then save or skip."""
    seen: list[UnitInfoDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, UnitInfoDialog):
            QTimer.singleShot(20, answer)
            return
        seen.append(dialog)
        if action == "save":
            dialog.unit_edit.clear()
            type_text(dialog.unit_edit, "共和县人民政府办公室")
            type_text(dialog.officer_edit, "才让·多杰")
            type_text(dialog.phone_edit, "0974-8512655")
            dialog.save_button.click()
        else:
            dialog.later_button.click()

    QTimer.singleShot(0, answer)
    return seen


def test_a_window_built_for_tests_opens_without_dialogs(open_window: WindowFactory) -> None:
    window = open_window()
    assert window.settings.needs_first_start()
    assert QApplication.activeModalWidget() is None


def test_the_first_start_asks_for_unit_name_and_phone_and_saves_them(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    seen = _answer(qtbot, "save")
    window.on_unit_info(first_start=True)
    assert len(seen) == 1
    assert seen[0].later_button.text() == "以后再说"
    stored = Settings.load(app_paths().config / "settings.json")
    assert (stored.unit, stored.officer, stored.phone) == (
        "共和县人民政府办公室",
        "才让·多杰",
        "0974-8512655",
    )
    assert not stored.needs_first_start()
    assert "才让·多杰" in window.acting_label.text()


def test_skipping_asks_no_more_and_the_menu_still_reaches_it(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    seen = _answer(qtbot, "later")
    window.on_unit_info(first_start=True)
    assert len(seen) == 1
    stored = Settings.load(app_paths().config / "settings.json")
    assert (stored.unit, stored.officer, stored.phone) == ("", "", "")
    assert not stored.needs_first_start()  # asked once: "Later" is an answer
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("查看"))
    assert isinstance(view_menu, QMenu)
    assert window.unit_info_action in view_menu.actions()
    assert window.unit_info_action.text().startswith("本单位信息")
    seen = _answer(qtbot, "save")
    window.unit_info_action.trigger()
    assert len(seen) == 1
    assert Settings.load(app_paths().config / "settings.json").phone == "0974-8512655"


def test_settings_keep_the_phone(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    Settings(unit="共和县人民政府办公室", phone="0974-8512655").save(path)
    assert Settings.load(path).phone == "0974-8512655"


@pytest.mark.parametrize("filled", ["unit", "officer"])
def test_a_known_unit_or_officer_is_not_asked_again(filled: str) -> None:
    settings = Settings()
    setattr(settings, filled, "已填")
    assert not settings.needs_first_start()


@pytest.mark.parametrize("typed", ["abc", "8512655", "办公室电话"])
def test_a_telephone_the_documents_cannot_print_is_not_saved(qtbot: QtBot, typed: str) -> None:
    """Trial finding: “abc” was accepted as 联系电话 and printed on every document. The forms'
    one phone rule applies; the hint says in Chinese what to write."""
    settings = Settings(unit="共和县人民政府办公室")
    dialog = UnitInfoDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(dialog.phone_edit, typed)
    dialog.save_button.click()
    assert dialog.result() != UnitInfoDialog.DialogCode.Accepted and dialog.isVisible()
    assert dialog.phone_hint.isVisibleTo(dialog)
    assert dialog.phone_hint.text().startswith("“联系电话”不是有效的电话号码。座机请带区号")
    assert settings.phone == ""
    dialog.phone_edit.clear()
    type_text(dialog.phone_edit, "0974-8512655转801")
    assert not dialog.phone_hint.isVisibleTo(dialog)  # typing again clears the hint
    dialog.save_button.click()
    assert dialog.result() == UnitInfoDialog.DialogCode.Accepted


def test_an_empty_telephone_may_still_be_saved(qtbot: QtBot) -> None:
    dialog = UnitInfoDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save_button.click()
    assert dialog.result() == UnitInfoDialog.DialogCode.Accepted
