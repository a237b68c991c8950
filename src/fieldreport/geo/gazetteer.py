"""Offline place-name search: GeoNames places packaged with the program + the map pack's
settlements, with the admin-1 P-code found by point-in-polygon in the pack's boundaries.

Matching ignores case, accents and punctuation ("segou" finds Ségou, "Ke Macina" finds
Ké-Macina) and looks at alternate names ("Tombouctou" finds Timbuktu). Results rank exact
names before prefixes before words inside a name; then places in the pack's country (Mali by
default), then bigger places. Settlements of the pack come first among equals: they are the
organisation's own list and GeoNames lacks most villages.
"""

from __future__ import annotations

import bisect
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


def _index_keys(names: Sequence[tuple[str, str]]) -> Iterable[tuple[str, int, str]]:
    """Each name from each word on: "ke macina" gives "ke macina" and "macina", so one
    prefix lookup in a sorted list finds whole names, their prefixes and inner words."""
    for position, (key, original) in enumerate(names):
        main = position == 0
        yield key, (EXACT if main else ALIAS_EXACT), original
        for match in re.finditer(" ", key):
            yield key[match.end() :], WORD, original


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
        # Sorted (key, entry number, kind, original): a search is a bisect plus a short walk,
        # fast enough to run on every keystroke with 100k settlements.
        index = [
            (key, number, kind, original)
            for number, entry in enumerate(self._entries)
            for key, kind, original in _index_keys(entry.names)
        ]
        index.sort()
        self._keys = [item[0] for item in index]
        self._index = index

    def __len__(self) -> int:
        return len(self._entries)

    def region_of(self, lat: float, lon: float) -> Region | None:
        """The pack's admin-1 region containing the point (None without a pack or outside)."""
        return region_at(self._regions, lon, lat)

    def search(self, query: str, limit: int = 10) -> list[Place]:
        folded = fold(query)
        if not folded:
            return []
        best: dict[int, tuple[int, str]] = {}  # entry number -> (score, matched name)
        for position in range(bisect.bisect_left(self._keys, folded), len(self._keys)):
            key, number, kind, original = self._index[position]
            if not key.startswith(folded):
                break
            if kind != WORD and key != folded:
                kind = PREFIX if kind == EXACT else ALIAS_PREFIX
            if number not in best or kind < best[number][0]:
                best[number] = (kind, original)
        found = []
        for number, (score, matched) in best.items():
            entry = self._entries[number]
            place = entry.place
            rank = (
                score,
                place.country != self._home,
                place.source != "settlements",
                -place.population,
                number,
            )
            found.append((rank, entry, matched))
        found.sort(key=lambda item: item[0])
        results: list[Place] = []
        seen: set[tuple[str, float, float]] = set()
        for _rank, entry, matched in found:
            place = entry.place
            # The same village in the settlements list and in GeoNames: keep the first.
            same = (entry.names[0][0], round(place.lat, 1), round(place.lon, 1))
            if same in seen:
                continue
            seen.add(same)
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
