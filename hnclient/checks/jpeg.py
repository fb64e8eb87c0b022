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
from hnclient.checks.sniff import (
    FOREIGN_SIGNATURES,
    JPEG_SOI,
    find_zip_end_record,
    label,
    sniff_magic,
)
from hnclient.checks.verdict import CheckWarning, Outcome, Refusal, polyglot_refusal

_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_STANDALONE = frozenset(range(0xD0, 0xD8)) | {0x01}
#: In entropy-coded data 0xFF is followed by 0x00 (stuffing), RSTn or more 0xFF fill bytes;
#: anything else is the next marker.
_NEXT_MARKER = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
#: Signatures that have no business inside a photo's metadata segments.
_FOREIGN = FOREIGN_SIGNATURES
#: Frames whose scans are Huffman coded: every block's DC value costs at least one bit.
_HUFFMAN_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3})
#: Multi-Picture Format (CIPA DC-007): phones' 3D and depth photos store further JPEGs after
#: the first one's EOI, listed in an APP2 "MPF" segment.
_MPF = b"MPF\x00"
_MP_ENTRY = 0xB002
_GPS_IFD = 0x8825
_ORIENTATION = 0x0112


@dataclass
class JpegLayout:
    width: int = 0
    height: int = 0
    eoi_end: int = 0
    metadata: list[bytes] = field(default_factory=list)
    sof: int = 0
    #: (horizontal, vertical) sampling factors of each component.
    sampling: list[tuple[int, int]] = field(default_factory=list)
    #: Bytes of entropy-coded data in all scans.
    scan_bytes: int = 0
    #: The MPF segment's TIFF structure and its absolute offset (MP offsets count from it).
    mpf: bytes = b""
    mpf_base: int | None = None


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
            layout.sof = marker
            count = data[pos + 9] if length >= 8 else 0
            layout.sampling = [
                (data[c + 1] >> 4, data[c + 1] & 0x0F)
                for c in range(pos + 10, min(pos + 10 + 3 * count, end - 2), 3)
            ]
        elif 0xE0 <= marker <= 0xEF or marker == 0xFE:
            body = data[pos + 4 : end]
            layout.metadata.append(body)
            if marker == 0xE2 and body.startswith(_MPF) and layout.mpf_base is None:
                layout.mpf, layout.mpf_base = body[4:], pos + 8
        pos = end
        if marker == 0xDA:
            match = _NEXT_MARKER.search(data, pos)
            if match is None:
                raise _truncated()
            layout.scan_bytes += match.start() - pos
            pos = match.start()
    if not layout.width or not layout.height:
        raise _corrupt("no frame header with dimensions")
    return layout


def _check_image(layout: JpegLayout, limits: Limits) -> None:
    """Caps and hidden files of one image (the first, or one listed in its MPF segment)."""
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


def _check_scan_data(layout: JpegLayout) -> None:
    """Refuse huge dimensions over a few bytes of picture data closed with an EOI.

    Decoders pad the missing picture with grey instead of failing, so the structure is the
    only place to see it. Run after Pillow's own bomb check, whose verdict is more useful.
    """
    if layout.sof in _HUFFMAN_SOF and layout.scan_bytes < _min_scan_bytes(layout):
        raise _truncated()


def _min_scan_bytes(layout: JpegLayout) -> int:
    """A lower bound on the entropy-coded bytes of a complete Huffman-coded image.

    Each 8×8 block's DC difference is at least a one-bit Huffman code; halved for margin.
    """
    h_max = max((h for h, _ in layout.sampling), default=1) or 1
    v_max = max((v for _, v in layout.sampling), default=1) or 1
    blocks = 0
    for h, v in layout.sampling:
        columns = -(-layout.width * h // h_max)
        rows = -(-layout.height * v // v_max)
        blocks += -(-columns // 8) * -(-rows // 8)
    return blocks // 16


def _mp_images(layout: JpegLayout) -> list[tuple[int, int]]:
    """(offset, size) of the images after the first one, from the MP Index IFD."""
    mpf = layout.mpf
    if mpf[:4] == b"II*\x00":
        order = "<"
    elif mpf[:4] == b"MM\x00*":
        order = ">"
    else:
        raise _corrupt("bad MPF header")
    try:
        (ifd,) = struct.unpack_from(order + "I", mpf, 4)
        (count,) = struct.unpack_from(order + "H", mpf, ifd)
        for i in range(count):
            tag, _type, length, value = struct.unpack_from(order + "HHII", mpf, ifd + 2 + 12 * i)
            if tag != _MP_ENTRY:
                continue
            if length % 16 or value + length > len(mpf):
                raise _corrupt("bad MP entry list")
            entries = [
                struct.unpack_from(order + "III", mpf, value + 16 * k) for k in range(length // 16)
            ]
            return [(offset, size) for _attr, size, offset in entries[1:]]
    except struct.error as error:
        raise _corrupt("short MPF segment") from error
    return []


def _walk_mp_images(data: bytes, layout: JpegLayout, limits: Limits) -> int:
    """Walk the further images an MPO lists; return where the last one ends."""
    pos = layout.eoi_end
    if layout.mpf_base is None:
        return pos
    # Sizes are not trusted (Pillow writes wrong ones from the third image on): each image
    # runs from its offset to its own EOI, and whatever follows the last one is the trailer.
    for offset, _size in sorted(_mp_images(layout)):
        start = layout.mpf_base + offset
        if start < pos or start >= len(data):
            raise _corrupt("MP entry outside the file")
        if data[pos:start].strip(b"\x00\xff") or not data.startswith(JPEG_SOI, start):
            raise polyglot_refusal(
                "jpeg", "照片的多图数据之间藏有其它数据", "data between MPO images"
            )
        image = walk(data[start:])
        _check_image(image, limits)
        _check_scan_data(image)
        pos = start + image.eoi_end
    return pos


def check_jpeg(path: Path, size: int, limits: Limits) -> Outcome:
    data = path.read_bytes()  # bounded by limits.jpeg_max_bytes, checked by the caller
    layout = walk(data)
    _check_image(layout, limits)
    end = _walk_mp_images(data, layout, limits)
    result_warnings: list[CheckWarning] = []
    trailer = data[end:]
    if trailer.strip(b"\x00\xff"):
        _check_trailer(trailer, end, result_warnings)
    with path.open("rb") as fh:
        if find_zip_end_record(fh, size) is not None:
            raise polyglot_refusal("jpeg", "照片末尾附加了 ZIP 压缩包", "a ZIP archive appended")
    details = _decode(path, layout, limits)
    _check_scan_data(layout)
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


#: Video a phone appends to a "motion photo" (动态照片 / 实况照片: Huawei, Xiaomi, Samsung…).
_MOTION_PHOTO_VIDEO = frozenset({"mp4", "mov"})


def _check_trailer(trailer: bytes, image_end: int, result_warnings: list[CheckWarning]) -> None:
    stripped = trailer.lstrip(b"\x00\xff")
    kind = sniff_magic(b"\xff" + stripped if stripped.startswith(b"\xd8\xff") else stripped)
    # An MP4 box starts with its size (leading zero bytes), so look at the trailer unstripped.
    video = sniff_magic(trailer.lstrip(b"\xff"))
    if video in _MOTION_PHOTO_VIDEO and not any(sig in trailer for sig in _FOREIGN):
        # Common and harmless, but still a second file: refused, with the photo alone offered
        # (attaching.py cuts the file at ``image_end`` and checks the result again).
        raise Refusal(
            "polyglot",
            "这是一张“动态照片”：照片后面附带了一段短视频。报送只能用普通的 JPG 照片，"
            "请点“只保留照片”去掉视频后添加（原文件不会改动）。",
            "A motion photo: a short video is appended to the picture; keep the photo only.",
            kind="jpeg",
            details={"appended": video, "image_end": image_end},
        )
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
