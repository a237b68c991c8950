"""Offline place-name search: GeoNames places packaged with the program + the map pack's
settlements, with the admin-1 P-code found by point-in-polygon in the pack's boundaries.

Matching ignores case, accents and punctuation ("segou" finds Ségou, "Ke Macina" finds
Ké-Macina) and looks at alternate names ("Tombouctou" finds Timbuktu). Results rank exact
names before prefixes before words inside a name; then places in the pack's country (Mali by
default), then bigger places. Settlements of the pack come first among equals: they are the
organisation's own list and GeoNames lacks most villages.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

from fieldreport.geo.geometry import Region, region_at
from fieldreport.geo.mappack import MapPack

HOME_COUNTRY = "ML"
_NOT_WORD = re.compile(r"[^0-9a-z]+")
EXACT, ALIAS_EXACT, PREFIX, ALIAS_PREFIX, WORD = range(5)


def fold(text: str) -> str:
    """Lower case, no accents, words separated by single spaces: the form names match in."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = plain.replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    return _NOT_WORD.sub(" ", plain).strip()


@dataclass(frozen=True)
class Place:
    name: str
    lat: float
    lon: float
    country: str
    adm1_pcode: str | None = None
    adm2_pcode: str | None = None
    population: int = 0
    source: str = "geonames"  # or "settlements"
    matched: str = ""  # the name or alternate name the query matched

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "lat": self.lat,
            "lon": self.lon,
            "country": self.country,
            "adm1_pcode": self.adm1_pcode,
            "adm2_pcode": self.adm2_pcode,
            "population": self.population,
            "source": self.source,
            "matched": self.matched,
        }


@dataclass(frozen=True)
class _Entry:
    place: Place
    names: tuple[tuple[str, str], ...]  # (folded, original); the main name first


@functools.cache
def _packaged() -> tuple[_Entry, ...]:
    raw = (resources.files("fieldreport") / "resources" / "gazetteer.json").read_text("utf-8")
    doc = json.loads(raw)
    entries = []
    for name, lat, lon, country, population, _gid, alternates in doc["places"]:
        place = Place(name, float(lat), float(lon), country, population=int(population))
        entries.append(_Entry(place, _names(name, alternates)))
    return tuple(entries)


def _names(name: str, alternates: Iterable[str]) -> tuple[tuple[str, str], ...]:
    seen: dict[str, str] = {}
    for text in (name, *alternates):
        key = fold(text)
        if key and key not in seen:
            seen[key] = text
    return tuple(seen.items())


def _score(names: Sequence[tuple[str, str]], query: str) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for index, (key, original) in enumerate(names):
        main = index == 0
        if key == query:
            score = EXACT if main else ALIAS_EXACT
        elif key.startswith(query):
            score = PREFIX if main else ALIAS_PREFIX
        elif f" {query}" in f" {key}":
            score = WORD
        else:
            continue
        if best is None or score < best[0]:
            best = (score, original)
    return best


class Gazetteer:
    def __init__(self, pack: MapPack | None = None, *, packaged: bool = True) -> None:
        self._regions: list[Region] = pack.admin1 if pack is not None else []
        self._home = (pack.manifest.country if pack is not None else None) or HOME_COUNTRY
        entries: list[_Entry] = []
        if pack is not None:
            for s in pack.settlements:
                place = Place(
                    s.name,
                    s.lat,
                    s.lon,
                    self._home,
                    s.adm1_pcode,
                    s.adm2_pcode,
                    s.population or 0,
                    "settlements",
                )
                entries.append(_Entry(place, _names(s.name, s.alt_names)))
        self._entries = entries + list(_packaged() if packaged else ())

    def __len__(self) -> int:
        return len(self._entries)

    def region_of(self, lat: float, lon: float) -> Region | None:
        """The pack's admin-1 region containing the point (None without a pack or outside)."""
        return region_at(self._regions, lon, lat)

    def search(self, query: str, limit: int = 10) -> list[Place]:
        folded = fold(query)
        if not folded:
            return []
        found = []
        for order, entry in enumerate(self._entries):
            hit = _score(entry.names, folded)
            if hit is None:
                continue
            place = entry.place
            rank = (
                hit[0],
                place.country != self._home,
                place.source != "settlements",
                -place.population,
                order,
            )
            found.append((rank, entry, hit[1]))
        found.sort(key=lambda item: item[0])
        results: list[Place] = []
        seen: set[tuple[str, float, float]] = set()
        for _rank, entry, matched in found:
            place = entry.place
            # The same village in the settlements list and in GeoNames: keep the first.
            key = (entry.names[0][0], round(place.lat, 1), round(place.lon, 1))
            if key in seen:
                continue
            seen.add(key)
            results.append(self._complete(place, matched))
            if len(results) >= limit:
                break
        return results

    def _complete(self, place: Place, matched: str) -> Place:
        adm1 = place.adm1_pcode
        if adm1 is None:
            region = self.region_of(place.lat, place.lon)
            adm1 = region.code if region is not None else None
        return Place(
            place.name,
            place.lat,
            place.lon,
            place.country,
            adm1,
            place.adm2_pcode,
            place.population,
            place.source,
            matched,
        )
