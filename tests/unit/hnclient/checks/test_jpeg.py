"""JPEG photos: structure, decode, pixel cap, polyglots, GPS warning and stripping."""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PIL import Image

from hnclient.attachments import strip_gps
from hnclient.checks import Limits, check_file

Make = Callable[..., Path]


def _gps_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "HUAWEI"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (36.0, 17.0, 0.0), 3: "E", 4: (100.0, 37.0, 0.0)})  # 共和县恰卜恰镇
    return exif


def _patch_sof(data: bytes, width: int, height: int) -> bytes:
    pos = data.index(b"\xff\xc0")
    out = bytearray(data)
    struct.pack_into(">HH", out, pos + 5, height, width)
    return bytes(out)


def test_plain_jpeg_is_accepted(jpeg: Make) -> None:
    verdict = check_file(jpeg(size=(64, 48)))
    assert (verdict.accepted, verdict.kind, verdict.code) == (True, "jpeg", "ok")
    assert (verdict.details["width"], verdict.details["height"]) == (64, 48)
    assert verdict.warnings == ()
    assert "64×48" in verdict.message


def test_progressive_jpeg_is_accepted(jpeg: Make) -> None:
    buf = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 120, 200)).save(buf, "JPEG", progressive=True)
    verdict = check_file(jpeg("渐进.jpg", buf.getvalue()))
    assert verdict.accepted, verdict.message
    assert verdict.details["width"] == 300


def test_gps_warns_and_strip_gps_removes_it_losslessly(jpeg: Make, tmp_path: Path) -> None:
    path = jpeg(exif=_gps_exif())
    verdict = check_file(path)
    assert verdict.accepted
    assert [w.code for w in verdict.warnings] == ["gps"]
    assert verdict.details["orientation"] == 6

    clean = tmp_path / "clean.jpg"
    strip_gps(path, clean)
    after = check_file(clean)
    assert after.accepted and after.warnings == ()
    with Image.open(clean) as img:
        exif = img.getexif()
        assert not exif.get_ifd(0x8825)
        assert exif[0x0112] == 6 and exif[0x010F] == "HUAWEI"
    # not re-encoded: everything from the first quantisation table on is byte-identical
    original, stripped = path.read_bytes(), clean.read_bytes()
    assert original[original.index(b"\xff\xdb") :] == stripped[stripped.index(b"\xff\xdb") :]


def test_truncated_jpeg_is_refused(jpeg: Make, mk: Any) -> None:
    data = mk.jpeg_bytes(size=(200, 150))
    verdict = check_file(jpeg("半截.jpg", data[: len(data) * 2 // 3]))
    assert (verdict.accepted, verdict.code) == (False, "truncated")


def test_jpeg_with_appended_zip_is_polyglot(jpeg: Make, mk: Any) -> None:
    payload = mk.zip_bytes({"readme.txt": b"hidden"})
    verdict = check_file(jpeg("夹带.jpg", mk.jpeg_bytes() + payload))
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


def test_jpeg_with_appended_jpeg_is_polyglot(jpeg: Make, mk: Any) -> None:
    verdict = check_file(jpeg("两张.jpg", mk.jpeg_bytes() + mk.jpeg_bytes()))
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


def test_zip_inside_a_comment_segment_is_polyglot(jpeg: Make, mk: Any) -> None:
    data = mk.jpeg_bytes()
    payload = mk.zip_bytes({"a.txt": b"x"})
    segment = b"\xff\xfe" + struct.pack(">H", len(payload) + 2) + payload
    verdict = check_file(jpeg("注释.jpg", data[:2] + segment + data[2:]))
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


def test_padding_after_eoi_is_fine_other_bytes_warn(jpeg: Make, mk: Any) -> None:
    assert check_file(jpeg("pad.jpg", mk.jpeg_bytes() + b"\x00" * 500)).warnings == ()
    verdict = check_file(jpeg("tail.jpg", mk.jpeg_bytes() + b"vendor trailer 1234"))
    assert verdict.accepted
    assert [w.code for w in verdict.warnings] == ["trailing_data"]


def test_pixel_bomb_refused_from_header_before_decoding(jpeg: Make, mk: Any) -> None:
    bomb = _patch_sof(mk.jpeg_bytes(), 60000, 60000)
    verdict = check_file(jpeg("炸弹.jpg", bomb))
    assert (verdict.accepted, verdict.code) == (False, "pixel_bomb")
    assert verdict.details == {"width": 60000, "height": 60000}


def test_pillow_decompression_bomb_is_caught_when_preset_raises_cap(jpeg: Make, mk: Any) -> None:
    bomb = _patch_sof(mk.jpeg_bytes(), 60000, 60000)  # 3.6e9 px: Pillow raises its own error
    verdict = check_file(jpeg("炸弹.jpg", bomb), Limits(jpeg_max_pixels=10**10))
    assert (verdict.accepted, verdict.code) == (False, "pixel_bomb")


def test_pixel_cap_is_a_preset_setting(jpeg: Make) -> None:
    path = jpeg(size=(100, 100))
    assert check_file(path, Limits(jpeg_max_pixels=9_999)).code == "pixel_bomb"
    assert check_file(path, Limits(jpeg_max_pixels=10_000)).accepted


def test_damaged_jpeg_is_corrupt(jpeg: Make, mk: Any) -> None:
    # the first component points at a quantisation table that does not exist: libjpeg fails
    data = bytearray(mk.jpeg_bytes())
    sof = data.index(b"\xff\xc0")
    data[sof + 12] = 3
    verdict = check_file(jpeg("坏.jpg", bytes(data)))
    assert (verdict.accepted, verdict.code) == (False, "corrupt")
    assert "Pillow" in verdict.details["reason"]
    # no frame header at all
    data = bytearray(mk.jpeg_bytes())
    data[sof + 1] = 0xC8
    assert check_file(jpeg("无帧.jpg", bytes(data))).code == "corrupt"


def test_png_named_jpg_is_extension_mismatch(tmp_path: Path) -> None:
    path = tmp_path / "照片.jpg"
    Image.new("RGB", (8, 8)).save(path, "PNG")
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code, verdict.kind) == (False, "extension_mismatch", "png")
    assert "PNG 图片" in verdict.message


def test_jpeg_named_docx_is_extension_mismatch(jpeg: Make, mk: Any) -> None:
    verdict = check_file(jpeg("材料.docx", mk.jpeg_bytes()))
    assert (verdict.code, verdict.kind) == ("extension_mismatch", "jpeg")
    assert "“.jpg”" in verdict.message


def test_jpeg_size_limit(jpeg: Make) -> None:
    verdict = check_file(jpeg(), Limits(jpeg_max_bytes=100))
    assert (verdict.accepted, verdict.code) == (False, "too_large")


def test_real_png_is_unsupported_with_contact_sentence(tmp_path: Path) -> None:
    path = tmp_path / "截图.png"
    buf = io.BytesIO()
    Image.new("RGB", (8, 8)).save(buf, "PNG")
    path.write_bytes(buf.getvalue())
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code, verdict.kind) == (False, "unsupported_format", "png")
    assert "请与州政府办公室另行联系沟通" in verdict.message
    assert verdict.message.startswith("不能报送：PNG 图片（扩展名“.png”）。")  # as 可以报送：
