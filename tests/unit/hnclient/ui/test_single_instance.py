"""One window per user (issue 11 item 5): a second start brings the running window forward and
hands it the files it was started with (a photo dropped on the program's icon). Real processes:
the window here (pytest-qt) or in a subprocess, the second start always a subprocess."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from hnclient.instance import WindowLock, server_name
from hnclient.paths import app_paths
from hnclient.settings import Settings
from hnclient.ui.app import claim_window
from hnclient.ui.single_instance import InstanceServer, hand_over

from .conftest import WindowFactory, make_jpeg

REPO = Path(__file__).resolve().parents[4]


def _start(home: Path, *args: str, cwd: Path = REPO) -> subprocess.Popen[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        HNCLIENT_HOME=str(home),
        PYTHONPATH=os.pathsep.join([str(REPO), str(REPO / "protocol"), str(REPO / "endpoint")]),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "hnclient", *args],
        env=env,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finished(qtbot: QtBot, process: subprocess.Popen[str]) -> int:
    """Wait for the second start while this process's event loop serves the window."""
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=60_000)
    return int(process.returncode)


class MessageCatcher:
    """Records and closes the message boxes the window shows (they run their own loop)."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def _check(self) -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, QMessageBox):
            self.texts.append(widget.text())
            widget.accept()

    def stop(self) -> None:
        self._timer.stop()


def test_second_start_raises_the_window_and_attaches_the_photo(
    qtbot: QtBot, open_window: WindowFactory, hnclient_home: Path, tmp_path: Path
) -> None:
    window = open_window()
    paths = app_paths()
    lock = WindowLock(paths)
    assert lock.acquire()
    try:
        claim_window(window, paths)
        item = window.create_item("leadership")
        assert item is not None
        photo = make_jpeg(tmp_path / "现场照片.jpg")
        window.showMinimized()
        # dropped on the icon: the program is started with the photo, relative to its folder
        second = _start(hnclient_home, photo.name, cwd=tmp_path)
        assert _finished(qtbot, second) == 0, second.stderr.read() if second.stderr else ""
        assert not window.isMinimized()
        attachments = window.editor.attachments
        qtbot.waitUntil(
            lambda: [a.name for a in attachments.references()] == ["现场照片.jpg"],
            timeout=20_000,
        )
        with qtbot.waitSignal(window.autosave.saved, timeout=10_000):
            pass
        stored = window.store.get_item(item.id)
        assert [a.name for a in stored.attachments] == ["现场照片.jpg"]
    finally:
        lock.release()


def test_second_start_with_a_file_and_no_open_item_says_what_to_do(
    qtbot: QtBot, open_window: WindowFactory, hnclient_home: Path, tmp_path: Path
) -> None:
    window = open_window()
    paths = app_paths()
    lock = WindowLock(paths)
    assert lock.acquire()
    catcher = MessageCatcher()
    try:
        claim_window(window, paths)
        photo = make_jpeg(tmp_path / "photo.jpg")
        second = _start(hnclient_home, str(photo))
        assert _finished(qtbot, second) == 0
        qtbot.waitUntil(lambda: bool(catcher.texts), timeout=10_000)
        text = catcher.texts[0]
        assert "先打开" in text and "photo.jpg" in text, text
    finally:
        catcher.stop()
        lock.release()
    assert window.store.count_items() == 0  # nothing was made up


def test_a_killed_window_does_not_block_the_next_start(
    qtbot: QtBot, hnclient_home: Path, tmp_path: Path
) -> None:
    Settings(unit="共和县人民政府办公室").save(app_paths().config / "settings.json")
    first = _start(hnclient_home)
    try:
        name = server_name(app_paths().data)
        assert hand_over(name, [], timeout_s=60)  # the first window is up and answers
        # a second real start, with no file: the first window answers it, the second ends
        second = _start(hnclient_home)
        assert _finished(qtbot, second) == 0
        assert first.poll() is None
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=10)
        # the OS dropped the lock with the process; the dead window's socket is replaced
        lock = WindowLock(app_paths())
        assert lock.acquire()
        try:
            assert not hand_over(name, [], timeout_s=0.5)
            server = InstanceServer(name)
            assert server.listening
            heard: list[list[str]] = []
            server.activated.connect(heard.append)
            third = _start(hnclient_home, str(tmp_path / "x.docx"))
            assert _finished(qtbot, third) == 0
            qtbot.waitUntil(lambda: bool(heard), timeout=5000)
            assert heard == [[str(tmp_path / "x.docx")]]
            server.close()
        finally:
            lock.release()
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()


def test_a_start_while_the_window_still_opens_is_kept_for_it(
    qtbot: QtBot, open_window: WindowFactory, hnclient_home: Path, tmp_path: Path
) -> None:
    """The server listens from the moment the lock is taken; what arrives before the window
    exists is handed to it once it does."""
    paths = app_paths()
    lock = WindowLock(paths)
    assert lock.acquire()
    try:
        server = InstanceServer(server_name(paths.data))
        server.keep_early()
        early = str(tmp_path / "早到的文件.jpg")
        assert _finished(qtbot, _start(hnclient_home, early)) == 0
        window = open_window()
        heard: list[list[str]] = []
        window.on_activated = heard.append  # type: ignore[method-assign,assignment]
        claim_window(window, paths, server)
        assert heard == [[early]]
    finally:
        lock.release()


def test_a_mistyped_command_is_not_taken_for_a_file(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from hnclient import cli

    started: list[list[str] | None] = []

    def run_gui(files: list[str] | None = None) -> int:  # the window itself is not the point
        started.append(files)
        return 0

    monkeypatch.setattr("hnclient.ui.app.run_gui", run_gui)
    with pytest.raises(SystemExit):
        cli.main(["lst"])  # argparse says it is no command
    assert started == []
    photo = tmp_path / "照片.jpg"
    assert cli.main([str(photo)]) == 0  # a file name (even a missing one) opens the window
    assert cli.main(["照片.jpg"]) == 0
    assert started == [[str(photo)], ["照片.jpg"]]
