"""Progress on a terminal for long work (never with --json, never when stderr is a pipe)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from fieldreport.progress import throttled


def bar(label: str, enabled: bool = True) -> Callable[[int, int], None] | None:
    """A callback(done, total) drawing a one-line bar on stderr, or None when not wanted."""
    if not enabled or not sys.stderr.isatty():
        return None

    def draw(done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        filled = int(fraction * 30)
        sys.stderr.write(
            f"\r{label} [{'#' * filled}{'.' * (30 - filled)}] {fraction:4.0%} "
            f"{done / 1e6:,.1f}/{total / 1e6:,.1f} MB"
        )
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return throttled(draw, 0.1)
