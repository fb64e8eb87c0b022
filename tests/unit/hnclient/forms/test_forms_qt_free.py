"""The form engine is used by the sender and tests without a display: it must not pull in Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[4]


@pytest.mark.slow
def test_importing_forms_does_not_import_pyside6() -> None:
    code = (
        "import hnclient.forms, sys; "
        "hnclient.forms.load_forms(); "
        "assert not any(m.startswith('PySide6') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, timeout=60)


def test_no_module_mentions_pyside6() -> None:
    forms_dir = REPO / "hnclient" / "forms"
    assert forms_dir.is_dir()
    for path in forms_dir.rglob("*.py"):
        assert "PySide6" not in path.read_text(encoding="utf-8"), path
