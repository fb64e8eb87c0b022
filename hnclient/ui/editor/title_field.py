"""The title field: one line of text, plus where the officer wants the printed title to break.

The Word document breaks a long title between words by itself (``hnclient.word.title_lines``);
when that choice is wrong the officer presses Enter where the line should end, as in Word.
The field shows the break as “↵” (it can be deleted like any character); the item stores the
title *without* it, as one line, and the break as an offset in ``Item.title_breaks``. So the
portal and WeChat titles, file names, the item list and search never see a break; only the
printed title (and its preview) does.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from hnclient.ui.editor.common_fields import CountedLineEdit

# How a manual line break of the printed title shows in the field.
BREAK_MARK = "\u21b5"  # ↵
# Line ends in pasted text; Word puts a manual line break (Shift+Enter) on the clipboard as
# a vertical tab.
_LINE_ENDS = re.compile(r"\r\n|[\r\n\v\u2028\u2029]")


def with_marks(title: str, breaks: tuple[int, ...]) -> str:
    """``title`` as the field shows it: a mark where each printed line starts."""
    cuts = sorted({b for b in breaks if 0 < b < len(title)})
    parts = [title[a:b] for a, b in zip([0, *cuts], [*cuts, len(title)], strict=True)]
    return BREAK_MARK.join(parts)


def split_marks(text: str) -> tuple[str, tuple[int, ...]]:
    """The field's text as (title without marks or line ends, break offsets).

    A pasted title that arrives on several lines keeps its line ends as breaks. Marks at the
    start or end, or two in a row, mean nothing and are dropped.
    """
    text = _LINE_ENDS.sub(BREAK_MARK, text)
    title: list[str] = []
    breaks: list[int] = []
    for char in text:
        if char == BREAK_MARK:
            breaks.append(len(title))
        else:
            title.append(char)
    joined = "".join(title)
    return joined, tuple(sorted({b for b in breaks if 0 < b < len(joined)}))


class TitleEdit(CountedLineEdit):
    """:class:`CountedLineEdit` where Enter sets a line break of the printed title."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor.installEventFilter(self)
        self.editor.textEdited.connect(self._show_line_ends)
        self.editor.setToolTip(
            self.tr(
                "Press Enter where the printed title should start a new line (shown as ↵); "
                "the title itself stays on one line for the portal and WeChat."
            )
        )

    def set_title(self, title: str, breaks: tuple[int, ...] = ()) -> None:
        self.editor.setText(with_marks(title, breaks))

    def title(self) -> str:
        return split_marks(self.editor.text())[0]

    def breaks(self) -> tuple[int, ...]:
        return split_marks(self.editor.text())[1]

    def _show_line_ends(self, text: str) -> None:
        """A title pasted on several lines: its line ends become visible break marks."""
        if _LINE_ENDS.search(text):
            cursor = self.editor.cursorPosition()
            shown = _LINE_ENDS.sub(BREAK_MARK, text)
            self.editor.setText(shown)
            self.editor.setCursorPosition(min(cursor, len(shown)))

    def counted_text(self) -> str:
        return self.title()  # a break mark is not a character of the title

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if (
            watched is self.editor
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not self.editor.isReadOnly()
        ):
            self.editor.insert(BREAK_MARK)
            self.edited.emit()
            return True
        return super().eventFilter(watched, event)
