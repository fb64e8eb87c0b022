"""Opening the SQLite file: pragmas, sharing with other processes, and what to do with a
corrupt file.

*Sharing.* The window, the commands (``hnclient list``/``export``/``sync``) and a scheduled
sync may have the store open at the same time: WAL journal in NORMAL locking mode, every
change one ``BEGIN IMMEDIATE`` transaction, and a busy timeout long enough for the other
process's transaction to finish (they are short: nothing waits on the network inside one).
Readers see a consistent snapshot while another process writes.

*The guard.* Everything that must never happen under another process — moving a corrupt file
aside, migrating the schema — needs to be alone with the file. Each opener holds a lock on
``<database>.lock`` (:class:`hnclient.oslock.FileLock`) for as long as the store is open:
exclusive while it checks, repairs and migrates, shared afterwards. A damaged file seen while
another process has it open is reported, never moved.

*Network drives.* WAL needs shared memory between the processes, which SMB/NFS shares do not
give reliably. On such a drive the store falls back to the old single-process mode (EXCLUSIVE
locking: a second process is refused at once) — safe, but commands wait for the window to
close.

*Read-only folders* open with ``mode=ro`` (or ``immutable=1`` when even that needs to write
the WAL index), so drafts can be read and nothing is written.

A corrupt database is not an error the officer can act on, so it is moved aside (never deleted,
never overwritten) and a fresh one is started; the caller reports where the old file went.
Anything else that is wrong — a newer schema, permissions — is raised, and the file is left
alone.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from hnclient.oslock import FileLock
from hnclient.storage.errors import (
    DatabaseDamagedInUseError,
    DatabaseLockedError,
    NewerSchemaError,
    StoreError,
    is_corruption,
    translate,
)
from hnclient.storage.filesystems import is_network_path

log = logging.getLogger(__name__)

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100
USER_VERSION_OFFSET = 60
#: How long a change waits for another process's transaction (autosave beside a sync).
BUSY_TIMEOUT_S = 10.0
#: Single-process mode (network drive): a second instance must fail at once.
EXCLUSIVE_BUSY_TIMEOUT_S = 0.2
#: How long an opener waits for another one to finish its checks and migration.
GUARD_WAIT_S = 10.0
SIDE_FILES = ("-wal", "-shm", "-journal")
GUARD_SUFFIX = ".lock"


class _Corrupt(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class OpenedDatabase:
    """A connection and what came with it. ``guard`` stays held until :meth:`close`."""

    conn: sqlite3.Connection
    moved: Path | None
    guard: FileLock | None
    #: No other process had the file open (maintenance such as migration is allowed).
    alone: bool
    #: Opened without write access (the folder or the file cannot be written).
    read_only: bool = False
    #: Single-process mode (network drive): other processes are refused.
    exclusive: bool = False
    #: A private copy read instead of the file (read-only folder, changes in the WAL).
    copy: Path | None = None

    def share(self) -> None:
        """After the opener's own maintenance: let other processes open the file too."""
        if self.guard is not None and not self.exclusive:
            if not self.guard.downgrade(GUARD_WAIT_S):
                # Another opener held it exclusively for longer than an open takes.
                log.warning("store guard lost while sharing it")
        self.alone = False

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            if self.guard is not None:
                self.guard.release()
            if self.copy is not None:
                shutil.rmtree(self.copy, ignore_errors=True)


def guard_path(path: Path) -> Path:
    return Path(f"{path}{GUARD_SUFFIX}")


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


def _schema_version(conn: sqlite3.Connection, supported: int) -> int:
    """The file's schema version (``user_version``; reading it reads the header and the WAL);
    :class:`NewerSchemaError` above ``supported`` — e.g. the newer version's data was still
    in the WAL when the header looked old."""
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    found = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if found > supported:
        raise NewerSchemaError(found, supported)
    return found


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return f"file:{quote(str(path.absolute()))}?{query}"


def _connect(
    path: Path, supported: int, verify: bool = True, *, exclusive: bool = False
) -> sqlite3.Connection:
    timeout = EXCLUSIVE_BUSY_TIMEOUT_S if exclusive else BUSY_TIMEOUT_S
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise translate(error) from error
    try:
        if exclusive:
            # EXCLUSIVE before the first access: in WAL mode SQLite then keeps the wal-index
            # in process memory (no -shm, which a network share cannot map reliably) and holds
            # the file lock until close — a second process gets SQLITE_BUSY.
            conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        found = _schema_version(conn, supported)
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("journal_mode WAL refused (got %s); continuing", mode)
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if exclusive:
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


def _connect_read_only(path: Path, supported: int, verify: bool) -> sqlite3.Connection:
    """Read without writing anything: ``mode=ro``; where that needs to create the WAL index
    in the folder, ``immutable=1`` (the file read as it is on disk)."""
    last: sqlite3.Error | None = None
    for params in ({"mode": "ro"}, {"mode": "ro", "immutable": "1"}):
        try:
            conn = sqlite3.connect(
                _uri(path, **params),
                uri=True,
                timeout=BUSY_TIMEOUT_S,
                isolation_level=None,
                check_same_thread=False,
            )
        except sqlite3.Error as error:
            last = error
            continue
        try:
            found = _schema_version(conn, supported)
            conn.execute("PRAGMA foreign_keys = ON")
            if found > 0 and verify:
                _quick_check(conn)
            return conn
        except sqlite3.Error as error:
            conn.close()
            if is_corruption(error):
                raise _Corrupt(str(error)) from error
            last = error
        except BaseException:
            conn.close()
            raise
    assert last is not None
    raise translate(last) from last


def _pending_wal(path: Path) -> bool:
    """Changes still in the WAL (the last run did not end cleanly)."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def _private_copy(path: Path) -> Path:
    """The file and its WAL copied to a private temporary folder, so the changes still in
    the WAL can be read although the data folder cannot take the WAL index."""
    folder = Path(tempfile.mkdtemp(prefix="hnclient-readonly-"))
    try:
        shutil.copyfile(path, folder / path.name)
        shutil.copyfile(Path(f"{path}-wal"), folder / f"{path.name}-wal")
    except OSError as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise translate(error) from error
    return folder / path.name


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
    """Only ever called with the guard held exclusively (no other process has the file)."""
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


def _take_guard(guard: FileLock, deadline: float) -> bool:
    """Exclusive if nobody else has the store open (``True``), else shared (``False``).

    An exclusive holder is another opener checking or migrating: wait for it, briefly.
    """
    while True:
        if guard.try_acquire(shared=False):
            return True
        if guard.try_acquire(shared=True):
            return False
        if time.monotonic() >= deadline:
            raise DatabaseLockedError("another process is opening or repairing the store")
        time.sleep(0.05)


def _writable(path: Path) -> bool:
    folder_ok = os.access(path.parent, os.W_OK)
    file_ok = not path.exists() or os.access(path, os.W_OK)
    return folder_ok and file_ok


def open_database(
    path: Path,
    *,
    supported: int,
    now: datetime,
    verify: bool = True,
    read_only: bool = False,
    exclusive: bool | None = None,
) -> OpenedDatabase:
    """Open (or create) the database; the result says where a corrupt file went.

    ``verify`` runs ``PRAGMA quick_check`` (about 5 ms per 1,000 items); without it only a
    damaged header or schema is noticed here, and the caller checks later. ``exclusive``
    (default: only on a network drive) keeps other processes out; ``read_only`` writes
    nothing at all.
    """
    if read_only:
        return _open_read_only(path, supported, verify)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise translate(error) from error
    if exclusive is None:
        exclusive = is_network_path(path.parent)
        if exclusive:
            log.warning("data folder %s is on a network drive: single-process mode", path)
    guard = FileLock(guard_path(path))
    try:
        # Single-process mode: the holder keeps the guard exclusive; refuse at once.
        alone = _take_guard(guard, time.monotonic() + (0 if exclusive else GUARD_WAIT_S))
    except OSError as error:
        raise translate(error) from error
    try:
        opened = _open_guarded(path, supported, now, verify, exclusive, guard, alone)
    except BaseException:
        guard.release()
        raise
    return opened


def _open_guarded(
    path: Path,
    supported: int,
    now: datetime,
    verify: bool,
    exclusive: bool,
    guard: FileLock,
    alone: bool,
) -> OpenedDatabase:
    try:
        _check_header(path, supported)
        conn = _connect(path, supported, verify, exclusive=exclusive)
        return OpenedDatabase(conn, None, guard, alone, exclusive=exclusive)
    except _Corrupt as corrupt:
        if not alone:
            # A header caught mid-write or a damaged file: either way not ours to move while
            # another process (the window, a command) has it open.
            log.error("database %s looks damaged (%s) but is in use", path, corrupt.reason)
            raise DatabaseDamagedInUseError(corrupt.reason) from corrupt
        log.error("database %s is corrupt (%s); moving it aside", path, corrupt.reason)
    moved = move_aside(path, now)
    log.error("corrupt database moved to %s; starting a fresh one", moved)
    try:
        conn = _connect(path, supported, exclusive=exclusive)
    except _Corrupt as corrupt:  # pragma: no cover - a brand-new file cannot be corrupt
        raise StoreError(f"fresh database unusable: {corrupt.reason}") from corrupt
    return OpenedDatabase(conn, moved, guard, alone, exclusive=exclusive)


def _open_read_only(path: Path, supported: int, verify: bool) -> OpenedDatabase:
    if not path.exists():
        raise StoreError(f"no database at {path} to read")
    guard = FileLock(guard_path(path))
    held = False
    try:
        held = guard.try_acquire(shared=True)
    except OSError:
        pass  # the folder cannot be written: nobody can change the file there either
    source = path
    if _pending_wal(path) and not Path(f"{path}-shm").exists():
        # immutable=1 would ignore the WAL, i.e. the officer's latest changes
        source = _private_copy(path)
        log.warning("reading a private copy of %s (changes pending in its WAL)", path)
    try:
        _check_header(source, supported)
        conn = _connect_read_only(source, supported, verify)
    except _Corrupt as corrupt:
        guard.release()
        _remove_copy(source, path)
        raise DatabaseDamagedInUseError(corrupt.reason) from corrupt
    except BaseException:
        guard.release()
        _remove_copy(source, path)
        raise
    opened = OpenedDatabase(conn, None, guard if held else None, False, read_only=True)
    if source != path:
        opened.copy = source.parent
    return opened


def _remove_copy(source: Path, path: Path) -> None:
    if source != path:
        shutil.rmtree(source.parent, ignore_errors=True)


def can_write(path: Path) -> bool:
    """Whether the database at ``path`` (and its folder, for the WAL) may be written."""
    return _writable(path)
