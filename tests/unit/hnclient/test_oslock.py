"""OS file locks: shared beside shared, exclusive alone, and released when a process dies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from hnclient.oslock import FileLock

HOLD = (
    "import sys, time; from pathlib import Path; from hnclient.oslock import FileLock;"
    "lock = FileLock(Path(sys.argv[1])); assert lock.try_acquire(shared=sys.argv[2] == 'sh');"
    "print('held', flush=True); time.sleep(60)"
)
REPO = Path(__file__).resolve().parents[3]


def test_shared_and_exclusive(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    first, second = FileLock(path), FileLock(path)
    assert first.try_acquire(shared=True)
    assert second.try_acquire(shared=True)
    assert not FileLock(path).try_acquire()
    first.release()
    assert not FileLock(path).try_acquire()  # the second still shares it
    second.release()
    with FileLock(path) as alone:
        assert alone.try_acquire()
        assert not FileLock(path).try_acquire(shared=True)
        assert alone.try_acquire(shared=True)  # downgrade
        assert FileLock(path).try_acquire(shared=True)


def test_a_killed_holder_leaves_no_stale_lock(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), "ex"], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert not FileLock(path).try_acquire(shared=True)
    finally:
        holder.kill()
        holder.wait()
    assert path.exists()  # the file stays; the lock went with the process
    assert FileLock(path).try_acquire()


def test_downgrade_keeps_a_lock_on_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    opener = FileLock(path)
    assert opener.try_acquire()
    assert not FileLock(path).try_acquire(shared=True)
    assert opener.downgrade(1.0) and opener.held and opener.shared
    other = FileLock(path)
    assert other.try_acquire(shared=True)  # others may open now …
    assert not FileLock(path).try_acquire()  # … but nobody is alone with it
    other.release()
    opener.release()
