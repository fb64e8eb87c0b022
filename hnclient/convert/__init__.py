"""Help to comply (issue 3, item 4): convert pictures to JPG and video to WMV.

The notice (南政办〔2015〕86号 六(五)) accepts photos as JPG and video as WMV. Rather than
send officers off to find another program, the client converts what they have; every result
passes the same :func:`hnclient.checks.check_file` as any attachment before it appears.

Qt-free: the GUI runs these in a worker thread, the CLI and tests call them directly. Video
needs FFmpeg (the ``video`` extra, or ``ffmpeg`` on PATH); pictures need only Pillow.
"""

from __future__ import annotations

from hnclient.convert.errors import (
    ConversionCancelled,
    ConversionError,
    ConversionFailed,
    FFmpegMissing,
    ImageTooLarge,
    SourceNotConvertible,
)
from hnclient.convert.ffmpeg import find_ffmpeg, probe_duration
from hnclient.convert.images import ALLOWED_FORMATS, to_jpeg
from hnclient.convert.output import ConversionResult
from hnclient.convert.video import to_wmv

__all__ = [
    "ALLOWED_FORMATS",
    "ConversionCancelled",
    "ConversionError",
    "ConversionFailed",
    "ConversionResult",
    "FFmpegMissing",
    "ImageTooLarge",
    "SourceNotConvertible",
    "find_ffmpeg",
    "probe_duration",
    "to_jpeg",
    "to_wmv",
]
