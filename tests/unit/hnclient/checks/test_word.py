"""Word documents: every refusal with a file that really is that thing."""

from __future__ import annotations

import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import olefile
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement

from hnclient.checks import Limits, check_file

Write = Callable[[str, bytes], Path]


def test_docx_from_python_docx_is_accepted(write: Write, mk: Any) -> None:
    verdict = check_file(write("会议.docx", mk.docx_bytes(paragraphs=4)))
    assert verdict.accepted, verdict.message
    assert (verdict.kind, verdict.code) == ("docx", "ok")
    assert verdict.details["paragraphs"] == 5  # heading + 4
    assert verdict.details["tables"] == 1
    assert verdict.warnings == ()


def test_doc_made_by_libreoffice_is_accepted(sample: Callable[..., Path]) -> None:
    verdict = check_file(sample("sample.doc"))
    assert (verdict.accepted, verdict.kind, verdict.code) == (True, "doc", "ok")


def test_tracked_changes_warn_but_accept(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("原文")
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "1")
    ins.set(qn("w:author"), "信息员")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "新增内容"
    run.append(text)
    ins.append(run)
    paragraph._p.append(ins)
    path = tmp_path / "修订.docx"
    document.save(str(path))
    verdict = check_file(path)
    assert verdict.accepted
    assert [w.code for w in verdict.warnings] == ["tracked_changes"]
    assert "接受所有修订" in verdict.warnings[0].message


def test_comments_warn_but_accept(tmp_path: Path) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("请领导审阅")
    document.add_comment(paragraph.runs, text="数字需核实", author="分管领导")
    path = tmp_path / "批注.docx"
    document.save(str(path))
    verdict = check_file(path)
    assert verdict.accepted
    assert [w.code for w in verdict.warnings] == ["comments"]


def _docm_bytes(mk: Any) -> bytes:
    base = mk.docx_bytes()
    with io.BytesIO(base) as buf:
        content_types = zipfile.ZipFile(buf).read("[Content_Types].xml")
    content_types = content_types.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml",
    ).replace(
        b"</Types>",
        b'<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>',
    )
    vba = olefile.MAGIC + b"\x00" * 504  # only the name and content type matter to Word's loader
    return mk.rezip(
        base, {"word/vbaProject.bin": vba}, replace={"[Content_Types].xml": content_types}
    )


def test_macro_enabled_docx_is_refused(write: Write, mk: Any) -> None:
    for name in ("宏.docx", "宏.docm"):
        verdict = check_file(write(name, _docm_bytes(mk)))
        assert (verdict.accepted, verdict.code) == (False, "macro_enabled"), name
        assert "另存为" in verdict.message


def test_doc_with_macros_storage_is_refused(sample: Callable[..., Path]) -> None:
    """Turn the \\x01Ole stream of a real .doc into a ``Macros`` storage, as Word writes it."""
    path = sample("sample.doc", "宏.doc")
    data = bytearray(path.read_bytes())
    with olefile.OleFileIO(str(path)) as ole:
        sid = ole._find("\x01Ole")
        dir_start, sector = ole.first_dir_sector, ole.sectorsize
    entry = 512 + dir_start * sector + sid * 128  # directory fits in its first sector here
    name = "Macros".encode("utf-16-le") + b"\x00\x00"
    data[entry : entry + 64] = name.ljust(64, b"\x00")
    struct.pack_into("<HB", data, entry + 64, len(name), 1)  # name length, type = storage
    struct.pack_into("<I", data, entry + 76, 0xFFFFFFFF)  # no children
    path.write_bytes(bytes(data))
    with olefile.OleFileIO(str(path)) as ole:
        assert ole.get_type("Macros") == olefile.STGTY_STORAGE
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code) == (False, "macro_enabled")


def test_encrypted_docx_and_doc_are_refused(sample: Callable[..., Path]) -> None:
    for name in ("encrypted.docx", "encrypted.doc"):
        verdict = check_file(sample(name))
        assert (verdict.accepted, verdict.code) == (False, "encrypted"), name
        assert "密码" in verdict.message


def test_zip_bomb_docx_is_refused(write: Write, mk: Any) -> None:
    bomb = mk.rezip(mk.docx_bytes(), {"word/media/image1.png": b"\x00" * (40 * 1024 * 1024)})
    assert len(bomb) < 200_000
    verdict = check_file(write("炸弹.docx", bomb))
    assert (verdict.accepted, verdict.code) == (False, "zip_bomb")
    assert verdict.details["worst_entry_ratio"] > 200


def test_zip_entry_count_and_total_caps(write: Write, mk: Any) -> None:
    many = mk.rezip(mk.docx_bytes(), {f"extra/item{i}.xml": b"<a/>" for i in range(60)})
    path = write("多.docx", many)
    assert check_file(path).accepted
    assert check_file(path, Limits(zip_max_entries=50)).code == "zip_bomb"
    assert check_file(path, Limits(zip_max_total_uncompressed=1000)).code == "zip_bomb"


def test_truncated_docx_is_refused(write: Write, mk: Any) -> None:
    data = mk.docx_bytes()
    verdict = check_file(write("半截.docx", data[: len(data) // 2]))
    assert (verdict.accepted, verdict.code) == (False, "truncated")


def test_truncated_doc_is_refused(sample: Callable[..., Path]) -> None:
    path = sample("sample.doc", "半截.doc")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 3000])
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code) == (False, "truncated")


def test_docx_with_appended_jpeg_is_polyglot(write: Write, mk: Any) -> None:
    verdict = check_file(write("夹带.docx", mk.docx_bytes() + mk.jpeg_bytes()))
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


def test_doc_with_appended_zip_is_polyglot(sample: Callable[..., Path], mk: Any) -> None:
    path = sample("sample.doc", "夹带.doc")
    path.write_bytes(path.read_bytes() + mk.zip_bytes({"payload.exe": b"MZ" + b"\x90" * 100}))
    verdict = check_file(path)
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


def test_docx_with_hidden_gap_is_polyglot(write: Write, mk: Any) -> None:
    """Data slipped between members, unlisted in the central directory."""
    data = mk.docx_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        infos = sorted(zf.infolist(), key=lambda i: i.header_offset)
        second, start_dir = infos[1].header_offset, zf.start_dir
    hidden = mk.zip_bytes({"x.txt": b"hidden"})
    shift = len(hidden)
    head, tail = data[:second], bytearray(data[second:])
    # fix every central-directory offset at or after the insertion point, and the end record
    cd = start_dir - second
    pos = cd
    while tail[pos : pos + 4] == b"PK\x01\x02":
        (offset,) = struct.unpack_from("<I", tail, pos + 42)
        if offset >= second:
            struct.pack_into("<I", tail, pos + 42, offset + shift)
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", tail, pos + 28)
        pos += 46 + name_len + extra_len + comment_len
    struct.pack_into("<I", tail, pos + 16, start_dir + shift)
    forged = head + hidden + bytes(tail)
    assert zipfile.ZipFile(io.BytesIO(forged)).testzip() is None  # still a valid ZIP
    verdict = check_file(write("缝隙.docx", forged))
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


def test_zip_without_word_parts_named_docx_is_corrupt(write: Write, mk: Any) -> None:
    verdict = check_file(write("假.docx", mk.zip_bytes({"readme.txt": b"hello"})))
    assert (verdict.accepted, verdict.code) == (False, "corrupt")


def test_docx_named_doc_is_extension_mismatch(write: Write, mk: Any) -> None:
    verdict = check_file(write("报告.doc", mk.docx_bytes()))
    assert (verdict.code, verdict.kind) == ("extension_mismatch", "docx")
    assert "“.docx”" in verdict.message


def test_word_size_limit(write: Write, mk: Any) -> None:
    path = write("大.docx", mk.docx_bytes())
    verdict = check_file(path, Limits(word_max_bytes=1000))
    assert (verdict.accepted, verdict.code) == (False, "too_large")
    assert verdict.details["limit"] == 1000
