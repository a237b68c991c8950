"""`fieldreport doctor`: integrity checks (SQLCipher, audit chain, attachments)."""

from __future__ import annotations

import argparse
from typing import Any

from fieldreport.cli import context, output
from fieldreport.store import doctor


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser("doctor", parents=[common], help="check the store's integrity")
    p.add_argument("--quick", action="store_true", help="do not decrypt every attachment")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    with context.open_store(args) as store:
        result = doctor.run(store, verify_attachments=not args.quick)
    if args.json:
        output.emit_json(result.to_json())
    else:
        for name, state in result.checks.items():
            output.say(f"{name:<14} {state}")
        for problem in result.problems:
            output.say(f"  problem: {problem}")
        for note in result.notes:
            output.say(f"  note: {note}")
        counts = ", ".join(f"{v} {k}" for k, v in result.counts.items())
        output.say(("OK: " if result.ok else "FAILED: ") + counts)
    if not result.ok:
        output.note("error: the store failed its integrity checks (see above)")
        return 1
    return 0
