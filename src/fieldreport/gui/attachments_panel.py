"""The editor's attachments: add by dialog or drag and drop, thumbnails, metadata stripping,
and viewing decrypted in memory only (nothing decrypted is ever written to disk).

Files added to a report not saved yet wait in memory (stripped photos) or as paths (large
files) and are encrypted into the store in the same worker job that saves the report.
"""

from __future__ import annotations

import io
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldreport.errors import UsageError
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.store import scrub
from fieldreport.store.store import Store

THUMBNAIL = 96
MAX_IN_MEMORY = 64 * 1024 * 1024  # larger files wait as paths and are never stripped
MAX_VIEW = 128 * 1024 * 1024


@dataclass
class Pending:
    name: str
    data: bytes | None  # in memory (possibly stripped)
    path: Path | None  # or read at save time

    def open(self) -> BinaryIO:
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return self.path.open("rb")


@dataclass
class PendingFiles:
    files: list[Pending]

    def open_all(self) -> list[tuple[str, BinaryIO]]:
        return [(f.name, f.open()) for f in self.files]

    def __bool__(self) -> bool:
        return bool(self.files)


def _is_image(name: str) -> bool:
    kind, _ = mimetypes.guess_type(name)
    return bool(kind and kind.startswith("image/"))


def thumbnail(data: bytes) -> QImage | None:
    """A small image for the list (made in the worker: QImage is safe off the GUI thread)."""
    image = QImage.fromData(data)
    if image.isNull():
        return None
    return image.scaled(
        THUMBNAIL,
        THUMBNAIL,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def read_for_attach(path: Path, strip: bool) -> tuple[Pending, QImage | None, bool]:
    """(the pending file, its thumbnail, whether metadata was removed). Runs in a worker."""
    size = path.stat().st_size
    if size > MAX_IN_MEMORY:
        return Pending(path.name, None, path), None, False
    data = path.read_bytes()
    stripped = False
    if strip and scrub.is_scrubbable(data):
        data = scrub.scrub(data)
        stripped = True
    image = thumbnail(data) if _is_image(path.name) else None
    return Pending(path.name, data, None), image, stripped


class AttachmentsPanel(QObject):
    changed = Signal()

    def __init__(self, store: Store, ui: Any, editor: QWidget) -> None:
        super().__init__(editor)
        self.store = store
        self.ui = ui
        self.editor = editor
        self.pending: list[Pending] = []
        self.list: QListWidget = ui.attachmentsList
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(THUMBNAIL + 48)
        ui.addAttachmentButton.clicked.connect(self.choose)
        ui.viewAttachmentButton.clicked.connect(self.view_selected)
        self.list.itemActivated.connect(lambda _item: self.view_selected())

    # ----- adding ------------------------------------------------------------------------------
    def choose(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.editor, self.tr("Attach files"))
        self.add_paths([Path(n) for n in names])

    def add_paths(self, paths: list[Path]) -> None:
        strip = self.ui.stripMetadataCheck.isChecked()
        for path in paths:
            run_in_background(
                lambda job, path=path: read_for_attach(path, strip),
                on_done=self._added,
                on_failed=lambda message: self.ui.validationLabel.setText(message),
                owner=self,
            )

    def _added(self, result: tuple[Pending, QImage | None, bool]) -> None:
        pending, image, stripped = result
        self.pending.append(pending)
        item = QListWidgetItem(self._icon(image), pending.name)
        note = self.tr("Not saved yet") + (" — " + self.tr("metadata removed") if stripped else "")
        item.setToolTip(f"{pending.name}\n{note}")
        item.setData(Qt.ItemDataRole.UserRole, ("pending", len(self.pending) - 1))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{pending.name}, {note}")
        self.list.addItem(item)
        self.changed.emit()

    def pending_files(self) -> PendingFiles:
        return PendingFiles(list(self.pending))

    def _icon(self, image: QImage | None) -> QIcon:
        if image is None:
            return self.editor.style().standardIcon(self.editor.style().StandardPixmap.SP_FileIcon)
        return QIcon(QPixmap.fromImage(image))

    # ----- saved attachments -------------------------------------------------------------------
    def show_saved(self, report_id: str) -> None:
        store = self.store

        def work(job: Job) -> list[tuple[dict[str, Any], QImage | None]]:
            out = []
            for info in store.get_report(report_id).get("attachments") or []:
                image = None
                if _is_image(info["name"]) and info["size"] <= MAX_IN_MEMORY:
                    image = thumbnail(_decrypt(store, info["id"]))
                out.append((info, image))
            return out

        run_in_background(work, on_done=self._show_saved, owner=self)

    def _show_saved(self, entries: list[tuple[dict[str, Any], QImage | None]]) -> None:
        for info, image in entries:
            item = QListWidgetItem(self._icon(image), info["name"])
            item.setData(Qt.ItemDataRole.UserRole, ("saved", info["id"]))
            item.setToolTip(info["name"])
            self.list.insertItem(0, item)

    # ----- viewing, decrypted in memory only ---------------------------------------------------
    def view_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        kind, key = item.data(Qt.ItemDataRole.UserRole)
        name = item.text()
        if kind == "pending":
            pending = self.pending[key]
            if pending.data is None:
                self._cannot_show(name)
            else:
                self._show(name, pending.data)
            return
        store = self.store
        run_in_background(
            lambda job: _decrypt(store, key),
            on_done=lambda data: self._show(name, data),
            on_failed=lambda message: self.ui.validationLabel.setText(message),
            owner=self,
        )

    def _show(self, name: str, data: bytes) -> None:
        dialog = AttachmentViewer(name, data, self.editor)
        # Deleted when closed: the decrypted bytes must not outlive the viewing.
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if not dialog.shows_something:
            dialog.close()
            self._cannot_show(name)
            return
        dialog.open()

    def _cannot_show(self, name: str) -> None:
        QMessageBox.information(
            self.editor,
            name,
            self.tr("FieldReport shows pictures and text only; this file stays encrypted."),
        )


def _decrypt(store: Store, attachment_id: str) -> bytes:
    info, chunks = store.open_attachment(attachment_id)
    if info["size"] > MAX_VIEW:
        raise UsageError("this file is too large to show here; extract it to view it")
    return b"".join(chunks)


class AttachmentViewer(QDialog):
    """A picture or a text shown from memory; closing it drops the bytes."""

    def __init__(self, name: str, data: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(name)
        self.shows_something = True
        layout = QVBoxLayout(self)
        image = QImage.fromData(data)
        kind, _ = mimetypes.guess_type(name)
        if not image.isNull():
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(name)
            scroll = QScrollArea()
            scroll.setWidget(label)
            layout.addWidget(scroll)
            self.resize(min(image.width() + 40, 1000), min(image.height() + 80, 700))
        elif kind and kind.startswith("text/"):
            text = QPlainTextEdit(data.decode("utf-8", errors="replace"))
            text.setReadOnly(True)
            text.setAccessibleName(name)
            layout.addWidget(text)
            self.resize(700, 500)
        else:
            self.shows_something = False
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
