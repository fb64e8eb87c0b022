"""The text of Word attachments, and what the guard finds in it: .docx, .doc, bad files."""

from __future__ import annotations

import shutil
import struct
import zipfile
from pathlib import Path

import docx
import olefile
import pytest

from hnclient.checks.limits import Limits
from hnclient.screening import scan_word_file
from hnclient.screening.word import extract_word_text

DATA = Path(__file__).resolve().parents[3] / "data" / "checks"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(path: Path) -> Path:
    """A report with a marking in a table cell, another in the header, a mobile in the footer."""
    document = docx.Document()
    document.add_paragraph("共和县召开信息报送工作会议。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "文件"
    table.cell(1, 1).text = "此件 秘　密★1年"
    section = document.sections[0]
    section.header.paragraphs[0].text = "内部\u200b资料"
    section.footer.paragraphs[0].text = "联系电话 138 1234 5678"
    document.save(str(path))
    return path


def test_docx_table_cell_header_and_footer(tmp_path: Path) -> None:
    findings = scan_word_file("通知.docx", make_docx(tmp_path / "a.docx"))
    assert [(f.kind, f.part, f.match) for f in findings] == [
        ("marking", "document", "秘　密★1年"),
        ("marking", "header", "内部\u200b资料"),
        ("mobile", "footer", "138 1234 5678"),
    ]
    cell, header, footer = findings
    assert all(f.source == "attachment" and f.key == "通知.docx" for f in findings)
    assert cell.label_zh == "附件“通知.docx”的正文"
    assert header.label_zh == "附件“通知.docx”的页眉"
    assert footer.context == "联系电话 【138 **** 5678】↵"
    assert cell.context.endswith("此件 【秘　密★1年】↵")


def test_extracted_text_keeps_paragraphs_and_cells_apart(tmp_path: Path) -> None:
    extracted = extract_word_text(make_docx(tmp_path / "a.docx"))
    assert extracted.problem is None
    body = extracted.parts[0].text
    assert "共和县召开信息报送工作会议。\n" in body
    assert "文件\n" in body and "此件 秘　密★1年\n" in body


def replace_part(path: Path, name: str, data: bytes) -> None:
    """Rewrite one part of a ZIP package."""
    source = path.read_bytes()
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(source)
    with zipfile.ZipFile(tmp) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, data if info.filename == name else zin.read(info))
    tmp.unlink()


DOCUMENT_XML = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="{W}"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
  mc:Ignorable="wps">
<w:body>
<w:p><w:r><w:t>正文第一段</w:t></w:r></w:p>
<w:p><w:r><mc:AlternateContent>
  <mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>
    <w:p><w:r><w:t>机密★</w:t></w:r><w:r><w:t>长期</w:t></w:r></w:p>
  </w:txbxContent></wps:txbx></w:drawing></mc:Choice>
  <mc:Fallback><w:pict><w:txbxContent>
    <w:p><w:r><w:t>机密★长期</w:t></w:r></w:p>
  </w:txbxContent></w:pict></mc:Fallback>
</mc:AlternateContent></w:r></w:p>
<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>HYPERLINK "秘密"</w:instrText>
</w:r><w:r><w:t xml:space="preserve">链接</w:t></w:r>
<w:r><w:tab/><w:t>不得</w:t><w:br/><w:t>外传</w:t></w:r></w:p>
<w:p><w:del><w:r><w:delText>删去的绝密</w:delText></w:r></w:del></w:p>
<w:sectPr/>
</w:body>
</w:document>""".encode()


def test_text_boxes_once_deleted_text_yes_field_codes_no(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx")
    replace_part(path, "word/document.xml", DOCUMENT_XML)
    findings = scan_word_file("a.docx", path)
    assert [(f.part, f.canonical) for f in findings if f.kind == "marking"] == [
        ("document", "机密★长期"),  # the text box, read once (not its VML fallback)
        ("document", "绝密"),  # a tracked deletion travels with the file
        ("header", "内部资料"),
    ]  # not 秘密 in the field instruction; not 不得外传 across the line break


def test_docx_python_docx_refuses_is_read_from_the_zip(tmp_path: Path) -> None:
    """A relationship to a missing part (library-notes.md): Word opens it, python-docx not."""
    path = make_docx(tmp_path / "a.docx")
    with zipfile.ZipFile(path) as zf:
        rels = zf.read("word/_rels/document.xml.rels").decode()
    broken = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/image" Target="media/NULL"/></Relationships>',
    )
    replace_part(path, "word/_rels/document.xml.rels", broken.encode())
    with pytest.raises(KeyError):
        docx.Document(str(path))
    findings = scan_word_file("a.docx", path)
    assert [(f.kind, f.part) for f in findings] == [
        ("marking", "document"),
        ("marking", "header"),
        ("mobile", "footer"),
    ]


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda data: data[: len(data) // 2], "damaged"),  # truncated download
        (lambda data: b"PK\x03\x04" + b"\x00" * 200, "damaged"),
        (lambda data: b"%PDF-1.7\n" + data, "not_word"),  # another file renamed
        (lambda data: b"", "not_word"),
    ],
)
def test_broken_docx_is_unscanned(tmp_path: Path, damage: object, reason: str) -> None:
    path = make_docx(tmp_path / "a.docx")
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    [finding] = scan_word_file("坏.docx", path)
    assert (finding.kind, finding.reason, finding.source) == ("unscanned", reason, "attachment")
    assert finding.label_zh == "附件“坏.docx”"
    assert "人工检查" in finding.message_zh() and "by hand" in finding.message_en()


def test_docx_part_with_a_dtd_is_unscanned_but_the_rest_is_read(tmp_path: Path) -> None:
    """Word never writes a DTD; no entity of one is expanded (here it would spell 机密)."""
    path = make_docx(tmp_path / "a.docx")
    with zipfile.ZipFile(path) as zf:
        header = zf.read("word/header1.xml").decode()
    hostile = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "机密">]>' + header.split("?>", 1)[
        1
    ].replace("内部\u200b资料", "&a;")
    replace_part(path, "word/header1.xml", hostile.encode())
    findings = scan_word_file("a.docx", path)
    assert [(f.kind, f.part, f.reason) for f in findings] == [
        ("marking", "document", ""),
        ("unscanned", "", "damaged"),
    ]


def test_missing_and_oversized_files_are_unscanned(tmp_path: Path) -> None:
    [missing] = scan_word_file("无.docx", tmp_path / "nothing.docx")
    assert (missing.kind, missing.reason) == ("unscanned", "unreadable")
    path = make_docx(tmp_path / "a.docx")
    [large] = scan_word_file("大.docx", path, limits=Limits(word_max_bytes=1000))
    assert (large.kind, large.reason) == ("unscanned", "too_large")
    [bomb] = scan_word_file("a.docx", path, limits=Limits(zip_max_total_uncompressed=1000))
    assert bomb.reason == "too_large"


def test_only_the_first_characters_are_scanned_and_that_is_said(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "a.docx")
    extracted = extract_word_text(path, max_chars=10)
    assert sum(len(p.text) for p in extracted.parts) == 10
    assert extracted.problem is not None and extracted.problem.code == "truncated"


def test_unscanned_fingerprint_follows_the_file_not_its_name(tmp_path: Path) -> None:
    first, second = tmp_path / "1.docx", tmp_path / "2.docx"
    first.write_bytes(b"not a word file")
    second.write_bytes(b"not a word file either")
    a = scan_word_file("x.docx", first)[0].fingerprint
    assert a == scan_word_file("x.docx", first)[0].fingerprint
    assert a != scan_word_file("x.docx", second)[0].fingerprint


# ---------------------------------------------------------------------------------------- doc


def copy_sample(tmp_path: Path, name: str = "sample.doc") -> Path:
    path = tmp_path / name
    shutil.copyfile(DATA / name, path)
    return path


def rewrite_stream(path: Path, stream: str, edit: object) -> None:
    """Change a stream of an OLE2 file in place (olefile writes only same-size streams)."""
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        data = ole.openstream(stream).read()
        ole.write_stream(stream, edit(data))  # type: ignore[operator]


def test_doc_text_through_the_piece_table(tmp_path: Path) -> None:
    extracted = extract_word_text(copy_sample(tmp_path))
    assert extracted.problem is None
    [body] = extracted.parts
    assert body.part == "document"
    assert body.text.startswith("共和县召开信息报送工作会议\n2015年7月20日，共和县召开")
    assert "单位\n条数\n" in body.text  # table cells apart
    assert scan_word_file("样例.doc", copy_sample(tmp_path)) == []


def test_doc_marking_is_found(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)
    old, new = "信息报送工".encode("utf-16-le"), "秘密★1年".encode("utf-16-le")
    rewrite_stream(path, "WordDocument", lambda data: data.replace(old, new, 1))
    [finding] = scan_word_file("旧格式.doc", path)
    assert (finding.kind, finding.part, finding.match) == ("marking", "document", "秘密★1年")
    assert finding.context == "共和县召开【秘密★1年】作会议↵2015年7月20日，…"
    assert finding.label_zh == "附件“旧格式.doc”的正文"


def fib_clx_offset(word: bytes) -> int:
    """Where the FIB keeps lcbClx ([MS-DOC] 2.5.1: FibRgFcLcb97, pair 33)."""
    (csw,) = struct.unpack_from("<H", word, 0x20)
    position = 0x22 + 2 * csw
    (cslw,) = struct.unpack_from("<H", word, position)
    return position + 2 + 4 * cslw + 2 + 33 * 8 + 4


def test_doc_with_a_broken_piece_table_is_unscanned(tmp_path: Path) -> None:
    path = copy_sample(tmp_path)

    def break_clx(data: bytes) -> bytes:
        at = fib_clx_offset(data)
        return data[:at] + struct.pack("<I", 0x7FFFFFF0) + data[at + 4 :]

    rewrite_stream(path, "WordDocument", break_clx)
    [finding] = scan_word_file("坏.doc", path)
    assert (finding.kind, finding.reason) == ("unscanned", "damaged")


def test_doc_encrypted_truncated_and_old_are_unscanned(tmp_path: Path) -> None:
    assert scan_word_file("密.doc", copy_sample(tmp_path, "encrypted.doc"))[0].reason == (
        "encrypted"
    )
    assert scan_word_file("密.docx", copy_sample(tmp_path, "encrypted.docx"))[0].reason == (
        "encrypted"
    )
    path = copy_sample(tmp_path)
    path.write_bytes(path.read_bytes()[:3000])
    assert [(f.kind, f.reason) for f in scan_word_file("半.doc", path)] == [
        ("unscanned", "damaged")
    ]
    old = copy_sample(tmp_path)
    rewrite_stream(old, "WordDocument", lambda data: data[:2] + b"\x65\x00" + data[4:])
    assert scan_word_file("95.doc", old)[0].reason == "old_format"
