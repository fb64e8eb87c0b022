"""The item's attachments: add by file picker or drag-and-drop, see each file's verdict.

Checking, storing and converting run in the background (a 2 GB video must not freeze the
window); the panel only shows outcomes and offers the remedy the core names for a refused
file (convert to JPG/WMV) or a warning (remove a photo's GPS position).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hnclient.attaching import AddOutcome, Remedy, remedy_advice
from hnclient.items import AttachmentRef
from hnclient.ui.file_dialogs import remember, start_folder
from hnclient.ui.i18n import error_text, pick
from hnclient.ui.tasks import TaskRunner

THUMBNAIL = QSize(64, 48)
KIND_LABELS = {
    "jpeg": ("JPG 照片", "JPG photo"),
    "wmv": ("WMV 视频", "WMV video"),
    "wma": ("WMA 音频", "WMA audio"),
    "docx": ("Word 文档", "Word document"),
    "doc": ("Word 文档（.doc）", "Word document (.doc)"),
}

AddWork = Callable[[Path], AddOutcome]
RemedyWork = Callable[[Path, Remedy, Callable[[float], None], threading.Event], AddOutcome]
Locator = Callable[[str], Path | None]


def human_size(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def describe(reference: AttachmentRef, note: dict[str, Any] | None = None) -> str:
    """One line of facts: kind, size, picture size, duration (the last two from the note)."""
    zh, en = KIND_LABELS.get(reference.kind, (reference.kind,) * 2)
    parts = [pick(zh, en), human_size(reference.size)]
    details = (note or {}).get("details") or {}
    if details.get("width") and details.get("height"):
        parts.append(f"{details['width']}×{details['height']}")
    if details.get("duration_seconds") is not None:
        seconds = round(float(details["duration_seconds"]))
        parts.append(f"{seconds // 3600:d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}")
    return " · ".join(parts)


def _thumbnail(path: Path) -> QImage:
    """Decode a small image off the GUI thread (QImage, unlike QPixmap, is thread-safe)."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid():
        reader.setScaledSize(size.scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio))
    return reader.read()


class AttachmentsPanel(QWidget):
    """Lists and edits the item's attachment references.

    Signals:
        edited(): the list of attachments changed.
        added_elsewhere(str owner, AttachmentRef reference, dict note, str replaces): a file
            finished after the panel moved on to another item; it belongs to ``owner`` (the
            item id given in :meth:`set_references`), replacing the attachment named
            ``replaces`` if not empty.
    """

    edited = Signal()
    added_elsewhere = Signal(str, object, object, str)

    def __init__(
        self,
        runner: TaskRunner,
        add_work: AddWork,
        remedy_work: RemedyWork,
        locator: Locator,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._add_work = add_work
        self._remedy_work = remedy_work
        self._locator = locator
        self._references: list[AttachmentRef] = []
        self._notes: dict[str, dict[str, Any]] = {}
        # Whose references are shown: a check or conversion may take minutes, and its result
        # belongs to the item it was started for, not to whatever item is open by then.
        self._owner: str | None = None
        self._pending_remedy: tuple[Path, Remedy] | None = None
        self._cancel: threading.Event | None = None
        self._busy = 0
        self._read_only = False
        self.setAcceptDrops(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.hint = QLabel(
            self.tr("Word documents, JPG photos and WMV videos. Drag files here or use Add files."),
            self,
        )
        self.hint.setStyleSheet("color:#555")
        self.hint.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setIconSize(THUMBNAIL)
        self.list.setMinimumHeight(90)
        self.list.setMaximumHeight(220)
        self.list.setWordWrap(True)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add files…"), self)
        self.remove_button = QPushButton(self.tr("Remove attachment"), self)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        self.messages = QLabel(self)
        self.messages.setWordWrap(True)
        self.messages.setTextFormat(Qt.TextFormat.RichText)
        remedy_row = QHBoxLayout()
        self.remedy_button = QPushButton(self)
        self.remedy_button.setVisible(False)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setVisible(False)
        remedy_row.addWidget(self.remedy_button)
        remedy_row.addWidget(self.progress, 1)
        remedy_row.addWidget(self.cancel_button)
        layout.addWidget(self.hint)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.messages)
        layout.addLayout(remedy_row)

        self.add_button.clicked.connect(self.on_add_clicked)
        self.remove_button.clicked.connect(self.on_remove_clicked)
        self.remedy_button.clicked.connect(self.on_remedy_clicked)
        self.cancel_button.clicked.connect(self.on_cancel_clicked)
        self.list.currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    # --- state --------------------------------------------------------------------------
    def references(self) -> tuple[AttachmentRef, ...]:
        return tuple(self._references)

    def notes(self) -> dict[str, dict[str, Any]]:
        """Check notes of the files listed (by SHA-256)."""
        listed = {r.sha256 for r in self._references}
        return {k: v for k, v in self._notes.items() if k in listed}

    def set_references(
        self,
        references: tuple[AttachmentRef, ...],
        owner: str | None = None,
        notes: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self._references = list(references)
        self._notes = dict(notes or {})
        self._owner = owner
        self.messages.clear()
        self._hide_remedy()
        self._rebuild()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.setAcceptDrops(not read_only)
        self._update_buttons()

    @property
    def busy(self) -> bool:
        return self._busy > 0

    # --- adding -------------------------------------------------------------------------
    def on_add_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add attachments"),
            start_folder("attachments"),
            # Pictures and videos in other formats are shown too: the check converts what
            # it can (PNG → JPG, phone videos → WMV) or says plainly why not.
            self.tr(
                "Word, pictures, videos (*.doc *.docx *.wps *.jpg *.jpeg *.png *.bmp *.gif *.tif"
                " *.tiff *.webp *.heic *.wmv *.mp4 *.mov *.avi *.3gp *.mkv *.flv);;"
                "Word, JPG, WMV (*.doc *.docx *.jpg *.jpeg *.wmv);;All files (*)"
            ),
        )
        if paths:
            remember("attachments", paths[0])
        self.add_paths([Path(p) for p in paths])

    def add_paths(self, paths: list[Path]) -> None:
        if self._read_only or not paths:
            return
        self.messages.clear()
        self._hide_remedy()
        owner = self._owner
        for path in paths:
            self._busy += 1
            self._show_message(self.tr("Checking %1 …").replace("%1", path.name), "#555")
            self._runner.run(
                lambda p=path: self._add_work(p),  # type: ignore[misc]
                lambda outcome: self._on_added(outcome, owner),
                lambda error, p=path: self._on_failed(p, error),  # type: ignore[misc]
            )
            self._update_buttons()

    def _on_added(self, outcome: AddOutcome, owner: str | None, replaces: str = "") -> None:
        self._busy -= 1
        verdict = outcome.verdict
        # The file actually added: after a conversion the .jpg, not the .png that was chosen.
        name = outcome.reference.name if outcome.reference is not None else outcome.source.name
        if owner != self._owner:
            # Another item is open now: the file goes to its own item, never to this one.
            if outcome.reference is not None and owner is not None:
                self.added_elsewhere.emit(owner, outcome.reference, outcome.note, replaces)
                self._show_message(
                    pick("已添加到选择它时打开的那条信息", "Added to the item it was chosen for")
                    + f"：{name}",
                    "#555",
                )
            else:
                self._show_message(
                    pick("（另一条信息的附件）不能添加", "Not added (another item's file)")
                    + f"：{name}<br>"
                    + _escape(pick(verdict.message, verdict.message_en)),
                    "#b3261e",
                    escape=False,
                )
            self._update_buttons()
            return
        if replaces:
            self._references = [r for r in self._references if r.name != replaces]
        if outcome.reference is not None:
            known = {r.sha256 for r in self._references}
            if outcome.reference.sha256 in known:
                self._show_message(self.tr("%1 is already attached.").replace("%1", name), "#555")
            else:
                self._references.append(outcome.reference)
                if outcome.note:
                    self._notes[outcome.reference.sha256] = dict(outcome.note)
                self._rebuild()
                self.edited.emit()
                text = pick("已添加", "Added") + f"：{name}"
                colour = "#1e7b34"
                for warning in verdict.warnings:
                    text += "<br>⚠ " + _escape(pick(warning.message, warning.message_en))
                    colour = "#8a5a00"
                self._show_message(text, colour, escape=False)
        else:
            # Beside a button that converts the file, say so (the check's own text advises
            # converting it elsewhere, which is right only on the command line).
            zh, en = remedy_advice(verdict, outcome.remedy) or (verdict.message, verdict.message_en)
            self._show_message(
                f"{pick('不能添加', 'Not added')}：{name}<br>" + _escape(pick(zh, en)),
                "#b3261e",
                escape=False,
            )
        if outcome.remedy is not None:
            self._offer_remedy(outcome.source, outcome.remedy)
        self._update_buttons()

    def _on_failed(self, path: Path, error: BaseException) -> None:
        self._busy -= 1
        self._hide_progress()
        text = error_text(
            error,
            f"处理“{path.name}”时出错（程序内部错误，详情已记入日志），文件没有添加。请重试，或联系技术人员。",
            f"Processing “{path.name}” failed ({error}); the file was not added.",
        )
        self._show_message(text, "#b3261e")
        self._update_buttons()

    # --- remedies -----------------------------------------------------------------------
    def _offer_remedy(self, path: Path, remedy: Remedy) -> None:
        if remedy == "strip_gps" and not any(r.name == path.name for r in self._references):
            return
        self._pending_remedy = (path, remedy)
        self.remedy_button.setText(
            {
                "to_jpeg": self.tr("Convert to JPG and add"),
                "to_wmv": self.tr("Convert to WMV and add"),
                "strip_gps": self.tr("Remove the location from the photo"),
                "keep_photo": self.tr("Keep the photo only"),
                "fix_extension": self.tr("Add under the right extension"),
            }[remedy]
        )
        self.remedy_button.setVisible(True)
        self._bring_into_view()

    def on_remedy_clicked(self) -> None:
        if self._pending_remedy is None:
            return
        path, remedy = self._pending_remedy
        self.remedy_button.setVisible(False)
        cancel = threading.Event()
        self._cancel = cancel
        self._busy += 1
        self.progress.setValue(0)
        self.progress.setVisible(remedy == "to_wmv")
        self.cancel_button.setVisible(remedy == "to_wmv")
        self._show_message(self.tr("Converting %1 …").replace("%1", path.name), "#555")
        relay = _ProgressRelay(self)
        relay.progressed.connect(self._on_progress)
        owner = self._owner

        def work() -> AddOutcome:
            return self._remedy_work(path, remedy, relay.progressed.emit, cancel)

        def done(outcome: AddOutcome) -> None:
            self._hide_progress()
            replaces = path.name if remedy == "strip_gps" and outcome.reference else ""
            self._on_added(outcome, owner, replaces)
            relay.deleteLater()

        def failed(error: BaseException) -> None:
            self._on_failed(path, error)
            relay.deleteLater()

        self._runner.run(work, done, failed)
        self._update_buttons()

    def on_cancel_clicked(self) -> None:
        if self._cancel is not None:
            self._cancel.set()

    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(int(max(0.0, min(1.0, fraction)) * 1000))

    def _hide_progress(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._cancel = None

    def _hide_remedy(self) -> None:
        self._pending_remedy = None
        self.remedy_button.setVisible(False)

    # --- removing -----------------------------------------------------------------------
    def on_remove_clicked(self) -> None:
        row = self.list.currentRow()
        if self._read_only or not 0 <= row < len(self._references):
            return
        del self._references[row]
        self._rebuild()
        self.edited.emit()

    # --- drag and drop ------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if not self._read_only and event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.add_paths(paths)

    # --- display ------------------------------------------------------------------------
    def _rebuild(self) -> None:
        self.list.clear()
        for reference in self._references:
            note = self._notes.get(reference.sha256) or {}
            text = f"{reference.name}\n{describe(reference, note)}"
            for warning in note.get("warnings") or ():
                text += "\n⚠ " + pick(warning.get("message", ""), warning.get("message_en", ""))
            entry = QListWidgetItem(text)
            entry.setToolTip(reference.sha256)
            self.list.addItem(entry)
            if reference.kind == "jpeg":
                self._load_thumbnail(entry, reference.sha256)
        self._update_buttons()

    def _load_thumbnail(self, entry: QListWidgetItem, sha256: str) -> None:
        path = self._locator(sha256)
        if path is None:
            return
        references = self._references

        def done(image: QImage) -> None:
            if self._references is references and not image.isNull():
                for row in range(self.list.count()):
                    if self.list.item(row) is entry:
                        entry.setIcon(QIcon(QPixmap.fromImage(image)))

        self._runner.run(lambda: _thumbnail(path), done)

    def _show_message(self, text: str, colour: str, *, escape: bool = True) -> None:
        body = _escape(text) if escape else text
        self.messages.setText(f'<span style="color:{colour}">{body}</span>')
        self._bring_into_view()

    def _bring_into_view(self) -> None:
        """Scroll the form so the message and its button are in sight, once laid out."""
        QTimer.singleShot(0, self._ensure_visible)

    def _ensure_visible(self) -> None:
        area = self._scroll_area()
        if area is None or not self.messages.text():
            return
        body = area.widget()
        layout = body.layout() if body is not None else None
        if layout is not None:
            layout.activate()  # the message's place, before the event loop gets to it
        area.ensureWidgetVisible(self.messages, 0, 8)
        for shown in (self.remedy_button, self.progress):
            if shown.isVisible():
                area.ensureWidgetVisible(shown, 0, 8)

    def _scroll_area(self) -> QScrollArea | None:
        widget = self.parentWidget()
        while widget is not None:
            if isinstance(widget, QScrollArea):
                return widget
            widget = widget.parentWidget()
        return None

    def message_in_view(self) -> bool:
        """Whether the message (and the remedy button, if offered) is scrolled into sight."""
        area = self._scroll_area()
        if area is None:
            return True
        viewport = area.viewport().rect()
        for widget in (self.messages, self.remedy_button):
            if widget is self.remedy_button and not widget.isVisible():
                continue
            top = widget.mapTo(area.viewport(), widget.rect().topLeft()).y()
            if top < viewport.top() or top + widget.height() > viewport.bottom() + 1:
                return False
        return True

    def _update_buttons(self) -> None:
        self.add_button.setEnabled(not self._read_only)
        self.remove_button.setEnabled(
            not self._read_only and 0 <= self.list.currentRow() < len(self._references)
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _ProgressRelay(QObject):
    """Carries conversion progress from the worker to the GUI thread (queued signal).

    Signals:
        progressed(float): fraction done, 0..1.
    """

    progressed = Signal(float)
