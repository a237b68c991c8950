"""Issue 4 flows, driven offscreen: first run, filters and sorting, review, settings,
the full editor with attachments, the unlock countdown, 200 % scaling."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWizard

from fieldreport.gui import strength
from fieldreport.gui.main_window import MainWindow
from fieldreport.gui.report_editor import ReportEditor
from fieldreport.paths import StoreLayout
from fieldreport.store.lockout import LockoutState
from fieldreport.store.scrub import scrub
from fieldreport.store.store import Store
from tests.conftest import PASSPHRASE, minimal_report

CTRL = Qt.KeyboardModifier.ControlModifier


def _unlocked(qtbot: Any, data_dir: Path) -> MainWindow:
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.keyClicks(window.unlock_view.passphrase, PASSPHRASE)
    qtbot.keyClick(window.unlock_view.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.reports is not None and window.session_ready, timeout=15000)
    return window


def _seed(data_dir: Path) -> None:
    with Store.init(data_dir, PASSPHRASE, key_type="x25519") as store:
        for i, (severity, pcode, day) in enumerate(
            [(1, "ML06", 1), (5, "ML07", 2), (3, "ML06", 3), (4, "ML05", 4)]
        ):
            location = {"name": "Tonka", "adm1_pcode": pcode}
            store.add_report(
                minimal_report(
                    title=f"report {i}",
                    severity=severity,
                    location=location,
                    occurred_at=f"2026-11-{day:02d}T10:00:00+00:00",
                )
            )


def _titles(window: MainWindow) -> list[str]:
    model = window.reports.model
    return [model.data(model.index(r, 2)) for r in range(model.rowCount())]


def test_first_run_creates_a_store_and_opens_it(qtbot: Any, data_dir: Path) -> None:
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    window.show()
    wizard = window.first_run
    assert wizard is not None and window.pages.currentWidget() is wizard
    wizard.next()  # language
    page = wizard.passphrase_page
    page.passphrase.setText("weak")
    page.confirm.setText("weak")
    assert not page.isComplete() and page.meter.value() == 0
    assert "Too short" in page.verdict.text()
    page.passphrase.setText(PASSPHRASE)
    assert not page.isComplete()  # not confirmed yet
    page.confirm.setText(PASSPHRASE)
    assert page.isComplete() and page.meter.value() >= strength.MIN_ACCEPTED
    wizard.next()
    duress = wizard.duress_page
    duress.enable.setChecked(True)
    duress.passphrase.setText(PASSPHRASE)
    duress.confirm.setText(PASSPHRASE)
    assert not duress.isComplete()  # must differ from the real one
    duress.passphrase.setText("erase everything now")
    duress.confirm.setText("erase everything now")
    assert duress.isComplete()
    wizard.next()
    wizard.role_page.buttons["coordinator"].setChecked(True)
    wizard.role_page.name.setText("Gao hub")
    wizard.next()
    assert wizard.profile_page.later.isChecked()  # works without a profile
    wizard.next()  # commit: the store is made in a worker
    qtbot.waitUntil(lambda: wizard.creating_page.done, timeout=30000)
    assert page.passphrase.text() == ""  # not kept in the widget
    wizard.button(QWizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: window.reports is not None, timeout=15000)
    assert window.store.device.role == "coordinator"
    assert window.store.device.name == "Gao hub"
    window.lock()
    assert StoreLayout(data_dir).exists()
    with Store.open(data_dir, "erase everything now") as store:  # the duress passphrase works
        assert store.open_info.after_duress


def test_filters_and_sorting(qtbot: Any, data_dir: Path) -> None:
    _seed(data_dir)
    window = _unlocked(qtbot, data_dir)
    view = window.reports
    qtbot.waitUntil(lambda: view.model.total == 4, timeout=15000)
    assert _titles(window) == ["report 3", "report 2", "report 1", "report 0"]  # newest first
    view.region_filter.setCurrentIndex(view.region_filter.findData("ML06"))
    qtbot.waitUntil(lambda: view.model.total == 2, timeout=15000)
    assert set(_titles(window)) == {"report 0", "report 2"}
    view.severity_filter.setCurrentIndex(view.severity_filter.findData(3))
    qtbot.waitUntil(lambda: view.model.total == 1, timeout=15000)
    view.clear_filters()
    qtbot.waitUntil(lambda: view.model.total == 4, timeout=15000)
    view.since.setDate(QDate(2026, 11, 2))
    view.until.setDate(QDate(2026, 11, 3))
    view.run_query()
    qtbot.waitUntil(lambda: view.model.total == 2, timeout=15000)
    assert set(_titles(window)) == {"report 1", "report 2"}
    view.clear_filters()
    qtbot.waitUntil(lambda: view.model.total == 4, timeout=15000)
    qtbot.waitUntil(lambda: view.device_filter.count() == 2, timeout=15000)
    view.device_filter.setCurrentIndex(1)  # this device: every report
    qtbot.waitUntil(lambda: view.model.total == 4 and not view.model._fetching, timeout=15000)
    severity = view.model.COLUMNS.index("severity")
    view.table.sortByColumn(severity, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: _titles(window)[0] == "report 0", timeout=15000)
    assert _titles(window) == ["report 0", "report 2", "report 3", "report 1"]
    title = view.model.COLUMNS.index("title")
    view.table.sortByColumn(title, Qt.SortOrder.AscendingOrder)  # not sortable: unchanged
    qtbot.waitUntil(
        lambda: view.table.horizontalHeader().sortIndicatorSection() == severity, timeout=5000
    )
    window.lock()


def test_coordinator_marks_reviewed_and_comments(
    qtbot: Any, data_dir: Path, monkeypatch: Any
) -> None:
    _seed(data_dir)
    window = _unlocked(qtbot, data_dir)
    view = window.reports
    qtbot.waitUntil(lambda: view.model.total == 4, timeout=15000)
    view.table.selectRow(0)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_R, CTRL)
    reviewed = view.model.COLUMNS.index("reviewed")
    qtbot.waitUntil(lambda: view.model.data(view.model.index(0, reviewed)) == "Reviewed")
    monkeypatch.setattr(
        "fieldreport.gui.reports_view.QInputDialog.getMultiLineText",
        lambda *args, **kwargs: ("Confirmed by the Gao office", True),
    )
    view.add_comment()
    report_id = view.model.report_id(0)
    qtbot.waitUntil(lambda: len(window.store.reviews_of(report_id)) == 2, timeout=10000)
    comments = [e.comment for e in window.store.reviews_of(report_id)]
    assert comments == ["", "Confirmed by the Gao office"]
    view.show_history()
    qtbot.waitUntil(lambda: getattr(view, "history_box", None) is not None, timeout=10000)
    assert "Confirmed by the Gao office" in view.history_box.text()
    assert "marked reviewed (revision 1)" in view.history_box.text()
    view.history_box.close()
    window.lock()


def test_settings_language_and_auto_lock(qtbot: Any, data_dir: Path) -> None:
    Store.init(data_dir, PASSPHRASE, key_type="x25519").close()
    window = _unlocked(qtbot, data_dir)
    settings = window.settings
    assert settings.ui.dataDirEdit.text() == str(data_dir)
    qtbot.waitUntil(settings.ui.autoLockSpin.isEnabled, timeout=10000)
    settings.ui.autoLockSpin.setValue(12)
    settings.ui.autoLockSpin.editingFinished.emit()
    qtbot.waitUntil(lambda: window.idle._timer.interval() == 12 * 60_000, timeout=10000)
    app = QApplication.instance()
    try:
        settings.ui.languageCombo.setCurrentIndex(settings.ui.languageCombo.findData("fr"))
        qtbot.waitUntil(lambda: window.workspace.tabText(0) == "Rapports", timeout=5000)
        assert settings.ui.languageLabel.text() == "&Langue :"
    finally:
        window.switch_language("en")
    qtbot.waitUntil(lambda: window.workspace.tabText(0) == "Reports", timeout=5000)
    window.lock()
    window2 = _unlocked(qtbot, data_dir)  # the choice is kept (in the encrypted store)
    assert window2.idle._timer.interval() == 12 * 60_000
    window2.lock()
    assert app is not None


def _jpeg_with_gps() -> bytes:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    raw = bytes(data.data())
    exif = b"Exif\x00\x00GPSLatitude 16.77 Tombouctou"
    app1 = b"\xff\xe1" + struct.pack(">H", len(exif) + 2) + exif
    return raw[:2] + app1 + raw[2:]


def test_scrub_removes_exif_and_keeps_the_picture() -> None:
    photo = _jpeg_with_gps()
    clean = scrub(photo)
    assert b"GPSLatitude" in photo and b"GPSLatitude" not in clean
    assert not QImage.fromData(clean).isNull()
    assert scrub(b"plain text") == b"plain text"


def test_editor_every_field_and_attachments(qtbot: Any, data_dir: Path, tmp_path: Path) -> None:
    Store.init(data_dir, PASSPHRASE, key_type="x25519").close()
    window = _unlocked(qtbot, data_dir)
    editor = window.open_editor(None)
    assert isinstance(editor, ReportEditor)
    ui = editor.ui
    ui.titleEdit.setText("Ambush near Ansongo")
    ui.placeEdit.setText("Ansongo")
    ui.latEdit.setText("15.66")
    ui.lonEdit.setText("0.50")
    assert ui.mgrsValue.text()  # MGRS, or "—" while fieldreport.geo is not merged
    ui.actCombo.setCurrentIndex(ui.actCombo.findData("attack"))
    ui.meansCombo.setCurrentIndex(ui.meansCombo.findData("Shooting"))
    ui.attackContextCombo.setCurrentIndex(ui.attackContextCombo.findData("Ambush"))
    ui.orgAffectedCombo.setCurrentIndex(ui.orgAffectedCombo.findData("INGO"))
    ui.programmeImpactCombo.setCurrentIndex(ui.programmeImpactCombo.findData("suspension"))
    ui.fatalitiesBasisCombo.setCurrentIndex(ui.fatalitiesBasisCombo.findData("reported"))
    ui.tagsEdit.setText("convoy, road")
    ui.killedSpin.setValue(2)
    ui.staffNationalSpin.setValue(1)
    ui.actionsTakenEdit.setPlainText("Movements suspended.")
    ui.followUpEdit.setPlainText("Check with partners.")
    ui.sourceTypeCombo.setCurrentIndex(ui.sourceTypeCombo.findData("staff"))
    ui.reliabilityCombo.setCurrentIndex(ui.reliabilityCombo.findData("B"))
    ui.credibilityCombo.setCurrentIndex(ui.credibilityCombo.findData(2))
    ui.sharingCombo.setCurrentIndex(ui.sharingCombo.findData("partners"))
    editor.add_actor(
        {"name": "Unknown armed men", "type": "political_militia", "role": "perpetrator"}
    )
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(_jpeg_with_gps())
    editor.attachments.add_paths([photo])
    qtbot.waitUntil(lambda: ui.attachmentsList.count() == 1, timeout=10000)
    assert not ui.attachmentsList.item(0).icon().isNull()  # a thumbnail
    assert editor.validate() == ""
    editor.finalise()
    qtbot.waitUntil(lambda: window.store.count_reports() == 1, timeout=15000)
    qtbot.waitUntil(lambda: not window.editors, timeout=15000)
    [doc] = window.store.list_reports()
    assert (doc["act"], doc["means"], doc["attack_context"]) == ("attack", "Shooting", "Ambush")
    assert doc["org_affected"] == "INGO" and doc["programme_impact"] == "suspension"
    assert doc["tags"] == ["convoy", "road"]
    assert doc["casualties"]["killed"] == 2 and doc["casualties"]["staff_national"] == 1
    assert doc["casualties"].get("female") is None  # "not known", not zero
    assert doc["actors"][0]["name"] == "Unknown armed men"
    assert doc["source"]["reliability"] == "B" and doc["source"]["credibility"] == 2
    assert doc["follow_up"] == "Check with partners."
    full = window.store.get_report(doc["id"])
    [attachment] = full["attachments"]
    import io

    out = io.BytesIO()
    window.store.extract_attachment(attachment["id"], out)
    assert b"GPSLatitude" not in out.getvalue()  # stripped before it was encrypted
    # An update to this incident carries its parent.
    window.write_update(doc["id"])
    qtbot.waitUntil(lambda: len(window.editors) == 1, timeout=10000)
    update = window.editors[0]
    assert update.fields()["report_type"] == "update"
    assert update.fields()["parent_id"] == doc["id"]
    window.lock()


def test_unlock_shows_the_delay_after_failures(qtbot: Any, data_dir: Path) -> None:
    Store.init(data_dir, PASSPHRASE, key_type="x25519").close()
    state = LockoutState.load(StoreLayout(data_dir).lockout_file)
    for _ in range(5):
        state.record_failure()
    state.save(StoreLayout(data_dir).lockout_file)
    window = MainWindow(data_dir)
    qtbot.addWidget(window)
    window.show()
    view = window.unlock_view
    assert "Next try in" in view.countdown.text()
    assert not view.button.isEnabled()
    first = view.countdown.text()
    qtbot.waitUntil(lambda: view.countdown.text() != first, timeout=5000)  # it counts down


def test_main_window_fits_at_200_percent(tmp_path: Path) -> None:
    """QT_SCALE_FACTOR=2 in a fresh process (it is read at start): the unlocked window fits
    a 1280×800 screen's worth of device-independent space and every tab is reachable."""
    script = tmp_path / "scaled.py"
    script.write_text(
        "import json, sys\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from fieldreport.gui.main_window import MainWindow\n"
        "from fieldreport.gui.workers import wait_for_all\n"
        "from fieldreport.store.store import Store\n"
        "app = QApplication(sys.argv)\n"
        "folder = Path(sys.argv[1])\n"
        "Store.init(folder, 'correct horse battery staple', key_type='x25519').close()\n"
        "w = MainWindow(folder)\n"
        "w.show()\n"
        "store = Store.open(folder, 'correct horse battery staple')\n"
        "w.open_workspace(store)\n"
        "editor = w.open_editor(None)\n"
        "for _ in range(50): app.processEvents()\n"
        "hints = {'window': w.minimumSizeHint().toTuple(),\n"
        "         'editor': editor.minimumSizeHint().toTuple(),\n"
        "         'ratio': w.devicePixelRatioF()}\n"
        "print(json.dumps(hints))\n"
        "w.lock(); wait_for_all(5000)\n"
    )
    env = {
        **__import__("os").environ,
        "QT_SCALE_FACTOR": "2",
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
    }
    proc = subprocess.run(
        [sys.executable, str(script), str(tmp_path / "store")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    hints = json.loads(proc.stdout.strip().splitlines()[-1])
    assert hints["ratio"] == 2.0
    # At 200 % a 1280×800 screen offers 640×400 logical pixels; the editor scrolls, so the
    # window's minimum must fit there.
    width, height = hints["window"]
    assert width <= 640 and height <= 400, hints


def test_tab_order_and_accessible_names(qtbot: Any, data_dir: Path) -> None:
    from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QTableView

    _seed(data_dir)
    window = _unlocked(qtbot, data_dir)
    view = window.reports
    order = []
    widget = view.search
    for _ in range(9):
        order.append(widget)
        widget = widget.nextInFocusChain()
        while (
            not widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            or not view.isAncestorOf(widget)
            or isinstance(widget.parent(), QComboBox | QDateEdit)  # their inner editors
        ):
            widget = widget.nextInFocusChain()
    assert order[:4] == [view.search, view.since, view.until, view.clear_filters_button]
    assert order[4:9] == list(view.filter_combos)
    unnamed = [
        w.objectName() or type(w).__name__
        for w in window.findChildren(QLineEdit)
        + window.findChildren(QComboBox)
        + window.findChildren(QDateEdit)
        + window.findChildren(QTableView)
        if w.isVisibleTo(window)
        and not w.accessibleName()
        and w.parent() is not None
        and type(w.parent()).__name__ not in ("QDateEdit", "QComboBox", "QAbstractSpinBox")
    ]
    assert unnamed == []
    window.lock()


def test_french_on_every_main_screen(qtbot: Any, tmp_path: Path) -> None:
    """First run, reports with filters, the full editor and settings: no English left."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QLineEdit

    from fieldreport.gui import i18n
    from tests.gui.test_i18n import TS, _messages

    english = {source for source, forms, _ in _messages(TS) if forms[0] != source}

    def leftovers(root: Any) -> set[str]:
        texts = [w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root)]
        texts += [w.text() for w in root.findChildren(QAbstractButton) if w.isVisibleTo(root)]
        texts += [w.title() for w in root.findChildren(QGroupBox) if w.isVisibleTo(root)]
        texts += [w.currentText() for w in root.findChildren(QComboBox) if w.isVisibleTo(root)]
        texts += [w.placeholderText() for w in root.findChildren(QLineEdit)]
        texts += [w.accessibleName() for w in root.findChildren(QLineEdit)]
        texts += [w.accessibleName() for w in root.findChildren(QComboBox)]
        return english & set(texts)

    app = QApplication.instance()
    empty = tmp_path / "new"
    window = MainWindow(empty)
    qtbot.addWidget(window)
    window.show()
    try:
        window.switch_language("fr")
        qtbot.waitUntil(lambda: window.first_run.windowTitle() == "Bienvenue dans FieldReport")
        wizard = window.first_run
        for _ in range(4):
            assert not leftovers(wizard.currentPage()), wizard.currentPage().title()
            wizard.next()
        window.close()
        data_dir = tmp_path / "store"
        _seed(data_dir)
        window = _unlocked(qtbot, data_dir)
        window.workspace.setCurrentWidget(window.reports)
        qtbot.waitUntil(lambda: window.reports.device_filter.count() == 2, timeout=10000)
        assert not leftovers(window.reports)
        window.workspace.setCurrentWidget(window.settings)
        assert not leftovers(window.settings)
        editor = window.open_editor(None)
        editor.add_actor({})
        assert not leftovers(editor)
        window.lock()
    finally:
        i18n.set_language(app, "en")
