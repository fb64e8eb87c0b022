"""Room for Tibetan in one-line fields.

Tibetan stacks vowel signs above and consonants below the line; a one-line field (the search
box, the title, a date) is as tall as the interface font needs for Chinese, so Tibetan typed
into it lost its tops (a ཧཱུྃ showed without its ྃ). An application-wide filter gives each
one-line field, when it is polished, the height the Tibetan font needs at that field's size
(the font the system falls back to; by preference among those installed).

Not solved here: Tibetan fonts draw smaller than Chinese at the same size (their em box holds
the tall stacks), and Qt cannot scale one fallback family; a bundled, rescaled Tibetan font
would be needed for that.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QWidget

#: Best first: complete, well-hinted Tibetan fonts; Windows' Microsoft Himalaya last (small).
PREFERRED_TIBETAN = (
    "Noto Serif Tibetan",
    "Noto Sans Tibetan",
    "Jomolhari",
    "Tibetan Machine Uni",
    "Qomolangma-Uchen Sarchen",
    "Microsoft Himalaya",
)
ONE_LINE = (QLineEdit, QComboBox, QAbstractSpinBox)


def tibetan_family() -> str | None:
    """The Tibetan font the interface falls back to, or None when none is installed."""
    installed = QFontDatabase.families(QFontDatabase.WritingSystem.Tibetan)
    for family in PREFERRED_TIBETAN:
        if family in installed:
            return family
    return installed[0] if installed else None


def tibetan_metrics(font: QFont) -> QFontMetrics | None:
    family = tibetan_family()
    if family is None:
        return None
    tibetan = QFont(font)
    tibetan.setFamilies([family])
    return QFontMetrics(tibetan)


def make_room(widget: QWidget) -> None:
    """At least the height Tibetan needs at the widget's font size (frame and margins kept)."""
    tibetan = tibetan_metrics(widget.font())
    if tibetan is None:
        return
    own = QFontMetrics(widget.font()).height()
    needed = widget.sizeHint().height() + max(0, tibetan.height() - own)
    if widget.minimumHeight() < needed:
        widget.setMinimumHeight(needed)
        widget.updateGeometry()


class _RoomForTibetan(QObject):
    """At polish, for fields not given room when built (the layouts around them then settle
    over a few turns of the event loop; fields built by us call :func:`make_room` at once)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Polish and isinstance(watched, ONE_LINE):
            parent = watched.parent()
            if not isinstance(parent, ONE_LINE):  # a combo's own line edit grows with it
                make_room(watched)
        return False


_filter: _RoomForTibetan | None = None


def install(app: QCoreApplication) -> None:
    """Room for Tibetan in every one-line field, now and later (idempotent).

    The interface font itself is left alone: naming a fallback family there made Qt pick
    Japanese CJK glyphs for Chinese; the system's own fallback finds the Tibetan font."""
    global _filter
    if _filter is None:
        _filter = _RoomForTibetan(app)
    app.removeEventFilter(_filter)
    app.installEventFilter(_filter)
