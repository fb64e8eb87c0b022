"""Where FFmpeg is found: IT's override, the installed video component, the extra, PATH."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from hnclient.convert import ffmpeg as ffmpeg_module
from hnclient.convert.ffmpeg import COMPONENT_DIR, FFMPEG_ENV, component_ffmpeg, find_ffmpeg

EXE = "ffmpeg.exe" if sys.platform == "win32" else "ffmpeg"


def installed_component(program: Path) -> Path:
    exe = program / COMPONENT_DIR / EXE
    exe.parent.mkdir(parents=True)
    exe.write_bytes(b"#!/bin/sh\n")
    exe.chmod(0o755)
    return exe


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A frozen program in tmp_path/app (as PyInstaller's bootloader sets sys)."""
    program = tmp_path / "app"
    program.mkdir()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program / "hnclient"))
    monkeypatch.delenv(FFMPEG_ENV, raising=False)
    return program


def test_the_installed_component_is_found_beside_the_program(
    frozen: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = installed_component(frozen)
    monkeypatch.setattr(ffmpeg_module, "_bundled_ffmpeg", lambda: None)
    assert component_ffmpeg() == exe.resolve()
    assert find_ffmpeg() == exe.resolve()


def test_without_the_component_path_is_the_last_resort(
    frozen: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ffmpeg_module, "_bundled_ffmpeg", lambda: None)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert component_ffmpeg() is None and find_ffmpeg() is None
    bin_dir = tmp_path / "bin"
    on_path = installed_component(bin_dir).rename(bin_dir / EXE)
    monkeypatch.setenv("PATH", str(bin_dir))
    assert find_ffmpeg() == on_path


def test_it_staff_override_wins_and_a_wrong_one_is_not_guessed_around(
    frozen: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed_component(frozen)
    chosen = tmp_path / "their-ffmpeg"
    chosen.write_bytes(b"")
    monkeypatch.setenv(FFMPEG_ENV, str(chosen))
    assert find_ffmpeg() == chosen
    monkeypatch.setenv(FFMPEG_ENV, str(tmp_path / "missing"))
    assert find_ffmpeg() is None


def test_from_source_there_is_no_component_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert ffmpeg_module.program_dir() is None and component_ffmpeg() is None
