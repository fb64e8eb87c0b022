"""The item manifest (docs/protocol.md §3): what a delivery says, built and checked here.

:func:`build_manifest` makes the dict the client sends (as :func:`manifest_bytes`);
:func:`check_manifest` is what the endpoint (and a test) applies to bytes received: shape,
content hash recomputed from the content, every file of the content listed once, and the
approval verified for this item and this content. Trust in the signing key (confirmed for
the unit or not) is the endpoint's register, not this module's.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from hnprotocol.approval import ApprovalInvalid, verify_record
from hnprotocol.canonical import JsonValue, canonical_json
from hnprotocol.errors import ProtocolError

FORMAT = "hnprotocol-manifest/1"
ROLES = frozenset({"cover", "attachment"})
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_ID = re.compile(r"^[0-9a-f]{32}$")
#: A manifest is small (content and references); anything bigger is refused unread.
MAX_MANIFEST_BYTES = 4 * 1024 * 1024


class ManifestInvalid(ProtocolError):
    """``code`` is the error code of docs/protocol.md §4."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(zh, en)
        self.code = code


def content_hash(content: dict[str, JsonValue]) -> str:
    """SHA-256 hex of the canonical content (docs/signoff.md §1)."""
    return hashlib.sha256(canonical_json(content)).hexdigest()


def content_files(content: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """``(role, reference)`` of the cover and the attachments the content names."""
    files: list[tuple[str, dict[str, Any]]] = []
    cover = content.get("cover")
    if isinstance(cover, dict):
        files.append(("cover", cover))
    for reference in content.get("attachments") or []:
        if isinstance(reference, dict):
            files.append(("attachment", reference))
    return files


def build_manifest(
    *,
    unit: str,
    content: dict[str, JsonValue],
    revision: int,
    approval: dict[str, JsonValue],
    uploads: dict[str, str],
    supersedes: int | None = None,
    client_version: str = "",
) -> dict[str, JsonValue]:
    """The manifest of one delivery. ``uploads`` maps each file's SHA-256 to its upload path
    (``/files/<id>``); every file of ``content`` must have one (``KeyError`` otherwise)."""
    files: list[JsonValue] = []
    seen: set[str] = set()
    for role, reference in content_files(content):
        sha = str(reference["sha256"])
        if sha in seen:
            continue
        seen.add(sha)
        files.append(
            {
                "role": role,
                "sha256": sha,
                "size": int(reference["size"]),
                "name": str(reference["name"]),
                "kind": str(reference["kind"]),
                "upload": uploads[sha],
            }
        )
    manifest: dict[str, JsonValue] = {
        "format": FORMAT,
        "unit": unit,
        "item_id": str(content["id"]),
        "revision": int(revision),
        "supersedes": {"revision": int(supersedes)} if supersedes is not None else None,
        "content": content,
        "content_hash": {"alg": "sha256", "value": content_hash(content)},
        "files": files,
        "approval": approval,
        "client": {"name": "hnclient", "version": client_version},
    }
    return manifest


def manifest_bytes(manifest: dict[str, JsonValue]) -> bytes:
    """What is sent: the canonical bytes (their SHA-256 is what the receipt names)."""
    return canonical_json(manifest)


def manifest_sha256(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


@dataclass(frozen=True)
class Manifest:
    """A checked manifest. ``files`` maps SHA-256 → file entry; ``key_id`` the signer's key."""

    data: dict[str, Any]
    item_id: str
    revision: int
    supersedes: int | None
    content_hash: str
    files: dict[str, dict[str, Any]]
    key_id: str


def _bad(code: str, zh: str, en: str) -> ManifestInvalid:
    return ManifestInvalid(code, zh, en)


def check_manifest(body: bytes) -> Manifest:
    """Parse and check a manifest received as ``body``; :class:`ManifestInvalid` with its code
    when it does not hold. Upload state (complete, hash) is checked by the endpoint."""
    if len(body) > MAX_MANIFEST_BYTES:
        raise _bad(
            "manifest_malformed", "报送内容过大，不是有效的报送清单。", "Manifest too large."
        )
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as error:
        raise _bad(
            "manifest_malformed",
            "报送清单不是有效的 JSON，可能在传输中损坏。请重新发送。",
            f"The manifest is not valid JSON ({error}).",
        ) from error
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise _bad(
            "manifest_malformed",
            "报送清单的格式不对（不是本协议的清单）。",
            f"Not a {FORMAT} manifest.",
        )
    try:
        item_id = str(data["item_id"])
        revision = data["revision"]
        content = data["content"]
        declared = data["content_hash"]
        files = data["files"]
        approval = data["approval"]
        supersedes_raw = data.get("supersedes")
        if not _ID.match(item_id) or type(revision) is not int or revision < 1:
            raise ValueError("item_id/revision")
        if not isinstance(content, dict) or not isinstance(files, list):
            raise ValueError("content/files")
        if content.get("id") != item_id:
            raise ValueError("content id differs from item_id")
        if not isinstance(declared, dict) or declared.get("alg") != "sha256":
            raise ValueError("content_hash")
        supersedes = None
        if supersedes_raw is not None:
            supersedes = supersedes_raw["revision"]
            if type(supersedes) is not int or not 1 <= supersedes < revision:
                raise ValueError("supersedes")
    except (KeyError, TypeError, ValueError) as error:
        raise _bad(
            "manifest_malformed",
            "报送清单缺少必要内容或内容不合规定。",
            f"The manifest is incomplete or malformed ({error}).",
        ) from error
    digest = content_hash(content)
    if declared.get("value") != digest:
        raise _bad(
            "content_hash_mismatch",
            "信息内容与其校验值不符：内容在发送途中被改动或损坏。",
            "The content does not match its hash.",
        )
    by_sha: dict[str, dict[str, Any]] = {}
    for entry in files:
        if (
            not isinstance(entry, dict)
            or entry.get("role") not in ROLES
            or not _HEX64.match(str(entry.get("sha256", "")))
            or type(entry.get("size")) is not int
            or not str(entry.get("upload", "")).startswith("/files/")
        ):
            raise _bad("manifest_malformed", "报送清单中的附件记录不完整。", "Bad file entry.")
        if entry["sha256"] in by_sha:
            raise _bad("manifest_malformed", "报送清单中的附件重复。", "A file is listed twice.")
        by_sha[entry["sha256"]] = entry
    for _role, reference in content_files(content):
        listed = by_sha.get(str(reference.get("sha256")))
        if listed is None or listed["size"] != reference.get("size"):
            raise _bad(
                "file_not_listed",
                f"信息中的附件“{reference.get('name', '')}”没有随清单发送。",
                f"The attachment “{reference.get('name', '')}” is not in the manifest.",
            )
    try:
        verify_record(approval, item_id=item_id, content_hash=digest)
    except ApprovalInvalid as error:
        raise _bad(
            "approval_invalid",
            f"领导签发记录无效：{error.message_zh()}",
            f"The approval does not hold: {error.message_en()}",
        ) from error
    if approval.get("revision") != revision:
        raise _bad(
            "approval_invalid",
            "领导签发的版本与报送的版本不一致。",
            "The approval names another revision.",
        )
    return Manifest(
        data=data,
        item_id=item_id,
        revision=revision,
        supersedes=supersedes,
        content_hash=digest,
        files=by_sha,
        key_id=str(approval["signature"]["key_id"]),
    )
