"""Progress callbacks thinned out: long work reports every step, whoever shows it wants a few.

An export of 100k reports calls progress(done, total) 100k times; a terminal bar, a window's
signal queue or a helper's pipe should see a few per second, and always the last step.
"""

from __future__ import annotations

import time
from collections.abc import Callable

Progress = Callable[[int, int], None]


def throttled(forward: Progress, interval_s: float) -> Progress:
    """A progress(done, total) that calls `forward` at most every `interval_s`, and always
    when done reaches total."""
    last = 0.0

    def report(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if done >= total or now - last >= interval_s:
            last = now
            forward(done, total)

    return report
