from __future__ import annotations

from pathlib import Path

from hnclient.ui.input_method import apply_input_method_fallback


def _plugins(tmp_path: Path, names: list[str]) -> Path:
    contexts = tmp_path / "platforminputcontexts"
    contexts.mkdir()
    for name in names:
        (contexts / name).write_bytes(b"")
    return tmp_path


def test_fcitx_without_plugin_falls_back_to_ibus(tmp_path: Path) -> None:
    env = {"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}
    plugins = _plugins(tmp_path, ["libibusplatforminputcontextplugin.so"])
    assert apply_input_method_fallback(env, plugins, "linux")
    assert env["QT_IM_MODULE"] == "ibus"


def test_detected_through_xmodifiers_too(tmp_path: Path) -> None:
    env = {"XMODIFIERS": "@im=fcitx5"}
    assert apply_input_method_fallback(env, _plugins(tmp_path, []), "linux")
    assert env["QT_IM_MODULE"] == "ibus"


def test_kept_when_fcitx_plugin_exists(tmp_path: Path) -> None:
    env = {"QT_IM_MODULE": "fcitx"}
    plugins = _plugins(tmp_path, ["libfcitx5platforminputcontextplugin.so"])
    assert not apply_input_method_fallback(env, plugins, "linux")
    assert env["QT_IM_MODULE"] == "fcitx"


def test_untouched_without_fcitx_or_off_linux(tmp_path: Path) -> None:
    env = {"QT_IM_MODULE": "ibus"}
    assert not apply_input_method_fallback(env, _plugins(tmp_path, []), "linux")
    windows_env = {"QT_IM_MODULE": "fcitx"}
    assert not apply_input_method_fallback(windows_env, None, "win32")
    assert windows_env == {"QT_IM_MODULE": "fcitx"}


def test_the_launchers_choice_stands(tmp_path: Path) -> None:
    env = {"QT_IM_MODULE": "compose", "XMODIFIERS": "@im=fcitx", "HNCLIENT_IM_CHOSEN": "1"}
    assert not apply_input_method_fallback(env, _plugins(tmp_path, []), "linux")
    assert env["QT_IM_MODULE"] == "compose"


def test_without_ibus_daemon_qt_is_sent_to_the_portal_name(tmp_path: Path) -> None:
    env = {"XMODIFIERS": "@im=fcitx", "PATH": str(tmp_path / "empty")}
    assert apply_input_method_fallback(env, _plugins(tmp_path, []), "linux")
    assert env["QT_IM_MODULE"] == "ibus" and env["IBUS_USE_PORTAL"] == "1"


def test_with_ibus_daemon_installed_the_socket_is_used(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    daemon = bin_dir / "ibus-daemon"
    daemon.write_text("#!/bin/sh\n")
    daemon.chmod(0o755)
    env = {"XMODIFIERS": "@im=fcitx", "PATH": str(bin_dir)}
    assert apply_input_method_fallback(env, _plugins(tmp_path, []), "linux")
    assert "IBUS_USE_PORTAL" not in env
