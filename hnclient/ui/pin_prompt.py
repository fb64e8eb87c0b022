"""Asking a leader for their PIN: the dialog stays open on a wrong PIN and shows the delay or
the lock the service reports; the check itself runs off the GUI thread (scrypt takes ~0.2 s).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QWidget

from hnclient.ui.i18n import error_text, pick
from hnclient.ui.pin_dialog import PinDialog
from hnclient.ui.tasks import TaskRunner

T = TypeVar("T")


def ask_pin(
    parent: QWidget,
    runner: TaskRunner,
    leader_name: str,
    leader_post: str,
    attempt: Callable[[str], T],
    *,
    prompt: str | None = None,
    new_pin: bool = False,
) -> T | None:
    """Show the PIN dialog until ``attempt(pin)`` succeeds (its result) or the leader
    cancels (None). ``attempt`` runs on a worker; its officer errors are shown in the dialog.
    """
    from hnclient.signing import LockedError, RetryDelayError, format_china_time

    dialog = PinDialog(leader_name, leader_post, new_pin=new_pin, prompt=prompt, parent=parent)
    result: list[T] = []

    def done(value: T) -> None:
        result.append(value)
        dialog.accept()

    def failed(error: BaseException) -> None:
        dialog.setEnabled(True)
        if isinstance(error, LockedError):
            dialog.set_locked(format_china_time(error.locked_until))
            return
        if isinstance(error, RetryDelayError):
            # The countdown says it; the same words twice would only confuse.
            dialog.show_error("")
            dialog.set_wait(max(1, math.ceil(error.wait_seconds)))
            return
        dialog.show_error(
            error_text(
                error,
                "操作没有完成（程序内部错误，详情已记入日志）。请重试；如果一直出现，请联系本县信息化技术人员。",
                f"The operation did not complete ({error}). Try again.",
            )
        )

    def on_submitted(pin: str) -> None:
        dialog.setEnabled(False)
        runner.run(lambda: attempt(pin), done, failed)

    dialog.submitted.connect(on_submitted)
    dialog.exec()
    return result[0] if result else None


def leader_label(name: str, post: str) -> str:
    return pick(f"{name}（{post}）", f"{name} ({post})") if post else name
