"""Fixtures for the signing tests: a cheap scrypt cost so the suite stays fast.

Only the tests that check the defaults run scrypt at full cost (n=2**15, 32 MiB).
"""

from __future__ import annotations

from hnclient.signing import ScryptParams

FAST = ScryptParams(n=2**4, r=8, p=1)
