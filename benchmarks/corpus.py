"""Synthetic stores for the benchmarks: N realistic reports, encrypted or plain SQLite.

Built once per run in a temporary folder and shared by P1, P2 and P3. The reports go through
the real write path (validation, chain, FTS, outbox) in large transactions so building 100k
takes about a minute rather than the time of 100k separate commits.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from fieldreport.domain import load_taxonomy
from fieldreport.paths import StoreLayout
from fieldreport.store import device, migrate, reports
from fieldreport.store.engine import make_engine
from fieldreport.store.store import OpenInfo, Store
from fieldreport.store.tables import DEVICE

PASSPHRASE = "benchmark passphrase only"
FULL_SIZE = 100_000
QUICK_SIZE = 10_000
PLACES = [
    ("Tombouctou", 16.7735, -3.0074, "ML06"),
    ("Goundam", 16.4145, -3.6708, "ML06"),
    ("Tonka", 16.131, -3.749, "ML06"),
    ("Gao", 16.2717, -0.0447, "ML07"),
    ("Ménaka", 15.9182, 2.4022, "ML10"),
    ("Mopti", 14.4843, -4.1830, "ML05"),
    ("Douentza", 15.0019, -2.9498, "ML05"),
    ("Kidal", 18.4411, 1.4078, "ML08"),
    ("Ségou", 13.4317, -6.2157, "ML04"),
    ("Bamako", 12.6392, -8.0029, "ML09"),
]
WORDS = [
    "checkpoint",
    "convoy",
    "fuel",
    "blockade",
    "road",
    "closed",
    "armed",
    "men",
    "motorbikes",
    "truck",
    "drivers",
    "market",
    "village",
    "abduction",
    "threat",
    "letter",
    "curfew",
    "patrol",
    "ambush",
    "mine",
    "engin",
    "explosif",
    "barrage",
    "carburant",
    "route",
    "fermée",
    "hommes",
    "armés",
    "enlèvement",
    "menace",
    "marché",
    "convoi",
    "pénurie",
    "displacement",
    "water",
    "well",
    "school",
    "clinic",
    "football",
    "teacher",
    "trader",
    "herders",
    "cattle",
    "river",
    "ferry",
    "bridge",
    "bus",
    "passengers",
    "phones",
    "searched",
    "released",
    "detained",
    "questioned",
]


def _report(rng: random.Random, pairs: list[tuple[str, str]]) -> dict[str, Any]:
    name, lat, lon, pcode = rng.choice(PLACES)
    event, sub = rng.choice(pairs)
    day = rng.randint(1, 28)
    month = rng.randint(1, 12)
    year = rng.choice((2025, 2026))
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 60)))
    return {
        "title": " ".join(rng.choice(WORDS) for _ in range(6)).capitalize(),
        "occurred_at": f"{year}-{month:02d}-{day:02d}T{rng.randint(0, 23):02d}:15:00+00:00",
        "event_type": event,
        "sub_event_type": sub,
        "location": {
            "name": name,
            "lat": round(lat + rng.uniform(-0.2, 0.2), 5),
            "lon": round(lon + rng.uniform(-0.2, 0.2), 5),
            "adm1_pcode": pcode,
        },
        "narrative": words,
        "severity": rng.randint(1, 5),
    }


def sample_reports(count: int, seed: int = 7) -> list[dict[str, Any]]:
    tax = load_taxonomy()
    pairs = [(e, s) for e in tax.event_types() for s in tax.sub_event_types(e)]
    rng = random.Random(seed)
    return [_report(rng, pairs) for _ in range(count)]


def fill(store: Store, count: int, batch: int = 5000) -> None:
    for start in range(0, count, batch):
        chunk = sample_reports(min(batch, count - start), seed=start)
        with store.write() as conn:
            for data in chunk:
                reports.create_report(conn, data, store.device.device_id)


def encrypted_store(folder: Path, count: int, *, calibrated: bool = False) -> Store:
    if not calibrated:
        os.environ["FIELDREPORT_KDF_NO_CALIBRATION"] = "1"
    else:
        os.environ.pop("FIELDREPORT_KDF_NO_CALIBRATION", None)
    store = Store.init(folder, PASSPHRASE, key_type="x25519")
    fill(store, count)
    return store


def plain_store(folder: Path, count: int) -> Store:
    """The same schema and code on unencrypted SQLite (the P1 baseline)."""
    folder.mkdir(parents=True, exist_ok=True)
    layout = StoreLayout(folder)
    engine = make_engine(layout.database, b"", plain=True, create=True)
    migrate.upgrade(engine)
    keys = device.generate("field", "x25519")
    with engine.begin() as conn:
        conn.execute(DEVICE.insert().values(**keys.to_row()))
    store = Store(layout, b"", engine, OpenInfo(kdf_seconds=0.0))
    fill(store, count)
    return store


@dataclass(frozen=True)
class Percentiles:
    p50: float
    p95: float
    p99: float
    n: int


def percentiles(samples_ms: list[float]) -> Percentiles:
    ordered = sorted(samples_ms)
    q = statistics.quantiles(ordered, n=100, method="inclusive")
    return Percentiles(p50=q[49], p95=q[94], p99=q[98], n=len(ordered))
