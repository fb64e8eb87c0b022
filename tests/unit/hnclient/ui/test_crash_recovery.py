"""Kill -9 while typing: on restart the item is there, minus at most the last 2 s of typing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from .conftest import WindowFactory

CHILD = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication
    from hnclient.ui.app import ClientContext, build_window

    app = QApplication([])
    context = ClientContext.open()
    window = build_window(context)
    window.show()
    item = window.create_item("other")
    body = window.editor._field_widgets["body"].editor
    print("ITEM", item.id, flush=True)
    count = 0

    def type_chunk():
        global count
        count += 1
        body.setFocus()
        event = QInputMethodEvent()
        event.setCommitString(f"第{count}段。")
        QApplication.sendEvent(body, event)
        print("TYPED", count, flush=True)

    timer = QTimer()
    timer.timeout.connect(type_chunk)
    timer.start(100)
    app.exec()
    """
)


@pytest.mark.slow
def test_kill_9_while_typing_loses_at_most_two_seconds(
    qtbot: QtBot, open_window: WindowFactory, hnclient_home: Path
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, env=env
    )
    typed_at: dict[int, float] = {}
    item_id = ""
    try:
        assert child.stdout is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = child.stdout.readline()
            if not line:
                break
            if line.startswith("ITEM"):
                item_id = line.split()[1]
            elif line.startswith("TYPED"):
                typed_at[int(line.split()[1])] = time.monotonic()
                if len(typed_at) == 40:  # four seconds of steady typing
                    break
        child.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
    finally:
        child.kill()
        child.wait(10)
    assert item_id and len(typed_at) == 40

    window = open_window()
    assert item_id in window.recovered_ids
    window.open_recovered([item_id])
    assert window.editor.item is not None and window.editor.item.id == item_id
    assert window.editor.banner.isVisible() and "2" in window.editor.banner.text()
    body = str(window.store.get_item(item_id).values.get("body", ""))
    must_have = [n for n, at in typed_at.items() if killed_at - at > 2.0]
    assert must_have, "the test did not type long enough"
    for n in must_have:
        assert f"第{n}段。" in body, (
            f"chunk {n} typed {killed_at - typed_at[n]:.2f}s before the kill is missing"
        )


def test_recovery_counts_only_the_item_open_when_the_run_stopped(
    qtbot: QtBot, hnclient_home: Path
) -> None:
    """Issue 9 item 14: three items written in a session, the power fails while the third is
    open: only that one may miss its last seconds, so only that one is reported."""
    from hnclient.ui.app import ClientContext, build_window, recovery_message

    from .conftest import type_text

    first = ClientContext.open()
    window = build_window(first)
    qtbot.addWidget(window)
    window.show()
    ids = []
    for title in ("第一条", "第二条", "正在写的第三条"):
        item = window.create_item("other")
        assert item is not None
        ids.append(item.id)
        with qtbot.waitSignal(window.autosave.saved, timeout=5000):
            type_text(window.editor.title_edit.editor, title)
    # the power fails: the store's file is let go as the OS would, no clean exit is marked
    window.bridge.detach()
    first.store.close()
    second = ClientContext.open()
    try:
        assert second.recovered_ids == [ids[2]]
        assert "1 条" in recovery_message(window, len(second.recovered_ids))
    finally:
        second.close()
