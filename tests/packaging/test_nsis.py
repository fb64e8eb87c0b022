"""The Windows installer script compiles with makensis (warnings are errors). The payload is
a stand-in (the Windows bundle is frozen on Windows): this checks the script, not a build."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import PACKAGING


@pytest.mark.skipif(shutil.which("makensis") is None, reason="needs NSIS (apt-get install nsis)")
def test_installer_script_compiles(tmp_path: Path) -> None:
    run = subprocess.run(
        ["bash", str(PACKAGING / "windows" / "compile-check.sh"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    setup = tmp_path / "hnclient-setup-COMPILE-CHECK-ONLY.exe"
    assert setup.read_bytes()[:2] == b"MZ"  # a Windows executable


def test_installer_refuses_a_folder_without_the_windows_bundle(tmp_path: Path) -> None:
    if shutil.which("makensis") is None:
        pytest.skip("needs NSIS (apt-get install nsis)")
    linux_like = tmp_path / "bundle"
    linux_like.mkdir()
    (linux_like / "hnclient").write_text("an ELF program, not hnclient.exe")
    run = subprocess.run(
        [
            "makensis",
            "-V1",
            "-INPUTCHARSET",
            "UTF8",
            f"-DBUNDLE_DIR={linux_like}",
            f"-DOUTFILE={tmp_path / 'setup.exe'}",
            str(PACKAGING / "windows" / "hnclient.nsi"),
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode != 0 and "frozen on Windows" in run.stdout + run.stderr
    assert not (tmp_path / "setup.exe").exists()
