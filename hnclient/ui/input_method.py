"""Keeping Chinese input working on Linux.

PySide6 wheels ship no fcitx platform-input-context plugin. With ``QT_IM_MODULE=fcitx`` Qt then
loads no input method at all and the officer cannot type Chinese. fcitx5 also serves the ibus
protocol, and Qt has an ibus plugin, so falling back to ibus restores input. Qt's ibus plugin
declares itself unusable when no ``ibus-daemon`` program is installed (the usual case on a
fcitx5 desktop) unless ``IBUS_USE_PORTAL`` is set: then it talks to
``org.freedesktop.portal.IBus``, which fcitx5 serves too (docs/distribution.md). This module only
reads the environment and the plugin folder; it must run before QApplication is created.

The Linux packages start the program through a launcher (packaging/linux/hnclient-launch)
that asks the session bus which framework really runs (fcitx5, ibus or fcitx4) and sets
``HNCLIENT_IM_CHOSEN``; its choice stands. This fallback covers starts without it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
from collections.abc import MutableMapping
from pathlib import Path

#: Set by the Linux launcher once it has chosen QT_IM_MODULE from what actually runs.
LAUNCHER_CHOSE = "HNCLIENT_IM_CHOSEN"


def _qt_plugin_dir() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins"


def has_fcitx_plugin(plugin_dir: Path | None) -> bool:
    if plugin_dir is None:
        return False
    contexts = plugin_dir / "platforminputcontexts"
    return any(contexts.glob("*fcitx*")) if contexts.is_dir() else False


def fcitx_is_running(environ: MutableMapping[str, str]) -> bool:
    markers = (
        environ.get("QT_IM_MODULE", ""),
        environ.get("GTK_IM_MODULE", ""),
        environ.get("XMODIFIERS", ""),
        environ.get("INPUT_METHOD", ""),
    )
    return any("fcitx" in marker.lower() for marker in markers)


def apply_input_method_fallback(
    environ: MutableMapping[str, str] | None = None,
    plugin_dir: Path | None = None,
    platform: str | None = None,
) -> bool:
    """Switch ``QT_IM_MODULE`` to ibus when fcitx runs but Qt cannot load it; True if changed."""
    env = os.environ if environ is None else environ
    if env.get(LAUNCHER_CHOSE):
        return False
    if (platform or sys.platform) != "linux" or not fcitx_is_running(env):
        return False
    if has_fcitx_plugin(plugin_dir if plugin_dir is not None else _qt_plugin_dir()):
        return False
    env["QT_IM_MODULE"] = "ibus"
    if not shutil.which("ibus-daemon", path=env.get("PATH")):
        env.setdefault("IBUS_USE_PORTAL", "1")
    return True
