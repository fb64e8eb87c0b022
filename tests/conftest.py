"""Shared fixtures: every test gets its own HNCLIENT_HOME and an in-memory keyring."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def hnclient_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point HNCLIENT_HOME at a fresh directory so no test touches real user data."""
    home = tmp_path / "hnclient-home"
    monkeypatch.setenv("HNCLIENT_HOME", str(home))
    yield home
