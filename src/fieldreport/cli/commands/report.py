"""`fieldreport report add|list|show|attach|extract`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from fieldreport.cli import context, output
from fieldreport.cli.argtypes import output_file, positive_int
from fieldreport.domain import parse_report
from fieldreport.errors import FieldReportError
from fieldreport.fsutil import atomic_writer
from fieldreport.store.search import ReportQuery

MAX_INPUT_BYTES = 1024 * 1024


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    report = commands.add_parser("report", parents=[common], help="add, list and show reports")
    sub = report.add_subparsers(
        dest="report_command", metavar="ACTION", required=True, parser_class=type(report)
    )

    add = sub.add_parser("add", parents=[common], help="validate and save one report")
    add.add_argument(
        "--json",
        dest="input",
        metavar="FILE|-",
        required=True,
        help="the report as JSON (schema.md), from FILE or - for standard input",
    )
    add.set_defaults(handler=add_report)

    ls = sub.add_parser("list", parents=[common], help="list reports, newest first")
    ls.add_argument("--json", action="store_true", help="print a JSON array")
    ls.add_argument("--search", metavar="TEXT", default="", help="full-text search")
    ls.add_argument("--since", metavar="DATE", help="occurred on or after (RFC 3339 or YYYY-MM-DD)")
    ls.add_argument("--until", metavar="DATE", help="occurred on or before")
    ls.add_argument("--event-type", metavar="TYPE")
    ls.add_argument("--severity-min", type=int, choices=range(1, 6), metavar="1-5")
    ls.add_argument("--region", metavar="PCODE", help="admin-1 P-code, e.g. ML06")
    ls.add_argument("--status", choices=("draft", "final", "sent", "received"))
    ls.add_argument("--device", metavar="DEVICE_ID")
    ls.add_argument("--limit", type=positive_int, metavar="N")
    ls.set_defaults(handler=list_reports)

    show = sub.add_parser(
        "show", parents=[common], help="one report with revisions and attachments"
    )
    show.add_argument("id", metavar="ID", help="report id (or its first 8+ characters)")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=show_report)

    attach = sub.add_parser("attach", parents=[common], help="encrypt and attach files")
    attach.add_argument("id", metavar="ID")
    attach.add_argument("files", metavar="FILE", nargs="+", type=Path)
    attach.add_argument("--json", action="store_true")
    attach.set_defaults(handler=attach_files)

    extract = sub.add_parser(
        "extract",
        parents=[common],
        help="decrypt one attachment to a file (it is then in the clear on disk)",
    )
    extract.add_argument("attachment_id", metavar="ATTACHMENT_ID")
    extract.add_argument("--out", type=output_file, required=True, metavar="FILE")
    extract.set_defaults(handler=extract_attachment)


def _read_input(source: str) -> Any:
    try:
        if source == "-":
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            with Path(source).open("rb") as handle:
                raw = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise FieldReportError(f"cannot read {source}: {exc.strerror}") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise FieldReportError("the report JSON is larger than 1 MiB; attach big texts as files")
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise FieldReportError("the report JSON is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise FieldReportError(
            f"the report JSON is malformed: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None


def add_report(args: argparse.Namespace) -> int:
    data = _read_input(args.input)
    if not isinstance(data, dict):
        raise FieldReportError("the report JSON must be an object ({…}), not a list or a value")
    # Validate before asking for the passphrase: a typo should not cost an unlock.
    parse_report(data)
    with context.open_store(args) as store:
        saved = store.add_report(data)
    output.say(saved.report_id)
    return 0


def _date_bound(value: str | None, end_of_day: bool) -> str | None:
    if value is None:
        return None
    text = value.strip()
    if len(text) == 10:
        text += "T23:59:59+00:00" if end_of_day else "T00:00:00+00:00"
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise FieldReportError(
            f"{value!r} is not a date (YYYY-MM-DD) or an RFC 3339 date-time"
        ) from None
    if parsed.tzinfo is None:
        raise FieldReportError(f"{value!r} has no UTC offset; add +00:00")
    return parsed.isoformat()


def list_reports(args: argparse.Namespace) -> int:
    query = ReportQuery(
        text=args.search,
        since=_date_bound(args.since, end_of_day=False),
        until=_date_bound(args.until, end_of_day=True),
        event_type=args.event_type,
        severity_min=args.severity_min,
        adm1_pcode=args.region,
        status=args.status,
        device_id=args.device,
        limit=args.limit,
    )
    with context.open_store(args) as store:
        docs = store.list_reports(query)
    if args.json:
        output.emit_json(docs)
        return 0
    rows = [
        [
            d["id"][:8],
            d["occurred_at"][:10],
            str(d["severity"]),
            d["status"],
            d["event_type"][:24],
            d["location"]["name"][:20],
            d["title"][:50],
        ]
        for d in docs
    ]
    output.table(rows, ["ID", "DATE", "SEV", "STATUS", "EVENT", "PLACE", "TITLE"])
    output.note(f"{len(docs)} report(s)")
    return 0


def show_report(args: argparse.Namespace) -> int:
    with context.open_store(args) as store:
        doc = store.get_report(args.id)
    if args.json:
        output.emit_json(doc)
        return 0
    loc = doc["location"]
    output.say(f"{doc['title']}")
    output.say(f"id {doc['id']} · revision {doc['revision']} · {doc['status']}")
    output.say(f"{doc['event_type']} / {doc['sub_event_type']} · severity {doc['severity']}")
    output.say(f"occurred {doc['occurred_at']} · reported {doc['reported_at']}")
    where = loc["name"]
    if loc.get("lat") is not None:
        where += f" ({loc['lat']}, {loc['lon']})"
    if loc.get("adm1_pcode"):
        where += f" {loc['adm1_pcode']}"
    output.say(f"at {where}")
    if doc.get("narrative"):
        output.say("")
        output.say(doc["narrative"])
    output.say("")
    for rev in doc["revisions"]:
        output.say(f"revision {rev['number']}  {rev['created_at']}  outbox: {rev['outbox'] or '-'}")
    for att in doc["attachments"]:
        output.say(f"attachment {att['id']}  {att['name']}  {att['size']} bytes")
    return 0


def attach_files(args: argparse.Namespace) -> int:
    with context.open_store(args) as store:
        added = store.attach(args.id, args.files)
    if args.json:
        output.emit_json(added)
    else:
        for entry in added:
            output.say(f"{entry['id']}  {entry['name']}  {entry['size']} bytes")
    return 0


def extract_attachment(args: argparse.Namespace) -> int:
    with context.open_store(args) as store, atomic_writer(args.out) as out:
        info = store.extract_attachment(args.attachment_id, out)
    output.note(f"wrote {info['name']} ({info['size']} bytes) in the clear to {args.out}")
    return 0
