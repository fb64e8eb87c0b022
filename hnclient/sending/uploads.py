"""The tus 1.0.0 upload client (docs/protocol.md §2): one attachment at a time, resumable.

- Creation: ``POST /files/`` with ``Upload-Length`` and metadata (sha256, filename, kind);
  the upload URL is stored *before* the first ``PATCH``, so a crash resumes, not restarts.
- Resume: ``HEAD`` gives the offset the server holds; the bytes before it are read again
  only to hash them (the whole file is checked against the signed SHA-256 as it is sent).
- ``PATCH`` one chunk at a time (8 MiB by default), each with ``Upload-Checksum: sha256 …``;
  460 sends the chunk again, 409 re-reads the offset, 404/410 starts the upload again cleanly.
- While a chunk is on its way, a helper thread folds it into the file's hash and reads and
  checksums the next one (hashlib and file reads release the GIL), so the endpoint is not kept
  waiting for the client's own work between chunks. At most two chunks are in memory.
- Retries with backoff and jitter for what :mod:`.retry` says; pause and cancel between
  chunks (:class:`~hnclient.sending.control.Control`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import requests

from hnclient.items import AttachmentRef
from hnclient.sending.answers import failure, retrying
from hnclient.sending.control import Control
from hnclient.sending.errors import LocalFileProblem, TransientError, UploadGone
from hnclient.sending.retry import RetryPolicy
from hnclient.sending.transport import Transport
from hnclient.storage import Store
from hnprotocol.tus import (
    CHECKSUM_MISMATCH,
    OFFSET_CONTENT_TYPE,
    TUS_VERSION,
    checksum_header,
    encode_metadata,
)

log = logging.getLogger(__name__)

#: Starting an upload again (404/410, a server that lost it) more often than this in one
#: pass is a server problem, not a network one.
MAX_RESTARTS = 3
_TUS = {"Tus-Resumable": TUS_VERSION}


@dataclass
class UploadTarget:
    """One file of one item revision."""

    item_id: str
    revision: int
    ref: AttachmentRef
    path: Path


@dataclass(frozen=True)
class _Chunk:
    """Bytes of the file at ``offset`` and their ``Upload-Checksum`` header."""

    offset: int
    data: bytes
    checksum: str


class Uploader:
    """Uploads files of queued items; ``on_bytes(item_id, count, sent)`` hears each acknowledged
    chunk (and the bytes found already on the server when resuming)."""

    def __init__(
        self,
        transport: Transport,
        store: Store,
        *,
        chunk_size: int,
        policy: RetryPolicy,
        control: Control,
        on_bytes: Callable[[str, int, bool], None] = lambda item_id, count, sent: None,
    ) -> None:
        self.transport = transport
        self.store = store
        self.chunk_size = chunk_size
        self.policy = policy
        self.control = control
        self.on_bytes = on_bytes
        #: Counters a test or the log can read: chunks re-sent after 460, restarts.
        self.checksum_resends = 0
        self.restarts = 0

    # -- one file -----------------------------------------------------------------------------

    def upload(self, target: UploadTarget) -> str:
        """The path (``/files/<id>``) of the completed upload of ``target``."""
        record = self.store.upload_record(target.item_id, target.revision, target.ref.sha256)
        if record is not None and record.done and record.upload_url:
            return self.transport.path(record.upload_url)
        if not target.path.is_file():
            raise LocalFileProblem(
                f"附件“{target.ref.name}”在本机的存档中找不到了，不能发送。"
                "请重新添加这个附件，再请领导签发。",
                f"The stored file of {target.ref.name} is missing.",
                "local_file_missing",
            )
        url = record.upload_url if record is not None else None
        for _restart in range(MAX_RESTARTS + 1):
            try:
                if url is None:
                    url = self._create(target)
                self._send(target, url)
                return self.transport.path(url)
            except UploadGone:
                log.info("upload %s gone; starting %s again", url, target.ref.name)
                self.restarts += 1
                url = None
                self.store.save_upload(
                    target.item_id, target.revision, target.ref.sha256, target.ref.size, url=None
                )
        raise TransientError(
            "报送系统一再丢失正在上传的附件，程序稍后会重试。",
            "The endpoint lost the upload repeatedly.",
            "upload_lost",
        )

    def delete(self, url: str) -> None:
        """Termination: remove an upload (e.g. one the server found corrupt)."""
        try:
            self.transport.request("DELETE", url, headers=_TUS)
        except TransientError:
            log.info("DELETE %s failed; the server lets it expire", url)

    # -- the steps ----------------------------------------------------------------------------

    def _create(self, target: UploadTarget) -> str:
        ref = target.ref
        headers = {
            **_TUS,
            "Upload-Length": str(ref.size),
            "Upload-Metadata": encode_metadata(
                {"sha256": ref.sha256, "filename": ref.name, "kind": ref.kind}
            ),
        }
        response = self._retrying(
            lambda: self.transport.request("POST", "files/", headers=headers, data=b""),
            target.item_id,
        )
        location = response.headers.get("Location", "")
        if response.status_code != 201 or not location:
            raise failure(response, f"上传附件“{ref.name}”", f"Creating the upload of {ref.name}")
        url = self.transport.url(location)
        # Durable before the first PATCH: a crash from here on resumes this upload.
        self.store.save_upload(target.item_id, target.revision, ref.sha256, ref.size, url=url)
        return url

    def _head(self, url: str, item_id: str) -> int:
        response = self._retrying(
            lambda: self.transport.request("HEAD", url, headers=_TUS), item_id
        )
        if response.status_code in (404, 410):
            raise UploadGone("上传已过期。", f"HEAD {url}: {response.status_code}")
        offset = response.headers.get("Upload-Offset", "")
        if response.status_code != 200 or not offset.isdigit():
            raise failure(response, "查询上传进度", f"HEAD {url}")
        return int(offset)

    def _send(self, target: UploadTarget, url: str) -> None:
        ref = target.ref
        offset = self._head(url, target.item_id)
        if offset > ref.size:
            raise UploadGone("上传记录不一致。", f"{url}: offset {offset} > size {ref.size}")
        hasher = hashlib.sha256()

        def unqueued() -> bool:
            return not self.store.is_queued(target.item_id, target.revision)

        # One helper thread: it hashes the chunk on its way and reads the next one. Leaving the
        # block (an error, a stop) waits for it before the file is closed.
        with (
            target.path.open("rb") as fh,
            ThreadPoolExecutor(1, thread_name_prefix="hnclient-upload-read") as helper,
        ):
            self._hash_prefix(fh, hasher, offset, ref.name)
            if offset:
                self.on_bytes(target.item_id, offset, False)
            ahead: Future[_Chunk] | None = None
            while offset < ref.size:
                self.control.checkpoint(target.item_id, unqueued)
                # ``ahead`` is always the chunk at ``offset`` (it is dropped when the offset
                # moves elsewhere); a file found short raises here, when that chunk is due.
                chunk = (
                    ahead.result()
                    if ahead is not None
                    else self._read(fh, offset, ref.size, ref.name)
                )
                ahead = None
                end = offset + len(chunk.data)
                # Queued in this order on the one thread: the file's hash stays in order.
                hashed = helper.submit(hasher.update, chunk.data)
                if end < ref.size:
                    ahead = helper.submit(self._read, fh, end, ref.size, ref.name)
                new_offset = self._patch(url, offset, chunk.data, target.item_id, chunk.checksum)
                hashed.result()
                if new_offset != end:
                    # The server holds something else (another client, a lost answer): ask.
                    if ahead is not None:
                        wait_for([ahead])
                        ahead = None
                    offset = self._head(url, target.item_id)
                    hasher = hashlib.sha256()
                    self._hash_prefix(fh, hasher, offset, ref.name)
                    continue
                offset = new_offset
                self.store.save_upload(
                    target.item_id, target.revision, ref.sha256, ref.size, url=url, offset=offset
                )
                self.on_bytes(target.item_id, len(chunk.data), True)
        if hasher.hexdigest() != ref.sha256:
            self.delete(url)
            self.store.save_upload(target.item_id, target.revision, ref.sha256, ref.size, url=None)
            raise LocalFileProblem(
                f"附件“{ref.name}”在本机的存档已损坏（与领导签发时的校验值不符），没有发送。"
                "请重新添加这个附件，再请领导签发。",
                f"The stored file of {ref.name} no longer matches its signed SHA-256.",
                "local_file_changed",
            )
        self.store.save_upload(
            target.item_id, target.revision, ref.sha256, ref.size, url=url, offset=offset,
            done=True,
        )  # fmt: skip

    def _read(self, fh: BinaryIO, offset: int, size: int, name: str) -> _Chunk:
        """The chunk at ``offset`` (on the helper thread while the previous one is sent)."""
        fh.seek(offset)
        data = fh.read(min(self.chunk_size, size - offset))
        if not data:
            raise LocalFileProblem(
                f"附件“{name}”在本机的存档比记录的短（文件已损坏），不能发送。",
                f"The stored file of {name} is shorter than recorded.",
                "local_file_changed",
            )
        return _Chunk(offset, data, checksum_header("sha256", data))

    def _hash_prefix(self, fh: BinaryIO, hasher: Any, offset: int, name: str) -> None:
        """Hash the bytes the server already holds (read in chunks: memory stays bounded)."""
        fh.seek(0)
        left = offset
        while left > 0:
            block = fh.read(min(self.chunk_size, left))
            if not block:
                raise LocalFileProblem(
                    f"附件“{name}”在本机的存档比记录的短（文件已损坏），不能发送。",
                    f"The stored file of {name} is shorter than recorded.",
                    "local_file_changed",
                )
            hasher.update(block)
            left -= len(block)

    def _patch(
        self, url: str, offset: int, chunk: bytes, item_id: str, checksum: str | None = None
    ) -> int:
        """Send one chunk until the server takes it; the new offset it reports."""
        headers = {
            **_TUS,
            "Content-Type": OFFSET_CONTENT_TYPE,
            "Upload-Offset": str(offset),
            "Upload-Checksum": checksum or checksum_header("sha256", chunk),
        }
        for attempt in range(self.policy.attempts):
            response = self._retrying(
                lambda: self.transport.request("PATCH", url, headers=headers, data=chunk),
                item_id,
            )
            status = response.status_code
            if status == 204 and response.headers.get("Upload-Offset", "").isdigit():
                return int(response.headers["Upload-Offset"])
            if status == CHECKSUM_MISMATCH:
                # The chunk was damaged on the way; the server discarded it whole.
                self.checksum_resends += 1
                log.info("chunk at %d of %s failed its checksum; sending it again", offset, url)
                self.control.sleep(self.policy.delay(attempt))
                continue
            if status == 409:
                return -1  # offset mismatch: the caller asks HEAD
            if status in (404, 410):
                raise UploadGone("上传已过期。", f"PATCH {url}: {status}")
            if status == 204:
                return -1
            raise failure(response, "上传附件", f"PATCH {url}")
        raise TransientError(
            "附件在传输中一再损坏（校验不符）。程序稍后会重试；如果一直这样，请联系本县信息化"
            "技术人员检查网络。",
            f"PATCH {url}: checksum mismatch {self.policy.attempts} times",
            "checksum",
        )

    def _retrying(self, call: Callable[[], requests.Response], item_id: str) -> requests.Response:
        return retrying(call, self.policy, self.control, item_id)
