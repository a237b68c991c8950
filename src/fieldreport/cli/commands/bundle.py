"""`fieldreport bundle export|inspect|import` and `fieldreport receipt import`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from fieldreport.bundle import inspect as inspect_mod
from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.export import export_bundle
from fieldreport.bundle.importer import ImportResult, import_bundle, key_lookup
from fieldreport.bundle.receipts import apply_receipt, receipt_name
from fieldreport.cli import context, output, progress
from fieldreport.cli.argtypes import input_file, output_file
from fieldreport.crypto import age
from fieldreport.errors import FieldReportError
from fieldreport.fsutil import atomic_write_bytes
from fieldreport.paths import StoreLayout
from fieldreport.trust.documents import load_json_document


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    bundle = commands.add_parser("bundle", parents=[common], help="signed, encrypted bundles")
    sub = bundle.add_subparsers(
        dest="bundle_command", metavar="ACTION", required=True, parser_class=type(bundle)
    )
    export = sub.add_parser(
        "export", parents=[common], help="write every unacknowledged revision into a bundle"
    )
    export.add_argument("--out", type=output_file, required=True, metavar="FILE")
    export.add_argument(
        "--recipient",
        action="append",
        metavar="AGE_RECIPIENT",
        help="encrypt to this recipient instead of the profile's (repeatable)",
    )
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=run_export)

    inspect = sub.add_parser("inspect", parents=[common], help="what a bundle reveals")
    inspect.add_argument("file", type=input_file, metavar="FILE")
    inspect.add_argument(
        "--no-unlock", action="store_true", help="only the outer layer; do not open the store"
    )
    inspect.add_argument("--json", action="store_true")
    inspect.set_defaults(handler=run_inspect)

    imp = sub.add_parser("import", parents=[common], help="verify and import bundles")
    imp.add_argument("files", type=input_file, nargs="+", metavar="FILE")
    imp.add_argument(
        "--receipt-out",
        type=Path,
        metavar="PATH",
        help="where to write receipts (a file for one bundle, a folder for several)",
    )
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=run_import)

    receipt = commands.add_parser("receipt", parents=[common], help="receipts from HQ")
    rsub = receipt.add_subparsers(
        dest="receipt_command", metavar="ACTION", required=True, parser_class=type(receipt)
    )
    rimp = rsub.add_parser("import", parents=[common], help="apply a receipt (marks received)")
    rimp.add_argument("file", type=input_file, metavar="FILE")
    rimp.add_argument("--json", action="store_true")
    rimp.set_defaults(handler=run_receipt_import)


def run_export(args: argparse.Namespace) -> int:
    recipients = None
    if args.recipient:
        try:
            recipients = [age.parse_recipient(r) for r in args.recipient]
        except age.AgeError as exc:
            raise FieldReportError(f"--recipient: {exc}") from None
    with context.open_store(args) as store:
        result = export_bundle(
            store, args.out, recipients, progress.bar("exporting", enabled=not args.json)
        )
    doc = {
        "exported": result.bundle_id is not None,
        "bundle_id": result.bundle_id,
        "file": str(args.out) if result.bundle_id else None,
        "sequence": result.sequence,
        "revisions": result.revisions,
        "attachments": result.attachments,
        "size": result.size,
        "sha256": result.sha256,
    }
    if args.json:
        output.emit_json(doc)
    elif result.bundle_id is None:
        output.say("Nothing to export: every revision has been acknowledged.")
    else:
        output.say(
            f"Bundle {result.sequence} written to {args.out}: {result.revisions} revision(s), "
            f"{result.attachments} attachment(s), {result.size:,} bytes."
        )
    return 0


def run_inspect(args: argparse.Namespace) -> int:
    doc = inspect_mod.outer(args.file)
    if not args.no_unlock and StoreLayout(context.data_dir(args)).exists():
        with context.open_store(args) as store:
            doc.update(inspect_mod.inside(args.file, store.device.identity, key_lookup(store)))
    if args.json:
        output.emit_json(doc)
        return 0
    output.say(
        f"{doc['file']}: age file, {doc['size']:,} bytes, {doc['recipients']} recipient(s) "
        f"({', '.join(doc['recipient_types'])})"
    )
    if "addressed_to_this_identity" in doc:
        if not doc["addressed_to_this_identity"]:
            output.say("not addressed to this device's identity")
        elif "manifest" in doc:
            m = doc["manifest"]
            output.say(
                f"bundle {m['bundle_id']} from device {m['device_id']}, sequence "
                f"{m['sequence']}, created {m['created_at']}"
            )
            output.say(
                f"{len(m['revisions'])} revision(s), {len(m['entries'])} file(s); "
                f"signature: {doc['signature']}"
            )
    return 0


def _receipt_path(args: argparse.Namespace, bundle: Path, many: bool) -> Path:
    name = receipt_name(bundle)
    if args.receipt_out is None:
        return bundle.with_name(name)
    if many or args.receipt_out.is_dir():
        return args.receipt_out / name
    return Path(args.receipt_out)


def run_import(args: argparse.Namespace) -> int:
    results: list[dict[str, Any]] = []
    failures = 0
    with context.open_store(args) as store:
        for path in args.files:
            try:
                result = import_bundle(
                    store, path, progress.bar(f"importing {path.name}", enabled=not args.json)
                )
            except BundleError as exc:
                failures += 1
                results.append(
                    {
                        "file": str(path),
                        "status": "refused",
                        "reason": exc.reason,
                        "error": str(exc),
                    }
                )
                if not args.json:
                    output.note(f"error: {path.name}: {exc}")
                continue
            receipt = _receipt_path(args, path, len(args.files) > 1)
            atomic_write_bytes(receipt, (json.dumps(result.receipt, indent=2) + "\n").encode())
            results.append(_summary(result, receipt))
            if not args.json:
                output.say(_sentence(result, receipt))
    if args.json:
        output.emit_json(results if len(results) > 1 else results[0])
    return 1 if failures else 0


def _summary(result: ImportResult, receipt: Path) -> dict[str, Any]:
    return {
        "file": str(result.path),
        "status": result.status,
        "bundle_id": result.bundle_id,
        "device_id": result.device_id,
        "sequence": result.sequence,
        "new_revisions": result.new_revisions,
        "known_revisions": result.known_revisions,
        "history_only": result.history_only,
        "attachments": result.attachments,
        "missing_before": result.missing_before,
        "receipt": str(receipt),
    }


def _sentence(result: ImportResult, receipt: Path) -> str:
    if result.status == "duplicate":
        text = f"{result.path.name}: already imported (no change)"
    else:
        text = (
            f"{result.path.name}: imported {result.new_revisions} new revision(s), "
            f"{result.attachments} attachment(s)"
        )
        if result.known_revisions:
            text += f", {result.known_revisions} already here"
        if result.history_only:
            text += f", {result.history_only} older than the current version (kept in history)"
    if result.missing_before:
        text += (
            f"; WARNING: {result.missing_before} earlier bundle(s) from this device have "
            "not arrived"
        )
    return text + f"; receipt: {receipt}"


def run_receipt_import(args: argparse.Namespace) -> int:
    doc = load_json_document(args.file, "receipt")
    with context.open_store(args) as store:
        result = apply_receipt(store, doc)
    if args.json:
        output.emit_json(
            {
                "bundle_id": result.bundle_id,
                "by_device": result.by_device,
                "marked_received": result.marked,
                "already_received": result.already,
            }
        )
    else:
        output.say(
            f"Receipt applied: {result.marked} revision(s) now marked received "
            f"({result.already} already were)."
        )
    return 0
