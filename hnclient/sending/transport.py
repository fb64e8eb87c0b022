"""The one HTTP session to the endpoint (docs/protocol.md §1).

- TLS is always verified: ``verify=`` is passed on every request (True, or the preset's CA
  bundle); ``trust_env`` is off, so a stray ``REQUESTS_CA_BUNDLE``/``CURL_CA_BUNDLE`` or a
  proxy variable cannot change whom we trust or where the token goes.
- Every request has explicit (connect, read) timeouts.
- ``http://`` only to loopback (127.0.0.0/8, ::1, localhost); every URL requested must be on
  the endpoint's own origin (an upload ``Location`` elsewhere would receive the token).
- No redirects are followed (a login portal's 302 is not an answer).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import requests

from hnclient.logs import register_secret
from hnclient.sending.errors import InsecureEndpoint, TransientError
from hnclient.urls import is_https, is_loopback, is_loopback_http

__all__ = ["Transport", "check_endpoint", "is_loopback"]

log = logging.getLogger(__name__)

USER_AGENT = "hnclient"


def check_endpoint(url: str) -> None:
    """Raise :class:`InsecureEndpoint` unless ``url`` is https, or http to loopback."""
    if is_https(url) or is_loopback_http(url):
        return
    raise InsecureEndpoint(
        f"报送系统地址“{url}”不安全：只能使用 https:// 加密连接（http:// 只允许本机测试）。"
        "请联系本县信息化技术人员检查预设中的“endpoint”。",
        f"Refusing {url!r}: only https, or http to a loopback address.",
    )


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"https": 443, "http": 80}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


class Transport:
    """Requests to one endpoint with the unit's bearer token."""

    def __init__(
        self,
        endpoint: str,
        token: str,
        *,
        ca_bundle: Path | None = None,
        timeouts: tuple[float, float] = (10.0, 120.0),
    ) -> None:
        check_endpoint(endpoint)
        self.endpoint = endpoint if endpoint.endswith("/") else endpoint + "/"
        register_secret(token)  # whatever the token's way here, it stays out of the logs
        self._token = token
        self.verify: bool | str = str(ca_bundle) if ca_bundle is not None else True
        self.timeouts = timeouts
        self._session = requests.Session()
        self._session.trust_env = False

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` (relative to the endpoint, or absolute on its origin)."""
        url = urljoin(self.endpoint, path)
        check_endpoint(url)
        if _origin(url) != _origin(self.endpoint):
            raise InsecureEndpoint(
                "报送系统返回了另一台服务器的地址，为保护单位令牌，程序没有访问它。"
                "请联系本县信息化技术人员。",
                f"Refusing {url!r}: not on the endpoint's origin.",
            )
        return url

    def path(self, url: str) -> str:
        """The path of an upload URL as a manifest names it (``/files/<id>``)."""
        return urlsplit(self.url(url)).path

    def request(
        self,
        method: str,
        path: str,
        *,
        headers: Mapping[str, str] | None = None,
        data: bytes | None = None,
        params: Mapping[str, str] | None = None,
    ) -> requests.Response:
        """One request; a network failure or timeout is :class:`TransientError`."""
        url = self.url(path)
        sent = {"Authorization": f"Bearer {self._token}", "User-Agent": USER_AGENT}
        sent.update(headers or {})
        try:
            return self._session.request(
                method,
                url,
                headers=sent,
                data=data,
                params=params,
                timeout=self.timeouts,
                verify=self.verify,
                allow_redirects=False,
            )
        except requests.exceptions.SSLError as error:
            raise TransientError(
                "无法确认报送系统服务器的身份（证书验证失败），为安全起见没有发送。"
                "请联系本县信息化技术人员检查证书设置。",
                f"TLS verification failed for {method} {url}: {error}",
                "tls",
            ) from error
        except requests.exceptions.Timeout as error:
            raise TransientError(
                "报送系统长时间没有回应（网络慢或中断）。程序会自动重试。",
                f"Timeout on {method} {url}: {error}",
                "timeout",
            ) from error
        except requests.exceptions.RequestException as error:
            raise TransientError(
                "连接不上报送系统（网络中断或服务器暂时不可用）。网络恢复后程序会自动继续发送。",
                f"Connection failed on {method} {url}: {error}",
                "network",
            ) from error

    def close(self) -> None:
        self._session.close()
