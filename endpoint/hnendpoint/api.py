"""Items, statuses, notices and leader keys (docs/protocol.md §4–§6)."""

from __future__ import annotations

import base64
import binascii
import json
import re
import secrets
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from hnendpoint.context import Context, context_of, unit_of
from hnendpoint.errors import EndpointError, bad_request
from hnendpoint.store import CORRUPT, EXPIRED, PARTIAL, Unit
from hnprotocol.approval import CHINA
from hnprotocol.manifest import (
    MAX_MANIFEST_BYTES,
    Manifest,
    ManifestInvalid,
    check_manifest,
    manifest_sha256,
)
from hnprotocol.receipt import HELD_UNREGISTERED_SIGNER, RECEIVED, build_receipt
from hnprotocol.signatures import UnknownAlgorithmError, get_algorithm, key_id_for

router = APIRouter(prefix="/api/v1")

_UPLOAD_PATH = re.compile(r"^/files/([0-9a-f]{32})$")
_CURSOR = re.compile(r"^[0-9]{1,18}$")


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def _invalid(code: str, zh: str, en: str) -> EndpointError:
    return EndpointError(422, code, zh, en)


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, read up to ``limit`` bytes (a longer one is cut there, and refused)."""
    parts: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        parts.append(chunk)
        size += len(chunk)
        if size > limit:
            break
    return b"".join(parts)


# -- delivering ------------------------------------------------------------------------


@router.post(
    "/items",
    status_code=201,
    tags=["items"],
    responses={
        200: {"description": "the same manifest again: the same receipt"},
        409: {"description": "manifest_conflict"},
        422: {"description": "manifest not valid (error code in the body)"},
    },
)
async def deliver_item(request: Request) -> Response:
    """Deliver an item: the body is the manifest's canonical JSON bytes; the answer a receipt."""
    unit = unit_of(request)
    body = await _read_body(request, MAX_MANIFEST_BYTES + 1)
    return await run_in_threadpool(_deliver, context_of(request), unit, body)


def _receipt_response(receipt_text: str, status: int) -> Response:
    return Response(receipt_text.encode("utf-8"), status, media_type="application/json")


def _deliver(context: Context, unit: Unit, body: bytes) -> Response:
    store = context.store
    try:
        manifest = check_manifest(body)
    except ManifestInvalid as error:
        raise _invalid(error.code, error.message_zh(), error.message_en()) from error
    digest = manifest_sha256(body)
    existing = store.item_by_key(unit.id, manifest.item_id, manifest.revision)
    if existing is not None:
        return _replay(existing["manifest_sha256"], existing["receipt"], digest, manifest)
    uploads = _check_files(context, unit, manifest)
    if manifest.supersedes is not None and (
        store.item_by_key(unit.id, manifest.item_id, manifest.supersedes) is None
    ):
        raise _invalid(
            "supersedes_unknown",
            f"这一版声明替代第 {manifest.supersedes} 版，但报送系统没有收到过那一版。"
            "请联系县信息化技术人员核对报送记录。",
            f"Revision {manifest.supersedes} of this item was never delivered.",
        )
    key_status = store.key_status(unit.id, manifest.key_id)
    status = RECEIVED if key_status == "confirmed" else HELD_UNREGISTERED_SIGNER
    receipt = build_receipt(
        receipt_id=secrets.token_hex(16),
        unit=unit.name,
        item_id=manifest.item_id,
        revision=manifest.revision,
        manifest_sha256=digest,
        received_at=store.now().astimezone(CHINA),
        status=status,
    )
    receipt_text = json.dumps(receipt, ensure_ascii=False, separators=(",", ":"))
    title = manifest.data["content"].get("title")
    created = store.insert_item(
        unit.id,
        item_id=manifest.item_id,
        revision=manifest.revision,
        manifest=body,
        manifest_sha256=digest,
        receipt=receipt,
        receipt_text=receipt_text,
        key_id=manifest.key_id,
        supersedes=manifest.supersedes,
        title=title if isinstance(title, str) else "",
        uploads=uploads,
    )
    if not created:  # the same key arrived at the same moment on another connection
        existing = store.item_by_key(unit.id, manifest.item_id, manifest.revision)
        assert existing is not None
        return _replay(existing["manifest_sha256"], existing["receipt"], digest, manifest)
    return _receipt_response(receipt_text, 201)


def _replay(stored_sha: str, stored_receipt: str, digest: str, manifest: Manifest) -> Response:
    if stored_sha == digest:
        return _receipt_response(stored_receipt, 200)
    raise EndpointError(
        409,
        "manifest_conflict",
        f"报送系统已经收到过这条信息的第 {manifest.revision} 版，但内容与这次发送的不同。"
        "同一版不能报送两种内容：如需修改，请修改后重新送领导签发，作为新的一版报送。",
        f"Revision {manifest.revision} of this item was delivered with another manifest.",
    )


def _check_files(context: Context, unit: Unit, manifest: Manifest) -> dict[str, str]:
    """SHA-256 → upload id of every file, each complete and matching; else the 422."""
    store = context.store
    uploads: dict[str, str] = {}
    for sha, entry in manifest.files.items():
        name = str(entry.get("name", ""))
        match = _UPLOAD_PATH.match(str(entry["upload"]))
        upload = store.get_upload(match.group(1)) if match else None
        if (
            upload is None
            or upload.unit_id != unit.id
            or upload.state == EXPIRED
            or (not upload.kept and store.now() >= upload.expires_at)
        ):
            raise _invalid(
                "file_missing",
                f"附件“{name}”在报送系统上找不到（没有上传、已过期或已删除）。程序会重新上传后再报送。",
                f"The upload of “{name}” does not exist for this unit.",
            )
        if upload.state == PARTIAL:
            raise _invalid(
                "file_incomplete",
                f"附件“{name}”还没有上传完整。程序会继续上传后再报送。",
                f"The upload of “{name}” is not complete.",
            )
        if upload.state == CORRUPT or upload.sha256 != sha or upload.length != entry["size"]:
            raise _invalid(
                "file_hash_mismatch",
                f"报送系统收到的附件“{name}”与原文件不一致（传输中损坏）。程序会删除后重新上传。",
                f"The upload of “{name}” does not match its SHA-256 or size.",
            )
        uploads[sha] = upload.id
    return uploads


# -- what became of it -----------------------------------------------------------------


@router.get("/items/{item_id}", tags=["items"])
async def item_status(item_id: str, request: Request) -> JSONResponse:
    """Every delivered revision of an item of this unit, with its status."""
    unit = unit_of(request)
    rows = context_of(request).store.item_revisions(unit.id, item_id)
    if not rows:
        raise EndpointError(
            404,
            "item_not_found",
            "报送系统没有本单位这条信息的报送记录。",
            "No delivery of this item by this unit.",
        )
    return _json({"item_id": item_id, "revisions": [dict(row) for row in rows]})


def _cursor(since: str | None) -> int:
    if since is None or since == "":
        return 0
    if not _CURSOR.match(since):
        raise bad_request(
            "cursor_invalid",
            "查询进度标记无效。程序会从头重新获取。",
            "The cursor is not one this endpoint gave.",
        )
    return int(since)


@router.get("/status", tags=["feeds"])
async def status_feed(request: Request, since: str | None = None) -> JSONResponse:
    """Every status change of the unit's items after ``since``, oldest first."""
    unit = unit_of(request)
    after = _cursor(since)
    rows = context_of(request).store.changes_since(unit.id, after)
    changes = [
        {
            "item_id": row["item_id"],
            "revision": row["revision"],
            "status": row["status"],
            "reason": row["reason"],
            "url": row["url"],
            "updated_at": row["changed_at"],
        }
        for row in rows
    ]
    cursor = rows[-1]["seq"] if rows else after
    return _json({"changes": changes, "cursor": str(cursor)})


@router.get("/notices", tags=["feeds"])
async def notices_feed(request: Request, since: str | None = None) -> JSONResponse:
    """The office's notices (通报) and tasks published after ``since``, oldest first."""
    unit = unit_of(request)
    after = _cursor(since)
    rows = context_of(request).store.notices_since(unit.id, after)
    notices = [{k: row[k] for k in row.keys() if k != "seq"} for row in rows]
    cursor = rows[-1]["seq"] if rows else after
    return _json({"notices": notices, "cursor": str(cursor)})


# -- leader keys -----------------------------------------------------------------------


def _key_invalid(en: str) -> EndpointError:
    return _invalid(
        "key_invalid",
        "领导签名公钥的登记信息不完整或不一致，报送系统没有登记。请在客户端重新登记该领导。",
        en,
    )


@router.post("/leader-keys", status_code=201, tags=["leader keys"])
async def register_key(request: Request) -> JSONResponse:
    """Register a leader's public key under the unit (pending until the office confirms)."""
    unit = unit_of(request)
    body = await _read_body(request, 64 * 1024)
    try:
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not an object")
        key_id, alg, public_text = data["key_id"], data["alg"], data["public_key"]
        name, post = data["name"], data["post"]
        if not all(isinstance(v, str) for v in (key_id, alg, public_text, name, post)):
            raise ValueError("fields must be strings")
        if not name.strip():
            raise ValueError("name is empty")
        public_key = base64.b64decode(public_text, validate=True)
    except (UnicodeDecodeError, KeyError, ValueError, binascii.Error) as error:
        raise _key_invalid(f"Malformed key registration ({error}).") from error
    try:
        algorithm = get_algorithm(alg)
    except UnknownAlgorithmError as error:
        raise _key_invalid(f"Unknown algorithm {alg!r}.") from error
    size = getattr(algorithm, "PUBLIC_KEY_BYTES", None)
    if size is not None and len(public_key) != size:
        raise _key_invalid(f"A {alg} public key has {size} bytes.")
    if key_id_for(alg, public_key) != key_id:
        raise _key_invalid("key_id does not match the public key.")
    status, created = context_of(request).store.register_key(
        unit.id, key_id=key_id, alg=alg, public_key=public_text, name=name.strip(), post=post
    )
    return _json({"status": status}, 201 if created else 200)


@router.get("/leader-keys", tags=["leader keys"])
async def list_keys(request: Request) -> JSONResponse:
    """The unit's registered leader keys and whether the office trusts them."""
    unit = unit_of(request)
    return _json({"keys": context_of(request).store.unit_keys(unit.id)})
