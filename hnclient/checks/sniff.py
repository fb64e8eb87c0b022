"""Tell what a file really is from its bytes — never from its name.

Officers rename files (photo.png → photo.jpg) believing that converts them, so the extension
is only used to compare against what the content says. Detection here is cheap and bounded:
the first bytes, and for ZIP/OLE2 containers the directory only (never the members' data).
"""

from __future__ import annotations

import codecs
import posixpath
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote
from xml.parsers import expat

import olefile

ZIP_LOCAL = b"PK\x03\x04"
ZIP_CENTRAL = b"PK\x01\x02"
ZIP_END = b"PK\x05\x06"
ZIP64_END = b"PK\x06\x06"
ZIP64_LOCATOR = b"PK\x06\x07"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
JPEG_SOI = b"\xff\xd8\xff"
ASF_HEADER_GUID = bytes.fromhex("3026b2758e66cf11a6d900aa0062ce6c")

#: Signatures of files that unpack tools find at any offset, or that are never part of
#: a photo's or document's own bytes.
FOREIGN_SIGNATURES = (
    ZIP_LOCAL,
    ZIP_CENTRAL,
    ZIP_END,
    b"%PDF-",
    b"Rar!\x1a\x07",
    b"7z\xbc\xaf\x27\x1c",
    OLE2_MAGIC,
)

HEAD_BYTES = 64 * 1024
#: Deep sniffing of a ZIP reads its central directory; refuse to load a huge one just to name it.
_MAX_CENTRAL_DIR = 8 * 1024 * 1024

#: kind -> (Chinese label, English label)
LABELS: dict[str, tuple[str, str]] = {
    "docx": ("Word 文档（.docx）", "Word document (.docx)"),
    "docm": ("启用宏的 Word 文档（.docm）", "macro-enabled Word document (.docm)"),
    "dotx": ("Word 模板（.dotx）", "Word template (.dotx)"),
    "doc": ("Word 97-2003 文档（.doc）", "Word 97-2003 document (.doc)"),
    "doc_legacy": ("早期版本（Word 2.0 及更早）的 Word 文档", "Word 2.0 (or earlier) document"),
    "word_xml": ("Word 2003 XML 文档", "Word 2003 XML document"),
    "works": ("Microsoft Works 文档", "Microsoft Works document"),
    "encrypted_office": ("加密的 Office 文档", "encrypted Office document"),
    "jpeg": ("JPEG 图片（.jpg）", "JPEG picture (.jpg)"),
    "wmv": ("WMV 视频（.wmv）", "WMV video (.wmv)"),
    "xlsx": ("Excel 表格（.xlsx）", "Excel workbook (.xlsx)"),
    "xls": ("Excel 97-2003 表格（.xls）", "Excel 97-2003 workbook (.xls)"),
    "pptx": ("PowerPoint 演示文稿（.pptx）", "PowerPoint presentation (.pptx)"),
    "ppt": ("PowerPoint 97-2003 演示文稿（.ppt）", "PowerPoint 97-2003 presentation (.ppt)"),
    "odf": ("OpenDocument 文档（.odt/.ods/.odp）", "OpenDocument file"),
    "ofd": ("OFD 版式文档（.ofd）", "OFD document (.ofd)"),
    "wps": ("WPS 文档", "WPS document"),
    "zip": ("ZIP 压缩包", "ZIP archive"),
    "ole2": ("OLE2 复合文档", "OLE2 compound file"),
    "pdf": ("PDF 文档", "PDF document"),
    "rtf": ("RTF 文档", "RTF document"),
    "png": ("PNG 图片", "PNG picture"),
    "gif": ("GIF 图片", "GIF picture"),
    "bmp": ("BMP 图片", "BMP picture"),
    "tiff": ("TIFF 图片", "TIFF picture"),
    "webp": ("WebP 图片", "WebP picture"),
    "heic": ("HEIC 图片（苹果手机照片）", "HEIC picture (iPhone photo)"),
    "mp4": ("MP4 视频", "MP4 video"),
    "mov": ("MOV 视频（苹果手机视频）", "MOV video"),
    "avi": ("AVI 视频", "AVI video"),
    "mkv": ("MKV/WebM 视频", "Matroska/WebM video"),
    "flv": ("FLV 视频", "FLV video"),
    "wma": ("WMA 音频（.wma）", "WMA audio (.wma)"),
    "asf_audio": ("WMA 音频（没有画面）", "WMA audio (no picture)"),
    "mp3": ("MP3 音频", "MP3 audio"),
    "wav": ("WAV 音频", "WAV audio"),
    "rar": ("RAR 压缩包", "RAR archive"),
    "7z": ("7z 压缩包", "7z archive"),
    "gzip": ("gzip 压缩文件", "gzip file"),
    "exe": ("Windows 程序（.exe）", "Windows program (.exe)"),
    "elf": ("Linux 程序", "Linux program"),
    "html": ("网页文件（HTML）", "web page (HTML)"),
    "mht": ("单个文件网页（MHT）", "single-file web page (MHT)"),
    "xml": ("XML 文件", "XML file"),
    "text": ("纯文本文件", "plain-text file"),
    "unknown": ("无法识别的格式", "unrecognised format"),
}


def label(kind: str) -> tuple[str, str]:
    return LABELS.get(kind, LABELS["unknown"])


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    with path.open("rb") as fh:
        return fh.read(size)


def sniff(path: Path, head: bytes) -> str:
    """The kind of ``path`` judged by content; ``head`` is its first bytes (up to 64 KiB)."""
    kind = sniff_magic(head)
    if kind == "zip":
        return _sniff_zip(path)
    if kind == "ole2":
        return _sniff_ole(path)
    return kind


def sniff_magic(head: bytes) -> str:
    """Kind from leading magic bytes only; containers come back as ``zip``/``ole2``/``asf``."""
    if head.startswith(ZIP_LOCAL) or head.startswith(ZIP_END):
        return "zip"
    if head.startswith(OLE2_MAGIC):
        return "ole2"
    if head.startswith(JPEG_SOI):
        return "jpeg"
    if head.startswith(ASF_HEADER_GUID):
        return "asf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"BM") and len(head) >= 14:
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[:4] == b"RIFF" and len(head) >= 12:
        return {b"WEBP": "webp", b"AVI ": "avi", b"WAVE": "wav"}.get(head[8:12], "unknown")
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
            return "heic"
        return "mov" if brand == b"qt  " else "mp4"
    if head[4:8] in (b"moov", b"mdat", b"wide", b"free"):
        return "mov"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "mkv"
    if head.startswith(b"FLV\x01"):
        return "flv"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return "mp3"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith(b"MZ"):
        return "exe"
    if head.startswith(b"\x7fELF"):
        return "elf"
    if head[:2] in _WORD_LEGACY_IDENTS and len(head) >= 0x20:
        return "doc_legacy"
    return _sniff_text(head)


#: First bytes (the FIB's wIdent) of Word for Windows 1.x and 2.0 files, which are not OLE2.
_WORD_LEGACY_IDENTS = (b"\x9b\xa5", b"\xdb\xa5")


#: What Word, WPS and office systems write at the top of a web page "saved as .doc".
_HTML_STARTS = ("<!doctype html", "<html", "<head", "<meta", "<body", "<title", "<style")


def _sniff_text(head: bytes) -> str:
    sample = head[:4096]
    # Incremental decoders accept a character cut in two by the 4 KiB sample boundary.
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if sample.startswith(bom):
            text = codecs.getincrementaldecoder(encoding)("replace").decode(sample[len(bom) :])
            return _classify_text(text) or "text"
    # Chinese Windows writes text files in GBK more often than in UTF-8.
    for encoding in ("utf-8", "gbk"):
        try:
            text = codecs.getincrementaldecoder(encoding)().decode(sample)
        except UnicodeDecodeError:
            continue
        if any(ord(c) < 32 and c not in "\r\n\t\f" for c in text):
            return "unknown"
        return _classify_text(text) or "text"
    return "unknown"


def _classify_text(text: str) -> str | None:
    lowered = text.lstrip().lower()
    if lowered.startswith(_HTML_STARTS) or (
        lowered.startswith("<!--") and "<html" in lowered[:2048]
    ):
        return "html"
    if lowered.startswith("<?xml"):
        if 'progid="word.document"' in lowered[:4096] or "<w:worddocument" in lowered[:4096]:
            return "word_xml"
        return "xml"
    if lowered.startswith("mime-version:"):
        return "mht"
    return None


#: What zipfile raises on a damaged member: bad names, CRC, deflate data, methods, encryption.
ZIP_READ_ERRORS = (
    OSError,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
    RuntimeError,
    NotImplementedError,
    ValueError,
    struct.error,
)


def _sniff_zip(path: Path) -> str:
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            tail_len = min(size, 65536 + 22)
            fh.seek(size - tail_len)
            tail = fh.read(tail_len)
        pos = tail.rfind(ZIP_END)
        if pos < 0 or len(tail) < pos + 22:
            return "zip"
        cd_size = struct.unpack_from("<I", tail, pos + 12)[0]
        if cd_size > _MAX_CENTRAL_DIR:
            return "zip"
        with zipfile.ZipFile(path) as zf:
            names = {info.filename.lower(): info for info in zf.infolist()}

            def small(name: str, cap: int = 1024 * 1024) -> bytes:
                info = names.get(name.lower())
                return zf.read(info) if info is not None and info.file_size <= cap else b""

            content_types = small("[Content_Types].xml")
            rels = small("_rels/.rels")
            mimetype = small("mimetype", 256)
    except ZIP_READ_ERRORS:
        return "zip"
    lowered = set(names)
    main = ooxml_main_part(rels, lowered)
    if main is not None:
        kind = ooxml_kind(content_type_of(content_types, main))
        if kind == "docx" and "word/vbaproject.bin" in lowered:
            return "docm"
        if kind != "unknown":
            return kind
    if "word/document.xml" in lowered:
        if b"macroEnabled" in content_types or "word/vbaproject.bin" in lowered:
            return "docm"
        if b"wordprocessingml.template.main" in content_types:
            return "dotx"
        return "docx"
    if "xl/workbook.xml" in lowered:
        return "xlsx"
    if "ppt/presentation.xml" in lowered:
        return "pptx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        return "odf"
    if "ofd.xml" in lowered:
        return "ofd"
    return "zip"


# ------------------------------------------------------------------------------- OOXML packages

#: The package relationship to the main part: ECMA-376 transitional, and Strict (ISO 29500).
OFFICE_DOCUMENT_RELATIONSHIPS = frozenset(
    {
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument",
    }
)
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
#: Content type of the main part -> kind. Strict documents use the same content types.
_MAIN_CONTENT_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": "dotx",
    "application/vnd.ms-word.document.macroenabled.main+xml": "docm",
    "application/vnd.ms-word.template.macroenabledtemplate.main+xml": "docm",
}


def _xml_elements(data: bytes, wanted: str) -> list[dict[str, str]]:
    """Attributes of every ``wanted`` element ("uri}local") in a small package XML part.

    A DTD or malformed XML yields what was read before it: sniffing must never fail, and
    the Word checker judges these parts itself.
    """
    found: list[dict[str, str]] = []
    parser = expat.ParserCreate(namespace_separator="}")

    def start(tag: str, attrs: dict[str, str]) -> None:
        if tag == wanted:
            found.append(attrs)

    def doctype(*_args: object) -> None:
        raise ValueError("DTD")

    parser.StartElementHandler = start
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, ValueError):
        pass
    return found


def part_name(target: str, base: str = "") -> str:
    """A relationship target resolved to a ZIP entry name (lower case, no leading slash)."""
    target = unquote(target.split("#", 1)[0]).replace("\\", "/")
    if not target.startswith("/"):
        target = posixpath.join("/" + base, target)
    return posixpath.normpath(target).lstrip("/").lower()


def ooxml_main_part(rels: bytes, names: set[str]) -> str | None:
    """The main part named by ``_rels/.rels`` (lower case), if it exists among ``names``.

    Word finds the document through this relationship, not by the name word/document.xml
    (Word for the web writes others), in both its transitional and its Strict form.
    """
    if not rels:
        return None
    for attrs in _xml_elements(rels, f"{_RELS_NS}}}Relationship"):
        if attrs.get("Type", "").strip() not in OFFICE_DOCUMENT_RELATIONSHIPS:
            continue
        if attrs.get("TargetMode", "Internal") != "Internal":
            continue
        name = part_name(attrs.get("Target", ""))
        if name in names:
            return name
    return None


def content_type_of(content_types: bytes, name: str) -> str:
    """The content type ``[Content_Types].xml`` gives part ``name`` (lower case), or ""."""
    for attrs in _xml_elements(content_types, f"{_CT_NS}}}Override"):
        if attrs.get("PartName", "").lstrip("/").lower() == name:
            return attrs.get("ContentType", "").strip().lower()
    extension = name.rsplit(".", 1)[-1] if "." in name.rsplit("/", 1)[-1] else ""
    for attrs in _xml_elements(content_types, f"{_CT_NS}}}Default"):
        if attrs.get("Extension", "").lower() == extension:
            return attrs.get("ContentType", "").strip().lower()
    return ""


def ooxml_kind(content_type: str) -> str:
    """The kind of an OOXML package from its main part's content type ("unknown" if none)."""
    if content_type in _MAIN_CONTENT_TYPES:
        return _MAIN_CONTENT_TYPES[content_type]
    if "spreadsheetml" in content_type or "ms-excel" in content_type:
        return "xlsx"
    if "presentationml" in content_type or "ms-powerpoint" in content_type:
        return "pptx"
    return "unknown"


def _sniff_ole(path: Path) -> str:
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("EncryptionInfo") and ole.exists("EncryptedPackage"):
                return "encrypted_office"
            if ole.exists("WordDocument"):
                return "doc"
            if ole.exists("Workbook") or ole.exists("Book"):
                return "xls"
            if ole.exists("PowerPoint Document"):
                return "ppt"
            if ole.exists("CONTENTS"):
                return "works"
    except Exception:  # noqa: BLE001 - olefile raises many types on damaged input
        return "ole2"
    return "ole2"


def find_zip_end_record(fh: BinaryIO, file_size: int) -> int | None:
    """Offset of a real ZIP end record near the end of an open file, or None.

    Unzip tools look for this record in the last 64 KiB of *any* file, which is what makes
    "JPEG + appended ZIP" polyglots work, so every kind is checked for it. Four random bytes
    match by chance in compressed data, so a hit only counts when the central directory it
    points to really starts where the record says it ends.
    """
    tail_len = min(file_size, 65536 + 22)
    fh.seek(file_size - tail_len)
    tail = fh.read(tail_len)
    tail_offset = file_size - tail_len
    pos = len(tail)
    while pos > 0:
        pos = tail.rfind(ZIP_END, 0, pos)
        if pos < 0:
            return None
        if len(tail) - pos < 22:
            continue
        disk, cd_disk, n_here, n_total, cd_size, _cd_offset, comment_len = struct.unpack_from(
            "<HHHHIIH", tail, pos + 4
        )
        absolute = tail_offset + pos
        if absolute + 22 + comment_len > file_size:
            continue
        zip64 = _zip64_directory(fh, absolute)
        if zip64 is not None:
            # A ZIP64 end record and locator sit between the central directory and this one.
            cd_size, cd_end, n_total = zip64
        elif disk != 0 or cd_disk != 0 or n_here != n_total or cd_size > absolute:
            continue
        else:
            cd_end = absolute
        if n_total == 0 and cd_size == 0:
            return absolute
        fh.seek(cd_end - cd_size)
        if fh.read(4) == ZIP_CENTRAL:
            return absolute
    return None


def _zip64_directory(fh: BinaryIO, eocd: int) -> tuple[int, int, int] | None:
    """(central directory size, its end, entry count) from a ZIP64 end record before ``eocd``.

    Writers that always use ZIP64 (and any archive over 4 GB or 65,535 entries) put the real
    directory figures there and 0xFFFF/0xFFFFFFFF, or copies, in the classic end record.
    """
    if eocd < 20 + 56:
        return None
    fh.seek(eocd - 20)
    locator = fh.read(20)
    if len(locator) < 20 or not locator.startswith(ZIP64_LOCATOR):
        return None
    _sig, disk, record_at, disks = struct.unpack("<4sIQI", locator)
    if disk != 0 or disks > 1 or record_at > eocd - 20 - 56:
        return None
    fh.seek(record_at)
    record = fh.read(56)
    sig, record_size, _made, _needed, disk, cd_disk, n_here, n_total, cd_size, _cd_offset = (
        struct.unpack("<4sQHHIIQQQQ", record)
    )
    if sig != ZIP64_END or disk != 0 or cd_disk != 0 or n_here != n_total:
        return None
    if record_at + 12 + record_size != eocd - 20 or cd_size > record_at:
        return None
    return cd_size, record_at, n_total
