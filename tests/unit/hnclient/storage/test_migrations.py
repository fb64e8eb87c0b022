"""Every earlier schema version migrates to the latest with its data intact.

When a migration is added, add a builder for the version it starts from to ``BUILDERS``:
it must write representative data with that version's raw SQL (not with today's Store).
"""

from __future__ import annotations

import hashlib
import json
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


def _v1_attachments_with_check_results(path: Path) -> Check:
    """Version 1 kept check details and warning texts inside the attachment references."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:1])
    sha = "ab" * 32
    content = {
        "id": "f" * 32,
        "category": "policy",
        "form_version": 1,
        "title": "旧版本的信息",
        "event_date": "2026-11-20",
        "channels": ["portal"],
        "summary": "",
        "cover": None,
        "values": {"body": "正文"},
        "attachments": [
            {
                "sha256": sha,
                "name": "照片.jpg",
                "size": 1234,
                "kind": "jpeg",
                "details": {"width": 4000, "height": 3000},
                "warnings": [{"code": "gps", "message": "照片带有位置", "message_en": "GPS"}],
            }
        ],
    }
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    old_hash = hashlib.sha256(text.encode()).hexdigest()
    now = "2026-11-20T01:00:00.000000+00:00"
    conn.execute(
        "INSERT INTO items (pk, id, category, form_version, state, revision, title, event_date,"
        " created_at, updated_at, content_hash) VALUES (1, ?, 'policy', 1, 'draft', 2, ?,"
        " '2026-11-20', ?, ?, ?)",
        (content["id"], content["title"], now, now, old_hash),
    )
    conn.execute(
        "INSERT INTO item_bodies (item_pk, content, search_text) VALUES (1, ?, '正文')", (text,)
    )
    for revision in (1, 2):
        conn.execute(
            "INSERT INTO item_revisions (item_pk, revision, reason, saved_at, burst_started_at,"
            " title, content_hash, content) VALUES (1, ?, 'manual', ?, ?, ?, ?, ?)",
            (revision, now, now, content["title"], old_hash, text),
        )
    conn.close()

    def check(store: Store) -> None:
        item = store.get_item("f" * 32)
        ref = item.attachments[0]
        assert ref.to_json() == {"sha256": sha, "name": "照片.jpg", "size": 1234, "kind": "jpeg"}
        assert item.notes[sha]["details"] == {"width": 4000, "height": 3000}
        assert item.notes[sha]["warnings"][0]["code"] == "gps"
        assert "照片带有位置" not in item.canonical_bytes().decode()
        stored_hash = store._connection().execute("SELECT content_hash FROM items").fetchone()[0]
        assert stored_hash == item.content_hash() != old_hash
        for info in store.list_revisions(item.id):
            assert store.get_revision(item.id, info.revision).content_hash() == info.content_hash
        assert store.audit_entries() == [] and store.list_leaders() == []

    return check


def _v2_queued_before_the_outbox(path: Path) -> Check:
    """Version 2 could queue an item (加入待发送) but had no outbox: it must wait there now."""
    conn = sqlite3.connect(path, isolation_level=None)
    migrate(conn, MIGRATIONS[:2])
    now = "2026-11-20T01:00:00.000000+00:00"
    for pk, item_id, state, revision in ((1, "a" * 32, "queued", 3), (2, "b" * 32, "draft", 1)):
        content = {
            "id": item_id,
            "category": "policy",
            "form_version": 1,
            "title": f"第{pk}条",
            "event_date": None,
            "channels": ["portal"],
            "summary": "",
            "cover": None,
            "values": {"body": "正文"},
            "attachments": [],
        }
        text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256(text.encode()).hexdigest()
        conn.execute(
            "INSERT INTO items (pk, id, category, form_version, state, revision, title,"
            " created_at, updated_at, content_hash) VALUES (?, ?, 'policy', 1, ?, ?, ?, ?, ?, ?)",
            (pk, item_id, state, revision, content["title"], now, now, digest),
        )
        conn.execute(
            "INSERT INTO item_bodies (item_pk, content, search_text, notes)"
            " VALUES (?, ?, '正文', '{}')",
            (pk, text),
        )
        conn.execute(
            "INSERT INTO item_revisions (item_pk, revision, reason, saved_at, burst_started_at,"
            " pinned, title, content_hash, content) VALUES (?, ?, 'manual', ?, ?, 1, ?, ?, ?)",
            (pk, revision, now, now, content["title"], digest, text),
        )
    conn.close()

    def check(store: Store) -> None:
        entries = store.outbox_entries()
        assert [(e.item_id, e.revision, e.state) for e in entries] == [("a" * 32, 3, "pending")]
        assert entries[0].manifest is None and entries[0].supersedes is None
        assert store.outbox_entry("b" * 32) is None
        assert store.upload_records("a" * 32, 3) == []
        assert store.feed_cursor("status") is None and store.notices() == []

    return check


BUILDERS: dict[int, list[Callable[[Path], Check]]] = {
    0: [_v0_no_file, _v0_empty_file],
    1: [_v1_attachments_with_check_results],
    2: [_v2_queued_before_the_outbox],
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
