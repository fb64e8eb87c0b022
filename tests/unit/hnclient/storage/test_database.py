"""Opening the file: pragmas, single instance, corruption, newer schema, full disk, no Qt."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hnclient.items import ItemState
from hnclient.storage import (
    LATEST_VERSION,
    DatabaseLockedError,
    DiskFullError,
    NewerSchemaError,
    Store,
)
from tests.signoff_support import drive, make_service

from .conftest import FakeClock

REPO = Path(__file__).resolve().parents[4]


def test_pragmas(store: Store) -> None:
    conn = store._connection()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA locking_mode").fetchone()[0] == "normal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    assert conn.isolation_level is None


def test_closed_store_raises_store_error(store: Store) -> None:
    store.close()
    store.close()
    from hnclient.storage import StoreError

    with pytest.raises(StoreError):
        store.list_items()


HOLDER = """
import sys
from pathlib import Path
from hnclient.storage import Store
exclusive = sys.argv[2] == "exclusive"
store = Store.open(Path(sys.argv[1]), exclusive=exclusive)
print("ready", flush=True)
for line in sys.stdin:
    if line.strip() == "add":
        store.create_item("policy", 1, title="另一进程")
        print("added", flush=True)
    else:
        break
store.close()
"""


class Holder:
    """The store open in another process, as the window keeps it."""

    def __init__(self, db_path: Path, mode: str = "shared") -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db_path), mode],
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        assert self.proc.stdout.readline().strip() == "ready"

    def ask(self, line: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write("stop\n")
        self.proc.stdin.flush()
        assert self.proc.wait(timeout=10) == 0


@pytest.mark.slow
def test_two_processes_share_the_store(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as first:
        first.create_item("policy", 1, title="先打开")
    holder = Holder(db_path)
    try:
        with Store.open(db_path, clock=clock) as second:
            assert second.count_items() == 1
            second.create_item("policy", 1, title="这边写")  # beside the holder
            assert not second.changed_elsewhere()
            assert holder.ask("add") == "added"
            assert second.changed_elsewhere()  # the window hears of the other's change
            assert second.count_items() == 3
            assert not second.changed_elsewhere()
    finally:
        holder.close()
    assert sorted(p.name for p in db_path.parent.iterdir() if "corrupt" in p.name) == []


@pytest.mark.slow
def test_single_process_mode_refuses_a_second(db_path: Path, clock: FakeClock) -> None:
    """On a network drive (no shared memory for WAL) the old single-process mode holds."""
    with Store.open(db_path, clock=clock) as first:
        first.create_item("policy", 1, title="先打开")
    holder = Holder(db_path, "exclusive")
    try:
        started = time.monotonic()
        with pytest.raises(DatabaseLockedError) as raised:
            Store.open(db_path, clock=clock, exclusive=True)  # the same drive, the same mode
        assert time.monotonic() - started < 3
        assert "网络盘" in raised.value.message_zh()
        # a locked file is not a corrupt one: nothing was moved aside
        assert sorted(p.name for p in db_path.parent.iterdir() if "corrupt" in p.name) == []
    finally:
        holder.close()
    with Store.open(db_path, clock=clock) as again:  # free once the other one exits
        assert again.count_items() == 1


@pytest.mark.slow
def test_damaged_file_is_not_moved_while_another_process_has_it(
    db_path: Path, clock: FakeClock
) -> None:
    with Store.open(db_path, clock=clock) as first:
        first.create_item("policy", 1, title="先打开")
    holder = Holder(db_path)
    try:
        flag = subprocess.run(  # the header goes bad while the holder has the file
            [
                sys.executable,
                "-c",
                "import sys; f=open(sys.argv[1],'r+b'); f.write(b'X'*16)",
                str(db_path),
            ],
            check=True,
        )
        assert flag.returncode == 0
        from hnclient.storage import DatabaseDamagedInUseError

        with pytest.raises(DatabaseDamagedInUseError) as raised:
            Store.open(db_path, clock=clock)
        assert "关闭所有程序窗口" in raised.value.message_zh()
        assert db_path.exists()
        assert [p.name for p in db_path.parent.iterdir() if "corrupt" in p.name] == []
    finally:
        holder.close()
    with Store.open(db_path, clock=clock) as alone:  # alone now: moved aside, fresh file
        assert alone.recovered_from_corruption is not None


# -- corruption ----------------------------------------------------------------------------


def _real_database(path: Path, clock: FakeClock, n: int = 300) -> None:
    with Store.open(path, clock=clock) as store:
        for i in range(n):
            store.create_item("policy", 1, title=f"第{i}条", summary="海南州政务信息" * 20)


def _assert_recovered(db_path: Path, clock: FakeClock, bad_bytes: bytes) -> Path:
    with Store.open(db_path, clock=clock) as store:
        moved = store.recovered_from_corruption
        assert moved is not None
        assert moved.parent == db_path.parent
        assert re.fullmatch(r"hnclient\.sqlite3\.corrupt-\d{8}-\d{6}(-\d+)?", moved.name)
        assert moved.read_bytes() == bad_bytes  # kept as it was, for the technicians
        assert store.count_items() == 0
        item = store.create_item("policy", 1, title="新库")  # fresh database works
        assert store.search_ids("新库") == [item.id]
    return moved


def test_random_bytes(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    bad = os.urandom(8192)
    db_path.write_bytes(bad)
    _assert_recovered(db_path, clock, bad)


def test_short_garbage(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"SQLite format 3\x00abc")
    _assert_recovered(db_path, clock, b"SQLite format 3\x00abc")


def test_truncated_database(db_path: Path, clock: FakeClock) -> None:
    _real_database(db_path, clock)
    data = db_path.read_bytes()
    truncated = data[: len(data) // 2]
    db_path.write_bytes(truncated)
    _assert_recovered(db_path, clock, truncated)


def test_page_overwritten_with_garbage(db_path: Path, clock: FakeClock) -> None:
    _real_database(db_path, clock)
    data = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    page = pages // 2
    data[page * page_size : (page + 1) * page_size] = os.urandom(page_size)
    db_path.write_bytes(bytes(data))
    _assert_recovered(db_path, clock, bytes(data))


def test_btree_root_page_overwritten(db_path: Path, clock: FakeClock) -> None:
    _real_database(db_path, clock)
    conn = sqlite3.connect(db_path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'items'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(db_path.read_bytes())
    data[(root - 1) * page_size : root * page_size] = b"\xa5" * page_size
    db_path.write_bytes(bytes(data))
    _assert_recovered(db_path, clock, bytes(data))


def test_corrupt_with_wal_moves_side_files_and_never_overwrites(
    db_path: Path, clock: FakeClock
) -> None:
    db_path.parent.mkdir(parents=True)
    first = os.urandom(4096)
    db_path.write_bytes(first)
    Path(f"{db_path}-wal").write_bytes(b"wal-bytes")
    moved1 = _assert_recovered(db_path, clock, first)
    assert Path(f"{moved1}-wal").read_bytes() == b"wal-bytes"
    # same second again: a new name, the first copy untouched
    second = os.urandom(4096)
    db_path.write_bytes(second)
    moved2 = _assert_recovered(db_path, clock, second)
    assert moved2 != moved1 and moved2.name.endswith("-2")
    assert moved1.read_bytes() == first


def test_empty_file_is_a_new_database(db_path: Path, clock: FakeClock) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"")
    with Store.open(db_path, clock=clock) as store:
        assert store.recovered_from_corruption is None
        assert store.count_items() == 0


# -- newer schema --------------------------------------------------------------------------


@pytest.mark.parametrize("wal", [False, True])
def test_newer_schema_is_refused_and_untouched(db_path: Path, wal: bool) -> None:
    db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(db_path)
    if wal:
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE future (x)")
    conn.execute("INSERT INTO future VALUES ('明年的数据')")
    conn.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    conn.commit()
    conn.close()
    before = db_path.read_bytes()
    listing = sorted(p.name for p in db_path.parent.iterdir())
    with pytest.raises(NewerSchemaError) as raised:
        Store.open(db_path)
    assert raised.value.found == LATEST_VERSION + 1
    assert raised.value.supported == LATEST_VERSION
    assert "更新版本" in raised.value.message_zh()
    assert db_path.read_bytes() == before
    # nothing beside it changed (the open guard, an empty lock file, is not data)
    assert sorted(p.name for p in db_path.parent.iterdir() if p.suffix != ".lock") == listing


# -- full disk -----------------------------------------------------------------------------


def _fill_to_limit(store: Store) -> None:
    conn = store._connection()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages}")


def test_disk_full_on_save_keeps_previous_version(store: Store, clock: FakeClock) -> None:
    item = store.create_item("policy", 1, title="原稿", summary="原来的摘要")
    clock.tick()
    item = store.save_item(item.with_changes(summary="第二稿"), reason="manual")
    events: list[object] = []
    store.add_listener(events.append)
    _fill_to_limit(store)
    huge = "新增内容" * 50_000
    with pytest.raises(DiskFullError) as raised:
        store.save_item(item.with_changes(summary=huge), reason="manual")
    assert "磁盘空间已满" in raised.value.message_zh()
    assert "仍在窗口中" in raised.value.message_zh()
    assert events == []
    assert store.get_item(item.id) == item
    assert [r.revision for r in store.list_revisions(item.id)] == [2, 1]
    assert store.search_ids("新增") == []
    assert store.search_ids("第二稿") == [item.id]
    # with space again, the same save goes through
    store._connection().execute("PRAGMA max_page_count = 1073741823")
    saved = store.save_item(item.with_changes(summary=huge), reason="manual")
    assert saved.revision == 3 and store.search_ids("新增") == [item.id]


def test_disk_full_on_create(store: Store) -> None:
    store.create_item("policy", 1, title="已有")
    _fill_to_limit(store)
    with pytest.raises(DiskFullError):
        for _ in range(50):
            store.create_item("policy", 1, title="新", summary="满" * 20_000)
    assert store.count_items() >= 1
    assert all(s.title in ("已有", "新") for s in store.list_items())
    conn = store._connection()
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not conn.in_transaction


def test_oserror_enospc_maps_to_disk_full() -> None:
    import errno

    from hnclient.storage.errors import translate

    assert isinstance(translate(OSError(errno.ENOSPC, "No space left")), DiskFullError)


def test_set_state_not_affected_by_rollback(store: Store) -> None:
    item = store.create_item("policy", 1, title="x")
    _fill_to_limit(store)
    try:
        drive(make_service(store), item.id, ItemState.SENT)
    except DiskFullError:
        assert store.get_item(item.id).state is ItemState.DRAFT
    else:
        assert store.get_item(item.id).state is ItemState.SENT


def test_open_without_verify_defers_the_page_check(tmp_path: Path) -> None:
    """A damaged page goes unnoticed by a quick open, and integrity_problems reports it."""
    path = tmp_path / "db.sqlite3"
    with Store.open(path) as store:
        for n in range(300):
            store.create_item("policy", 1, title=f"第{n}条", summary="内容" * 200)
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    page = len(data) // page_size // 2
    data[page * page_size : (page + 1) * page_size] = os.urandom(page_size)
    path.write_bytes(bytes(data))
    try:
        store = Store.open(path, verify=False)
    except Exception:  # the damage may hit a page the open itself reads
        pytest.skip("the damaged page was read during open")
    with store:
        assert store.recovered_from_corruption is None
        assert store.integrity_problems() != []
    with Store.open(path) as checked:  # a verifying open moves the file aside
        assert checked.recovered_from_corruption is not None


def test_integrity_problems_is_empty_for_a_sound_file(store: Store) -> None:
    store.create_item("policy", 1, title="完好")
    assert store.integrity_problems() == []


# -- a data folder that cannot be written (issue 9 item 12) ---------------------------------


def test_read_only_folder_is_read_and_every_change_refused(db_path: Path, clock: FakeClock) -> None:
    from hnclient.storage import ReadOnlyStoreError
    from tests.readonly_support import read_only_folder

    with Store.open(db_path, clock=clock) as store:
        item = store.create_item("policy", 1, title="草稿一")
    before = db_path.read_bytes()
    with read_only_folder(db_path.parent):
        with pytest.raises(OSError):
            (db_path.parent / "probe").write_bytes(b"x")  # really read-only
        with Store.open(db_path, clock=clock, read_only=True) as store:
            assert store.read_only
            assert [s.id for s in store.list_items()] == [item.id]
            assert store.search_ids("草稿") == [item.id]
            with pytest.raises(ReadOnlyStoreError) as refused:
                store.create_item("policy", 1, title="新的")
            assert str(db_path.parent) in refused.value.message_zh()
            assert "写入权限" in refused.value.message_zh()
    assert db_path.read_bytes() == before


def test_read_only_folder_after_a_crash_shows_the_changes_still_in_the_wal(
    db_path: Path, clock: FakeClock, tmp_path: Path
) -> None:
    """The last run was killed (its changes only in the WAL) and the folder is read-only now:
    the WAL index cannot be made there, so a private copy is read — the drafts are all there."""
    import shutil

    from tests.readonly_support import read_only_folder

    running = Store.open(db_path, clock=clock)
    ids = [running.create_item("policy", 1, title=f"稿{i}").id for i in range(3)]
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in (db_path.name, f"{db_path.name}-wal"):  # as the kill left them, no -shm
        shutil.copyfile(db_path.parent / name, crashed / name)
    running.close()
    assert (crashed / f"{db_path.name}-wal").stat().st_size > 0
    with read_only_folder(crashed):
        with Store.open(crashed / db_path.name, clock=clock, read_only=True) as store:
            assert sorted(s.id for s in store.list_items()) == sorted(ids)
    assert sorted(p.name for p in crashed.iterdir()) == [db_path.name, f"{db_path.name}-wal"]


@pytest.mark.slow
def test_no_upgrade_under_an_older_program(db_path: Path, clock: FakeClock) -> None:
    """A newer program that must rebuild or migrate does not do it while another (older)
    process has the file open: it says to close the windows, and changes nothing."""
    from hnclient.storage import OlderProgramOpenError

    with Store.open(db_path, clock=clock) as first:
        first.create_item("policy", 1, title="旧版本写的")
    holder = Holder(db_path)
    try:
        behind = sqlite3.connect(db_path, isolation_level=None)
        behind.execute("UPDATE meta SET value = 'older' WHERE key = 'search_scheme'")
        behind.close()
        with pytest.raises(OlderProgramOpenError) as refused:
            Store.open(db_path, clock=clock)
        assert "关闭所有程序窗口" in refused.value.message_zh()
        check = sqlite3.connect(db_path)
        assert check.execute("SELECT value FROM meta WHERE key='search_scheme'").fetchone() == (
            "older",
        )
        check.close()
    finally:
        holder.close()
    with Store.open(db_path, clock=clock) as alone:  # alone: the index is rebuilt
        assert alone.search_ids("旧版本")
