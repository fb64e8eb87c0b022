"""The tus client against the real endpoint: chunks, resume, checksums, expiry, retries."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from hnclient.items import AttachmentRef
from hnclient.sending.errors import Cancelled, Unauthorized
from hnclient.sending.sender import Sender
from hnclient.sending.uploads import UploadTarget
from tests.endpoint_support import RunningEndpoint, start_endpoint
from tests.fault_proxy import FaultProxy
from tests.sending_support import SMALL_CHUNK, Setup, add_item, setup, video_bytes
from tests.signoff_support import Clock

SIZE = 5 * SMALL_CHUNK + 123


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def endpoint(tmp_path: Path, clock: Clock) -> Iterator[RunningEndpoint]:
    running = start_endpoint(tmp_path / "endpoint", clock=clock, expiry=timedelta(hours=1))
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def world(tmp_path: Path, endpoint: RunningEndpoint) -> Iterator[Setup]:
    made = setup(tmp_path / "client", endpoint, sending=True)
    yield made
    made.workspace.close()


def _target(world: Setup, tmp_path: Path, seed: int = 0) -> UploadTarget:
    item = add_item(world.workspace, tmp_path, files=[("视频.wmv", video_bytes(SIZE, seed), "wmv")])
    ref = item.attachments[0]
    path = world.workspace.service.attachments.path_for(ref.sha256)
    return UploadTarget(item.id, item.revision, ref, path)


def _spy(sender: Sender) -> list[tuple[str, str, dict[str, Any]]]:
    """Record every request the sender's transport makes (the requests still go out)."""
    calls: list[tuple[str, str, dict[str, Any]]] = []
    real = sender.transport.request

    def request(method: str, path: str, **options: Any) -> Any:
        calls.append((method, path, options))
        return real(method, path, **options)

    sender.transport.request = request  # type: ignore[method-assign]
    return calls


def _received(world: Setup, target: UploadTarget, url: str) -> bytes:
    upload_id = url.rsplit("/", 1)[-1]
    for path in (world.endpoint.data_dir).rglob(f"*{upload_id}*"):
        if path.is_file():
            return path.read_bytes()
    raise AssertionError(f"no stored upload {upload_id}")


def test_chunks_with_checksums_and_url_stored_before_the_first_patch(
    world: Setup, tmp_path: Path
) -> None:
    target = _target(world, tmp_path)
    sender = world.sender()
    calls = _spy(sender)
    seen_before_patch: list[str | None] = []
    real = sender.transport.request

    def request(method: str, path: str, **options: Any) -> Any:
        if method == "PATCH" and not seen_before_patch:
            record = world.workspace.store.upload_record(
                target.item_id, target.revision, target.ref.sha256
            )
            seen_before_patch.append(record.upload_url if record else None)
        return real(method, path, **options)

    sender.transport.request = request  # type: ignore[method-assign]
    path = sender.uploader.upload(target)
    assert seen_before_patch and seen_before_patch[0] and seen_before_patch[0].endswith(path)
    patches = [c for c in calls if c[0] == "PATCH"]
    assert len(patches) == 6  # 5 full chunks and the rest, never the whole file at once
    assert all(len(c[2]["data"]) <= SMALL_CHUNK for c in patches)
    assert all(c[2]["headers"]["Upload-Checksum"].startswith("sha256 ") for c in patches)
    record = world.workspace.store.upload_record(target.item_id, target.revision, target.ref.sha256)
    assert record is not None and record.done and record.offset == SIZE


def test_resume_after_a_stop_sends_only_the_rest(world: Setup, tmp_path: Path) -> None:
    target = _target(world, tmp_path, seed=1)
    first = world.sender()
    chunks: list[int] = []

    def stop_after_two(item_id: str, count: int, sent: bool) -> None:
        chunks.append(count)
        if len(chunks) == 2:
            first.control.cancel_item(item_id)

    first.uploader.on_bytes = stop_after_two
    with pytest.raises(Cancelled):
        first.uploader.upload(target)
    second = world.sender()
    calls = _spy(second)
    path = second.uploader.upload(target)
    methods = [c[0] for c in calls]
    assert methods[0] == "HEAD" and "POST" not in methods  # resumed, not restarted
    sent = sum(len(c[2]["data"]) for c in calls if c[0] == "PATCH")
    assert sent == SIZE - 2 * SMALL_CHUNK
    assert hashlib.sha256(_received(world, target, path)).hexdigest() == target.ref.sha256


def test_expired_upload_starts_again_cleanly(world: Setup, tmp_path: Path, clock: Clock) -> None:
    target = _target(world, tmp_path, seed=2)
    first = world.sender()

    def stop_at_once(item_id: str, count: int, sent: bool) -> None:
        first.control.cancel_item(item_id)

    first.uploader.on_bytes = stop_at_once
    with pytest.raises(Cancelled):
        first.uploader.upload(target)
    clock.advance(hours=2)  # past Upload-Expires: HEAD answers 410
    second = world.sender()
    calls = _spy(second)
    path = second.uploader.upload(target)
    assert second.uploader.restarts == 1
    assert [c[0] for c in calls][:2] == ["HEAD", "POST"]
    assert hashlib.sha256(_received(world, target, path)).hexdigest() == target.ref.sha256


def test_a_flipped_byte_is_caught_by_its_checksum_and_resent(world: Setup, tmp_path: Path) -> None:
    target = _target(world, tmp_path, seed=3)
    flipped: list[str] = []

    def choose(method: str, path: str) -> str | None:
        if method == "PATCH" and not flipped:
            flipped.append(path)
            return "flip"
        return None

    proxy = FaultProxy(world.endpoint.port, choose).start()
    try:
        sender = world.sender(url=proxy.url)
        path = sender.uploader.upload(target)
    finally:
        proxy.stop()
    assert sender.uploader.checksum_resends == 1
    assert hashlib.sha256(_received(world, target, path)).hexdigest() == target.ref.sha256


def test_other_4xx_are_not_retried(world: Setup, tmp_path: Path) -> None:
    target = _target(world, tmp_path, seed=4)
    sender = world.sender()
    sender.transport._token = "wrong-token"
    calls = _spy(sender)
    with pytest.raises(Unauthorized) as caught:
        sender.uploader.upload(target)
    assert len(calls) == 1
    assert "令牌" in caught.value.message_zh()


def test_a_stored_file_that_changed_is_not_sent(world: Setup, tmp_path: Path) -> None:
    target = _target(world, tmp_path, seed=5)
    data = bytearray(target.path.read_bytes())
    data[-1] ^= 0xFF
    target.path.chmod(0o644)
    target.path.write_bytes(bytes(data))
    from hnclient.sending.errors import LocalFileProblem

    with pytest.raises(LocalFileProblem) as caught:
        world.sender().uploader.upload(target)
    assert "已损坏" in caught.value.message_zh()
    assert isinstance(target.ref, AttachmentRef)


def test_an_offset_moved_behind_its_back_is_read_again_and_the_rest_sent(
    world: Setup, tmp_path: Path
) -> None:
    """Another client takes the next chunk while the sender has it read ahead: its PATCH gets
    409, it asks HEAD, drops the chunk it read ahead and goes on from the new offset."""
    import requests

    from tests.endpoint_support import TUS

    target = _target(world, tmp_path, seed=6)
    data = target.path.read_bytes()
    sender = world.sender()
    calls = _spy(sender)
    acked: list[int] = []
    real_on_bytes = sender.uploader.on_bytes

    def on_bytes(item_id: str, count: int, sent: bool) -> None:
        acked.append(count)
        real_on_bytes(item_id, count, sent)
        if len(acked) == 1:
            record = world.workspace.store.upload_record(
                target.item_id, target.revision, target.ref.sha256
            )
            assert record is not None and record.upload_url
            other = requests.patch(
                record.upload_url,
                data=data[SMALL_CHUNK : 2 * SMALL_CHUNK],
                headers={
                    **TUS,
                    "Authorization": f"Bearer {world.token}",
                    "Content-Type": "application/offset+octet-stream",
                    "Upload-Offset": str(SMALL_CHUNK),
                },
                timeout=10,
            )
            assert other.status_code == 204

    sender.uploader.on_bytes = on_bytes
    path = sender.uploader.upload(target)
    methods = [c[0] for c in calls]
    assert methods.count("HEAD") == 2  # the start, and after the 409
    offsets = [int(c[2]["headers"]["Upload-Offset"]) for c in calls if c[0] == "PATCH"]
    # The PATCH at SMALL_CHUNK lost to the other client (409); then on from 2 × SMALL_CHUNK.
    assert offsets == [0, SMALL_CHUNK, *range(2 * SMALL_CHUNK, SIZE, SMALL_CHUNK)]
    assert hashlib.sha256(_received(world, target, path)).hexdigest() == target.ref.sha256
    record = world.workspace.store.upload_record(target.item_id, target.revision, target.ref.sha256)
    assert record is not None and record.done


def test_a_stored_file_cut_short_is_not_sent(world: Setup, tmp_path: Path) -> None:
    """The chunk read ahead finds the end of the file too early: refused, nothing completed."""
    from hnclient.sending.errors import LocalFileProblem

    target = _target(world, tmp_path, seed=7)
    data = target.path.read_bytes()
    target.path.chmod(0o644)
    target.path.write_bytes(data[: 2 * SMALL_CHUNK])
    with pytest.raises(LocalFileProblem) as caught:
        world.sender().uploader.upload(target)
    assert caught.value.code == "local_file_changed"
    record = world.workspace.store.upload_record(target.item_id, target.revision, target.ref.sha256)
    assert record is not None and not record.done and record.offset == 2 * SMALL_CHUNK
