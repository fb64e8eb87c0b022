"""Pause and cancel for the sender (the window's buttons; ``threading.Event`` underneath)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from hnclient.sending.errors import Cancelled


class Control:
    """Shared by the sender thread and whoever presses the buttons.

    ``checkpoint()`` is called between chunks and requests: it blocks while paused and raises
    :class:`Cancelled` once stopped or when ``should_stop`` says the item is no longer to be
    sent (the officer unqueued it)."""

    def __init__(self) -> None:
        self._running = threading.Event()
        self._running.set()
        self._stopped = threading.Event()
        self._wake = threading.Event()
        self._cancel_items: set[str] = set()
        self._lock = threading.Lock()

    # -- buttons --------------------------------------------------------------------------
    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()
        self.wake()

    def stop(self) -> None:
        self._stopped.set()
        self._running.set()
        self.wake()

    def cancel_item(self, item_id: str) -> None:
        with self._lock:
            self._cancel_items.add(item_id)

    def wake(self) -> None:
        """Something may be due now (an item queued, the network back)."""
        self._wake.set()

    # -- the sender's side -----------------------------------------------------------------
    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    @property
    def stopped(self) -> bool:
        return self._stopped.is_set()

    def take_cancel(self, item_id: str) -> bool:
        with self._lock:
            if item_id in self._cancel_items:
                self._cancel_items.discard(item_id)
                return True
            return False

    def checkpoint(self, item_id: str = "", should_stop: Callable[[], bool] | None = None) -> None:
        while not self._running.wait(0.2):
            if self._stopped.is_set():
                break
        if self._stopped.is_set():
            raise Cancelled("stopped")
        if item_id and self.take_cancel(item_id):
            raise Cancelled(f"item {item_id} cancelled")
        if should_stop is not None and should_stop():
            raise Cancelled("no longer queued")

    def sleep(self, seconds: float) -> None:
        """Wait between retries; a stop cuts it short (:class:`Cancelled`)."""
        if self._stopped.wait(max(0.0, seconds)):
            raise Cancelled("stopped")

    def idle(self, seconds: float) -> None:
        """Wait for work: returns early when woken or stopped."""
        self._wake.wait(max(0.0, seconds))
        self._wake.clear()
