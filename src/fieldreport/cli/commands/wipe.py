"""`fieldreport wipe --yes`: crypto-erase the store at once (no passphrase needed)."""

from __future__ import annotations

import argparse
import time
from typing import Any

from fieldreport.cli import context, output
from fieldreport.errors import UsageError
from fieldreport.paths import StoreLayout
from fieldreport.store import vault


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "wipe", parents=[common], help="destroy the keys and the store at once (cannot be undone)"
    )
    p.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not args.yes:
        raise UsageError("wipe destroys the store for good; add --yes to confirm")
    layout = StoreLayout(context.data_dir(args))
    existed = layout.exists()
    start = time.perf_counter()
    vault.crypto_erase(layout)
    elapsed_ms = (time.perf_counter() - start) * 1000
    if args.json:
        output.emit_json({"wiped": existed, "milliseconds": round(elapsed_ms, 1)})
    elif existed:
        output.say(f"Store wiped in {elapsed_ms:.0f} ms: the keys are destroyed.")
    else:
        output.say(f"No store in {layout.root}; removed any leftovers.")
    return 0
