from __future__ import annotations

import random

from hnclient.sending.retry import RetryPolicy, status_is_retryable


def test_retryable_statuses() -> None:
    assert all(status_is_retryable(s) for s in (408, 429, 500, 502, 503, 504))
    assert not any(status_is_retryable(s) for s in (200, 201, 400, 401, 404, 409, 410, 422, 460))


def test_backoff_grows_with_jitter_and_a_cap() -> None:
    policy = RetryPolicy(base_s=0.5, cap_s=8.0)
    rng = random.Random(1)
    for attempt in range(12):
        delays = [policy.delay(attempt, rng) for _ in range(200)]
        high = min(8.0, 0.5 * 2**attempt)
        assert all(0 <= d <= high for d in delays)
        assert max(delays) > high * 0.8  # jitter spreads over the whole window
    item = [RetryPolicy(item_base_s=30, item_cap_s=600).item_delay(n, rng) for n in (1, 2, 10)]
    assert 15 <= item[0] <= 30 and 30 <= item[1] <= 60 and 300 <= item[2] <= 600
