"""TaskRunner: outcomes come back on the GUI thread — and never to a window that is gone."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from hnclient.ui.tasks import TaskRunner


@pytest.mark.parametrize("fails", [False, True])
def test_no_callback_after_the_owner_was_deleted(qtbot: QtBot, fails: bool) -> None:
    owner = QWidget()
    runner = TaskRunner(owner)
    release = threading.Event()
    called: list[object] = []

    def work() -> str:
        release.wait(10)
        if fails:
            raise OSError("the store was closed under the task")
        return "done"

    runner.run(work, called.append, called.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(owner))
    release.set()
    assert runner.wait()
    for _ in range(3):
        QApplication.processEvents()
    assert called == []


def test_outcomes_reach_a_living_owner(qtbot: QtBot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    runner = TaskRunner(owner)
    results: list[object] = []
    runner.run(lambda: 42, results.append)
    runner.run(lambda: 1 / 0, None, results.append)
    qtbot.waitUntil(lambda: len(results) == 2)
    assert 42 in results and any(isinstance(r, ZeroDivisionError) for r in results)
