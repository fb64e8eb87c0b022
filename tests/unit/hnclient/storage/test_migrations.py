"""Every earlier schema version migrates to the latest with its data intact.

When a migration is added, add a builder for the version it starts from to ``BUILDERS``:
it must write representative data with that version's raw SQL (not with today's Store).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from hnclient.storage import LATEST_VERSION, Store
from hnclient.storage.migrations import MIGRATIONS, Migration, migrate, schema_version

from .conftest import FakeClock

Check = Callable[[Store], None]


def _v0_no_file(path: Path) -> Check:
    def check(store: Store) -> None:
        assert store.count_items() == 0

    return check


def _v0_empty_file(path: Path) -> Check:
    path.write_bytes(b"")
    return _v0_no_file(path)


BUILDERS: dict[int, list[Callable[[Path], Check]]] = {
    0: [_v0_no_file, _v0_empty_file],
}


def test_every_earlier_version_has_a_builder() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST_VERSION + 1))
    assert set(BUILDERS) == set(range(LATEST_VERSION))


@pytest.mark.parametrize(
    "builder",
    [b for version in sorted(BUILDERS) for b in BUILDERS[version]],
    ids=lambda b: b.__name__,
)
def test_migrates_to_latest(
    tmp_path: Path, clock: FakeClock, builder: Callable[[Path], Check]
) -> None:
    path = tmp_path / "hnclient.sqlite3"
    check = builder(path)
    with Store.open(path, clock=clock) as store:
        assert store._connection().execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
        check(store)
        # and the migrated database is fully usable
        item = store.create_item("policy", 1, title="迁移后新建")
        assert store.search_ids("迁移") == [item.id]


def test_latest_database_is_not_migrated_again(db_path: Path, clock: FakeClock) -> None:
    with Store.open(db_path, clock=clock) as store:
        item = store.create_item("policy", 1, title="保留")
    with Store.open(db_path, clock=clock) as store:
        assert store.get_item(item.id).title == "保留"


def test_failed_migration_leaves_previous_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)

    def good(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE a (x)")

    def bad(c: sqlite3.Connection) -> None:
        c.execute("CREATE TABLE b (x)")
        raise RuntimeError("disk went away")

    with pytest.raises(RuntimeError):
        migrate(conn, [Migration(1, "good", good), Migration(2, "bad", bad)])
    assert schema_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "a" in tables and "b" not in tables
    assert not conn.in_transaction
    conn.close()
