"""Fixtures for the store: real SQLite files under tmp_path and a clock the test controls."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from hnclient.storage import Store


class FakeClock:
    """Deterministic time: autosave coalescing and ordering depend on it."""

    def __init__(self) -> None:
        self.now = datetime(2024, 5, 6, 2, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now

    def tick(self) -> datetime:
        return self.advance(seconds=1)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "hnclient.sqlite3"


@pytest.fixture
def store(db_path: Path, clock: FakeClock) -> Iterator[Store]:
    opened = Store.open(db_path, clock=clock)
    yield opened
    opened.close()
