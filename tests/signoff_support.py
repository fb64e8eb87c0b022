"""Helpers that put items into a state the honest way: through the life cycle, with a real
enrolled leader, a real PIN-sealed key and a real signed approval.

Tests that need an item "sent" or "approved" use :func:`drive` instead of writing a state
into the database: no code path may set a state without its move and audit entry.
"""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hnclient.attachments import AttachmentStore
from hnclient.forms import load_forms
from hnclient.items import Item, ItemState
from hnclient.lifecycle import Action, Actor, ActorRef
from hnclient.service import ItemService, LeaderSession
from hnclient.signing import ScryptParams
from hnclient.storage import Leader, Store

#: A cheap scrypt cost for tests (the program's default takes ~0.15 s per derivation).
FAST_SCRYPT = ScryptParams(n=2**4, r=8, p=1)
PIN = "246810"
OFFICE = ActorRef(Actor.OFFICE, "office", "州政府办公室")
SENDER = ActorRef(Actor.SENDER, "sender", "发送程序")


def signature_png(seed: int = 0) -> bytes:
    """A small real PNG, as the signature pad makes (white background, dark strokes)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (240, 120), "white")
    draw = ImageDraw.Draw(image)
    draw.line([(10, 90), (60 + seed, 20), (120, 100), (220, 30)], fill="black", width=4)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def make_service(
    store: Store, attachments_root: Path | None = None, **options: object
) -> ItemService:
    root = attachments_root or store.path.parent / "attachments"
    defaults: dict[str, object] = {
        "unit": lambda: "共和县人民政府办公室",
        "officer": lambda: "张三",
        "scrypt": FAST_SCRYPT,
    }
    return ItemService(
        store,
        AttachmentStore(root),
        load_forms(),
        **{**defaults, **options},  # type: ignore[arg-type]
    )


def leader_of(service: ItemService, name: str = "李四", post: str = "副县长") -> Leader:
    """The enrolled leader of that name, enrolling them (PIN :data:`PIN`) if needed."""
    for leader in service.leaders():
        if leader.name == name:
            return leader
    return service.enrol_leader(name, post, PIN)


def approve(service: ItemService, item_id: str, leader: Leader | None = None) -> Item:
    leader = leader or leader_of(service)
    session = service.sign_in(leader.id, PIN)
    item = service.store.get_item(item_id)
    outcome = service.approve(
        session,
        item_id,
        pin=PIN,
        expected_hash=item.content_hash(),
        opinion="同意",
        signature_png=signature_png(),
    )
    assert outcome.item is not None
    return outcome.item


def session_of(service: ItemService, leader: Leader | None = None) -> LeaderSession:
    leader = leader or leader_of(service)
    return service.sign_in(leader.id, PIN)


def drive(service: ItemService, item_id: str, target: ItemState) -> Item:
    """Move a draft along the life cycle to ``target`` (officer submits without the form
    checks: a test item is often incomplete; the store's rules still apply)."""
    store = service.store
    item = store.get_item(item_id)
    if target is ItemState.DRAFT:
        return item
    officer = service.officer
    item = store.transition(item_id, Action.SUBMIT, officer)
    if target is ItemState.AWAITING_REVIEW:
        return item
    if target is ItemState.RETURNED_BY_LEADER:
        session = session_of(service)
        return service.return_for_revision(
            session, item_id, expected_hash=item.content_hash(), comment="请补充数据"
        ).item or store.get_item(item_id)
    item = approve(service, item_id)
    if target is ItemState.APPROVED:
        return item
    item = store.transition(item_id, Action.QUEUE, officer)
    if target is ItemState.QUEUED:
        return item
    item = store.transition(item_id, Action.DELIVER, SENDER)
    if target is ItemState.SENT:
        return item
    office_moves = {
        ItemState.ADOPTED: [Action.ADOPT],
        ItemState.PUBLISHED: [Action.ADOPT, Action.PUBLISH],
        ItemState.RETURNED_BY_OFFICE: [Action.OFFICE_RETURN],
    }
    for action in office_moves[target]:
        item = store.transition(item_id, action, OFFICE)
    return item


class Clock:
    """A clock the test moves: pass the same one to ``Store.open`` and ``make_service``."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 30, 2, 0, 0, tzinfo=UTC)  # 10:00 in Beijing

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def id_number(first17: str = "63252119800101001") -> str:
    """An 18-digit resident ID number with a valid ISO 7064 MOD 11-2 check character."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


class Workspace:
    """A store and its service on real files, which a test can tamper with behind the
    program's back: :meth:`tamper` closes the store (it holds the file exclusively), runs
    SQL on a plain connection, and opens everything again."""

    def __init__(self, root: Path, clock: Clock | None = None, **options: Any) -> None:
        self.clock = clock or Clock()
        self.path = root / "data" / "hnclient.sqlite3"
        self._options = options
        self.store = Store.open(self.path, clock=self.clock)
        self.service = make_service(self.store, clock=self.clock, **options)

    def tamper(self, *statements: str | tuple[str, tuple[object, ...]]) -> None:
        with self.behind_the_back() as conn:
            for statement in statements:
                sql, params = (statement, ()) if isinstance(statement, str) else statement
                conn.execute(sql, params)

    @contextmanager
    def behind_the_back(self) -> Iterator[sqlite3.Connection]:
        """A plain autocommit connection to the file while the program has it closed."""
        self.store.close()
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            yield conn
        finally:
            conn.close()
            self.store = Store.open(self.path, clock=self.clock)
            self.service = make_service(self.store, clock=self.clock, **self._options)

    def close(self) -> None:
        self.store.close()
