"""tus 1.0.0 at /files/, clause by clause (docs/protocol.md §2; the tus spec's core, creation,
checksum, termination and expiration), over real loopback HTTP."""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest
import requests

from hnprotocol.tus import MAX_SIZE, checksum_header, encode_metadata
from tests.endpoint_support import TUS, RunningEndpoint, start_endpoint
from tests.unit.hnendpoint.conftest import Http, MovableClock

OCTETS = {"Content-Type": "application/offset+octet-stream"}
DATA = bytes(range(256)) * 4096  # 1 MiB


def metadata_for(data: bytes, **extra: str) -> str:
    return encode_metadata({"sha256": hashlib.sha256(data).hexdigest(), **extra})


def create(http: Http, data: bytes = DATA, metadata: str | None = None) -> str:
    answer = http.post(
        "/files/",
        headers={
            "Upload-Length": str(len(data)),
            "Upload-Metadata": metadata if metadata is not None else metadata_for(data),
        },
    )
    assert answer.status_code == 201, answer.text
    return str(answer.headers["Location"])


def patch(
    http: Http, path: str, body: bytes, offset: int, alg: str | None = "sha256", **headers: str
) -> requests.Response:
    sent = {**OCTETS, "Upload-Offset": str(offset), **headers}
    if alg is not None and "Upload-Checksum" not in sent:
        sent["Upload-Checksum"] = checksum_header(alg, body)
    return http.patch(path, headers=sent, data=body)


def offset_of(http: Http, path: str) -> int:
    answer = http.head(path)
    assert answer.status_code == 200
    return int(answer.headers["Upload-Offset"])


def stored_bytes(endpoint: RunningEndpoint, path: str) -> bytes:
    return (endpoint.data_dir / "files" / path.rsplit("/", 1)[1]).read_bytes()


def upload_state(endpoint: RunningEndpoint, path: str) -> str:
    upload = endpoint.admin.store.get_upload(path.rsplit("/", 1)[1])
    assert upload is not None
    return upload.state


# -- core: versions, OPTIONS, Tus-Resumable ------------------------------------------------


def test_options_advertises_the_server_configuration(endpoint: RunningEndpoint) -> None:
    answer = requests.options(endpoint.url + "/files/", timeout=10)
    assert answer.status_code == 204
    assert answer.headers["Tus-Version"] == "1.0.0"
    assert answer.headers["Tus-Extension"] == "creation,checksum,termination,expiration"
    assert answer.headers["Tus-Max-Size"] == str(MAX_SIZE) == "4294967296"
    assert answer.headers["Tus-Checksum-Algorithm"] == "sha1,sha256"
    assert answer.headers["Tus-Resumable"] == "1.0.0"


def test_options_ignores_the_tus_resumable_header(endpoint: RunningEndpoint) -> None:
    answer = requests.options(
        endpoint.url + "/files/", headers={"Tus-Resumable": "0.2.2"}, timeout=10
    )
    assert answer.status_code == 204


def test_every_tus_answer_carries_tus_resumable(http: Http) -> None:
    path = create(http)
    answers = [
        http.head(path),
        patch(http, path, DATA[:10], 0),
        patch(http, path, DATA[:10], 0),  # 409
        http.head("/files/" + "0" * 32),  # 404
        requests.head(http.base_url + path, headers=TUS, timeout=10),  # 401
        http.delete(path),
    ]
    assert [a.status_code for a in answers] == [200, 204, 409, 404, 401, 204]
    assert all(a.headers.get("Tus-Resumable") == "1.0.0" for a in answers)


@pytest.mark.parametrize("version", ["0.2.2", "2.0.0", None])
def test_another_version_is_412_and_the_request_is_not_processed(
    http: Http, endpoint: RunningEndpoint, version: str | None
) -> None:
    path = create(http)
    headers = {"Authorization": f"Bearer {http.token}", **OCTETS, "Upload-Offset": "0"}
    if version is not None:
        headers["Tus-Resumable"] = version
    answer = requests.patch(endpoint.url + path, headers=headers, data=b"abc", timeout=10)
    assert answer.status_code == 412
    assert answer.headers["Tus-Version"] == "1.0.0"
    assert answer.json()["error"] == "tus_version_unsupported"
    assert offset_of(http, path) == 0

    before = len(endpoint.admin.store.read().execute("SELECT id FROM uploads").fetchall())
    created = requests.post(
        endpoint.url + "/files/",
        headers={**headers, "Upload-Length": "3", "Upload-Metadata": metadata_for(b"abc")},
        timeout=10,
    )
    assert created.status_code == 412
    after = len(endpoint.admin.store.read().execute("SELECT id FROM uploads").fetchall())
    assert after == before


def test_a_bad_token_is_401(endpoint: RunningEndpoint, http: Http) -> None:
    path = create(http)
    for token in ("", "Bearer nonsense", "Basic abc"):
        headers = {**TUS, "Authorization": token, "Upload-Length": "3"}
        answer = requests.post(endpoint.url + "/files/", headers=headers, timeout=10)
        assert answer.status_code == 401
        assert answer.json()["error"] == "unauthorized"
        assert requests.head(endpoint.url + path, headers=headers, timeout=10).status_code == 401


def test_x_http_method_override_is_the_method(http: Http) -> None:
    path = create(http, b"hello")
    answer = http.post(
        path,
        headers={**OCTETS, "Upload-Offset": "0", "X-HTTP-Method-Override": "PATCH"},
        data=b"hello",
    )
    assert answer.status_code == 204
    assert answer.headers["Upload-Offset"] == "5"
    assert http.post(path, headers={"X-HTTP-Method-Override": "DELETE"}).status_code == 204
    assert http.head(path).status_code == 404


# -- creation -------------------------------------------------------------------------------


def test_post_creates_an_upload_with_location_and_expiry(
    http: Http, endpoint: RunningEndpoint, clock: MovableClock
) -> None:
    answer = http.post(
        "/files/",
        headers={"Upload-Length": str(len(DATA)), "Upload-Metadata": metadata_for(DATA)},
    )
    assert answer.status_code == 201
    assert re.fullmatch(r"/files/[0-9a-f]{32}", answer.headers["Location"])
    expires = parsedate_to_datetime(answer.headers["Upload-Expires"])
    assert answer.headers["Upload-Expires"].endswith(" GMT")
    assert expires == clock.now + timedelta(days=7)
    assert upload_state(endpoint, answer.headers["Location"]) == "partial"


@pytest.mark.parametrize("length", [None, "", "-1", "abc", "1.5", "1e3", "+5"])
def test_post_without_a_valid_upload_length_is_400(http: Http, length: str | None) -> None:
    headers = {"Upload-Metadata": metadata_for(DATA)}
    if length is not None:
        headers["Upload-Length"] = length
    answer = http.post("/files/", headers=headers)
    assert answer.status_code == 400
    assert answer.json()["error"] == "upload_length_invalid"


def test_post_with_deferred_length_is_400(http: Http) -> None:
    answer = http.post(
        "/files/", headers={"Upload-Defer-Length": "1", "Upload-Metadata": metadata_for(DATA)}
    )
    assert answer.status_code == 400


def test_post_longer_than_tus_max_size_is_413(http: Http) -> None:
    answer = http.post(
        "/files/",
        headers={"Upload-Length": str(MAX_SIZE + 1), "Upload-Metadata": metadata_for(DATA)},
    )
    assert answer.status_code == 413
    assert answer.json()["error"] == "upload_too_large"
    assert "GB" in answer.json()["message"]
    assert (
        http.post(
            "/files/",
            headers={"Upload-Length": str(MAX_SIZE), "Upload-Metadata": metadata_for(DATA)},
        ).status_code
        == 201
    )


@pytest.mark.parametrize(
    ("metadata", "code"),
    [
        ("", "metadata_sha256_missing"),
        (encode_metadata({"filename": "a.jpg"}), "metadata_sha256_missing"),
        (encode_metadata({"sha256": "AB" * 32}), "metadata_sha256_missing"),
        (encode_metadata({"sha256": "ab" * 31}), "metadata_sha256_missing"),
        ("sha256 not-base64!", "metadata_invalid"),
        ("sha256 YQ==,sha256 YQ==", "metadata_invalid"),
        ("a b c", "metadata_invalid"),
    ],
)
def test_metadata_must_hold_a_valid_sha256(http: Http, metadata: str, code: str) -> None:
    answer = http.post("/files/", headers={"Upload-Length": "5", "Upload-Metadata": metadata})
    assert answer.status_code == 400
    assert answer.json()["error"] == code
    assert answer.json()["message"]  # plain Chinese for the officer


def test_an_empty_upload_is_complete_on_creation(http: Http, endpoint: RunningEndpoint) -> None:
    path = create(http, b"")
    answer = http.head(path)
    assert (answer.headers["Upload-Offset"], answer.headers["Upload-Length"]) == ("0", "0")
    assert upload_state(endpoint, path) == "complete"


# -- HEAD -----------------------------------------------------------------------------------


def test_head_reports_offset_length_metadata_and_no_store(http: Http) -> None:
    metadata = metadata_for(DATA, filename="现场照片.jpg", kind="jpeg")
    path = create(http, DATA, metadata)
    answer = http.head(path)
    assert answer.status_code == 200
    assert answer.headers["Upload-Offset"] == "0"
    assert answer.headers["Upload-Length"] == str(len(DATA))
    assert answer.headers["Cache-Control"] == "no-store"
    assert answer.headers["Upload-Metadata"] == metadata
    assert "Upload-Expires" in answer.headers
    assert patch(http, path, DATA[:1000], 0).status_code == 204
    assert http.head(path).headers["Upload-Offset"] == "1000"


def test_head_of_an_unknown_upload_is_404_without_offset(http: Http) -> None:
    for path in ("/files/" + "a" * 32, "/files/not-an-id"):
        answer = http.head(path)
        assert answer.status_code == 404
        assert "Upload-Offset" not in answer.headers
        assert answer.headers["Cache-Control"] == "no-store"


# -- PATCH ----------------------------------------------------------------------------------


def test_patches_append_until_complete(http: Http, endpoint: RunningEndpoint) -> None:
    path = create(http)
    offset = 0
    for size in (1, 100_000, 500_000, len(DATA) - 600_001):
        answer = patch(http, path, DATA[offset : offset + size], offset, alg=None)
        assert answer.status_code == 204, answer.text
        offset += size
        assert answer.headers["Upload-Offset"] == str(offset)
        assert "Upload-Expires" in answer.headers
        assert not answer.content
    assert offset == len(DATA)
    assert stored_bytes(endpoint, path) == DATA
    assert upload_state(endpoint, path) == "complete"


def test_patch_without_the_offset_content_type_is_415(http: Http) -> None:
    path = create(http)
    for content_type in ("application/octet-stream", "text/plain", None):
        headers = {"Upload-Offset": "0"}
        if content_type:
            headers["Content-Type"] = content_type
        answer = http.patch(path, headers=headers, data=DATA[:10])
        assert answer.status_code == 415
        assert answer.json()["error"] == "content_type_invalid"
    assert offset_of(http, path) == 0


def test_patch_at_another_offset_is_409_and_changes_nothing(
    http: Http, endpoint: RunningEndpoint
) -> None:
    path = create(http)
    assert patch(http, path, DATA[:100], 0).status_code == 204
    for wrong in (0, 99, 101, 5000):
        answer = patch(http, path, DATA[wrong : wrong + 10], wrong)
        assert answer.status_code == 409
        assert answer.json()["error"] == "offset_mismatch"
    assert offset_of(http, path) == 100
    assert stored_bytes(endpoint, path) == DATA[:100]


def test_patch_without_a_valid_upload_offset_is_400(http: Http) -> None:
    path = create(http)
    for value in (None, "-1", "x"):
        headers = dict(OCTETS)
        if value is not None:
            headers["Upload-Offset"] = value
        assert http.patch(path, headers=headers, data=b"a").status_code == 400


@pytest.mark.parametrize("alg", ["sha1", "sha256"])
def test_a_chunk_with_a_matching_checksum_is_committed(
    http: Http, endpoint: RunningEndpoint, alg: str
) -> None:
    path = create(http)
    half = len(DATA) // 2
    assert patch(http, path, DATA[:half], 0, alg=alg).status_code == 204
    answer = patch(http, path, DATA[half:], half, alg=alg)
    assert answer.status_code == 204
    assert answer.headers["Upload-Offset"] == str(len(DATA))
    assert upload_state(endpoint, path) == "complete"


def test_a_checksum_mismatch_is_460_the_offset_stays_and_a_correct_chunk_then_works(
    http: Http, endpoint: RunningEndpoint
) -> None:
    path = create(http)
    assert patch(http, path, DATA[:1000], 0).status_code == 204
    chunk = DATA[1000:300_000]
    flipped = bytearray(chunk)
    flipped[12345] ^= 0x01
    answer = patch(
        http,
        path,
        bytes(flipped),
        1000,
        **{"Upload-Checksum": checksum_header("sha256", chunk)},
    )
    assert answer.status_code == 460
    assert answer.json()["error"] == "checksum_mismatch"
    assert offset_of(http, path) == 1000
    assert stored_bytes(endpoint, path) == DATA[:1000]  # the bad body is gone, not staged

    assert patch(http, path, chunk, 1000).status_code == 204
    assert patch(http, path, DATA[300_000:], 300_000).status_code == 204
    assert stored_bytes(endpoint, path) == DATA
    assert upload_state(endpoint, path) == "complete"


@pytest.mark.parametrize(
    ("header", "code"),
    [
        ("md5 " + "A" * 24, "checksum_algorithm_unsupported"),
        ("crc32 AAAAAA==", "checksum_algorithm_unsupported"),
        ("sha256", "checksum_invalid"),
        ("sha256 not*base64", "checksum_invalid"),
    ],
)
def test_an_unsupported_or_malformed_checksum_is_400_and_discarded(
    http: Http, endpoint: RunningEndpoint, header: str, code: str
) -> None:
    path = create(http)
    answer = patch(http, path, DATA[:500], 0, **{"Upload-Checksum": header})
    assert answer.status_code == 400
    assert answer.json()["error"] == code
    assert offset_of(http, path) == 0
    assert stored_bytes(endpoint, path) == b""


def test_a_body_past_upload_length_is_400_and_discarded(
    http: Http, endpoint: RunningEndpoint
) -> None:
    data = DATA[:5000]
    path = create(http, data)
    assert patch(http, path, data[:4000], 0).status_code == 204
    # declared by Content-Length
    answer = patch(http, path, data[4000:] + b"extra", 4000)
    assert answer.status_code == 400
    assert answer.json()["error"] == "body_too_long"

    # found while streaming (chunked transfer, no Content-Length), without a checksum
    def body() -> Iterator[bytes]:
        yield data[4000:4500]
        yield data[4500:] + b"extra"

    answer = http.patch(path, headers={**OCTETS, "Upload-Offset": "4000"}, data=body())
    assert answer.status_code == 400
    assert answer.json()["error"] == "body_too_long"
    assert offset_of(http, path) == 4000
    assert stored_bytes(endpoint, path) == data[:4000]
    assert patch(http, path, data[4000:], 4000).status_code == 204
    assert upload_state(endpoint, path) == "complete"


def test_a_body_larger_than_eight_mib_streams_through(
    http: Http, endpoint: RunningEndpoint
) -> None:
    data = DATA * 9  # 9 MiB in one PATCH
    path = create(http, data)

    def pieces() -> Iterator[bytes]:  # chunked: the server cannot size it in advance
        for start in range(0, len(data), 1 << 20):
            yield data[start : start + (1 << 20)]

    answer = http.patch(
        path,
        headers={
            **OCTETS,
            "Upload-Offset": "0",
            "Upload-Checksum": checksum_header("sha256", data),
        },
        data=pieces(),
    )
    assert answer.status_code == 204
    assert answer.headers["Upload-Offset"] == str(len(data))
    assert upload_state(endpoint, path) == "complete"


def test_a_completed_upload_that_does_not_match_its_sha256_is_kept_as_corrupt(
    http: Http, endpoint: RunningEndpoint
) -> None:
    path = create(http, DATA, metadata_for(b"something else"))
    assert patch(http, path, DATA, 0).status_code == 204
    answer = http.head(path)
    assert answer.status_code == 200
    assert answer.headers["Upload-Offset"] == answer.headers["Upload-Length"] == str(len(DATA))
    assert upload_state(endpoint, path) == "corrupt"


def test_a_resumed_upload_is_hashed_from_disk_at_completion(
    http: Http, endpoint: RunningEndpoint
) -> None:
    path = create(http)
    assert patch(http, path, DATA[:1000], 0).status_code == 204
    context = endpoint.app.state.context
    context.running_hashes.clear()  # as after a restart: the file is hashed from disk
    assert patch(http, path, DATA[1000:], 1000).status_code == 204
    assert upload_state(endpoint, path) == "complete"


# -- concurrency ----------------------------------------------------------------------------


def test_concurrent_patches_to_one_upload_do_not_interleave(
    http: Http, endpoint: RunningEndpoint
) -> None:
    data = DATA * 2
    path = create(http, data)
    results: list[int] = []
    start = threading.Barrier(6)

    def send() -> None:
        start.wait()
        try:
            results.append(patch(http, path, data, 0).status_code)
        except requests.ConnectionError:  # stopped mid-body by a newer PATCH
            results.append(0)

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(204) >= 1
    assert set(results) <= {204, 409, 0}
    assert offset_of(http, path) == len(data)
    assert stored_bytes(endpoint, path) == data
    assert upload_state(endpoint, path) == "complete"


def test_a_newer_patch_stops_a_stalled_one_at_once(http: Http, endpoint: RunningEndpoint) -> None:
    """A client whose connection died mid-PATCH resumes without waiting for the old one."""
    path = create(http)
    release = threading.Event()
    stalled_answer: list[int] = []

    def stalled_body() -> Iterator[bytes]:
        yield DATA[:100_000]
        release.wait(10)  # the connection hangs
        yield DATA[100_000:200_000]

    def stalled() -> None:
        try:
            answer = http.patch(
                path,
                headers={
                    **OCTETS,
                    "Upload-Offset": "0",
                    "Upload-Checksum": checksum_header("sha256", DATA[:200_000]),
                },
                data=stalled_body(),
            )
            stalled_answer.append(answer.status_code)
        except requests.ConnectionError:
            stalled_answer.append(0)

    thread = threading.Thread(target=stalled)
    thread.start()
    time.sleep(0.5)
    began = time.monotonic()
    assert offset_of(http, path) == 0  # nothing of the stalled body counts yet
    answer = patch(http, path, DATA, 0)
    elapsed = time.monotonic() - began
    release.set()
    thread.join()
    assert answer.status_code == 204
    assert elapsed < 3  # not the 5 s idle timeout
    assert stalled_answer in ([409], [0])
    assert stored_bytes(endpoint, path) == DATA


def test_a_stalled_patch_without_checksum_keeps_what_arrived(tmp_path: Path) -> None:
    running = start_endpoint(tmp_path / "endpoint", idle_timeout=0.5)
    try:
        http = Http(running.url, running.admin.create_unit("共和县人民政府办公室"))
        path = create(http)
        release = threading.Event()

        def body() -> Iterator[bytes]:
            yield DATA[:70_000]
            release.wait(10)

        def send() -> None:
            try:
                http.patch(path, headers={**OCTETS, "Upload-Offset": "0"}, data=body())
            except requests.RequestException:
                pass

        thread = threading.Thread(target=send)
        thread.start()
        deadline = time.monotonic() + 5
        while offset_of(http, path) == 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        release.set()
        thread.join()
        assert offset_of(http, path) == 70_000  # tus: store as much as possible
        assert stored_bytes(running, path) == DATA[:70_000]
    finally:
        running.stop()


# -- expiration -----------------------------------------------------------------------------


def test_an_upload_expires_seven_days_after_its_last_patch(
    http: Http, endpoint: RunningEndpoint, clock: MovableClock
) -> None:
    path = create(http)
    clock.advance(timedelta(days=6))
    answer = patch(http, path, DATA[:10], 0)
    assert answer.status_code == 204
    assert parsedate_to_datetime(answer.headers["Upload-Expires"]) == clock.now + timedelta(days=7)
    clock.advance(timedelta(days=6, hours=23))
    assert http.head(path).status_code == 200
    clock.advance(timedelta(hours=1))
    assert http.head(path).status_code == 410
    answer = patch(http, path, DATA[10:20], 10)
    assert answer.status_code == 410
    assert answer.json()["error"] == "upload_expired"
    assert not (endpoint.data_dir / "files" / path.rsplit("/", 1)[1]).exists()


def test_patch_to_an_expired_upload_is_410(http: Http, clock: MovableClock) -> None:
    path = create(http)
    clock.advance(timedelta(days=7, seconds=1))
    assert patch(http, path, DATA[:10], 0).status_code == 410


# -- termination ----------------------------------------------------------------------------


def test_delete_terminates_an_upload(http: Http, endpoint: RunningEndpoint) -> None:
    path = create(http)
    assert patch(http, path, DATA[:10], 0).status_code == 204
    answer = http.delete(path)
    assert answer.status_code == 204
    assert http.head(path).status_code == 404
    assert patch(http, path, DATA[10:20], 10).status_code == 404
    assert http.delete(path).status_code == 404
    assert not (endpoint.data_dir / "files" / path.rsplit("/", 1)[1]).exists()


# -- units ----------------------------------------------------------------------------------


def test_another_units_upload_is_404(http: Http, other_http: Http) -> None:
    path = create(http)
    assert other_http.head(path).status_code == 404
    assert patch(other_http, path, DATA[:10], 0).status_code == 404
    assert other_http.delete(path).status_code == 404
    assert offset_of(http, path) == 0


# -- an independent client ------------------------------------------------------------------


def test_tuspy_uploads_a_file(http: Http, endpoint: RunningEndpoint, tmp_path: Path) -> None:
    """tus-py-client, an independent implementation, uploads to the endpoint (sha1 checksums,
    several chunks)."""
    from tusclient import client as tus_client

    data = DATA * 3 + b"tail"
    source = tmp_path / "视频.wmv"
    source.write_bytes(data)
    client = tus_client.TusClient(
        endpoint.url + "/files/", headers={"Authorization": f"Bearer {http.token}"}
    )
    uploader = client.uploader(
        str(source),
        chunk_size=1 << 20,
        metadata={"sha256": hashlib.sha256(data).hexdigest(), "filename": source.name},
        upload_checksum=True,
    )
    uploader.upload()
    assert uploader.url is not None
    path = "/files/" + uploader.url.rstrip("/").rsplit("/", 1)[1]
    assert offset_of(http, path) == len(data)
    assert stored_bytes(endpoint, path) == data
    assert upload_state(endpoint, path) == "complete"


def test_an_internal_failure_is_a_json_500_and_nothing_moves(
    http: Http, endpoint: RunningEndpoint
) -> None:
    path = create(http)
    (endpoint.data_dir / "files" / path.rsplit("/", 1)[1]).unlink()  # the disk lost it
    answer = patch(http, path, DATA[:10], 0)
    assert answer.status_code == 500
    assert answer.json()["error"] == "internal_error"
    assert answer.headers["Tus-Resumable"] == "1.0.0"
    assert offset_of(http, path) == 0
