"""Read raster tiles from a map pack's MBTiles file (an SQLite file, TMS row order).

Opened read-only for each batch, so a reader thread never shares a connection; the file is
plain map imagery (not encrypted, nothing secret in it).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

TileKey = tuple[int, int, int]  # zoom, x, y (XYZ / "slippy map" order: y from the north)


@contextlib.contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def zoom_range(path: Path) -> tuple[int, int] | None:
    """The lowest and highest zoom levels the file holds (None: no tiles)."""
    with _connect(path) as conn:
        row = conn.execute("SELECT min(zoom_level), max(zoom_level) FROM tiles").fetchone()
    if row is None or row[0] is None:
        return None
    return int(row[0]), int(row[1])


def read_tiles(path: Path, keys: Iterable[TileKey]) -> dict[TileKey, bytes | None]:
    """The image bytes (PNG, JPEG or WebP) of each tile; None for tiles the file lacks."""
    found: dict[TileKey, bytes | None] = {}
    with _connect(path) as conn:
        for zoom, x, y in keys:
            row = conn.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                (zoom, x, (1 << zoom) - 1 - y),
            ).fetchone()
            found[(zoom, x, y)] = bytes(row[0]) if row is not None else None
    return found
