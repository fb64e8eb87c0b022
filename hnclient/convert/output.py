"""Where converted files are written: a temporary name beside the destination, then a rename.

A crash, a cancel or a refused result must never leave a half-written JPEG or WMV under the
name the officer will attach, so the converter writes to a hidden temporary file in the same
folder (same file system, so the final rename is atomic), checks it with the same
:func:`hnclient.checks.check_file` that guards attachments, and only then renames it.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hnclient.checks import Limits, Verdict, check_file
from hnclient.convert.errors import ConversionFailed

_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
_O_BINARY = getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class ConversionResult:
    """A converted file at ``dst`` that passed the attachment check (``verdict.accepted``)."""

    dst: Path
    verdict: Verdict
    details: dict[str, Any] = field(default_factory=dict)


def temp_beside(dst: Path, suffix: str) -> Path:
    """Create an empty hidden file next to ``dst``; its suffix lets ``check_file`` judge it."""
    # Not tempfile.mkstemp: its 0600 mode would stay on the published file. O_EXCL with a
    # random name is just as safe, and the umask gives the file ordinary permissions.
    for _attempt in range(100):
        path = dst.parent / f".hnclient-convert-{secrets.token_hex(8)}{suffix}"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise write_error(error) from error
        os.close(fd)
        return path
    raise write_error(FileExistsError(errno.EEXIST, "no free temporary name", str(dst.parent)))


def write_error(error: OSError) -> ConversionFailed:
    """A failure to write the output, told apart as a full disk when it is one."""
    code = "disk_full" if error.errno in _NO_SPACE else "write_failed"
    return ConversionFailed(code, str(error), details={"errno": error.errno})


def verify_and_publish(tmp: Path, dst: Path, kind: str, limits: Limits) -> Verdict:
    """Check ``tmp`` as an attachment of ``kind``, then rename it to ``dst``.

    The caller removes ``tmp`` if this raises. The verdict returned names ``dst``, since that
    is the file the officer will attach.
    """
    verdict = check_file(tmp, limits)
    if not verdict.accepted or verdict.kind != kind:
        raise ConversionFailed(
            "output_rejected",
            f"{verdict.code}: {verdict.message_en}",
            details={
                "verdict_code": verdict.code,
                "verdict_message": verdict.message,
                "kind": verdict.kind,
            },
        )
    try:
        _fsync(tmp)
        os.replace(tmp, dst)
    except OSError as error:
        raise write_error(error) from error
    return dataclasses.replace(verdict, path=dst)


def require_suffix(dst: Path, suffixes: tuple[str, ...]) -> None:
    """Refuse a destination whose name the attachment check would refuse (a caller's bug)."""
    if dst.suffix.lower() not in suffixes:
        raise ValueError(f"destination {dst} must end with one of {', '.join(suffixes)}")


def _fsync(path: Path) -> None:
    """Make the content durable before the rename publishes it."""
    with path.open("rb+") as fh:
        os.fsync(fh.fileno())
