"""Screenshots for the README, taken from a real window: run under `xvfb-run -a`.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python tools/screenshots.py

Seeds a demo store in a temporary folder, opens the window, types the passphrase, and saves
the window as Qt paints it on screen (QWidget.grab): the first-run wizard, the unlock window,
the report list with a filter, the editor, the settings — in English, then in French.
Grabbing the X server's pixels instead gave black or stale pictures whenever Xvfb (which has
no window manager) had not yet shown the window raised last.
"""

from __future__ import annotations

import functools
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
STEP_MS = 700


def main() -> int:
    if not os.environ.get("DISPLAY"):
        print("error: run under xvfb-run -a (needs an X display)", file=sys.stderr)
        return 1
    os.environ.setdefault("FIELDREPORT_KDF_NO_CALIBRATION", "1")
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "demo"
        seed(folder)
        fresh = MainWindow(Path(tmp) / "new")  # no store there: the first-run wizard
        window = MainWindow(folder)
        for w in (fresh, window):
            w.resize(1150, 680)
            w.move(0, 0)

        def shoot(target: MainWindow, name: str) -> Callable[[], None]:
            def grab() -> None:
                OUT.mkdir(parents=True, exist_ok=True)
                shot = target.grab()
                shot.save(str(OUT / name))
                print(f"wrote {OUT / name}")

            return grab

        def wizard_passphrase() -> None:
            fresh.show()
            fresh.raise_()
            wizard = fresh.first_run
            assert wizard is not None
            wizard.restart()
            wizard.next()
            wizard.passphrase_page.passphrase.setText("river camel sand 47 lantern")

        def unlock() -> None:
            fresh.hide()
            window.show()
            window.raise_()
            window.unlock_view.passphrase.setText(DEMO_PASSPHRASE)
            window.unlock_view.submit()

        def filter_region() -> None:
            view = window.reports
            if view is not None:
                view.region_filter.setCurrentIndex(view.region_filter.findData("ML06"))

        def edit_first() -> None:
            view = window.reports
            if view is not None and view.model.rowCount():
                view.table.selectRow(0)
                view.open_report.emit(view.model.report_id(0))

        def settings() -> None:
            if window.workspace is not None and window.settings is not None:
                window.workspace.setCurrentWidget(window.settings)

        def reset() -> None:
            for editor in list(window.editors):
                editor.stop()
            window.lock()
            window.hide()

        def switch(language: str) -> None:
            fresh.switch_language(language)
            window.switch_language(language)

        steps: list[Callable[[], None]] = []
        for language, suffix in (("en", ""), ("fr", "-fr")):
            steps += [
                functools.partial(switch, language),
                wizard_passphrase,
                shoot(fresh, f"first-run{suffix}.png"),
                lambda: (fresh.hide(), window.show(), window.raise_()),
                shoot(window, f"unlock{suffix}.png"),
                unlock,
                lambda: None,
                lambda: None,
                filter_region,
                lambda: None,
                shoot(window, f"report-list{suffix}.png"),
                edit_first,
                lambda: None,
                shoot(window, f"editor{suffix}.png"),
                settings,
                shoot(window, f"settings{suffix}.png"),
                reset,
            ]
        steps.append(app.quit)
        for index, step in enumerate(steps):
            QTimer.singleShot(300 + index * STEP_MS, step)
        app.exec()
        window.switch_language("en")
    return 0


if __name__ == "__main__":
    sys.exit(main())
