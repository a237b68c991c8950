"""P2: full-text + filter query over 100k reports, first page. Budget p95 ≤ 30 ms."""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import corpus
from fieldreport.store.search import ReportQuery

OPERATIONS = 1000
PAGE = 100


def _queries(count: int) -> list[ReportQuery]:
    rng = random.Random(3)
    queries = []
    for i in range(count):
        words = " ".join(rng.sample(corpus.WORDS, rng.choice((1, 1, 2, 3))))
        kind = i % 4
        if kind == 0:
            q = ReportQuery(text=words, severity_min=rng.randint(2, 5), limit=PAGE)
        elif kind == 1:
            q = ReportQuery(text=words, adm1_pcode=rng.choice(corpus.PLACES)[3], limit=PAGE)
        elif kind == 2:
            month = rng.randint(1, 12)
            q = ReportQuery(text=words, since=f"2026-{month:02d}-01T00:00:00+00:00", limit=PAGE)
        else:
            q = ReportQuery(text=words[:3], event_type="Battles", limit=PAGE)  # prefix search
        queries.append(q)
    return queries


def run(quick: bool = False, workdir: Path | None = None, store: Any = None) -> dict[str, Any]:
    size = corpus.QUICK_SIZE if quick else corpus.FULL_SIZE
    ops = 300 if quick else OPERATIONS
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        own = store is None
        store = store or corpus.encrypted_store(Path(tmp) / "enc", size)
        samples, hits = [], 0
        for query in _queries(ops):
            start = time.perf_counter_ns()
            rows = store.list_reports(query)
            samples.append((time.perf_counter_ns() - start) / 1e6)
            hits += len(rows)
        if own:
            store.close()
    p = corpus.percentiles(samples)
    return {
        "value": round(p.p95, 3),
        "unit": "ms",
        "budget": "p95 <= 30 ms",
        "ok": p.p95 <= 30.0,
        "p50": round(p.p50, 3),
        "p99": round(p.p99, 3),
        "mean_hits": round(hits / ops, 1),
        "reports_stored": size,
        "operations": ops,
        "quick": quick,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    print(json.dumps({"P2": run(parser.parse_args().quick)}, indent=2))
