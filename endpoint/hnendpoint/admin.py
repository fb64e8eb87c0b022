"""The office's side of the endpoint: units and tokens, leader keys, what becomes of items,
notices and tasks. ``hnclient-endpoint admin`` is this class on the command line; tests and
the client's demo mode call it directly. It works on the data directory, with or without
the server running (SQLite in WAL mode: the server sees every change at once).
"""

from __future__ import annotations

import base64
from datetime import date
from pathlib import Path
from typing import Any

from hnendpoint.store import Clock, Store, StoreError
from hnprotocol.signatures import key_id_for

__all__ = ["Admin", "StoreError"]

RECEIVED, ADOPTED, PUBLISHED, RETURNED = "received", "adopted", "published", "returned"
HELD = "held_unregistered_signer"


class Admin:
    def __init__(self, data_dir: Path, *, clock: Clock | None = None) -> None:
        self.store = Store(Path(data_dir), clock=clock)

    def close(self) -> None:
        self.store.close()

    # units
    def create_unit(self, name: str) -> str:
        """Create a unit; returns its token (only its SHA-256 is kept: show it once)."""
        return self.store.create_unit(name)

    def issue_token(self, unit: str) -> str:
        """Another token for ``unit`` (earlier ones stay valid)."""
        return self.store.issue_token(unit)

    def list_units(self) -> list[dict[str, Any]]:
        return self.store.list_units()

    # leader keys
    def list_keys(self) -> list[dict[str, Any]]:
        return self.store.list_keys()

    def register_key(
        self,
        unit: str,
        *,
        alg: str,
        public_key: bytes,
        name: str,
        post: str,
        confirm: bool = False,
    ) -> str:
        """Register a leader's key for ``unit`` as the office (what ``POST
        /api/v1/leader-keys`` does for a client), confirmed at once with ``confirm`` (the
        demo mode's leader). Returns the key id."""
        key_id = key_id_for(alg, public_key)
        self.store.register_key(
            self.store.unit_named(unit).id,
            key_id=key_id,
            alg=alg,
            public_key=base64.b64encode(public_key).decode("ascii"),
            name=name,
            post=post,
        )
        if confirm:
            self.confirm_key(key_id, unit=unit)
        return key_id

    def confirm_key(self, key_id: str, *, unit: str | None = None) -> int:
        """Trust a registered key; items it signed that were held become ``received``.
        Returns how many were released."""
        return self.store.set_key_status(key_id, "confirmed", unit=unit)

    def revoke_key(self, key_id: str, *, unit: str | None = None) -> None:
        """Stop trusting a key: items it signs from now on are held."""
        self.store.set_key_status(key_id, "revoked", unit=unit)

    # items
    def list_items(self) -> list[dict[str, Any]]:
        return self.store.list_items()

    def manifest(self, item_id: str, revision: int, *, unit: str | None = None) -> bytes:
        return self.store.item_manifest(item_id, revision, unit)

    def files(self, item_id: str, revision: int, *, unit: str | None = None) -> dict[str, Path]:
        """SHA-256 → path of the received bytes of each file of the item."""
        return self.store.item_file_paths(item_id, revision, unit)

    def adopt(self, item_id: str, revision: int, *, unit: str | None = None) -> None:
        """已采用."""
        self.store.set_item_status(item_id, revision, ADOPTED, allowed_from=(RECEIVED,), unit=unit)

    def publish(self, item_id: str, revision: int, url: str, *, unit: str | None = None) -> None:
        """已发布 at ``url`` (adopting it if it was not yet)."""
        if not url.strip():
            raise StoreError("发布地址不能为空。", "The URL is empty.")
        self.store.set_item_status(
            item_id, revision, PUBLISHED, allowed_from=(RECEIVED, ADOPTED), url=url, unit=unit
        )

    def return_item(
        self, item_id: str, revision: int, reason: str, *, unit: str | None = None
    ) -> None:
        """被退回 with the office's reason (the county revises it and sends a new revision)."""
        if not reason.strip():
            raise StoreError("退回必须写明原因。", "A return needs a reason.")
        self.store.set_item_status(
            item_id,
            revision,
            RETURNED,
            allowed_from=(RECEIVED, ADOPTED, HELD),
            reason=reason.strip(),
            unit=unit,
        )

    # notices and tasks
    def add_notice(self, title: str, body: str, *, unit: str | None = None) -> str:
        """A notice (通报) to every unit, or to ``unit`` only; returns its id."""
        return self.store.add_notice("notice", title, body, unit=unit)

    def list_notices(self) -> list[dict[str, Any]]:
        """The notices published: id, unit (None: every unit), title, published_at."""
        return self.store.list_notices("notice")

    def list_tasks(self) -> list[dict[str, Any]]:
        """The tasks published: id, unit (None: every unit), title, due_date, published_at."""
        return self.store.list_notices("task")

    def add_task(self, title: str, body: str, due: date, *, unit: str | None = None) -> str:
        """A task with a due date, to every unit or to ``unit`` only; returns its id."""
        return self.store.add_notice("task", title, body, due_date=due, unit=unit)
