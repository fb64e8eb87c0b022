"""The window's self-test step: our and Qt's Chinese translations load into Qt."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from hnclient.selftest import SelfTestState, StepFailed
from hnclient.ui import selftest


def test_translation_step_passes(qapp: QApplication, tmp_path: Path) -> None:
    detail = selftest._translation(SelfTestState(home=tmp_path, samples=tmp_path))
    assert "界面中文和 Qt 中文均已加载" in detail
    # the running application's language is left alone (Chinese here: tests' chinese_ui)
    assert qapp.translate("MainWindow", "&File") == "文件(&F)"


def test_missing_translation_is_named(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selftest, "resources_dir", lambda: tmp_path)
    with pytest.raises(StepFailed, match="中文界面翻译没有加载"):
        selftest._translation(SelfTestState(home=tmp_path, samples=tmp_path))


def test_window_modules_step_imports_every_module(qapp: QApplication, tmp_path: Path) -> None:
    detail = selftest._window_modules(SelfTestState(home=tmp_path, samples=tmp_path))
    assert "个窗口模块均可加载" in detail
    import sys

    assert "hnclient.ui.single_instance" in sys.modules  # the one that needs QtNetwork


def test_a_module_that_cannot_load_is_named(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    real = importlib.import_module

    def without_qtnetwork(name: str, package: str | None = None) -> object:
        if name == "hnclient.ui.single_instance":
            raise ImportError("No module named 'PySide6.QtNetwork'")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_qtnetwork)
    with pytest.raises(StepFailed, match="hnclient.ui.single_instance 无法加载.*QtNetwork"):
        selftest._window_modules(SelfTestState(home=tmp_path, samples=tmp_path))
