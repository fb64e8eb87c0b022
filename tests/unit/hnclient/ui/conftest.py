"""UI fixtures: a real client context (real SQLite file under HNCLIENT_HOME) and its window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hnclient.ui.app import ClientContext, build_window
from hnclient.ui.i18n import install_translators
from hnclient.ui.main_window import MainWindow

WindowFactory = Callable[[], MainWindow]


@pytest.fixture(autouse=True, scope="session")
def chinese_ui(qapp: QApplication) -> None:
    """Widgets speak Simplified Chinese, as the client does by default."""
    install_translators(qapp, "zh_CN")


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[WindowFactory]:
    """Opens the client as a start would; each call closes the previous one first (a restart)."""
    contexts: list[ClientContext] = []
    windows: list[MainWindow] = []

    def close_current() -> None:
        if windows:
            window = windows.pop()
            window.close()
        if contexts:
            contexts.pop().close()

    def factory() -> MainWindow:
        close_current()
        context = ClientContext.open()
        window = build_window(context)
        qtbot.addWidget(window)
        window.show()
        contexts.append(context)
        windows.append(window)
        return window

    yield factory
    close_current()


def type_text(widget: QWidget, text: str) -> None:
    """Type Chinese the way an input method delivers it: as committed text, not key codes.

    QTest's keyClicks maps characters to key codes and aborts on many CJK punctuation marks.
    """
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def make_jpeg(path: Path, size: tuple[int, int] = (640, 480)) -> Path:
    """A real, plain JPEG photo for attachment tests."""
    Image.new("RGB", size, (30, 120, 200)).save(path, "JPEG", quality=85)
    return path
