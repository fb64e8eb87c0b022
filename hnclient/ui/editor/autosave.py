"""Autosave: what the officer types reaches the disk within 2 seconds.

Two timers: a short quiet-period timer (saves soon after typing pauses) and a maximum-delay
timer started by the first unsaved change (saves during continuous typing). Saves run in the
background so a slow disk never stalls typing; one save per editor is in flight at a time,
and changes made meanwhile are saved right after it. :meth:`flush` saves synchronously, for
switching items and closing the window.

Saves have a thread of their own: the shared pool may be busy for minutes (video conversions,
exports — a county PC often has two cores), and neither typing reaching the disk nor a
switch of items (which waits for the save in flight) may wait behind that work.

A save the store refused (a full disk, a locked file) is retried by itself, at a growing
interval (2 s, 4 s, … up to 30 s), so once space is free the edits reach the disk without
the officer pressing Ctrl+S; the next success replaces the error shown. A retry is one more
ordinary save: it never runs beside the save in flight nor inside :meth:`flush`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThreadPool, QTimer, Signal

from hnclient.items import Item
from hnclient.service import ItemService
from hnclient.storage import SaveReason, StoreError
from hnclient.storage.errors import ItemNotEditableError, ItemNotFoundError, NewerSchemaError
from hnclient.ui.editor.item_editor import ItemEditor
from hnclient.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

QUIET_MS = 700
MAX_DELAY_MS = 1500
RETRY_FIRST_MS = 2000
RETRY_MAX_MS = 30_000

# Refusals that waiting cannot cure: the item is gone or may no longer change.
_PERMANENT = (ItemNotFoundError, ItemNotEditableError, NewerSchemaError)


class AutosaveController(QObject):
    """Saves the editor's item.

    Signals:
        saved(object): the stored :class:`Item` after a successful save.
        failed(object): the :class:`StoreError` (or other exception) a save raised.
    """

    saved = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        editor: ItemEditor,
        service: ItemService,
        edit_session: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._editor = editor
        self._service = service
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        self._runner = TaskRunner(self, pool)
        self._edit_session = edit_session
        self._dirty = False
        self._in_flight = False
        self._flushing = False
        self.quiet_timer = QTimer(self)
        self.quiet_timer.setSingleShot(True)
        self.quiet_timer.setInterval(QUIET_MS)
        self.quiet_timer.timeout.connect(self.on_timer)
        self.max_timer = QTimer(self)
        self.max_timer.setSingleShot(True)
        self.max_timer.setInterval(MAX_DELAY_MS)
        self.max_timer.timeout.connect(self.on_timer)
        # After a failed save: try again by itself, waiting longer each time.
        self.retry_first_ms = RETRY_FIRST_MS
        self.retry_max_ms = RETRY_MAX_MS
        self._retry_delay_ms = 0
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self.on_timer)
        editor.edited.connect(self.on_edited)

    @property
    def dirty(self) -> bool:
        return self._dirty or self._in_flight

    def on_edited(self) -> None:
        if self._editor.is_read_only():
            return
        self._dirty = True
        self.quiet_timer.start()
        if not self.max_timer.isActive():
            self.max_timer.start()

    def on_timer(self) -> None:
        if not self._dirty or self._in_flight or self._flushing:
            return
        item = self._take_snapshot()
        if item is None:
            return
        self._in_flight = True
        self._runner.run(
            self._save_work(item, "autosave"), self._on_background_saved, self._on_background_failed
        )

    def flush(self, reason: SaveReason = "autosave") -> bool:
        """Save now, on this thread. False if the save failed (the edits stay in the editor)."""
        self._flushing = True
        try:
            while self._in_flight:
                self._runner.wait()
                # Deliver the finished save's result, but no clicks or keys: they would act
                # (switch items, close) in the middle of this flush.
                QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
            if not self._dirty and reason != "manual":
                return True
            item = self._take_snapshot()
            if item is None:
                return True
            try:
                stored = self._save_work(item, reason)()
            except Exception as error:  # noqa: BLE001 - reported to the officer, never lost
                self._dirty = True
                self._schedule_retry(error)
                self.failed.emit(error)
                return False
        finally:
            self._flushing = False
        self._reset_retry()
        self._editor.accept_saved(stored)
        self.saved.emit(stored)
        return True

    def discard(self) -> None:
        """Forget pending changes (the item itself went away, e.g. deleted elsewhere)."""
        self._dirty = False
        self.quiet_timer.stop()
        self.max_timer.stop()
        self._reset_retry()

    # --- internals ----------------------------------------------------------------------
    def _take_snapshot(self) -> Item | None:
        self.quiet_timer.stop()
        self.max_timer.stop()
        item = self._editor.collect()
        self._dirty = False
        return item

    def _save_work(self, item: Item, reason: SaveReason) -> Callable[[], Item]:
        service, session = self._service, self._edit_session
        return lambda: service.save(item, reason=reason, edit_session=session)

    def _schedule_retry(self, error: BaseException) -> None:
        if not isinstance(error, StoreError) or isinstance(error, _PERMANENT):
            return
        first = max(1, self.retry_first_ms)
        delay = first if self._retry_delay_ms <= 0 else self._retry_delay_ms * 2
        self._retry_delay_ms = min(delay, max(first, self.retry_max_ms))
        self.retry_timer.start(self._retry_delay_ms)

    def _reset_retry(self) -> None:
        self._retry_delay_ms = 0
        self.retry_timer.stop()

    def _on_background_saved(self, stored: Item) -> None:
        self._in_flight = False
        self._reset_retry()
        self._editor.accept_saved(stored)
        self.saved.emit(stored)
        if self._dirty and not self._flushing:
            self.on_timer()

    def _on_background_failed(self, error: BaseException) -> None:
        self._in_flight = False
        self._dirty = True  # keep trying later; nothing typed is dropped
        if not isinstance(error, StoreError):
            log.error("autosave failed", exc_info=error)
        self._schedule_retry(error)
        self.failed.emit(error)
