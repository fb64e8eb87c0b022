"""Formats a county preset allows beyond the notice's (``extra_formats``): WMA audio."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from hnclient.checks import Limits, check_file
from hnclient.checks.limits import MB

WMA = Limits(extra_kinds=frozenset({"wma"}))


@pytest.mark.parametrize("name", ["音乐.wma", "音乐.asf"])
def test_wma_is_accepted_only_when_the_preset_allows_it(
    sample: Callable[..., Path], name: str
) -> None:
    path = sample("audio-only.wmv", name)
    assert check_file(path).code == "no_video_stream"
    verdict = check_file(path, WMA)
    assert (verdict.accepted, verdict.kind, verdict.code) == (True, "wma", "ok")
    assert "WMA 音频" in verdict.message


def test_allowed_wma_gets_the_asf_checks(sample: Callable[..., Path], tmp_path: Path) -> None:
    data = sample("audio-only.wmv").read_bytes()
    cut = tmp_path / "半截.wma"
    cut.write_bytes(data[: len(data) // 3])
    assert check_file(cut, WMA).accepted is False
    small = Limits(extra_kinds=frozenset({"wma"}), wmv_max_bytes=len(data) - 1)
    assert check_file(sample("audio-only.wmv", "大.wma"), small).code == "too_large"
    assert WMA.max_bytes_for("wma") == 2048 * MB


def test_a_video_named_wma_is_told_to_be_a_wmv(sample: Callable[..., Path]) -> None:
    verdict = check_file(sample("sample.wmv", "视频.wma"), WMA)
    assert (verdict.accepted, verdict.code) == (False, "extension_mismatch")
    assert ".wmv" in verdict.message
