"""设置 → 导入县级预设…: choose a preset file, see what it sets, install its per-user part.

The work is the core's (:func:`hnclient.preset.plan_import`, ``install_user_preset`` through
the client context); this module only asks, shows and forwards. What only the machine-wide
preset may set (endpoint, CA certificate, self-approval, extra formats) is listed as not
applied: that needs county IT with administrator rights.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hnclient.preset import ImportPlan, Preset
from hnclient.ui.i18n import error_text, pick
from hnclient.ui.tasks import TaskRunner

PlanWork = Callable[[Path], ImportPlan]
InstallWork = Callable[[ImportPlan], Preset]


class PresetImportDialog(QDialog):
    """What importing ``plan`` sets for this user, and what it leaves to county IT."""

    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import county preset"))
        layout = QVBoxLayout(self)
        applied = [pick(zh, en) for zh, en in plan.applied()]
        lines = [self.tr("File: %1").replace("%1", str(plan.source)), ""]
        if applied:
            lines.append(self.tr("Importing sets for you:"))
            lines += [f"  • {line}" for line in applied]
            if "limits" in plan.user_data:
                lines.append(
                    self.tr("Size limits can only be stricter than this PC's, never looser.")
                )
        else:
            lines.append(self.tr("The file holds nothing that you can import for yourself."))
        if plan.not_applied:
            names = pick("；", "; ").join(pick(*shown) for shown in plan.not_applied_shown)
            lines += [
                "",
                self.tr(
                    "Not applied: %1. These settings hold for the whole PC and only county IT "
                    "installs them (with administrator rights, by the installer)."
                ).replace("%1", names),
            ]
        self.summary = QLabel("\n".join(lines), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(self)
        self.import_button: QPushButton = buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setEnabled(bool(applied))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)


class PresetImporter(QObject):
    """The menu action's flow; ``imported(Preset)`` once a preset was installed."""

    imported = Signal(object)

    def __init__(
        self, window: QWidget, runner: TaskRunner, plan: PlanWork, install: InstallWork
    ) -> None:
        super().__init__(window)
        self._window = window
        self._runner = runner
        self._plan = plan
        self._install = install
        self.dialog: PresetImportDialog | None = None

    def title(self) -> str:
        return self.tr("Import county preset")

    def choose(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self._window, self.title(), "", self.tr("Preset files (*.json);;All files (*)")
        )
        if name:
            self.start(Path(name))

    def start(self, path: Path) -> None:
        """Validate ``path`` in the background, then show what it will set."""
        self._runner.run(lambda: self._plan(path), self._show_plan, self._refused)

    def _show_plan(self, plan: ImportPlan) -> None:
        dialog = PresetImportDialog(plan, self._window)
        dialog.accepted.connect(lambda: self._runner.run(
            lambda: self._install(plan), self._done, self._refused
        ))  # fmt: skip
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()

    def _done(self, preset: Preset) -> None:
        self.dialog = None
        self.imported.emit(preset)
        QMessageBox.information(
            self._window,
            self.title(),
            self.tr("The preset was imported; it applies from now on."),
        )

    def _refused(self, error: BaseException) -> None:
        self.dialog = None
        QMessageBox.warning(
            self._window,
            self.title(),
            error_text(
                error,
                f"预设没有导入（{error}）。",
                f"The preset was not imported ({error}).",
            ),
        )
