"""Round trip and GB/T 9704 layout of the Word output, read back with python-docx and XML."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from PIL import Image

from hnclient.attachments import AttachmentStore
from hnclient.forms import FormDef
from hnclient.word import WordRenderError, render_docx
from hnclient.word.scripts import is_tibetan
from tests.unit.hnclient.word.conftest import BODY, TIBETAN, PhotoMaker, sample_item, shown

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
    return "\n".join(parts)


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
    assert item.title in text
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
    assert body.get(qn("w:firstLineChars")) == "200"
    assert body.get(qn("w:firstLine")) == "640"
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


def test_photos_are_embedded_at_text_width_upright(leadership_docx: tuple[Path, Any]) -> None:
    document = open_docx(leadership_docx[0])
    shapes = document.inline_shapes
    assert len(shapes) == 3  # cover + two photos
    for shape in shapes:
        assert shape.width == Mm(156)
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
    assert [row.cells[0].text for row in sign_off.rows] == ["审核领导", "审核意见", "审核时间"]
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


def test_service_guide_in_fixed_order(
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
    headings = [p.text for p in document.paragraphs if p.style.name == "HN Heading"]
    assert headings[:16] == [
        "一、事项名称", "二、事项类型", "三、设定依据", "四、实施机关", "五、受理条件",
        "六、申请材料", "七、办理流程", "八、法定办结时限", "九、承诺办结时限",
        "十、收费标准及依据", "十一、办理地点", "十二、办理时间", "十三、咨询电话",
        "十四、监督投诉电话", "十五、网上办理地址", "十六、常见问题",
    ]  # fmt: skip
    texts = [p.text for p in document.paragraphs]
    after = {texts[i]: texts[i + 1] for i in range(len(texts) - 1)}
    assert after["十五、网上办理地址"] == "无"  # optional and empty
    assert after["十、收费标准及依据"] == "（未填写）"  # required, still empty in a draft
    assert after["一、事项名称"] == item.title
    assert "问：需要本人到场吗？" in texts and "答：需要本人携带身份证到场。" in texts
    materials = document.tables[0]
    assert [c.text for c in materials.rows[0].cells] == ["材料名称", "原件或复印件", "份数", "备注"]
    assert materials.rows[1].cells[1].text == "原件和复印件"


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
    assert item.title in text
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
