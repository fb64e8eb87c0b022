"""China Standard Time: the one clock of the domain (domain.md — times are China Standard Time,
whatever zone the PC is set to).

Asia/Shanghai has had no daylight saving since 1991, so a fixed UTC+8 offset is exact and needs
no zone database (Windows Pythons ship without one). Everything that shows, prints, logs or
counts days by the office's clock takes it from here.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Final

CHINA_TZ: Final = timezone(timedelta(hours=8), "CST")
"""Asia/Shanghai (UTC+8, no daylight saving)."""


def china_now(now: datetime | None = None) -> datetime:
    """The moment on the office's clock, whatever zone the PC is set to.

    ``now`` (timezone-aware; naive is taken as UTC) is for tests.
    """
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(CHINA_TZ)


def china_today(now: datetime | None = None) -> date:
    """Today's date in China; ``now`` (timezone-aware) is for tests."""
    return china_now(now).date()
