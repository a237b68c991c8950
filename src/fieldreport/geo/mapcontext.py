"""The outlines a printed map needs (the PDF sitrep), taken from the active map pack."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fieldreport.geo.geometry import Ring
from fieldreport.geo.mappack import load_active, region_label

Outline = tuple[str, Sequence[Sequence[tuple[float, float]]]]


@dataclass(frozen=True)
class MapContext:
    outlines: tuple[Outline, ...]  # admin-1 regions
    countries: tuple[Outline, ...]  # neighbours, drawn as background
    attribution: str


def map_context(data_dir: Path, lang: str = "en") -> MapContext | None:
    """None when no pack is installed: the sitrep then draws a plain lat/lon grid."""
    pack = load_active(data_dir)
    if pack is None:
        return None

    def outlines(role: str) -> tuple[Outline, ...]:
        regions = pack.layers.get(role, [])
        return tuple((region_label(r, lang), _outer(r.rings())) for r in regions)

    return MapContext(outlines("admin1"), outlines("countries"), pack.manifest.attribution)


def _outer(rings: list[Ring]) -> list[list[tuple[float, float]]]:
    return [list(ring) for ring in rings]
