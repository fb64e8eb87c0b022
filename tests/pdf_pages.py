"""Word documents as a clerk sees them: LibreOffice headless → PDF → poppler's text boxes.

One home for the tests that judge the printed page (``tests/integration/test_word_pages.py``
and the rendered-page tests beside the Word writer's unit tests): conversion in batches (one
LibreOffice start for many documents), pages as lines of words with their boxes in points,
and the text area of GB/T 9704 to tell body from page header and footer.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from hnclient.word import gbt9704 as gb

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")
MISSING = (
    "LibreOffice (soffice) and poppler-utils (pdftotext) are not installed: "
    "run scripts/system-deps.sh test"
)

PT_PER_MM = 72 / 25.4
TEXT_LEFT = gb.MARGIN_LEFT_MM * PT_PER_MM
TEXT_RIGHT = (gb.PAGE_WIDTH_MM - gb.MARGIN_RIGHT_MM) * PT_PER_MM
TEXT_TOP = gb.MARGIN_TOP_MM * PT_PER_MM
TEXT_BOTTOM = (gb.PAGE_HEIGHT_MM - gb.MARGIN_BOTTOM_MM) * PT_PER_MM
LINE_PT = gb.LINE_PITCH_TWIPS / 20
BODY_CHAR = gb.printed_char_pt(gb.BODY_PT)


def to_pdf(workdir: Path, *documents: Path) -> list[Path]:
    """Convert with LibreOffice headless in one run, in a profile of its own (no clash with a
    running LibreOffice)."""
    assert SOFFICE
    profile = (workdir / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(workdir / "pdf"), *map(str, documents)],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return [workdir / "pdf" / f"{d.stem}.pdf" for d in documents]


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Line:
    """A line as poppler groups it: its words left to right, its box in points."""

    words: tuple[Word, ...]

    @property
    def text(self) -> str:
        return "".join(w.text for w in self.words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def baseline(self) -> float:
        """Where the line's letters stand. poppler's word box runs from 0.95 × the font size
        above the baseline to 0.35 × below (1.3 × the size in all), whatever the font."""
        return max(w.y1 - (w.y1 - w.y0) * 0.35 / 1.3 for w in self.words)

    def in_text_area(self) -> bool:
        return self.y0 >= TEXT_TOP - 2 and self.y1 <= TEXT_BOTTOM + 8


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def pdf_lines(pdf: Path) -> list[list[Line]]:
    """Per page, its printed lines top to bottom, each line's words left to right.

    Words are grouped by where they stand, not by poppler's reading order, which splits a
    justified Tibetan line in two and puts the halves apart.
    """
    assert PDFTOTEXT
    xhtml = subprocess.run(
        [PDFTOTEXT, "-bbox", "-enc", "UTF-8", str(pdf), "-"],
        check=True, capture_output=True, timeout=120,
    ).stdout.decode("utf-8")  # fmt: skip
    pages: list[list[Line]] = []
    for page in re.findall(r"<page .*?</page>", xhtml, re.S):
        words = sorted(
            (
                Word(float(a), float(b), float(c), float(d), html.unescape(text))
                for a, b, c, d, text in _WORD.findall(page)
            ),
            key=lambda w: (w.y1, w.x0),
        )
        rows: list[list[Word]] = []
        for word in words:
            if rows and abs(rows[-1][0].y1 - word.y1) < 1.5:
                rows[-1].append(word)
            else:
                rows.append([word])
        pages.append([Line(tuple(sorted(row, key=lambda w: w.x0))) for row in rows])
    return pages


def body_lines(pages: list[list[Line]]) -> list[Line]:
    """Every line inside the text area, page after page: no page header (the draft mark),
    no page number."""
    return [line for page in pages for line in page if line.in_text_area()]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def to_png(pdf: Path, out_dir: Path, dpi: int = 60) -> None:
    """Pictures of the pages for a person to look at (``<stem>-<page>.png``)."""
    if PDFTOPPM:
        subprocess.run(
            [PDFTOPPM, "-r", str(dpi), "-png", str(pdf), str(out_dir / pdf.stem)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
