"""A pad on which a leader signs by hand, with a mouse, a pen (tablet) or a finger (touch).

Strokes are kept as lists of points in pad units, independent of the widget's size: the pad is
a fixed 3:1 writing area whose height is 1.0 unit, drawn as large as the widget allows and
centred in it, so resizing the widget never distorts a signature. :meth:`SignaturePad.to_png`
renders the strokes alone, so the same strokes always give the same bytes (and the same
SHA-256) on the same build of Qt.

A signature needs a pointer. The pad takes keyboard focus so assistive tools can name it, but
the only key it handles is Delete, which clears it; every other key goes on to the dialog.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QPointF,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QImage,
    QImageWriter,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

Point = tuple[float, float]
Stroke = list[Point]

#: Width of the writing area in pad units (its height is 1.0).
PAD_ASPECT = 3.0
#: Pen width on screen, in pad units: about 3 px on a 160 px pad, like a gel pen.
SCREEN_PEN_WIDTH = 0.018
#: A stroke shorter than this (pad units, about 3 px on a 160 px pad) adds no ink length.
MIN_STROKE_LENGTH = 0.02
#: Ink needed before the pad counts as signed (pad units, about 40 px on a 160 px pad).
MIN_INK_LENGTH = 0.25
#: Points closer than this to the previous one are dropped while drawing.
_MIN_STEP = 0.002
#: Points are rounded to this many decimals, so what is kept is exactly what is rendered.
_DECIMALS = 4

#: Height of the exported PNG, width of its pen and its blank margin, in pixels.
PNG_HEIGHT = 120
PNG_PEN_WIDTH = 5.0
PNG_MARGIN = 8
#: The exported image is never wider than this many times its height (a flat scrawl).
PNG_MAX_ASPECT = 6.0
#: Resolution written into the PNG: 120 px at 300 dpi print about 1 cm high in Word.
PNG_DPI = 300

_INK = QColor(0x10, 0x10, 0x10)
_PAPER = QColor(Qt.GlobalColor.white)
_HINT = QColor(0xB8, 0xB8, 0xB8)
_BORDER = QColor(0xA0, 0xA0, 0xA0)
_FOCUS = QColor(0x30, 0x78, 0xD0)


def _stroke_length(stroke: Sequence[Point]) -> float:
    return sum(math.dist(a, b) for a, b in zip(stroke, stroke[1:], strict=False))


def ink_length(strokes: Iterable[Sequence[Point]]) -> float:
    """Total length of the strokes that count, in pad units; dots and tiny ticks count zero."""
    total = 0.0
    for stroke in strokes:
        length = _stroke_length(stroke)
        if length >= MIN_STROKE_LENGTH:
            total += length
    return total


def _stroke_path(stroke: Sequence[Point]) -> QPainterPath:
    """A smooth curve through the points: quadratic segments joining the midpoints."""
    path = QPainterPath(QPointF(*stroke[0]))
    if len(stroke) == 2:
        path.lineTo(QPointF(*stroke[1]))
        return path
    for (x0, y0), (x1, y1) in zip(stroke[1:-1], stroke[2:], strict=False):
        path.quadTo(QPointF(x0, y0), QPointF((x0 + x1) / 2, (y0 + y1) / 2))
    path.lineTo(QPointF(*stroke[-1]))
    return path


def _paint_strokes(painter: QPainter, strokes: Iterable[Sequence[Point]], width: float) -> None:
    """Paint in pad units (the painter's transform maps them); ``width`` is in pad units too."""
    pen = QPen(_INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    for stroke in strokes:
        if len(stroke) == 1:  # a dot: a filled disc the width of the pen
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_INK)
            painter.drawEllipse(QPointF(*stroke[0]), width / 2, width / 2)
        elif stroke:
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(_stroke_path(stroke))


class SignaturePad(QWidget):
    """Draw a signature; read it back as strokes or as a cropped black-on-white PNG.

    ``changed`` is emitted when a stroke is finished, undone or the pad is cleared.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._strokes: list[Stroke] = []
        self._current: Stroke | None = None
        self._source: str | None = None  # "mouse", "tablet" or "touch" while a stroke is drawn
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(self.tr("Signature pad"))
        self.setAccessibleDescription(
            self.tr(
                "Sign here with a mouse, pen or finger. A signature cannot be typed. "
                "Press Delete to clear."
            )
        )
        self.setToolTip(self.tr("Sign with a mouse, pen or finger. Delete clears the pad."))

    # ----------------------------------------------------------------- public API

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(480, 160)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(240, 80)

    def strokes(self) -> list[Stroke]:
        """A copy of the finished strokes, in pad units (x 0…3, y 0…1, y downwards)."""
        return [list(stroke) for stroke in self._strokes]

    def set_strokes(self, strokes: Iterable[Iterable[Point]]) -> None:
        """Replace the signature (for example one drawn earlier); points are clamped to the pad."""
        self._current = None
        self._source = None
        clamped = ([self._clamp(x, y) for x, y in stroke] for stroke in strokes)
        self._strokes = [stroke for stroke in clamped if stroke]
        self.update()
        self.changed.emit()

    def clear(self) -> None:
        had_ink = bool(self._strokes) or self._current is not None
        self._strokes.clear()
        self._current = None
        self._source = None
        self.update()
        if had_ink:
            self.changed.emit()

    def undo_stroke(self) -> None:
        """Remove the last finished stroke; nothing happens on an empty pad."""
        if self._strokes:
            self._strokes.pop()
            self.update()
            self.changed.emit()

    def ink_length(self) -> float:
        """Length of the counted ink in pad units (the pad is 1.0 high)."""
        return ink_length(self._strokes)

    def is_empty(self) -> bool:
        """True until there is enough ink to count as a signature (not a dot or a tick)."""
        return self.ink_length() < MIN_INK_LENGTH

    def to_png(self) -> bytes:
        """The signature cropped to its ink, black on white, :data:`PNG_HEIGHT` px high.

        Depends only on the strokes: the same strokes give the same bytes. Raises
        ``ValueError`` when the pad :meth:`is_empty`.
        """
        if self.is_empty():
            raise ValueError("the signature pad holds no signature")
        return render_png(self._strokes)

    # ----------------------------------------------------------- geometry

    def _pad_rect(self) -> QRectF:
        """The writing area in widget pixels: the largest 3:1 rectangle, centred."""
        inner = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        scale = min(inner.width() / PAD_ASPECT, inner.height())
        width, height = scale * PAD_ASPECT, scale
        return QRectF(
            inner.x() + (inner.width() - width) / 2,
            inner.y() + (inner.height() - height) / 2,
            width,
            height,
        )

    def _to_widget(self) -> QTransform:
        rect = self._pad_rect()
        transform = QTransform()
        transform.translate(rect.x(), rect.y())
        transform.scale(rect.height(), rect.height())
        return transform

    @staticmethod
    def _clamp(x: float, y: float) -> Point:
        return (
            round(min(max(x, 0.0), PAD_ASPECT), _DECIMALS),
            round(min(max(y, 0.0), 1.0), _DECIMALS),
        )

    def _to_pad(self, position: QPointF) -> Point:
        rect = self._pad_rect()
        if rect.height() <= 0:
            return (0.0, 0.0)
        return self._clamp(
            (position.x() - rect.x()) / rect.height(), (position.y() - rect.y()) / rect.height()
        )

    # ----------------------------------------------------------- drawing

    def _begin(self, source: str, position: QPointF) -> bool:
        if self._source is not None and self._source != source:
            return False  # another device is drawing; do not mix two strokes
        self._source = source
        self._current = [self._to_pad(position)]
        self.update()
        return True

    def _extend(self, source: str, position: QPointF) -> bool:
        if self._source != source or self._current is None:
            return False
        point = self._to_pad(position)
        if math.dist(point, self._current[-1]) >= _MIN_STEP:
            self._current.append(point)
            self.update()
        return True

    def _finish(self, source: str, position: QPointF | None, keep: bool = True) -> bool:
        if self._source != source or self._current is None:
            return False
        if position is not None:
            self._extend(source, position)
        stroke = self._current
        self._current = None
        self._source = None
        self.update()
        if keep:
            self._strokes.append(stroke)
            self.changed.emit()
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._begin("mouse", event.position()):
            event.accept()
        else:
            super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        held = bool(event.buttons() & Qt.MouseButton.LeftButton)
        if held and self._extend("mouse", event.position()):
            event.accept()
        else:
            super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton and self._finish("mouse", event.position()):
            event.accept()
        else:
            super().mouseReleaseEvent(event)

    def tabletEvent(self, event: QTabletEvent) -> None:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            handled = self._begin("tablet", event.position())
        elif kind == QEvent.Type.TabletMove:
            handled = bool(event.buttons()) and self._extend("tablet", event.position())
        elif kind == QEvent.Type.TabletRelease:
            handled = self._finish("tablet", event.position())
        else:
            handled = False
        # Accepting stops Qt from also sending the same movement as mouse events.
        event.setAccepted(handled or self._source == "tablet")

    def event(self, event: QEvent) -> bool:
        kind = event.type()
        if isinstance(event, QTouchEvent) and kind in (
            QEvent.Type.TouchBegin,
            QEvent.Type.TouchUpdate,
            QEvent.Type.TouchEnd,
            QEvent.Type.TouchCancel,
        ):
            self._touch(event)
            return True
        return super().event(event)

    def _touch(self, event: QTouchEvent) -> None:
        """One finger draws; a second finger is ignored; a cancelled touch drops its stroke."""
        kind = event.type()
        points = event.points()
        if kind == QEvent.Type.TouchCancel:
            self._finish("touch", None, keep=False)
        elif points:
            position = points[0].position()
            if kind == QEvent.Type.TouchBegin:
                self._begin("touch", position)
            elif kind == QEvent.Type.TouchUpdate:
                self._extend("touch", position)
            else:
                self._finish("touch", position)
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Delete and event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        ):
            self.clear()
            event.accept()
        else:
            event.ignore()

    # ----------------------------------------------------------- painting

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.fillRect(self.rect(), self.palette().window())
        rect = self._pad_rect()
        frame = QPen(_FOCUS if self.hasFocus() else _BORDER, 2 if self.hasFocus() else 1)
        painter.setPen(frame)
        painter.setBrush(_PAPER)
        painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4)

        # Baseline with a small cross at its start, as on a paper form.
        unit = rect.height()
        baseline_y = rect.y() + 0.74 * unit
        left, right = rect.x() + 0.22 * unit, rect.right() - 0.22 * unit
        painter.setPen(QPen(_HINT, 1.2))
        painter.drawLine(QPointF(left, baseline_y), QPointF(right, baseline_y))
        cross = 0.045 * unit
        cx, cy = rect.x() + 0.12 * unit, baseline_y - cross * 1.4
        painter.drawLine(QPointF(cx - cross, cy - cross), QPointF(cx + cross, cy + cross))
        painter.drawLine(QPointF(cx - cross, cy + cross), QPointF(cx + cross, cy - cross))

        if not self._strokes and self._current is None:
            font = QFont(self.font())
            font.setPixelSize(max(12, round(unit * 0.13)))
            painter.setFont(font)
            painter.setPen(_HINT)
            text_rect = QRectF(rect.x(), rect.y(), rect.width(), baseline_y - rect.y() - 4)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignCenter, self.tr("Sign here by hand"))

        painter.setTransform(self._to_widget())
        strokes: list[Stroke] = list(self._strokes)
        if self._current is not None:
            strokes.append(self._current)
        _paint_strokes(painter, strokes, SCREEN_PEN_WIDTH)
        painter.end()

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        super().focusOutEvent(event)
        self.update()


def render_png(strokes: Sequence[Sequence[Point]]) -> bytes:
    """Strokes (pad units) → PNG bytes: cropped to the ink, black on white, fixed height.

    A pure function of the points: no widget size, screen or font takes part.
    """
    points = [point for stroke in strokes for point in stroke]
    if not points:
        raise ValueError("no strokes to render")
    min_x = min(x for x, _ in points)
    max_x = max(x for x, _ in points)
    min_y = min(y for _, y in points)
    max_y = max(y for _, y in points)
    ink_w, ink_h = max_x - min_x, max_y - min_y
    pad = PNG_MARGIN + PNG_PEN_WIDTH / 2
    inner_h = PNG_HEIGHT - 2 * pad
    inner_w_max = PNG_HEIGHT * PNG_MAX_ASPECT - 2 * pad
    scale = min(inner_h / max(ink_h, 1e-6), inner_w_max / max(ink_w, 1e-6))
    width = max(PNG_HEIGHT // 2, math.ceil(ink_w * scale + 2 * pad))

    image = QImage(width, PNG_HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(_PAPER)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    transform = QTransform()
    transform.translate((width - ink_w * scale) / 2, (PNG_HEIGHT - ink_h * scale) / 2)
    transform.scale(scale, scale)
    transform.translate(-min_x, -min_y)
    painter.setTransform(transform)
    _paint_strokes(painter, strokes, PNG_PEN_WIDTH / scale)
    painter.end()

    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    dots_per_metre = round(PNG_DPI / 0.0254)
    gray.setDotsPerMeterX(dots_per_metre)
    gray.setDotsPerMeterY(dots_per_metre)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(gray):
        raise RuntimeError(f"could not encode the signature as PNG: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())
