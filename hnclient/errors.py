"""Errors written for the officer: what happened and what to do, in Chinese and English.

Every core error the window may show offers ``message_zh()`` and ``message_en()`` (the store's
and the converters' errors compute theirs per case; simple ones take both texts here), and
:func:`officer_messages` is the one place that asks an exception for them.
"""

from __future__ import annotations

import errno

from hnprotocol.errors import ProtocolError


class OfficerError(ProtocolError):
    """An error carrying its officer-facing texts (``message_zh()``, ``message_en()``).

    The same base as the protocol's errors (:class:`hnprotocol.errors.ProtocolError`), so an
    error from either side reads the same way.
    """


# What an operating-system error means, in words an officer understands. The OS's own text
# (strerror: "Read-only file system", or Windows' localised text) never reaches the window.
_ERRNO_REASONS: dict[int, tuple[str, str]] = {
    errno.EROFS: ("磁盘或文件夹是只读的，不能写入", "the disk or folder is read-only"),
    errno.EACCES: ("当前用户没有读写这里的权限", "this user may not read or write here"),
    errno.EPERM: ("当前用户没有读写这里的权限", "this user may not read or write here"),
    errno.ENOSPC: ("磁盘空间已满", "the disk is full"),
    errno.ENOENT: (
        "找不到文件或文件夹（可能已被移动、删除，或U盘已拔出）",
        "the file or folder is not there (moved, deleted, or the USB stick removed)",
    ),
    errno.EEXIST: ("同名的文件已经存在", "a file of that name exists already"),
    errno.ENAMETOOLONG: ("文件名或路径太长", "the file name or path is too long"),
    errno.EIO: (
        "读写磁盘时出错（磁盘或U盘可能有故障，或已被拔出）",
        "the disk could not be read or written (faulty or removed)",
    ),
    errno.EBUSY: ("文件正被其他程序占用", "the file is in use by another program"),
    errno.ENOTDIR: ("路径中有一项不是文件夹", "a part of the path is not a folder"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "this is a folder, not a file"),
    errno.EMFILE: ("同时打开的文件太多", "too many files are open"),
    errno.ENFILE: ("同时打开的文件太多", "too many files are open"),
    errno.ENODEV: ("找不到这个磁盘（U盘可能已被拔出）", "the disk is not there (removed?)"),
    errno.ENXIO: ("找不到这个磁盘（U盘可能已被拔出）", "the disk is not there (removed?)"),
    errno.EINVAL: ("文件名中有不允许的字符", "the file name has characters that are not allowed"),
    errno.EXDEV: ("不能跨磁盘移动文件", "a file cannot be moved across disks"),
    errno.ETIMEDOUT: ("网络盘没有响应", "the network drive did not answer"),
}
_ERRNO_REASONS[getattr(errno, "EDQUOT", errno.ENOSPC)] = _ERRNO_REASONS[errno.ENOSPC]
# Windows' own codes where errno says less.
_WINERROR_REASONS: dict[int, tuple[str, str]] = {
    32: _ERRNO_REASONS[errno.EBUSY],  # ERROR_SHARING_VIOLATION
    33: _ERRNO_REASONS[errno.EBUSY],  # ERROR_LOCK_VIOLATION
    206: _ERRNO_REASONS[errno.ENAMETOOLONG],  # ERROR_FILENAME_EXCED_RANGE
    19: _ERRNO_REASONS[errno.EROFS],  # ERROR_WRITE_PROTECT
    21: _ERRNO_REASONS[errno.ENODEV],  # ERROR_NOT_READY
    53: ("找不到网络路径", "the network path was not found"),  # ERROR_BAD_NETPATH
}


def os_reason(error: OSError) -> tuple[str, str]:
    """``(zh, en)``: what an OS error means, without the OS's own (English) text."""
    winerror = getattr(error, "winerror", None)
    if isinstance(winerror, int) and winerror in _WINERROR_REASONS:
        return _WINERROR_REASONS[winerror]
    if error.errno in _ERRNO_REASONS:
        return _ERRNO_REASONS[error.errno]
    code = error.errno if error.errno is not None else winerror
    suffix = f"（代码 {code}）" if code is not None else ""
    return f"系统报告了一个文件读写错误{suffix}", f"the system reported a file error ({code})"


def os_error_messages(error: OSError) -> tuple[str, str]:
    """The officer-facing texts of a bare OS error: what, where, and what to do."""
    zh, en = os_reason(error)
    where = f"：{error.filename}" if error.filename else ""
    where_en = f": {error.filename}" if error.filename else ""
    return (
        f"读写文件时出错，{zh}{where}。请检查后重试；如果一直出现，请联系本县信息化技术人员。",
        f"A file could not be read or written, {en}{where_en}. Check and try again.",
    )


def officer_messages(error: BaseException) -> tuple[str, str] | None:
    """``(zh, en)`` when the error speaks to the officer, else None (a bug, not a message).

    A bare :class:`OSError` speaks through :func:`os_error_messages`."""
    zh = getattr(error, "message_zh", None)
    if not callable(zh):
        if isinstance(error, OSError):
            return os_error_messages(error)
        return None
    en = getattr(error, "message_en", None)
    text_zh = str(zh())
    return text_zh, str(en()) if callable(en) else text_zh
