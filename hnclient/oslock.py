"""OS file locks that the operating system releases when the process dies.

One home for the locks the client takes on its data folder: the single sender
(:mod:`hnclient.sending.lock`), the single window (:mod:`hnclient.instance`) and the store's
open/maintenance guard (:mod:`hnclient.storage.database`). A lock is held on an open file
descriptor, never expressed by a file's existence, so a killed program never leaves a stale
lock behind that blocks the next start.

POSIX: ``flock`` (per open file, so two opens in one process see each other). Windows:
``LockFileEx`` on the first byte, shared or exclusive, through ctypes.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from types import TracebackType


class FileLock:
    """A shared or exclusive lock on ``path`` (created if missing), never waiting."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None
        self.shared = False

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self, *, shared: bool = False) -> bool:
        """Take the lock at once; ``False`` when another holder prevents it.

        Asking again while held changes the mode (shared ↔ exclusive); a refused change leaves
        the lock released, as ``flock`` may drop the old lock before taking the new one.
        """
        if self._fd is not None:
            if self.shared == shared:
                return True
            self.release()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(fd, shared)
        except OSError:
            os.close(fd)
            return False
        self._fd = fd
        self.shared = shared
        return True

    def downgrade(self, timeout_s: float) -> bool:
        """Exclusive → shared on the same open file, waiting up to ``timeout_s`` if another
        opener slips in between (the OS does not convert a lock atomically)."""
        if self._fd is None:
            return False
        if self.shared:
            return True
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                _lock(self._fd, True)
            except OSError:
                if time.monotonic() >= deadline:
                    self.release()
                    return False
                time.sleep(0.02)
                continue
            self.shared = True
            return True

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self) -> FileLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import ctypes
    import msvcrt
    from ctypes import wintypes

    _LOCKFILE_FAIL_IMMEDIATELY = 0x1
    _LOCKFILE_EXCLUSIVE_LOCK = 0x2

    class _Overlapped(ctypes.Structure):
        _fields_ = [
            ("Internal", ctypes.c_void_p),
            ("InternalHigh", ctypes.c_void_p),
            ("Offset", wintypes.DWORD),
            ("OffsetHigh", wintypes.DWORD),
            ("hEvent", wintypes.HANDLE),
        ]

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    _kernel32.LockFileEx.argtypes = [
        wintypes.HANDLE,
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.DWORD,
        ctypes.POINTER(_Overlapped),
    ]
    _kernel32.LockFileEx.restype = wintypes.BOOL
    _kernel32.UnlockFileEx.argtypes = [
        wintypes.HANDLE,
        wintypes.DWORD,
        wintypes.DWORD,
        wintypes.DWORD,
        ctypes.POINTER(_Overlapped),
    ]
    _kernel32.UnlockFileEx.restype = wintypes.BOOL

    def _lock(fd: int, shared: bool) -> None:
        handle = msvcrt.get_osfhandle(fd)  # type: ignore[attr-defined]
        if shared:  # a downgrade: Windows does not convert, so let go of the exclusive lock
            _kernel32.UnlockFileEx(handle, 0, 1, 0, ctypes.byref(_Overlapped()))
        flags = _LOCKFILE_FAIL_IMMEDIATELY | (0 if shared else _LOCKFILE_EXCLUSIVE_LOCK)
        if not _kernel32.LockFileEx(handle, flags, 0, 1, 0, ctypes.byref(_Overlapped())):
            raise OSError(ctypes.get_last_error(), "LockFileEx refused")

    def _unlock(fd: int) -> None:
        handle = msvcrt.get_osfhandle(fd)  # type: ignore[attr-defined]
        _kernel32.UnlockFileEx(handle, 0, 1, 0, ctypes.byref(_Overlapped()))

else:
    import fcntl

    def _lock(fd: int, shared: bool) -> None:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
