"""An unexpected exception: the typed text is saved, the traceback is in the log, and a
Chinese dialog says so and where the log is (hooks: sys.excepthook, Qt slots, threads)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from hnclient.ui.app import ClientContext, build_window
from hnclient.ui.installation import Installation, attach
from hnclient.ui.main_window import MainWindow

from .conftest import type_text

pytestmark = pytest.mark.qt_no_exception_capture  # the hooks under test are ours


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
        if installation.crashes.dialog is not None:
            installation.crashes.dialog.done(0)
        window.close()
        context.close()


def _log_text(context: ClientContext) -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return (context.paths.logs / "hnclient.log").read_text("utf-8")


def test_an_exception_in_a_slot_saves_logs_and_explains(
    client: tuple[MainWindow, Installation, ClientContext], qtbot: QtBot
) -> None:
    window, installation, context = client
    item = window.create_item("other")
    assert item is not None
    type_text(window.editor.title_edit.editor, "出错前刚输入的标题")

    def broken_slot() -> None:
        raise RuntimeError("slot went wrong")

    QTimer.singleShot(0, broken_slot)
    qtbot.waitUntil(lambda: installation.crashes.dialog is not None)
    dialog = installation.crashes.dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.text()
    assert "意外的错误（RuntimeError）" in text and "已经自动保存，没有丢失" in text
    assert str(context.paths.logs / "hnclient.log") in text
    assert "打开日志文件夹" in [b.text() for b in dialog.buttons()]
    # nothing lost: the title typed a moment before is in the store, saved before the dialog
    assert context.store.get_item(item.id).title == "出错前刚输入的标题"
    log = _log_text(context)
    assert "CRITICAL" in log and "unexpected error" in log
    assert 'raise RuntimeError("slot went wrong")' in log and "Traceback" in log


def test_an_exception_in_a_thread_reaches_the_dialog_on_the_gui_thread(
    client: tuple[MainWindow, Installation, ClientContext], qtbot: QtBot
) -> None:
    _window, installation, context = client

    def work() -> None:
        raise ValueError("worker went wrong")

    thread = threading.Thread(target=work, name="报送线程")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: installation.crashes.dialog is not None)
    assert "ValueError" in installation.crashes.dialog.text()  # type: ignore[union-attr]
    assert "unexpected error in thread 报送线程" in _log_text(context)


def test_more_errors_while_the_dialog_is_open_are_logged_not_stacked(
    client: tuple[MainWindow, Installation, ClientContext], qtbot: QtBot
) -> None:
    _window, installation, context = client
    crashes = installation.crashes
    for n in range(3):
        crashes.excepthook(KeyError, KeyError(f"第{n}次"), None)
    qtbot.waitUntil(lambda: crashes.more == 2)
    assert crashes.dialog is not None
    crashes.dialog.done(0)
    qtbot.waitUntil(lambda: crashes.dialog is None)
    assert _log_text(context).count("unexpected error") == 3


def test_a_failed_save_is_said_honestly(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QWidget

    from hnclient.ui.crash import CrashReporter

    parent = QWidget()
    qtbot.addWidget(parent)
    reporter = CrashReporter(parent, tmp_path / "hnclient.log", flush=lambda: False)
    reporter.excepthook(OSError, OSError("disk"), None)
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert "没有保存成功，但仍在窗口中" in reporter.dialog.text()  # type: ignore[union-attr]
    reporter.dialog.done(0)  # type: ignore[union-attr]


def test_install_and_uninstall_restore_the_hooks(qtbot: QtBot, tmp_path: Path) -> None:
    import sys

    from PySide6.QtWidgets import QWidget

    from hnclient.ui.crash import CrashReporter

    before = (sys.excepthook, threading.excepthook)
    parent = QWidget()
    qtbot.addWidget(parent)
    reporter = CrashReporter(parent, tmp_path / "hnclient.log")
    reporter.install()
    assert sys.excepthook == reporter.excepthook
    assert threading.excepthook == reporter.thread_excepthook
    reporter.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def test_an_unhandled_background_task_failure_is_reported(
    client: tuple[MainWindow, Installation, ClientContext], qtbot: QtBot
) -> None:
    window, installation, context = client

    def work() -> None:
        raise LookupError("background went wrong")

    window.runner.run(work)  # no on_error: nobody expected it to fail
    qtbot.waitUntil(lambda: installation.crashes.dialog is not None)
    assert "LookupError" in installation.crashes.dialog.text()  # type: ignore[union-attr]
    assert "background went wrong" in _log_text(context)


def test_an_error_escaping_the_window_is_logged_and_shown(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from hnclient.logs import configure_logging
    from hnclient.ui.crash import run_guarded

    shown: list[str] = []

    def critical(_parent: object, _title: str, text: str, *_args: object) -> int:
        shown.append(text)
        return 0

    monkeypatch.setattr(QMessageBox, "critical", critical)
    log_file = configure_logging(tmp_path)

    def run() -> int:
        raise KeyError("no such form")

    assert run_guarded(run, log_file) == 1
    assert "意外的错误（KeyError）" in shown[0] and str(log_file) in shown[0]
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "KeyError: 'no such form'" in log_file.read_text("utf-8")
    assert run_guarded(lambda: 0, log_file) == 0
