"""Personal data that must not go online: resident ID numbers and mobile numbers.

An ID number is reported only when it is one: 18 characters under GB 11643-1999 — a 6-digit
area code whose first two digits name a province-level division, a birth date that exists and
is not in the future, a 3-digit sequence and the ISO 7064 MOD 11-2 check character (0-9 or
X). A mobile number is 11 digits starting 13-19, written together or as 3-4-4 groups with a
space or hyphen, optionally after +86 or 0086. Neither is reported inside a longer run of
digits (an account or a serial number), but invisible characters between digits do not hide
a number (the folds of :mod:`hnclient.screening.folding`).

Whoever shows a hit shows it masked (:attr:`PersonalMatch.hidden` lists the characters to
hide), so that the screen and the logs do not spread the number further.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from hnclient.screening.folding import fold_for_numbers

PersonalKind = Literal["id_number", "mobile"]

#: First two digits of the area code: province-level divisions (GB/T 2260), and 81-83 for
#: the residence permits of Hong Kong, Macao and Taiwan residents.
PROVINCES = frozenset(
    {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46}
    | {50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
)
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_SEP = r"(?:[ ]?[-\u2010-\u2015][ ]?|[ ])?"

_ID_RE = re.compile(
    rf"(?<![0-9])[1-9][0-9]{{5}}{_SEP}(?:18|19|20)[0-9]{{6}}{_SEP}[0-9]{{3}}[0-9Xx](?![0-9Xx])"
)
_MOBILE_RE = re.compile(
    rf"(?<![0-9+])(?:\(?(?:\+|00)86\)?[ \-]?)?1[3-9][0-9]{_SEP}[0-9]{{4}}{_SEP}[0-9]{{4}}(?![0-9])"
)
_DIGITS = re.compile(r"[0-9Xx]")
#: Shown around the hidden middle: 6301**********123X, 138****5678.
_ID_SHOW = (4, 4)
_MOBILE_SHOW = (3, 4)
_ANY_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class PersonalMatch:
    """One number, located in the original text.

    ``number`` is the number itself (18 characters with an upper-case X, or the 11 digits of
    a mobile without its country code); ``hidden`` the offsets in the original text of the
    characters to show as "*". Neither ``text`` nor ``number`` may be shown or logged (both
    are left out of ``repr``).
    """

    kind: PersonalKind
    start: int
    end: int
    text: str = field(repr=False)
    number: str = field(repr=False)
    hidden: frozenset[int] = field(repr=False)


def id_check_character(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def is_valid_id_number(number: str, today: date | None = None) -> bool:
    """Whether 18 characters are a well-formed resident ID number (area, birth date, check)."""
    if len(number) != 18 or not number[:17].isdigit() or not number[:17].isascii():
        return False
    if int(number[:2]) not in PROVINCES:
        return False
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if born.year < 1900 or born > (today or date.today()):
        return False
    return id_check_character(number[:17]) == number[17].upper()


def iter_personal(text: str, today: date | None = None) -> Iterator[PersonalMatch]:
    """ID numbers and mobile numbers in ``text``, in order; a mobile inside an ID is not one."""
    if not text or not _ANY_DIGIT.search(text):
        return
    folded = fold_for_numbers(text)
    found: list[PersonalMatch] = []
    for m in _ID_RE.finditer(folded.text):
        positions = [m.start() + d.start() for d in _DIGITS.finditer(m.group())]
        number = "".join(folded.text[p] for p in positions).upper()
        if is_valid_id_number(number, today):
            found.append(
                _match(
                    "id_number",
                    text,
                    folded.span(m.start(), m.end()),
                    number,
                    [folded.origin[p] for p in positions],
                    _ID_SHOW,
                )
            )
    taken = [(f.start, f.end) for f in found]
    for m in _MOBILE_RE.finditer(folded.text):
        # The last 11 digits are the number; before them is the country code.
        positions = [m.start() + d.start() for d in re.finditer("[0-9]", m.group())][-11:]
        start, end = folded.span(m.start(), m.end())
        if any(start < e and s < end for s, e in taken):
            continue
        number = "".join(folded.text[p] for p in positions)
        found.append(
            _match(
                "mobile",
                text,
                (start, end),
                number,
                [folded.origin[p] for p in positions],
                _MOBILE_SHOW,
            )
        )
    yield from sorted(found, key=lambda f: f.start)


def _match(
    kind: PersonalKind,
    text: str,
    span: tuple[int, int],
    number: str,
    places: list[int],
    show: tuple[int, int],
) -> PersonalMatch:
    head, tail = show
    start, end = span
    return PersonalMatch(
        kind=kind,
        start=start,
        end=end,
        text=text[start:end],
        number=number,
        hidden=frozenset(places[head : len(places) - tail]),
    )


def masked(number: str, kind: PersonalKind) -> str:
    """A number as it may be shown: "6301**********123X", "138****5678"."""
    head, tail = _ID_SHOW if kind == "id_number" else _MOBILE_SHOW
    return number[:head] + "*" * (len(number) - head - tail) + number[len(number) - tail :]
