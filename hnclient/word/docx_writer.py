"""An item as a .docx laid out per GB/T 9704-2012 (notice 六(五): text and tables as Word).

The officer must not need another program to produce a compliant document, so the page,
fonts and grid come from :mod:`hnclient.word.gbt9704` and the content from the shared
:mod:`hnclient.word.layout` — the same blocks the previews show.
"""

from __future__ import annotations

import io
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
from docx.document import Document as DocumentObject
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.text.run import _RunContentAppender
from docx.shared import Mm, Pt, Twips
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph
from PIL import Image as PILImage

from hnclient.attachments import AttachmentStore
from hnclient.cleantext import clean_line, clean_text
from hnclient.fileio import write_atomically
from hnclient.forms.model import FormDef
from hnclient.items import Item
from hnclient.word import gbt9704 as gb
from hnclient.word.errors import WordRenderError
from hnclient.word.images import PreparedImage, prepare_image, signature_size
from hnclient.word.layout import (
    ATTACHMENT_LABEL,
    OPINION_LABEL,
    SIGN_OFF_HEADING,
    SLACK_EM,
    AttachmentNote,
    Block,
    Heading,
    Image,
    LabelledField,
    MetaLine,
    Paragraph,
    QuestionAnswer,
    SignOff,
    SignOffBox,
    Summary,
    Table,
    Title,
    build_layout,
    printed_width,
)
from hnclient.word.office import Closing, Contact, ElementTable, ReportInfo, flush_left
from hnclient.word.scripts import split_tibetan
from hnclient.word.template import make_template_chinese

#: Tallest photo: two fit on one page with the space above each and a caption line (225 mm
#: text area: 2 × (100 mm + 2.5 mm) + 10.2 mm). A photo of full text width (156 mm, 117 mm
#: high at 4:3) left one per page with 100 mm empty below it, and a photo that did not fit
#: under the text moved on and left a half-empty page behind: now at most one photo's height
#: is ever left empty. A camera's 4:3 photo prints 133 × 100 mm, a portrait one 75 × 100 mm.
MAX_IMAGE_HEIGHT_MM = 100
#: Space above and below the drawn signature inside its cell.
SIGNATURE_GAP_PT = 3
#: The content hash line under an approval: 五号 (10.5 pt), small enough not to compete.
FINGERPRINT_PT = 10.5


def render_docx(
    item: Item,
    form: FormDef,
    attachments: AttachmentStore,
    out: Path,
    *,
    unit: str = "",
    sign_off: SignOff | None = None,
    contact: Contact | None = None,
) -> Path:
    """Write ``item`` as a Word document to ``out`` atomically and return ``out``.

    ``sign_off`` is the leader's approval of exactly this content; the sign-off table then
    shows it with the drawn signature. Without one the table is left empty for a handwritten
    sign-off and every page is headed “草稿，未经审核”. ``contact`` (the officer's name and
    telephone) is printed in the 报送信息 table at the end.

    Raises :class:`WordRenderError` (Chinese message) when a photo is missing from the store
    or does not match its reference, or the drawn signature cannot be read, before anything
    is written.
    """
    layout = build_layout(item, form, unit=unit, sign_off=sign_off, contact=contact)
    signature = _signature_size(layout.sign_off)
    photos = _prepare_photos(attachments, layout.images())

    document = docx.Document()
    _drop_template_leftovers(document)
    make_template_chinese(document)
    gb.setup_styles(document)
    gb.setup_page(document)
    gb.write_font_table(document)
    props = document.core_properties
    props.title = layout.title
    props.author = clean_line(unit) or "hnclient"
    props.last_modified_by = clean_line(unit) or "hnclient"
    props.comments = ""
    props.subject = form.title

    for block, following in zip(layout.blocks, (*layout.blocks[1:], None), strict=True):
        _write_block(document, block, photos, signature)
        if isinstance(following, Closing):
            # The 落款 never begins a page of its own: the text's last line goes with it.
            document.paragraphs[-1].paragraph_format.keep_with_next = True
    if layout.draft_mark:
        gb.mark_every_page(document, layout.draft_mark)
    _save_atomically(document, out)
    return out


def _signature_size(sign_off: SignOff | None) -> tuple[int, int] | None:
    """Pixel size of the drawn signature, checked before any work; ``None`` when there is none."""
    if sign_off is None or not sign_off.signature_png:
        return None
    try:
        return signature_size(sign_off.signature_png)
    except ValueError as error:
        raise WordRenderError(
            "签发人的手写签名图片已损坏，无法生成 Word 文档。请领导重新审核签发后再导出。",
            f"The signer's drawn signature cannot be read: {error}",
        ) from error


def _prepare_photos(store: AttachmentStore, images: tuple[Image, ...]) -> dict[str, PreparedImage]:
    """Every distinct photo decoded, scaled and re-encoded, in parallel threads.

    All references are checked first, so a missing photo is reported before any work. Pillow
    releases the GIL while decoding and resampling, so threads use every core; ten 12-MP
    photos take ≈ 0.8 s on two cores instead of ≈ 1.6 s one after another.
    """
    unique = {image.sha256: image for image in images}
    paths = {sha: _stored_photo(store, image) for sha, image in unique.items()}
    if not paths:
        return {}

    def work(sha: str) -> tuple[str, PreparedImage]:
        try:
            return sha, prepare_image(paths[sha])
        except (OSError, ValueError, PILImage.DecompressionBombError) as error:
            name = unique[sha].name
            raise WordRenderError(
                f"照片“{name}”无法读取，无法生成 Word 文档。请删除这张照片后重新添加。",
                f"Photo {name} cannot be read: {error}",
            ) from error

    workers = max(1, min(len(paths), os.cpu_count() or 1, 8))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="hn-photo") as pool:
        return dict(pool.map(work, paths))


def _stored_photo(store: AttachmentStore, image: Image) -> Path:
    """The store's file for ``image``, refusing what is not there or not what the item says."""
    try:
        path = store.path_for(image.sha256)
    except ValueError as error:
        raise WordRenderError(
            f"照片“{image.name}”的记录已损坏，无法生成 Word 文档。请删除这张照片后重新添加。",
            f"Photo {image.name}: invalid reference.",
        ) from error
    if not path.is_file():
        raise WordRenderError(
            f"照片“{image.name}”在附件库中找不到，无法生成 Word 文档。"
            "请删除这张照片后从原文件重新添加。",
            f"Photo {image.name} is missing from the attachment store.",
        )
    if image.size >= 0 and path.stat().st_size != image.size:
        raise WordRenderError(
            f"照片“{image.name}”在附件库中的文件大小与记录不符（可能已损坏），"
            "无法生成 Word 文档。请删除这张照片后从原文件重新添加。",
            f"Photo {image.name}: stored size differs from the item's reference.",
        )
    return path


def _write_block(
    document: DocumentObject,
    block: Block,
    photos: dict[str, PreparedImage],
    signature: tuple[int, int] | None = None,
) -> None:
    match block:
        case Title():
            _title(document, block)
        case MetaLine(text):
            add_text(document.add_paragraph(style=gb.STYLE_META), text, gb.FONT_META, gb.BODY_PT)
        case Heading(text):
            add_text(document.add_paragraph(style=gb.STYLE_HEADING), text, gb.FONT_HEADING)
        case Paragraph(text, indent):
            style = gb.STYLE_BODY if indent else gb.STYLE_PLAIN
            paragraph = document.add_paragraph(style=style)
            if flush_left(text):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            add_text(paragraph, text, gb.FONT_BODY)
        case Summary(text):
            _labelled(document, "摘要", text, gb.FONT_META)
        case LabelledField(label, value):
            _labelled(document, label, value, gb.FONT_BODY)
        case QuestionAnswer(question, answer):
            _labelled(document, "问", question, gb.FONT_BODY)
            _labelled(document, "答", answer, gb.FONT_BODY)
        case Table():
            _table(document, block)
        case AttachmentNote():
            _attachment_note(document, block)
        case Image():
            _image(document, block, photos[block.sha256])
        case SignOff():
            _sign_off(document, block, signature)
        case SignOffBox():
            _sign_off_box(document, block)
        case ReportInfo(rows, heading):
            document.add_paragraph(style=gb.STYLE_PLAIN)
            add_text(document.add_paragraph(style=gb.STYLE_HEADING), heading, gb.FONT_HEADING)
            _key_value_table(document, rows, whole=True)
        case ElementTable(rows, columns):
            _key_value_table(document, rows, columns)
        case Closing():
            _closing(document, block)


def add_text(
    paragraph: DocxParagraph,
    text: str,
    font: str,
    size_pt: float = gb.BODY_PT,
    *,
    bold: bool = False,
) -> None:
    """Append ``text`` as runs with explicit fonts, Tibetan in runs of its own.

    Every run names its East Asian font even where the style already does: a paragraph
    copied into another document (a common way the office reuses text) keeps its look.
    Characters no document can hold are dropped (:func:`~hnclient.cleantext.clean_text`: the
    last guard, whatever the text came from), and a hyphen between digits never ends a line
    (:func:`append_unbroken`).
    """
    for segment, tibetan in split_tibetan(clean_text(text)):
        run = paragraph.add_run()
        rpr = run._r.get_or_add_rPr()
        append_unbroken(run._r, segment)
        gb.set_run_fonts(rpr, font)
        run.font.size = Pt(size_pt)
        if bold:
            run.font.bold = True
        if tibetan:
            gb.mark_tibetan(rpr, size_pt)


#: A hyphen between two digits: in a telephone number (0974-8512655, 138-0974-1234) or an ISO
#: date. It is wrapped in WORD JOINERs (U+2060: no line break on either side, no width), so
#: the number never splits across two lines. Word's own w:noBreakHyphen was tried first:
#: LibreOffice imports it and then breaks the number *inside the digits* (“0974-851 / 2655”),
#: which is worse; the word joiner is the Unicode rule every engine follows (LibreOffice: the
#: number moves to the next line whole). It is not a printed character: pdftotext and the
#: clipboard of a PDF show the plain number.
_DIGIT_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
WORD_JOINER = "\u2060"


def append_unbroken(r: object, text: str) -> None:
    """Append ``text`` to the run element ``r`` as python-docx would (tabs, line breaks), with
    every hyphen between digits held to its neighbours (:data:`_DIGIT_HYPHEN`)."""
    text = _DIGIT_HYPHEN.sub(f"{WORD_JOINER}-{WORD_JOINER}", text)
    _RunContentAppender.append_to_run_from_text(r, text)  # type: ignore[arg-type]


def _title(document: DocumentObject, block: Title) -> None:
    """One centred paragraph, its lines separated by line breaks (Shift+Enter in Word): the
    title stays one paragraph (one entry in Word's navigation pane), printed on the lines
    :mod:`hnclient.word.title_lines` chose, which are each narrower than the text area."""
    paragraph = document.add_paragraph(style=gb.STYLE_TITLE)
    for number, line in enumerate(block.printed_lines()):
        if number:
            run = paragraph.add_run()
            gb.set_run_fonts(run._r.get_or_add_rPr(), gb.FONT_TITLE)
            run.add_break()
        add_text(paragraph, line, gb.FONT_TITLE, gb.TITLE_PT)


def _labelled(document: DocumentObject, label: str, value: str, value_font: str) -> None:
    """“标签：值” as one paragraph, flush left (not justified, :func:`flush_left`): a value
    that cannot break — a URL, an e-mail address — moves to the next line whole, and
    justification would then spread “相关链接：” across the whole first line."""
    paragraph = document.add_paragraph(style=gb.STYLE_BODY)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    add_text(paragraph, f"{label}：", gb.FONT_HEADING)
    add_text(paragraph, value, value_font)


def _table(document: DocumentObject, block: Table) -> DocxTable:
    """A form's table: 表题 above, columns sized by their content (dates and numbers on one
    line, the long name column wrapping), numbers aligned right, compact rows."""
    if block.caption:
        caption = document.add_paragraph(style=gb.STYLE_TABLE_CAPTION)
        add_text(caption, block.caption, gb.FONT_HEADING)
    columns, rows = block.columns, block.rows
    table = document.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _fixed_widths(table, block)
    header = table.rows[0]
    _repeat_header(header._tr)
    _cant_split(header._tr)
    for cell, label in zip(header.cells, columns, strict=True):
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _cell_text(cell, label, gb.FONT_HEADING, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        keep_with_next(cell)
    for row, values, numeric in zip(table.rows[1:], rows, block.numeric(), strict=True):
        for cell, value, number in zip(row.cells, values, numeric, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            align = WD_ALIGN_PARAGRAPH.RIGHT if number else WD_ALIGN_PARAGRAPH.LEFT
            _cell_text(cell, value, gb.FONT_BODY, align)
    # GB/T 9704 separates a table from following text; an empty line is how typists do it.
    document.add_paragraph(style=gb.STYLE_PLAIN)
    return table


def _cell_text(
    cell: object, text: str, font: str, align: WD_ALIGN_PARAGRAPH, *, bold: bool = False
) -> None:
    for number, line in enumerate(text.split("\n") or [""]):
        if number == 0:
            paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
            paragraph.style = gb.STYLE_TABLE_CELL
        else:
            paragraph = cell.add_paragraph(style=gb.STYLE_TABLE_CELL)  # type: ignore[attr-defined]
        paragraph.alignment = align
        add_text(paragraph, line, font, gb.TABLE_PT, bold=bold)


#: A data table's width in em of its 4号 text, and each cell's left and right padding.
TABLE_EM = gb.TEXT_WIDTH_MM / 25.4 * 72 / gb.TABLE_PT
TABLE_PADDING_EM = 2 * gb.TABLE_CELL_PADDING_TWIPS / 20 / gb.TABLE_PT


def _fixed_widths(table: DocxTable, block: Table) -> None:
    """The text width, divided by content (:meth:`Table.column_widths`), as a fixed layout:
    Word, WPS and LibreOffice then all keep these widths instead of autofitting."""
    twips = [round(em * gb.TABLE_PT * 20) for em in block.column_widths(TABLE_EM, TABLE_PADDING_EM)]
    _set_fixed_widths(table, twips)


def _set_fixed_widths(table: DocxTable, twips: list[int]) -> None:
    tbl_pr = table._tbl.tblPr
    for tag in ("w:tblW", "w:tblLayout", "w:tblCellMar"):
        for old in tbl_pr.findall(qn(tag)):
            tbl_pr.remove(old)
    width = OxmlElement("w:tblW", {qn("w:w"): str(sum(twips)), qn("w:type"): "dxa"})
    layout = OxmlElement("w:tblLayout", {qn("w:type"): "fixed"})
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(
            OxmlElement(
                f"w:{side}",
                {qn("w:w"): str(gb.TABLE_CELL_PADDING_TWIPS), qn("w:type"): "dxa"},
            )
        )
    # CT_TblPr order: … tblW, jc, …, tblLayout, tblCellMar, tblLook
    jc = tbl_pr.find(qn("w:jc"))
    if jc is not None:
        jc.addprevious(width)
        jc.addnext(layout)
    else:
        tbl_pr.append(width)
        tbl_pr.append(layout)
    layout.addnext(margins)
    for column, w in zip(table.columns, twips, strict=True):
        column.width = Twips(w)
        for cell in column.cells:
            cell.width = Twips(w)


#: Width of one 3号 body character as printed (16 pt scaled to 98 %), in points.
BODY_CHAR_PT = gb.BODY_PT * gb.CHAR_SCALE_PERCENT / 100


def _attachment_note(document: DocumentObject, block: AttachmentNote) -> None:
    """附件说明 (GB/T 9704 7.3.4): an empty line after the body, then “附件：” two characters
    in; a name that wraps, and every further numbered name, starts under the first name.

    The indents are absolute lengths (the body's two characters, then the printed width of
    “附件：” and of a half-width “1.”), so they are the same in Word, WPS and LibreOffice.
    """
    document.add_paragraph(style=gb.STYLE_PLAIN)
    numbered = len(block.names) > 1
    label_pt = len(ATTACHMENT_LABEL) * BODY_CHAR_PT
    number_pt = BODY_CHAR_PT if numbered else 0.0  # “1.”: two half-width characters
    names_at = Pt(2 * BODY_CHAR_PT + label_pt + number_pt)  # 左空二字, as the body
    for number, line in enumerate(block.lines()):
        paragraph = document.add_paragraph(style=gb.STYLE_PLAIN)
        paragraph.paragraph_format.left_indent = names_at
        hanging = number_pt + (label_pt if number == 0 else 0.0)
        paragraph.paragraph_format.first_line_indent = Pt(-hanging)
        paragraph.paragraph_format.keep_with_next = number < len(block.names) - 1
        add_text(paragraph, line, gb.FONT_BODY)


#: The label column of a two-column table: its longest label on one line, up to 8 characters
#: (“收费标准及依据” is 7); a longer label wraps.
KEY_MAX_EM = 8.0


def _key_value_table(
    document: DocumentObject,
    rows: tuple[tuple[str, str], ...],
    header: tuple[str, ...] = (),
    *,
    whole: bool = False,
) -> DocxTable:
    """A compact two-column table (label | value) in 4号 on 18 pt lines: the 报送信息 and a
    service guide's 要素 | 内容. Labels in 黑体; a value's lines are paragraphs of the cell.
    The header row (when given) repeats on every page and never stands alone at a page foot;
    without one the first row keeps with the heading above. ``whole``: a short table (the
    报送信息) printed on one page with its heading, never a row or two carried over alone."""
    table = document.add_table(rows=len(rows) + (1 if header else 0), cols=2)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    labels = [label for label, _ in rows] + list(header[:1])
    key_em = min(KEY_MAX_EM, max(printed_width(label) for label in labels)) + SLACK_EM
    key = round((key_em + TABLE_PADDING_EM) * gb.TABLE_PT * 20)
    _set_fixed_widths(table, [key, round(TABLE_EM * gb.TABLE_PT * 20) - key])
    body = table.rows
    if header:
        _repeat_header(table.rows[0]._tr)
        _cant_split(table.rows[0]._tr)
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            _cell_text(cell, text, gb.FONT_HEADING, WD_ALIGN_PARAGRAPH.CENTER, bold=True)
        body = table.rows[1:]
    for number, (row, (label, value)) in enumerate(zip(body, rows, strict=True)):
        row.cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _cell_text(row.cells[0], label, gb.FONT_HEADING, WD_ALIGN_PARAGRAPH.LEFT)
        _cell_text(row.cells[1], value, gb.FONT_BODY, WD_ALIGN_PARAGRAPH.LEFT)
        if number == 0 or whole:
            _cant_split(row._tr)
        if whole and number < len(rows) - 1:
            for cell in row.cells:
                keep_with_next(cell)
    for cell in table.rows[0].cells:
        keep_with_next(cell)
    document.add_paragraph(style=gb.STYLE_PLAIN)
    return table


def _closing(document: DocumentObject, block: Closing) -> None:
    """落款 without a seal (GB/T 9704 7.3.5.2): an empty line, the issuing authority 右空二字,
    the date under it starting two characters further right (:meth:`Closing.indents`)."""
    document.add_paragraph(style=gb.STYLE_PLAIN).paragraph_format.keep_with_next = True
    signer_right, date_left = block.indents(LINE_EM)
    signer = document.add_paragraph(style=gb.STYLE_PLAIN)
    signer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signer.paragraph_format.right_indent = Pt(signer_right * BODY_CHAR_PT)
    signer.paragraph_format.keep_with_next = True
    add_text(signer, block.signer, gb.FONT_BODY)
    day = document.add_paragraph(style=gb.STYLE_PLAIN)
    day.paragraph_format.left_indent = Pt(date_left * BODY_CHAR_PT)
    add_text(day, block.date, gb.FONT_BODY)


#: The text width in printed body characters (28.2: 28 a line and a little to spare).
LINE_EM = gb.TEXT_WIDTH_MM / 25.4 * 72 / BODY_CHAR_PT


def _full_width(table: DocxTable) -> None:
    """Table as wide as the text area, columns sharing it (Word then autofits by content)."""
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:type"), "pct")
    width.set(qn("w:w"), "5000")  # fiftieths of a percent: 100 %


def _repeat_header(tr: object) -> None:
    """Mark the header row to repeat on every page a long table spans."""
    tr_pr = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def _image(document: DocumentObject, block: Image, prepared: PreparedImage) -> None:
    paragraph = document.add_paragraph(style=gb.STYLE_IMAGE)
    run = paragraph.add_run()
    gb.set_run_fonts(run._r.get_or_add_rPr(), gb.FONT_BODY)
    width_mm = float(gb.TEXT_WIDTH_MM)
    height_mm = width_mm * prepared.height / prepared.width
    stream = io.BytesIO(prepared.data)
    if height_mm > MAX_IMAGE_HEIGHT_MM:
        run.add_picture(stream, height=Mm(MAX_IMAGE_HEIGHT_MM))
    else:
        run.add_picture(stream, width=Mm(width_mm))
    caption = block.caption
    # A photo stays with its caption only; chained to the next photo (the style's old
    # keep-with-next), a run of photos moved to a new page as one block and left the page
    # before it half empty.
    paragraph.paragraph_format.keep_with_next = bool(caption)
    if caption:
        add_text(document.add_paragraph(style=gb.STYLE_CAPTION), caption, gb.FONT_META, 14)


def _sign_off_table(document: DocumentObject, rows: int, cols: int) -> DocxTable:
    """The bordered sign-off table after its heading, kept on one page with the heading."""
    add_text(document.add_paragraph(style=gb.STYLE_HEADING), SIGN_OFF_HEADING, gb.FONT_HEADING)
    table = document.add_table(rows=rows, cols=cols)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _full_width(table)
    widths = [gb.SIGN_OFF_LABEL_MM, gb.TEXT_WIDTH_MM - gb.SIGN_OFF_LABEL_MM]
    if cols == 3:
        widths[1] -= gb.SIGN_OFF_SIGNATURE_MM
        widths.append(gb.SIGN_OFF_SIGNATURE_MM)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    for number, row in enumerate(table.rows):
        _cant_split(row._tr)
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph.style = document.styles[gb.STYLE_TABLE]
            # Keeps the rows together and with whatever follows (the fingerprint line).
            paragraph.paragraph_format.keep_with_next = number < rows - 1 or cols == 3
    return table


def keep_with_next(cell: object) -> None:
    """Every paragraph of ``cell`` kept with what follows: a table's header row never stands
    alone at a page foot, and neither does the caption or heading above it."""
    for paragraph in cell.paragraphs:  # type: ignore[attr-defined]
        paragraph.paragraph_format.keep_with_next = True


def _cant_split(tr: object) -> None:
    tr_pr = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(OxmlElement("w:cantSplit"))


def _sign_off_box(document: DocumentObject, block: SignOffBox) -> None:
    """The empty box a leader fills in by hand: labels, blank values, room for an opinion."""
    rows = block.rows()
    table = _sign_off_table(document, len(rows), 2)
    for row, (label, _) in zip(table.rows, rows, strict=True):
        add_text(row.cells[0].paragraphs[0], label, gb.FONT_HEADING, gb.BODY_PT)
        if label == OPINION_LABEL:
            for _ in range(2):  # room for a handwritten opinion
                row.cells[1].add_paragraph(style=gb.STYLE_TABLE)


def _sign_off(document: DocumentObject, block: SignOff, signature: tuple[int, int] | None) -> None:
    """The approval: 签发人 with the drawn signature beside it, 签发意见, 签发时间, and the
    content-hash line a clerk matches against the file.

    The signature sits in its own column of the 签发人 row, so a long post or a 代签 note
    wraps inside its cell instead of pushing the picture onto a line of its own.
    """
    rows = block.rows()
    table = _sign_off_table(document, len(rows), 3)
    for number, (row, (label, value)) in enumerate(zip(table.rows, rows, strict=True)):
        add_text(row.cells[0].paragraphs[0], label, gb.FONT_HEADING, gb.BODY_PT)
        if number == 0:
            add_text(row.cells[1].paragraphs[0], value, gb.FONT_BODY, gb.BODY_PT)
            _signature_cell(row.cells[2], block, signature)
        else:
            merged = row.cells[1].merge(row.cells[2])
            add_text(merged.paragraphs[0], value, gb.FONT_BODY, gb.BODY_PT)
    fingerprint = block.fingerprint_text()
    paragraph = document.add_paragraph(style=gb.STYLE_TABLE)
    if fingerprint:
        add_text(paragraph, fingerprint, gb.FONT_PAGE_NUMBER, FINGERPRINT_PT)


def _signature_cell(cell: object, block: SignOff, signature: tuple[int, int] | None) -> None:
    """The drawn PNG, embedded unchanged, 12 mm high (narrower if it is very wide)."""
    from docx.table import _Cell

    assert isinstance(cell, _Cell)
    paragraph = cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # An exact line height would clip the picture to one line of text; the space around it
    # keeps the picture's white background off the cell borders (it would paint over them).
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.space_before = Pt(SIGNATURE_GAP_PT)
    paragraph.paragraph_format.space_after = Pt(SIGNATURE_GAP_PT)
    if signature is None or not block.signature_png:
        return
    width_px, height_px = signature
    usable_mm = gb.SIGN_OFF_SIGNATURE_MM - 4  # less the cell's left and right margins
    height_mm = min(gb.SIGNATURE_HEIGHT_MM, usable_mm * height_px / width_px)
    run = paragraph.add_run()
    gb.set_run_fonts(run._r.get_or_add_rPr(), gb.FONT_BODY)
    run.add_picture(io.BytesIO(block.signature_png), height=Mm(height_mm))


def _drop_template_leftovers(document: DocumentObject) -> None:
    """python-docx's template ships a thumbnail of *its* sample page; file browsers show it."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[rel_id]
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)


def _save_atomically(document: DocumentObject, out: Path) -> None:
    """Never a half-written .docx under ``out`` (see :mod:`hnclient.fileio`)."""
    write_atomically(out, document.save)
