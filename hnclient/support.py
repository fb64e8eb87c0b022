"""What a county technician needs to diagnose a PC: the log for every run, the facts of the
installation (version, folders, endpoint, where the preset came from), and a plain answer
when the window cannot open. Qt-free: the command line and the window both use it."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from hnclient import __version__
from hnclient.paths import AppPaths, app_paths

log = logging.getLogger(__name__)

#: Qt platform plugins that need no display server.
_HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay"})


def display_problem(
    environ: Mapping[str, str] | None = None, platform: str | None = None
) -> str | None:
    """Why the window cannot open here (Linux without a display), in Chinese, or None.

    Checked before Qt starts: Qt would abort with "could not connect to display" and "This
    application failed to start…", which say nothing to an officer."""
    env = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return None
    chosen = env.get("QT_QPA_PLATFORM", "").split(":", 1)[0].strip().lower()
    if chosen in _HEADLESS_PLATFORMS:
        return None
    if env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return (
        "无法打开程序窗口：当前没有图形桌面（DISPLAY 和 WAYLAND_DISPLAY 都没有设置），"
        "例如通过 SSH 远程登录或在纯命令行终端中运行。\n"
        "请在本机的桌面上（登录图形界面后）双击“海南州政务信息报送客户端”图标或在桌面的终端中运行"
        " hnclient；远程登录时可用“ssh -X”转发窗口。\n"
        "不需要窗口的工作可以直接用命令完成，例如：hnclient list、hnclient check 文件、"
        "hnclient sync；运行“hnclient -h”查看全部命令。\n"
        "(No display: DISPLAY and WAYLAND_DISPLAY are unset. Start hnclient from the desktop, "
        "use ssh -X, or use its commands; see hnclient -h.)"
    )


def start_command_log(command: str, paths: AppPaths | None = None) -> Path | None:
    """Log this run to the log folder (best effort: a command still runs without a log)."""
    from hnclient.logs import configure_logging

    paths = paths or app_paths()
    try:
        paths.logs.mkdir(parents=True, exist_ok=True)
        path = configure_logging(paths.logs)
    except OSError:
        return None
    log.info("hnclient %s: %s (Python %s)", __version__, command, sys.version.split()[0])
    return path


@dataclass(frozen=True)
class Fact:
    """One line of the About dialog: label in Chinese and English, and the value (``value``
    in Chinese, ``value_en`` in English where the two differ; a path or number is both)."""

    label_zh: str
    label_en: str
    value: str
    value_en: str | None = None

    def value_in(self, english: bool) -> str:
        return self.value_en if english and self.value_en is not None else self.value


def installation_facts(
    paths: AppPaths, preset: object | None = None, *, demo_sending: bool = False
) -> list[Fact]:
    """Version, folders, endpoint and where the preset came from (``preset``: a
    :class:`hnclient.preset.Preset`, or None to read it now; ``demo_sending``: the officer
    turned on the local demo sending, which stands in for an endpoint not configured)."""
    from hnclient.preset import Preset, load_preset_reporting, preset_files

    facts = [
        Fact("版本", "Version", __version__),
        Fact("数据文件夹", "Data folder", str(paths.data)),
        Fact("日志文件夹", "Log folder", str(paths.logs)),
    ]
    if not isinstance(preset, Preset):
        preset, _problems = load_preset_reporting()
    if preset.endpoint:
        facts.append(Fact("报送系统地址", "Endpoint", preset.endpoint))
    elif demo_sending:
        facts.append(
            Fact(
                "报送系统地址",
                "Endpoint",
                "未设置（正在使用本机演示报送，信息不会真正报送）",
                "Not configured (local demo sending is on; nothing reaches the office)",
            )
        )
    else:
        facts.append(Fact("报送系统地址", "Endpoint", "未设置", "Not configured"))
    if preset.ca_bundle:
        facts.append(Fact("CA 证书", "CA certificate", str(preset.ca_bundle)))
    if preset.unit:
        shown = f"{preset.unit}（{preset.unit_id}）" if preset.unit_id else preset.unit
        facts.append(Fact("预设单位", "Preset unit", shown))
    if preset.columns:
        facts.append(Fact("栏目", "Columns", "、".join(c.name for c in preset.columns)))
    machine, user = preset_files()
    for path, zh, en in ((machine, "本机统一预设", "Machine-wide preset"),
                         (user, "本用户预设", "Per-user preset")):  # fmt: skip
        if path in preset.sources:
            state = ("已使用", "in use")
        elif path.is_file():
            state = (
                "有误，未使用（原因见程序启动时的提示和日志）",
                "faulty, not used (the reason was shown at start-up and is in the log)",
            )
        else:
            state = ("没有", "none")
        facts.append(Fact(zh, en, f"{path}（{state[0]}）", f"{path} ({state[1]})"))
    if preset.ignored:
        facts.append(
            Fact(
                "未采用的设置",
                "Ignored",
                "本用户预设中的 " + "、".join(preset.ignored) + " 只能由本机统一预设设置",
                ", ".join(preset.ignored) + " in the per-user preset: only the machine-wide"
                " preset may set these",
            )  # fmt: skip
        )
    return facts
