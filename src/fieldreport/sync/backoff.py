"""When to try again: exponential backoff with jitter.

"Equal jitter": half the delay is fixed, half random, so fifty laptops that lost the link at
the same moment do not come back at the same second, and none retries at once in a loop.
"""

from __future__ import annotations

import random

BASE_SECONDS = 30.0
CAP_SECONDS = 3600.0
_RNG = random.Random()  # noqa: S311  (jitter spreads retries; it protects no secret)


def delay(
    attempts: int,
    base: float = BASE_SECONDS,
    cap: float = CAP_SECONDS,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait after `attempts` failures in a row (1 = the first failure)."""
    ceiling = min(cap, base * 2 ** max(0, min(attempts, 30) - 1))
    return float(ceiling / 2 + (rng or _RNG).uniform(0, ceiling / 2))


def jitter(seconds: float) -> float:
    """`seconds` shortened by up to half, at random."""
    return seconds * _RNG.uniform(0.5, 1.0)
