"""`fieldreport export --format F --out FILE [--partner-safe] [--since DATE] …`."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from fieldreport.cli import context, output
from fieldreport.cli.argtypes import output_file
from fieldreport.domain import load_taxonomy
from fieldreport.errors import UsageError
from fieldreport.exports import (
    FORMATS,
    SHARING_LEVELS,
    ExportFilter,
    date_bound,
    export_reports,
    plaintext_warning,
)
from fieldreport.exports.prepare import export_context


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    taxonomy = load_taxonomy()
    cmd = commands.add_parser(
        "export",
        parents=[common],
        help="write reports to CSV, HXL, XLSX, GeoJSON, KML, ACLED CSV or a PDF sitrep",
        description="Write reports to a plaintext file for analysis or sharing. The file is "
        "NOT encrypted: keep it on an encrypted disk and delete it when done.",
    )
    cmd.add_argument(
        "--format",
        required=True,
        choices=list(FORMATS),
        metavar="FORMAT",
        help=f"one of: {', '.join(FORMATS)}",
    )
    cmd.add_argument("--out", required=True, type=output_file, metavar="FILE")
    cmd.add_argument(
        "--partner-safe",
        action="store_true",
        help="no names, sources or narratives; sensitive places rounded to 0.1°; no internal "
        "reports",
    )
    cmd.add_argument(
        "--since", metavar="DATE", help="occurred on or after (YYYY-MM-DD or RFC 3339)"
    )
    cmd.add_argument("--until", metavar="DATE", help="occurred on or before")
    cmd.add_argument("--region", metavar="PCODE", help="admin-1 P-code, e.g. ML06")
    cmd.add_argument("--event-type", metavar="TYPE", help="ACLED event type, e.g. Battles")
    cmd.add_argument(
        "--sharing-level",
        choices=SHARING_LEVELS,
        help="only reports at least this open (internal < partners < public)",
    )
    cmd.add_argument(
        "--lang",
        choices=taxonomy.languages,
        default=taxonomy.languages[0],
        help=f"language of labels and of the PDF (default {taxonomy.languages[0]})",
    )
    cmd.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
    cmd.set_defaults(handler=run_export)


def _filter(args: argparse.Namespace) -> ExportFilter:
    taxonomy = load_taxonomy()
    since = date_bound(args.since, end_of_day=False) if args.since else None
    until = date_bound(args.until, end_of_day=True) if args.until else None
    # Compared as instants: the two bounds may carry different UTC offsets.
    if since and until and datetime.fromisoformat(until) < datetime.fromisoformat(since):
        raise UsageError(f"--until {args.until} is before --since {args.since}")
    regions = taxonomy.adm1_pcodes()
    if args.region and args.region not in regions:
        raise UsageError(f"unknown region {args.region!r} (known: {', '.join(regions)})")
    if args.event_type and args.event_type not in taxonomy.event_types():
        known = ", ".join(taxonomy.event_types())
        raise UsageError(f"unknown event type {args.event_type!r} (known: {known})")
    return ExportFilter(
        since=since,
        until=until,
        adm1_pcode=args.region,
        event_type=args.event_type,
        sharing_level=args.sharing_level,
        partner_safe=args.partner_safe,
    )


def _counter(enabled: bool) -> Callable[[int], None] | None:
    if not enabled or not sys.stderr.isatty():
        return None
    last = [0.0]

    def update(done: int) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.2:
            last[0] = now
            sys.stderr.write(f"\rexporting: {done:,} reports")
            sys.stderr.flush()

    return update


def run_export(args: argparse.Namespace) -> int:
    flt = _filter(args)  # refuse bad arguments before asking for the passphrase
    folder = context.data_dir(args)
    ctx = export_context(folder, args.format, flt, lang=args.lang)
    progress = _counter(not args.json)
    with context.open_store(args) as store:
        count = export_reports(store, args.format, args.out, flt, ctx, progress)
    if progress is not None:
        sys.stderr.write("\n")
    # A plaintext copy of encrypted reports is a deliberate act: say so every time.
    output.note(f"warning: {plaintext_warning(args.out)}")
    if args.json:
        output.emit_json(
            {
                "format": args.format,
                "out": str(args.out),
                "count": count,
                "partner_safe": args.partner_safe,
                "encrypted": False,
            }
        )
    else:
        kind = "partner-safe " if args.partner_safe else ""
        output.note(f"wrote {count} report(s) to {args.out} ({kind}{args.format})")
    return 0
