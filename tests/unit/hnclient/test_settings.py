from __future__ import annotations

from pathlib import Path

from hnclient.settings import Settings


def test_defaults_to_simplified_chinese(tmp_path: Path) -> None:
    assert Settings.load(tmp_path / "missing.json").language == "zh_CN"


def test_round_trip_and_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    Settings(language="en").save(path)
    assert Settings.load(path).language == "en"
    path.write_text("{not json", encoding="utf-8")
    assert Settings.load(path).language == "zh_CN"
    assert path.with_suffix(".damaged").exists()


def test_unknown_language_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"language": "fr", "other": 1}', encoding="utf-8")
    assert Settings.load(path).language == "zh_CN"
