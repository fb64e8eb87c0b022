"""Video to WMV through FFmpeg: real clips made with FFmpeg's test sources.

The ``video`` extra (imageio-ffmpeg) is part of ``make venv``, so these run in CI; they skip
only where no FFmpeg exists at all. The FFmpeg-missing path and FFmpeg failures are tested
without a real FFmpeg.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import hnclient.convert.ffmpeg as ffmpeg_module
from hnclient.checks import check_file
from hnclient.convert import (
    ConversionCancelled,
    ConversionFailed,
    FFmpegMissing,
    SourceNotConvertible,
    find_ffmpeg,
    probe_duration,
    to_wmv,
)

FFMPEG = find_ffmpeg()
needs_ffmpeg = pytest.mark.skipif(FFMPEG is None, reason="no FFmpeg (install the video extra)")


def _make_clip(path: Path, seconds: float, size: str = "320x240", audio: bool = True) -> Path:
    """An MPEG-4 + AAC clip from FFmpeg's lavfi test sources (both encoders are built in)."""
    assert FFMPEG is not None
    inputs = ["-f", "lavfi", "-i", f"testsrc=duration={seconds}:size={size}:rate=25"]
    codecs = ["-c:v", "mpeg4", "-q:v", "10"]
    if audio:
        inputs += ["-f", "lavfi", "-i", f"sine=frequency=440:duration={seconds}"]
        codecs += ["-c:a", "aac", "-shortest"]
    subprocess.run(
        [str(FFMPEG), "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *inputs, *codecs]
        + [str(path)],
        check=True,
        timeout=120,
    )
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".hnclient-convert-"))


@needs_ffmpeg
def test_mp4_to_wmv_with_chinese_names(tmp_path: Path) -> None:
    src = _make_clip(tmp_path / "贵德县 会议 视频.mp4", 1)
    assert probe_duration(src) == pytest.approx(1.0, abs=0.1)
    dst = tmp_path / "-贵德县 会议.wmv"  # a leading dash must not read as an option
    progress: list[float] = []
    result = to_wmv(src, dst, on_progress=progress.append)
    assert result.dst == dst and dst.is_file()
    verdict = check_file(dst)
    assert verdict.accepted and verdict.kind == "wmv"
    assert result.verdict.accepted and result.verdict.path == dst
    assert verdict.details["video_codec"] == "WMV2"
    assert verdict.details["has_audio"] is True
    assert (verdict.details["width"], verdict.details["height"]) == (320, 240)
    assert verdict.details["duration_seconds"] == pytest.approx(1.0, abs=0.2)
    assert progress and progress[-1] == 1.0
    assert all(a < b for a, b in zip(progress, progress[1:], strict=False))
    assert all(0.0 <= p <= 1.0 for p in progress)
    assert progress.count(1.0) == 1
    assert result.details["ffmpeg_version"].startswith("ffmpeg version")
    assert _leftovers(tmp_path) == []


@needs_ffmpeg
def test_video_without_audio(tmp_path: Path) -> None:
    src = _make_clip(tmp_path / "silent.mp4", 1, audio=False)
    result = to_wmv(src, tmp_path / "silent.wmv")
    assert result.verdict.accepted and not result.details["has_audio"]


@pytest.mark.slow
@needs_ffmpeg
def test_cancel_from_progress_removes_partial_output(tmp_path: Path) -> None:
    # Large enough that FFmpeg reports progress several times before it could finish.
    src = _make_clip(tmp_path / "long.mp4", 30, size="1280x720")
    dst = tmp_path / "long.wmv"
    cancel = threading.Event()
    seen: list[float] = []

    def on_progress(fraction: float) -> None:
        seen.append(fraction)
        cancel.set()

    with pytest.raises(ConversionCancelled) as info:
        to_wmv(src, dst, on_progress=on_progress, cancel=cancel)
    assert seen and seen[-1] < 1.0
    assert "已取消" in info.value.message_zh()
    assert not dst.exists() and _leftovers(tmp_path) == []


@needs_ffmpeg
def test_cancel_before_start(tmp_path: Path) -> None:
    src = _make_clip(tmp_path / "clip.mp4", 1)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ConversionCancelled):
        to_wmv(src, tmp_path / "clip.wmv", cancel=cancel)
    assert not (tmp_path / "clip.wmv").exists() and _leftovers(tmp_path) == []


@needs_ffmpeg
def test_audio_only_source_refused(tmp_path: Path) -> None:
    assert FFMPEG is not None
    src = tmp_path / "录音.m4a"
    subprocess.run(
        [str(FFMPEG), "-hide_banner", "-loglevel", "error", "-nostdin", "-y"]
        + ["-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", str(src)],
        check=True,
        timeout=60,
    )
    with pytest.raises(SourceNotConvertible) as info:
        to_wmv(src, tmp_path / "录音.wmv")
    assert info.value.code == "no_video_stream"


@needs_ffmpeg
def test_unreadable_source_refused(tmp_path: Path) -> None:
    src = tmp_path / "fake.mp4"
    src.write_bytes(b"\x00\x00\x00\x18ftypisom" + b"\x07" * 500)
    with pytest.raises(SourceNotConvertible) as info:
        to_wmv(src, tmp_path / "fake.wmv")
    assert info.value.code == "unsupported_format"
    assert "州政府办公室" in info.value.message_zh()


def test_ffmpeg_missing_when_path_points_nowhere(tmp_path: Path) -> None:
    src = tmp_path / "clip.mp4"
    src.write_bytes(b"whatever")
    with pytest.raises(FFmpegMissing) as info:
        to_wmv(src, tmp_path / "clip.wmv", ffmpeg=tmp_path / "no-such-ffmpeg")
    message = info.value.message_zh()
    assert "信息化技术人员" in message and "PATH" in message and "州政府办公室" in message
    assert info.value.code == "ffmpeg_missing"
    assert not (tmp_path / "clip.wmv").exists() and _leftovers(tmp_path) == []


def test_ffmpeg_missing_when_discovery_finds_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ffmpeg_module, "_bundled_ffmpeg", lambda: None)
    monkeypatch.setattr(ffmpeg_module, "component_ffmpeg", lambda: None)
    monkeypatch.delenv("IMAGEIO_FFMPEG_EXE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert find_ffmpeg() is None
    src = tmp_path / "clip.mp4"
    src.write_bytes(b"whatever")
    with pytest.raises(FFmpegMissing):
        to_wmv(src, tmp_path / "clip.wmv")
    with pytest.raises(FFmpegMissing):
        probe_duration(src)


_FAKE_FFMPEG = """\
import sys
args = sys.argv[1:]
if "-progress" not in args:  # the probe
    sys.stderr.write("Input #0, mov, from 'x':\\n  Duration: 00:00:10.00, start: 0\\n")
    sys.stderr.write("  Stream #0:0: Video: h264, yuv420p, 320x240\\n")
    sys.exit(1)
out = args[-1].removeprefix("file:")
with open(out, "wb") as fh:
    fh.write(b"partial output")
print("out_time_us=2500000", flush=True)
for n in range(30):
    sys.stderr.write(f"warning line {n}\\n")
sys.stderr.write("[h264 @ 0x1] Invalid NAL unit size\\n")
sys.exit(183)
"""


@pytest.mark.skipif(os.name != "posix", reason="a script as the FFmpeg executable")
def test_ffmpeg_failure_reports_stderr_tail_and_removes_output(tmp_path: Path) -> None:
    fake = tmp_path / "ffmpeg"
    fake.write_text(f"#!{sys.executable}\n{_FAKE_FFMPEG}", encoding="utf-8")
    fake.chmod(0o755)
    src = tmp_path / "坏视频.mp4"
    src.write_bytes(b"anything")
    dst = tmp_path / "坏视频.wmv"
    progress: list[float] = []
    with pytest.raises(ConversionFailed) as info:
        to_wmv(src, dst, ffmpeg=fake, on_progress=progress.append)
    error = info.value
    assert error.code == "ffmpeg_failed"
    assert error.details["returncode"] == 183
    assert error.details["stderr_tail"][-1] == "[h264 @ 0x1] Invalid NAL unit size"
    assert 1 < len(error.details["stderr_tail"]) <= 20
    assert "视频转换失败" in error.message_zh()
    assert progress == [0.25]
    assert not dst.exists() and _leftovers(tmp_path) == []
