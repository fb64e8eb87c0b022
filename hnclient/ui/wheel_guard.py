"""No field takes the mouse wheel unless it has focus.

An officer scrolls a long form with the wheel; a date, time, choice or number field that
passes under the pointer must not change (and autosave must not store what nobody chose).
The guard lets such widgets take the wheel only once the officer has clicked or tabbed into
them; otherwise the wheel goes on to the scroll area around them. It also takes away the
"wheel gives focus" policy, which would let the second notch of the same scroll through.

Install it once on the application (:func:`install`) to cover every window and dialog, or
on single widgets (:func:`guard`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSlider, QAbstractSpinBox, QComboBox, QWidget

#: Widgets whose value the wheel changes.
GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)


class WheelGuard(QObject):
    """Event filter: wheel events over an unfocused value widget go to its parent instead."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            if isinstance(watched, GUARDED) and not watched.hasFocus():
                event.ignore()  # propagates to the parent: the form scrolls
                return True
        elif kind == QEvent.Type.Polish and isinstance(watched, GUARDED):
            _no_wheel_focus(watched)
        return False


def _no_wheel_focus(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


_guard: WheelGuard | None = None


def _shared() -> WheelGuard:
    global _guard
    if _guard is None:
        _guard = WheelGuard(QCoreApplication.instance())
    return _guard


def guard(widget: QWidget) -> QWidget:
    """Guard one widget; returns it, for use inside expressions."""
    _no_wheel_focus(widget)
    widget.installEventFilter(_shared())
    return widget


def install(app: QCoreApplication) -> None:
    """Guard every value widget of the application, now and later (idempotent)."""
    shared = _shared()
    app.removeEventFilter(shared)
    app.installEventFilter(shared)
