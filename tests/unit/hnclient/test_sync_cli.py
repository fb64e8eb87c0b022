"""`hnclient sync` in-process: outcome per item in Chinese, exit codes, never two senders."""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from hnclient.sending.lock import SenderLock
from hnclient.storage import Store
from hnclient.sync_cli import EXIT_BUSY, EXIT_OK, EXIT_USAGE, run_sync
from tests.endpoint_support import RunningEndpoint, start_endpoint
from tests.sending_support import UNIT, add_item, jpeg_bytes
from tests.signoff_support import Workspace


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[RunningEndpoint]:
    running = start_endpoint(tmp_path / "endpoint")
    yield running
    running.stop()


def _preset(home: Path, **values: object) -> None:
    (home / "config").mkdir(parents=True, exist_ok=True)
    values.setdefault("allow_http", True)  # the test endpoint listens on loopback http
    (home / "config" / "preset.json").write_text(json.dumps(values), encoding="utf-8")


def _run(
    monkeypatch: pytest.MonkeyPatch, token: str = "", *, resume: bool = False
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(token + "\n"))
    out, err = io.StringIO(), io.StringIO()
    code = run_sync(argparse.Namespace(token_stdin=True, resume=resume), out, err)
    return code, out.getvalue(), err.getvalue()


def test_without_an_endpoint_it_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    code, _out, err = _run(monkeypatch, "t")
    assert code == EXIT_USAGE and "报送系统的地址" in err


def test_sends_and_reports_in_chinese(
    hnclient_home: Path, endpoint: RunningEndpoint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = endpoint.admin.create_unit(UNIT)
    workspace = Workspace(hnclient_home, sending=lambda: True)
    files = [("a.jpg", jpeg_bytes(), "jpeg")]
    item = add_item(workspace, tmp_path, title="草原生态保护会议", files=files)
    workspace.close()
    _preset(hnclient_home, unit=UNIT, endpoint=endpoint.url)
    code, out, err = _run(monkeypatch, token)
    assert code == EXIT_OK, (out, err)
    assert "已报送，但签发人未备案：草原生态保护会议" in out
    endpoint.admin.return_item(item.id, item.revision, "请补充会议时间。")
    code, out, _err = _run(monkeypatch, token)
    assert code == EXIT_OK and "被退回：草原生态保护会议。退回原因：请补充会议时间。" in out
    code, out, _err = _run(monkeypatch, token)
    assert code == EXIT_OK and "没有待发送的信息" in out


def test_runs_while_the_window_has_the_store_open(
    hnclient_home: Path, endpoint: RunningEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 9 item 3: the window's store open (and not sending) does not stop a sync."""
    token = endpoint.admin.create_unit(UNIT)
    _preset(hnclient_home, unit=UNIT, endpoint=endpoint.url)
    window = Store.open(hnclient_home / "data" / "hnclient.sqlite3")
    try:
        code, out, err = _run(monkeypatch, token)
    finally:
        window.close()
    assert code == EXIT_OK and "没有待发送的信息" in out, (out, err)


def test_on_a_network_drive_it_says_to_close_the_window(
    hnclient_home: Path, endpoint: RunningEndpoint, monkeypatch: pytest.MonkeyPatch
) -> None:
    """There the store keeps the single-process mode: the command says what to do."""
    _preset(hnclient_home, endpoint=endpoint.url)
    monkeypatch.setattr("hnclient.storage.database.is_network_path", lambda _p: True)
    window = Store.open(hnclient_home / "data" / "hnclient.sqlite3")
    try:
        code, _out, err = _run(monkeypatch, "t")
    finally:
        window.close()
    assert code == EXIT_BUSY and "关闭程序窗口" in err


def test_never_two_senders(hnclient_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another sync holds the sender lock (no window open): wait for it, it says."""
    with SenderLock(hnclient_home / "data"):
        code, _out, err = _run(monkeypatch, "t")
    assert code == EXIT_BUSY
    assert "另一个“hnclient sync”正在运行，请等它结束" in err
    assert "窗口" not in err


def test_an_open_window_holding_the_sender_is_named_not_called_sending(
    hnclient_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Trial finding: the window holds the sender lock all the time it is open, idle or not;
    the refusal said "正在发送" and named the window only as a maybe."""
    from hnclient.instance import WindowLock
    from hnclient.paths import app_paths

    window = WindowLock(app_paths())
    assert window.acquire()
    try:
        with SenderLock(hnclient_home / "data"):
            code, _out, err = _run(monkeypatch, "t")
    finally:
        window.release()
    assert code == EXIT_BUSY
    assert "程序窗口已打开，由窗口负责发送" in err and "不需要运行“hnclient sync”" in err
    assert "正在发送" not in err and "可能" not in err


def test_a_pause_from_the_window_holds_until_resumed(
    hnclient_home: Path, endpoint: RunningEndpoint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    token = endpoint.admin.create_unit(UNIT)
    workspace = Workspace(hnclient_home, sending=lambda: True)
    item = add_item(
        workspace, tmp_path, title="暂停中的信息", files=[("a.jpg", jpeg_bytes(), "jpeg")]
    )
    workspace.close()
    _preset(hnclient_home, unit=UNIT, endpoint=endpoint.url)
    settings = hnclient_home / "config" / "settings.json"
    settings.write_text(json.dumps({"sending_paused": "yes"}), encoding="utf-8")

    code, out, _err = _run(monkeypatch, token)
    assert code == EXIT_OK and "发送已暂停" in out and "hnclient sync --resume" in out
    assert not [row for row in endpoint.admin.list_items() if row["item_id"] == item.id]

    code, out, _err = _run(monkeypatch, token, resume=True)
    assert code == EXIT_OK and "暂停中的信息" in out
    assert [row for row in endpoint.admin.list_items() if row["item_id"] == item.id]
    assert json.loads(settings.read_text(encoding="utf-8"))["sending_paused"] == ""


def test_a_refused_preset_says_why_before_saying_nothing_is_set(
    hnclient_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _preset(hnclient_home, unit=UNIT, endpoint="http://127.0.0.1:9/", allow_http=False)
    code, _out, err = _run(monkeypatch, "t")
    assert code == EXIT_USAGE
    assert "http://" in err and "allow_http" in err and "preset.json" in err
