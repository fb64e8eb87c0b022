"""The Qt binding itself must not corrupt the interpreter.

PySide6-Essentials 6.12.0 on CPython 3.11 drops a reference to ``None`` on every call of a Qt
method that returns nothing; after a few thousand calls (a leader drawing a signature makes
~28 per mouse move) Python aborts with ``Fatal Python error: none_dealloc``. pyproject.toml
keeps PySide6 below 6.12 until a release passes this test.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QTimer


def test_void_qt_calls_leave_none_refcount_alone() -> None:
    timer = QTimer()
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(2000):
        timer.stop()
    gc.collect()
    drift = sys.getrefcount(None) - before
    assert abs(drift) < 200, f"None lost {-drift} references in 2000 void calls"
