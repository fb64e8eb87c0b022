"""Content-addressed attachment store, and the JPEG GPS stripper the check's warning offers.

Items refer to attachments by SHA-256, never by the officer's path: the original can then be
moved, renamed or deleted without changing what the item (and a leader's sign-off bound to its
hashes) refers to. Files are written atomically so a crash or a full disk never leaves a file
under a hash name whose content does not match that hash.

Qt-free: the GUI, the CLI and the export all use it.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import struct
import tempfile
import time
from pathlib import Path

from hnclient.errors import OfficerError
from hnclient.fileio import write_bytes_atomically
from hnclient.items import AttachmentRef

# Pillow and the format sniffers are imported where used: the store is opened at start-up,
# and the window should not wait for image codecs it may never need.

#: One read/write per MiB keeps syscall overhead negligible against a 2 GB video.
_BUFFER = 1024 * 1024
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_NO_SPACE = (errno.ENOSPC, errno.EDQUOT)
#: Prefix of a copy in progress (renamed to its hash name when complete).
_INCOMING = ".incoming-"
#: A partial copy this old is a leftover of a killed run, not a copy in progress.
LEFTOVER_AGE_S = 24 * 3600
#: Indirection so a test can simulate a full disk without filling one.
_write = os.write


class AttachmentStoreError(OfficerError, OSError):
    """Storing an attachment failed; :meth:`message_zh` is what the officer sees."""

    def __init__(self, message_zh: str, message_en: str, errno_: int | None = None) -> None:
        super().__init__(message_zh, message_en)
        self.errno = errno_


class AttachmentStore:
    """Files under ``root/ab/cdef…`` named by their SHA-256; identical content is stored once."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path_for(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:]

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def verify(self, sha256: str) -> bool:
        """Re-hash the stored copy: catches bit rot and tampering before an item is sent."""
        path = self.path_for(sha256)
        try:
            with path.open("rb") as fh:
                digest = hashlib.file_digest(fh, "sha256").hexdigest()
        except FileNotFoundError:
            return False
        return digest == sha256

    def remove_leftovers(self, older_than: float = LEFTOVER_AGE_S) -> int:
        """Delete partial copies left by a killed :meth:`add`; returns how many.

        Only files older than ``older_than`` seconds go, so a copy another process is still
        writing is never touched; a killed copy of a 2 GB video would otherwise stay forever.
        """
        removed = 0
        cutoff = time.time() - older_than
        for leftover in self.root.glob(f"{_INCOMING}*"):
            try:
                if leftover.is_file() and leftover.stat().st_mtime < cutoff:
                    leftover.unlink()
                    removed += 1
            except OSError:
                continue  # not ours to fight over; the next start tries again
        return removed

    def add(self, path: Path, kind: str | None = None) -> AttachmentRef:
        """Copy ``path`` into the store, hashing while copying (one pass over the data).

        ``kind`` is the checked kind when the caller has a verdict; otherwise it is sniffed.
        """
        if kind is None:
            from hnclient.checks.sniff import read_head, sniff

            kind = sniff(path, read_head(path))
            kind = "wmv" if kind == "asf" else kind
        tmp: Path | None = None
        try:
            # Creating the temporary file can fail too: a disk out of space, or out of
            # inodes (also ENOSPC), must give the officer the same message as a failed copy.
            self.root.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(prefix=_INCOMING, dir=self.root)
            tmp = Path(tmp_name)
            digest, size = self._copy(path, fd)
            final = self.path_for(digest)
            if final.is_file() and _digest_of(final) == digest:
                tmp.unlink()
            else:
                # Absent, or damaged since it was stored (only a full re-hash tells): the
                # intact copy just made replaces it, so adding the original again repairs it.
                created = not final.parent.exists()
                final.parent.mkdir(exist_ok=True)
                if created:
                    _fsync_dir(self.root)
                os.replace(tmp, final)
                _fsync_dir(final.parent)
        except OSError as error:
            if tmp is not None:
                tmp.unlink(missing_ok=True)
            if error.errno in _NO_SPACE:
                raise AttachmentStoreError(
                    f"磁盘空间不足，无法保存附件“{path.name}”。"
                    f"请清理数据所在磁盘（{self.root}）后重试；原文件没有受到影响。",
                    f"No space left on the device to store {path.name}.",
                    error.errno,
                ) from error
            if isinstance(error, AttachmentStoreError):
                raise
            raise AttachmentStoreError(
                f"无法保存附件“{path.name}”（{error.strerror or error}）。"
                "请检查原文件是否可读、数据文件夹是否可写后重试。",
                f"Could not store {path.name}: {error}",
                error.errno,
            ) from error
        return AttachmentRef(sha256=digest, name=path.name, size=size, kind=kind)

    @staticmethod
    def _copy(src: Path, fd: int) -> tuple[str, int]:
        """Write ``src`` to ``fd`` and return (sha256, size); ``fd`` is closed on return."""
        hasher = hashlib.sha256()
        size = 0
        buffer = bytearray(_BUFFER)
        view = memoryview(buffer)
        try:
            with src.open("rb", buffering=0) as fh:
                while True:
                    n = fh.readinto(buffer)
                    if not n:
                        break
                    chunk = view[:n]
                    hasher.update(chunk)
                    written = 0
                    while written < n:
                        written += _write(fd, chunk[written:])
                    size += n
            os.fsync(fd)
        finally:
            os.close(fd)
        return hasher.hexdigest(), size


def _digest_of(path: Path) -> str | None:
    """SHA-256 of a stored file, or None when it cannot be read (then it is rewritten)."""
    try:
        with path.open("rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def _fsync_dir(directory: Path) -> None:
    """Make a rename durable; directories cannot be opened for fsync on Windows."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def describe_kind(kind: str) -> str:
    """Chinese label of a stored attachment's kind, for lists in the editor."""
    from hnclient.checks.sniff import label

    return label(kind)[0]


# ------------------------------------------------------------------------------- GPS stripping

_GPS_IFD = 0x8825


def strip_gps(src: Path, dst: Path) -> None:
    """Write ``dst``: ``src`` without its GPS position, pixels untouched.

    The EXIF block is rewritten without the GPS directory and spliced into the original byte
    stream in place of the old one, so the photo is not re-encoded (no quality loss) and
    orientation, camera and date tags stay. XMP packets that mention GPS are dropped as well,
    since XMP can carry the same position.
    """
    data = src.read_bytes()
    from PIL import Image

    with Image.open(io.BytesIO(data), formats=["JPEG"]) as img:
        exif = img.getexif()
        exif.get_ifd(_GPS_IFD)  # materialise so the pop below removes the parsed IFD too
        exif.pop(_GPS_IFD, None)
        new_exif = exif.tobytes()
    out = bytearray(data[:2])
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker in (0xDA, 0xD9):
            break
        (length,) = struct.unpack_from(">H", data, pos + 2)
        segment = data[pos : pos + 2 + length]
        body = segment[4:]
        if marker == 0xE1 and body.startswith(b"Exif\x00\x00"):
            if len(new_exif) + 2 <= 0xFFFF:
                out += b"\xff\xe1" + struct.pack(">H", len(new_exif) + 2) + new_exif
        elif marker == 0xE1 and body.startswith(b"http://ns.adobe.com/xap/1.0/") and b"GPS" in body:
            pass
        else:
            out += segment
        pos += 2 + length
    out += data[pos:]
    write_bytes_atomically(dst, bytes(out))
