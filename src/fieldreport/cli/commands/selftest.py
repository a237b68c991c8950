"""`fieldreport self-test`: prove on this machine that the pieces work together.

In a temporary folder (removed afterwards): two stores, a report with an attachment, a bundle
exported and imported, its receipt applied, and the main window opened offscreen. For IT
after installing, and for the packaging smoke test. Nothing touches the user's data.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from fieldreport.cli import output
from fieldreport.errors import FieldReportError
from fieldreport.version import version_line

PASSPHRASE = "self-test only, thrown away"  # noqa: S105  (a throwaway store)


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("self-test", parents=[common], help="check this installation works")
    p.add_argument("--no-gui", action="store_true", help="skip opening the window")
    p.set_defaults(handler=run)


def _check(name: str, steps: list[str]) -> None:
    steps.append(name)
    output.note(f"  ok  {name}")


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("FIELDREPORT_KDF_NO_CALIBRATION", "1")  # a throwaway store
    start = time.perf_counter()
    steps: list[str] = []
    output.note(f"{version_line()} self-test")
    with tempfile.TemporaryDirectory(prefix="fieldreport-selftest-") as tmp:
        _core(Path(tmp), steps)
        if not args.no_gui:
            _gui(Path(tmp) / "coordinator", steps)
    output.say(f"self-test passed: {len(steps)} checks in {time.perf_counter() - start:.1f} s")
    return 0


def _core(tmp: Path, steps: list[str]) -> None:
    from fieldreport.bundle.export import export_bundle
    from fieldreport.bundle.importer import import_bundle
    from fieldreport.bundle.receipts import apply_receipt
    from fieldreport.store import doctor
    from fieldreport.store.store import Store
    from fieldreport.trust.install import trust_request

    report = {
        "title": "Self-test report",
        "occurred_at": "2026-11-20T14:30:00+00:00",
        "event_type": "Strategic developments",
        "sub_event_type": "Other",
        "location": {"name": "Tonka", "lat": 16.131, "lon": -3.749, "adm1_pcode": "ML06"},
        "severity": 1,
    }
    with (
        Store.init(tmp / "field", PASSPHRASE) as field,
        Store.init(tmp / "coordinator", PASSPHRASE, role="coordinator") as coordinator,
    ):
        _check("encrypted stores created (SQLCipher, Argon2id, post-quantum keys)", steps)
        report_id = field.add_report(report).report_id
        photo = tmp / "photo.bin"
        photo.write_bytes(os.urandom(150_000))
        field.attach(report_id, [photo])
        _check("report saved and attachment encrypted", steps)
        trust_request(coordinator, field.enrolment_request())
        trust_request(field, coordinator.enrolment_request())
        bundle = tmp / "selftest.frb"
        export_bundle(field, bundle, [coordinator.device.identity.recipient()])
        result = import_bundle(coordinator, bundle)
        if result.new_revisions != 2 or coordinator.count_reports() != 1:
            raise FieldReportError("self-test: the bundle did not import completely")
        _check("bundle exported, verified and imported", steps)
        if apply_receipt(field, result.receipt).marked != 2:
            raise FieldReportError("self-test: the receipt did not apply")
        _check("receipt applied", steps)
        for store in (field, coordinator):
            check = doctor.run(store)
            if not check.ok:
                raise FieldReportError(f"self-test: doctor found {check.problems[0]}")
        _check("integrity checks pass", steps)


def _gui(data_dir: Path, steps: list[str]) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    def quiet(kind: QtMsgType, context: object, message: str) -> None:
        # The offscreen platform complains about window hints it cannot honour: not news.
        if "propagateSizeHints" not in message:
            output.note(message)

    qInstallMessageHandler(quiet)

    from fieldreport.gui.main_window import MainWindow
    from fieldreport.gui.workers import wait_for_all

    app = QApplication.instance() or QApplication([])
    window = MainWindow(data_dir)
    window.show()
    window.unlock_view.passphrase.setText(PASSPHRASE)
    window.unlock_view.submit()
    deadline = time.monotonic() + 30
    while (
        window.reports is None or window.reports.model.total != 1
    ) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if window.reports is None or window.reports.model.total != 1:
        raise FieldReportError("self-test: the main window did not show the report")
    window.lock()
    wait_for_all(5000)
    window.close()
    _check("main window opened, unlocked and listed the report", steps)
