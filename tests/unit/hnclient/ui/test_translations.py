"""The window speaks Simplified Chinese by default: every widget string has a translation."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from hnclient.ui.i18n import install_translators, pick, resources_dir

TRANSLATIONS = resources_dir() / "translations"
TS = TRANSLATIONS / "hnclient_zh_CN.ts"
UI_SOURCES = sorted(str(p) for p in (Path(__file__).parents[4] / "hnclient" / "ui").rglob("*.py"))


def _tool(name: str) -> str:
    """The Qt tool next to this interpreter (the venv's), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def test_every_ui_string_is_translated(tmp_path: Path) -> None:
    """lupdate over the current sources finds no string without a Chinese translation."""
    fresh = tmp_path / "check.ts"
    shutil.copy(TS, fresh)
    subprocess.run(
        [_tool("pyside6-lupdate"), *UI_SOURCES, "-ts", str(fresh)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    unfinished = [
        message.findtext("source")
        for message in ET.parse(fresh).iter("message")
        if message.find("translation") is not None
        and message.find("translation").get("type") in ("unfinished", None)  # type: ignore[union-attr]
        and not "".join(message.find("translation").itertext()).strip()  # type: ignore[union-attr]
    ]
    assert unfinished == [], f"untranslated strings (run `make translations`): {unfinished}"


def test_compiled_translation_is_current(tmp_path: Path) -> None:
    compiled = tmp_path / "zh.qm"
    subprocess.run(
        [_tool("pyside6-lrelease"), str(TS), "-qm", str(compiled)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    committed = TRANSLATIONS / "hnclient_zh_CN.qm"
    assert compiled.read_bytes() == committed.read_bytes(), "run `make translations`"


def test_chinese_is_loaded_by_default_and_english_on_request(qapp: QApplication) -> None:
    assert install_translators(qapp, "zh_CN")
    assert QCoreApplication.translate("ItemListModel", "Title") == "标题"
    assert pick("中文", "English") == "中文"
    assert install_translators(qapp, "en") == []
    assert QCoreApplication.translate("ItemListModel", "Title") == "Title"
    assert pick("中文", "English") == "English"
    install_translators(qapp, "zh_CN")  # leave the default for later tests


def test_translations_survive_the_file_being_replaced(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An update that rewrites the .qm under a running window must not take its words."""
    from hnclient.ui import i18n

    resources = tmp_path / "resources"
    (resources / "translations").mkdir(parents=True)
    copy = resources / "translations" / "hnclient_zh_CN.qm"
    shutil.copy(TS.with_suffix(".qm"), copy)
    monkeypatch.setattr(i18n, "resources_dir", lambda: resources)
    try:
        i18n.install_translators(qapp, "zh_CN")
        copy.write_bytes(b"\0" * 16)  # rewritten in place, as lrelease or an installer does
        assert QCoreApplication.translate("MainWindow", "&Review") == "审核(&A)"
    finally:
        monkeypatch.undo()
        i18n.install_translators(qapp, "zh_CN")
