"""P8: start to unlock window, from source — a fresh Python process until the unlock screen
has been painted. Budget ≤ 1.0 s (≤ 1.5 s packaged, measured by the packaging issue)."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import corpus
from fieldreport.store.store import Store

SRC = Path(__file__).resolve().parents[1] / "src"
CHILD = """
import sys
import time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from fieldreport.gui import i18n
from fieldreport.gui.main_window import MainWindow
app = QApplication(sys.argv)
i18n.set_language(app, i18n.saved_language(Path(sys.argv[1])))
window = MainWindow(Path(sys.argv[1]))
window.show()
def painted():
    assert window.pages.currentWidget() is window.unlock_view
    print("ready", flush=True)
    print(time.process_time(), flush=True)  # CPU time of this process until then
    app.quit()
QTimer.singleShot(0, painted)  # runs once the event loop has shown and painted the window
app.exec()
"""


def run(quick: bool = False) -> dict[str, Any]:
    rounds = 3 if quick else 7
    env = {**os.environ, "PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "store"
        os.environ["FIELDREPORT_KDF_NO_CALIBRATION"] = "1"
        Store.init(folder, corpus.PASSPHRASE, key_type="x25519").close()
        times, cpu = [], []
        for _ in range(rounds + 1):  # the first run warms the OS file cache
            start = time.perf_counter()
            with subprocess.Popen(
                [sys.executable, "-c", CHILD, str(folder)],
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            ) as child:
                assert child.stdout is not None
                line = child.stdout.readline()  # the moment the unlock window is painted
                elapsed = time.perf_counter() - start
                rest = child.stdout.read()
                child.wait(timeout=60)
            assert line.startswith("ready"), line
            times.append(elapsed)
            cpu.append(float(rest.split()[-1]) if rest.strip() else 0.0)
        times, cpu = times[1:], cpu[1:]
    median = statistics.median(times)
    return {
        "value": round(median, 3),
        "unit": "s",
        "budget": "<= 1.0 s from source",
        "ok": median <= 1.0,
        "worst_s": round(max(times), 3),
        # CPU time of the process: what the start costs when the machine is not shared.
        "cpu_s": round(statistics.median(cpu), 3),
        "rounds": rounds,
        "note": "process start to the unlock window painted (offscreen platform)",
        "quick": quick,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    print(json.dumps({"P8": run(parser.parse_args().quick)}, indent=2))
