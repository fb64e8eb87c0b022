"""Pictures to JPEG: real files made with Pillow, each conversion checked like an attachment."""

from __future__ import annotations

import io
import os
import stat
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageCms

from hnclient.checks import Limits, check_file
from hnclient.convert import (
    ConversionResult,
    ImageTooLarge,
    SourceNotConvertible,
    to_jpeg,
)

_GPS_IFD = 0x8825
_ORIENTATION = 0x0112
_MAKE = 0x010F
WHITE = (255, 255, 255)


def _convert(src: Path, **kwargs: object) -> tuple[ConversionResult, Image.Image]:
    dst = src.with_name(src.stem + " 转换.jpg")
    result = to_jpeg(src, dst, **kwargs)  # type: ignore[arg-type]
    assert result.dst == dst and dst.is_file()
    assert result.verdict.accepted and result.verdict.kind == "jpeg"
    assert result.verdict.path == dst
    assert check_file(dst).accepted  # the same check an attachment gets
    out = Image.open(dst, formats=["JPEG"])
    out.load()
    return result, out


def _close(
    actual: tuple[int, ...] | float | None, expected: tuple[int, ...], tolerance: int = 12
) -> bool:
    assert isinstance(actual, tuple)
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".hnclient-convert-"))


def test_png_with_alpha_is_composited_on_white_progressive(tmp_path: Path) -> None:
    img = Image.new("RGBA", (40, 20), (0, 0, 0, 0))
    img.paste((200, 0, 0, 255), (20, 0, 40, 20))
    src = tmp_path / "标识.png"
    img.save(src)
    result, out = _convert(src)
    assert out.mode == "RGB" and out.size == (40, 20)
    assert _close(out.getpixel((5, 10)), WHITE)  # transparent became white, not black
    assert _close(out.getpixel((30, 10)), (200, 0, 0))
    assert out.info.get("progressive") or out.info.get("progression")
    assert result.details["alpha_flattened"] is True
    assert result.details["source_format"] == "PNG"
    assert _leftovers(tmp_path) == []


def test_palette_png_with_transparent_index(tmp_path: Path) -> None:
    img = Image.new("P", (16, 16), 0)
    img.putpalette([0, 0, 0, 0, 0, 255] + [0] * (254 * 3))
    img.paste(1, (8, 0, 16, 16))
    src = tmp_path / "palette.png"
    img.save(src, transparency=0)
    _result, out = _convert(src)
    assert _close(out.getpixel((2, 8)), WHITE)
    assert _close(out.getpixel((12, 8)), (0, 0, 255))


def test_cmyk_tiff_becomes_rgb(tmp_path: Path) -> None:
    img = Image.new("CMYK", (20, 10), (0, 0, 0, 0))
    img.paste((0, 255, 255, 0), (10, 0, 20, 10))  # red in CMYK
    src = tmp_path / "scan.tif"
    img.save(src, compression="tiff_lzw")
    result, out = _convert(src)
    assert out.mode == "RGB"
    assert _close(out.getpixel((2, 5)), WHITE)
    assert _close(out.getpixel((15, 5)), (255, 0, 0))
    assert result.details["source_mode"] == "CMYK"


def test_16_bit_grey_png_is_scaled_not_clipped(tmp_path: Path) -> None:
    img = Image.new("I;16", (3, 1))
    for x, value in enumerate((0, 32896, 65535)):
        img.putpixel((x, 0), value)
    src = tmp_path / "16bit.png"
    img.save(src)
    assert Image.open(src).mode.startswith("I")
    _result, out = _convert(src, quality=100)
    assert out.mode == "L"
    values = [out.getpixel((x, 0)) for x in range(3)]
    assert isinstance(values[1], int)
    assert values[0] <= 8 and 120 <= values[1] <= 136 and values[2] >= 247


@pytest.mark.parametrize(("name", "fmt"), [("photo.webp", "WEBP"), ("photo.bmp", "BMP")])
def test_webp_and_bmp(tmp_path: Path, name: str, fmt: str) -> None:
    img = Image.new("RGB", (30, 20), (10, 120, 200))
    src = tmp_path / name
    img.save(src, fmt, **({"lossless": True} if fmt == "WEBP" else {}))
    result, out = _convert(src)
    assert out.size == (30, 20)
    assert _close(out.getpixel((15, 10)), (10, 120, 200))
    assert result.details["source_format"] == fmt


def _photo(size: tuple[int, int] = (64, 48)) -> Image.Image:
    img = Image.new("RGB", size, (0, 0, 255))
    img.paste((255, 0, 0), (0, 0, 8, 8))  # a marker in the stored top-left corner
    return img


def test_exif_orientation_6_is_applied(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[_ORIENTATION] = 6  # stored landscape, shown rotated 90° clockwise
    exif[_MAKE] = "Huawei"
    src = tmp_path / "手机照片.jpg"
    _photo().save(src, "JPEG", exif=exif, quality=95)
    assert check_file(src).details["orientation"] == 6
    result, out = _convert(src)
    assert out.size == (48, 64)
    assert result.verdict.details["orientation"] == 1
    assert out.getexif().get(_ORIENTATION, 1) == 1
    assert out.getexif().get(_MAKE) == "Huawei"  # other tags survive
    assert _close(out.getpixel((44, 3)), (255, 0, 0), 40)  # top-left went to top-right
    assert result.details["orientation_applied"] is True


def test_orientation_fixed_in_place(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[_ORIENTATION] = 8
    src = tmp_path / "photo.jpg"
    _photo().save(src, "JPEG", exif=exif)
    result = to_jpeg(src, src)
    assert result.verdict.accepted
    with Image.open(src) as out:
        assert out.size == (48, 64)


def test_gps_is_dropped(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[_MAKE] = "Canon"
    gps = exif.get_ifd(_GPS_IFD)
    gps.update({1: "N", 2: (36.0, 17.0, 0.0), 3: "E", 4: (100.0, 37.0, 0.0)})
    src = tmp_path / "共和县.jpg"
    _photo().save(src, "JPEG", exif=exif)
    assert [w.code for w in check_file(src).warnings] == ["gps"]
    result, out = _convert(src)
    assert result.verdict.warnings == ()
    assert not out.getexif().get_ifd(_GPS_IFD)
    assert out.getexif().get(_MAKE) == "Canon"
    assert result.details["gps_removed"] is True


def test_rgb_icc_profile_is_kept(tmp_path: Path) -> None:
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    src = tmp_path / "colour.png"
    Image.new("RGB", (10, 10), (1, 2, 3)).save(src, icc_profile=icc)
    result, out = _convert(src)
    assert out.info.get("icc_profile") == icc
    assert result.details["icc_profile"] is True


def test_quality_steps_down_to_fit_the_size_limit(tmp_path: Path) -> None:
    src = tmp_path / "noise.png"
    Image.frombytes("RGB", (200, 200), os.urandom(200 * 200 * 3)).save(src)
    first, _ = _convert(src)
    limit = first.details["bytes"] - 1
    second = to_jpeg(src, tmp_path / "small.jpg", limits=Limits(jpeg_max_bytes=limit))
    assert second.details["quality"] < 90
    assert (tmp_path / "small.jpg").stat().st_size <= limit


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _bomb_png(width: int, height: int) -> bytes:
    """A real PNG header claiming ``width``×``height`` with only a sliver of image data."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 4096)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("width", "height", "known"),
    [(11_000, 10_000, True), (30_000, 30_000, False)],  # over our cap; over Pillow's too
)
def test_pixel_bomb_refused_before_decoding(
    tmp_path: Path, width: int, height: int, known: bool
) -> None:
    src = tmp_path / "bomb.png"
    src.write_bytes(_bomb_png(width, height))
    dst = tmp_path / "bomb.jpg"
    with pytest.raises(ImageTooLarge) as info:
        to_jpeg(src, dst)
    assert info.value.code == "pixel_bomb"
    assert (info.value.width == width) is known
    assert "百万像素" in info.value.message_zh()
    assert not dst.exists() and _leftovers(tmp_path) == []


def test_max_pixels_argument(tmp_path: Path) -> None:
    src = tmp_path / "small.png"
    Image.new("RGB", (100, 100)).save(src)
    with pytest.raises(ImageTooLarge):
        to_jpeg(src, tmp_path / "out.jpg", max_pixels=5_000)


def test_truncated_png_refused(tmp_path: Path) -> None:
    whole = io.BytesIO()
    Image.frombytes("RGB", (200, 200), os.urandom(200 * 200 * 3)).save(whole, "PNG")
    src = tmp_path / "half.png"
    src.write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    dst = tmp_path / "half.jpg"
    with pytest.raises(SourceNotConvertible) as info:
        to_jpeg(src, dst)
    assert info.value.code == "truncated"
    assert "不完整" in info.value.message_zh()
    assert not dst.exists() and _leftovers(tmp_path) == []


@pytest.mark.parametrize("name", ["动图.gif", "动图.webp"])
def test_animated_image_refused(tmp_path: Path, name: str) -> None:
    colours = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
    frames = [Image.new("RGB", (10, 10), colour) for colour in colours]
    src = tmp_path / name
    frames[0].save(src, save_all=True, append_images=frames[1:], duration=100)
    with pytest.raises(SourceNotConvertible) as info:
        to_jpeg(src, tmp_path / "动图.jpg")
    assert info.value.code == "animated"
    assert info.value.details["frames"] == 3
    assert "州政府办公室" in info.value.message_zh()


def test_multipage_tiff_refused(tmp_path: Path) -> None:
    pages = [Image.new("RGB", (10, 10), (i * 100, 0, 0)) for i in range(2)]
    src = tmp_path / "扫描件.tif"
    pages[0].save(src, save_all=True, append_images=pages[1:])
    with pytest.raises(SourceNotConvertible) as info:
        to_jpeg(src, tmp_path / "扫描件.jpg")
    assert info.value.code == "multipage"


def test_static_gif_converts(tmp_path: Path) -> None:
    src = tmp_path / "still.gif"
    Image.new("P", (10, 10), 0).save(src)
    assert to_jpeg(src, tmp_path / "still.jpg").verdict.accepted


@pytest.mark.parametrize(
    ("content", "detected", "hint"),
    [
        (b"not a picture at all\n", "text", "州政府办公室"),
        (b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64, "heic", "兼容性最佳"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "pdf", "州政府办公室"),
    ],
)
def test_unsupported_content_refused(
    tmp_path: Path, content: bytes, detected: str, hint: str
) -> None:
    src = tmp_path / "renamed.png"
    src.write_bytes(content)
    with pytest.raises(SourceNotConvertible) as info:
        to_jpeg(src, tmp_path / "renamed.jpg")
    assert info.value.code == "unsupported_format"
    assert info.value.details["detected"] == detected
    assert hint in info.value.message_zh()
    assert info.value.message_en()


def test_missing_source(tmp_path: Path) -> None:
    with pytest.raises(SourceNotConvertible) as info:
        to_jpeg(tmp_path / "gone.png", tmp_path / "gone.jpg")
    assert info.value.code == "not_found"


def test_destination_must_be_named_jpg(tmp_path: Path) -> None:
    src = tmp_path / "a.png"
    Image.new("RGB", (4, 4)).save(src)
    with pytest.raises(ValueError):
        to_jpeg(src, tmp_path / "a.png.out")


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_output_has_ordinary_permissions(tmp_path: Path) -> None:
    src = tmp_path / "a.png"
    Image.new("RGB", (4, 4)).save(src)
    umask = os.umask(0o022)
    try:
        result = to_jpeg(src, tmp_path / "a.jpg")
    finally:
        os.umask(umask)
    assert stat.S_IMODE(result.dst.stat().st_mode) == 0o644
