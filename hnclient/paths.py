"""Where the client keeps its data, configuration and logs.

``HNCLIENT_HOME`` moves all three under one directory (tests and portable installs use it);
otherwise the platform's per-user directories are used, as platformdirs defines them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from hnclient import APP_AUTHOR, APP_NAME
from hnclient.errors import os_reason

HOME_ENV = "HNCLIENT_HOME"


class DataDirError(OSError):
    """A client directory is missing and cannot be created, or is not usable."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause))
        self.path = path
        self.reason_zh, self.reason = os_reason(cause)

    def message_zh(self) -> str:
        return (
            f"无法使用数据文件夹“{self.path}”（{self.reason_zh}）。"
            "请检查该文件夹是否存在、磁盘是否已连接、当前用户是否有读写权限；"
            "如果不能自行解决，请联系本县信息化技术人员。"
        )

    def message_en(self) -> str:
        return (
            f"The data folder “{self.path}” cannot be used ({self.reason}). Check that it "
            "exists, that the disk is connected and that you may write to it, or ask your IT "
            "staff."
        )


@dataclass(frozen=True)
class AppPaths:
    data: Path
    config: Path
    logs: Path

    @property
    def database(self) -> Path:
        return self.data / "hnclient.sqlite3"

    @property
    def attachments(self) -> Path:
        return self.data / "attachments"

    @property
    def session_marker(self) -> Path:
        return self.data / "session.lock"

    @property
    def window_lock(self) -> Path:
        """Held (an OS lock) by the one window of this data folder while it runs."""
        return self.data / "window.lock"

    @property
    def integrity_flag(self) -> Path:
        """Present when a background check found damage: the next start checks fully."""
        return self.data / "check-database-at-start"

    def ensure(self, *, data: bool = True) -> AppPaths:
        """Create the directories and prove they are writable; raise :class:`DataDirError`.

        ``data=False`` leaves the data folder out (it is read-only and used as such)."""
        for directory in (self.data, self.config, self.logs) if data else (self.config, self.logs):
            try:
                directory.mkdir(parents=True, exist_ok=True)
                probe = directory / f".write-test-{os.getpid()}"
                probe.write_bytes(b"ok")
                probe.unlink()
            except OSError as error:
                raise DataDirError(directory, error) from error
        return self


def app_paths(environ: dict[str, str] | None = None) -> AppPaths:
    env = os.environ if environ is None else environ
    home = env.get(HOME_ENV)
    if home:
        root = Path(home).expanduser()
        return AppPaths(data=root / "data", config=root / "config", logs=root / "logs")
    return AppPaths(
        data=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        config=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )
