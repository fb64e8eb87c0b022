from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hnclient.sending.errors import AlreadySending
from hnclient.sending.lock import SenderLock


def test_one_sender_per_data_folder(tmp_path: Path) -> None:
    first = SenderLock(tmp_path)
    first.acquire()
    with pytest.raises(AlreadySending):
        SenderLock(tmp_path).acquire()
    first.release()
    with SenderLock(tmp_path) as again:
        assert again.held


def test_the_lock_of_a_killed_process_is_free(tmp_path: Path) -> None:
    code = (
        "import sys, time; from pathlib import Path;"
        "from hnclient.sending.lock import SenderLock;"
        f"SenderLock(Path({str(tmp_path)!r})).acquire(); print('held', flush=True); time.sleep(60)"
    )
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with pytest.raises(AlreadySending):
            SenderLock(tmp_path).acquire()
    finally:
        child.kill()
        child.wait()
    with SenderLock(tmp_path):
        pass
