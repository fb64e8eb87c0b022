"""The measured client of the sending benchmarks; run as a script, never imported by them.

``python benchmarks/sending_child.py MODE JSON``: JSON holds ``home`` (the data folder),
``attachments`` (the attachment store, kept between runs: ``upload`` only), ``endpoint``,
``token``, ``file`` (the attachment to send) and ``unit``.

- ``upload``: a real item with ``file`` attached (the attachment store is content-addressed,
  so after the first run the 1 GiB copy is already there), signed off by a real leader and
  queued; then one :meth:`Sender.run_once` delivers it. Reports the time of the tus upload
  and of the whole delivery, CPU time, and the peak RSS growth over the delivery: the kernel's
  high-water mark is reset (``/proc/self/clear_refs`` ← 5) just before, ``VmHWM`` read after.
- ``gui``: the real window (``build_window`` on a :class:`ClientContext` in ``HNCLIENT_HOME``)
  with the sender attached (``window.attach_sender``) and started; a 10 ms ``QTimer`` records
  every tick while the item uploads. Reports the gaps between ticks.

Prints one JSON line and leaves with ``os._exit`` (tear-down is not measured).
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> bool:
    """Reset VmHWM to the current RSS (Linux ≥ 4.0); False where that is not allowed."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _queued_item(service: Any, source: Path, title: str) -> str:
    """A new item with ``source`` attached, submitted, approved by a real leader, queued."""
    from hnclient.items import ItemState
    from tests.signoff_support import approve, drive

    store = service.store
    item = store.create_item("policy", 1, title=title, values={"body": f"{title}。正文内容。"})
    ref = service.attachments.add(source, "wmv")
    service.attach(item.id, ref)
    drive(service, item.id, ItemState.AWAITING_REVIEW)
    queued = approve(service, item.id)
    if queued.state is not ItemState.QUEUED:
        raise SystemExit(f"the item is {queued.state}, not queued")
    return str(item.id)


def upload(args: dict[str, Any]) -> dict[str, Any]:
    from hnclient.sending.config import SendingConfig
    from hnclient.sending.sender import Sender
    from hnclient.storage import Store
    from tests.signoff_support import make_service

    home = Path(args["home"])
    store = Store.open(home / "data" / "hnclient.sqlite3")
    service = make_service(store, Path(args["attachments"]), sending=lambda: True)
    item_id = _queued_item(service, Path(args["file"]), f"大文件报送测试 {time.time_ns()}")
    config = SendingConfig(endpoint=args["endpoint"])
    sender = Sender(store, service.attachments, config, args["token"], unit=lambda: args["unit"])
    uploader = sender.uploader
    real_upload = uploader.upload
    timed: dict[str, float] = {}

    def timed_upload(target: Any) -> str:
        start = time.perf_counter()
        try:
            return real_upload(target)
        finally:
            timed["upload_s"] = timed.get("upload_s", 0.0) + time.perf_counter() - start

    uploader.upload = timed_upload  # type: ignore[method-assign]
    reset = _reset_peak()
    rss_before = _status_kib("VmRSS")
    hwm_before = _status_kib("VmHWM")
    cpu_before = _cpu_s()
    start = time.perf_counter()
    report = sender.run_once(feeds=False)
    total_s = time.perf_counter() - start
    cpu_s = _cpu_s() - cpu_before
    hwm_after = _status_kib("VmHWM")
    outcome = report.outcomes[0] if report.outcomes else None
    files = service.attachments
    sha256 = store.get_item(item_id).attachments[0].sha256
    return {
        "delivered": bool(outcome and outcome.delivered),
        "problem": None if outcome is None or outcome.delivered else outcome.message_en,
        "upload_s": timed.get("upload_s", 0.0),
        "total_s": total_s,
        "cpu_s": cpu_s,
        "rss_before_kib": rss_before,
        "hwm_before_kib": hwm_before,
        "hwm_after_kib": hwm_after,
        "hwm_reset": reset,
        "chunk_size": config.chunk_size,
        "restarts": uploader.restarts,
        "checksum_resends": uploader.checksum_resends,
        "path": str(files.path_for(sha256)),
        "sha256": sha256,
    }


def gui(args: dict[str, Any]) -> dict[str, Any]:
    import threading

    from PySide6.QtCore import QCoreApplication, QTimer
    from PySide6.QtWidgets import QApplication

    from hnclient.context import ClientContext
    from hnclient.sending.config import SendingConfig
    from hnclient.sending.events import ItemDelivered, ItemFailed, SenderEvent
    from hnclient.sending.sender import Sender
    from hnclient.ui.app import build_window

    QCoreApplication.setOrganizationName("HainanZhou")
    QCoreApplication.setApplicationName("hnclient")
    app = QApplication(sys.argv[:1])
    context = ClientContext.open()
    context.settings.officer = "张三"
    context.sending_active = True  # approving queues, as with a configured endpoint
    window = build_window(context)
    window.resize(1200, 800)
    window.show()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    item_id = _queued_item(context.service, Path(args["file"]), f"界面报送测试 {time.time_ns()}")
    for _ in range(50):
        app.processEvents()
        time.sleep(0.01)

    config = SendingConfig(endpoint=args["endpoint"])
    sender = Sender(
        context.store, context.attachments, config, args["token"], unit=lambda: args["unit"]
    )
    window.attach_sender(sender)
    finished = threading.Event()
    outcome: dict[str, Any] = {}

    def listen(event: SenderEvent) -> None:
        if isinstance(event, ItemDelivered | ItemFailed) and event.item_id == item_id:
            outcome["delivered"] = isinstance(event, ItemDelivered)
            outcome["message"] = getattr(event, "message_en", "")
            outcome["at"] = time.perf_counter()
            finished.set()

    sender.add_listener(listen)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)

    def tick() -> None:
        ticks.append(time.perf_counter())
        if finished.is_set() or ticks[-1] > limit:
            timer.stop()
            app.quit()

    timer.timeout.connect(tick)
    limit = time.perf_counter() + float(args.get("limit_s", 900))
    timer.start()
    start = time.perf_counter()
    QTimer.singleShot(0, sender.start)
    app.exec()
    end = outcome.get("at", time.perf_counter())
    sender.stop()
    during = [t for t in ticks if start <= t <= end]
    gaps = [b - a for a, b in zip(during, during[1:], strict=False)]
    window.close()
    context.close()
    return {
        "delivered": bool(outcome.get("delivered")),
        "problem": outcome.get("message") or None,
        "upload_s": end - start,
        "ticks": len(during),
        "gaps_ms": [g * 1000 for g in gaps],
        "chunk_size": config.chunk_size,
    }


def main() -> None:
    mode, args = sys.argv[1], json.loads(sys.argv[2])
    if mode == "upload":
        result = upload(args)
    elif mode == "gui":
        result = gui(args)
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
