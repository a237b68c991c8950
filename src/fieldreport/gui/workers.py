"""Running core work off the GUI thread (QThreadPool), results back through signals.

Everything slow — Argon2id, SQL, bundle building, search — goes through `run_in_background`,
so the window keeps painting and answering (architecture.md, principle 4). The core API is
plain Python; only this module knows it runs in a thread.
"""

from __future__ import annotations

import contextlib
import gc
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from fieldreport.errors import FieldReportError
from fieldreport.progress import throttled


def user_errors() -> tuple[type[Exception], ...]:
    """Errors whose message is meant for the user. Imported when first needed: the crypto
    packages are not needed to paint the unlock window (P8)."""
    from fieldreport.bundle.errors import BundleError
    from fieldreport.crypto.age import AgeError
    from fieldreport.crypto.minisign import MinisignError

    return (FieldReportError, BundleError, AgeError, MinisignError)


PROGRESS_INTERVAL_S = 0.05


class Cancelled(Exception):
    """Raised inside a job when the user cancelled it."""


class JobSignals(QObject):
    done = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int)


class Job(QRunnable):
    """One piece of work. `fn(job)` may call `job.report(done, total)` and `job.check()`."""

    def __init__(self, fn: Callable[[Job], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = JobSignals()
        self._cancel = threading.Event()
        self._report = throttled(self.signals.progress.emit, PROGRESS_INTERVAL_S)
        self.setAutoDelete(False)  # the caller keeps a reference until done/failed

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def report(self, done: int, total: int) -> None:
        """Progress, at most every PROGRESS_INTERVAL_S (and at the end): an export of 100k
        reports must not queue 100k updates for the GUI thread to run through."""
        self.check()
        self._report(done, total)

    def run(self) -> None:
        try:
            result = self.fn(self)
        except Cancelled:
            self._emit(self.signals.failed, "")  # empty message: cancelled, nothing to show
        except Exception as exc:
            if isinstance(exc, user_errors()):
                self._emit(self.signals.failed, str(exc))
            else:  # a bug: keep the window alive, say so in one line
                traceback.print_exc()
                self._emit(self.signals.failed, f"internal error ({type(exc).__name__})")
        else:
            self._emit(self.signals.done, result)

    @staticmethod
    def _emit(signal: Any, value: Any) -> None:
        with contextlib.suppress(RuntimeError):  # shutting down: nobody is left to tell
            signal.emit(value)


_running: set[Job] = set()


def _while_alive(owner: QObject | None, callback: Callable[..., None]) -> Callable[..., None]:
    """Deliver a result only if `owner` still exists: a job may finish after the window was
    locked and its widgets destroyed."""
    if owner is None:
        return callback

    def deliver(*args: Any) -> None:
        if shiboken6.isValid(owner):
            callback(*args)

    return deliver


def run_in_background(
    fn: Callable[[Job], Any],
    on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[str], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    owner: QObject | None = None,
) -> Job:
    job = Job(fn)
    _running.add(job)
    if on_done:
        job.signals.done.connect(_while_alive(owner, on_done))
    if on_failed:
        job.signals.failed.connect(_while_alive(owner, on_failed))
    if on_progress:
        job.signals.progress.connect(_while_alive(owner, on_progress))
    job.signals.done.connect(lambda _result: _running.discard(job))
    job.signals.failed.connect(lambda _message: _running.discard(job))
    pool = QThreadPool.globalInstance()
    # Keep idle threads: starting a new one costs milliseconds on the GUI thread.
    pool.setExpiryTimeout(-1)
    pool.start(job)
    return job


_gc_lock = threading.Lock()
_gc_holders = [0, (0, 0, 0)]  # active long jobs, the thresholds to restore
NO_FULL_GC_THRESHOLD2 = 1_000_000


@contextlib.contextmanager
def no_full_gc() -> Iterator[None]:
    """While a big job (an export or import of 100k reports) creates hundreds of thousands of
    objects, Python's full collections would scan them all, each pause holding the GIL for
    100–300 ms and freezing the window. Young collections still run; full ones wait until
    the job ends, when its objects are gone (freed by reference counting)."""
    with _gc_lock:
        if _gc_holders[0] == 0:
            _gc_holders[1] = gc.get_threshold()
            first, second, _third = _gc_holders[1]
            gc.set_threshold(first, second, NO_FULL_GC_THRESHOLD2)
        _gc_holders[0] += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_holders[0] -= 1
            if _gc_holders[0] == 0:
                gc.set_threshold(*_gc_holders[1])


def wait_for_all(timeout_ms: int = 30000) -> bool:
    """For shutdown and tests: wait until every background job has finished."""
    return bool(QThreadPool.globalInstance().waitForDone(timeout_ms))
