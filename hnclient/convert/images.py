"""Pictures Pillow reads (PNG, BMP, TIFF, WebP, GIF, JPEG) turned into the JPG the notice asks for.

Officers rename photo.png to photo.jpg believing that converts it; the check refuses that, so
the client offers a real conversion instead (issue 3, item 4). What the conversion does, and why:

* Only an explicit list of Pillow plugins may open the file, so a crafted file cannot reach a
  rarely used decoder (Pillow tries every registered plugin otherwise).
* The pixel cap (:attr:`hnclient.checks.Limits.jpeg_max_pixels`) is checked on the header,
  before any pixel is decoded: a small PNG can claim gigapixels.
* The EXIF orientation is applied to the pixels, because the office's web editor and many
  viewers ignore the tag and would show a phone photo on its side.
* Transparency is composited on white (JPEG has no alpha; black, Pillow's default, is wrong
  for logos and screenshots), CMYK becomes RGB (through its ICC profile when it has one),
  16-bit samples are scaled to 8 bits (Pillow's own conversion clips them).
* An RGB or grey ICC profile is kept so colours stay right; XMP is dropped and so is the
  EXIF GPS position, since the photo will be public.
* Animated or multi-page pictures are refused, not cut to their first frame: the officer
  should choose the picture to send, and a first frame is often blank. MPO photos (some
  phones' JPEG with a depth map) are the exception: their first image is the photo itself.
* The result is written under a temporary name, checked with :func:`hnclient.checks.check_file`
  and renamed only if accepted. If it exceeds the JPEG size limit the quality steps down.
"""

from __future__ import annotations

import io
import re
import struct
import time
import warnings
import zlib
from pathlib import Path
from typing import Any

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from hnclient.checks import UNSUPPORTED_ADVICE, Limits
from hnclient.checks.sniff import label, read_head, sniff
from hnclient.convert.errors import ImageTooLarge, SourceNotConvertible
from hnclient.convert.output import (
    ConversionResult,
    require_suffix,
    temp_beside,
    verify_and_publish,
    write_error,
)

#: The Pillow plugins a source may be opened with; MPO comes through the JPEG plugin.
ALLOWED_FORMATS = ("PNG", "BMP", "TIFF", "WEBP", "GIF", "JPEG")
_GPS_IFD = 0x8825
_ORIENTATION = 0x0112
#: An APP1 segment holds at most 65533 bytes; larger EXIF cannot be written into a JPEG.
_MAX_EXIF = 65533
_FALLBACK_QUALITIES = (85, 80, 75, 70, 60)
_BOMB_PIXELS = re.compile(r"\((\d+) pixels\)")
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error)


def to_jpeg(
    src: Path,
    dst: Path,
    *,
    quality: int = 90,
    max_pixels: int | None = None,
    limits: Limits | None = None,
) -> ConversionResult:
    """Write ``src`` as a progressive JPEG at ``dst`` (``.jpg``/``.jpeg``) and check it.

    ``max_pixels`` defaults to ``limits.jpeg_max_pixels`` (a county preset may change it),
    and ``limits`` is what the result is checked against. ``dst`` may be ``src`` (fixing a
    JPEG's orientation in place): the source is fully decoded before anything is written.
    Raises :class:`SourceNotConvertible`, :class:`ImageTooLarge` or :class:`ConversionFailed`;
    on any error nothing is left at ``dst`` or beside it.
    """
    require_suffix(dst, (".jpg", ".jpeg"))
    limits = limits or Limits()
    cap = limits.jpeg_max_pixels if max_pixels is None else max_pixels
    started = time.perf_counter()
    picture, exif, icc, details = _load(src, cap)
    tmp = temp_beside(dst, ".jpg")
    try:
        details["quality"] = _save_fitting(picture, tmp, quality, exif, icc, limits)
        details["bytes"] = tmp.stat().st_size
        verdict = verify_and_publish(tmp, dst, "jpeg", limits)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise write_error(error) from error
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    details["seconds"] = round(time.perf_counter() - started, 3)
    return ConversionResult(dst=dst, verdict=verdict, details=details)


def _load(src: Path, cap: int) -> tuple[Image.Image, bytes, bytes | None, dict[str, Any]]:
    """Decode ``src`` into an RGB or L image plus the EXIF and ICC bytes to write with it."""
    with warnings.catch_warnings():
        # Our own cap decides; Pillow's lower warning threshold must not interfere.
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        try:
            img = Image.open(src, formats=list(ALLOWED_FORMATS))
        except Image.DecompressionBombError as error:
            match = _BOMB_PIXELS.search(str(error))
            raise ImageTooLarge(int(match.group(1)) if match else 0, cap) from error
        except FileNotFoundError as error:
            raise SourceNotConvertible(
                "not_found",
                f"找不到文件“{src}”，它可能已被移动或删除。",
                "File not found.",
            ) from error
        except UnidentifiedImageError as error:
            raise _unsupported(src) from error
        except (PermissionError, IsADirectoryError) as error:
            raise _unreadable(src, error) from error
        except _DECODE_ERRORS as error:
            raise _damaged(error) from error
        with img:
            return _decode(img, cap)


def _decode(img: Image.Image, cap: int) -> tuple[Image.Image, bytes, bytes | None, dict[str, Any]]:
    width, height = img.size
    if width * height > cap:
        raise ImageTooLarge(width * height, cap, width=width, height=height)
    frames = int(getattr(img, "n_frames", 1))
    if frames > 1 and img.format != "MPO":
        raise _many_frames(img.format or "", frames)
    try:
        img.load()
        exif = img.getexif()
        orientation = int(exif.get(_ORIENTATION, 1))
        oriented = ImageOps.exif_transpose(img)
        picture, icc, flattened = _to_jpeg_mode(oriented, img.info.get("icc_profile"))
    except _DECODE_ERRORS as error:
        raise _damaged(error) from error
    exif_bytes, had_gps = _clean_exif(oriented, img.format or "")
    picture.info.clear()  # nothing from the source (XMP, comments) is written implicitly
    details: dict[str, Any] = {
        "source_format": img.format,
        "source_mode": img.mode,
        "width": picture.width,
        "height": picture.height,
        "orientation_applied": orientation != 1,
        "gps_removed": had_gps,
        "alpha_flattened": flattened,
        "icc_profile": icc is not None,
    }
    return picture, exif_bytes, icc, details


def _to_jpeg_mode(img: Image.Image, icc: bytes | None) -> tuple[Image.Image, bytes | None, bool]:
    """(image in L or RGB, ICC profile valid for it or None, whether alpha was flattened)."""
    mode = img.mode
    if mode.startswith("I") or mode == "F":
        return _to_8bit_gray(img), _icc_if(icc, b"GRAY"), False
    if mode == "CMYK":
        return _cmyk_to_rgb(img, icc)
    if img.has_transparency_data:
        if mode in ("1", "L", "LA", "La"):
            return _on_white(img.convert("LA"), "L"), _icc_if(icc, b"GRAY"), True
        return _on_white(img.convert("RGBA"), "RGB"), _icc_if(icc, b"RGB "), True
    if mode in ("1", "L"):
        return img.convert("L"), _icc_if(icc, b"GRAY"), False
    return img.convert("RGB"), _icc_if(icc, b"RGB "), False


def _on_white(img: Image.Image, mode: str) -> Image.Image:
    """Composite on white: a transparent logo or screenshot must not turn black."""
    background = Image.new(mode, img.size, "white")
    background.paste(img.convert(mode), mask=img.getchannel("A"))
    return background


def _to_8bit_gray(img: Image.Image) -> Image.Image:
    """Scale 16/32-bit grey to 0..255; ``convert("L")`` would clip everything above 255."""
    wide = img.convert("F")
    _low, high = wide.getextrema()
    top = float(high) if isinstance(high, int | float) else 255.0
    if img.mode.startswith("I;16"):
        top = 65535.0
    if top > 255.0:
        wide = wide.point(lambda value: value * (255.0 / top))
    return wide.convert("L")


def _cmyk_to_rgb(img: Image.Image, icc: bytes | None) -> tuple[Image.Image, bytes | None, bool]:
    """Through the embedded CMYK profile when there is one (the naive formula shifts colours)."""
    if icc is not None and icc[16:20] == b"CMYK":
        try:
            srgb = ImageCms.createProfile("sRGB")
            rgb = ImageCms.profileToProfile(
                img, ImageCms.ImageCmsProfile(io.BytesIO(icc)), srgb, outputMode="RGB"
            )
            if rgb is not None:
                return rgb, ImageCms.ImageCmsProfile(srgb).tobytes(), False
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass
    return img.convert("RGB"), None, False


def _icc_if(icc: bytes | None, space: bytes) -> bytes | None:
    """Keep a profile only if it describes the output's colour space (bytes 16..20)."""
    return icc if icc is not None and icc[16:20] == space else None


def _clean_exif(img: Image.Image, source_format: str) -> tuple[bytes, bool]:
    """EXIF to write: without GPS and orientation (already applied); none from TIFF.

    A TIFF's tags (strip offsets, compression …) describe the TIFF itself, not a photo, so
    they are not carried over.
    """
    if source_format == "TIFF":
        return b"", False
    try:
        exif = img.getexif()
        had_gps = bool(exif.get_ifd(_GPS_IFD)) or _GPS_IFD in exif
        exif.pop(_GPS_IFD, None)
        exif.pop(_ORIENTATION, None)
        data = exif.tobytes() if len(exif) else b""
    except _DECODE_ERRORS:
        return b"", False  # unparseable EXIF is dropped whole, GPS with it
    return (data if len(data) <= _MAX_EXIF else b""), had_gps


def _save_fitting(
    picture: Image.Image,
    tmp: Path,
    quality: int,
    exif: bytes,
    icc: bytes | None,
    limits: Limits,
) -> int:
    """Save at ``quality``, stepping down until the file fits the JPEG size limit."""
    qualities = [quality, *(q for q in _FALLBACK_QUALITIES if q < quality)]
    for used in qualities:
        params: dict[str, Any] = {"quality": used, "progressive": True, "optimize": True}
        if exif:
            params["exif"] = exif
        if icc:
            params["icc_profile"] = icc
        picture.save(tmp, "JPEG", **params)
        if tmp.stat().st_size <= limits.jpeg_max_bytes:
            return used
    return qualities[-1]  # the check then refuses it as too large, with its own message


def _unsupported(src: Path) -> SourceNotConvertible:
    try:
        kind = sniff(src, read_head(src))
    except OSError:
        kind = "unknown"
    zh, en = label(kind)
    hint = (
        "苹果手机可在“设置 → 相机 → 格式”中选“兼容性最佳”，拍出 JPG 照片。"
        if kind == "heic"
        else ""
    )
    return SourceNotConvertible(
        "unsupported_format",
        f"本程序不能把{zh}转换为 JPG 图片（只能转换 PNG、BMP、TIFF、WebP、GIF 图片）。"
        f"{hint}{UNSUPPORTED_ADVICE}",
        f"Cannot convert a {en} to JPEG.",
        details={"detected": kind},
    )


def _unreadable(src: Path, error: OSError) -> SourceNotConvertible:
    return SourceNotConvertible(
        "unreadable",
        f"无法读取文件“{src}”。请检查文件是否被其它程序占用或是否有读取权限。",
        f"The file cannot be read ({error}).",
    )


def _damaged(error: BaseException) -> SourceNotConvertible:
    text = str(error)
    if isinstance(error, EOFError) or "truncated" in text:
        return SourceNotConvertible(
            "truncated",
            "这张图片不完整（文件末尾缺失，可能没有拷贝完），无法转换。请重新拷贝原图后再试。",
            f"The image is truncated ({text}).",
            details={"reason": text},
        )
    return SourceNotConvertible(
        "corrupt",
        "这张图片已损坏，无法读取，不能转换。请用原来的软件重新保存一份后再试。",
        f"The image is damaged ({type(error).__name__}: {text}).",
        details={"reason": text},
    )


def _many_frames(source_format: str, frames: int) -> SourceNotConvertible:
    if source_format == "TIFF":
        return SourceNotConvertible(
            "multipage",
            f"这个 TIFF 文件有 {frames} 页，JPG 只能保存一页。"
            "请用看图软件把需要的页分别另存为 JPG。",
            f"Multi-page TIFF ({frames} pages); JPEG holds one.",
            details={"frames": frames},
        )
    return SourceNotConvertible(
        "animated",
        f"这是一张动图（共 {frames} 帧），JPG 只能保存一帧画面，转换会丢失内容。"
        "请截取需要的画面另存为 JPG；如需报送动图本身，请与州政府办公室另行联系沟通。",
        f"Animated image ({frames} frames); JPEG holds one frame.",
        details={"frames": frames},
    )
