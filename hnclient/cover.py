"""The WeChat cover photo: checked like any JPEG attachment, then kept in the attachment store.

The item refers to the stored copy by hash, so moving or deleting the officer's original file
changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hnclient.attaching import reference_for
from hnclient.attachments import AttachmentStore
from hnclient.checks import Limits, check_file
from hnclient.errors import OfficerError
from hnclient.items import AttachmentRef


class CoverRefused(OfficerError):
    """The chosen file cannot be the cover; the messages say why and what to do."""


def import_cover(
    store: AttachmentStore, path: Path, limits: Limits | None = None
) -> tuple[AttachmentRef, dict[str, Any]]:
    """Check ``path`` and store it; returns the cover reference and its check note.
    Raises CoverRefused."""
    verdict = check_file(path, limits)
    if not verdict.accepted:
        raise CoverRefused(verdict.message, verdict.message_en)
    if verdict.kind != "jpeg":
        raise CoverRefused(
            "封面必须是 JPG 格式的照片，请选择一张照片。",
            "The cover must be a JPG photo; please choose a photo.",
        )
    return reference_for(store, path, verdict)
