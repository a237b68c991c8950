"""The application window: the unlock screen, then the workspace; lock, quick exit, panic.

Locking closes the store (dropping the data key) and destroys the workspace widgets with
every row they held: a locked window shows nothing of the data.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QTabWidget,
    QWidget,
)

from fieldreport.gui import i18n
from fieldreport.gui.autolock import IdleLock
from fieldreport.gui.preload import preload
from fieldreport.gui.unlock_view import UnlockView
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.paths import StoreLayout

if TYPE_CHECKING:  # the workspace is imported off the GUI thread (preload.py)
    from fieldreport.gui.advisories_view import AdvisoriesView, AdvisoryBanner
    from fieldreport.gui.charts_view import ChartsView
    from fieldreport.gui.first_run import FirstRunWizard
    from fieldreport.gui.map_view import MapView
    from fieldreport.gui.outbox_view import OutboxView
    from fieldreport.gui.report_editor import ReportEditor
    from fieldreport.gui.report_filter import ReportFilter
    from fieldreport.gui.reports_view import ReportsView
    from fieldreport.gui.settings_view import SettingsView
    from fieldreport.gui.sync_status import SyncController, SyncStatus
    from fieldreport.store.drafts import Draft
    from fieldreport.store.store import Store

DEFAULT_AUTO_LOCK_MINUTES = 5.0
# The workspace's tabs, in order; all but Reports are built after its first page is shown.
TAB_REPORTS, TAB_MAP, TAB_CHARTS, TAB_OUTBOX, TAB_ADVISORIES, TAB_SETTINGS = range(6)


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.store: Store | None = None
        self.language = "en"
        self.editors: list[ReportEditor] = []
        self.outbox: OutboxView | None = None
        self.workspace: QTabWidget | None = None
        self.reports: ReportsView | None = None
        self.settings: SettingsView | None = None
        self.map_view: MapView | None = None
        self.charts: ChartsView | None = None
        self.report_filter: ReportFilter | None = None
        self.sync: SyncController | None = None
        self.sync_status: SyncStatus | None = None
        self.advisories: AdvisoriesView | None = None
        self.banner: AdvisoryBanner | None = None
        self.first_run: FirstRunWizard | None = None
        self.setWindowTitle("FieldReport")
        self.resize(1150, 700)
        self.pages = QStackedWidget()
        self.unlock_view = UnlockView(data_dir)
        self.unlock_view.unlocked.connect(self.open_workspace)
        self.pages.addWidget(self.unlock_view)
        self.setCentralWidget(self.pages)
        self.idle = IdleLock(DEFAULT_AUTO_LOCK_MINUTES, self.lock, self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self._actions()
        self.show_start_page()
        _warm_up_widget_classes()
        # Once the window is painted, import the workspace in a worker.
        QTimer.singleShot(0, lambda: run_in_background(lambda job: preload()))

    def _actions(self) -> None:
        self.app_menu = self.menuBar().addMenu("")
        self.lock_action = QAction(self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock)
        self.quick_exit_action = QAction(self)
        self.quick_exit_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.quick_exit_action.triggered.connect(self.quick_exit)
        self.panic_action = QAction(self)
        self.panic_action.setShortcut(QKeySequence("Ctrl+Shift+Delete"))
        self.panic_action.triggered.connect(self.panic)
        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_action.triggered.connect(lambda: self.open_editor(None))
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self.focus_search)
        self.export_action = QAction(self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.open_export)
        for action in (
            self.new_action,
            self.find_action,
            self.export_action,
            self.lock_action,
            self.quick_exit_action,
            self.panic_action,
        ):
            self.app_menu.addAction(action)
            self.addAction(action)  # shortcuts work whichever widget has focus
        self.language_menu = self.menuBar().addMenu("")
        for code, name in i18n.LANGUAGES.items():
            action = QAction(name, self)  # each language named in itself, never translated
            action.triggered.connect(lambda _checked=False, code=code: self.switch_language(code))
            self.language_menu.addAction(action)
        self.retranslate()

    def retranslate(self) -> None:
        self.app_menu.setTitle(self.tr("&FieldReport"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.lock_action.setText(self.tr("&Lock"))
        self.quick_exit_action.setText(self.tr("&Quick exit (lock and hide)"))
        self.panic_action.setText(self.tr("&Panic: erase everything…"))
        self.find_action.setText(self.tr("&Find"))
        self.new_action.setText(self.tr("&New report"))
        self.export_action.setText(self.tr("&Export…"))
        if self.workspace is not None:
            for index, text in enumerate(self._tab_titles()):
                self.workspace.setTabText(index, text)
            for index in range(1, self.workspace.count()):
                page = self.workspace.widget(index)
                if isinstance(page, QLabel):
                    page.setText(self.tr("Coming in a later version."))
                elif page in self.editors:
                    self.workspace.setTabText(index, self._editor_title(page))

    def _tab_titles(self) -> list[str]:
        return [
            self.tr("Reports"),
            self.tr("Map"),
            self.tr("Charts"),
            self.tr("Outbox && sync"),
            self.tr("Advisories"),
            self.tr("Settings"),
        ]

    def switch_language(self, language: str) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            i18n.set_language(app, language)
            i18n.save_language(self.data_dir, language)
            self.language = language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ----- pages -----------------------------------------------------------------------------
    @property
    def no_store(self) -> FirstRunWizard | None:
        """The page shown when the folder holds no store: the first-run wizard."""
        return self.first_run

    def show_start_page(self) -> None:
        if self.first_run is not None:
            self.pages.removeWidget(self.first_run)
            self.first_run.deleteLater()
            self.first_run = None
        if StoreLayout(self.data_dir).exists():
            self.unlock_view.data_dir = self.data_dir
            self.unlock_view.reset()
            self.pages.setCurrentWidget(self.unlock_view)
        else:
            from fieldreport.gui.first_run import FirstRunWizard

            self.first_run = FirstRunWizard(self.data_dir)
            self.first_run.language_chosen.connect(self.switch_language)
            self.first_run.created.connect(self._first_store)
            self.pages.addWidget(self.first_run)
            self.pages.setCurrentWidget(self.first_run)

    def _first_store(self, store: Store) -> None:
        i18n.save_language(self.data_dir, self.language)  # the folder exists now
        self.open_workspace(store)
        if self.first_run is not None:
            self.pages.removeWidget(self.first_run)
            self.first_run.deleteLater()
            self.first_run = None

    def use_data_dir(self, folder: Path) -> None:
        """Settings: lock this store and open (or create) the one in another folder."""
        self.lock()
        self.data_dir = folder
        self.show_start_page()

    def open_workspace(self, store: Store) -> None:
        """Show the Reports tab at once; build the other tabs in the next turns of the event
        loop, so that no single step keeps the GUI thread busy for long (P9, < 50 ms)."""
        from fieldreport.gui.reports_view import ReportsView

        self.store = store
        self.reports = ReportsView(store)
        self.reports.open_report.connect(self.edit_report)
        self.reports.new_update.connect(self.write_update)
        self.reports.message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        tabs = QTabWidget()
        titles = self._tab_titles()
        tabs.addTab(self.reports, titles[0])
        for title in titles[1:]:
            tabs.addTab(QLabel(self.tr("Coming in a later version.")), title)
        self.workspace = tabs
        self.pages.addWidget(tabs)
        self.pages.setCurrentWidget(tabs)
        self.editors: list[ReportEditor] = []
        self.session_ready = False
        self.idle.start()
        self.setWindowTitle(f"FieldReport — {store.device.name}")
        # The other tabs (and their queries) wait until the first page is on screen: on a
        # two-core laptop they would otherwise compete with it for the CPU.
        self._first_page_pending = True
        self.reports.model.loading_changed.connect(
            lambda busy: None if busy else self._after_first_page(store)
        )

    def _after_first_page(self, store: Store) -> None:
        if not self._first_page_pending:
            return
        self._first_page_pending = False
        QTimer.singleShot(0, lambda: self._build_outbox(store))

    def _build_outbox(self, store: Store) -> None:
        from fieldreport.gui.outbox_view import OutboxView

        if store is not self.store or self.workspace is None or self.reports is None:
            return  # locked meanwhile
        self.outbox = OutboxView(store)
        self.outbox.changed.connect(self.reports.run_query)
        self._replace_tab(TAB_OUTBOX, self.outbox)
        QTimer.singleShot(0, lambda: self._build_settings(store))
        QTimer.singleShot(0, lambda: self._build_map(store))
        QTimer.singleShot(0, lambda: self._build_sync(store))

    def _build_settings(self, store: Store) -> None:
        from fieldreport.gui.settings_view import SettingsView, auto_lock_state

        if store is not self.store or self.workspace is None:
            return
        self.settings = SettingsView(store, self.data_dir)
        self.settings.language_changed.connect(self.switch_language)
        self.settings.auto_lock_changed.connect(self._set_auto_lock)
        self.settings.data_dir_chosen.connect(self.use_data_dir)
        self._replace_tab(TAB_SETTINGS, self.settings)

        def read_session_state(job: Job) -> tuple[list[Draft], float]:
            return store.list_drafts(), float(auto_lock_state(store)[0])

        run_in_background(
            read_session_state, on_done=lambda state: self._restore(store, *state), owner=self
        )

    def _build_map(self, store: Store) -> None:
        """Map and charts share one filter; both reload after a save or an import."""
        from fieldreport.gui.charts_view import ChartsView
        from fieldreport.gui.map_view import MapView
        from fieldreport.gui.report_filter import ReportFilter

        if store is not self.store or self.workspace is None or self.reports is None:
            return
        self.report_filter = ReportFilter(parent=self.workspace)
        self.map_view = MapView(store, self.report_filter)
        self.map_view.report_activated.connect(self.edit_report)
        self._replace_tab(TAB_MAP, self.map_view)
        self.charts = ChartsView(store, self.report_filter)
        self._replace_tab(TAB_CHARTS, self.charts)
        if self.outbox is not None:
            self.outbox.changed.connect(self.reload_views)

    def _build_sync(self, store: Store) -> None:
        """Background sync with the relay (when the profile names one), its status in the
        status bar, advisories in their tab and a banner above the tabs."""
        from fieldreport.gui.advisories_view import AdvisoriesView, AdvisoryBanner
        from fieldreport.gui.sync_status import SyncController, SyncStatus

        if store is not self.store or self.workspace is None:
            return
        self.sync = SyncController(store, self.workspace)  # goes with the session
        self.sync_status = SyncStatus(store, self.sync)
        self.statusBar().addPermanentWidget(self.sync_status)
        self.advisories = AdvisoriesView(store)
        self._replace_tab(TAB_ADVISORIES, self.advisories)
        self.banner = AdvisoryBanner(store)
        self.workspace.setCornerWidget(self.banner, Qt.Corner.TopRightCorner)
        self.sync.finished.connect(self._after_sync)
        self.advisories.changed.connect(self.banner.refresh)
        self.banner.changed.connect(self.advisories.refresh)
        self.banner.open_requested.connect(self._show_advisory)

    def _after_sync(self, summary: dict[str, Any]) -> None:
        """Reload only what the pass changed: an automatic pass every few minutes must not
        re-query 100k reports for nothing."""
        if self.outbox is not None:
            self.outbox.refresh()  # attempts, errors and states change on every pass
        if summary.get("advisories"):
            for view in (self.advisories, self.banner):
                if view is not None:
                    view.refresh()
        if any(summary.get(k) for k in ("imported", "receipts_applied", "exported_revisions")):
            if self.reports is not None:
                self.reports.run_query()
            self.reload_views()

    def _show_advisory(self, advisory_id: str) -> None:
        if self.workspace is not None and self.advisories is not None:
            self.workspace.setCurrentWidget(self.advisories)
            self.advisories.select(advisory_id)

    def reload_views(self) -> None:
        if self.map_view is not None:
            self.map_view.reload()
        if self.charts is not None:
            self.charts.reload()

    def open_export(self) -> None:
        from fieldreport.gui.export_dialog import ExportDialog

        if self.store is None:
            return
        dialog = ExportDialog(self.store, self.report_filter, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _replace_tab(self, index: int, page: QWidget) -> None:
        assert self.workspace is not None
        current = self.workspace.currentIndex()
        old = self.workspace.widget(index)
        title = self.workspace.tabText(index)
        self.workspace.removeTab(index)
        self.workspace.insertTab(index, page, title)
        self.workspace.setCurrentIndex(current)
        old.deleteLater()

    def _restore(self, store: Store, recovered: list[Draft], minutes: float) -> None:
        """Drafts left by a crash come back; the organisation's auto-lock applies."""
        if store is not self.store:
            return  # locked meanwhile
        self.session_ready = True
        self.idle.set_minutes(minutes)
        self.idle.start()
        for draft in recovered:
            self.open_editor(draft)
        if recovered:
            self.workspace.setCurrentIndex(self.workspace.count() - 1)
            self.statusBar().showMessage(
                self.tr("Recovered %n unsaved draft(s).", "", len(recovered)), 10000
            )

    def open_editor(self, draft: Draft | None, title: str | None = None) -> ReportEditor | None:
        if self.store is None or self.workspace is None:
            return None
        from fieldreport.gui.report_editor import ReportEditor

        editor = ReportEditor(self.store, draft)
        self.editors.append(editor)
        editor.tab_title = title if title is None or len(title) <= 30 else title[:29] + "…"
        editor.is_draft = draft is not None
        title = self._editor_title(editor)
        index = self.workspace.addTab(editor, title)
        self.workspace.setCurrentIndex(index)
        editor.saved.connect(lambda report_id, editor=editor: self._editor_saved(editor))
        editor.ui.titleEdit.setFocus()
        return editor

    def _editor_title(self, editor: ReportEditor) -> str:
        """A report's own title, else "Draft" or "New report" in the current language."""
        if getattr(editor, "tab_title", None):
            return str(editor.tab_title)
        return self.tr("Draft") if getattr(editor, "is_draft", False) else self.tr("New report")

    def _editor_saved(self, editor: ReportEditor) -> None:
        if self.workspace is not None:
            self.workspace.removeTab(self.workspace.indexOf(editor))
            self.workspace.setCurrentIndex(0)
        self.editors.remove(editor)
        editor.deleteLater()
        if self.reports is not None:
            self.reports.run_query()
        self.reload_views()
        if self.sync is not None:
            self.sync.refresh()  # one more waiting: the status bar's count
        self.statusBar().showMessage(self.tr("Report saved."), 5000)

    def _set_auto_lock(self, minutes: int) -> None:
        self.idle.set_minutes(minutes)
        if self.store is not None:
            self.idle.start()
        self.statusBar().showMessage(
            self.tr("FieldReport locks after %n minute(s) without use.", "", minutes), 5000
        )

    def edit_report(self, report_id: str) -> None:
        """A saved report opens in the editor; finalising it writes a new revision."""
        from fieldreport.gui.report_editor import editable_fields
        from fieldreport.ids import uuid7
        from fieldreport.store.drafts import Draft

        store = self.store
        if store is None:
            return
        run_in_background(
            lambda job: store.get_report(report_id),
            on_done=lambda doc: self.open_editor(
                Draft(uuid7(), doc["id"], editable_fields(doc), ""), title=doc["title"]
            ),
            on_failed=lambda message: self.statusBar().showMessage(message, 8000),
            owner=self,
        )

    def write_update(self, report_id: str) -> None:
        """A new report of type "update" whose parent is the selected incident."""
        from fieldreport.gui.report_editor import update_fields
        from fieldreport.ids import uuid7
        from fieldreport.store.drafts import Draft

        store = self.store
        if store is None:
            return
        run_in_background(
            lambda job: store.get_report(report_id),
            on_done=lambda doc: self.open_editor(
                Draft(uuid7(), None, update_fields(doc), ""), title=self.tr("Update")
            ),
            on_failed=lambda message: self.statusBar().showMessage(message, 8000),
            owner=self,
        )

    # ----- lock, quick exit, panic -----------------------------------------------------------
    def lock(self) -> None:
        self.idle.stop()
        if self.sync is not None:
            self.sync.cancel()  # a pass under way stops at its next chunk
            self.sync.deleteLater()  # a cancelled pass reports to nobody
        if self.banner is not None:
            self.banner.close_popups()  # no advisory text over the lock screen
        if self.sync_status is not None:
            self.statusBar().removeWidget(self.sync_status)
            self.sync_status.deleteLater()
        for editor in getattr(self, "editors", []):
            editor.stop()
        self.editors = []
        if self.reports is not None:
            self.reports.forget()
        for view in (self.map_view, self.charts):
            if view is not None:
                view.forget()
        for dialog in self.findChildren(QDialog):
            dialog.close()  # an export dialog must not outlive the session
        if self.workspace is not None:
            self.pages.removeWidget(self.workspace)
            self.workspace.deleteLater()
        self.workspace = None
        self.reports = None
        self.outbox = None
        self.settings = None
        self.map_view = None
        self.charts = None
        self.report_filter = None
        self.sync = None
        self.sync_status = None
        self.advisories = None
        self.banner = None
        if self.store is not None:
            self.store.close()
            self.store = None
        self.setWindowTitle("FieldReport")
        self.show_start_page()

    def quick_exit(self) -> None:
        self.lock()
        self.showMinimized()
        self.hide()

    def panic(self) -> None:
        answer = QMessageBox.warning(
            self,
            self.tr("Erase everything?"),
            self.tr(
                "This destroys the keys at once: every report on this computer becomes "
                "unreadable for ever. Reports already received by headquarters are safe."
            ),
            QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Discard,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self.erase_now()

    def erase_now(self) -> None:
        from fieldreport.store import vault

        self.lock()
        vault.crypto_erase(StoreLayout(self.data_dir))
        self.show_start_page()

    def focus_search(self) -> None:
        if self.reports is not None:
            self.reports.search.setFocus()
            self.reports.search.selectAll()

    def closeEvent(self, event: object) -> None:
        self.lock()
        super().closeEvent(event)  # type: ignore[arg-type]


def _warm_up_widget_classes() -> None:
    """Pay Qt's and PySide's first-use costs of the heavy widgets (tens of ms) at start-up,
    not at the moment of unlock, when the window must stay responsive."""
    from PySide6.QtWidgets import (
        QCheckBox,
        QComboBox,
        QDateEdit,
        QDateTimeEdit,
        QGroupBox,
        QListWidget,
        QPlainTextEdit,
        QProgressDialog,
        QSpinBox,
        QTableView,
        QTableWidget,
    )

    for cls in (
        QTableView,
        QTableWidget,
        QDateEdit,
        QSpinBox,
        QCheckBox,
        QGroupBox,
        QListWidget,
        QTabWidget,
        QPlainTextEdit,
        QDateTimeEdit,
        QComboBox,
        QProgressDialog,
    ):
        cls().deleteLater()
