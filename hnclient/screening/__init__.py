"""The classified-content guard run before an item is submitted for review (issue 6, point 6).

Notice 南政办〔2015〕86号 四(二): 涉密文件、信息 must not go online, and the unit's leader
reviews everything first. :func:`screen` looks through the item's texts and the text of its
Word attachments for classification markings (:mod:`~hnclient.screening.marks`, the same rule
the form warnings use) and for personal data (:mod:`~hnclient.screening.personal`), and
compares the item with items already sent (:mod:`~hnclient.screening.duplicates`). Each hit is
a :class:`Finding`: a warning with its context, which the officer fixes or explains in a note
the leader sees. A Word file that cannot be read is reported as "unscanned", never skipped.

Plain values in, plain values out: no item or store types, no Qt. Reading a .docx loads
python-docx on first use, not on import.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from hnclient.checks.limits import Limits
from hnclient.screening.duplicates import THRESHOLD, find_duplicates
from hnclient.screening.findings import (
    PART_LABELS,
    UNSCANNED_REASONS,
    EarlierItem,
    Finding,
    FindingKind,
    LabelledText,
    Source,
    context,
    fingerprint,
    shown,
)
from hnclient.screening.marks import MarkingMatch, iter_markings
from hnclient.screening.personal import PersonalMatch, iter_personal

__all__ = [
    "MAX_PER_TEXT",
    "MAX_TEXT_CHARS",
    "PART_LABELS",
    "THRESHOLD",
    "TITLE_KEY",
    "UNSCANNED_REASONS",
    "EarlierItem",
    "Finding",
    "FindingKind",
    "LabelledText",
    "MarkingMatch",
    "PersonalMatch",
    "Source",
    "item_text",
    "iter_markings",
    "iter_personal",
    "scan_text",
    "scan_word_file",
    "screen",
]

#: The key of the :class:`LabelledText` that is the item's title.
TITLE_KEY = "title"
#: Characters of one field's text that are scanned (attachments:
#: :data:`hnclient.screening.word.MAX_CHARS`); the rest is reported as not scanned.
MAX_TEXT_CHARS = 1_000_000
#: Findings listed per text (field or attachment part); past it, one "unscanned" finding
#: ("too_many") asks for a check by hand instead of thousands of lines.
MAX_PER_TEXT = 100
#: Bytes of a file hashed for the fingerprint of an "unscanned" finding.
_HASH_MAX_BYTES = 256 * 1024 * 1024


def screen(
    texts: Sequence[LabelledText],
    word_files: Sequence[tuple[str, Path]] = (),
    earlier: Sequence[EarlierItem] = (),
    *,
    item_id: str | None = None,
    limits: Limits | None = None,
    today: date | None = None,
) -> list[Finding]:
    """Everything the officer must fix or explain before the item goes to review.

    ``texts``: the item flattened (title, summary, form fields, table cells), in the order
    they are shown. ``word_files``: (display name, path) of each .docx/.doc attachment.
    ``earlier``: items already sent or approved; the one with ``item_id`` (the item itself,
    when it was sent before and is being revised) is skipped. ``limits``: the county's file
    caps (:class:`hnclient.checks.Limits`). ``today``: for the birth dates of ID numbers.

    Findings come in the order of ``texts``, then of ``word_files`` (each file's parts:
    body, headers, footers, notes, comments), then near-duplicates; within a text by offset.
    Never raises for a bad file.
    """
    findings: list[Finding] = []
    for piece in texts:
        findings += scan_text(
            piece.text, "field", piece.key, "", piece.label_zh, piece.label_en, today=today
        )
    for name, path in word_files:
        findings += scan_word_file(name, path, limits=limits, today=today)
    title = next((t.text for t in texts if t.key == TITLE_KEY), "")
    for dup in find_duplicates(title, item_text(texts), earlier, item_id=item_id):
        findings.append(
            Finding(
                kind="duplicate",
                source="item",
                key="",
                part="",
                label_zh="这条信息",
                label_en="This item",
                match=title,
                start=0,
                end=len(title),
                shown=title,
                context=f"“{dup.title}”",
                fingerprint=fingerprint("duplicate", "item", "", "", dup.item_id),
                earlier_id=dup.item_id,
                earlier_title=dup.title,
                similarity=dup.similarity,
                same_title=dup.same_title,
            )
        )
    return findings


def item_text(texts: Sequence[LabelledText]) -> str:
    """The text near-duplicates are judged by: every piece but the title, a line each.

    Build :attr:`EarlierItem.text` with it too, so that both sides are flattened alike.
    """
    return "\n".join(t.text for t in texts if t.key != TITLE_KEY and t.text)


def scan_text(
    text: str,
    source: Source,
    key: str,
    part: str,
    label_zh: str,
    label_en: str,
    *,
    today: date | None = None,
    max_chars: int = MAX_TEXT_CHARS,
) -> list[Finding]:
    """Markings and personal data in one text, by offset."""
    if not text:
        return []
    findings: list[Finding] = []
    if len(text) > max_chars:
        text = text[:max_chars]
        findings.append(_unscanned(source, key, part, label_zh, label_en, "truncated", ""))
    people = list(iter_personal(text, today))
    hidden = frozenset().union(*(p.hidden for p in people))
    hits: list[tuple[int, int, Finding]] = []
    for number in people:
        hits.append(
            (
                number.start,
                1,
                Finding(
                    kind=number.kind,
                    source=source,
                    key=key,
                    part=part,
                    label_zh=label_zh,
                    label_en=label_en,
                    match=number.text,
                    start=number.start,
                    end=number.end,
                    shown=shown(text, number.start, number.end, hidden),
                    context=context(text, number.start, number.end, hidden),
                    fingerprint=fingerprint(number.kind, source, key, part, number.number),
                ),
            )
        )
    for mark in iter_markings(text):
        hits.append(
            (
                mark.start,
                0,
                Finding(
                    kind="marking",
                    source=source,
                    key=key,
                    part=part,
                    label_zh=label_zh,
                    label_en=label_en,
                    match=mark.text,
                    start=mark.start,
                    end=mark.end,
                    shown=shown(text, mark.start, mark.end, hidden),
                    context=context(text, mark.start, mark.end, hidden),
                    fingerprint=fingerprint("marking", source, key, part, mark.canonical),
                    canonical=mark.canonical,
                ),
            )
        )
    hits.sort(key=lambda h: (h[0], h[1]))
    if len(hits) > MAX_PER_TEXT:
        hits = hits[:MAX_PER_TEXT]
        findings.append(_unscanned(source, key, part, label_zh, label_en, "too_many", ""))
    return [h[2] for h in hits] + findings


def scan_word_file(
    name: str, path: Path, *, limits: Limits | None = None, today: date | None = None
) -> list[Finding]:
    """Markings and personal data in a Word attachment, part by part; an "unscanned" finding
    when it cannot be read, or only partly. Never raises."""
    from hnclient.screening.word import MAX_CHARS, extract_word_text  # noqa: PLC0415

    extracted = extract_word_text(path, limits)
    findings: list[Finding] = []
    for word_part in extracted.parts:
        part_zh, part_en = PART_LABELS.get(word_part.part, (word_part.part, word_part.part))
        findings += scan_text(
            word_part.text,
            "attachment",
            name,
            word_part.part,
            f"附件“{name}”的{part_zh}",
            f"the {part_en} of the attachment “{name}”",
            today=today,
            max_chars=MAX_CHARS,  # already capped, for the whole file
        )
    if extracted.problem is not None:
        findings.append(
            _unscanned(
                "attachment",
                name,
                "",
                f"附件“{name}”",
                f"The attachment “{name}”",
                extracted.problem.code,
                extracted.problem.detail,
                _file_identity(path),
            )
        )
    return findings


def _unscanned(
    source: Source,
    key: str,
    part: str,
    label_zh: str,
    label_en: str,
    reason: str,
    detail: str,
    identity: str = "",
) -> Finding:
    return Finding(
        kind="unscanned",
        source=source,
        key=key,
        part=part,
        label_zh=label_zh,
        label_en=label_en,
        match="",
        start=0,
        end=0,
        shown="",
        context="",
        fingerprint=fingerprint("unscanned", source, key, part, f"{reason}\x1f{identity}"),
        reason=reason,
        detail=detail,
    )


def _file_identity(path: Path) -> str:
    """SHA-256 of the file (of its first 256 MiB and its size, if larger), so that a note
    "checked by hand" does not carry over to another file of the same name."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            left = _HASH_MAX_BYTES
            while left > 0 and (block := fh.read(min(1 << 20, left))):
                digest.update(block)
                left -= len(block)
            size = path.stat().st_size
    except OSError:
        return ""
    return f"{digest.hexdigest()}:{size}"
