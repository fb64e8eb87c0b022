"""The application as a whole: OpenAPI, no PySide6 or hnclient, restart on a data directory."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import requests

from hnprotocol.tus import checksum_header, encode_metadata
from tests.endpoint_support import TUS, RunningEndpoint, start_endpoint


def test_the_openapi_description_is_served(endpoint: RunningEndpoint) -> None:
    spec = requests.get(endpoint.url + "/openapi.json", timeout=10).json()
    assert spec["info"]["title"] == "hnclient-endpoint"
    for path in (
        "/files/",
        "/files/{upload_id}",
        "/api/v1/items",
        "/api/v1/items/{item_id}",
        "/api/v1/status",
        "/api/v1/notices",
        "/api/v1/leader-keys",
    ):
        assert path in spec["paths"], path
    docs = requests.get(endpoint.url + "/docs", timeout=10)
    assert docs.status_code == 200 and "text/html" in docs.headers["Content-Type"]


def test_the_endpoint_loads_no_pyside6_and_no_hnclient() -> None:
    code = (
        "import sys, hnendpoint.app, hnendpoint.cli, hnendpoint.admin; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'hnclient')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "[]"


def test_the_data_directory_is_sqlite_in_wal_mode(endpoint: RunningEndpoint) -> None:
    endpoint.admin.create_unit("共和县")
    db = sqlite3.connect(endpoint.data_dir / "endpoint.sqlite3")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()


def test_an_upload_resumes_across_a_restart(tmp_path: Path) -> None:
    data = bytes(range(256)) * 2000
    first = start_endpoint(tmp_path / "endpoint")
    token = first.admin.create_unit("共和县")
    headers = {"Authorization": f"Bearer {token}", **TUS}
    created = requests.post(
        first.url + "/files/",
        headers={
            **headers,
            "Upload-Length": str(len(data)),
            "Upload-Metadata": encode_metadata({"sha256": hashlib.sha256(data).hexdigest()}),
        },
        timeout=10,
    )
    path = created.headers["Location"]

    def patch(url: str, offset: int, body: bytes) -> requests.Response:
        return requests.patch(
            url + path,
            headers={
                **headers,
                "Content-Type": "application/offset+octet-stream",
                "Upload-Offset": str(offset),
                "Upload-Checksum": checksum_header("sha1", body),
            },
            data=body,
            timeout=10,
        )

    assert patch(first.url, 0, data[:300_000]).status_code == 204
    first.stop()

    second = start_endpoint(tmp_path / "endpoint")
    try:
        head = requests.head(second.url + path, headers=headers, timeout=10)
        assert head.headers["Upload-Offset"] == "300000"
        assert patch(second.url, 300_000, data[300_000:]).status_code == 204
        upload = second.admin.store.get_upload(path.rsplit("/", 1)[1])
        assert upload is not None and upload.state == "complete"
    finally:
        second.stop()
