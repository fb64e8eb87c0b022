"""Factories for real files: JPEG with Pillow, .docx with python-docx, samples from tests/data."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from PIL import Image

DATA = Path(__file__).resolve().parents[3] / "data" / "checks"


@pytest.fixture
def sample(tmp_path: Path) -> Callable[[str], Path]:
    """A private copy of a checked-in sample (tests may cut or patch it)."""

    def copy(name: str, as_name: str | None = None) -> Path:
        dst = tmp_path / (as_name or name)
        shutil.copyfile(DATA / name, dst)
        return dst

    return copy


def jpeg_bytes(size: tuple[int, int] = (64, 48), exif: Image.Exif | None = None) -> bytes:
    img = Image.new("RGB", size)
    for x in range(size[0]):
        img.putpixel((x, x % size[1]), (255, x % 256, 0))
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90, exif=exif if exif is not None else Image.Exif())
    return buf.getvalue()


@pytest.fixture
def jpeg(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str = "photo.jpg", data: bytes | None = None, **kwargs: object) -> Path:
        path = tmp_path / name
        path.write_bytes(data if data is not None else jpeg_bytes(**kwargs))  # type: ignore[arg-type]
        return path

    return make


def docx_bytes(paragraphs: int = 3) -> bytes:
    document = docx.Document()
    document.add_heading("贵德县召开政务公开工作推进会", 1)
    for i in range(paragraphs):
        document.add_paragraph(f"第{i + 1}段：会议要求各单位每周至少报送3条信息。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "单位"
    table.cell(0, 1).text = "贵德县"
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def rezip(data: bytes, extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> bytes:
    """Copy a ZIP package, replacing and adding members (deflated)."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = replace.get(info.filename, src.read(info))
            dst.writestr(info.filename, body, compress_type=zipfile.ZIP_DEFLATED)
        for name, body in extra.items():
            dst.writestr(name, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, bytes], Path]:
    def make(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make


class Makers:
    """Byte builders, as a fixture because test modules cannot import conftest (importlib mode)."""

    jpeg_bytes = staticmethod(jpeg_bytes)
    docx_bytes = staticmethod(docx_bytes)
    rezip = staticmethod(rezip)
    zip_bytes = staticmethod(zip_bytes)
    data_dir = DATA


@pytest.fixture
def mk() -> type[Makers]:
    return Makers
