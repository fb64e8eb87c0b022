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
from hnclient.checks.verdict import (
    CheckWarning,
    Outcome,
    Refusal,
    judge_trailer,
    polyglot_refusal,
)


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
#: Every stream type of the ASF specification (5.1): a damaged GUID is none of them.
STREAM_TYPES = frozenset(
    {VIDEO_MEDIA, AUDIO_MEDIA}
    | {
        _guid(g)
        for g in (
            "59DACFC0-59E6-11D0-A3AC-00A0C90348F6",  # Command
            "B61BE100-5B4E-11CF-A8FD-00805F5C442B",  # JFIF
            "35907DE0-E415-11CF-A917-00805F5C442B",  # Degradable JPEG
            "91BD222C-F21C-497A-8B6D-5AA86BFC0185",  # File Transfer
            "3AFB65E2-47EF-40F2-AC2C-70A90D71D343",  # Binary
        )
    }
)
#: No player shows a picture wider or taller than this (WMV9 tops out at 8192).
_MAX_DIMENSION = 16384
#: A data object's own header (GUID, size, file id, packet count, reserved): a streaming
#: recorder that never went back to fill in the size leaves 0 or just this.
_DATA_HEADER = 50
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


def check_wmv(path: Path, size: int, limits: Limits, *, audio: bool = False) -> Outcome:
    """Judge an ASF file as a WMV video; ``audio`` (a county preset allowing WMA): a file with
    sound only is accepted as ``wma`` (one with a picture is still ``wmv``)."""
    warnings: list[CheckWarning] = []
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
        broadcast = info.pop("broadcast")
        if not broadcast and declared > size:
            raise _truncated()
        streamed = _walk_top_level(fh, header_size, size, broadcast, warnings)
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
    has_video = info.pop("has_video", False)
    if not has_video and not audio:
        raise no_video_refusal(info["streams"])
    if streamed:
        info["streamed"] = True
        warnings.append(
            CheckWarning(
                "streamed",
                "这个视频是边录边存的（流式录制），文件里没有索引。可以正常播放、可以报送，"
                "但拖动进度条可能较慢；如需改善，可用视频软件重新导出一份 WMV。",
                "A streamed recording without an index: it plays, but seeking may be slow.",
            )
        )
    return Outcome("wmv" if has_video else "wma", info, warnings)


def no_video_refusal(streams: int, kind: str = "wmv") -> Refusal:
    """An ASF file with sound only: a .wma, or a .wmv exported without its picture."""
    return Refusal(
        "no_video_stream",
        "这个文件是 WMA 音频（只有声音，没有画面），不能作为视频报送，改扩展名也没有用。"
        "视频材料请用视频软件导出带画面的 WMV 视频后再添加。",
        "The file is WMA audio (sound only, no picture); export a WMV video with a picture.",
        kind=kind,
        details={"streams": streams},
    )


def asf_has_video(path: Path, limits: Limits) -> bool | None:
    """Whether an ASF file's header lists a video stream; None when the header is unreadable."""
    try:
        with path.open("rb") as fh:
            head = fh.read(30)
            if len(head) < 30:
                return None
            guid, header_size = _OBJ.unpack_from(head)
            if guid != HEADER or not 30 <= header_size <= limits.wmv_max_header_bytes:
                return None
            return bool(_parse_header(head + fh.read(header_size - 30)).get("has_video"))
    except (Refusal, OSError, struct.error):
        return None


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
    if stream_type not in STREAM_TYPES:
        raise _corrupt(f"unknown stream type {uuid.UUID(bytes_le=stream_type)}")
    info["streams"] += 1
    if flags & 0x8000:
        info["encrypted"] = True
    type_data = body[54 : 54 + type_len]
    if stream_type == VIDEO_MEDIA and not info.get("has_video"):
        # Encoded width/height (8), reserved (1), format data size (2), BITMAPINFOHEADER (40)
        if len(type_data) < 11 + 40:
            raise _corrupt("short video format data")
        _bi_size, width, height, _planes, _bits, fourcc = struct.unpack_from(
            "<IiiHH4s", type_data, 11
        )
        if not (0 < abs(width) <= _MAX_DIMENSION and 0 < abs(height) <= _MAX_DIMENSION):
            raise _corrupt(f"picture of {width}x{height} pixels")
        info["has_video"] = True
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


def _walk_top_level(
    fh: BinaryIO, pos: int, size: int, broadcast: bool, warnings: list[CheckWarning]
) -> bool:
    """Data object, then index objects, then the end of the file — nothing else.

    Returns True for a streamed recording, whose data object runs to the end of the file:
    a live capture (size 0), or a broadcast-flagged file whose recorder left the size at
    its minimum or never wrote the index.
    """
    seen_data = False
    objects = 0
    while pos < size:
        objects += 1
        if objects > _MAX_TOP_LEVEL_OBJECTS:
            raise _corrupt(f"more than {_MAX_TOP_LEVEL_OBJECTS} top-level objects")
        fh.seek(pos)
        raw = fh.read(24)
        if len(raw) < 24:
            _leftover(fh, pos, size, warnings)
            return False
        guid, obj_size = _OBJ.unpack(raw)
        if guid == DATA:
            seen_data = True
            if obj_size == 0 or (broadcast and (obj_size <= _DATA_HEADER or pos + obj_size > size)):
                return True
        elif guid not in INDEXES:
            _leftover(fh, pos, size, warnings)
            return False
        if obj_size < 24:
            raise _corrupt(f"object size {obj_size} at offset {pos}")
        if pos + obj_size > size:
            raise _truncated()
        pos += obj_size
    if not seen_data:
        raise _truncated()
    return False


def _leftover(fh: BinaryIO, pos: int, size: int, warnings: list[CheckWarning]) -> None:
    judge_trailer(
        fh,
        pos,
        size,
        _MAX_LEFTOVER,
        warnings,
        (
            "wmv",
            f"视频末尾附加了 {size - pos} 字节的其它数据",
            f"{size - pos} bytes after the ASF objects",
        ),
    )
