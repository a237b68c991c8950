"""Chunk sizes that follow the link: each chunk should take about `target` seconds.

Over a 256 kbit/s satellite or GSM link a cut loses the chunk in flight, so chunks stay
small there (a few seconds of transfer); on a fast link they grow to amortise the round
trips. A failure halves the size (the link may have degraded); each success re-measures.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_CHUNK = 16 * 1024
MAX_CHUNK = 4 * 1024 * 1024
START_CHUNK = 64 * 1024


@dataclass
class AdaptiveChunker:
    target_seconds: float = 1.0
    size: int = START_CHUNK
    bandwidth: float | None = None  # bytes per second, smoothed

    def measured(self, nbytes: int, seconds: float) -> None:
        if nbytes <= 0:
            return
        rate = nbytes / max(seconds, 1e-3)
        self.bandwidth = rate if self.bandwidth is None else 0.5 * self.bandwidth + 0.5 * rate
        wanted = int(self.bandwidth * self.target_seconds)
        # Grow at most 4x per step: one lucky fast chunk must not make the next one huge.
        self.size = _clamp(min(wanted, self.size * 4))

    def failed(self) -> None:
        self.size = _clamp(self.size // 2)


def _clamp(size: int) -> int:
    return max(MIN_CHUNK, min(MAX_CHUNK, size))
