"""The calendar the office works by: China Standard Time, and how old an item may be.

Asia/Shanghai has had no daylight saving since 1991, so a fixed UTC+8 offset is exact and
needs no tz database (Windows Pythons ship without one).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

CHINA_TZ = timezone(timedelta(hours=8), "CST")
STALE_AFTER_DAYS = 7  # notice 五(四): timeliness; older items are flagged, not refused
FUTURE_TOLERANCE_DAYS = 1  # tomorrow is fine (announcing an event); further ahead is a typo


def china_now(now: datetime | None = None) -> datetime:
    """The moment on the office's clock, whatever zone the PC is set to.

    The one clock everything the officer sees as "now" or "today" comes from; ``now``
    (timezone-aware; naive is taken as UTC) is for tests.
    """
    moment = now or datetime.now(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(CHINA_TZ)


def china_today(now: datetime | None = None) -> date:
    """Today's date in China; ``now`` (timezone-aware) is for tests."""
    return china_now(now).date()


def is_stale(event_date: date, today: date) -> bool:
    """More than seven days old: exactly a week ago is still timely."""
    return (today - event_date).days > STALE_AFTER_DAYS


def is_far_future(event_date: date, today: date) -> bool:
    return (event_date - today).days > FUTURE_TOLERANCE_DAYS
