"""Screenshots for the README, taken from a real window: run under `xvfb-run -a`.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tools/screenshots.py

Seeds a demo store in a temporary folder, opens the window, types the passphrase, and saves
what the screen shows (QScreen.grabWindow(0): the X server's pixels, as a user sees them).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from fieldreport.demo.__main__ import DEMO_PASSPHRASE, seed
from fieldreport.gui.main_window import MainWindow

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
        window = MainWindow(folder)
        window.resize(1150, 640)
        window.move(0, 0)
        window.show()

        def shoot(name: str) -> Callable[[], None]:
            def grab() -> None:
                OUT.mkdir(parents=True, exist_ok=True)
                shot = app.primaryScreen().grabWindow(0, 0, 0, window.width(), window.height())
                shot.save(str(OUT / name))
                print(f"wrote {OUT / name}")

            return grab

        def unlock() -> None:
            window.unlock_view.passphrase.setText(DEMO_PASSPHRASE)
            window.unlock_view.submit()

        steps: list[tuple[int, Callable[[], None]]] = []
        for language, suffix, start in (("en", "", 0), ("fr", "-fr", 4000)):
            steps += [
                (start + 300, lambda language=language: window.switch_language(language)),
                (start + 800, shoot(f"unlock{suffix}.png")),
                (start + 1000, unlock),
                (start + 3500, shoot(f"report-list{suffix}.png")),
                (start + 3700, window.lock),
            ]
        steps.append((8200, app.quit))
        for delay, step in steps:
            QTimer.singleShot(delay, step)
        app.exec()
        window.switch_language("en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
