"""The Outbox & sync tab: where every revision stands; bundles by USB stick, both ways.

Export and import run in workers with a progress dialog that can cancel; an interrupted
export leaves no file (the bundle is written atomically). Several bundles can be dropped on
the tab at once; the summary says what was imported, what was already there and what was
refused, with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.export_process import export_in_child
from fieldreport.bundle.importer import import_bundle
from fieldreport.bundle.layout import EXTENSION
from fieldreport.bundle.receipts import RECEIPT_SUFFIX, apply_receipt, receipt_name
from fieldreport.fsutil import atomic_write_bytes
from fieldreport.gui.outbox_items import OutboxItemsTable
from fieldreport.gui.workers import Job, no_full_gc, run_in_background
from fieldreport.store import outbox
from fieldreport.store.store import Store
from fieldreport.trust.documents import load_json_document


class OutboxView(QWidget):
    changed = Signal()  # reports' statuses may have changed

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setAcceptDrops(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # Each waiting revision with its state, attempts, last error and next attempt.
        self.table = OutboxItemsTable(store)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.choose_export)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.choose_import)
        self.receipt_button = QPushButton()
        self.receipt_button.clicked.connect(self.choose_receipt)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.export_button, self.import_button, self.receipt_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result)
        self.counts: dict[str, int] | None = None  # until the first load
        self.retranslate()
        self._load_counts()  # the table loaded its rows when it was made

    def retranslate(self) -> None:
        self.export_button.setText(self.tr("&Export bundle to USB…"))
        self.import_button.setText(self.tr("&Import bundles…"))
        self.receipt_button.setText(self.tr("Apply &receipt…"))
        self.table.setAccessibleName(self.tr("Outbox"))
        if self.counts is not None:
            self._show(self.counts)  # the same figures in the new language, no new query

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ----- listing ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self._load_counts()
        self.table.refresh()

    def _load_counts(self) -> None:
        store = self.store

        def work(job: Job) -> dict[str, int]:
            with store.read() as conn:
                return outbox.counts(conn)

        run_in_background(work, on_done=self._show, owner=self)

    def _show(self, counts: dict[str, int]) -> None:
        self.counts = counts
        waiting = counts.get("pending", 0)
        sent = counts.get("bundled", 0) + counts.get("sent", 0)
        received = counts.get("received", 0)
        self.summary.setText(
            self.tr("Waiting to be sent: %1 · sent, awaiting receipt: %2 · received: %3")
            .replace("%1", str(waiting))
            .replace("%2", str(sent))
            .replace("%3", str(received))
        )

    # ----- export ----------------------------------------------------------------------------
    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export bundle"), "fieldreport.frb", self.tr("Bundles (*.frb)")
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path, recipients: list[Any] | None = None) -> Job:
        store = self.store
        dialog = self._progress(self.tr("Exporting…"))

        def work(job: Job) -> Any:
            # In a child process: a 100k-report export in this one froze the window.
            return export_in_child(store, path, recipients, progress=job.report)

        def done(result: Any) -> None:
            dialog.close()
            if result.bundle_id is None:
                self.result.setText(self.tr("Nothing to export: every report was received."))
            else:
                self.result.setText(
                    self.tr("Bundle written to %1: %2 revision(s).")
                    .replace("%1", str(path))
                    .replace("%2", str(result.revisions))
                )
            self.refresh()
            self.changed.emit()

        return self._start_with_progress(dialog, work, done)

    # ----- import ----------------------------------------------------------------------------
    def choose_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Import bundles"), "", self.tr("Bundles (*.frb)")
        )
        if paths:
            self.import_files([Path(p) for p in paths])

    def import_files(self, paths: list[Path]) -> Job:
        store = self.store
        dialog = self._progress(self.tr("Importing…"))

        def work(job: Job) -> list[tuple[Path, str, str]]:
            outcomes = []
            for number, path in enumerate(paths, start=1):
                job.report(number - 1, len(paths))
                try:
                    with no_full_gc():
                        result = import_bundle(store, path)
                except BundleError as exc:
                    outcomes.append((path, "refused", str(exc)))
                    continue
                receipt = path.with_name(receipt_name(path))
                atomic_write_bytes(receipt, (json.dumps(result.receipt, indent=2) + "\n").encode())
                outcomes.append((path, result.status, str(result.new_revisions)))
            job.report(len(paths), len(paths))
            return outcomes

        def done(outcomes: list[tuple[Path, str, str]]) -> None:
            dialog.close()
            imported = sum(1 for _, status, _ in outcomes if status == "imported")
            duplicates = sum(1 for _, status, _ in outcomes if status == "duplicate")
            refused = [(p, why) for p, status, why in outcomes if status == "refused"]
            lines = [
                self.tr("Imported: %1 · already here: %2 · refused: %3")
                .replace("%1", str(imported))
                .replace("%2", str(duplicates))
                .replace("%3", str(len(refused)))
            ]
            lines += [f"{p.name}: {why}" for p, why in refused]
            self.result.setText("\n".join(lines))
            self.refresh()
            self.changed.emit()

        return self._start_with_progress(dialog, work, done)

    def choose_receipt(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Apply receipt"), "", self.tr("Receipts (*.json)")
        )
        if path:
            self.apply_receipt_file(Path(path))

    def apply_receipt_file(self, path: Path) -> Job:
        store = self.store

        def work(job: Job) -> int:
            return apply_receipt(store, load_json_document(path, "receipt")).marked

        def done(marked: int) -> None:
            self.result.setText(self.tr("%n revision(s) marked received.", "", marked))
            self.refresh()
            self.changed.emit()

        job = run_in_background(work, on_done=done, on_failed=self.result.setText, owner=self)
        return job

    # ----- drag and drop ---------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        bundles = [p for p in paths if p.suffix == EXTENSION]
        receipts = [p for p in paths if p.name.endswith(RECEIPT_SUFFIX)]
        if bundles:
            self.import_files(bundles)
        for receipt in receipts:
            self.apply_receipt_file(receipt)
        event.acceptProposedAction()

    def _start_with_progress(
        self, dialog: QProgressDialog, work: Callable[[Job], Any], done: Callable[[Any], None]
    ) -> Job:
        """Run `work` in the background, its progress in `dialog`, whose Cancel stops it."""
        job = run_in_background(
            work,
            on_done=done,
            on_failed=lambda m: self._failed(dialog, m),
            on_progress=lambda d, t: self._advance(dialog, d, t),
            owner=self,
        )
        dialog.canceled.connect(job.cancel)
        return job

    # ----- progress --------------------------------------------------------------------------
    def _progress(self, label: str) -> QProgressDialog:
        dialog = QProgressDialog(label, self.tr("Cancel"), 0, 100, self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # quick jobs finish before it shows
        dialog.setValue(0)
        return dialog

    def _advance(self, dialog: QProgressDialog, done: int, total: int) -> None:
        dialog.setValue(int(100 * done / total) if total else 100)

    def _failed(self, dialog: QProgressDialog, message: str) -> None:
        dialog.close()
        self.result.setText(message or self.tr("Cancelled: nothing was written."))
        if message:
            QMessageBox.warning(self, self.tr("FieldReport"), message)
