"""JPEG photos: structure walked by hand first, then a full decode with Pillow.

The hand walk finds what Pillow tolerates silently — a missing end marker, a second file
after it, a ZIP tucked into a metadata segment — and reads the dimensions so the pixel cap
is applied before a single pixel is decoded.
"""

from __future__ import annotations

import io
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
#: Where libjpeg's next_marker() resumes after stray bytes: 0xFF fill, then a marker code.
_RESYNC = re.compile(rb"\xff+[^\x00\xff]")
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
    #: Sample precision of the frame (8 for every JPEG a viewer shows).
    precision: int = 8
    #: Stray bytes between segments, skipped as libjpeg does ("extraneous bytes before marker").
    extraneous: int = 0
    #: (start, end) of each run of stray bytes, so the decoder can be given the file without.
    stray: list[tuple[int, int]] = field(default_factory=list)


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


def walk(data: bytes, start: int = 0) -> JpegLayout:
    """Follow the marker segments from the SOI at ``start`` to EOI; offsets are absolute.

    Raises :class:`Refusal` on bad structure. Stray bytes where a marker should be are
    skipped up to the next marker, as libjpeg (and so every viewer) does; they are kept with
    the metadata so the search for hidden files covers them.
    """
    layout = JpegLayout()
    n = len(data)
    pos = start + 2
    while True:
        while pos < n and data[pos] == 0xFF and pos + 1 < n and data[pos + 1] == 0xFF:
            pos += 1  # fill bytes
        if pos + 2 > n:
            raise _truncated()
        if data[pos] != 0xFF:
            resync = _RESYNC.search(data, pos)
            if resync is None:
                raise _truncated()
            layout.extraneous += resync.start() - pos
            layout.stray.append((pos, resync.start()))
            layout.metadata.append(data[pos : resync.start()])
            pos = resync.start()
            continue
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
            layout.precision = data[pos + 4]
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


def _mp_images(data: bytes, layout: JpegLayout) -> list[tuple[int, int]] | None:
    """(absolute offset, size) of the images after the first, from the MP Index IFD.

    None when the MPF segment is damaged (a bad header, entries outside the file or not at a
    JPEG): it is metadata, viewers ignore it, and so does the check. What follows the image
    is then judged as a trailer.
    """
    if layout.mpf_base is None:
        return []
    mpf = layout.mpf
    if mpf[:4] == b"II*\x00":
        order = "<"
    elif mpf[:4] == b"MM\x00*":
        order = ">"
    else:
        return None
    try:
        (ifd,) = struct.unpack_from(order + "I", mpf, 4)
        (count,) = struct.unpack_from(order + "H", mpf, ifd)
        for i in range(count):
            tag, _type, length, value = struct.unpack_from(order + "HHII", mpf, ifd + 2 + 12 * i)
            if tag != _MP_ENTRY:
                continue
            if length % 16 or value + length > len(mpf):
                return None
            images = []
            for k in range(1, length // 16):
                _attr, size, offset = struct.unpack_from(order + "III", mpf, value + 16 * k)
                start = layout.mpf_base + offset
                if start >= len(data) or not data.startswith(JPEG_SOI, start):
                    return None
                images.append((start, size))
            return images
    except struct.error:
        return None
    return []


def _walk_mp_images(data: bytes, layout: JpegLayout, limits: Limits) -> tuple[int, bool]:
    """Walk the further images an MPO lists: (where the last one ends, whether MPF is broken).

    Each image is walked in place (no copy of the rest of the file), so a file listing
    thousands of images costs one pass over its bytes.
    """
    pos = layout.eoi_end
    listed = _mp_images(data, layout)
    if listed is None:
        return pos, True
    # Sizes are not trusted (Pillow writes wrong ones from the third image on): each image
    # runs from its offset to its own EOI, and whatever follows the last one is the trailer.
    for start, _size in sorted(set(listed)):
        if start < pos:
            return layout.eoi_end, True  # entries overlap: as damaged as pointing outside
        if data[pos:start].strip(b"\x00\xff"):
            raise polyglot_refusal(
                "jpeg", "照片的多图数据之间藏有其它数据", "data between MPO images"
            )
        image = walk(data, start)
        _check_image(image, limits)
        _check_scan_data(image)
        pos = image.eoi_end
    return pos, False


def check_jpeg(path: Path, size: int, limits: Limits) -> Outcome:
    data = path.read_bytes()  # bounded by limits.jpeg_max_bytes, checked by the caller
    layout = walk(data)
    _check_image(layout, limits)
    _check_coding(layout)
    end, broken_mpf = _walk_mp_images(data, layout, limits)
    result_warnings: list[CheckWarning] = []
    trailer = data[end:]
    if trailer.strip(b"\x00\xff"):
        _check_trailer(data, end, layout, broken_mpf, limits, result_warnings)
    with path.open("rb") as fh:
        if find_zip_end_record(fh, size) is not None:
            raise polyglot_refusal("jpeg", "照片末尾附加了 ZIP 压缩包", "a ZIP archive appended")
    details = _decode(_without_stray(data, layout) if layout.stray else path, layout, limits)
    _check_scan_data(layout)
    if layout.extraneous:
        details["extraneous_bytes"] = layout.extraneous
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


#: Frame types every viewer decodes: baseline, extended and progressive Huffman, 8 bits.
_ORDINARY_SOF = frozenset({0xC0, 0xC1, 0xC2})
_ARITHMETIC_SOF = frozenset({0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF})
_LOSSLESS_SOF = frozenset({0xC3, 0xC7, 0xCB, 0xCF})


def _check_coding(layout: JpegLayout) -> None:
    """Refuse codings that are valid JPEG but that ordinary viewers cannot show.

    Arithmetic coding, 12/16-bit samples, lossless and hierarchical JPEG decode in libjpeg
    or FFmpeg, but not in Windows' photo viewer, browsers or the office's web editor.
    """
    if layout.sof in _ORDINARY_SOF and layout.precision == 8:
        return
    if layout.sof in _ARITHMETIC_SOF:
        zh, en = "算术编码", "arithmetic coding"
    elif layout.sof in _LOSSLESS_SOF:
        zh, en = "无损编码", "lossless coding"
    elif layout.precision != 8:
        zh, en = f"{layout.precision} 位色深", f"{layout.precision}-bit samples"
    else:
        zh, en = "分层编码", "hierarchical coding"
    raise Refusal(
        "unsupported_coding",
        f"这张照片使用了特殊的 JPEG 编码（{zh}），很多看图软件和州政府办公室的软件都无法显示。"
        "请点“转换为 JPG 后添加”，把它转成普通的 JPG 照片再添加（原文件不会改动）。",
        f"The JPEG uses {en}, which ordinary viewers cannot show; convert it to an ordinary JPG.",
        kind="jpeg",
        details={"coding": en, "sof": layout.sof, "precision": layout.precision},
    )


#: Video a phone appends to a "motion photo" (动态照片 / 实况照片: Huawei, Xiaomi, Samsung…).
_MOTION_PHOTO_VIDEO = frozenset({"mp4", "mov"})
#: Samsung's trailer: data blocks, then an "SEFH" directory, its length and "SEFT".
_SAMSUNG_END = b"SEFT"
_PADDING = re.compile(rb"(?:\x00|\xff(?!\xd8\xff))+")
_SAMSUNG_DIRECTORY = b"SEFH"
_SAMSUNG_MOTION = b"MotionPhoto_Data"
_SAMSUNG_PORTRAIT = b"DualShot_"
#: XMP properties of Google's camera formats (Pixel and many Android phones).
_GOOGLE_MOTION = (b"GCamera:MotionPhoto", b"GCamera:MicroVideo")
_GOOGLE_PORTRAIT = (b"GDepth:", b"GImage:", b"GContainer:", b"Container:Directory")


@dataclass
class _Appended:
    """What follows the picture, as far as it is a phone's extra pictures and video."""

    images: list[JpegLayout] = field(default_factory=list)
    video: str | None = None
    #: Where the recognised images end (the rest is the unrecognised remainder).
    end: int = 0


def _appended(data: bytes, start: int) -> _Appended:
    """Whole JPEGs back to back after ``start``, then perhaps an MP4/MOV video."""
    found = _Appended(end=start)
    pos = start
    n = len(data)
    while pos < n:
        if data.startswith(JPEG_SOI, pos):
            try:
                image = walk(data, pos)
            except Refusal:
                break
            found.images.append(image)
            pos = found.end = image.eoi_end
            continue
        padding = _PADDING.match(data, pos)
        after = padding.end() if padding else pos
        # An MP4 box starts with its big-endian size, whose leading zeros look like padding.
        box = data.find(b"ftyp", max(pos, after - 4) + 4, after + 8)
        if box >= pos + 4 and 8 <= int.from_bytes(data[box - 4 : box], "big") <= 4096:
            found.video = sniff_magic(data[box - 4 : box + 60])
            break
        if after == pos:
            break
        pos = after
    return found


def _check_trailer(
    data: bytes,
    image_end: int,
    layout: JpegLayout,
    broken_mpf: bool,
    limits: Limits,
    result_warnings: list[CheckWarning],
) -> None:
    """Judge what follows the picture (and the pictures its MPF segment lists).

    Phones append a video (motion photos) or further pictures (portrait mode's depth map
    and unblurred original): refused, with "keep the photo only" offered, naming the phone
    feature. An archive, a document or anything else recognisable is a polyglot.
    """
    trailer = data[image_end:]
    if any(sig in trailer for sig in _FOREIGN):
        stripped = trailer.lstrip(b"\x00\xff")
        kind = sniff_magic(b"\xff" + stripped if stripped.startswith(b"\xd8\xff") else stripped)
        zh, en = label(kind) if kind not in ("unknown", "text") else ("其它文件", "another file")
        raise polyglot_refusal("jpeg", f"照片末尾附加了{zh}", f"{en} appended after the image")
    samsung = trailer.endswith(_SAMSUNG_END) and _SAMSUNG_DIRECTORY in trailer
    xmp = b"".join(segment for segment in layout.metadata if b"http://ns.adobe.com/xap" in segment)
    appended = _appended(data, image_end)
    if appended.video or (samsung and _SAMSUNG_MOTION in trailer):
        if samsung:
            feature, feature_en = "三星手机的“动态照片”", "a Samsung motion photo"
        elif any(mark in xmp for mark in _GOOGLE_MOTION):
            feature, feature_en = "安卓手机的“动态照片”", "an Android motion photo"
        else:
            feature, feature_en = "“动态照片”", "a motion photo"
        raise Refusal(
            "polyglot",
            f"这是一张{feature}：照片后面附带了一段短视频。报送只能用普通的 JPG 照片，"
            "请点“只保留照片”去掉视频后添加（原文件不会改动）。",
            f"This is {feature_en}: a short video is appended to the picture; keep the photo only.",
            kind="jpeg",
            details={
                "appended": appended.video or "mp4",
                "image_end": image_end,
                "feature": "motion_photo",
            },
        )
    rest = data[appended.end :]
    if appended.images and broken_mpf and not samsung and not rest.strip(b"\x00\xff"):
        # A multi-picture file whose MPF index is damaged: the pictures are what an intact
        # index would list, so they are checked as such and the file is accepted.
        for image in appended.images:
            _check_image(image, limits)
            _check_scan_data(image)
        result_warnings.append(
            CheckWarning(
                "mpf_damaged",
                f"这是一张多图照片（附带 {len(appended.images)} 张图片），"
                "其中的多图索引信息已损坏。看图软件只显示第一张，可以报送；"
                "如需干净的文件，可用看图软件另存一份 JPG。",
                "A multi-picture JPEG whose MPF index is damaged; viewers show the first picture.",
            )
        )
        return
    if appended.images or (samsung and (_SAMSUNG_PORTRAIT in trailer or JPEG_SOI in trailer)):
        count = len(appended.images) or trailer.count(JPEG_SOI)
        if samsung:
            feature, feature_en = "三星手机“实时对焦（人像）”拍的照片", "a Samsung Live focus photo"
        elif any(mark in xmp for mark in _GOOGLE_PORTRAIT):
            feature, feature_en = "手机“人像模式（背景虚化）”拍的照片", "a portrait-mode photo"
        else:
            feature, feature_en = "带附加图片的照片（常见于手机的人像模式、景深照片）", "a photo"
        raise Refusal(
            "polyglot",
            f"这是{feature}：照片后面还附带了 {count} 张辅助图片（如景深图、未虚化的原图）。"
            "报送只能用普通的 JPG 照片，请点“只保留照片”去掉附带的图片后添加（原文件不会改动）。",
            f"This is {feature_en} with {count} extra pictures appended (depth map, original); "
            "keep the photo only.",
            kind="jpeg",
            details={"appended": "jpeg", "image_end": image_end, "feature": "extra_pictures"},
        )
    stripped = trailer.lstrip(b"\x00\xff")
    kind = sniff_magic(b"\xff" + stripped if stripped.startswith(b"\xd8\xff") else stripped)
    if kind not in ("unknown", "text") or JPEG_SOI in trailer:
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


def _without_stray(data: bytes, layout: JpegLayout) -> io.BytesIO:
    """The file as libjpeg reads it: Pillow skips stray bytes one Python call at a time."""
    pieces = []
    pos = 0
    for start, end in layout.stray:
        pieces.append(data[pos:start])
        pos = end
    pieces.append(data[pos:])
    return io.BytesIO(b"".join(pieces))


def _decode(path: Path | io.BytesIO, layout: JpegLayout, limits: Limits) -> dict[str, Any]:
    with warnings.catch_warnings():
        # Pillow's other warnings (corrupt EXIF, a damaged MPO index) are not the officer's
        # business: the CLI must print only its own words.
        warnings.simplefilter("ignore")
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
