"""通报与任务 as an officer reads them: times on China's clock, long titles whole."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from hnclient.ui.notices_dialog import NoticesDialog

from .conftest import WindowFactory

LONG = "关于报送2026年冬春季安全生产工作信息及森林草原防火工作开展情况的通知"


def test_published_time_reads_as_china_time_and_titles_wrap(
    qtbot: QtBot, open_window: WindowFactory
) -> None:
    window = open_window()
    window.store.add_notices(
        [
            {
                "id": "n1",
                "kind": "task",
                "title": LONG,
                "body": "请于12月5日前报送。",
                "due_date": "2026-12-05",
                "published_at": "2026-11-30T08:00:00+00:00",
            }
        ],
        "c1",
    )
    dialog = NoticesDialog(window.service, window)
    qtbot.addWidget(dialog)
    dialog.show()
    text = dialog.body.toPlainText()
    assert "2026-11-30 16:00" in text and "T08:00" not in text
    assert dialog.list.wordWrap()
    assert dialog.list.item(0).toolTip() == LONG
