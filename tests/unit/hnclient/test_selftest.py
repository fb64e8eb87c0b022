"""``hnclient selftest``: every core step runs for real in a throwaway home; a broken part is
named in Chinese and the exit code is non-zero."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hnclient.paths import HOME_ENV
from hnclient.selftest import CORE_STEPS, SAMPLES, SelfTestState, StepFailed, run_selftest

ROOT = Path(__file__).resolve().parents[3]


def test_every_core_step_passes_and_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # re-read TMPDIR
    out = io.StringIO()
    assert run_selftest(out=out) == 0, out.getvalue()
    text = out.getvalue()
    for number, (name, _) in enumerate(CORE_STEPS, start=1):
        assert f"[通过] {number}. {name}" in text
    assert f"全部 {len(CORE_STEPS)} 项正常" in text
    assert "签名有效" in text and ".docx" in text
    assert list(tmp_path.iterdir()) == []  # the throwaway home is gone


def test_a_damaged_sample_is_named_and_fails_the_run(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    data = (SAMPLES / "sample.wmv").read_bytes()
    (samples / "sample.wmv").write_bytes(data[: len(data) // 3])  # cut off mid-file
    out = io.StringIO()
    assert run_selftest(samples=samples, out=out) == 1
    text = out.getvalue()
    assert "[失败] 5. 检查 WMV 视频" in text
    assert "自检未通过：第 5 项“检查 WMV 视频”失败" in text
    assert "信息化技术人员" in text
    assert "领导签发" not in text  # later steps do not run on a broken base


def test_an_unexpected_error_is_reported_with_its_traceback(tmp_path: Path) -> None:
    def broken(state: SelfTestState) -> str:
        raise ZeroDivisionError("boom")

    def refused(state: SelfTestState) -> str:
        raise StepFailed("不会运行")

    out = io.StringIO()
    assert run_selftest([("故意出错", broken), ("之后", refused)], out=out) == 1
    text = out.getvalue()
    number = len(CORE_STEPS) + 1
    assert f"[失败] {number}. 故意出错：ZeroDivisionError: boom" in text
    assert "Traceback" in text and "之后" not in text


def test_a_video_component_that_cannot_run_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "ffmpeg"
    fake.write_bytes(b"not a program")
    fake.chmod(0o755)
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(fake))
    out = io.StringIO()
    assert run_selftest(out=out) == 1
    assert "“视频转换组件”失败" in out.getvalue()


def test_without_the_video_component_the_run_passes_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("IMAGEIO_FFMPEG_EXE", str(tmp_path / "absent"))
    out = io.StringIO()
    assert run_selftest(out=out) == 0
    assert "视频转换组件" in out.getvalue() and "未安装（可选组件" in out.getvalue()


@pytest.mark.slow
def test_the_command_runs_every_step_including_the_window_part(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(str(ROOT / p) for p in ("", "protocol", "endpoint")),
        "QT_QPA_PLATFORM": "offscreen",
        HOME_ENV: str(tmp_path / "home"),
    }
    run = subprocess.run(
        [sys.executable, "-m", "hnclient", "selftest"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "加载中文界面翻译" in run.stdout and "自检通过" in run.stdout
    assert not (tmp_path / "home").exists()  # the officer's home is never touched
    shutil.rmtree(tmp_path, ignore_errors=True)


def test_a_broken_county_preset_fails_and_names_the_setting(
    hnclient_home: Path,
) -> None:
    config = hnclient_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "preset.json").write_text('{"limits": {"jpeg_max_mb": -1}}', encoding="utf-8")
    out = io.StringIO()
    assert run_selftest(out=out) == 1
    text = out.getvalue()
    assert "[失败] 1. 读取本县预设" in text and "limits.jpeg_max_mb" in text


def test_keyring_step_says_plainly_when_this_pc_cannot_keep_the_token() -> None:
    """Trial finding: “[通过] 系统钥匙串支持 … 本机当前使用：keyring.backends.fail.Keyring”
    passed a PC where the token cannot be saved without saying so. (The test keyring is an
    in-memory backend, not a trusted one: tests/conftest.py.)"""
    import keyring
    from keyring.backends import fail

    from hnclient.selftest import _keyring

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        detail = _keyring(SelfTestState(home=Path("."), samples=SAMPLES))
    finally:
        keyring.set_keyring(previous)
    assert "本机当前没有可用的系统钥匙串" in detail and "不能保存" in detail
    assert "重新输入令牌" in detail and "keyring.backends.fail.Keyring" in detail


def test_keyring_step_names_a_trusted_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    from hnclient.selftest import _keyring
    from hnclient.sending import credentials

    backend = keyring.get_keyring()
    identity = (type(backend).__module__, type(backend).__qualname__)
    monkeypatch.setattr(credentials, "TRUSTED_BACKENDS", frozenset({identity}))
    detail = _keyring(SelfTestState(home=Path("."), samples=SAMPLES))
    assert "系统钥匙串可用" in detail and "不能保存" not in detail
