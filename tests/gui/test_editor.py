"""The report editor: a report by keyboard alone, validation, autosave and crash recovery."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from fieldreport.domain import load_taxonomy
from fieldreport.gui.main_window import MainWindow
from fieldreport.gui.report_editor import ReportEditor
from fieldreport.store.store import Store
from tests.conftest import PASSPHRASE

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def _unlocked(qtbot: Any, data_dir: Path) -> MainWindow:
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qtbot.keyClicks(window.unlock_view.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock_view.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.reports is not None, timeout=15000)
    return window


def _focused(window: MainWindow) -> Any:
    from PySide6.QtWidgets import QApplication

    return QApplication.focusWidget()


def test_a_report_by_keyboard_alone(qtbot: Any, data_dir: Path) -> None:
    Store.init(data_dir, PASSPHRASE, key_type="x25519").close()
    window = _unlocked(qtbot, data_dir)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    editor = window.workspace.currentWidget()
    assert isinstance(editor, ReportEditor)
    qtbot.waitUntil(lambda: _focused(window) is editor.ui.titleEdit)
    qtbot.keyClicks(_focused(window), "Checkpoint on the Goundam road")
    qtbot.keyClick(_focused(window), Qt.Key.Key_M, ALT)  # Template
    assert _focused(window) is editor.ui.templateCombo
    for _ in range(editor.ui.templateCombo.findData("checkpoint")):
        qtbot.keyClick(_focused(window), Qt.Key.Key_Down)
    qtbot.keyClick(_focused(window), Qt.Key.Key_P, ALT)  # Place
    assert _focused(window) is editor.ui.placeEdit
    qtbot.keyClicks(_focused(window), "Tonka")
    qtbot.keyClick(_focused(window), Qt.Key.Key_I, ALT)  # Narrative
    qtbot.keyClicks(_focused(window), "Two trucks stopped, phones searched.")
    qtbot.keyClick(_focused(window), Qt.Key.Key_Return, CTRL)  # finalise
    qtbot.waitUntil(
        lambda: window.store is not None and window.store.count_reports() == 1, timeout=15000
    )
    [doc] = window.store.list_reports()
    assert doc["title"] == "Checkpoint on the Goundam road"
    assert doc["location"]["name"] == "Tonka"
    checkpoint = next(t for t in load_taxonomy().observation_templates() if t.code == "checkpoint")
    assert (doc["event_type"], doc["sub_event_type"]) == (
        checkpoint.event_type,
        checkpoint.sub_event_type,
    )
    assert doc["act"] in ("confine", "threat")
    assert window.store.list_drafts() == []
    qtbot.waitUntil(lambda: window.reports.model.total == 1, timeout=15000)
    window.lock()


def test_validation_names_the_field_and_saves_nothing(qtbot: Any, data_dir: Path) -> None:
    Store.init(data_dir, PASSPHRASE, key_type="x25519").close()
    window = _unlocked(qtbot, data_dir)
    editor = window.open_editor(None)
    editor.ui.titleEdit.setText("Shots near Gao")
    editor.ui.placeEdit.setText("Gao")
    editor.ui.latEdit.setText("95")
    editor.ui.lonEdit.setText("0.04")
    editor.finalise()
    assert "location.lat" in editor.ui.validationLabel.text()
    assert window.store.count_reports() == 0
    window.lock()


def test_draft_survives_a_crash(qtbot: Any, data_dir: Path) -> None:
    Store.init(data_dir, PASSPHRASE, key_type="x25519").close()
    window = _unlocked(qtbot, data_dir)
    editor = window.open_editor(None)
    qtbot.keyClicks(editor.ui.titleEdit, "Half-written report")
    qtbot.keyClicks(editor.ui.narrativeEdit, "The generator stopped while I was typing")
    # Autosave runs every few seconds by itself; wait for it to reach the store.
    qtbot.waitUntil(lambda: len(window.store.list_drafts()) == 1, timeout=10000)
    # Crash: the process dies — no lock, no save. Only what autosave wrote survives.
    window.store.close()
    window.store = None
    editor._autosave.stop()

    again = _unlocked(qtbot, data_dir)
    qtbot.waitUntil(lambda: len(again.editors) == 1, timeout=10000)  # drafts load in a worker
    [recovered] = again.editors
    assert recovered.ui.titleEdit.text() == "Half-written report"
    assert "generator stopped" in recovered.ui.narrativeEdit.toPlainText()
    assert again.statusBar().currentMessage().startswith("Recovered 1")
    again.lock()


def test_lock_keeps_what_was_typed(qtbot: Any, data_dir: Path) -> None:
    Store.init(data_dir, PASSPHRASE, key_type="x25519").close()
    window = _unlocked(qtbot, data_dir)
    editor = window.open_editor(None)
    editor.ui.titleEdit.setText("Typed just before Ctrl+L")
    window.lock()
    with Store.open(data_dir, PASSPHRASE) as store:
        [draft] = store.list_drafts()
        assert draft.fields["title"] == "Typed just before Ctrl+L"
