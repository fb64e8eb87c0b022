"""``hnclient-endpoint``: serve, and the admin commands on a data directory."""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from hnendpoint.cli import main
from hnendpoint.store import Store
from hnprotocol.signatures import Ed25519Signer
from tests.endpoint_support import (
    UNIT,
    RunningEndpoint,
    file_reference,
    item_content,
    key_registration,
    new_item_id,
    signed_manifest,
    tus_upload,
)


def admin(data: Path, *args: str) -> int:
    return main(["admin", "--data", str(data), *args])


def deliver_one(endpoint: RunningEndpoint, token: str, signer: Ed25519Signer) -> str:
    photo = b"\xff\xd8 photo bytes" * 100
    item_id = new_item_id()
    path = tus_upload(endpoint.url, token, photo, name="现场照片.jpg")
    body = signed_manifest(
        item_content(item_id, attachments=[file_reference(photo, "现场照片.jpg")]),
        signer=signer,
        uploads={hashlib.sha256(photo).hexdigest(): path},
    )
    answer = requests.post(
        endpoint.url + "/api/v1/items",
        data=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 201
    return item_id


def test_units_add_prints_the_token_once_and_keeps_only_its_hash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    assert admin(data, "units", "add", UNIT) == 0
    token = capsys.readouterr().out.strip().splitlines()[-1]
    assert len(token) >= 40
    store = Store(data)
    unit = store.unit_for_token(token)
    assert unit is not None and unit.name == UNIT
    store.close()
    for file in data.iterdir():
        if file.is_file():
            content = file.read_bytes()
            assert token.encode() not in content
    assert (
        hashlib.sha256(token.encode()).hexdigest().encode()
        in (data / "endpoint.sqlite3").read_bytes()
    )

    assert admin(data, "units", "add", UNIT) == 1  # a unit exists once
    assert "已经存在" in capsys.readouterr().err
    assert admin(data, "units", "token", UNIT) == 0
    second = capsys.readouterr().out.strip()
    assert second != token
    assert admin(data, "--json", "units", "list") == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(u["name"], u["tokens"]) for u in listed] == [(UNIT, 2)]


def test_keys_and_items_commands(
    endpoint: RunningEndpoint, token: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = endpoint.data_dir
    auth = {"Authorization": f"Bearer {token}"}
    signer = Ed25519Signer.generate()
    registered = requests.post(
        endpoint.url + "/api/v1/leader-keys",
        json=key_registration(signer),
        headers=auth,
        timeout=10,
    )
    assert registered.status_code == 201
    item_id = deliver_one(endpoint, token, signer)

    assert admin(data, "keys", "list") == 0
    out = capsys.readouterr().out
    assert signer.key_id in out and "pending" in out
    assert admin(data, "keys", "confirm", signer.key_id) == 0
    assert "1" in capsys.readouterr().out  # one held item released
    status = requests.get(endpoint.url + f"/api/v1/items/{item_id}", headers=auth, timeout=10)
    assert status.json()["revisions"][0]["status"] == "received"

    assert admin(data, "items", "list") == 0
    assert item_id in capsys.readouterr().out
    assert admin(data, "items", "adopt", item_id, "1") == 0
    assert admin(data, "items", "publish", item_id, "1", "https://example.gov.cn/a.html") == 0
    assert admin(data, "items", "return", item_id, "1", "已发布的不能退回") == 1
    assert "不能" in capsys.readouterr().err
    assert admin(data, "--json", "items", "list") == 0
    [row] = json.loads(capsys.readouterr().out)
    assert (row["status"], row["url"]) == ("published", "https://example.gov.cn/a.html")

    feed = requests.get(endpoint.url + "/api/v1/status", headers=auth, timeout=10).json()
    assert [c["status"] for c in feed["changes"]] == [
        "held_unregistered_signer",
        "received",
        "adopted",
        "published",
    ]

    assert admin(data, "keys", "revoke", signer.key_id) == 0
    assert admin(data, "--json", "keys", "list") == 0
    assert json.loads(capsys.readouterr().out.split("\n", 1)[1])[0]["status"] == "revoked"


def test_return_command(
    endpoint: RunningEndpoint, token: str, capsys: pytest.CaptureFixture[str]
) -> None:
    item_id = deliver_one(endpoint, token, Ed25519Signer.generate())
    assert admin(endpoint.data_dir, "items", "return", item_id, "1", "请补充数据来源") == 0
    auth = {"Authorization": f"Bearer {token}"}
    status = requests.get(endpoint.url + f"/api/v1/items/{item_id}", headers=auth, timeout=10)
    assert status.json()["revisions"][0]["reason"] == "请补充数据来源"
    assert admin(endpoint.data_dir, "items", "adopt", "0" * 32, "1") == 1
    assert "没有找到" in capsys.readouterr().err


def test_notices_and_tasks_commands(
    endpoint: RunningEndpoint, token: str, capsys: pytest.CaptureFixture[str]
) -> None:
    data = endpoint.data_dir
    assert admin(data, "notices", "add", "通报", "正文") == 0
    assert admin(data, "tasks", "add", "年度总结", "月底前报送", "--due", "2026-12-31") == 0
    capsys.readouterr()
    with pytest.raises(SystemExit):
        admin(data, "tasks", "add", "年度总结", "月底前报送", "--due", "31.12.2026")
    with pytest.raises(SystemExit):
        admin(data, "tasks", "add", "年度总结", "月底前报送")
    auth = {"Authorization": f"Bearer {token}"}
    notices = requests.get(endpoint.url + "/api/v1/notices", headers=auth, timeout=10).json()
    assert [(n["kind"], n["title"], n["due_date"]) for n in notices["notices"]] == [
        ("notice", "通报", None),
        ("task", "年度总结", "2026-12-31"),
    ]


def test_confirming_an_unknown_key_fails_in_plain_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert admin(tmp_path / "data", "units", "add", "测试县") == 0  # an endpoint with data
    capsys.readouterr()
    assert admin(tmp_path / "data", "keys", "confirm", "ed25519:" + "0" * 32) == 1
    err = capsys.readouterr().err
    assert "没有登记" in err and "error:" in err


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.slow
def test_serve_runs_the_endpoint(tmp_path: Path) -> None:
    port = _free_port()
    data = tmp_path / "data"
    process = subprocess.Popen(
        [sys.executable, "-m", "hnendpoint", "serve", "--port", str(port), "--data", str(data)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                answer = requests.options(f"http://127.0.0.1:{port}/files/", timeout=2)
                break
            except requests.ConnectionError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                assert time.monotonic() < deadline
                time.sleep(0.1)
        assert answer.status_code == 204
        assert requests.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5).ok
        assert (data / "endpoint.sqlite3").exists()
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_wrong_data_path_is_named_not_taken_for_an_empty_endpoint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hnendpoint.cli import main as endpoint_main

    a_file = tmp_path / "a.txt"
    a_file.write_text("x", encoding="utf-8")
    assert endpoint_main(["admin", "--data", str(a_file), "items", "list"]) == 2
    assert "是一个文件" in capsys.readouterr().err
    missing = tmp_path / "typo"
    assert endpoint_main(["admin", "--data", str(missing), "items", "list"]) == 2
    assert "检查 --data" in capsys.readouterr().err
    assert not missing.exists()


def test_lists_have_chinese_headings_and_notices_list(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "ep"
    assert admin(data, "units", "add", "贵南县人民政府办公室") == 0
    assert admin(data, "notices", "list") == 0
    capsys.readouterr()
    assert admin(data, "units", "list") == 0
    heading, row = capsys.readouterr().out.splitlines()
    assert heading.split() == ["编号", "名称", "令牌数", "信息数"]
    assert row.split() == ["1", "贵南县人民政府办公室", "1", "0"]
    assert (
        admin(data, "notices", "add", "--unit", "贵南县人民政府办公室", "第三周通报", "正文") == 0
    )
    assert admin(data, "notices", "add", "全州通报", "正文") == 0
    assert admin(data, "tasks", "add", "报送春耕信息", "正文", "--due", "2026-04-30") == 0
    capsys.readouterr()
    assert admin(data, "notices", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["编号", "单位", "标题", "发布时间"]
    assert "贵南县人民政府办公室" in lines[1] and "第三周通报" in lines[1]
    assert "全部单位" in lines[2] and "全州通报" in lines[2] and len(lines) == 3
    assert admin(data, "--json", "tasks", "list") == 0
    [task] = json.loads(capsys.readouterr().out)
    assert (task["title"], task["due_date"], task["unit"]) == ("报送春耕信息", "2026-04-30", None)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([], "缺少命令"),
        (["serve"], "缺少必需的参数：--data"),
        (["admin", "--data", "x", "units", "rename"], "没有 'rename' 这个命令"),
        (["admin", "--data", "x", "tasks", "add", "t", "b", "--due", "明天"], "不是日期"),
        (["admin", "--data", "x", "units", "list", "--bogus"], "无法识别的参数：--bogus"),
        (["serve", "--data", "x", "--port", "八千"], "参数 --port 的值 '八千' 不是整数"),
    ],
)
def test_usage_errors_are_chinese(
    args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(args)
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and words in err and " -h”可以查看全部用法" in err
    for english in ("usage:", "error:", "the following arguments", "invalid choice"):
        assert english not in err


def test_help_is_chinese_with_english_in_brackets(capsys: pytest.CaptureFixture[str]) -> None:
    for args in ([], ["admin"], ["admin", "notices"], ["serve"], ["admin", "items", "publish"]):
        with pytest.raises(SystemExit):
            main([*args, "-h"])
        out = capsys.readouterr().out
        assert out.startswith("用法：") and "显示本帮助并退出" in out
        assert "usage:" not in out and "options:" not in out
        entry = re.compile(r"^ {2,4}(-[-\w, ]+|[a-z]\w*)( [A-Z_]+)? {2,}\S")
        described = [line for line in out.splitlines() if entry.match(line)]
        assert described and all(
            any("\u4e00" <= ch <= "\u9fff" for ch in line) for line in described
        ), out
