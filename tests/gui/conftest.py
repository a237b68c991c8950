"""GUI test helpers: a heartbeat that measures how long the GUI thread was ever blocked."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer

from fieldreport.gui.workers import wait_for_all


class Heartbeat:
    """A 5 ms QTimer; the largest gap between ticks is the longest GUI-thread stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst_ms = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.last:
            self.worst_ms = max(self.worst_ms, (now - self.last) * 1000)
        self.last = now

    def start(self) -> None:
        # Garbage left by earlier tests in this process (windows, stores) would make a full
        # collection due in the middle of the measurement; a program has none of it.
        gc.collect()
        self.last = 0.0
        self.worst_ms = 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        return self.worst_ms


@pytest.fixture
def heartbeat(qtbot: object) -> Iterator[Heartbeat]:
    beat = Heartbeat()
    yield beat
    beat.timer.stop()
    wait_for_all(10000)
