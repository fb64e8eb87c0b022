"""The leader's review (审核): the item exactly as it will be sent, then 签发 or 退回修改.

Left: the Word page, each file with its check result and hash, what changed since an earlier
review, and the officer's notes on the screening. Right: the opinion (签发意见, default 同意),
代签, the handwritten signature pad and the two decisions. Approving asks for the PIN again.
Everything is bound to the content hash shown here: if the item changes meanwhile, the
service refuses and nothing is signed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hnclient.service import DEFAULT_OPINION, ItemService, LeaderSession, ReviewView
from hnclient.ui.editor.attachments_panel import describe
from hnclient.ui.formatting import local_datetime
from hnclient.ui.i18n import error_text, pick
from hnclient.ui.pin_prompt import ask_pin, leader_label
from hnclient.ui.signature_pad import SignaturePad
from hnclient.ui.tasks import TaskRunner


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ReturnDialog(QDialog):
    """退回修改: a general comment and, where useful, a comment beside particular fields."""

    def __init__(self, fields: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Return for revision"))
        self.resize(560, 460)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("What should the officer change?"), self))
        self.comment = QPlainTextEdit(self)
        self.comment.setPlaceholderText(self.tr("e.g. Add this year's figures to the text."))
        layout.addWidget(self.comment, 1)
        layout.addWidget(
            QLabel(self.tr("Comments on particular fields (optional; shown beside them):"), self)
        )
        self.table = QTableWidget(len(fields), 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Comment")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self._keys = []
        for row, (key, label) in enumerate(fields):
            name = QTableWidgetItem(label)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(""))
            self._keys.append(key)
        self.table.resizeColumnToContents(0)
        layout.addWidget(self.table, 2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Return for revision")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Returning needs words: OK waits for a comment (general or by a field).
        self.comment.textChanged.connect(self._update)
        self.table.itemChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        has_words = bool(self.comment.toPlainText().strip() or self.field_comments())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(has_words)

    def field_comments(self) -> dict[str, str]:
        comments = {}
        for row, key in enumerate(self._keys):
            cell = self.table.item(row, 1)
            if cell is not None and cell.text().strip():
                comments[key] = cell.text().strip()
        return comments


class ReviewDialog(QDialog):
    """Shows a :class:`ReviewView`; ``outcome`` is "approved", "returned" or None after exec."""

    def __init__(
        self,
        service: ItemService,
        runner: TaskRunner,
        session: LeaderSession,
        view: ReviewView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._session = session
        self._view = view
        self.outcome: str | None = None
        item = view.item
        self._expected_hash = item.content_hash()
        self.setWindowTitle(self.tr("Review and sign off"))
        self.resize(1240, 700)
        layout = QHBoxLayout(self)

        left = QVBoxLayout()
        who = leader_label(session.leader.name, session.leader.post)
        header = QLabel(
            self.tr("Reviewer: %1 · Submitted by %2 at %3")
            .replace("%1", who)
            .replace("%2", view.submitted_by or "—")
            .replace("%3", local_datetime(view.submitted_at) or "—"),
            self,
        )
        header.setStyleSheet("font-weight:bold;padding:2px 0")
        left.addWidget(header)
        self.tabs = QTabWidget(self)
        self.page = QTextBrowser(self)
        self.page.setHtml(view.page_html)
        self.tabs.addTab(self.page, self.tr("Document"))
        self.files = self._files_table()
        self.tabs.addTab(self.files, self.tr("Files (%n)", "", len(view.attachments)))
        self.changes = QTextBrowser(self)
        self.changes.setHtml(self._changes_html())
        self.tabs.addTab(self.changes, self.tr("Changes since last review"))
        self.notes = QTextBrowser(self)
        self.notes.setHtml(self._notes_html())
        self.tabs.addTab(self.notes, self.tr("Officer's notes (%n)", "", len(view.notes)))
        left.addWidget(self.tabs, 1)
        layout.addLayout(left, 3)

        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Opinion (签发意见):"), self))
        self.opinion = QLineEdit(DEFAULT_OPINION, self)
        right.addWidget(self.opinion)
        self.deputy_box = QCheckBox(self.tr("Signing for another leader (代签)"), self)
        self.deputy_combo = QComboBox(self)
        for leader in view.leaders:
            if leader.id != session.leader.id:
                self.deputy_combo.addItem(leader_label(leader.name, leader.post), leader.id)
        self.deputy_box.setEnabled(self.deputy_combo.count() > 0)
        self.deputy_combo.setEnabled(False)
        self.deputy_box.toggled.connect(self.deputy_combo.setEnabled)
        right.addWidget(self.deputy_box)
        right.addWidget(self.deputy_combo)
        right.addWidget(QLabel(self.tr("Handwritten signature:"), self))
        self.pad = SignaturePad(self)
        right.addWidget(self.pad)
        clear = QPushButton(self.tr("Clear signature"), self)
        clear.clicked.connect(self.pad.clear)
        right.addWidget(clear, 0, Qt.AlignmentFlag.AlignRight)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color:#555")
        right.addWidget(self.hint)
        right.addStretch(1)
        self.approve_button = QPushButton(self.tr("&Sign off (签发)…"), self)
        self.approve_button.setMinimumHeight(36)
        self.approve_button.setStyleSheet("font-weight:bold")
        self.return_button = QPushButton(self.tr("&Return for revision…"), self)
        close = QPushButton(self.tr("Close"), self)
        right.addWidget(self.approve_button)
        right.addWidget(self.return_button)
        right.addWidget(close)
        layout.addLayout(right, 2)
        self.approve_button.clicked.connect(self.on_approve)
        self.return_button.clicked.connect(self.on_return)
        close.clicked.connect(self.reject)
        self.pad.changed.connect(self._update)
        self._update()

    # --- content ------------------------------------------------------------------------
    def _files_table(self) -> QTableWidget:
        table = QTableWidget(len(self._view.attachments), 4, self)
        table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Facts"), self.tr("Check"), self.tr("SHA-256")]
        )
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, view in enumerate(self._view.attachments):
            warnings = [
                pick(str(w.get("message", "")), str(w.get("message_en", "")))
                for w in (view.note.get("warnings") or [])
                if isinstance(w, dict)
            ]
            if not view.intact:
                check = pick("文件已损坏或被替换，不能签发", "Damaged or replaced: do not sign")
            elif warnings:
                check = "⚠ " + "；".join(warnings)
            else:
                check = pick("符合要求，文件完整", "Accepted; intact")
            name = view.ref.name + (pick("（封面）", " (cover)") if view.role == "cover" else "")
            cells = [name, describe(view.ref, view.note), check, view.ref.sha256]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if column == 2 and not view.intact:
                    cell.setForeground(Qt.GlobalColor.red)
                table.setItem(row, column, cell)
        table.resizeColumnsToContents()
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _changes_html(self) -> str:
        view = self._view
        if not view.earlier_review:
            return "<p>" + _escape(self.tr("This is the first review of this item.")) + "</p>"
        if not view.changes:
            return "<p>" + _escape(self.tr("Nothing changed since the last review.")) + "</p>"
        rows = []
        for change in view.changes:
            rows.append(
                "<tr><td valign='top'><b>"
                + _escape(pick(change.label_zh, change.label_en))
                + "</b></td><td valign='top' style='color:#a50e0e'><s>"
                + _escape(change.before).replace("\n", "<br>")
                + "</s></td><td valign='top' style='color:#0d652d'>"
                + _escape(change.after).replace("\n", "<br>")
                + "</td></tr>"
            )
        head = "<tr><th></th><th>{}</th><th>{}</th></tr>".format(
            _escape(self.tr("Before")), _escape(self.tr("Now"))
        )
        return f"<table cellpadding='4' border='1' cellspacing='0'>{head}{''.join(rows)}</table>"

    def _notes_html(self) -> str:
        if not self._view.notes:
            return "<p>" + _escape(self.tr("The check found nothing to explain.")) + "</p>"
        parts = []
        for note in self._view.notes:
            parts.append(
                "<p><b>"
                + _escape(str(note.get("where", "")))
                + "</b>："
                + _escape(str(note.get("context", "")))
                + "<br>"
                + _escape(self.tr("Officer's reason:"))
                + " "
                + _escape(str(note.get("reason", "")))
                + "</p>"
            )
        return "".join(parts)

    def _update(self) -> None:
        intact = all(v.intact for v in self._view.attachments)
        signed = not self.pad.is_empty()
        self.approve_button.setEnabled(intact and signed)
        if not intact:
            self.hint.setText(
                self.tr("A file is damaged or was replaced: return the item, do not sign it.")
            )
        elif not signed:
            self.hint.setText(self.tr("Sign on the pad above to enable Sign off."))
        else:
            self.hint.setText(self.tr("Sign off asks for your PIN once more."))

    # --- decisions ----------------------------------------------------------------------
    def on_approve(self) -> None:
        if self.pad.is_empty():
            return
        png = self.pad.to_png()
        opinion = self.opinion.text().strip() or DEFAULT_OPINION
        deputy = self.deputy_combo.currentData() if self.deputy_box.isChecked() else None
        service, session, item_id = self._service, self._session, self._view.item.id
        expected = self._expected_hash

        def attempt(pin: str) -> object:
            return service.approve(
                session,
                item_id,
                pin=pin,
                expected_hash=expected,
                opinion=opinion,
                signature_png=png,
                deputy_for=deputy,
            )

        leader = session.leader
        done = ask_pin(
            self,
            self._runner,
            leader.name,
            leader.post,
            attempt,
            prompt=self.tr("Enter your PIN to sign off this item."),
        )
        if done is not None:
            self.outcome = "approved"
            self.accept()

    def on_return(self) -> None:
        item = self._view.item
        fields = self._field_list()
        dialog = ReturnDialog(fields, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self._service.return_for_revision(
                self._session,
                item.id,
                expected_hash=self._expected_hash,
                comment=dialog.comment.toPlainText(),
                field_comments=dialog.field_comments(),
            )
        except Exception as error:  # noqa: BLE001 - officer errors are shown as they are
            QMessageBox.warning(
                self,
                self.windowTitle(),
                error_text(
                    error,
                    "没有退回（程序内部错误，详情已记入日志），请重试。",
                    f"Not returned ({error}).",
                ),
            )
            return
        self.outcome = "returned"
        self.accept()

    def _field_list(self) -> list[tuple[str, str]]:
        form = self._service.forms.get(self._view.item.category)
        fields = [
            ("title", pick(form.title_label, form.title_label_en) if form else "标题"),
            ("event_date", pick("日期", "Date")),
            ("summary", pick("摘要", "Summary")),
        ]
        if form is not None:
            fields += [(f.key, pick(f.label, f.label_en)) for f in form.fields]
        fields.append(("attachments", pick("附件", "Attachments")))
        return fields
