"""P5: bundle import (verify + decrypt + one transaction) of the P4 bundle.

Budget: throughput ≥ 0.8× our export throughput (P4's figure from the same run, else the
export that built the bundle); peak RSS ≤ 150 MB (measured at half and at full size). Side
by side, interleaved: `age -d -i ID | zstd -d | tar -x -C DIR` on the same bundle, then an
fsync of every attachment file it wrote (our import fsyncs every attachment it stages and
commits one transaction); also reported without the fsyncs. Each of our rounds imports into
a fresh copy of the coordinator store, in a child process.

Also reported: the CPU time (user + system, the import's process and its report-parsing
helper) against the export's. On a machine whose cores are all busy during both, throughput
follows CPU time, so `cpu_share` (export CPU ÷ import CPU) is about the most the throughput
share can reach there, whatever the threads do.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import bundle_corpus as bc

FULL_ROUNDS = 2
QUICK_ROUNDS = 3


def run(
    quick: bool = False,
    workdir: Path | None = None,
    bundles: bc.BundleCorpus | None = None,
    export: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """`export`: P4's result from the same run (its throughput and CPU time), if it ran."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        corpus = bundles or bc.build(Path(tmp) / "bundles", quick, _log)
        return _measure(corpus, Path(tmp), export)


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _baseline(c: bc.BundleCorpus, folder: Path) -> dict[str, float]:
    try:
        return bc.age_import_baseline(c.full_bundle, c.identity_file, folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _measure(c: bc.BundleCorpus, tmp: Path, export: dict[str, Any] | None) -> dict[str, Any]:
    ours: list[dict[str, Any]] = []
    base: list[dict[str, float]] = []
    for _ in range(QUICK_ROUNDS if c.quick else FULL_ROUNDS):
        base.append(_baseline(c, tmp / "extracted"))
        ours.append(bc.import_child(c, tmp / "coordinator", c.full_bundle))
    half = bc.import_child(c, tmp / "coordinator", c.half_bundle)
    nbytes = ours[0]["plaintext_bytes"]
    fastest = min(ours, key=lambda r: r["seconds"])
    ours_s = fastest["seconds"]
    base_s = min(r["seconds"] for r in base)
    base_raw_s = min(r["pipeline_s"] for r in base)
    value = bc.mbps(nbytes, ours_s)
    baseline = bc.mbps(nbytes, base_s)
    if export is not None:
        export_source, export_mbps, export_cpu_s = "P4", export["value"], export["cpu_s"]
    else:
        export_source = "the export that built the bundle"
        export_mbps = bc.mbps(c.full_export["plaintext_bytes"], c.full_export["seconds"])
        export_cpu_s = c.full_export["cpu_s"]
    rss_half = half["rss_mb"]
    rss_full = max(r["rss_mb"] for r in ours)
    share = value / export_mbps
    return {
        "value": round(value, 1),
        "unit": "MB/s",
        "budget": ">= 0.8x export throughput; peak RSS <= 150 MB",
        "ok": share >= 0.8 and rss_full <= bc.RSS_BUDGET_MB and rss_half <= bc.RSS_BUDGET_MB,
        "baseline": round(baseline, 1),
        "ratio": round(value / baseline, 3),
        "rss_mb": rss_full,
        "quick": c.quick,
        "export_mbps": round(export_mbps, 1),
        "export_from": export_source,
        "share_of_export": round(share, 3),
        "cpu_s": round(fastest["cpu_s"], 2),
        "helper_cpu_s": round(fastest["helper_cpu_s"], 2),
        "export_cpu_s": round(export_cpu_s, 2),
        "cpu_share": round(export_cpu_s / fastest["cpu_s"], 3),
        "baseline_no_fsync": round(bc.mbps(nbytes, base_raw_s), 1),
        "ratio_no_fsync": round(value / bc.mbps(nbytes, base_raw_s), 3),
        "rss_half_mb": rss_half,
        "rss_full_mb": rss_full,
        "rss_flat": bc.flat(rss_half, rss_full),
        "rss_after_imports_mb": ours[0]["rss_open_mb"],
        # The report-parsing helper process runs beside the import (not in rss_mb).
        "helper_rss_mb": max(r["helper_rss_mb"] for r in [*ours, half]),
        "half_plaintext_mb": round(half["plaintext_bytes"] / bc.MB, 1),
        "plaintext_mb": round(nbytes / bc.MB, 1),
        "bundle_mb": round(c.full_bundle.stat().st_size / bc.MB, 1),
        "revisions": ours[0]["new_revisions"],
        "attachments": ours[0]["attachments"],
        "ours_s": [round(r["seconds"], 3) for r in ours],
        "baseline_s": [round(r["seconds"], 3) for r in base],
        "baseline_fsync_s": [round(r["fsync_s"], 3) for r in base],
        "half_s": round(half["seconds"], 3),
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    print(json.dumps({"P5": run(parser.parse_args().quick)}, indent=2))
