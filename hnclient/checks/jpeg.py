"""JPEG photos: structure walked by hand first, then a full decode with Pillow.

The hand walk finds what Pillow tolerates silently — a missing end marker, a second file
after it, a ZIP tucked into a metadata segment — and reads the dimensions so the pixel cap
is applied before a single pixel is decoded.
"""

from __future__ import annotations

import re
import struct
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image

from hnclient.checks.limits import Limits
from hnclient.checks.sniff import find_zip_end_record, label, sniff_magic
from hnclient.checks.verdict import CheckWarning, Outcome, Refusal, polyglot_refusal

_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset(range(0xD0, 0xD8)) | {0x01}
#: In entropy-coded data 0xFF is followed by 0x00 (stuffing), RSTn or more 0xFF fill bytes;
#: anything else is the next marker.
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
#: Signatures that have no business inside a photo's metadata segments.
_FOREIGN = (
    b"PK\x03\x04",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b"%PDF-",
    b"Rar!\x1a\x07",
    b"7z\xbc\xaf\x27\x1c",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
)
_GPS_IFD = 0x8825
_ORIENTATION = 0x0112


@dataclass
class JpegLayout:
    width: int = 0
    height: int = 0
    eoi_end: int = 0
    metadata: list[bytes] = field(default_factory=list)


def _truncated() -> Refusal:
    return Refusal(
        "truncated",
        "这张照片不完整（文件末尾缺失，可能没有拷贝完），请从相机或手机重新拷贝后再添加。",
        "The JPEG is truncated (no end-of-image marker); copy it again.",
        kind="jpeg",
    )


def _corrupt(reason: str) -> Refusal:
    return Refusal(
        "corrupt",
        "这张照片已损坏，无法正常显示。请从相机或手机重新拷贝，或用看图软件另存为 JPG 后再添加。",
        f"The JPEG is damaged ({reason}).",
        kind="jpeg",
        details={"reason": reason},
    )


def _pixel_bomb(width: int, height: int, cap: int) -> Refusal:
    return Refusal(
        "pixel_bomb",
        f"这张照片标称 {width}×{height} 像素，远超上限（{cap // 1_000_000} 百万像素），"
        "打开会耗尽电脑内存，不能报送。请缩小尺寸后另存为 JPG 再添加。",
        f"Image claims {width}x{height} pixels, over the cap of {cap}.",
        kind="jpeg",
        details={"width": width, "height": height},
    )


def walk(data: bytes) -> JpegLayout:
    """Follow the marker segments from SOI to EOI; raise :class:`Refusal` on bad structure."""
    layout = JpegLayout()
    n = len(data)
    pos = 2
    while True:
        while pos < n and data[pos] == 0xFF and pos + 1 < n and data[pos + 1] == 0xFF:
            pos += 1  # fill bytes
        if pos + 2 > n:
            raise _truncated()
        if data[pos] != 0xFF:
            raise _corrupt(f"expected a marker at offset {pos}")
        marker = data[pos + 1]
        if marker == 0xD9:
            layout.eoi_end = pos + 2
            break
        if marker in _STANDALONE:
            pos += 2
            continue
        if pos + 4 > n:
            raise _truncated()
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if length < 2:
            raise _corrupt(f"segment length {length} at offset {pos}")
        end = pos + 2 + length
        if end > n:
            raise _truncated()
        if marker in _SOF_MARKERS and length >= 7:
            layout.height, layout.width = struct.unpack_from(">HH", data, pos + 5)
        elif 0xE0 <= marker <= 0xEF or marker == 0xFE:
            layout.metadata.append(data[pos + 4 : end])
        pos = end
        if marker == 0xDA:
            match = _NEXT_MARKER.search(data, pos)
            if match is None:
                raise _truncated()
            pos = match.start()
    if not layout.width or not layout.height:
        raise _corrupt("no frame header with dimensions")
    return layout


def check_jpeg(path: Path, size: int, limits: Limits) -> Outcome:
    data = path.read_bytes()  # bounded by limits.jpeg_max_bytes, checked by the caller
    layout = walk(data)
    if layout.width * layout.height > limits.jpeg_max_pixels:
        raise _pixel_bomb(layout.width, layout.height, limits.jpeg_max_pixels)
    for segment in layout.metadata:
        for signature in _FOREIGN:
            if signature in segment:
                raise polyglot_refusal(
                    "jpeg",
                    "照片的附加信息里藏有其它文件",
                    f"{signature!r} inside a metadata segment",
                )
    result_warnings: list[CheckWarning] = []
    trailer = data[layout.eoi_end :]
    if trailer.strip(b"\x00\xff"):
        _check_trailer(trailer, result_warnings)
    with path.open("rb") as fh:
        if find_zip_end_record(fh, size) is not None:
            raise polyglot_refusal("jpeg", "照片末尾附加了 ZIP 压缩包", "a ZIP archive appended")
    details = _decode(path, layout, limits)
    if details.pop("has_gps"):
        result_warnings.append(
            CheckWarning(
                "gps",
                "这张照片记录了拍摄地点（GPS 定位）。照片公开发布后任何人都能看到这个位置，"
                "建议去除定位信息后再报送（可点“去除定位”）。",
                "The photo carries a GPS position in its EXIF data; consider stripping it.",
            )
        )
    return Outcome("jpeg", details, result_warnings)


def _check_trailer(trailer: bytes, result_warnings: list[CheckWarning]) -> None:
    stripped = trailer.lstrip(b"\x00\xff")
    kind = sniff_magic(b"\xff" + stripped if stripped.startswith(b"\xd8\xff") else stripped)
    if (
        kind not in ("unknown", "text")
        or any(sig in trailer for sig in _FOREIGN)
        or (b"\xff\xd8\xff" in trailer)
    ):
        zh, en = label(kind) if kind not in ("unknown", "text") else ("其它文件", "another file")
        raise polyglot_refusal("jpeg", f"照片末尾附加了{zh}", f"{en} appended after the image")
    result_warnings.append(
        CheckWarning(
            "trailing_data",
            f"照片末尾有 {len(trailer)} 字节的多余数据（一些手机会写入）。"
            "照片可以正常显示；如需干净的文件，可用看图软件另存一份。",
            f"{len(trailer)} bytes of extra data after the end of the image.",
        )
    )


def _decode(path: Path, layout: JpegLayout, limits: Limits) -> dict[str, Any]:
    with warnings.catch_warnings():
        # Pillow only *warns* below twice its MAX_IMAGE_PIXELS; make the warning a refusal
        # unless a preset deliberately raised our own cap above Pillow's.
        if limits.jpeg_max_pixels > (Image.MAX_IMAGE_PIXELS or 0):
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        else:
            warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path, formats=["JPEG"]) as img:
                img.load()
                exif = img.getexif()
                gps = exif.get_ifd(_GPS_IFD)
                return {
                    "width": img.width,
                    "height": img.height,
                    "mode": img.mode,
                    "orientation": int(exif.get(_ORIENTATION, 1)),
                    "has_gps": bool(gps),
                }
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _pixel_bomb(layout.width, layout.height, limits.jpeg_max_pixels) from error
        except OSError as error:
            if "truncated" in str(error):
                raise _truncated() from error
            raise _corrupt(f"Pillow: {error}") from error
        except (ValueError, SyntaxError, struct.error) as error:
            raise _corrupt(f"Pillow: {error}") from error
