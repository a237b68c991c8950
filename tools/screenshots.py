"""Screenshots for the README, taken from a real window: run under `xvfb-run -a`.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tools/screenshots.py

Seeds a demo store in a temporary folder, opens the window, and saves what the screen shows
(QScreen.grabWindow(0): the X server's pixels, as a user would see them).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from fieldreport.demo.__main__ import DEMO_PASSPHRASE, seed
from fieldreport.gui.report_list import ReportListWindow
from fieldreport.store.store import Store

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def main() -> int:
    if not os.environ.get("DISPLAY"):
        print("error: run under xvfb-run -a (needs an X display)", file=sys.stderr)
        return 1
    os.environ.setdefault("FIELDREPORT_KDF_NO_CALIBRATION", "1")
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        seed(folder)
        store = Store.open(folder, DEMO_PASSPHRASE)
        window = ReportListWindow(store)
        window.resize(1150, 640)
        window.move(0, 0)
        window.show()

        def shoot() -> None:
            OUT.mkdir(parents=True, exist_ok=True)
            screen = app.primaryScreen()
            shot = screen.grabWindow(0, 0, 0, window.width(), window.height())
            shot.save(str(OUT / "report-list.png"))
            print(f"wrote {OUT / 'report-list.png'}")
            app.quit()

        QTimer.singleShot(1500, shoot)
        app.exec()
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
