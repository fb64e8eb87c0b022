"""How dates and times are shown: China Standard Time, the way officers write them.

One clock: what the window shows as "now" or "today" comes from
:mod:`hnclient.forms.timeliness`, whatever time zone the PC is set to.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from hnclient.forms.timeliness import CHINA_TZ, china_now, china_today

CHINA = CHINA_TZ

__all__ = ["CHINA", "china_now", "china_today", "local_date", "local_datetime"]


def local_datetime(moment: datetime | None) -> str:
    """ "2026-12-01 01:30" on the office's clock; a naive moment is taken as UTC (the store's)."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")


def local_date(day: date | None) -> str:
    return day.isoformat() if day else ""
