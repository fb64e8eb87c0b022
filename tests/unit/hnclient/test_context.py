"""The client context's previews: a signed item keeps what its leader signed."""

from __future__ import annotations

from pathlib import Path

from hnclient.context import ClientContext
from hnclient.items import ItemState
from tests.signoff_support import drive


def test_the_preview_of_an_adopted_item_keeps_the_signed_unit_and_contact(
    hnclient_home: Path,
) -> None:
    """查看 → 本单位名称 changed after the item was signed and adopted: the page preview still
    prints the unit and telephone of the approval; a draft prints the new ones."""
    context = ClientContext.open()
    try:
        context.settings.unit, context.settings.officer = "共和县人民政府办公室", "张三"
        context.settings.phone = "0974-8512345"
        item = context.store.create_item(
            "other", 1, title="已采用的信息", values={"content_type": "news", "body": "正文。"}
        )
        adopted = drive(context.service, item.id, ItemState.ADOPTED)
        context.settings.unit, context.settings.phone = "贵德县人民政府办公室", "0974-8550000"
        page = context.render_preview(adopted, "page")
        assert "共和县人民政府办公室" in page and "贵德县" not in page
        assert "8512345" in page and "8550000" not in page
        assert "草稿" not in page
        draft = context.store.create_item("other", 1, title="新的草稿")
        page = context.render_preview(draft, "page")
        assert "贵德县人民政府办公室" in page and "8550000" in page
    finally:
        context.close()
