"""The calendar the office works by: how old an item may be, on China Standard Time
(:mod:`hnclient.china_time`, re-exported here for the forms' callers)."""

from __future__ import annotations

from datetime import date

from hnclient.china_time import CHINA_TZ, china_now, china_today

__all__ = ["CHINA_TZ", "STALE_AFTER_DAYS", "china_now", "china_today", "is_stale"]

STALE_AFTER_DAYS = 7  # notice 五(四): timeliness; older items are flagged, not refused
FUTURE_TOLERANCE_DAYS = 1  # tomorrow is fine (announcing an event); further ahead is a typo


def is_stale(event_date: date, today: date) -> bool:
    """More than seven days old: exactly a week ago is still timely."""
    return (today - event_date).days > STALE_AFTER_DAYS


def is_far_future(event_date: date, today: date) -> bool:
    return (event_date - today).days > FUTURE_TOLERANCE_DAYS
