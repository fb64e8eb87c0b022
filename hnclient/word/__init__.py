"""Word output (GB/T 9704-2012) and the Qt-free half of the editor's previews.

One layout model (:mod:`~hnclient.word.layout`) feeds two outputs: the .docx
(:func:`render_docx`) and the HTML previews of the page and of the WeChat article
(:func:`render_html`), so what the officer previews is what the office receives.
Both take the leader's approval as a :class:`SignOff` (``sign_off=``); without one the
document and the page preview are marked “草稿，未经审核” (:data:`DRAFT_MARK`) on every page.
Qt-free: the CLI export uses it without a display; the UI only shows the HTML.
"""

from hnclient.word.docx_writer import render_docx
from hnclient.word.errors import WordRenderError
from hnclient.word.html_preview import render_html
from hnclient.word.layout import DRAFT_MARK, Layout, SignOff, build_layout
from hnclient.word.scripts import split_tibetan

__all__ = [
    "DRAFT_MARK",
    "Layout",
    "SignOff",
    "WordRenderError",
    "build_layout",
    "render_docx",
    "render_html",
    "split_tibetan",
]
