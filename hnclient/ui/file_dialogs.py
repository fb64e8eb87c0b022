"""Where the file dialogs open: the folder the officer used last for that purpose, else the
obvious one (Pictures for a cover photo, Documents for attachments and packages) — never the
program's own folder, where a start from the Start menu would leave them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

_LOCATIONS = {
    "cover": QStandardPaths.StandardLocation.PicturesLocation,
    "attachments": QStandardPaths.StandardLocation.DocumentsLocation,
    "export": QStandardPaths.StandardLocation.DocumentsLocation,
}
_last: dict[str, str] = {}


def start_folder(purpose: str) -> str:
    last = _last.get(purpose)
    if last and Path(last).is_dir():
        return last
    location = _LOCATIONS.get(purpose, QStandardPaths.StandardLocation.HomeLocation)
    for candidate in (
        QStandardPaths.writableLocation(location),
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.HomeLocation),
    ):
        if candidate and Path(candidate).is_dir():
            return candidate
    return str(Path.home())


def remember(purpose: str, chosen: str) -> None:
    """After a choice: the file's folder (or the chosen folder) opens next time."""
    if not chosen:
        return
    path = Path(chosen)
    _last[purpose] = str(path if path.is_dir() else path.parent)
