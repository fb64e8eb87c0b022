"""Many items through a proxy that resets connections, answers 500 or a login page, is slow,
truncates answers and flips bytes: each item arrives exactly once, with its exact bytes."""

from __future__ import annotations

import hashlib
import os
import random
import time
from collections import Counter
from pathlib import Path

import pytest

from hnclient.items import ItemState
from tests.endpoint_support import start_endpoint
from tests.fault_proxy import FaultProxy
from tests.sending_support import add_item, jpeg_bytes, setup

pytestmark = pytest.mark.slow
#: 200 as the issue asks; HNCLIENT_FAULT_ITEMS lowers it for a quick local run.
ITEMS = int(os.environ.get("HNCLIENT_FAULT_ITEMS", "200"))
FAULTS = [
    "reset_before",
    "reset_after",
    "status_500",
    "html_200",
    "html_200_after",
    "slow",
    "truncate",
    "flip",
]


def test_each_item_arrives_exactly_once_through_faults(tmp_path: Path) -> None:
    endpoint = start_endpoint(tmp_path / "endpoint")
    world = setup(tmp_path / "client", endpoint, sending=True)
    rng = random.Random(20261130)

    def choose(method: str, path: str) -> str | None:
        if rng.random() >= 0.2:
            return None
        fault = rng.choice(FAULTS)
        return fault if fault != "flip" or method == "PATCH" else "reset_after"

    proxy = FaultProxy(endpoint.port, choose, slow_s=0.05).start()
    try:
        world.confirm_leader()
        made = time.monotonic()
        items = [
            add_item(
                world.workspace,
                tmp_path,
                title=f"第{n}条信息",
                files=[(f"照片{n}.jpg", jpeg_bytes(n, (64 + n % 7, 48)), "jpeg")],
            )
            for n in range(ITEMS)
        ]
        made = time.monotonic() - made
        sender = world.sender(url=proxy.url, timeouts=(2.0, 3.0))
        started = time.monotonic()
        passes = 0
        while world.workspace.store.outbox_entries(["pending"]) and passes < 60:
            sender.run_once(feeds=False)
            passes += 1
            time.sleep(0.02)
        elapsed = time.monotonic() - started
        faults = Counter(f for _m, _p, f in proxy.log if f)
        print(
            f"\n{ITEMS} items: made in {made:.1f} s, sent in {elapsed:.1f} s over {passes}"
            f" passes, {len(proxy.log)} requests, faults {dict(faults)}"
        )
        assert all(faults[f] > 0 for f in FAULTS), faults
        store = world.workspace.store
        assert [store.get_item(i.id).state for i in items] == [ItemState.SENT] * ITEMS
        received = Counter(r["item_id"] for r in endpoint.admin.list_items())
        assert received == Counter({i.id: 1 for i in items})
        for item in items[:: max(1, ITEMS // 20)]:
            paths = endpoint.admin.files(item.id, item.revision)
            ref = item.attachments[0]
            assert hashlib.sha256(paths[ref.sha256].read_bytes()).hexdigest() == ref.sha256
            entry = store.outbox_entry(item.id)
            assert entry is not None and entry.receipt is not None
            assert entry.manifest == endpoint.admin.manifest(item.id, item.revision)
    finally:
        proxy.stop()
        world.workspace.close()
        endpoint.stop()
