"""French everywhere: the translation file is complete and current; switching is live."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QTabWidget

from fieldreport.gui import i18n
from fieldreport.gui.main_window import MainWindow
from fieldreport.store.store import Store
from tests.conftest import PASSPHRASE, minimal_report

TS = i18n.translations_dir() / "fieldreport_fr.ts"
GUI = Path(__file__).resolve().parents[2] / "src" / "fieldreport" / "gui"


def _messages(path: Path) -> list[tuple[str, list[str], str | None]]:
    out = []
    for message in ET.parse(path).iter("message"):
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        out.append((message.findtext("source") or "", forms, translation.get("type")))
    return out


def test_french_is_complete() -> None:
    messages = _messages(TS)
    assert len(messages) >= 30
    unfinished = [source for source, forms, kind in messages if kind or not all(forms)]
    assert unfinished == []


def test_every_string_in_the_code_is_in_the_file(tmp_path: Path) -> None:
    copy = tmp_path / "check.ts"
    shutil.copy(TS, copy)
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    subprocess.run(
        [str(lupdate), *map(str, sorted(GUI.glob("*.py"))), "-ts", str(copy)],
        check=True,
        capture_output=True,
    )
    new = [source for source, _forms, kind in _messages(copy) if kind == "unfinished"]
    assert new == [], "run 'make translations-update' and translate these"


def _visible_texts(window: MainWindow) -> list[str]:
    texts = [window.windowTitle()]
    texts += [w.text() for w in window.findChildren(QLabel) if w.isVisibleTo(window)]
    texts += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisibleTo(window)]
    texts += [w.placeholderText() for w in window.findChildren(QLineEdit) if w.isVisibleTo(window)]
    for tabs in window.findChildren(QTabWidget):
        texts += [tabs.tabText(i) for i in range(tabs.count())]
    texts += [a.text() for a in window.actions()]
    texts += [m.title() for m in (window.app_menu, window.language_menu)]
    if window.reports is not None:
        model = window.reports.model
        texts += [
            model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
            for c in range(model.columnCount())
        ]
        texts.append(window.reports.count.text())
    return [t for t in texts if t]


def test_switching_to_french_leaves_no_english(qtbot: Any, data_dir: Path) -> None:
    with Store.init(data_dir, PASSPHRASE, key_type="x25519") as store:
        store.add_report(minimal_report())
    english = {source for source, forms, _ in _messages(TS) if forms[0] != source}
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    window.show()
    app = QApplication.instance()
    try:
        window.switch_language("fr")  # Qt posts LanguageChange: let the loop deliver it
        qtbot.waitUntil(lambda: window.unlock_view.button.text() == "&Déverrouiller")
        assert not english & set(_visible_texts(window))
        window.unlock_view.passphrase.setText(PASSPHRASE)
        window.unlock_view.submit()
        qtbot.waitUntil(
            lambda: window.reports is not None and window.reports.model.total == 1, timeout=15000
        )
        texts = _visible_texts(window)
        assert "Rapports" in texts and "Gravité" in texts and "1 rapport" in texts
        leftover = english & set(texts)
        assert not leftover, leftover
        assert i18n.saved_language(data_dir) == "fr"
        window.switch_language("en")  # and back, live
        qtbot.waitUntil(lambda: "Reports" in _visible_texts(window))
    finally:
        window.lock()
        i18n.set_language(app, "en")


def test_arabic_lays_out_right_to_left(qtbot: Any, data_dir: Path) -> None:
    app = QApplication.instance()
    try:
        i18n.set_language(app, "ar")
        assert app.layoutDirection() == Qt.LayoutDirection.RightToLeft
    finally:
        i18n.set_language(app, "en")
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
