"""What the editor may ask of the core, as plain callables (run on worker threads).

Kept free of heavy imports: the main window names this type before any editor exists.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hnclient.attaching import AddOutcome, Remedy
    from hnclient.items import AttachmentRef

#: A checked and stored cover photo: its reference and the check's note.
CoverImporter = Callable[[Path], "tuple[AttachmentRef, dict[str, Any]]"]
AttachmentLocator = Callable[[str], Path | None]


@dataclass(frozen=True)
class EditorServices:
    import_cover: CoverImporter
    locate_attachment: AttachmentLocator
    add_attachment: Callable[[Path], AddOutcome]
    apply_remedy: Callable[[Path, Remedy, Callable[[float], None], threading.Event], AddOutcome]
