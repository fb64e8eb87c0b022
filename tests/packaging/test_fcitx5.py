"""Chinese input under fcitx5, for real: the bundle, started by its launcher on a virtual X
display in a private D-Bus session where fcitx5 runs, opens an input context with fcitx5
through fcitx5's ibus frontend (the bundle's Qt has no fcitx plugin).

Typing Chinese itself (an input method engine, key events, the candidate window) is not
exercised here: docs/distribution.md lists what needs a real UOS/Kylin PC.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import PACKAGING

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform != "linux", reason="fcitx5 is a Linux input method"),
    pytest.mark.skipif(
        not all(shutil.which(p) for p in ("fcitx5", "Xvfb", "dbus-run-session", "dbus-send")),
        reason="needs fcitx5, Xvfb and D-Bus (apt-get install fcitx5 xvfb dbus-daemon)",
    ),
]

SCRIPT = r"""
set -u
work=$1
Xvfb -displayfd 3 -screen 0 1024x768x24 3>"$work/display" 2>/dev/null &
xvfb=$!
for _ in $(seq 1 100); do [ -s "$work/display" ] && break; sleep 0.1; done
export DISPLAY=":$(cat "$work/display")" HOME="$work/home"
export XMODIFIERS=@im=fcitx QT_IM_MODULE=fcitx GTK_IM_MODULE=fcitx
mkdir -p "$HOME"
fcitx5 >"$work/fcitx5.log" 2>&1 &
fcitx=$!
names() {
  dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
    org.freedesktop.DBus.ListNames 2>/dev/null
}
for _ in $(seq 1 150); do names | grep -q '"org.fcitx.Fcitx5"' && break; sleep 0.1; done
HNCLIENT_HOME="$work/hnclient" "$work/app/hnclient-launch" >"$work/app.log" 2>&1 &
app=$!
info=""
for _ in $(seq 1 300); do
  info=$(dbus-send --session --print-reply --dest=org.fcitx.Fcitx5 /controller \
    org.fcitx.Fcitx.Controller1.DebugInfo 2>/dev/null)
  case "$info" in *frontend:ibus*) break ;; esac
  sleep 0.1
done
echo "$info"
kill "$app" "$fcitx" "$xvfb" 2>/dev/null
wait "$app" "$fcitx" "$xvfb" 2>/dev/null
"""


def test_the_bundle_reaches_fcitx5_through_its_ibus_frontend(bundle: Path, tmp_path: Path) -> None:
    app = tmp_path / "app"  # the installed layout: the launcher beside the program
    app.mkdir()
    shutil.copy2(PACKAGING / "linux" / "hnclient-launch", app / "hnclient-launch")
    (app / "hnclient").symlink_to(bundle / "hnclient")
    (app / "_internal").symlink_to(bundle / "_internal")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("QT_", "DBUS_", "IBUS_", "HNCLIENT_")) and key != "DISPLAY"
    }
    run = subprocess.run(
        ["dbus-run-session", "--", "sh", "-c", SCRIPT, "sh", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    app_log = (tmp_path / "app.log").read_text(errors="replace")
    print(run.stdout)
    assert "frontend:ibus" in run.stdout, run.stdout + run.stderr + app_log
