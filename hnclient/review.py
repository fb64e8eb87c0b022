"""What a review needs from an item: its texts as the screening reads them, and what changed
since a leader last looked at it. Qt-free.

:func:`screen_item` feeds :mod:`hnclient.screening` with the item's fields (as the form names
them), the text of its Word attachments and the items already approved or sent (for
near-duplicates). :func:`content_changes` lists field by field what differs between two
versions of an item, the "what changed since the earlier review" a leader sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hnclient.attachments import AttachmentStore
from hnclient.forms import FormDef
from hnclient.forms.markings import item_places
from hnclient.items import Item
from hnclient.lifecycle import APPROVED_STATES
from hnclient.storage import Store
from hnclient.word.title_lines import manual_parts

#: Attachment kinds whose text is read by the screening.
WORD_KINDS = frozenset({"docx", "doc"})


def labelled_texts(form: FormDef, item: Item) -> list[Any]:
    """The item's texts in the order the form shows them, each with where it sits."""
    from hnclient.screening import LabelledText

    texts = []
    for place, text in item_places(form, item.title, item.summary, item.values):
        if not text:
            continue
        key = place.field
        if place.row is not None:
            key = f"{key}[{place.row}].{place.column}"
        texts.append(LabelledText(key, place.zh, place.en, text))
    return texts


def screen_item(
    store: Store, attachments: AttachmentStore, forms: dict[str, FormDef], item: Item
) -> list[Any]:
    """Every :class:`hnclient.screening.Finding` of ``item`` (marks, personal data,
    unreadable Word files, near-duplicates of items already approved or sent)."""
    from hnclient.forms import china_today
    from hnclient.screening import EarlierItem, screen

    form = forms[item.category]
    word_files: list[tuple[str, Path]] = []
    for ref in item.attachments:
        if ref.kind in WORD_KINDS and attachments.has(ref.sha256):
            word_files.append((ref.name, attachments.path_for(ref.sha256)))
    earlier = [
        EarlierItem(item_id, title, text)
        for item_id, title, text in store.item_texts(APPROVED_STATES)
        if item_id != item.id
    ]
    return screen(
        labelled_texts(form, item),
        word_files,
        earlier,
        item_id=item.id,
        today=china_today(),
    )


@dataclass(frozen=True)
class Change:
    """One place that differs: ``before`` is empty for an addition, ``after`` for a removal."""

    label_zh: str
    label_en: str
    before: str
    after: str


def _flat(form: FormDef, item: Item) -> dict[str, tuple[str, str, str]]:
    """key → (label zh, label en, text) for every text and fact a leader compares."""
    flat: dict[str, tuple[str, str, str]] = {}
    for place, text in item_places(form, item.title, item.summary, item.values):
        key = place.field if place.row is None else f"{place.field}[{place.row}].{place.column}"
        previous = flat.get(key)
        flat[key] = (place.zh, place.en, f"{previous[2]}\n{text}" if previous else text)
    if item.title_breaks:  # signed content: a moved break is a change the leader sees
        parts = manual_parts(item.title, item.title_breaks)
        flat["title_breaks"] = ("“标题换行”", "“Title line breaks”", " ／ ".join(parts))
    flat["event_date"] = (
        "“日期”",
        "“Date”",
        item.event_date.isoformat() if item.event_date else "",
    )
    flat["channels"] = ("“发布渠道”", "“Channels”", "、".join(c.label_zh for c in item.channels))
    for ref in item.attachments:
        flat[f"attachment:{ref.sha256}"] = (
            f"附件“{ref.name}”",
            f"Attachment “{ref.name}”",
            f"{ref.name}（{ref.size} 字节，SHA-256 {ref.sha256[:16]}…）",
        )
    if item.cover:
        flat["cover"] = ("“封面图片”", "“Cover”", f"{item.cover.name}（{item.cover.sha256[:16]}…）")
    return flat


def content_changes(form: FormDef, before: Item | None, after: Item) -> list[Change]:
    """What differs from ``before`` to ``after``, in the order of ``after``'s form; removed
    places last. ``before=None`` means there was no earlier review (an empty list)."""
    if before is None:
        return []
    old, new = _flat(form, before), _flat(form, after)
    changes = [
        Change(zh, en, old[key][2] if key in old else "", text)
        for key, (zh, en, text) in new.items()
        if old.get(key, ("", "", ""))[2] != text
    ]
    changes += [
        Change(zh, en, text, "") for key, (zh, en, text) in old.items() if key not in new and text
    ]
    return changes
