"""Blocks for what the prefecture office needs beside the publishable text.

The office publishes the item's text (title, body, its tables and photos) and files the rest.
Three blocks serve that, built by :func:`hnclient.word.layout.build_layout` and drawn by the
Word writer and the page preview alike:

* :class:`ReportInfo` — the 报送信息 table after the text: category, unit, channels, the
  form's bookkeeping fields (kind of activity, time, place, document numbers …) and the
  submitter's contact (联系人、联系电话, notice 六(一)). It used to stand *before* the body,
  two to eight lines of labels a clerk had to cut before publishing; now the publishable
  text runs from the title to the photos uninterrupted, and everything the office only
  reads is in one compact table marked 不公开发布, next to the sign-off, which is bookkeeping
  too. A clerk copies the text above it and files the rest.
* :class:`ElementTable` — a service guide (附件3) as a two-column table 要素 | 内容: sixteen
  elements as numbered headings with a paragraph each filled four pages; as rows of a table
  a guide fits on one or two pages and reads like the guides offices print for a counter.
* :class:`Closing` — an announcement's 落款 (issuing authority and date) after 特此公告,
  set per GB/T 9704 7.3.5.2 for a document without a seal.

Kept apart from :mod:`hnclient.word.layout` so that these office rules can change without
touching the layout of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: A run of half-width characters no reader breaks well: a URL, an e-mail address, a long
#: file or account number (8 characters' width and more).
_LONG_WORD = re.compile(r"[\x21-\x7e]{16,}")


def flush_left(text: str) -> bool:
    """True when a paragraph holding ``text`` is set flush left instead of justified.

    A URL does not fit the rest of a line and moves to the next one whole (or up to its
    first break after a “/”); justified, the line it left is spread over the full width,
    “详　见” with three characters' gaps, and “相　关　链　接　：” when a label stands alone.
    Chinese characters are all one em wide, so a flush-left paragraph still ends nearly
    flush on the right except where the URL was moved.
    """
    return bool(_LONG_WORD.search(text))


REPORT_HEADING = "报送信息（供审核报送，不公开发布）"
CONTACT_NAME_LABEL = "联系人"
CONTACT_PHONE_LABEL = "联系电话"
ELEMENT_COLUMNS = ("要素", "内容")


@dataclass(frozen=True)
class Contact:
    """Who the office calls about the item: the information officer and a telephone
    (settings ``officer`` and ``phone``, asked at first start)."""

    name: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ReportInfo:
    """The 报送信息 table: ``rows`` of (label, value), values possibly several lines."""

    rows: tuple[tuple[str, str], ...]
    heading: str = REPORT_HEADING


@dataclass(frozen=True)
class ElementTable:
    """A service guide's elements as (要素, 内容) rows under a header row."""

    rows: tuple[tuple[str, str], ...]
    columns: tuple[str, str] = ELEMENT_COLUMNS


#: GB/T 9704 7.3.5.2: 发文机关署名 右空二字; the date's first character two characters right
#: of the signature's first character.
SIGNATURE_RIGHT_EM = 2.0
DATE_SHIFT_EM = 2.0


@dataclass(frozen=True)
class Closing:
    """落款 without a seal (GB/T 9704 7.3.5.2): one empty line under the text (or the 附件说明),
    the issuing authority 右空二字, and on the next line the date, its first character two
    characters to the right of the authority's first; a date longer than that allows stands
    右空二字 and the authority moves left by as much.

    ``signer_em`` and ``date_em`` are the printed widths (in em of the body size) the caller
    measured. :meth:`indents` places the signature by its right edge and the date by its
    *left* edge, two characters in from the signature's start: a date's printed width varies
    with the font's digits (½ em in 仿宋_GB2312, 0.64 em in a substitute, plus the space some
    readers put around digits), so only its start can be exact in Word, WPS and LibreOffice.
    """

    signer: str
    date: str
    signer_em: float
    date_em: float

    def indents(self, width_em: float) -> tuple[float, float]:
        """(the signature's right indent, the date's left indent) in em, on a line of
        ``width_em``."""
        signer_start = width_em - SIGNATURE_RIGHT_EM - self.signer_em
        date_left = signer_start + DATE_SHIFT_EM
        if date_left + self.date_em <= width_em - SIGNATURE_RIGHT_EM:
            return SIGNATURE_RIGHT_EM, date_left
        # The date is the longer line: it stands 右空二字 and the signature moves left.
        date_left = width_em - SIGNATURE_RIGHT_EM - self.date_em
        return width_em - (date_left - DATE_SHIFT_EM) - self.signer_em, date_left
