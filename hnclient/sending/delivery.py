"""Delivering one queued revision (docs/protocol.md §3, §4): its files, its manifest, the
receipt, and the DELIVER move that keeps the receipt.

The manifest is built once — from the content, the approval the store verifies and the
completed uploads — and stored; every later try sends the same bytes, so an answer lost on
the way is answered again with the same receipt (the endpoint's dedup is permanent). Only a
receipt :func:`hnprotocol.receipt.check_receipt` accepts counts as delivered.
"""

from __future__ import annotations

import base64
import json
import logging
from collections.abc import Callable

from hnclient import __version__
from hnclient.attachments import AttachmentStore
from hnclient.items import AttachmentRef
from hnclient.lifecycle import SENDER, Action
from hnclient.sending.answers import error_body, failure, retrying
from hnclient.sending.control import Control
from hnclient.sending.errors import LocalFileProblem, RefusedError, TransientError
from hnclient.sending.retry import RetryPolicy
from hnclient.sending.transport import Transport
from hnclient.sending.uploads import Uploader, UploadTarget
from hnclient.storage import ApprovalMissingError, OutboxEntry, Store
from hnprotocol.manifest import build_manifest, manifest_bytes, manifest_sha256
from hnprotocol.receipt import Receipt, ReceiptInvalid, check_receipt

log = logging.getLogger(__name__)

#: 422 codes that mean "upload the files again", not "the item is wrong".
FILE_CODES = frozenset({"file_missing", "file_incomplete", "file_hash_mismatch"})
_JSON = {"Content-Type": "application/json"}


def item_files(content: dict) -> list[AttachmentRef]:
    """The distinct files (cover first) of an item's content, as the manifest lists them."""
    from hnprotocol.manifest import content_files

    seen: dict[str, AttachmentRef] = {}
    for _role, reference in content_files(content):
        ref = AttachmentRef.from_json(reference)
        seen.setdefault(ref.sha256, ref)
    return list(seen.values())


class Delivery:
    def __init__(
        self,
        transport: Transport,
        store: Store,
        attachments: AttachmentStore,
        uploader: Uploader,
        *,
        unit: Callable[[], str],
        policy: RetryPolicy,
        control: Control,
    ) -> None:
        self.transport = transport
        self.store = store
        self.attachments = attachments
        self.uploader = uploader
        self.unit = unit
        self.policy = policy
        self.control = control
        self._registered: set[str] = set()

    def deliver(self, entry: OutboxEntry) -> Receipt:
        """Send ``entry`` until the endpoint gives its receipt, and move the item to 已报送.

        Raises :class:`~hnclient.sending.errors.SendingError` (retryable or not) or
        :class:`~hnclient.sending.errors.Cancelled`."""
        for _again in range(2):
            body = entry.manifest if entry.manifest is not None else self._build(entry)
            try:
                receipt = self._post(entry, body)
            except RefusedError as error:
                if error.code not in FILE_CODES:
                    raise
                # The endpoint lost or never finished a file: upload again, build anew.
                log.info("%s %s: %s; uploading again", entry.item_id, entry.revision, error.code)
                self._reset_uploads(entry, delete=error.code == "file_hash_mismatch")
                self.store.clear_outbox_manifest(entry.item_id, entry.revision)
                entry = self._fresh(entry)
                continue
            self.store.transition(
                entry.item_id, Action.DELIVER, SENDER, detail={"receipt": receipt.data}
            )
            return receipt
        raise TransientError(
            "报送系统没有收到完整的附件，程序稍后会重新上传。",
            "The endpoint reported missing files twice.",
            "files_again",
        )

    # -- steps ----------------------------------------------------------------------------------

    def _fresh(self, entry: OutboxEntry) -> OutboxEntry:
        found = self.store.outbox_entry(entry.item_id, entry.revision)
        assert found is not None
        return found

    def _build(self, entry: OutboxEntry) -> bytes:
        item = self.store.get_item(entry.item_id)
        if item.revision != entry.revision:
            raise RefusedError(
                "这条信息在加入待发送后又被修改过，需要重新签发后才能发送。",
                "The item changed after it was queued.",
                "content_changed",
            )
        try:
            approval = self.store.verify_approval(entry.item_id)
        except ApprovalMissingError as error:
            zh, en = error.message_zh(), error.message_en()
            raise RefusedError(zh, en, "approval_missing") from error
        content = item.content()
        uploads: dict[str, str] = {}
        for ref in item_files(content):
            self.control.checkpoint(entry.item_id)
            path = self.attachments.path_for(ref.sha256)
            target = UploadTarget(entry.item_id, entry.revision, ref, path)
            uploads[ref.sha256] = self.uploader.upload(target)
        self._register_signer(approval.record)
        # The unit the leader signed for (hnclient.printed): renaming the unit in the settings
        # after the approval does not change what is sent; the settings only when it has none.
        unit = str(approval.record.get("unit") or "") or self.unit()
        manifest = build_manifest(
            unit=unit,
            content=content,
            revision=entry.revision,
            approval=approval.record,
            uploads=uploads,
            supersedes=entry.supersedes,
            client_version=__version__,
        )
        body = manifest_bytes(manifest)
        self.store.set_outbox_manifest(entry.item_id, entry.revision, body, manifest_sha256(body))
        return body

    def _register_signer(self, record: dict) -> None:
        """Tell the endpoint the leader's public key (docs/protocol.md §6; idempotent). The
        office confirms it; until then items it signed are held as 签发人未备案."""
        key_id = str((record.get("signature") or {}).get("key_id", ""))
        if not key_id or key_id in self._registered:
            return
        key = self.store.leader_key(key_id)
        if key is None:
            raise LocalFileProblem(
                "找不到签发领导的密钥记录，不能发送。请联系本县信息化技术人员。",
                f"No leader key {key_id} in the store.",
                "key_missing",
            )
        signer = record.get("signer") or {}
        body = json.dumps(
            {
                "key_id": key.key_id,
                "alg": key.alg,
                "public_key": base64.b64encode(key.public_key).decode("ascii"),
                "name": str(signer.get("name", "")),
                "post": str(signer.get("post", "")),
            },
            ensure_ascii=False,
        ).encode("utf-8")
        response = retrying(
            lambda: self.transport.request("POST", "api/v1/leader-keys", headers=_JSON, data=body),
            self.policy,
            self.control,
        )
        if response.status_code not in (200, 201):
            raise failure(response, "登记签发领导的密钥", "Registering the leader key")
        self._registered.add(key_id)

    def _post(self, entry: OutboxEntry, body: bytes) -> Receipt:
        digest = manifest_sha256(body)
        last: Exception | None = None
        for attempt in range(self.policy.attempts):
            if attempt:
                self.control.sleep(self.policy.delay(attempt - 1))
            self.control.checkpoint(entry.item_id)
            response = retrying(
                lambda: self.transport.request("POST", "api/v1/items", headers=_JSON, data=body),
                self.policy,
                self.control,
                entry.item_id,
            )
            if response.status_code in (200, 201):
                try:
                    return check_receipt(
                        response.content,
                        response.headers.get("Content-Type"),
                        item_id=entry.item_id,
                        revision=entry.revision,
                        manifest_sha256=digest,
                    )
                except ReceiptInvalid as error:
                    # A portal's HTML page, a truncated body: not delivered; the same bytes
                    # again get the same receipt.
                    log.info("not a receipt for %s: %s", entry.item_id, error.message_en())
                    last = TransientError(error.message_zh(), error.message_en(), "no_receipt")
                    continue
            error_code = str(error_body(response).get("error") or "")
            problem = failure(response, "报送这条信息", "Delivering the item")
            if isinstance(problem, RefusedError) and error_code:
                problem.code = error_code
            raise problem
        assert last is not None
        raise last

    def _reset_uploads(self, entry: OutboxEntry, *, delete: bool) -> None:
        for record in self.store.upload_records(entry.item_id, entry.revision):
            if delete and record.upload_url:
                self.uploader.delete(record.upload_url)
            self.store.save_upload(
                record.item_id, record.revision, record.sha256, record.size, url=None
            )
