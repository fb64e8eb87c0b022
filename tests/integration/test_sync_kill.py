"""`hnclient sync` killed with SIGKILL mid-upload, then run again: the upload resumes, the
office receives the item once with identical bytes, and the token is in no file."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hnclient.items import ItemState
from tests.endpoint_support import start_endpoint
from tests.fault_proxy import FaultProxy
from tests.sending_support import UNIT, add_item, jpeg_bytes, video_bytes
from tests.signoff_support import Workspace

pytestmark = pytest.mark.slow
CHUNK = 64 * 1024
VIDEO = 40 * CHUNK + 777


def _sync(home: Path, token: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "HNCLIENT_HOME": str(home),
        "HNCLIENT_CHUNK_SIZE": str(CHUNK),
        # The child has no in-memory keyring: no OS keyring here either, so it must not
        # store the token anywhere and takes it from stdin.
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
    }
    child = subprocess.Popen(
        [sys.executable, "-m", "hnclient", "sync", "--token-stdin"],
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdin is not None
    child.stdin.write(token + "\n")
    child.stdin.flush()
    return child


def _landed(endpoint_dir: Path) -> int:
    db = sqlite3.connect(endpoint_dir / "endpoint.sqlite3")
    try:
        row = db.execute('SELECT max("offset") FROM uploads').fetchone()
    except sqlite3.OperationalError:
        return 0
    finally:
        db.close()
    return int(row[0] or 0)


def test_killed_mid_upload_resumes_without_duplicate(tmp_path: Path) -> None:
    home = tmp_path / "home"
    endpoint = start_endpoint(tmp_path / "endpoint")
    proxy = FaultProxy(
        endpoint.port, lambda method, path: "slow" if method == "PATCH" else None, slow_s=0.15
    ).start()
    try:
        token = endpoint.admin.create_unit(UNIT)
        workspace = Workspace(home, sending=lambda: True)
        files = [("照片.jpg", jpeg_bytes(7), "jpeg"), ("视频.wmv", video_bytes(VIDEO, 7), "wmv")]
        item = add_item(workspace, tmp_path, files=files)
        assert item.state is ItemState.QUEUED
        workspace.close()
        (home / "config").mkdir(parents=True, exist_ok=True)
        (home / "config" / "preset.json").write_text(
            json.dumps({"unit": UNIT, "endpoint": proxy.url, "allow_http": True}), encoding="utf-8"
        )

        first = _sync(home, token)
        deadline = time.monotonic() + 30
        while _landed(endpoint.data_dir) < CHUNK * 2 and time.monotonic() < deadline:
            assert first.poll() is None, first.communicate()
            time.sleep(0.02)
        assert _landed(endpoint.data_dir) >= CHUNK
        first.send_signal(signal.SIGKILL)
        first.wait()
        creations_before = sum(1 for m, p, _f in proxy.log if m == "POST" and p == "/files/")

        workspace = Workspace(home)
        assert workspace.store.get_item(item.id).state is ItemState.QUEUED
        records = workspace.store.upload_records(item.id, item.revision)
        assert any(r.upload_url and r.offset > 0 and not r.done for r in records) or any(
            r.done for r in records
        )
        workspace.close()

        second = _sync(home, token)
        out, err = second.communicate(timeout=60)
        assert second.returncode == 0, (out, err)
        assert "已报送" in out
        creations = sum(1 for m, p, _f in proxy.log if m == "POST" and p == "/files/")
        assert creations == creations_before  # resumed with HEAD, no new upload

        received = [i for i in endpoint.admin.list_items() if i["item_id"] == item.id]
        assert len(received) == 1
        workspace = Workspace(home)
        stored = workspace.store.get_item(item.id)
        assert stored.state is ItemState.SENT
        paths = endpoint.admin.files(item.id, item.revision)
        for ref in stored.attachments:
            assert hashlib.sha256(paths[ref.sha256].read_bytes()).hexdigest() == ref.sha256
        workspace.close()
    finally:
        proxy.stop()
        endpoint.stop()
    # The token is in no file the client wrote (data, settings, logs).
    needle = token.encode()
    leaks = [p for p in home.rglob("*") if p.is_file() and needle in p.read_bytes()]
    assert leaks == []
