"""The signature pad, driven by real mouse, touch and tablet events, offscreen."""

from __future__ import annotations

import hashlib
import math

import pytest
from PySide6.QtCore import QByteArray, QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QInputDevice, QPointingDevice, QTabletEvent, QTouchEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hnclient.ui.signature_pad import (
    MIN_INK_LENGTH,
    PAD_ASPECT,
    PNG_HEIGHT,
    SignaturePad,
    render_png,
)

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def touch_screen() -> QPointingDevice:
    """One touch screen for the module: Qt registers devices globally and never forgets them."""
    return QTest.createTouchDevice()


def make_pad(qtbot: QtBot, width: int = 480, height: int = 160) -> SignaturePad:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(width, height)
    pad.show()
    qtbot.waitExposed(pad)
    return pad


def signature_path(width: int, height: int, steps: int = 40) -> list[QPoint]:
    """A wavy, signature-like gesture across the middle of a ``width``×``height`` pad."""
    return [
        QPoint(
            round(width * (0.15 + 0.7 * i / steps)),
            round(height * (0.5 + 0.25 * math.sin(i / steps * 4 * math.pi))),
        )
        for i in range(steps + 1)
    ]


def draw_with_mouse(pad: SignaturePad, points: list[QPoint]) -> None:
    QTest.mousePress(pad, LEFT, NO_MODIFIER, points[0])
    for point in points[1:]:
        QTest.mouseMove(pad, point)
    QTest.mouseRelease(pad, LEFT, NO_MODIFIER, points[-1])


def test_mouse_draws_a_signature(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    assert pad.is_empty()
    with qtbot.waitSignal(pad.changed, timeout=1000):
        draw_with_mouse(pad, signature_path(480, 160))
    strokes = pad.strokes()
    assert len(strokes) == 1
    assert len(strokes[0]) > 30, "the moves with the button held were drawn"
    assert all(0 <= x <= PAD_ASPECT and 0 <= y <= 1 for x, y in strokes[0])
    assert not pad.is_empty()
    assert pad.ink_length() > MIN_INK_LENGTH


def test_moves_without_a_button_draw_nothing(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    pad.setMouseTracking(True)
    for point in signature_path(480, 160):
        QTest.mouseMove(pad, point)
    assert pad.strokes() == []


def test_a_click_or_a_tiny_stroke_is_not_a_signature(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    QTest.mouseClick(pad, LEFT, NO_MODIFIER, QPoint(200, 80))
    draw_with_mouse(pad, [QPoint(300, 80), QPoint(301, 81), QPoint(302, 81)])
    assert len(pad.strokes()) == 2, "dots are kept: they can be part of a signature"
    assert pad.is_empty()
    with pytest.raises(ValueError):
        pad.to_png()
    # A short line, about 20 px on a 160 px pad, is not enough either.
    draw_with_mouse(pad, [QPoint(100, 100), QPoint(110, 100), QPoint(120, 100)])
    assert pad.is_empty()


def test_undo_and_clear(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    draw_with_mouse(pad, signature_path(480, 160))
    draw_with_mouse(pad, [QPoint(60, 40), QPoint(90, 40), QPoint(120, 45)])
    assert len(pad.strokes()) == 2
    with qtbot.waitSignal(pad.changed, timeout=1000):
        pad.undo_stroke()
    assert len(pad.strokes()) == 1
    with qtbot.waitSignal(pad.changed, timeout=1000):
        pad.clear()
    assert pad.strokes() == [] and pad.is_empty()
    with qtbot.assertNotEmitted(pad.changed):
        pad.undo_stroke()
        pad.clear()


def test_keyboard_only_delete_clears(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    assert pad.focusPolicy() == Qt.FocusPolicy.StrongFocus
    assert pad.accessibleName() and pad.accessibleDescription()
    draw_with_mouse(pad, signature_path(480, 160))
    pad.setFocus()
    with qtbot.assertNotEmitted(pad.changed):
        QTest.keyClick(pad, Qt.Key.Key_A)
        QTest.keyClick(pad, Qt.Key.Key_Backspace)
        QTest.keyClick(pad, Qt.Key.Key_Return)
    assert len(pad.strokes()) == 1
    with qtbot.waitSignal(pad.changed, timeout=1000):
        QTest.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.strokes() == []


def test_strokes_do_not_depend_on_the_widget_size(qtbot: QtBot) -> None:
    small = make_pad(qtbot, 480, 160)
    large = make_pad(qtbot, 960, 320)
    draw_with_mouse(small, signature_path(480, 160))
    draw_with_mouse(large, signature_path(960, 320))
    for (xs, ys), (xl, yl) in zip(small.strokes()[0], large.strokes()[0], strict=True):
        assert xs == pytest.approx(xl, abs=0.01) and ys == pytest.approx(yl, abs=0.01)
    # Resizing keeps the strokes, and a pad of another shape keeps the 3:1 writing area.
    before = small.strokes()
    small.resize(700, 160)
    qtbot.waitUntil(lambda: small.width() == 700)
    assert small.strokes() == before
    draw_with_mouse(small, [QPoint(5, 80), QPoint(40, 80)])  # left of the writing area
    assert small.strokes()[-1][0][0] == 0.0, "points outside the area are clamped to its edge"


def touch(pad: SignaturePad, device: QPointingDevice, action: str, point: QPoint) -> None:
    """One touch event for finger 0 (``press``, ``move`` or ``release``), sent at once."""
    sequence = QTest.touchEvent(pad, device, False)
    getattr(sequence, action)(0, point, pad)
    sequence.commit()


def test_touch_draws_a_stroke(qtbot: QtBot, touch_screen: QPointingDevice) -> None:
    pad = make_pad(qtbot)
    points = signature_path(480, 160, steps=20)
    touch(pad, touch_screen, "press", points[0])
    for point in points[1:]:
        touch(pad, touch_screen, "move", point)
    with qtbot.waitSignal(pad.changed, timeout=1000):
        touch(pad, touch_screen, "release", points[-1])
    assert len(pad.strokes()) == 1
    assert len(pad.strokes()[0]) > 15
    assert not pad.is_empty()


def test_cancelled_touch_leaves_no_stroke(qtbot: QtBot, touch_screen: QPointingDevice) -> None:
    pad = make_pad(qtbot)
    touch(pad, touch_screen, "press", QPoint(100, 80))
    touch(pad, touch_screen, "move", QPoint(300, 80))
    with qtbot.assertNotEmitted(pad.changed):
        QApplication.sendEvent(pad, QTouchEvent(QEvent.Type.TouchCancel, touch_screen))
    assert pad.strokes() == []


def test_pen_draws_a_stroke(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    stylus = QPointingDevice(
        "test stylus",
        42,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        2,
    )

    def send(kind: QEvent.Type, point: QPoint, buttons: Qt.MouseButton) -> bool:
        position = QPointF(point)
        event = QTabletEvent(
            kind,
            stylus,
            position,
            QPointF(pad.mapToGlobal(point)),
            0.6,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            NO_MODIFIER,
            LEFT,
            buttons,
        )
        QApplication.sendEvent(pad, event)
        return event.isAccepted()

    points = signature_path(480, 160, steps=25)
    assert send(QEvent.Type.TabletPress, points[0], LEFT)
    for point in points[1:]:
        assert send(QEvent.Type.TabletMove, point, LEFT), "accepted: no duplicate mouse stroke"
    with qtbot.waitSignal(pad.changed, timeout=1000):
        send(QEvent.Type.TabletRelease, points[-1], Qt.MouseButton.NoButton)
    assert len(pad.strokes()) == 1 and len(pad.strokes()[0]) > 20
    assert not pad.is_empty()


def decode(png: bytes) -> QImage:
    image = QImage()
    assert image.loadFromData(QByteArray(png), "PNG")
    return image


def test_png_is_cropped_black_on_white_and_deterministic(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    draw_with_mouse(pad, signature_path(480, 160))
    draw_with_mouse(pad, [QPoint(380, 40), QPoint(400, 60), QPoint(420, 90)])
    png = pad.to_png()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert pad.to_png() == png

    # The same strokes on another pad of another size give the same bytes and hash.
    other = make_pad(qtbot, 900, 400)
    other.set_strokes(pad.strokes())
    assert hashlib.sha256(other.to_png()).hexdigest() == hashlib.sha256(png).hexdigest()
    assert render_png(pad.strokes()) == png

    image = decode(png)
    assert image.height() == PNG_HEIGHT
    assert PNG_HEIGHT < image.width() < PNG_HEIGHT * 6
    assert image.isGrayscale()
    assert not image.hasAlphaChannel(), "white, not transparent: Word prints it as seen"
    white = QColor(Qt.GlobalColor.white).rgb()
    corners = [(0, 0), (image.width() - 1, 0), (0, PNG_HEIGHT - 1)]
    assert all(image.pixel(x, y) == white for x, y in corners)
    dark = sum(
        1
        for y in range(image.height())
        for x in range(image.width())
        if QColor(image.pixel(x, y)).lightness() < 64
    )
    assert dark > 500, "the ink is there, dark"
    # Cropped to the ink: a margin, but ink near every edge.
    rows_with_ink = [
        y
        for y in range(image.height())
        if any(QColor(image.pixel(x, y)).lightness() < 128 for x in range(image.width()))
    ]
    assert 4 <= rows_with_ink[0] <= 16 and PNG_HEIGHT - 17 <= rows_with_ink[-1] <= PNG_HEIGHT - 5


def test_a_different_signature_gives_a_different_png(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    draw_with_mouse(pad, signature_path(480, 160))
    first = pad.to_png()
    draw_with_mouse(pad, [QPoint(100, 30), QPoint(150, 35), QPoint(200, 30)])
    assert pad.to_png() != first
    pad.undo_stroke()
    assert pad.to_png() == first


def test_size_fits_a_small_screen(qtbot: QtBot) -> None:
    pad = make_pad(qtbot)
    hint = pad.sizeHint()
    assert 400 <= hint.width() <= 600 and 120 <= hint.height() <= 200
    assert pad.minimumSizeHint().width() <= hint.width()
