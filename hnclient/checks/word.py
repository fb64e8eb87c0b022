"""Word documents: .docx (a ZIP package) and .doc (an OLE2 compound file).

Order matters: every cap is checked from the ZIP directory *before* python-docx opens the
file, because python-docx reads every part into memory on open (library-notes.md).
"""

from __future__ import annotations

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
    find_zip_end_record,
    label,
    sniff_magic,
)
from hnclient.checks.verdict import CheckWarning, Outcome, Refusal, polyglot_refusal

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
# expat's namespace mode names elements "uri}local" (ElementTree adds the leading "{").
_REVISION_TAGS = {f"{W_NS}}}{t}" for t in ("ins", "del", "moveFrom", "moveTo")}
_COMMENT_TAG = f"{W_NS}}}comment"
#: Alternative content Word writes twice (DrawingML and VML text boxes): count it once.
_FALLBACK_TAG = f"{MC_NS}}}Fallback"
#: Parts where tracked changes show up in what the reader sees.
_REVISION_PARTS = re.compile(r"word/(document|footnotes|endnotes|header\d*|footer\d*)\.xml")
#: Content types of VBA code and of macro-enabled packages (also embedded .xlsm/.docm).
_MACRO_CONTENT_TYPES = ("macroenabled", "vbaproject", "vbadata")

_FIB_ENCRYPTED = 0x0100
_FIB_IDENT = 0xA5EC
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
    with path.open("rb") as fh:
        _check_zip_framing(fh, size)
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as error:
        raise _corrupt("docx", str(error)) from error
    with zf:
        infos = zf.infolist()
        _check_zip_caps(infos, size, limits)
        _check_zip_layout(path, infos, zf.start_dir)
        names = {i.filename for i in infos}
        lowered = {n.lower() for n in names}
        if len(lowered) != len(infos):
            # Part names are unique ignoring case (OPC); with two "word/document.xml" this
            # check would read one and Word may show the other.
            raise _corrupt("docx", "duplicate part names")
        if "[Content_Types].xml" not in names or "word/document.xml" not in names:
            raise _corrupt("docx", "missing [Content_Types].xml or word/document.xml")
        content_types = _read_part(zf, "[Content_Types].xml", limits)
        if (
            any(n.endswith("vbaproject.bin") for n in lowered)
            or b"macroEnabled" in content_types
            or _has_macro_parts(zf, lowered, limits)
        ):
            raise _macro_refusal("docm")
        warnings = _docx_warnings(zf, names, limits)
        media = sum(1 for n in names if n.startswith("word/media/"))
    try:
        import docx  # noqa: PLC0415 - slow import, only needed once caps have passed

        document = docx.Document(str(path))
    except Exception as error:  # noqa: BLE001 - python-docx raises KeyError, ValueError, lxml errors
        raise _corrupt("docx", f"python-docx: {type(error).__name__}: {error}") from error
    details: dict[str, Any] = {
        "paragraphs": len(document.paragraphs),
        "tables": len(document.tables),
        "images": media,
    }
    return Outcome("docx", details, warnings)


def _check_zip_framing(fh: Any, size: int) -> None:
    """The end record must exist and end the file: anything after it is another file."""
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
    if end + 22 + comment_len != size:
        fh.seek(end + 22 + comment_len)
        trailer = fh.read(16)
        raise polyglot_refusal(
            "docx",
            f"文档末尾附加了 {size - end - 22 - comment_len} 字节的其它数据",
            f"{size - end - 22 - comment_len} bytes appended after the ZIP end ({trailer[:4]!r})",
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


def _docx_warnings(zf: zipfile.ZipFile, names: set[str], limits: Limits) -> list[CheckWarning]:
    warnings: list[CheckWarning] = []
    revisions = 0
    fallback_depth = 0

    def count_revision(tag: str, _attrs: dict[str, str]) -> None:
        nonlocal revisions, fallback_depth
        if tag == _FALLBACK_TAG:
            fallback_depth += 1
        elif tag in _REVISION_TAGS and not fallback_depth:
            revisions += 1

    def leave(tag: str) -> None:
        nonlocal fallback_depth
        if tag == _FALLBACK_TAG:
            fallback_depth -= 1

    for part in sorted(names):
        if _REVISION_PARTS.fullmatch(part):
            _scan(zf, part, limits, count_revision, leave)
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

    def count_comment(tag: str, _attrs: dict[str, str]) -> None:
        nonlocal comments
        comments += tag == _COMMENT_TAG

    if "word/comments.xml" in names:
        _scan(zf, "word/comments.xml", limits, count_comment)
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
    with ole:
        if ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage"):
            raise _encrypted_refusal("docx")
        if not ole.exists("WordDocument"):
            raise _corrupt("doc", "no WordDocument stream")
        _check_ole_trailer(path, ole, size)
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
        if ident != _FIB_IDENT:
            raise _corrupt("doc", f"bad FIB ident {ident:#x}")
        if flags & _FIB_ENCRYPTED:
            raise _encrypted_refusal("doc")
        try:
            for entry in ole.listdir():
                ole.openstream(entry).read()
        except Exception as error:  # noqa: BLE001
            raise _truncated("doc") from error
        _check_ole_chains(ole)
        details = {"fib_version": nfib, "streams": len(ole.listdir())}
    return Outcome("doc", details, [])


def _ole_looks_truncated(path: Path, size: int) -> bool:
    with path.open("rb") as fh:
        header = fh.read(512)
    if len(header) < 512:
        return True
    (shift,) = struct.unpack_from("<H", header, 0x1E)
    sector = 1 << shift if 7 <= shift <= 16 else 512
    return (size - 512) % sector != 0


def _check_ole_chains(ole: Any) -> None:
    """Every sector chain ends where its stream does and no sector belongs to two chains.

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
            if sect >= len(table) or sect in seen or (expected is not None and count >= expected):
                raise _corrupt("doc", f"broken sector chain at {sect:#x}")
            seen.add(sect)
            count += 1
            sect = table[sect] & 0xFFFFFFFF
        if expected is not None and count != expected:
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


def _check_ole_trailer(path: Path, ole: Any, size: int) -> None:
    """Data after the last sector the FAT uses is not part of the document."""
    used = [i for i, nxt in enumerate(ole.fat) if nxt != _FREESECT]
    sector = ole.sectorsize
    end = 512 + (max(used) + 1) * sector if used else 512
    # the header itself occupies a full sector in version 4 files
    if sector > 512:
        end += sector - 512
    if size > end:
        with path.open("rb") as fh:
            fh.seek(end)
            trailer = fh.read(min(size - end, _OLE_TRAILER_SCAN))
        if trailer.strip(b"\x00") or size - end > _OLE_TRAILER_SCAN:
            raise polyglot_refusal(
                "doc",
                f"文档末尾附加了 {size - end} 字节的其它数据",
                f"{size - end} bytes after the OLE2 sectors",
            )
    elif size < end and (end - size) >= sector:
        raise _truncated("doc")
