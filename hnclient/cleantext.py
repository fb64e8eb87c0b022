"""Characters that text pasted from Word, WPS or web pages carries but a document cannot hold.

Word puts its own layout marks on the clipboard as control characters: a manual line break
(Shift+Enter) as a vertical tab (U+000B), a page or section break as a form feed (U+000C),
and a damaged file may give a NUL. None of these is allowed in XML 1.0, so python-docx (lxml)
refuses the whole document with an English message; a lone surrogate (half of a broken emoji)
or U+FFFE/U+FFFF cannot even be written as UTF-8. :func:`clean_text` is the one rule, applied

* where text enters — :meth:`hnclient.service.ItemService.save` cleans every string of an item
  (:func:`clean_item`), so what is stored, signed and sent is what the page shows; and
* where it is rendered — :func:`hnclient.word.layout.build_layout` cleans again, so an item
  stored with such characters before this rule existed (or restored from an old revision)
  still exports.

What each becomes (a decision, written down in ``docs/word-layout.md``):

* a manual line break (VT, U+2028 LINE SEPARATOR, U+0085 NEL) → ``"\\n"``: the editor's text
  fields have one kind of line break, and the document sets each line of the body as a
  paragraph of its own (GB/T 9704 bodies have no hard line breaks inside a paragraph);
* a page break (FF, U+2029 PARAGRAPH SEPARATOR) → a blank line (``"\\n\\n"``), a paragraph
  break: the office lays out its own pages;
* CR LF and a lone CR → ``"\\n"``; a tab stays (XML allows it; python-docx writes ``w:tab``);
* NUL, every other C0 and C1 control, lone surrogates and the noncharacters (U+FDD0–U+FDEF,
  and U+xFFFE/U+xFFFF in every plane) → nothing.

In a single-line text (the title, :func:`clean_line`) every line break becomes nothing, since
a Chinese title has no spaces between words.
"""

from __future__ import annotations

import re
from typing import Any

from hnclient.items import Item

_LINE_BREAKS = "\x0b\u2028\x85"
_PAGE_BREAKS = "\x0c\u2029"
_NEWLINE = {ord(c): "\n" for c in _LINE_BREAKS} | {ord(c): "\n\n" for c in _PAGE_BREAKS}
#: What is dropped: C0 controls but tab and line feed, DEL and C1, surrogates, noncharacters.
_DROPPED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)
#: Fast path: text with none of the characters above (nearly all text) is returned as is.
_SUSPECT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17))
    + "]"
)


def clean_text(text: str) -> str:
    """``text`` with Word's breaks turned into line breaks and the rest dropped (see above)."""
    if not _SUSPECT.search(text):
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_NEWLINE)
    return _DROPPED.sub("", text)


def clean_line(text: str) -> str:
    """A single-line text (a title): as :func:`clean_text`, and line breaks removed."""
    cleaned = clean_text(text)
    return cleaned.replace("\n", "") if "\n" in cleaned else cleaned


def clean_value(value: Any) -> Any:
    """Every string inside a JSON value (a form field, a table's rows) cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_value(v) for v in value]
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_value(v) for k, v in value.items()}
    return value


def clean_item(item: Item) -> Item:
    """``item`` with its title, summary and every form value cleaned; the same object when
    nothing needed cleaning (so a save of clean text changes nothing)."""
    title = clean_line(item.title)
    summary = clean_text(item.summary)
    values = clean_value(item.values)
    if title == item.title and summary == item.summary and values == item.values:
        return item
    return item.with_changes(title=title, summary=summary, values=values)


def has_unclean(text: str) -> bool:
    """True when :func:`clean_text` would change ``text``."""
    return clean_text(text) != text
