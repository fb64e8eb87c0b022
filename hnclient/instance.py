"""One window per user and data folder.

The window holds an OS lock on ``window.lock`` in the data folder for as long as it runs
(:class:`hnclient.oslock.FileLock`: a killed window leaves no stale lock). A second start
finds the lock taken and hands its files to the running window instead of opening the store
a second time (:mod:`hnclient.ui.single_instance` carries the message). Commands
(``hnclient list``/``export``/``sync``) do not take this lock: they may run beside the window.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from hnclient.oslock import FileLock
from hnclient.paths import AppPaths

log = logging.getLogger(__name__)


class WindowLock:
    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths
        self._lock = FileLock(paths.window_lock)

    @property
    def held(self) -> bool:
        return self._lock.held

    def acquire(self) -> bool:
        """``True`` when this is the only window; ``False`` when another one runs.

        A data folder that cannot be written cannot hold the lock either: the window opens
        (read-only, so a second one there can do no harm)."""
        try:
            return self._lock.try_acquire()
        except OSError as error:
            log.warning("window lock %s unavailable (%s)", self.paths.window_lock, error)
            return True

    def release(self) -> None:
        self._lock.release()


def window_running(paths: AppPaths) -> bool | None:
    """Whether a window holds this data folder (for a command's message), None if unknown.

    Probes with a shared lock released at once; a window starting in that instant would take
    it for a running window, so only call this when something else already says one may run
    (the sender lock is taken)."""
    probe = FileLock(paths.window_lock)
    try:
        free = probe.try_acquire(shared=True)
    except OSError:
        return None
    probe.release()
    return not free


def server_name(data_dir: Path) -> str:
    """The local socket name the running window listens on: one per user and data folder."""
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name: the folder alone still separates users
        user = ""
    try:
        folder = str(data_dir.resolve())
    except OSError:
        folder = str(data_dir.absolute())
    digest = hashlib.sha256(f"{user}\0{folder}".encode()).hexdigest()[:20]
    return f"hnclient-{digest}"
