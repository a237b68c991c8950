"""`fieldreport-hq enroll|revoke|serve|status|advisory publish`: the relay's admin side.

These work on the relay's database (`--db URL`, else $FIELDREPORT_HQ_DB, else SQLite in the
HQ folder) and need no HQ key, except `advisory publish`, which signs with it (`--key FILE`
lets that run on the offline admin machine that holds the key, pointed at the database).
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError

from fieldreport.cli import output
from fieldreport.cli.argtypes import input_file, port_number, positive_int
from fieldreport.errors import FieldReportError
from fieldreport.fsutil import ensure_private_dir
from fieldreport.hq import keys
from fieldreport.hq.server import admin, db, migrate
from fieldreport.hq.server.config import ENV_DB, RelayConfig
from fieldreport.store.timeutil import utc_now
from fieldreport.trust.advisories import SEVERITIES, build_advisory
from fieldreport.trust.documents import load_json_document
from fieldreport.trust.requests import parse_request

Layout = Callable[[argparse.Namespace], keys.HqLayout]
Secret = Callable[[argparse.Namespace], str]


def register(commands: Any, after: argparse.ArgumentParser, layout: Layout, secret: Secret) -> None:
    db_opt = argparse.ArgumentParser(add_help=False)
    db_opt.add_argument(
        "--db",
        metavar="URL",
        default=None,
        help="relay database: postgresql://… (default: $FIELDREPORT_HQ_DB, else SQLite here)",
    )
    parents = [after, db_opt]

    enroll = commands.add_parser("enroll", parents=parents, help="register a device")
    enroll.add_argument("request", type=input_file, metavar="REQUEST.json")
    enroll.add_argument("--json", action="store_true")
    enroll.set_defaults(handler=lambda a: run_enroll(a, layout(a)))

    revoke = commands.add_parser("revoke", parents=parents, help="revoke a device")
    revoke.add_argument("device_id", metavar="DEVICE_ID")
    revoke.set_defaults(handler=lambda a: run_revoke(a, layout(a)))

    serve = commands.add_parser("serve", parents=parents, help="run the relay server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=port_number, default=8080)
    serve.add_argument("--workers", type=positive_int, default=1, metavar="N")
    serve.add_argument(
        "--rate-limit",
        type=positive_int,
        default=600,
        metavar="N",
        help="signed requests per device per minute",
    )
    serve.add_argument(
        "--max-bundle",
        type=positive_int,
        default=2 * 1024**3,
        metavar="BYTES",
        help="largest bundle accepted",
    )
    serve.set_defaults(handler=lambda a: run_serve(a, layout(a)))

    status = commands.add_parser(
        "status", parents=parents, help="devices, last contact, sequence gaps, queued bundles"
    )
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=lambda a: run_status(a, layout(a)))

    advisory = commands.add_parser("advisory", parents=[after], help="security advisories")
    sub = advisory.add_subparsers(
        dest="advisory_command", metavar="ACTION", required=True, parser_class=type(advisory)
    )
    publish = sub.add_parser("publish", parents=parents, help="sign and publish an advisory")
    publish.add_argument("--title", required=True, metavar="T")
    publish.add_argument("--body", required=True, metavar="B")
    publish.add_argument("--severity", required=True, choices=SEVERITIES)
    publish.add_argument("--key", type=input_file, metavar="FILE", help="HQ secret key file")
    publish.add_argument("--json", action="store_true")
    publish.set_defaults(handler=lambda a: run_publish(a, layout(a), secret(a)))


def db_url(args: argparse.Namespace, layout: keys.HqLayout) -> str:
    given = getattr(args, "db", None) or os.environ.get(ENV_DB)
    if given:
        return db.normalise_url(given)
    ensure_private_dir(layout.root)
    return db.default_url(layout.root)


def open_db(args: argparse.Namespace, layout: keys.HqLayout) -> Engine:
    engine = db.make_engine(db_url(args, layout), pool_size=2)
    try:
        migrate.upgrade(engine)
    except OperationalError as exc:
        # First line only, and never the URL (it may hold a password).
        reason = (str(exc.orig).splitlines() or ["?"])[0][:200]
        raise FieldReportError(f"cannot open the relay database: {reason}") from None
    return engine


def run_enroll(args: argparse.Namespace, layout: keys.HqLayout) -> int:
    request = parse_request(load_json_document(args.request, "enrolment request"))
    outcome = admin.enroll(open_db(args, layout), request)
    if args.json:
        output.emit_json(
            {
                "device_id": request.device_id,
                "role": request.role,
                "fingerprint": request.fingerprint,
                "outcome": outcome,
            }
        )
    else:
        output.say(
            f"{'Enrolled' if outcome == 'enrolled' else 'Already enrolled'}: {request.name} "
            f"({request.role}, {request.device_id})"
        )
        output.say(f"fingerprint {request.fingerprint}")
    return 0


def run_revoke(args: argparse.Namespace, layout: keys.HqLayout) -> int:
    now = admin.revoke(open_db(args, layout), args.device_id)
    output.say(f"Device {args.device_id} {'revoked' if now else 'was already revoked'}.")
    return 0


def run_serve(args: argparse.Namespace, layout: keys.HqLayout) -> int:
    import uvicorn

    from fieldreport.hq.server.nodelay import NoDelayHttpToolsProtocol

    url = db_url(args, layout)
    open_db(args, layout).dispose()  # migrate once, before any worker starts
    config = RelayConfig(
        data_dir=layout.root, db_url=url, rate_limit=args.rate_limit, max_bundle=args.max_bundle
    )
    os.environ.update(config.to_env())
    output.note(f"relay listening on http://{args.host}:{args.port} ({args.workers} worker(s))")
    uvicorn.run(
        "fieldreport.hq.server.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        http=NoDelayHttpToolsProtocol,
        access_log=False,
        log_level="warning",
        timeout_graceful_shutdown=5,
    )
    return 0


def run_status(args: argparse.Namespace, layout: keys.HqLayout) -> int:
    doc = admin.status(open_db(args, layout))
    if args.json:
        output.emit_json(doc)
        return 0
    rows = [
        [
            d["name"],
            d["role"],
            d["device_id"][:8],
            "revoked" if d["revoked"] else "active",
            d["last_contact"] or "never",
            str(d["bundles"]),
            ",".join(f"{a}-{b}" if a != b else str(a) for a, b in d["sequence_gaps"]) or "-",
            str(d["queued_bundles"]),
        ]
        for d in doc["devices"]
    ]
    output.table(rows, ["name", "role", "id", "state", "last contact", "bundles", "gaps", "queued"])
    output.say(f"{doc['bundles_stored']} bundle(s) stored, {doc['uploads_open']} upload(s) open")
    return 0


def run_publish(args: argparse.Namespace, layout: keys.HqLayout, secret: str) -> int:
    key = keys.load_signing_key(Path(args.key) if args.key else layout.secret_key, secret)
    doc = build_advisory(key, args.title, args.body, args.severity, utc_now())
    number = admin.publish_advisory(open_db(args, layout), doc)
    if args.json:
        output.emit_json({"id": number, "advisory_id": doc["advisory_id"]})
    else:
        output.say(f"Advisory {number} ({args.severity}) published.")
    return 0
