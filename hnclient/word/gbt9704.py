"""The page, fonts and styles of GB/T 9704-2012 (党政机关公文格式), applied with python-docx.

Numbers (domain.md, "Word documents the client writes"):

* A4 210 × 297 mm; margins top 37, bottom 35, left 28, right 26 mm, so the text area
  (版心) is 156 × 225 mm.
* 22 lines of 28 characters. Line pitch = 225 mm / 22 = 579.8 twips; rounded *down* to
  579 twips (28.95 pt, the value government templates use), because 580 × 22 overflows the
  text area by 4 twips and Word would then fit only 21 lines. Character pitch = 156 mm / 28
  = 315.9 twips = 15.79 pt; Word expresses it in ``w:charSpace`` as the difference from the
  16 pt body size in 1/4096 pt: (15.793 − 16) × 4096 = −847.8, rounded down to −848 so 28
  characters still fit.
* Paragraphs do not snap to that character grid (w:snapToGrid 0) and have no automatic
  Chinese–Latin spacing (w:autoSpaceDE/DN 0): snapped, every run of digits or Latin letters
  is padded to whole cells (“2026 年11 月12 日”, “〔2026 〕”), which gets a 文号 returned. The
  grid stays in the section for Word's page set-up; the 28 characters come from the 98 %
  scale (:data:`CHAR_SCALE_PERCENT`), the 22 lines from the exact line pitch.
* Fonts (w:eastAsia and the Latin slots both set, i.e. “西文使用中文字体”, so digits in a title
  are the title's face): title 2号 (22 pt) 方正小标宋简体, body 3号 (16 pt) 仿宋_GB2312,
  first-level headings 3号 黑体, the meta line 3号 楷体_GB2312, page numbers 4号 (14 pt) 宋体.
  Word has no font-fallback list, so the names are the ones installed on government PCs and
  the font table gives each an ``altName`` and the GB2312 charset: where 方正小标宋简体 or
  仿宋_GB2312 is missing, Word (and LibreOffice) substitute 宋体/仿宋 rather than a Latin face.
* Page number “— N —”: 4号 半角宋体 digits between em dashes, 7 mm below the text area,
  outer-aligned as the standard prescribes (odd pages right, even pages left, one
  character in from the edge of the text area).
* The draft mark “草稿，未经审核” of a document without an approval: 3号 黑体, dark red,
  right-aligned in the page header 15 mm from the top edge — above the text area (which
  starts at 37 mm), so it never covers text. A header, not a watermark: a VML or DrawingML
  watermark is drawn differently (or not at all, or not printed) by Word, WPS and
  LibreOffice, while a header line prints the same everywhere and is copied with each page.
  It goes into the odd, even *and* first-page header of every section, so it stays on every
  page whatever header options someone later switches on.
"""

from __future__ import annotations

import math

from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.styles.style import ParagraphStyle
from lxml import etree  # type: ignore[import-untyped]  # python-docx's own XML library

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 37
MARGIN_BOTTOM_MM = 35
MARGIN_LEFT_MM = 28
MARGIN_RIGHT_MM = 26
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TEXT_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28

TITLE_PT = 22  # 2号
BODY_PT = 16  # 3号
PAGE_NUMBER_PT = 14  # 4号
TABLE_PT = 14  # 4号: a 3号 grid of five columns wraps every cell
#: Line height inside a data table: one 4号 line and a little air, off the 28.95 pt body
#: pitch (a table row on that pitch is twice as tall as its text).
TABLE_LINE_PT = 18
#: Left and right padding of a data table's cells (the text never touches the rules).
TABLE_CELL_PADDING_TWIPS = 57  # 1 mm


def _twips_of_mm(mm: float) -> float:
    return mm / 25.4 * 1440


#: 579: see the module docstring.
LINE_PITCH_TWIPS = int(_twips_of_mm(TEXT_HEIGHT_MM) / LINES_PER_PAGE)
#: −848: see the module docstring.
CHAR_SPACE = int((_twips_of_mm(TEXT_WIDTH_MM) / CHARS_PER_LINE / 20 - BODY_PT) * 4096 // 1)
#: 98 %: a 16 pt character is wider than the 15.79 pt grid cell, which Word absorbs but
#: LibreOffice answers by giving every character *two* cells (14 a line). LibreOffice fits a
#: character to its cell by the glyph's own width and ignores condensed spacing (紧缩), so the
#: body text is scaled (字符缩放) just below the cell: 28 characters a line in both.
CHAR_SCALE_PERCENT = math.floor(_twips_of_mm(TEXT_WIDTH_MM) / CHARS_PER_LINE / (BODY_PT * 20) * 100)
#: Header distance from the page edge: the draft mark's line sits well above the text area.
HEADER_DISTANCE_MM = 15
#: Sign-off table columns: label | value | drawn signature (the last only with an approval;
#: the value spans both otherwise). 35 mm holds “签发意见” at 3号 with the cell margins.
SIGN_OFF_LABEL_MM = 35.0
SIGN_OFF_SIGNATURE_MM = 45.0
#: The drawn signature is as tall as a handwritten one in a form's row: about 12 mm.
SIGNATURE_HEIGHT_MM = 12.0
#: Footer distance from the page edge: the number line (14 pt high) starts 7 mm below the text.
FOOTER_DISTANCE_MM = MARGIN_BOTTOM_MM - 7 - PAGE_NUMBER_PT * 25.4 / 72

FONT_TITLE = "方正小标宋简体"
FONT_BODY = "仿宋_GB2312"
FONT_HEADING = "黑体"
FONT_META = "楷体_GB2312"
FONT_PAGE_NUMBER = "宋体"
FONT_TIBETAN = "Microsoft Himalaya"
TIBETAN_LANG = "bo-CN"

#: (name, altName list, charset, family, pitch) of every font the document names; written
#: into word/fontTable.xml so a PC without the font substitutes a like one.
FONT_TABLE: tuple[tuple[str, str, str, str, str], ...] = (
    (FONT_TITLE, "宋体,SimSun,Noto Serif CJK SC", "86", "script", "variable"),
    (FONT_BODY, "仿宋,FangSong,Noto Serif CJK SC", "86", "modern", "fixed"),
    (FONT_META, "楷体,KaiTi,Noto Serif CJK SC", "86", "modern", "fixed"),
    (FONT_HEADING, "SimHei,Noto Sans CJK SC", "86", "modern", "fixed"),
    (FONT_PAGE_NUMBER, "SimSun,Noto Serif CJK SC", "86", "auto", "variable"),
    (FONT_TIBETAN, "Noto Serif Tibetan,Tibetan Machine Uni", "00", "auto", "variable"),
)

STYLE_TITLE = "HN Title"
STYLE_META = "HN Meta"
STYLE_HEADING = "HN Heading"
STYLE_BODY = "HN Body"
STYLE_PLAIN = "HN Plain"
STYLE_TABLE = "HN Table Text"
STYLE_TABLE_CELL = "HN Table Cell"
STYLE_TABLE_CAPTION = "HN Table Caption"
STYLE_IMAGE = "HN Image"
STYLE_CAPTION = "HN Caption"
STYLE_FOOTER = "HN Page Number"
STYLE_DRAFT_MARK = "HN Draft Mark"
DRAFT_MARK_PT = BODY_PT  # 3号
#: Dark red: stands out on screen and in colour, still solid black on a monochrome printer.
DRAFT_MARK_COLOR = "C00000"
FONT_DRAFT_MARK = "黑体"


def set_run_fonts(rpr: BaseOxmlElement, font: str) -> None:
    """Name ``font`` in every slot of ``w:rFonts`` (Latin, East Asian, complex script).

    python-docx's ``font.name`` sets only ``w:ascii``/``w:hAnsi``; Chinese text is drawn from
    ``w:eastAsia``, which would otherwise come from the theme (a Japanese or Latin face).
    Theme attributes are removed because they take precedence over the explicit names.
    """
    rfonts = rpr.get_or_add_rFonts()
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def _sub(parent: BaseOxmlElement, tag: str, **attrs: str) -> BaseOxmlElement:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    parent.append(element)
    return element


def mark_tibetan(rpr: BaseOxmlElement, size_pt: float) -> None:
    """Give a run of Tibetan text the Tibetan font, script flag and language.

    ``w:cs`` makes Word treat the run as complex script, so it takes ``w:rFonts/@w:cs`` and
    ``w:szCs`` whatever its own classification of U+0F00–U+0FFF is; every slot names the
    Tibetan font anyway. ``w:lang`` bo-CN lets spell-checkers and screen readers know.
    Children are kept in the schema order of CT_RPr (rFonts … cs … lang).

    The run is :func:`tibetan_size_pt` of the Chinese size beside it (3号 16 pt → 18 pt): the
    paragraph's exact line pitch keeps it on the same 28.95 pt lines whatever its size.
    """
    set_run_fonts(rpr, FONT_TIBETAN)
    for tag in ("w:sz", "w:cs", "w:szCs", "w:lang"):
        for old in rpr.findall(qn(tag)):
            rpr.remove(old)
    half_points = str(round(tibetan_size_pt(size_pt) * 2))
    cs = OxmlElement("w:cs")
    size = OxmlElement("w:sz", {qn("w:val"): half_points})
    size_cs = OxmlElement("w:szCs", {qn("w:val"): half_points})
    lang = OxmlElement("w:lang", {qn(f"w:{a}"): TIBETAN_LANG for a in ("val", "eastAsia", "bidi")})
    for tag, element in (("w:sz", size), ("w:szCs", size_cs), ("w:cs", cs), ("w:lang", lang)):
        _insert_in_order(rpr, element, _RPR_ORDER, tag)


#: Tibetan beside Chinese of the same point size looks a size smaller: measured on the page
#: (Tibetan Machine Uni at 3号), its letters stand 7.2 pt from head line to baseline against
#: 14.4 pt of a Chinese character, and Microsoft Himalaya, the font Word uses, is drawn
#: smaller still. One size up (3号 → 小二, 16 → 18 pt) brings the letters to 8.1 pt while a
#: full stack (vowel sign above, two subjoined letters and a vowel below, 19.5 pt) still
#: clears the next line on the 28.95 pt pitch.
TIBETAN_SIZE_RATIO = 18 / 16


def tibetan_size_pt(size_pt: float) -> float:
    """The size of a Tibetan run beside Chinese text of ``size_pt``, in half points."""
    return round(size_pt * TIBETAN_SIZE_RATIO * 2) / 2


def _insert_in_order(
    parent: BaseOxmlElement, element: BaseOxmlElement, order: tuple[str, ...], tag: str
) -> None:
    """Insert ``element`` before the first child that the schema puts after ``tag``."""
    parent.insert_element_before(element, *order[order.index(tag) + 1 :])


# Subset of CT_RPr's sequence, enough to place the elements this module adds.
_RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
    "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
    "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)  # fmt: skip
# Head of CT_PPr's sequence, up to the elements this module adds.
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


def setup_page(document: DocumentObject) -> None:
    """A4, GB/T 9704 margins, the 22 × 28 document grid, outer page numbers."""
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width = Mm(PAGE_WIDTH_MM)
    section.page_height = Mm(PAGE_HEIGHT_MM)
    section.top_margin = Mm(MARGIN_TOP_MM)
    section.bottom_margin = Mm(MARGIN_BOTTOM_MM)
    section.left_margin = Mm(MARGIN_LEFT_MM)
    section.right_margin = Mm(MARGIN_RIGHT_MM)
    section.header_distance = Mm(HEADER_DISTANCE_MM)
    section.footer_distance = Mm(FOOTER_DISTANCE_MM)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = _sub(sect_pr, "w:docGrid")
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def _page_number(paragraph: object, alignment: WD_ALIGN_PARAGRAPH) -> None:
    """“— N —”: a PAGE field between em dashes, one character in from the outer edge."""
    from docx.text.paragraph import Paragraph

    assert isinstance(paragraph, Paragraph)
    paragraph.style = STYLE_FOOTER
    paragraph.alignment = alignment
    one_char = Pt(PAGE_NUMBER_PT)
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph.paragraph_format.right_indent = one_char
    else:
        paragraph.paragraph_format.left_indent = one_char

    def run(text: str | None = None) -> BaseOxmlElement:
        r = paragraph.add_run(text)
        set_run_fonts(r._r.get_or_add_rPr(), FONT_PAGE_NUMBER)
        r.font.size = Pt(PAGE_NUMBER_PT)
        return r._r

    run("— ")
    _sub(run(), "w:fldChar", fldCharType="begin")
    instr = _sub(run(), "w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = " PAGE "
    _sub(run(), "w:fldChar", fldCharType="separate")
    run("1")
    _sub(run(), "w:fldChar", fldCharType="end")
    run(" —")


def mark_every_page(document: DocumentObject, text: str) -> None:
    """Put ``text`` in every header of every section (see the module docstring)."""
    from docx.text.paragraph import Paragraph

    for section in document.sections:
        for header in (section.header, section.even_page_header, section.first_page_header):
            header.is_linked_to_previous = False
            paragraph = header.paragraphs[0]
            assert isinstance(paragraph, Paragraph)
            paragraph.style = STYLE_DRAFT_MARK
            run = paragraph.add_run(text)
            set_run_fonts(run._r.get_or_add_rPr(), FONT_DRAFT_MARK)
            run.font.size = Pt(DRAFT_MARK_PT)
            run.font.color.rgb = RGBColor.from_string(DRAFT_MARK_COLOR)


def setup_styles(document: DocumentObject) -> None:
    """Defaults, Normal and the HN paragraph styles, each with explicit East Asian fonts."""
    styles_el = document.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            set_run_fonts(rpr, FONT_BODY)
            for tag, value in (("w:sz", BODY_PT * 2), ("w:szCs", BODY_PT * 2)):
                element = rpr.find(qn(tag))
                if element is not None:
                    element.set(qn("w:val"), str(value))
            lang = rpr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:eastAsia"), "zh-CN")
        ppr = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}")
        if ppr is not None:
            for child in list(ppr):
                ppr.remove(child)
            _sub(ppr, "w:widowControl", val="0")
            _sub(ppr, "w:spacing", after="0", line=str(LINE_PITCH_TWIPS), lineRule="exact")

    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    _configure(normal, FONT_BODY, BODY_PT)

    _style(document, STYLE_TITLE, FONT_TITLE, TITLE_PT, WD_ALIGN_PARAGRAPH.CENTER)
    title = document.styles[STYLE_TITLE]
    assert isinstance(title, ParagraphStyle)
    # GB/T 9704: one empty line between the title and what follows.
    title.paragraph_format.space_after = Twips(LINE_PITCH_TWIPS)
    title.paragraph_format.keep_with_next = True
    _style(document, STYLE_META, FONT_META, BODY_PT, WD_ALIGN_PARAGRAPH.CENTER)
    _style(document, STYLE_HEADING, FONT_HEADING, BODY_PT, WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    heading = document.styles[STYLE_HEADING]
    assert isinstance(heading, ParagraphStyle)
    heading.paragraph_format.keep_with_next = True
    _style(document, STYLE_BODY, FONT_BODY, BODY_PT, WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
    _style(document, STYLE_PLAIN, FONT_BODY, BODY_PT, WD_ALIGN_PARAGRAPH.LEFT)
    _style(document, STYLE_TABLE, FONT_BODY, TABLE_PT, WD_ALIGN_PARAGRAPH.LEFT)
    _style(document, STYLE_CAPTION, FONT_META, TABLE_PT, WD_ALIGN_PARAGRAPH.CENTER)
    # A data table's cells: compact lines, not the body pitch.
    _style(document, STYLE_TABLE_CELL, FONT_BODY, TABLE_PT, WD_ALIGN_PARAGRAPH.LEFT)
    cell = document.styles[STYLE_TABLE_CELL]
    assert isinstance(cell, ParagraphStyle)
    cell.paragraph_format.line_spacing = Pt(TABLE_LINE_PT)
    cell.paragraph_format.widow_control = False
    # 表题: 黑体 centred on the body pitch, on the same page as the table's first rows.
    _style(document, STYLE_TABLE_CAPTION, FONT_HEADING, BODY_PT, WD_ALIGN_PARAGRAPH.CENTER)
    caption = document.styles[STYLE_TABLE_CAPTION]
    assert isinstance(caption, ParagraphStyle)
    caption.paragraph_format.keep_with_next = True
    _style(document, STYLE_FOOTER, FONT_PAGE_NUMBER, PAGE_NUMBER_PT, WD_ALIGN_PARAGRAPH.LEFT)
    _style(document, STYLE_DRAFT_MARK, FONT_DRAFT_MARK, DRAFT_MARK_PT, WD_ALIGN_PARAGRAPH.RIGHT)
    footer = document.styles[STYLE_FOOTER]
    assert isinstance(footer, ParagraphStyle)
    footer.paragraph_format.line_spacing = Pt(PAGE_NUMBER_PT)
    # A picture in an exact-spaced paragraph is clipped to one line: images get single spacing.
    _style(document, STYLE_IMAGE, FONT_BODY, BODY_PT, WD_ALIGN_PARAGRAPH.CENTER)
    image = document.styles[STYLE_IMAGE]
    assert isinstance(image, ParagraphStyle)
    image.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    image.paragraph_format.space_before = Twips(LINE_PITCH_TWIPS // 4)
    image.paragraph_format.keep_with_next = True


def _style(
    document: DocumentObject,
    name: str,
    font: str,
    size_pt: float,
    alignment: WD_ALIGN_PARAGRAPH,
    *,
    indent: bool = False,
) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    _configure(style, font, size_pt)
    style.paragraph_format.alignment = alignment
    if indent:
        set_first_line_chars(style.element.get_or_add_pPr(), 2, size_pt)


def _configure(style: ParagraphStyle, font: str, size_pt: float) -> None:
    style.font.size = Pt(size_pt)
    set_run_fonts(style.element.get_or_add_rPr(), font)
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(LINE_PITCH_TWIPS)
    # Off: GB/T 9704 fills every page with 22 lines. Widow/orphan control moves a paragraph's
    # last line to the next page with the one before it, and pages ended at 21 lines.
    fmt.widow_control = False
    set_half_width_flush(style.element.get_or_add_pPr())
    if size_pt == BODY_PT:
        rpr = style.element.get_or_add_rPr()
        scale = OxmlElement("w:w", {qn("w:val"): str(CHAR_SCALE_PERCENT)})
        _insert_in_order(rpr, scale, _RPR_ORDER, "w:w")


#: Paragraph switches that keep digits and Latin letters flush against Chinese characters:
#: not snapped to the character grid (LibreOffice pads every half-width run to whole grid
#: cells, Word and WPS to half cells: “2026 年11 月”, “〔2026 〕”, “5.2% ，”), and no automatic
#: space between Chinese and Latin text or digits (Word's and WPS's 中文版式 options “自动调整
#: 中文与西文/数字的间距”, on by default).
HALF_WIDTH_FLUSH = (("w:autoSpaceDE", "0"), ("w:autoSpaceDN", "0"), ("w:snapToGrid", "0"))


def set_half_width_flush(ppr: BaseOxmlElement) -> None:
    """Write :data:`HALF_WIDTH_FLUSH` into ``ppr`` (replacing any earlier values).

    The 28 characters a line then come from the characters' own width (3号 scaled to
    :data:`CHAR_SCALE_PERCENT`: 28 fit in 156 mm, 29 do not), the 22 lines from the exact
    line pitch; the document grid stays for Word's page set-up dialog (每行28字、每页22行).
    """
    for tag, value in HALF_WIDTH_FLUSH:
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
        _insert_in_order(ppr, OxmlElement(tag, {qn("w:val"): value}), _PPR_ORDER, tag)


def set_first_line_chars(ppr: BaseOxmlElement, chars: int, size_pt: float) -> None:
    """First-line indent of ``chars`` printed characters (左空二字), as an absolute length.

    A body character prints :data:`CHAR_SCALE_PERCENT` of its size wide (15.68 pt at 3号), so
    two of them are 31.36 pt = 627 twips in ``w:firstLine``. ``w:firstLineChars`` (what Word's
    “首行缩进 2 字符” writes) is left out on purpose: Word and WPS would then indent by their
    own notion of a character (the font size, 2 × 16 pt, blind to the 98 % scale) and
    LibreOffice 7.4 by ``w:firstLine``, so the first line's characters would sit off the
    columns of the lines below in one reader or the other. An absolute length is read the
    same by all three, and the first line then starts exactly two characters in.
    """
    ind = ppr.get_or_add_ind()
    for attr in ("w:firstLineChars", "w:hangingChars", "w:hanging"):
        ind.attrib.pop(qn(attr), None)
    width = printed_char_pt(size_pt) * chars
    ind.set(qn("w:firstLine"), str(round(width * 20)))


def printed_char_pt(size_pt: float) -> float:
    """Width of one full-width character as printed: body-sized text is scaled to
    :data:`CHAR_SCALE_PERCENT` (see :func:`_configure`), other sizes are not."""
    return size_pt * CHAR_SCALE_PERCENT / 100 if size_pt == BODY_PT else size_pt


def write_font_table(document: DocumentObject) -> None:
    """Add every font the document names to word/fontTable.xml, with its substitutes."""
    for part in document.part.package.parts:
        if str(part.partname) == "/word/fontTable.xml":
            root = etree.fromstring(part.blob)
            names = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
            for name, alt, charset, family, pitch in FONT_TABLE:
                if name in names:
                    continue
                font = etree.SubElement(root, qn("w:font"), {qn("w:name"): name})
                for tag, value in (
                    ("w:altName", alt),
                    ("w:charset", charset),
                    ("w:family", family),
                    ("w:pitch", pitch),
                ):
                    etree.SubElement(font, qn(tag), {qn("w:val"): value})
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            return
