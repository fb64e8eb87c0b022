"""Saves and background work that finish after the officer has moved on: nothing goes astray.

Real window, real store file, real attachment store; results of background work are queued to
the GUI thread, so a test can switch items before a result is delivered without any timing.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from .conftest import WindowFactory, make_jpeg, type_text


def test_attachment_finishing_after_a_switch_goes_to_its_own_item(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    first = window.create_item("other")
    assert first is not None
    panel = window.editor.attachments
    panel.add_paths([make_jpeg(tmp_path / "甲的照片.jpg")])
    second = window.create_item("policy")  # switches before the check's result is delivered
    assert second is not None and window._current_id == second.id
    qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)
    # The open (second) item must not receive the first item's photo …
    assert panel.references() == ()
    window._flush()
    assert window.store.get_item(second.id).attachments == ()
    # … and the first item must not lose it.
    qtbot.waitUntil(lambda: len(window.store.get_item(first.id).attachments) == 1, timeout=10_000)
    assert window.store.get_item(first.id).attachments[0].name == "甲的照片.jpg"


def test_cover_finishing_after_a_switch_goes_to_its_own_item(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    window = open_window()
    first = window.create_item("other")
    assert first is not None
    cover = window.editor.cover
    cover.import_file(make_jpeg(tmp_path / "封面.jpg"))
    second = window.create_item("policy")
    assert second is not None
    qtbot.waitUntil(lambda: cover.choose_button.isEnabled(), timeout=10_000)
    assert cover.cover() is None
    window._flush()
    assert window.store.get_item(second.id).cover is None
    qtbot.waitUntil(lambda: window.store.get_item(first.id).cover is not None, timeout=10_000)
    stored = window.store.get_item(first.id).cover
    assert stored is not None and stored.name == "封面.jpg"


def test_late_attachment_keeps_the_edits_typed_into_its_item(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path
) -> None:
    """The late result is added to what was stored at the switch, not to an older copy."""
    window = open_window()
    first = window.create_item("other")
    assert first is not None
    type_text(window.editor.title_edit.editor, "切换前输入的标题")
    window.editor.attachments.add_paths([make_jpeg(tmp_path / "照片.jpg")])
    window.create_item("policy")
    qtbot.waitUntil(lambda: len(window.store.get_item(first.id).attachments) == 1, timeout=10_000)
    assert window.store.get_item(first.id).title == "切换前输入的标题"


def test_autosave_is_not_held_up_by_long_background_work(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    """Video conversions, exports and checks fill the shared pool (2 threads on many county
    PCs): typing must still reach the disk, and switching items must not wait for them."""
    window = open_window()
    first = window.create_item("other")
    assert first is not None
    release = threading.Event()
    finished = threading.Event()
    started = threading.Semaphore(0)

    def long_work() -> None:
        started.release()
        release.wait(60)
        finished.set()

    try:
        for _ in range(QThreadPool.globalInstance().maxThreadCount()):
            window.runner.run(long_work)
        for _ in range(QThreadPool.globalInstance().maxThreadCount()):
            assert started.acquire(timeout=10)
        with qtbot.waitSignal(window.autosave.saved, timeout=10_000):
            type_text(window.editor.title_edit.editor, "转换视频时输入的标题")
        assert window.store.get_item(first.id).title == "转换视频时输入的标题"
        type_text(window.editor.title_edit.editor, "，续")
        window.autosave.on_timer()  # a save in flight when the officer switches
        second = window.create_item("policy")
        assert second is not None and window._current_id == second.id
        assert not finished.is_set()  # the switch did not wait for the long work
        assert window.store.get_item(first.id).title == "转换视频时输入的标题，续"
    finally:
        release.set()
        window.runner.wait()


def test_edits_arriving_while_delete_is_confirmed_reach_the_recycle_bin(
    qtbot: QtBot, open_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The confirmation is a nested event loop: a background result can edit the item there."""
    window = open_window()
    item = window.create_item("other")
    assert item is not None
    panel = window.editor.attachments
    panel.add_paths([make_jpeg(tmp_path / "删除前加的照片.jpg")])

    def confirm(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)  # the officer reads …
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", confirm)
    window.on_delete()
    assert window.store.list_items(deleted=True)[0].id == item.id
    window.store.restore_item(item.id)
    assert [r.name for r in window.store.get_item(item.id).attachments] == ["删除前加的照片.jpg"]
