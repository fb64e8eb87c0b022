"""Format checks for attachments (issue 3, notice 南政办〔2015〕86号 六(五)).

The notice accepts text and tables as Word documents, photos as JPG and video as WMV; anything
else needs the prefecture office's agreement first. Whatever passes here reaches the office, so
files are judged by content, never by name, and every refusal tells the officer what to do.

Qt-free on purpose: the CLI and tests use it without a display. The checkers (and Pillow,
which the JPEG checker needs) load on the first :func:`check_file`, not on import: the county
preset reads :class:`Limits` while the window starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hnclient.checks.limits import Limits
from hnclient.checks.verdict import CheckWarning, Verdict

if TYPE_CHECKING:
    from hnclient.checks.files import UNSUPPORTED_ADVICE, check_file

__all__ = ["CheckWarning", "Limits", "Verdict", "check_file", "UNSUPPORTED_ADVICE"]


def __getattr__(name: str) -> Any:
    if name in ("check_file", "UNSUPPORTED_ADVICE"):
        from hnclient.checks import files

        return getattr(files, name)
    raise AttributeError(f"module 'hnclient.checks' has no attribute {name!r}")
