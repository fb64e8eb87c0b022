"""Issue 10: files that real software writes, rebuilt from their documented form.

One section per fault kind of the issue; each builds a small file of that kind and asserts the
verdict and what the officer is told.
"""

from __future__ import annotations

import io
import re
import struct
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from hnclient.attaching import remedy_for
from hnclient.checks import check_file, jpeg
from hnclient.checks.wmv import FILE_PROPERTIES, INDEXES, VIDEO_MEDIA

Write = Callable[[str, bytes], Path]
Sample = Callable[..., Path]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
REL_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
REL_DOC_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MP4_TAIL = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x10mdat" + bytes(8)


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in members.items():
            zf.writestr(name, body)
    return out.getvalue()


def _add_relationship(rels: bytes, xml: str) -> bytes:
    return rels.replace(b"</Relationships>", xml.encode() + b"</Relationships>")


# ------------------------------------------------------------ 1. Word files that Word opens


def _word6(doc: bytes) -> bytes:
    """sample.doc with its FIB saying Word 6.0 (wIdent 0xA5DC, nFib 0x65)."""
    data = bytearray(doc)
    for offset in range(512, len(data), 512):
        if data[offset : offset + 2] == b"\xec\xa5":
            struct.pack_into("<HH", data, offset, 0xA5DC, 0x65)
            return bytes(data)
    raise AssertionError("no FIB found")


def test_word_6_doc_is_accepted_with_a_note(sample: Sample, write: Write) -> None:
    path = write("旧格式.doc", _word6(sample("sample.doc").read_bytes()))
    verdict = check_file(path)
    assert (verdict.accepted, verdict.kind) == (True, "doc"), verdict.message
    assert verdict.details["word_version"] == "6.0/95"
    assert [w.code for w in verdict.warnings] == ["old_format"]
    assert "Word 6.0/95" in verdict.warnings[0].message


def test_word_template_saved_as_doc_is_a_template_not_damage(sample: Sample, write: Write) -> None:
    data = bytearray(sample("sample.doc").read_bytes())
    offset = next(o for o in range(512, len(data), 512) if data[o : o + 2] == b"\xec\xa5")
    data[offset + 0x0A] |= 0x01  # fDot
    verdict = check_file(write("模板.doc", bytes(data)))
    assert (verdict.accepted, verdict.code) == (False, "template")
    assert "模板" in verdict.message and "“Word 文档（*.docx）”" in verdict.message


def test_strict_open_xml_docx_is_accepted(write: Write, mk: Any) -> None:
    members = _members(mk.docx_bytes(paragraphs=2))
    members["_rels/.rels"] = members["_rels/.rels"].replace(
        REL_DOC.encode(), REL_DOC_STRICT.encode()
    )
    members["word/document.xml"] = members["word/document.xml"].replace(
        W.encode(), W_STRICT.encode()
    )
    verdict = check_file(write("严格.docx", _zip(members)))
    assert verdict.accepted, verdict.message
    assert (verdict.details["paragraphs"], verdict.details["tables"]) == (3, 1)


@pytest.mark.parametrize(
    "relationship",
    [
        f'<Relationship Id="rId90" Type="{REL_NS}/image" Target="NULL"/>',
        f'<Relationship Id="rId91" Type="{REL_NS}/hyperlink" Target="#_top"/>',
    ],
    ids=["missing-target", "internal-hyperlink"],
)
def test_relationships_python_docx_rejects_but_word_opens(
    write: Write, mk: Any, relationship: str
) -> None:
    members = _members(mk.docx_bytes())
    rels = "word/_rels/document.xml.rels"
    members[rels] = _add_relationship(members[rels], relationship)
    verdict = check_file(write("链接.docx", _zip(members)))
    assert (verdict.accepted, verdict.code) == (True, "ok"), verdict.message


def test_main_part_under_another_name_is_found_through_the_package_relationships(
    write: Write, mk: Any
) -> None:
    members = _members(mk.docx_bytes(paragraphs=1))
    members["word/document2.xml"] = members.pop("word/document.xml")
    members["word/_rels/document2.xml.rels"] = members.pop("word/_rels/document.xml.rels")
    members["_rels/.rels"] = members["_rels/.rels"].replace(
        b"word/document.xml", b"word/document2.xml"
    )
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"/word/document.xml", b"/word/document2.xml"
    )
    verdict = check_file(write("网页版.docx", _zip(members)))
    assert verdict.accepted, verdict.message
    assert verdict.details["main_part"] == "word/document2.xml"
    assert verdict.details["paragraphs"] == 2


def test_word_2_document_is_an_old_format_with_a_remedy(write: Write) -> None:
    verdict = check_file(write("1993.doc", b"\xdb\xa5-\x00" + bytes(252)))
    assert (verdict.accepted, verdict.code, verdict.kind) == (False, "old_format", "doc_legacy")
    assert "损坏" not in verdict.message
    assert "“Word 文档（*.docx）”" in verdict.message


@pytest.mark.parametrize("name", ["模板.dotx", "模板.docx"])
def test_template_gets_its_own_message(write: Write, mk: Any, name: str) -> None:
    members = _members(mk.docx_bytes())
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml"
    )
    verdict = check_file(write(name, _zip(members)))
    assert (verdict.accepted, verdict.code) == (False, "template")
    assert "另存为" in verdict.message and "损坏" not in verdict.message


def test_part_inside_another_part_is_corrupt(write: Write, mk: Any) -> None:
    members = _members(mk.docx_bytes())
    members["word/document.xml/image1.gif"] = b"GIF89a"
    verdict = check_file(write("派生.docx", _zip(members)))
    assert (verdict.accepted, verdict.code) == (False, "corrupt")


def test_damaged_xml_in_any_part_is_corrupt(write: Write, mk: Any) -> None:
    members = _members(mk.docx_bytes())
    members["word/styles.xml"] = members["word/styles.xml"][:-40]
    verdict = check_file(write("样式.docx", _zip(members)))
    assert (verdict.accepted, verdict.code) == (False, "corrupt")
    assert "word/styles.xml" in verdict.details["reason"]


# ------------------------------------------------------------- 2. download artefacts


@pytest.mark.parametrize("trailer", [b"\n", b"\r\n", b"\x00\n"])
@pytest.mark.parametrize("name", ["下载.docx", "下载.doc", "下载.wmv", "下载.jpg"])
def test_newline_after_any_file_is_a_warning_not_a_virus(
    sample: Sample, write: Write, mk: Any, name: str, trailer: bytes
) -> None:
    body = {
        ".docx": lambda: mk.docx_bytes(),
        ".doc": lambda: sample("sample.doc").read_bytes(),
        ".wmv": lambda: sample("sample.wmv").read_bytes(),
        ".jpg": lambda: mk.jpeg_bytes(),
    }[Path(name).suffix]()
    verdict = check_file(write(name, body + trailer))
    assert verdict.accepted, verdict.message
    assert [w.code for w in verdict.warnings] == ["trailing_data"]
    assert "病毒" not in verdict.warnings[0].message


@pytest.mark.parametrize("name", ["附加.docx", "附加.doc", "附加.wmv"])
def test_real_appended_content_is_still_refused(
    sample: Sample, write: Write, mk: Any, name: str
) -> None:
    body = {
        ".docx": lambda: mk.docx_bytes(),
        ".doc": lambda: sample("sample.doc").read_bytes(),
        ".wmv": lambda: sample("sample.wmv").read_bytes(),
    }[Path(name).suffix]()
    verdict = check_file(write(name, body + b"\n#!/bin/sh\nrm -rf ~\n" * 8))
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


# ---------------------------------------------------------------------- 3. phone photos


def _samsung_trailer(*blocks: tuple[bytes, bytes]) -> bytes:
    """Samsung's SEF trailer: data blocks, an SEFH directory, its length and "SEFT"."""
    body = b""
    entries = []
    for name, payload in blocks:
        block = struct.pack("<HHI", 0, 0x0A30, len(name)) + name + payload
        entries.append((len(body), len(block)))
        body += block
    directory = b"SEFH" + struct.pack("<II", 106, len(entries))
    for start, length in entries:
        directory += struct.pack("<HHII", 0, 0x0A30, len(body) - start, length)
    return body + directory + struct.pack("<I", len(directory)) + b"SEFT"


def test_samsung_motion_photo_is_refused_with_keep_photo(write: Write, mk: Any) -> None:
    picture = mk.jpeg_bytes()
    trailer = _samsung_trailer((b"MotionPhoto_Data", MP4_TAIL * 20))
    verdict = check_file(write("20240501_101010.jpg", picture + trailer))
    assert (verdict.accepted, verdict.code) == (False, "polyglot")
    assert "三星" in verdict.message and "动态照片" in verdict.message
    assert "只保留照片" in verdict.message and "病毒" not in verdict.message
    assert verdict.details["image_end"] == len(picture)
    assert remedy_for(verdict) == "keep_photo"


def test_samsung_trailer_without_video_or_pictures_is_a_warning(write: Write, mk: Any) -> None:
    trailer = _samsung_trailer((b"Image_UTC_Data", b"1714528210000"))
    verdict = check_file(write("普通.jpg", mk.jpeg_bytes() + trailer))
    assert verdict.accepted, verdict.message
    assert [w.code for w in verdict.warnings] == ["trailing_data"]


def _with_xmp(picture: bytes, xmp: bytes) -> bytes:
    body = b"http://ns.adobe.com/xap/1.0/\x00" + xmp
    return picture[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + picture[2:]


def test_portrait_photo_with_depth_map_is_refused_with_keep_photo(write: Write, mk: Any) -> None:
    xmp = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:Description GCamera:SpecialTypeID="portrait" '
        b'xmlns:Container="http://ns.google.com/photos/1.0/container/">'
        b"<Container:Directory/></rdf:Description></x:xmpmeta>"
    )
    picture = _with_xmp(mk.jpeg_bytes(), xmp)
    depth = mk.jpeg_bytes(size=(32, 24))
    verdict = check_file(write("PXL_人像.jpg", picture + depth + depth))
    assert (verdict.accepted, verdict.code) == (False, "polyglot")
    assert "人像模式" in verdict.message and "2 张" in verdict.message
    assert "病毒" not in verdict.message
    assert verdict.details["image_end"] == len(picture)
    assert remedy_for(verdict) == "keep_photo"


def test_picture_appended_to_a_photo_is_offered_keep_photo(write: Write, mk: Any) -> None:
    picture = mk.jpeg_bytes()
    verdict = check_file(write("两张.jpg", picture + mk.jpeg_bytes()))
    assert (verdict.code, verdict.details["image_end"]) == ("polyglot", len(picture))
    assert remedy_for(verdict) == "keep_photo"


def test_stray_bytes_between_segments_are_skipped_as_libjpeg_does(write: Write, mk: Any) -> None:
    data = mk.jpeg_bytes()
    dqt = data.index(b"\xff\xdb")
    verdict = check_file(write("杂散.jpg", data[:dqt] + b"hello" + data[dqt:]))
    assert verdict.accepted, verdict.message
    assert verdict.details["extraneous_bytes"] == 5


def test_stray_bytes_hiding_an_archive_are_still_found(write: Write, mk: Any) -> None:
    data = mk.jpeg_bytes()
    dqt = data.index(b"\xff\xdb")
    payload = mk.zip_bytes({"a.txt": b"x"}).replace(b"\xff", b"\x00")
    verdict = check_file(write("藏.jpg", data[:dqt] + payload + data[dqt:]))
    assert (verdict.accepted, verdict.code) == (False, "polyglot")


def _mpo(*sizes: tuple[int, int]) -> bytes:
    frames = [Image.new("RGB", size, (40 * i, 90, 160)) for i, size in enumerate(sizes)]
    buf = io.BytesIO()
    frames[0].save(buf, "MPO", save_all=True, append_images=frames[1:])
    return buf.getvalue()


def test_broken_mpf_header_is_ignored_like_viewers_do(write: Write) -> None:
    data = _mpo((64, 48), (64, 48)).replace(b"MPF\x00II*\x00", b"MPF\x00XX*\x00", 1)
    data = data.replace(b"MPF\x00MM\x00*", b"MPF\x00XX\x00*", 1)
    verdict = check_file(write("立体.jpg", data))
    assert verdict.accepted, verdict.message
    assert [w.code for w in verdict.warnings] == ["mpf_damaged"]


def test_mpf_entry_pointing_past_the_end_is_ignored(write: Write) -> None:
    data = _mpo((64, 48), (64, 48))
    second = data.index(b"\xff\xd8\xff", 3)
    verdict = check_file(write("截断索引.jpg", data[:second]))
    assert (verdict.accepted, verdict.code) == (True, "ok"), verdict.message


# ------------------------------------------------------------ 4. codings viewers cannot show


def _recoded(data: bytes, marker: int, precision: int = 8) -> bytes:
    out = bytearray(data)
    sof = data.index(b"\xff\xc0")
    out[sof + 1] = marker
    out[sof + 4] = precision
    return bytes(out)


@pytest.mark.parametrize(
    ("marker", "precision", "words"),
    [(0xC9, 8, "算术编码"), (0xC1, 12, "12 位色深"), (0xC3, 8, "无损编码")],
    ids=["arithmetic", "12-bit", "lossless"],
)
def test_unusual_jpeg_codings_are_refused_with_conversion(
    write: Write, mk: Any, marker: int, precision: int, words: str
) -> None:
    verdict = check_file(write("特殊.jpg", _recoded(mk.jpeg_bytes(), marker, precision)))
    assert (verdict.accepted, verdict.code) == (False, "unsupported_coding")
    assert words in verdict.message and "损坏" not in verdict.message
    assert "转换为 JPG 后添加" in verdict.message
    assert remedy_for(verdict) == "to_jpeg"


# ------------------------------------------------------------------------ 5. streamed WMV


def _streamed(wmv: bytes, data_size: int) -> bytes:
    """A WMV as a streaming recorder leaves it: broadcast flag, no index, sizes unset."""
    (header_size,) = struct.unpack_from("<Q", wmv, 16)
    out = bytearray(wmv)
    fp = out.index(FILE_PROPERTIES)
    struct.pack_into("<Q", out, fp + 24 + 16, 0)  # file size
    struct.pack_into("<Q", out, fp + 24 + 16 + 16, 0)  # data packets count
    flags_at = fp + 24 + 16 + 8 * 6
    struct.pack_into("<I", out, flags_at, struct.unpack_from("<I", out, flags_at)[0] | 1)
    (real_size,) = struct.unpack_from("<Q", out, header_size + 16)
    struct.pack_into("<Q", out, header_size + 16, data_size)
    return bytes(out[: header_size + real_size])  # the index objects never written


@pytest.mark.parametrize("data_size", [0, 50], ids=["zero", "minimal"])
def test_streamed_wmv_is_accepted_with_a_seeking_warning(
    sample: Sample, write: Write, data_size: int
) -> None:
    data = _streamed(sample("sample.wmv").read_bytes(), data_size)
    assert not any(index in data for index in INDEXES)
    verdict = check_file(write("直播录像.wmv", data))
    assert verdict.accepted, verdict.message
    assert [w.code for w in verdict.warnings] == ["streamed"]
    assert "拖动进度条" in verdict.warnings[0].message


def test_absurd_picture_width_is_corrupt(sample: Sample, write: Write) -> None:
    data = bytearray(sample("sample.wmv").read_bytes())
    video = data.index(VIDEO_MEDIA)
    # Stream Properties body: type GUID (16), EC GUID (16), time offset (8), 3 sizes and flags
    # (14), reserved (4), then width (4), height (4), reserved (1), size (2), BITMAPINFOHEADER.
    bitmap = video + 54 + 11
    assert struct.unpack_from("<i", data, bitmap + 4)[0] == 160
    struct.pack_into("<i", data, bitmap + 4, 8_388_768)
    verdict = check_file(write("超宽.wmv", bytes(data)))
    assert (verdict.accepted, verdict.code) == (False, "corrupt")


def test_damaged_stream_type_guid_is_corrupt(sample: Sample, write: Write) -> None:
    data = bytearray(sample("sample.wmv").read_bytes())
    data[data.index(VIDEO_MEDIA) + 3] ^= 0x40
    verdict = check_file(write("坏类型.wmv", bytes(data)))
    assert (verdict.accepted, verdict.code) == (False, "corrupt")


# ------------------------------------------------------------------------ 6. wrong advice


@pytest.mark.parametrize("name", ["音乐.wma", "音乐.asf"])
def test_audio_only_asf_says_it_has_no_picture(sample: Sample, name: str) -> None:
    verdict = check_file(sample("audio-only.wmv", name))
    assert (verdict.accepted, verdict.code) == (False, "no_video_stream")
    assert "没有画面" in verdict.message and "改为“.wmv”" not in verdict.message
    assert remedy_for(verdict) is None


def _corrupt_exif_jpeg() -> bytes:
    """A JPEG whose EXIF says a string runs past the end of the block (Pillow warns)."""
    tiff = b"II*\x00" + struct.pack("<I", 8) + struct.pack("<H", 1)
    tiff += struct.pack("<HHII", 0x010E, 2, 400, 4000) + struct.pack("<I", 0)
    body = b"Exif\x00\x00" + tiff
    picture = Image.new("RGB", (32, 32), (9, 99, 199))
    buf = io.BytesIO()
    picture.save(buf, "JPEG")
    data = buf.getvalue()
    return data[:2] + b"\xff\xe1" + struct.pack(">H", len(body) + 2) + body + data[2:]


def test_library_warnings_never_leave_the_check(write: Write) -> None:
    path = write("坏EXIF.jpg", _corrupt_exif_jpeg())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with Image.open(path) as img:
            img.getexif()
    assert caught, "the sample no longer makes Pillow warn; the test would prove nothing"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        verdict = check_file(path)
    assert verdict.accepted, verdict.message
    assert caught == []


@pytest.mark.slow
def test_cli_prints_nothing_on_stderr_for_a_file_pillow_warns_about(write: Write) -> None:
    import subprocess
    import sys

    path = write("坏EXIF.jpg", _corrupt_exif_jpeg())
    result = subprocess.run(
        [sys.executable, "-W", "always", "-m", "hnclient", "check", "--json", str(path)],
        capture_output=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stderr == b""


# ------------------------------------------------------------------------- 7. WPS Office

WPS_CUSTOM = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b'<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
    b"<vt:lpwstr>2052-12.1.0.19770</vt:lpwstr></property></Properties>"
)
WPS_DIAGONAL = (
    '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
    '<mc:Choice Requires="wpsCustomData" '
    'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData">'
    "<wpsCustomData:diagonals/></mc:Choice></mc:AlternateContent>"
)


def _wps_docx(mk: Any) -> bytes:
    """A .docx with what WPS writes: custom.xml, customXml parts, wpsCustomData content."""
    members = _members(mk.docx_bytes())
    document = members["word/document.xml"].decode()
    members["word/document.xml"] = re.sub(
        "(<w:tc>)", lambda m: m.group(1) + WPS_DIAGONAL, document, count=1
    ).encode()
    assert WPS_DIAGONAL.encode() in members["word/document.xml"]
    members["docProps/custom.xml"] = WPS_CUSTOM
    members["customXml/item1.xml"] = (
        b'<s:customData xmlns:s="http://www.wps.cn/officeDocument/2013/wpsCustomData"/>'
    )
    members["customXml/itemProps1.xml"] = (
        b'<ds:datastoreItem ds:itemID="{B1977F7D-205B-4081-913C-38D41E755F92}" '
        b'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"/>'
    )
    members["customXml/_rels/item1.xml.rels"] = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/customXmlProps" Target="itemProps1.xml"/></Relationships>'
    )
    return _zip(members)


def test_wps_docx_structures_are_accepted(write: Write, mk: Any) -> None:
    verdict = check_file(write("WPS.docx", _wps_docx(mk)))
    assert (verdict.accepted, verdict.code) == (True, "ok"), verdict.message
    assert verdict.warnings == ()


@pytest.mark.parametrize(
    ("name", "content", "proper"),
    [("简历.wps", "doc", ".doc"), ("简历.wps", "docx", ".docx"), ("简历.doc", "docx", ".docx")],
)
def test_wrong_extension_offers_adding_under_the_right_one(
    sample: Sample, write: Write, mk: Any, name: str, content: str, proper: str
) -> None:
    body = sample("sample.doc").read_bytes() if content == "doc" else _wps_docx(mk)
    verdict = check_file(write(name, body))
    assert (verdict.accepted, verdict.code) == (False, "extension_mismatch")
    assert verdict.details["proper_extension"] == proper
    assert "按正确的扩展名添加" in verdict.message
    assert remedy_for(verdict) == "fix_extension"


@pytest.mark.parametrize(
    "content",
    [
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n",
        b'<html xmlns:w="urn:schemas-microsoft-com:office:word"><body>x</body></html>',
        b'<?xml version="1.0"?><?mso-application progid="Word.Document"?>'
        b'<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"/>',
    ],
    ids=["mht", "html", "word-2003-xml"],
)
@pytest.mark.parametrize("name", ["通知.doc", "通知.wps"])
def test_web_page_or_xml_saved_as_doc_says_resave(write: Write, name: str, content: bytes) -> None:
    verdict = check_file(write(name, content))
    assert (verdict.accepted, verdict.code) == (False, "extension_mismatch")
    assert "不是真正的 Word 文档" in verdict.message
    assert "“Word 文档（*.docx）”" in verdict.message
    assert "另行联系沟通" not in verdict.message
    assert remedy_for(verdict) is None


# -------------------------------------------------------------------- 8. costs of the walk


def test_multi_picture_walk_reads_the_file_in_place(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each listed image is walked where it lies; none is copied out of the file.

    (Copying made a 20 MB file listing 4,000 images take 8.5 s; the time itself is
    measured by scripts/fuzz_checks.py --timing, not in a unit test.)
    """
    data = _mpo(*[(16, 16)] * 40)
    calls: list[tuple[int, int]] = []
    real_walk = jpeg.walk

    def spying_walk(buffer: bytes, start: int = 0) -> Any:
        calls.append((len(buffer), start))
        return real_walk(buffer, start)

    monkeypatch.setattr(jpeg, "walk", spying_walk)
    verdict = check_file(write("四十张.jpg", data))
    assert verdict.accepted, verdict.message
    assert len(calls) == 40
    assert {length for length, _ in calls} == {len(data)}
