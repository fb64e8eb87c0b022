"""What the office did (docs/protocol.md §5): the status feed moves items (已采用, 已发布 with
the link, 被退回 with the reason) through the life cycle as the office; the notice feed fills
the notices table. Each page is stored with its cursor in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hnclient.sending.answers import failure, retrying
from hnclient.sending.control import Control
from hnclient.sending.errors import TransientError
from hnclient.sending.retry import RetryPolicy
from hnclient.sending.transport import Transport
from hnclient.storage import Notice, Store


@dataclass(frozen=True)
class OfficeChange:
    item_id: str
    revision: int
    status: str  # received, held_unregistered_signer, adopted, published, returned
    reason: str
    url: str


def _get_json(
    transport: Transport, path: str, cursor: str | None, policy: RetryPolicy, control: Control
) -> dict[str, Any]:
    params = {"since": cursor} if cursor else None
    response = retrying(lambda: transport.request("GET", path, params=params), policy, control)
    if response.status_code != 200:
        raise failure(response, "查询报送结果", f"GET {path}")
    try:
        data = response.json()
    except ValueError as error:
        raise TransientError(
            "报送系统的回答格式不对（可能是网络设备返回的网页），稍后再查。",
            f"GET {path}: not JSON",
            "not_json",
        ) from error
    if not isinstance(data, dict):
        raise TransientError("报送系统的回答格式不对，稍后再查。", f"GET {path}: not an object")
    return data


def poll_statuses(
    transport: Transport, store: Store, policy: RetryPolicy, control: Control
) -> list[OfficeChange]:
    data = _get_json(transport, "api/v1/status", store.feed_cursor("status"), policy, control)
    changes = [c for c in data.get("changes") or [] if isinstance(c, dict)]
    cursor = data.get("cursor")
    applied = store.apply_office_changes(changes, str(cursor) if cursor is not None else None)
    by_key = {(str(c.get("item_id")), c.get("revision")): c for c in changes}
    result = []
    for item_id, revision, status in applied:
        change = by_key.get((item_id, revision), {})
        result.append(
            OfficeChange(
                item_id,
                revision,
                status,
                str(change.get("reason") or ""),
                str(change.get("url") or ""),
            )
        )
    return result


def poll_notices(
    transport: Transport, store: Store, policy: RetryPolicy, control: Control
) -> list[Notice]:
    data = _get_json(transport, "api/v1/notices", store.feed_cursor("notices"), policy, control)
    notices = [n for n in data.get("notices") or [] if isinstance(n, dict)]
    cursor = data.get("cursor")
    return store.add_notices(notices, str(cursor) if cursor is not None else None)
