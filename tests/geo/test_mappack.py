"""Installing and loading map packs: folder or zip, normalised copy, refusals, replacement."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from fieldreport.geo import mappack
from fieldreport.geo.geometry import region_at
from fieldreport.geo.manifest import MapPackError
from fieldreport.geo.mapcontext import map_context


def test_install_a_folder_and_load_it(tiny_pack: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    manifest = mappack.install(tiny_pack, data_dir)
    assert manifest.id == "tiny"
    assert mappack.installed_ids(data_dir) == ["tiny"] and mappack.active_id(data_dir) == "tiny"
    pack = mappack.load_active(data_dir)
    assert pack is not None
    assert [r.code for r in pack.admin1] == ["ZZ01", "ZZ02"]
    assert region_at(pack.admin1, -1, 11).name == "Ouest"  # type: ignore[union-attr]
    assert mappack.region_label(pack.admin1[0], "en") == "West"
    assert [s.name for s in pack.settlements] == ["Koro Tiny", "Dembé"]
    installed = json.loads((data_dir / "mappacks" / "tiny" / "mappack.json").read_text())
    assert installed["layers"][0]["file"] == "adm1.geojson" and "installed_at" in installed


def test_sample_pack_from_shared_data(sample_pack: Path, tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    mappack.install(sample_pack.with_suffix(".zip"), data_dir)  # zipped with its folder
    pack = mappack.load_active(data_dir)
    assert pack is not None and pack.manifest.id == "sample-mali"
    codes = sorted(r.code for r in pack.admin1)
    assert codes == [f"ML0{i}" for i in range(1, 10)]  # ISO codes mapped to P-codes
    assert region_at(pack.admin1, -3.749, 16.131).code == "ML06"  # type: ignore[union-attr]
    assert len(pack.layers["countries"]) == 8  # Mali and its seven neighbours
    names = {s.name: s for s in pack.settlements}
    assert {"Tonka", "Léré", "Boni", "Hombori"} <= set(names)
    assert (names["Tonka"].lat, names["Tonka"].lon) == (16.131, -3.749)
    context = map_context(data_dir, "fr")
    assert context is not None and len(context.outlines) == 9
    assert "Algérie" in {name for name, _ in context.countries}
    assert "geoBoundaries" in context.attribution


def test_reinstall_replaces_and_a_bad_pack_leaves_the_old_one(
    tiny_pack: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    mappack.install(tiny_pack, data_dir)
    manifest = json.loads((tiny_pack / "mappack.json").read_text())
    manifest["version"] = "2"
    (tiny_pack / "mappack.json").write_text(json.dumps(manifest))
    assert mappack.install(tiny_pack, data_dir).version == "2"
    (tiny_pack / "regions.geojson").write_text("{not json")
    manifest["version"] = "3"
    (tiny_pack / "mappack.json").write_text(json.dumps(manifest))
    with pytest.raises(MapPackError, match="not valid JSON"):
        mappack.install(tiny_pack, data_dir)
    pack = mappack.load_active(data_dir)
    assert pack is not None and pack.manifest.version == "2"
    leftovers = [p.name for p in (data_dir / "mappacks").iterdir()]
    assert sorted(leftovers) == ["active", "tiny"]  # no staging or old copies


def _edit(pack: Path, **changes: object) -> None:
    manifest = json.loads((pack / "mappack.json").read_text())
    manifest.update(changes)
    (pack / "mappack.json").write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"format": "other/1"}, "format must be"),
        ({"colour": "red"}, "unknown key"),
        ({"id": "../escape"}, "id '../escape'"),
        ({"settlements": "../../etc/passwd"}, "plain file name"),
        ({"settlements": "missing.csv"}, "missing"),
        ({"layers": [{"id": "a", "role": "admin9", "file": "regions.geojson",
                      "code_property": "pcode", "name_property": "name"}]}, "role"),
        ({"layers": [{"id": "a", "role": "admin1", "file": "regions.geojson",
                      "code_property": "PCODE", "name_property": "name"}]}, "no 'PCODE'"),
        ({"layers": [{"id": "a", "role": "admin1", "file": "gone.shp",
                      "code_property": "pcode", "name_property": "name"}]}, "missing"),
        ({"tiles": "villages.csv"}, "not an MBTiles"),
    ],
)  # fmt: skip
def test_bad_manifests_are_refused(
    changes: dict[str, object], message: str, tiny_pack: Path, tmp_path: Path
) -> None:
    _edit(tiny_pack, **changes)
    with pytest.raises(MapPackError, match=message):
        mappack.install(tiny_pack, tmp_path / "data")
    assert mappack.installed_ids(tmp_path / "data") == []


def test_bad_settlements_are_refused(tiny_pack: Path, tmp_path: Path) -> None:
    (tiny_pack / "villages.csv").write_text("name,lat,lon\nX,91,0\n")
    with pytest.raises(MapPackError, match="line 2: lat"):
        mappack.install(tiny_pack, tmp_path / "data")


def test_zip_with_an_unsafe_path_is_refused(tiny_pack: Path, tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.write(tiny_pack / "mappack.json", "mappack.json")
        zf.writestr("../../outside.txt", "x")
    with pytest.raises(MapPackError, match="unsafe path"):
        mappack.install(archive, tmp_path / "data")
    assert not (tmp_path / "outside.txt").exists()


def test_not_a_pack(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("hello")
    with pytest.raises(MapPackError, match=r"neither a folder nor a \.zip"):
        mappack.install(tmp_path / "file.txt", tmp_path / "data")
    with pytest.raises(MapPackError, match=r"no mappack\.json"):
        mappack.install(tmp_path, tmp_path / "data")
    assert mappack.load_active(tmp_path / "data") is None


def test_tiles_are_installed(tiny_pack: Path, tmp_path: Path) -> None:
    import sqlite3

    con = sqlite3.connect(tiny_pack / "tiles.mbtiles")
    con.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    con.commit()
    con.close()
    _edit(tiny_pack, tiles="tiles.mbtiles")
    mappack.install(tiny_pack, tmp_path / "data")
    pack = mappack.load_active(tmp_path / "data")
    assert pack is not None and pack.tiles is not None and pack.tiles.exists()


def test_the_demo_installs_the_sample_pack_once(
    sample_pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fieldreport.geo.sample import SAMPLE_GEO_ENV, install_sample_pack
    from tests.geo.conftest import SHARED_GEO

    monkeypatch.setenv(SAMPLE_GEO_ENV, str(SHARED_GEO))
    data_dir = tmp_path / "demo"
    assert install_sample_pack(data_dir) is True
    assert mappack.active_id(data_dir) == "sample-mali"
    assert install_sample_pack(data_dir) is False  # a pack is already active: left alone


def test_a_pack_built_from_a_shapefile_export(tmp_path: Path) -> None:
    from tests.geo.conftest import write_shapefile

    folder = tmp_path / "shp-pack"
    folder.mkdir()
    west = [(-2.0, 10.0), (-2.0, 12.0), (0.0, 12.0), (0.0, 10.0), (-2.0, 10.0)]
    east = [(0.0, 10.0), (0.0, 12.0), (2.0, 12.0), (2.0, 10.0), (0.0, 10.0)]
    write_shapefile(folder / "adm1", [[west], [east]], ["Ségou", "Mopti"])
    manifest = {
        "format": "fieldreport-mappack/1",
        "id": "from-shp",
        "name": "From a shapefile",
        "version": "1",
        "layers": [
            {"id": "adm1", "role": "admin1", "file": "adm1.shp", "code_property": "NAME",
             "name_property": "NAME", "code_map": {"Ségou": "ML04", "Mopti": "ML05"}}
        ],
    }  # fmt: skip
    (folder / "mappack.json").write_text(json.dumps(manifest), "utf-8")
    mappack.install(folder, tmp_path / "data")
    pack = mappack.load_active(tmp_path / "data")
    assert pack is not None
    assert [(r.code, r.name) for r in pack.admin1] == [("ML04", "Ségou"), ("ML05", "Mopti")]
    assert region_at(pack.admin1, 1, 11).code == "ML05"  # type: ignore[union-attr]
