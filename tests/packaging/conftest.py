"""Fixtures for the packaging tests: the frozen bundle, built once per session.

``HNCLIENT_BUNDLE=dist/hnclient`` uses a bundle ``make dist`` already built (CI builds it
once, then runs the suite); otherwise PyInstaller builds one into a temporary folder (about a
minute on two cores).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def packaging_module(name: str) -> ModuleType:
    """A script of packaging/ (not a package: PyInstaller and the shell call them by path)."""
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    given = os.environ.get("HNCLIENT_BUNDLE")
    if given:
        path = Path(given).resolve()
        assert (path / "hnclient-cli").is_file(), f"HNCLIENT_BUNDLE={given} holds no bundle"
        yield path
        return
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (the dist extra): no bundle to test")
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--log-level",
            "WARN",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            str(PACKAGING / "pyinstaller.spec"),
        ],
        check=True,
        cwd=ROOT,
        timeout=1200,
    )
    yield work / "dist" / "hnclient"
