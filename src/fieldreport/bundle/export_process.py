"""`export_bundle` in a child process, for callers that must stay responsive (the window).

An export of 100k reports is seconds of pure Python: building the manifest, packing the tar,
collecting garbage. Run in a thread beside the window, it holds the GIL the window's thread
needs for every event it hands to Python, and the window froze for 50–90 ms at a time on two
cores. In a second process the export has its own interpreter; the calling thread only waits
on a pipe.

The child is spawned (the same on Linux, Windows and macOS, and in the packaged program thanks
to `multiprocessing.freeze_support()` in the entry point) and told what to do through the
pipe, never its command line: the store's data key travels that way. It opens the same
SQLCipher file (SQLite's locking serialises it with this process's connections), writes the
bundle atomically and records it in the outbox exactly as `export_bundle` does here.

Cancelling (the progress callback raising) asks the child to stop at its next progress step;
the bundle writer then removes its partial file and the outbox is left untouched. A child
already past packing finishes, and its result is returned: what was written is reported.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import time
import traceback
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import NoReturn

from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.export import ExportResult, export_bundle, profile_recipients
from fieldreport.crypto.age import AgeError, parse_recipient
from fieldreport.crypto.age.stanza import Recipient
from fieldreport.errors import FieldReportError
from fieldreport.progress import throttled
from fieldreport.store.store import Store

PROGRESS_INTERVAL_S = 0.05  # how often the child reports: enough for a progress bar
_POLL_S = 0.1  # how often the waiting side checks that the child is still alive


class _StopRequested(Exception):
    """Raised inside the child when the parent asked it to stop."""


def export_in_child(
    store: Store,
    out: Path,
    recipients: Sequence[Recipient] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ExportResult:
    """`export_bundle(store, out, recipients, progress)`, run by a child process.

    Whatever `progress` raises (a cancelled job) stops the child first, then propagates."""
    chosen = list(recipients) if recipients else profile_recipients(store)
    job = {
        "data_dir": str(store.layout.root),
        "data_key": store.data_key_for_helper(),
        "out": str(out),
        "recipients": [r.to_string() for r in chosen],  # type: ignore[attr-defined]
    }
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = context.Process(target=_child_main, args=(theirs,), name="fieldreport-export")
    child.start()
    theirs.close()
    try:
        ours.send(job)
        return _wait(child, ours, progress)
    except Exception:
        finished = _stop(child, ours)
        if finished is not None:
            return finished  # it had written and recorded the bundle before it could stop
        raise
    finally:
        ours.close()
        child.join(timeout=5)


def _wait(
    child: BaseProcess, ours: Connection, progress: Callable[[int, int], None] | None
) -> ExportResult:
    while True:
        if not ours.poll(_POLL_S):
            if not child.is_alive():
                _died(child)
            continue
        try:
            message = ours.recv()
        except (EOFError, OSError):  # the child is gone without a word
            child.join(timeout=5)
            _died(child)
        kind = message[0]
        if kind == "progress":
            if progress is not None:
                progress(message[1], message[2])
        elif kind == "done":
            result: ExportResult = message[1]
            return result
        elif kind == "error":
            raise FieldReportError(message[1])
        else:  # "bug": the child printed the traceback to stderr
            raise RuntimeError(f"the export failed: {message[1]}")


def _died(child: BaseProcess) -> NoReturn:
    raise FieldReportError(
        f"the export stopped unexpectedly (helper exit code {child.exitcode}); "
        "nothing was recorded as sent: export again"
    )


def _stop(child: BaseProcess, ours: Connection) -> ExportResult | None:
    """Ask the child to stop and wait for it to end (it removes its partial bundle; killed if
    stuck). Its result if it finished all the same: past packing, an export is not undone."""
    finished = None
    with contextlib.suppress(OSError):
        ours.send(("stop",))
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # read to the end: a result may already be waiting
        try:
            if ours.poll(_POLL_S):
                message = ours.recv()
                if message[0] == "done":
                    finished = message[1]
                continue
        except (EOFError, OSError):
            break  # the child closed its end: it is finishing
        if not child.is_alive():
            break
    child.join(timeout=5)
    if child.is_alive():
        child.kill()
    child.join()
    return finished


def _child_main(conn: Connection) -> None:
    job = conn.recv()
    send = throttled(lambda done, total: conn.send(("progress", done, total)), PROGRESS_INTERVAL_S)

    def report(done: int, total: int) -> None:
        if conn.poll():  # the only message the parent sends after the job is "stop"
            raise _StopRequested()
        send(done, total)

    try:
        store = Store.for_helper(Path(job["data_dir"]), job["data_key"])
        try:
            recipients = [parse_recipient(r) for r in job["recipients"]]
            result = export_bundle(store, Path(job["out"]), recipients, progress=report)
        finally:
            store.close()
        conn.send(("done", result))
    except _StopRequested:
        pass
    except (FieldReportError, BundleError, AgeError) as exc:
        conn.send(("error", str(exc)))
    except OSError as exc:  # the folder is missing, read-only, full…
        conn.send(("error", f"cannot write {job['out']}: {exc.strerror or exc}"))
    except Exception as exc:
        traceback.print_exc()
        conn.send(("bug", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()
