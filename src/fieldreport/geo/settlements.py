"""An organisation's settlements list: villages no public gazetteer has (Tonka, Léré, Boni…).

CSV, UTF-8, header row. Required columns `name`, `lat`, `lon`; optional `alt_names` (several
names separated by `|`: other spellings, the French name), `adm1_pcode`, `adm2_pcode`,
`population`. Installed as JSON (one object per settlement, same keys).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import asdict, dataclass
from typing import Any

from fieldreport.geo.geometry import GeometryError

MAX_SETTLEMENTS = 200_000


@dataclass(frozen=True)
class Settlement:
    name: str
    lat: float
    lon: float
    alt_names: tuple[str, ...] = ()
    adm1_pcode: str | None = None
    adm2_pcode: str | None = None
    population: int | None = None

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["alt_names"] = list(self.alt_names)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Settlement:
        return cls(
            name=str(data["name"]),
            lat=float(data["lat"]),
            lon=float(data["lon"]),
            alt_names=tuple(str(n) for n in data.get("alt_names") or ()),
            adm1_pcode=data.get("adm1_pcode") or None,
            adm2_pcode=data.get("adm2_pcode") or None,
            population=int(data["population"]) if data.get("population") is not None else None,
        )


def _number(text: str, line: int, column: str, limit: float) -> float:
    try:
        value = float(text.replace(",", "."))  # a French spreadsheet writes 16,131
    except ValueError:
        raise GeometryError(f"settlements line {line}: {column} {text!r} is not a number") from None
    if not math.isfinite(value) or abs(value) > limit:
        raise GeometryError(f"settlements line {line}: {column} {text!r} is out of range")
    return value


def parse_settlements_csv(raw: bytes) -> list[Settlement]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise GeometryError("the settlements file is not UTF-8 text") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = {"name", "lat", "lon"} - set(reader.fieldnames or ())
    if missing:
        raise GeometryError(
            f"the settlements file lacks the column(s) {', '.join(sorted(missing))}"
        )
    result = []
    for line, row in enumerate(reader, start=2):
        name = (row.get("name") or "").strip()
        if not name:
            continue
        population = (row.get("population") or "").strip()
        result.append(
            Settlement(
                name=name,
                lat=_number(row["lat"] or "", line, "lat", 90),
                lon=_number(row["lon"] or "", line, "lon", 180),
                alt_names=tuple(
                    n.strip() for n in (row.get("alt_names") or "").split("|") if n.strip()
                ),
                adm1_pcode=(row.get("adm1_pcode") or "").strip() or None,
                adm2_pcode=(row.get("adm2_pcode") or "").strip() or None,
                population=int(population) if population.isdigit() else None,
            )
        )
        if len(result) > MAX_SETTLEMENTS:
            raise GeometryError(f"the settlements file has more than {MAX_SETTLEMENTS} rows")
    return result
