"""`make run` is stopped with Ctrl+C: the client closes its window (saving first) and exits 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hnclient.paths import app_paths
from hnclient.settings import Settings


def test_ctrl_c_closes_the_client(hnclient_home: Path) -> None:
    # A unit is set: no first-start question; the window is the only thing open.
    Settings(unit="共和县人民政府办公室").save(app_paths().config / "settings.json")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HNCLIENT_HOME=str(hnclient_home))
    process = subprocess.Popen(
        [sys.executable, "-m", "hnclient"],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        for line in process.stderr:  # the offscreen platform says so once the window shows
            if "propagateSizeHints" in line or time.monotonic() > deadline:
                break
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_ctrl_c_while_the_first_start_question_is_open(hnclient_home: Path) -> None:
    """A new PC: the first-start dialog is open when Ctrl+C comes; the client still ends."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HNCLIENT_HOME=str(hnclient_home))
    process = subprocess.Popen(
        [sys.executable, "-m", "hnclient"],
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 60
        shown = 0
        for line in process.stderr:  # the window, then the dialog over it
            shown += "propagateSizeHints" in line
            if shown >= 2 or time.monotonic() > deadline:
                break
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
