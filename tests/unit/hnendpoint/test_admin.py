"""The office's operations as a Python API (what the CLI and the demo mode call)."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

import pytest

from hnendpoint.admin import Admin, StoreError
from hnendpoint.store import Store
from hnprotocol.signatures import Ed25519Signer


@pytest.fixture
def admin(tmp_path: Path) -> Admin:
    return Admin(tmp_path / "data")


def _deliver(store: Store, unit_name: str, item_id: str, status: str = "received") -> None:
    """Put a delivery straight into the register (the HTTP path is test_api's)."""
    unit = store.unit_named(unit_name)
    receipt = {
        "receipt_id": secrets.token_hex(16),
        "status": status,
        "received_at": store.now_text(),
    }
    assert store.insert_item(
        unit.id,
        item_id=item_id,
        revision=1,
        manifest=b"{}",
        manifest_sha256="0" * 64,
        receipt=receipt,
        receipt_text="{}",
        key_id="ed25519:" + "1" * 32,
        supersedes=None,
        title="标题",
        uploads={},
    )


def test_units_and_tokens(admin: Admin) -> None:
    token = admin.create_unit("共和县人民政府办公室")
    other = admin.issue_token("共和县人民政府办公室")
    for value in (token, other):
        unit = admin.store.unit_for_token(value)
        assert unit is not None and unit.name == "共和县人民政府办公室"
    assert admin.store.unit_for_token("nope") is None
    with pytest.raises(StoreError):
        admin.create_unit("共和县人民政府办公室")
    with pytest.raises(StoreError):
        admin.create_unit("  ")
    with pytest.raises(StoreError):
        admin.issue_token("没有这个单位")


def test_office_moves_follow_the_life_cycle(admin: Admin) -> None:
    admin.create_unit("共和县")
    _deliver(admin.store, "共和县", "a" * 32)
    with pytest.raises(StoreError):
        admin.publish("a" * 32, 1, " ")
    with pytest.raises(StoreError):
        admin.return_item("a" * 32, 1, "")
    admin.adopt("a" * 32, 1)
    with pytest.raises(StoreError):
        admin.adopt("a" * 32, 1)  # already adopted
    admin.publish("a" * 32, 1, "https://example.gov.cn/1.html")
    with pytest.raises(StoreError):
        admin.return_item("a" * 32, 1, "晚了")
    [item] = admin.list_items()
    assert (item["status"], item["url"], item["title"]) == (
        "published",
        "https://example.gov.cn/1.html",
        "标题",
    )


def test_a_held_item_can_be_returned_but_not_adopted(admin: Admin) -> None:
    admin.create_unit("共和县")
    _deliver(admin.store, "共和县", "b" * 32, status="held_unregistered_signer")
    with pytest.raises(StoreError):
        admin.adopt("b" * 32, 1)
    with pytest.raises(StoreError):
        admin.publish("b" * 32, 1, "https://example.gov.cn/")
    admin.return_item("b" * 32, 1, "签发人未备案，请登记后重新报送")
    assert admin.list_items()[0]["reason"] == "签发人未备案，请登记后重新报送"


def test_ids_shared_by_two_units_need_the_unit(admin: Admin) -> None:
    admin.create_unit("共和县")
    admin.create_unit("贵德县")
    for name in ("共和县", "贵德县"):
        _deliver(admin.store, name, "c" * 32)
        unit = admin.store.unit_named(name)
        admin.store.register_key(
            unit.id, key_id="ed25519:k", alg="ed25519", public_key="", name="李四", post="副县长"
        )
    with pytest.raises(StoreError, match="unit"):
        admin.adopt("c" * 32, 1)
    with pytest.raises(StoreError, match="unit"):
        admin.confirm_key("ed25519:k")
    admin.adopt("c" * 32, 1, unit="贵德县")
    admin.confirm_key("ed25519:k", unit="共和县")
    statuses = {(i["unit"], i["status"]) for i in admin.list_items()}
    assert statuses == {("共和县", "received"), ("贵德县", "adopted")}
    keys = {(k["unit"], k["status"]) for k in admin.list_keys()}
    assert keys == {("共和县", "confirmed"), ("贵德县", "pending")}


def test_notices_and_tasks(admin: Admin) -> None:
    admin.create_unit("共和县")
    with pytest.raises(StoreError):
        admin.add_notice(" ", "正文")
    with pytest.raises(StoreError):
        admin.add_notice("标题", "正文", unit="没有这个单位")
    notice = admin.add_notice("通报", "正文")
    task = admin.add_task("任务", "正文", date(2027, 1, 15))
    unit = admin.store.unit_named("共和县")
    rows = admin.store.notices_since(unit.id, 0)
    assert [(r["id"], r["kind"], r["due_date"]) for r in rows] == [
        (notice, "notice", None),
        (task, "task", "2027-01-15"),
    ]


def test_the_office_can_register_and_confirm_a_key_itself(admin: Admin) -> None:
    signer = Ed25519Signer.generate()
    admin.create_unit("共和县")
    key_id = admin.register_key(
        "共和县",
        alg=signer.alg,
        public_key=signer.public_key,
        name="李四",
        post="副县长",
        confirm=True,
    )
    assert key_id == signer.key_id
    unit = admin.store.unit_named("共和县")
    assert admin.store.key_status(unit.id, key_id) == "confirmed"
