"""The receipt (docs/protocol.md §4): the endpoint's word that a delivery arrived.

Only a receipt that :func:`check_receipt` accepts counts as delivered: a `200` HTML page
from a proxy or a login portal, a truncated body or a receipt for other bytes does not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hnprotocol.errors import ProtocolError

FORMAT = "hnprotocol-receipt/1"
#: What a receipt's ``status`` may say at delivery time.
RECEIVED = "received"
HELD_UNREGISTERED_SIGNER = "held_unregistered_signer"
RECEIPT_STATUSES = frozenset({RECEIVED, HELD_UNREGISTERED_SIGNER})
#: What an item's status may become later (docs/protocol.md §5).
ITEM_STATUSES = frozenset({RECEIVED, HELD_UNREGISTERED_SIGNER, "adopted", "published", "returned"})
_HEX32 = re.compile(r"^[0-9a-f]{32}$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
MAX_RECEIPT_BYTES = 64 * 1024


class ReceiptInvalid(ProtocolError):
    """The answer is not a receipt for what was sent: the item is not delivered."""


@dataclass(frozen=True)
class Receipt:
    receipt_id: str
    unit: str
    item_id: str
    revision: int
    manifest_sha256: str
    received_at: datetime
    status: str
    data: dict[str, Any]


def build_receipt(
    *,
    receipt_id: str,
    unit: str,
    item_id: str,
    revision: int,
    manifest_sha256: str,
    received_at: datetime,
    status: str = RECEIVED,
) -> dict[str, Any]:
    if status not in RECEIPT_STATUSES:
        raise ValueError(f"unknown receipt status {status!r}")
    return {
        "format": FORMAT,
        "receipt_id": receipt_id,
        "unit": unit,
        "item_id": item_id,
        "revision": int(revision),
        "manifest_sha256": manifest_sha256,
        "received_at": received_at.isoformat(timespec="seconds"),
        "status": status,
    }


def check_receipt(
    body: bytes,
    content_type: str | None,
    *,
    item_id: str,
    revision: int,
    manifest_sha256: str,
) -> Receipt:
    """The receipt in a `200`/`201` answer to sending ``manifest_sha256``'s bytes, or
    :class:`ReceiptInvalid` saying why it is not one."""
    if not (content_type or "").split(";")[0].strip().lower() == "application/json":
        raise ReceiptInvalid(
            "服务器的回答不是报送回执（可能是网络中间设备或登录页面返回的网页）。信息没有报送成功，"
            "程序会稍后重试；如果一直这样，请联系县信息化技术人员检查网络。",
            f"The answer is not a receipt (content type {content_type!r}).",
        )
    if len(body) > MAX_RECEIPT_BYTES:
        raise ReceiptInvalid("服务器的回答过长，不是报送回执。", "The answer is too long.")
    try:
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("format")
        receipt = Receipt(
            receipt_id=str(data["receipt_id"]),
            unit=str(data["unit"]),
            item_id=str(data["item_id"]),
            revision=int(data["revision"]),
            manifest_sha256=str(data["manifest_sha256"]),
            received_at=datetime.fromisoformat(str(data["received_at"])),
            status=str(data["status"]),
            data=data,
        )
        if not _HEX32.match(receipt.receipt_id) or not _HEX64.match(receipt.manifest_sha256):
            raise ValueError("ids")
        if receipt.received_at.tzinfo is None or receipt.status not in RECEIPT_STATUSES:
            raise ValueError("time/status")
    except (UnicodeDecodeError, KeyError, TypeError, ValueError) as error:
        raise ReceiptInvalid(
            "服务器的回答不完整或格式不对，不能作为报送回执。信息没有报送成功，程序会稍后重试。",
            f"The answer is not a well-formed receipt ({error}).",
        ) from error
    if (receipt.item_id, receipt.revision) != (item_id, revision):
        raise ReceiptInvalid(
            "服务器的回执是另一条信息的，不能作为这条信息的回执。程序会稍后重试。",
            "The receipt names another item or revision.",
        )
    if receipt.manifest_sha256 != manifest_sha256:
        raise ReceiptInvalid(
            "服务器收到的内容与发送的内容不一致（传输中被改动）。程序会重新发送。",
            "The receipt is for other bytes than those sent.",
        )
    return receipt
