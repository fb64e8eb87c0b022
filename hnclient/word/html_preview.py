"""HTML previews of an item: the Word page and the WeChat article, from the same layout.

The editor shows them in a QTextBrowser, whose QTextDocument understands only a subset of
HTML 4 and CSS 2 (no flexbox, no ``max-width``, no ``div`` boxes with borders). So the markup
keeps to tables (with ``bgcolor``, ``cellpadding`` and cell ``padding``), ``p``, ``h1``,
``img`` with ``width``/``height`` attributes and ``span`` styles. Photos are embedded as
``data:`` URIs of small, upright thumbnails (QTextDocument decodes those, Qt ≥ 6): the preview
is then one self-contained string, and no temporary files are left behind. All item text is
escaped; an officer's ``<script>`` is shown, not interpreted.

Page scale: the A4 page is 595 px wide (1 px ≈ 1 pt), so font sizes in px equal the
document's sizes in pt and the margins are the document's millimetres × 2.83.
"""

from __future__ import annotations

import base64
import html
from typing import Literal

from hnclient.attachments import AttachmentStore
from hnclient.forms.model import FormDef
from hnclient.items import Item
from hnclient.word import gbt9704 as gb
from hnclient.word.images import preview_image, signature_size
from hnclient.word.layout import (
    ATTACHMENT_LABEL,
    SIGN_OFF_HEADING,
    AttachmentNote,
    Block,
    Heading,
    Image,
    LabelledField,
    Layout,
    MetaLine,
    Paragraph,
    QuestionAnswer,
    SignOff,
    SignOffBox,
    Summary,
    Table,
    Title,
    build_layout,
)
from hnclient.word.office import Closing, Contact, ElementTable, ReportInfo, flush_left
from hnclient.word.scripts import split_tibetan

Mode = Literal["page", "wechat"]

FANGSONG = '"仿宋_GB2312", "FangSong", "仿宋", "Noto Serif CJK SC", serif'
XIAOBIAOSONG = '"方正小标宋简体", "SimSun", "宋体", "Noto Serif CJK SC", serif'
HEITI = '"黑体", "SimHei", "Noto Sans CJK SC", sans-serif'
SONGTI = '"宋体", "SimSun", "Noto Serif CJK SC", serif'
KAITI = '"楷体_GB2312", "KaiTi", "楷体", "Noto Serif CJK SC", serif'
WECHAT_SANS = '"PingFang SC", "Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", sans-serif'
TIBETAN = '"Microsoft Himalaya", "Noto Serif Tibetan", "Tibetan Machine Uni", serif'

PX_PER_MM = 595 / gb.PAGE_WIDTH_MM
PAGE_WIDTH_PX = 595
PAGE_TEXT_PX = round(gb.TEXT_WIDTH_MM * PX_PER_MM)  # 442
LINE_PX = round(gb.LINE_PITCH_TWIPS / 20)  # 29
WECHAT_WIDTH_PX = 375
WECHAT_PADDING_PX = 16
WECHAT_TEXT_PX = WECHAT_WIDTH_PX - 2 * WECHAT_PADDING_PX  # 343
WECHAT_TITLE_MAX = 64
WECHAT_ACCOUNT = "海南政务"
SIGNATURE_PX = round(gb.SIGNATURE_HEIGHT_MM * PX_PER_MM)  # 34


def render_html(
    item: Item,
    form: FormDef,
    attachments: AttachmentStore,
    *,
    mode: Mode,
    unit: str = "",
    sign_off: SignOff | None = None,
    contact: Contact | None = None,
) -> str:
    """The preview of ``item`` in ``mode`` as one HTML string for a QTextBrowser.

    The page shows what the Word document will: with ``sign_off`` the filled sign-off and the
    drawn signature, without it the empty box and the mark “草稿，未经审核” at the top. The
    WeChat article never shows either: the sign-off is internal to the unit.
    """
    layout = build_layout(item, form, unit=unit, sign_off=sign_off, contact=contact)
    images = _ImageSource(attachments)
    if mode == "page":
        return _page(layout, images)
    if mode == "wechat":
        return _wechat(item, layout, images, unit)
    raise ValueError(f"unknown preview mode: {mode!r}")


def text_html(text: str, size_px: float = 0) -> str:
    """Escaped ``text`` with Tibetan stretches in a span naming a Tibetan font; on the page,
    ``size_px`` (the size of the text around) sets them a size up, as the document does."""
    parts: list[str] = []
    for segment, tibetan in split_tibetan(text):
        escaped = html.escape(segment, quote=True)
        if tibetan:
            size = f" font-size: {gb.tibetan_size_pt(size_px):g}px;" if size_px else ""
            parts.append(f"<span style='font-family: {TIBETAN};{size}'>{escaped}</span>")
        else:
            parts.append(escaped)
    return "".join(parts).replace("\n", "<br>")


class _ImageSource:
    """Thumbnails as data URIs; a missing or unreadable file gives ``None`` (a preview shows
    a placeholder instead of failing — the Word export is where it is refused)."""

    def __init__(self, store: AttachmentStore) -> None:
        self.store = store

    def __call__(self, image: Image) -> tuple[str, int, int] | None:
        try:
            path = self.store.path_for(image.sha256)
            prepared = preview_image(path, image.sha256)
        except (OSError, ValueError):
            return None
        uri = "data:image/jpeg;base64," + base64.b64encode(prepared.data).decode("ascii")
        return uri, prepared.width, prepared.height


def _img(images: _ImageSource, image: Image, width: int) -> str:
    found = images(image)
    if found is None:
        name = html.escape(image.name)
        return f"<p align='center' style='color: #c00000;'>［图片缺失：{name}］</p>"
    uri, w, h = found
    height = round(width * h / w)
    return f"<p align='center'><img src='{uri}' width='{width}' height='{height}'></p>"


# ------------------------------------------------------------------------------------- page


def _page(layout: Layout, images: _ImageSource) -> str:
    top, bottom = round(gb.MARGIN_TOP_MM * PX_PER_MM), round(gb.MARGIN_BOTTOM_MM * PX_PER_MM)
    left, right = round(gb.MARGIN_LEFT_MM * PX_PER_MM), round(gb.MARGIN_RIGHT_MM * PX_PER_MM)
    body = "\n".join(_page_block(block, images) for block in layout.blocks)
    if layout.draft_mark:
        # Where Word prints it: the page header, 15 mm from the top, above the text area.
        header = round(gb.HEADER_DISTANCE_MM * PX_PER_MM)
        mark = _p(
            text_html(layout.draft_mark), font=HEITI, indent=False, text_align="right",
            color=f"#{gb.DRAFT_MARK_COLOR.lower()}", margin_bottom=f"{top - header - LINE_PX}px",
        )  # fmt: skip
        body = mark + "\n" + body
        top = header
    return (
        f"<html><head><meta charset='utf-8'><title>{html.escape(layout.title)}</title></head>"
        f"<body style='background-color: #808080; font-family: {FANGSONG}; font-size: 16px;'>"
        f"<table align='center' width='{PAGE_WIDTH_PX}' cellspacing='0' cellpadding='0' "
        "bgcolor='#ffffff' style='margin-top: 12px; margin-bottom: 12px;'><tr>"
        f"<td style='padding-top: {top}px; padding-bottom: {bottom}px; padding-left: {left}px; "
        f"padding-right: {right}px;'>\n{body}\n</td></tr></table></body></html>"
    )


def _p(
    content: str, *, font: str = FANGSONG, size: int = 16, indent: bool = True, **css: str
) -> str:
    style = [f"font-family: {font}", f"font-size: {size}px", f"line-height: {LINE_PX}px"]
    style += ["margin-top: 0px", "margin-bottom: 0px"]
    if indent:
        style.append(f"text-indent: {2 * size}px")
    style += [f"{k.replace('_', '-')}: {v}" for k, v in css.items()]
    return f"<p style='{'; '.join(style)};'>{content}</p>"


def _label(label: str, value: str, value_font: str = FANGSONG) -> str:
    return (
        f"<span style='font-family: {HEITI};'>{text_html(label)}：</span>"
        f"<span style='font-family: {value_font};'>{text_html(value)}</span>"
    )


def _page_block(block: Block, images: _ImageSource) -> str:
    match block:
        case Title():
            # The lines the Word document prints (title_lines), not the browser's own wrap.
            lines = "<br/>".join(text_html(line, gb.TITLE_PT) for line in block.printed_lines())
            return (
                f"<h1 align='center' style='font-family: {XIAOBIAOSONG}; font-size: 22px; "
                f"font-weight: normal; line-height: {LINE_PX}px; margin-top: 0px; "
                f"margin-bottom: {LINE_PX}px; white-space: nowrap;'>{lines}</h1>"
            )
        case MetaLine(text):
            return _p(text_html(text), font=KAITI, indent=False, text_align="center")
        case Heading(text):
            return _p(text_html(text, gb.BODY_PT), font=HEITI)
        case Paragraph(text, indent):
            align = "left" if flush_left(text) else "justify"
            return _p(text_html(text, gb.BODY_PT), indent=indent, text_align=align)
        case Summary(text):
            return _p(_label("摘要", text, KAITI))
        case LabelledField(label, value):
            return _p(_label(label, value))
        case QuestionAnswer(question, answer):
            return _p(_label("问", question)) + _p(_label("答", answer))
        case AttachmentNote():
            return _attachment_note(block)
        case Table(columns, rows, caption):
            title = _p(text_html(caption), font=HEITI, indent=False, text_align="center")
            return (
                (title if caption else "")
                + _table(columns, rows, FANGSONG, 14, data=block)
                + _p("", indent=False)
            )
        case Image():
            caption = _p(text_html(block.caption), font=KAITI, size=14, indent=False,
                         text_align="center") if block.caption else ""  # fmt: skip
            return _img(images, block, PAGE_TEXT_PX) + caption
        case SignOffBox():
            return _p(text_html(SIGN_OFF_HEADING), font=HEITI) + _table(
                ("项目", "内容"), block.rows(), FANGSONG, 16, header=False
            )
        case SignOff():
            return _sign_off(block)
        case ReportInfo(rows, heading):
            return _p("", indent=False) + _p(text_html(heading), font=HEITI) + _key_value(rows)
        case ElementTable(rows, columns):
            return _key_value(rows, columns) + _p("", indent=False)
        case Closing():
            return _closing(block)
    return ""


def _key_value(rows: tuple[tuple[str, str], ...], header: tuple[str, ...] = ()) -> str:
    """The Word document's two-column table (报送信息, a service guide's 要素 | 内容)."""
    cell = f"font-family: {FANGSONG}; font-size: 14px; border: 1px solid #000000;"
    out = [
        "<table width='100%' border='1' cellspacing='0' cellpadding='4' "
        "style='border-collapse: collapse; border-color: #000000;'>"
    ]
    if header:
        out.append("<tr>")
        out += [f"<th align='center' style='{cell} font-family: {HEITI};'>{text_html(h)}</th>"
                for h in header]  # fmt: skip
        out.append("</tr>")
    for label, value in rows:
        lines = "<br>".join(text_html(line) for line in value.split("\n")) or "&nbsp;"
        out.append(
            f"<tr><td width='25%' valign='middle' style='{cell} font-family: {HEITI};'>"
            f"{text_html(label)}</td><td style='{cell}'>{lines}</td></tr>"
        )
    out.append("</table>")
    return "".join(out)


def _closing(block: Closing) -> str:
    """落款: an empty line, the authority right-aligned, the date from its left indent."""
    signer_right, date_left = block.indents(PAGE_TEXT_PX / 16)
    return (
        _p("", indent=False)
        + _p(text_html(block.signer), indent=False, text_align="right",
             margin_right=f"{round(signer_right * 16)}px")
        + _p(text_html(block.date), indent=False, margin_left=f"{round(date_left * 16)}px")
    )  # fmt: skip


def _attachment_note(block: AttachmentNote) -> str:
    """附件说明 as the document prints it: an empty line, then the names under each other."""
    numbered = len(block.names) > 1
    names_at = 2 + len(ATTACHMENT_LABEL) + (1 if numbered else 0)  # characters
    out = [_p("", indent=False)]
    for number, line in enumerate(block.lines()):
        hanging = (1 if numbered else 0) + (len(ATTACHMENT_LABEL) if number == 0 else 0)
        out.append(
            _p(text_html(line), indent=False, margin_left=f"{names_at * 16}px",
               text_indent=f"{-hanging * 16}px")
        )  # fmt: skip
    return "".join(out)


def _sign_off(block: SignOff) -> str:
    """The approval as the document shows it: the drawn signature beside 签发人."""
    cell = f"font-family: {FANGSONG}; font-size: 16px; border: 1px solid #000000;"
    label_px = round(gb.SIGN_OFF_LABEL_MM * PX_PER_MM)
    signature_px = round(gb.SIGN_OFF_SIGNATURE_MM * PX_PER_MM)
    out = [
        _p(text_html(SIGN_OFF_HEADING), font=HEITI),
        "<table width='100%' border='1' cellspacing='0' cellpadding='4' "
        "style='border-collapse: collapse; border-color: #000000;'>",
    ]
    for number, (label, value) in enumerate(block.rows()):
        out.append(
            f"<tr><td width='{label_px}' valign='middle' style='{cell} font-family: {HEITI};'>"
            f"{text_html(label)}</td>"
        )
        if number == 0:
            out.append(f"<td valign='middle' style='{cell}'>{text_html(value) or '&nbsp;'}</td>")
            out.append(
                f"<td width='{signature_px}' align='center' valign='middle' style='{cell}'>"
                f"{_signature_img(block, signature_px - 8)}</td>"
            )
        else:
            out.append(f"<td colspan='2' style='{cell}'>{text_html(value) or '&nbsp;'}</td>")
        out.append("</tr>")
    out.append("</table>")
    fingerprint = block.fingerprint_text()
    if fingerprint:
        out.append(_p(text_html(fingerprint), font=SONGTI, size=11, indent=False))
    return "".join(out)


def _signature_img(block: SignOff, max_width: int) -> str:
    """The drawn PNG as a data URI, 12 mm (34 px) high; a red note if it cannot be read."""
    if not block.signature_png:
        return "&nbsp;"
    try:
        width_px, height_px = signature_size(block.signature_png)
    except ValueError:
        return "<span style='color: #c00000;'>［签名图片无法显示］</span>"
    height = min(SIGNATURE_PX, max(1, round(max_width * height_px / width_px)))
    width = max(1, round(height * width_px / height_px))
    uri = "data:image/png;base64," + base64.b64encode(block.signature_png).decode("ascii")
    return f"<img src='{uri}' width='{width}' height='{height}'>"


def _table(
    columns: tuple[str, ...],
    rows: tuple[tuple[str, ...], ...],
    font: str,
    size: int,
    *,
    header: bool = True,
    data: Table | None = None,
) -> str:
    """A bordered table; for a form's table (``data``) the columns are sized by content like
    the Word table's and numbers are aligned right."""
    cell = f"font-family: {font}; font-size: {size}px; border: 1px solid #000000;"
    widths: list[str] = [""] * len(columns)
    numeric = tuple(tuple(False for _ in row) for row in rows)
    if data is not None:
        ems = data.column_widths(100.0, 0.0)
        widths = [f" width='{round(em)}%'" for em in ems]
        numeric = data.numeric()
    out = [
        "<table width='100%' border='1' cellspacing='0' cellpadding='4' "
        "style='border-collapse: collapse; border-color: #000000;'>"
    ]
    if header:
        out.append("<tr>")
        out += [
            f"<th align='center'{w} style='{cell} font-weight: bold;'>{text_html(c)}</th>"
            for c, w in zip(columns, widths, strict=True)
        ]
        out.append("</tr>")
    for row, numbers in zip(rows, numeric, strict=True):
        out.append("<tr>")
        out += [
            f"<td align='{'right' if n else 'left'}' style='{cell}'>{text_html(v) or '&nbsp;'}</td>"
            for v, n in zip(row, numbers, strict=True)
        ]
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


# ----------------------------------------------------------------------------------- wechat


def _wechat(item: Item, layout: Layout, images: _ImageSource, unit: str) -> str:
    """A phone 375 px wide: cover, title, account/unit/date, summary box, body, photos.

    The sign-off box is left out: it is internal to the unit and never published.
    """
    cover = next((b for b in layout.blocks if isinstance(b, Image) and b.role == "cover"), None)
    rows: list[str] = []
    if cover is not None:
        found = images(cover)
        if found is not None:
            uri, w, h = found
            height = round(WECHAT_WIDTH_PX * h / w)
            rows.append(
                f"<tr><td><img src='{uri}' width='{WECHAT_WIDTH_PX}' height='{height}'></td></tr>"
            )
    title = layout.title
    if len(title) > WECHAT_TITLE_MAX:
        # WeChat takes at most 64 characters; the form check says so, the preview shows the cut.
        title = title[:WECHAT_TITLE_MAX] + "…"
    byline = [WECHAT_ACCOUNT]
    if unit.strip():
        byline.append(unit.strip())
    date_text = f"{item.event_date:%Y-%m-%d}" if item.event_date else ""
    content = [
        f"<h1 style='font-family: {WECHAT_SANS}; font-size: 22px; font-weight: bold; "
        f"line-height: 31px; color: #222222; margin-top: 0px; margin-bottom: 10px;'>"
        f"{text_html(title)}</h1>",
        f"<p style='font-family: {WECHAT_SANS}; font-size: 14px; color: #888888; "
        f"margin-top: 0px; margin-bottom: 18px;'><span style='color: #576b95;'>"
        f"{text_html(byline[0])}</span>　{text_html('　'.join(byline[1:]))}　"
        f"{text_html(date_text)}</p>",
    ]
    for block in layout.blocks:
        content.append(_wechat_block(block, images))
    rows.append(
        f"<tr><td style='padding-left: {WECHAT_PADDING_PX}px; padding-right: "
        f"{WECHAT_PADDING_PX}px; padding-top: 20px; padding-bottom: 24px;'>"
        + "\n".join(c for c in content if c)
        + "</td></tr>"
    )
    return (
        f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head>"
        f"<body style='background-color: #ededed; font-family: {WECHAT_SANS};'>"
        f"<table align='center' width='{WECHAT_WIDTH_PX}' cellspacing='0' cellpadding='0' "
        f"bgcolor='#ffffff'>{''.join(rows)}</table></body></html>"
    )


def _wp(content: str, **css: str) -> str:
    style = [
        f"font-family: {WECHAT_SANS}",
        "font-size: 17px",
        "line-height: 30px",
        "color: #333333",
        "margin-top: 0px",
        "margin-bottom: 16px",
    ]
    style += [f"{k.replace('_', '-')}: {v}" for k, v in css.items()]
    return f"<p style='{'; '.join(style)};'>{content}</p>"


def _bold(content: str) -> str:
    return f"<span style='font-weight: bold;'>{content}</span>"


def _wechat_block(block: Block, images: _ImageSource) -> str:
    match block:
        case Summary(text):
            return (
                "<table width='100%' cellspacing='0' cellpadding='12' bgcolor='#f4f4f4' "
                "style='margin-bottom: 18px;'><tr><td style='font-size: 15px; color: #666666; "
                f"line-height: 25px;'>{text_html(text)}</td></tr></table>"
            )
        case Heading(text):
            return _wp(_bold(text_html(text)))
        case Paragraph(text):
            return _wp(text_html(text), text_align="justify")
        case LabelledField(label, value):
            return _wp(_bold(text_html(label) + "：") + text_html(value))
        case QuestionAnswer(question, answer):
            return _wp(_bold("问：") + text_html(question)) + _wp(_bold("答：") + text_html(answer))
        case AttachmentNote():
            return "".join(_wp(text_html(line)) for line in block.lines())
        case Table(columns, rows, caption):
            title = _wp(_bold(text_html(caption)), text_align="center") if caption else ""
            return title + _table(columns, rows, WECHAT_SANS, 14, data=block) + _wp("")
        case Image() if block.role == "photo":
            return _img(images, block, WECHAT_TEXT_PX)
        case ElementTable(rows, columns):
            return _key_value(rows, columns) + _wp("")
        case Closing(signer, day):
            return _wp(text_html(signer), text_align="right") + _wp(
                text_html(day), text_align="right"
            )
    return ""  # title, meta line, cover and sign-off are placed elsewhere or not published
