"""Errors of the local store, each able to tell the officer in plain Chinese what to do.

The UI shows :meth:`StoreError.message_zh` as is, so every message says what happened and
what the officer should do next; the English text is for logs and support.
"""

from __future__ import annotations

import errno
import sqlite3

# Primary result codes (the low byte of an extended code) we react to.
SQLITE_BUSY = 5
SQLITE_LOCKED = 6
SQLITE_READONLY = 8
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_NOTADB = 26


class StoreError(Exception):
    """A failure of the local database that the officer cannot fix by editing the item."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.message_en())
        self.detail = detail

    def message_zh(self) -> str:
        return (
            "本地数据库操作失败，刚才的操作没有完成，已保存的信息不受影响。"
            "请稍后重试；如果反复出现，请重新启动本程序，仍不能解决请联系本县信息化技术人员。"
        )

    def message_en(self) -> str:
        suffix = f" ({self.detail})" if getattr(self, "detail", "") else ""
        return f"The local database operation failed; nothing was changed.{suffix}"


class NewerSchemaError(StoreError):
    """The file was written by a newer hnclient; touching it could destroy the officer's data."""

    def __init__(self, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(f"schema version {found}, this program supports up to {supported}")

    def message_zh(self) -> str:
        return (
            "本地数据文件是由更新版本的信息报送客户端创建的，当前程序版本较旧，无法打开。"
            "为保护您的数据，程序没有对该文件做任何改动。"
            "请安装最新版本的客户端后再打开，或联系本县信息化技术人员。"
        )

    def message_en(self) -> str:
        return (
            f"The database was written by a newer version of hnclient (schema {self.found}, "
            f"this version supports {self.supported}). It was left untouched; install the "
            "newer version."
        )


class DatabaseLockedError(StoreError):
    """Another process kept the database busy for longer than a change may wait (a network
    drive's single-process mode, or an opener stuck in its checks)."""

    def message_zh(self) -> str:
        return (
            "本地数据文件正被另一个程序占用，刚才的操作没有完成，已保存的信息不受影响。"
            "如果数据文件夹在网络盘上，同一时间只能有一个程序使用它：请关闭程序窗口后再运行命令，"
            "或在窗口中操作。否则请稍等片刻再试。"
        )

    def message_en(self) -> str:
        return (
            "The database is busy in another process; nothing was changed. On a network drive "
            "only one program can use it at a time. Try again shortly."
        )


class DatabaseDamagedInUseError(StoreError):
    """The file looks damaged while another process has it open: it is left where it is."""

    def message_zh(self) -> str:
        return (
            "本地数据文件可能已损坏，但它正被另一个程序（如已打开的程序窗口）使用，"
            "所以没有对它做任何改动。请先关闭所有程序窗口，再重新打开本程序："
            "程序会检查数据文件，如有损坏会把它移到一旁保存（不会删除）。"
        )

    def message_en(self) -> str:
        return (
            "The data file may be damaged but another program (an open window) is using it, "
            "so it was left untouched. Close every window of the client and open it again."
        )


class OlderProgramOpenError(StoreError):
    """The file needs upgrading, but another (older) program has it open."""

    def message_zh(self) -> str:
        return (
            "本程序已更新，需要升级本机的数据文件，但旧版本的程序窗口还开着。"
            "请关闭所有程序窗口，再重新打开本程序。"
        )

    def message_en(self) -> str:
        return (
            "The data file must be upgraded for this version, but an older window still has it "
            "open. Close every window of the client and start it again."
        )


class ReadOnlyStoreError(StoreError):
    """The data folder cannot be written: the store was opened for reading only."""

    def __init__(self, folder: str = "") -> None:
        self.folder = folder
        super().__init__(f"read-only data folder {folder}")

    def message_zh(self) -> str:
        where = f"“{self.folder}”" if self.folder else ""
        return (
            f"数据文件夹{where}不能写入，程序只能查看已有的信息，不能保存、新建或删除。"
            f"请联系本县信息化技术人员，为当前用户开通数据文件夹{where}的写入权限，然后重新打开本程序。"
        )

    def message_en(self) -> str:
        where = f" {self.folder}" if self.folder else ""
        return (
            f"The data folder{where} cannot be written: items can be read but not saved, "
            "created or deleted. Ask your IT staff to give this user write permission."
        )


class DiskFullError(StoreError):
    """The disk is full: the save was rolled back, so the stored version is still intact."""

    def message_zh(self) -> str:
        return (
            "磁盘空间已满，本次修改没有保存成功；之前保存的版本完好无损。"
            "您未保存的修改仍在窗口中，请不要关闭窗口。"
            "请删除不需要的文件、清空电脑回收站以释放磁盘空间；空间够用后程序会自动再次保存"
            "（也可以按 Ctrl+S 立即保存）。"
        )

    def message_en(self) -> str:
        return (
            "The disk is full; the save failed and the previously saved version is intact. "
            "The unsaved edits are still in the window: free disk space and the program saves "
            "again by itself (or press Ctrl+S)."
        )


class ItemNotFoundError(StoreError):
    """The item (or the asked-for revision) does not exist, e.g. it was purged meanwhile."""

    def __init__(self, item_id: str, revision: int | None = None) -> None:
        self.item_id = item_id
        self.revision = revision
        super().__init__(f"item {item_id}" + (f" revision {revision}" if revision else ""))

    def message_zh(self) -> str:
        if self.revision is not None:
            return "找不到该条信息的这个历史版本，可能已被合并或删除。请刷新版本列表后重新选择。"
        return "找不到这条信息，它可能已被彻底删除。请刷新信息列表。"

    def message_en(self) -> str:
        if self.revision is not None:
            return f"Revision {self.revision} of item {self.item_id} does not exist."
        return f"Item {self.item_id} does not exist (it may have been purged)."


class ItemNotEditableError(StoreError):
    """The content may not change: the item has left the unit, or it is in the recycle bin."""

    def __init__(self, item_id: str, state: str, *, in_recycle_bin: bool = False) -> None:
        self.item_id = item_id
        self.state = state
        self.in_recycle_bin = in_recycle_bin
        super().__init__(f"item {item_id} state {state} recycle_bin={in_recycle_bin}")

    def message_zh(self) -> str:
        if self.in_recycle_bin:
            return (
                "这条信息已在回收站中，不能修改，本次修改没有保存。"
                "如需继续编辑，请先在回收站中将其还原，再重新保存。"
            )
        return (
            "这条信息已经报送或正在报送，内容不能再修改，本次修改没有保存。"
            "如需修改，请用“文件 → 复制为新稿件”，在新稿件中编辑后重新报送。"
        )

    def message_en(self) -> str:
        if self.in_recycle_bin:
            return f"Item {self.item_id} is in the recycle bin; restore it before editing."
        return (
            f"Item {self.item_id} is in state {self.state!r} and can no longer be edited; "
            "duplicate it to make changes."
        )


class ItemNotInRecycleBinError(StoreError):
    """Permanent deletion is only offered from the recycle bin, as a second deliberate step."""

    def __init__(self, item_id: str) -> None:
        self.item_id = item_id
        super().__init__(f"item {item_id} is not in the recycle bin")

    def message_zh(self) -> str:
        return "只有回收站中的信息才能彻底删除。请先将该条信息删除到回收站。"

    def message_en(self) -> str:
        return f"Item {self.item_id} is not in the recycle bin; only deleted items can be purged."


class ContentChangedError(StoreError):
    """The item changed after the actor looked at it (an autosave, another window)."""

    def __init__(self, item_id: str) -> None:
        self.item_id = item_id
        super().__init__(f"item {item_id} changed since it was shown")

    def message_zh(self) -> str:
        return (
            "这条信息在您查看之后又被修改过，刚才的操作没有执行。"
            "请重新打开这条信息，看过最新的内容后再操作。"
        )

    def message_en(self) -> str:
        return "The item changed after it was shown; nothing was done. Reopen it and try again."


_APPROVAL_REASONS = {
    "missing": ("这条信息还没有有效的领导签发。", "The item has no valid approval."),
    "content_changed": (
        "这条信息的内容或附件在领导签发之后被改动过，原签发已失效。",
        "The content changed after approval; the approval is void.",
    ),
    "unknown_key": (
        "签发所用的领导密钥在本机找不到（数据可能被改动过）。",
        "The approving leader's key is not on this PC.",
    ),
    "bad_signature": (
        "签发记录的电子签名无效（记录被改动过或是伪造的）。",
        "The approval signature is invalid.",
    ),
    "untrusted_key": (
        "签发记录的签名密钥与这位领导在本机登记的密钥不符。",
        "The approval was not made with the leader's enrolled key.",
    ),
    "signature_image": (
        "手写签名图片与签发记录不符。",
        "The handwritten signature does not match the approval record.",
    ),
    "other_item": ("签发记录属于另一条信息。", "The approval belongs to another item."),
    "retired_key": (
        "签发所用的领导密钥在签发时已经停用（领导重新登记或被删除之后，旧密钥不能再签发）。",
        "The approval was made with a leader key that had already been retired.",
    ),
    "not_audited": (
        "签发记录与审计记录中登记的不一致（签发记录被替换，或审计记录被删改过）。",
        "The approval does not match the audit trail's record of it.",
    ),
    "key_mismatch": (
        "签发记录中的密钥编号与公钥不符（记录被改动过）。",
        "The approval's key id does not match its public key.",
    ),
    "algorithm": (
        "签发记录使用了本程序不支持的签名算法。",
        "The approval uses an unsupported signature algorithm.",
    ),
}


class ApprovalMissingError(StoreError):
    """A move that needs a valid approval of the current content found none."""

    def __init__(self, item_id: str, reason: str = "missing") -> None:
        self.item_id = item_id
        self.reason = reason
        super().__init__(f"item {item_id}: no valid approval ({reason})")

    def message_zh(self) -> str:
        zh = _APPROVAL_REASONS.get(
            self.reason, ("签发记录无效或已损坏。", "The approval record is invalid.")
        )[0]
        return f"{zh}这条信息不能发送。请重新提交审核，由分管领导签发后再发送。"

    def message_en(self) -> str:
        en = _APPROVAL_REASONS.get(self.reason, ("", "The approval record is invalid."))[1]
        return f"{en} The item cannot be sent; submit it for review again."


class LeaderNotFoundError(StoreError):
    """The leader is not (or no longer) enrolled on this PC."""

    def __init__(self, leader_id: str) -> None:
        self.leader_id = leader_id
        super().__init__(f"leader {leader_id} not found")

    def message_zh(self) -> str:
        return "本机没有这位审核领导的登记（可能已被删除）。请选择其他领导，或重新登记。"

    def message_en(self) -> str:
        return "This leader is not enrolled on this PC; choose another or enrol again."


def primary_code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def is_corruption(error: sqlite3.Error) -> bool:
    return primary_code(error) in (SQLITE_CORRUPT, SQLITE_NOTADB)


def translate(error: BaseException) -> StoreError:
    """Map a low-level failure to the error the UI knows how to explain."""
    if isinstance(error, StoreError):
        return error
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return DiskFullError(str(error))
    if isinstance(error, OSError) and error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyStoreError(str(error.filename or ""))
    if isinstance(error, sqlite3.Error):
        code = primary_code(error)
        if code == SQLITE_FULL:
            return DiskFullError(str(error))
        if code in (SQLITE_BUSY, SQLITE_LOCKED):
            return DatabaseLockedError(str(error))
        if code == SQLITE_READONLY:
            return ReadOnlyStoreError()
    return StoreError(f"{type(error).__name__}: {error}")
