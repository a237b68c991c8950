"""Outbox & sync: export with progress and cancel, import several with a summary."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from fieldreport.gui.outbox_view import OutboxView
from fieldreport.gui.workers import wait_for_all
from fieldreport.store.store import Store
from fieldreport.trust.install import trust_request
from tests.conftest import PASSPHRASE, minimal_report


@pytest.fixture
def stores(tmp_path: Path) -> Any:
    field = Store.init(tmp_path / "field", PASSPHRASE, key_type="x25519")
    coordinator = Store.init(tmp_path / "coord", PASSPHRASE, role="coordinator", key_type="x25519")
    trust_request(coordinator, field.enrolment_request())
    report_id = field.add_report(minimal_report()).report_id
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(os.urandom(8 * 1024 * 1024))
    field.attach(report_id, [photo])
    yield field, coordinator
    wait_for_all()
    field.close()
    coordinator.close()


def test_export_with_progress_then_import_with_summary(
    qtbot: Any, stores: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    field, coordinator = stores
    progress: list[tuple[int, int]] = []
    original = OutboxView._advance
    monkeypatch.setattr(
        OutboxView,
        "_advance",
        lambda self, d, done, total: (
            progress.append((done, total)),
            original(self, d, done, total),
        ),
    )
    view = OutboxView(field)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: "Waiting to be sent: 2" in view.summary.text(), timeout=10000)
    bundle = tmp_path / "usb" / "field.frb"
    bundle.parent.mkdir()
    view.export_to(bundle, [coordinator.device.identity.recipient()])
    qtbot.waitUntil(lambda: "Bundle written" in view.result.text(), timeout=30000)
    assert bundle.exists() and progress and progress[-1][0] == progress[-1][1]
    qtbot.waitUntil(lambda: "sent, awaiting receipt: 2" in view.summary.text(), timeout=10000)

    tampered = tmp_path / "usb" / "tampered.frb"
    data = bytearray(bundle.read_bytes())
    data[len(data) // 2] ^= 0x40
    tampered.write_bytes(bytes(data))
    other = OutboxView(coordinator)
    qtbot.addWidget(other)
    other.import_files([bundle, bundle, tampered])
    qtbot.waitUntil(lambda: "Imported" in other.result.text(), timeout=30000)
    text = other.result.text()
    assert "Imported: 1 · already here: 1 · refused: 1" in text
    assert "tampered.frb: the bundle is damaged or was altered" in text
    assert coordinator.count_reports() == 1
    assert (tmp_path / "usb" / "field.receipt.json").exists()

    field_view = OutboxView(field)
    qtbot.addWidget(field_view)
    field_view.apply_receipt_file(tmp_path / "usb" / "field.receipt.json")
    qtbot.waitUntil(lambda: "does not trust" in field_view.result.text(), timeout=10000)
    trust_request(field, coordinator.enrolment_request())
    field_view.apply_receipt_file(tmp_path / "usb" / "field.receipt.json")
    qtbot.waitUntil(lambda: "marked received" in field_view.result.text(), timeout=10000)
    assert {d["status"] for d in field.list_reports()} == {"received"}


def test_cancelled_export_leaves_no_file(qtbot: Any, stores: Any, tmp_path: Path) -> None:
    field, coordinator = stores
    view = OutboxView(field)
    qtbot.addWidget(view)
    out = tmp_path / "cancelled.frb"
    job = view.export_to(out, [coordinator.device.identity.recipient()])
    job.cancel()
    qtbot.waitUntil(
        lambda: "Cancelled" in view.result.text() or "Bundle written" in view.result.text(),
        timeout=30000,
    )
    if "Cancelled" in view.result.text():
        assert not out.exists()
        assert not list(tmp_path.glob(".cancelled.frb.*"))
        assert {d["status"] for d in field.list_reports()} == {"final"}
