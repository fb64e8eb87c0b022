from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

import pytest

from hnclient.fileio import write_atomically, write_bytes_atomically


def test_replaces_whole_with_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "文档.docx"
    target.write_bytes(b"old")
    write_bytes_atomically(target, b"new content")
    assert target.read_bytes() == b"new content"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    assert [p.name for p in tmp_path.iterdir()] == ["文档.docx"]


def test_a_failed_write_leaves_the_old_file_and_no_leftovers(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_bytes(b"keep me")

    def fail(handle: BinaryIO) -> None:
        handle.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        write_atomically(target, fail)
    assert target.read_bytes() == b"keep me"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]
