"""Language of the window: Qt translation files for widget text, a zh/en pick for core text.

Source strings in the widgets are English (Qt's convention); Simplified Chinese comes from
``resources/translations/hnclient_zh_CN.qm`` and is the default. The Qt-free core returns both
languages for its messages, and :func:`pick` chooses the one the window speaks.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import MutableMapping
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from hnclient.errors import officer_messages

log = logging.getLogger(__name__)
_language = "zh_CN"
_installed: list[QTranslator] = []
#: The .qm bytes the installed translators read from (Qt does not copy them).
_qm_data: list[bytes] = []


def resources_dir() -> Path:
    """``resources/`` in a checkout, or next to the frozen executable's data."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def current_language() -> str:
    return _language


def pick(zh: str, en: str) -> str:
    return en if _language == "en" else zh


def error_text(error: BaseException, fallback_zh: str, fallback_en: str) -> str:
    """The officer-facing text of an exception, or the caller's fallback for a plain bug."""
    messages = officer_messages(error)
    if messages is None:
        # A bug, not a message: its (English) text goes to the log, not to the officer.
        log.error("unexpected error shown as a plain message", exc_info=error)
        return pick(fallback_zh, fallback_en)
    return pick(*messages)


CHINESE_LOCALE = "zh_CN.UTF-8"


def prefer_chinese_system_locale(language: str, environ: MutableMapping[str, str]) -> None:
    """Qt's own dialogs format dates and sizes by the *system* locale (the file dialog showed
    "30 11 2026" and "0 bytes" on a Linux session in English or C), not by the language chosen
    here. On Linux, ask for Chinese dates, numbers and messages before the application starts.
    Windows takes the system's own (Chinese on county PCs); English stays as the system has it."""
    if language == "en" or not sys.platform.startswith("linux"):
        return
    current = environ.get("LC_ALL") or environ.get("LC_TIME") or environ.get("LANG") or ""
    if current.startswith("zh"):
        return
    for name in ("LC_TIME", "LC_NUMERIC", "LC_MESSAGES"):
        environ[name] = CHINESE_LOCALE
    if environ.get("LC_ALL"):
        environ["LC_ALL"] = CHINESE_LOCALE


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load our and Qt's own translations, replacing any loaded before; returns them."""
    global _language
    _language = language
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    _qm_data.clear()
    installed = _installed
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return []
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    # Loaded from bytes kept in memory, not from the file: Qt maps a .qm file it loads, and
    # an update that rewrites the file under a running window would pull the strings away
    # from under it (English text, then a crash).
    # Ours, and the strings of Qt's own widgets that Qt's translation leaves in English.
    for name in (f"hnclient_{language}.qm", f"qt_gaps_{language}.qm"):
        translator = QTranslator(app)
        try:
            data = (resources_dir() / "translations" / name).read_bytes()
        except OSError:
            data = b""
        if data and translator.load(data):
            _qm_data.append(data)
            app.installTranslator(translator)
            installed.append(translator)
    qt_base = QTranslator(app)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt_base.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    return list(installed)
