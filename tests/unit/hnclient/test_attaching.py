"""Adding files: check, store, and the remedies the client can apply itself."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from hnclient.attaching import add_file, apply_remedy, remedy_for
from hnclient.attachments import AttachmentStore
from hnclient.checks import check_file

# The start of an MP4 as phones append it to a "motion photo" (ftyp box, then an mdat box).
MP4_TAIL = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x10mdat" + bytes(8)


def motion_photo(path: Path) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 120, 40)).save(buffer, "JPEG", quality=85)
    picture = buffer.getvalue()
    path.write_bytes(picture + MP4_TAIL * 50)
    return picture


def test_motion_photo_is_refused_with_a_friendly_message_and_a_remedy(tmp_path: Path) -> None:
    path = tmp_path / "动态照片.jpg"
    picture = motion_photo(path)
    verdict = check_file(path)
    assert not verdict.accepted and verdict.code == "polyglot"
    assert "动态照片" in verdict.message and "只保留照片" in verdict.message
    assert verdict.details["image_end"] == len(picture)
    assert remedy_for(verdict) == "keep_photo"


def test_keep_photo_stores_exactly_the_picture(tmp_path: Path) -> None:
    path = tmp_path / "动态照片.jpg"
    picture = motion_photo(path)
    store = AttachmentStore(tmp_path / "store")
    refused = add_file(store, path)
    assert not refused.added and refused.remedy == "keep_photo"
    outcome = apply_remedy(store, path, "keep_photo", work_dir=tmp_path / "scratch")
    assert outcome.added and outcome.reference is not None
    assert outcome.reference.name == "动态照片.jpg" and outcome.reference.kind == "jpeg"
    assert store.path_for(outcome.reference.sha256).read_bytes() == picture
    assert path.read_bytes().startswith(picture) and len(path.read_bytes()) > len(picture)
    assert not any((tmp_path / "scratch").iterdir())


def test_zip_hidden_behind_a_video_tail_is_not_a_motion_photo(tmp_path: Path) -> None:
    path = tmp_path / "伪装.jpg"
    motion_photo(path)
    with path.open("ab") as handle:
        handle.write(b"PK\x03\x04" + bytes(40))
    verdict = check_file(path)
    assert verdict.code == "polyglot" and remedy_for(verdict) is None


def test_a_video_without_the_video_component_offers_no_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hnclient.convert import ffmpeg

    monkeypatch.setattr(ffmpeg, "find_ffmpeg", lambda: None)
    clip = tmp_path / "会议.mp4"
    clip.write_bytes(MP4_TAIL + bytes(2000))
    outcome = add_file(AttachmentStore(tmp_path / "store"), clip)
    assert outcome.reference is None and outcome.remedy is None
    assert "本机没有安装视频转换组件" in outcome.verdict.message
    assert "“会议.mp4”是" in outcome.verdict.message
    assert outcome.verdict.details["video_component"] == "missing"


def test_a_video_with_the_video_component_offers_conversion(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hnclient.convert import ffmpeg

    monkeypatch.setattr(ffmpeg, "find_ffmpeg", lambda: tmp_path / "ffmpeg")
    clip = tmp_path / "会议.mp4"
    clip.write_bytes(MP4_TAIL + bytes(2000))
    outcome = add_file(AttachmentStore(tmp_path / "store"), clip)
    assert outcome.remedy == "to_wmv"
    assert "视频转换组件" not in outcome.verdict.message
