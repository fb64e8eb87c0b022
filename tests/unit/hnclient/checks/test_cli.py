"""`python -m hnclient check` in a subprocess: exit codes, human output and the JSON shape."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Write = Callable[[str, bytes], Path]
pytestmark = pytest.mark.slow


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "hnclient", "check", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=60,
    )


def test_all_accepted_exits_0(write: Write, mk: Any) -> None:
    result = _run(write("a.jpg", mk.jpeg_bytes()), write("b.docx", mk.docx_bytes()))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("【可以报送】") == 2
    assert "（ok）" not in result.stdout  # words for people; the codes are in --json


def test_any_refused_exits_1_with_chinese_reason(write: Write, mk: Any, tmp_path: Path) -> None:
    result = _run(write("a.jpg", mk.jpeg_bytes()), write("b.png", b"\x89PNG\r\n\x1a\n" + bytes(20)))
    assert result.returncode == 1
    assert "【不能报送】" in result.stdout and "请与州政府办公室另行联系沟通" in result.stdout
    assert _run(tmp_path / "missing.jpg").returncode == 1


def test_no_files_is_usage_error() -> None:
    result = _run()
    assert result.returncode == 2
    assert "用法" in result.stderr


def test_unknown_option_is_usage_error() -> None:
    assert _run("--nope").returncode == 2


def test_json_shape(write: Write, mk: Any, tmp_path: Path) -> None:
    from PIL import Image

    exif = Image.Exif()
    exif.get_ifd(0x8825).update({1: "N", 2: (36.0, 17.0, 0.0)})
    photo = write("定位.jpg", mk.jpeg_bytes(exif=exif))
    missing = tmp_path / "没有.doc"
    result = _run("--json", photo, missing, tmp_path)
    assert result.returncode == 1
    assert "\\u" not in result.stdout  # ensure_ascii=False
    data = json.loads(result.stdout)
    assert [set(entry) for entry in data] == [
        {"path", "accepted", "kind", "code", "message", "warnings", "details"}
    ] * 3
    first, second, third = data
    assert (first["path"], first["accepted"], first["kind"], first["code"]) == (
        str(photo),
        True,
        "jpeg",
        "ok",
    )
    assert first["warnings"][0]["code"] == "gps" and "定位" in first["warnings"][0]["message"]
    assert first["details"]["width"] == 64
    assert (second["accepted"], second["code"]) == (False, "not_found")
    assert third["code"] == "unreadable"


def test_county_preset_limits_apply(write: Write, mk: Any, hnclient_home: Path) -> None:
    """The CLI judges with the county's limits, as the window does."""
    photo = write("a.jpg", mk.jpeg_bytes())
    config = hnclient_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    limit_mb = photo.stat().st_size / 2 / 1024 / 1024
    (config / "preset.json").write_text(
        f'{{"limits": {{"jpeg_max_mb": {limit_mb}}}}}', encoding="utf-8"
    )
    result = _run("--json", photo)
    assert result.returncode == 1
    assert json.loads(result.stdout)[0]["code"] == "too_large"
