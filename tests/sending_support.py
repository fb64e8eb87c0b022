"""Items on their way to a real reference endpoint: a workspace whose approvals queue, files
made here, the endpoint's unit and token, and a sender with small chunks and quick retries."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hnclient.items import Item, ItemState
from hnclient.sending.config import SendingConfig
from hnclient.sending.retry import RetryPolicy
from hnclient.sending.sender import Sender
from tests.endpoint_support import RunningEndpoint
from tests.signoff_support import Workspace, approve, drive, leader_of

UNIT = "共和县人民政府办公室"
#: Retries in milliseconds: a test sees many faults in little time.
FAST_RETRY = RetryPolicy(attempts=8, base_s=0.005, cap_s=0.05, item_base_s=0.01, item_cap_s=0.05)
SMALL_CHUNK = 64 * 1024


def jpeg_bytes(seed: int = 0, size: tuple[int, int] = (160, 120)) -> bytes:
    from PIL import Image

    rng = random.Random(seed)
    image = Image.new("RGB", size, (rng.randrange(256), rng.randrange(256), 90))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def video_bytes(size: int, seed: int = 0) -> bytes:
    """Bytes standing for a small WMV (the endpoint does not decode videos)."""
    return random.Random(seed).randbytes(size)


def add_item(
    workspace: Workspace,
    tmp: Path,
    *,
    title: str = "县政府召开专题会议",
    files: list[tuple[str, bytes, str]] | None = None,
    state: ItemState = ItemState.QUEUED,
) -> Item:
    """A real item with real stored files, driven to ``state`` with a real approval."""
    service = workspace.service
    item = workspace.store.create_item(
        "policy", 1, title=title, values={"body": f"{title}。正文内容。"}
    )
    for name, data, kind in files or []:
        source = tmp / f"{item.id}-{name}"
        source.write_bytes(data)
        ref = service.attachments.add(source, kind)
        service.attach(item.id, ref)
    if state is ItemState.QUEUED and workspace.service._sending():
        return approve(service, drive(service, item.id, ItemState.AWAITING_REVIEW).id)
    return drive(service, item.id, state)


@dataclass
class Setup:
    workspace: Workspace
    endpoint: RunningEndpoint
    token: str

    def sender(self, url: str | None = None, unit: str = UNIT, **config: Any) -> Sender:
        """``unit``: the unit name in the settings when sending."""
        options: dict[str, Any] = {
            "chunk_size": SMALL_CHUNK,
            "retry": FAST_RETRY,
            "timeouts": (2.0, 5.0),
        }
        options.update(config)
        return Sender(
            self.workspace.store,
            self.workspace.service.attachments,
            SendingConfig(endpoint=url or self.endpoint.url, **options),
            self.token,
            unit=lambda: unit,
        )

    def confirm_leader(self) -> None:
        """The leader's key registered (as the sender does) and confirmed by the office."""
        import base64

        import requests

        leader = leader_of(self.workspace.service)
        assert leader.key_id
        key = self.workspace.store.leader_key(leader.key_id)
        assert key is not None
        answer = requests.post(
            self.endpoint.url + "/api/v1/leader-keys",
            json={
                "key_id": key.key_id,
                "alg": key.alg,
                "public_key": base64.b64encode(key.public_key).decode("ascii"),
                "name": leader.name,
                "post": leader.post,
            },
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=(2, 5),
        )
        assert answer.status_code in (200, 201), answer.text
        self.endpoint.admin.confirm_key(leader.key_id)


def setup(root: Path, endpoint: RunningEndpoint, *, sending: bool = False) -> Setup:
    workspace = Workspace(root, sending=lambda: sending)
    token = endpoint.admin.create_unit(UNIT)
    return Setup(workspace, endpoint, token)
