"""The sender: drains the outbox and asks what the office did. Qt-free, one per data folder.

Two ways to run it:

- :meth:`Sender.run_once` — one pass: every due item, then the status and notice feeds
  (``hnclient sync``; tests).
- :meth:`Sender.start` — a long-lived thread for the window: passes whenever something is
  queued (the store's listener wakes it) or a retry becomes due, and polls the feeds every
  ``poll_interval_s``; :meth:`pause`, :meth:`resume`, :meth:`cancel_item`, :meth:`stop`.

Observers (:meth:`add_listener`) hear :mod:`hnclient.sending.events` on the sender's thread.
The OS lock (:class:`~hnclient.sending.lock.SenderLock`) is held while the sender runs:
a second sender gets :class:`~hnclient.sending.errors.AlreadySending`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from hnclient.attachments import AttachmentStore
from hnclient.errors import OfficerError
from hnclient.sending.config import SendingConfig
from hnclient.sending.control import Control
from hnclient.sending.delivery import Delivery, item_files
from hnclient.sending.errors import AlreadySending, Cancelled, SendingError, Unauthorized
from hnclient.sending.events import (
    ItemDelivered,
    ItemFailed,
    ItemProgress,
    NoticesArrived,
    OfficeChanged,
    OverallProgress,
    SenderEvent,
    SenderState,
)
from hnclient.sending.feedback import OfficeChange, poll_notices, poll_statuses
from hnclient.sending.lock import SenderLock
from hnclient.sending.progress import Progress, RateMeter
from hnclient.sending.transport import Transport
from hnclient.sending.uploads import Uploader
from hnclient.storage import Notice, OutboxEntry, Store, StoreError, StoreEvent

log = logging.getLogger(__name__)
#: How often a window's sender asks again for the data folder while a `hnclient sync` sends.
LOCK_RETRY_S = 5.0

Listener = Callable[[SenderEvent], None]


@dataclass(frozen=True)
class ItemOutcome:
    item_id: str
    revision: int
    delivered: bool
    status: str = ""  # the receipt's status when delivered
    receipt_id: str = ""
    message_zh: str = ""
    message_en: str = ""
    refused: bool = False
    #: Nothing more can be sent (the unit token was refused).
    stops_all: bool = False


@dataclass
class PassReport:
    """What one pass did."""

    outcomes: list[ItemOutcome] = field(default_factory=list)
    office: list[OfficeChange] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    #: A problem that stopped the pass (no network for the feeds, a refused token).
    problem: tuple[str, str] | None = None

    @property
    def failed(self) -> bool:
        return self.problem is not None or any(not o.delivered for o in self.outcomes)


class _Tally:
    """Bytes of one pass, per item and overall, with the speed of what was really sent."""

    def __init__(self, sender: Sender, entries: list[OutboxEntry]) -> None:
        self.sender = sender
        self.meter = RateMeter()
        self.item_meter = RateMeter()
        self.totals: dict[str, int] = {}
        self.done: dict[str, int] = {}
        self.revisions: dict[str, int] = {}
        for entry in entries:
            size = 0
            if entry.manifest is None:
                try:
                    content = sender.store.get_item(entry.item_id).content()
                    size = sum(ref.size for ref in item_files(content))
                except (OfficerError, ValueError, KeyError):
                    size = 0
            self.totals[entry.item_id] = size
            self.done[entry.item_id] = 0
            self.revisions[entry.item_id] = entry.revision
        self.left = len(entries)
        self.meter.restart()

    def start_item(self, item_id: str) -> None:
        self.item_meter.restart()

    def add(self, item_id: str, count: int, sent: bool) -> None:
        self.done[item_id] = self.done.get(item_id, 0) + count
        if sent:
            self.meter.add(count)
            self.item_meter.add(count)
        self._emit(item_id)

    def finish_item(self, item_id: str) -> None:
        self.done[item_id] = self.totals.get(item_id, 0)
        self.left -= 1
        self._emit(item_id)

    def _emit(self, item_id: str) -> None:
        total, done = self.totals.get(item_id, 0), self.done.get(item_id, 0)
        revision = self.revisions.get(item_id, 0)
        item = Progress(
            item_id,
            revision,
            min(done, total),
            total,
            self.item_meter.speed,
            self.item_meter.seconds_left(max(total - done, 0)),
        )
        all_total, all_done = sum(self.totals.values()), sum(self.done.values())
        overall = Progress(
            "",
            0,
            min(all_done, all_total),
            all_total,
            self.meter.speed,
            self.meter.seconds_left(max(all_total - all_done, 0)),
        )
        self.sender._notify(ItemProgress(item))
        self.sender._notify(OverallProgress(overall, self.left))


class Sender:
    def __init__(
        self,
        store: Store,
        attachments: AttachmentStore,
        config: SendingConfig,
        token: str,
        *,
        unit: Callable[[], str] = lambda: "",
        lock: SenderLock | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.store = store
        self.attachments = attachments
        self.config = config
        self.control = Control()
        self.lock = lock or SenderLock(store.path.parent)
        self._clock = clock or (lambda: datetime.now(UTC))
        self._listeners: list[Listener] = []
        self._listeners_lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._tally: _Tally | None = None
        self.transport = Transport(
            config.endpoint, token, ca_bundle=config.ca_bundle, timeouts=config.timeouts
        )
        self.uploader = Uploader(
            self.transport,
            store,
            chunk_size=config.chunk_size,
            policy=config.retry,
            control=self.control,
            on_bytes=self._on_bytes,
        )
        self.delivery = Delivery(
            self.transport,
            store,
            attachments,
            self.uploader,
            unit=unit,
            policy=config.retry,
            control=self.control,
        )
        self._state = "idle"

    # -- observers --------------------------------------------------------------------------

    def add_listener(self, listener: Listener) -> None:
        with self._listeners_lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._listeners_lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _notify(self, event: SenderEvent) -> None:
        with self._listeners_lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(event)
            except Exception:
                log.exception("sender listener %r failed on %s", listener, event)

    def _set_state(self, state: str, zh: str = "", en: str = "") -> None:
        if state != self._state or zh:
            self._state = state
            self._notify(SenderState(state, zh, en))

    @property
    def state(self) -> str:
        return self._state

    # -- buttons ----------------------------------------------------------------------------

    def pause(self) -> None:
        self.control.pause()
        self._set_state("paused")

    def resume(self) -> None:
        self.control.resume()
        self._set_state("idle")

    def cancel_item(self, item_id: str) -> None:
        """Stop sending ``item_id`` now (it stays queued; the officer unqueues it)."""
        self.control.cancel_item(item_id)

    def wake(self) -> None:
        self.control.wake()

    # -- one pass ----------------------------------------------------------------------------

    def run_once(self, *, feeds: bool = True) -> PassReport:
        """Every due item, then the office's feeds. Takes the sender lock for the pass
        unless this sender's thread holds it (:class:`AlreadySending` when another does)."""
        owned = not self.lock.held
        if owned:
            self.lock.acquire()
        try:
            return self._pass(feeds=feeds)
        finally:
            if owned:
                self.lock.release()

    def _pass(self, *, feeds: bool) -> PassReport:
        report = PassReport()
        entries = self.store.outbox_due(self._clock())
        if entries:
            self._set_state("sending")
            self._tally = _Tally(self, entries)
            for entry in entries:
                if self.control.stopped:
                    break
                outcome = self._send_one(entry)
                if outcome is None:
                    continue
                report.outcomes.append(outcome)
                if outcome.stops_all:
                    report.problem = (outcome.message_zh, outcome.message_en)
                    break
            self._tally = None
        if feeds and report.problem is None and not self.control.stopped:
            try:
                report.office = self.poll_statuses()
                report.notices = self.poll_notices()
            except Cancelled:
                pass
            except SendingError as error:
                report.problem = (error.message_zh(), error.message_en())
        if not self.control.stopped:
            self._set_state("paused" if self.control.paused else "idle")
        return report

    def _send_one(self, entry: OutboxEntry) -> ItemOutcome | None:
        tally = self._tally
        if tally is not None:
            tally.start_item(entry.item_id)
        try:
            receipt = self.delivery.deliver(entry)
        except Cancelled:
            log.info("sending %s stopped", entry.item_id)
            return None
        except Unauthorized as error:
            self._fail(entry, error, refused=False)
            self._set_state("stopped", error.message_zh(), error.message_en())
            return ItemOutcome(
                entry.item_id, entry.revision, False, message_zh=error.message_zh(),
                message_en=error.message_en(), stops_all=True,
            )  # fmt: skip
        except (OfficerError, StoreError) as error:
            # The store refused the move (the officer unqueued or edited the item while it
            # was on its way): nothing is marked delivered here; a byte-identical resend
            # after queueing again gets the endpoint's same receipt.
            if isinstance(error, SendingError):
                return self._failed(entry, error)
            log.warning("item %s could not be marked delivered: %s", entry.item_id, error)
            return ItemOutcome(
                entry.item_id, entry.revision, False, message_zh=error.message_zh(),
                message_en=error.message_en(),
            )  # fmt: skip
        if tally is not None:
            tally.finish_item(entry.item_id)
        delivered = ItemDelivered(entry.item_id, entry.revision, receipt.receipt_id, receipt.status)
        self._notify(delivered)
        return ItemOutcome(
            entry.item_id, entry.revision, True, status=receipt.status,
            receipt_id=receipt.receipt_id,
        )  # fmt: skip

    def _failed(self, entry: OutboxEntry, error: SendingError) -> ItemOutcome:
        refused = not error.retryable
        self._fail(entry, error, refused=refused)
        if error.retryable and error.code in ("network", "timeout"):
            self._set_state("offline", error.message_zh(), error.message_en())
        return ItemOutcome(
            entry.item_id, entry.revision, False, message_zh=error.message_zh(),
            message_en=error.message_en(), refused=refused,
        )  # fmt: skip

    def _fail(self, entry: OutboxEntry, error: SendingError, *, refused: bool) -> datetime | None:
        retry_at = None
        if not refused:
            delay = self.config.retry.item_delay(entry.attempts + 1)
            retry_at = self._clock() + timedelta(seconds=delay)
        self.store.record_send_failure(
            entry.item_id,
            entry.revision,
            message_zh=error.message_zh(),
            message_en=error.message_en(),
            code=error.code,
            retry_at=retry_at,
            refused=refused,
        )
        log.warning("sending %s r%s failed: %s", entry.item_id, entry.revision, error.message_en())
        self._notify(
            ItemFailed(
                entry.item_id, entry.revision, error.message_zh(), error.message_en(),
                error.code, refused, retry_at,
            )
        )  # fmt: skip
        return retry_at

    def _on_bytes(self, item_id: str, count: int, sent: bool) -> None:
        if self._tally is not None:
            self._tally.add(item_id, count, sent)

    # -- the office's feeds --------------------------------------------------------------------

    def poll_statuses(self) -> list[OfficeChange]:
        changes = poll_statuses(self.transport, self.store, self.config.retry, self.control)
        for change in changes:
            self._notify(OfficeChanged(change))
        return changes

    def poll_notices(self) -> list[Notice]:
        notices = poll_notices(self.transport, self.store, self.config.retry, self.control)
        if notices:
            self._notify(NoticesArrived(tuple(notices)))
        return notices

    # -- the long-lived worker -----------------------------------------------------------------

    def start(self) -> None:
        """Run in a background thread until :meth:`stop`. When another sender holds the data
        folder (a scheduled ``hnclient sync`` mid-pass), the thread waits for it to finish."""
        if self._thread is not None:
            return
        try:
            self.lock.acquire()
        except AlreadySending:
            log.info("another sender is running; this one starts when it has finished")
        self.store.add_listener(self._on_store_event)
        self._thread = threading.Thread(target=self._run, name="hnclient-sender", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the current request (an upload resumes from its offset next time)."""
        self.control.stop()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout)
        self.store.remove_listener(self._on_store_event)
        self.lock.release()
        self.transport.close()
        self._set_state("stopped")

    def _on_store_event(self, event: StoreEvent) -> None:
        if event.kind == "state":
            self.control.wake()

    def _run(self) -> None:
        while not self.lock.held and not self.control.stopped:
            try:
                self.lock.acquire()
            except AlreadySending:
                self.control.idle(LOCK_RETRY_S)
        next_poll = 0.0
        while not self.control.stopped:
            try:
                feeds = time.monotonic() >= next_poll
                report = self._pass(feeds=feeds)
                if feeds:
                    next_poll = time.monotonic() + self.config.poll_interval_s
                if report.problem is not None and self._state == "stopped":
                    break  # a refused token: nothing can be sent until it is replaced
            except Exception:
                log.exception("sender pass failed")
            self.control.idle(self._seconds_to_next(next_poll))

    def _seconds_to_next(self, next_poll: float) -> float:
        wait = max(0.0, next_poll - time.monotonic())
        due = self.store.outbox_next_attempt()
        if due is not None:
            wait = min(wait, max(0.0, (due - self._clock()).total_seconds()))
        return max(0.5, wait)
