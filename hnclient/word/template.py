"""What python-docx's built-in template leaves in every document, made the document's own.

python-docx starts from a Word 2010 template made for an English install with Japanese as the
East Asian language. Left as it is, a clerk who opens the file in Word or WPS sees Japanese
where nothing was asked for: the theme's East Asian language is ja-JP (Word then checks
spelling and picks fonts as for Japanese), the theme fonts for East Asian text are ＭＳ 明朝 and
ＭＳ ゴシック, and the built-in styles Heading 1–9, Title, Subtitle and the table styles are
set in those theme fonts — so a heading a clerk adds with Word's own style gallery comes out
in a Japanese face instead of 黑体. :func:`make_template_chinese` turns all of that into the
document's fonts (GB/T 9704: 小标宋 titles, 黑体 headings, 仿宋 text) and zh-CN.
"""

from __future__ import annotations

import re

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]  # python-docx's own XML library

from hnclient.word import gbt9704 as gb

EAST_ASIAN_LANG = "zh-CN"
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
#: Theme font slots → the document's fonts: major (headings) 黑体, minor (text) 仿宋.
_THEME_FONTS = {"majorFont": gb.FONT_HEADING, "minorFont": gb.FONT_BODY}


def make_template_chinese(document: DocumentObject) -> None:
    """Theme language, theme fonts and built-in styles set to zh-CN and the document's fonts."""
    _theme_language(document)
    _style_fonts(document)
    for part in document.part.package.parts:
        name = str(part.partname)
        if re.fullmatch(r"/word/theme/theme\d*\.xml", name):
            part._blob = _chinese_theme(part.blob)
        elif name == "/word/fontTable.xml":
            part._blob = _without_japanese_fonts(part.blob)
    _drop_styles_with_effects(document)


def _theme_language(document: DocumentObject) -> None:
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), EAST_ASIAN_LANG)


def style_font(style_id: str) -> str:
    """The font a built-in style gets: titles 小标宋, headings 黑体, everything else 仿宋."""
    if style_id.startswith(("Title", "Subtitle")):
        return gb.FONT_TITLE
    if style_id.startswith("Heading"):
        return gb.FONT_HEADING
    return gb.FONT_BODY


def _style_fonts(document: DocumentObject) -> None:
    """Every style (and table-style condition) naming a theme font names a real one instead."""
    for style in document.styles.element.findall(qn("w:style")):
        font = style_font(style.get(qn("w:styleId")) or "")
        for rfonts in style.iter(qn("w:rFonts")):
            if any(rfonts.get(qn(attr)) is not None for attr in _THEME_ATTRS):
                gb.set_run_fonts(rfonts.getparent(), font)


def _chinese_theme(blob: bytes) -> bytes:
    """The theme's East Asian fonts named as the document's, its Japanese entries removed."""
    text = blob.decode("utf-8")
    text = re.sub(r'\s*<a:font script="Jpan" typeface="[^"]*"/>', "", text)
    for slot, font in _THEME_FONTS.items():

        def name_font(match: re.Match[str], font: str = font) -> str:
            return re.sub(
                r'(<a:ea typeface="|<a:font script="Hans" typeface=")[^"]*"',
                lambda found: f'{found.group(1)}{font}"',
                match.group(1),
            )

        text = re.sub(rf"(<a:{slot}>.*?</a:{slot}>)", name_font, text, flags=re.S)
    return text.encode("utf-8")


def _without_japanese_fonts(blob: bytes) -> bytes:
    """The font table without the template's ＭＳ 明朝 / ＭＳ ゴシック entries (nothing uses
    them any more; Word would otherwise list them as the document's fonts)."""
    root = etree.fromstring(blob)
    for font in root.findall(qn("w:font")):
        if (font.get(qn("w:name")) or "").startswith("ＭＳ"):
            root.remove(font)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _drop_styles_with_effects(document: DocumentObject) -> None:
    """Word 2010's duplicate of styles.xml, with the Japanese theme fonts again; Word and WPS
    rebuild it from styles.xml when they need it."""
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rel_id]
