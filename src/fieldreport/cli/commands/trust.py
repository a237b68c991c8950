"""`fieldreport trust add|list|revoke` and `fieldreport profile install|show`."""

from __future__ import annotations

import argparse
from typing import Any

from fieldreport.cli import context, output
from fieldreport.cli.argtypes import input_file
from fieldreport.store import trust as trust_table
from fieldreport.trust.documents import load_json_document
from fieldreport.trust.install import current_profile, install_profile, revoke_device, trust_request


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    trust = commands.add_parser("trust", parents=[common], help="devices whose bundles you accept")
    sub = trust.add_subparsers(
        dest="trust_command", metavar="ACTION", required=True, parser_class=type(trust)
    )
    add = sub.add_parser("add", parents=[common], help="trust a device's enrolment request")
    add.add_argument("request", type=input_file, metavar="REQUEST.json")
    add.add_argument("--json", action="store_true")
    add.set_defaults(handler=run_add)
    ls = sub.add_parser("list", parents=[common], help="trusted devices")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=run_list)
    revoke = sub.add_parser(
        "revoke", parents=[common], help="refuse a device's bundles from now on"
    )
    revoke.add_argument("device_id", metavar="DEVICE_ID")
    revoke.set_defaults(handler=run_revoke)

    profile = commands.add_parser("profile", parents=[common], help="the organisation profile")
    psub = profile.add_subparsers(
        dest="profile_command", metavar="ACTION", required=True, parser_class=type(profile)
    )
    install = psub.add_parser("install", parents=[common], help="install a signed profile")
    install.add_argument("file", type=input_file, metavar="FILE")
    install.add_argument("--json", action="store_true")
    install.set_defaults(handler=run_install)
    show = psub.add_parser("show", parents=[common], help="the installed profile")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=run_show)


def run_add(args: argparse.Namespace) -> int:
    doc = load_json_document(args.request, "enrolment request")
    with context.open_store(args) as store:
        request, outcome = trust_request(store, doc)
    if args.json:
        output.emit_json(
            {
                "device_id": request.device_id,
                "name": request.name,
                "role": request.role,
                "fingerprint": request.fingerprint,
                "outcome": outcome,
            }
        )
    else:
        output.say(f"{request.name} ({request.role}, {request.device_id}): {outcome}")
        output.say(f"fingerprint: {request.fingerprint} — compare it with the device's screen")
    return 0


def run_list(args: argparse.Namespace) -> int:
    with context.open_store(args) as store, store.read() as conn:
        devices = trust_table.all_devices(conn)
    if args.json:
        output.emit_json(devices)
    else:
        rows = [
            [
                d["device_id"][:8],
                d["name"][:24],
                d["role"],
                d["source"],
                "revoked" if d["revoked_at"] else "trusted",
                str(d["last_sequence"]),
            ]
            for d in devices
        ]
        output.table(rows, ["DEVICE", "NAME", "ROLE", "FROM", "STATE", "LAST BUNDLE"])
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    with context.open_store(args) as store:
        revoke_device(store, args.device_id)
    output.say(
        f"Device {args.device_id} revoked: its bundles and receipts are refused from now on."
    )
    return 0


def run_install(args: argparse.Namespace) -> int:
    doc = load_json_document(args.file, "organisation profile")
    with context.open_store(args) as store:
        installed = install_profile(store, doc)
    p = installed.profile
    if args.json:
        output.emit_json(
            {
                "organisation": p.organisation,
                "serial": p.serial,
                "hq_signing_key": p.hq_signing_key,
                "recipients": list(p.recipients),
                "first_install": installed.first_install,
                "devices_trusted": installed.devices_trusted,
            }
        )
    else:
        output.say(
            f"Profile of {p.organisation} installed (serial {p.serial}); bundles now go "
            f"to {len(p.recipients)} recipient(s)."
        )
        if installed.first_install:
            output.say(
                f"HQ signing key: {p.hq_signing_key} — check it with IT: from now on "
                "only profiles signed by this key are accepted."
            )
    return 0


def run_show(args: argparse.Namespace) -> int:
    with context.open_store(args) as store:
        profile = current_profile(store)
    if profile is None:
        output.note("No organisation profile installed ('fieldreport profile install FILE').")
        if args.json:
            output.emit_json(None)
        return 0
    doc = {
        "organisation": profile.organisation,
        "serial": profile.serial,
        "hq_signing_key": profile.hq_signing_key,
        "recipients": list(profile.recipients),
        "server_url": profile.server_url,
        "policy": profile.policy,
    }
    if args.json:
        output.emit_json(doc)
    else:
        for key, value in doc.items():
            output.say(f"{key + ':':<16}{value}")
    return 0
