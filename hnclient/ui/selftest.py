"""The window's part of ``hnclient selftest``: Qt starts, and the Chinese translation loads.

Uses the platform Qt would use for the window (the self-test picks ``offscreen`` when there
is no display), so a missing platform plugin in an installed bundle shows up here too.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtWidgets import QApplication

from hnclient.selftest import SelfTestState, Step, StepFailed
from hnclient.ui.i18n import resources_dir

#: A source string of the main window and its Chinese (resources/translations/*.ts).
PROBE = ("MainWindow", "&File", "文件(&F)")


def _translation(state: SelfTestState) -> str:
    """Our translations and Qt's own load and translate, judged on translators of the step's
    own: a running application's language is left as it was."""
    app = QApplication.instance() or QApplication(["hnclient", "selftest"])
    assert isinstance(app, QApplication)
    platform = QApplication.platformName()
    folder = resources_dir() / "translations"
    ours = QTranslator()
    try:
        data = (folder / "hnclient_zh_CN.qm").read_bytes()
    except OSError:
        data = b""
    context, source, expected = PROBE
    got = ours.translate(context, source) if data and ours.load(data) else None
    if got != expected:
        raise StepFailed(
            f"中文界面翻译没有加载（“{source}”应译为“{expected}”，实际为“{got or source}”；"
            f"翻译文件：{folder}）"
        )
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not QTranslator().load("qtbase_zh_CN", qt_dir):
        raise StepFailed(f"Qt 自带的中文翻译 qtbase_zh_CN 没有加载（应在 {qt_dir}）")
    return f"界面中文和 Qt 中文均已加载（显示平台 {platform}）"


def _window_modules(state: SelfTestState) -> str:
    """Every module of the window imports: a Qt module left out of a bundle (QtNetwork for the
    single-instance hand-over, say) would otherwise show only when an officer opens it."""
    import importlib
    import pkgutil

    import hnclient.ui as ui

    names = sorted(info.name for info in pkgutil.walk_packages(ui.__path__, prefix="hnclient.ui."))
    if len(names) < 10:
        raise StepFailed(f"窗口程序的模块不全（只找到 {len(names)} 个），请重新安装本程序")
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:  # noqa: BLE001 - named in the report, whatever it is
            raise StepFailed(
                f"窗口程序的模块 {name} 无法加载（{type(error).__name__}：{error}），"
                "请重新安装本程序"
            ) from error
    return f"{len(names)} 个窗口模块均可加载"


STEPS: list[Step] = [
    ("加载中文界面翻译", _translation),
    ("加载窗口程序的全部模块", _window_modules),
]
