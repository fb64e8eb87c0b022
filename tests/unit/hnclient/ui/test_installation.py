"""设置 → 导入县级预设… and 帮助 → 关于 on a window started as the program starts it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hnclient import __version__
from hnclient.ui.about_dialog import AboutDialog
from hnclient.ui.app import ClientContext, build_window
from hnclient.ui.installation import Installation, attach
from hnclient.ui.main_window import MainWindow

PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


@pytest.fixture
def client(qtbot: QtBot) -> Iterator[tuple[MainWindow, Installation, ClientContext]]:
    context = ClientContext.open()
    window = build_window(context)
    qtbot.addWidget(window)
    installation = attach(window, context)
    window.show()
    try:
        yield window, installation, context
    finally:
        installation.crashes.uninstall()
        window.close()
        context.close()


def _machine_preset(home: Path) -> None:
    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "ca.pem").write_text(PEM)
    preset = {
        "unit": {"id": "632521-zfb", "name": "共和县人民政府办公室"},
        "endpoint": "https://xxbs.hainanzhou.gov.cn/",
        "ca_bundle": "ca.pem",
    }
    (config / "preset.json").write_text(json.dumps(preset, ensure_ascii=False), "utf-8")


def test_settings_menu_stands_before_help(
    client: tuple[MainWindow, Installation, ClientContext],
) -> None:
    window, installation, _context = client
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("设置(&S)") == titles.index("帮助(&H)") - 1
    assert installation.import_action.text() == "导入县级预设(&I)…"


def test_about_names_version_folders_endpoint_and_preset_files(
    hnclient_home: Path, qtbot: QtBot
) -> None:
    _machine_preset(hnclient_home)
    context = ClientContext.open()
    window = build_window(context)
    qtbot.addWidget(window)
    installation = attach(window, context)
    try:
        dialog = AboutDialog(window.about_facts(), window)
        qtbot.addWidget(dialog)
        shown = {key: label.text() for key, label in dialog.values.items()}
        assert shown["Version"] == __version__
        assert shown["Data folder"] == str(context.paths.data)
        assert shown["Log folder"] == str(context.paths.logs)
        assert shown["Endpoint"] == "https://xxbs.hainanzhou.gov.cn/"
        assert shown["Machine-wide preset"].startswith(
            str(hnclient_home / "config" / "preset.json")
        )
        assert shown["Machine-wide preset"].endswith("（已使用）")
        assert shown["Per-user preset"].endswith("（没有）")
        assert "共和县人民政府办公室（632521-zfb）" == shown["Preset unit"]
        assert dialog.windowTitle() == "关于"
    finally:
        installation.crashes.uninstall()
        window.close()
        context.close()


def test_about_without_context_still_tells_the_folders(qtbot: QtBot, hnclient_home: Path) -> None:
    context = ClientContext.open()
    window = build_window(context)  # no installation attached: the window's own facts
    qtbot.addWidget(window)
    try:
        facts = {f.label_en: f.value for f in window.about_facts()}
        assert facts["Data folder"] == str(context.store.path.parent)
        assert facts["Endpoint"].startswith("未设置")
    finally:
        window.close()
        context.close()


def test_import_shows_what_it_sets_and_installs_the_per_user_part(
    client: tuple[MainWindow, Installation, ClientContext],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, installation, context = client
    told: list[str] = []

    def information(_parent: object, _title: str, text: str, *_args: object) -> int:
        told.append(text)
        return 0

    monkeypatch.setattr(QMessageBox, "information", information)
    (tmp_path / "ca.pem").write_text(PEM)
    source = tmp_path / "贵南县预设.json"
    source.write_text(
        json.dumps(
            {"unit": {"id": "632525-zfb", "name": "贵南县人民政府办公室"},
             "endpoint": "https://xxbs.hainanzhou.gov.cn/", "ca_bundle": "ca.pem",
             "allow_self_approval": True, "limits": {"jpeg_max_mb": 8},
             "columns": [{"name": "县区动态", "categories": ["leadership"]}]},
            ensure_ascii=False,
        ),
        "utf-8",
    )  # fmt: skip
    installation.importer.start(source)
    qtbot.waitUntil(lambda: installation.importer.dialog is not None)
    dialog = installation.importer.dialog
    assert dialog is not None
    summary = dialog.summary.text()
    assert "贵南县人民政府办公室（632525-zfb）" in summary and "县区动态" in summary
    assert "JPG 照片最大：8 MB" in summary and "只能比本机统一设置更严" in summary
    assert "不会应用：" in summary and "报送系统地址" in summary and "CA 证书" in summary
    assert "是否允许领导签发自己提交的信息（文件中为：是）" in summary and "管理员" in summary
    assert "报送系统地址（文件中为：https://xxbs.hainanzhou.gov.cn/）" in summary
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(told))
    assert "已导入" in told[0]
    # in effect at once, without the security settings
    assert context.preset.unit == "贵南县人民政府办公室"
    assert context.preset.limits.jpeg_max_bytes == 8 * 1024 * 1024
    assert not context.preset.sending_configured and not context.preset.allow_self_approval
    assert context.unit == "贵南县人民政府办公室"
    assert (context.paths.config / "preset.user.json").is_file()


def test_a_wrong_file_is_refused_naming_the_setting(
    client: tuple[MainWindow, Installation, ClientContext],
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _window, installation, context = client
    warned: list[str] = []

    def warning(_parent: object, _title: str, text: str, *_args: object) -> int:
        warned.append(text)
        return 0

    monkeypatch.setattr(QMessageBox, "warning", warning)
    source = tmp_path / "preset.json"
    source.write_text(json.dumps({"limits": {"jpeg_max_mb": "很大"}}), "utf-8")
    installation.importer.start(source)
    qtbot.waitUntil(lambda: bool(warned))
    assert "limits.jpeg_max_mb" in warned[0] and str(source) in warned[0]
    assert installation.importer.dialog is None
    assert not (context.paths.config / "preset.user.json").exists()


def test_cancel_installs_nothing(
    client: tuple[MainWindow, Installation, ClientContext], qtbot: QtBot, tmp_path: Path
) -> None:
    _window, installation, context = client
    source = tmp_path / "preset.json"
    source.write_text(json.dumps({"unit": "同德县人民政府办公室"}, ensure_ascii=False), "utf-8")
    installation.importer.start(source)
    qtbot.waitUntil(lambda: installation.importer.dialog is not None)
    dialog = installation.importer.dialog
    assert isinstance(dialog, QWidget)
    dialog.reject()
    assert not (context.paths.config / "preset.user.json").exists()


def test_new_item_dialog_names_the_columns_a_category_feeds(
    hnclient_home: Path, qtbot: QtBot
) -> None:
    from hnclient.ui.new_item_dialog import NewItemDialog

    config = hnclient_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    columns = [{"name": "县区动态", "categories": ["leadership", "visits"]}]
    (config / "preset.json").write_text(json.dumps({"columns": columns}, ensure_ascii=False))
    context = ClientContext.open()
    window = build_window(context)
    qtbot.addWidget(window)
    installation = attach(window, context)
    try:
        dialog = NewItemDialog(window.forms, window, columns_for=window.columns_for)
        qtbot.addWidget(dialog)
        keys = [
            dialog.categories.item(row).data(0x0100) for row in range(dialog.categories.count())
        ]
        dialog.categories.setCurrentRow(keys.index("leadership"))
        assert "本单位对应的门户网站栏目：县区动态" in dialog.description.text()
        dialog.categories.setCurrentRow(keys.index("services"))
        assert "本单位的栏目分工中没有这一类" in dialog.description.text()
    finally:
        installation.crashes.uninstall()
        window.close()
        context.close()
    plain = NewItemDialog(window.forms, None, columns_for=lambda _c: None)
    qtbot.addWidget(plain)
    assert "栏目" not in plain.description.text()
