"""ACLED-style CSV: ACLED's column names and codes, for analysts who merge with ACLED data.

actor1 is the first perpetrator, actor2 the first target; inter1/inter2 are ACLED's numeric
interaction codes (1 state forces … 8 external/other forces). A missing actor name (unknown, or
dropped by partner-safe) is written as the actor type's label, as ACLED writes "Unidentified
Armed Group". admin2 holds the cercle's P-code: the taxonomy has no admin-2 names.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, BinaryIO

from fieldreport.exports.context import ExportContext
from fieldreport.exports.textio import defuse, text_stream

HEADER = (
    "event_date", "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2",
    "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
    "time_precision", "fatalities", "notes", "source",
)  # fmt: skip
INTER = {
    "state_forces": 1,
    "rebel_group": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external_forces": 8,
}


def _actor(doc: dict[str, Any], role: str, ctx: ExportContext) -> tuple[str, int | str]:
    for actor in doc.get("actors") or []:
        if actor.get("role") == role:
            kind = str(actor.get("type") or "")
            # English labels whatever --lang: ACLED's own data is in English.
            name = actor.get("name") or ctx.taxonomy.label("actor_type", kind, "en")
            return str(name), INTER.get(kind, "")
    return "", ""


def acled_row(doc: dict[str, Any], ctx: ExportContext) -> list[Any]:
    loc = doc.get("location") or {}
    actor1, inter1 = _actor(doc, "perpetrator", ctx)
    actor2, inter2 = _actor(doc, "target", ctx)
    pcode = loc.get("adm1_pcode")
    source = doc.get("source") or {}
    notes = doc.get("narrative") or doc.get("title") or ""
    return [
        str(doc["occurred_at"])[:10],
        doc["event_type"],
        doc["sub_event_type"],
        actor1,
        inter1,
        actor2,
        inter2,
        (ctx.taxonomy.adm1_name(pcode) or pcode) if pcode else "",
        loc.get("adm2_pcode") or "",
        loc.get("name") or "",
        loc.get("lat"),
        loc.get("lon"),
        loc.get("geo_precision") or 1,
        doc.get("time_precision") or 1,
        int((doc.get("casualties") or {}).get("killed") or 0),
        notes,
        ctx.taxonomy.label("source_type", source["type"], "en") if source.get("type") else "",
    ]


def write_acled(reports: Iterable[dict[str, Any]], out: BinaryIO, ctx: ExportContext) -> int:
    count = 0
    with text_stream(out) as text:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(HEADER)
        for doc in reports:
            writer.writerow([defuse(cell) for cell in acled_row(doc, ctx)])
            count += 1
    return count
