"""`hnclient audit verify` and `hnclient verify PACKAGE` on this test's HNCLIENT_HOME."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from hnclient.cli import main
from hnclient.items import ItemState
from hnclient.paths import app_paths
from hnclient.storage import Store
from tests.signoff_support import Clock, drive, make_service


@pytest.fixture
def home_with_approvals(hnclient_home: Path, tmp_path: Path) -> Path:
    """The data directory the commands open, with two approved items and one package."""
    paths = app_paths().ensure()
    clock = Clock()
    with Store.open(paths.database, clock=clock) as store:
        service = make_service(store, paths.attachments, clock=clock)
        first = store.create_item(
            "other", 1, title="第一条", values={"content_type": "news", "body": "正文。"}
        )
        second = store.create_item("other", 1, title="第二条")
        drive(service, first.id, ItemState.APPROVED)
        drive(service, second.id, ItemState.QUEUED)
        service.export(first.id, tmp_path / "报送包")
    return paths.database


def tamper(database: Path, *statements: str) -> None:
    conn = sqlite3.connect(database, isolation_level=None)
    try:
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def test_audit_verify_passes_on_a_sound_store(
    home_with_approvals: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "verify"]) == 0
    out = capsys.readouterr().out
    assert "审核记录完整" in out and "2 份签发均核验通过" in out


def test_audit_verify_passes_on_a_fresh_install(
    hnclient_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit", "verify"]) == 0
    assert "0 条审计记录" in capsys.readouterr().out


def test_audit_verify_names_the_first_broken_entry(
    home_with_approvals: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(
        home_with_approvals,
        "DROP TRIGGER audit_no_update",
        "UPDATE audit_log SET actor_name = '王五' WHERE seq = 3",
    )
    assert main(["audit", "verify"]) == 1
    out = capsys.readouterr().out
    first = out.splitlines()[0]
    assert first.startswith("审核记录检查未通过：第 3 条审计记录：")


@pytest.mark.parametrize(
    ("statements", "where"),
    [
        (
            ["DROP TRIGGER audit_no_delete", "DELETE FROM audit_log WHERE seq = 4"],
            "第 4 条审计记录",
        ),
        (
            [
                "DROP TRIGGER audit_no_update",
                "UPDATE audit_log SET seq = -1 WHERE seq = 5",
                "UPDATE audit_log SET seq = 5 WHERE seq = 6",
                "UPDATE audit_log SET seq = 6 WHERE seq = -1",
            ],
            "第 5 条审计记录",
        ),
        (["UPDATE item_bodies SET content = replace(content, '第一条', '第三条')"], "信息 "),
    ],
    ids=["deleted", "reordered", "content"],
)
def test_audit_verify_fails_on_tampering(
    home_with_approvals: Path,
    capsys: pytest.CaptureFixture[str],
    statements: list[str],
    where: str,
) -> None:
    tamper(home_with_approvals, *statements)
    assert main(["audit", "verify"]) == 1
    assert capsys.readouterr().out.startswith(f"审核记录检查未通过：{where}")


def test_audit_verify_json(home_with_approvals: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "verify", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["approvals"] == 2 and data["findings"] == []
    assert data["entries"] > 5
    tamper(
        home_with_approvals,
        "DROP TRIGGER audit_no_update",
        "UPDATE audit_log SET detail = '{}' WHERE action = 'approve'",
    )
    assert main(["audit", "verify", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert data["findings"][0]["where"].startswith("audit #")
    assert all(f["message"] and f["message_en"] for f in data["findings"])


def test_audit_without_a_subcommand_is_a_usage_error(
    hnclient_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["audit"]) == 2
    assert "hnclient audit verify" in capsys.readouterr().err


def test_verify_package(
    home_with_approvals: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    package = tmp_path / "报送包"
    assert main(["verify", str(package)]) == 0
    out = capsys.readouterr().out
    assert "核验通过" in out and "李四（副县长）" in out and "签名密钥编号" in out
    assert main(["verify", str(package), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["approved"] is True and data["signer"] == "李四（副县长）"
    assert data["key_id"]

    manifest = json.loads((package / "manifest.json").read_text(encoding="utf-8"))
    manifest["approval"]["opinion"] = "不同意"
    (package / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    assert main(["verify", str(package)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("核验未通过：签发记录：") and "电子签名无效" in out
    assert main(["verify", str(package), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["findings"][0]["where"] == "approval"


def test_verify_a_missing_package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path / "没有这个包")]) == 2
    assert "找不到报送包文件夹" in capsys.readouterr().err


def test_commands_run_while_the_window_is_open(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 9 item 3: the window's store open does not keep the commands out."""
    from hnclient.cli import main
    from hnclient.context import ClientContext

    window_context = ClientContext.open()  # what the window opens
    try:
        item = window_context.service.create("policy").item
        assert item is not None
        assert main(["audit", "verify"]) == 0
        assert main(["list"]) == 0
    finally:
        window_context.close()
    captured = capsys.readouterr()
    assert item.id in captured.out and captured.err == ""


def test_on_a_network_drive_a_command_says_to_close_the_window(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """There the store keeps the single-process mode; the command says what to do."""
    from hnclient.cli import main
    from hnclient.context import ClientContext

    monkeypatch.setattr("hnclient.storage.database.is_network_path", lambda _p: True)
    window_context = ClientContext.open()
    try:
        assert main(["list"]) == 1
    finally:
        window_context.close()
    err = capsys.readouterr().err
    assert "网络盘" in err and "关闭程序窗口" in err and "重新启动电脑" not in err


def test_verify_says_plainly_when_the_folder_is_not_a_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from hnclient.cli import main

    (tmp_path / "not-a-package").mkdir()
    assert main(["verify", str(tmp_path / "not-a-package")]) == 1
    assert "不是本程序导出的报送包" in capsys.readouterr().out
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "manifest.json").write_text("[1, 2]", encoding="utf-8")
    assert main(["verify", str(odd)]) == 1  # a JSON list, not an object: a message, no crash
    assert "manifest.json" in capsys.readouterr().out
    a_file = tmp_path / "a.txt"
    a_file.write_text("x", encoding="utf-8")
    assert main(["verify", str(a_file)]) == 2
    assert "是一个文件" in capsys.readouterr().err
