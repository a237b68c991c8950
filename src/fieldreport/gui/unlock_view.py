"""The unlock screen: the passphrase, with Argon2id run in a worker (the window stays live)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from fieldreport.gui.preload import preload
from fieldreport.gui.workers import Job, no_full_gc, run_in_background
from fieldreport.paths import StoreLayout
from fieldreport.store.lockout import LockoutState

if TYPE_CHECKING:
    from fieldreport.store.store import Store


class UnlockView(QWidget):
    unlocked = Signal(object)  # the open Store

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.title = QLabel()
        self.title.setObjectName("unlockTitle")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.submit)
        self.button = QPushButton()
        self.button.clicked.connect(self.submit)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.countdown = QLabel("")
        self.countdown.setWordWrap(True)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._show_wait)
        self.retranslate()
        form = QWidget()
        form.setMaximumWidth(440)  # a short field reads as "type a passphrase", not a document
        column = QVBoxLayout(form)
        for widget in (self.title, self.passphrase, self.button, self.message, self.countdown):
            column.addWidget(widget)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(form, 2)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def retranslate(self) -> None:
        self.title.setText(self.tr("FieldReport is locked"))
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.button.setText(self.tr("&Unlock"))
        self.message.setAccessibleName(self.tr("Unlock status"))
        self.countdown.setAccessibleName(self.tr("Waiting time"))
        self._show_wait()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def reset(self) -> None:
        self.passphrase.clear()
        self.message.clear()
        self.setEnabled(True)
        self.passphrase.setFocus()
        self._show_wait()

    def remaining_wait(self) -> float:
        """Seconds before the next attempt is allowed (a delay grows after failures)."""
        return LockoutState.load(StoreLayout(self.data_dir).lockout_file).remaining_wait()

    def _show_wait(self) -> None:
        """After failures the store makes the next attempt wait: show how long, live."""
        wait = math.ceil(self.remaining_wait())
        if wait > 0:
            self.countdown.setText(
                self.tr("Too many wrong passphrases. Next try in %n second(s).", "", wait)
            )
            self.button.setEnabled(False)
            if not self._tick.isActive():
                self._tick.start()
        else:
            self.countdown.clear()
            self.button.setEnabled(True)
            self._tick.stop()

    def submit(self) -> None:
        secret = self.passphrase.text()
        if not secret:
            self.message.setText(self.tr("Type your passphrase."))
            return
        if self.remaining_wait() > 0:
            self._show_wait()  # the passphrase stays typed; try when the countdown ends
            return
        self.passphrase.clear()  # do not keep the passphrase in the widget
        self.setEnabled(False)
        self.message.setText(self.tr("Unlocking…"))
        folder = self.data_dir

        def work(job: Job) -> Store:
            # A full collection during unlock would hold the GIL while the window repaints.
            with no_full_gc():
                preload()  # the workspace's modules, here rather than on the GUI thread
                from fieldreport.store.store import Store

                return Store.open(folder, secret)

        run_in_background(work, on_done=self._opened, on_failed=self._refused, owner=self)

    def _opened(self, store: Store) -> None:
        self.setEnabled(True)
        self.message.clear()
        self.unlocked.emit(store)

    def _refused(self, message: str) -> None:
        self.setEnabled(True)
        self.message.setText(message or self.tr("Cancelled."))
        self.passphrase.setFocus()
        self._show_wait()
