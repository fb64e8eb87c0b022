"""Error answers (docs/protocol.md §8): ``{"error", "message", "message_en"}``.

``message`` says in plain Chinese what happened and what to do; the client may show it as is.
"""

from __future__ import annotations

from collections.abc import Mapping

from fastapi.responses import JSONResponse


class EndpointError(Exception):
    """Raised by a handler; the app turns it into the JSON error answer."""

    def __init__(
        self,
        status: int,
        code: str,
        zh: str,
        en: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(en)
        self.status = status
        self.code = code
        self.zh = zh
        self.en = en
        self.headers = dict(headers or {})

    def response(self) -> JSONResponse:
        return error_response(self.status, self.code, self.zh, self.en, self.headers)


def error_response(
    status: int, code: str, zh: str, en: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {"error": code, "message": zh, "message_en": en},
        status_code=status,
        headers=dict(headers or {}),
    )


def unauthorized() -> EndpointError:
    return EndpointError(
        401,
        "unauthorized",
        "报送系统不认识本单位的令牌（缺少、输错或已作废）。请在设置中重新填写州政府办公室发放的单位令牌。",
        "Missing or unknown unit token: enter the token the office issued to your unit.",
        {"WWW-Authenticate": 'Bearer realm="hnprotocol"'},
    )


def upload_not_found() -> EndpointError:
    return EndpointError(
        404,
        "upload_not_found",
        "报送系统上没有这个附件的上传记录（可能已删除，或属于其他单位）。程序会重新上传该附件。",
        "No such upload (deleted, or another unit's): start the upload again.",
    )


def upload_expired() -> EndpointError:
    return EndpointError(
        410,
        "upload_expired",
        "这个附件的上传超过 7 天没有继续，已经过期并被清除。程序会重新上传该附件。",
        "The upload expired (no transfer for 7 days): start it again.",
    )


def bad_request(code: str, zh: str, en: str) -> EndpointError:
    return EndpointError(400, code, zh, en)
