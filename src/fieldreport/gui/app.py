"""Application start-up: one window that unlocks, then shows the workspace."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fieldreport.gui.main_window import MainWindow
from fieldreport.gui.workers import wait_for_all


def run_app(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("FieldReport")
    window = MainWindow(data_dir)
    window.show()
    code = int(app.exec())
    wait_for_all(5000)
    return code
