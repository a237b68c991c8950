"""`fieldreport keys export-identity`: the age identity, for recovery with the `age` tool."""

from __future__ import annotations

import argparse
from typing import Any

from fieldreport.cli import context, output
from fieldreport.cli.argtypes import output_file
from fieldreport.fsutil import atomic_write_bytes


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    keys = commands.add_parser("keys", parents=[common], help="export keys for recovery")
    sub = keys.add_subparsers(
        dest="keys_command", metavar="ACTION", required=True, parser_class=type(keys)
    )
    export = sub.add_parser(
        "export-identity",
        parents=[common],
        help="write the secret age identity to a file (asks for the passphrase again)",
    )
    export.add_argument("--out", type=output_file, required=True, metavar="FILE")
    export.set_defaults(handler=export_identity)


def export_identity(args: argparse.Namespace) -> int:
    # Opening the store asks for the passphrase: exporting a secret key always re-authenticates.
    with context.open_store(args) as store:
        text = store.identity_file_text()
    atomic_write_bytes(args.out, text.encode())
    output.say(f"age identity written to {args.out} (owner-only)")
    output.note(
        "warning: this file decrypts every bundle addressed to this device; keep it offline "
        "and delete it when done"
    )
    return 0
