"""Starting the window: paths, settings, translations, store, crash recovery, main window.

Every failure on the way is turned into a plain-Chinese message box, never a traceback: an
officer cannot act on a traceback. :class:`ClientContext` opens and closes the parts without
showing anything, so tests can build, tear down and rebuild the window the way a restart does.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from hnclient.attachments import AttachmentStore
from hnclient.forms import FormDef, FormDefinitionError, load_forms
from hnclient.items import Item
from hnclient.logs import configure_logging
from hnclient.paths import AppPaths, DataDirError, app_paths
from hnclient.preset import Preset, PresetError, load_preset
from hnclient.recovery import Session
from hnclient.settings import Settings
from hnclient.storage import Store, StoreError
from hnclient.ui.editor.services import EditorServices
from hnclient.ui.i18n import install_translators, pick
from hnclient.ui.input_method import apply_input_method_fallback
from hnclient.ui.main_window import MainWindow

if TYPE_CHECKING:
    from hnclient.attaching import AddOutcome, Remedy

log = logging.getLogger(__name__)


class StartupError(Exception):
    """Startup cannot continue; ``text`` is what the officer is told."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass
class ClientContext:
    """The opened parts of one run of the client."""

    paths: AppPaths
    settings: Settings
    store: Store
    forms: dict[str, FormDef]
    session: Session
    attachments: AttachmentStore
    preset: Preset = field(default_factory=Preset)
    recovered_ids: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    verified: bool = True

    @classmethod
    def open(cls, paths: AppPaths | None = None) -> ClientContext:
        paths = paths or app_paths()
        try:
            paths.ensure()
        except DataDirError as error:
            raise StartupError(pick(error.message_zh(), error.message_en())) from error
        configure_logging(paths.logs)
        settings = Settings.load(paths.config / "settings.json")
        notices: list[str] = []
        try:
            preset = load_preset()
        except PresetError as error:
            log.error("preset refused: %s", error.message_en())
            notices.append(pick(error.message_zh(), error.message_en()))
            preset = Preset()
        try:
            forms = load_forms()
        except FormDefinitionError as error:
            raise StartupError(
                pick(
                    f"程序自带的表单定义有误，无法启动：{error}。请联系本县信息化技术人员重新安装程序。",
                    f"A form definition shipped with the program is broken: {error}. "
                    "Please ask your IT staff to reinstall the program.",
                )
            ) from error
        # The full page check costs ~5 ms per 1,000 items: at start only when there is reason
        # to doubt the file (the last run was killed, or a background check found damage);
        # otherwise it runs in the background once the window is up (check_integrity).
        suspect = paths.integrity_flag.exists()
        verify = suspect or Session.previous_run_unclean(paths.session_marker)
        try:
            store = Store.open(paths.database, verify=verify)
        except StoreError as error:
            raise StartupError(pick(error.message_zh(), error.message_en())) from error
        if verify and suspect:
            paths.integrity_flag.unlink(missing_ok=True)
        if store.recovered_from_corruption is not None:
            moved = store.recovered_from_corruption
            notices.append(
                pick(
                    f"数据文件已损坏，无法读取。为保护其中的内容，程序没有覆盖它，而是把它移到了：\n{moved}\n"
                    "现在使用一个新的空白数据文件。请把上面这个文件交给本县信息化技术人员尝试修复。",
                    f"The data file was damaged and could not be read. It was not overwritten but "
                    f"moved to:\n{moved}\nA new, empty data file is in use now. Please give that "
                    "file to your IT staff for repair.",
                )
            )
        attachments = AttachmentStore(paths.attachments)
        # Copies cut off by a kill are never finished; without this they fill the disk.
        attachments.remove_leftovers()
        session = Session.begin(paths.session_marker)
        recovered: list[str] = []
        if session.recovering:
            summaries = [
                summary
                for session_id in session.recovering
                for summary in store.items_edited_in_session(session_id)
            ]
            summaries.sort(key=lambda s: s.updated_at, reverse=True)
            recovered = list(dict.fromkeys(s.id for s in summaries))
        log.info(
            "started: %d items, previous run %s",
            store.count_items(),
            "ended cleanly" if session.previous is None else "did not end cleanly",
        )
        return cls(
            paths=paths,
            settings=settings,
            store=store,
            forms=forms,
            session=session,
            attachments=attachments,
            preset=preset,
            recovered_ids=recovered,
            notices=notices,
            verified=verify,
        )

    @property
    def unit(self) -> str:
        """The officer's own setting, else the county preset's (not copied into settings, so
        a corrected preset reaches everyone who never set their own)."""
        return self.settings.unit or self.preset.unit

    def check_integrity(self) -> str | None:
        """The page check skipped at start (worker thread). A message when damage is found.

        The damaged file cannot be swapped while it is open, so the next start is told to
        check it fully (and move it aside if it is bad) and the officer is asked to restart.
        """
        problems = self.store.integrity_problems()
        if not problems:
            return None
        log.error("database integrity check failed: %s", "; ".join(problems[:5]))
        self.paths.integrity_flag.write_text("\n".join(problems[:20]), encoding="utf-8")
        return pick(
            "检查发现本机的数据文件有损坏。请先用“导出报送包”备份正在处理的信息，然后关闭并重新打开"
            "程序：程序会把损坏的文件移到一旁保存（不会删除），再新建数据文件。",
            "The data file on this PC is damaged. Export the items you are working on, then "
            "close and reopen the program: it will move the damaged file aside (not delete it) "
            "and start a new one.",
        )

    def save_settings(self, settings: Settings) -> None:
        settings.save(self.paths.config / "settings.json")

    def attachment_path(self, sha256: str) -> Path | None:
        return self.attachments.path_for(sha256) if self.attachments.has(sha256) else None

    def export(self, item: Item, form: FormDef, target: Path) -> Path:
        from hnclient.export import export_item

        return export_item(item, form, self.attachments, target, unit=self.unit)

    def render_preview(self, item: Item, mode: str) -> str:
        from hnclient.word import render_html

        form = self.forms[item.category]
        return render_html(
            item,
            form,
            self.attachments,
            mode="page" if mode == "page" else "wechat",
            unit=self.unit,
        )

    def editor_services(self) -> EditorServices:
        """Callables for the editor; the modules behind them load on first use."""
        store = self.attachments
        scratch = self.paths.data / "scratch"
        limits = self.preset.limits

        def import_cover_file(path: Path) -> dict[str, Any]:
            from hnclient.cover import import_cover

            return import_cover(store, path, limits)

        def add_attachment(path: Path) -> AddOutcome:
            from hnclient.attaching import add_file

            return add_file(store, path, limits)

        def remedy(
            path: Path, kind: Remedy, progress: Callable[[float], None], cancel: threading.Event
        ) -> AddOutcome:
            from hnclient.attaching import apply_remedy

            return apply_remedy(
                store,
                path,
                kind,
                work_dir=scratch,
                on_progress=progress,
                cancel=cancel,
                limits=limits,
            )

        return EditorServices(
            import_cover=import_cover_file,
            locate_attachment=self.attachment_path,
            add_attachment=add_attachment,
            apply_remedy=remedy,
        )

    def build_window(self) -> MainWindow:
        window = MainWindow(
            store=self.store,
            forms=self.forms,
            edit_session=self.session.session_id,
            settings=self.settings,
            save_settings=self.save_settings,
            services=self.editor_services(),
            exporter=self.export,
            preview_renderer=self.render_preview,
            default_unit=self.preset.unit,
            recovered_ids=frozenset(self.recovered_ids),
        )
        window.load_initial_list()
        return window

    def close(self) -> None:
        self.store.close()
        self.session.end()


def recovery_message(window: MainWindow, count: int) -> str:
    return pick(
        f"上次程序没有正常关闭（可能是断电、死机或被强行结束）。\n"
        f"已恢复 {count} 条自动保存的信息，最后约 2 秒内的输入可能丢失，请核对。",
        f"The program was not closed normally last time (power cut, crash or forced exit).\n"
        f"{count} automatically saved item(s) were recovered; at most the last 2 seconds of "
        "typing may be missing. Please check them.",
    )


def run_gui(argv: list[str] | None = None) -> int:
    apply_input_method_fallback()
    QCoreApplication.setOrganizationName("HainanZhou")
    QCoreApplication.setApplicationName("hnclient")
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    settings = Settings.load(app_paths().config / "settings.json")
    install_translators(app, settings.language)
    title = pick("海南州政务信息报送客户端", "Hainan Prefecture Information Client")
    try:
        context = ClientContext.open()
    except StartupError as error:
        QMessageBox.critical(None, title, error.text)
        return 1
    try:
        window = context.build_window()
        window.showMaximized()  # county PCs often have 1366×768 screens: use all of it
        for notice in context.notices:
            QMessageBox.warning(window, title, notice)
        if not context.verified:

            def on_checked(message: str | None) -> None:
                if message:
                    QMessageBox.warning(window, title, message)

            window.runner.run(context.check_integrity, on_checked)
        if context.recovered_ids:
            window.open_recovered(context.recovered_ids)
            QMessageBox.information(
                window, title, recovery_message(window, len(context.recovered_ids))
            )
        code = app.exec()
    finally:
        context.close()
    return int(code)
