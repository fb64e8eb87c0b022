"""Unexpected exceptions: logged with their traceback, then a Chinese dialog — never a silent
failure, never a lost draft.

:class:`CrashReporter` replaces ``sys.excepthook`` (which PySide6 also calls for an exception
in a Qt slot or an overridden virtual method) and ``threading.excepthook``. The hooks run on
whatever thread failed: they only log and post a queued signal; on the GUI thread the reporter
first saves what is typed (the autosave flush), then opens the dialog saying what happened,
that the drafts are saved (or, honestly, that the save failed and the text is still in the
window) and where the log is. Further errors while the dialog is open are logged and counted,
not stacked as more dialogs.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from hnclient.ui.i18n import pick

log = logging.getLogger(__name__)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CrashReporter(QObject):
    """Install with :meth:`install`; ``flush`` saves pending edits (True when nothing is left
    unsaved), ``parent`` is the window the dialog belongs to."""

    #: (exception type name, where: "" for the GUI thread or the thread's name)
    _reported = Signal(str, str)

    def __init__(
        self,
        parent: QWidget | None,
        log_file: Path,
        flush: Callable[[], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = parent
        self.log_file = log_file
        self._flush = flush
        self.dialog: QMessageBox | None = None
        #: Errors that came while the dialog was open (logged, not shown again).
        self.more = 0
        self._previous: tuple[object, object] | None = None
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        if self._previous is None:
            self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    # -- the hooks (any thread) -----------------------------------------------------------

    def excepthook(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        log.critical("unexpected error", exc_info=(kind, error, tb))
        self._reported.emit(kind.__name__, "")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        exc = args.exc_value if args.exc_value is not None else args.exc_type()
        log.critical(
            "unexpected error in thread %s", name, exc_info=(args.exc_type, exc, args.exc_traceback)
        )
        self._reported.emit(args.exc_type.__name__, name)

    # -- on the GUI thread ----------------------------------------------------------------

    def _show(self, kind: str, where: str) -> None:
        if self.dialog is not None:
            self.more += 1
            return
        saved: bool | None = None
        if self._flush is not None:
            try:
                saved = self._flush()
            except Exception:  # noqa: BLE001 - the report must come even if saving fails
                log.exception("saving after the unexpected error failed")
                saved = False
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(pick("程序出错", "Unexpected error"))
        box.setText(crash_text(kind, self.log_file, saved))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        open_folder = box.addButton(
            pick("打开日志文件夹", "Open the log folder"), QMessageBox.ButtonRole.ActionRole
        )
        box.addButton(QMessageBox.StandardButton.Ok)
        open_folder.clicked.connect(self.open_log_folder)
        box.finished.connect(self._closed)
        self.dialog = box
        box.open()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def open_log_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))


def crash_text(kind: str, log_file: Path, saved: bool | None) -> str:
    """The dialog's text: what happened, what became of the drafts, where the log is."""
    if saved is True:
        drafts_zh = "您正在编辑的内容已经自动保存，没有丢失；已保存的草稿都不受影响。"
        drafts_en = "What you were editing has been saved; your saved drafts are not affected."
    elif saved is False:
        drafts_zh = (
            "您正在编辑的内容这一次没有保存成功，但仍在窗口中：请不要关闭程序，"
            "稍后再点“保存”；已保存的草稿都不受影响。"
        )
        drafts_en = (
            "Saving what you were editing failed this time, but it is still in the window: do "
            "not close the program, and save again shortly. Saved drafts are not affected."
        )
    else:
        drafts_zh = "已保存的草稿都不受影响。"
        drafts_en = "Your saved drafts are not affected."
    return pick(
        f"程序遇到了一个意外的错误（{kind}），刚才的操作可能没有完成。\n\n{drafts_zh}\n\n"
        f"错误的详细情况已记入日志文件：\n{log_file}\n"
        "如果问题再次出现，请把这个文件交给本县信息化技术人员。\n\n"
        "程序可以继续使用；如果再次出错，请关闭程序后重新打开。",
        f"The program met an unexpected error ({kind}); the last action may not have "
        f"completed.\n\n{drafts_en}\n\nThe details are in the log file:\n{log_file}\n"
        "If it happens again, give that file to your county IT staff.\n\n"
        "You can keep working; if the error comes back, close and reopen the program.",
    )


def run_guarded(run: Callable[[], int], log_file: Path | None = None) -> int:
    """``run()`` (the window's whole life), with an exception that escapes it — before the
    window's own reporter exists, or after it is gone — logged and shown, not lost in a
    console an officer never sees. Returns ``run``'s exit code, or 1 after such an error."""
    try:
        return run()
    except Exception as error:  # noqa: BLE001 - the last place to tell anyone
        log.critical("the window stopped on an unexpected error", exc_info=True)
        if log_file is None:
            from hnclient.logs import LOG_FILE
            from hnclient.paths import app_paths

            log_file = app_paths().logs / LOG_FILE
        from PySide6.QtWidgets import QApplication

        if QApplication.instance() is not None:
            QMessageBox.critical(
                None, pick("程序出错", "Unexpected error"),
                crash_text(type(error).__name__, log_file, None),
            )  # fmt: skip
        return 1
