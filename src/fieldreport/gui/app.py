"""Application start-up: one window that unlocks, then shows the workspace."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from fieldreport.gui import i18n
from fieldreport.gui.main_window import MainWindow
from fieldreport.gui.workers import wait_for_all

# Start-up benchmark (performance.md P8): quit once the first window has been painted.
QUIT_WHEN_SHOWN = "FIELDREPORT_QUIT_WHEN_SHOWN"


def _shown_then_quit(app: QApplication) -> None:
    # A zero timer runs after the events posted by show(), the first paint among them.
    print("fieldreport: window shown", file=sys.stderr, flush=True)
    app.quit()


def run_app(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("FieldReport")
    language = i18n.saved_language(data_dir)
    i18n.set_language(app, language)
    window = MainWindow(data_dir)
    window.language = language
    window.show()
    if os.environ.get(QUIT_WHEN_SHOWN):
        QTimer.singleShot(0, lambda: _shown_then_quit(app))
    code = int(app.exec())
    wait_for_all(5000)
    return code
