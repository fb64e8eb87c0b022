"""Knowing whether the previous run ended cleanly.

A marker file lives in the data directory while the client runs and is removed on a clean
exit. Finding one at start means the last run was killed (crash, power cut, ``kill -9``); its
session id then names the items that were being edited, which autosave had already stored, so
the officer can be told exactly what was recovered.

Crashes come in runs (a failing power supply, an officer killing a slow start): a marker also
carries the sessions it was recovering from, so until one run ends cleanly every later start
still names the items of all of them, even if a run died before the officer saw its notice.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from hnclient.fileio import write_bytes_atomically
from hnclient.items import Item

#: At most this many unclean sessions are carried forward (a crash loop must not grow the file).
MAX_CARRIED_SESSIONS = 20


@dataclass(frozen=True)
class SessionMarker:
    session_id: str
    pid: int
    started_at: str
    #: Unclean sessions this run was recovering from, oldest first.
    recovering: tuple[str, ...] = ()
    #: The item open in the editor when the run stopped (None: none was open).
    editing: str | None = None
    #: Items open in the editor when the earlier unclean runs stopped.
    recovering_items: tuple[str, ...] = ()

    def unclean_sessions(self) -> tuple[str, ...]:
        """This run's session and the ones it was recovering from, without blanks."""
        return tuple(s for s in (*self.recovering, self.session_id) if s)

    def open_items(self) -> tuple[str, ...]:
        """Items that were open in an editor when this run or the earlier unclean ones
        stopped: the only ones whose last seconds of typing may be missing."""
        items = (*self.recovering_items, *((self.editing,) if self.editing else ()))
        return tuple(dict.fromkeys(items))


@dataclass
class Session:
    """The running session; ``previous`` is the marker of a run that did not end cleanly."""

    marker_path: Path
    session_id: str
    previous: SessionMarker | None
    #: Sessions since the last clean exit: the items they edited count as recovered.
    recovering: tuple[str, ...] = field(default=())
    #: Items open in the editor when those sessions stopped (empty: not known).
    recovering_items: tuple[str, ...] = field(default=())
    _started_at: str = ""
    _editing: str | None = None

    @staticmethod
    def previous_run_unclean(marker_path: Path) -> bool:
        """Whether a marker is left from a run that did not end cleanly (reads only)."""
        return _read_marker(marker_path) is not None

    @classmethod
    def begin(cls, marker_path: Path) -> Session:
        previous = _read_marker(marker_path)
        recovering = previous.unclean_sessions()[-MAX_CARRIED_SESSIONS:] if previous else ()
        items = previous.open_items()[-MAX_CARRIED_SESSIONS:] if previous else ()
        session = cls(
            marker_path=marker_path,
            session_id=Item.new_id(),
            previous=previous,
            recovering=recovering,
            recovering_items=items,
            _started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        )
        session._write()
        return session

    def note_editing(self, item_id: str | None) -> None:
        """The item now open in the editor (the window calls this when it opens one)."""
        if item_id == self._editing:
            return
        self._editing = item_id
        self._write()

    def _write(self) -> None:
        payload = {
            "session_id": self.session_id,
            "pid": os.getpid(),
            "started_at": self._started_at,
            "recovering": list(self.recovering),
            "editing": self._editing,
            "recovering_items": list(self.recovering_items),
        }
        # Durable (fsync), so that after a power cut the marker still names this session.
        write_bytes_atomically(self.marker_path, json.dumps(payload).encode("utf-8"))

    def end(self) -> None:
        """Mark a clean exit. Only our own marker is removed."""
        current = _read_marker(self.marker_path)
        if current is not None and current.session_id == self.session_id:
            self.marker_path.unlink(missing_ok=True)


def _read_marker(path: Path) -> SessionMarker | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        editing = data.get("editing")
        return SessionMarker(
            str(data["session_id"]),
            int(data["pid"]),
            str(data["started_at"]),
            tuple(str(s) for s in data.get("recovering") or ()),
            str(editing) if editing else None,
            tuple(str(s) for s in data.get("recovering_items") or ()),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # A marker that exists but cannot be read still means the last run did not end well.
        return SessionMarker(session_id="", pid=0, started_at="")
