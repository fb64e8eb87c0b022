"""Issue 9 item 12: a data folder that cannot be written. The program still starts, shows the
drafts, says plainly (in Chinese) what is wrong and whom to ask, and offers nothing that writes;
the service refuses a change with the same words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hnclient.context import ClientContext
from hnclient.paths import app_paths
from hnclient.storage import ReadOnlyStoreError
from hnclient.ui.app import build_window
from tests.readonly_support import read_only_folder


def test_read_only_data_folder_opens_read_only(qtbot: QtBot, hnclient_home: Path) -> None:
    context = ClientContext.open()
    made = context.service.create("policy").item
    assert made is not None
    context.service.save(made.with_changes(title="县政府召开专题会议"), edit_session="s")
    context.close()
    data = app_paths().data
    with read_only_folder(data):
        context = ClientContext.open()
        try:
            assert context.read_only
            assert any(str(data) in zh and "写入权限" in zh for zh, _en in context.notices)
            window = build_window(context)
            qtbot.addWidget(window)
            window.show()
            banner = window.read_only_banner
            assert banner.isVisible()
            assert str(data) in banner.text() and "信息化技术人员" in banner.text()
            assert not re.search(r"[A-Za-z]{4,}", banner.text().replace(str(data), ""))
            # the draft is there to read …
            assert window.model.rowCount() == 1
            window.view.selectRow(0)
            qtbot.waitUntil(lambda: window.editor.item is not None)
            assert window.editor.title_edit.editor.text() == "县政府召开专题会议"
            # … and nothing offers to write
            assert window.editor.is_read_only()
            for action in (
                window.new_action,
                window.duplicate_action,
                window.delete_action,
                window.save_action,
                window.submit_action,
                window.leader_sign_in_action,
            ):
                assert not action.isEnabled(), action.text()
            assert not window.welcome_new_button.isEnabled()
            assert window.export_action.isEnabled()  # exporting writes elsewhere: allowed
            # the service refuses with the same plain words
            with pytest.raises(ReadOnlyStoreError) as refused:
                context.service.create("policy")
            assert "写入权限" in refused.value.message_zh()
            window.close()
        finally:
            context.close()


def test_read_only_recycle_bin_and_history_offer_no_change(
    qtbot: QtBot, hnclient_home: Path
) -> None:
    from hnclient.ui.history_dialog import HistoryDialog
    from hnclient.ui.recycle_bin_dialog import RecycleBinDialog

    context = ClientContext.open()
    kept = context.service.create("policy").item
    gone = context.service.create("policy").item
    assert kept is not None and gone is not None
    context.service.save(kept.with_changes(title="第一版"), edit_session="s", reason="manual")
    context.service.save(kept.with_changes(title="第二版"), edit_session="s", reason="manual")
    context.service.delete(gone.id)
    context.close()
    with read_only_folder(app_paths().data):
        context = ClientContext.open()
        try:
            window = build_window(context)
            qtbot.addWidget(window)
            bin_dialog = RecycleBinDialog(context.service, window.category_labels, window)
            qtbot.addWidget(bin_dialog)
            assert bin_dialog.model.rowCount() == 1  # to look into …
            assert not bin_dialog.restore_button.isEnabled()  # … not to change
            assert not bin_dialog.purge_button.isEnabled()
            history = HistoryDialog(context.service, kept.id, context.render_preview, "s", window)
            qtbot.addWidget(history)
            assert history.versions.count() >= 2
            history.versions.setCurrentRow(1)
            assert not history.restore_button.isEnabled()
        finally:
            context.close()
