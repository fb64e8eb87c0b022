"""The part every form shares: title, event date, channels, WeChat summary and cover photo.

These are not in the form files because the rules for them (WeChat limits, timeliness) are
the notice's, the same for every category; the engine in :mod:`hnclient.forms` checks them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hnclient.forms.timeliness import china_today
from hnclient.items import AttachmentRef, Channel
from hnclient.ui.editor.fields import EMPTY_DATE, OptionalDateEdit, qdate
from hnclient.ui.file_dialogs import remember, start_folder
from hnclient.ui.i18n import error_text
from hnclient.ui.script_fonts import make_room
from hnclient.ui.tasks import TaskRunner

WECHAT_TITLE_LIMIT = 64
SUMMARY_LIMIT = 120

from hnclient.ui.editor.services import AttachmentLocator, CoverImporter  # noqa: E402


class CountedLineEdit(QWidget):
    """A line edit with a live character count, so limits are visible before they bite.

    Signals:
        edited(): the officer changed the text.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = QLineEdit(self)
        make_room(self.editor)  # Tibetan titles keep their tops
        self.counter = QLabel(self)
        self.counter.setMinimumWidth(64)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.counter)
        self.limit: int | None = None
        self.editor.textEdited.connect(self._on_edited)
        self.editor.textChanged.connect(self.update_counter)

    def _on_edited(self) -> None:
        self.edited.emit()

    def counted_text(self) -> str:
        """The text the counter counts (a subclass may leave out marks of its own)."""
        return self.editor.text()

    def update_counter(self) -> None:
        length = len(self.counted_text().strip())
        if self.limit:
            self.counter.setText(f"{length}/{self.limit}")
            over = length > self.limit
            self.counter.setStyleSheet("color:#b3261e;font-weight:bold" if over else "")
        else:
            # translate() with this class's name: self.tr() of a subclass (TitleEdit) looks
            # in the subclass's context and would show the English. (No %n plural: lupdate
            # does not read one from translate(), and Chinese has none.)
            counted = QCoreApplication.translate("CountedLineEdit", "Length: %1")
            self.counter.setText(counted.replace("%1", str(length)))
            self.counter.setStyleSheet("")


class CountedTextEdit(QWidget):
    """Multi-line text with a live count against a limit (the WeChat summary).

    Signals:
        edited(): the officer changed the text.
    """

    edited = Signal()

    def __init__(self, limit: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = QPlainTextEdit(self)
        self.editor.setTabChangesFocus(True)
        self.editor.setFixedHeight(72)
        self.counter = QLabel(self)
        self.counter.setAlignment(Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.editor)
        layout.addWidget(self.counter)
        self.limit = limit
        self.editor.textChanged.connect(self.update_counter)
        self.editor.textChanged.connect(self.edited)
        self.update_counter()

    def set_text(self, text: str) -> None:
        with QSignalBlocker(self.editor):
            self.editor.setPlainText(text)
        self.update_counter()

    def text(self) -> str:
        return self.editor.toPlainText()

    def update_counter(self) -> None:
        length = len(self.editor.toPlainText().strip())
        self.counter.setText(f"{length}/{self.limit}")
        over = length > self.limit
        self.counter.setStyleSheet("color:#b3261e;font-weight:bold" if over else "")


class EventDateEdit(QWidget):
    """The event date, blank until set, with a one-key "today".

    Signals:
        edited(): the officer changed the date.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = OptionalDateEdit(self)
        self.today_button = QPushButton(self.tr("Today"), self)
        layout.addWidget(self.editor)
        layout.addWidget(self.today_button)
        layout.addStretch(1)
        self.editor.dateChanged.connect(self.edited)
        self.today_button.clicked.connect(self.on_today)

    def on_today(self) -> None:
        """Today on the office's clock (China), whatever zone the PC is set to."""
        self.editor.setDate(qdate(china_today()))

    def set_iso(self, value: str | None) -> None:
        day = QDate.fromString(value, "yyyy-MM-dd") if value else EMPTY_DATE
        with QSignalBlocker(self.editor):
            self.editor.setDate(day if day.isValid() else EMPTY_DATE)

    def iso(self) -> str | None:
        day = self.editor.date()
        return None if day == EMPTY_DATE else day.toString("yyyy-MM-dd")

    def iso_date(self) -> date | None:
        """The event date, or None: where the item's other date pickers open."""
        day = self.editor.date()
        return None if day == EMPTY_DATE else date(day.year(), day.month(), day.day())


class CoverPicker(QWidget):
    """Chooses the WeChat cover photo: checked and stored in the background, then shown.

    Signals:
        edited(): the cover was set or removed.
        chosen_elsewhere(str owner, AttachmentRef cover, dict note): a photo finished
            checking after the picker moved on to another item; it is the cover of ``owner``
            (see :meth:`set_cover`).
    """

    edited = Signal()
    chosen_elsewhere = Signal(str, object, object)

    def __init__(
        self,
        runner: TaskRunner,
        importer: CoverImporter,
        locator: AttachmentLocator,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._importer = importer
        self._locator = locator
        self._cover: AttachmentRef | None = None
        self._note: dict[str, Any] = {}
        self._owner: str | None = None  # the item whose cover is shown
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.thumbnail = QLabel(self)
        self.thumbnail.setFixedSize(120, 68)
        self.thumbnail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.thumbnail.setStyleSheet("border:1px solid #c8c8c8;background:#fafafa;color:#777")
        column = QVBoxLayout()
        self.choose_button = QPushButton(self.tr("Choose photo…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        column.addWidget(self.choose_button)
        column.addWidget(self.remove_button)
        layout.addWidget(self.thumbnail)
        layout.addLayout(column)
        layout.addWidget(self.status, 1)
        self.choose_button.clicked.connect(self.on_choose)
        self.remove_button.clicked.connect(self.on_remove)
        self._show()

    def cover(self) -> AttachmentRef | None:
        return self._cover

    def note(self) -> dict[str, Any]:
        """What the cover's check found (shown, never signed)."""
        return self._note if self._cover is not None else {}

    def set_cover(
        self,
        cover: AttachmentRef | None,
        *,
        owner: str | None = None,
        note: dict[str, Any] | None = None,
    ) -> None:
        self._cover = cover
        self._note = dict(note or {})
        self._owner = owner
        self.status.clear()
        self._show()

    def set_read_only(self, read_only: bool) -> None:
        self.choose_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only and self._cover is not None)

    def on_choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose the cover photo"),
            start_folder("cover"),
            self.tr("JPEG photos (*.jpg *.jpeg)"),
        )
        if path:
            remember("cover", path)
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        self.status.setText(self.tr("Checking the photo…"))
        if self.window().focusWidget() is self.choose_button:
            # A disabled button hands its focus to the next widget in the chain — the bottom
            # of the form — and the scroll area would follow it. Keep the focus beside it.
            self.thumbnail.setFocus(Qt.FocusReason.OtherFocusReason)
        self.choose_button.setEnabled(False)
        owner = self._owner
        self._runner.run(
            lambda: self._importer(path),
            lambda result: self._on_imported(result, owner),
            self._on_failed,
        )

    def on_remove(self) -> None:
        self._cover = None
        self._show()
        self.edited.emit()

    def _ready_again(self) -> None:
        self.choose_button.setEnabled(True)
        if self.window().focusWidget() is self.thumbnail:
            self.choose_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_imported(self, result: tuple[AttachmentRef, dict[str, Any]], owner: str | None) -> None:
        cover, note = result
        self._ready_again()
        if owner != self._owner:
            # Another item is open now: the photo is the cover of the item it was chosen for.
            if owner is not None:
                self.chosen_elsewhere.emit(owner, cover, note)
            return
        self._cover = cover
        self._note = dict(note)
        self._show()
        self.edited.emit()

    def _on_failed(self, error: BaseException) -> None:
        self._ready_again()
        text = error_text(
            error,
            "无法使用这张照片（程序内部错误，详情已记入日志），请换一张照片重试。",
            f"This photo cannot be used ({error}); try another one.",
        )
        safe = text.replace("&", "&amp;").replace("<", "&lt;")
        self.status.setText(f'<span style="color:#b3261e">{safe}</span>')

    def _show(self) -> None:
        if self._cover is None and self.window().focusWidget() is self.remove_button:
            self.choose_button.setFocus(Qt.FocusReason.OtherFocusReason)  # not the form's end
        self.remove_button.setEnabled(self._cover is not None)
        if self._cover is None:
            self.thumbnail.setPixmap(QPixmap())
            self.thumbnail.setText(self.tr("No cover"))
            return
        path = self._locator(self._cover.sha256)
        pixmap = QPixmap(str(path)) if path is not None else QPixmap()
        if pixmap.isNull():
            self.thumbnail.setText(self._cover.name)
        else:
            self.thumbnail.setPixmap(
                pixmap.scaled(
                    self.thumbnail.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.status.setText(self._cover.name)


class ChannelChoice(QWidget):
    """Portal and/or WeChat.

    Signals:
        edited(): a channel was ticked or unticked.
    """

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.portal = QCheckBox(self.tr("Portal 「中国·海南州」"), self)
        self.wechat = QCheckBox(self.tr("WeChat 「海南政务」"), self)
        layout.addWidget(self.portal)
        layout.addWidget(self.wechat)
        layout.addStretch(1)
        self.portal.clicked.connect(self.edited)
        self.wechat.clicked.connect(self.edited)

    def channels(self) -> frozenset[Channel]:
        chosen = set()
        if self.portal.isChecked():
            chosen.add(Channel.PORTAL)
        if self.wechat.isChecked():
            chosen.add(Channel.WECHAT)
        return frozenset(chosen)

    def set_channels(self, channels: frozenset[Channel]) -> None:
        self.portal.setChecked(Channel.PORTAL in channels)
        self.wechat.setChecked(Channel.WECHAT in channels)

    def set_read_only(self, read_only: bool) -> None:
        self.portal.setEnabled(not read_only)
        self.wechat.setEnabled(not read_only)
