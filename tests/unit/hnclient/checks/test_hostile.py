"""Files built to break the checks: each one really is the hostile or odd thing it is named.

Every case here was a defect before it had a test: a crash turned into "check_failed", a
refusal of a file Word writes, or a file that passed and should not have.
"""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import olefile
import pytest
from PIL import Image

from hnclient.checks import check_file

Write = Callable[[str, bytes], Path]
Sample = Callable[..., Path]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)


def _comments_xml(prolog: str = "", encoding: str = "UTF-8") -> str:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?>{prolog}'
        f'<w:comments {W}><w:comment w:id="0"><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>'
        "</w:comment></w:comments>"
    )


def _local_headers(data: bytes) -> list[int]:
    found, pos = [], 0
    while (pos := data.find(b"PK\x03\x04", pos)) >= 0:
        found.append(pos)
        pos += 4
    return found


# ------------------------------------------------------------------------------------ docx


def test_duplicate_part_names_are_corrupt(write: Write, mk: Any) -> None:
    """Two word/document.xml: the check would read one and Word might show the other."""
    data = mk.docx_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info), zipfile.ZIP_DEFLATED)
        with pytest.warns(UserWarning, match="Duplicate name"):
            dst.writestr("word/document.xml", src.read("word/document.xml"))
    verdict = check_file(write("重名.docx", out.getvalue()))
    assert (verdict.accepted, verdict.code) == (False, "corrupt")
    assert verdict.details["reason"] == "duplicate part names"


def test_local_header_name_differing_from_central_directory_is_corrupt(
    write: Write, mk: Any
) -> None:
    data = bytearray(mk.docx_bytes())
    for pos in _local_headers(bytes(data)):
        (name_len,) = struct.unpack_from("<H", data, pos + 26)
        if data[pos + 30 : pos + 30 + name_len] == b"word/document.xml":
            data[pos + 30 : pos + 30 + name_len] = b"word/documenX.xml"
    verdict = check_file(write("改名.docx", bytes(data)))
    assert (verdict.accepted, verdict.code) == (False, "corrupt")
    assert "Word 打开" in verdict.message


@pytest.mark.parametrize("damage", ["deflate", "crc", "encrypted_flag", "method_99"])
def test_damaged_members_are_corrupt_not_check_failed(write: Write, mk: Any, damage: str) -> None:
    data = bytearray(mk.docx_bytes())
    first = data.index(b"PK\x03\x04")  # [Content_Types].xml, read by the check itself
    central = data.index(b"PK\x01\x02")
    if damage == "deflate":
        name_len, extra_len = struct.unpack_from("<HH", data, first + 26)
        body = first + 30 + name_len + extra_len
        data[body : body + 8] = b"\xff" * 8
    elif damage == "crc":
        data[central + 16 : central + 20] = b"\x00" * 4
    elif damage == "encrypted_flag":
        (flags,) = struct.unpack_from("<H", data, central + 8)
        struct.pack_into("<H", data, central + 8, flags | 1)
    else:
        struct.pack_into("<H", data, central + 10, 99)
    verdict = check_file(write(f"{damage}.docx", bytes(data)))
    assert (verdict.accepted, verdict.code) == (False, "corrupt"), verdict.message


class _Unseekable(io.RawIOBase):
    """What a streaming writer sees: zipfile then writes data descriptors."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        self.data += b
        return len(b)


@pytest.mark.parametrize("zip64", [False, True])
def test_streamed_docx_with_data_descriptors_is_accepted(
    write: Write, mk: Any, zip64: bool
) -> None:
    """ZIP64 descriptors follow the local ZIP64 extra, not the member's size (APPNOTE 4.3.9)."""
    out = _Unseekable()
    with (
        zipfile.ZipFile(io.BytesIO(mk.docx_bytes())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            with dst.open(info.filename, "w", force_zip64=zip64) as member:
                member.write(src.read(info))
    data = bytes(out.data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        assert all(info.flag_bits & 0x08 for info in zf.infolist())
    verdict = check_file(write("流式.docx", data))
    assert (verdict.accepted, verdict.code) == (True, "ok"), verdict.message


def _with_zip64_end(data: bytes, classic_values: bool) -> bytes:
    """Insert a ZIP64 end record and locator, as writers that always use ZIP64 do."""
    end = data.rindex(b"PK\x05\x06")
    _disk, _cd_disk, n_here, n_total, cd_size, cd_offset, _comment = struct.unpack_from(
        "<HHHHIIH", data, end + 4
    )
    record = struct.pack(
        "<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, n_here, n_total, cd_size, cd_offset
    )
    locator = struct.pack("<4sIQI", b"PK\x06\x07", 0, end, 1)
    if classic_values:
        classic = data[end:]
    else:
        classic = struct.pack(
            "<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0
        )
    return data[:end] + record + locator + classic


@pytest.mark.parametrize("classic_values", [True, False])
def test_docx_with_zip64_end_record_is_accepted(
    write: Write, mk: Any, classic_values: bool
) -> None:
    data = _with_zip64_end(mk.docx_bytes(), classic_values)
    assert len(zipfile.ZipFile(io.BytesIO(data)).namelist()) > 5  # a valid ZIP64 archive
    verdict = check_file(write("zip64.docx", data))
    assert (verdict.accepted, verdict.code) == (True, "ok"), verdict.message


def test_jpeg_with_appended_zip64_archive_is_polyglot(write: Write, mk: Any) -> None:
    archive = _with_zip64_end(mk.zip_bytes({"payload.exe": b"MZ" + b"\x90" * 64}), False)
    photo = mk.jpeg_bytes()
    shifted = bytearray(photo + archive)
    # make the archive's offsets absolute, as a real self-contained polyglot would
    record = shifted.rindex(b"PK\x06\x06")
    struct.pack_into(
        "<Q", shifted, record + 48, struct.unpack_from("<Q", shifted, record + 48)[0] + len(photo)
    )
    locator = shifted.rindex(b"PK\x06\x07")
    struct.pack_into("<Q", shifted, locator + 8, record)
    assert zipfile.ZipFile(io.BytesIO(bytes(shifted))).namelist() == ["payload.exe"]
    verdict = check_file(write("夹带.jpg", bytes(shifted)))
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


def test_program_in_the_zip_comment_is_polyglot(write: Write, mk: Any) -> None:
    data = mk.docx_bytes()
    end = data.rindex(b"PK\x05\x06")
    program = b"MZ\x90\x00" + b"\x00" * 60 + b"This program cannot be run in DOS mode."
    with_program = data[: end + 20] + struct.pack("<H", len(program)) + program
    verdict = check_file(write("注释.docx", with_program))
    assert (verdict.accepted, verdict.code) == (False, "polyglot")
    text = b"Created by an office system"
    with_text = data[: end + 20] + struct.pack("<H", len(text)) + text
    assert check_file(write("文字注释.docx", with_text)).accepted


@pytest.mark.parametrize(
    "comments",
    [
        # a DTD may follow comments in the prolog, far past the first 4 KiB
        _comments_xml("<!--" + "x" * 5000 + "-->" + LAUGHS).encode(),
        # and in UTF-16 no byte pattern "<!DOCTYPE" exists at all
        _comments_xml(LAUGHS, "UTF-16").encode("utf-16"),
    ],
    ids=["after-4k", "utf-16"],
)
def test_entity_expansion_in_comments_is_refused_at_the_parser(
    write: Write, mk: Any, comments: bytes
) -> None:
    verdict = check_file(
        write("笑.docx", mk.rezip(mk.docx_bytes(), {"word/comments.xml": comments}))
    )
    assert (verdict.accepted, verdict.code) == (False, "corrupt")
    assert verdict.details["reason"] == "DTD in word/comments.xml"


def test_entity_expansion_in_content_types_is_refused(write: Write, mk: Any) -> None:
    data = mk.docx_bytes()
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    types = types.replace(b"?>", b"?><!--" + b"x" * 5000 + b"-->" + LAUGHS.encode(), 1)
    forged = mk.rezip(data, {}, {"[Content_Types].xml": types})
    verdict = check_file(write("笑.docx", forged))
    assert (verdict.accepted, verdict.code) == (False, "corrupt")


def _with_default(data: bytes, extension: str, content_type: str) -> bytes:
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")
    default = f'<Default Extension="{extension}" ContentType="{content_type}"/>'.encode()
    return types.replace(b"<Default ", default + b"<Default ", 1)


def test_vba_project_under_another_name_is_macro_enabled(write: Write, mk: Any) -> None:
    data = mk.docx_bytes()
    types = _with_default(data, "bin", "application/vnd.ms-office.vbaProject")
    forged = mk.rezip(
        data, {"word/code.bin": olefile.MAGIC + b"\x00" * 504}, {"[Content_Types].xml": types}
    )
    verdict = check_file(write("宏.docx", forged))
    assert (verdict.accepted, verdict.code) == (False, "macro_enabled")


def test_embedded_macro_workbook_is_macro_enabled(write: Write, mk: Any) -> None:
    data = mk.docx_bytes()
    types = _with_default(data, "xlsm", "application/vnd.ms-excel.sheet.macroEnabled.12")
    embedded = mk.zip_bytes({"xl/vbaProject.bin": b"\x00" * 16})
    forged = mk.rezip(
        data, {"word/embeddings/book1.xlsm": embedded}, {"[Content_Types].xml": types}
    )
    verdict = check_file(write("嵌入.docx", forged))
    assert (verdict.accepted, verdict.code) == (False, "macro_enabled")


def test_stray_vba_default_without_such_a_part_is_accepted(write: Write, mk: Any) -> None:
    data = mk.docx_bytes()
    types = _with_default(data, "bin", "application/vnd.ms-office.vbaProject")
    verdict = check_file(write("默认.docx", mk.rezip(data, {}, {"[Content_Types].xml": types})))
    assert verdict.accepted, verdict.message


_TEXT_BOX = (
    '<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
    'markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
    '<w:p><w:ins w:id="9" w:author="a"><w:r><w:t>改</w:t></w:r></w:ins></w:p>'
    "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
    '<w:p><w:ins w:id="9" w:author="a"><w:r><w:t>改</w:t></w:r></w:ins></w:p>'
    "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"
)


def test_tracked_change_only_in_a_text_box_warns_once(write: Write, mk: Any) -> None:
    data = mk.docx_bytes()
    document = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    document = document.replace("<w:sectPr", _TEXT_BOX + "<w:sectPr", 1)
    verdict = check_file(
        write("文本框.docx", mk.rezip(data, {}, {"word/document.xml": document.encode()}))
    )
    assert verdict.accepted, verdict.message
    assert [w.code for w in verdict.warnings] == ["tracked_changes"]
    assert "1 处" in verdict.warnings[0].message  # Word writes the box twice; one change


def test_tracked_change_in_a_header_warns(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement

    document = docx.Document()
    document.add_paragraph("正文")
    paragraph = document.sections[0].header.paragraphs[0]
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "1")
    ins.set(qn("w:author"), "信息员")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "页眉修订"
    run.append(text)
    ins.append(run)
    paragraph._p.append(ins)
    path = tmp_path / "页眉.docx"
    document.save(str(path))
    verdict = check_file(path)
    assert verdict.accepted
    assert [w.code for w in verdict.warnings] == ["tracked_changes"]


# ------------------------------------------------------------------------------------- doc


def _fat_entry_offset(data: bytes, index: int) -> int:
    sector = 1 << struct.unpack_from("<H", data, 0x1E)[0]
    difat = struct.unpack_from("<109I", data, 0x4C)
    per = sector // 4
    return 512 + difat[index // per] * sector + (index % per) * 4


def test_doc_whose_fat_loops_is_corrupt(sample: Sample) -> None:
    """olefile stops a looping chain after the expected sector count and reads garbage."""
    path = sample("sample.doc", "循环.doc")
    data = bytearray(path.read_bytes())
    with olefile.OleFileIO(str(path)) as ole:
        start = ole.root.isectStart  # the mini stream, in the FAT: WordDocument lives there
        second = ole.fat[start]
    struct.pack_into("<I", data, _fat_entry_offset(bytes(data), second), start)
    path.write_bytes(bytes(data))
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code) == (False, "corrupt")


def test_macros_nested_in_an_embedded_object_are_refused(sample: Sample) -> None:
    """ObjectPool/Macros: the \\x01Ole stream becomes a storage holding a new Macros storage."""
    path = sample("sample.doc", "嵌宏.doc")
    data = bytearray(path.read_bytes())
    with olefile.OleFileIO(str(path)) as ole:
        pool = ole._find("\x01Ole")
        free = next(i for i, e in enumerate(ole.direntries) if e is None)
        dir_chain = [ole.first_dir_sector]
        while ole.fat[dir_chain[-1]] != olefile.ENDOFCHAIN:
            dir_chain.append(ole.fat[dir_chain[-1]])
        sector = ole.sectorsize

    def entry_at(sid: int) -> int:
        per = sector // 128
        return 512 + dir_chain[sid // per] * sector + (sid % per) * 128

    def storage(sid: int, name: str, child: int) -> None:
        at = entry_at(sid)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        data[at : at + 128] = bytes(128)
        data[at : at + 64] = encoded.ljust(64, b"\x00")
        struct.pack_into("<HBBIII", data, at + 64, len(encoded), 1, 1, *(0xFFFFFFFF,) * 2, child)

    left, right = struct.unpack_from("<II", data, entry_at(pool) + 68)
    storage(pool, "ObjectPool", free)
    struct.pack_into("<II", data, entry_at(pool) + 68, left, right)  # keep its place in the tree
    storage(free, "Macros", 0xFFFFFFFF)
    path.write_bytes(bytes(data))
    with olefile.OleFileIO(str(path)) as ole:
        assert ["ObjectPool", "Macros"] in ole.listdir(streams=False, storages=True)
        assert not ole.exists("Macros")  # the old root-only test missed it
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code) == (False, "macro_enabled")


def test_doc_with_payload_behind_a_megabyte_of_zeros_is_polyglot(sample: Sample) -> None:
    path = sample("sample.doc", "填充.doc")
    path.write_bytes(path.read_bytes() + bytes(1024 * 1024 + 512) + b"Rar!\x1a\x07\x01\x00payload")
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


# -------------------------------------------------- not Word at all, under a Word name


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl} \\'c4\\'e3}", "rtf"),
        (
            b'<html xmlns:o="urn:schemas-microsoft-com:office:office" '
            b'xmlns:w="urn:schemas-microsoft-com:office:word"><body>x</body></html>',
            "html",
        ),
        (b"\xef\xbb\xbf<html><body>x</body></html>", "html"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>x</p>', "html"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n", "mht"),
        (
            b'<?xml version="1.0"?><?mso-application progid="Word.Document"?>'
            b'<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>',
            "word_xml",
        ),
    ],
    ids=["rtf", "word-html", "html-bom", "oa-export", "mht", "word-2003-xml"],
)
def test_other_formats_saved_as_doc_say_save_as_docx(
    write: Write, content: bytes, kind: str
) -> None:
    verdict = check_file(write("通知.doc", content))
    assert (verdict.accepted, verdict.code, verdict.kind) == (False, "extension_mismatch", kind)
    assert "不是真正的 Word 文档" in verdict.message
    assert "“Word 文档（*.docx）”" in verdict.message


def test_plain_text_as_doc_names_what_doc_promises(write: Write) -> None:
    """Was a random label from a frozenset ("加密的 Office 文档" in some runs)."""
    verdict = check_file(write("通知.doc", "各县、各单位：请按时报送信息。".encode("gbk")))
    assert (verdict.code, verdict.kind) == ("corrupt", "text")
    assert "不是有效的Word 97-2003 文档（.doc）" in verdict.message


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_chinese_text_cut_mid_character_is_text(write: Write, encoding: str) -> None:
    body = ("各县、各单位：请按时报送政务信息。" * 400).encode(encoding)
    verdict = check_file(write("说明.txt", body))
    assert (verdict.code, verdict.kind) == ("unsupported_format", "text")
    assert "粘贴到 Word" in verdict.message


def test_doc_saved_with_a_wps_extension_says_save_as_docx_in_wps(sample: Sample) -> None:
    verdict = check_file(sample("sample.doc", "通知.wps"))
    assert (verdict.accepted, verdict.code) == (False, "extension_mismatch")
    assert "WPS 中“另存为”" in verdict.message


# ------------------------------------------------------------------------------------ JPEG


def _mpo(*sizes: tuple[int, int]) -> bytes:
    frames = [Image.new("RGB", size, (40 * i, 90, 160)) for i, size in enumerate(sizes)]
    buf = io.BytesIO()
    frames[0].save(buf, "MPO", save_all=True, append_images=frames[1:])
    return buf.getvalue()


def test_mpo_from_a_phone_is_accepted(write: Write) -> None:
    data = _mpo((64, 48), (64, 48), (32, 24))
    assert data.count(b"\xff\xd8\xff") == 3
    verdict = check_file(write("立体.jpg", data))
    assert (verdict.accepted, verdict.code) == (True, "ok"), verdict.message
    assert verdict.warnings == ()


def test_mpo_with_an_archive_after_its_last_image_is_polyglot(write: Write, mk: Any) -> None:
    data = _mpo((64, 48), (64, 48)) + mk.zip_bytes({"a.exe": b"MZ"})
    verdict = check_file(write("立体.jpg", data))
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


def test_mpo_whose_second_image_is_a_pixel_bomb_is_refused(write: Write) -> None:
    data = bytearray(_mpo((64, 48), (64, 48)))
    second = data.index(b"\xff\xd8\xff", 3)
    sof = data.index(b"\xff\xc0", second)
    struct.pack_into(">HH", data, sof + 5, 60000, 60000)
    verdict = check_file(write("立体.jpg", bytes(data)))
    assert (verdict.accepted, verdict.code) == (False, "pixel_bomb")


def test_huge_dimensions_over_a_few_bytes_of_data_is_refused(write: Write, mk: Any) -> None:
    """9000×9000 declared (under the cap), 200 bytes of picture, EOI: decoders pad with grey."""
    data = mk.jpeg_bytes()
    sos = data.index(b"\xff\xda")
    cut = bytearray(data[: sos + 200] + b"\xff\xd9")
    sof = cut.index(b"\xff\xc0")
    struct.pack_into(">HH", cut, sof + 5, 9000, 9000)
    verdict = check_file(write("空图.jpg", bytes(cut)))
    assert (verdict.accepted, verdict.code) == (False, "truncated")


@pytest.mark.parametrize("options", [{}, {"progressive": True, "optimize": True, "quality": 5}])
def test_large_flat_photo_is_not_mistaken_for_missing_data(
    write: Write, options: dict[str, Any]
) -> None:
    """The bound is far below what even a blank frame costs."""
    buf = io.BytesIO()
    Image.new("L", (4000, 3000), 255).save(buf, "JPEG", **options)
    verdict = check_file(write("白.jpg", buf.getvalue()))
    assert verdict.accepted, verdict.message


def test_cmyk_jpeg_is_accepted(write: Write) -> None:
    buf = io.BytesIO()
    Image.new("CMYK", (64, 48), (0, 60, 100, 0)).save(buf, "JPEG")
    verdict = check_file(write("印刷.jpg", buf.getvalue()))
    assert (verdict.accepted, verdict.details["mode"]) == (True, "CMYK")


# ------------------------------------------------------------------------------------- WMV


def test_wmv_with_payload_behind_64k_of_zeros_is_polyglot(sample: Sample) -> None:
    path = sample("sample.wmv", "填充.wmv")
    path.write_bytes(path.read_bytes() + bytes(70_000) + b"Rar!\x1a\x07\x01\x00payload")
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


def test_wmv_with_millions_of_tiny_objects_is_refused_after_a_bounded_walk(
    sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hnclient.checks import wmv

    path = sample("sample.wmv", "碎.wmv")
    index = next(iter(wmv.INDEXES))
    path.write_bytes(path.read_bytes() + (index + struct.pack("<Q", 24)) * 100_000)
    reads = 0
    real_walk = wmv._walk_top_level

    def counting_walk(fh: Any, pos: int, size: int, *args: Any) -> bool:
        nonlocal reads
        original = fh.read

        def read(n: int = -1) -> bytes:
            nonlocal reads
            reads += 1
            return original(n)

        fh.read = read
        return real_walk(fh, pos, size, *args)

    monkeypatch.setattr(wmv, "_walk_top_level", counting_walk)
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code) == (False, "corrupt")
    assert reads <= wmv._MAX_TOP_LEVEL_OBJECTS + 1


# ------------------------------------------------------------------------ the file system


def test_file_vanishing_between_sniff_and_check_is_not_found(
    write: Write, mk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hnclient.checks.files as checks

    real_sniff = checks.sniff

    def sniff_then_vanish(path: Path, head: bytes) -> str:
        kind = real_sniff(path, head)
        path.unlink()
        return kind

    monkeypatch.setattr(checks, "sniff", sniff_then_vanish)
    for name, data in (("拔.jpg", mk.jpeg_bytes()), ("拔.docx", mk.docx_bytes())):
        verdict = check_file(write(name, data))
        assert (verdict.accepted, verdict.code) == (False, "not_found"), name
        assert "No such file" not in verdict.message


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_symlink_to_dev_zero_is_refused_without_reading(tmp_path: Path) -> None:
    link = tmp_path / "零.jpg"
    link.symlink_to("/dev/zero")
    assert check_file(link).code == "unreadable"


def test_chinese_path_with_spaces_is_accepted(tmp_path: Path, sample: Sample) -> None:
    folder = tmp_path / "贵德县 信息 报送"
    folder.mkdir()
    path = folder / "会议 纪要 (终稿).doc"
    path.write_bytes(sample("sample.doc").read_bytes())
    verdict = check_file(path)
    assert (verdict.accepted, verdict.kind) == (True, "doc")


# -------------------------------------------------------------------------------- the CLI


def _cli(*args: str | Path, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "hnclient", "check", *map(os.fsencode, args)],
        capture_output=True,
        env=env,
        timeout=60,
    )


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="non-UTF-8 file names are a POSIX thing")
def test_cli_survives_names_the_console_cannot_print(tmp_path: Path, mk: Any) -> None:
    """A Tibetan name on a GBK console; a GBK-encoded name from a USB stick (not UTF-8)."""
    tibetan = tmp_path / "ཞོལ་ 照片.jpg"
    tibetan.write_bytes(mk.jpeg_bytes())
    raw = os.fsencode(tmp_path) + b"/" + "你好".encode("gbk") + b".jpg"
    with open(raw, "wb") as fh:
        fh.write(mk.jpeg_bytes())
    gbk_name = Path(os.fsdecode(raw))
    for encoding in ("gbk", "utf-8"):
        human = _cli(tibetan, gbk_name, encoding=encoding)
        assert human.returncode == 0, human.stderr.decode(encoding, "replace")
        assert human.stdout.decode(encoding).count("【可以报送】") == 2
        machine = _cli("--json", tibetan, gbk_name, encoding=encoding)
        assert machine.returncode == 0, machine.stderr.decode(encoding, "replace")
        import json

        entries = json.loads(machine.stdout.decode(encoding))
        assert [e["path"] for e in entries] == [str(tibetan), str(gbk_name)]
        assert all(e["code"] == "ok" for e in entries)


# ----------------------------------------------------------------- adding to the store


def _grow_during_copy(monkeypatch: pytest.MonkeyPatch, source: Path, extra: bytes) -> None:
    """Append to ``source`` after the store wrote its first chunk, as a download still running."""
    from hnclient import attachments

    real_write = attachments._write
    grown = False

    def write(fd: int, chunk: Any) -> int:
        nonlocal grown
        written = real_write(fd, chunk)
        if not grown:
            grown = True
            with source.open("ab") as fh:
                fh.write(extra)
        return written

    monkeypatch.setattr(attachments, "_write", write)


def test_store_hash_is_of_what_was_stored_when_the_file_grows(
    tmp_path: Path, mk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from hnclient.attachments import AttachmentStore

    source = tmp_path / "下载中.jpg"
    source.write_bytes(mk.jpeg_bytes())
    _grow_during_copy(monkeypatch, source, b"\x00" * 4096)
    store = AttachmentStore(tmp_path / "store")
    ref = store.add(source)
    stored = store.path_for(ref.sha256).read_bytes()
    assert hashlib.sha256(stored).hexdigest() == ref.sha256
    assert ref.size == len(stored)
    assert store.verify(ref.sha256)


def test_file_changing_between_check_and_copy_is_not_referenced(
    tmp_path: Path, mk: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check saw a clean photo; the store would have kept it with a ZIP behind it."""
    from hnclient.attaching import add_file
    from hnclient.attachments import AttachmentStore

    source = tmp_path / "下载中.jpg"
    source.write_bytes(mk.jpeg_bytes())
    _grow_during_copy(monkeypatch, source, mk.zip_bytes({"payload.exe": b"MZ" * 100}))
    outcome = add_file(AttachmentStore(tmp_path / "store"), source)
    assert not outcome.added
    assert (outcome.verdict.accepted, outcome.verdict.code) == (False, "changed_while_adding")
    assert "重新添加" in outcome.verdict.message


def test_unchanged_file_is_still_added(tmp_path: Path, mk: Any) -> None:
    from hnclient.attaching import add_file
    from hnclient.attachments import AttachmentStore

    source = tmp_path / "现场.jpg"
    source.write_bytes(mk.jpeg_bytes())
    outcome = add_file(AttachmentStore(tmp_path / "store"), source)
    assert outcome.added and outcome.verdict.code == "ok"
