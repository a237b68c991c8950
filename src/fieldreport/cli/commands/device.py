"""`fieldreport device show|request`: this device's public keys and enrolment request."""

from __future__ import annotations

import argparse
import json
from typing import Any

from fieldreport.cli import context, output
from fieldreport.cli.argtypes import output_file
from fieldreport.fsutil import atomic_write_bytes


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    device = commands.add_parser("device", parents=[common], help="this device's public keys")
    sub = device.add_subparsers(
        dest="device_command", metavar="ACTION", required=True, parser_class=type(device)
    )
    show = sub.add_parser("show", parents=[common], help="device id, role, keys, fingerprint")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=show_device)
    request = sub.add_parser("request", parents=[common], help="write a signed enrolment request")
    request.add_argument("--out", type=output_file, required=True, metavar="FILE")
    request.set_defaults(handler=write_request)


def show_device(args: argparse.Namespace) -> int:
    with context.open_store(args) as store:
        info = store.device_info()
    if args.json:
        output.emit_json(info)
    else:
        for key in (
            "device_id",
            "name",
            "role",
            "key_type",
            "fingerprint",
            "signing_key",
            "recipient",
        ):
            output.say(f"{key + ':':<13}{info[key]}")
    return 0


def write_request(args: argparse.Namespace) -> int:
    with context.open_store(args) as store:
        request = store.enrolment_request()
    atomic_write_bytes(
        args.out, (json.dumps(request, indent=2, ensure_ascii=False) + "\n").encode()
    )
    output.say(f"Enrolment request written to {args.out}")
    output.say(f"fingerprint: {request['fingerprint']} (IT compares it when enrolling)")
    return 0
