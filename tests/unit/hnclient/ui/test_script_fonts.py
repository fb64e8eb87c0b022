"""Tibetan in the interface at the visual size of Chinese (issue 9 item 14), drawn for real."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QPainter, QTextLayout
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from hnclient.ui import script_fonts
from hnclient.ui.script_fonts import BUNDLED_FAMILY

CHINESE = "中文标题政务信息"
LATIN = "Hello, Qinghai 2026 – (ok)"
#: Letters without vowels or stacks: head line to baseline.
TIBETAN_LETTERS = "ངམཡའ"
#: The stacks and vowels that must shape: ha with long a, u below and anusvara above; the
#: three-tier s-g-r with u; ra over ja with e above (རྡོ་རྗེ, a common name).
STACKS = ("ཧཱུྃ", "བསྒྲུབས", "རྡོ་རྗེ")


@pytest.fixture(autouse=True)
def installed(qapp: QApplication) -> None:
    script_fonts.install(qapp)
    assert BUNDLED_FAMILY in qapp.font().families()


def ink_rows(font: QFont, text: str) -> tuple[int, int]:
    """Top and bottom row of the ink ``text`` leaves, drawn with ``font`` on white."""
    image = QImage(1600, 400, QImage.Format.Format_Grayscale8)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(QPointF(10, 250), text)
    painter.end()
    data, stride = bytes(image.constBits()), image.bytesPerLine()
    rows = [y for y in range(image.height()) if min(data[y * stride : y * stride + 1600]) < 128]
    assert rows, text
    return rows[0], rows[-1]


def ink_height(font: QFont, text: str) -> int:
    top, bottom = ink_rows(font, text)
    return bottom - top + 1


def sized(font: QFont, pixels: int) -> QFont:
    result = QFont(font)
    result.setPixelSize(pixels)
    return result


def families_drawing(font: QFont, text: str) -> set[str]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


def test_tibetan_letters_draw_as_tall_as_chinese(qtbot: QtBot, qapp: QApplication) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    font = sized(field.font(), 60)
    assert families_drawing(font, TIBETAN_LETTERS) == {BUNDLED_FAMILY}
    ratio = ink_height(font, TIBETAN_LETTERS) / ink_height(font, CHINESE)
    # 0.84 here (1.25× Noto Serif Tibetan); Tibetan Machine Uni and Windows' Microsoft Himalaya,
    # the systems' fallbacks, draw about 0.5.
    assert 0.8 <= ratio <= 1.05, ratio
    # A line of Tibetan words with vowels and stacks is taller than Chinese, as it should be.
    assert ink_height(font, "བོད་ཀྱི་སྐད་ཡིག") > ink_height(font, CHINESE)


def test_chinese_and_latin_are_drawn_as_before(qapp: QApplication) -> None:
    """The interface font (a generic "Sans Serif" here) keeps its glyphs and metrics."""
    for before in (QFont("Sans Serif"), QFont(QApplication.font().families()[0])):
        for size in (9, 12, 24):
            before.setPointSize(size)
            after = script_fonts.with_tibetan(before, BUNDLED_FAMILY)
            assert after.families()[-1] == BUNDLED_FAMILY
            metrics_before, metrics_after = QFontMetricsF(before), QFontMetricsF(after)
            assert metrics_after.height() == metrics_before.height()
            assert metrics_after.ascent() == metrics_before.ascent()
            for text in (CHINESE, LATIN, "直骨写角 “引号”…"):
                assert BUNDLED_FAMILY not in families_drawing(after, text)
                assert metrics_after.horizontalAdvance(text) == metrics_before.horizontalAdvance(
                    text
                )
                assert render(after, text) == render(before, text), (text, size)


def render(font: QFont, text: str) -> QImage:
    image = QImage(900, 120, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    painter.setFont(font)
    painter.drawText(QPointF(5, 80), text)
    painter.end()
    return image


def test_the_application_font_keeps_its_size_and_line_height(qapp: QApplication) -> None:
    font = qapp.font()
    plain = QFont(font)
    plain.setFamilies([name for name in font.families() if name != BUNDLED_FAMILY])
    assert QFontMetricsF(font).height() == QFontMetricsF(plain).height()
    assert font.pointSizeF() == plain.pointSizeF()
    script_fonts.install(qapp)  # again: nothing added twice
    assert qapp.font().families().count(BUNDLED_FAMILY) == 1


def test_stacks_shape_vertically(qapp: QApplication) -> None:
    font = sized(qapp.font(), 60)
    metrics = QFontMetricsF(font)
    body = ink_height(font, TIBETAN_LETTERS)
    base_letters = {"ཧཱུྃ": "ཧ", "བསྒྲུབས": "བགབས", "རྡོ་རྗེ": "ད་ཇ"}
    for stack in STACKS:
        assert families_drawing(font, stack) == {BUNDLED_FAMILY}
        # Stacked, not side by side: as wide as the base letters, well taller than a letter.
        width = metrics.horizontalAdvance(stack)
        assert width == pytest.approx(metrics.horizontalAdvance(base_letters[stack]), rel=0.1)
        assert ink_height(font, stack) > body * 1.5, stack


def test_a_line_of_stacks_stays_inside_its_line(qapp: QApplication) -> None:
    """Multi-line fields: a Tibetan line is as tall as its stacks, nothing reaches the next."""
    font = sized(qapp.font(), 60)
    for text in (*STACKS, "ཐུགས་རྗེ་ 藏文 Tibetan"):
        layout = QTextLayout(text, font)
        layout.beginLayout()
        line = layout.createLine()
        layout.endLayout()
        top, bottom = ink_rows(font, text)  # baseline at row 250
        assert 250 - top <= line.ascent() + 1, text
        assert bottom - 250 <= line.descent() + 1, text


def test_fonts_a_platform_sets_apart_get_tibetan_too(qapp: QApplication) -> None:
    """Windows gives menus and message boxes fonts of their own; they keep them, with Tibetan."""
    applied = qapp.font()
    plain = QFont(applied)
    plain.setFamilies([name for name in applied.families() if name != BUNDLED_FAMILY])
    menu = QFont(plain)
    menu.setPointSize(plain.pointSize() + 3)
    QApplication.setFont(plain)
    QApplication.setFont(menu, "QMenu")  # type: ignore[arg-type]
    try:
        assert script_fonts.apply_bundled_font(qapp) == BUNDLED_FAMILY
        assert QApplication.font().families()[-1] == BUNDLED_FAMILY
        own = QApplication.font("QMenu")  # type: ignore[call-overload]
        assert own.families()[-1] == BUNDLED_FAMILY
        assert own.pointSize() == menu.pointSize()
        none_of_its_own = QApplication.font("QStatusBar")  # type: ignore[call-overload]
        assert none_of_its_own == QApplication.font()
    finally:
        QApplication.setFont(applied)


def test_one_line_fields_show_the_stacks_whole(qtbot: QtBot) -> None:
    """A line edit lifts a taller fallback line by the ascents' difference; nothing is cut."""
    for text in STACKS:
        field = QLineEdit()
        qtbot.addWidget(field)
        field.setText(text)
        script_fonts.make_room(field)
        field.resize(300, field.minimumHeight())
        image = field.grab().toImage().convertToFormat(QImage.Format.Format_Grayscale8)
        data, stride = bytes(image.constBits()), image.bytesPerLine()
        inner = range(3, image.height() - 3)  # inside the frame
        rows = [y for y in inner if min(data[y * stride + 5 : y * stride + 100]) < 128]
        assert rows, text
        assert rows[0] > 3, text  # room above the highest mark
        assert rows[-1] - rows[0] + 1 >= ink_height(field.font(), text) - 1, text
