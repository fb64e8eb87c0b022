"""The Word preview fits the width it is given: the whole page, smaller, never cut off."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from hnclient.ui.preview_panel import PAGE_VIEW_WIDTH, PageView

PAGE = (
    "<body style='background-color: #808080'><table align='center' width='595' "
    "bgcolor='#ffffff'><tr><td style='font-size: 16px'>"
    + "州政府召开第十二次常务会议，研究部署冬春季安全生产工作。" * 120
    + "</td></tr></table></body>"
)


def test_page_is_shrunk_to_a_narrow_preview_and_shown_whole_when_wide(qtbot: QtBot) -> None:
    view = PageView()
    qtbot.addWidget(view)
    view.resize(380, 500)
    view.show()
    qtbot.waitExposed(view)
    view.setHtml(PAGE)
    assert 0.5 < view.scale() < 1
    assert not view.horizontalScrollBar().isVisible()
    assert view.verticalScrollBar().maximum() > 0  # the rest of the page is below
    assert "常务会议" in view.toPlainText()
    view.resize(PAGE_VIEW_WIDTH + 100, 500)
    qtbot.waitUntil(lambda: view.scale() == 1)
    image = view.grab().toImage()
    assert image.pixelColor(image.width() // 2, 40).name() == "#ffffff"  # the page is drawn
