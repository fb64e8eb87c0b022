from __future__ import annotations

import unicodedata
from datetime import date

from hnclient.items import Channel, Item, ItemState, canonical_json


def make_item(**changes: object) -> Item:
    base = Item(
        id="0" * 32,
        category="leadership",
        form_version=1,
        title="州长调研共和县生态保护工作",
        event_date=date(2026, 11, 20),
        channels=frozenset({Channel.PORTAL, Channel.WECHAT}),
        summary="摘要",
        values={"body": "正文 བོད་ཡིག", "participants": [{"name": "张三", "position": "局长"}]},
    )
    return base.with_changes(**changes)


def test_canonical_json_is_independent_of_key_order_and_normalisation() -> None:
    composed = unicodedata.normalize("NFC", "é")
    decomposed = unicodedata.normalize("NFD", "é")
    assert canonical_json({"b": 1, "a": composed}) == canonical_json({"a": decomposed, "b": 1.0})
    assert canonical_json({"a": "海南"}) == '{"a":"海南"}'.encode()


def test_content_round_trips_and_hash_ignores_state_and_revision() -> None:
    item = make_item()
    again = Item.from_content(item.content())
    assert again.content() == item.content()
    assert make_item(state=ItemState.SENT, revision=9).content_hash() == item.content_hash()
    assert make_item(title="另一个标题").content_hash() != item.content_hash()


def test_text_for_search_covers_every_string_value() -> None:
    text = make_item().text_for_search()
    assert "正文" in text and "张三" in text and "局长" in text and "摘要" in text


def test_state_labels_and_editability() -> None:
    assert ItemState.DRAFT.label_zh == "草稿"
    assert ItemState.RETURNED_BY_OFFICE.label_zh == "被退回"
    assert ItemState.DRAFT.editable and not ItemState.SENT.editable
    assert all(state.label_en for state in ItemState)
