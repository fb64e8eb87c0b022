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


def _interrupt_once_shown(home: Path, shown: int) -> int:
    """Start the client offscreen, wait until ``shown`` windows (the offscreen platform says so
    for each), press Ctrl+C (SIGINT) and return the exit code."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HNCLIENT_HOME=str(home))
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
        seen = 0
        for line in process.stderr:
            seen += "propagateSizeHints" in line
            if seen >= shown or time.monotonic() > deadline:
                break
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        return process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_ctrl_c_closes_the_client(hnclient_home: Path) -> None:
    # A unit is set: no first-start question; the window is the only thing open.
    Settings(unit="共和县人民政府办公室").save(app_paths().config / "settings.json")
    assert _interrupt_once_shown(hnclient_home, shown=1) == 0


def test_ctrl_c_while_the_first_start_question_is_open(hnclient_home: Path) -> None:
    """A new PC: the first-start dialog is open when Ctrl+C comes; the client still ends."""
    assert _interrupt_once_shown(hnclient_home, shown=2) == 0
