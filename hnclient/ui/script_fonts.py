"""Tibetan in the interface: drawn as large as Chinese, with room in one-line fields.

Size: Tibetan fonts draw their letters small next to Chinese at the same point size (their em
box holds the tall stacks; Windows' Microsoft Himalaya at about half a Chinese character). The
client carries its own Tibetan-only font, ``resources/fonts/HNClientTibetan-Regular.ttf``
(Noto Serif Tibetan drawn 1.25× larger, with line metrics for real Tibetan stacks; made by
``scripts/make_tibetan_font.py``), and names it after the interface font's own families, so
Tibetan characters take it and everything else the interface font, glyphs and metrics as before.

Room: Tibetan stacks vowel signs above and consonants below the line; a one-line field (the search
box, the title, a date) is as tall as the interface font needs for Chinese, so Tibetan typed
into it lost its tops (a ཧཱུྃ showed without its ྃ). An application-wide filter gives each
one-line field, when it is polished, the height the Tibetan font needs at that field's size
(the font the system falls back to; by preference among those installed).

Not solved here: a Tibetan bold face (Qt emboldens the regular one), and widgets given a
font family of their own by name (they fall back to the system's Tibetan font).
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QWidget

from hnclient.ui.i18n import resources_dir

log = logging.getLogger(__name__)

#: The bundled font's family (scripts/make_tibetan_font.py names it).
BUNDLED_FAMILY = "HNClient Tibetan"
BUNDLED_FILE = "HNClientTibetan-Regular.ttf"
#: The class fonts a platform theme may set apart from the application font (Windows sets
#: menus, message boxes, status bar …); QApplication.setFont forgets them, they are set again.
CLASS_FONTS = (
    "QMenu", "QMenuBar", "QMenuItem", "QMessageBox", "QLabel", "QTipLabel", "QStatusBar",
    "QMdiSubWindowTitleBar", "QDockWidgetTitle", "QPushButton", "QCheckBox", "QRadioButton",
    "QToolButton", "QAbstractItemView", "QListView", "QHeaderView", "QListBox",
    "QComboMenuItem", "QComboLineEdit", "QSmallFont", "QMiniFont",
)  # fmt: skip
#: Best first: the bundled font; complete, well-hinted Tibetan fonts; Windows' Microsoft
#: Himalaya last (small).
PREFERRED_TIBETAN = (
    BUNDLED_FAMILY,
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


def load_bundled_font() -> str | None:
    """Register the bundled Tibetan font (once); its family, or None when it cannot be read."""
    if BUNDLED_FAMILY in QFontDatabase.families():
        return BUNDLED_FAMILY
    path = resources_dir() / "fonts" / BUNDLED_FILE
    try:
        data = path.read_bytes()
    except OSError as error:
        log.warning("Tibetan font not loaded: %s", error)
        return None
    families = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFontFromData(data))
    if BUNDLED_FAMILY not in families:
        log.warning("Tibetan font not loaded: %s is not a font Qt can read", path)
        return None
    return BUNDLED_FAMILY


def with_tibetan(font: QFont, family: str) -> QFont:
    """The font with ``family`` after its own families, for characters they do not have.

    A generic name first ("Sans Serif", resolved by fontconfig) is replaced by the family it
    resolves to: after a generic name Qt would take the next family named as the main one,
    and with it the Tibetan font's line height and its fallbacks (Japanese glyphs for Chinese).
    """
    families = [name for name in font.families() if name != family]
    resolved = QFontInfo(font).family()  # the family Qt draws with
    if not families:
        families = [resolved]
    elif families[0].casefold() != resolved.casefold():
        families[0] = resolved
    result = QFont(font)
    result.setFamilies([*families, family])
    return result


def apply_bundled_font(app: QApplication) -> str | None:
    """Make the application's fonts draw Tibetan with the bundled font (idempotent)."""
    family = load_bundled_font()
    if family is None:
        return None
    font = app.font()
    if font.families()[-1:] == [family]:
        return family
    # PySide6's stubs say bytes for the class name; it takes (only) str.
    apart = {name: QApplication.font(name) for name in CLASS_FONTS}  # type: ignore[call-overload]
    QApplication.setFont(with_tibetan(font, family))
    for name, own in apart.items():
        if own != font:
            QApplication.setFont(with_tibetan(own, family), name)  # type: ignore[arg-type]
    return family


def tibetan_metrics(font: QFont) -> QFontMetrics | None:
    family = tibetan_family()
    if family is None:
        return None
    tibetan = QFont(font)
    tibetan.setFamilies([family])
    return QFontMetrics(tibetan)


#: A Tibetan letter or mark (U+0F00–U+0FFF): a field holding one needs the taller line.
_TIBETAN = re.compile("[\u0f00-\u0fff]")
_BASE = "hnclientBaseMinimumHeight"


def _text(widget: QWidget) -> str:
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    return ""


def room_needed(widget: QWidget) -> int:
    """The height a one-line field needs for Tibetan at its font size (frame kept).

    A line edit centres a line as tall as the Tibetan font's, but puts the baseline where its
    own font's ascent would (QLineEdit::paintEvent: "keep the baseline constant"): the stacks
    above rise by the difference of the ascents, so that difference is wanted above and
    below the centred line."""
    tibetan = tibetan_metrics(widget.font())
    if tibetan is None:
        return 0
    own = QFontMetrics(widget.font())
    rise = max(0, tibetan.ascent() - own.ascent())
    return widget.sizeHint().height() + max(0, tibetan.height() - own.height()) + 2 * rise


def fit(widget: QWidget) -> None:
    """The Tibetan height while the field holds Tibetan, its own height otherwise: a Chinese
    form keeps its compact fields, and the layout moves only when Tibetan is typed."""
    base = widget.property(_BASE)
    if base is None:
        base = widget.minimumHeight()
        widget.setProperty(_BASE, base)
    wanted = int(base)
    if _TIBETAN.search(_text(widget)):
        wanted = max(wanted, room_needed(widget))
    if widget.minimumHeight() != wanted:
        widget.setMinimumHeight(wanted)
        widget.updateGeometry()


def make_room(widget: QWidget) -> None:
    """Give ``widget`` room for Tibetan whenever its text holds some, now and as it changes
    (line edits and editable combo boxes; dates and numbers never hold Tibetan)."""
    if widget.property(_BASE) is not None:
        fit(widget)
        return
    if isinstance(widget, QLineEdit):
        widget.textChanged.connect(lambda _text, w=widget: fit(w))
    elif isinstance(widget, QComboBox):
        widget.currentTextChanged.connect(lambda _text, w=widget: fit(w))
        widget.editTextChanged.connect(lambda _text, w=widget: fit(w))
    else:
        return
    fit(widget)


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
    """The bundled Tibetan font in the interface font, and room for Tibetan in every one-line
    field, now and later (idempotent)."""
    global _filter
    if isinstance(app, QApplication):
        apply_bundled_font(app)
    if _filter is None:
        _filter = _RoomForTibetan(app)
    app.removeEventFilter(_filter)
    app.installEventFilter(_filter)
