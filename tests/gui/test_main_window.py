"""The window: unlock in a worker, search off the GUI thread, lock, auto-lock, panic."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from fieldreport.gui.main_window import MainWindow
from fieldreport.paths import StoreLayout
from fieldreport.store import reports
from fieldreport.store.store import Store
from tests.conftest import PASSPHRASE, minimal_report
from tests.gui.conftest import Heartbeat

BLOCK_BUDGET_MS = 50
# A timing measured on a shared machine: one more try when another process took the CPU.
# Every attempt is held to the full budget; nothing is averaged or relaxed.
ATTEMPTS = 2


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("template") / "store"
    with Store.init(folder, PASSPHRASE, key_type="x25519") as store, store.write() as conn:
        for i in range(3000):
            title = "Convoy stopped at Tonka" if i % 100 == 0 else f"Routine report {i}"
            reports.create_report(conn, minimal_report(title=title), store.device.device_id)
    return folder


@pytest.fixture
def filled(template: Path, data_dir: Path) -> Path:
    """A copy of the 3,000-report store (built once per module; tests may wipe theirs)."""
    shutil.copytree(template, data_dir)
    return data_dir


def _unlock(qtbot: Any, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    qtbot.keyClicks(window.unlock_view.passphrase, passphrase)
    qtbot.keyClick(window.unlock_view.passphrase, Qt.Key.Key_Return)


def test_unlock_runs_off_the_gui_thread(qtbot: Any, filled: Path, heartbeat: Heartbeat) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.show()
    assert window.pages.currentWidget() is window.unlock_view
    stalls = []
    for _attempt in range(ATTEMPTS):
        heartbeat.start()
        _unlock(qtbot, window)
        qtbot.waitUntil(lambda: window.reports is not None, timeout=15000)
        qtbot.waitUntil(lambda: window.reports.model.total == 3000, timeout=15000)
        stalls.append(heartbeat.stop())
        assert window.reports.model.rowCount() > 0
        window.lock()
        if stalls[-1] < BLOCK_BUDGET_MS:
            break
    assert min(stalls) < BLOCK_BUDGET_MS, stalls


def test_wrong_passphrase_stays_locked(qtbot: Any, filled: Path) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    _unlock(qtbot, window, "not the passphrase")
    qtbot.waitUntil(lambda: "wrong passphrase" in window.unlock_view.message.text(), timeout=15000)
    assert window.store is None and window.workspace is None
    assert window.unlock_view.passphrase.text() == ""


def test_search_is_debounced_and_off_thread(qtbot: Any, filled: Path, heartbeat: Heartbeat) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    _unlock(qtbot, window)
    qtbot.waitUntil(
        lambda: window.reports is not None and window.reports.model.total == 3000, timeout=15000
    )
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.reports.search.hasFocus()
    stalls = []
    for _attempt in range(ATTEMPTS):
        window.reports.search.clear()
        qtbot.waitUntil(lambda: window.reports.model.total == 3000, timeout=15000)
        heartbeat.start()
        qtbot.keyClicks(window.reports.search, "convoy tonka")
        qtbot.waitUntil(lambda: window.reports.model.total == 30, timeout=15000)
        stalls.append(heartbeat.stop())
        if stalls[-1] < BLOCK_BUDGET_MS:
            break
    assert min(stalls) < BLOCK_BUDGET_MS, stalls
    titles = {
        window.reports.model.data(window.reports.model.index(r, 2))
        for r in range(window.reports.model.rowCount())
    }
    assert titles == {"Convoy stopped at Tonka"}
    window.lock()


def test_scrolling_fetches_more_rows(qtbot: Any, filled: Path) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    _unlock(qtbot, window)
    model = None
    qtbot.waitUntil(
        lambda: window.reports is not None and window.reports.model.total == 3000, timeout=15000
    )
    model = window.reports.model
    first = model.rowCount()
    assert first < 3000
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() > first, timeout=15000)
    window.lock()


def test_lock_shows_nothing_of_the_data(qtbot: Any, filled: Path) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    window.show()
    _unlock(qtbot, window)
    qtbot.waitUntil(
        lambda: window.reports is not None and window.reports.model.total > 0, timeout=15000
    )
    store = window.store
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.store is None and window.workspace is None and window.reports is None
    assert window.pages.currentWidget() is window.unlock_view
    assert store is not None and store._data_key == b""  # the key was dropped
    texts = [w.text() for w in window.findChildren(type(window.unlock_view.title))]
    assert not any("Routine report" in t or "Convoy" in t for t in texts)


def test_auto_lock_after_idle(qtbot: Any, filled: Path) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.store is not None and window.session_ready, timeout=15000)
    window.idle.set_minutes(0.005)  # 300 ms
    window.idle.start()
    qtbot.waitUntil(lambda: window.store is None, timeout=5000)
    assert window.pages.currentWidget() is window.unlock_view


def test_panic_erases_the_store(qtbot: Any, filled: Path) -> None:
    window = MainWindow(filled)
    qtbot.addWidget(window)
    _unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.store is not None, timeout=15000)
    window.erase_now()
    assert not StoreLayout(filled).exists()
    assert not (filled / "store.db").exists()
    assert window.pages.currentWidget() is window.no_store
