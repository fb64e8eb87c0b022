"""What the office reads beside the text, and the smaller faults of issue 8 (faults 8 and 10),
judged on pages LibreOffice renders: the 报送信息 table with the submitter's contact after the
text, an announcement's 特此公告 and 落款, a service guide as one table, photos two a page and
printed once, 22 lines a page, headings with their tables, URLs and telephone numbers whole."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from PIL import Image

from hnclient.attachments import AttachmentStore
from hnclient.forms import FormDef
from hnclient.word import gbt9704 as gb
from hnclient.word import render_docx
from hnclient.word.office import Contact
from tests.unit.hnclient.word.conftest import sample_item, sample_sign_off
from tests.unit.hnclient.word.test_docx import (
    PDFIMAGES,
    PDFTOTEXT,
    SOFFICE,
    pdf_layout,
    pdf_pages,
    pdf_words,
    to_pdf,
)

PDFTOHTML = shutil.which("pdftohtml")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (SOFFICE and PDFTOTEXT and PDFIMAGES and PDFTOHTML),
        reason="LibreOffice (soffice) and poppler-utils (pdftotext, pdfimages) are not installed",
    ),
]

CONTACT = Contact("卓玛", "0974-8512655")
PHONE = "0974-8512655"
URL = "https://www.qhhn.gov.cn/zwgk/tzgg/2026/01/20/art_12345_678901.html"
#: One sentence with a telephone number; the paragraphs start it at shifting offsets, so
#: that the number falls at the end of a line somewhere.
SENTENCE = "共和县政务服务中心将于春节期间调整办事大厅开放时间，请办事群众合理安排时间，"
PT_PER_MM = 72 / 25.4
TEXT_TOP = gb.MARGIN_TOP_MM * PT_PER_MM
TEXT_BOTTOM = (gb.PAGE_HEIGHT_MM - gb.MARGIN_BOTTOM_MM) * PT_PER_MM
TEXT_RIGHT = (gb.PAGE_WIDTH_MM - gb.MARGIN_RIGHT_MM) * PT_PER_MM
CHAR = gb.BODY_PT * gb.CHAR_SCALE_PERCENT / 100


def _photo(store: AttachmentStore, tmp_path: Path, n: int) -> dict[str, Any]:
    """A camera-shaped (4:3) JPEG in the store."""
    path = tmp_path / f"现场照片{n}.jpg"
    img = Image.linear_gradient("L").resize((1600, 1200)).convert("RGB")
    img.putpixel((n, 0), (255, 0, 0))
    img.save(path, "JPEG", quality=85)
    return store.add(path, "jpeg").to_json()


def _announcement(forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path) -> Any:
    form = forms["services"]
    photos = [_photo(store, tmp_path, n) for n in range(4)]
    # paragraphs of four and of two lines in turn: some page break falls inside one of two
    # lines, which widow control would move whole (21-line pages)
    body = "\n".join(
        SENTENCE[: 3 + n] + SENTENCE + f"咨询电话{PHONE}，" + SENTENCE + "确保办事群众少跑路。"
        if n % 2 == 0
        else SENTENCE[: n % 7] + SENTENCE + "特此说明。"
        for n in range(26)
    )
    body += f"\n详细内容请登录共和县人民政府门户网站，详见{URL}，谢谢。"
    item = sample_item(form, cover=photos[0], attachments=tuple(photos))  # cover attached too
    values = {
        **item.values,
        "info_type": "announcement",
        "issuing_authority": "共和县政务服务中心",
        "body": body,
        "link": URL,
    }
    return form, item.with_changes(values=values), body


def _lines(page: list[tuple[float, float, float, float, str]]) -> list[str]:
    """A page's text lines inside the text area, top to bottom (words joined)."""
    rows: dict[int, list[tuple[float, str]]] = {}
    for y, _, x0, _, text in page:
        if TEXT_TOP - 2 <= y <= TEXT_BOTTOM:
            rows.setdefault(round(y), []).append((x0, text))
    return ["".join(t for _, t in sorted(words)) for _, words in sorted(rows.items())]


def page_boxes(pdf: Path, folder: Path) -> list[tuple[float, list[tuple[float, float]]]]:
    """Per page: the lowest edge of anything printed in the text area, and each picture's
    (top, bottom), in points (poppler's pdftohtml, which knows where pictures are)."""
    folder.mkdir(exist_ok=True)
    xml = subprocess.run(
        [str(PDFTOHTML), "-xml", "-stdout", "-zoom", "1", "-q", str(pdf), str(folder / "p")],
        check=True, capture_output=True, timeout=60, cwd=folder,
    ).stdout.decode("utf-8")  # fmt: skip
    pages = []
    for page in re.findall(r"<page .*?</page>", xml, re.S):
        images, lowest = [], 0.0
        for tag, top, height in re.findall(r'<(image|text) top="(\d+)"[^>]*height="(\d+)"', page):
            bottom = float(top) + float(height)
            if tag == "image":
                images.append((float(top), bottom))
            if bottom <= TEXT_BOTTOM + 2:  # not the page number below the text area
                lowest = max(lowest, bottom)
        pages.append((lowest, images))
    return pages


def test_announcement_on_the_rendered_page(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    form, item, body = _announcement(forms, store, tmp_path)
    out = tmp_path / "announcement.docx"
    render_docx(item, form, store, out, unit="共和县人民政府", sign_off=sample_sign_off(),
                contact=CONTACT)  # fmt: skip
    formula = next(p for p in docx.Document(str(out)).paragraphs if p.text == "特此公告。")
    assert formula.paragraph_format.keep_with_next  # the 落款 never starts a page alone
    (pdf,) = to_pdf(tmp_path, out)
    pages = pdf_words(pdf)
    text = re.sub(r"—\d+—", "", "".join(pdf_pages(pdf)))  # without the page numbers

    # every character of the body is printed, in order, the number included
    assert re.sub(r"\s+", "", body) in text
    # 22 lines on a page of body text (widow control off: no 21-line pages)
    full = [_lines(page) for page in pages[1:4]]
    assert [len(lines) for lines in full] == [22, 22, 22], full
    # a telephone number never breaks, at its hyphen or anywhere
    layout = [re.sub(r"\s+", "", line) for line in pdf_layout(pdf)]
    expected = body.count(PHONE) + 2  # the body, 联系电话 under it, 联系电话 in 报送信息
    assert sum(line.count(PHONE) for line in layout) == expected
    # the URL's label is printed as typed, not spread across the line (“相　关　链　接　：”),
    # and no line before a URL is spread out either (“详　见”): no gap of half a character
    assert any(w[4].startswith("相关链接：") for page in pages for w in page)
    body_words = [w for page in pages[1:] for w in page if TEXT_TOP - 2 <= w[0] <= TEXT_BOTTOM]
    body_words = body_words[: next(n for n, w in enumerate(body_words) if w[4] == "特此公告。")]
    assert any(URL[:20] in w[4] for w in body_words)
    for left, right in zip(body_words, body_words[1:], strict=False):
        if abs(left[0] - right[0]) < 1:
            assert right[2] - left[3] < CHAR / 2, (left, right)
    # 特此公告 after the published fields, then the 落款 per GB/T 9704 7.3.5.2
    end = text.index("特此公告。")
    assert text.index("联系电话：0974-8512655") < text.index("相关链接：") < end
    assert text.index("共和县政务服务中心2025年3月18日", end) > end
    words = next(page for page in pages if any(w[4] == "特此公告。" for w in page))
    signer = next(w for w in words if w[4] == "共和县政务服务中心")
    day = next(w for w in words if w[4].startswith("2025") and w[0] > signer[0])
    date_end = max(w[3] for w in words if abs(w[0] - day[0]) < 1)
    assert 0 < day[0] - signer[0] < 35  # the next line
    assert abs(day[2] - (signer[2] + 2 * CHAR)) < 1.5, (day, signer)  # 首字右移二字
    # this date (8.5 characters wide here) is longer than the signature less two characters:
    # the date stands 右空二字 and the signature moves left (7.3.5.2)
    assert abs(TEXT_RIGHT - date_end - 2 * CHAR) < 3, (date_end, signer)

    # the cover is attached too: four photos, each printed once
    listing = subprocess.run(
        [str(PDFIMAGES), "-list", str(pdf)], check=True, capture_output=True, timeout=60
    ).stdout.decode()
    rows = [line.split() for line in listing.splitlines()[2:]]
    # (LibreOffice prints them at 300 ppi: 1575 × 1181 at 133 × 100 mm)
    photos = [int(r[0]) for r in rows if r[2] == "image" and (r[3], r[4]) != ("360", "120")]
    assert len(photos) == 4, listing
    # no page is left half empty: what moved on to the next page could not have fitted
    # a photo's paragraph: 100 mm, the quarter line above it and the line's descent
    photo_pt = 100 * PT_PER_MM + gb.LINE_PITCH_TWIPS / 20 / 4 + 6
    boxes = page_boxes(pdf, tmp_path / "boxes")
    assert sum(len(images) for _, images in boxes) == 5  # four photos and the signature
    for number, (lowest, images) in enumerate(boxes[:-1], start=1):
        assert TEXT_BOTTOM - lowest < photo_pt, (number, lowest, images)
        assert len(images) <= 2
    # then the office's part: 报送信息 with the contact, and the sign-off, after the photos
    last = _lines(pages[-2]) + _lines(pages[-1])
    assert "报送信息（供审核报送，不公开发布）" in last
    assert {
        "联系人卓玛",
        "联系电话0974-8512655",
        "信息类型公告",
        "发布渠道门户网站、政务微信",
    } <= set(last)
    assert last.index("报送信息（供审核报送，不公开发布）") < last.index("本单位审核签发")
    assert "发布渠道" not in "".join(pdf_pages(pdf)[:-2])  # no bookkeeping in the text
    (tmp_path / "pdf" / "announcement.pdf").replace(tmp_path / "announcement.pdf")


def test_a_table_heading_never_stays_alone_at_a_page_foot(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    """Bodies of 16 to 22 one-line paragraphs put the 表题 on each of page 1's last lines:
    it always prints on the page of the table's header and first row."""
    form = forms["development"]
    documents = []
    for lines in range(16, 23):
        item = sample_item(form, cover=None)
        body = "\n".join(f"第{n}段，全县经济运行总体平稳。" for n in range(lines))
        item = item.with_changes(values={**item.values, "body": body})
        out = tmp_path / f"dev{lines}.docx"
        documents.append(render_docx(item, form, store, out, contact=CONTACT))
    moved = 0
    for pdf in to_pdf(tmp_path, *documents):
        pages = pdf_pages(pdf)
        caption = next(n for n, page in enumerate(pages) if "表1统计指标" in page)
        header = next(n for n, page in enumerate(pages) if "本期数值" in page)
        first_row = next(n for n, page in enumerate(pages) if "指标名称示例" in page)
        assert caption == header == first_row, (pdf.name, caption, header, first_row)
        moved += caption == 1
    assert moved >= 2  # the keep did move captions that would have been left behind


def test_service_guide_is_one_compact_table_on_the_page(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    form = forms["service_guide"]
    out = tmp_path / "guide.docx"
    render_docx(sample_item(form), form, store, out, unit="共和县人民政府", contact=CONTACT)
    (pdf,) = to_pdf(tmp_path, out)
    pages = pdf_pages(pdf)
    assert len(pages) <= 2  # sixteen numbered headings used to take four pages
    first = pages[0]
    header = [w for w in pdf_words(pdf)[0] if w[4] in ("要素", "内容")]
    assert len(header) == 2 and abs(header[0][0] - header[1][0]) < 1  # one header row
    labels = ("事项名称", "事项类型", "设定依据", "实施机关", "受理条件", "申请材料",
              "办理流程", "法定办结时限", "承诺办结时限", "收费标准及依据", "办理地点",
              "办理时间", "咨询电话", "监督投诉电话", "网上办理地址", "常见问题")  # fmt: skip
    positions = [first.index(label) for label in labels]
    assert positions == sorted(positions)
    assert "一、事项名称" not in first
    assert "联系人卓玛" in _lines(pdf_words(pdf)[-1])
    # the 报送信息 is one short table: printed whole, on the page of its heading (it had left
    # 联系人 and 联系电话 alone on the next page)
    (report,) = [page for page in pages if "报送信息（供审核报送，不公开发布）" in page]
    assert all(label in report for label in ("信息类别", "报送单位", "联系人", "联系电话"))


def test_the_report_table_is_never_split_across_pages(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    """Bodies of 8 to 21 lines move the 报送信息 across page 1's foot: wherever it falls, its
    heading and every row print on one page (联系人 and 联系电话 had been carried over alone)."""
    form = forms["other"]
    documents = []
    for lines in range(8, 22):
        item = sample_item(form, cover=None)
        body = "\n".join(f"第{n}段，全县经济运行总体平稳。" for n in range(lines))
        item = item.with_changes(values={**item.values, "body": body}, attachments=())
        out = tmp_path / f"other{lines}.docx"
        documents.append(render_docx(item, form, store, out, contact=CONTACT))
    for pdf in to_pdf(tmp_path, *documents):
        pages = pdf_pages(pdf)
        (report,) = [page for page in pages if "报送信息（供审核报送，不公开发布）" in page]
        for label in ("信息类别", "报送单位", "联系人", "卓玛", "联系电话", "8512655"):
            assert label in report, (pdf.name, label, len(pages))
