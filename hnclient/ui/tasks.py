"""The one way to run work off the GUI thread.

A task is a plain callable run on Qt's global thread pool; its result or exception comes back
through a signal that Qt queues onto the GUI thread, so callbacks may touch widgets and workers
never do. Like Anki's ``QueryOp``, the caller says what to run and what to do with the outcome.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Carries a task's outcome to the GUI thread.

    Signals:
        succeeded(object): the task's return value.
        failed(object): the exception the task raised.
    """

    succeeded = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._work = work
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # noqa: BLE001 - every failure must reach the caller
            self._relay.failed.emit(error)
        else:
            self._relay.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs callables in the background and reports back on the GUI thread.

    ``pending`` counts unfinished tasks, so closing can wait for them (see :meth:`wait`).
    """

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()

    @property
    def pending(self) -> int:
        return len(self._relays)

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        relay = _Relay()
        self._relays.add(relay)

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()

        def succeeded(result: Any) -> None:
            finish()
            if on_done is not None and self._alive():
                on_done(result)

        def failed(error: BaseException) -> None:
            finish()
            if not self._alive():
                # The window that asked is gone (closed during the work, e.g. at a restart):
                # its callbacks would touch deleted widgets. Nothing is left to tell.
                log.info("a background task ended after its window closed: %r", error)
            elif on_error is not None:
                on_error(error)
            else:
                # Nobody expected it: the same path as any unexpected error (the crash
                # reporter's hook logs it and tells the officer, once it is installed).
                if sys.excepthook is sys.__excepthook__:
                    log.error("background task failed", exc_info=error)
                else:
                    sys.excepthook(type(error), error, error.__traceback__)

        relay.succeeded.connect(succeeded)
        relay.failed.connect(failed)
        self._pool.start(_Task(work, relay))

    def _alive(self) -> bool:
        """Whether this runner (and so the widget that owns it) still exists."""
        return shiboken6.isValid(self)

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the pool is idle (used on close, when nothing may be left unsaved)."""
        return self._pool.waitForDone(timeout_ms)
