"""MGRS against reference points computed by GeographicLib and proj4js (their test suites)."""

from __future__ import annotations

import pytest

from fieldreport.geo.mgrs import to_mgrs, to_utm, zone_of

REFERENCES = [
    (33.3, 44.4, "38SMB4414084706"),  # GeographicLib's example
    (0.0, 0.0, "31NAA6602100000"),
    (0.0, -180.0, "01NAA6602100000"),
    (12.3456, 78.9012, "44PKU7177565663"),
    (36.236123461597515, -115.08209766323476, "11SPA7234911844"),  # proj4js mgrs
    (48.24949, 16.4145, "33UXP0500444997"),  # proj4js mgrs "33UXP04"
]


@pytest.mark.parametrize(("lat", "lon", "expected"), REFERENCES)
def test_reference_points(lat: float, lon: float, expected: str) -> None:
    assert to_mgrs(lat, lon, spaced=False) == expected


def test_precision_truncates_and_spacing() -> None:
    assert to_mgrs(33.3, 44.4) == "38S MB 44140 84706"
    assert to_mgrs(33.3, 44.4, 4) == "38S MB 4414 8470"
    assert to_mgrs(33.3, 44.4, 1, spaced=False) == "38SMB48"
    assert to_mgrs(33.3, 44.4, 0) == "38S MB"


def test_tonka_is_in_zone_30_band_q() -> None:
    utm = to_utm(16.131, -3.749)
    assert (utm.zone, utm.band, utm.northern) == (30, "Q", True)
    assert to_mgrs(16.131, -3.749).startswith("30Q VC ")


def test_southern_hemisphere_uses_the_false_northing() -> None:
    north = to_utm(0.0001, 3.0)
    south = to_utm(-0.0001, 3.0)
    assert south.band == "M" and not south.northern
    assert south.northing == pytest.approx(10_000_000 - north.northing, abs=0.01)
    assert south.easting == pytest.approx(500_000.0, abs=0.001)  # on the central meridian


@pytest.mark.parametrize(
    ("lat", "lon", "zone"),
    [(60.0, 4.0, 32), (60.0, 2.0, 31), (75.0, 8.0, 31), (75.0, 10.0, 33), (75.0, 40.0, 37),
     (16.0, -3.0, 30), (14.0, 0.0, 31), (0.0, 180.0, 1)],
)  # fmt: skip
def test_zone_exceptions(lat: float, lon: float, zone: int) -> None:
    assert zone_of(lat, lon) == zone


@pytest.mark.parametrize(("lat", "lon"), [(85.0, 0.0), (-81.0, 0.0), (0.0, 181.0)])
def test_outside_utm_is_refused(lat: float, lon: float) -> None:
    with pytest.raises(ValueError, match="out"):
        to_mgrs(lat, lon)


def test_bad_precision_is_refused() -> None:
    with pytest.raises(ValueError, match="precision"):
        to_mgrs(0.0, 0.0, 6)
