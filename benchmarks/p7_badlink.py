"""P7: a bad link — a 20 MB bundle over 256 kbit/s with the connection cut every 30 s.

Budget: the upload completes and the bytes sent again stay ≤ 5 % of the bundle. Side by
side: a naive single POST of the whole bundle through the same link, which never completes
(each try dies at the next cut; three tries). The link is a loopback TCP proxy
(tests/relay/badlink.py) in front of a real `fieldreport-hq serve`; the sender is the real
sync engine of a real field store. --quick: 1 MB (one or two cuts).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx
from tests.relay.badlink import BadLink
from tests.relay.conftest import RelayServer, add_reports, make_org, run_hq

from fieldreport.sync.client import RelayClient, RelayError
from fieldreport.sync.engine import SyncEngine

RATE = 256_000 / 8  # 256 kbit/s in bytes per second
NAIVE_TRIES = 3


def _naive(url: str, org: Any, size: int, cut_every: float) -> bool:
    """One request carrying the whole bundle (what a plain HTTP POST does)."""
    data = os.urandom(size)
    sha = hashlib.sha256(data).hexdigest()
    with RelayClient(url, org.field.device_id, org.field.store.device.signing) as client:
        for _ in range(NAIVE_TRIES):
            try:
                doc = client.create_upload(sha, size, org.field.device_id, 10**6)
                if doc["state"] == "stored":
                    return True
                # No resume: always from byte 0, the whole bundle in one go.
                client.request(
                    "PATCH",
                    f"/v1/uploads/{doc['upload_id']}",
                    data,
                    {"X-FR-Offset": "0", "X-FR-Chunk-SHA256": sha},
                    timeout=cut_every * 3,
                )
                return True
            except (RelayError, httpx.HTTPError):
                continue
    return False


def run(quick: bool = False) -> dict[str, Any]:
    size, cut_every = (1_000_000, 30.0) if quick else (20_000_000, 30.0)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        hq = tmp / "hq"
        assert run_hq(hq, "init").returncode == 0
        relay = RelayServer(hq, None, workers=1).start()
        link = BadLink(relay.port, rate_bytes_per_s=RATE, cut_every=cut_every).start()
        org = make_org(tmp, hq, None, link.url)
        try:
            add_reports(org.field.store, tmp, 1, attachment_bytes=size)
            engine = SyncEngine(org.field.store, link.url)
            began = time.perf_counter()
            sent = passes = 0
            uploaded = False
            while not uploaded and time.perf_counter() - began < size / RATE * 4 + 120:
                result = engine.run_once()
                passes += 1
                sent += result.upload.bytes_sent
                uploaded = result.bundles_uploaded == 1
            seconds = time.perf_counter() - began
            engine.close()
            bundle_size = size  # the attachment dominates; the exact figure comes next
            with org.field.store.read() as conn:
                from sqlalchemy import select

                from fieldreport.store.tables import BUNDLE

                bundle_size = int(conn.execute(select(BUNDLE.c.size)).scalar_one())
            cuts = link.stats.cuts
            naive_ok = _naive(link.url, org, bundle_size, cut_every)
        finally:
            link.stop()
            relay.stop()
            org.close()
    resent = max(0.0, (sent - bundle_size) / bundle_size * 100)
    return {
        "value": round(resent, 2),
        "unit": "%",
        "budget": "completes; bytes re-sent <= 5 %; naive single POST never completes",
        "ok": uploaded and resent <= 5.0 and not naive_ok,
        "completed": uploaded,
        "seconds": round(seconds, 1),
        "bundle_bytes": bundle_size,
        "cuts": cuts,
        "passes": passes,
        "baseline": "never completes" if not naive_ok else "completed",
        "quick": quick,
    }


def main() -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/p7_badlink.py")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    print(json.dumps(run(args.quick), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
