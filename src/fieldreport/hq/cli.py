"""`fieldreport-hq`: HQ keys, the organisation profile, and the relay (relay_commands.py).

Same conventions as `fieldreport`: --data-dir (else $FIELDREPORT_HQ_DIR, else the user data
folder), passphrase from a prompt, $FIELDREPORT_HQ_PASSPHRASE or --passphrase-file, one
`error:` line and exit 1 when refused, 2 for usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from fieldreport.cli import output, passphrase
from fieldreport.cli.argtypes import input_file, output_file, positive_int
from fieldreport.cli.main import Parser, VersionAction
from fieldreport.crypto import age
from fieldreport.errors import FieldReportError
from fieldreport.fsutil import atomic_write_bytes
from fieldreport.hq import keys, relay_commands
from fieldreport.store.timeutil import utc_now
from fieldreport.trust.documents import load_json_document
from fieldreport.trust.profile import build_profile
from fieldreport.trust.requests import parse_request

HQ_PASSPHRASE = passphrase.Source(
    "HQ passphrase", "FIELDREPORT_HQ_PASSPHRASE", "--passphrase-file", "HQ passphrase: "
)


def _common(suppress: bool) -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if suppress else None
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="HQ state folder (default: $FIELDREPORT_HQ_DIR or user data)",
    )
    parent.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=default,
        help="HQ passphrase from a file ($FIELDREPORT_HQ_PASSPHRASE also works)",
    )
    parent.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS if suppress else False
    )
    return parent


def build_parser() -> Parser:
    parser = Parser(
        prog="fieldreport-hq",
        description="FieldReport HQ: keys, profile, relay",
        parents=[_common(False)],
    )
    parser.add_argument("--version", action=VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    after = _common(True)
    init = commands.add_parser("init", parents=[after], help="create the HQ signing key and state")
    init.add_argument("--org", default="FieldReport organisation", metavar="NAME")
    init.add_argument("--json", action="store_true")
    init.set_defaults(handler=run_init)
    profile = commands.add_parser("profile", parents=[after], help="write the signed org profile")
    profile.add_argument(
        "--recipient",
        action="append",
        required=True,
        metavar="R",
        help="age recipient bundles are encrypted to (repeatable)",
    )
    profile.add_argument("--url", default=None, metavar="URL", help="the relay server's URL")
    profile.add_argument("--out", type=output_file, required=True, metavar="FILE")
    profile.add_argument(
        "--key",
        type=input_file,
        metavar="FILE",
        help="HQ secret key file (default: the one in the HQ folder)",
    )
    profile.add_argument(
        "--device",
        action="append",
        type=input_file,
        default=[],
        metavar="REQUEST.json",
        help="a coordinator/analyst whose receipts devices accept (repeatable)",
    )
    profile.add_argument("--auto-lock", type=positive_int, default=5, metavar="MINUTES")
    profile.add_argument(
        "--wipe-after",
        type=positive_int,
        default=None,
        metavar="N",
        help="wipe a device after N failed unlocks (default: never)",
    )
    profile.set_defaults(handler=run_profile)
    relay_commands.register(commands, after, _layout, _secret)
    return parser


def _layout(args: argparse.Namespace) -> keys.HqLayout:
    given = getattr(args, "data_dir", None)
    return keys.HqLayout(Path(given).expanduser() if given else keys.default_hq_dir())


def _secret(args: argparse.Namespace, confirm: bool = False) -> str:
    given = getattr(args, "passphrase_file", None)
    return passphrase.read(HQ_PASSPHRASE, Path(given) if given else None, confirm=confirm)


def run_init(args: argparse.Namespace) -> int:
    layout = _layout(args)
    secret = _secret(args, confirm=True)
    passphrase.check_strength(secret, "HQ passphrase")
    key = keys.create(layout, args.org, secret)
    public = key.public_key().to_string()
    if args.json:
        output.emit_json({"hq_signing_key": public, "data_dir": str(layout.root)})
    else:
        output.say(f"HQ state created in {layout.root}")
        output.say(f"HQ signing key: {public}")
        output.say(f"Secret key: {layout.secret_key} (keep it offline; the relay never needs it)")
    return 0


def run_profile(args: argparse.Namespace) -> int:
    layout = _layout(args)
    state = keys.load_state(layout)
    try:
        recipients = [age.parse_recipient(r).to_string() for r in args.recipient]
    except age.AgeError as exc:
        raise FieldReportError(f"--recipient: {exc}") from None
    devices = []
    for path in args.device:
        request = parse_request(load_json_document(path, "enrolment request"))
        devices.append(
            {
                "device_id": request.device_id,
                "name": request.name,
                "role": request.role,
                "signing_key": request.signing_key,
                "recipient": request.recipient,
                "fingerprint": request.fingerprint,
            }
        )
    key = keys.load_signing_key(args.key or layout.secret_key, _secret(args))
    serial = int(state.get("profile_serial", 0)) + 1
    doc = build_profile(
        key=key,
        organisation=str(state["organisation"]),
        serial=serial,
        recipients=recipients,
        server_url=args.url,
        issued_at=utc_now(),
        policy={"auto_lock_minutes": args.auto_lock, "wipe_after_failures": args.wipe_after},
        devices=devices,
    )
    atomic_write_bytes(args.out, (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode())
    state["profile_serial"] = serial
    keys.save_state(layout, state)
    output.say(
        f"Profile (serial {serial}) for {len(recipients)} recipient(s) written to {args.out}"
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    try:
        return int(args.handler(args) or 0)
    except FieldReportError as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        if args.debug:
            raise
        print(f"error: {exc.strerror or exc} ({exc.filename})", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug, or a database refusing: one line, never the URL
        if args.debug:
            raise
        summary = (str(exc).splitlines() or [""])[0][:200]
        print(
            f"error: internal error ({type(exc).__name__}: {summary}); run again with --debug",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
