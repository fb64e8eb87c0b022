"""Turns the Qt-free store's change callbacks into a Qt signal.

The store calls listeners on whichever thread committed (often a worker). Emitting a signal
from there is safe: Qt queues it to the receivers' (GUI) thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from hnclient.storage import Store, StoreEvent


class StoreBridge(QObject):
    """Relays store events.

    Signals:
        changed(str kind, str item_id): after a committed change, on the GUI thread.
    """

    changed = Signal(str, str)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        store.add_listener(self._on_store_event)

    def detach(self) -> None:
        self._store.remove_listener(self._on_store_event)

    def _on_store_event(self, event: StoreEvent) -> None:
        self.changed.emit(event.kind, event.item_id)
