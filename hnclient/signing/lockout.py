"""How wrong PINs slow a leader down and then lock them out: a pure policy, no clock, no store.

The caller keeps the times of a leader's failed PIN attempts since their last success (the
store records them) and asks :meth:`LockoutPolicy.state` what they mean at ``now``. With the
defaults: after 1, 2, 3, 4 consecutive failures the next attempt waits 1, 2, 4, 8 s; the 5th
failure locks the leader for 15 minutes from that failure; once the lock has expired the
count starts again from zero. A success clears the list (the caller's job).

All datetimes must be timezone-aware (``ValueError`` otherwise). Times shown to people are
China Standard Time: Asia/Shanghai has had no daylight saving since 1991, so a fixed UTC+8
offset is exact and needs no tz database (which Windows lacks).

The policy trusts the PC's clock: setting it forward shortens a lock. A clock set back
cannot lengthen a lock or a delay beyond its nominal length.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from hnclient.china_time import CHINA_TZ
from hnclient.errors import OfficerError


def format_china_time(moment: datetime, *, now: datetime | None = None) -> str:
    """``moment`` as China Standard Time ``"14:35"``, rounded up to the next whole minute.

    Rounding up means trying at the shown minute always works. When ``now`` is given and
    falls on another CST day, the date is added: ``"3月5日 14:35"``.
    """
    _require_aware(moment, "moment")
    local = moment.astimezone(CHINA_TZ)
    if local.second or local.microsecond:
        local = local.replace(second=0, microsecond=0) + timedelta(minutes=1)
    text = local.strftime("%H:%M")
    if now is not None:
        _require_aware(now, "now")
        if now.astimezone(CHINA_TZ).date() != local.date():
            text = f"{local.month}月{local.day}日 {text}"
    return text


class LockedError(OfficerError):
    """Too many wrong PINs: this leader may not try again before ``locked_until``."""

    def __init__(self, locked_until: datetime, *, now: datetime | None = None) -> None:
        self.locked_until = locked_until
        until = format_china_time(locked_until, now=now)
        super().__init__(
            f"PIN 连续输错次数过多，已暂时锁定，请在 {until}（北京时间）以后再试。"
            "如果忘记了 PIN，请联系县里的信息化人员为该领导重新登记。",
            f"Too many wrong PINs in a row: locked until {until} (Beijing time). Try again "
            "after that. If the PIN is forgotten, ask county IT to enrol the leader again.",
        )


class RetryDelayError(OfficerError):
    """The PIN was wrong a moment ago: wait ``wait_seconds`` before the next attempt."""

    def __init__(self, wait_seconds: float) -> None:
        self.wait_seconds = wait_seconds
        seconds = max(1, math.ceil(wait_seconds))
        super().__init__(
            f"刚才的 PIN 不正确，请等 {seconds} 秒后再输入。",
            f"The last PIN was wrong; wait {seconds} s before entering it again.",
        )


@dataclass(frozen=True, slots=True)
class LockoutState:
    """What the failures mean now.

    ``locked_until`` is the aware end of a lock in force, else None; ``wait_seconds`` how
    long (seconds, >= 0) before the next attempt is allowed — the rest of the lock, or of
    the growing delay; ``attempts_left`` how many more wrong PINs before a lock (0 while
    locked; None when not computed).
    """

    locked_until: datetime | None
    wait_seconds: float
    attempts_left: int | None = None

    @property
    def locked(self) -> bool:
        return self.locked_until is not None

    @property
    def may_try(self) -> bool:
        """True when a PIN may be tried now."""
        return self.locked_until is None and self.wait_seconds <= 0


@dataclass(frozen=True, slots=True)
class LockoutPolicy:
    """``max_failures`` consecutive wrong PINs lock for ``lock_minutes``; before that, the
    attempt after ``k`` failures waits ``delays[k]`` seconds (the last entry for larger k).

    ``ValueError`` when ``max_failures < 1``, ``lock_minutes <= 0``, ``delays`` is empty or
    has a negative entry.
    """

    max_failures: int = 5
    lock_minutes: float = 15
    delays: tuple[float, ...] = (0, 1, 2, 4, 8)

    def __post_init__(self) -> None:
        if self.max_failures < 1:
            raise ValueError("max_failures must be at least 1")
        if self.lock_minutes <= 0:
            raise ValueError("lock_minutes must be positive")
        if not self.delays or any(d < 0 for d in self.delays):
            raise ValueError("delays must be a non-empty tuple of non-negative seconds")

    @property
    def lock_duration(self) -> timedelta:
        return timedelta(minutes=self.lock_minutes)

    def state(self, failures: Iterable[datetime], now: datetime) -> LockoutState:
        """The state at ``now`` given the failed attempts since the last success.

        ``failures`` may be in any order. A failure that falls inside a lock (the caller
        should have refused the attempt) is ignored: it neither extends the lock nor counts
        towards the next one. After a lock expires the count restarts from zero.
        """
        _require_aware(now, "now")
        times = sorted(failures)
        for moment in times:
            _require_aware(moment, "failure time")
        lock = self.lock_duration
        count = 0
        last: datetime | None = None
        locked_until: datetime | None = None
        for moment in times:
            if locked_until is not None:
                if moment < locked_until:
                    continue
                locked_until, count = None, 0
            count += 1
            last = moment
            if count >= self.max_failures:
                locked_until = moment + lock
        if locked_until is not None:
            locked_until = min(locked_until, now + lock)  # the clock was set back
            if now < locked_until:
                wait = (locked_until - now).total_seconds()
                return LockoutState(locked_until, wait, attempts_left=0)
            count, last = 0, None
        delay = self.delays[min(count, len(self.delays) - 1)]
        wait = 0.0
        if last is not None and delay > 0:
            wait = min(float(delay), max(0.0, (last - now).total_seconds() + delay))
        return LockoutState(None, wait, attempts_left=self.max_failures - count)

    def check(self, failures: Iterable[datetime], now: datetime) -> LockoutState:
        """:meth:`state`, raising :class:`LockedError` while locked and
        :class:`RetryDelayError` while a delay runs; returns the state when a try is allowed.
        """
        state = self.state(failures, now)
        if state.locked_until is not None:
            raise LockedError(state.locked_until, now=now)
        if state.wait_seconds > 0:
            raise RetryDelayError(state.wait_seconds)
        return state


def _require_aware(moment: datetime, what: str) -> None:
    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime, got {moment!r}")
