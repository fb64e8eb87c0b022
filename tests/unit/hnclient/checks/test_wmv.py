"""WMV video: header-only checks, including a sparse 2 GB file that must not be read."""

from __future__ import annotations

import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hnclient.checks import Limits, check_file
from hnclient.checks.wmv import DATA, FILE_PROPERTIES, STREAM_PROPERTIES, VIDEO_MEDIA

Sample = Callable[..., Path]
GIB = 1024**3


def _header(data: bytes) -> bytearray:
    (size,) = struct.unpack_from("<Q", data, 16)
    return bytearray(data[:size])


def _sparse_wmv(src: bytes, path: Path, total: int) -> None:
    """A real WMV's header object, a data object spanning ``total`` bytes, holes for packets."""
    header = _header(src)
    fp = header.index(FILE_PROPERTIES)
    struct.pack_into("<Q", header, fp + 24 + 16, total)  # File Properties: file size
    data_obj = bytearray(src[len(header) : len(header) + 50])
    assert data_obj[:16] == DATA
    struct.pack_into("<Q", data_obj, 16, total - len(header))
    with path.open("wb") as fh:
        fh.write(header + data_obj)
        fh.truncate(total)


def test_sample_wmv_is_accepted(sample: Sample) -> None:
    verdict = check_file(sample("sample.wmv"))
    assert (verdict.accepted, verdict.kind, verdict.code) == (True, "wmv", "ok")
    assert (verdict.details["width"], verdict.details["height"]) == (160, 120)
    assert verdict.details["duration_seconds"] == pytest.approx(1.0, abs=0.1)
    assert verdict.details["video_codec"] == "WMV2"


class _CountingFile:
    """Wraps a binary file and counts the bytes read through it."""

    def __init__(self, handle: Any, counter: list[int]) -> None:
        self._handle = handle
        self._counter = counter

    def read(self, size: int = -1) -> bytes:
        data = self._handle.read(size)
        self._counter[0] += len(data)
        return bytes(data)

    def readinto(self, buffer: Any) -> int:
        count = int(self._handle.readinto(buffer))
        self._counter[0] += count
        return count

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def __enter__(self) -> _CountingFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()


def test_sparse_2gb_wmv_checked_from_header_only(
    sample: Sample, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = sample("sample.wmv").read_bytes()
    path = tmp_path / "大会实况.wmv"
    _sparse_wmv(src, path, 2 * GIB)
    assert path.stat().st_size == 2 * GIB
    if path.stat().st_blocks * 512 > 64 * 1024 * 1024:
        pytest.skip("file system does not support sparse files")
    read = [0]
    real_open = Path.open

    def counting_open(self: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(self, mode, *args, **kwargs)
        return _CountingFile(handle, read) if "b" in mode else handle

    monkeypatch.setattr(Path, "open", counting_open)
    verdict = check_file(path)
    monkeypatch.undo()
    assert verdict.accepted, verdict.message
    assert (verdict.details["width"], verdict.details["height"]) == (160, 120)
    # Speed is a benchmark's business; here: the check reads the header, not the 2 GB.
    assert 0 < read[0] < 1024 * 1024, f"checking a 2 GB WMV read {read[0]} bytes"


def test_wmv_over_2gb_is_too_large(sample: Sample, tmp_path: Path) -> None:
    path = tmp_path / "超大.wmv"
    _sparse_wmv(sample("sample.wmv").read_bytes(), path, 2 * GIB + 1)
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code) == (False, "too_large")
    assert check_file(path, Limits(wmv_max_bytes=3 * GIB)).accepted


def test_audio_only_asf_is_no_video_stream(sample: Sample) -> None:
    verdict = check_file(sample("audio-only.wmv"))
    assert (verdict.accepted, verdict.code) == (False, "no_video_stream")


def test_truncated_wmv_is_refused(sample: Sample) -> None:
    path = sample("sample.wmv", "半截.wmv")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code) == (False, "truncated")
    path.write_bytes(data[:1000])  # cut inside the header object
    assert check_file(path).code == "truncated"


def test_wmv_with_appended_zip_is_polyglot(sample: Sample, mk: Any) -> None:
    path = sample("sample.wmv", "夹带.wmv")
    path.write_bytes(path.read_bytes() + mk.zip_bytes({"a.txt": b"x" * 100}))
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


def test_wmv_with_appended_jpeg_is_polyglot(sample: Sample, mk: Any) -> None:
    path = sample("sample.wmv", "夹带.wmv")
    path.write_bytes(path.read_bytes() + mk.jpeg_bytes())
    assert check_file(path).code == "polyglot"


def test_drm_flagged_stream_is_encrypted(sample: Sample) -> None:
    path = sample("sample.wmv", "版权.wmv")
    data = bytearray(path.read_bytes())
    pos = data.index(STREAM_PROPERTIES)
    while data[pos + 24 : pos + 40] != VIDEO_MEDIA:
        pos = data.index(STREAM_PROPERTIES, pos + 1)
    flags_at = pos + 24 + 48
    (flags,) = struct.unpack_from("<H", data, flags_at)
    struct.pack_into("<H", data, flags_at, flags | 0x8000)
    path.write_bytes(bytes(data))
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code) == (False, "encrypted")


def test_mp4_named_wmv_is_extension_mismatch(tmp_path: Path) -> None:
    path = tmp_path / "视频.wmv"
    # an ISO-BMFF file type box as phones write it, followed by an empty media data box
    path.write_bytes(
        struct.pack(">I", 24) + b"ftypmp42" + b"\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08mdat"
    )
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code, verdict.kind) == (False, "extension_mismatch", "mp4")
    assert "MP4 视频" in verdict.message
