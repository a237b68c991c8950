"""P9: the report list of 100k rows after unlock (first paint ≤ 300 ms) and typing in the
search box (the GUI thread never blocked > 50 ms, measured by a 5 ms QTimer heartbeat)."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.gui.conftest

from PySide6.QtCore import QCoreApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from tests.gui.conftest import Heartbeat  # the tests' 5 ms QTimer gap meter

import corpus
from fieldreport.gui.main_window import MainWindow
from fieldreport.gui.workers import wait_for_all
from fieldreport.store.store import Store

# Typed with QTest, which knows ASCII keys only.
QUERIES = ("convoy fuel", "checkpoint", "armed men road", "tombouctou", "marche convoi")


def _wait(condition: Any, timeout: float = 60.0) -> None:
    end = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("the list did not answer in time")
        QCoreApplication.processEvents()
        time.sleep(0.001)


def run(quick: bool = False, folder: Path | None = None) -> dict[str, Any]:
    """`folder`: an existing benchmark store (run.py passes the one P1/P2 built)."""
    size = corpus.QUICK_SIZE if quick else corpus.FULL_SIZE
    rounds = 3 if quick else 5
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        if folder is None:
            folder = Path(tmp) / "store"
            corpus.encrypted_store(folder, size).close()
        with Store.open(folder, corpus.PASSPHRASE) as store:
            size = store.count_reports()
        window = MainWindow(folder)
        window.show()
        paints, stalls = [], []
        for _ in range(rounds):
            store = Store.open(folder, corpus.PASSPHRASE)  # the unlock itself is P3
            beat = Heartbeat()
            beat.start()
            start = time.perf_counter()
            window.open_workspace(store)
            view = window.reports
            assert view is not None
            _wait(lambda view=view: view.model.rowCount() > 0)
            view.table.viewport().repaint()  # the first page on screen
            paints.append((time.perf_counter() - start) * 1000)
            _wait(lambda: window.session_ready)
            for text in QUERIES:
                view.search.clear()
                _wait(lambda view=view: view.model.total == size)
                beat.start()
                QTest.keyClicks(view.search, text, delay=60)  # a quick typist
                _wait(lambda view=view: not view._debounce.isActive() and view.model.total < size)
                stalls.append(beat.stop())
            window.lock()
            wait_for_all(10000)
        window.close()
    paint = statistics.median(paints)
    worst = max(stalls)
    del app
    return {
        "value": round(paint, 1),
        "unit": "ms",
        "budget": "first paint <= 300 ms; GUI thread never blocked > 50 ms while typing",
        "ok": paint <= 300 and worst <= 50,
        "first_paint_worst_ms": round(max(paints), 1),
        "typing_worst_block_ms": round(worst, 1),
        "typing_median_block_ms": round(statistics.median(stalls), 1),
        "reports_stored": size,
        "rounds": rounds,
        "quick": quick,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    print(json.dumps({"P9": run(parser.parse_args().quick)}, indent=2))
