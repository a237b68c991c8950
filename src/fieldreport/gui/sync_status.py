"""Sync with the relay from the GUI: a controller that runs the engine off the GUI thread
(Sync now, F5; automatically when a link appears), and the status-bar widget that shows
online/offline, how many items wait, and when the last pass reached the relay.

Automatic sync: QNetworkInformation, where a backend exists, says when the link changes (a
trigger only: "online" does not mean the relay answers). A cheap probe (`GET /v1/ping`)
runs every minute whatever the backend says, backing off to 15 minutes while the relay
cannot be reached; a full pass follows a probe that answered when something waits, when
the relay just came back, or when the last pass is older than five minutes (advisories).
"""

from __future__ import annotations

import contextlib
import threading
import time
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from fieldreport.gui.workers import Job, run_in_background
from fieldreport.store.store import Store
from fieldreport.sync import backoff
from fieldreport.sync import status as sync_status
from fieldreport.sync.chunking import AdaptiveChunker
from fieldreport.sync.client import RelayClient
from fieldreport.sync.engine import SyncEngine, summary
from fieldreport.trust.install import current_profile

NO_URL = "no-url"

_network: dict[str, bool] = {}


def network_information() -> QNetworkInformation | None:
    """The platform's network reachability backend, loaded once; None where there is none."""
    if "loaded" not in _network:
        try:
            _network["loaded"] = bool(QNetworkInformation.loadDefaultBackend())
        except Exception:  # no backend: the periodic probe is enough
            _network["loaded"] = False
    return QNetworkInformation.instance() if _network["loaded"] else None


def relay_url(store: Store) -> str | None:
    profile = current_profile(store)
    return profile.server_url if profile is not None and profile.server_url else None


class SyncController(QObject):
    """Owns background sync for one unlocked store. Never touches the store on the GUI
    thread. `cancel()` on lock: the running pass stops at the next chunk, timers stop."""

    state_changed = Signal(dict)  # see state()
    finished = Signal(dict)  # engine.summary(...) + "waiting", "last_sync"; or "error"
    progress = Signal(int, int)  # bytes uploaded of the current bundle

    def __init__(
        self,
        store: Store,
        parent: QObject | None = None,
        *,
        server_url: str | None = None,
        probe_seconds: float = 60.0,
        max_probe_seconds: float = 900.0,
        full_pass_seconds: float = 300.0,
        auto: bool = True,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.server_url = server_url
        self.probe_seconds = probe_seconds
        self.max_probe_seconds = max_probe_seconds
        self.full_pass_seconds = full_pass_seconds
        self.online: bool | None = None  # None: not known yet
        self.configured = True
        self.running = False
        self.pending = 0
        self.last_sync: str | None = None
        self.last_error = ""
        self._chunker = AdaptiveChunker()  # kept across passes: it learnt the link
        self._cancel = threading.Event()
        self._job: Job | None = None
        self._probing: Job | None = None
        self._stopped = False
        self._last_pass = 0.0  # monotonic time of the last pass that reached the relay
        self._interval = probe_seconds
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.probe)
        self._soon = QTimer(self)  # a link appeared: wait for it to settle, then probe
        self._soon.setSingleShot(True)
        self._soon.setInterval(2000)
        self._soon.timeout.connect(self.probe)
        self._network: QNetworkInformation | None = None
        self.refresh()
        if auto:
            self.start_auto()

    # ----- what the status bar shows --------------------------------------------------------
    def state(self) -> dict[str, Any]:
        return {
            "online": self.online,
            "configured": self.configured,
            "running": self.running,
            "pending": self.pending,
            "last_sync": self.last_sync,
            "error": self.last_error,
        }

    def _changed(self) -> None:
        self.state_changed.emit(self.state())

    def refresh(self) -> None:
        """Reload the waiting count and the last sync time (after a save, say)."""
        store = self.store

        def work(job: Job) -> tuple[int, str | None]:
            return sync_status.waiting_count(store), sync_status.last_sync(store)

        def done(result: tuple[int, str | None]) -> None:
            self.pending, self.last_sync = result
            self._changed()

        run_in_background(work, on_done=done, owner=self)

    # ----- automatic sync -------------------------------------------------------------------
    def start_auto(self) -> None:
        self._stopped = False
        self._network = network_information()
        if self._network is not None:
            self._network.reachabilityChanged.connect(self.on_reachability)
        self._timer.start(0)  # probe at once after unlock

    def on_reachability(self, reachability: QNetworkInformation.Reachability) -> None:
        if self._stopped:
            return
        if reachability == QNetworkInformation.Reachability.Disconnected:
            self.online = False
            self._changed()
        elif reachability != QNetworkInformation.Reachability.Unknown:
            self._interval = self.probe_seconds  # a new link: forget the backoff
            self._soon.start()

    def _schedule(self) -> None:
        if not self._stopped:
            self._timer.start(int(backoff.jitter(self._interval) * 1000))

    def probe(self) -> None:
        """The cheap check (`GET /v1/ping`), then a full pass if one is worth it."""
        if self._stopped or self.running or self._probing is not None:
            return
        store, url = self.store, self.server_url

        def work(job: Job) -> bool | None:
            target = url or relay_url(store)
            if target is None:
                return None
            client = RelayClient(target, store.device.device_id, store.device.signing)
            try:
                return client.probe()
            finally:
                client.close()

        def done(reachable: bool | None) -> None:
            self._probing = None
            if self._stopped:
                return
            if reachable is None:
                self.configured = False
                self._changed()
                self._schedule()
                return
            self.configured = True
            came_back = self.online is False
            if reachable:
                self._interval = self.probe_seconds
                stale = time.monotonic() - self._last_pass >= self.full_pass_seconds
                if came_back or self.pending or stale or not self._last_pass:
                    self.sync_now(manual=False, came_back=came_back)
                    return
                self.online = True
            else:
                self.online = False
                self._interval = min(self.max_probe_seconds, self._interval * 2)
            self._changed()
            self._schedule()

        def failed(message: str) -> None:
            self._probing = None
            self._schedule()

        self._probing = run_in_background(work, on_done=done, on_failed=failed, owner=self)

    # ----- one pass -------------------------------------------------------------------------
    def sync_now(self, manual: bool = True, came_back: bool = False) -> bool:
        """Start a pass unless one runs. `manual`: the user asked, so items waiting for their
        next attempt are tried now. Returns False if nothing was started."""
        if self._stopped or self.running:
            return False
        self._timer.stop()
        self._cancel = threading.Event()
        cancel, store, url, chunker = self._cancel, self.store, self.server_url, self._chunker

        def work(job: Job) -> dict[str, Any]:
            target = url or relay_url(store)
            if target is None:
                return {"error": NO_URL}
            if manual or came_back:
                sync_status.make_due(store, keep_refused=not manual)
            engine = SyncEngine(
                store,
                target,
                cancel=cancel,
                chunker=chunker,
                progress=lambda _message, done, total: job.signals.progress.emit(done, total),
            )
            try:
                result = engine.run_once()
            finally:
                engine.close()
            out = summary(result, store)
            out["waiting"] = result.waiting
            if result.reachable and not result.cancelled:
                out["last_sync"] = sync_status.record_sync(store)
            else:
                out["last_sync"] = sync_status.last_sync(store)
            return out

        self.running = True
        self.last_error = ""
        self._changed()
        self._job = run_in_background(
            work,
            on_done=self._done,
            on_failed=self._failed,
            on_progress=self.progress.emit,
            owner=self,
        )
        return True

    def _done(self, result: dict[str, Any]) -> None:
        self._job = None
        self.running = False
        if result.get("error") == NO_URL:
            self.configured = False
            self.online = None
        else:
            self.configured = True
            self.online = bool(result["reachable"])
            self.pending = int(result["waiting"])
            self.last_sync = result["last_sync"]
            self.last_error = "; ".join(result["errors"])
            if self.online:
                self._last_pass = time.monotonic()
                self._interval = self.probe_seconds
            else:
                self._interval = min(self.max_probe_seconds, self._interval * 2)
        self._changed()
        self.finished.emit(result)
        self._schedule()

    def _failed(self, message: str) -> None:
        self._job = None
        self.running = False
        self.last_error = message
        self._changed()
        self.finished.emit({"error": message, "cancelled": not message})
        self._schedule()

    def cancel(self) -> None:
        """On lock (before closing the store): stop the running pass and all automatic sync.
        The pass stops at its next chunk; its result is dropped."""
        self._stopped = True
        self._cancel.set()
        for job in (self._job, self._probing):
            if job is not None:
                job.cancel()
        self._timer.stop()
        self._soon.stop()
        if self._network is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._network.reachabilityChanged.disconnect(self.on_reachability)
            self._network = None


def local_time(rfc3339: str | None) -> str:
    if not rfc3339:
        return ""
    try:
        when = datetime.fromisoformat(rfc3339).astimezone()
    except ValueError:
        return rfc3339
    today = datetime.now().astimezone().date()
    return when.strftime("%H:%M" if when.date() == today else "%Y-%m-%d %H:%M")


class SyncStatus(QWidget):
    """For the status bar: online/offline, waiting items, last sync, and Sync now (F5)."""

    def __init__(
        self,
        store: Store,
        controller: SyncController | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller or SyncController(store, self)
        self.link = QLabel()
        self.pending = QLabel()
        self.last_sync = QLabel()
        self.sync_action = QAction(self)
        self.sync_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.sync_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.sync_action.triggered.connect(lambda: self.controller.sync_now())
        self.addAction(self.sync_action)
        self.button = QToolButton()
        self.button.setDefaultAction(self.sync_action)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.link, self.pending, self.last_sync, self.button):
            layout.addWidget(widget)
        self.controller.state_changed.connect(self.show_state)
        self.retranslate()

    def retranslate(self) -> None:
        self.sync_action.setText(self.tr("Sync now"))
        self.sync_action.setToolTip(self.tr("Sync with the relay now (F5)"))
        self.button.setAccessibleName(self.tr("Sync now"))
        self.link.setAccessibleName(self.tr("Connection to the relay"))
        self.pending.setAccessibleName(self.tr("Items waiting to be sent"))
        self.last_sync.setAccessibleName(self.tr("Last sync"))
        self.show_state(self.controller.state())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_state(self, state: dict[str, Any]) -> None:
        if state["running"]:
            link = self.tr("Syncing…")
        elif not state["configured"]:
            link = self.tr("No relay configured")
        elif state["online"] is None:
            link = self.tr("Not checked yet")
        elif state["online"]:
            link = self.tr("Online")
        else:
            link = self.tr("Offline")
        self.link.setText(link)
        self.link.setToolTip(state["error"])
        self.pending.setText(self.tr("Pending: %1").replace("%1", str(state["pending"])))
        when = local_time(state["last_sync"])
        self.last_sync.setText(
            self.tr("Last sync: %1").replace("%1", when) if when else self.tr("Never synced")
        )
        self.sync_action.setEnabled(not state["running"])
