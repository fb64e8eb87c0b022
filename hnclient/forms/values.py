"""Single-value checks, shared by the engine and by the UI's as-you-type feedback.

They take the officer's text as typed and answer yes/no; nothing is converted in place,
because the stored value must stay exactly what the officer wrote (it is signed off).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?")
_NUMBER_RE = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")
# After removing spaces and hyphens: landline with area code (0974 8512655, (0974)8512655),
# mobile, or the nationwide 400/800 service numbers.
_PHONE_RE = re.compile(r"(?:0\d{2,3}|\(0\d{2,3}\))\d{7,8}|1[3-9]\d{9}|[48]00\d{7}")
_PHONE_NOISE = str.maketrans({" ": "", "\u3000": "", "-": "", "－": "", "（": "(", "）": ")"})
# Service guides often give two numbers in one box: "0974-8512655、0974-8511475".
_PHONE_SEPARATORS = re.compile(r"[、，,；;/]")


def is_blank(value: object) -> bool:
    """Empty as the rules see it: None, whitespace, or a list/row with nothing filled in."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, list):
        return all(is_blank(v) for v in value)
    if isinstance(value, dict):
        return all(is_blank(v) for v in value.values())
    return False


def text_length(value: str) -> int:
    """Characters as an officer counts them: code points, ignoring surrounding whitespace."""
    return len(value.strip())


def parse_date(value: str) -> date | None:
    text = value.strip()
    if not _DATE_RE.fullmatch(text):  # fromisoformat alone also takes 20250318 and 2025-W12
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_datetime(value: str) -> datetime | None:
    text = value.strip()
    if not _DATETIME_RE.fullmatch(text):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def is_number(value: str) -> bool:
    return _NUMBER_RE.fullmatch(value.strip()) is not None


def is_phone(value: str) -> bool:
    parts = [p.translate(_PHONE_NOISE) for p in _PHONE_SEPARATORS.split(value.strip())]
    return all(_PHONE_RE.fullmatch(p) for p in parts)


def is_url(value: str) -> bool:
    text = value.strip()
    if not text or any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port such as :abc
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)
