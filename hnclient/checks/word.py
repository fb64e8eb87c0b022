"""Word documents: .docx (a ZIP package) and .doc (an OLE2 compound file).

Order matters: every cap is checked from the ZIP directory *before* any part is read. The
package is judged as Word judges it — the main part found through ``_rels/.rels``, every part
decompressed (CRC) and every XML part well-formed — not by whether python-docx loads it:
python-docx refuses Strict documents, relationships to missing parts and other files Word
opens (library-notes.md), and a failed load is no proof of damage.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.parsers import expat

import olefile

from hnclient.checks.limits import Limits
from hnclient.checks.sniff import (
    FOREIGN_SIGNATURES,
    ZIP_END,
    ZIP_READ_ERRORS,
    content_type_of,
    find_zip_end_record,
    label,
    ooxml_kind,
    ooxml_main_part,
    sniff_magic,
)
from hnclient.checks.verdict import (
    MAX_PADDING_TRAILER,
    CheckWarning,
    Outcome,
    Refusal,
    is_padding_trailer,
    judge_trailer,
    padding_warning,
    polyglot_refusal,
)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_W_STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
# expat's namespace mode names elements "uri}local" (ElementTree adds the leading "{").
#: Parts beside the main part where tracked changes show up in what the reader sees.
_REVISION_PARTS = re.compile(r"(footnotes|endnotes|header\d*|footer\d*)\.xml")
#: Content types of VBA code and of macro-enabled packages (also embedded .xlsm/.docm).
_MACRO_CONTENT_TYPES = ("macroenabled", "vbaproject", "vbadata")

_FIB_ENCRYPTED = 0x0100
_FIB_TEMPLATE = 0x0001  # fDot
_FIB_IDENT = 0xA5EC
#: Word 97 and later (0xA5EC); Word 6.0/95 (0xA5DC), and its Far East editions (0xA697-9),
#: which Word 2010+ (only Word 2 and earlier are blocked), WPS and LibreOffice open.
_FIB_IDENTS = frozenset({_FIB_IDENT, 0xA5DC, 0xA697, 0xA698, 0xA699})
_FREESECT = 0xFFFFFFFF
_ENDOFCHAIN = 0xFFFFFFFE
#: Storage and stream names of a VBA project, at any depth (embedded objects carry their own).
_OLE_MACRO_NAMES = frozenset({"macros", "_vba_project_cur", "_vba_project"})
#: Anything after the last sector is checked this far; more than this is not padding.
_OLE_TRAILER_SCAN = 1024 * 1024
_ZIP64_EXTRA = 0x0001


def _macro_refusal(kind: str) -> Refusal:
    return Refusal(
        "macro_enabled",
        "这是带宏（VBA 代码）的 Word 文档，宏可能携带病毒，不能报送。"
        "请在 Word 中“另存为”普通的“Word 文档（*.docx）”后再添加。",
        "Macro-enabled Word document (VBA); save it as a plain Word document (.docx).",
        kind=kind,
    )


def _encrypted_refusal(kind: str) -> Refusal:
    return Refusal(
        "encrypted",
        "这个 Word 文档设置了打开密码，州政府办公室无法打开。"
        "请在 Word 中取消密码（文件 → 信息 → 保护文档）后重新保存，再添加。",
        "Password-protected (encrypted) Word document; remove the password and save again.",
        kind=kind,
    )


def _corrupt(kind: str, reason: str) -> Refusal:
    return Refusal(
        "corrupt",
        "这个 Word 文档已损坏或格式不正确，无法打开。请用 Word 打开后“另存为”一份新文档再添加。",
        f"The Word document is damaged or malformed ({reason}); open it in Word and save a copy.",
        kind=kind,
        details={"reason": reason},
    )


def _truncated(kind: str) -> Refusal:
    return Refusal(
        "truncated",
        "这个文件不完整（可能没有下载或拷贝完），请重新拷贝或从原处重新保存一份再添加。",
        "The file is incomplete (truncated); copy or save it again.",
        kind=kind,
    )


# --------------------------------------------------------------------------------------- docx


def check_docx(path: Path, size: int, limits: Limits) -> Outcome:
    warnings: list[CheckWarning] = []
    with path.open("rb") as fh:
        _check_zip_framing(fh, size, warnings)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise _corrupt("docx", str(error)) from error
    with zf:
        infos = zf.infolist()
        _check_zip_caps(infos, size, limits)
        _check_zip_layout(path, infos, zf.start_dir)
        names = {i.filename for i in infos}
        by_lower = {n.lower(): n for n in names}
        if len(by_lower) != len(infos):
            # Part names are unique ignoring case (OPC); with two "word/document.xml" this
            # check would read one and Word may show the other.
            raise _corrupt("docx", "duplicate part names")
        _check_derived_part_names(set(by_lower))
        if "[content_types].xml" not in by_lower:
            raise _corrupt("docx", "missing [Content_Types].xml")
        content_types = _read_part(zf, by_lower["[content_types].xml"], limits)
        lowered = set(by_lower)
        rels = _read_part(zf, by_lower["_rels/.rels"], limits) if "_rels/.rels" in lowered else b""
        main_lower = ooxml_main_part(rels, lowered)
        if main_lower is None and "word/document.xml" in lowered:
            main_lower = "word/document.xml"  # no package relationships: the usual name
        if main_lower is None:
            raise _corrupt("docx", "no main document part")
        main = by_lower[main_lower]
        main_kind = ooxml_kind(content_type_of(content_types, main_lower))
        if (
            main_kind == "docm"
            or any(n.endswith("vbaproject.bin") for n in lowered)
            or b"macroEnabled" in content_types
            or _has_macro_parts(zf, lowered, limits)
        ):
            raise _macro_refusal("docm")
        if main_kind == "dotx":
            raise template_refusal()
        if main_kind != "docx":
            raise _corrupt("docx", f"main part {main} is not a Word document")
        main_data = _read_xml(zf, main, limits)
        counts = _count_body(main_data, main)
        revision_parts = _revision_parts(names, main)
        warnings += _docx_warnings(zf, main, main_data, revision_parts, limits)
        del main_data
        scanned = {"[Content_Types].xml", main, *revision_parts}
        comments_part = _comments_part(zf, main)
        if comments_part is not None:
            scanned.add(comments_part)
        _verify_parts(zf, [i for i in infos if i.filename not in scanned], limits)
        media = sum(1 for n in lowered if n.startswith(posixpath.dirname(main_lower) + "/media/"))
    details: dict[str, Any] = {**counts, "images": media}
    if main_lower != "word/document.xml":
        details["main_part"] = main
    return Outcome("docx", details, warnings)


def template_refusal(kind: str = "dotx") -> Refusal:
    """A Word template (.dotx/.dot, or one saved under a document's name)."""
    return Refusal(
        "template",
        "这是 Word 模板文件，不是普通的 Word 文档，州政府办公室打开时会新建文档而不是显示它。"
        "请用 Word 或 WPS 打开它，“另存为”“Word 文档（*.docx）”后再添加。",
        "This is a Word template, not a document; open it and save it as a Word document (.docx).",
        kind=kind,
    )


def _check_derived_part_names(lowered: set[str]) -> None:
    """No part name may be a folder of another (OPC: /word/document.xml/image1.gif)."""
    for name in lowered:
        parent = name.rsplit("/", 1)[0] if "/" in name else ""
        while parent:
            if parent in lowered:
                raise _corrupt("docx", f"part {name} is inside part {parent}")
            parent = parent.rsplit("/", 1)[0] if "/" in parent else ""


#: The wordprocessingML namespaces: transitional (ECMA-376) and Strict (ISO/IEC 29500).
W_NAMESPACES = (W_NS, _W_STRICT_NS)
_NS_DECLARATION = re.compile(rb"""xmlns(?::([A-Za-z_][\w.\-]*))?\s*=\s*["']([^"']*)["']""")


def _read_xml(zf: zipfile.ZipFile, name: str, limits: Limits) -> bytes:
    """A part that must be well-formed XML without a DTD, checked by expat and returned.

    expat runs without element callbacks here (it is C speed: a 12 MB document.xml takes a
    fraction of a second); what the check counts is then found in the checked bytes.
    """
    data = _read_part(zf, name, limits)
    parser = _xml_parser(name)
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise _corrupt("docx", f"{name}: {error}") from error
    return data


def _tags(data: bytes, namespaces: tuple[str, ...], local_names: str) -> re.Pattern[bytes]:
    """Start and end tags ``local_names`` (a regex alternation) in the given namespaces.

    The prefixes are those the part declares for the namespaces (Word writes "w", others
    may write any, or none). Group 1 is "/" for an end tag, group 2 the local name; an
    empty element's match ends in "/>" (see :func:`_empty`).
    """
    wanted = {uri.encode() for uri in namespaces}
    prefixes = {m.group(1) or b"" for m in _NS_DECLARATION.finditer(data) if m.group(2) in wanted}
    if not prefixes:
        return re.compile(rb"(?!)")  # matches nothing: the part does not use the namespace
    alternatives = b"|".join(re.escape(p + b":") if p else b"" for p in sorted(prefixes))
    return re.compile(
        rb"<(/?)(?:" + alternatives + rb")(" + local_names.encode() + rb")(?=[\s/>])[^>]*>"
    )


def _empty(match: re.Match[bytes]) -> bool:
    return match.group(0).endswith(b"/>")


def _count_body(data: bytes, main: str) -> dict[str, int]:
    """Paragraphs and tables directly in the body, as Word shows and python-docx counts them.

    Parsing the main part ourselves (rather than loading it with python-docx) accepts what
    Word opens and python-docx does not: Strict documents, relationships to missing parts,
    internal hyperlinks not marked external, a main part under another name.
    """
    counts = {"paragraphs": 0, "tables": 0}
    in_body = seen_body = False
    paragraphs = tables = 0  # open w:p / w:tbl around the current position
    for match in _tags(data, W_NAMESPACES, "body|p|tbl").finditer(data):
        closing, local, empty = match.group(1), match.group(2), _empty(match)
        if local == b"body":
            in_body = not closing and not empty
            seen_body = True
            continue
        if not in_body:
            continue
        if closing:
            if local == b"p":
                paragraphs = max(paragraphs - 1, 0)
            else:
                tables = max(tables - 1, 0)
            continue
        if not paragraphs and not tables:
            counts["paragraphs" if local == b"p" else "tables"] += 1
        if not empty:
            if local == b"p":
                paragraphs += 1
            else:
                tables += 1
    if not seen_body:
        raise _corrupt("docx", f"no document body in {main}")
    return counts


_REVISION_NAMES = (b"ins", b"del", b"moveFrom", b"moveTo")


def _count_revisions(data: bytes) -> int:
    """Insertions, deletions and moves, except in the mc:Fallback copy of alternate content."""
    revisions = fallback = 0
    if not any(b":" + name in data or b"<" + name in data for name in _REVISION_NAMES):
        return 0
    revision_tags = _tags(data, W_NAMESPACES, "ins|del|moveFrom|moveTo")
    fallbacks = _tags(data, (MC_NS,), "Fallback")
    matches = sorted(
        [(m.start(), m, False) for m in revision_tags.finditer(data)]
        + [(m.start(), m, True) for m in fallbacks.finditer(data)],
        key=lambda item: item[0],
    )
    for _pos, match, is_fallback in matches:
        closing, empty = match.group(1), _empty(match)
        if is_fallback:
            if not empty:
                fallback = max(fallback + (-1 if closing else 1), 0)
        elif not closing and not fallback:
            revisions += 1
    return revisions


#: Parts read through to their end, so zipfile checks their CRC; XML ones are also parsed.
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 1024 * 1024


def _verify_parts(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Every part decompresses with a good CRC; every XML part is well-formed, without DTD.

    Word refuses a package with a damaged part or malformed XML. Streamed in chunks, so a
    large picture or XML part never sits in memory whole.
    """
    for info in infos:
        if info.is_dir():
            continue
        xml = info.filename.lower().endswith(_XML_SUFFIXES)
        parser = _xml_parser(info.filename) if xml else None
        try:
            with zf.open(info) as member:
                while chunk := member.read(_CHUNK):
                    if parser is not None:
                        parser.Parse(chunk, False)
            if parser is not None:
                parser.Parse(b"", True)
        except expat.ExpatError as error:
            raise _corrupt("docx", f"{info.filename}: {error}") from error
        except ZIP_READ_ERRORS as error:
            raise _corrupt("docx", f"{info.filename}: {type(error).__name__}: {error}") from error


def _xml_parser(name: str) -> Any:
    parser = expat.ParserCreate()

    def doctype(*_args: object) -> None:
        raise _corrupt("docx", f"DTD in {name}")

    parser.StartDoctypeDeclHandler = doctype
    return parser


def _check_zip_framing(fh: Any, size: int, warnings: list[CheckWarning]) -> None:
    """The end record must exist and end the file: anything after it is another file.

    A few newline or NUL bytes after it are a download artefact, accepted with a warning.
    """
    end = find_zip_end_record(fh, size)
    if end is None:
        tail_len = min(size, 65536 + 22)
        fh.seek(size - tail_len)
        if ZIP_END not in fh.read(tail_len):
            raise _truncated("docx")
        raise _corrupt("docx", "bad end of central directory")
    fh.seek(end + 20)
    (comment_len,) = struct.unpack("<H", fh.read(2))
    comment = fh.read(comment_len)
    kind = sniff_magic(comment.lstrip(b"\x00 \r\n\t"))
    if kind not in ("unknown", "text") or any(sig in comment for sig in FOREIGN_SIGNATURES):
        # Word never writes an archive comment; up to 64 KiB of one can carry a program.
        zh, en = label(kind) if kind not in ("unknown", "text") else ("其它文件", "another file")
        raise polyglot_refusal("docx", f"文档的压缩包注释里藏有{zh}", f"{en} in the ZIP comment")
    after = end + 22 + comment_len
    if after < size:
        fh.seek(after)
        trailer = fh.read(min(size - after, MAX_PADDING_TRAILER + 1))
        if is_padding_trailer(trailer):
            warnings.append(padding_warning(size - after))
            return
        raise polyglot_refusal(
            "docx",
            f"文档末尾附加了 {size - after} 字节的其它数据",
            f"{size - after} bytes appended after the ZIP end ({trailer[:4]!r})",
        )


def _check_zip_caps(infos: list[zipfile.ZipInfo], size: int, limits: Limits) -> None:
    total = sum(i.file_size for i in infos)
    compressed = sum(i.compress_size for i in infos)
    ratio = total / max(compressed, 1)
    worst_entry = max(
        (
            i.file_size / max(i.compress_size, 1)
            for i in infos
            if i.file_size >= limits.zip_ratio_min_entry_bytes
        ),
        default=0.0,
    )
    if (
        len(infos) > limits.zip_max_entries
        or total > limits.zip_max_total_uncompressed
        or (total >= limits.zip_ratio_min_entry_bytes and ratio > limits.zip_max_ratio)
        or worst_entry > limits.zip_max_entry_ratio
    ):
        raise Refusal(
            "zip_bomb",
            "这个 Word 文档解压后异常巨大（压缩炸弹），打开会耗尽电脑内存，不能报送。"
            "请用 Word 重新保存一份正常的文档再添加。",
            "Decompression bomb: the document expands to an abnormal size.",
            kind="docx",
            details={
                "entries": len(infos),
                "uncompressed_bytes": total,
                "ratio": round(ratio, 1),
                "worst_entry_ratio": round(worst_entry, 1),
            },
        )


def _check_zip_layout(path: Path, infos: list[zipfile.ZipInfo], start_dir: int) -> None:
    """Entries must be back to back from offset 0 up to the central directory.

    A gap between them is room for a hidden file that the ZIP directory does not list.
    """
    expected = 0
    with path.open("rb") as fh:
        for info in sorted(infos, key=lambda i: i.header_offset):
            if info.header_offset != expected:
                raise polyglot_refusal(
                    "docx", "文档内部藏有未登记的数据", f"unlisted data at offset {expected}"
                )
            fh.seek(info.header_offset)
            header = fh.read(30)
            if len(header) < 30 or not header.startswith(b"PK\x03\x04"):
                raise _corrupt("docx", f"bad local header for {info.filename}")
            name_len, extra_len = struct.unpack_from("<HH", header, 26)
            local_name = fh.read(name_len)
            extra = fh.read(extra_len)
            encoding = "utf-8" if info.flag_bits & 0x800 else "cp437"
            if local_name.decode(encoding, "replace") != info.orig_filename:
                # Tools that read local headers (streaming unzippers) would see another file.
                raise _corrupt("docx", f"local header name differs for {info.filename}")
            expected = info.header_offset + 30 + name_len + extra_len + info.compress_size
            if info.flag_bits & 0x08:
                fh.seek(expected)
                descriptor = fh.read(4)
                base = 4 if descriptor == b"PK\x07\x08" else 0
                # ZIP64 descriptors (8-byte sizes) go with a ZIP64 extra in the local header,
                # whatever the entry's size (APPNOTE 4.3.9).
                expected += base + (20 if _has_zip64_extra(extra) else 12)
    if expected != start_dir:
        raise polyglot_refusal(
            "docx", "文档内部藏有未登记的数据", f"unlisted data before {start_dir}"
        )


def _has_zip64_extra(extra: bytes) -> bool:
    pos = 0
    while pos + 4 <= len(extra):
        header_id, length = struct.unpack_from("<HH", extra, pos)
        if header_id == _ZIP64_EXTRA:
            return True
        pos += 4 + length
    return False


def _read_part(zf: zipfile.ZipFile, name: str, limits: Limits) -> bytes:
    info = zf.getinfo(name)
    if info.file_size > limits.zip_max_xml_part:
        raise Refusal(
            "zip_bomb",
            "这个 Word 文档中的内容部件异常巨大，不能报送。请用 Word 重新保存后再添加。",
            f"Part {name} is abnormally large.",
            kind="docx",
        )
    try:
        data = zf.read(info)
    except ZIP_READ_ERRORS as error:
        # Bad CRC or deflate data, a local name that differs, an encrypted or exotic entry.
        raise _corrupt("docx", f"{name}: {type(error).__name__}: {error}") from error
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        # Word never writes a DTD; one here is an entity-expansion attack or a forgery.
        raise _corrupt("docx", f"DTD in {name}")
    return data


def _has_macro_parts(zf: zipfile.ZipFile, lowered: set[str], limits: Limits) -> bool:
    """A part whose declared content type is VBA code or a macro-enabled package.

    Catches a VBA project stored under another name than vbaProject.bin, and embedded
    .xlsm/.docm packages. Only types of parts that exist count, so a stray default does not.
    """
    extensions = {n.rsplit(".", 1)[-1] for n in lowered if "." in n.rsplit("/", 1)[-1]}
    found = False

    def start(tag: str, attrs: dict[str, str]) -> None:
        nonlocal found
        content_type = attrs.get("ContentType", "").lower()
        if not any(marker in content_type for marker in _MACRO_CONTENT_TYPES):
            return
        if tag == f"{CT_NS}}}Default":
            found |= attrs.get("Extension", "").lower() in extensions
        elif tag == f"{CT_NS}}}Override":
            found |= attrs.get("PartName", "").lstrip("/").lower() in lowered

    _scan(zf, "[Content_Types].xml", limits, start)
    return found


def _revision_parts(names: set[str], main: str) -> list[str]:
    folder = posixpath.dirname(main)
    return sorted(
        n
        for n in names
        if posixpath.dirname(n) == folder and _REVISION_PARTS.fullmatch(posixpath.basename(n))
    )


def _docx_warnings(
    zf: zipfile.ZipFile, main: str, main_data: bytes, parts: list[str], limits: Limits
) -> list[CheckWarning]:
    """Tracked changes in the main part and ``parts``; comments in the comments part."""
    warnings: list[CheckWarning] = []
    revisions = _count_revisions(main_data)
    for part in parts:
        revisions += _count_revisions(_read_xml(zf, part, limits))
    if revisions:
        warnings.append(
            CheckWarning(
                "tracked_changes",
                f"文档中还留有 {revisions} 处修订痕迹（插入/删除）。"
                "州政府办公室会看到这些修改记录，"
                "建议在 Word 的“审阅”中“接受所有修订”后再保存。",
                f"{revisions} tracked changes (insertions/deletions) are still in the document.",
            )
        )
    comments = 0
    comments_part = _comments_part(zf, main)
    if comments_part is not None:
        data = _read_xml(zf, comments_part, limits)
        comments = sum(
            1 for m in _tags(data, W_NAMESPACES, "comment").finditer(data) if not m.group(1)
        )
    if comments:
        warnings.append(
            CheckWarning(
                "comments",
                f"文档中还留有 {comments} 条批注。批注会随文档一起报送，"
                "建议在 Word 的“审阅”中删除所有批注后再保存。",
                f"{comments} comments are still in the document.",
            )
        )
    return warnings


def _comments_part(zf: zipfile.ZipFile, main: str) -> str | None:
    names = set(zf.namelist())
    for candidate in (posixpath.join(posixpath.dirname(main), "comments.xml"), "word/comments.xml"):
        if candidate in names:
            return candidate
    return None


def _scan(
    zf: zipfile.ZipFile,
    name: str,
    limits: Limits,
    on_start: Callable[[str, dict[str, str]], None],
    on_end: Callable[[str], None] | None = None,
) -> None:
    """Stream one XML part through expat, refusing any DTD wherever it sits.

    Word never writes a DTD. Refusing it at the parser (not by looking at the first bytes)
    also covers a DTD after a long comment or in UTF-16, so no entity is ever expanded,
    whatever expat version the client was built with.
    """
    data = _read_part(zf, name, limits)
    parser = expat.ParserCreate(namespace_separator="}")

    def doctype(*_args: object) -> None:
        raise _corrupt("docx", f"DTD in {name}")

    parser.StartDoctypeDeclHandler = doctype
    parser.StartElementHandler = on_start
    if on_end is not None:
        parser.EndElementHandler = on_end
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        raise _corrupt("docx", f"{name}: {error}") from error


# ---------------------------------------------------------------------------------------- doc


def check_ole_word(path: Path, size: int, limits: Limits) -> Outcome:
    """An OLE2 file behind a Word extension: a .doc, or an encrypted .docx."""
    try:
        ole = olefile.OleFileIO(str(path))
    except Exception as error:  # noqa: BLE001 - olefile raises OSError, struct.error, ...
        if _ole_looks_truncated(path, size):
            raise _truncated("doc") from error
        raise _corrupt("doc", f"olefile: {error}") from error
    warnings: list[CheckWarning] = []
    with ole:
        if ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage"):
            raise _encrypted_refusal("docx")
        if not ole.exists("WordDocument"):
            raise _corrupt("doc", "no WordDocument stream")
        _check_ole_trailer(path, ole, size, warnings)
        entries = ole.listdir(streams=True, storages=True)
        if any(part.lower() in _OLE_MACRO_NAMES for entry in entries for part in entry):
            raise _macro_refusal("doc")
        try:
            fib = ole.openstream("WordDocument").read(0x20)
        except Exception as error:  # noqa: BLE001
            raise _truncated("doc") from error
        if len(fib) < 0x20:
            raise _corrupt("doc", "short FIB")
        ident, nfib = struct.unpack_from("<HH", fib, 0)
        (flags,) = struct.unpack_from("<H", fib, 0x0A)
        if ident not in _FIB_IDENTS:
            raise _corrupt("doc", f"bad FIB ident {ident:#x}")
        if flags & _FIB_ENCRYPTED:
            raise _encrypted_refusal("doc")
        if flags & _FIB_TEMPLATE:
            # A .dot under a .doc name: Word opens a new document from it, and a Word 6/95
            # template is where WordBasic macros (the Concept virus) live.
            raise template_refusal("doc")
        try:
            for entry in ole.listdir():
                ole.openstream(entry).read()
        except Exception as error:  # noqa: BLE001
            raise _truncated("doc") from error
        _check_ole_chains(ole)
        details = {"fib_version": nfib, "streams": len(ole.listdir())}
    if ident != _FIB_IDENT:
        details["word_version"] = "6.0/95"
        warnings.append(
            CheckWarning(
                "old_format",
                "这是 Word 6.0/95 旧格式的文档，Word、WPS 都能打开，可以报送；"
                "如方便，可在 Word 或 WPS 中“另存为”“Word 文档（*.docx）”。",
                "An old Word 6.0/95 document; it opens in Word and WPS. "
                "Saving it as .docx is recommended.",
            )
        )
    return Outcome("doc", details, warnings)


def _ole_looks_truncated(path: Path, size: int) -> bool:
    with path.open("rb") as fh:
        header = fh.read(512)
    if len(header) < 512:
        return True
    (shift,) = struct.unpack_from("<H", header, 0x1E)
    sector = 1 << shift if 7 <= shift <= 16 else 512
    return (size - 512) % sector != 0


def _check_ole_chains(ole: Any) -> None:
    """Every sector chain ends, covers its stream, and no sector belongs to two chains.

    olefile reads a looping chain without complaint (it stops after the expected number of
    sectors), so a .doc whose FAT loops would otherwise pass with garbage in its streams.
    """
    sector, mini = ole.sectorsize, ole.minisectorsize
    used: set[int] = set()
    mini_used: set[int] = set()

    def follow(start: int, size: int | None, unit: int, table: Any, seen: set[int]) -> None:
        expected = None if size is None else -(-size // unit)
        sect, count = start, 0
        while sect != _ENDOFCHAIN:
            if sect >= len(table) or sect in seen:
                raise _corrupt("doc", f"broken sector chain at {sect:#x}")
            seen.add(sect)
            count += 1
            sect = table[sect] & 0xFFFFFFFF
        # A chain longer than its stream is harmless (Word 6/95 leaves the mini stream's so);
        # a shorter one means lost data.
        if expected is not None and count < expected:
            raise _corrupt("doc", f"sector chain of {count}, expected {expected}")

    follow(ole.first_dir_sector, None, sector, ole.fat, used)
    if ole.num_mini_fat_sectors:
        follow(ole.first_mini_fat_sector, None, sector, ole.fat, used)
    root = ole.root
    if root.size:
        follow(root.isectStart, root.size, sector, ole.fat, used)
    for entry in ole.direntries:
        if entry is None or entry.entry_type != olefile.STGTY_STREAM or not entry.size:
            continue
        if entry.is_minifat:
            if ole.minifat is None:
                ole.loadminifat()
            follow(entry.isectStart, entry.size, mini, ole.minifat, mini_used)
        else:
            follow(entry.isectStart, entry.size, sector, ole.fat, used)


def _check_ole_trailer(path: Path, ole: Any, size: int, warnings: list[CheckWarning]) -> None:
    """Data after the last sector the FAT uses is not part of the document.

    NUL padding is what some writers leave; a few newline bytes are a download artefact.
    """
    used = [i for i, nxt in enumerate(ole.fat) if nxt != _FREESECT]
    sector = ole.sectorsize
    end = 512 + (max(used) + 1) * sector if used else 512
    # the header itself occupies a full sector in version 4 files
    if sector > 512:
        end += sector - 512
    if size > end:
        with path.open("rb") as fh:
            judge_trailer(
                fh,
                end,
                size,
                _OLE_TRAILER_SCAN,
                warnings,
                (
                    "doc",
                    f"文档末尾附加了 {size - end} 字节的其它数据",
                    f"{size - end} bytes after the OLE2 sectors",
                ),
            )
    elif size < end and (end - size) >= sector:
        raise _truncated("doc")
