"""The core must work without Qt: every module outside ``hnclient/ui/`` imports no PySide6.

The list is read from the package itself (not kept by hand), so a new core module is covered
the day it is added. One subprocess for the whole core. Importing the core must not load
FFmpeg's wrapper either: it is looked for only when a video is converted.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import hnclient

PACKAGE = Path(hnclient.__file__).parent


def core_modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = relative.parts
        if parts[1:2] == ("ui",) or parts[-1] == "__main__":  # __main__ starts the program
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def test_every_core_module_is_listed() -> None:
    modules = core_modules()
    assert "hnclient.lifecycle" in modules and "hnclient.storage.store" in modules
    assert not [m for m in modules if m.startswith("hnclient.ui")]
    assert len(modules) > 60


def test_core_modules_import_no_pyside6() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules\n"
        "                if m.startswith(('PySide6', 'shiboken6', 'imageio_ffmpeg')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"core imported Qt modules: {result.stdout}"
