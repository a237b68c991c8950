"""`fieldreport sync [--once]`: upload the outbox, pull the mailbox, receipts, advisories.

Without --once it repeats until interrupted (Ctrl+C), sleeping until the next attempt is
due. Exit 1 after a --once pass that could not reach the relay or hit an error: the outbox
items then say why and when the next attempt is (`--json` lists them).
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fieldreport.cli import context, output
from fieldreport.cli.argtypes import positive_int
from fieldreport.errors import FieldReportError
from fieldreport.store.store import Store
from fieldreport.trust.install import current_profile

if TYPE_CHECKING:  # httpx and the engine load only when `sync` runs, not for every command
    from fieldreport.sync.engine import SyncEngine, SyncResult


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    sync = commands.add_parser(
        "sync", parents=[common], help="exchange bundles, receipts and advisories with the relay"
    )
    sync.add_argument("--once", action="store_true", help="one pass, then exit")
    sync.add_argument(
        "--url", metavar="URL", help="the relay's URL (default: the org profile's server_url)"
    )
    sync.add_argument(
        "--interval",
        type=positive_int,
        default=300,
        metavar="SECONDS",
        help="without --once: the longest pause between passes (default 300)",
    )
    sync.add_argument("--json", action="store_true")
    sync.set_defaults(handler=run_sync)


def _server_url(args: argparse.Namespace, store: Store) -> str:
    if args.url:
        if not args.url.startswith(("http://", "https://")):
            raise FieldReportError("--url must be an http(s) URL")
        return str(args.url)
    profile = current_profile(store)
    if profile is None or not profile.server_url:
        raise FieldReportError(
            "no relay URL: install an organisation profile that names one, or pass --url"
        )
    return profile.server_url


def _progress(enabled: bool) -> Callable[[str, int, int], None] | None:
    if not enabled or not sys.stderr.isatty():
        return None

    def show(message: str, done: int, total: int) -> None:
        extra = f" {done / 1e6:,.1f}/{total / 1e6:,.1f} MB" if total else ""
        sys.stderr.write(f"\r{message}{extra}\033[K")
        sys.stderr.flush()

    return show


def _report(result: SyncResult) -> None:
    if not result.reachable:
        output.note("The relay cannot be reached; everything waits in the outbox.")
    parts = [
        f"{result.bundles_uploaded} bundle(s) uploaded",
        f"{result.imported} imported",
        f"{result.receipts_applied} revision(s) confirmed received",
        f"{result.advisories} advisory(ies)",
        f"{result.waiting} item(s) waiting",
    ]
    output.say("Sync: " + ", ".join(parts) + ".")
    for error in result.errors:
        output.note(f"warning: {error}")


def run_sync(args: argparse.Namespace) -> int:
    from fieldreport.sync.engine import SyncEngine

    with context.open_store(args) as store:
        cancel = threading.Event()
        engine = SyncEngine(
            store, _server_url(args, store), cancel=cancel, progress=_progress(not args.json)
        )
        # SIGTERM (a service manager stopping us) cancels between chunks, like Ctrl+C.
        signal.signal(signal.SIGTERM, lambda *_: cancel.set())
        try:
            if args.once:
                result = engine.run_once()
                _emit(args, result, store)
                return 0 if result.reachable and not result.errors else 1
            return _loop(args, engine, cancel, store)
        finally:
            engine.close()


def _loop(
    args: argparse.Namespace, engine: SyncEngine, cancel: threading.Event, store: Store
) -> int:
    try:
        while not cancel.is_set():
            result = engine.run_once()
            _emit(args, result, store)
            pause = args.interval if result.reachable else min(args.interval, 60)
            cancel.wait(pause)
    except KeyboardInterrupt:
        cancel.set()
    output.note("sync stopped")
    return 0


def _emit(args: argparse.Namespace, result: SyncResult, store: Store) -> None:
    from fieldreport.sync.engine import summary

    if args.json:
        output.emit_json(summary(result, store))
        sys.stdout.flush()
    else:
        _report(result)
