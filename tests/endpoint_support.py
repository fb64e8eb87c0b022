"""The reference endpoint on loopback, for any test that needs a real one.

    endpoint = start_endpoint(tmp_path / "endpoint")
    token = endpoint.admin.create_unit("共和县人民政府办公室")
    requests.post(endpoint.url + "/api/v1/items", ...)
    endpoint.stop()

A real uvicorn server on ``127.0.0.1`` (port chosen by the OS) in a background thread of the
test process; ``admin`` works on the same data directory. Keyword options go to
:func:`hnendpoint.app.create_app` (``clock=``, ``expiry=``, ``idle_timeout=``, ``max_size=``).
Fixtures: ``tests/integration/conftest.py`` (``endpoint``).

Below it, helpers that build what a client sends without hnclient: item content, a manifest
with a real Ed25519-signed approval (:func:`signed_manifest`), a leader-key registration and a
plain chunked tus upload (:func:`tus_upload`).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import secrets
import socket
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests
import uvicorn
from fastapi import FastAPI

from hnendpoint.admin import Admin
from hnendpoint.app import create_app
from hnprotocol.approval import Person, build_record
from hnprotocol.manifest import build_manifest, content_hash, manifest_bytes
from hnprotocol.signatures import Ed25519Signer
from hnprotocol.tus import checksum_header, encode_metadata


@dataclass
class RunningEndpoint:
    url: str
    port: int
    data_dir: Path
    admin: Admin
    app: FastAPI
    server: uvicorn.Server
    thread: threading.Thread

    def stop(self) -> None:
        """Stop the server (open connections are closed) and wait for its thread."""
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.admin.close()
        if self.thread.is_alive():  # pragma: no cover - a stuck request
            raise RuntimeError("the endpoint did not stop within 15 s")

    def __enter__(self) -> RunningEndpoint:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_endpoint(data_dir: Path, **app_options: Any) -> RunningEndpoint:
    """Serve ``data_dir`` on ``http://127.0.0.1:<free port>`` until ``.stop()``."""
    data_dir = Path(data_dir)
    app = create_app(data_dir, **app_options)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = int(sock.getsockname()[1])
    config = uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        lifespan="on",
        timeout_graceful_shutdown=2,
    )
    server = uvicorn.Server(config)
    failure: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(server.serve(sockets=[sock]))
        except BaseException as error:  # pragma: no cover - reported by start_endpoint
            failure.append(error)
        finally:
            sock.close()

    thread = threading.Thread(target=run, name=f"endpoint-{port}", daemon=True)
    thread.start()
    for _ in range(1000):
        if server.started or failure or not thread.is_alive():
            break
        thread.join(timeout=0.01)
    if not server.started:
        raise RuntimeError(f"the endpoint did not start: {failure!r}")
    return RunningEndpoint(
        url=f"http://127.0.0.1:{port}",
        port=port,
        data_dir=data_dir,
        admin=Admin(data_dir, clock=app_options.get("clock")),
        app=app,
        server=server,
        thread=thread,
    )


# -- building what a client sends (no hnclient needed) ------------------------------------

UNIT = "共和县人民政府办公室"
TUS = {"Tus-Resumable": "1.0.0"}


def new_item_id() -> str:
    return secrets.token_hex(16)


def file_reference(data: bytes, name: str, kind: str = "jpeg") -> dict[str, Any]:
    """How item content names a file (cover or attachment)."""
    return {
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
        "name": name,
        "kind": kind,
    }


def item_content(
    item_id: str,
    *,
    title: str = "共和县召开防汛工作会议",
    attachments: list[dict[str, Any]] | None = None,
    cover: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A small item content (check_manifest needs only ``id`` and the file references)."""
    content: dict[str, Any] = {
        "id": item_id,
        "category": "政务动态",
        "title": title,
        "body": "6月1日，共和县召开防汛工作会议，部署今年防汛工作。",
        "attachments": attachments or [],
    }
    if cover is not None:
        content["cover"] = cover
    return content


def signed_manifest(
    content: dict[str, Any],
    *,
    signer: Ed25519Signer,
    uploads: dict[str, str],
    revision: int = 1,
    supersedes: int | None = None,
    unit: str = UNIT,
) -> bytes:
    """The canonical manifest bytes of ``content``, approved by ``signer``; ``uploads`` maps
    each file's SHA-256 to its upload path (``/files/<id>``)."""
    approval = build_record(
        item_id=str(content["id"]),
        revision=revision,
        content_hash=content_hash(content),
        signer=Person("leader-1", "李四", "副县长"),
        deputy_for=None,
        opinion="同意",
        signed_at=datetime(2026, 11, 30, 6, 5, 9, tzinfo=UTC),
        unit=unit,
        signature_png=b"\x89PNG signature",
        audit_head=(1, "0" * 64),
        sign=signer,
    )
    manifest = build_manifest(
        unit=unit,
        content=content,
        revision=revision,
        approval=approval,
        uploads=uploads,
        supersedes=supersedes,
        client_version="test",
    )
    return manifest_bytes(manifest)


def key_registration(
    signer: Ed25519Signer, name: str = "李四", post: str = "副县长"
) -> dict[str, str]:
    """The body of ``POST /api/v1/leader-keys`` for ``signer``'s key."""
    return {
        "key_id": signer.key_id,
        "alg": signer.alg,
        "public_key": base64.b64encode(signer.public_key).decode("ascii"),
        "name": name,
        "post": post,
    }


def tus_upload(
    base_url: str,
    token: str,
    data: bytes,
    *,
    name: str = "file.bin",
    kind: str = "jpeg",
    chunk_size: int = 64 * 1024,
) -> str:
    """Upload ``data`` with plain tus requests (sha256 checksum per chunk); the upload path."""
    headers = {"Authorization": f"Bearer {token}", **TUS}
    metadata = encode_metadata(
        {"sha256": hashlib.sha256(data).hexdigest(), "filename": name, "kind": kind}
    )
    created = requests.post(
        f"{base_url}/files/",
        headers={**headers, "Upload-Length": str(len(data)), "Upload-Metadata": metadata},
        timeout=10,
    )
    created.raise_for_status()
    path = str(created.headers["Location"])
    offset = 0
    while offset < len(data):
        chunk = data[offset : offset + chunk_size]
        answer = requests.patch(
            base_url + path,
            data=chunk,
            headers={
                **headers,
                "Content-Type": "application/offset+octet-stream",
                "Upload-Offset": str(offset),
                "Upload-Checksum": checksum_header("sha256", chunk),
            },
            timeout=10,
        )
        answer.raise_for_status()
        offset = int(answer.headers["Upload-Offset"])
    return path
