"""scrypt parameters shared by the PIN hash and the sealed key, and strict JSON field helpers.

Both records keep their own ``n``, ``r``, ``p`` and salt, so the defaults can grow later
without making old records unreadable; a record read back is checked against hard upper
bounds (:data:`MAX_SCRYPT_MEMORY`) so a damaged or hostile row cannot make the program
allocate gigabytes or run for minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

SALT_BYTES: Final = 16
"""Length of every freshly drawn salt, in bytes (``os.urandom``)."""

MIN_SALT_BYTES: Final = 16
"""Shortest salt accepted from a record, in bytes."""
MAX_SALT_BYTES: Final = 64
"""Longest salt accepted from a record, in bytes."""

MAX_SCRYPT_MEMORY: Final = 256 * 1024 * 1024
"""Upper bound on scrypt's working memory ``128 * r * n`` bytes accepted from a record."""

MAX_SCRYPT_N: Final = 2**20
MAX_SCRYPT_R: Final = 32
MAX_SCRYPT_P: Final = 16


@dataclass(frozen=True, slots=True)
class ScryptParams:
    """scrypt cost parameters (RFC 7914).

    ``n`` is the CPU/memory cost, a power of two >= 2; ``r`` the block size; ``p`` the
    parallelism. Working memory is ``128 * r * n`` bytes: the default (n=2**15, r=8, p=1)
    takes 32 MiB and about 0.1–0.2 s on an office PC. Raises ``ValueError`` when a value is
    out of range or not an ``int`` (``bool`` is refused).
    """

    n: int
    r: int
    p: int

    def __post_init__(self) -> None:
        for name in ("n", "r", "p"):
            value = getattr(self, name)
            if type(value) is not int:
                raise ValueError(f"scrypt {name} must be an int, not {type(value).__name__}")
        if self.n < 2 or self.n & (self.n - 1) or self.n > MAX_SCRYPT_N:
            raise ValueError(f"scrypt n must be a power of two in [2, 2**20], got {self.n}")
        if not 1 <= self.r <= MAX_SCRYPT_R:
            raise ValueError(f"scrypt r must be in [1, {MAX_SCRYPT_R}], got {self.r}")
        if not 1 <= self.p <= MAX_SCRYPT_P:
            raise ValueError(f"scrypt p must be in [1, {MAX_SCRYPT_P}], got {self.p}")
        if 128 * self.r * self.n > MAX_SCRYPT_MEMORY:
            raise ValueError("scrypt parameters need more than 256 MiB of memory")

    def weaker_than(self, other: ScryptParams) -> bool:
        """True when any cost is below ``other``'s (the record should be re-derived)."""
        return self.n < other.n or self.r < other.r or self.p < other.p


DEFAULT_SCRYPT: Final = ScryptParams(n=2**15, r=8, p=1)
"""The cost used for every new PIN hash and sealed key unless a caller passes another."""


def scrypt(secret: bytes, salt: bytes, params: ScryptParams, length: int = 32) -> bytes:
    """Derive ``length`` bytes from ``secret`` and ``salt`` with scrypt."""
    return Scrypt(salt=salt, length=length, n=params.n, r=params.r, p=params.p).derive(secret)
