"""Finding FFmpeg and asking it what a video holds.

FFmpeg is not part of the main program: video conversion is an optional component that the
installers add (the Windows installer's 视频转换组件 section, the ``…-video`` .deb) as
``components/ffmpeg/`` beside the program's executable. Without it, video conversion says
that the component is not installed (:class:`hnclient.convert.errors.FFmpegMissing`) and
everything else keeps working. Where it is looked for, first found wins:

1. ``IMAGEIO_FFMPEG_EXE``: IT staff point at a build of their choice (imageio-ffmpeg's own
   variable, so one setting serves both);
2. the installed component, ``<program folder>/components/ffmpeg/ffmpeg[.exe]``;
3. the ``video`` extra's binary (imageio-ffmpeg), in a development checkout;
4. ``ffmpeg`` on PATH.

imageio-ffmpeg carries no ffprobe, so probing parses what ``ffmpeg -i`` prints about its input.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from hnclient.checks.sniff import label, read_head, sniff
from hnclient.convert.errors import FFmpegMissing, SourceNotConvertible

#: A GUI process must not flash a console window each time FFmpeg starts on Windows.
NO_WINDOW = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
_PROBE_TIMEOUT = 60.0
_DURATION = re.compile(r"^\s*Duration:\s*(\d+):(\d{2}):(\d{2}(?:\.\d+)?)", re.MULTILINE)
_STREAM = re.compile(r"^\s*Stream #\d+:\d+.*?: (Video|Audio): (.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Probe:
    """What ``ffmpeg -i`` says about a source: enough to refuse early and to scale progress."""

    duration: float | None
    has_video: bool
    has_audio: bool


#: Where the installers put the optional video component, relative to the program folder.
COMPONENT_DIR = Path("components") / "ffmpeg"
FFMPEG_ENV = "IMAGEIO_FFMPEG_EXE"


def program_dir() -> Path | None:
    """The folder of the frozen program's executables; None when running from source."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(sys.executable).resolve().parent


def component_ffmpeg(root: Path | None = None) -> Path | None:
    """The installed video component's FFmpeg under ``root`` (default: the program folder)."""
    base = root if root is not None else program_dir()
    if base is None:
        return None
    exe = base / COMPONENT_DIR / ("ffmpeg.exe" if sys.platform == "win32" else "ffmpeg")
    return exe if exe.is_file() else None


def find_ffmpeg() -> Path | None:
    """The FFmpeg to use (see the module's docstring for the order); None if there is none.

    The installed component and the extra's binary come before PATH because their encoders
    are known (wmv2/wmav2 are in every FFmpeg build, but a county's PATH may hold anything).
    """
    override = os.environ.get(FFMPEG_ENV, "").strip()
    if override:
        chosen = Path(override)
        return chosen if chosen.is_file() else None
    for found in (component_ffmpeg(), _bundled_ffmpeg()):
        if found is not None:
            return found
    on_path = shutil.which("ffmpeg")
    return Path(on_path) if on_path else None


def _bundled_ffmpeg() -> Path | None:
    try:
        import imageio_ffmpeg
    except ImportError:
        return None
    try:
        exe = Path(imageio_ffmpeg.get_ffmpeg_exe())
    except (RuntimeError, OSError):
        return None
    return exe if exe.is_file() else None


def resolve(ffmpeg: Path | None) -> Path:
    """The explicitly given FFmpeg, or the discovered one; :class:`FFmpegMissing` if neither."""
    exe = ffmpeg if ffmpeg is not None else find_ffmpeg()
    if exe is None or not exe.is_file():
        raise FFmpegMissing(f"no ffmpeg at {exe}" if exe is not None else "ffmpeg not found")
    return exe


@functools.lru_cache(maxsize=8)
def ffmpeg_version(exe: Path) -> str:
    """First line of ``ffmpeg -version``, for logs and support."""
    try:
        run = subprocess.run(
            [str(exe), "-hide_banner", "-version"],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=_PROBE_TIMEOUT,
            creationflags=NO_WINDOW,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    lines = run.stdout.decode("utf-8", "replace").splitlines()
    return lines[0] if lines else "unknown"


def probe(src: Path, ffmpeg: Path | None = None) -> Probe:
    """Streams and duration of ``src``; :class:`SourceNotConvertible` if FFmpeg cannot read it."""
    exe = resolve(ffmpeg)
    if not src.is_file():
        raise SourceNotConvertible(
            "not_found", f"找不到文件“{src}”，它可能已被移动或删除。", "File not found."
        )
    try:
        run = subprocess.run(
            [str(exe), "-hide_banner", "-nostdin", "-i", str(src)],
            capture_output=True,
            stdin=subprocess.DEVNULL,
            timeout=_PROBE_TIMEOUT,
            creationflags=NO_WINDOW,
        )
    except subprocess.TimeoutExpired as error:
        raise _unreadable(src, "ffmpeg -i timed out") from error
    except OSError as error:
        raise FFmpegMissing(f"cannot run {exe}: {error}") from error
    text = run.stderr.decode("utf-8", "replace")
    if "Input #0" not in text:
        raise _unreadable(src, text.strip().splitlines()[-1] if text.strip() else "no input")
    streams = _STREAM.findall(text)
    has_video = any(k == "Video" and "(attached pic)" not in rest for k, rest in streams)
    return Probe(
        duration=_duration(text),
        has_video=has_video,
        has_audio=any(k == "Audio" for k, _ in streams),
    )


def probe_duration(src: Path, ffmpeg: Path | None = None) -> float | None:
    """Seconds of ``src`` as its container states them; None when it states none."""
    return probe(src, ffmpeg).duration


def _duration(text: str) -> float | None:
    match = _DURATION.search(text)
    if match is None:
        return None
    hours, minutes, seconds = match.groups()
    return int(hours) * 3600 + int(minutes) * 60 + float(seconds)


def _unreadable(src: Path, reason: str) -> SourceNotConvertible:
    try:
        kind = sniff(src, read_head(src))
    except OSError:
        kind = "unknown"
    zh = label(kind)[0] if kind != "unknown" else "文件"
    return SourceNotConvertible(
        "unsupported_format",
        f"无法读取这个{zh}中的视频，不能转换为 WMV。请确认它是能正常播放的视频文件；"
        "如需报送其它格式的材料，请与州政府办公室另行联系沟通。",
        f"FFmpeg cannot read the source ({reason}).",
        details={"detected": kind, "reason": reason},
    )
