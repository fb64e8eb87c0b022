"""The UOS/Kylin packages: built with dpkg-deb, installed here with dpkg (as root), the
installed program's self-test run through its launcher, then both packages purged."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT, packaging_module

APP_ID = "cn.gov.hainanzhou.hnclient"
PREFIX = Path("/opt/apps") / APP_ID
PRESET = Path("/etc/xdg/hnclient/preset.json")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("dpkg") is None, reason="needs dpkg (Debian, UOS, Kylin)"),
    pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0, reason="dpkg -i needs root"
    ),
]


def installed(package: str) -> bool:
    run = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True
    )
    return "install ok installed" in run.stdout


@pytest.fixture
def debs(bundle: Path, tmp_path: Path) -> list[Path]:
    if installed(APP_ID) or PRESET.exists() or PREFIX.exists():
        pytest.skip(f"{APP_ID} (or its preset) is already on this machine: not touching it")
    video = packaging_module("video_component").build(tmp_path / "video")
    preset = tmp_path / "preset.json"
    preset.write_text(json.dumps({"unit": "共和县人民政府办公室"}), encoding="utf-8")
    run = subprocess.run(
        [
            "bash",
            str(ROOT / "packaging/deb/build-deb.sh"),
            str(bundle),
            str(video.parent.parent),
            str(tmp_path / "out"),
            str(preset),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=900,
        env={**os.environ, "DEB_COMPRESS": "none"},
    )
    return [Path(line) for line in run.stdout.split()]


def test_install_selftest_and_purge(debs: list[Path], tmp_path: Path) -> None:
    main, video = debs
    assert main.name == f"{APP_ID}_0.1.0_amd64.deb" and video.name.startswith(f"{APP_ID}.video_")
    fields = subprocess.run(
        ["dpkg-deb", "-f", str(main), "Depends"], capture_output=True, text=True, check=True
    ).stdout
    print(f"Depends: {fields.strip()}")
    assert "libc6 (>= 2." in fields
    try:
        subprocess.run(["dpkg", "-i", str(main), str(video)], check=True, capture_output=True)
        for path in (
            PREFIX / "info",
            PREFIX / "files" / "hnclient",
            PREFIX / "files" / "components" / "ffmpeg" / "ffmpeg",
            PREFIX / "entries" / "applications" / f"{APP_ID}.desktop",
            Path("/usr/share/applications") / f"{APP_ID}.desktop",
            Path("/usr/share/icons/hicolor/scalable/apps") / f"{APP_ID}.svg",
        ):
            assert path.exists(), path
        info = json.loads((PREFIX / "info").read_text(encoding="utf-8"))
        assert info["appid"] == APP_ID and info["arch"] == ["amd64"]
        if shutil.which("desktop-file-validate"):
            subprocess.run(
                ["desktop-file-validate", f"/usr/share/applications/{APP_ID}.desktop"],
                check=True,
            )
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("HNCLIENT_HOME", "PYTHONPATH", "XDG_CONFIG_DIRS", "IMAGEIO_FFMPEG_EXE")
        }
        env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
        run = subprocess.run(
            ["/usr/bin/hnclient", "selftest"],
            capture_output=True,
            text=True,
            env=env,
            timeout=300,
            cwd=tmp_path,
        )
        print(run.stdout)
        assert run.returncode == 0, run.stdout + run.stderr
        assert f"已读取 {PRESET}，单位：共和县人民政府办公室" in run.stdout
        assert f"已安装：{PREFIX}/files/components/ffmpeg/ffmpeg" in run.stdout
        assert "自检通过" in run.stdout
    finally:
        subprocess.run(
            ["dpkg", "--purge", f"{APP_ID}.video", APP_ID], capture_output=True, check=False
        )
    assert not installed(APP_ID) and not PREFIX.exists() and not PRESET.exists()
    assert not Path("/usr/bin/hnclient").exists()
