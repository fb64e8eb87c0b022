"""The main window: the item list with filters and search on the left, the editor on the right.

The window wires parts together and forwards the officer's commands to the store; it holds
no rules of its own. Long work (search over many items, saving) runs through :class:`TaskRunner`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QRect, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from hnclient.errors import officer_messages
from hnclient.forms import FormDef
from hnclient.items import AttachmentRef, Item, ItemState
from hnclient.lifecycle import Action, Actor, allowed
from hnclient.paths import app_paths
from hnclient.service import ItemService, LeaderSession
from hnclient.settings import Settings
from hnclient.storage import ItemSummary, SaveReason, StoreError
from hnclient.support import Fact, installation_facts
from hnclient.ui import script_fonts, wheel_guard
from hnclient.ui.elided import ElidingStatusBar
from hnclient.ui.file_dialogs import remember, start_folder
from hnclient.ui.formatting import local_datetime
from hnclient.ui.i18n import error_text as officer_error_text
from hnclient.ui.i18n import pick
from hnclient.ui.item_list_model import ItemListModel
from hnclient.ui.item_table import item_table
from hnclient.ui.preview_panel import PreviewPanel, PreviewRenderer
from hnclient.ui.store_bridge import StoreBridge
from hnclient.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from hnclient.ui.editor.autosave import AutosaveController
    from hnclient.ui.editor.item_editor import ItemEditor
    from hnclient.ui.editor.services import EditorServices
    from hnclient.ui.sending_controller import SendingController

log = logging.getLogger(__name__)

SEARCH_DELAY_MS = 250
#: How long 撤销 stays offered after a delete (the recycle bin keeps the item anyway).
UNDO_DELETE_MS = 60_000
#: Rows filled before the window is shown; the rest follow from a background query.
FIRST_SCREEN_ROWS = 200
#: Width that shows the preview's A4 page (595 px) at full size; narrower, it is shrunk to fit.
PREVIEW_WIDTH = 660
#: The narrowest the preview, the editor and the title column of the list may become.
PREVIEW_MIN_WIDTH = 320
EDITOR_MIN_WIDTH = 420
TITLE_MIN_WIDTH = 120
#: The size the window opens at when the screen has room (else the screen's free area).
PREFERRED_SIZE = QSize(1366, 800)
#: Room for the title bar and borders, which are only known once the window is shown.
FRAME_ALLOWANCE = QSize(16, 40)
#: A search shows at most this many of the newest matches.
SEARCH_LIMIT = 2000


def error_text(error: BaseException) -> str:
    """The officer-facing text of an exception: the core's own message where it has one.

    Anything else is a fault of the program, and its text is a library's English (“All
    strings must be XML compatible …”): the Chinese message says what to do and the log
    keeps the details, never the officer's screen."""
    if officer_messages(error) is None:
        log.error("unexpected error shown to the officer", exc_info=error)
    return officer_error_text(
        error,
        "操作没有完成：程序遇到了意外的问题。您的内容仍在窗口中，请稍后重试；"
        "如果问题一直存在，请把日志文件夹中的 hnclient.log 发给本县信息化技术人员。",
        f"The operation did not complete ({error}). Your text is still in the window; "
        "try again later, and contact technical support if it keeps happening.",
    )


class MainWindow(QMainWindow):
    """Item list, filters, search and editor.

    Signals:
        demo_requested(): the officer asked for demo sending (no endpoint configured).
        leaders_changed(): the leaders dialog was closed (someone may have enrolled).
    """

    demo_requested = Signal()
    leaders_changed = Signal()

    def __init__(
        self,
        service: ItemService,
        forms: dict[str, FormDef],
        edit_session: str,
        settings: Settings,
        save_settings: Callable[[Settings], None],
        services: EditorServices,
        preview_renderer: PreviewRenderer,
        default_unit: str = "",
        recovered_ids: frozenset[str] = frozenset(),
        on_editing: Callable[[str | None], None] | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.store = service.store  # for reading; every change goes through the service
        self.forms = forms
        self.edit_session = edit_session
        self.settings = settings
        self._save_settings = save_settings
        self.recovered_ids = set(recovered_ids)
        #: Told which item is open in the editor (the crash-recovery marker records it).
        self._on_editing = on_editing
        self._default_unit = default_unit
        #: The unit's portal columns (栏目) a category feeds, from the county preset (set by
        #: hnclient.ui.installation); None, or None from it: no column assignment known.
        self.columns_for: Callable[[str], list[str] | None] | None = None
        #: The About dialog's facts; hnclient.ui.installation gives the running context's.
        self.about_facts: Callable[[], list[Fact]] = lambda: installation_facts(
            replace(app_paths(), data=self.store.path.parent)
        )
        self._preview_renderer = preview_renderer
        self.runner = TaskRunner(self)
        self.bridge = StoreBridge(self.store, self)
        self._list_generation = 0
        self._current_id: str | None = None
        self._opened_state: ItemState | None = None
        self._last_save_error: BaseException | None = None
        self._list_truncated = False
        #: The leader signed in with their PIN, or None while the officer is acting.
        self.leader_session: LeaderSession | None = None
        #: Sending in the window, once a sender is attached (sending configured).
        self.sending: SendingController | None = None
        #: Items submitted or signed off that the officer chose to change anyway (confirmed).
        self._unlocked: set[str] = set()
        self.sending_menu: QMenu | None = None
        self.category_labels = {
            key: pick(form.title, form.title_en or form.title) for key, form in forms.items()
        }

        self.setWindowTitle(self.tr("Hainan Prefecture Government Information Client"))
        self._guard_wheel()

        self.model = ItemListModel(
            self.category_labels,
            self,
            timely_categories=frozenset(k for k, f in forms.items() if f.timeliness),
        )
        # The editor (and its many imports) is built when the first item is opened, so the
        # window appears sooner; see the `editor` property.
        self._services = services
        self._editor: ItemEditor | None = None
        self._autosave: AutosaveController | None = None
        self.preview = PreviewPanel(self.runner, preview_renderer, self._editing_item, self)
        self.preview_dock = QDockWidget(self.tr("Preview"), self)
        self.preview_dock.setObjectName("previewDock")
        self.preview_dock.setWidget(self.preview)
        self.preview_dock.setMinimumWidth(440)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preview_dock)
        self.preview_dock.hide()
        self.preview_dock.visibilityChanged.connect(self.on_preview_visibility)
        self._build_list_pane()
        self._build_actions()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list_pane)
        self.editor_stack = QStackedWidget(self)
        self.editor_stack.addWidget(self._build_welcome())
        splitter.addWidget(self.editor_stack)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([600, 680])
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        self.read_only_banner = QLabel(self)
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.read_only_banner.setStyleSheet(
            "background:#fff4ce;color:#5c3c00;border-bottom:1px solid #e0c060;padding:6px 10px"
        )
        self.read_only_banner.setVisible(self.read_only)
        if self.read_only:
            self.read_only_banner.setText(
                self.tr(
                    "Read only: the data folder %1 cannot be written, so nothing can be saved, "
                    "created or deleted; the items below can be read and exported. Ask the "
                    "county IT staff to give this user write permission to that folder, then "
                    "start the program again."
                ).replace("%1", str(self.store.path.parent))
            )
        central_layout.addWidget(self.read_only_banner)
        central_layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.setStatusBar(ElidingStatusBar(self))
        self.count_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.count_label)
        # After a delete: 撤销 puts the item back (the recycle bin's restore, one click away).
        self.undo_delete_button = QPushButton(self.tr("Undo (Ctrl+Z)"), self)
        self.undo_delete_button.setFlat(True)
        self.undo_delete_button.setStyleSheet("color:#0b57d0;text-decoration:underline")
        self.undo_delete_button.clicked.connect(self.on_undo_delete)
        self.undo_delete_button.hide()
        self.statusBar().addWidget(self.undo_delete_button)
        self._last_deleted: str | None = None
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(UNDO_DELETE_MS)
        self._undo_timer.timeout.connect(self._forget_deleted)
        self.acting_label = QLabel(self)
        self.acting_label.setObjectName("actingLabel")
        self.statusBar().addPermanentWidget(self.acting_label)
        self._show_acting()

        self.bridge.changed.connect(self.on_store_changed)
        self.bridge.changed_elsewhere.connect(self.on_changed_elsewhere)
        self._update_actions()
        self.fit_to_screen()
        if self.read_only:
            self.statusBar().showMessage(self.tr("Read only: the data folder cannot be written."))

    @property
    def read_only(self) -> bool:
        """The data folder cannot be written: items are shown, nothing is changed."""
        return self.service.read_only

    # --- construction -------------------------------------------------------------------
    def _guard_wheel(self) -> None:
        """No field of any window or dialog takes the wheel unless it has focus."""
        app = QGuiApplication.instance()
        if app is not None:
            wheel_guard.install(app)
            script_fonts.install(app)  # room for Tibetan in one-line fields

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Open no larger than the screen's free area (a 1366×768 laptop, taskbar excluded),
        so the status bar, where autosave reports, is in sight; the list keeps its columns."""
        if available is None:
            screen = self.screen() or QGuiApplication.primaryScreen()
            available = screen.availableGeometry()
        header = self.view.horizontalHeader()
        fixed = sum(
            header.sectionSize(column)
            for column in range(header.count())
            if column != ItemListModel.TITLE and not header.isSectionHidden(column)
        )
        scroll_bar = self.view.verticalScrollBar().sizeHint().width()
        self.list_pane.setMinimumWidth(fixed + TITLE_MIN_WIDTH + scroll_bar + 12)
        self.preview_dock.setMinimumWidth(PREVIEW_MIN_WIDTH)
        width = min(PREFERRED_SIZE.width(), available.width() - FRAME_ALLOWANCE.width())
        height = min(PREFERRED_SIZE.height(), available.height() - FRAME_ALLOWANCE.height())
        self.resize(width, height)
        frame = self.frameGeometry()
        if not available.contains(frame):
            self.move(
                max(available.left(), min(frame.left(), available.right() - frame.width())),
                max(available.top(), min(frame.top(), available.bottom() - frame.height())),
            )

    @property
    def editor(self) -> ItemEditor:
        if self._editor is None:
            self._build_editor()
        assert self._editor is not None
        return self._editor

    @property
    def autosave(self) -> AutosaveController:
        if self._autosave is None:
            self._build_editor()
        assert self._autosave is not None
        return self._autosave

    def _build_editor(self) -> None:
        # Imported here, not at the top: the window is shown before any editor is needed.
        from hnclient.ui.editor import autosave as autosave_module
        from hnclient.ui.editor import item_editor as item_editor_module

        editor = item_editor_module.ItemEditor(self.forms, self.runner, self._services, self)
        autosave = autosave_module.AutosaveController(editor, self.service, self.edit_session, self)
        self._editor, self._autosave = editor, autosave
        editor.edited.connect(self.preview.schedule_refresh)
        autosave.saved.connect(self.on_saved)
        autosave.failed.connect(self.on_save_failed)
        editor.attachments.added_elsewhere.connect(self.on_attachment_for_other_item)
        editor.cover.chosen_elsewhere.connect(self.on_cover_for_other_item)
        editor.clear()
        self.editor_stack.addWidget(editor)

    def _editing_item(self) -> Item | None:
        return self._editor.collect() if self._editor is not None else None

    def _flush(self, reason: SaveReason = "autosave") -> bool:
        """Store pending edits now; True when nothing is left unsaved."""
        return True if self._autosave is None else self._autosave.flush(reason)

    def _build_list_pane(self) -> None:
        self.list_pane = QWidget(self)
        layout = QVBoxLayout(self.list_pane)
        layout.setContentsMargins(6, 6, 0, 6)
        filters = QHBoxLayout()
        self.search_edit = QLineEdit(self.list_pane)
        self.search_edit.setPlaceholderText(self.tr("Search titles and text (Ctrl+F)"))
        self.search_edit.setClearButtonEnabled(True)
        script_fonts.make_room(self.search_edit)  # Tibetan search words keep their tops
        self.state_filter = QComboBox(self.list_pane)
        self.state_filter.addItem(self.tr("All states"), "")
        for state in ItemState:
            self.state_filter.addItem(pick(state.label_zh, state.label_en), state.value)
        self.category_filter = QComboBox(self.list_pane)
        self.category_filter.addItem(self.tr("All categories"), "")
        for key, label in self.category_labels.items():
            self.category_filter.addItem(label, key)
        filters.addWidget(self.search_edit, 1)
        filters.addWidget(self.state_filter)
        filters.addWidget(self.category_filter)
        layout.addLayout(filters)

        self.view = item_table(self.model, self.list_pane)
        layout.addWidget(self.view, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.reload_list)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.state_filter.currentIndexChanged.connect(self.reload_list)
        self.category_filter.currentIndexChanged.connect(self.reload_list)
        self.view.selectionModel().selectionChanged.connect(self.on_selection_changed)

    def _build_welcome(self) -> QWidget:
        """What the right side shows with no item open: what to do next, and the button."""
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        text = QLabel(
            self.tr(
                "Choose an item on the left to continue writing it, or create a new one.\n"
                "Everything you type is saved automatically, also without a network."
            ),
            page,
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        text.setStyleSheet("color:#444;font-size:14px")
        self.welcome_new_button = QPushButton(self.tr("New item… (Ctrl+N)"), page)
        self.welcome_new_button.setMinimumHeight(36)
        self.welcome_new_button.clicked.connect(self.on_new)
        layout.addWidget(text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.welcome_new_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _action(
        self,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            self.tr("&New item…"), QKeySequence.StandardKey.New, self.on_new
        )
        self.duplicate_action = self._action(
            self.tr("Copy as a new &item"), "Ctrl+D", self.on_duplicate
        )
        self.duplicate_action.setStatusTip(
            self.tr("Start a new draft with the content and files of this item")
        )
        self.delete_action = self._action(self.tr("&Delete"), "Ctrl+Del", self.on_delete)
        # Text fields keep Ctrl+Z for their own typing (they take the key first).
        self.undo_delete_action = self._action(
            self.tr("&Undo delete"), QKeySequence.StandardKey.Undo, self.on_undo_delete
        )
        self.undo_delete_action.setEnabled(False)
        self.save_action = self._action(
            self.tr("&Save now"), QKeySequence.StandardKey.Save, self.on_save_now
        )
        self.export_action = self._action(
            self.tr("&Export package…"), "Ctrl+Shift+E", self.on_export
        )
        self.history_action = self._action(self.tr("Version &history…"), "Ctrl+H", self.on_history)
        self.recycle_action = self._action(
            self.tr("&Recycle bin…"), "Ctrl+Shift+R", self.on_recycle_bin
        )
        self.find_action = self._action(
            self.tr("&Find"), QKeySequence.StandardKey.Find, self.on_focus_search
        )
        self.list_action = self._action(self.tr("Go to &list"), "Ctrl+L", self.on_focus_list)
        self.preview_action = self.preview_dock.toggleViewAction()
        self.preview_action.setText(self.tr("&Preview"))
        self.preview_action.setShortcut(QKeySequence("F5"))
        self.editor_action = self._action(self.tr("Go to &editor"), "Ctrl+E", self.on_focus_editor)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.chinese_action = self._action("简体中文", None, lambda: self.on_language("zh_CN"))
        self.english_action = self._action("English", None, lambda: self.on_language("en"))
        self.about_action = self._action(self.tr("&About"), None, self.on_about)
        self.submit_action = self._action(
            self.tr("&Submit for review…"), "Ctrl+Return", self.on_submit
        )
        self.withdraw_action = self._action(
            self.tr("&Withdraw from review"), None, self.on_withdraw
        )
        self.review_action = self._action(
            self.tr("Review and si&gn off…"), "Ctrl+Shift+A", self.on_review
        )
        self.leader_sign_in_action = self._action(
            self.tr("Sign in as &leader…"), "Ctrl+Shift+L", self.on_leader_sign_in
        )
        self.leader_sign_out_action = self._action(
            self.tr("Back to the &officer"), "Ctrl+Shift+O", self.on_leader_sign_out
        )
        self.audit_action = self._action(self.tr("Review &record…"), "Ctrl+J", self.on_audit)
        self.change_anyway_action = self._action(
            self.tr("&Change a submitted or signed item…"), None, self.on_change_anyway
        )
        self.leaders_action = self._action(self.tr("&Leaders…"), None, self.on_leaders)
        self.demo_action = self._action(
            self.tr("&Demo sending on this PC…"), None, self.demo_requested.emit
        )
        self.demo_action.setVisible(False)
        # Delete from the list with the Delete key, without stealing it from text fields.
        list_delete = self._action(
            self.tr("&Delete"), QKeySequence.StandardKey.Delete, self.on_delete
        )
        list_delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(list_delete)

        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        for action in (
            self.new_action,
            self.duplicate_action,
            self.delete_action,
            self.undo_delete_action,
            self.save_action,
            self.export_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = menu.addMenu(self.tr("&View"))
        for action in (
            self.find_action,
            self.list_action,
            self.editor_action,
            self.history_action,
            self.recycle_action,
            self.preview_action,
        ):
            view_menu.addAction(action)
        view_menu.addSeparator()
        # the one place for the unit's contacts (unit, officer's name, telephone): every text
        # that sends the officer there names it 查看 → 本单位信息…
        self._add_unit_info_action(view_menu)
        language_menu = view_menu.addMenu(self.tr("&Language"))
        language_menu.addAction(self.chinese_action)
        language_menu.addAction(self.english_action)
        review_menu = menu.addMenu(self.tr("&Review"))
        for action in (self.submit_action, self.withdraw_action, self.change_anyway_action):
            review_menu.addAction(action)
        review_menu.addSeparator()
        for action in (
            self.leader_sign_in_action,
            self.review_action,
            self.leader_sign_out_action,
        ):
            review_menu.addAction(action)
        review_menu.addSeparator()
        review_menu.addAction(self.audit_action)
        review_menu.addAction(self.leaders_action)
        review_menu.addSeparator()
        review_menu.addAction(self.demo_action)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

        toolbar = QToolBar(self.tr("Main toolbar"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.new_action,
            self.duplicate_action,
            self.delete_action,
            self.save_action,
            self.submit_action,
            self.review_action,
            self.history_action,
            self.recycle_action,
            self.preview_action,
        ):
            toolbar.addAction(action)
        self.addToolBar(toolbar)

    # --- list ---------------------------------------------------------------------------
    def _filters(self) -> tuple[list[ItemState] | None, list[str] | None, str]:
        state = self.state_filter.currentData()
        category = self.category_filter.currentData()
        return (
            [ItemState(state)] if state else None,
            [category] if category else None,
            self.search_edit.text().strip(),
        )

    def load_initial_list(self) -> None:
        """Fill the first screen now and the rest in the background, so the window opens fast."""
        states, categories, query = self._filters()
        first = self.store.list_items(
            states=states, categories=categories, query=query or None, limit=FIRST_SCREEN_ROWS
        )
        self._apply_rows(first, complete=len(first) < FIRST_SCREEN_ROWS)
        if len(first) >= FIRST_SCREEN_ROWS:
            # After the event loop has run once (the first paint), not in competition with it.
            QTimer.singleShot(0, self.reload_list)

    def reload_list(self) -> None:
        self._list_generation += 1
        generation = self._list_generation
        states, categories, query = self._filters()
        store = self.store
        # A broad search over many items is cut to the newest matches: finding them is fast,
        # building thousands of rows nobody reads is not.
        limit = SEARCH_LIMIT + 1 if query else None

        def work() -> list[ItemSummary]:
            return store.list_items(
                states=states, categories=categories, query=query or None, limit=limit
            )

        def done(rows: list[ItemSummary]) -> None:
            if generation == self._list_generation:
                truncated = limit is not None and len(rows) > SEARCH_LIMIT
                self._apply_rows(rows[:SEARCH_LIMIT] if truncated else rows, truncated=truncated)

        self.runner.run(work, done, self._on_list_failed)

    def _apply_rows(
        self, rows: list[ItemSummary], *, complete: bool = True, truncated: bool = False
    ) -> None:
        current = self._current_id
        self.model.set_rows(rows)
        self._list_truncated = truncated
        if complete:
            self._update_count()
        else:
            self.count_label.setText(self.tr("Loading the list…"))
        if current is not None:
            self._select_id(current, load=False)

    def _on_list_failed(self, error: BaseException) -> None:
        self.statusBar().showMessage(error_text(error), 10_000)

    def _update_count(self) -> None:
        if self._list_truncated:
            text = self.tr(
                "Showing the newest %n matches; type more words to narrow the search",
                "",
                self.model.rowCount(),
            )
        else:
            text = self.tr("%n item(s)", "", self.model.rowCount())
        self.count_label.setText(text)

    def _select_id(self, item_id: str, *, load: bool = True) -> None:
        row = self.model.row_of(item_id)
        if row is None:
            return
        selection = self.view.selectionModel()
        if not load:
            selection.blockSignals(True)
        try:
            self.view.selectRow(row)
            self.view.scrollTo(self.model.index(row, 0))
        finally:
            if not load:
                selection.blockSignals(False)
                self.view.viewport().update()

    def _matches_filters(self, summary: ItemSummary) -> bool:
        states, categories, _query = self._filters()
        if summary.deleted_at is not None:
            return False
        if states is not None and summary.state not in states:
            return False
        return categories is None or summary.category in categories

    # --- slots --------------------------------------------------------------------------
    def on_store_changed(self, kind: str, item_id: str) -> None:
        if kind in ("deleted", "purged"):
            self.model.remove(item_id)
            if item_id == self._current_id:
                if self._autosave is not None:
                    self._autosave.discard()
                self.open_item(None)
        elif self.search_edit.text().strip():
            self._search_timer.start()  # the match set may have changed: ask the index again
        else:
            try:
                summary = self.store.get_summary(item_id)
            except StoreError:
                return
            self.model.upsert(summary, self._matches_filters(summary))
            if item_id == self._current_id:
                self._select_id(item_id, load=False)
                if kind == "state":
                    self._refresh_banner()
        self._update_count()
        self._update_actions()

    def on_selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        rows = self.view.selectionModel().selectedRows()
        summary = self.model.summary_at(rows[0].row()) if rows else None
        new_id = summary.id if summary else None
        if new_id == self._current_id:
            return
        if self._current_id is not None and not self._flush():
            # The edits of the current item could not be stored: stay on it, lose nothing.
            if self._current_id is not None:
                self._select_id(self._current_id, load=False)
            return
        self.open_item(new_id)

    def open_item(self, item_id: str | None) -> None:
        self._current_id = item_id
        self._opened_state = None
        if self._on_editing is not None:
            try:
                self._on_editing(item_id)
            except OSError:
                log.warning("could not note the open item for crash recovery", exc_info=True)
        if item_id is None:
            self.editor_stack.setCurrentIndex(0)
            if self._editor is not None:
                self._editor.clear()
        else:
            try:
                item = self.store.get_item(item_id)
            except StoreError as error:
                self._show_error(error)
                self.open_item(None)
                return
            self._opened_state = item.state
            banner, comments = self._banner_for(item)
            guarded = item.state in (ItemState.AWAITING_REVIEW, ItemState.APPROVED)
            self.editor.load(
                item,
                banner=banner,
                read_only=self.read_only
                or self.leader_session is not None
                or (guarded and item.id not in self._unlocked),
                comments=comments,
            )
            self.editor_stack.setCurrentWidget(self.editor)
        self.preview.schedule_refresh()
        self._update_actions()

    def _banner_for(self, item: Item) -> tuple[str, dict[str, str]]:
        """What the officer (or the acting leader) should know about the item's state, and
        the leader's comments by field while it is 退回修改."""
        lines: list[str] = []
        comments: dict[str, str] = {}
        if item.id in self.recovered_ids:
            lines.append(
                self.tr(
                    "The program was not closed normally last time. This item was saved "
                    "automatically and has been recovered; at most the last 2 seconds of "
                    "typing may be missing. Please check it."
                )
            )
        step = self._last_step(item.id)
        state = item.state
        if self.leader_session is not None:
            lines.append(
                self.tr(
                    "You are acting as a leader: items cannot be edited. Review → Review and "
                    "sign off (Ctrl+Shift+A); Ctrl+Shift+O returns to the officer."
                )
            )
        elif state is ItemState.AWAITING_REVIEW:
            lines.append(
                self.tr(
                    "Submitted for review (%1). To change it, use Review → Change a submitted "
                    "or signed item: the request is withdrawn and you submit it again."
                ).replace("%1", step)
            )
        elif state is ItemState.RETURNED_BY_LEADER:
            returned = self.service.leader_comments(item.id) or {}
            comments = {str(k): str(v) for k, v in (returned.get("field_comments") or {}).items()}
            lines.append(
                self.tr("Returned for revision by %1 at %2: %3")
                .replace("%1", str(returned.get("leader", "")))
                .replace("%2", local_datetime(returned.get("at")))
                .replace(
                    "%3", str(returned.get("comment") or self.tr("see the comments by the fields"))
                )
                + "\n"
                + self.tr("Revise the item, then submit it again (Ctrl+Enter).")
            )
        elif state is ItemState.APPROVED:
            lines.append(
                self.tr(
                    "Signed off (%1). Any change to the content or the files makes the "
                    "sign-off void, and the item must be reviewed again."
                ).replace("%1", self._signed_by(item.id) or step)
            )
        elif state is ItemState.QUEUED:
            lines.append(
                self.tr(
                    "Signed off (%1) and waiting to be sent. To change it, first take it out "
                    "of the send queue (Sending menu)."
                ).replace("%1", self._signed_by(item.id))
            )
            lines += self._sending_lines(item)
        elif state in (
            ItemState.SENT,
            ItemState.ADOPTED,
            ItemState.PUBLISHED,
            ItemState.RETURNED_BY_OFFICE,
        ):
            if not item.state.editable:
                lines.append(
                    self.tr(
                        "This item has been sent and can no longer be changed. "
                        "Use File → Copy as a new item to start a new draft from it."
                    )
                )
            lines += self._sending_lines(item)
        elif not item.state.editable:
            lines.append(
                self.tr(
                    "This item has been sent and can no longer be changed. "
                    "Use File → Copy as a new item to start a new draft from it."
                )
            )
        return "\n".join(lines), comments

    def _sending_lines(self, item: Item) -> list[str]:
        """What the outbox and the office say about the item (errors, receipt, feedback)."""
        entry = self.store.outbox_entry(item.id)
        if entry is None:
            return []
        lines = []
        if item.state is ItemState.QUEUED and entry.last_error_zh:
            text = pick(entry.last_error_zh, entry.last_error_en)
            if entry.refused:
                lines.append(
                    self.tr(
                        "The submission system refused it: %1 Take it out of the queue "
                        "(Sending menu), revise it and have it signed off again."
                    ).replace("%1", text)
                )
            else:
                lines.append(
                    self.tr("Last try: %1 It is tried again by itself.").replace("%1", text)
                )
        if entry.held_unregistered_signer:
            lines.append(
                self.tr(
                    "Arrived, but held by the office: the signing leader's key is not yet "
                    "registered there (签发人未备案). Ask the prefecture office to confirm it."
                )
            )
        if item.state is ItemState.RETURNED_BY_OFFICE and entry.office_reason:
            lines.append(
                self.tr(
                    "Returned by the prefecture office: %1 Revise it; it is then reviewed and "
                    "sent again as a new version."
                ).replace("%1", entry.office_reason)
            )
        if item.state is ItemState.PUBLISHED and entry.office_url:
            lines.append(
                self.tr("Published: %1 (Sending → Open the published page)").replace(
                    "%1", entry.office_url
                )
            )
        return lines

    def set_demo_available(self, available: bool) -> None:
        self.demo_action.setVisible(available)

    def attach_sender(self, sender: object) -> None:
        """Show and control the background sender (sending configured)."""
        from hnclient.ui.sending_controller import SendingController

        self.sending = SendingController(self, sender)
        self._update_actions()

    def _signed_by(self, item_id: str) -> str:
        """ "李四 2026-11-30 14:05" of the item's valid approval, or ""."""
        approval = self.store.current_approval(item_id)
        if approval is None:
            return ""
        name = (approval.record.get("signer") or {}).get("name", "")
        return f"{name} {local_datetime(approval.created_at)}"

    def on_change_anyway(self) -> None:
        """The officer changes a submitted or signed item after confirming what that voids."""
        state = self._current_state()
        if self._current_id is None or state not in (
            ItemState.AWAITING_REVIEW,
            ItemState.APPROVED,
        ):
            return
        text = (
            self.tr(
                "Changing this item withdraws it from review; you submit it again when you "
                "are done. Change it?"
            )
            if state is ItemState.AWAITING_REVIEW
            else self.tr(
                "This item is signed off. Any change makes the leader's sign-off void, and "
                "the item must be submitted and signed off again. Change it?"
            )
        )
        answer = QMessageBox.question(self, self.tr("Change the item"), text)
        if answer == QMessageBox.StandardButton.Yes:
            self._unlocked.add(self._current_id)
            self.open_item(self._current_id)
            self.editor.focus_first()

    def _refresh_banner(self) -> None:
        """The open item's state changed (an edit voided a sign-off …): new words, same text."""
        if self._current_id is None or self._editor is None:
            return
        try:
            item = self.store.get_item(self._current_id)
        except StoreError:
            return
        banner, _comments = self._banner_for(item)
        self._editor.banner.setText(banner)
        self._editor.banner.setVisible(bool(banner))

    def _last_step(self, item_id: str) -> str:
        """ "张三 2026-11-30 14:05" for the newest audit step of the item."""
        entries = self.store.audit_entries(item_id)
        if not entries:
            return ""
        entry = entries[-1]
        return f"{entry.actor_name} {local_datetime(entry.time)}"

    def open_recovered(self, item_ids: list[str]) -> None:
        """Select the most recently changed of the items recovered after a crash."""
        rows = [row for row in (self.model.row_of(i) for i in item_ids) if row is not None]
        if rows:
            summary = self.model.summary_at(min(rows))
            if summary is not None:
                self._select_id(summary.id)

    def on_new(self) -> None:
        from hnclient.ui.new_item_dialog import NewItemDialog  # dialogs load when first used

        dialog = NewItemDialog(self.forms, self, columns_for=self.columns_for)
        if dialog.exec() != NewItemDialog.DialogCode.Accepted:
            return
        category = dialog.chosen_category()
        if category:
            self.create_item(category)

    def create_item(self, category: str) -> Item | None:
        if not self._flush():
            return None
        try:
            item = self.service.create(category, edit_session=self.edit_session).item
            assert item is not None
        except StoreError as error:
            self._show_error(error)
            return None
        self._reset_filters_to_show(item.id)
        self.editor.focus_first()
        return item

    def _reset_filters_to_show(self, item_id: str) -> None:
        if self.model.row_of(item_id) is None:
            for widget in (self.state_filter, self.category_filter):
                widget.blockSignals(True)
                widget.setCurrentIndex(0)
                widget.blockSignals(False)
            self.search_edit.blockSignals(True)
            self.search_edit.clear()
            self.search_edit.blockSignals(False)
            self.load_initial_list()
        self._select_id(item_id)

    def on_duplicate(self) -> None:
        if self._current_id is None or not self._flush():
            return
        try:
            copy = self.service.duplicate(self._current_id, edit_session=self.edit_session).item
            assert copy is not None
        except StoreError as error:
            self._show_error(error)
            return
        self._reset_filters_to_show(copy.id)
        self.statusBar().showMessage(
            self.tr("A new draft was made from it; you are now editing the new draft."), 5000
        )

    def on_delete(self) -> None:
        if self._current_id is None:
            return
        item_id = self._current_id
        if not self._flush():
            return
        title = self.editor.title_edit.editor.text() or self.tr("(untitled)")
        answer = QMessageBox.question(
            self,
            self.tr("Delete item"),
            self.tr("Move “%1” to the recycle bin? You can restore it from there.").replace(
                "%1", title
            ),
        )
        # The question ran an event loop: a photo checked in the background may have been
        # added meanwhile. Store it, or the delete would discard it.
        if answer != QMessageBox.StandardButton.Yes or not self._flush():
            return
        try:
            self.service.delete(item_id)
        except StoreError as error:
            self._show_error(error)
            return
        self.statusBar().showMessage(
            self.tr("“%1” was moved to the recycle bin.").replace("%1", title), UNDO_DELETE_MS
        )
        self._last_deleted = item_id
        self.undo_delete_button.show()
        self._undo_timer.start()
        self._update_actions()

    def on_undo_delete(self) -> None:
        """Put the last deleted item back where it was, open."""
        item_id = self._last_deleted
        if item_id is None:
            return
        self._forget_deleted()
        try:
            self.service.restore(item_id)
        except StoreError as error:
            self._show_error(error)
            return
        self._reset_filters_to_show(item_id)
        self.statusBar().showMessage(self.tr("The item is back."), 5000)

    def _forget_deleted(self) -> None:
        self._last_deleted = None
        self._undo_timer.stop()
        self.undo_delete_button.hide()
        self._update_actions()

    def on_save_now(self) -> None:
        if self._current_id is not None and self._flush("manual"):
            self.statusBar().showMessage(self.tr("Saved."), 3000)

    def on_export(self) -> None:
        """Write the hand-carried package (QQ group, USB) into a folder the officer picks."""
        if self._current_id is None or not self._flush():
            return
        item = self.store.get_item(self._current_id)
        form = self.forms.get(item.category)
        if form is None:
            return
        parent = QFileDialog.getExistingDirectory(
            self,
            self.tr("Choose where to put the package (e.g. the USB stick)"),
            start_folder("export"),
        )
        if not parent:
            return
        remember("export", parent)
        from hnclient.export import package_name

        target = Path(parent) / package_name(item)
        service = self.service
        self.statusBar().showMessage(self.tr("Exporting…"))

        def done(package: Path) -> None:
            self.statusBar().showMessage(self.tr("Exported to %1").replace("%1", str(package)))
            answer = QMessageBox.information(
                self,
                self.tr("Export package"),
                self.tr(
                    "The package (Word document, attachments and manifest.json) is in:\n%1"
                ).replace("%1", str(package)),
                QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
                QMessageBox.StandardButton.Close,
            )
            if answer == QMessageBox.StandardButton.Open:
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(package)))

        def failed(error: BaseException) -> None:
            self.statusBar().clearMessage()
            self._show_error(error)

        self.runner.run(lambda: service.export(item.id, target), done, failed)

    def on_history(self) -> None:
        if self._current_id is None or not self._flush():
            return
        from hnclient.ui.history_dialog import HistoryDialog

        dialog = HistoryDialog(
            self.service, self._current_id, self._preview_renderer, self.edit_session, self
        )
        dialog.exec()
        if dialog.restored is not None:
            self.open_item(dialog.restored.id)
            self.statusBar().showMessage(self.tr("The earlier version was restored."), 5000)

    def on_recycle_bin(self) -> None:
        if not self._flush():
            return
        from hnclient.ui.recycle_bin_dialog import RecycleBinDialog

        RecycleBinDialog(self.service, self.category_labels, self).exec()
        self.reload_list()

    def on_focus_search(self) -> None:
        self.search_edit.setFocus()
        self.search_edit.selectAll()

    def on_preview_visibility(self, visible: bool) -> None:
        """Open the preview as wide as the A4 page (595 px) when there is room; else as wide
        as the list (all its columns) and the editor leave, the page shrunk to fit."""
        if visible and self.preview_dock.width() < PREVIEW_WIDTH:
            room = self.width() - self.list_pane.minimumWidth() - EDITOR_MIN_WIDTH - 16
            width = max(PREVIEW_MIN_WIDTH, min(PREVIEW_WIDTH, room))
            self.resizeDocks([self.preview_dock], [width], Qt.Orientation.Horizontal)

    def on_focus_editor(self) -> None:
        if self._editor is not None and self._current_id is not None:
            self._editor.focus_first()

    def on_focus_list(self) -> None:
        self.view.setFocus()

    def _add_unit_info_action(self, menu: QMenu) -> None:
        self.unit_info_action = self._action(
            self.tr("Unit &information…"), None, lambda: self.on_unit_info()
        )
        menu.addAction(self.unit_info_action)

    def on_unit_info(self, first_start: bool = False) -> None:
        """The unit's contacts the office asks for (附件1): unit, officer's name, telephone."""
        from hnclient.ui.first_start_dialog import edit_unit_info

        edit_unit_info(
            self.settings, default_unit=self._default_unit, first_start=first_start, parent=self
        )
        self._store_settings()
        self._show_acting()
        self.preview.schedule_refresh()

    def on_language(self, language: str) -> None:
        self.settings.language = language
        self._store_settings()
        QMessageBox.information(
            self,
            "语言 / Language",
            "重新启动程序后生效。\nThe new language takes effect when the program is restarted.",
        )

    def on_about(self) -> None:
        from hnclient.ui.about_dialog import AboutDialog

        AboutDialog(self.about_facts(), self).exec()

    def save_pending_edits(self) -> bool:
        """Store what is typed now (the crash reporter calls it before its dialog)."""
        return self._flush()

    def set_default_unit(self, unit: str) -> None:
        """The county preset's unit (shown when the officer set none), e.g. after an import."""
        self._default_unit = unit

    def on_saved(self, item: Item) -> None:
        self._last_save_error = None  # a retry went through: the error shown is stale
        self.editor.show_status(
            self.tr("Saved automatically at %1").replace("%1", local_datetime(item.updated_at)[-5:])
        )

    def on_attachment_for_other_item(
        self, item_id: str, reference: AttachmentRef, note: dict[str, Any], replaces: str
    ) -> None:
        """A file checked in the background is ready after its item was left: store it there.

        Not the open item (the editor applies its own results), so the stored content is the
        latest: its edits were flushed when it was left.
        """
        try:
            self.service.attach(
                item_id, reference, note, replaces=replaces, edit_session=self.edit_session
            )
        except StoreError as error:
            self._show_error(error)

    def on_cover_for_other_item(
        self, item_id: str, cover: AttachmentRef, note: dict[str, Any]
    ) -> None:
        try:
            self.service.set_cover(item_id, cover, note, edit_session=self.edit_session)
        except StoreError as error:
            self._show_error(error)

    def on_save_failed(self, error: BaseException) -> None:
        self._last_save_error = error
        self.editor.show_status(error_text(error), error=True)

    # --- review -------------------------------------------------------------------------
    def _current_state(self) -> ItemState | None:
        if self._current_id is None:
            return None
        row = self.model.row_of(self._current_id)
        summary = self.model.summary_at(row) if row is not None else None
        if summary is not None:
            return summary.state
        try:
            return self.store.get_summary(self._current_id).state
        except StoreError:
            return None

    def _show_acting(self) -> None:
        """Who is acting is always visible: the officer, or which leader."""
        session = self.leader_session
        if session is None:
            name = self.settings.officer or self.tr("(name not set: View → Unit information…)")
            text = self.tr("Acting: information officer %1").replace("%1", name)
            style = "padding:0 8px;color:#1a4d9c"
        else:
            text = self.tr("Acting: leader %1 (%2) — Ctrl+Shift+O returns to the officer")
            text = text.replace("%1", session.leader.name).replace("%2", session.leader.post)
            style = "padding:0 8px;color:#fff;background:#a50e0e;font-weight:bold"
        self.acting_label.setText(text)
        self.acting_label.setStyleSheet(style)

    def on_submit(self) -> None:
        """提交审核: validate, screen (off the GUI thread), then the officer confirms."""
        if self._current_id is None or not self._flush("manual"):
            return
        item_id = self._current_id
        service = self.service
        if self._editor is not None and any(p.is_error for p in self._editor.problems):
            self._editor.show_all_problems()  # what was shown quietly is now in red
            QMessageBox.information(
                self,
                self.tr("Submit for review"),
                self.tr(
                    "Some required information is missing or wrong (marked in red in the form). "
                    "Fix it first, then submit for review."
                ),
            )
            return
        self.statusBar().showMessage(self.tr("Checking the item before review…"))

        def work() -> tuple[Item, list[object]]:
            item = service.store.get_item(item_id)
            return item, service.screen(item)

        def done(result: tuple[Item, list[object]]) -> None:
            self.statusBar().clearMessage()
            item, findings = result
            if item_id != self._current_id:
                return
            from hnclient.ui.submit_dialog import SubmitDialog

            earlier = {
                str(note.get("fingerprint", "")): str(note.get("reason", ""))
                for note in service.submission_notes(item_id)
            }
            dialog = SubmitDialog(item.title, findings, self, previous=earlier)
            if dialog.exec() != SubmitDialog.DialogCode.Accepted:
                return
            if not self._flush("manual"):
                return
            try:
                outcome = service.submit(item_id, dialog.request())
            except Exception as error:  # noqa: BLE001 - officer errors speak for themselves
                self._show_error(error)
                return
            self.statusBar().showMessage(pick(outcome.message_zh, outcome.message_en), 8000)
            self.open_item(item_id)

        self.runner.run(work, done, self._on_failed_with_status)

    def _on_failed_with_status(self, error: BaseException) -> None:
        self.statusBar().clearMessage()
        self._show_error(error)

    def on_withdraw(self) -> None:
        if self._current_id is None:
            return
        try:
            outcome = self.service.withdraw(self._current_id)
        except Exception as error:  # noqa: BLE001
            self._show_error(error)
            return
        self.statusBar().showMessage(pick(outcome.message_zh, outcome.message_en), 5000)
        self.open_item(self._current_id)

    def on_leader_sign_in(self) -> bool:
        """A leader signs in with their PIN; the window then acts for them until signed out."""
        if not self._flush():
            return False
        leaders = self.service.leaders()
        if not leaders:
            answer = QMessageBox.question(
                self,
                self.tr("Sign in as leader"),
                self.tr(
                    "No leader is enrolled on this PC yet. Items can only be sent after a "
                    "responsible leader has signed them off.\n\nEnrol a leader now?"
                ),
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.on_leaders()
            leaders = self.service.leaders()
            if not leaders:
                return False
        from hnclient.ui.pin_prompt import ask_pin, leader_label

        if len(leaders) == 1:
            leader = leaders[0]
        else:
            labels = [leader_label(x.name, x.post) for x in leaders]
            chosen, ok = QInputDialog.getItem(
                self, self.tr("Sign in as leader"), self.tr("Who is reviewing?"), labels, 0, False
            )
            if not ok:
                return False
            leader = leaders[labels.index(chosen)]
        service = self.service
        session = ask_pin(
            self,
            self.runner,
            leader.name,
            leader.post,
            lambda pin: service.sign_in(leader.id, pin),
        )
        if session is None:
            return False
        self.leader_session = session
        self._show_acting()
        if self._current_id is not None:
            self.open_item(self._current_id)
        self._update_actions()
        return True

    def on_leader_sign_out(self) -> None:
        self.leader_session = None
        self._show_acting()
        if self._current_id is not None:
            self.open_item(self._current_id)
        self._update_actions()

    def on_review(self) -> None:
        """审核: the leader sees the item as it will be sent, then signs off or returns it."""
        if self._current_id is None or not self._flush():
            return
        if self.leader_session is None and not self.on_leader_sign_in():
            return
        session = self.leader_session
        assert session is not None
        item_id = self._current_id
        service = self.service
        self.statusBar().showMessage(self.tr("Preparing the review…"))

        def done(view: object) -> None:
            self.statusBar().clearMessage()
            from hnclient.service import ReviewView
            from hnclient.ui.review_dialog import ReviewDialog

            assert isinstance(view, ReviewView)
            if item_id != self._current_id or self.leader_session is not session:
                return
            dialog = ReviewDialog(service, self.runner, session, view, self)
            dialog.exec()
            if dialog.outcome == "approved":
                self.statusBar().showMessage(self.tr("Signed off."), 8000)
            elif dialog.outcome == "returned":
                self.statusBar().showMessage(self.tr("Returned to the officer."), 8000)
            self.open_item(item_id)

        self.runner.run(lambda: service.review_view(item_id), done, self._on_failed_with_status)

    def on_audit(self) -> None:
        if self._current_id is None:
            return
        from hnclient.ui.audit_dialog import AuditDialog

        item = self.store.get_item(self._current_id)
        AuditDialog(
            item.title or self.tr("(untitled)"),
            self.store.audit_entries(item.id),
            self.store.approvals(item.id),
            self,
        ).exec()

    def on_leaders(self) -> None:
        from hnclient.ui.leaders_dialog import LeadersDialog

        LeadersDialog(self.service, self.runner, self).exec()
        self.leaders_changed.emit()

    # --- helpers ------------------------------------------------------------------------
    def _update_actions(self) -> None:
        has_item = self._current_id is not None
        for action in (
            self.duplicate_action,
            self.delete_action,
            self.history_action,
            self.export_action,
        ):
            action.setEnabled(has_item)
        self.undo_delete_action.setEnabled(self._last_deleted is not None and not self.read_only)
        editable = self._editor is not None and not self._editor.is_read_only()
        self.save_action.setEnabled(has_item and editable)
        if self.leader_session is not None:  # a leader reviews; drafting is the officer's
            for action in (self.new_action, self.duplicate_action, self.delete_action):
                action.setEnabled(False)
        else:
            self.new_action.setEnabled(True)
        self.audit_action.setEnabled(has_item)
        state = self._current_state()
        leader = self.leader_session is not None
        self.submit_action.setEnabled(
            has_item
            and not leader
            and state is not None
            and allowed(state, Action.SUBMIT, Actor.OFFICER)
        )
        self.withdraw_action.setEnabled(
            has_item and not leader and state is ItemState.AWAITING_REVIEW
        )
        self.review_action.setEnabled(has_item and state is ItemState.AWAITING_REVIEW)
        self.leader_sign_out_action.setEnabled(leader)
        self.leader_sign_in_action.setEnabled(not leader)
        self.change_anyway_action.setEnabled(
            has_item
            and not leader
            and state in (ItemState.AWAITING_REVIEW, ItemState.APPROVED)
            and self._current_id not in self._unlocked
        )
        if self.read_only:  # nothing that writes: the data folder cannot be written
            for action in (
                self.new_action,
                self.duplicate_action,
                self.delete_action,
                self.save_action,
                self.submit_action,
                self.withdraw_action,
                self.review_action,
                self.change_anyway_action,
                self.leader_sign_in_action,
                self.leaders_action,
                self.demo_action,
            ):
                action.setEnabled(False)
            self.welcome_new_button.setEnabled(False)
        if self.sending is not None:
            self.sending.update_actions()

    # --- other processes, later starts ----------------------------------------------------
    def on_changed_elsewhere(self) -> None:
        """A command (``hnclient sync``, ``export``…) changed the store: show what it did."""
        self.reload_list()
        if self._current_id is None:
            return
        try:
            summary = self.store.get_summary(self._current_id)
        except StoreError:
            return  # purged elsewhere: the reloaded list no longer has it
        if summary.state != self._opened_state and self._flush():
            self.open_item(self._current_id)  # e.g. sent meanwhile: no longer editable
        else:
            self._refresh_banner()
            self._update_actions()

    def on_activated(self, files: list[str]) -> None:
        """The program was started again (maybe with files dropped on its icon): come
        forward, and attach the files to the item being edited."""
        state = self.windowState() & ~Qt.WindowState.WindowMinimized
        self.setWindowState(state | Qt.WindowState.WindowActive)
        self.show()
        self.raise_()
        self.activateWindow()
        if not files:
            return
        paths = [Path(f) for f in files]
        found = [p for p in paths if p.is_file()]
        missing = [p for p in paths if not p.is_file()]
        if missing:
            QMessageBox.warning(
                self,
                self.tr("Files not found"),
                self.tr("These files were not found (moved or deleted?):\n%1").replace(
                    "%1", "\n".join(str(p) for p in missing)
                ),
            )
        if not found:
            return
        names = "\n".join(p.name for p in found)
        if self.read_only:
            QMessageBox.information(
                self,
                self.tr("Cannot add files"),
                self.tr(
                    "The data folder cannot be written, so no file can be added now:\n%1"
                ).replace("%1", names),
            )
            return
        if self._current_id is None or self._editor is None or self._editor.is_read_only():
            QMessageBox.information(
                self,
                self.tr("Which item?"),
                self.tr(
                    "To add these files as attachments, first open an item that can be "
                    "changed (choose one in the list on the left, or File → New item), then "
                    "drop the files on the program's icon again, or drag them onto the "
                    "attachments area:\n%1"
                ).replace("%1", names),
            )
            return
        self.editor.attachments.add_paths(found)
        self.statusBar().showMessage(
            self.tr("Checking %1 file(s) to add them to the open item.").replace(
                "%1", str(len(found))
            ),
            8000,
        )

    def _store_settings(self) -> bool:
        """Write the settings; a folder that cannot be written is told in plain Chinese."""
        try:
            self._save_settings(self.settings)
        except OSError as error:
            self._show_error(error)
            return False
        return True

    def _show_error(self, error: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Something went wrong"), error_text(error))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self._flush():
            answer = QMessageBox.warning(
                self,
                self.tr("Could not save"),
                error_text(self._last_save_error or StoreError("save failed"))
                + "\n\n"
                + self.tr("Quit anyway? The changes that could not be saved will be lost."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.runner.wait()
        if self.sending is not None:
            self.sending.detach()
        self.bridge.detach()
        event.accept()
