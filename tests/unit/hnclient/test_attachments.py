"""Content-addressed attachment store: layout, dedup, verification, full disk."""

from __future__ import annotations

import errno
import hashlib
import io
from pathlib import Path

import pytest
from PIL import Image

from hnclient import attachments
from hnclient.attachments import AttachmentRef, AttachmentStore, AttachmentStoreError


def _photo(path: Path) -> Path:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 10, 10)).save(buf, "JPEG")
    path.write_bytes(buf.getvalue())
    return path


def test_add_stores_by_sha256_and_survives_the_original(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path / "store")
    src = _photo(tmp_path / "现场.jpg")
    digest = hashlib.sha256(src.read_bytes()).hexdigest()
    ref = store.add(src)
    assert ref == AttachmentRef(
        sha256=digest, name="现场.jpg", size=src.stat().st_size, kind="jpeg"
    )
    assert store.path_for(digest) == tmp_path / "store" / digest[:2] / digest[2:]
    assert store.has(digest) and store.verify(digest)
    src.unlink()
    assert store.path_for(digest).read_bytes()[:3] == b"\xff\xd8\xff"
    assert [p.name for p in (tmp_path / "store").iterdir()] == [digest[:2]]  # no temp files


def test_identical_content_is_stored_once(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path / "store")
    a = _photo(tmp_path / "a.jpg")
    b = tmp_path / "b.jpg"
    b.write_bytes(a.read_bytes())
    ref_a, ref_b = store.add(a), store.add(b)
    assert ref_a.sha256 == ref_b.sha256 and ref_b.name == "b.jpg"
    assert len(list((tmp_path / "store").rglob("*"))) == 2  # one directory, one file


def test_verify_detects_tampering_and_absence(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path / "store")
    ref = store.add(_photo(tmp_path / "a.jpg"))
    stored = store.path_for(ref.sha256)
    stored.write_bytes(stored.read_bytes() + b"x")
    assert not store.verify(ref.sha256)
    assert not store.verify("0" * 64) and not store.has("0" * 64)
    with pytest.raises(ValueError):
        store.path_for("../../etc/passwd")


def test_ref_json_round_trip() -> None:
    ref = AttachmentRef(sha256="a" * 64, name="会议纪要.docx", size=1234, kind="docx")
    assert AttachmentRef.from_json(ref.to_json()) == ref
    with pytest.raises(ValueError):
        AttachmentRef.from_json({**ref.to_json(), "sha256": "zz"})


def test_full_disk_raises_chinese_error_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = AttachmentStore(tmp_path / "store")
    src = tmp_path / "big.wmv"
    src.write_bytes(b"\x01" * (3 * 1024 * 1024))
    written = 0

    def fill_up(fd: int, data: memoryview) -> int:
        nonlocal written
        if written >= 1024 * 1024:
            raise OSError(errno.ENOSPC, "No space left on device")
        written += len(data)
        return len(data)

    monkeypatch.setattr(attachments, "_write", fill_up)
    with pytest.raises(AttachmentStoreError) as info:
        store.add(src, kind="wmv")
    assert "磁盘空间不足" in info.value.message_zh()
    assert info.value.errno == errno.ENOSPC
    assert list((tmp_path / "store").iterdir()) == []


def test_large_file_copied_in_one_pass(tmp_path: Path) -> None:
    store = AttachmentStore(tmp_path / "store")
    src = tmp_path / "video.wmv"
    payload = bytes(range(256)) * (5 * 4096 + 7)  # ~5 MiB, not a multiple of the buffer
    src.write_bytes(payload)
    ref = store.add(src, kind="wmv")
    assert ref.size == len(payload)
    assert ref.sha256 == hashlib.sha256(payload).hexdigest()
    assert store.verify(ref.sha256)


def test_out_of_inodes_when_creating_the_copy_is_a_chinese_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk out of inodes fails at creating the temporary file (ENOSPC), before any write."""
    store = AttachmentStore(tmp_path / "store")
    src = _photo(tmp_path / "现场.jpg")

    def no_inodes(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(attachments.tempfile, "mkstemp", no_inodes)
    with pytest.raises(AttachmentStoreError) as info:
        store.add(src, kind="jpeg")
    assert "磁盘空间不足" in info.value.message_zh() and "现场.jpg" in info.value.message_zh()
    assert info.value.errno == errno.ENOSPC


def test_damaged_stored_copy_is_repaired_when_the_original_is_added_again(
    tmp_path: Path,
) -> None:
    store = AttachmentStore(tmp_path / "store")
    src = _photo(tmp_path / "a.jpg")
    ref = store.add(src)
    stored = store.path_for(ref.sha256)
    damaged = bytearray(stored.read_bytes())
    damaged[100] ^= 0xFF  # same size: only a hash tells
    stored.write_bytes(bytes(damaged))
    assert not store.verify(ref.sha256)
    assert store.add(src) == ref
    assert store.verify(ref.sha256)
    assert [p.name for p in stored.parent.iterdir()] == [stored.name]  # no temp file left
