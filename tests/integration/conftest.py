"""Fixtures for tests over real loopback HTTP against the reference endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.endpoint_support import RunningEndpoint, start_endpoint


@pytest.fixture
def endpoint(tmp_path: Path) -> Iterator[RunningEndpoint]:
    """A running reference endpoint with an empty data directory (``tmp_path/endpoint``)."""
    running = start_endpoint(tmp_path / "endpoint")
    try:
        yield running
    finally:
        running.stop()
