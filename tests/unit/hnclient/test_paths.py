from __future__ import annotations

from pathlib import Path

import pytest

from hnclient.paths import DataDirError, app_paths


def test_hnclient_home_moves_data_config_and_logs(tmp_path: Path) -> None:
    paths = app_paths({"HNCLIENT_HOME": str(tmp_path / "home")}).ensure()
    for directory in (paths.data, paths.config, paths.logs):
        assert directory.is_dir() and tmp_path in directory.parents
    assert paths.database.parent == paths.data


def test_platform_directories_without_home(tmp_path: Path) -> None:
    paths = app_paths({})
    assert "hnclient" in str(paths.data)


def test_unusable_data_directory_gives_a_chinese_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(DataDirError) as caught:
        app_paths({"HNCLIENT_HOME": str(blocker / "home")}).ensure()
    assert "数据文件夹" in caught.value.message_zh()
    assert str(blocker) in caught.value.message_zh()
