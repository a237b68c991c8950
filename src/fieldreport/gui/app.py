"""Application start-up: unlock, then the report list.

A first window for issue 2: it lists the store. Issue 4 replaces it with the full program
(first run, worker-thread unlock, editor, outbox, panic).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QMessageBox

from fieldreport.errors import FieldReportError
from fieldreport.gui.report_list import ReportListWindow
from fieldreport.store.store import Store


def _ask_passphrase() -> str | None:
    env = os.environ.get("FIELDREPORT_PASSPHRASE")
    if env:
        return env
    text, ok = QInputDialog.getText(None, "FieldReport", "Passphrase:", QLineEdit.EchoMode.Password)
    return text if ok and text else None


def run_app(data_dir: Path) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("FieldReport")
    secret = _ask_passphrase()
    if secret is None:
        return 1
    try:
        store = Store.open(data_dir, secret)
    except FieldReportError as exc:
        QMessageBox.critical(None, "FieldReport", str(exc))
        return 1
    window = ReportListWindow(store)
    window.show()
    try:
        return int(app.exec())
    finally:
        store.close()
