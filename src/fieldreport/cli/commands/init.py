"""`fieldreport init`: create the encrypted store and this device's keys."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from fieldreport.cli import context, output, passphrase
from fieldreport.store.device import KEY_TYPES, ROLES
from fieldreport.store.store import Store


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    p = commands.add_parser(
        "init", parents=[common], help="create the encrypted store and device keys"
    )
    p.add_argument("--role", choices=ROLES, default="field", help="what this copy is for")
    p.add_argument(
        "--key-type",
        choices=KEY_TYPES,
        default="pq",
        help="age identity: pq = mlkem768x25519 hybrid (default), x25519 = classic",
    )
    p.add_argument("--name", help="a device name HQ will see (default: role and a short id)")
    p.add_argument("--json", action="store_true", help="print the device as JSON")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    folder = context.data_dir(args)
    secret = passphrase.read(passphrase.CURRENT, context.passphrase_file(args), confirm=True)
    passphrase.check_strength(secret)
    if sys.stderr.isatty():
        output.note("Creating the store: calibrating the key derivation (about a second)…")
    with Store.init(folder, secret, role=args.role, key_type=args.key_type, name=args.name) as s:
        info = s.device_info()
    if args.json:
        output.emit_json({**info, "data_dir": str(folder)})
    else:
        output.say(f"Store created in {folder}")
        output.say(f"device id:   {info['device_id']}")
        output.say(f"role:        {info['role']}")
        output.say(f"fingerprint: {info['fingerprint']}")
        output.say("Next: 'fieldreport device request --out request.json' for IT to enrol it.")
    return 0
