"""The local store: items, their revision history and search, in one SQLite file. Qt-free.

Usage: ``store = Store.open(app_paths().database)``; check ``store.recovered_from_corruption``
and tell the officer where the damaged file was moved if it is set.
"""

from hnclient.storage.errors import (
    ApprovalMissingError,
    ContentChangedError,
    DatabaseDamagedInUseError,
    DatabaseLockedError,
    DiskFullError,
    ItemNotEditableError,
    ItemNotFoundError,
    ItemNotInRecycleBinError,
    LeaderNotFoundError,
    NewerSchemaError,
    OlderProgramOpenError,
    ReadOnlyStoreError,
    StoreError,
)
from hnclient.storage.migrations import LATEST_VERSION
from hnclient.storage.outbox_rows import Notice, OutboxEntry, UploadRecord
from hnclient.storage.records import ItemSummary, RevisionInfo, SaveReason, StoreEvent
from hnclient.storage.signoff_rows import Leader, LeaderKey, StoredApproval
from hnclient.storage.store import AUTOSAVE_COALESCE_WINDOW, Store

__all__ = [
    "AUTOSAVE_COALESCE_WINDOW",
    "ApprovalMissingError",
    "ContentChangedError",
    "Leader",
    "LeaderKey",
    "LeaderNotFoundError",
    "StoredApproval",
    "LATEST_VERSION",
    "DatabaseDamagedInUseError",
    "DatabaseLockedError",
    "OlderProgramOpenError",
    "ReadOnlyStoreError",
    "DiskFullError",
    "ItemNotEditableError",
    "ItemNotFoundError",
    "ItemNotInRecycleBinError",
    "ItemSummary",
    "NewerSchemaError",
    "Notice",
    "OutboxEntry",
    "UploadRecord",
    "RevisionInfo",
    "SaveReason",
    "Store",
    "StoreError",
    "StoreEvent",
]
