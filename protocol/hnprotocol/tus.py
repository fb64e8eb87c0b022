"""tus 1.0.0 details both sides need (https://tus.io/protocols/resumable-upload):
header names and values, the metadata encoding and the checksum header."""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

TUS_VERSION = "1.0.0"
EXTENSIONS = ("creation", "checksum", "termination", "expiration")
#: sha1 is required by the checksum extension; sha256 is what hnclient sends.
CHECKSUM_ALGORITHMS = ("sha1", "sha256")
MAX_SIZE = 4 * 1024**3
OFFSET_CONTENT_TYPE = "application/offset+octet-stream"
CHECKSUM_MISMATCH = 460
_KEY = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")


def encode_metadata(values: dict[str, str]) -> str:
    """``Upload-Metadata``: ``key base64(value)`` pairs, comma-separated."""
    parts = []
    for key, value in values.items():
        if not _KEY.match(key):
            raise ValueError(f"invalid metadata key {key!r}")
        parts.append(f"{key} {base64.b64encode(value.encode('utf-8')).decode('ascii')}")
    return ",".join(parts)


def decode_metadata(header: str | None) -> dict[str, str]:
    """The metadata pairs; ``ValueError`` for a malformed header (keys must be unique)."""
    values: dict[str, str] = {}
    if not header:
        return values
    for pair in header.split(","):
        fields = pair.strip().split(" ")
        if not fields[0] or not _KEY.match(fields[0]) or len(fields) > 2 or fields[0] in values:
            raise ValueError(f"malformed Upload-Metadata pair {pair!r}")
        try:
            raw = base64.b64decode(fields[1], validate=True) if len(fields) == 2 else b""
            values[fields[0]] = raw.decode("utf-8")
        except (binascii.Error, UnicodeDecodeError) as error:
            raise ValueError(f"malformed Upload-Metadata value for {fields[0]!r}") from error
    return values


def checksum_header(algorithm: str, data: bytes) -> str:
    """``Upload-Checksum`` for ``data``: ``<alg> <base64 digest>``."""
    if algorithm not in CHECKSUM_ALGORITHMS:
        raise ValueError(f"unsupported checksum algorithm {algorithm!r}")
    digest = hashlib.new(algorithm, data).digest()
    return f"{algorithm} {base64.b64encode(digest).decode('ascii')}"


def parse_checksum(header: str) -> tuple[str, bytes]:
    """``(algorithm, digest)``; ``ValueError`` when malformed (the server answers 400)."""
    fields = header.strip().split(" ")
    if len(fields) != 2:
        raise ValueError("malformed Upload-Checksum")
    try:
        return fields[0].lower(), base64.b64decode(fields[1], validate=True)
    except binascii.Error as error:
        raise ValueError("malformed Upload-Checksum digest") from error
