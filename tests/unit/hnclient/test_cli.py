"""`hnclient` itself: Chinese usage errors, --version, no display, the command log."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from hnclient import __version__
from hnclient.cli import main
from hnclient.support import display_problem

ENGLISH = ("usage:", "error:", "the following arguments", "invalid choice", "unrecognized")


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code == 0 and capsys.readouterr().out.strip() == f"hnclient {__version__}"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["nope"], "没有 'nope' 这个命令"),
        (["export"], "缺少必需的参数：ITEM_ID, --out"),
        (["list", "--bogus"], "无法识别的参数：--bogus"),
        (["export", "--out"], "参数 --out 后面需要给出一个值"),
    ],
)
def test_usage_errors_are_chinese(
    args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(args)
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and words in err and err.startswith("用法：hnclient")
    assert " -h”可以查看全部用法" in err
    assert not [e for e in ENGLISH if e in err], err


def test_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    for args in ([], ["check"], ["export"], ["sync"]):
        with pytest.raises(SystemExit):
            main([*args, "-h"])
        out = capsys.readouterr().out
        assert out.startswith("用法：") and "显示本帮助并退出" in out and "options:" not in out


@pytest.mark.parametrize(
    ("environ", "platform", "problem"),
    [
        ({}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "wayland"}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", False),
        ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "vnc:size=1366x768"}, "linux", False),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_display_problem(environ: dict[str, str], platform: str, problem: bool) -> None:
    said = display_problem(environ, platform)
    assert bool(said) is problem
    if said:
        assert "没有图形桌面" in said and "hnclient list" in said


def test_no_display_says_what_to_do_before_qt(hnclient_home: Path) -> None:
    """In a real process without a display: our words, not Qt's abort."""
    env = {"HNCLIENT_HOME": str(hnclient_home), "PATH": "/usr/bin:/bin"}
    env["PYTHONPATH"] = ":".join(sys.path)
    result = subprocess.run(
        [sys.executable, "-m", "hnclient"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
        check=False,
    )
    if not sys.platform.startswith("linux"):
        pytest.skip("the check is for Linux desktops")
    assert result.returncode == 3 and "没有图形桌面" in result.stderr
    assert "could not connect to display" not in result.stderr
    assert "This application failed to start" not in result.stderr


def test_list_on_an_empty_store_says_how_to_start(
    hnclient_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "还没有任何信息" in out and "新建信息" in out


def test_commands_write_the_log(hnclient_home: Path) -> None:
    import logging

    assert main(["list"]) == 0
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = (hnclient_home / "logs" / "hnclient.log").read_text("utf-8")
    assert f"hnclient {__version__}: list" in text
