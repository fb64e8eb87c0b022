"""Real files for the Word-output tests: JPEGs made with Pillow in a real attachment store."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from hnclient.attachments import AttachmentStore
from hnclient.forms import FieldDef, FieldType, FormDef, load_forms
from hnclient.items import Channel, Item
from hnclient.word import SignOff

TIBETAN = "བོད་ཡིག"
BODY = (
    "3月18日上午，共和县召开2025年春季农牧业生产工作会议，安排部署春耕春播工作。\n\n"
    "会议要求，各乡镇要抓住农时，确保春播面积稳定。\n"
    f"{TIBETAN}་ནི་བོད་མིའི་སྐད་ཡིག་ཡིན། 藏文与中文混排的段落。"
)

PhotoMaker = Callable[..., dict[str, Any]]


@pytest.fixture(scope="session")
def forms() -> dict[str, FormDef]:
    return load_forms()


@pytest.fixture
def store(tmp_path: Path) -> AttachmentStore:
    return AttachmentStore(tmp_path / "store")


@pytest.fixture
def photo(store: AttachmentStore, tmp_path: Path) -> PhotoMaker:
    """Store a real JPEG (``orientation`` sets EXIF tag 0x0112) and return its reference."""
    counter = iter(range(10_000))

    def make(
        size: tuple[int, int] = (640, 480), orientation: int | None = None, name: str = ""
    ) -> dict[str, Any]:
        n = next(counter)
        img = Image.linear_gradient("L").resize(size).convert("RGB")
        img.putpixel((n % size[0], 0), (255, 0, 0))  # distinct content, distinct hash
        exif = Image.Exif()
        if orientation is not None:
            exif[0x0112] = orientation
        path = tmp_path / (name or f"photo{n}.jpg")
        img.save(path, "JPEG", quality=90, exif=exif.tobytes())
        return store.add(path, "jpeg").to_json()

    return make


def sample_value(definition: FieldDef) -> Any:
    """A plausible value of every field type, with text recognisable after a round trip."""
    match definition.type:
        case FieldType.TEXT:
            return f"{definition.label}示例"
        case FieldType.MULTILINE:
            return f"{definition.label}第一段。\n\n{definition.label}第二段 {TIBETAN}。"
        case FieldType.DATE:
            return "2025-03-18"
        case FieldType.DATETIME:
            return "2025-03-18T09:30"
        case FieldType.CHOICE:
            return definition.choices[-1].value
        case FieldType.PEOPLE:
            return [{"name": "张三", "position": "副县长"}, {"name": "李四", "position": "局长"}]
        case FieldType.TABLE:
            return [{c.key: sample_value(c) for c in definition.columns}]
        case FieldType.URL:
            return "https://www.qhhn.gov.cn/xxgk/"
        case FieldType.PHONE:
            return "0974-8512655"
        case FieldType.NUMBER:
            return "12"
    raise AssertionError(definition.type)


def sample_item(form: FormDef, **changes: Any) -> Item:
    item = Item(
        id="0" * 32,
        category=form.key,
        form_version=form.version,
        title=f"{form.title}：共和县示例信息 {TIBETAN}",
        event_date=date(2025, 3, 18),
        channels=frozenset({Channel.PORTAL, Channel.WECHAT}),
        summary="共和县召开会议部署春耕工作。",
        values={d.key: sample_value(d) for d in form.fields},
    )
    return item.with_changes(**changes)


def shown(definition: FieldDef, value: Any) -> list[str]:
    """Strings a reader must find in the document for ``value`` (independent of layout.py)."""
    match definition.type:
        case FieldType.CHOICE:
            return [next(c.label for c in definition.choices if c.value == value)]
        case FieldType.DATE:
            return ["2025年3月18日"]
        case FieldType.DATETIME:
            return ["2025年3月18日", "09:30"]
        case FieldType.PEOPLE:
            return [f"{p['position']}{p['name']}" for p in value]  # no space: 副县长张三
        case FieldType.TABLE:
            return [s for row in value for c in definition.columns for s in shown(c, row[c.key])]
        case FieldType.MULTILINE:
            return [line for line in value.split("\n") if line]
        case _:
            return [value]


def signature_png(size: tuple[int, int] = (360, 120)) -> bytes:
    """A drawn signature as the pad makes it: black strokes on white, about 120 px high."""
    width, height = size
    img = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(img)
    wave = [
        (x, height // 2 + (height // 4) * ((x // 30) % 2 * 2 - 1))
        for x in range(20, width - 20, 15)
    ]
    draw.line(wave, fill="black", width=5)
    draw.line([(width // 6, height - 20), (width - 40, 25)], fill="black", width=4)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


#: 2026-11-30 18:30 UTC is 2026-12-01 02:30 in China Standard Time.
SIGNED_AT_UTC = datetime(2026, 11, 30, 18, 30, tzinfo=UTC)
CONTENT_HASH = "9b1f6c0d2e3a4b5c" + "0123456789abcdef" * 3


def sample_sign_off(**changes: Any) -> SignOff:
    """An approval by a deputy, its time in UTC (printed in CST), with a drawn signature."""
    fields: dict[str, Any] = {
        "signer": "王五",
        "post": "副县长",
        "opinion": "同意",
        "signed_at": SIGNED_AT_UTC,
        "deputy_for": "李四",
        "signature_png": signature_png(),
        "key_id": "ed25519:3f9a0c7e11d2b4a8",
        "content_hash": CONTENT_HASH,
    }
    fields.update(changes)
    return SignOff(**fields)
