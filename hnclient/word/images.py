"""Photos made fit for a document or a preview; the stored original is never touched.

A 12-megapixel camera JPEG is 4–8 MB and, embedded as is, makes a Word file of ten photos
too heavy to mail or hand around on a QQ group. At 156 mm (the text width) 1600 pixels are
≈ 260 dpi, more than print needs, so every photo is re-encoded at that size. Re-encoding also
applies the EXIF orientation (Word and Qt do not reliably honour the tag) and drops all EXIF,
so a GPS position the officer kept in the original does not travel inside the document.

JPEG's DCT scaling (``Image.draft``, used by ``thumbnail``) decodes at 1/2, 1/4 or 1/8 size
directly, which is what keeps ten 12-MP photos well under a second.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

#: Long edge of a photo inside the Word document (≈ 260 dpi at 156 mm).
DOCUMENT_MAX_PX = 1600
DOCUMENT_QUALITY = 85
#: Long edge of a preview thumbnail: twice the widest preview image, for high-DPI screens.
PREVIEW_MAX_PX = 900
PREVIEW_QUALITY = 75
_ORIENTATION = 0x0112
_TRANSPOSE: dict[int, tuple[Image.Transpose, ...]] = {
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}


@dataclass(frozen=True)
class PreparedImage:
    """A re-encoded JPEG and its pixel size after orientation (for the aspect ratio)."""

    data: bytes
    width: int
    height: int


def prepare_image(
    path: Path, max_px: int = DOCUMENT_MAX_PX, quality: int = DOCUMENT_QUALITY
) -> PreparedImage:
    """Read ``path``, scale its long edge to at most ``max_px``, upright, EXIF-free JPEG."""
    with Image.open(path) as source:
        orientation = int(source.getexif().get(_ORIENTATION, 1) or 1)
        source.thumbnail((max_px, max_px), Image.Resampling.BICUBIC, reducing_gap=1.0)
        img: Image.Image = source
        for step in _TRANSPOSE.get(orientation, ()):
            img = img.transpose(step)
        if img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        out = io.BytesIO()
        img.save(out, "JPEG", quality=quality, optimize=False, progressive=False)
        return PreparedImage(out.getvalue(), img.width, img.height)


@lru_cache(maxsize=64)
def preview_image(path: Path, sha256: str) -> PreparedImage:
    """Thumbnail for a preview, cached per stored file (the hash names the content)."""
    del sha256  # part of the cache key only: the same path always holds the same content
    return prepare_image(path, PREVIEW_MAX_PX, PREVIEW_QUALITY)


#: Largest drawn signature accepted: a pad draws ≈ 120 px high; this is 20 times that.
SIGNATURE_MAX_PIXELS = 4096 * 4096


def signature_size(png: bytes) -> tuple[int, int]:
    """Pixel size of a drawn signature, raising ``ValueError`` unless it is a readable PNG.

    The bytes are embedded as they are (re-encoding would change the SHA-256 the approval
    record names), so they are fully decoded once here to know they will display.
    """
    try:
        with Image.open(io.BytesIO(png), formats=["PNG"]) as img:
            width, height = img.size
            if width < 1 or height < 1 or width * height > SIGNATURE_MAX_PIXELS:
                raise ValueError(f"signature image of {width}×{height} pixels")
            img.load()
    except (OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValueError(f"signature is not a readable PNG: {error}") from error
    return width, height
