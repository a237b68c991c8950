"""Application start-up: one window that unlocks, then shows the workspace."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from fieldreport.gui import i18n
from fieldreport.gui.main_window import MainWindow
from fieldreport.gui.workers import wait_for_all


def run_app(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("FieldReport")
    language = i18n.saved_language(data_dir)
    i18n.set_language(app, language)
    window = MainWindow(data_dir)
    window.language = language
    window.show()
    code = int(app.exec())
    wait_for_all(5000)
    return code
