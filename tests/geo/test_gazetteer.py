"""Offline place search: accents, aliases, settlements, and the region by point-in-polygon."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fieldreport.geo import mappack
from fieldreport.geo.gazetteer import Gazetteer, fold


@pytest.fixture(scope="module")
def packaged() -> Gazetteer:
    return Gazetteer()


def test_fold() -> None:
    assert fold("  Ségou ") == "segou"
    assert fold("Ké-Macina") == "ke macina"
    assert fold("TOMBOUCTOU") == "tombouctou"


def test_tombouctou_finds_timbuktu(packaged: Gazetteer) -> None:
    best = packaged.search("Tombouctou")[0]
    assert best.name == "Timbuktu" and best.country == "ML"
    assert best.matched == "Tombouctou"
    assert (best.lat, best.lon) == pytest.approx((16.77, -3.01), abs=0.01)
    assert best.adm1_pcode is None  # no map pack: no boundaries to test against


@pytest.mark.parametrize(
    ("query", "name"),
    [("segou", "Ségou"), ("SEGOU", "Ségou"), ("Menaka", "Ménaka"), ("ke macina", "Ké-Macina"),
     ("Kidal", "Kidal"), ("Bamak", "Bamako"), ("Niamey", "Niamey")],
)  # fmt: skip
def test_accents_case_and_prefixes(packaged: Gazetteer, query: str, name: str) -> None:
    assert packaged.search(query)[0].name == name


def test_mali_first_then_bigger_places(packaged: Gazetteer) -> None:
    results = packaged.search("Gao", limit=5)
    assert results[0].country == "ML" and results[0].name == "Gao"
    assert any(r.country == "BF" for r in results)  # Gao, Burkina Faso comes after


def test_nothing_found(packaged: Gazetteer) -> None:
    assert packaged.search("zzzqqq") == [] and packaged.search("  ,, ") == []


def test_the_packaged_data_is_small_and_credited() -> None:
    from fieldreport.geo.gazetteer import resources

    path = resources.files("fieldreport") / "resources" / "gazetteer.json"
    raw = path.read_bytes()
    assert len(raw) < 500_000
    doc = json.loads(raw)
    assert "GeoNames" in doc["licence"]
    assert sum(1 for p in doc["places"] if p[3] == "ML") >= 90


def test_pack_settlements_and_regions(tiny_pack: Path, tmp_path: Path) -> None:
    mappack.install(tiny_pack, tmp_path / "data")
    gazetteer = Gazetteer(mappack.load_active(tmp_path / "data"), packaged=False)
    koro = gazetteer.search("kôro")[0]  # an alternate name, accents ignored
    assert (koro.name, koro.source, koro.adm1_pcode) == ("Koro Tiny", "settlements", "ZZ01")
    assert gazetteer.search("dembe")[0].adm1_pcode == "ZZ02"
    assert gazetteer.region_of(11, 1.5).code == "ZZ02"  # type: ignore[union-attr]


def test_sample_pack_villages_with_p_codes(sample_pack: Path, tmp_path: Path) -> None:
    mappack.install(sample_pack, tmp_path / "data")
    gazetteer = Gazetteer(mappack.load_active(tmp_path / "data"))
    tonka = gazetteer.search("Tonka")[0]
    assert (tonka.lat, tonka.lon, tonka.adm1_pcode) == (16.131, -3.749, "ML06")
    assert tonka.source == "settlements"
    for query, pcode in [("Tombouctou", "ML06"), ("Lere", "ML06"), ("Hombori", "ML05"),
                         ("Boni", "ML05"), ("Ségou", "ML04"), ("Bamako", "ML09")]:  # fmt: skip
        assert gazetteer.search(query)[0].adm1_pcode == pcode, query
    assert gazetteer.search("Niamey")[0].adm1_pcode is None  # outside Mali's regions
