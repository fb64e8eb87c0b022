"""Fixtures for the form engine tests: a valid item to spoil, and form files to break."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from hnclient.forms import FormDef, load_forms
from hnclient.items import Channel, Item

TODAY = date(2025, 3, 18)

ItemFactory = Callable[..., Item]
FormWriter = Callable[..., Path]


@pytest.fixture(scope="session")
def forms() -> dict[str, FormDef]:
    return load_forms()


@pytest.fixture
def make_item() -> ItemFactory:
    """An item that passes the common rules; keyword arguments replace its parts."""

    def make(category: str = "leadership", **changes: Any) -> Item:
        item = Item(
            id="0" * 32,
            category=category,
            form_version=1,
            title="共和县召开2025年春季农牧业生产工作会议",
            event_date=TODAY,
            channels=frozenset({Channel.PORTAL}),
            summary="",
            values={},
        )
        return item.with_changes(**changes)

    return make


@pytest.fixture
def base_form() -> dict[str, Any]:
    """A valid form file's content, fresh for each test to break one part of."""
    return {
        "schema": "hnclient-form/1",
        "form": "sample",
        "version": 1,
        "title": "示例",
        "title_en": "Sample",
        "section": "三（八）",
        "fields": [
            {"key": "body", "type": "multiline", "label": "正文", "label_en": "Main text"},
        ],
    }


@pytest.fixture
def write_form(tmp_path: Path) -> FormWriter:
    """Write a form file (a dict, or raw text) under the name ``<name>.json``."""

    def write(data: dict[str, Any] | str, name: str = "sample") -> Path:
        path = tmp_path / f"{name}.json"
        text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
        return path

    return write
