from __future__ import annotations

from hnclient.sending.progress import Progress, RateMeter


def test_speed_and_time_left() -> None:
    now = [0.0]
    meter = RateMeter(clock=lambda: now[0])
    meter.restart()
    assert meter.seconds_left(100) is None
    for _ in range(10):
        now[0] += 1.0
        meter.add(1_000_000)
    assert abs(meter.speed - 1_000_000) < 1
    left = meter.seconds_left(5_000_000)
    assert left is not None and abs(left - 5.0) < 0.01
    assert Progress("x", 1, 50, 200, 0.0, None).fraction == 0.25
    assert Progress("", 0, 0, 0, 0.0, None).fraction == 1.0
