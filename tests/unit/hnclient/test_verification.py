"""Tamper cases: each refused with its reason, in the store and in an exported package."""

from __future__ import annotations

import base64
import json
import zipfile
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from hnclient.attaching import add_file
from hnclient.audit import AUDIT_COLUMNS, entry_from_row, seal, verify_chain
from hnclient.export import MANIFEST, SIGNATURE_FILE, ExportError
from hnclient.items import Channel, Item, ItemState
from hnclient.lifecycle import Action, Actor, ActorRef
from hnclient.service import SubmitRequest
from hnclient.signing import SealedKey, open_sealed_key
from hnclient.storage import ApprovalMissingError
from hnclient.verification import Finding, verify_package, verify_store
from hnprotocol.approval import Person, build_record
from tests.signoff_support import (
    PIN,
    SENDER,
    Workspace,
    approve,
    drive,
    leader_of,
    signature_png,
)


@pytest.fixture
def space(tmp_path: Path) -> Iterator[Workspace]:
    opened = Workspace(tmp_path)
    yield opened
    opened.close()


def jpeg(path: Path, colour: tuple[int, int, int] = (40, 90, 160)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (640, 480), colour).save(path, "JPEG")
    return path


def approved_item(
    space: Workspace, tmp_path: Path, title: str = "共和县开展冬季送温暖活动"
) -> Item:
    """A complete item with a real JPEG attachment, submitted and approved by 李四."""
    service = space.service
    item = service.create("other").item
    assert item is not None
    service.save(
        item.with_changes(
            title=title,
            event_date=space.clock.now.date(),
            channels=frozenset({Channel.PORTAL}),
            values={"content_type": "photo_news", "body": f"{title}。", "source": "共和县"},
        ),
        reason="manual",
    )
    added = add_file(service.attachments, jpeg(tmp_path / "照片" / f"{title}.jpg"))
    assert added.reference is not None, added.verdict
    service.attach(item.id, added.reference, added.note)
    service.submit(item.id, SubmitRequest(public_confirmed=True))
    return approve(service, item.id)


def reasons(findings: list[Finding]) -> str:
    return "\n".join(f"{f.where}: {f.message_zh}" for f in findings)


def approval_record(space: Workspace, item_id: str) -> tuple[int, dict[str, Any]]:
    [approval] = space.store.approvals(item_id)
    return approval.pk, approval.record


def set_record(space: Workspace, pk: int, record: dict[str, Any]) -> None:
    space.tamper(
        (
            "UPDATE approvals SET record = ? WHERE pk = ?",
            (json.dumps(record, ensure_ascii=False), pk),
        )
    )


def assert_refused(space: Workspace, item_id: str, code: str) -> None:
    """The store refuses to treat the item as approved, and the audit check says why."""
    with pytest.raises(ApprovalMissingError) as caught:
        space.store.verify_approval(item_id)
    assert caught.value.reason == code
    assert "不能发送" in caught.value.message_zh()
    with pytest.raises(ApprovalMissingError):
        space.store.transition(item_id, Action.QUEUE, SENDER)
    assert space.store.get_item(item_id).state is ItemState.APPROVED
    assert verify_store(space.store, space.service.attachments)


# -- the store -------------------------------------------------------------------------------


def test_a_sound_store_verifies(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    assert verify_store(space.store, space.service.attachments) == []
    space.store.transition(item.id, Action.QUEUE, SENDER)
    assert verify_store(space.store, space.service.attachments) == []


def test_content_edited_in_the_database_after_approval(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    space.tamper(
        "UPDATE item_bodies SET content = replace(content, '冬季送温暖', '夏季送清凉')"
        f" WHERE item_pk = (SELECT pk FROM items WHERE id = '{item.id}')"
    )
    assert space.store.get_item(item.id).title == "共和县开展夏季送清凉活动"
    findings = verify_store(space.store, space.service.attachments)
    assert len(findings) == 1 and item.id[:8] in findings[0].where
    assert "签发之后被改动" in findings[0].message_zh
    assert_refused(space, item.id, "content_changed")


def test_content_and_its_hash_column_edited_together(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    changed = item.with_changes(title="共和县开展夏季送清凉活动")
    space.tamper(
        (
            "UPDATE item_bodies SET content = ? WHERE item_pk = (SELECT pk FROM items"
            " WHERE id = ?)",
            (changed.canonical_bytes().decode(), item.id),
        ),
        ("UPDATE items SET content_hash = ? WHERE id = ?", (changed.content_hash(), item.id)),
    )
    assert_refused(space, item.id, "content_changed")


def test_revision_edited_in_the_database(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    space.tamper(("UPDATE items SET revision = revision + 1 WHERE id = ?", (item.id,)))
    assert_refused(space, item.id, "content_changed")


def test_swapped_attachment_bytes(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    [ref] = item.attachments
    stored = space.service.attachments.path_for(ref.sha256)
    stored.chmod(0o644)
    other = jpeg(tmp_path / "别的照片.jpg", (200, 30, 30))
    stored.write_bytes(other.read_bytes())
    findings = verify_store(space.store, space.service.attachments)
    assert len(findings) == 1
    assert ref.name in findings[0].message_zh and "与签发时不同" in findings[0].message_zh
    with pytest.raises(ExportError) as caught:
        space.service.export(item.id, tmp_path / "包")
    assert "损坏" in caught.value.message_zh()
    stored.unlink()
    assert verify_store(space.store, space.service.attachments)


def test_a_forged_signature(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    pk, record = approval_record(space, item.id)
    sig = bytearray(base64.b64decode(record["signature"]["sig"]))
    sig[10] ^= 0x01
    record["signature"]["sig"] = base64.b64encode(bytes(sig)).decode()
    set_record(space, pk, record)
    assert_refused(space, item.id, "bad_signature")
    assert "电子签名无效" in reasons(verify_store(space.store))


@pytest.mark.parametrize("keep", [0, 32, 63])
def test_a_truncated_signature(space: Workspace, tmp_path: Path, keep: int) -> None:
    item = approved_item(space, tmp_path)
    pk, record = approval_record(space, item.id)
    sig = base64.b64decode(record["signature"]["sig"])
    record["signature"]["sig"] = base64.b64encode(sig[:keep]).decode()
    set_record(space, pk, record)
    assert_refused(space, item.id, "bad_signature")


def test_a_truncated_signature_text(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    pk, record = approval_record(space, item.id)
    record["signature"]["sig"] = record["signature"]["sig"][:-5]
    set_record(space, pk, record)
    assert_refused(space, item.id, "malformed")


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("opinion",), "不同意"),
        (("signer", "post"), "县长"),
        (("signed_at",), "2026-11-29T10:00:00+08:00"),
        (("deputy_for",), {"id": "x", "name": "王五", "post": "县长"}),
        (("unit",), "别的单位"),
        (("signature", "alg"), "ed25519 "),
    ],
)
def test_an_edited_record(
    space: Workspace, tmp_path: Path, path: tuple[str, ...], value: object
) -> None:
    item = approved_item(space, tmp_path)
    pk, record = approval_record(space, item.id)
    target = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    set_record(space, pk, record)
    with pytest.raises(ApprovalMissingError) as caught:
        space.store.verify_approval(item.id)
    assert caught.value.reason in {"bad_signature", "key_mismatch"}
    assert verify_store(space.store)


def test_an_unreadable_record(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    space.tamper(("UPDATE approvals SET record = '{' WHERE item_id = ?", (item.id,)))
    with pytest.raises(ApprovalMissingError):
        space.store.verify_approval(item.id)
    assert verify_store(space.store)


def test_a_replaced_signature_image(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    space.tamper(
        ("UPDATE approvals SET signature_png = ? WHERE item_id = ?", (signature_png(9), item.id))
    )
    assert_refused(space, item.id, "signature_image")


def test_another_items_approval_replayed(space: Workspace, tmp_path: Path) -> None:
    first = approved_item(space, tmp_path)
    second = drive(
        space.service,
        space.store.create_item("other", 1, title="另一条").id,
        ItemState.AWAITING_REVIEW,
    )
    columns = "revision, content_hash, record, signature_png, created_at"
    space.tamper(
        (
            f"INSERT INTO approvals (item_id, {columns}) SELECT ?, {columns} FROM approvals"
            " WHERE item_id = ?",
            (second.id, first.id),
        ),
        ("UPDATE items SET state = 'approved' WHERE id = ?", (second.id,)),
    )
    with pytest.raises(ApprovalMissingError) as caught:
        space.store.verify_approval(second.id)
    assert caught.value.reason == "other_item"
    with pytest.raises(ApprovalMissingError):
        space.store.transition(second.id, Action.QUEUE, SENDER)
    text = reasons(verify_store(space.store))
    assert "另一条信息" in text
    space.store.verify_approval(first.id)  # the original is untouched


def test_a_voided_approval_revived_after_restoring_the_content(
    space: Workspace, tmp_path: Path
) -> None:
    """Edit, restore the approved text (same hash, later revision), un-void the old
    approval and set the state: the signed revision no longer matches."""
    item = approved_item(space, tmp_path)
    space.service.save(item.with_changes(title="改过"))
    restored = space.service.restore_revision(item.id, item.revision).item
    assert restored is not None and restored.content_hash() == item.content_hash()
    space.tamper(
        (
            "UPDATE approvals SET void_at = NULL, void_reason = NULL, revision = ?"
            " WHERE item_id = ?",
            (restored.revision, item.id),
        ),  # fmt: skip
        ("UPDATE items SET state = 'approved' WHERE id = ?", (item.id,)),
    )
    assert_refused(space, item.id, "content_changed")


def test_the_old_key_after_reenrolment(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    leader = leader_of(space.service)
    renewed = space.service.reenrol_leader(leader.id, "135791")
    space.store.verify_approval(item.id)  # made before: still holds
    new_key = space.store.leader_key(renewed.key_id or "")
    assert new_key is not None
    pk, record = approval_record(space, item.id)
    record["signature"]["key_id"] = new_key.key_id
    record["public_key"] = base64.b64encode(new_key.public_key).decode()
    set_record(space, pk, record)
    assert_refused(space, item.id, "bad_signature")


def test_the_old_key_claiming_only_the_new_key_id(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    leader = leader_of(space.service)
    renewed = space.service.reenrol_leader(leader.id, "135791")
    pk, record = approval_record(space, item.id)
    record["signature"]["key_id"] = renewed.key_id
    set_record(space, pk, record)
    assert_refused(space, item.id, "key_mismatch")


def test_a_new_approval_made_with_the_retired_key(space: Workspace, tmp_path: Path) -> None:
    """Someone kept a copy of the old sealed key and its PIN: after re-enrolment it must not
    sign anything that passes."""
    leader = leader_of(space.service)
    old_key = space.store.leader_key(leader.key_id or "")
    assert old_key is not None and old_key.sealed is not None
    stolen = open_sealed_key(SealedKey.from_json(old_key.sealed), PIN, aad=leader.id.encode())
    space.service.reenrol_leader(leader.id, "135791")
    space.clock.advance(minutes=1)
    item = drive(
        space.service,
        space.store.create_item("other", 1, title="新的一条").id,
        ItemState.AWAITING_REVIEW,
    )
    record = build_record(
        item_id=item.id,
        revision=item.revision,
        content_hash=item.content_hash(),
        signer=Person(leader.id, leader.name, leader.post),
        deputy_for=None,
        opinion="同意",
        signed_at=space.clock.now,
        unit="共和县人民政府办公室",
        signature_png=signature_png(),
        audit_head=(0, "0" * 64),
        sign=stolen,
    )
    built = space.store.transition(
        item.id,
        Action.APPROVE,
        space.service.sign_in(leader.id, "135791").actor,
        approve=lambda head: (record, signature_png()),
    )
    assert built.state is ItemState.APPROVED
    with pytest.raises(ApprovalMissingError) as caught:
        space.store.verify_approval(item.id)
    assert caught.value.reason == "retired_key"
    assert "停用" in caught.value.message_zh()
    with pytest.raises(ApprovalMissingError):
        space.store.transition(item.id, Action.QUEUE, SENDER)
    assert verify_store(space.store)


def test_a_replaced_public_key(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    leader = leader_of(space.service)
    other = base64.b64encode(bytes(32)).decode()
    space.tamper(("UPDATE leader_keys SET public_key = ? WHERE key_id = ?", (other, leader.key_id)))
    assert_refused(space, item.id, "untrusted_key")
    assert "不是这位领导在本机登记的密钥" in reasons(verify_store(space.store))


def test_a_deleted_key(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    space.tamper("PRAGMA foreign_keys = OFF", "DELETE FROM leader_keys")
    assert_refused(space, item.id, "unknown_key")


def test_a_state_set_behind_the_programs_back(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    space.tamper(("UPDATE items SET state = 'sent' WHERE id = ?", (item.id,)))
    text = reasons(verify_store(space.store))
    assert "审计记录" in text and item.id[:8] in text


def test_a_draft_set_to_approved_behind_the_programs_back(space: Workspace) -> None:
    item = space.store.create_item("other", 1, title="草稿")
    space.tamper(("UPDATE items SET state = 'queued' WHERE id = ?", (item.id,)))
    findings = verify_store(space.store)
    assert any("还没有有效的领导签发" in f.message_zh for f in findings)
    with pytest.raises(ApprovalMissingError):
        space.store.transition(item.id, Action.DELIVER, SENDER)


def test_history_before_an_approval_rewritten_with_a_consistent_chain(
    space: Workspace, tmp_path: Path
) -> None:
    item = approved_item(space, tmp_path)
    with space.behind_the_back() as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        entries = [
            entry_from_row(tuple(r))
            for r in conn.execute(f"SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY seq")
        ]
        previous = None
        for entry in entries:
            fields = entry.hashed_fields()
            if entry.seq == 1:
                fields["actor_name"] = "王五"  # who created the item, rewritten
            if previous is not None:
                fields["prev_hash"] = previous
            digest = seal(fields)
            conn.execute(
                "UPDATE audit_log SET actor_name = ?, prev_hash = ?, entry_hash = ? WHERE seq = ?",
                (fields["actor_name"], fields["prev_hash"], digest, entry.seq),
            )
            previous = digest
    assert verify_chain(space.store.audit_entries()) is None  # the chain itself holds
    findings = verify_store(space.store, space.service.attachments)
    assert any("签发之前的审计记录被改写过" in f.message_zh for f in findings), reasons(findings)
    assert item.id[:8] in findings[0].where


def test_the_approve_entry_removed_from_the_tail(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    last = space.store.audit_entries()[-1]
    assert last.action == "approve"
    space.tamper("DROP TRIGGER audit_no_delete", f"DELETE FROM audit_log WHERE seq = {last.seq}")
    assert verify_chain(space.store.audit_entries()) is None  # a cut tail is a valid chain …
    text = reasons(verify_store(space.store))
    assert "审计记录" in text and item.id[:8] in text  # … but the approval lost its entry


# -- packages --------------------------------------------------------------------------------


@pytest.fixture
def package(space: Workspace, tmp_path: Path) -> Path:
    item = approved_item(space, tmp_path)
    return space.service.export(item.id, tmp_path / "报送包")


def manifest_of(package: Path) -> dict[str, Any]:
    return dict(json.loads((package / MANIFEST).read_text(encoding="utf-8")))


def write_manifest(package: Path, manifest: dict[str, Any]) -> None:
    (package / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        )


def test_an_approved_package_verifies(package: Path, space: Workspace) -> None:
    report = verify_package(package)
    assert report.ok, reasons(report.findings)
    leader = leader_of(space.service)
    assert report.signer == "李四（副县长）" and report.key_id == leader.key_id
    manifest = manifest_of(package)
    assert manifest["approval"]["signer"]["name"] == "李四"
    assert (package / SIGNATURE_FILE).read_bytes() == signature_png()
    [document] = package.glob("*.docx")
    text = docx_text(document)
    assert "李四" in text and "草稿，未经审核" not in text


def test_a_flipped_byte_in_an_attachment(package: Path) -> None:
    [photo] = (package / "附件").iterdir()
    data = bytearray(photo.read_bytes())
    data[len(data) // 2] ^= 0xFF
    photo.write_bytes(bytes(data))
    report = verify_package(package)
    assert not report.ok
    assert photo.name in report.findings[0].message_zh
    assert "被改动" in report.findings[0].message_zh


def test_an_attachment_swapped_together_with_its_manifest_entry(
    package: Path, tmp_path: Path
) -> None:
    [photo] = (package / "附件").iterdir()
    jpeg(tmp_path / "换.jpg", (0, 200, 0))
    photo.write_bytes((tmp_path / "换.jpg").read_bytes())
    manifest = manifest_of(package)
    import hashlib

    for entry in manifest["files"]:
        if entry["path"].startswith("附件"):
            entry["sha256"] = hashlib.sha256(photo.read_bytes()).hexdigest()
            entry["size"] = photo.stat().st_size
    write_manifest(package, manifest)
    report = verify_package(package)
    assert not report.ok
    assert "不在报送包中，或与签发时的文件不同" in reasons(report.findings)


def test_edited_item_content_in_the_manifest(package: Path) -> None:
    manifest = manifest_of(package)
    manifest["item"]["title"] = "共和县开展夏季送清凉活动"
    write_manifest(package, manifest)
    report = verify_package(package)
    assert not report.ok and not report.approved
    text = reasons(report.findings)
    assert "内容在导出后被改动过" in text and "签发之后被改动过" in text


def test_edited_item_content_with_a_recomputed_hash(package: Path) -> None:
    manifest = manifest_of(package)
    manifest["item"]["values"]["body"] = "另写的正文。"
    content = {k: v for k, v in manifest["item"].items() if k not in {"state", "revision"}}
    manifest["item"]["content_hash"] = Item.from_content(content).content_hash()
    write_manifest(package, manifest)
    report = verify_package(package)
    assert not report.ok
    assert "签发之后被改动过" in reasons(report.findings)


def test_the_approval_removed(package: Path) -> None:
    manifest = manifest_of(package)
    manifest["approval"] = None
    write_manifest(package, manifest)
    (package / SIGNATURE_FILE).unlink()
    manifest["files"] = [f for f in manifest["files"] if f["path"] != SIGNATURE_FILE]
    write_manifest(package, manifest)
    report = verify_package(package)
    assert not report.ok and not report.approved
    assert "没有领导签发记录" in reasons(report.findings)


def test_a_replaced_signature_image_in_the_package(package: Path) -> None:
    (package / SIGNATURE_FILE).write_bytes(signature_png(7))
    report = verify_package(package)
    assert not report.ok
    assert SIGNATURE_FILE in report.findings[0].message_zh
    # Even with the manifest entry made to match, the record names the real image.
    import hashlib

    manifest = manifest_of(package)
    for entry in manifest["files"]:
        if entry["path"] == SIGNATURE_FILE:
            entry["sha256"] = hashlib.sha256(signature_png(7)).hexdigest()
            entry["size"] = len(signature_png(7))
    write_manifest(package, manifest)
    report = verify_package(package)
    assert not report.ok
    assert "手写签名图片与审核记录不符" in reasons(report.findings)


def test_a_missing_signature_image_in_the_package(package: Path) -> None:
    (package / SIGNATURE_FILE).unlink()
    report = verify_package(package)
    assert not report.ok
    assert "缺少" in reasons(report.findings)


@pytest.mark.parametrize("keep", [0, 40])
def test_a_truncated_signature_in_the_package(package: Path, keep: int) -> None:
    manifest = manifest_of(package)
    sig = base64.b64decode(manifest["approval"]["signature"]["sig"])
    manifest["approval"]["signature"]["sig"] = base64.b64encode(sig[:keep]).decode()
    write_manifest(package, manifest)
    report = verify_package(package)
    assert not report.ok and not report.approved
    assert "电子签名无效" in reasons(report.findings)


def test_a_damaged_manifest(package: Path) -> None:
    (package / MANIFEST).write_text("{", encoding="utf-8")
    report = verify_package(package)
    assert not report.ok and MANIFEST in report.findings[0].message_zh


def test_a_path_outside_the_package(package: Path) -> None:
    manifest = manifest_of(package)
    manifest["files"].append(
        {"path": "../外面.txt", "role": "attachment", "sha256": "0", "size": 0}
    )
    write_manifest(package, manifest)
    report = verify_package(package)
    assert not report.ok and "不合法" in reasons(report.findings)


def test_a_file_not_in_the_manifest(package: Path) -> None:
    (package / "附件" / "夹带.txt").write_text("未经审核的内容", encoding="utf-8")
    report = verify_package(package)
    assert not report.ok
    assert "夹带.txt" in reasons(report.findings)


def test_an_unapproved_export_is_a_marked_draft(space: Workspace, tmp_path: Path) -> None:
    item = space.store.create_item(
        "other",
        1,
        title="还没审核的信息",
        values={"content_type": "news", "body": "正文。", "source": "共和县"},
    )
    package = space.service.export(item.id, tmp_path / "草稿包")
    report = verify_package(package)
    assert not report.ok and not report.approved
    assert "未经审核的草稿" in reasons(report.findings)
    assert manifest_of(package)["approval"] is None
    assert not (package / SIGNATURE_FILE).exists()
    [document] = package.glob("*.docx")
    with zipfile.ZipFile(document) as archive:
        headers = [n for n in archive.namelist() if n.startswith("word/header")]
        assert headers
        assert any("草稿，未经审核" in archive.read(n).decode("utf-8") for n in headers)


def test_an_item_approved_then_edited_exports_as_a_draft(space: Workspace, tmp_path: Path) -> None:
    item = approved_item(space, tmp_path)
    space.service.save(item.with_changes(title="签发后又改了"))
    package = space.service.export(item.id, tmp_path / "改过的包")
    assert manifest_of(package)["approval"] is None
    [document] = package.glob("*.docx")
    assert "草稿，未经审核" in docx_text(document)
    assert not verify_package(package).ok


def test_a_key_slipped_into_the_key_table(space: Workspace, tmp_path: Path) -> None:
    """A key added behind the program's back, then used through the program's own approve
    move: the chain never enrolled it."""
    from hnclient.signing import Ed25519Signer

    leader = leader_of(space.service)
    intruder = Ed25519Signer.generate()
    space.tamper(
        (
            "INSERT INTO leader_keys (key_id, leader_id, alg, public_key, sealed, created_at)"
            " VALUES (?, ?, 'ed25519', ?, NULL, '2026-11-30T02:00:00.000000+00:00')",
            (intruder.key_id, leader.id, base64.b64encode(intruder.public_key).decode()),
        )
    )
    item = drive(
        space.service,
        space.store.create_item("other", 1, title="偷签的一条").id,
        ItemState.AWAITING_REVIEW,
    )

    def build(head: tuple[int, str]) -> tuple[dict[str, Any], bytes]:
        record = build_record(
            item_id=item.id,
            revision=item.revision,
            content_hash=item.content_hash(),
            signer=Person(leader.id, leader.name, leader.post),
            deputy_for=None,
            opinion="同意",
            signed_at=space.clock.now,
            unit="共和县人民政府办公室",
            signature_png=signature_png(),
            audit_head=head,
            sign=intruder,
        )
        return record, signature_png()

    session = space.service.sign_in(leader.id, PIN)
    space.store.transition(item.id, Action.APPROVE, session.actor, approve=build)
    with pytest.raises(ApprovalMissingError) as caught:
        space.store.verify_approval(item.id)
    assert caught.value.reason == "untrusted_key"
    assert "与审计记录中登记的领导密钥不符" in reasons(verify_store(space.store))


def test_the_retired_key_is_named_by_the_audit_check(space: Workspace, tmp_path: Path) -> None:
    leader = leader_of(space.service)
    old_key = space.store.leader_key(leader.key_id or "")
    assert old_key is not None and old_key.sealed is not None
    stolen = open_sealed_key(SealedKey.from_json(old_key.sealed), PIN, aad=leader.id.encode())
    space.service.remove_leader(leader.id)
    other = leader_of(space.service, "王五", "县长")
    item = drive(
        space.service,
        space.store.create_item("other", 1, title="离任后签的一条").id,
        ItemState.AWAITING_REVIEW,
    )

    def build(head: tuple[int, str]) -> tuple[dict[str, Any], bytes]:
        record = build_record(
            item_id=item.id,
            revision=item.revision,
            content_hash=item.content_hash(),
            signer=Person(leader.id, leader.name, leader.post),
            deputy_for=None,
            opinion="同意",
            signed_at=space.clock.now - timedelta(days=30),  # back-dated
            unit="共和县人民政府办公室",
            signature_png=signature_png(),
            audit_head=head,
            sign=stolen,
        )
        return record, signature_png()

    as_leader = ActorRef(Actor.LEADER, leader.id, leader.name)  # no sign-in: removed
    with pytest.raises(ValueError):  # the actor must be who the record names
        space.store.transition(
            item.id, Action.APPROVE, space.service.sign_in(other.id, PIN).actor, approve=build
        )
    space.store.transition(item.id, Action.APPROVE, as_leader, approve=build)
    with pytest.raises(ApprovalMissingError) as caught:
        space.store.verify_approval(item.id)
    assert caught.value.reason == "retired_key"
    assert "旧密钥不能再签发" in reasons(verify_store(space.store))


def test_a_leader_signing_in_another_leaders_name(space: Workspace, tmp_path: Path) -> None:
    """王五 signs with his own enrolled key but names 李四 as the signer."""
    li = leader_of(space.service)
    wang = leader_of(space.service, "王五", "县长")
    key = space.store.leader_key(wang.key_id or "")
    assert key is not None and key.sealed is not None
    wang_signer = open_sealed_key(SealedKey.from_json(key.sealed), PIN, aad=wang.id.encode())
    item = drive(
        space.service,
        space.store.create_item("other", 1, title="冒名的一条").id,
        ItemState.AWAITING_REVIEW,
    )

    def build(head: tuple[int, str]) -> tuple[dict[str, Any], bytes]:
        record = build_record(
            item_id=item.id,
            revision=item.revision,
            content_hash=item.content_hash(),
            signer=Person(li.id, li.name, li.post),
            deputy_for=None,
            opinion="同意",
            signed_at=space.clock.now,
            unit="共和县人民政府办公室",
            signature_png=signature_png(),
            audit_head=head,
            sign=wang_signer,
        )
        return record, signature_png()

    as_li = ActorRef(Actor.LEADER, li.id, li.name)
    space.store.transition(item.id, Action.APPROVE, as_li, approve=build)
    with pytest.raises(ApprovalMissingError) as caught:
        space.store.verify_approval(item.id)
    assert caught.value.reason == "untrusted_key"
    assert verify_store(space.store)


# -- the Word document against what was signed ---------------------------------------------


def edit_docx(document: Path, old: str, new: str) -> None:
    """Change ``old`` to ``new`` in the runs of every paragraph holding it (body and table
    cells), the way an editor would, and save in place."""
    import docx

    opened = docx.Document(str(document))
    paragraphs = list(opened.paragraphs)
    for table in opened.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    changed = 0
    for paragraph in paragraphs:
        if old not in paragraph.text:
            continue
        changed += 1
        runs = paragraph.runs
        hit = [run for run in runs if old in run.text]
        if hit:
            hit[0].text = hit[0].text.replace(old, new)
        else:  # split over runs (digits are set in their own runs): rewrite the paragraph
            runs[0].text = paragraph.text.replace(old, new)
            for run in runs[1:]:
                run.text = ""
    assert changed, f"“{old}” not found in {document.name}"
    opened.save(str(document))


def rehash_document(package: Path) -> None:
    """Put the edited document's SHA-256 and size into the (unsigned) manifest."""
    import hashlib

    manifest = manifest_of(package)
    for entry in manifest["files"]:
        if entry["role"] == "document":
            data = (package / entry["path"]).read_bytes()
            entry["sha256"] = hashlib.sha256(data).hexdigest()
            entry["size"] = len(data)
    write_manifest(package, manifest)


def test_an_edited_opinion_in_the_word_document_fails_even_with_a_recomputed_hash(
    package: Path,
) -> None:
    [document] = package.glob("*.docx")
    edit_docx(document, "同意", "同意，请尽快全文发布")
    rehash_document(package)
    report = verify_package(package)
    assert not report.ok
    [finding] = report.findings
    assert document.name in finding.message_zh
    assert "与签发的内容不一致" in finding.message_zh
    assert "同意，请尽快全文发布" in finding.message_zh  # what the clerk would have read


def test_an_edited_telephone_in_the_word_document_fails(space: Workspace, tmp_path: Path) -> None:
    space.close()
    space = Workspace(tmp_path, phone=lambda: "0974-8512345")
    try:
        item = approved_item(space, tmp_path)
        package = space.service.export(item.id, tmp_path / "报送包")
        assert manifest_of(package)["approval"]["contact"] == {
            "name": "张三",
            "phone": "0974-8512345",
        }
        [document] = package.glob("*.docx")
        edit_docx(document, "8512345", "8500000")  # printed with word joiners
        rehash_document(package)
        report = verify_package(package)
        assert not report.ok
        assert "8500000" in report.findings[0].message_zh
    finally:
        space.close()


def test_an_edited_body_paragraph_fails(package: Path) -> None:
    [document] = package.glob("*.docx")
    edit_docx(
        document, "共和县开展冬季送温暖活动。", "共和县开展冬季送温暖活动，发放物资一百万元。"
    )
    rehash_document(package)
    report = verify_package(package)
    assert not report.ok and report.approved
    message = report.findings[0].message_zh
    assert document.name in message and "发放物资一百万元" in message


def test_a_picture_replaced_inside_the_word_document_fails(package: Path, tmp_path: Path) -> None:
    [document] = package.glob("*.docx")
    with zipfile.ZipFile(document) as archive:
        contents = {name: archive.read(name) for name in archive.namelist()}
    [photo] = [n for n in contents if n.startswith("word/media/") and n.endswith((".jpg", ".jpeg"))]
    jpeg(tmp_path / "别的.jpg", (200, 0, 0))
    contents[photo] = (tmp_path / "别的.jpg").read_bytes()
    with zipfile.ZipFile(document, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in contents.items():
            archive.writestr(name, data)
    rehash_document(package)
    report = verify_package(package)
    assert not report.ok
    assert "图片" in report.findings[0].message_zh


def test_an_untouched_package_passes_with_no_notes(package: Path) -> None:
    report = verify_package(package)
    assert report.ok, reasons(report.findings)
    assert report.notes == ()  # the contact is signed in the record


def test_an_edited_draft_document_fails_and_an_untouched_one_only_is_a_draft(
    space: Workspace, tmp_path: Path
) -> None:
    item = space.store.create_item(
        "other",
        1,
        title="还没审核的信息",
        values={"content_type": "news", "body": "草稿的正文。", "source": "共和县"},
    )
    package = space.service.export(item.id, tmp_path / "草稿包")
    report = verify_package(package)
    assert [f.where for f in report.findings] == ["approval"], reasons(report.findings)
    [document] = package.glob("*.docx")
    edit_docx(document, "草稿的正文。", "改过的正文。")
    rehash_document(package)
    report = verify_package(package)
    assert not report.ok
    text = reasons(report.findings)
    assert "未经审核的草稿" in text
    assert document.name in text and "报送包中的信息内容不一致" in text


def test_a_unit_renamed_after_approval_leaves_the_signed_document_unchanged(
    space: Workspace, tmp_path: Path
) -> None:
    settings = {"unit": "共和县人民政府办公室", "phone": "0974-8512345"}
    space.close()
    space = Workspace(tmp_path, unit=lambda: settings["unit"], phone=lambda: settings["phone"])
    try:
        item = approved_item(space, tmp_path)
        settings["unit"], settings["phone"] = "贵德县人民政府办公室", "0974-8550000"
        package = space.service.export(item.id, tmp_path / "改名后的包")
        manifest = manifest_of(package)
        assert manifest["unit"] == "共和县人民政府办公室"
        assert manifest["contact"]["phone"] == "0974-8512345"
        [document] = package.glob("*.docx")
        text = docx_text(document)
        assert "共和县人民政府办公室" in text and "贵德县" not in text
        assert "8512345" in text and "8550000" not in text
        report = verify_package(package)
        assert report.ok, reasons(report.findings)
        # The leader's review page and the preview show the signed unit too.
        page = space.service.review_view(item.id).page_html
        assert "共和县人民政府办公室" in page and "贵德县" not in page
        # A draft takes the current settings.
        space.service.save(item.with_changes(title="签发后改了标题"))
        package = space.service.export(item.id, tmp_path / "改后的草稿包")
        assert manifest_of(package)["unit"] == "贵德县人民政府办公室"
        assert "贵德县人民政府办公室" in docx_text(next(package.glob("*.docx")))
    finally:
        space.close()


def test_the_contact_is_not_bound_for_an_approval_recorded_without_one(
    package: Path, space: Workspace
) -> None:
    """Older records have no ``contact``: the manifest's contact is printed and compared,
    and the report says that those lines are not covered by the signature."""
    from hnclient.printed import printed_for
    from hnclient.word.office import Contact

    manifest = manifest_of(package)
    record = dict(manifest["approval"])
    record.pop("contact")
    printed = printed_for(
        record,
        signature_png=signature_png(),
        content_hash="0" * 64,
        unit="别的单位",
        contact=Contact("王五", "110"),
    )
    assert printed.unit == record["unit"] and printed.contact == Contact("王五", "110")
    assert not printed.contact_signed
    signed = printed_for(manifest["approval"], unit="别的单位", contact=Contact("王五", "110"))
    assert signed.contact == Contact("张三", "") and signed.contact_signed


def test_a_sentence_hidden_in_the_word_document_fails(package: Path) -> None:
    import docx
    from docx.oxml import OxmlElement

    [document] = package.glob("*.docx")
    opened = docx.Document(str(document))
    [body] = [p for p in opened.paragraphs if p.text == "共和县开展冬季送温暖活动。"]
    for run in body.runs:
        run._r.get_or_add_rPr().append(OxmlElement("w:vanish"))
    opened.save(str(document))
    rehash_document(package)
    report = verify_package(package)
    assert not report.ok
    assert "隐藏" in report.findings[0].message_zh


def test_an_approval_recorded_without_a_contact(space: Workspace, tmp_path: Path) -> None:
    """Approvals made before the record carried ``contact``: the document prints the
    settings' contact, the package records it, verify compares it and says that those two
    lines are not covered by the signature; a package from before the manifest carried it
    leaves the two values out of the comparison and says so."""
    leader = leader_of(space.service)
    key = space.store.leader_key(leader.key_id or "")
    assert key is not None and key.sealed is not None
    signer = open_sealed_key(SealedKey.from_json(key.sealed), PIN, aad=leader.id.encode())
    item = drive(
        space.service,
        space.store.create_item(
            "other",
            1,
            title="旧版签发的信息",
            values={"content_type": "news", "body": "旧版签发的正文。", "source": "共和县"},
        ).id,
        ItemState.AWAITING_REVIEW,
    )

    def old_record(head: tuple[int, str]) -> tuple[dict[str, Any], bytes]:
        record = build_record(
            item_id=item.id,
            revision=item.revision,
            content_hash=item.content_hash(),
            signer=Person(leader.id, leader.name, leader.post),
            deputy_for=None,
            opinion="同意",
            signed_at=space.clock.now,
            unit="共和县人民政府办公室",
            signature_png=signature_png(),
            audit_head=head,
            sign=signer,
        )
        return record, signature_png()

    space.store.transition(
        item.id,
        Action.APPROVE,
        space.service.sign_in(leader.id, PIN).actor,
        expected_hash=item.content_hash(),
        approve=old_record,
    )
    package = space.service.export(item.id, tmp_path / "旧签发的包")
    manifest = manifest_of(package)
    assert "contact" not in manifest["approval"] and manifest["contact"]["name"] == "张三"
    report = verify_package(package)
    assert report.ok, reasons(report.findings)
    assert any("不在领导签名范围内" in note for note in report.notes)
    [document] = package.glob("*.docx")
    edit_docx(document, "张三", "王五")
    rehash_document(package)
    assert "王五" in reasons(verify_package(package).findings)  # still compared
    manifest = manifest_of(package)
    del manifest["contact"]  # a package from before the manifest carried it
    write_manifest(package, manifest)
    report = verify_package(package)  # the edited contact is not compared, and it says so
    assert report.ok, reasons(report.findings)
    assert any("未核对" in note for note in report.notes)


def test_the_command_line_names_the_edited_word_document(package: Path) -> None:
    import argparse
    import io

    from hnclient.signoff_cli import EXIT_FAILED, EXIT_OK, run_verify

    out = io.StringIO()
    assert run_verify(argparse.Namespace(package=package, json=False), out=out) == EXIT_OK
    assert "Word 文档与签发的内容一致" in out.getvalue()
    [document] = package.glob("*.docx")
    edit_docx(document, "同意", "同意，加急")
    rehash_document(package)
    out = io.StringIO()
    assert run_verify(argparse.Namespace(package=package, json=False), out=out) == EXIT_FAILED
    printed = out.getvalue()
    assert printed.startswith(f"核验未通过：{document.name}：")
    assert "同意，加急" in printed and "核验通过" not in printed


def _listed(package: Path, path: str, role: str) -> dict[str, Any]:
    import hashlib

    data = (package / path).read_bytes()
    return {
        "path": path,
        "role": role,
        "sha256": hashlib.sha256(data).hexdigest(),
        "size": len(data),
    }


def test_a_second_document_under_the_title_with_the_signed_one_renamed(package: Path) -> None:
    """A trial passed verify with the signed .docx renamed and listed first, and an edited copy
    under the title's name listed second: the clerk opens the one named after the title."""
    import shutil

    [document] = package.glob("*.docx")
    original = document.name
    kept = package / "aa原件.docx"
    document.rename(kept)
    shutil.copy(kept, package / original)
    edit_docx(package / original, "同意", "同意，经费从县财政列支")
    manifest = manifest_of(package)
    for entry in manifest["files"]:
        if entry["role"] == "document":
            entry["path"] = kept.name
    manifest["files"].append(_listed(package, original, "document"))
    write_manifest(package, manifest)
    report = verify_package(package)
    assert not report.ok
    assert "签发内容没有的文件“aa原件.docx”" in reasons(report.findings)


@pytest.mark.parametrize("role", ["readme", "attachment", "document"])
def test_an_extra_file_listed_with_its_hash_fails(package: Path, role: str) -> None:
    (package / "说明.txt").write_text("本信息已撤回。", encoding="utf-8")
    manifest = manifest_of(package)
    manifest["files"].append(_listed(package, "说明.txt", role))
    write_manifest(package, manifest)
    report = verify_package(package)
    assert not report.ok
    assert "签发内容没有的文件“说明.txt”" in reasons(report.findings)


def test_a_renamed_attachment_listed_under_its_new_name_fails(package: Path) -> None:
    [photo] = (package / "附件").iterdir()
    renamed = photo.with_name("另一张照片.jpg")
    photo.rename(renamed)
    manifest = manifest_of(package)
    for entry in manifest["files"]:
        if entry["path"] == f"附件/{photo.name}":
            entry["path"] = f"附件/{renamed.name}"
    write_manifest(package, manifest)
    report = verify_package(package)
    assert not report.ok
    assert "另一张照片.jpg" in reasons(report.findings)


def _add_footnotes_part(document: Path, text: str) -> None:
    """Add word/footnotes.xml holding ``text`` the way Word stores footnotes."""
    import zipfile as zf

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:footnotes xmlns:w="{w}"><w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t>'
        f"</w:r></w:p></w:footnote></w:footnotes>"
    )
    with zf.ZipFile(document) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    assert "relationships/footnotes" not in rels
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/></Relationships>',
    ).encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace(
        "</Types>",
        '<Override PartName="/word/footnotes.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
    ).encode("utf-8")
    parts["word/footnotes.xml"] = footnotes.encode("utf-8")
    with zf.ZipFile(document, "w", zf.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_footnote_added_to_the_document_fails(package: Path) -> None:
    """A trial added a footnote (Word and LibreOffice print it) and verify passed."""
    [document] = package.glob("*.docx")
    _add_footnotes_part(document, "本条信息已撤回")
    rehash_document(package)
    report = verify_package(package)
    assert not report.ok
    assert "本条信息已撤回" in reasons(report.findings)
