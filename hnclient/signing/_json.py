"""Strict readers for the JSON form of the signing records (private to the package).

Every failure is a ``ValueError`` naming the field, so ``from_json`` methods can say what is
wrong with a damaged row.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

from hnclient.signing.kdf import MAX_SALT_BYTES, MIN_SALT_BYTES, ScryptParams


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(value: object, field: str) -> bytes:
    """Standard base64 with padding; anything else raises ``ValueError`` naming the field."""
    if not isinstance(value, str):
        raise ValueError(f"{field}: expected a base64 string, got {type(value).__name__}")
    try:
        return base64.b64decode(value.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error) as error:
        raise ValueError(f"{field}: not valid base64") from error


def require_mapping(data: object, what: str, keys: set[str]) -> Mapping[str, Any]:
    """``data`` as a mapping with exactly ``keys`` (missing or unknown keys are refused)."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{what}: expected a JSON object, got {type(data).__name__}")
    present = set(data)
    if present != keys:
        missing = sorted(keys - present)
        extra = sorted(str(k) for k in present - keys)
        raise ValueError(f"{what}: missing keys {missing}, unknown keys {extra}")
    return data


def require_int(value: object, field: str) -> int:
    if type(value) is not int:
        raise ValueError(f"{field}: expected an integer, got {type(value).__name__}")
    return value


def require_str(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{field}: expected a string, got {type(value).__name__}")
    return value


def check_salt(salt: object, field: str = "salt") -> None:
    if not isinstance(salt, bytes):
        raise ValueError(f"{field}: expected bytes, got {type(salt).__name__}")
    if not MIN_SALT_BYTES <= len(salt) <= MAX_SALT_BYTES:
        raise ValueError(f"{field}: {len(salt)} bytes, expected {MIN_SALT_BYTES}–{MAX_SALT_BYTES}")


def read_scrypt(data: Mapping[str, Any], what: str) -> ScryptParams:
    """The ``n``, ``r``, ``p`` fields of ``data`` as checked :class:`ScryptParams`."""
    try:
        return ScryptParams(
            n=require_int(data["n"], f"{what}.n"),
            r=require_int(data["r"], f"{what}.r"),
            p=require_int(data["p"], f"{what}.p"),
        )
    except ValueError as error:
        raise ValueError(f"{what}: {error}") from error
