"""The text of Word attachments, for the guard: .docx and legacy .doc, never raising.

A .docx is read through python-docx (which finds the parts through their relationships) and,
when python-docx refuses the file — as it does with some files Word opens (library-notes.md) —
straight from the ZIP. Either way each part's XML goes through one expat walker that keeps
paragraphs apart and reads what a reader of the document can see: body, tables, text boxes,
headers, footers, footnotes, endnotes and comments, and also tracked deletions, which travel
with the file. Of an ``mc:AlternateContent`` only the first choice is read (Word writes text
boxes twice, as DrawingML and as a VML fallback).

A .doc (Word 97-2003) is read from its ``WordDocument`` stream through the piece table (the
CLX in the table stream, [MS-DOC] 2.9.38): each piece is UTF-16LE or, when compressed,
cp1252. The character counts of the FIB split it into body, footnotes, headers, comments,
endnotes and text boxes. Field instructions are left out, field results kept.

Every cap is applied before the work it bounds: the file size, the ZIP directory (entries,
expanded size, part size; python-docx reads every part into memory on open) and the number
of characters kept. A file that cannot be read, or only partly, says so in
:attr:`WordText.problem`; it is never skipped in silence.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.parsers import expat

from hnclient.checks.limits import Limits

#: Characters kept per attachment; the rest is not scanned (and the guard says so).
MAX_CHARS = 2_000_000

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
_MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: WordprocessingML elements the walker acts on (field instructions, w:instrText, are not read).
_W = {
    f"{ns}}}{local}": local
    for ns in _W_NAMESPACES
    for local in (
        "t",
        "delText",
        "tab",
        "ptab",
        "br",
        "cr",
        "noBreakHyphen",
        "softHyphen",
        "p",
    )
}
_AC, _CHOICE, _FALLBACK = (f"{_MC_NS}}}{n}" for n in ("AlternateContent", "Choice", "Fallback"))

#: Parts by the end of their relationship type, in the order they are scanned.
PARTS = ("document", "header", "footer", "footnotes", "endnotes", "comments")
#: Every value of :attr:`WordPart.part` (a .doc keeps headers and footers in one story).
PART_NAMES = (*PARTS, "headers_footers", "textboxes")
_PART_OF_RELTYPE = {
    "/officeDocument": "document",
    "/header": "header",
    "/footer": "footer",
    "/footnotes": "footnotes",
    "/endnotes": "endnotes",
    "/comments": "comments",
}
_PART_NAME = re.compile(r"(?:^|/)(header|footer|footnotes|endnotes|comments)\d*\.xml$", re.I)


@dataclass(frozen=True, slots=True)
class WordPart:
    """The text of one part: ``part`` is one of :data:`PART_NAMES`."""

    part: str
    text: str


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a file was not scanned, or not all of it.

    ``code``: too_large, damaged, encrypted, old_format, not_word, unreadable, truncated
    (scanned only up to :data:`MAX_CHARS` characters). ``detail`` is technical, for the log.
    """

    code: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class WordText:
    parts: list[WordPart] = field(default_factory=list)
    problem: Problem | None = None


class _Stop(Exception):
    """A cap was reached, or the file is unusable: ends the extraction."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


class _Budget:
    def __init__(self, max_chars: int) -> None:
        self.left = max_chars
        self.exhausted = False

    def take(self, text: str) -> str:
        if len(text) > self.left:
            text = text[: self.left]
            self.exhausted = True
        self.left -= len(text)
        return text


def extract_word_text(
    path: Path, limits: Limits | None = None, max_chars: int = MAX_CHARS
) -> WordText:
    """The text of a .docx or .doc, judged by content, not by name. Never raises."""
    limits = limits or Limits()
    budget = _Budget(max_chars)
    parts: list[WordPart] = []
    try:
        size = path.stat().st_size
        if size > limits.word_max_bytes:
            raise _Stop(Problem("too_large", f"{size} bytes"))
        with path.open("rb") as fh:
            magic = fh.read(8)
        if magic.startswith(_ZIP_MAGIC):
            _docx_parts(path, limits, budget, parts)
        elif magic == _OLE_MAGIC:
            parts += _doc_parts(path, budget)
        else:
            raise _Stop(Problem("not_word", f"starts with {magic[:8]!r}"))
    except _Stop as stop:
        return WordText(parts, stop.problem)
    except OSError as error:
        return WordText(parts, Problem("unreadable", f"{type(error).__name__}: {error}"))
    except Exception as error:  # noqa: BLE001 - a damaged file may raise anything
        return WordText(parts, Problem("damaged", f"{type(error).__name__}: {error}"))
    if budget.exhausted:
        return WordText(parts, Problem("truncated", f"first {max_chars} characters"))
    return WordText(parts)


# --------------------------------------------------------------------------------------- docx


def _docx_parts(path: Path, limits: Limits, budget: _Budget, parts: list[WordPart]) -> None:
    """Append the text of each part to ``parts`` (so that a part that fails to parse leaves
    the parts before it scanned)."""
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise _Stop(Problem("damaged", f"zip: {error}")) from error
    with zf:
        infos = zf.infolist()
        total = sum(i.file_size for i in infos)
        if len(infos) > limits.zip_max_entries or total > limits.zip_max_total_uncompressed:
            raise _Stop(Problem("too_large", f"{len(infos)} entries, {total} bytes expanded"))
        try:
            blobs = _parts_by_python_docx(path)
        except Exception:  # noqa: BLE001 - python-docx refuses files Word opens
            blobs = _parts_from_zip(zf, limits)
        for part, blob in blobs:
            if len(blob) > limits.zip_max_xml_part:
                raise _Stop(Problem("too_large", f"{part}: {len(blob)} bytes"))
            text = budget.take(_xml_text(blob, budget.left + 1))
            if text.strip():
                parts.append(WordPart(part, text))
            if budget.exhausted:
                break


def _parts_by_python_docx(path: Path) -> list[tuple[str, bytes]]:
    import docx  # noqa: PLC0415 - slow import, needed only when a .docx is screened

    main = docx.Document(str(path)).part
    found: list[tuple[str, str, bytes]] = [("document", str(main.partname), main.blob)]
    for rel in main.rels.values():
        part = _part_of(rel.reltype)
        if part is None or part == "document" or rel.is_external:
            continue
        found.append((part, str(rel.target_part.partname), rel.target_part.blob))
    return _ordered(found)


def _parts_from_zip(zf: zipfile.ZipFile, limits: Limits) -> list[tuple[str, bytes]]:
    names = {i.filename for i in zf.infolist()}
    main = _main_part_name(zf, names, limits)
    found = [("document", main, _read(zf, main, limits))]
    for name in sorted(names):
        m = _PART_NAME.search(name)
        if m and name != main:
            found.append((m.group(1).lower(), name, _read(zf, name, limits)))
    return _ordered(found)


def _main_part_name(zf: zipfile.ZipFile, names: set[str], limits: Limits) -> str:
    """The main part named by the package relationships (Word for the web and Strict OOXML
    files name it otherwise), else word/document.xml."""
    if "_rels/.rels" in names:
        targets: list[str] = []

        def start(tag: str, attrs: dict[str, str]) -> None:
            if tag.endswith("Relationship") and _part_of(attrs.get("Type", "")) == "document":
                targets.append(attrs.get("Target", ""))

        try:
            _parse(_read(zf, "_rels/.rels", limits), start)
        except _Stop:
            targets = []
        for target in targets:
            name = posixpath.normpath(target.lstrip("/"))
            if name in names:
                return name
    if "word/document.xml" in names:
        return "word/document.xml"
    raise _Stop(Problem("damaged", "no main document part"))


def _part_of(reltype: str) -> str | None:
    return next((p for end, p in _PART_OF_RELTYPE.items() if reltype.endswith(end)), None)


def _ordered(found: list[tuple[str, str, bytes]]) -> list[tuple[str, bytes]]:
    found.sort(key=lambda f: (PARTS.index(f[0]), _natural(f[1])))
    return [(part, blob) for part, _name, blob in found]


def _natural(name: str) -> tuple[Any, ...]:
    """header2.xml before header10.xml."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name))


def _read(zf: zipfile.ZipFile, name: str, limits: Limits) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > limits.zip_max_xml_part:
        raise _Stop(Problem("too_large", f"{name}: {info.file_size} bytes"))
    return zf.read(info)


def _parse(
    data: bytes,
    on_start: Callable[[str, dict[str, str]], None],
    on_end: Callable[[str], None] | None = None,
    on_text: Callable[[str], None] | None = None,
) -> None:
    """Stream XML through expat, refusing any DTD (Word never writes one; refusing it at the
    parser means no entity is ever expanded, as in :mod:`hnclient.checks.word`)."""
    parser = expat.ParserCreate(namespace_separator="}")

    def doctype(*_args: object) -> None:
        raise _Stop(Problem("damaged", "DTD in an XML part"))

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = on_start
    if on_end is not None:
        parser.EndElementHandler = on_end
    if on_text is not None:
        parser.CharacterDataHandler = on_text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise _Stop(Problem("damaged", f"XML: {error}")) from error


def _xml_text(data: bytes, max_chars: int) -> str:
    """The readable text of one WordprocessingML part, a paragraph a line."""
    out: list[str] = []
    count = 0
    in_text = False
    skip_depth = 0  # > 0 while inside an element whose content is not read
    depth = 0
    #: One entry per open mc:AlternateContent: whether a Choice of it was read.
    alternates: list[bool] = []

    def emit(text: str) -> None:
        nonlocal count
        out.append(text)
        count += len(text)
        if count >= max_chars:
            raise _Full

    def start(tag: str, _attrs: dict[str, str]) -> None:
        nonlocal in_text, skip_depth, depth
        depth += 1
        if skip_depth:
            return
        if tag == _AC:
            alternates.append(False)
            return
        if tag in (_CHOICE, _FALLBACK) and alternates:
            if alternates[-1]:
                skip_depth = depth
            else:
                alternates[-1] = True
            return
        local = _W.get(tag)
        if local in ("t", "delText"):
            in_text = True
        elif local in ("tab", "ptab"):
            emit("\t")
        elif local in ("br", "cr"):
            emit("\n")
        elif local == "noBreakHyphen":
            emit("-")
        elif local == "softHyphen":
            emit("\u00ad")

    def end(tag: str) -> None:
        nonlocal in_text, skip_depth, depth
        if skip_depth:
            if depth == skip_depth:
                skip_depth = 0
            depth -= 1
            return
        depth -= 1
        if tag == _AC and alternates:
            alternates.pop()
            return
        local = _W.get(tag)
        if local in ("t", "delText"):
            in_text = False
        elif local == "p":
            emit("\n")

    def text(data: str) -> None:
        if in_text and not skip_depth:
            emit(data)

    try:
        _parse(data, start, end, text)
    except _Full:
        pass
    return "".join(out)


class _Full(Exception):
    """Enough text: stop parsing."""


# ---------------------------------------------------------------------------------------- doc

_FIB_IDENT = 0xA5EC
_FIB_ENCRYPTED = 0x0100
_FIB_WHICH_TABLE = 0x0200
#: nFib of Word 97; Word 6/95 files (0x65-0x68) have another FIB and are not read.
_NFIB_97 = 0x00C1
#: Stories after the main text, in the order of their counts in FibRgLw97 (ccpMcr unused).
_DOC_STORIES = (
    "document",
    "footnotes",
    "headers_footers",
    None,
    "comments",
    "endnotes",
    "textboxes",
    "textboxes",
)
_MAX_PIECES = 1_000_000
#: Control characters of the .doc text stream: paragraph, cell and row ends, line and page
#: breaks, non-breaking and optional hyphens; the rest (pictures, note references,
#: drawn objects) are objects with no text of their own.
_DOC_CONTROLS = {
    "\r": "\n",
    "\x07": "\n",
    "\x0b": "\n",
    "\x0c": "\n",
    "\x0e": "\n",
    "\x1e": "-",
    "\x1f": "\u00ad",
    "\t": "\t",
}
_CONTROL_TABLE = {c: _DOC_CONTROLS.get(chr(c)) for c in range(32)}
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"


def _doc_parts(path: Path, budget: _Budget) -> list[WordPart]:
    import olefile  # noqa: PLC0415

    try:
        ole = olefile.OleFileIO(str(path))
    except Exception as error:  # noqa: BLE001 - olefile raises OSError, struct.error, ...
        raise _Stop(Problem("damaged", f"olefile: {error}")) from error
    with ole:
        if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
            raise _Stop(Problem("encrypted"))
        if not ole.exists("WordDocument"):
            raise _Stop(Problem("not_word", "no WordDocument stream"))
        word = ole.openstream("WordDocument").read()
        if len(word) < 0x20:
            raise _Stop(Problem("damaged", "short FIB"))
        ident, nfib = struct.unpack_from("<HH", word, 0)
        (flags,) = struct.unpack_from("<H", word, 0x0A)
        if ident != _FIB_IDENT:
            raise _Stop(Problem("damaged", f"FIB ident {ident:#x}"))
        if flags & _FIB_ENCRYPTED:
            raise _Stop(Problem("encrypted"))
        if nfib < _NFIB_97 - 1:
            raise _Stop(Problem("old_format", f"nFib {nfib:#x}"))
        counts, fc_clx, lcb_clx = _fib(word)
        table_name = "1Table" if flags & _FIB_WHICH_TABLE else "0Table"
        if not ole.exists(table_name):
            raise _Stop(Problem("damaged", f"no {table_name} stream"))
        table = ole.openstream(table_name).read()
    if lcb_clx == 0 or fc_clx + lcb_clx > len(table):
        raise _Stop(Problem("damaged", "CLX outside the table stream"))
    pieces = _piece_table(table[fc_clx : fc_clx + lcb_clx])
    text = _doc_stream_text(word, pieces, budget)
    return _doc_stories(text, counts)


def _fib(word: bytes) -> tuple[list[int], int, int]:
    """Story character counts and the CLX location, from the variable-length FIB."""
    position = 0x20
    (csw,) = struct.unpack_from("<H", word, position)
    position += 2 + 2 * csw
    (cslw,) = struct.unpack_from("<H", word, position)
    rg_lw = position + 2
    position = rg_lw + 4 * cslw
    (cb_fc_lcb,) = struct.unpack_from("<H", word, position)
    rg_fc_lcb = position + 2
    if cslw < 11 or cb_fc_lcb < 34:
        raise _Stop(Problem("damaged", f"FIB too short ({cslw}, {cb_fc_lcb})"))
    counts = list(struct.unpack_from("<8i", word, rg_lw + 12))
    fc_clx, lcb_clx = struct.unpack_from("<II", word, rg_fc_lcb + 33 * 8)
    return counts, fc_clx, lcb_clx


def _piece_table(clx: bytes) -> list[tuple[int, int, int, bool]]:
    """(first CP, last CP, file offset, compressed) for each piece of the CLX's PlcPcd."""
    position = 0
    while position < len(clx) and clx[position] == 0x01:  # Prc: property modifiers
        (cb,) = struct.unpack_from("<h", clx, position + 1)
        if cb < 0:
            raise _Stop(Problem("damaged", "negative Prc size"))
        position += 3 + cb
    if position + 5 > len(clx) or clx[position] != 0x02:
        raise _Stop(Problem("damaged", "no Pcdt in the CLX"))
    (lcb,) = struct.unpack_from("<I", clx, position + 1)
    plc = clx[position + 5 : position + 5 + lcb]
    if lcb < 16 or len(plc) != lcb or (lcb - 4) % 12:
        raise _Stop(Problem("damaged", f"PlcPcd of {lcb} bytes"))
    count = (lcb - 4) // 12
    if count > _MAX_PIECES:
        raise _Stop(Problem("too_large", f"{count} pieces"))
    cps = struct.unpack_from(f"<{count + 1}I", plc, 0)
    pieces = []
    for i in range(count):
        (fc,) = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * i + 2)
        if cps[i + 1] < cps[i]:
            raise _Stop(Problem("damaged", "piece table out of order"))
        compressed = bool(fc & 0x40000000)
        offset = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        pieces.append((cps[i], cps[i + 1], offset, compressed))
    return pieces


def _doc_stream_text(
    word: bytes, pieces: Iterable[tuple[int, int, int, bool]], budget: _Budget
) -> str:
    chunks = []
    for first, last, offset, compressed in pieces:
        length = min(last - first, budget.left + 1)
        size = length if compressed else 2 * length
        if offset + size > len(word):
            raise _Stop(Problem("damaged", "a piece lies outside the WordDocument stream"))
        raw = word[offset : offset + size]
        chunk = (
            raw.decode("cp1252", "replace") if compressed else raw.decode("utf-16-le", "replace")
        )
        chunks.append(budget.take(chunk))
        if budget.exhausted:
            break
    return "".join(chunks)


def _doc_stories(text: str, counts: list[int]) -> list[WordPart]:
    """Split the character stream by the FIB's story counts (body first) and clean it."""
    stories: dict[str, list[str]] = {}
    position = 0
    valid = all(c >= 0 for c in counts)
    for name, count in zip(_DOC_STORIES, counts, strict=True):
        if not valid:
            break
        if name is not None and count:
            stories.setdefault(name, []).append(text[position : position + count])
        position += count
    if not valid or not stories:
        stories = {"document": [text]}
    elif position < len(text):
        # Text the counts do not account for (a damaged FIB, or the final paragraph mark).
        stories.setdefault("document", []).append(text[position:])
    parts = []
    for name in ("document", "footnotes", "headers_footers", "comments", "endnotes", "textboxes"):
        cleaned = _clean_doc_text("".join(stories.get(name, [])))
        if cleaned.strip():
            parts.append(WordPart(name, cleaned))
    return parts


def _clean_doc_text(text: str) -> str:
    """Field instructions out, field results in; control characters as line breaks or gone."""
    if _FIELD_BEGIN not in text:
        return text.translate(_CONTROL_TABLE)
    out: list[str] = []
    #: Per open field: whether we are still in its instructions (before the separator).
    fields: list[bool] = []
    for char in text:
        if char == _FIELD_BEGIN:
            fields.append(True)
        elif char == _FIELD_SEPARATOR:
            if fields:
                fields[-1] = False
        elif char == _FIELD_END:
            if fields:
                fields.pop()
        elif fields and fields[-1]:
            continue
        elif char < " ":
            out.append(_DOC_CONTROLS.get(char, ""))
        else:
            out.append(char)
    return "".join(out)
