"""The wrong-PIN policy with an injected clock: growing delays, the lock, and its end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from hnclient.signing import (
    CHINA_TZ,
    LockedError,
    LockoutPolicy,
    LockoutState,
    RetryDelayError,
    format_china_time,
)

T0 = datetime(2024, 5, 6, 6, 30, tzinfo=UTC)  # 14:30 in Beijing
POLICY = LockoutPolicy()


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


class Leader:
    """One leader typing PINs against the policy, with a clock the test moves."""

    def __init__(self, policy: LockoutPolicy = POLICY) -> None:
        self.policy = policy
        self.now = T0
        self.failures: list[datetime] = []

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def attempt(self, correct: bool) -> LockoutState:
        state = self.policy.check(self.failures, self.now)  # raises while blocked
        if correct:
            self.failures.clear()
        else:
            self.failures.append(self.now)
        return state


def test_no_failures_may_try() -> None:
    state = POLICY.state([], T0)
    assert state == LockoutState(None, 0.0, attempts_left=5)
    assert state.may_try and not state.locked


@pytest.mark.parametrize(("failures", "delay"), [(1, 1), (2, 2), (3, 4), (4, 8)])
def test_delays_grow(failures: int, delay: float) -> None:
    times = [at(100 * i) for i in range(failures - 1)] + [at(1000)]
    state = POLICY.state(times, at(1000))
    assert state.locked_until is None
    assert state.wait_seconds == delay
    assert state.attempts_left == 5 - failures
    assert POLICY.state(times, at(1000 + delay / 2)).wait_seconds == delay / 2
    assert POLICY.state(times, at(1000 + delay)).may_try


def test_fifth_failure_locks_for_fifteen_minutes() -> None:
    times = [at(0), at(1), at(3), at(7), at(15)]
    state = POLICY.state(times, at(15))
    assert state.locked_until == at(15) + timedelta(minutes=15)
    assert state.wait_seconds == 15 * 60
    assert state.attempts_left == 0 and not state.may_try
    assert POLICY.state(times, at(15 + 14 * 60)).wait_seconds == 60


def test_after_the_lock_the_count_starts_again() -> None:
    times = [at(0), at(1), at(3), at(7), at(15)]
    end = at(15 + 15 * 60)
    assert POLICY.state(times, end) == LockoutState(None, 0.0, attempts_left=5)
    again = [*times, end]
    state = POLICY.state(again, end)
    assert (state.locked_until, state.wait_seconds, state.attempts_left) == (None, 1.0, 4)


def test_failures_inside_a_lock_neither_extend_nor_count() -> None:
    times = [at(0), at(1), at(3), at(7), at(15), at(60), at(120)]
    state = POLICY.state(times, at(200))
    assert state.locked_until == at(15 + 15 * 60)
    assert POLICY.state(times, at(15 + 15 * 60)).attempts_left == 5


def test_order_of_failures_does_not_matter() -> None:
    times = [at(15), at(0), at(7), at(3), at(1)]
    assert POLICY.state(times, at(20)).locked_until == at(15 + 15 * 60)


def test_a_clock_set_back_cannot_lengthen_a_wait() -> None:
    future = [at(3600 * 24 + i) for i in range(5)]
    state = POLICY.state(future, T0)
    assert state.locked_until == T0 + timedelta(minutes=15)
    assert POLICY.state(future[:2], T0).wait_seconds == 2


def test_whole_session_with_injected_clock() -> None:
    leader = Leader()
    assert leader.attempt(correct=False).attempts_left == 5
    with pytest.raises(RetryDelayError) as too_soon:
        leader.attempt(correct=False)
    assert too_soon.value.wait_seconds == 1
    for wait in (1, 2, 4, 8):
        leader.advance(wait)
        leader.attempt(correct=False)
    with pytest.raises(LockedError) as locked:
        leader.attempt(correct=True)  # even the right PIN is refused while locked
    assert locked.value.locked_until == leader.now + timedelta(minutes=15)
    # 14:30:16 + 15 min, rounded up so that trying at the shown minute works
    assert "14:46" in locked.value.message_zh()
    leader.advance(15 * 60 - 1)
    with pytest.raises(LockedError):
        leader.attempt(correct=True)
    leader.advance(1)
    assert leader.attempt(correct=True).attempts_left == 5
    assert leader.failures == []


def test_success_clears_the_count() -> None:
    leader = Leader()
    for _ in range(4):
        leader.attempt(correct=False)
        leader.advance(10)
    leader.attempt(correct=True)
    leader.attempt(correct=False)
    leader.advance(1)
    assert leader.attempt(correct=False).attempts_left == 4  # not locked: the count restarted


def test_custom_policy_reuses_the_last_delay() -> None:
    policy = LockoutPolicy(max_failures=4, lock_minutes=1, delays=(0, 5))
    assert policy.state([at(0), at(10), at(20)], at(20)).wait_seconds == 5
    assert policy.state([at(0), at(10), at(20), at(30)], at(30)).locked_until == at(90)


@pytest.mark.parametrize(
    "kwargs",
    [{"max_failures": 0}, {"lock_minutes": 0}, {"delays": ()}, {"delays": (0, -1)}],
)
def test_policy_checks_its_settings(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        LockoutPolicy(**kwargs)  # type: ignore[arg-type]


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError):
        POLICY.state([], datetime(2024, 5, 6, 14, 30))
    with pytest.raises(ValueError):
        POLICY.state([datetime(2024, 5, 6, 14, 30)], T0)


def test_times_are_shown_in_beijing_time_rounded_up() -> None:
    assert format_china_time(datetime(2024, 5, 6, 6, 35, tzinfo=UTC)) == "14:35"
    assert format_china_time(datetime(2024, 5, 6, 6, 34, 1, tzinfo=UTC)) == "14:35"
    assert format_china_time(datetime(2024, 5, 6, 14, 35, tzinfo=CHINA_TZ)) == "14:35"
    new_york = timezone(timedelta(hours=-4))
    assert format_china_time(datetime(2024, 5, 6, 2, 35, tzinfo=new_york)) == "14:35"
    late = datetime(2024, 5, 6, 15, 55, 30, tzinfo=UTC)  # 23:55:30 → 23:56 the same day
    assert format_china_time(late, now=late) == "23:56"
    over_midnight = datetime(2024, 5, 6, 15, 59, 30, tzinfo=UTC)
    assert format_china_time(over_midnight, now=over_midnight) == "5月7日 00:00"


def test_messages_say_until_when_and_what_to_do() -> None:
    error = LockedError(datetime(2024, 5, 6, 6, 45, tzinfo=UTC), now=T0)
    zh, en = error.message_zh(), error.message_en()
    assert "14:45" in zh and "北京时间" in zh and "信息化人员" in zh and "重新登记" in zh
    assert "14:45" in en and "Beijing time" in en
    wait = RetryDelayError(3.2)
    assert "4 秒" in wait.message_zh() and "4 s" in wait.message_en()
