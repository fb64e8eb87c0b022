"""What every handler shares: the store, the clock, the settings, the per-upload locks."""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from fastapi import Request

from hnendpoint.errors import unauthorized
from hnendpoint.store import Store, Unit


@dataclass
class UploadSlot:
    """One upload's lock. ``preempt`` is set when a newer ``PATCH`` for the same upload
    arrives: the running one stops at once (a dead connection must not block a resume)."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    preempt: asyncio.Event | None = None
    users: int = 0


@dataclass
class Context:
    store: Store
    expiry: timedelta
    max_size: int
    idle_timeout: float
    slots: dict[str, UploadSlot] = field(default_factory=dict)
    #: upload id → (committed offset, SHA-256 of the bytes up to it): saves re-reading the
    #: whole file at completion. Lost on restart; then the file is hashed once at the end.
    running_hashes: dict[str, tuple[int, Any]] = field(default_factory=dict)

    def running_hash(self, upload_id: str, offset: int) -> Any | None:
        if offset == 0:
            return hashlib.sha256()
        entry = self.running_hashes.get(upload_id)
        if entry is None or entry[0] != offset:
            return None
        return entry[1].copy()


def context_of(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


def unit_of(request: Request) -> Unit:
    """The unit whose token the request carries; 401 otherwise."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise unauthorized()
    unit = context_of(request).store.unit_for_token(token)
    if unit is None:
        raise unauthorized()
    return unit
