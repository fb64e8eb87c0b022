"""Autosave after a failed save: it tries again by itself, and a success clears the error."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from hnclient.storage import Store
from hnclient.ui.editor.fields import MultilineFieldWidget
from hnclient.ui.main_window import MainWindow

from ..conftest import WindowFactory, type_text

NO_LIMIT = 1073741823
ADDED = "新增内容" * 20_000


@contextmanager
def _disk_full(store: Store) -> Iterator[None]:
    """The database file cannot grow any more: SQLite's own SQLITE_FULL, a real failed write.

    Space comes back on leaving even if the test fails: pytest-qt closes the window before
    fixtures are torn down, and closing with unsaved edits would ask, modally, what to do.
    """
    conn = store._connection()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")
    try:
        yield
    finally:
        _free_disk(store)


def _free_disk(store: Store) -> None:
    store._connection().execute(f"PRAGMA max_page_count = {NO_LIMIT}")


def _draft(qtbot: QtBot, window: MainWindow) -> tuple[str, MultilineFieldWidget]:
    item = window.create_item("other")
    assert item is not None
    with qtbot.waitSignal(window.autosave.saved, timeout=5000):
        type_text(window.editor.title_edit.editor, "磁盘将满时的稿件")
    body = window.editor._field_widgets["body"]
    assert isinstance(body, MultilineFieldWidget)
    return item.id, body


def _stored_body(window: MainWindow, item_id: str) -> str:
    return str(window.store.get_item(item_id).values.get("body") or "")


def test_saving_resumes_by_itself_once_space_is_free(
    qtbot: QtBot, open_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window()
    item_id, body = _draft(qtbot, window)
    autosave = window.autosave
    autosave.retry_first_ms, autosave.retry_max_ms = 40, 160

    # Count saves running at once, through the real service and store.
    service = window.service
    real_save: Callable[..., Any] = service.save
    lock = threading.Lock()
    running = [0]
    most = [0]

    def counting_save(*args: Any, **kwargs: Any) -> Any:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            return real_save(*args, **kwargs)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(service, "save", counting_save)
    delays: list[int] = []
    autosave.failed.connect(lambda _error: delays.append(autosave.retry_timer.interval()))

    stored_before = window.store.get_item(item_id)
    with _disk_full(window.store):
        with qtbot.waitSignal(autosave.failed, timeout=5000):
            type_text(body.editor, ADDED)
        assert "磁盘" in window.editor.status.text()

        # Nobody types and nobody presses Ctrl+S: it tries again, waiting longer each time.
        qtbot.waitUntil(lambda: len(delays) >= 5, timeout=10_000)
        assert delays[:5] == [40, 80, 160, 160, 160]
        assert autosave.dirty
        assert window.store.get_item(item_id).content_hash() == stored_before.content_hash()
        assert "磁盘" in window.editor.status.text()
    # space freed
    qtbot.waitUntil(lambda: _stored_body(window, item_id).endswith("新增内容"), timeout=10_000)
    qtbot.waitUntil(lambda: not autosave.dirty, timeout=5000)
    status = window.editor.status.text()
    assert "自动保存" in status and "磁盘" not in status  # the stale error is gone
    assert window._last_save_error is None
    assert not autosave.retry_timer.isActive()
    assert most[0] == 1  # a retry never ran beside another save
    assert autosave.flush() is True


def test_flush_saves_while_a_retry_is_pending(qtbot: QtBot, open_window: WindowFactory) -> None:
    window = open_window()
    item_id, body = _draft(qtbot, window)
    autosave = window.autosave
    autosave.retry_first_ms = autosave.retry_max_ms = 600_000  # the retry waits; Ctrl+S does not
    with _disk_full(window.store):
        with qtbot.waitSignal(autosave.failed, timeout=5000):
            type_text(body.editor, ADDED)
        assert autosave.retry_timer.isActive()
        assert autosave.flush("manual") is False  # still full: the retry stays planned
        assert autosave.retry_timer.isActive() and autosave.dirty
    assert autosave.flush("manual") is True
    assert _stored_body(window, item_id).endswith("新增内容")
    assert not autosave.retry_timer.isActive() and not autosave.dirty
    assert "磁盘" not in window.editor.status.text()
