"""The core must work without Qt: storage, forms, checks and the rest import no PySide6.

One subprocess for the whole core (each package used to have its own). Importing the core
must not load FFmpeg's wrapper either: it is looked for only when a video is converted.
"""

from __future__ import annotations

import subprocess
import sys

CORE_MODULES = [
    "hnclient",
    "hnclient.items",
    "hnclient.paths",
    "hnclient.settings",
    "hnclient.recovery",
    "hnclient.logs",
    "hnclient.storage",
    "hnclient.forms",
    "hnclient.checks",
    "hnclient.convert",
    "hnclient.convert.images",
    "hnclient.convert.video",
    "hnclient.word",
    "hnclient.word.docx_writer",
    "hnclient.export",
    "hnclient.attaching",
    "hnclient.attachments",
    "hnclient.cover",
    "hnclient.cli",
    "hnclient.errors",
    "hnclient.fileio",
    "hnclient.preset",
    "hnclient.export_cli",
]


def test_core_modules_import_no_pyside6() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {CORE_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules\n"
        "                if m.startswith(('PySide6', 'shiboken6', 'imageio_ffmpeg')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"core imported Qt modules: {result.stdout}"
