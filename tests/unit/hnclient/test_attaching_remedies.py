"""Issue 10's one-click remedies: the right extension, the photo alone, an ordinary JPG."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image

from hnclient.attaching import add_file, apply_remedy
from hnclient.attachments import AttachmentStore
from hnclient.checks import check_file

DATA = Path(__file__).resolve().parents[2] / "data" / "checks"
CORPUS = Path(__file__).resolve().parents[4] / "shared" / "corpus" / "realfiles"


def _jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (30, 140, 90)).save(buf, "JPEG")
    return buf.getvalue()


def test_wps_file_holding_a_word_binary_is_added_as_doc(tmp_path: Path) -> None:
    path = tmp_path / "简历.wps"
    shutil.copyfile(DATA / "sample.doc", path)
    original = path.read_bytes()
    store = AttachmentStore(tmp_path / "store")
    refused = add_file(store, path)
    assert not refused.added and refused.remedy == "fix_extension"
    outcome = apply_remedy(store, path, "fix_extension", work_dir=tmp_path / "scratch")
    assert outcome.added and outcome.reference is not None
    assert (outcome.reference.name, outcome.reference.kind) == ("简历.doc", "doc")
    assert store.path_for(outcome.reference.sha256).read_bytes() == original
    assert path.read_bytes() == original and path.name == "简历.wps"
    assert not any((tmp_path / "scratch").iterdir())


def test_fix_extension_on_a_file_that_needs_none_says_so(tmp_path: Path) -> None:
    from hnclient.errors import OfficerError

    path = tmp_path / "照片.jpg"
    path.write_bytes(_jpeg())
    with pytest.raises(OfficerError):
        apply_remedy(
            AttachmentStore(tmp_path / "store"), path, "fix_extension", work_dir=tmp_path / "w"
        )


def test_portrait_photo_keeps_only_the_picture(tmp_path: Path) -> None:
    picture = _jpeg()
    path = tmp_path / "人像.jpg"
    path.write_bytes(picture + _jpeg((16, 16)))
    store = AttachmentStore(tmp_path / "store")
    refused = add_file(store, path)
    assert refused.remedy == "keep_photo"
    outcome = apply_remedy(store, path, "keep_photo", work_dir=tmp_path / "scratch")
    assert outcome.added and outcome.reference is not None
    assert store.path_for(outcome.reference.sha256).read_bytes() == picture


@pytest.mark.parametrize(
    "name", ["libjpeg-turbo/testimages_testimgari.jpg", "libjpeg-turbo/testimages_monkey12.jpg"]
)
def test_unusual_coding_is_converted_to_an_ordinary_jpg(tmp_path: Path, name: str) -> None:
    source = CORPUS / name
    if not source.is_file():
        pytest.skip("needs ../shared/corpus (Pillow cannot write these codings)")
    if "12" in name:
        from hnclient.convert.ffmpeg import find_ffmpeg

        if find_ffmpeg() is None:
            pytest.skip("12-bit JPEGs are decoded with FFmpeg")
    path = tmp_path / Path(name).name
    shutil.copyfile(source, path)
    store = AttachmentStore(tmp_path / "store")
    refused = add_file(store, path)
    assert (refused.verdict.code, refused.remedy) == ("unsupported_coding", "to_jpeg")
    outcome = apply_remedy(store, path, "to_jpeg", work_dir=tmp_path / "scratch")
    assert outcome.added and outcome.reference is not None
    converted = tmp_path / "converted.jpg"
    shutil.copyfile(store.path_for(outcome.reference.sha256), converted)
    verdict = check_file(converted)
    assert verdict.accepted and verdict.details["width"] > 0
    assert not any((tmp_path / "scratch").iterdir())
