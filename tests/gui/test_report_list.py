"""The first window: it lists what is in the store (offscreen Qt)."""

from __future__ import annotations

from typing import Any

from fieldreport.gui.report_list import COLUMNS, ReportListWindow
from tests.conftest import minimal_report


def test_window_lists_the_store(qtbot: Any, store: Any) -> None:
    store.add_report(minimal_report(title="Older", occurred_at="2026-11-01T08:00:00+00:00"))
    store.add_report(minimal_report(title="Newer", occurred_at="2026-11-21T08:00:00+00:00"))
    window = ReportListWindow(store)
    qtbot.addWidget(window)
    window.show()
    table = window.table
    assert table.rowCount() == 2
    title = COLUMNS.index("Title")
    assert {table.item(r, title).text() for r in range(2)} == {"Older", "Newer"}
    assert window.statusBar().currentMessage() == "2 reports"
    assert store.device.name in window.windowTitle()


def test_missing_x11_libraries_are_named(monkeypatch: Any) -> None:
    from fieldreport.cli.commands import gui

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert gui.missing_x11_libraries() == []  # offscreen needs no X11 library
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(gui.ctypes.util, "find_library", lambda name: None)
    assert "libxcb-cursor.so.0" in gui.missing_x11_libraries()
