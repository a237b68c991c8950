"""Latitude/longitude (WGS 84) → UTM and MGRS, the grid references security staff radio.

UTM uses Krüger's series to the third order in n (as in Karney 2011, "Transverse Mercator
with an accuracy of a few nanometers", truncated): millimetre-accurate within a zone, far
better than MGRS's 1 m resolution. MGRS follows the "AA" lettering of WGS 84 (NGA.SIG.0012),
including the Norway (32V) and Svalbard (31X–37X) zone exceptions. Digits are truncated, not
rounded: an MGRS reference names the square the point is in. Polar areas (UPS, beyond 84°N
and 80°S) are refused: not needed in the Sahel, and a wrong answer there is worse than none.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

A_AXIS = 6_378_137.0
FLATTENING = 1 / 298.257223563
K0 = 0.9996
FALSE_EASTING = 500_000.0
FALSE_NORTHING_SOUTH = 10_000_000.0

_N = FLATTENING / (2 - FLATTENING)
_RECTIFYING = A_AXIS / (1 + _N) * (1 + _N**2 / 4 + _N**4 / 64)
_ALPHA = (
    _N / 2 - 2 * _N**2 / 3 + 5 * _N**3 / 16,
    13 * _N**2 / 48 - 3 * _N**3 / 5,
    61 * _N**3 / 240,
)
_ECC = 2 * math.sqrt(_N) / (1 + _N)  # first eccentricity

BANDS = "CDEFGHJKLMNPQRSTUVWX"  # 8° each from 80°S; X spans 72°N–84°N
_COLUMNS = ("ABCDEFGH", "JKLMNPQR", "STUVWXYZ")
_ROWS = "ABCDEFGHJKLMNPQRSTUV"


@dataclass(frozen=True)
class Utm:
    zone: int
    band: str
    easting: float
    northing: float

    @property
    def northern(self) -> bool:
        return self.band >= "N"


def _check(lat: float, lon: float) -> None:
    if not (math.isfinite(lat) and math.isfinite(lon)):
        raise ValueError("latitude and longitude must be finite numbers")
    if not -80.0 <= lat <= 84.0:
        raise ValueError(f"latitude {lat} is outside UTM/MGRS (80°S to 84°N)")
    if not -180.0 <= lon <= 180.0:
        raise ValueError(f"longitude {lon} is out of range (-180 to 180)")


def zone_of(lat: float, lon: float) -> int:
    lon = -180.0 if lon == 180.0 else lon  # 180°E is 180°W: zone 1 (as GeographicLib)
    zone = int((lon + 180.0) // 6) + 1
    if 56.0 <= lat < 64.0 and 3.0 <= lon < 12.0:
        return 32  # south-west Norway
    if lat >= 72.0 and 0.0 <= lon < 42.0:  # Svalbard: zones 31, 33, 35, 37 only
        return 31 if lon < 9 else 33 if lon < 21 else 35 if lon < 33 else 37
    return zone


def band_of(lat: float) -> str:
    return BANDS[min(int((lat + 80.0) // 8), len(BANDS) - 1)]


def to_utm(lat: float, lon: float) -> Utm:
    _check(lat, lon)
    zone = zone_of(lat, lon)
    central = math.radians((zone - 1) * 6 - 180 + 3)
    phi = math.radians(lat)
    dlam = math.radians(lon) - central
    dlam = (dlam + math.pi) % (2 * math.pi) - math.pi  # 180°E in zone 1
    sin_phi = math.sin(phi)
    t = math.sinh(math.atanh(sin_phi) - _ECC * math.atanh(_ECC * sin_phi))
    xi = math.atan2(t, math.cos(dlam))
    eta = math.atanh(math.sin(dlam) / math.sqrt(1 + t * t))
    easting_sum = eta + sum(
        a * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, a in enumerate(_ALPHA, start=1)
    )
    northing_sum = xi + sum(
        a * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, a in enumerate(_ALPHA, start=1)
    )
    easting = FALSE_EASTING + K0 * _RECTIFYING * easting_sum
    northing = K0 * _RECTIFYING * northing_sum
    if lat < 0:
        northing += FALSE_NORTHING_SOUTH
    return Utm(zone, band_of(lat), easting, northing)


def square_letters(zone: int, easting: float, northing: float) -> str:
    """The 100 km square: column letters cycle every 3 zones, rows every 2 (offset by 5)."""
    column = _COLUMNS[(zone - 1) % 3][int(easting // 100_000) - 1]
    row_offset = 5 if zone % 2 == 0 else 0
    row = _ROWS[(int(northing // 100_000) + row_offset) % len(_ROWS)]
    return column + row


def to_mgrs(lat: float, lon: float, digits: int = 5, *, spaced: bool = True) -> str:
    """MGRS of a point: `digits` per axis (5 = 1 m, 4 = 10 m … 0 = the 100 km square).

    spaced: "30P VC 12345 67890" (how it is read out); else "30PVC1234567890".
    """
    if not 0 <= digits <= 5:
        raise ValueError("MGRS precision is 0 to 5 digits")
    utm = to_utm(lat, lon)
    square = square_letters(utm.zone, utm.easting, utm.northing)
    # A hair of tolerance: 99999.99999… from floating point belongs to the next metre.
    east = math.floor(utm.easting % 100_000 + 1e-6) % 100_000
    north = math.floor(utm.northing % 100_000 + 1e-6) % 100_000
    scale = 10 ** (5 - digits)
    e_text = f"{east // scale:0{digits}d}" if digits else ""
    n_text = f"{north // scale:0{digits}d}" if digits else ""
    parts = [f"{utm.zone:02d}{utm.band}", square, e_text, n_text]
    return " ".join(p for p in parts if p) if spaced else "".join(parts)
