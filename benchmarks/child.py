"""The measured process of the start-up benchmarks; run as a script, never imported by them.

``python benchmarks/child.py MODE T0 [--diag]``: MODE ``bare`` shows an empty QMainWindow,
``client`` starts the real client (the steps of :func:`hnclient.ui.app.run_gui` up to the
event loop, with ``HNCLIENT_HOME`` from the environment). T0 is the parent's
``time.monotonic_ns()`` taken just before it started this process (CLOCK_MONOTONIC is
system-wide on Linux), so the elapsed time includes interpreter start and every import.

The window counts as shown once it has received its first paint event. The child then prints
one JSON line and leaves with ``os._exit`` — tear-down is not part of start-up. With
``--diag`` it first times, after the measurement, the parts the lead wants to weigh: the
store's ``PRAGMA quick_check`` and a second ``list_items()`` + model fill.
"""

from __future__ import annotations

import time

_T_MAIN = time.monotonic_ns()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget  # noqa: E402


class _PaintWatch(QObject):
    painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def _show_and_wait_for_paint(window: QWidget, app: QApplication) -> None:
    watch = _PaintWatch()
    window.installEventFilter(watch)
    window.show()
    deadline = time.monotonic() + 10
    while not watch.painted:
        app.processEvents()
        if time.monotonic() > deadline:
            raise SystemExit("window was never painted")
    app.processEvents()
    window.removeEventFilter(watch)


def _ms(start_ns: int, end_ns: int) -> float:
    return (end_ns - start_ns) / 1e6


def bare(t0: int) -> dict[str, Any]:
    t_imports = time.monotonic_ns()
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 800)
    _show_and_wait_for_paint(window, app)
    t_shown = time.monotonic_ns()
    return {
        "elapsed_ms": _ms(t0, t_shown),
        "phases": {
            "interpreter start": _ms(t0, _T_MAIN),
            "imports (PySide6)": _ms(_T_MAIN, t_imports),
            "QApplication + window + show/paint": _ms(t_imports, t_shown),
        },
    }


def client(t0: int, diag: bool) -> dict[str, Any]:
    from PySide6.QtCore import QCoreApplication

    from hnclient.paths import app_paths
    from hnclient.settings import Settings
    from hnclient.ui.app import ClientContext, build_window
    from hnclient.ui.i18n import install_translators
    from hnclient.ui.input_method import apply_input_method_fallback

    t_imports = time.monotonic_ns()
    apply_input_method_fallback()
    QCoreApplication.setOrganizationName("HainanZhou")
    QCoreApplication.setApplicationName("hnclient")
    app = QApplication(sys.argv[:1])
    settings = Settings.load(app_paths().config / "settings.json")
    translators = install_translators(app, settings.language)
    t_app = time.monotonic_ns()
    context = ClientContext.open()
    t_open = time.monotonic_ns()
    window = build_window(context)
    t_build = time.monotonic_ns()
    _show_and_wait_for_paint(window, app)
    t_shown = time.monotonic_ns()
    # The window paints with the first screen of rows; the rest arrive from a background
    # query. Wait for them (not part of the start-up figure, reported on its own).
    expected = context.store.count_items()
    deadline = time.monotonic() + 60
    while window.model.rowCount() < expected and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.001)
    t_full = time.monotonic_ns()
    result: dict[str, Any] = {
        "elapsed_ms": _ms(t0, t_shown),
        "full_list_ms": _ms(t0, t_full),
        "rows": window.model.rowCount(),
        "phases": {
            "interpreter start": _ms(t0, _T_MAIN),
            "imports (PySide6 + hnclient)": _ms(_T_MAIN, t_imports),
            "QApplication + translators": _ms(t_imports, t_app),
            "ClientContext.open (forms, Store.open, session)": _ms(t_app, t_open),
            "build_window (MainWindow + first screen of rows)": _ms(t_open, t_build),
            "show + first paint": _ms(t_build, t_shown),
            "(after paint) rest of the list from the background query": _ms(t_shown, t_full),
        },
    }
    if diag:
        store = context.store
        conn = store._connection()
        start = time.perf_counter()
        conn.execute("PRAGMA quick_check").fetchall()
        quick_check = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        rows = store.list_items()
        list_ms = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        window.model.set_rows(rows)
        fill_ms = (time.perf_counter() - start) * 1000
        result["diag"] = {
            "PRAGMA quick_check (warm, again)": quick_check,
            "Store.list_items() all rows (again)": list_ms,
            "ItemListModel.set_rows (again)": fill_ms,
        }
    context.close()
    del translators
    return result


def main() -> None:
    mode, t0 = sys.argv[1], int(sys.argv[2])
    diag = "--diag" in sys.argv[3:]
    if mode == "bare":
        result = bare(t0)
    elif mode == "client":
        result = client(t0, diag)
    elif mode == "import-only":
        import hnclient.ui.app  # noqa: F401

        result = {}
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
