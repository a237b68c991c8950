"""`python benchmarks/run.py [--quick] [--json] [P1 P2 …]` (performance.md).

Runs the named benchmarks (all that exist by default) and prints one table, or with --json
one object keyed by id. Benchmarks of later issues are listed as not yet measured. P10 (and the
packaged start in P8) measure dist/fieldreport/ and are skipped with a note when `make package`
was not run.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundle_corpus
import corpus
import p1_save
import p2_search
import p3_unlock
import p4_export
import p5_import
import p6_relay
import p7_badlink
import p8_start
import p9_list
import p10_package

ALL = ("P1", "P2", "P3", "P4", "P5", "P6", "P7", "P8", "P9", "P10")


def main() -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/run.py")
    parser.add_argument("--quick", action="store_true", help="about a minute, smaller stores")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("ids", nargs="*", metavar="ID", help="P1 P2 … (default: all)")
    args = parser.parse_args()
    wanted = [i.upper() for i in args.ids] or list(ALL)
    unknown = [i for i in wanted if i not in ALL]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; known: {' '.join(ALL)}")

    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        shared: dict[str, Any] = {}
        size = corpus.QUICK_SIZE if args.quick else corpus.FULL_SIZE
        if {"P1", "P2", "P9"} & set(wanted):
            progress(f"building stores of {size:,} reports…", args.json)
            shared["encrypted"] = corpus.encrypted_store(Path(tmp) / "enc", size)
        if "P1" in wanted:
            shared["plain"] = corpus.plain_store(Path(tmp) / "plain", size)
        bundles = None
        if {"P4", "P5"} & set(wanted):
            progress("building the bundle corpus (field + coordinator stores)…", args.json)
            bundles = bundle_corpus.build(
                Path(tmp) / "bundles", args.quick, lambda m: progress(m, args.json)
            )
        runners: dict[str, Callable[[], dict[str, Any]]] = {
            # P2 runs before P1 so that it searches exactly the 100k-report store.
            "P2": lambda: p2_search.run(args.quick, store=shared["encrypted"]),
            "P1": lambda: p1_save.run(args.quick, stores=shared),
            "P3": lambda: p3_unlock.run(args.quick),
            "P4": lambda: p4_export.run(args.quick, bundles=bundles),
            # P5's budget is relative to P4's throughput, measured just before in this run.
            "P5": lambda: p5_import.run(args.quick, bundles=bundles, export=results.get("P4")),
            "P8": lambda: p8_start.run(args.quick),
            "P9": lambda: p9_list.run(
                args.quick,
                folder=shared["encrypted"].layout.root if "encrypted" in shared else None,
            ),
            "P6": lambda: p6_relay.run(args.quick),
            "P7": lambda: p7_badlink.run(args.quick),
        }
        # P9 runs right after P2, on the same store (before P1 adds its reports).
        for bench_id in ("P2", "P9", "P1", "P3", "P4", "P5", "P6", "P7", "P8"):
            if bench_id in wanted:
                progress(f"running {bench_id}…", args.json)
                results[bench_id] = runners[bench_id]()
        if {"P8", "P10"} & set(wanted):
            progress("running P10 and P8 on the packaged program…", args.json)
            packaged = p10_package.run(args.quick)
            for bench_id in ("P8", "P10"):
                if bench_id in wanted and packaged[bench_id] is not None:
                    if bench_id in results:  # P8 from source, measured above: kept beside it
                        packaged[bench_id]["from_source"] = results[bench_id]
                    results[bench_id] = packaged[bench_id]
        for store in shared.values():
            store.close()
    for bench_id in wanted:
        results.setdefault(bench_id, {"value": None, "ok": None, "note": "not measured yet"})
    ordered = {k: results[k] for k in ALL if k in results}
    if args.json:
        print(json.dumps(ordered, indent=2))
    else:
        print_table(ordered)
    return 0


def progress(message: str, quiet: bool) -> None:
    if not quiet:
        print(message, file=sys.stderr, flush=True)


def print_table(results: dict[str, Any]) -> None:
    print(f"{'id':<4} {'value':>10} {'unit':<5} {'baseline':>9} {'ratio':>6} {'ok':<5} budget")
    for bench_id, r in results.items():
        value = "-" if r.get("value") is None else f"{r['value']}"
        base = "" if r.get("baseline") is None else f"{r['baseline']}"
        ratio = "" if r.get("ratio") is None else f"{r['ratio']}"
        ok = {True: "yes", False: "NO", None: "-"}[r.get("ok")]
        print(
            f"{bench_id:<4} {value:>10} {r.get('unit', ''):<5} {base:>9} {ratio:>6} {ok:<5} "
            f"{r.get('budget', r.get('note', ''))}"
        )


if __name__ == "__main__":
    sys.exit(main())
