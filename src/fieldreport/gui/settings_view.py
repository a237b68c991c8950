"""The Settings tab (ui/settings.ui): language (switched live), auto-lock minutes, data folder.

The auto-lock choice is kept in the encrypted store; the organisation's policy, when its
profile sets `auto_lock_minutes`, is the longest a person may choose.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from fieldreport.gui import i18n
from fieldreport.gui.forms import form_class
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.store import settings
from fieldreport.store.store import Store
from fieldreport.trust.install import current_profile

AUTO_LOCK_KEY = "gui.auto_lock_minutes"
DEFAULT_AUTO_LOCK_MINUTES = 5


def auto_lock_state(store: Store) -> tuple[int, int | None]:
    """(the minutes in force, the policy's maximum or None). Runs in a worker."""
    profile = current_profile(store)
    limit = profile.policy.get("auto_lock_minutes") if profile else None
    policy = int(limit) if isinstance(limit, int | float) and limit > 0 else None
    with store.read() as conn:
        raw = settings.get(conn, AUTO_LOCK_KEY)
    chosen = int(raw) if raw and raw.isdigit() and int(raw) > 0 else None
    minutes = chosen or policy or DEFAULT_AUTO_LOCK_MINUTES
    if policy is not None:
        minutes = min(minutes, policy)
    return minutes, policy


class SettingsView(QWidget):
    language_changed = Signal(str)
    auto_lock_changed = Signal(int)
    data_dir_chosen = Signal(object)  # Path

    def __init__(self, store: Store, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ui = form_class("settings")()
        self.ui.setupUi(self)
        for code, name in i18n.LANGUAGES.items():
            self.ui.languageCombo.addItem(name, code)  # each language named in itself
        self.ui.languageCombo.setCurrentIndex(
            max(0, self.ui.languageCombo.findData(i18n.current_language()))
        )
        self.ui.dataDirEdit.setText(str(data_dir))
        self.ui.languageCombo.currentIndexChanged.connect(self._language)
        self.ui.autoLockSpin.setEnabled(False)  # until the stored value is read
        self.ui.autoLockSpin.editingFinished.connect(self._save_auto_lock)
        self.ui.dataDirButton.clicked.connect(self._choose_folder)
        self.policy: int | None = None
        run_in_background(lambda job: auto_lock_state(store), on_done=self._loaded, owner=self)

    def _loaded(self, state: tuple[int, int | None]) -> None:
        minutes, self.policy = state
        if self.policy is not None:
            self.ui.autoLockSpin.setMaximum(self.policy)
        self.ui.autoLockSpin.setValue(minutes)
        self.ui.autoLockSpin.setEnabled(True)
        self._show_policy()

    def _show_policy(self) -> None:
        if self.policy is None:
            self.ui.policyLabel.clear()
        else:
            self.ui.policyLabel.setText(
                self.tr("Your organisation allows at most %n minute(s).", "", self.policy)
            )

    def _language(self, _index: int) -> None:
        code = self.ui.languageCombo.currentData()
        if code and code != i18n.current_language():
            self.language_changed.emit(code)

    def _save_auto_lock(self) -> None:
        minutes = self.ui.autoLockSpin.value()
        store = self.store

        def work(job: Job) -> int:
            with store.write() as conn:
                settings.put(conn, AUTO_LOCK_KEY, str(minutes))
            return minutes

        run_in_background(work, on_done=self.auto_lock_changed.emit, owner=self)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Data folder"), self.ui.dataDirEdit.text()
        )
        if folder:
            self.data_dir_chosen.emit(Path(folder))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._show_policy()
            self.ui.languageCombo.blockSignals(True)
            self.ui.languageCombo.setCurrentIndex(
                max(0, self.ui.languageCombo.findData(i18n.current_language()))
            )
            self.ui.languageCombo.blockSignals(False)
        super().changeEvent(event)
