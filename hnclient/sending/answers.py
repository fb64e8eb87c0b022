"""Reading the endpoint's answers: error bodies (docs/protocol.md §8) and their meaning."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests

from hnclient.sending.control import Control
from hnclient.sending.errors import RefusedError, TransientError, Unauthorized
from hnclient.sending.retry import RetryPolicy, status_is_retryable


def error_body(response: requests.Response) -> dict[str, Any]:
    """``{"error", "message", "message_en"}`` when the answer carries one, else {}."""
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind != "application/json" or len(response.content) > 64 * 1024:
        return {}
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def failure(response: requests.Response, what_zh: str, what_en: str) -> Exception:
    """The error for an answer that is not the success expected."""
    status = response.status_code
    body = error_body(response)
    code = str(body.get("error") or "")
    server_zh = str(body.get("message") or "")
    server_en = str(body.get("message_en") or server_zh)
    if status == 401:
        return Unauthorized(
            "报送系统不认可本单位的令牌（令牌错误、已过期或已被收回）。"
            "请向州政府办公室索取新的令牌，在“发送设置”中重新填写。",
            f"{what_en}: 401 {server_en}",
            code or "unauthorized",
            status,
        )
    if status_is_retryable(status) or 200 <= status < 300 or 300 <= status < 400:
        return TransientError(
            f"{what_zh}时报送系统暂时出错（{status}）。程序会自动重试。",
            f"{what_en}: unexpected answer {status} {server_en}".strip(),
            code or f"http_{status}",
        )
    return RefusedError(
        f"{what_zh}被报送系统拒绝：{server_zh}"
        if server_zh
        else f"{what_zh}被报送系统拒绝（{status}）。",
        f"{what_en}: refused {status} {server_en}".strip(),
        code or f"http_{status}",
        status,
    )


def retrying(
    call: Callable[[], requests.Response],
    policy: RetryPolicy,
    control: Control,
    item_id: str = "",
) -> requests.Response:
    """``call`` again after a network error or a retryable status (docs/protocol.md §7),
    with backoff and jitter, up to ``policy.attempts`` tries; other answers are returned."""
    last: Exception | None = None
    for attempt in range(policy.attempts):
        if attempt:
            control.sleep(policy.delay(attempt - 1))
        control.checkpoint(item_id)
        try:
            response = call()
        except TransientError as error:
            last = error
            continue
        if status_is_retryable(response.status_code):
            last = failure(response, "发送", "Request")
            continue
        return response
    assert last is not None
    raise last
