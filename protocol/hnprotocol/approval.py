"""The approval record: a responsible leader's sign-off bound to exactly one content.

Shape (canonical JSON, ``docs/signoff.md`` is the normative description)::

    {
      "format": "hnclient-approval/1",
      "item_id": "<32 hex>", "revision": 3,
      "content_hash": {"alg": "sha256", "value": "<64 hex>"},
      "signer": {"id": "<leader id>", "name": "李四", "post": "副县长"},
      "deputy_for": null | {"id", "name", "post"},        # 代签: signed for this leader
      "opinion": "同意", "signed_at": "2026-11-30T14:05:09+08:00",
      "unit": "共和县人民政府办公室",
      "contact": {"name": "张三", "phone": "0974-8512345"},   # only when given
      "signature_image": {"alg": "sha256", "value": "<64 hex of the PNG>"},
      "audit_head": {"seq": 41, "hash": "<64 hex>"},
      "public_key": "<base64 of the raw public key>",
      "signature": {"alg": "ed25519", "key_id": "<key id>", "sig": "<base64>"}
    }

The signed bytes are the canonical JSON of the record with ``signature.sig`` left out
(``alg`` and ``key_id`` are signed). Another algorithm (SM2 with SM3) is another ``alg`` and
signer class in :mod:`hnprotocol.signatures`, not another format. Qt-free.
"""

from __future__ import annotations

import base64
import binascii
import copy
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from hnprotocol.canonical import JsonValue, canonical_json
from hnprotocol.errors import ProtocolError

FORMAT = "hnclient-approval/1"
HASH_ALG = "sha256"
CHINA = ZoneInfo("Asia/Shanghai")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    post: str

    def to_json(self) -> dict[str, JsonValue]:
        return {"id": self.id, "name": self.name, "post": self.post}


class ApprovalInvalid(ProtocolError):
    """An approval record does not hold; ``code`` says which check failed."""

    def __init__(self, code: str, zh: str, en: str) -> None:
        super().__init__(zh, en)
        self.code = code


def signed_bytes(record: dict[str, Any]) -> bytes:
    """What the signature covers: the record without ``signature.sig``."""
    body = copy.deepcopy(record)
    signature = dict(body.get("signature") or {})
    signature.pop("sig", None)
    body["signature"] = signature
    return canonical_json(body)


def china_time(moment: datetime) -> str:
    """ISO 8601 in China Standard Time, seconds precision (``2026-11-30T14:05:09+08:00``)."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(CHINA).isoformat(timespec="seconds")


def build_record(
    *,
    item_id: str,
    revision: int,
    content_hash: str,
    signer: Person,
    deputy_for: Person | None,
    opinion: str,
    signed_at: datetime,
    unit: str,
    signature_png: bytes,
    audit_head: tuple[int, str],
    sign: Any,
    contact: tuple[str, str] | None = None,
) -> dict[str, JsonValue]:
    """Build and sign a record. ``sign`` is a :class:`hnprotocol.signatures.Signer`.

    ``contact``: (name, telephone) of the submitter as the document printed it when the
    leader signed (联系人、联系电话); stored as the optional member ``contact`` and signed like
    the rest, so a signed document prints the same contact whatever the settings say later.
    Records made without one have no such member (and their signed bytes are unchanged)."""
    record: dict[str, JsonValue] = {
        "format": FORMAT,
        "item_id": item_id,
        "revision": int(revision),
        "content_hash": {"alg": HASH_ALG, "value": content_hash},
        "signer": signer.to_json(),
        "deputy_for": deputy_for.to_json() if deputy_for else None,
        "opinion": opinion,
        "signed_at": china_time(signed_at),
        "unit": unit,
        "signature_image": {"alg": HASH_ALG, "value": hashlib.sha256(signature_png).hexdigest()},
        "audit_head": {"seq": int(audit_head[0]), "hash": audit_head[1]},
        "public_key": base64.b64encode(sign.public_key).decode("ascii"),
        "signature": {"alg": sign.alg, "key_id": sign.key_id},
    }
    if contact is not None:
        record["contact"] = {"name": contact[0], "phone": contact[1]}
    sig = sign.sign(signed_bytes(record))
    record["signature"] = {
        "alg": sign.alg,
        "key_id": sign.key_id,
        "sig": base64.b64encode(sig).decode("ascii"),
    }
    # What is stored and sent is exactly the canonical form.
    import json

    parsed: dict[str, JsonValue] = json.loads(canonical_json(record))
    return parsed


def _fail(code: str, zh: str, en: str) -> ApprovalInvalid:
    return ApprovalInvalid(code, zh, en)


def verify_record(
    record: Any,
    *,
    item_id: str | None = None,
    content_hash: str | None = None,
    signature_png: bytes | None = None,
    public_key: bytes | None = None,
) -> None:
    """Raise :class:`ApprovalInvalid` unless the record is well formed, signed by the key it
    names, and (where given) for this item, this content, this signature image and this
    trusted public key. Returns None when everything holds."""
    from hnprotocol.signatures import UnknownAlgorithmError, key_id_for, verify_signature

    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise _fail("format", "审核记录格式不对，可能已损坏。", "Not an approval record.")
    try:
        signature = record["signature"]
        alg, key_id, sig_text = signature["alg"], signature["key_id"], signature["sig"]
        hashed = record["content_hash"]
        recorded_hash = hashed["value"]
        recorded_key = base64.b64decode(record["public_key"], validate=True)
        sig = base64.b64decode(sig_text, validate=True)
        record_item = record["item_id"]
        image_hash = record["signature_image"]["value"]
        int(record["revision"])
        str(record["signed_at"])
    except (KeyError, TypeError, ValueError, binascii.Error) as error:
        raise _fail(
            "malformed",
            "审核记录不完整或已损坏，不能作为签发依据。",
            f"The approval record is incomplete or damaged ({error}).",
        ) from error
    if hashed.get("alg") != HASH_ALG or not _HEX64.match(str(recorded_hash)):
        raise _fail("malformed", "审核记录中的内容校验值无效。", "Invalid content hash.")
    if item_id is not None and record_item != item_id:
        raise _fail(
            "other_item",
            "这份审核记录属于另一条信息，不能用于这条信息。",
            "The approval belongs to another item.",
        )
    if content_hash is not None and recorded_hash != content_hash:
        raise _fail(
            "content_changed",
            "信息内容（或附件）在领导签发之后被改动过，签发已失效，需要重新提交审核。",
            "The content or attachments changed after approval; the approval is void.",
        )
    try:
        expected_id = key_id_for(alg, recorded_key)
    except UnknownAlgorithmError as error:
        raise _fail(
            "algorithm",
            f"审核记录使用了本程序不支持的签名算法（{alg}）。",
            f"Unsupported signature algorithm {alg}.",
        ) from error
    if expected_id != key_id:
        raise _fail(
            "key_mismatch",
            "审核记录中的签名密钥编号与公钥不符：记录被改动过。",
            "The key id does not match the public key: the record was altered.",
        )
    if public_key is not None and public_key != recorded_key:
        raise _fail(
            "untrusted_key",
            "签名所用的密钥不是这位领导在本机登记的密钥（可能是旧密钥或被替换）。",
            "The signing key is not the leader's enrolled key.",
        )
    try:
        valid = verify_signature(alg, recorded_key, signed_bytes(record), sig)
    except UnknownAlgorithmError as error:
        raise _fail(
            "algorithm",
            f"审核记录使用了本程序不支持的签名算法（{alg}）。",
            f"Unsupported signature algorithm {alg}.",
        ) from error
    if not valid:
        raise _fail(
            "bad_signature",
            "审核记录的电子签名无效：记录被改动过，或签名是伪造的。",
            "The approval signature is invalid: the record was altered or forged.",
        )
    if signature_png is not None and hashlib.sha256(signature_png).hexdigest() != image_hash:
        raise _fail(
            "signature_image",
            "手写签名图片与审核记录不符：图片被替换过。",
            "The handwritten signature image does not match the record.",
        )


def recorded_contact(record: dict[str, Any]) -> tuple[str, str] | None:
    """The signed (name, telephone) of a record, or None when the record has none (older
    records) or it is not a pair of strings."""
    contact = record.get("contact")
    if not isinstance(contact, dict):
        return None
    name, phone = contact.get("name"), contact.get("phone")
    if not isinstance(name, str) or not isinstance(phone, str):
        return None
    return name, phone


def signed_at(record: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(str(record["signed_at"]))
