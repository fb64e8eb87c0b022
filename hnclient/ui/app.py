"""Starting the window: translations, the client context, crash recovery, main window.

Every failure on the way is turned into a plain-Chinese message box, never a traceback: an
officer cannot act on a traceback. :class:`hnclient.context.ClientContext` opens and closes the
parts without showing anything, so tests can build, tear down and rebuild the window the way a
restart does.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from hnclient.context import ClientContext, StartupError
from hnclient.instance import WindowLock, server_name
from hnclient.items import AttachmentRef
from hnclient.paths import AppPaths, app_paths
from hnclient.settings import Settings
from hnclient.ui import script_fonts
from hnclient.ui.editor.services import EditorServices
from hnclient.ui.i18n import install_translators, pick, prefer_chinese_system_locale
from hnclient.ui.input_method import apply_input_method_fallback
from hnclient.ui.main_window import MainWindow

if TYPE_CHECKING:
    from hnclient.attaching import AddOutcome, Remedy
    from hnclient.ui.single_instance import InstanceServer

log = logging.getLogger(__name__)


def editor_services(context: ClientContext) -> EditorServices:
    """Callables for the editor; the modules behind them load on first use."""
    store = context.attachments
    scratch = context.paths.data / "scratch"
    # The limits are read at each use: an imported preset applies without a restart.

    def import_cover_file(path: Path) -> tuple[AttachmentRef, dict[str, Any]]:
        from hnclient.cover import import_cover

        return import_cover(store, path, context.preset.limits)

    def add_attachment(path: Path) -> AddOutcome:
        from hnclient.attaching import add_file

        return add_file(store, path, context.preset.limits)

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
            limits=context.preset.limits,
        )

    return EditorServices(
        import_cover=import_cover_file,
        locate_attachment=context.attachment_path,
        add_attachment=add_attachment,
        apply_remedy=remedy,
    )


def build_window(context: ClientContext) -> MainWindow:
    # A read-only data folder has no session marker: nothing is edited there.
    edit_session = context.session.session_id if context.session else "read-only"
    window = MainWindow(
        service=context.service,
        forms=context.forms,
        edit_session=edit_session,
        settings=context.settings,
        save_settings=context.save_settings,
        services=editor_services(context),
        preview_renderer=context.render_preview,
        default_unit=context.preset.unit,
        recovered_ids=frozenset(context.recovered_ids),
        on_editing=context.session.note_editing if context.session else None,
    )
    window.load_initial_list()
    return window


__all__ = ["ClientContext", "StartupError", "build_window", "editor_services", "run_gui"]


def recovery_message(window: MainWindow, count: int) -> str:
    return pick(
        f"上次程序没有正常关闭（可能是断电、死机或被强行结束）。\n"
        f"已恢复 {count} 条自动保存的信息，最后约 2 秒内的输入可能丢失，请核对。",
        f"The program was not closed normally last time (power cut, crash or forced exit).\n"
        f"{count} automatically saved item(s) were recovered; at most the last 2 seconds of "
        "typing may be missing. Please check them.",
    )


def already_running_message() -> str:
    return pick(
        "信息报送客户端已经打开，但没有响应。请稍等片刻再试；"
        "如果一直这样，请在任务管理器中结束“hnclient”后重新打开。",
        "The client is already open but does not answer. Wait a moment and try again; if it "
        "stays like this, end “hnclient” in the task manager and start it again.",
    )


def claim_window(
    window: MainWindow, paths: AppPaths, server: InstanceServer | None = None
) -> InstanceServer:
    """Make ``window`` the one later starts talk to (the caller holds the window lock);
    ``server`` already listening since the start hands over what it heard meanwhile."""
    from hnclient.ui.single_instance import InstanceServer

    if server is None:
        server = InstanceServer(server_name(paths.data), window)
    else:
        server.setParent(window)
    server.activated.connect(window.on_activated)
    for files in server.take_early():
        window.on_activated(files)
    return server


def run_gui(argv: list[str] | None = None, files: list[str] | None = None) -> int:
    """The window; ``files`` were given on the command line (a photo dropped on the icon).

    When a window already runs for this user and data folder, it is brought forward and
    takes the files, and this start ends (exit 0)."""
    apply_input_method_fallback()
    QCoreApplication.setOrganizationName("HainanZhou")
    QCoreApplication.setApplicationName("hnclient")
    paths = app_paths()
    settings = Settings.load(paths.config / "settings.json")
    prefer_chinese_system_locale(settings.language, os.environ)  # before Qt reads it
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    assert isinstance(app, QApplication)
    install_translators(app, settings.language)
    script_fonts.install(app)  # Tibetan as large as Chinese from the first message box on
    title = pick("海南州政务信息报送客户端", "Hainan Prefecture Information Client")
    files = [str(Path(f).absolute()) for f in files or []]
    # QtNetwork loads here, not with the window's modules (the first paint waits for those).
    from hnclient.ui.single_instance import InstanceServer, hand_over

    lock = WindowLock(paths)
    if not lock.acquire():
        if hand_over(server_name(paths.data), files):
            log.info("handed %d file(s) to the running window", len(files))
            return 0
        QMessageBox.warning(None, title, already_running_message())
        return 1
    # Listening at once: a second start while this one still opens is answered, not refused.
    server = InstanceServer(server_name(paths.data))
    server.keep_early()
    try:
        return _run_window(app, paths, title, files, server)
    finally:
        server.close()
        lock.release()


def _run_window(
    app: QApplication, paths: AppPaths, title: str, files: list[str], server: InstanceServer
) -> int:
    try:
        context = ClientContext.open(paths)
    except StartupError as error:
        QMessageBox.critical(None, title, pick(error.message_zh(), error.message_en()))
        return 1
    try:
        window = build_window(context)
        claim_window(window, paths, server)
        from hnclient.ui.installation import attach

        installation = attach(window, context)  # preset import, About facts, crash reports
        window.showMaximized()  # county PCs often have 1366×768 screens: use all of it
        # Ctrl+C in the terminal (`make run`) closes the window as its close button does:
        # what is typed is saved first. Python sees the signal only when it runs: the tick.
        signal.signal(signal.SIGINT, lambda *_: QApplication.closeAllWindows())
        tick = QTimer(window)
        tick.timeout.connect(lambda: None)
        tick.start(250)
        for zh, en in context.notices:
            QMessageBox.warning(window, title, pick(zh, en))
        if not context.verified:

            def on_checked(message: tuple[str, str] | None) -> None:
                if message:
                    QMessageBox.warning(window, title, pick(*message))

            window.runner.run(context.check_integrity, on_checked)
        if context.recovered_ids:
            window.open_recovered(context.recovered_ids)
            QMessageBox.information(
                window, title, recovery_message(window, len(context.recovered_ids))
            )
        if files:  # opened with files (dropped on the icon) and no window was running
            window.on_activated(files)
        if context.settings.needs_first_start() and not context.read_only:
            # Once, on the very first start: the unit's contacts (skippable, later under 查看).
            window.on_unit_info(first_start=True)
        from hnclient.ui.sending_start import enable_demo, start_sending

        # A read-only data folder cannot record what was sent: no sending there.
        sessions = [None if context.read_only else start_sending(window, context)]
        if sessions[0] is None and not context.preset.sending_configured and not context.read_only:

            def demo() -> None:
                sessions.append(enable_demo(window, context))
                window.set_demo_available(not any(sessions))

            window.demo_requested.connect(demo)
            window.set_demo_available(True)
        # Stopped (Ctrl+C) while a start-up question was open: nothing left to run.
        code = app.exec() if window.isVisible() else 0
        for session in sessions:
            if session is not None:
                session.stop()
        installation.crashes.uninstall()
    finally:
        context.close()
    return int(code)
