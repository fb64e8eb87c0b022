"""The canonical JSON every hash and signature of the protocol is computed over.

Deterministic UTF-8 JSON (``docs/signoff.md``): object keys sorted by code point, strings
NFC-normalised, no insignificant whitespace, floats with an integral value written as
integers, non-ASCII written as itself (not ``\\u`` escapes). Both the client and the endpoint
import this one function, so they cannot disagree.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any

JsonValue = Any  # str | int | float | bool | None | list[JsonValue] | dict[str, JsonValue]


def _normalise(value: JsonValue) -> JsonValue:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {unicodedata.normalize("NFC", str(k)): _normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_normalise(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def canonical_json(value: JsonValue) -> bytes:
    """Deterministic UTF-8 JSON: sorted keys, NFC strings, no spaces, integral floats as ints."""
    return json.dumps(
        _normalise(value), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")
