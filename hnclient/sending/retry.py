"""Which failures are tried again, and how long to wait (docs/protocol.md §7).

Exponential backoff with full jitter: the n-th wait is uniform in ``[0, min(cap, base·2ⁿ)]``,
so many clients coming back after an outage do not all knock at once.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

#: Status codes worth trying again: request timeout, too many requests, server errors.
RETRYABLE_STATUS = frozenset({408, 429})


def status_is_retryable(status: int) -> bool:
    return status in RETRYABLE_STATUS or 500 <= status <= 599


@dataclass(frozen=True)
class RetryPolicy:
    """``attempts`` tries of one request within a pass; then the item waits for
    :meth:`item_delay` (growing with its failed passes) and the sender moves on."""

    attempts: int = 5
    base_s: float = 0.5
    cap_s: float = 30.0
    item_base_s: float = 30.0
    item_cap_s: float = 3600.0

    def delay(self, attempt: int, rng: random.Random | None = None) -> float:
        """Wait before try ``attempt + 1`` (``attempt`` counts from 0)."""
        high = min(self.cap_s, self.base_s * (2 ** min(attempt, 30)))
        return (rng or random).uniform(0, high)

    def item_delay(self, failures: int, rng: random.Random | None = None) -> float:
        """Wait before the next pass over an item that failed ``failures`` passes."""
        high = min(self.item_cap_s, self.item_base_s * (2 ** min(max(failures - 1, 0), 30)))
        return (rng or random).uniform(high / 2, high)
