"""The FastAPI application of the reference endpoint (docs/protocol.md).

``create_app(data_dir)`` serves the whole protocol from one data directory: tus uploads at
``/files/``, items, statuses, notices and leader keys at ``/api/v1/``, and the OpenAPI
description at ``/openapi.json`` (browsable at ``/docs``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from hnendpoint import __version__
from hnendpoint.api import router as api_router
from hnendpoint.context import Context
from hnendpoint.errors import EndpointError, error_response
from hnendpoint.store import Clock, Store
from hnendpoint.uploads import router as uploads_router
from hnprotocol.tus import MAX_SIZE, TUS_VERSION

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Uploads expire this long after their last PATCH (docs/protocol.md §2).
UPLOAD_EXPIRY = timedelta(days=7)
#: A PATCH body that sends nothing for this long is abandoned (its lock released).
IDLE_TIMEOUT = 60.0


def internal_error_response() -> JSONResponse:
    return error_response(
        500,
        "internal_error",
        "报送系统内部出错，这次请求没有完成。程序会稍后重试；如果一直这样，请联系州政府办公室。",
        "Internal error; the request was not completed. Retry later.",
    )


class TusMiddleware:
    """tus core rules for every request under ``/files``: ``X-HTTP-Method-Override`` is the
    method; ``Tus-Resumable: 1.0.0`` is required (``OPTIONS`` aside; else 412 with
    ``Tus-Version``, the request not processed); every answer carries ``Tus-Resumable``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if scope["type"] != "http" or not (path == "/files" or path.startswith("/files/")):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        override = headers.get("x-http-method-override", "").strip().upper()
        if override:
            scope = dict(scope, method=override)

        started = False

        async def send_with_version(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [
                    *[(k, v) for k, v in message.get("headers", []) if k != b"tus-resumable"],
                    (b"tus-resumable", TUS_VERSION.encode("ascii")),
                ]
            await send(message)

        if scope["method"] != "OPTIONS" and headers.get("tus-resumable") != TUS_VERSION:
            response = error_response(
                412,
                "tus_version_unsupported",
                "客户端使用的上传协议版本与报送系统不一致。请把客户端程序升级到县里统一发放的最新版本。",
                f"Tus-Resumable must be {TUS_VERSION}.",
                {"Tus-Version": TUS_VERSION},
            )
            await response(scope, receive, send_with_version)
            return
        try:
            await self.app(scope, receive, send_with_version)
        except Exception:
            # The outermost error handler answers without passing here: answer (with
            # Tus-Resumable) first, then let it log the error.
            if not started:
                await internal_error_response()(scope, receive, send_with_version)
            raise


_PLAIN_ERRORS: dict[int, tuple[str, str, str]] = {
    404: ("not_found", "报送系统没有这个地址。请检查设置中的报送系统地址。", "No such resource."),
    405: (
        "method_not_allowed",
        "报送系统不接受这种请求。请把客户端程序升级到最新版本。",
        "Method not allowed.",
    ),
}


def create_app(
    data_dir: Path,
    *,
    clock: Clock | None = None,
    expiry: timedelta = UPLOAD_EXPIRY,
    max_size: int = MAX_SIZE,
    idle_timeout: float = IDLE_TIMEOUT,
) -> FastAPI:
    """The endpoint serving ``data_dir`` (created if needed). ``clock`` returns an aware
    datetime (tests move it to expire uploads)."""
    store = Store(Path(data_dir), clock=clock)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="hnclient-endpoint",
        version=__version__,
        summary="海南州政务信息报送 — reference submission endpoint (hnprotocol 1)",
        description="The protocol of docs/protocol.md: tus 1.0.0 uploads at /files/, "
        "manifests to /api/v1/items, statuses, notices and leader keys. Every request carries "
        "`Authorization: Bearer <unit token>`.",
        lifespan=lifespan,
    )
    app.state.context = Context(
        store=store, expiry=expiry, max_size=max_size, idle_timeout=idle_timeout
    )

    @app.exception_handler(EndpointError)
    async def endpoint_error(_request: Request, error: EndpointError) -> JSONResponse:
        return error.response()

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        code, zh, en = _PLAIN_ERRORS.get(
            error.status_code,
            ("http_error", "报送系统不能处理这个请求。", str(error.detail)),
        )
        return error_response(error.status_code, code, zh, en, error.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(
            400, "request_invalid", "请求的参数不对。", f"Invalid request: {error.errors()}"
        )

    @app.exception_handler(Exception)
    async def internal_error(_request: Request, _error: Exception) -> JSONResponse:
        return internal_error_response()

    app.include_router(uploads_router)
    app.include_router(api_router)
    app.add_middleware(TusMiddleware)
    return app
