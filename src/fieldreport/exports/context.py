"""What every writer needs besides the reports: labels, language, and what was asked for."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from fieldreport.domain import Taxonomy, load_taxonomy

# One region outline for the sitrep map: its name and its rings of (lon, lat) points.
Outline = tuple[str, Sequence[Sequence[tuple[float, float]]]]


@dataclass(frozen=True)
class ExportContext:
    taxonomy: Taxonomy = field(default_factory=load_taxonomy)
    lang: str = "en"
    partner_safe: bool = False
    since: str | None = None  # the period asked for (the sitrep prints it)
    until: str | None = None
    filter_text: str = ""
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))
    outlines: Sequence[Outline] = ()  # from an installed map pack; empty: a plain grid
    country_outlines: Sequence[Outline] = ()
    attribution: str = ""  # the map pack's credit line, printed under the map
