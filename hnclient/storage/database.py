"""Opening the SQLite file: pragmas, the single-instance lock, and what to do with a corrupt file.

A corrupt database is not an error the officer can act on, so it is moved aside (never deleted,
never overwritten) and a fresh one is started; the caller reports where the old file went.
Anything else that is wrong — a newer schema, another instance holding the lock, permissions —
is raised, and the file is left alone.
"""

from __future__ import annotations

import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from hnclient.storage.errors import (
    NewerSchemaError,
    StoreError,
    is_corruption,
    translate,
)

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
USER_VERSION_OFFSET = 60
# Short: a second instance must fail at once, and only this process ever uses the file.
BUSY_TIMEOUT_S = 0.2
SIDE_FILES = ("-wal", "-shm", "-journal")


class _Corrupt(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _check_header(path: Path, supported: int) -> None:
    """Judge the file by its header before SQLite writes anything to it.

    The version check happens here, on raw bytes, so a newer database stays byte-identical.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except FileNotFoundError:
        return
    except OSError as error:
        raise translate(error) from error
    if not header:
        return  # an empty file is a valid, empty database (version 0)
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        raise _Corrupt("not an SQLite database header")
    found = int.from_bytes(header[USER_VERSION_OFFSET : USER_VERSION_OFFSET + 4], "big")
    if found > supported:
        raise NewerSchemaError(found, supported)


def quick_check_problems(conn: sqlite3.Connection) -> list[str]:
    """What ``PRAGMA quick_check`` reports; empty when the file is sound."""
    rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
    return [] if rows == ["ok"] else rows


def _quick_check(conn: sqlite3.Connection) -> None:
    problems = quick_check_problems(conn)
    if problems:
        raise _Corrupt("quick_check: " + "; ".join(problems[:5]))


def _connect(path: Path, supported: int, verify: bool = True) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
        )
    except sqlite3.Error as error:
        raise translate(error) from error
    try:
        # EXCLUSIVE before the first access: in WAL mode SQLite then keeps the wal-index in
        # process memory (no -shm) and holds the file lock until close — a second instance
        # gets SQLITE_BUSY instead of silently sharing the file.
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        found = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if found > supported:  # e.g. the newer version's data was still in the WAL
            raise NewerSchemaError(found, supported)
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("journal_mode WAL refused (got %s); continuing", mode)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Take the write lock now and keep it (EXCLUSIVE mode never releases it).
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("COMMIT")
        if found > 0 and verify:
            _quick_check(conn)
        return conn
    except sqlite3.Error as error:
        conn.close()
        if is_corruption(error):
            raise _Corrupt(str(error)) from error
        raise translate(error) from error
    except BaseException:
        conn.close()
        raise


def corrupt_name(path: Path, now: datetime) -> Path:
    """A fresh ``<name>.corrupt-YYYYmmdd-HHMMSS[-n]`` next to ``path``; nothing there is reused."""
    stem = f"{path.name}.corrupt-{now.astimezone():%Y%m%d-%H%M%S}"
    n = 1
    while True:
        candidate = path.with_name(stem if n == 1 else f"{stem}-{n}")
        taken = [candidate] + [Path(f"{candidate}{s}") for s in SIDE_FILES]
        if not any(p.exists() or p.is_symlink() for p in taken):
            return candidate
        n += 1


def move_aside(path: Path, now: datetime) -> Path:
    target = corrupt_name(path, now)
    try:
        for suffix in SIDE_FILES:
            side = Path(f"{path}{suffix}")
            if side.exists():
                side.rename(Path(f"{target}{suffix}"))
        path.rename(target)
    except OSError as error:
        raise translate(error) from error
    return target


def open_database(
    path: Path, *, supported: int, now: datetime, verify: bool = True
) -> tuple[sqlite3.Connection, Path | None]:
    """Open (or create) the database; return the connection and where a corrupt file went.

    ``verify`` runs ``PRAGMA quick_check`` (about 5 ms per 1,000 items); without it only a
    damaged header or schema is noticed here, and the caller checks later.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise translate(error) from error
    try:
        _check_header(path, supported)
        return _connect(path, supported, verify), None
    except _Corrupt as corrupt:
        log.error("database %s is corrupt (%s); moving it aside", path, corrupt.reason)
    moved = move_aside(path, now)
    log.error("corrupt database moved to %s; starting a fresh one", moved)
    try:
        return _connect(path, supported), moved
    except _Corrupt as corrupt:  # pragma: no cover - a brand-new file cannot be corrupt
        raise StoreError(f"fresh database unusable: {corrupt.reason}") from corrupt
