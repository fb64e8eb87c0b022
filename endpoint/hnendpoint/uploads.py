"""tus 1.0.0 at ``/files/`` (docs/protocol.md §2): core, creation, checksum, termination,
expiration — written here because no Python tus server implements the checksum extension.

How a ``PATCH`` is applied. The body is streamed (memory bounded whatever its size) into the
upload's file *past its committed offset*, while its digest (``Upload-Checksum``) and the
running SHA-256 of the whole file are computed. That region is the staging area: the upload
is only what lies before the committed offset (kept in SQLite). When the body is complete and
its digest matches, the bytes are flushed to disk and the offset moves; on a mismatch (460),
an unsupported algorithm (400) or a body past ``Upload-Length`` (400) the file is truncated
back to the committed offset and nothing moved. Every ``PATCH`` also starts by truncating to
the committed offset, so leftovers of a crash are never counted.

One ``PATCH`` per upload at a time (an asyncio lock per upload). A newer ``PATCH`` for the
same upload stops the running one (it is most likely a client resuming after its connection
died, and a dead connection must not hold the lock); a body that stalls for ``idle_timeout``
seconds is abandoned the same way. An abandoned body with a checksum is discarded (it cannot
be verified); one without is kept as far as it arrived (tus: store as much as possible).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from typing import Any, BinaryIO

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool

from hnendpoint.context import Context, UploadSlot, context_of, unit_of
from hnendpoint.errors import EndpointError, bad_request, upload_expired, upload_not_found
from hnendpoint.store import COMPLETE, CORRUPT, EXPIRED, PARTIAL, Unit, Upload
from hnprotocol.tus import (
    CHECKSUM_ALGORITHMS,
    CHECKSUM_MISMATCH,
    EXTENSIONS,
    OFFSET_CONTENT_TYPE,
    TUS_VERSION,
    decode_metadata,
    parse_checksum,
)

router = APIRouter(tags=["tus uploads"])

_ID = re.compile(r"^[0-9a-f]{32}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_INTEGER = re.compile(r"^[0-9]{1,19}$")
_HASH_BLOCK = 1024 * 1024


def http_date(moment: datetime) -> str:
    """RFC 9110 IMF-fixdate (``Wed, 25 Jun 2014 16:00:00 GMT``)."""
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def _non_negative(value: str | None) -> int | None:
    if value is None or not _INTEGER.match(value.strip()):
        return None
    return int(value.strip())


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while block := stream.read(_HASH_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def _live_upload(context: Context, unit: Unit, upload_id: str) -> Upload:
    """The unit's upload, or 404 (unknown, terminated, another unit's) / 410 (expired)."""
    upload = context.store.get_upload(upload_id) if _ID.match(upload_id) else None
    if upload is None or upload.unit_id != unit.id:
        raise upload_not_found()
    if upload.state == EXPIRED:
        raise upload_expired()
    if not upload.kept and context.store.now() >= upload.expires_at:
        context.store.expire_upload(upload_id)
        context.running_hashes.pop(upload_id, None)
        raise upload_expired()
    return upload


async def _acquire(context: Context, upload_id: str) -> UploadSlot:
    slot = context.slots.setdefault(upload_id, UploadSlot())
    slot.users += 1
    if slot.preempt is not None:
        slot.preempt.set()
    try:
        await slot.lock.acquire()
    except BaseException:
        slot.users -= 1
        raise
    slot.preempt = asyncio.Event()
    return slot


def _release(context: Context, upload_id: str, slot: UploadSlot) -> None:
    slot.preempt = None
    slot.lock.release()
    slot.users -= 1
    if slot.users == 0:
        context.slots.pop(upload_id, None)


# -- OPTIONS ---------------------------------------------------------------------------


@router.options("/files/", status_code=204)
@router.options("/files", status_code=204, include_in_schema=False)
@router.options("/files/{upload_id}", status_code=204, include_in_schema=False)
async def tus_options(request: Request) -> Response:
    """The server's tus configuration (no token needed)."""
    context = context_of(request)
    return Response(
        status_code=204,
        headers={
            "Tus-Version": TUS_VERSION,
            "Tus-Extension": ",".join(EXTENSIONS),
            "Tus-Max-Size": str(context.max_size),
            "Tus-Checksum-Algorithm": ",".join(CHECKSUM_ALGORITHMS),
        },
    )


# -- POST: creation --------------------------------------------------------------------


@router.post("/files/", status_code=201)
@router.post("/files", status_code=201, include_in_schema=False)
async def tus_create(request: Request) -> Response:
    """Create an upload: ``Upload-Length`` and ``Upload-Metadata`` (with ``sha256``)."""
    unit = unit_of(request)
    context = context_of(request)
    headers = request.headers
    if "upload-defer-length" in headers:
        raise bad_request(
            "defer_length_unsupported",
            "报送系统需要预先知道附件大小（不支持延后告知长度）。请升级客户端程序。",
            "Upload-Defer-Length is not supported: send Upload-Length.",
        )
    length = _non_negative(headers.get("upload-length"))
    if length is None:
        raise bad_request(
            "upload_length_invalid",
            "上传请求没有给出有效的附件大小。请重新发送；如果一直这样，请联系技术人员。",
            "Upload-Length is missing or not a non-negative integer.",
        )
    if length > context.max_size:
        raise EndpointError(
            413,
            "upload_too_large",
            f"附件太大：报送系统最多接收 {context.max_size // 1024**3} GB 的单个文件。"
            "请压缩或分割后再报送。",
            f"The upload is larger than Tus-Max-Size ({context.max_size}).",
        )
    raw_metadata = headers.get("upload-metadata", "")
    try:
        metadata = decode_metadata(raw_metadata)
    except ValueError as error:
        raise bad_request(
            "metadata_invalid",
            "上传请求附带的文件信息格式不对。请重新发送；如果一直这样，请联系技术人员。",
            f"Upload-Metadata is malformed ({error}).",
        ) from error
    sha256 = metadata.get("sha256", "")
    if not _HEX64.match(sha256):
        raise bad_request(
            "metadata_sha256_missing",
            "上传请求没有附带附件的 SHA-256 校验值，报送系统无法核对文件是否完整。"
            "请升级客户端程序。",
            "Upload-Metadata must hold sha256 (64 lowercase hex).",
        )
    expires = context.store.now() + context.expiry
    upload_id = context.store.create_upload(
        unit.id,
        length=length,
        metadata=raw_metadata.strip(),
        sha256=sha256,
        filename=metadata.get("filename"),
        kind=metadata.get("kind"),
        expires_at=expires,
    )
    if length == 0:  # complete on creation
        state = COMPLETE if sha256 == hashlib.sha256(b"").hexdigest() else CORRUPT
        context.store.commit_upload(upload_id, offset=0, expires_at=expires, state=state)
    return Response(
        status_code=201,
        headers={"Location": f"/files/{upload_id}", "Upload-Expires": http_date(expires)},
    )


# -- HEAD ------------------------------------------------------------------------------


@router.head("/files/{upload_id}", status_code=200)
async def tus_head(upload_id: str, request: Request) -> Response:
    """Where an upload stands: ``Upload-Offset`` (resume from there) and ``Upload-Length``."""
    no_store = {"Cache-Control": "no-store"}
    try:
        upload = _live_upload(context_of(request), unit_of(request), upload_id)
    except EndpointError as error:
        error.headers.update(no_store)
        raise
    headers = {
        "Upload-Offset": str(upload.offset),
        "Upload-Length": str(upload.length),
        **no_store,
    }
    if upload.metadata:
        headers["Upload-Metadata"] = upload.metadata
    if not upload.kept:
        headers["Upload-Expires"] = http_date(upload.expires_at)
    return Response(status_code=200, headers=headers)


# -- PATCH -----------------------------------------------------------------------------


@router.patch("/files/{upload_id}", status_code=204)
async def tus_patch(upload_id: str, request: Request) -> Response:
    """Append the body at ``Upload-Offset`` (verified by ``Upload-Checksum`` when given)."""
    unit = unit_of(request)
    context = context_of(request)
    _live_upload(context, unit, upload_id)
    headers = request.headers
    content_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != OFFSET_CONTENT_TYPE:
        raise EndpointError(
            415,
            "content_type_invalid",
            "上传数据的类型标记不对，报送系统没有接收。请升级客户端程序。",
            f"PATCH needs Content-Type: {OFFSET_CONTENT_TYPE}.",
        )
    claimed = _non_negative(headers.get("upload-offset"))
    if claimed is None:
        raise bad_request(
            "upload_offset_invalid",
            "上传请求没有给出有效的续传位置。程序会重新查询上传进度后继续。",
            "Upload-Offset is missing or not a non-negative integer.",
        )
    expected: tuple[str, bytes] | None = None
    if "upload-checksum" in headers:
        try:
            expected = parse_checksum(headers["upload-checksum"])
        except ValueError as error:
            raise bad_request(
                "checksum_invalid",
                "上传数据附带的校验值格式不对，报送系统没有接收这段数据。",
                f"Upload-Checksum is malformed ({error}).",
            ) from error
        if expected[0] not in CHECKSUM_ALGORITHMS:
            raise bad_request(
                "checksum_algorithm_unsupported",
                f"报送系统不支持校验算法“{expected[0]}”（支持 sha1、sha256），这段数据没有接收。",
                f"Checksum algorithm {expected[0]!r} is not supported "
                f"(Tus-Checksum-Algorithm: {','.join(CHECKSUM_ALGORITHMS)}).",
            )
    declared_length: int | None = None
    if "content-length" in headers:
        declared_length = _non_negative(headers["content-length"])
        if declared_length is None:
            raise bad_request(
                "content_length_invalid", "上传请求的长度标记无效。", "Bad Content-Length."
            )
    slot = await _acquire(context, upload_id)
    try:
        upload = _live_upload(context, unit, upload_id)  # as it is now, under the lock
        if claimed != upload.offset:
            raise EndpointError(
                409,
                "offset_mismatch",
                "续传位置与报送系统记录的不一致（可能有另一次传送）。程序会重新查询上传进度后继续。",
                f"Upload-Offset {claimed} is not the upload's offset {upload.offset}.",
            )
        if declared_length is not None and declared_length > upload.length - upload.offset:
            raise _too_long(upload)
        return await _apply(context, request, slot, upload, expected)
    finally:
        _release(context, upload_id, slot)


def _too_long(upload: Upload) -> EndpointError:
    return bad_request(
        "body_too_long",
        "这段上传数据超出了附件的总大小，报送系统没有接收。程序会重新查询上传进度后继续。",
        f"The body would pass Upload-Length ({upload.length}); it was discarded.",
    )


@dataclass
class _Progress:
    received: int = 0
    outcome: str = "complete"
    last_data: float = field(default_factory=lambda: asyncio.get_running_loop().time())


async def _pump(
    request: Request, stream: BinaryIO, remaining: int, digests: list[Any], progress: _Progress
) -> None:
    """Write the body to ``stream`` as it arrives (no more than ``remaining`` bytes)."""
    loop = asyncio.get_running_loop()
    while True:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            progress.outcome = "disconnected"
            return
        body: bytes = message.get("body", b"")
        if body:
            if progress.received + len(body) > remaining:
                progress.outcome = "too_long"
                return
            stream.write(body)
            for digest in digests:
                digest.update(body)
            progress.received += len(body)
            progress.last_data = loop.time()
        if not message.get("more_body", False):
            return


async def _apply(
    context: Context,
    request: Request,
    slot: UploadSlot,
    upload: Upload,
    expected: tuple[str, bytes] | None,
) -> Response:
    path = context.store.upload_path(upload.id)
    remaining = upload.length - upload.offset
    chunk_digest: Any = hashlib.new(expected[0]) if expected else None
    file_digest: Any = context.running_hash(upload.id, upload.offset)
    progress = _Progress()
    assert slot.preempt is not None
    with path.open("r+b") as stream:
        stream.truncate(upload.offset)  # whatever lies past the offset was never committed
        stream.seek(upload.offset)
        digests = [d for d in (chunk_digest, file_digest) if d is not None]
        pump = asyncio.ensure_future(_pump(request, stream, remaining, digests, progress))
        preempted = asyncio.ensure_future(slot.preempt.wait())
        loop = asyncio.get_running_loop()
        try:
            while not pump.done():
                await asyncio.wait(
                    {pump, preempted},
                    timeout=context.idle_timeout,
                    return_when=asyncio.FIRST_COMPLETED,
                )
                if pump.done():
                    break
                if preempted.done():
                    progress.outcome = "preempted"
                elif loop.time() - progress.last_data >= context.idle_timeout:
                    progress.outcome = "idle"
                else:
                    continue
                pump.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await pump
                break
            if not pump.cancelled():
                pump.result()  # an unexpected error surfaces here
        finally:
            preempted.cancel()
            pump.cancel()
        received, outcome = progress.received, progress.outcome

        verified = outcome == "complete" and (
            expected is None or chunk_digest.digest() == expected[1]
        )
        keep = verified or (outcome in ("disconnected", "preempted", "idle") and not expected)
        if not keep or received == 0:
            stream.truncate(upload.offset)
        else:
            stream.flush()
            await run_in_threadpool(os.fsync, stream.fileno())

    new_offset, expires = upload.offset, upload.expires_at
    if keep and (received or outcome == "complete"):
        new_offset, expires = await _commit(context, upload, received, file_digest)

    if outcome == "too_long":
        raise _too_long(upload)
    if outcome == "complete" and not verified:
        raise EndpointError(
            CHECKSUM_MISMATCH,
            "checksum_mismatch",
            "这段上传数据在传输中损坏（校验值不符），报送系统已丢弃。程序会重新发送这一段。",
            "Checksum mismatch: the chunk was discarded and the offset did not move.",
        )
    if outcome == "preempted":
        raise EndpointError(
            409,
            "patch_superseded",
            "同一附件又开始了一次新的传送，这一次传送已停止。程序会重新查询上传进度后继续。",
            "A newer PATCH for this upload stopped this one; HEAD and resume.",
        )
    if outcome == "idle":
        raise EndpointError(
            408,
            "patch_timeout",
            "上传数据长时间没有到达，报送系统已停止接收。程序会重新查询上传进度后继续。",
            f"No data for {context.idle_timeout:g} s; HEAD and resume.",
        )
    if outcome == "disconnected":
        raise bad_request("disconnected", "连接已断开。", "The client disconnected.")
    return Response(
        status_code=204,
        headers={"Upload-Offset": str(new_offset), "Upload-Expires": http_date(expires)},
    )


async def _commit(
    context: Context, upload: Upload, received: int, file_digest: Any
) -> tuple[int, datetime]:
    """Move the offset past ``received`` committed bytes (and the expiry on); hash the file
    when it is whole. Returns the new offset and expiry."""
    store = context.store
    new_offset = upload.offset + received
    expires = store.now() + context.expiry
    state = upload.state
    if state == PARTIAL and new_offset == upload.length:
        if file_digest is not None:
            digest = file_digest.hexdigest()
        else:
            digest = await run_in_threadpool(_sha256_file, store.upload_path(upload.id))
        state = COMPLETE if digest == upload.sha256 else CORRUPT
        context.running_hashes.pop(upload.id, None)
    elif file_digest is not None:
        context.running_hashes[upload.id] = (new_offset, file_digest)
    else:
        context.running_hashes.pop(upload.id, None)
    store.commit_upload(upload.id, offset=new_offset, expires_at=expires, state=state)
    return new_offset, expires


# -- DELETE: termination ---------------------------------------------------------------


@router.delete("/files/{upload_id}", status_code=204)
async def tus_delete(upload_id: str, request: Request) -> Response:
    """Terminate an upload (a running ``PATCH`` of it is stopped); later requests 404."""
    unit = unit_of(request)
    context = context_of(request)
    upload = context.store.get_upload(upload_id) if _ID.match(upload_id) else None
    if upload is None or upload.unit_id != unit.id:
        raise upload_not_found()
    slot = await _acquire(context, upload_id)
    try:
        context.store.delete_upload(upload_id)
        context.running_hashes.pop(upload_id, None)
    finally:
        _release(context, upload_id, slot)
    return Response(status_code=204)
