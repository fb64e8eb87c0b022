"""Phone and camera video (MP4, MOV, anything FFmpeg reads) turned into the WMV the notice asks for.

FFmpeg runs as a child process with an argument list — never through a shell — so file names
with spaces, Chinese characters or a leading dash reach it intact (paths are passed as
absolute ``file:`` URLs, which FFmpeg never mistakes for options or other protocols).

Choices, and why:

* ``wmv2`` video and ``wmav2`` audio in ASF: what Windows Media Player on the office's PCs
  plays without extra codecs; every FFmpeg build has both encoders.
* Frames larger than 1920 pixels on their long side are scaled down (4K phone video in
  wmv2 is huge and stutters in players); constant quality ``-q:v 4``; stereo 44.1 kHz audio,
  since wmav2 takes at most two channels.
* Container metadata is dropped (``-map_metadata -1``): phones store the recording position
  there, and the video will be public — the same reason photos lose their GPS tags.
* Only the first video and first audio stream are kept; subtitles and data streams are not.

Progress comes from ``-progress pipe:1`` (``out_time_us``, or ``out_time_ms`` which despite its
name is also microseconds) measured against the probed duration. ``on_progress`` is called on
the thread that called :func:`to_wmv` with strictly increasing values below 1.0, then exactly
once with 1.0 after the result passed the attachment check and was renamed into place; when the
source states no duration only that final 1.0 comes. ``cancel`` may be set from any thread,
including from inside ``on_progress``.
"""

from __future__ import annotations

import queue
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import IO

from hnclient.checks import Limits
from hnclient.convert.errors import ConversionCancelled, ConversionFailed, SourceNotConvertible
from hnclient.convert.ffmpeg import NO_WINDOW, ffmpeg_version, probe, resolve
from hnclient.convert.output import (
    ConversionResult,
    require_suffix,
    temp_beside,
    verify_and_publish,
)

_SCALE = (
    "scale=w='min(iw,1920)':h='min(ih,1920)'"
    ":force_original_aspect_ratio=decrease:force_divisible_by=2"
)
#: Seconds between progress reports (FFmpeg's default, 0.5, makes a jerky bar).
_PROGRESS_PERIOD = "0.25"
#: How often the cancel event is looked at while FFmpeg is quiet.
_POLL_SECONDS = 0.1
#: After terminate(), how long FFmpeg gets to exit before it is killed.
_TERMINATE_GRACE = 5.0
_TAIL_LINES = 20
#: Progress stays below 1.0 until the result is checked and in place.
_MAX_RUNNING_FRACTION = 0.99


def to_wmv(
    src: Path,
    dst: Path,
    *,
    on_progress: Callable[[float], None] | None = None,
    cancel: threading.Event | None = None,
    ffmpeg: Path | None = None,
    limits: Limits | None = None,
) -> ConversionResult:
    """Convert ``src`` into a WMV at ``dst`` (``.wmv``), checked like any attachment.

    ``ffmpeg`` overrides discovery (:func:`find_ffmpeg`). Raises :class:`FFmpegMissing`,
    :class:`SourceNotConvertible` (unreadable source, or no picture in it),
    :class:`ConversionCancelled` or :class:`ConversionFailed`; in every case nothing is left at
    ``dst`` or beside it. Blocks until done: call it from a worker thread in the GUI.
    """
    require_suffix(dst, (".wmv",))
    limits = limits or Limits()
    exe = resolve(ffmpeg)
    info = probe(src, exe)
    if not info.has_video:
        raise SourceNotConvertible(
            "no_video_stream",
            "这个文件里只有声音，没有画面，不能转换为 WMV 视频。视频材料请选择带画面的视频文件。",
            "The source has no video stream.",
        )
    started = time.perf_counter()
    tmp = temp_beside(dst, ".wmv")
    try:
        _run(_command(exe, src, tmp), info.duration, on_progress, cancel)
        if cancel is not None and cancel.is_set():
            raise ConversionCancelled("cancelled after FFmpeg finished")
        verdict = verify_and_publish(tmp, dst, "wmv", limits)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    elapsed = time.perf_counter() - started
    if on_progress is not None:
        on_progress(1.0)
    return ConversionResult(
        dst=dst,
        verdict=verdict,
        details={
            "source_duration": info.duration,
            "duration_seconds": verdict.details.get("duration_seconds"),
            "has_audio": bool(verdict.details.get("has_audio")),
            "seconds": round(elapsed, 3),
            "ffmpeg": str(exe),
            "ffmpeg_version": ffmpeg_version(exe),
        },
    )


def _command(exe: Path, src: Path, out: Path) -> list[str]:
    return [
        str(exe),
        "-hide_banner",
        "-nostdin",
        "-loglevel",
        "warning",
        "-y",
        "-i",
        _url(src),
        "-map",
        "0:v:0",
        "-map",
        "0:a:0?",
        "-map_metadata",
        "-1",
        "-map_chapters",
        "-1",
        "-vf",
        _SCALE,
        "-pix_fmt",
        "yuv420p",
        "-c:v",
        "wmv2",
        "-q:v",
        "4",
        "-c:a",
        "wmav2",
        "-b:a",
        "128k",
        "-ac",
        "2",
        "-ar",
        "44100",
        "-f",
        "asf",
        "-progress",
        "pipe:1",
        "-stats_period",
        _PROGRESS_PERIOD,
        "-nostats",
        _url(out),
    ]


def _url(path: Path) -> str:
    """``file:`` + absolute path: never read as an option (``-x.mp4``) or protocol (``a:b``)."""
    return "file:" + str(path.absolute())


def _run(
    command: list[str],
    duration: float | None,
    on_progress: Callable[[float], None] | None,
    cancel: threading.Event | None,
) -> None:
    """Run FFmpeg to the end, reporting progress; stop it on cancel or on any exception."""
    try:
        proc = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            creationflags=NO_WINDOW,
        )
    except OSError as error:
        raise ConversionFailed("ffmpeg_failed", f"cannot start FFmpeg: {error}") from error
    assert proc.stdout is not None and proc.stderr is not None
    lines: queue.Queue[bytes | None] = queue.Queue()
    tail: deque[str] = deque(maxlen=_TAIL_LINES)
    readers = [
        threading.Thread(target=_pump, args=(proc.stdout, lines), daemon=True),
        threading.Thread(target=_keep_tail, args=(proc.stderr, tail), daemon=True),
    ]
    for reader in readers:
        reader.start()
    reported = 0.0
    try:
        while True:
            if cancel is not None and cancel.is_set():
                raise ConversionCancelled("cancelled while converting")
            try:
                line = lines.get(timeout=_POLL_SECONDS)
            except queue.Empty:
                continue
            if line is None:
                break
            fraction = _fraction(line, duration)
            if fraction is not None and fraction > reported:
                reported = fraction
                if on_progress is not None:
                    on_progress(fraction)
        returncode = proc.wait()
    finally:
        if proc.poll() is None:
            _stop(proc)
        for reader in readers:
            reader.join(timeout=_TERMINATE_GRACE)
        proc.stdout.close()
        proc.stderr.close()
    if returncode != 0:
        stderr_tail = list(tail)
        full = any("No space left on device" in line for line in stderr_tail)
        raise ConversionFailed(
            "disk_full" if full else "ffmpeg_failed",
            f"FFmpeg exited with {returncode}: {stderr_tail[-1] if stderr_tail else ''}",
            details={"returncode": returncode, "stderr_tail": stderr_tail, "command": command},
        )


def _fraction(line: bytes, duration: float | None) -> float | None:
    """Progress in 0..0.99 from one ``-progress`` line, or None if the line carries none."""
    if not duration or duration <= 0:
        return None
    key, _, value = line.decode("ascii", "replace").strip().partition("=")
    if key not in ("out_time_us", "out_time_ms"):
        return None
    try:
        seconds = int(value) / 1_000_000
    except ValueError:  # "N/A" before the first frame
        return None
    return min(max(seconds / duration, 0.0), _MAX_RUNNING_FRACTION)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """terminate(), then kill() if FFmpeg has not exited within the grace period."""
    proc.terminate()
    try:
        proc.wait(timeout=_TERMINATE_GRACE)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _pump(stream: IO[bytes], lines: queue.Queue[bytes | None]) -> None:
    for raw in iter(stream.readline, b""):
        lines.put(raw)
    lines.put(None)


def _keep_tail(stream: IO[bytes], tail: deque[str]) -> None:
    """Drain stderr (a full pipe would stall FFmpeg) keeping the last lines for the error."""
    for raw in iter(stream.readline, b""):
        text = raw.decode("utf-8", "replace").rstrip()
        if text:
            tail.append(text)
