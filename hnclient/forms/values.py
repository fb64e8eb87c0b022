"""Single-value checks, shared by the engine and by the UI's as-you-type feedback.

They take the officer's text as typed and answer yes/no; nothing is converted in place,
because the stored value must stay exactly what the officer wrote (it is signed off). The
checks look at :func:`hnclient.textnorm.fold` of it, so full-width digits from a Chinese input
method (１２、８．５％), invisible characters pasted from web pages and the like are judged as
what they look like. A web address is the exception: it is published as a link, so it must
work as typed (see :func:`url_trouble`).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlsplit

from hnclient.textnorm import fold, has_invisible

_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME_RE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?")
_NUMBER_RE = re.compile(r"[+\-\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")
_MOBILE = re.compile(r"1[3-9]\d{9}")
# Service numbers as offices print them: 110 … 122, the 12345 hotline and other five-digit
# 10xxx–12xxx numbers (10086, 12315, 12348), and 95xxx/96xxx(x) service lines.
_SERVICE = r"1[0-2]\d{3}|9[56]\d{3,4}"
# After removing separators: landline with area code (0974 8512655, (0974)8512655), a
# service number with or without an area code (0974-12345), a mobile, or a 400/800 number.
_PHONE_RE = re.compile(
    rf"0\d{{2,3}}(?:\d{{7,8}}|{_SERVICE})|11[0249]|12[02]|{_SERVICE}|{_MOBILE.pattern}"
    r"|[48]00\d{7}"
)
# Spaces, parentheses around an area code and every dash an office document uses.
_PHONE_NOISE = re.compile(r"[\s()\-\u2010-\u2015\u2212]")
# +86 / 0086 (the area code then loses its leading 0: +86 974 8512655, +86-10-12345678).
_PHONE_COUNTRY = re.compile(r"(?:\+|00)86(?=[\s()\-\u2010-\u2015\u2212]*\d)")
# An extension: 转801, 分机801, ext. 801, -801, (转801).
_PHONE_EXTENSION = re.compile(
    r"(?P<number>.+?)\s*\(?\s*(?:转|分机|ext\.?|x|#|[\-\u2010-\u2015\u2212])\s*\d{1,6}\s*\)?",
    re.IGNORECASE,
)
# Service guides often give two numbers in one box: "0974-8512655、0974-8511475".
_PHONE_SEPARATORS = re.compile(r"[、,;/]|或")


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
    """12, -12.5, 1,234, 8.5%, also typed full-width (８．５％); the value stays as typed."""
    return _NUMBER_RE.fullmatch(fold(value).strip()) is not None


def _is_one_phone(part: str) -> bool:
    country = _PHONE_COUNTRY.match(part)
    if country is not None:
        part = part[country.end() :]
    digits = _PHONE_NOISE.sub("", part)
    if country is not None and not digits.startswith("0") and not _MOBILE.fullmatch(digits):
        digits = "0" + digits  # +86 974 8512655 is 0974 8512655, +86 10 … is 010 …
    return _PHONE_RE.fullmatch(digits) is not None


#: What :func:`is_phone` takes, said to the officer after the field's name (“联系电话”…):
#: the form fields and the unit's own telephone (查看 → 本单位信息…) say it alike.
PHONE_RULE_ZH = (
    "不是有效的电话号码。座机请带区号（如 0974-8512655），手机号为11位（如 13909740000），"
    "也可填写 12345 等服务电话或400、800开头的号码，分机写在后面（如 0974-8512655转801）；"
    "有多个号码的用“、”隔开。"
)
PHONE_RULE_EN = (
    "is not a valid phone number: a landline with area code (0974-8512655), an 11-digit "
    "mobile, a service number such as 12345, or a 400/800 number, an extension after it "
    "(0974-8512655 ext. 801); separate several numbers with “、”."
)


def is_phone(value: str) -> bool:
    """One or more numbers as offices print them, each with an optional extension."""
    parts = [p.strip() for p in _PHONE_SEPARATORS.split(fold(value).strip())]
    for part in parts:
        if _is_one_phone(part):
            continue
        extension = _PHONE_EXTENSION.fullmatch(part)
        if extension is None or not _is_one_phone(extension["number"]):
            return False
    return True


def url_trouble(value: str) -> str | None:
    """Why a web address that looks right would not work as typed, or None.

    "invisible": it has a character that shows as nothing (pasted from a web page or PDF);
    "full_width": it has full-width letters or punctuation (ｗｗｗ．, ：／／).
    """
    if has_invisible(value):
        return "invisible"
    if fold(value) != value and is_url(fold(value)):
        return "full_width"
    return None


def is_url(value: str) -> bool:
    """An http(s) address that works as typed: no spaces, no invisible characters."""
    text = value.strip()
    if has_invisible(text):
        return False
    if not text or any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port such as :abc
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.hostname)
