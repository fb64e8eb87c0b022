"""Fixtures for the endpoint's tests: a real server on loopback with a clock the test moves,
a unit and its token, and a small HTTP helper carrying that token."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.endpoint_support import TUS, UNIT, RunningEndpoint, start_endpoint


class MovableClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 30, 6, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


class Http:
    """``requests`` against the endpoint with a unit's token (and ``Tus-Resumable`` under
    ``/files``); every call has a timeout."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url
        self.token = token

    def headers(self, path: str, extra: dict[str, str] | None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token}"}
        if path.startswith("/files"):
            headers.update(TUS)
        headers.update(extra or {})
        return headers

    def request(
        self, method: str, path: str, headers: dict[str, str] | None = None, **kw: Any
    ) -> requests.Response:
        return requests.request(
            method, self.base_url + path, headers=self.headers(path, headers), timeout=10, **kw
        )

    def get(self, path: str, **kw: Any) -> requests.Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> requests.Response:
        return self.request("POST", path, **kw)

    def head(self, path: str, **kw: Any) -> requests.Response:
        return self.request("HEAD", path, **kw)

    def patch(self, path: str, **kw: Any) -> requests.Response:
        return self.request("PATCH", path, **kw)

    def delete(self, path: str, **kw: Any) -> requests.Response:
        return self.request("DELETE", path, **kw)


@pytest.fixture
def clock() -> MovableClock:
    return MovableClock()


@pytest.fixture
def endpoint(tmp_path: Path, clock: MovableClock) -> Iterator[RunningEndpoint]:
    running = start_endpoint(tmp_path / "endpoint", clock=clock, idle_timeout=5.0)
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def token(endpoint: RunningEndpoint) -> str:
    return endpoint.admin.create_unit(UNIT)


@pytest.fixture
def http(endpoint: RunningEndpoint, token: str) -> Http:
    return Http(endpoint.url, token)


@pytest.fixture
def other_http(endpoint: RunningEndpoint) -> Http:
    """Another unit (a prefecture department) with its own token."""
    return Http(endpoint.url, endpoint.admin.create_unit("州统计局"))
