"""The converters are core code: importing them must not load Qt (nor FFmpeg's wrapper)."""

from __future__ import annotations

import subprocess
import sys


def test_convert_imports_no_pyside6() -> None:
    code = (
        "import sys\n"
        "import hnclient.convert, hnclient.convert.images, hnclient.convert.video\n"
        "loaded = sorted(m for m in sys.modules\n"
        "                if m.startswith(('PySide6', 'shiboken6', 'imageio_ffmpeg')))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "", f"hnclient.convert imported: {result.stdout}"
