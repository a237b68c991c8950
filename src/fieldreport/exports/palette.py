"""Colours of the ACLED event types: one palette for the map, the charts and the PDF, so a
colour means the same thing wherever a reader meets it (Okabe–Ito, readable with the common
colour-vision deficiencies)."""

from __future__ import annotations

EVENT_TYPE_COLOURS: dict[str, str] = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#CC79A7",
    "Violence against civilians": "#B2182B",
    "Protests": "#0072B2",
    "Riots": "#E69F00",
    "Strategic developments": "#009E73",
}
OTHER_COLOUR = "#666666"


def event_type_colour(event_type: str) -> str:
    return EVENT_TYPE_COLOURS.get(event_type, OTHER_COLOUR)
