"""Formats refused outright, file-system problems, and the Qt-free promise."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from hnclient.checks import check_file

Write = Callable[[str, bytes], Path]
CONTACT = "请与州政府办公室另行联系沟通"


def test_empty_file(write: Write) -> None:
    verdict = check_file(write("空.docx", b""))
    assert (verdict.accepted, verdict.code) == (False, "empty")
    assert "0 字节" in verdict.message


def test_missing_file(tmp_path: Path) -> None:
    assert check_file(tmp_path / "没有.jpg").code == "not_found"


def test_directory_is_unreadable(tmp_path: Path) -> None:
    assert check_file(tmp_path).code == "unreadable"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unpermitted_file_is_unreadable(write: Write, mk: Any) -> None:
    path = write("锁.jpg", mk.jpeg_bytes())
    path.chmod(0)
    try:
        assert check_file(path).code == "unreadable"
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("通知.pdf", "pdf"),
        ("材料.zip", "zip"),
        ("说明.txt", "text"),
        ("统计.xlsx", "xlsx"),
        ("附件.rar", "rar"),
        ("安装.exe", "exe"),
    ],
)
def test_other_formats_are_unsupported_with_contact_sentence(
    write: Write, mk: Any, name: str, kind: str
) -> None:
    content = {
        "pdf": b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n",
        "zip": mk.zip_bytes({"a.txt": b"hello"}),
        "text": "各县、各单位：请按时报送信息。\n".encode(),
        "xlsx": mk.zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}),
        "rar": b"Rar!\x1a\x07\x01\x00" + b"\x00" * 32,
        "exe": b"MZ\x90\x00" + b"\x00" * 60,
    }[kind]
    verdict = check_file(write(name, content))
    assert (verdict.accepted, verdict.code, verdict.kind) == (False, "unsupported_format", kind)
    assert CONTACT in verdict.message


def test_verdict_is_frozen(write: Write, mk: Any) -> None:
    verdict = check_file(write("a.jpg", mk.jpeg_bytes()))
    with pytest.raises(dataclasses.FrozenInstanceError):
        verdict.code = "x"  # type: ignore[misc]
