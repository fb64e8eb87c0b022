"""One sender per data folder: an OS file lock, released by the OS if the process dies.

The lock itself is :class:`hnclient.oslock.FileLock` (a killed ``hnclient sync`` must not
leave a stale lock file behind that blocks sending).
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from hnclient.oslock import FileLock
from hnclient.sending.errors import AlreadySending

LOCK_FILE = "sender.lock"


class SenderLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / LOCK_FILE
        self._lock = FileLock(self.path)

    @property
    def held(self) -> bool:
        return self._lock.held

    def acquire(self) -> None:
        """Take the lock or raise :class:`AlreadySending` at once (never waits)."""
        if not self._lock.try_acquire():
            raise AlreadySending()

    def release(self) -> None:
        self._lock.release()

    def __enter__(self) -> SenderLock:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
