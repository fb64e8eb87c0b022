"""Starting the client with bad data around it: a clear message, and nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hnclient.context import ClientContext, StartupError
from hnclient.paths import app_paths
from hnclient.storage import Store
from hnclient.ui.app import editor_services

from .conftest import WindowFactory


def test_newer_database_is_refused_and_left_untouched(hnclient_home: Path) -> None:
    paths = app_paths().ensure()
    with sqlite3.connect(paths.database) as connection:
        connection.execute("PRAGMA user_version = 999")
        connection.execute("CREATE TABLE future (x)")
    before = paths.database.read_bytes()
    with pytest.raises(StartupError) as caught:
        ClientContext.open()
    assert "新版本" in caught.value.message_zh() or "更新" in caught.value.message_zh()
    assert paths.database.read_bytes() == before


def test_corrupt_database_is_moved_aside_and_the_officer_told_where(hnclient_home: Path) -> None:
    paths = app_paths().ensure()
    garbage = b"this is not a database" * 500
    paths.database.write_bytes(garbage)
    context = ClientContext.open()
    try:
        assert context.notices and "损坏" in context.notices[0][0]
        moved = context.store.recovered_from_corruption
        assert moved is not None and str(moved) in context.notices[0][0]
        assert moved.read_bytes() == garbage
        assert context.store.count_items() == 0
    finally:
        context.close()


def test_a_command_opens_the_store_beside_the_window(hnclient_home: Path) -> None:
    """The window's context and a command's share the file (issue 9 item 3); two windows
    are kept apart by the window lock instead (test_single_instance)."""
    first = ClientContext.open()
    try:
        item = first.service.create("policy").item
        assert item is not None
        command = ClientContext.open(interactive=False)
        try:
            assert [s.id for s in command.store.list_items()] == [item.id]
        finally:
            command.close()
    finally:
        first.close()


def test_unusable_data_directory_stops_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("HNCLIENT_HOME", str(blocker / "home"))
    with pytest.raises(StartupError) as caught:
        ClientContext.open()
    assert "数据文件夹" in caught.value.message_zh()


def test_unclean_exit_reports_the_items_being_edited(hnclient_home: Path) -> None:
    context = ClientContext.open()
    assert context.session is not None
    item = context.store.create_item("other", 1, edit_session=context.session.session_id)
    context.store.close()  # the marker stays: as if the process had been killed
    again = ClientContext.open()
    try:
        assert again.recovered_ids == [item.id]
    finally:
        again.close()
    clean = ClientContext.open()
    try:
        assert clean.recovered_ids == []
    finally:
        clean.close()


def test_every_editor_field_is_reachable_with_tab(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    item = window.create_item("service_guide")
    assert item is not None
    editor = window.editor
    targets = {w.focus_target() for w in editor._field_widgets.values()}
    targets |= {editor.title_edit.editor, editor.summary_edit.editor, editor.cover.choose_button}
    editor.title_edit.editor.setFocus()
    reached: set[QWidget] = set()
    widget: QWidget | None = editor.title_edit.editor
    for _ in range(400):
        assert widget is not None
        reached.add(widget)
        widget = widget.nextInFocusChain()
        if widget is editor.title_edit.editor:
            break
    focusable = {w for w in reached if w.focusPolicy() & Qt.FocusPolicy.TabFocus}
    missing = [t for t in targets if t not in focusable]
    assert missing == [], [type(m).__name__ for m in missing]


def test_a_store_opened_before_is_reused_by_the_window(
    qtbot: QtBot, open_window: WindowFactory, hnclient_home: Path
) -> None:
    paths = app_paths().ensure()
    store = Store.open(paths.database)
    store.create_item("policy", 1, title="启动前已有的信息")
    store.close()
    window = open_window()
    assert window.model.rowCount() == 1
    summary = window.model.summary_at(0)
    assert summary is not None and summary.title == "启动前已有的信息"


def test_damage_found_after_start_is_handled_at_the_next_start(hnclient_home: Path) -> None:
    import os

    context = ClientContext.open()
    for n in range(300):
        context.store.create_item("policy", 1, title=f"第{n}条", summary="内容" * 200)
    context.close()  # clean exit: the next start skips the full check
    path = context.paths.database
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    page = len(data) // page_size // 2
    data[page * page_size : (page + 1) * page_size] = os.urandom(page_size)
    path.write_bytes(bytes(data))

    damaged = ClientContext.open()
    try:
        assert not damaged.verified
        message = damaged.check_integrity()
        assert message is not None and "损坏" in message[0]
        assert damaged.paths.integrity_flag.exists()
    finally:
        damaged.close()
    again = ClientContext.open()
    try:
        assert again.verified and again.store.recovered_from_corruption is not None
        assert not again.paths.integrity_flag.exists()
    finally:
        again.close()


def test_county_preset_sets_limits_and_default_unit(hnclient_home: Path, tmp_path: Path) -> None:
    import json

    from PIL import Image

    config = hnclient_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "preset.json").write_text(
        json.dumps({"unit": "兴海县人民政府", "limits": {"jpeg_max_mb": 0.01}}), encoding="utf-8"
    )
    photo = tmp_path / "大照片.jpg"
    Image.effect_noise((400, 400), 80).convert("RGB").save(photo, "JPEG", quality=95)
    assert photo.stat().st_size > 0.01 * 1024 * 1024
    context = ClientContext.open()
    try:
        assert context.unit == "兴海县人民政府" and context.settings.unit == ""
        outcome = editor_services(context).add_attachment(photo)
        assert not outcome.added and outcome.verdict.code == "too_large"
    finally:
        context.close()


def test_broken_preset_is_reported_and_defaults_are_used(hnclient_home: Path) -> None:
    config = hnclient_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "preset.json").write_text("{broken", encoding="utf-8")
    context = ClientContext.open()
    try:
        assert any("预设文件" in zh for zh, _en in context.notices)
        assert context.preset.limits.jpeg_max_bytes == 20 * 1024 * 1024
    finally:
        context.close()


def test_start_up_path_leaves_heavy_modules_for_later() -> None:
    """What the window needs before its first paint; the rest loads on first use (cold_start)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import hnclient.ui.app\n"
        "heavy = ('PIL', 'docx', 'lxml', 'olefile', 'imageio_ffmpeg', 'hnclient.checks.files',\n"
        "         'hnclient.word', 'hnclient.convert', 'hnclient.ui.editor.item_editor')\n"
        "print(','.join(sorted(m for m in sys.modules if m.startswith(heavy))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"loaded at start-up: {result.stdout}"
