"""How dates and times are shown: China Standard Time, the way officers write them."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "CST")


def local_datetime(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def local_date(day: date | None) -> str:
    return day.isoformat() if day else ""
