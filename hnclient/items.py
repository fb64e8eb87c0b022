"""The item: what an officer drafts, and the one canonical form of its content.

The canonical serialisation is what a leader's sign-off hashes (``docs/signoff.md``), so it
must not depend on dict order, Python version or whitespace: keys sorted, UTF-8, NFC-normalised
strings, no insignificant whitespace. Anything that is not content (state, timestamps, revision,
and the attachment checks' details and warning texts) stays out of it on purpose — changing a
state or the wording of a warning must not look like changing what was written.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from hnprotocol.canonical import JsonValue, canonical_json


class ItemState(StrEnum):
    """Life cycle of an item (domain.md, "Item life cycle")."""

    DRAFT = "draft"
    AWAITING_REVIEW = "awaiting_review"
    RETURNED_BY_LEADER = "returned_by_leader"
    APPROVED = "approved"
    QUEUED = "queued"
    SENT = "sent"
    ADOPTED = "adopted"
    PUBLISHED = "published"
    RETURNED_BY_OFFICE = "returned_by_office"

    @property
    def label_zh(self) -> str:
        return _STATE_LABELS_ZH[self]

    @property
    def label_en(self) -> str:
        return _STATE_LABELS_EN[self]

    @property
    def editable(self) -> bool:
        """Whether the officer may change the content in this state (:mod:`hnclient.lifecycle`)."""
        from hnclient.lifecycle import is_editable

        return is_editable(self)


_STATE_LABELS_ZH = {
    ItemState.DRAFT: "草稿",
    ItemState.AWAITING_REVIEW: "待审核",
    ItemState.RETURNED_BY_LEADER: "退回修改",
    ItemState.APPROVED: "已审核",
    ItemState.QUEUED: "待发送",
    ItemState.SENT: "已报送",
    ItemState.ADOPTED: "已采用",
    ItemState.PUBLISHED: "已发布",
    ItemState.RETURNED_BY_OFFICE: "被退回",
}
_STATE_LABELS_EN = {
    ItemState.DRAFT: "Draft",
    ItemState.AWAITING_REVIEW: "Awaiting review",
    ItemState.RETURNED_BY_LEADER: "Returned for revision",
    ItemState.APPROVED: "Approved",
    ItemState.QUEUED: "Queued",
    ItemState.SENT: "Sent",
    ItemState.ADOPTED: "Adopted",
    ItemState.PUBLISHED: "Published",
    ItemState.RETURNED_BY_OFFICE: "Returned by the office",
}


class Channel(StrEnum):
    """Where the office publishes an item (domain.md, "Channels")."""

    PORTAL = "portal"
    WECHAT = "wechat"

    @property
    def label_zh(self) -> str:
        return "门户网站" if self is Channel.PORTAL else "政务微信"

    @property
    def label_en(self) -> str:
        return "Portal" if self is Channel.PORTAL else "WeChat"


_SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: Keys of a stored reference that are check results, not identity (kept as notes).
NOTE_KEYS = ("details", "warnings")


@dataclass(frozen=True)
class AttachmentRef:
    """What identifies an attached file — and all of it that a sign-off covers.

    ``sha256`` is the lowercase hex digest of the bytes, ``name`` the file name shown to
    people, ``size`` in bytes, ``kind`` what the content check found (``docx``, ``jpeg``,
    ``wmv`` …). Check details and warnings are not part of it (see :attr:`Item.notes`).
    """

    sha256: str
    name: str
    size: int
    kind: str

    def to_json(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "name": self.name, "size": self.size, "kind": self.kind}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AttachmentRef:
        """Raises ``ValueError``/``KeyError`` on a malformed reference; extra keys are ignored."""
        sha = str(data["sha256"])
        if not _SHA256.match(sha):
            raise ValueError(f"not a SHA-256 hex digest: {sha!r}")
        size = int(data["size"])
        if size < 0:
            raise ValueError(f"negative size: {size}")
        return cls(sha256=sha, name=str(data["name"]), size=size, kind=str(data["kind"]))


def split_reference(data: dict[str, Any]) -> tuple[AttachmentRef, dict[str, JsonValue]]:
    """A stored reference of the older shape (identity and check results in one dict)."""
    note = {k: data[k] for k in NOTE_KEYS if data.get(k)}
    return AttachmentRef.from_json(data), note


@dataclass(frozen=True)
class Item:
    """One submission as drafted. Immutable: edits produce a new value via :meth:`with_changes`.

    ``values`` holds the category form's fields (keys from the form file), JSON-compatible:
    text/url/phone/choice as ``str``, date as ``YYYY-MM-DD``, date-time as ``YYYY-MM-DDTHH:MM``,
    people as a list of ``{"name", "position"}``, table as a list of row dicts keyed by column.
    ``cover`` is an :class:`AttachmentRef` or ``None``; ``attachments`` are further references
    (Word documents, photos, videos), in the order the officer gave them. Files are referred to
    by hash, never by path. ``title_breaks`` are where the officer starts a new line of the
    *printed* title (offsets into ``title``, which itself stays one line for the portal, WeChat,
    file names and lists; see ``hnclient.word.title_lines``); they are content, so a sign-off
    covers them, and they are left out of :meth:`content` when there are none, so the hash of
    an item without them is what it always was. ``notes`` maps a file's SHA-256 to what its
    check found (``{"details": {...}, "warnings": [...]}``): shown beside the file, never signed.
    """

    id: str
    category: str
    form_version: int
    title: str = ""
    title_breaks: tuple[int, ...] = ()
    event_date: date | None = None
    channels: frozenset[Channel] = frozenset({Channel.PORTAL})
    summary: str = ""
    cover: AttachmentRef | None = None
    values: dict[str, JsonValue] = field(default_factory=dict)
    attachments: tuple[AttachmentRef, ...] = ()
    notes: dict[str, dict[str, JsonValue]] = field(default_factory=dict, compare=False)
    state: ItemState = ItemState.DRAFT
    revision: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted_at: datetime | None = None

    @staticmethod
    def new_id() -> str:
        """A random (version 4) UUID as 32 hex digits, without importing ``uuid`` at start-up."""
        raw = bytearray(os.urandom(16))
        raw[6] = (raw[6] & 0x0F) | 0x40
        raw[8] = (raw[8] & 0x3F) | 0x80
        return raw.hex()

    def with_changes(self, **changes: Any) -> Item:
        return replace(self, **changes)

    def content(self) -> dict[str, JsonValue]:
        """Everything the officer wrote, as plain JSON data (the part a sign-off covers)."""
        content: dict[str, JsonValue] = {
            "id": self.id,
            "category": self.category,
            "form_version": self.form_version,
            "title": self.title,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "channels": sorted(c.value for c in self.channels),
            "summary": self.summary,
            "cover": self.cover.to_json() if self.cover else None,
            "values": self.values,
            "attachments": [a.to_json() for a in self.attachments],
        }
        if self.title_breaks:
            content["title_breaks"] = sorted(set(self.title_breaks))
        return content

    def canonical_bytes(self) -> bytes:
        return canonical_json(self.content())

    def content_hash(self) -> str:
        import hashlib  # not needed to show the window; saves its import at start-up

        return hashlib.sha256(self.canonical_bytes()).hexdigest()

    @classmethod
    def from_content(cls, content: dict[str, JsonValue], **meta: Any) -> Item:
        """Inverse of :meth:`content`; ``meta`` supplies state, revision, timestamps, notes.

        References of the older shape (check details and warnings inside) are split: the
        results go to ``notes`` (unless ``meta`` brings notes of its own).
        """
        event = content.get("event_date")
        notes: dict[str, dict[str, JsonValue]] = {}
        cover = None
        if content.get("cover"):
            cover, note = split_reference(content["cover"])
            if note:
                notes[cover.sha256] = note
        attachments = []
        for raw in content.get("attachments") or ():
            ref, note = split_reference(raw)
            attachments.append(ref)
            if note:
                notes[ref.sha256] = note
        meta.setdefault("notes", notes)
        return cls(
            id=str(content["id"]),
            category=str(content["category"]),
            form_version=int(content["form_version"]),
            title=str(content.get("title") or ""),
            title_breaks=_breaks(content.get("title_breaks")),
            event_date=date.fromisoformat(event) if event else None,
            channels=frozenset(Channel(c) for c in content.get("channels") or ()),
            summary=str(content.get("summary") or ""),
            cover=cover,
            values=dict(content.get("values") or {}),
            attachments=tuple(attachments),
            **meta,
        )

    def note_for(self, sha256: str) -> dict[str, JsonValue]:
        return self.notes.get(sha256) or {}

    def text_for_search(self) -> str:
        """All free text of the item (summary and every string value), for the search index."""
        parts: list[str] = [self.summary]
        _collect_strings(self.values, parts)
        return "\n".join(p for p in parts if p)


def _breaks(value: JsonValue) -> tuple[int, ...]:
    """Stored title breaks, ignoring anything that is not a positive whole number."""
    if not isinstance(value, list):
        return ()
    return tuple(
        sorted({v for v in value if isinstance(v, int) and not isinstance(v, bool) and v > 0})
    )


def _collect_strings(value: JsonValue, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, dict):
        for key in sorted(value):
            _collect_strings(value[key], out)
    elif isinstance(value, list):
        for element in value:
            _collect_strings(element, out)
