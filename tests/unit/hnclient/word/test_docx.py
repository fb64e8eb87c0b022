"""Round trip and GB/T 9704 layout of the Word output, read back with python-docx and XML."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import re
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree  # type: ignore[import-untyped]
from PIL import Image

from hnclient.attachments import AttachmentStore
from hnclient.forms import FieldType, FormDef
from hnclient.word import WordRenderError, render_docx
from hnclient.word import gbt9704 as gb
from hnclient.word.scripts import is_tibetan
from tests.pdf_pages import PDFTOTEXT, SOFFICE, to_pdf
from tests.unit.hnclient.word.conftest import (
    BODY,
    TIBETAN,
    PhotoMaker,
    sample_item,
    sample_sign_off,
    shown,
    signature_png,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(path: Path) -> Any:
    """python-docx's Document, untyped: its Optional-heavy hints add nothing to these asserts."""
    return docx.Document(str(path))


def all_text(path: Path) -> str:
    """What python-docx reads back: paragraphs, then every table cell."""
    document = open_docx(path)
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    # word joiners (U+2060) hold a telephone number's hyphen to its digits; a reader sees none
    return "\n".join(parts).replace("\u2060", "")


def xml_part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


@pytest.fixture
def leadership_docx(
    forms: dict[str, FormDef], store: AttachmentStore, photo: PhotoMaker, tmp_path: Path
) -> tuple[Path, Any]:
    form = forms["leadership"]
    item = sample_item(
        form,
        cover=photo(),
        attachments=(photo(), photo(orientation=6)),
    ).with_changes(values={**sample_item(form).values, "body": BODY})
    out = render_docx(item, form, store, tmp_path / "out" / "item.docx", unit="共和县人民政府")
    return out, item


def test_round_trip_keeps_title_body_and_every_value(
    leadership_docx: tuple[Path, Any], forms: dict[str, FormDef]
) -> None:
    path, item = leadership_docx
    text = all_text(path)
    assert item.title in text.replace("\n", "")  # the title prints on balanced lines
    assert TIBETAN in text
    for paragraph in BODY.split("\n"):
        if paragraph:
            assert paragraph in text
    for definition in forms["leadership"].fields:
        for expected in shown(definition, item.values[definition.key]):
            assert expected in text, (definition.key, expected)
    assert "共和县人民政府" in text and "2025年3月18日" in text
    assert "门户网站、政务微信" in text


def test_page_is_a4_with_gbt9704_margins(leadership_docx: tuple[Path, Any]) -> None:
    section = open_docx(leadership_docx[0]).sections[0]
    one_twip = 635  # EMU; Word stores page geometry in twips
    for actual, mm in (
        (section.page_width, 210),
        (section.page_height, 297),
        (section.top_margin, 37),
        (section.bottom_margin, 35),
        (section.left_margin, 28),
        (section.right_margin, 26),
    ):
        assert abs(actual - Mm(mm)) <= one_twip, (actual, mm)
    xml = xml_part(leadership_docx[0], "word/document.xml")
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in xml
    assert re.search(r'<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"', xml)


def test_document_grid_is_22_lines_of_28_characters(leadership_docx: tuple[Path, Any]) -> None:
    xml = xml_part(leadership_docx[0], "word/document.xml")
    grid = re.search(r"<w:docGrid [^>]*/>", xml)
    assert grid is not None
    assert 'w:type="linesAndChars"' in grid.group(0)
    assert 'w:linePitch="579"' in grid.group(0)
    assert 'w:charSpace="-848"' in grid.group(0)
    # Body text is scaled to 98 % so that 28 characters fit the 156 mm line in any reader
    # (LibreOffice gives a character wider than its grid cell two cells).
    styles = xml_part(leadership_docx[0], "word/styles.xml")
    normal = re.search(r'w:styleId="Normal".*?</w:style>', styles, re.S)
    assert normal is not None and '<w:w w:val="98"/>' in normal.group(0)
    assert 28 * 16 * 0.98 <= 156 / 25.4 * 72 < 29 * 16 * 0.98
    # 22 lines of 579 twips fit the 225 mm text area; 23 do not.
    text_height_twips = 225 / 25.4 * 1440
    assert 22 * 579 <= text_height_twips < 23 * 579


def test_styles_and_every_run_name_east_asian_fonts(leadership_docx: tuple[Path, Any]) -> None:
    path = leadership_docx[0]
    document = open_docx(path)
    normal = document.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.get(qn("w:ascii")) == "仿宋_GB2312"
    title = document.styles["HN Title"].element.rPr.rFonts
    assert title.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert document.styles["HN Title"].font.size.pt == 22
    assert document.styles["HN Body"].font.size.pt == 16
    defaults = xml_part(path, "word/styles.xml")
    assert "minorEastAsia" not in defaults  # the theme font would override explicit names
    runs = document.element.body.iter(f"{W}r")
    for run in runs:
        if run.find(f"{W}t") is None or not run.find(f"{W}t").text:
            continue
        fonts = run.find(f"{W}rPr/{W}rFonts")
        assert fonts is not None and fonts.get(qn("w:eastAsia")), run.xml
    title_run = document.paragraphs[0].runs[0]
    assert title_run.element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert document.paragraphs[0].style.name == "HN Title"
    fonts_table = xml_part(path, "word/fontTable.xml")
    assert 'w:name="仿宋_GB2312"' in fonts_table and "FangSong" in fonts_table


def test_body_paragraphs_indent_two_characters(leadership_docx: tuple[Path, Any]) -> None:
    document = open_docx(leadership_docx[0])
    body = document.styles["HN Body"].element.pPr.find(qn("w:ind"))
    # two printed characters (16 pt at 98 %), as a length every reader takes the same way
    assert body.get(qn("w:firstLineChars")) is None
    assert body.get(qn("w:firstLine")) == "627"
    paragraph = next(p for p in document.paragraphs if p.text.startswith("会议要求"))
    assert paragraph.style.name == "HN Body"


def test_footer_page_number_between_em_dashes(leadership_docx: tuple[Path, Any]) -> None:
    path = leadership_docx[0]
    assert "<w:evenAndOddHeaders/>" in xml_part(path, "word/settings.xml")
    section = open_docx(path).sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        xml = footer._element.xml
        assert "<w:instrText" in xml and " PAGE " in xml
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        texts = [t.text for t in footer._element.iter(f"{W}t")]
        assert texts[0] == "— " and texts[-1] == " —"
        assert f'<w:jc w:val="{align}"/>' in xml
        assert 'w:eastAsia="宋体"' in xml and '<w:sz w:val="28"/>' in xml


def test_table_fields_become_tables_with_bold_header(
    leadership_docx: tuple[Path, Any], forms: dict[str, FormDef]
) -> None:
    document = open_docx(leadership_docx[0])
    indicators = forms["leadership"].field("indicators")
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [c.label for c in indicators.columns]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert table.style.name == "Table Grid"
    assert len(table.rows) == 2
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_photos_are_embedded_two_a_page_upright(leadership_docx: tuple[Path, Any]) -> None:
    document = open_docx(leadership_docx[0])
    shapes = document.inline_shapes
    assert len(shapes) == 3  # cover + two photos
    for shape in shapes:  # 100 mm high at most, so that two fit on one page
        assert shape.width <= Mm(156) and abs(shape.height - Mm(100)) < Mm(0.1)
    assert abs(shapes[0].width - Mm(100 * 4 / 3)) < Mm(0.1)  # 640 × 480
    rotated = shapes[2]  # EXIF orientation 6: a 640×480 landscape sensor image is portrait
    assert rotated.height > rotated.width
    blobs = [p.blob for p in document.part.package.parts if p.partname.startswith("/word/media/")]
    sizes = sorted(Image.open(io.BytesIO(b)).size for b in blobs)
    assert (480, 640) in sizes and (640, 480) in sizes
    for blob in blobs:
        assert not Image.open(io.BytesIO(blob)).getexif()  # no EXIF (GPS) inside the document


def test_tibetan_runs_carry_the_tibetan_font(leadership_docx: tuple[Path, Any]) -> None:
    document = open_docx(leadership_docx[0])
    tibetan_runs = 0
    for run in document.element.body.iter(f"{W}r"):
        t = run.find(f"{W}t")
        if t is None or not t.text:
            continue
        has_tibetan = any(is_tibetan(c) for c in t.text)
        has_han = any("\u4e00" <= c <= "\u9fff" for c in t.text)
        assert not (has_tibetan and has_han), t.text  # never mixed in one run
        if has_tibetan:
            tibetan_runs += 1
            rpr = run.find(f"{W}rPr")
            fonts = rpr.find(f"{W}rFonts")
            for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                assert fonts.get(qn(slot)) == "Microsoft Himalaya"
            lang = rpr.find(f"{W}lang")
            assert lang.get(qn("w:bidi")) == "bo-CN" and lang.get(qn("w:eastAsia")) == "bo-CN"
            assert rpr.find(f"{W}cs") is not None
    assert tibetan_runs >= 3  # title, body, a multiline field


def test_sign_off_placeholder_is_present(leadership_docx: tuple[Path, Any]) -> None:
    document = open_docx(leadership_docx[0])
    sign_off = document.tables[-1]
    assert [row.cells[0].text for row in sign_off.rows] == ["签发人", "签发意见", "签发时间"]
    assert all(row.cells[1].text.strip() == "" for row in sign_off.rows)


def test_written_atomically_without_leftovers(leadership_docx: tuple[Path, Any]) -> None:
    path = leadership_docx[0]
    assert [p.name for p in path.parent.iterdir()] == ["item.docx"]
    assert zipfile.ZipFile(path).testzip() is None
    names = zipfile.ZipFile(path).namelist()
    assert "docProps/thumbnail.jpeg" not in names  # the template's own preview picture


def test_missing_photo_is_refused_in_chinese(
    forms: dict[str, FormDef], store: AttachmentStore, photo: PhotoMaker, tmp_path: Path
) -> None:
    ref = photo(name="会场.jpg")
    store.path_for(ref["sha256"]).unlink()
    item = sample_item(forms["other"], attachments=(ref,))
    out = tmp_path / "x.docx"
    with pytest.raises(WordRenderError) as caught:
        render_docx(item, forms["other"], store, out)
    assert "会场.jpg" in caught.value.message_zh() and "找不到" in caught.value.message_zh()
    assert not out.exists()


def test_photo_of_wrong_size_is_refused(
    forms: dict[str, FormDef], store: AttachmentStore, photo: PhotoMaker, tmp_path: Path
) -> None:
    ref = {**photo(), "size": 1}
    item = sample_item(forms["other"], attachments=(ref,))
    with pytest.raises(WordRenderError, match="size"):
        render_docx(item, forms["other"], store, tmp_path / "x.docx")


def test_failed_render_keeps_the_previous_file(
    forms: dict[str, FormDef], store: AttachmentStore, photo: PhotoMaker, tmp_path: Path
) -> None:
    out = tmp_path / "x.docx"
    out.write_bytes(b"previous")
    ref = photo()
    store.path_for(ref["sha256"]).write_bytes(b"x" * ref["size"])  # same size, not a JPEG
    with pytest.raises(WordRenderError):
        render_docx(sample_item(forms["other"], attachments=(ref,)), forms["other"], store, out)
    assert out.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".hnclient")] == []


def test_service_guide_is_a_two_column_element_table(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    form = forms["service_guide"]
    item = sample_item(form)
    values = dict(item.values)
    del values["online_url"]
    values["faq"] = [{"question": "需要本人到场吗？", "answer": "需要本人携带身份证到场。"}]
    del values["fees"]
    out = render_docx(item.with_changes(values=values), form, store, tmp_path / "guide.docx")
    document = open_docx(out)
    assert not [p.text for p in document.paragraphs if p.style.name == "HN Heading"][:-2]
    guide = document.tables[0]
    rows = [[c.text for c in row.cells] for row in guide.rows]
    assert rows[0] == ["要素", "内容"]
    assert [r[0] for r in rows[1:]] == [
        "事项名称", "事项类型", "设定依据", "实施机关", "受理条件", "申请材料", "办理流程",
        "法定办结时限", "承诺办结时限", "收费标准及依据", "办理地点", "办理时间", "咨询电话",
        "监督投诉电话", "网上办理地址", "常见问题",
    ]  # fmt: skip
    content = dict(rows[1:])
    assert content["网上办理地址"] == "无"  # optional and empty
    assert content["收费标准及依据"] == "（未填写）"  # required, still empty in a draft
    assert content["事项名称"] == item.title
    assert content["常见问题"] == "问：需要本人到场吗？\n答：需要本人携带身份证到场。"
    assert content["申请材料"] == "材料名称示例（原件和复印件，12份，备注示例）"
    assert guide.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    widths = [cell.width for cell in guide.rows[0].cells]
    assert abs(sum(widths) - Mm(gb.TEXT_WIDTH_MM)) < Mm(1) and widths[0] < Mm(45)


@pytest.mark.parametrize(
    "key",
    [
        "development", "experience", "leadership", "other", "policy",
        "regulations", "service_guide", "services", "visits",
    ],
)  # fmt: skip
def test_every_shipped_form_renders(
    key: str,
    forms: dict[str, FormDef],
    store: AttachmentStore,
    photo: PhotoMaker,
    tmp_path: Path,
) -> None:
    form = forms[key]
    item = sample_item(form, cover=photo(), attachments=(photo(),))
    out = render_docx(item, form, store, tmp_path / f"{key}.docx", unit="同德县人民政府")
    text = all_text(out)
    assert item.title in text.replace("\n", "")
    for definition in form.fields:
        for expected in shown(definition, item.values[definition.key]):
            assert expected in text, (key, definition.key, expected)


def test_forms_cover_every_shipped_definition(forms: dict[str, FormDef]) -> None:
    """Keeps the parametrised list above honest when the office adds a form."""
    assert set(forms) == {
        "development", "experience", "leadership", "other", "policy",
        "regulations", "service_guide", "services", "visits",
    }  # fmt: skip


@pytest.mark.slow
def test_ten_12_megapixel_photos_are_downscaled_for_the_document_only(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    base = Image.linear_gradient("L").resize((4000, 3000)).convert("RGB")
    refs = []
    for n in range(10):
        noise = Image.effect_noise((4000, 3000), 30 + n).convert("RGB")
        path = tmp_path / f"camera{n}.jpg"
        Image.blend(base, noise, 0.5).save(path, "JPEG", quality=92)  # ≈ 6 MB, like a camera
        refs.append(store.add(path, "jpeg").to_json())
    originals = {r["sha256"]: store.path_for(r["sha256"]).read_bytes() for r in refs[:2]}
    item = sample_item(forms["other"], attachments=tuple(refs))
    # How fast this is, is benchmarks/render_bench.py's business (goal: 3 s).
    out = render_docx(item, forms["other"], store, tmp_path / "photos.docx")
    assert len(open_docx(out).inline_shapes) == 10
    assert out.stat().st_size < sum(r["size"] for r in refs) / 4  # downscaled for the document
    for sha, data in originals.items():
        assert store.path_for(sha).read_bytes() == data  # the stored originals are untouched


# ---------------------------------------------------------------------------------- sign-off

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def header_texts_by_section(path: Path) -> list[dict[str, str]]:
    """Per ``w:sectPr`` of the package: header type (default/even/first) → its text.

    Read from the XML and the relationships, not through python-docx, so a header that the
    section does not reference (and Word would not show) does not count.
    """
    with zipfile.ZipFile(path) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        sections = []
        for sect_pr in document.iter(f"{W}sectPr"):
            headers = {}
            for ref in sect_pr.findall(f"{W}headerReference"):
                part = etree.fromstring(archive.read("word/" + targets[ref.get(f"{R}id")]))
                headers[ref.get(f"{W}type")] = "".join(t.text or "" for t in part.iter(f"{W}t"))
            sections.append(headers)
    return sections


def package_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")
        )


def render_pair(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path, paragraphs: int = 3
) -> tuple[Path, Path]:
    """The same item without and with an approval."""
    form = forms["other"]
    body = "\n".join(
        f"第{n}段：共和县召开2025年春季农牧业生产工作会议，安排部署春耕春播工作，"
        "会议要求各乡镇要抓住农时，确保春播面积稳定，粮食产量稳中有升。"
        for n in range(1, paragraphs + 1)
    )
    item = sample_item(form, values={**sample_item(form).values, "body": body})
    unit = "共和县人民政府"
    draft = render_docx(item, form, store, tmp_path / "draft.docx", unit=unit)
    approved = render_docx(
        item, form, store, tmp_path / "approved.docx", unit=unit, sign_off=sample_sign_off()
    )
    return draft, approved


def test_unapproved_document_is_marked_draft_in_every_header(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    draft, _ = render_pair(forms, store, tmp_path)
    assert "<w:evenAndOddHeaders/>" in xml_part(draft, "word/settings.xml")
    sections = header_texts_by_section(draft)
    assert sections
    for headers in sections:
        # odd (default), even, and first page: whichever the reader uses shows the mark
        assert headers == dict.fromkeys(("default", "even", "first"), "草稿，未经审核")
    document = open_docx(draft)
    for section in document.sections:
        for header in (section.header, section.even_page_header, section.first_page_header):
            assert not header.is_linked_to_previous
            paragraph = header.paragraphs[0]
            assert paragraph.text == "草稿，未经审核"
            assert paragraph.style.name == "HN Draft Mark"
            assert paragraph.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
            run = paragraph.runs[0]
            assert run.element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
            assert run.font.size == Pt(16) and str(run.font.color.rgb) == "C00000"
    # the empty box is still there for a handwritten sign-off
    box = document.tables[-1]
    assert [row.cells[0].text for row in box.rows] == ["签发人", "签发意见", "签发时间"]
    assert all(row.cells[1].text.strip() == "" for row in box.rows)


def test_approved_document_has_no_draft_mark(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    _, approved = render_pair(forms, store, tmp_path)
    assert "草稿" not in package_text(approved) and "未经审核" not in package_text(approved)
    for headers in header_texts_by_section(approved):
        assert all(text == "" for text in headers.values())


def test_approval_fills_the_sign_off_in_china_standard_time(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    _, approved = render_pair(forms, store, tmp_path)
    document = open_docx(approved)
    paragraphs = [p.text for p in document.paragraphs]
    assert "本单位审核签发" in paragraphs
    table = document.tables[-1]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    # the signature has its own column in the 签发人 row; the other values span both
    assert rows == [
        ["签发人", "副县长王五（代李四签发）", ""],
        ["签发意见", "同意", "同意"],
        ["签发时间", "2026年12月1日 02:30", "2026年12月1日 02:30"],  # 18:30 UTC the day before
    ]
    assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert paragraphs[-1] == "电子签发校验码：9b1f6c0d2e3a4b5c　签名密钥：3f9a0c7e11d2b4a8"
    assert document.paragraphs[-1].runs[0].font.size == Pt(10.5)


def test_drawn_signature_is_embedded_unchanged_12_mm_high(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    _, approved = render_pair(forms, store, tmp_path)
    document = open_docx(approved)
    cell = document.tables[-1].rows[0].cells[2]
    blips = cell._tc.xpath(".//a:blip")
    assert len(blips) == 1
    part = document.part.related_parts[blips[0].get(qn("r:embed"))]
    # the very bytes the approval record hashes, so the SHA-256 can be compared
    assert hashlib.sha256(part.blob).digest() == hashlib.sha256(signature_png()).digest()
    shape = document.inline_shapes[-1]
    assert abs(shape.height - Mm(12)) <= Mm(0.1)
    assert abs(shape.width - Mm(36)) <= Mm(0.1)  # 360 × 120 px keeps its proportions
    assert shape.width < Mm(45)  # inside its column


def test_very_wide_signature_is_narrowed_to_its_column(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    form = forms["other"]
    wide = sample_sign_off(signature_png=signature_png((1200, 120)))
    out = render_docx(sample_item(form), form, store, tmp_path / "x.docx", sign_off=wide)
    shape = open_docx(out).inline_shapes[-1]
    assert shape.width <= Mm(41) and shape.height < Mm(12)


def test_approval_without_signature_or_hash_leaves_those_out(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    form = forms["other"]
    bare = sample_sign_off(signature_png=None, content_hash="", key_id="", deputy_for="")
    out = render_docx(sample_item(form), form, store, tmp_path / "x.docx", sign_off=bare)
    document = open_docx(out)
    assert document.tables[-1].rows[0].cells[1].text == "副县长王五"
    assert len(document.inline_shapes) == 0
    assert "电子签发校验码" not in all_text(out)
    assert "草稿，未经审核" not in package_text(out)


def test_unreadable_signature_is_refused_in_chinese(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    form = forms["other"]
    out = tmp_path / "x.docx"
    broken = sample_sign_off(signature_png=signature_png()[:200])
    with pytest.raises(WordRenderError) as caught:
        render_docx(sample_item(form), form, store, out, sign_off=broken)
    assert "手写签名" in caught.value.message_zh()
    assert not out.exists()
    jpeg = io.BytesIO()
    Image.new("RGB", (300, 100), "white").save(jpeg, "JPEG")
    with pytest.raises(WordRenderError):
        render_docx(
            sample_item(form),
            form,
            store,
            out,
            sign_off=sample_sign_off(signature_png=jpeg.getvalue()),
        )


# ------------------------------------------------------------------- rendered by LibreOffice

# LibreOffice and poppler: tests/pdf_pages.py (to_pdf converts in one run, own profile).
PDFIMAGES = shutil.which("pdfimages")


def pdf_pages(pdf: Path) -> list[str]:
    """Text of each page, whitespace removed (pdftotext spaces out mixed scripts)."""
    assert PDFTOTEXT
    text = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout.decode("utf-8")
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [re.sub(r"\s+", "", page) for page in pages]


@pytest.mark.slow
@pytest.mark.skipif(
    not (SOFFICE and PDFTOTEXT and PDFIMAGES),
    reason="LibreOffice (soffice) and poppler-utils (pdftotext, pdfimages) are not installed",
)
def test_rendered_pages_show_the_draft_mark_or_the_approval(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    """What a clerk holds: every page of a draft says so; the approval is printed, signature too."""
    draft, approved = render_pair(forms, store, tmp_path, paragraphs=30)
    draft_pdf, approved_pdf = to_pdf(tmp_path, draft, approved)

    pages = pdf_pages(draft_pdf)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "草稿，未经审核" in page, number
    assert "签发人" in pages[-1] and "签发意见" in pages[-1]

    pages = pdf_pages(approved_pdf)
    assert len(pages) >= 3
    assert not any("草稿" in page or "未经审核" in page for page in pages)
    last = pages[-1]
    for expected in (
        "本单位审核签发",
        "签发人副县长王五（代李四签发）",
        "签发意见同意",
        "签发时间2026年12月1日02:30",
        "电子签发校验码：9b1f6c0d2e3a4b5c",
    ):
        assert expected in last, (expected, last[-200:])
    assert PDFIMAGES
    images = subprocess.run(
        [PDFIMAGES, "-list", "-f", str(len(pages)), "-l", str(len(pages)), str(approved_pdf)],
        check=True, capture_output=True, timeout=60,
    ).stdout.decode()  # fmt: skip
    sizes = [line.split()[3:5] for line in images.splitlines()[2:]]
    assert ["360", "120"] in sizes, images  # the drawn signature is on the page


#: Half-width text whose neighbours must sit flush against it on the page; each paragraph one
#: line, so that justification (which spreads a full line) adds nothing to the gaps measured.
HALF_WIDTH_BODY = ("会议于2026年11月12日召开。", "青政〔2026〕12号文件要求增长5.2%，ABC公司参与。")
#: Widest gap allowed beside half-width text, as a share of the text's height on the page
#: (pdftotext's word box is 1.3 × the font size). Snapped to the character grid, LibreOffice
#: padded “2026” to whole cells: 7.4 pt between “2026” and “年” at 3号 (0.36 of the 20.8 pt
#: box); a space is ≈ 5 pt (0.24). What may remain is LibreOffice's own spacing between
#: Chinese and Latin text, 1/5 of the size (3.2 pt at 3号, 0.15 of the box), which its .docx
#: import cannot switch off (w:autoSpaceDE/DN are ignored there; Word and WPS honour them).
MAX_FLUSH_GAP = 0.17


def pdf_words(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page, every word pdftotext finds as (y, height, x_min, x_max, text), in order."""
    assert PDFTOTEXT
    xhtml = subprocess.run(
        [PDFTOTEXT, "-bbox", "-enc", "UTF-8", str(pdf), "-"],
        check=True, capture_output=True, timeout=60,
    ).stdout.decode("utf-8")  # fmt: skip
    pages = []
    for page in re.findall(r"<page .*?</page>", xhtml, re.S):
        words = re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            page,
        )
        pages.append(
            [(float(y0), float(y1) - float(y0), float(x0), float(x1), text)
             for x0, y0, x1, y1, text in words]
        )  # fmt: skip
    return pages


def _half_width(char: str) -> bool:
    return char.isascii() and not char.isspace()


def test_digits_and_latin_letters_sit_flush_on_the_rendered_page(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    """Fault 4 of issue 8: “2026 年11 月12 日”, “〔2026 〕”, “5.2% ，” — judged on the page."""
    if not (SOFFICE and PDFTOTEXT):
        pytest.skip("LibreOffice (soffice) and poppler-utils (pdftotext) are not installed")
    form = forms["leadership"]
    full_line = "全县上下认真贯彻落实党中央国务院决策部署坚持稳中求进工作总基调完整准确"
    assert len(full_line) == 35
    values = {**sample_item(form).values, "body": "\n".join((full_line * 3, *HALF_WIDTH_BODY))}
    item = sample_item(form, title="青政〔2026〕12号文件落实情况", event_date=date(2026, 11, 12))
    item = item.with_changes(values=values)
    out = tmp_path / "flush.docx"
    render_docx(item, form, store, out, unit="共和县人民政府", sign_off=sample_sign_off())
    (pdf,) = to_pdf(tmp_path, out)
    text = "".join(pdf_pages(pdf))
    for expected in (
        "青政〔2026〕12号文件落实情况",  # title
        "共和县人民政府2026年11月12日",  # meta line
        *HALF_WIDTH_BODY,  # body
        "签发时间2026年12月1日02:30",  # sign-off table
        "2025年3月18日",  # a labelled field
    ):
        assert expected in text, expected
    # Every place where the item's own text puts a digit or Latin letter against a Chinese
    # character (or a full-width mark), without a space in between.
    meta, signed = "共和县人民政府　2026年11月12日", "2026年12月1日 02:30"
    sources = (item.title, meta, *HALF_WIDTH_BODY, signed)
    flush = {
        a + b
        for source in sources
        for a, b in zip(source, source[1:], strict=False)
        if not a.isspace() and not b.isspace() and _half_width(a) != _half_width(b)
    }
    seen = 0
    for page in pdf_words(pdf):
        seen += sum(word.count(pair) for word in (w[4] for w in page) for pair in flush)
        for (y0, high, _, end, left), (y1, _, begin, _, right) in zip(page, page[1:], strict=False):
            if abs(y0 - y1) < 1 and left[-1:] + right[:1] in flush:
                seen += 1
                gap = begin - end
                assert gap < MAX_FLUSH_GAP * high, (left, right, round(gap, 2), high)
    assert seen >= 20, seen
    # Off the grid a full line still holds 28 characters, the first line two fewer (indent).
    layout = [re.sub(r"\s+", "", line) for line in pdf_layout(pdf)]
    first = next(n for n, line in enumerate(layout) if line.startswith(full_line[:8]))
    assert [len(line) for line in layout[first : first + 4]] == [26, 28, 28, 23]


def pdf_layout(pdf: Path) -> list[str]:
    assert PDFTOTEXT
    return (
        subprocess.run(
            [PDFTOTEXT, "-layout", "-enc", "UTF-8", str(pdf), "-"],
            check=True,
            capture_output=True,
            timeout=60,
        )  # fmt: skip
        .stdout.decode("utf-8")
        .splitlines()
    )


def test_attachment_note_on_the_rendered_page(
    forms: dict[str, FormDef], store: AttachmentStore, photo: PhotoMaker, tmp_path: Path
) -> None:
    """GB/T 9704 7.3.4 on the page: an empty line under the body, “附件：” two characters in,
    several names numbered each on its own line under the first, a wrapped name under its
    first character, in 仿宋, before the photos."""
    if not (SOFFICE and PDFTOTEXT):
        pytest.skip("LibreOffice (soffice) and poppler-utils (pdftotext) are not installed")
    form = forms["other"]
    wraps = "关于进一步做好农牧区困难群众冬春生活救助工作的通知.pdf"  # 25 > 22 characters
    names = ("物资发放明细表.xlsx", "工作方案.docx", wraps)
    documents = []
    for number, name in enumerate(names):
        path = tmp_path / f"document{number}.docx"
        path.write_bytes(f"document {number}".encode())
        documents.append({**store.add(path, "docx").to_json(), "name": name})
    item = sample_item(form, cover=None, attachments=(photo(), *documents))
    item = item.with_changes(values={**item.values, "body": "正文第一段。"})
    out = tmp_path / "note.docx"
    render_docx(item, form, store, out)
    runs = [
        run for paragraph in open_docx(out).paragraphs if paragraph.text.startswith(("附件", "2."))
        for run in paragraph.runs
    ]  # fmt: skip
    assert runs and {r.element.rPr.rFonts.get(qn("w:eastAsia")) for r in runs} == {"仿宋_GB2312"}
    (pdf,) = to_pdf(tmp_path, out)
    pages = pdf_words(pdf)
    assert PDFIMAGES
    text = "".join(w[4] for w in pages[0])
    assert "附件：1.物资发放明细表2.工作方案3.关于进一步" in text and ".xlsx" not in text
    assert text.index("附件：") > text.index("正文第一段")
    listing = subprocess.run(
        [PDFIMAGES, "-list", str(pdf)], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    photo_page = int(listing.splitlines()[2].split()[0])
    words = pages[0]
    note_y, _, note_x, _, _ = next(w for w in words if w[4].startswith("附件："))
    last_body_line = max(w[0] for w in words if w[0] < note_y - 1)
    if photo_page == 1:  # on the same page the photo must be below the note
        assert note_y < max(w[0] for w in words)
    second_x = next(w[2] for w in words if w[4].startswith("2."))
    third_y = next(w[0] for w in words if w[4].startswith("3."))
    wrapped_x = next(w[2] for w in words if w[0] > third_y + 1)
    char = 16 * 0.98
    left = 28 / 25.4 * 72
    assert abs(note_x - (left + 2 * 16)) < 1.5  # 左空二字
    assert abs(second_x - (note_x + 3 * char)) < 1.5  # under “1.”, after “附件：”
    assert abs(wrapped_x - (second_x + char)) < 1.5  # under the name's first character
    line = gb.LINE_PITCH_TWIPS / 20
    assert abs(note_y - last_body_line - 2 * line) < 1  # one empty line under the body


#: A statistics table as offices fill it in: a long indicator name, a date, numbers with units.
STATS_ROWS = (
    ("全县农牧区人居环境整治暨高标准农田建设任务", "2026-03-18", "1,234.5", "12.6亿元"),
    ("草原生态保护补助奖励资金发放", "2026-11-12", "98.75", "−3.2%"),
    ("新建村级综合服务站", "2026-06-30", "7", "35人次"),
    ("农村公路硬化", "2026-09-01", "12", "8.5万元"),
)


def _stats_form(forms: dict[str, FormDef]) -> FormDef:
    """The policy form with a statistics table: name, date and two number columns."""
    form = forms["policy"]
    tasks = form.field("tasks")
    number = next(c for c in forms["development"].field("indicators").columns if c.key == "current")
    columns = (
        dataclasses.replace(tasks.columns[0], label="指标名称"),
        dataclasses.replace(tasks.columns[2], label="统计日期"),
        dataclasses.replace(number, key="value", label="完成值"),
        dataclasses.replace(number, key="total", type=FieldType.TEXT, label="累计（万元）"),
    )
    table = dataclasses.replace(tasks, label="主要指标完成情况", columns=columns)
    fields = tuple(table if f.key == "tasks" else f for f in form.fields)
    return dataclasses.replace(form, fields=fields)


def _stats_item(form: FormDef) -> Any:
    rows = [
        {"task": name, "deadline": day, "value": value, "total": total}
        for name, day, value, total in STATS_ROWS
    ]
    item = sample_item(form)
    return item.with_changes(values={**item.values, "tasks": rows})


def test_tables_are_captioned_sized_by_content_with_numbers_right(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    form = _stats_form(forms)
    out = tmp_path / "stats.docx"
    render_docx(_stats_item(form), form, store, out, sign_off=sample_sign_off())
    document = open_docx(out)
    captions = [p for p in document.paragraphs if p.style.name == gb.STYLE_TABLE_CAPTION]
    assert [p.text for p in captions] == ["表1 主要指标完成情况"]
    assert captions[0].paragraph_format.keep_with_next in (True, None)
    table = document.tables[0]
    widths = [cell.width for cell in table.rows[0].cells]
    assert abs(sum(widths) - Mm(gb.TEXT_WIDTH_MM)) < Mm(1)
    assert widths[0] > sum(widths) / len(widths)  # the long name column gets the room
    body = table.rows[1].cells
    assert [c.paragraphs[0].alignment for c in body] == [
        WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.RIGHT,
    ]  # fmt: skip
    tbl_pr = table._tbl.tblPr
    assert tbl_pr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    cell_style = document.styles[gb.STYLE_TABLE_CELL]
    assert cell_style.paragraph_format.line_spacing == Pt(gb.TABLE_LINE_PT)


def test_rendered_table_keeps_dates_whole_numbers_right_and_rows_compact(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    """Fault 7 of issue 8, judged on the page: 表题 above; no date split; numbers' right edges
    in line; a one-line row well under the 28.95 pt body pitch."""
    if not (SOFFICE and PDFTOTEXT):
        pytest.skip("LibreOffice (soffice) and poppler-utils (pdftotext) are not installed")
    form = _stats_form(forms)
    out = tmp_path / "stats.docx"
    render_docx(_stats_item(form), form, store, out, sign_off=sample_sign_off())
    (pdf,) = to_pdf(tmp_path, out)
    words = pdf_words(pdf)[0]

    def line_of(y: float) -> str:
        return "".join(w[4] for w in sorted(words, key=lambda w: w[2]) if abs(w[0] - y) < 1)

    caption_y = next(w[0] for w in words if w[4].startswith("表"))
    assert line_of(caption_y) == "表1主要指标完成情况"
    header_y, _, _, dates_end, _ = next(w for w in words if w[4] == "统计日期")
    assert 0 < header_y - caption_y < 40
    assert line_of(header_y) == "指标名称统计日期完成值累计（万元）"
    lines = [line_of(w[0]) for w in words if w[4] == "2026" and w[0] > header_y]
    for day in ("2026年3月18日", "2026年11月12日", "2026年6月30日", "2026年9月1日"):
        assert any(day in line for line in lines), (day, lines)  # whole on one line
    table = [w for w in words if w[0] > header_y]
    for column in ((r[2] for r in STATS_ROWS), (r[3] for r in STATS_ROWS)):
        rights = [  # a unit may be a word of its own: the value's last word
            next(w[3] for w in table if w[2] > dates_end and value.endswith(w[4]))
            for value in column
        ]
        assert max(rights) - min(rights) < 1.5, rights
    # One-line rows: the last two rows (short names) sit less than 20 pt apart.
    tops = [next(w[0] for w in table if w[2] > dates_end and w[4] == r[2]) for r in STATS_ROWS]
    assert 0 < tops[3] - tops[2] < 20, tops
    # The long name wraps (at most twice), it does not push the date column apart.
    name_lines = [w[4] for w in table if len(w[4]) > 1 and w[4] in STATS_ROWS[0][0]]
    assert "".join(name_lines) == STATS_ROWS[0][0] and len(name_lines) <= 3, name_lines
