"""The frozen bundle: it passes its own self-test offscreen, stays within the size budget,
carries no FFmpeg and no reference endpoint, and says which glibc it needs."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import packaging_module

pytestmark = pytest.mark.slow
BUDGET_MB = 130


def test_the_frozen_selftest_passes_offscreen(bundle: Path, tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HNCLIENT_HOME": str(tmp_path)}
    env.pop("PYTHONPATH", None)
    # FFmpeg only from the bundle itself: none on PATH, no override.
    env.pop("IMAGEIO_FFMPEG_EXE", None)
    env["PATH"] = str(tmp_path / "empty")
    run = subprocess.run(
        [str(bundle / "hnclient-cli"), "selftest"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "自检通过" in run.stdout and "加载中文界面翻译" in run.stdout
    assert "未安装（可选组件" in run.stdout  # FFmpeg is not in the main bundle


def test_within_budget_and_without_what_stays_out(bundle: Path) -> None:
    report = packaging_module("bundle_report")
    size = report.tree_size(bundle)
    parts = "\n".join(f"{s / report.MB:6.1f} MB {n}" for s, n in report.largest_parts(bundle))
    print(f"bundle: {size / report.MB:.1f} MB\n{parts}")
    assert size <= BUDGET_MB * report.MB, parts
    names = {path.name for path in bundle.rglob("*")}
    assert not {"imageio_ffmpeg", "hnendpoint", "fastapi", "uvicorn"} & names
    assert not any(name.startswith("ffmpeg") for name in names)
    translations = sorted(p.name for p in bundle.rglob("*.qm"))
    assert translations == ["hnclient_zh_CN.qm", "qt_gaps_zh_CN.qm", "qtbase_zh_CN.qm"]
    assert {"HNClientTibetan-Regular.ttf", "OFL.txt"} <= names  # the interface's Tibetan
    if sys.platform == "linux":
        contexts = {p.name for p in bundle.rglob("platforminputcontexts/*")}
        assert "libibusplatforminputcontextplugin.so" in contexts  # fcitx5 and ibus input
        platforms = {p.name for p in bundle.rglob("platforms/*")}
        assert platforms == {"libqxcb.so", "libqoffscreen.so"}


@pytest.mark.skipif(sys.platform != "linux", reason="glibc symbols: Linux bundles only")
def test_highest_glibc_the_bundle_needs(bundle: Path) -> None:
    report = packaging_module("bundle_report")
    needs = report.glibc_needs(bundle)
    top = needs[0]
    print(f"highest glibc needed: {top.text} ({top.path.relative_to(bundle)})")
    allowed = os.environ.get("HNCLIENT_MAX_GLIBC") or platform.libc_ver()[1]
    assert top.version <= report.parse_version(allowed), (
        f"needs glibc {top.text}, more than {allowed}: "
        + ", ".join(f"{n.path.name} {n.text}" for n in needs[:10])
    )
