"""The Linux launcher's choice of input method, with the session bus and the process table
as it would find them (a dbus-send that lists names, a /proc with comm files)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import PACKAGING

LAUNCHER = PACKAGING / "linux" / "hnclient-launch"


def launch(
    tmp_path: Path,
    bus: list[str],
    processes: list[str],
    launcher: Path = LAUNCHER,
    **env: str,
) -> dict[str, str]:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    dbus_send = bin_dir / "dbus-send"
    listing = "".join(f'      string "{name}"\\n' for name in bus)
    dbus_send.write_text(f"#!/bin/sh\nprintf 'method return\\n   array [\\n{listing}   ]\\n'\n")
    dbus_send.chmod(0o755)
    proc = tmp_path / "proc"
    for pid, name in enumerate(processes, start=100):
        (proc / str(pid)).mkdir(parents=True, exist_ok=True)
        (proc / str(pid) / "comm").write_text(name + "\n")
    proc.mkdir(exist_ok=True)
    base = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HNCLIENT_PROC": str(proc)}
    run = subprocess.run(
        ["sh", str(launcher)],
        capture_output=True,
        text=True,
        env={**base, "HNCLIENT_LAUNCH_DRY_RUN": "1", **env},
        check=True,
    )
    return dict(line.split("=", 1) for line in run.stdout.splitlines())


def test_fcitx5_is_reached_through_its_ibus_frontend(tmp_path: Path) -> None:
    chosen = launch(
        tmp_path,
        ["org.freedesktop.DBus", "org.fcitx.Fcitx5"],
        [],
        QT_IM_MODULE="fcitx",
        XMODIFIERS="@im=fcitx",
    )
    assert chosen["QT_IM_MODULE"] == "ibus" and "fcitx5" in chosen["reason"]
    assert chosen["IBUS_USE_PORTAL"] == "1"  # Qt's ibus plugin, without ibus-daemon installed


def test_fcitx5_found_as_a_process_when_the_bus_cannot_be_asked(tmp_path: Path) -> None:
    chosen = launch(tmp_path, [], ["bash", "fcitx5"], QT_IM_MODULE="fcitx")
    assert chosen["QT_IM_MODULE"] == "ibus"


def test_ibus(tmp_path: Path) -> None:
    chosen = launch(tmp_path, ["org.freedesktop.IBus"], ["ibus-daemon"])
    assert chosen["QT_IM_MODULE"] == "ibus" and chosen["reason"] == "ibus"
    assert chosen["IBUS_USE_PORTAL"] == ""  # ibus itself: its socket, as the session set up


def test_fcitx4_is_named_and_compose_kept(tmp_path: Path) -> None:
    chosen = launch(tmp_path, ["org.fcitx.Fcitx-0"], ["fcitx"], QT_IM_MODULE="fcitx")
    assert chosen["QT_IM_MODULE"] == "compose" and "fcitx4" in chosen["reason"]


def test_nothing_running_leaves_the_session_alone(tmp_path: Path) -> None:
    chosen = launch(tmp_path, ["org.freedesktop.DBus"], ["bash"], QT_IM_MODULE="xim")
    assert chosen["QT_IM_MODULE"] == "xim"


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("wayland", "xcb"),
        ("wayland;xcb", "wayland;xcb"),
        ("xcb", "xcb"),
        ("offscreen", "offscreen"),
    ],
)
def test_platform_the_bundle_carries(tmp_path: Path, given: str, used: str) -> None:
    assert launch(tmp_path, [], [], QT_QPA_PLATFORM=given)["QT_QPA_PLATFORM"] == used


def test_it_staff_can_force_a_module(tmp_path: Path) -> None:
    chosen = launch(tmp_path, ["org.fcitx.Fcitx5"], [], HNCLIENT_IM="compose")
    assert chosen["QT_IM_MODULE"] == "compose"


def test_runs_the_program_beside_it_with_the_choice(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    launcher = folder / "hnclient-launch"
    launcher.write_bytes(LAUNCHER.read_bytes())
    launcher.chmod(0o755)
    program = folder / "hnclient"
    program.write_text('#!/bin/sh\necho "$QT_IM_MODULE|$HNCLIENT_IM_CHOSEN|$*"\n')
    program.chmod(0o755)
    link = tmp_path / "hnclient"
    link.symlink_to(launcher)  # /usr/bin/hnclient is a link to the launcher
    run = subprocess.run(
        [str(link), "selftest", "--no-gui"],
        capture_output=True,
        text=True,
        env={**os.environ, "HNCLIENT_IM": "ibus", "PATH": "/usr/bin:/bin"},
        check=True,
    )
    assert run.stdout.strip() == "ibus|1|selftest --no-gui"


def test_a_fcitx_plugin_built_for_the_bundle_serves_fcitx4_and_fcitx5(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    contexts = folder / "_internal/PySide6/Qt/plugins/platforminputcontexts"
    contexts.mkdir(parents=True)
    (contexts / "libfcitx5platforminputcontextplugin.so").write_bytes(b"")
    launcher = folder / "hnclient-launch"
    launcher.write_bytes(LAUNCHER.read_bytes())
    for bus in (["org.fcitx.Fcitx-0"], ["org.fcitx.Fcitx5"]):
        chosen = launch(tmp_path, bus, [], launcher=launcher)
        assert chosen["QT_IM_MODULE"] == "fcitx", bus
    assert (
        launch(tmp_path, ["org.freedesktop.IBus"], [], launcher=launcher)["QT_IM_MODULE"] == "ibus"
    )
