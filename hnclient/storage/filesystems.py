"""Is a folder on a network drive? WAL's shared memory does not work across SMB/NFS clients.

Linux (UOS, Kylin): the file-system type of the mount that holds the folder, from
``/proc/self/mounts``. Windows: a UNC path or a drive the OS reports as remote. Elsewhere, or
when it cannot be told: not a network drive.
"""

from __future__ import annotations

import sys
from pathlib import Path

NETWORK_TYPES = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gfs2",
        "ocfs2",
        "davfs",
        "fuse.sshfs",
        "fuse.davfs2",
        "fuse.glusterfs",
        "fuse.smbnetfs",
        "fuse.gvfsd-fuse",
    }
)


def _unescape(field: str) -> str:
    """Mount points in /proc/mounts escape space, tab, newline and backslash as octal."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def mount_type(path: Path, mounts_text: str) -> str | None:
    """The file-system type of the longest mount point containing ``path``."""
    target = str(path)
    best: tuple[int, str] | None = None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        point, fstype = _unescape(parts[1]), parts[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= best[0]):
            best = (len(point), fstype)
    return None if best is None else best[1]


def is_network_path(path: Path) -> bool:
    try:
        resolved = path.resolve()
    except OSError:
        resolved = path.absolute()
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        return _windows_remote(resolved)
    try:
        text = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    kind = mount_type(resolved, text)
    return kind is not None and kind.lower() in NETWORK_TYPES


def _windows_remote(path: Path) -> bool:  # pragma: no cover - Windows only
    text = str(path)
    if text.startswith("\\\\") and not text.startswith("\\\\?\\"):
        return True  # \\server\share
    if sys.platform != "win32":
        return False
    import ctypes

    drive = path.drive
    if not drive:
        return False
    drive_remote = 4
    return bool(ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote)
