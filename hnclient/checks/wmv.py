"""WMV video: an ASF container, checked from its header and object framing only.

A 2 GB video must be judged in milliseconds without reading it, so nothing here touches the
packets: the header object (kilobytes) is read whole, the top-level objects after it are
visited by seeking from size field to size field, and the last 64 KiB are read for the ZIP
end-record test.
"""

from __future__ import annotations

import struct
import uuid
from pathlib import Path
from typing import Any, BinaryIO

from hnclient.checks.limits import Limits
from hnclient.checks.sniff import ZIP_CENTRAL, ZIP_END, ZIP_LOCAL, find_zip_end_record
from hnclient.checks.verdict import Outcome, Refusal, polyglot_refusal


def _guid(text: str) -> bytes:
    return uuid.UUID(text).bytes_le


HEADER = _guid("75B22630-668E-11CF-A6D9-00AA0062CE6C")
DATA = _guid("75B22636-668E-11CF-A6D9-00AA0062CE6C")
FILE_PROPERTIES = _guid("8CABDCA1-A947-11CF-8EE4-00C00C205365")
STREAM_PROPERTIES = _guid("B7DC0791-A9B7-11CF-8EE6-00C00C205365")
HEADER_EXTENSION = _guid("5FBF03B5-A92E-11CF-8EE3-00C00C205365")
EXTENDED_STREAM_PROPERTIES = _guid("14E6A5CB-C672-4332-8399-A96952065B5A")
CONTENT_ENCRYPTION = _guid("2211B3FB-BD23-11D2-B4B7-00C04FB9F4B6")
EXTENDED_CONTENT_ENCRYPTION = _guid("298AE614-2622-4C17-B935-DAE07EE9289C")
VIDEO_MEDIA = _guid("BC19EFC0-5B4D-11CF-A8FD-00805F5C442B")
AUDIO_MEDIA = _guid("F8699E40-5B4D-11CF-A8FD-00805F5C442B")
#: Top-level objects allowed after the data object (the index objects of the ASF spec).
INDEXES = frozenset(
    _guid(g)
    for g in (
        "33000890-E5B1-11CF-89F4-00A0C90349CB",  # Simple Index
        "D6E229D3-35DA-11D1-9034-00A0C90349BE",  # Index
        "FEB103F8-12AD-4C64-840F-2A1D2F7AD48C",  # Media Object Index
        "3CB73FD0-0C4A-4803-953D-EDF7B6228F0C",  # Timecode Index
    )
)
_OBJ = struct.Struct("<16sQ")  # GUID, size (including these 24 bytes)
_BROADCAST = 0x01
#: Real files have the data object and a few index objects; millions of 24-byte objects
#: would make a 2 GB file take minutes to walk.
_MAX_TOP_LEVEL_OBJECTS = 256
#: Zero padding after the last object is tolerated up to this much and checked whole.
_MAX_LEFTOVER = 64 * 1024


def _truncated() -> Refusal:
    return Refusal(
        "truncated",
        "这个视频文件不完整（可能没有拷贝完），请重新拷贝或重新导出 WMV 后再添加。",
        "The WMV file is truncated; copy or export it again.",
        kind="wmv",
    )


def _corrupt(reason: str) -> Refusal:
    return Refusal(
        "corrupt",
        "这个视频文件已损坏或不是标准的 WMV 格式，无法播放。请用视频软件重新导出 WMV 后再添加。",
        f"The WMV file is damaged ({reason}).",
        kind="wmv",
        details={"reason": reason},
    )


def check_wmv(path: Path, size: int, limits: Limits) -> Outcome:
    with path.open("rb") as fh:
        head = fh.read(30)
        if len(head) < 30:
            raise _truncated()
        guid, header_size = _OBJ.unpack_from(head)
        if guid != HEADER or header_size < 30:
            raise _corrupt("no ASF header object")
        if header_size > limits.wmv_max_header_bytes:
            raise _corrupt(f"header object of {header_size} bytes")
        if header_size > size:
            raise _truncated()
        header = head + fh.read(header_size - 30)
        info = _parse_header(header)
        if any(sig in header for sig in (ZIP_LOCAL, ZIP_CENTRAL, ZIP_END)):
            raise polyglot_refusal(
                "wmv", "视频的文件头里藏有压缩包", "ZIP signature in the ASF header"
            )
        declared = info.pop("declared_size")
        if not info.pop("broadcast") and declared > size:
            raise _truncated()
        _walk_top_level(fh, header_size, size)
        if find_zip_end_record(fh, size) is not None:
            raise polyglot_refusal("wmv", "视频末尾附加了 ZIP 压缩包", "a ZIP archive appended")
    if info.pop("encrypted"):
        raise Refusal(
            "encrypted",
            "这个视频有数字版权保护（DRM 加密），州政府办公室无法播放。"
            "请导出未加密的 WMV 后再添加。",
            "The WMV is DRM-protected (encrypted).",
            kind="wmv",
        )
    if not info.get("width"):
        raise Refusal(
            "no_video_stream",
            "这个 WMV 文件里只有声音，没有画面。视频材料请导出带画面的 WMV 视频。",
            "The WMV has no video stream (audio only).",
            kind="wmv",
            details={"streams": info["streams"]},
        )
    return Outcome("wmv", info, [])


def _objects(buf: bytes, start: int, end: int) -> list[tuple[bytes, int, int]]:
    """(guid, body start, object end) of the objects packed in ``buf[start:end]``."""
    found = []
    pos = start
    while pos + 24 <= end:
        guid, obj_size = _OBJ.unpack_from(buf, pos)
        if obj_size < 24 or pos + obj_size > end:
            raise _corrupt(f"object size {obj_size} at offset {pos}")
        found.append((guid, pos + 24, pos + obj_size))
        pos += obj_size
    return found


def _parse_header(header: bytes) -> dict[str, Any]:
    info: dict[str, Any] = {"streams": 0, "encrypted": False}
    (count,) = struct.unpack_from("<I", header, 24)
    objects = _objects(header, 30, len(header))
    if len(objects) != count:
        raise _corrupt(f"header declares {count} objects, holds {len(objects)}")
    file_props = None
    for guid, body, end in objects:
        if guid == FILE_PROPERTIES:
            file_props = header[body:end]
        elif guid == STREAM_PROPERTIES:
            _stream(header[body:end], info)
        elif guid in (CONTENT_ENCRYPTION, EXTENDED_CONTENT_ENCRYPTION):
            info["encrypted"] = True
        elif guid == HEADER_EXTENSION and end - body >= 22:
            for ext_guid, ext_body, ext_end in _objects(header, body + 22, end):
                if ext_guid == EXTENDED_STREAM_PROPERTIES:
                    _extended_stream(header[ext_body:ext_end], info)
    if file_props is None or len(file_props) < 80:
        raise _corrupt("no file properties object")
    declared, _created, _packets, play, _send, preroll, flags = struct.unpack_from(
        "<QQQQQQI", file_props, 16
    )
    info["declared_size"] = declared
    info["broadcast"] = bool(flags & _BROADCAST)
    info["duration_seconds"] = round(max(play / 10_000_000 - preroll / 1000, 0.0), 3)
    return info


def _stream(body: bytes, info: dict[str, Any]) -> None:
    if len(body) < 54:
        raise _corrupt("short stream properties object")
    stream_type = body[:16]
    type_len, _ec_len, flags = struct.unpack_from("<IIH", body, 40)
    info["streams"] += 1
    if flags & 0x8000:
        info["encrypted"] = True
    type_data = body[54 : 54 + type_len]
    if stream_type == VIDEO_MEDIA and not info.get("width"):
        # Encoded width/height (8), reserved (1), format data size (2), BITMAPINFOHEADER (40)
        if len(type_data) < 11 + 40:
            raise _corrupt("short video format data")
        _bi_size, width, height, _planes, _bits, fourcc = struct.unpack_from(
            "<IiiHH4s", type_data, 11
        )
        info["width"] = abs(width)
        info["height"] = abs(height)
        info["video_codec"] = fourcc.decode("ascii", "replace").strip("\x00 ")
    elif stream_type == AUDIO_MEDIA:
        info["has_audio"] = True


def _extended_stream(body: bytes, info: dict[str, Any]) -> None:
    """Extended Stream Properties may embed a Stream Properties object after its names."""
    if len(body) < 64:
        return
    names, systems = struct.unpack_from("<HH", body, 60)
    pos = 64
    for _ in range(names):
        if pos + 4 > len(body):
            return
        (length,) = struct.unpack_from("<H", body, pos + 2)
        pos += 4 + length
    for _ in range(systems):
        if pos + 22 > len(body):
            return
        (length,) = struct.unpack_from("<I", body, pos + 18)
        pos += 22 + length
    if pos + 24 <= len(body):
        guid, obj_size = _OBJ.unpack_from(body, pos)
        if guid == STREAM_PROPERTIES and pos + obj_size <= len(body):
            _stream(body[pos + 24 : pos + obj_size], info)


def _walk_top_level(fh: BinaryIO, pos: int, size: int) -> None:
    """Data object, then index objects, then the end of the file — nothing else."""
    seen_data = False
    objects = 0
    while pos < size:
        objects += 1
        if objects > _MAX_TOP_LEVEL_OBJECTS:
            raise _corrupt(f"more than {_MAX_TOP_LEVEL_OBJECTS} top-level objects")
        fh.seek(pos)
        raw = fh.read(24)
        if len(raw) < 24:
            _leftover(fh, pos, size)
            return
        guid, obj_size = _OBJ.unpack(raw)
        if guid == DATA:
            seen_data = True
            if obj_size == 0:  # a live broadcast capture: the data runs to the end
                return
        elif guid not in INDEXES:
            _leftover(fh, pos, size)
            return
        if obj_size < 24:
            raise _corrupt(f"object size {obj_size} at offset {pos}")
        if pos + obj_size > size:
            raise _truncated()
        pos += obj_size
    if not seen_data:
        raise _truncated()


def _leftover(fh: BinaryIO, pos: int, size: int) -> None:
    fh.seek(pos)
    sample = fh.read(min(size - pos, _MAX_LEFTOVER))
    # Beyond the checked window anything could hide behind zeros, so more is refused too.
    if sample.strip(b"\x00") or size - pos > _MAX_LEFTOVER:
        raise polyglot_refusal(
            "wmv",
            f"视频末尾附加了 {size - pos} 字节的其它数据",
            f"{size - pos} bytes after the ASF objects",
        )
