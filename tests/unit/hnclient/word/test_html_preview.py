"""The previews: same content as the document, escaped, in HTML a QTextDocument can show."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from hnclient.attachments import AttachmentStore
from hnclient.forms import FormDef
from hnclient.word import render_html
from hnclient.word.title_lines import title_lines
from tests.unit.hnclient.word.conftest import (
    TIBETAN,
    PhotoMaker,
    sample_item,
    sample_sign_off,
    shown,
    signature_png,
)

HOSTILE = "<script>alert('x')</script> 共和县 & 同德县联合召开会议"


@pytest.mark.parametrize("mode", ["page", "wechat"])
def test_item_text_is_escaped(mode: str, forms: dict[str, FormDef], store: AttachmentStore) -> None:
    form = forms["other"]
    values = {**sample_item(form).values, "body": "第一段 <b>不加粗</b> & 符号"}
    item = sample_item(form, title=HOSTILE, summary="摘要 <i>x</i>", values=values)
    html = render_html(item, form, store, mode=mode)  # type: ignore[arg-type]
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html
    assert "共和县 &amp; 同德县" in html
    assert "&lt;b&gt;不加粗&lt;/b&gt; &amp; 符号" in html


def test_page_preview_shows_every_value(
    forms: dict[str, FormDef], store: AttachmentStore, photo: PhotoMaker
) -> None:
    form = forms["leadership"]
    item = sample_item(form, attachments=(photo(orientation=6),))
    html = render_html(item, form, store, mode="page", unit="贵德县人民政府")
    plain = re.sub(r"<[^>]+>", "", html).replace("&amp;", "&")
    assert item.title.split(" ")[0] in plain
    for definition in form.fields:
        for expected in shown(definition, item.values[definition.key]):
            for line in expected.split("\n"):
                assert line.split(" ")[0] in plain, (definition.key, line)
    assert "签发人" in plain and "签发意见" in plain  # the sign-off box is part of the page
    assert "Noto Serif CJK SC" in html and "FangSong" in html
    assert re.search(r"<img src='data:image/jpeg;base64,[A-Za-z0-9+/=]+' width='442' ", html)


@pytest.mark.parametrize("approved", [False, True])
def test_preview_markup_stays_in_the_qtextdocument_subset(
    approved: bool, forms: dict[str, FormDef], store: AttachmentStore, photo: PhotoMaker
) -> None:
    form = forms["service_guide"]
    item = sample_item(form, cover=photo(), attachments=(photo(),))
    sign_off = sample_sign_off() if approved else None
    for mode in ("page", "wechat"):
        html = render_html(item, form, store, mode=mode, sign_off=sign_off)
        tags = set(re.findall(r"<([a-z0-9]+)", html))
        assert tags <= {"html", "head", "meta", "title", "body", "table", "tr", "td", "th",
                        "p", "h1", "img", "span", "br"}, tags  # fmt: skip
        assert "flex" not in html and "grid" not in html and "max-width" not in html


def test_wechat_preview_has_cover_first_short_title_and_summary_box(
    forms: dict[str, FormDef], store: AttachmentStore, photo: PhotoMaker
) -> None:
    form = forms["other"]
    long_title = "海南州" * 30
    item = sample_item(form, title=long_title, cover=photo((800, 450)), attachments=(photo(),))
    html = render_html(item, form, store, mode="wechat", unit="兴海县人民政府")
    assert "width='375'" in html
    first_img = html.index("<img")
    assert first_img < html.index("<h1")  # the cover sits on top
    assert re.search(r"<img src='data:image/jpeg;base64,[^']+' width='375' height='211'>", html)
    assert "海南州" * 21 + "海…" in html and long_title not in html  # 64 characters, then …
    assert "bgcolor='#f4f4f4'" in html and "共和县召开会议部署春耕工作。" in html
    assert "兴海县人民政府" in html and "2025-03-18" in html
    assert "签发人" not in html  # internal to the unit, never published
    assert html.count("<img") == 2


def test_tibetan_is_wrapped_in_a_tibetan_font_span(
    forms: dict[str, FormDef], store: AttachmentStore
) -> None:
    html = render_html(sample_item(forms["other"]), forms["other"], store, mode="page")
    assert re.search(r"<span style='font-family: [^']*Microsoft Himalaya[^']*;'>" + TIBETAN, html)


def test_missing_photo_shows_a_placeholder(
    forms: dict[str, FormDef], store: AttachmentStore, photo: PhotoMaker
) -> None:
    ref = photo(name="会场.jpg")
    store.path_for(ref["sha256"]).unlink()
    item = sample_item(forms["other"], attachments=(ref,))
    html = render_html(item, forms["other"], store, mode="page")
    assert "图片缺失：会场.jpg" in html


def test_unknown_mode_is_rejected(forms: dict[str, FormDef], store: AttachmentStore) -> None:
    with pytest.raises(ValueError):
        render_html(sample_item(forms["other"]), forms["other"], store, mode="print")  # type: ignore[arg-type]


@pytest.mark.parametrize(("mode", "approved"), [("page", False), ("page", True), ("wechat", True)])
def test_qtextdocument_reads_the_preview(
    mode: str,
    approved: bool,
    forms: dict[str, FormDef],
    store: AttachmentStore,
    photo: PhotoMaker,
    qapp: object,
    tmp_path: Path,
) -> None:
    """The consumer, not a guess: QTextDocument parses it, keeps the text, decodes the images."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    form = forms["leadership"]
    item = sample_item(form, title=HOSTILE, cover=photo(), attachments=(photo(),))
    sign_off = sample_sign_off() if approved else None
    html = render_html(item, form, store, mode=mode, sign_off=sign_off)  # type: ignore[arg-type]
    document = QTextDocument()
    document.setHtml(html)
    plain = document.toPlainText()
    # the page prints the title on the Word document's lines; WeChat shows it whole
    lines = "\n".join(title_lines(HOSTILE)) if mode == "page" else HOSTILE
    assert lines in plain
    assert TIBETAN in plain
    # bookkeeping fields are in the page's 报送信息 table, never in the published article
    published = mode != "wechat"
    assert ("出席领导" in plain and "副县长张三、局长李四" in plain) is published
    assert ("报送信息" in plain) is published
    sources = re.findall(r"<img src='([^']+)'", html)
    assert sources
    for source in sources:
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(source))
        if image is None:
            image = document.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(source))
        assert image is not None and not image.isNull()


def plain_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html).replace("&amp;", "&")


def test_unapproved_page_preview_is_marked_draft(
    forms: dict[str, FormDef], store: AttachmentStore
) -> None:
    form = forms["other"]
    html = render_html(sample_item(form), form, store, mode="page")
    plain = plain_text(html)
    assert "草稿，未经审核" in plain
    assert html.index("草稿，未经审核") < html.index("<h1")  # above the title, like a header
    assert "color: #c00000" in html
    assert "电子签发校验码" not in plain and "data:image/png" not in html


def test_approved_page_preview_shows_the_filled_sign_off(
    forms: dict[str, FormDef], store: AttachmentStore
) -> None:
    form = forms["other"]
    html = render_html(sample_item(form), form, store, mode="page", sign_off=sample_sign_off())
    plain = plain_text(html)
    assert "草稿" not in plain and "未经审核" not in plain
    for expected in (
        "本单位审核签发",
        "签发人",
        "副县长王五（代李四签发）",
        "签发意见",
        "同意",
        "签发时间",
        "2026年12月1日 02:30",  # 18:30 UTC on 30 November is 02:30 CST on 1 December
        "电子签发校验码：9b1f6c0d2e3a4b5c",
    ):
        assert expected in plain, expected
    found = re.search(r"<img src='data:image/png;base64,([A-Za-z0-9+/=]+)' width='(\d+)' "
                      r"height='(\d+)'>", html)  # fmt: skip
    assert found is not None
    assert base64.b64decode(found.group(1)) == signature_png()
    assert (found.group(2), found.group(3)) == ("102", "34")  # 12 mm high, 3 : 1


def test_unreadable_signature_shows_a_note_in_the_preview(
    forms: dict[str, FormDef], store: AttachmentStore
) -> None:
    form = forms["other"]
    broken = sample_sign_off(signature_png=b"not a png")
    html = render_html(sample_item(form), form, store, mode="page", sign_off=broken)
    assert "签名图片无法显示" in html and "data:image/png" not in html


def test_wechat_preview_shows_neither_sign_off_nor_draft_mark(
    forms: dict[str, FormDef], store: AttachmentStore
) -> None:
    form = forms["other"]
    for sign_off in (None, sample_sign_off()):
        html = render_html(sample_item(form), form, store, mode="wechat", sign_off=sign_off)
        for internal in ("草稿", "签发", "王五", "data:image/png"):
            assert internal not in html, internal


@pytest.mark.parametrize("mode", ["page", "wechat"])
def test_tables_show_caption_content_widths_and_numbers_right(
    mode: str, forms: dict[str, FormDef], store: AttachmentStore
) -> None:
    form = forms["development"]
    rows = [
        {"indicator": "全县农牧区人居环境整治任务", "current": "1,234.5", "previous": "98.7",
         "unit": "万元", "yoy_change": "-2.1"},
    ]  # fmt: skip
    item = sample_item(form)
    item = item.with_changes(values={**item.values, "indicators": rows})
    html = render_html(item, form, store, mode=mode)  # type: ignore[arg-type]
    assert "表1 统计指标" in html
    assert "<td align='right'" in html and ">1,234.5</td>" in html
    widths = [int(w) for w in re.findall(r"<th align='center' width='(\d+)%'", html)]
    assert len(widths) == 5 and widths[0] == max(widths) and 98 <= sum(widths) <= 102


def test_page_preview_prints_the_documents_title_lines(
    forms: dict[str, FormDef], store: AttachmentStore, qapp: object
) -> None:
    """The preview shows the lines the Word document prints (title_lines), the officer's
    break included; the WeChat article shows the title whole, on one line of text."""
    from PySide6.QtGui import QTextDocument

    form = forms["other"]
    title = (
        "海南藏族自治州人民政府办公室关于印发海南州2026年冬春农牧区困难群众生活救助工作方案的通知"
    )
    at = title.index("海南州2026")
    item = sample_item(form, title=title, title_breaks=(at,), cover=None)
    lines = title_lines(title, (at,))
    assert len(lines) >= 3 and any(line.startswith("海南州2026") for line in lines)
    document = QTextDocument()
    document.setHtml(render_html(item, form, store, mode="page"))
    shown = document.toPlainText().splitlines()
    start = shown.index(lines[0])
    assert tuple(shown[start : start + len(lines)]) == lines
    document.setHtml(render_html(item, form, store, mode="wechat"))
    assert title in document.toPlainText().splitlines()
