"""python-docx's template leftovers (issue 8 fault 8): nothing Japanese, no theme fonts."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from hnclient.attachments import AttachmentStore
from hnclient.forms import FormDef
from hnclient.word import gbt9704 as gb
from hnclient.word import render_docx
from hnclient.word.template import style_font
from tests.unit.hnclient.word.conftest import sample_item


def test_no_japanese_theme_language_or_fonts_and_no_theme_fonts_in_styles(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    form = forms["leadership"]
    out = render_docx(sample_item(form), form, store, tmp_path / "x.docx")
    with zipfile.ZipFile(out) as archive:
        xml = {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")}
    everything = "".join(xml.values())
    for japanese in ("ja-JP", "Jpan", "ＭＳ", "明朝", "ゴシック"):
        assert japanese not in everything, japanese
    assert 'w:eastAsia="zh-CN"' in xml["word/settings.xml"]
    assert "word/stylesWithEffects.xml" not in xml
    theme = xml["word/theme/theme1.xml"]
    assert re.findall(r'<a:ea typeface="([^"]*)"', theme) == [gb.FONT_HEADING, gb.FONT_BODY]
    styles = docx.Document(str(out)).styles.element
    for style in styles.findall(qn("w:style")):
        for rfonts in style.iter(qn("w:rFonts")):
            assert not any("Theme" in k or "theme" in k for k in rfonts.attrib), style
    heading = styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='Heading1']")
    assert heading.find(f".//{qn('w:rFonts')}").get(qn("w:eastAsia")) == gb.FONT_HEADING
    assert (style_font("Title"), style_font("Heading2"), style_font("Quote")) == (
        gb.FONT_TITLE, gb.FONT_HEADING, gb.FONT_BODY,
    )  # fmt: skip


def test_widow_control_is_off_everywhere(
    forms: dict[str, FormDef], store: AttachmentStore, tmp_path: Path
) -> None:
    """GB/T 9704's 22 lines a page: the defaults and every HN style switch it off."""
    form = forms["other"]
    document = docx.Document(str(render_docx(sample_item(form), form, store, tmp_path / "x.docx")))
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f".//{qn('w:widowControl')}").get(qn("w:val")) == "0"
    for style in document.styles:
        if style.name.startswith("HN") or style.name == "Normal":
            assert style.paragraph_format.widow_control is False, style.name
