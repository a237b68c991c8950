"""Where a store lives: the data folder and the files inside it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "FieldReport"
DATA_DIR_ENV = "FIELDREPORT_DATA_DIR"


def default_data_dir() -> Path:
    """$FIELDREPORT_DATA_DIR, else the platform's per-user data folder."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class StoreLayout:
    """The files of one store. Names reveal nothing about the content (security.md)."""

    root: Path

    @property
    def key_file(self) -> Path:
        return self.root / "keyfile.json"

    @property
    def lockout_file(self) -> Path:
        return self.root / "unlock-state.json"

    @property
    def database(self) -> Path:
        return self.root / "store.db"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    def database_sidecars(self) -> list[Path]:
        """The DB and the files SQLite keeps beside it."""
        db = self.database
        return [
            db,
            db.with_name(db.name + "-wal"),
            db.with_name(db.name + "-shm"),
            db.with_name(db.name + "-journal"),
        ]

    def exists(self) -> bool:
        return self.key_file.exists()
