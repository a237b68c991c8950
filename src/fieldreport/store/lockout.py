"""Failed-unlock bookkeeping: a growing delay, and an optional wipe after N failures.

Kept in its own small file so the key file is only ever rewritten by deliberate actions.
This only slows attempts made through the program; against a copied disk the Argon2id cost
is what protects the data (security.md).
"""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

from fieldreport.fsutil import atomic_write_bytes

FREE_ATTEMPTS = 3
MAX_DELAY_SECONDS = 60.0


@dataclass
class LockoutState:
    failures: int = 0
    last_failure: float = 0.0
    wipe_after: int | None = None  # org policy; None = never

    @classmethod
    def load(cls, path: Path) -> LockoutState:
        try:
            doc = json.loads(path.read_text("utf-8"))
            wipe_after = doc.get("wipe_after")
            return cls(
                failures=max(0, int(doc.get("failures", 0))),
                last_failure=float(doc.get("last_failure", 0.0)),
                wipe_after=int(wipe_after) if wipe_after else None,
            )
        except (OSError, ValueError, TypeError, AttributeError):
            # Missing or damaged: start counting again rather than lock the owner out.
            return cls()

    def save(self, path: Path) -> None:
        doc = {
            "failures": self.failures,
            "last_failure": self.last_failure,
            "wipe_after": self.wipe_after,
        }
        with contextlib.suppress(OSError):
            atomic_write_bytes(path, json.dumps(doc).encode())

    def delay_seconds(self) -> float:
        """How long the next attempt must wait after the last failure."""
        if self.failures < FREE_ATTEMPTS:
            return 0.0
        return min(MAX_DELAY_SECONDS, 2.0 ** (self.failures - FREE_ATTEMPTS))

    def remaining_wait(self, now: float | None = None) -> float:
        now = time.time() if now is None else now
        elapsed = now - self.last_failure
        if elapsed < 0:  # the clock went backwards: wait the full delay
            elapsed = 0.0
        return max(0.0, self.delay_seconds() - elapsed)

    def record_failure(self) -> None:
        self.failures += 1
        self.last_failure = time.time()

    def should_wipe(self) -> bool:
        return self.wipe_after is not None and self.failures >= self.wipe_after
