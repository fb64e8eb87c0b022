"""The editor pane: one item, its category form, and what validation says about it.

The editor only presents: it turns widget values into an :class:`Item` (:meth:`collect`) and
shows the problems :func:`hnclient.forms.validate_item` reports. Saving is the autosave
controller's job.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hnclient.forms import FormDef, Problem, validate_item
from hnclient.forms.timeliness import china_today
from hnclient.items import Channel, Item
from hnclient.ui.editor.attachments_panel import AttachmentsPanel
from hnclient.ui.editor.common_fields import (
    SUMMARY_LIMIT,
    WECHAT_TITLE_LIMIT,
    ChannelChoice,
    CountedLineEdit,
    CountedTextEdit,
    CoverPicker,
    EventDateEdit,
)
from hnclient.ui.editor.fields import (
    SEVERITY_COLOURS,
    DateFieldWidget,
    DateTimeFieldWidget,
    FieldWidget,
    ProblemLabel,
    create_field_widget,
    field_label,
)
from hnclient.ui.editor.services import EditorServices
from hnclient.ui.editor.title_field import TitleEdit
from hnclient.ui.elided import ElidedLabel
from hnclient.ui.i18n import pick
from hnclient.ui.tasks import TaskRunner

VALIDATION_DELAY_MS = 300


class ItemEditor(QWidget):
    """Edits one item.

    What is missing is shown quietly (a grey "required") until the officer has been to the
    field — typed in it or left it — or tries to submit (:meth:`show_all_problems`); then in
    red. Messages have room kept for them, so the fields never move under the pointer.

    Signals:
        edited(): the officer changed the content (autosave listens).
        problems_changed(int errors, int warnings): after each validation.
    """

    edited = Signal()
    problems_changed = Signal(int, int)

    def __init__(
        self,
        forms: dict[str, FormDef],
        runner: TaskRunner,
        services: EditorServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._forced_read_only = False
        self._comments: dict[str, str] = {}
        self._forms = forms
        self._item: Item | None = None
        self._form: FormDef | None = None
        self._field_widgets: dict[str, FieldWidget] = {}
        self._common_problem_labels: dict[str, ProblemLabel] = {}
        #: Which widget holds which field (form fields and common parts), to know which
        #: field the officer has left.
        self._holders: dict[QWidget, str] = {}
        #: Fields the officer has edited or left since the item was opened.
        self._touched: set[str] = set()
        #: After a try to submit: every problem in full colour.
        self._reveal_all = False
        self.problems: list[Problem] = []

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel(self)
        self.header.setObjectName("editorHeader")
        self.header.setStyleSheet("font-size:15px;font-weight:bold;padding:6px 8px")
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "background:#fff4ce;border:1px solid #e0c060;padding:6px;color:#5c4400"
        )
        self.banner.setVisible(False)
        # One line each, shortened rather than wrapped: a changing count above the form must
        # not move the form, and a long save error must not widen the window.
        self.summary = ElidedLabel(self)
        self.summary.setStyleSheet("padding:2px 8px")
        self.status = ElidedLabel(self)
        self.status.setStyleSheet("color:#555;padding:2px 8px")
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() + 6)
        outer.addWidget(self.header)
        outer.addWidget(self.banner)
        outer.addWidget(self.summary)

        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.status)

        body = QWidget(self.scroll_area)
        self._body_layout = QVBoxLayout(body)
        common_box = QGroupBox(self.tr("Basic information"), body)
        common = QFormLayout(common_box)
        common.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        common.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.title_edit = TitleEdit(common_box)
        self.event_date = EventDateEdit(common_box)
        self.channels = ChannelChoice(common_box)
        self.summary_edit = CountedTextEdit(SUMMARY_LIMIT, common_box)
        self.summary_edit.editor.setPlaceholderText(
            self.tr("Required for WeChat: what the article is about, at most 120 characters")
        )
        self.cover = CoverPicker(
            runner, services.import_cover, services.locate_attachment, common_box
        )
        self._title_label = QLabel(self.tr("Title"), common_box)
        self._date_label = QLabel(self.tr("Event date"), common_box)
        for key, label, widget in (
            ("title", self._title_label, self.title_edit),
            ("event_date", self._date_label, self.event_date),
            ("channels", QLabel(self.tr("Channels"), common_box), self.channels),
            ("summary", QLabel(self.tr("Summary"), common_box), self.summary_edit),
            ("cover", QLabel(self.tr("Cover photo"), common_box), self.cover),
        ):
            holder = QWidget(common_box)
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            holder_layout.setSpacing(2)
            holder_layout.addWidget(widget)
            problem = ProblemLabel(holder)
            holder_layout.addWidget(problem)
            self._common_problem_labels[key] = problem
            self._holders[holder] = key
            label.setBuddy(
                widget.editor
                if isinstance(widget, CountedLineEdit | CountedTextEdit | EventDateEdit)
                else widget
            )
            common.addRow(label, holder)
        self._body_layout.addWidget(common_box)
        self.form_box = QGroupBox(body)
        self.form_layout = QFormLayout(self.form_box)
        self.form_layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form_layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._body_layout.addWidget(self.form_box)
        attachments_box = QGroupBox(self.tr("Attachments"), body)
        attachments_layout = QVBoxLayout(attachments_box)
        self.attachments = AttachmentsPanel(
            runner,
            services.add_attachment,
            services.apply_remedy,
            services.locate_attachment,
            attachments_box,
        )
        attachments_layout.addWidget(self.attachments)
        self._body_layout.addWidget(attachments_box)
        self._body_layout.addStretch(1)
        self.scroll_area.setWidget(body)

        for key, signal in (
            ("title", self.title_edit.edited),
            ("event_date", self.event_date.edited),
            ("channels", self.channels.edited),
            ("summary", self.summary_edit.edited),
            ("cover", self.cover.edited),
            ("attachments", self.attachments.edited),
        ):
            signal.connect(lambda key=key: self._touch(key))
            signal.connect(self.on_field_edited)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

        self._validation_timer = QTimer(self)
        self._validation_timer.setSingleShot(True)
        self._validation_timer.setInterval(VALIDATION_DELAY_MS)
        self._validation_timer.timeout.connect(self.validate_now)
        self.setEnabled(False)

    # --- loading ------------------------------------------------------------------------
    @property
    def item(self) -> Item | None:
        return self._item

    def load(
        self,
        item: Item,
        *,
        banner: str = "",
        read_only: bool = False,
        comments: dict[str, str] | None = None,
    ) -> None:
        """Show ``item``; builds the category's widgets afresh (forms differ per category).

        ``read_only`` forces a look-only view (a leader is acting); ``comments`` are the
        leader's comments by field key, shown beside the fields until the item is resubmitted.
        """
        form = self._forms.get(item.category)
        self._item = item
        self._forced_read_only = read_only
        self._comments = dict(comments or {})
        self._form = form
        self._touched.clear()
        self._reveal_all = False
        for label in self._common_problem_labels.values():
            label.reset()
        self._rebuild_form_widgets(form)
        self.title_edit.set_title(item.title, item.title_breaks)
        self.title_edit.editor.setCursorPosition(0)  # a long title shows its beginning
        self.event_date.set_iso(item.event_date.isoformat() if item.event_date else None)
        self.channels.set_channels(item.channels)
        self.summary_edit.set_text(item.summary)
        self.cover.set_cover(
            item.cover,
            owner=item.id,
            note=item.note_for(item.cover.sha256) if item.cover else None,
        )
        self.attachments.set_references(item.attachments, owner=item.id, notes=item.notes)
        for key, widget in self._field_widgets.items():
            widget.set_value(item.values.get(key))
        self._update_header()
        self._set_read_only(not item.state.editable or item.deleted_at is not None or read_only)
        self.banner.setText(banner)
        self.banner.setVisible(bool(banner))
        self.status.clear()
        self.setEnabled(True)
        self._update_limits()
        self.validate_now()
        self.scroll_to_top()

    def scroll_to_top(self) -> None:
        """Another item starts at its title, not where the previous one was scrolled to."""
        self.scroll_area.verticalScrollBar().setValue(0)
        self.scroll_area.horizontalScrollBar().setValue(0)

    def clear(self) -> None:
        self._item = None
        self._form = None
        self._comments = {}
        self._forced_read_only = False
        self._rebuild_form_widgets(None)
        self.title_edit.editor.clear()
        self.event_date.set_iso(None)
        self.summary_edit.set_text("")
        self.cover.set_cover(None)
        self.attachments.set_references(())
        self.header.setText(self.tr("Choose an item on the left, or create a new one (Ctrl+N)."))
        self.banner.setVisible(False)
        self.summary.clear()
        self.status.clear()
        self.setEnabled(False)

    def accept_saved(self, saved: Item) -> None:
        """Take the stored item's revision and state without touching what is being typed."""
        if self._item is not None and saved.id == self._item.id:
            self._item = self._item.with_changes(
                revision=saved.revision, state=saved.state, updated_at=saved.updated_at
            )
            self._update_header()

    def show_status(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet(
            "color:#b3261e;font-weight:bold;padding:2px 8px"
            if error
            else "color:#555;padding:2px 8px"
        )
        self.status.setText(text)

    def is_read_only(self) -> bool:
        return (
            self._item is None
            or not self._item.state.editable
            or self._item.deleted_at is not None
            or self._forced_read_only
        )

    def focus_first(self) -> None:
        self.title_edit.editor.setFocus()

    # --- collecting ---------------------------------------------------------------------
    def collect(self) -> Item | None:
        if self._item is None:
            return None
        iso = self.event_date.iso()
        values = dict(self._item.values)
        for key, widget in self._field_widgets.items():
            values[key] = widget.value()
        cover = self.cover.cover()
        notes = self.attachments.notes()
        if cover is not None and self.cover.note():
            notes[cover.sha256] = self.cover.note()
        return self._item.with_changes(
            title=self.title_edit.title(),
            title_breaks=self.title_edit.breaks(),
            event_date=date.fromisoformat(iso) if iso else None,
            channels=self.channels.channels(),
            summary=self.summary_edit.text(),
            cover=cover,
            values=values,
            attachments=self.attachments.references(),
            notes=notes,
        )

    def show_all_problems(self) -> None:
        """The officer tries to submit: every problem in full colour, the first in sight."""
        self._reveal_all = True
        self.validate_now()
        first = next((p.field for p in self.problems if p.is_error), None)
        holder = self._holder_of_field(first) if first else None
        if holder is not None:
            self.scroll_area.ensureWidgetVisible(holder, 0, 40)

    def quiet_fields(self) -> set[str]:
        """Fields whose missing value is shown only as a grey hint for now."""
        if self._reveal_all:
            return set()
        return {
            p.field for p in self.problems if p.code == "required" and p.field not in self._touched
        }

    # --- slots --------------------------------------------------------------------------
    def on_field_edited(self) -> None:
        self._update_limits()
        self._validation_timer.start()
        self.edited.emit()

    def validate_now(self) -> None:
        item = self.collect()
        if item is None or self._form is None:
            return
        self.problems = validate_item(self._form, item, china_today())
        self._show_problems()

    def _show_problems(self) -> None:
        quiet = self.quiet_fields()
        by_field: dict[str, list[tuple[str, str]]] = {}
        for key, comment in self._comments.items():
            by_field.setdefault(key, []).append(
                ("comment", pick(f"领导意见：{comment}", f"Leader's comment: {comment}"))
            )
        hinted: set[str] = set()
        for problem in self.problems:
            if problem.field in quiet and problem.code == "required":
                if problem.field not in hinted:
                    hinted.add(problem.field)
                    by_field.setdefault(problem.field, []).append(("hint", self.tr("Required")))
                continue
            text = pick(problem.message, problem.message_en or problem.message)
            by_field.setdefault(problem.field, []).append((problem.severity, text))
        for key, widget in self._field_widgets.items():
            widget.set_problems(by_field.get(key, []))
        for key, label in self._common_problem_labels.items():
            label.show_messages(by_field.get(key, []))
        errors = sum(1 for p in self.problems if p.is_error)
        warnings = len(self.problems) - errors
        loud = sum(1 for p in self.problems if p.is_error and p.field not in quiet)
        if loud:
            text = self.tr("%n thing(s) to fix before sending", "", loud)
            colour = "#b3261e"
        elif errors:
            text = self.tr("%n required field(s) still to fill in", "", len(quiet))
            colour = SEVERITY_COLOURS["hint"]
        elif warnings:
            text, colour = "", "#8a5a00"
        else:
            text = self.tr("All required information is filled in.")
            colour = "#1e7b34"
        if warnings:
            warned = self.tr("%n warning(s)", "", warnings)
            text = f"{text}; {warned}" if text else warned
        self.summary.setText(text)
        self.summary.setStyleSheet(f"padding:2px 8px;color:{colour}")
        self.problems_changed.emit(errors, warnings)

    def _touch(self, key: str) -> None:
        self._touched.add(key)

    def _key_of(self, widget: QWidget | None) -> str | None:
        while widget is not None and widget is not self:
            key = self._holders.get(widget)
            if key is not None:
                return key
            widget = widget.parentWidget()
        return None

    def _holder_of_field(self, key: str) -> QWidget | None:
        return next((w for w, k in self._holders.items() if k == key), None)

    def _on_focus_changed(self, old: QWidget | None, new: QWidget | None) -> None:
        """A field the officer leaves counts as visited: what is missing there shows red."""
        if self._item is None:
            return
        left = self._key_of(old)
        if left is None or left == self._key_of(new) or left in self._touched:
            return
        self._touched.add(left)
        self._show_problems()

    # --- helpers ------------------------------------------------------------------------
    def _rebuild_form_widgets(self, form: FormDef | None) -> None:
        while self.form_layout.rowCount():
            self.form_layout.removeRow(0)
        for widget in self._field_widgets.values():
            self._holders.pop(widget, None)
        self._field_widgets.clear()
        if form is None:
            self.form_box.setTitle("")
            self._title_label.setText(self.tr("Title"))
            self._date_label.setText(self.tr("Event date"))
            return
        self.form_box.setTitle(pick(form.title, form.title_en or form.title))
        self._title_label.setText(pick(form.title_label, form.title_label_en) + " *")
        self._date_label.setText(pick(form.event_date_label, form.event_date_label_en) + " *")
        for field in form.fields:
            widget = create_field_widget(field, self.form_box)
            label = QLabel(field_label(field) + (" *" if field.required else ""), self.form_box)
            label.setBuddy(widget.focus_target())
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            self.form_layout.addRow(label, widget)
            widget.edited.connect(lambda key=field.key: self._touch(key))
            widget.edited.connect(self.on_field_edited)
            if isinstance(widget, DateFieldWidget | DateTimeFieldWidget):
                widget.set_fallback(self.event_date.iso_date)
            self._field_widgets[field.key] = widget
            self._holders[widget] = field.key

    def _set_read_only(self, read_only: bool) -> None:
        self.title_edit.editor.setReadOnly(read_only)
        self.event_date.editor.setReadOnly(read_only)
        self.event_date.today_button.setEnabled(not read_only)
        self.channels.set_read_only(read_only)
        self.summary_edit.editor.setReadOnly(read_only)
        self.cover.set_read_only(read_only)
        self.attachments.set_read_only(read_only)
        for widget in self._field_widgets.values():
            widget.set_read_only(read_only)

    def _update_header(self) -> None:
        if self._item is None:
            return
        form = self._form
        category = pick(form.title, form.title_en or form.title) if form else self._item.category
        state = pick(self._item.state.label_zh, self._item.state.label_en)
        self.header.setText(f"{category} · {state}")

    def _update_limits(self) -> None:
        wechat = Channel.WECHAT in self.channels.channels()
        self.title_edit.limit = WECHAT_TITLE_LIMIT if wechat else None
        self.title_edit.update_counter()


__all__ = ["SEVERITY_COLOURS", "ItemEditor"]
