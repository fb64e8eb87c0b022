from __future__ import annotations

from pathlib import Path

from hnclient.recovery import Session


def test_clean_exit_leaves_no_marker(tmp_path: Path) -> None:
    marker = tmp_path / "session.lock"
    first = Session.begin(marker)
    assert first.previous is None
    first.end()
    assert not marker.exists()
    assert Session.begin(marker).previous is None


def test_unclean_exit_is_seen_with_its_session_id(tmp_path: Path) -> None:
    marker = tmp_path / "session.lock"
    crashed = Session.begin(marker)  # never ended, as after kill -9
    second = Session.begin(marker)
    assert second.previous is not None
    assert second.previous.session_id == crashed.session_id
    assert second.session_id != crashed.session_id


def test_damaged_marker_still_counts_as_unclean(tmp_path: Path) -> None:
    marker = tmp_path / "session.lock"
    marker.write_bytes(b"\x00garbage")
    session = Session.begin(marker)
    assert session.previous is not None and session.previous.session_id == ""
