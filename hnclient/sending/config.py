"""How to send: the endpoint and CA bundle from the county preset, chunk size, timeouts."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from hnclient.preset import Preset
from hnclient.sending.errors import NotConfigured
from hnclient.sending.retry import RetryPolicy

DEFAULT_CHUNK = 8 * 1024 * 1024
#: Tests and benchmarks set a smaller chunk (bytes) to see several chunks of a small file.
CHUNK_ENV = "HNCLIENT_CHUNK_SIZE"
MIN_CHUNK = 1024


@dataclass(frozen=True)
class SendingConfig:
    endpoint: str
    ca_bundle: Path | None = None
    chunk_size: int = DEFAULT_CHUNK
    #: (connect, read) seconds for every request; a PATCH of one chunk must fit in ``read``
    #: on a slow link (8 MiB at 1 Mbit/s is ~70 s).
    timeouts: tuple[float, float] = (10.0, 120.0)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    #: How often the long-lived sender asks for the office's statuses and notices.
    poll_interval_s: float = 300.0

    @classmethod
    def from_preset(cls, preset: Preset, environ: Mapping[str, str] | None = None) -> SendingConfig:
        if not preset.sending_configured:
            raise NotConfigured()
        env = os.environ if environ is None else environ
        chunk = DEFAULT_CHUNK
        raw = env.get(CHUNK_ENV, "").strip()
        if raw.isdigit():
            chunk = max(MIN_CHUNK, int(raw))
        return cls(endpoint=preset.endpoint, ca_bundle=preset.ca_bundle, chunk_size=chunk)
