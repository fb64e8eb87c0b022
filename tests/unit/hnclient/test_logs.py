from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from hnclient.logs import HIDDEN, configure_logging, log_files, redact, register_secret


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    configure_logging(tmp_path)
    yield tmp_path
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "_hnclient", False):
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_secret_shapes_are_hidden_whatever_their_value() -> None:
    text = redact(
        "Authorization: Bearer abc.DEF-123= ; token=xyz&pin: '998877' password=hunter2\n"
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEI\n-----END PRIVATE KEY-----"
    )
    for value in ("abc.DEF", "xyz", "998877", "hunter2", "MC4CAQ", "BEGIN PRIVATE"):
        assert value not in text
    assert text.count(HIDDEN) == 5 and "Authorization: Bearer " in text


def test_registered_secrets_are_hidden_in_every_spelling() -> None:
    register_secret("424242")
    register_secret("tok-A1b2C3d4E5f6G7h8")
    key = bytes(range(100, 132))
    register_secret(key)
    import base64

    line = (
        f"PIN ４２４２４２ or 424242, token tok-A1b2C3d4E5f6G7h8, key {key.hex()} "
        f"{base64.b64encode(key).decode()} at 2026-11-30 08:00:00,424 item 4242420"
    )
    text = redact(line)
    assert "424242" not in text.replace("4242420", "") and "tok-A1b2" not in text
    assert key.hex() not in text and base64.b64encode(key).decode()[:20] not in text
    assert "2026-11-30 08:00:00,424" in text and "4242420" in text  # other numbers stay


def test_short_values_are_not_registered() -> None:
    register_secret("12")
    assert redact("12 items, 2012") == "12 items, 2012"


def test_the_file_gets_redacted_records_with_tracebacks(log_dir: Path) -> None:
    register_secret("s3cr3t-t0ken-value")
    log = logging.getLogger("hnclient.test_logs")
    try:
        raise RuntimeError("sent s3cr3t-t0ken-value")
    except RuntimeError:
        log.exception("failed with %s", "s3cr3t-t0ken-value")
    text = (log_dir / "hnclient.log").read_text("utf-8")
    assert "s3cr3t" not in text and "RuntimeError" in text and text.count(HIDDEN) >= 2


def test_logs_rotate_and_keep_five(log_dir: Path) -> None:
    log = logging.getLogger("hnclient.test_logs")
    for n in range(8_000):
        log.info("line %05d %s", n, "x" * 900)
    files = log_files(log_dir)
    assert [p.name for p in files] == ["hnclient.log"] + [f"hnclient.log.{n}" for n in range(1, 6)]
    assert all(p.stat().st_size <= 1_000_000 for p in files)


def test_log_times_are_china_standard_time_whatever_the_pc_zone(log_dir: Path) -> None:
    """A trial read 00:45 in the log for what the window showed as 08:45."""
    import re
    import time
    from datetime import UTC, datetime, timedelta

    logging.getLogger("hnclient.test_logs").warning("a line to date")
    text = (log_dir / "hnclient.log").read_text("utf-8").splitlines()[-1]
    found = re.match(r"(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),\d{3}\+08:00 WARNING", text)
    assert found, text
    stamped = datetime.strptime(found.group(1), "%Y-%m-%d %H:%M:%S")
    china_now = datetime.fromtimestamp(time.time(), UTC).replace(tzinfo=None) + timedelta(hours=8)
    assert abs((china_now - stamped).total_seconds()) < 120
