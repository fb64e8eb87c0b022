"""The form engine is used by the sender and tests without a display: it must not pull in Qt."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[4]


def test_no_module_mentions_pyside6() -> None:
    forms_dir = REPO / "hnclient" / "forms"
    assert forms_dir.is_dir()
    for path in forms_dir.rglob("*.py"):
        assert "PySide6" not in path.read_text(encoding="utf-8"), path
