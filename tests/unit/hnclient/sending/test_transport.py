"""TLS always verified, timeouts on every request, http only to loopback."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

import hnclient.sending
from hnclient.sending.errors import InsecureEndpoint, TransientError
from hnclient.sending.transport import Transport, check_endpoint, is_loopback
from tests.endpoint_support import RunningEndpoint, start_endpoint


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[RunningEndpoint]:
    running = start_endpoint(tmp_path / "endpoint")
    yield running
    running.stop()


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000/", "http://127.8.9.1/", "http://[::1]:8443/", "http://localhost/",
     "https://xxbs.hainanzhou.gov.cn/", "https://10.20.30.40/"],
)  # fmt: skip
def test_allowed_endpoints(url: str) -> None:
    check_endpoint(url)


@pytest.mark.parametrize(
    "url", ["http://10.20.30.40/", "http://xxbs.hainanzhou.gov.cn/", "ftp://127.0.0.1/", "x"]
)
def test_refused_endpoints(url: str) -> None:
    with pytest.raises(InsecureEndpoint) as caught:
        check_endpoint(url)
    assert "https://" in caught.value.message_zh()


def test_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("LOCALHOST")
    assert not is_loopback("128.0.0.1") and not is_loopback("example.org") and not is_loopback("")


def test_no_url_off_the_endpoint_origin() -> None:
    transport = Transport("https://xxbs.example.gov.cn/", "t")
    assert transport.url("/files/abc") == "https://xxbs.example.gov.cn/files/abc"
    with pytest.raises(InsecureEndpoint):
        transport.url("https://evil.example.org/files/abc")
    with pytest.raises(InsecureEndpoint):
        transport.url("http://xxbs.example.gov.cn/files/abc")


def test_verify_and_timeouts_on_every_request_whatever_the_environment(
    endpoint: RunningEndpoint, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stray = tmp_path / "stray-ca.pem"
    stray.write_text("not a certificate")
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(stray))
    monkeypatch.setenv("CURL_CA_BUNDLE", str(stray))
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # would swallow every request
    bundle = tmp_path / "county-ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    seen: list[dict[str, Any]] = []
    real = requests.Session.request

    def spy(self: requests.Session, method: str, url: str, **options: Any) -> Any:
        seen.append(options)
        return real(self, method, url, **options)

    monkeypatch.setattr(requests.Session, "request", spy)
    token = endpoint.admin.create_unit("共和县人民政府办公室")
    transport = Transport(endpoint.url, token, ca_bundle=bundle, timeouts=(3.0, 7.0))
    assert transport._session.trust_env is False
    answer = transport.request("GET", "api/v1/status")
    assert answer.status_code == 200
    transport.request("OPTIONS", "files/")
    assert seen and all(o["verify"] == str(bundle) for o in seen)
    assert all(o["timeout"] == (3.0, 7.0) for o in seen)
    assert all(o["allow_redirects"] is False for o in seen)
    assert Transport(endpoint.url, token).verify is True


def test_a_dead_endpoint_is_a_transient_error() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    transport = Transport(f"http://127.0.0.1:{port}/", "t", timeouts=(1.0, 1.0))
    with pytest.raises(TransientError) as caught:
        transport.request("GET", "api/v1/status")
    assert caught.value.retryable and "网络" in caught.value.message_zh()


def test_no_verify_false_anywhere_in_the_package() -> None:
    """No TLS switch-off in any module that speaks HTTP (``Store.open(verify=False)`` is the
    database page check, not TLS)."""
    root = Path(hnclient.sending.__file__).parent.parent
    pattern = re.compile(r"verify\s*=\s*False|verify_tls\w*\s*=\s*False|trust_env\s*=\s*True")
    http = re.compile(r"^\s*(import requests|from requests|import urllib3|import http)", re.M)
    speaking = [p for p in root.rglob("*.py") if http.search(p.read_text("utf-8"))]
    assert Path(hnclient.sending.__file__).parent / "transport.py" in speaking
    offenders = [str(p) for p in speaking if pattern.search(p.read_text("utf-8"))]
    offenders += [
        str(p) for p in (root / "sending").rglob("*.py") if pattern.search(p.read_text("utf-8"))
    ]
    assert offenders == []
