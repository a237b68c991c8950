"""P6: relay ingest — 50 devices uploading 20 small bundles each, all at once, on loopback,
through the sync engine's own upload path (one request per bundle of this size).

Budget: ≥ 300 bundles/s with no error; near-linear from 1 to 2 workers on PostgreSQL. The
same load runs against `fieldreport-hq serve` with 1 and then 2 workers on a throwaway
PostgreSQL cluster (tests/relay/pgcluster.py), and with 2 workers on SQLite; the scaling
ratio is measured side by side in the same run. Without PostgreSQL binaries only SQLite is
measured (and said). --quick: 20 devices × 10 bundles.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.relay import pgcluster
from tests.relay.conftest import RelayServer, run_hq
from tests.relay.load import enroll_devices, upload_all

from fieldreport.hq.server import db

# The smallest bundle the program writes (a payload padded to 64 KiB, plus the age header
# and STREAM tags for two recipients): what a field laptop sends after a day of reports.
BUNDLE_BYTES = 65_736


def _measure(
    tmp: Path, name: str, db_url: str | None, workers: int, devices: int, bundles: int
) -> dict[str, Any]:
    hq = tmp / name
    assert run_hq(hq, "init").returncode == 0
    relay = RelayServer(hq, db_url, workers=workers, rate_limit="100000").start()
    try:
        fleet = enroll_devices(db_url or db.default_url(hq), devices)
        folder = tmp / f"{name}-bundles"
        folder.mkdir()
        assert relay.proc is not None
        cpu_before = _group_cpu_s(relay.proc.pid)
        result = upload_all(relay.url, fleet, bundles, BUNDLE_BYTES, folder)
        relay_cpu = _group_cpu_s(relay.proc.pid) - cpu_before
    finally:
        relay.stop()
    total = devices * bundles
    return {
        "bundles_per_s": round(total / result.seconds, 1),
        # What one bundle costs the relay's processes: the same with 1 and 2 workers means
        # nothing is shared that would stop more cores from adding throughput.
        "relay_cpu_ms_per_bundle": round(1000 * relay_cpu / total, 2),
        "errors": len(result.errors),
        "stored_once": len(result.stored) == total and set(result.stored.values()) == {1},
    }


def _group_cpu_s(group: int) -> float:
    """CPU seconds (user + system) of every process in a process group (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        if int(fields[2]) == group:  # pgrp
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


def run(quick: bool = False) -> dict[str, Any]:
    devices, bundles = (20, 10) if quick else (50, 20)
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        bin_dir = pgcluster.find_bin()
        cluster = pgcluster.Cluster(bin_dir).start() if bin_dir else None
        try:
            if cluster:
                for workers in (1, 2):
                    url = cluster.create_database(f"p6_w{workers}")
                    figures[f"postgresql_{workers}w"] = _measure(
                        tmp, f"pg{workers}", url, workers, devices, bundles
                    )
            figures["sqlite_2w"] = _measure(tmp, "sqlite", None, 2, devices, bundles)
        finally:
            if cluster:
                cluster.stop()
    main = figures.get("postgresql_2w") or figures["sqlite_2w"]
    scaling = None
    if cluster:
        scaling = round(
            figures["postgresql_2w"]["bundles_per_s"] / figures["postgresql_1w"]["bundles_per_s"], 2
        )
    clean = all(f["errors"] == 0 and f["stored_once"] for f in figures.values())
    return {
        "value": main["bundles_per_s"],
        "unit": "bundles/s",
        "budget": ">= 300 bundles/s, no error; near-linear 1 -> 2 workers (PostgreSQL)",
        "ok": main["bundles_per_s"] >= 300 and clean,
        "baseline": figures.get("postgresql_1w", {}).get("bundles_per_s"),
        "ratio": scaling,
        "database": "postgresql" if cluster else "sqlite (PostgreSQL binaries missing)",
        "devices": devices,
        "bundles_per_device": bundles,
        "figures": figures,
        "quick": quick,
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/p6_relay.py")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(json.dumps(run(args.quick), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
