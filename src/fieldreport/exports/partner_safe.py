"""The partner-safe transformation of schema.md, applied to each report before any writer.

Dropped: every free text that may name a person (narrative, actions taken, follow-up, tags,
attachment names, source name, actor names) and the title, which is free text too and is
rebuilt from the event type and place. Internal reports are never exported (the filter drops
them; `make_partner_safe` refuses them as a second guard).

Abductions, sexual violence and custody cases are the ones where an exact point can lead
someone to the victim or witness: their coordinates are rounded to 0.1° (about 11 km), the
place name is replaced by the region, and the geo precision says "near" (ACLED 2).
"""

from __future__ import annotations

import copy
from typing import Any

from fieldreport.domain import Taxonomy

ROUNDING_DEGREES = 1  # decimals kept: 0.1°
SENSITIVE_SUB_EVENTS = frozenset({"Abduction/forced disappearance", "Sexual violence", "Arrests"})
SENSITIVE_MEANS = frozenset(
    {"Kidnapping", "Kidnap-killing", "Rape/sexual assault", "Detention/arrest"}
)
SENSITIVE_LOCATION_TYPES = frozenset({"custody"})
SENSITIVE_CONTEXTS = frozenset({"Detention"})
_FREE_TEXT = ("narrative", "actions_taken", "follow_up")


class PartnerSafeError(ValueError):
    """A report that must never leave the organisation reached the partner-safe step."""


def is_sensitive(doc: dict[str, Any]) -> bool:
    """An abduction, sexual violence or custody case, by any of the fields that say so."""
    loc = doc.get("location") or {}
    casualties = doc.get("casualties") or {}
    return (
        doc.get("sub_event_type") in SENSITIVE_SUB_EVENTS
        or doc.get("means") in SENSITIVE_MEANS
        or doc.get("attack_context") in SENSITIVE_CONTEXTS
        or loc.get("location_type") in SENSITIVE_LOCATION_TYPES
        or bool(casualties.get("abducted"))
        or bool(casualties.get("detained"))
    )


def make_partner_safe(doc: dict[str, Any], taxonomy: Taxonomy, lang: str = "en") -> dict[str, Any]:
    """A copy of `doc` fit for partners (the input is left as it was)."""
    if doc.get("sharing_level", "internal") == "internal":
        raise PartnerSafeError(f"report {doc.get('id')} is internal and cannot be shared")
    safe = copy.deepcopy(doc)
    for name in _FREE_TEXT:
        if name in safe:
            safe[name] = ""
    safe["tags"] = []
    safe["attachments"] = []
    if isinstance(safe.get("source"), dict):
        safe["source"]["name"] = None
    for actor in safe.get("actors") or []:
        actor["name"] = None
    loc = safe.setdefault("location", {})
    region = taxonomy.adm1_name(loc["adm1_pcode"]) if loc.get("adm1_pcode") else None
    if is_sensitive(doc):
        for axis in ("lat", "lon"):
            if loc.get(axis) is not None:
                loc[axis] = round(float(loc[axis]), ROUNDING_DEGREES) + 0.0
        loc["name"] = region or ""
        loc["adm2_pcode"] = None
        loc["geo_precision"] = max(int(loc.get("geo_precision") or 1), 2)
    place = loc.get("name") or region or ""
    kind = taxonomy.sub_event_label(doc["event_type"], doc["sub_event_type"], lang)
    safe["title"] = f"{kind} – {place}" if place else kind
    return safe
