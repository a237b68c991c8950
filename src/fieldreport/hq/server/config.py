"""The relay's settings, handed from `fieldreport-hq serve` to its workers through the
environment (uvicorn starts each worker as a new process that imports the app factory)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from fieldreport.hq.server import db

ENV_DIR = "FIELDREPORT_HQ_DIR"
ENV_DB = "FIELDREPORT_HQ_DB"
ENV_RATE = "FIELDREPORT_HQ_RATE_LIMIT"
ENV_MAX_BUNDLE = "FIELDREPORT_HQ_MAX_BUNDLE"
ENV_WINDOW = "FIELDREPORT_HQ_CLOCK_WINDOW"

MAX_CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True)
class RelayConfig:
    data_dir: Path
    db_url: str
    rate_limit: int = 600  # signed requests per device per minute
    max_bundle: int = 2 * 1024**3
    clock_window: int = 300  # seconds either side of the server clock

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    def to_env(self) -> dict[str, str]:
        return {
            ENV_DIR: str(self.data_dir),
            ENV_DB: self.db_url,
            ENV_RATE: str(self.rate_limit),
            ENV_MAX_BUNDLE: str(self.max_bundle),
            ENV_WINDOW: str(self.clock_window),
        }

    @classmethod
    def from_env(cls) -> RelayConfig:
        data_dir = Path(os.environ[ENV_DIR])
        return cls(
            data_dir=data_dir,
            db_url=os.environ.get(ENV_DB) or db.default_url(data_dir),
            rate_limit=int(os.environ.get(ENV_RATE, "600")),
            max_bundle=int(os.environ.get(ENV_MAX_BUNDLE, str(2 * 1024**3))),
            clock_window=int(os.environ.get(ENV_WINDOW, "300")),
        )
