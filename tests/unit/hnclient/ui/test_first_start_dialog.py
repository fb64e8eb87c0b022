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
