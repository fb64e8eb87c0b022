"""Issue 9 item 3: `hnclient list`, `export` and `sync` run in their own processes while the
window has the store open and autosaves what is being typed — nothing fails, nothing is lost,
and the window shows what the sync did. A window that sends keeps `hnclient sync` out."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from hnclient.context import ClientContext
from hnclient.instance import WindowLock
from hnclient.items import ItemState
from hnclient.sending.lock import SenderLock
from hnclient.ui.app import build_window
from tests.endpoint_support import RunningEndpoint
from tests.sending_support import UNIT, add_item, jpeg_bytes
from tests.signoff_support import Workspace

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[2]


def _command(home: Path, *args: str, stdin: str = "") -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "HNCLIENT_HOME": str(home),
        "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "protocol"), str(REPO / "endpoint")]),
        # no OS keyring in the child: the token comes on stdin and is stored nowhere
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "hnclient", *args],
        env=env,
        cwd=REPO,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None
    child.stdin.write(stdin)
    child.stdin.close()
    return child


def _finish(qtbot: QtBot, child: subprocess.Popen[str]) -> tuple[int, str, str]:
    """Wait while the window's event loop (and its autosave) keeps running."""
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=120_000)
    assert child.stdout is not None and child.stderr is not None
    return int(child.returncode), child.stdout.read(), child.stderr.read()


def test_list_export_and_sync_while_the_window_autosaves(
    qtbot: QtBot, hnclient_home: Path, endpoint: RunningEndpoint, tmp_path: Path
) -> None:
    token = endpoint.admin.create_unit(UNIT)
    workspace = Workspace(hnclient_home, sending=lambda: True)
    queued = add_item(
        workspace, tmp_path, title="草原生态保护会议", files=[("a.jpg", jpeg_bytes(7), "jpeg")]
    )
    workspace.close()
    (hnclient_home / "config").mkdir(parents=True, exist_ok=True)
    preset = {"unit": UNIT, "endpoint": endpoint.url, "allow_http": True}  # loopback test
    (hnclient_home / "config" / "preset.json").write_text(json.dumps(preset), encoding="utf-8")

    context = ClientContext.open()  # the window, not sending in this run (no token given)
    window = build_window(context)
    qtbot.addWidget(window)
    window.show()
    failures: list[BaseException] = []
    try:
        window.autosave.failed.connect(failures.append)
        draft = window.create_item("leadership")
        assert draft is not None
        title = window.editor.title_edit.editor
        typed: list[str] = []

        def type_one() -> None:  # an officer typing all along
            typed.append("字")
            title.insert("字")

        typing = QTimer(window)
        typing.timeout.connect(type_one)
        typing.start(40)

        code, out, err = _finish(qtbot, _command(hnclient_home, "list", "--json"))
        assert code == 0, err
        assert {row["id"] for row in json.loads(out)} == {queued.id, draft.id}

        target = tmp_path / "U盘"
        code, out, err = _finish(
            qtbot, _command(hnclient_home, "export", queued.id[:8], "--out", str(target))
        )
        assert code == 0, err
        assert "已导出" in out and any(target.rglob("manifest.json"))

        code, out, err = _finish(
            qtbot, _command(hnclient_home, "sync", "--token-stdin", stdin=token + "\n")
        )
        assert code == 0, (out, err)
        assert "草原生态保护会议" in out and "已报送" in out

        # the window hears of it by itself (another process's commit) and shows the new state
        def shown_state() -> ItemState | None:
            row = window.model.row_of(queued.id)
            summary = None if row is None else window.model.summary_at(row)
            return None if summary is None else summary.state

        qtbot.waitUntil(lambda: shown_state() is ItemState.SENT, timeout=10_000)
        typing.stop()
        with qtbot.waitSignal(window.autosave.saved, timeout=10_000):
            title.insert("完")
        assert failures == []
        assert window.store.get_item(draft.id).title == "字" * len(typed) + "完"
    finally:
        window.close()
        context.close()


def test_sync_leaves_it_to_a_sending_window(
    qtbot: QtBot, hnclient_home: Path, endpoint: RunningEndpoint
) -> None:
    (hnclient_home / "config").mkdir(parents=True, exist_ok=True)
    preset = {"unit": UNIT, "endpoint": endpoint.url, "allow_http": True}  # loopback test
    (hnclient_home / "config" / "preset.json").write_text(json.dumps(preset), encoding="utf-8")
    context = ClientContext.open()
    window = WindowLock(context.paths)
    assert window.acquire()
    try:
        # the window's locks, as all the time it is open (its sender idle or not)
        with SenderLock(context.paths.data):
            code, _out, err = _finish(
                qtbot, _command(hnclient_home, "sync", "--token-stdin", stdin="t\n")
            )
        assert code == 3 and "程序窗口已打开，由窗口负责发送" in err, err
        assert "正在发送" not in err
    finally:
        window.release()
        context.close()
