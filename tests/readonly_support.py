"""A folder that really cannot be written, also for root (tests run as root here).

chmod does not stop root, so as root the folder is bind-mounted read-only over itself (the
kernel refuses every write with EROFS, as on a write-protected share); as another user chmod
does it. Where neither works (root without CAP_SYS_ADMIN), the test is skipped saying why.
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount_read_only(folder: Path) -> bool:
    try:
        subprocess.run(
            ["mount", "--bind", str(folder), str(folder)], check=True, capture_output=True
        )
    except (OSError, subprocess.CalledProcessError):
        return False
    try:
        subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(folder)], check=True, capture_output=True
        )
    except (OSError, subprocess.CalledProcessError):
        subprocess.run(["umount", str(folder)], check=False, capture_output=True)
        return False
    return True


@contextmanager
def read_only_folder(folder: Path) -> Iterator[Path]:
    """``folder`` (and everything in it) cannot be written inside the ``with``."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        if not _mount_read_only(folder):
            pytest.skip("root without permission to mount: no way to make a folder read-only")
        try:
            yield folder
        finally:
            subprocess.run(["umount", str(folder)], check=True, capture_output=True)
        return
    modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
    for path in modes:
        path.chmod(stat.S_IMODE(modes[path]) & ~0o222)
    try:
        yield folder
    finally:
        for path, mode in modes.items():
            path.chmod(stat.S_IMODE(mode))
