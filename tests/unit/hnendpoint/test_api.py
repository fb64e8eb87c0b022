"""Delivering items, statuses, notices and leader keys (docs/protocol.md §4–§6, §8) over
real loopback HTTP, with manifests approved by a real Ed25519 signature."""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import date, timedelta
from typing import Any

import pytest
import requests

from hnprotocol.canonical import canonical_json
from hnprotocol.manifest import manifest_sha256
from hnprotocol.receipt import check_receipt
from hnprotocol.signatures import Ed25519Signer
from hnprotocol.tus import encode_metadata
from tests.endpoint_support import (
    UNIT,
    RunningEndpoint,
    file_reference,
    item_content,
    key_registration,
    new_item_id,
    signed_manifest,
    tus_upload,
)
from tests.unit.hnendpoint.conftest import Http, MovableClock

PHOTO = b"\xff\xd8\xff\xe0 a photo " + bytes(range(256)) * 64
DOC = b"PK\x03\x04 a docx " + bytes(range(255, -1, -1)) * 32


@pytest.fixture
def signer() -> Ed25519Signer:
    return Ed25519Signer.generate()


@pytest.fixture
def trusted(http: Http, endpoint: RunningEndpoint, signer: Ed25519Signer) -> Ed25519Signer:
    """``signer``'s key registered by the unit and confirmed by the office."""
    assert http.post("/api/v1/leader-keys", json=key_registration(signer)).status_code == 201
    endpoint.admin.confirm_key(signer.key_id)
    return signer


class Item:
    """One item with a photo and a document uploaded: ``manifest(revision=…)`` signs it."""

    def __init__(self, http: Http, signer: Ed25519Signer, title: str = "防汛工作会议") -> None:
        self.http = http
        self.signer = signer
        self.id = new_item_id()
        self.files = {PHOTO: "现场照片.jpg", DOC: "会议纪要.docx"}
        self.uploads = {
            hashlib.sha256(data).hexdigest(): tus_upload(http.base_url, http.token, data, name=n)
            for data, n in self.files.items()
        }
        self.title = title

    def content(self, **changes: Any) -> dict[str, Any]:
        content = item_content(
            self.id,
            title=self.title,
            cover=file_reference(PHOTO, "现场照片.jpg"),
            attachments=[file_reference(DOC, "会议纪要.docx", "docx")],
        )
        content.update(changes)
        return content

    def manifest(self, revision: int = 1, supersedes: int | None = None, **changes: Any) -> bytes:
        return signed_manifest(
            self.content(**changes),
            signer=self.signer,
            uploads=self.uploads,
            revision=revision,
            supersedes=supersedes,
        )


def deliver(http: Http, body: bytes) -> requests.Response:
    return http.post("/api/v1/items", data=body, headers={"Content-Type": "application/json"})


def edited(body: bytes, edit: Any) -> bytes:
    data = json.loads(body)
    edit(data)
    return canonical_json(data)


def assert_error(answer: requests.Response, status: int, code: str) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["Content-Type"] == "application/json"
    body = answer.json()
    assert body["error"] == code
    assert body["message"] and body["message_en"]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])  # said in Chinese


# -- delivering -----------------------------------------------------------------------------


def test_a_new_item_is_201_with_a_receipt_that_checks(http: Http, trusted: Ed25519Signer) -> None:
    item = Item(http, trusted)
    body = item.manifest()
    answer = deliver(http, body)
    assert answer.status_code == 201
    receipt = check_receipt(
        answer.content,
        answer.headers["Content-Type"],
        item_id=item.id,
        revision=1,
        manifest_sha256=manifest_sha256(body),
    )
    assert receipt.status == "received"
    assert receipt.unit == UNIT
    assert receipt.data["received_at"].endswith("+08:00")
    assert receipt.received_at.isoformat() == "2026-11-30T14:00:00+08:00"


def test_the_same_manifest_again_is_200_with_the_same_receipt(
    http: Http, trusted: Ed25519Signer
) -> None:
    item = Item(http, trusted)
    body = item.manifest()
    first = deliver(http, body)
    again = deliver(http, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.content == first.content
    assert again.json()["receipt_id"] == first.json()["receipt_id"]


def test_another_manifest_under_the_same_key_is_409(
    http: Http, trusted: Ed25519Signer, endpoint: RunningEndpoint
) -> None:
    item = Item(http, trusted)
    assert deliver(http, item.manifest()).status_code == 201
    answer = deliver(http, item.manifest(title="改过的标题"))
    assert_error(answer, 409, "manifest_conflict")
    assert len(endpoint.admin.list_items()) == 1


def test_concurrent_deliveries_of_one_manifest_store_it_once(
    http: Http, trusted: Ed25519Signer, endpoint: RunningEndpoint
) -> None:
    item = Item(http, trusted)
    body = item.manifest()
    answers: list[requests.Response] = []
    barrier = threading.Barrier(5)

    def send() -> None:
        barrier.wait()
        answers.append(deliver(http, body))

    threads = [threading.Thread(target=send) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.status_code for a in answers) == [200, 200, 200, 200, 201]
    assert len({a.json()["receipt_id"] for a in answers}) == 1
    assert len(endpoint.admin.list_items()) == 1


def _no_format(data: dict[str, Any]) -> None:
    data["format"] = "something/1"


def _tamper_content(data: dict[str, Any]) -> None:
    data["content"]["title"] = "篡改"


def _drop_listed_file(data: dict[str, Any]) -> None:
    data["files"] = [f for f in data["files"] if f["role"] != "attachment"]


def _forge_signature(data: dict[str, Any]) -> None:
    data["approval"]["opinion"] = "不同意"


def _missing_upload(data: dict[str, Any]) -> None:
    data["files"][0]["upload"] = "/files/" + "0" * 32


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (_no_format, "manifest_malformed"),
        (_tamper_content, "content_hash_mismatch"),
        (_drop_listed_file, "file_not_listed"),
        (_forge_signature, "approval_invalid"),
        (_missing_upload, "file_missing"),
    ],
)
def test_an_invalid_manifest_is_422_and_nothing_is_stored(
    http: Http, trusted: Ed25519Signer, endpoint: RunningEndpoint, edit: Any, code: str
) -> None:
    item = Item(http, trusted)
    answer = deliver(http, edited(item.manifest(), edit))
    assert_error(answer, 422, code)
    assert endpoint.admin.list_items() == []
    assert deliver(http, item.manifest()).status_code == 201  # the key is still free


@pytest.mark.parametrize("body", [b"", b"not json", b"[]", b'{"format": 1'])
def test_a_body_that_is_no_manifest_is_422_malformed(http: Http, body: bytes) -> None:
    assert_error(deliver(http, body), 422, "manifest_malformed")


def test_a_manifest_signed_for_another_content_is_approval_invalid(
    http: Http, trusted: Ed25519Signer
) -> None:
    item = Item(http, trusted)
    other = json.loads(item.manifest(title="另一条内容"))
    answer = deliver(
        http, edited(item.manifest(), lambda data: data.update(approval=other["approval"]))
    )
    assert_error(answer, 422, "approval_invalid")


def test_an_upload_of_another_unit_is_file_missing(
    http: Http, other_http: Http, trusted: Ed25519Signer
) -> None:
    item = Item(http, trusted)
    foreign = tus_upload(other_http.base_url, other_http.token, PHOTO)
    item.uploads[hashlib.sha256(PHOTO).hexdigest()] = foreign
    assert_error(deliver(http, item.manifest()), 422, "file_missing")


def test_an_incomplete_upload_is_file_incomplete(http: Http, trusted: Ed25519Signer) -> None:
    item = Item(http, trusted)
    created = http.post(
        "/files/",
        headers={
            "Upload-Length": str(len(PHOTO)),
            "Upload-Metadata": encode_metadata({"sha256": hashlib.sha256(PHOTO).hexdigest()}),
        },
    )
    item.uploads[hashlib.sha256(PHOTO).hexdigest()] = created.headers["Location"]
    assert_error(deliver(http, item.manifest()), 422, "file_incomplete")


def test_a_corrupt_upload_is_file_hash_mismatch(http: Http, trusted: Ed25519Signer) -> None:
    item = Item(http, trusted)
    sha = hashlib.sha256(PHOTO).hexdigest()
    damaged = bytearray(PHOTO)
    damaged[100] ^= 0xFF
    # the bytes arrive damaged (each chunk's checksum computed over the damaged bytes)
    created = http.post(
        "/files/",
        headers={
            "Upload-Length": str(len(PHOTO)),
            "Upload-Metadata": encode_metadata({"sha256": sha}),
        },
    )
    path = created.headers["Location"]
    answer = http.patch(
        path,
        headers={"Content-Type": "application/offset+octet-stream", "Upload-Offset": "0"},
        data=bytes(damaged),
    )
    assert answer.status_code == 204
    item.uploads[sha] = path
    assert_error(deliver(http, item.manifest()), 422, "file_hash_mismatch")


def test_an_upload_of_other_bytes_is_file_hash_mismatch(http: Http, trusted: Ed25519Signer) -> None:
    item = Item(http, trusted)
    item.uploads[hashlib.sha256(PHOTO).hexdigest()] = tus_upload(
        http.base_url, http.token, PHOTO + b"!"
    )
    assert_error(deliver(http, item.manifest()), 422, "file_hash_mismatch")


def test_an_expired_upload_is_file_missing(
    http: Http, trusted: Ed25519Signer, clock: MovableClock
) -> None:
    item = Item(http, trusted)
    clock.advance(timedelta(days=8))
    assert_error(deliver(http, item.manifest()), 422, "file_missing")


def test_uploads_an_item_names_are_kept(
    http: Http, trusted: Ed25519Signer, endpoint: RunningEndpoint, clock: MovableClock
) -> None:
    item = Item(http, trusted)
    body = item.manifest()
    assert deliver(http, body).status_code == 201
    for path in item.uploads.values():
        assert http.delete(path).status_code == 204  # the client tidies up
        assert http.head(path).status_code == 404
    clock.advance(timedelta(days=30))
    files = endpoint.admin.files(item.id, 1)
    assert {sha: p.read_bytes() for sha, p in files.items()} == {
        hashlib.sha256(data).hexdigest(): data for data in item.files
    }
    assert deliver(http, body).status_code == 200


def test_a_revision_must_supersede_a_delivered_one(http: Http, trusted: Ed25519Signer) -> None:
    item = Item(http, trusted)
    assert_error(deliver(http, item.manifest(revision=2, supersedes=1)), 422, "supersedes_unknown")
    assert deliver(http, item.manifest(revision=1)).status_code == 201
    assert deliver(http, item.manifest(revision=2, supersedes=1)).status_code == 201
    revisions = http.get(f"/api/v1/items/{item.id}").json()["revisions"]
    assert [r["revision"] for r in revisions] == [1, 2]


def test_another_units_item_is_invisible(
    http: Http, other_http: Http, trusted: Ed25519Signer
) -> None:
    item = Item(http, trusted)
    assert deliver(http, item.manifest()).status_code == 201
    assert_error(other_http.get(f"/api/v1/items/{item.id}"), 404, "item_not_found")
    assert other_http.get("/api/v1/status").json()["changes"] == []


# -- signer trust ---------------------------------------------------------------------------


def test_an_unregistered_signer_is_held_until_the_office_confirms_the_key(
    http: Http, endpoint: RunningEndpoint, signer: Ed25519Signer
) -> None:
    item = Item(http, signer)
    answer = deliver(http, item.manifest())
    assert answer.status_code == 201
    assert answer.json()["status"] == "held_unregistered_signer"

    assert http.post("/api/v1/leader-keys", json=key_registration(signer)).status_code == 201
    second = Item(http, signer)
    assert deliver(http, second.manifest()).json()["status"] == "held_unregistered_signer"

    assert endpoint.admin.confirm_key(signer.key_id) == 2
    statuses = http.get(f"/api/v1/items/{item.id}").json()["revisions"]
    assert [r["status"] for r in statuses] == ["received"]
    changes = http.get("/api/v1/status").json()["changes"]
    assert [(c["item_id"], c["status"]) for c in changes] == [
        (item.id, "held_unregistered_signer"),
        (second.id, "held_unregistered_signer"),
        (item.id, "received"),
        (second.id, "received"),
    ]
    # the receipt stays what it was
    assert deliver(http, item.manifest()).json()["status"] == "held_unregistered_signer"
    assert deliver(http, Item(http, signer).manifest()).json()["status"] == "received"


def test_a_revoked_key_is_held(
    http: Http, endpoint: RunningEndpoint, trusted: Ed25519Signer
) -> None:
    endpoint.admin.revoke_key(trusted.key_id)
    answer = deliver(http, Item(http, trusted).manifest())
    assert answer.json()["status"] == "held_unregistered_signer"


def test_a_key_confirmed_for_another_unit_is_not_trusted_here(
    http: Http, other_http: Http, endpoint: RunningEndpoint, signer: Ed25519Signer
) -> None:
    assert other_http.post("/api/v1/leader-keys", json=key_registration(signer)).status_code == 201
    endpoint.admin.confirm_key(signer.key_id)
    answer = deliver(http, Item(http, signer).manifest())
    assert answer.json()["status"] == "held_unregistered_signer"


# -- leader keys ----------------------------------------------------------------------------


def test_registering_a_leader_key(
    http: Http, other_http: Http, endpoint: RunningEndpoint, signer: Ed25519Signer
) -> None:
    registration = key_registration(signer, "王五", "县长")
    answer = http.post("/api/v1/leader-keys", json=registration)
    assert (answer.status_code, answer.json()) == (201, {"status": "pending"})
    again = http.post("/api/v1/leader-keys", json=registration)
    assert (again.status_code, again.json()) == (200, {"status": "pending"})
    listed = http.get("/api/v1/leader-keys").json()["keys"]
    assert listed == [
        {"key_id": signer.key_id, "name": "王五", "post": "县长", "status": "pending"}
    ]
    assert other_http.get("/api/v1/leader-keys").json() == {"keys": []}

    endpoint.admin.confirm_key(signer.key_id)
    assert http.post("/api/v1/leader-keys", json=registration).json() == {"status": "confirmed"}
    endpoint.admin.revoke_key(signer.key_id)
    assert http.get("/api/v1/leader-keys").json()["keys"][0]["status"] == "revoked"


@pytest.mark.parametrize(
    "change",
    [
        {"key_id": "ed25519:" + "0" * 32},
        {"alg": "sm2"},
        {"public_key": "not base64!"},
        {"public_key": "AAAA"},
        {"name": ""},
        {"name": None},
    ],
)
def test_an_inconsistent_key_registration_is_422(
    http: Http, signer: Ed25519Signer, change: dict[str, Any]
) -> None:
    body = {**key_registration(signer), **change}
    assert_error(http.post("/api/v1/leader-keys", json=body), 422, "key_invalid")
    assert http.get("/api/v1/leader-keys").json() == {"keys": []}


def test_a_key_registration_that_is_no_json_is_422(http: Http) -> None:
    assert_error(http.post("/api/v1/leader-keys", data=b"{"), 422, "key_invalid")


# -- what became of it ----------------------------------------------------------------------


def test_item_status_follows_the_office(
    http: Http, trusted: Ed25519Signer, endpoint: RunningEndpoint, clock: MovableClock
) -> None:
    item = Item(http, trusted)
    receipt = deliver(http, item.manifest()).json()
    clock.advance(timedelta(hours=1))
    endpoint.admin.adopt(item.id, 1)
    clock.advance(timedelta(hours=1))
    endpoint.admin.publish(item.id, 1, "https://www.hainanzhou.gov.cn/xxgk/1.html")
    answer = http.get(f"/api/v1/items/{item.id}")
    assert answer.status_code == 200
    assert answer.json() == {
        "item_id": item.id,
        "revisions": [
            {
                "revision": 1,
                "receipt_id": receipt["receipt_id"],
                "status": "published",
                "reason": None,
                "url": "https://www.hainanzhou.gov.cn/xxgk/1.html",
                "updated_at": "2026-11-30T16:00:00+08:00",
            }
        ],
    }
    assert_error(http.get(f"/api/v1/items/{new_item_id()}"), 404, "item_not_found")


def test_the_status_feed_returns_changes_after_the_cursor(
    http: Http, trusted: Ed25519Signer, endpoint: RunningEndpoint
) -> None:
    first, second = Item(http, trusted), Item(http, trusted)
    deliver(http, first.manifest())
    feed = http.get("/api/v1/status").json()
    assert [(c["item_id"], c["status"]) for c in feed["changes"]] == [(first.id, "received")]
    cursor = feed["cursor"]
    assert http.get("/api/v1/status", params={"since": cursor}).json() == {
        "changes": [],
        "cursor": cursor,
    }

    deliver(http, second.manifest())
    endpoint.admin.return_item(first.id, 1, "数据需要核实，请补充来源")
    feed = http.get("/api/v1/status", params={"since": cursor}).json()
    assert [(c["item_id"], c["status"], c["reason"]) for c in feed["changes"]] == [
        (second.id, "received", None),
        (first.id, "returned", "数据需要核实，请补充来源"),
    ]
    assert set(feed["changes"][0]) == {
        "item_id",
        "revision",
        "status",
        "reason",
        "url",
        "updated_at",
    }
    assert http.get("/api/v1/status", params={"since": feed["cursor"]}).json()["changes"] == []
    everything = http.get("/api/v1/status").json()["changes"]
    assert len(everything) == 3


@pytest.mark.parametrize("cursor", ["abc", "-1", "1.5"])
def test_a_cursor_the_endpoint_never_gave_is_400(http: Http, cursor: str) -> None:
    assert_error(http.get("/api/v1/status", params={"since": cursor}), 400, "cursor_invalid")
    assert_error(http.get("/api/v1/notices", params={"since": cursor}), 400, "cursor_invalid")


def test_the_notices_feed(
    http: Http, other_http: Http, endpoint: RunningEndpoint, clock: MovableClock
) -> None:
    assert http.get("/api/v1/notices").json() == {"notices": [], "cursor": "0"}
    notice_id = endpoint.admin.add_notice("关于十一月信息采用情况的通报", "共和县采用 12 条。")
    clock.advance(timedelta(minutes=5))
    task_id = endpoint.admin.add_task("报送年度总结", "请于月底前报送。", date(2026, 12, 31))
    endpoint.admin.add_notice("只给州统计局", "……", unit="州统计局")
    feed = http.get("/api/v1/notices").json()
    assert feed["notices"] == [
        {
            "id": notice_id,
            "kind": "notice",
            "title": "关于十一月信息采用情况的通报",
            "body": "共和县采用 12 条。",
            "due_date": None,
            "published_at": "2026-11-30T14:00:00+08:00",
        },
        {
            "id": task_id,
            "kind": "task",
            "title": "报送年度总结",
            "body": "请于月底前报送。",
            "due_date": "2026-12-31",
            "published_at": "2026-11-30T14:05:00+08:00",
        },
    ]
    assert http.get("/api/v1/notices", params={"since": feed["cursor"]}).json()["notices"] == []
    later = endpoint.admin.add_notice("新通报", "正文")
    newer = http.get("/api/v1/notices", params={"since": feed["cursor"]}).json()["notices"]
    assert [n["id"] for n in newer] == [later]
    assert len(other_http.get("/api/v1/notices").json()["notices"]) == 4


# -- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/api/v1/items"),
        ("GET", "/api/v1/items/" + "a" * 32),
        ("GET", "/api/v1/status"),
        ("GET", "/api/v1/notices"),
        ("GET", "/api/v1/leader-keys"),
        ("POST", "/api/v1/leader-keys"),
    ],
)
def test_a_missing_or_unknown_token_is_401(
    endpoint: RunningEndpoint, token: str, method: str, path: str
) -> None:
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": token}):
        answer = requests.request(method, endpoint.url + path, headers=headers, timeout=10)
        assert_error(answer, 401, "unauthorized")


def test_unknown_paths_and_methods_answer_json(http: Http) -> None:
    assert_error(http.get("/api/v1/nothing"), 404, "not_found")
    assert_error(http.request("PUT", "/api/v1/items"), 405, "method_not_allowed")
