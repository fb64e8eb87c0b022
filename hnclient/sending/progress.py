"""Progress of sending: bytes done of total, per item and overall, speed and time left."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """``item_id`` empty: the whole pass. ``speed`` in bytes/s (0 before it is known);
    ``seconds_left`` None until the speed is known."""

    item_id: str
    revision: int
    done: int
    total: int
    speed: float
    seconds_left: float | None

    @property
    def fraction(self) -> float:
        return 1.0 if self.total <= 0 else min(1.0, self.done / self.total)


class RateMeter:
    """Speed as an exponential moving average of the bytes acknowledged by the server."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, half_life_s: float = 3.0):
        self._clock = clock
        self._half_life = half_life_s
        self._last: float | None = None
        self.speed = 0.0

    def add(self, count: int) -> float:
        now = self._clock()
        if self._last is None:
            self._last = now
            return self.speed
        elapsed = max(now - self._last, 1e-6)
        self._last = now
        sample = count / elapsed
        weight = 1 - 0.5 ** (elapsed / self._half_life)
        self.speed = sample if self.speed == 0 else self.speed + weight * (sample - self.speed)
        return self.speed

    def restart(self) -> None:
        """A transfer starts now (or again after a pause)."""
        self._last = self._clock()

    def seconds_left(self, remaining: int) -> float | None:
        return None if self.speed <= 0 else remaining / self.speed
