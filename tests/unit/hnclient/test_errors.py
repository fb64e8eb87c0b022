"""OS errors reach the officer in plain Chinese (issue 9 item 10): never the OS's own text
such as "(Read-only file system)", wherever an OSError surfaces."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from hnclient.context import ClientContext, StartupError
from hnclient.errors import _ERRNO_REASONS, officer_messages, os_reason
from hnclient.paths import app_paths
from tests.readonly_support import read_only_folder


def _latin_words(text: str, *paths: Path) -> list[str]:
    for path in paths:
        text = text.replace(str(path), "")
    return re.findall(r"[A-Za-z]{3,}", text)


@pytest.mark.parametrize("code", sorted(_ERRNO_REASONS))
def test_each_known_errno_has_plain_chinese(code: int) -> None:
    zh, en = os_reason(OSError(code, "whatever the OS says"))
    assert zh and not _latin_words(zh), zh
    assert "whatever" not in zh and en


def test_an_unknown_errno_still_speaks_chinese() -> None:
    zh, _en = os_reason(OSError(9999, "Strange failure"))
    assert "9999" in zh and not _latin_words(zh)


def test_a_bare_os_error_is_an_officer_message(tmp_path: Path) -> None:
    messages = officer_messages(PermissionError(errno.EACCES, "Permission denied", str(tmp_path)))
    assert messages is not None
    zh, _en = messages
    assert "权限" in zh and str(tmp_path) in zh
    assert not _latin_words(zh, tmp_path), zh


def test_read_only_config_folder_says_so_in_chinese(hnclient_home: Path) -> None:
    paths = app_paths().ensure()
    with read_only_folder(paths.config):
        with pytest.raises(StartupError) as refused:
            ClientContext.open()
    zh = refused.value.message_zh()
    assert "Read-only" not in zh and ("只读" in zh or "权限" in zh), zh
    assert not _latin_words(zh, paths.config), zh


def test_export_to_a_read_only_stick_says_so_in_chinese(
    hnclient_home: Path, tmp_path: Path
) -> None:
    from hnclient.export import ExportError

    context = ClientContext.open()
    try:
        item = context.service.create("policy").item
        assert item is not None
        stick = tmp_path / "U盘"
        stick.mkdir()
        with read_only_folder(stick):
            with pytest.raises(ExportError) as refused:
                context.service.export(item.id, stick / "package")
        zh = refused.value.message_zh()
        assert ("只读" in zh or "权限" in zh) and "Read-only" not in zh, zh
        assert not _latin_words(zh, stick / "package", stick), zh
    finally:
        context.close()
