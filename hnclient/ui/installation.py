"""The installation's side of the window: 设置 → 导入县级预设…, the About dialog's facts, and
the crash reporter — attached to a built window with the running client context, in one call
(:func:`attach`), so the window itself only offers the hooks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMenu

from hnclient.logs import LOG_FILE
from hnclient.preset import Preset
from hnclient.support import installation_facts
from hnclient.ui.crash import CrashReporter
from hnclient.ui.preset_import import PresetImporter

if TYPE_CHECKING:
    from hnclient.context import ClientContext
    from hnclient.ui.main_window import MainWindow


class Installation(QObject):
    def __init__(self, window: MainWindow, context: ClientContext) -> None:
        super().__init__(window)
        self.window = window
        window.about_facts = lambda: installation_facts(
            context.paths, context.preset, demo_sending=context.settings.demo_sending == "on"
        )
        window.columns_for = lambda category: (
            context.preset.columns_for(category) if context.preset.columns else None
        )
        self.importer = PresetImporter(
            window, window.runner, context.plan_preset_import, context.import_preset
        )
        self.importer.imported.connect(self._on_imported)
        self.settings_menu = QMenu(self.tr("&Settings"), window)
        self.import_action = self.settings_menu.addAction(self.tr("&Import county preset…"))
        self.import_action.triggered.connect(self.importer.choose)
        bar = window.menuBar()
        help_menu = None
        for action in bar.actions():
            menu = action.menu()
            if isinstance(menu, QMenu) and window.about_action in menu.actions():
                help_menu = action
        if help_menu is not None:
            bar.insertMenu(help_menu, self.settings_menu)
        else:
            bar.addMenu(self.settings_menu)
        self.crashes = CrashReporter(
            window, context.paths.logs / LOG_FILE, window.save_pending_edits
        )

    def _on_imported(self, preset: Preset) -> None:
        self.window.set_default_unit(preset.unit)


def attach(window: MainWindow, context: ClientContext) -> Installation:
    """Add the preset import and the About facts to ``window`` and install the crash
    reporter (undo with ``installation.crashes.uninstall()``)."""
    installation = Installation(window, context)
    installation.crashes.install()
    return installation
