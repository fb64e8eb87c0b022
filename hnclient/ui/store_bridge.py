"""Turns the Qt-free store's change callbacks into a Qt signal.

The store calls listeners on whichever thread committed (often a worker). Emitting a signal
from there is safe: Qt queues it to the receivers' (GUI) thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from hnclient.storage import Store, StoreEvent


class StoreBridge(QObject):
    """Relays store events, also those of other processes (a command beside the window).

    Signals:
        changed(str kind, str item_id): after a committed change, on the GUI thread.
        changed_elsewhere(): another process (``hnclient sync``…) committed a change.
    """

    changed = Signal(str, str)
    changed_elsewhere = Signal()

    #: How often the window looks for changes made by other processes (a cheap pragma).
    POLL_MS = 2000

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        store.add_listener(self._on_store_event)
        self._poll = QTimer(self)
        self._poll.setInterval(self.POLL_MS)
        self._poll.timeout.connect(self.check_elsewhere)
        self._poll.start()

    def check_elsewhere(self) -> None:
        if self._store.changed_elsewhere():
            self.changed_elsewhere.emit()

    def detach(self) -> None:
        self._poll.stop()
        self._store.remove_listener(self._on_store_event)

    def _on_store_event(self, event: StoreEvent) -> None:
        self.changed.emit(event.kind, event.item_id)
