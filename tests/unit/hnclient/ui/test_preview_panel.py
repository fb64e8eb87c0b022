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


def test_wechat_article_only_for_items_going_to_wechat(qtbot: QtBot) -> None:
    """Issue 9 item 14: a portal-only item shows no WeChat preview; ticking WeChat adds it."""
    from hnclient.items import Channel, Item
    from hnclient.ui.preview_panel import WECHAT_TAB, PreviewPanel
    from hnclient.ui.tasks import TaskRunner

    holder: list[Item] = [Item(id="x", category="policy", form_version=1, title="通知")]
    runner = TaskRunner()
    panel = PreviewPanel(runner, lambda item, mode: f"<p>{mode}</p>", lambda: holder[0])
    qtbot.addWidget(panel)
    panel.show()
    panel.refresh_now()
    assert not panel.tabs.isTabVisible(WECHAT_TAB)
    holder[0] = holder[0].with_changes(channels=frozenset({Channel.PORTAL, Channel.WECHAT}))
    panel.refresh_now()
    assert panel.tabs.isTabVisible(WECHAT_TAB)
    panel.tabs.setCurrentIndex(WECHAT_TAB)
    qtbot.waitUntil(lambda: "wechat" in panel.phone.toPlainText())
    holder[0] = holder[0].with_changes(channels=frozenset({Channel.PORTAL}))
    panel.refresh_now()  # WeChat untick while its tab is open: back to the page
    assert not panel.tabs.isTabVisible(WECHAT_TAB) and panel.tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: "page" in panel.page.toPlainText())
    runner.wait()
