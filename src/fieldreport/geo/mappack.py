"""Install and load map packs (docs/map-pack-format.md).

Installing checks everything first (manifest, every layer parses, settlements, tiles
header), then writes a normalised copy — layers as GeoJSON with `code`/`name` properties — to
a temporary folder under `<data dir>/mappacks/` and renames it into place, so a half-copied
pack is never seen and a bad pack never replaces a good one. The last pack installed is the
active one (`mappacks/active`).
"""

from __future__ import annotations

import contextlib
import json
import secrets
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fieldreport.fsutil import atomic_write_bytes, ensure_private_dir
from fieldreport.geo.geometry import GeometryError, Region, polygons_to_geojson
from fieldreport.geo.layers import read_features, regions_from_features
from fieldreport.geo.manifest import (
    FORMAT,
    MANIFEST,
    LayerSpec,
    Manifest,
    MapPackError,
    parse_manifest,
)
from fieldreport.geo.settlements import Settlement, parse_settlements_csv

PACKS_DIR = "mappacks"
ACTIVE_FILE = "active"
MAX_ZIP_BYTES = 2 * 1024**3  # uncompressed; MBTiles of a country at street level fit
MAX_ZIP_MEMBERS = 2000
SQLITE_MAGIC = b"SQLite format 3\x00"
_SHAPE_SIDECARS = (".dbf", ".shx", ".prj", ".cpg")


@dataclass(frozen=True)
class MapPack:
    """An installed pack, loaded: boundaries by role, settlements, the tiles file if any."""

    manifest: Manifest
    folder: Path
    layers: dict[str, list[Region]] = field(default_factory=dict)  # role -> regions
    settlements: list[Settlement] = field(default_factory=list)

    @property
    def admin1(self) -> list[Region]:
        return self.layers.get("admin1", [])

    @property
    def tiles(self) -> Path | None:
        return self.folder / self.manifest.tiles if self.manifest.tiles else None


# ----- installing ---------------------------------------------------------------------------
def install(source: Path, data_dir: Path) -> Manifest:
    """Install the pack in folder or .zip `source` into `data_dir`; returns its manifest."""
    if not source.exists():
        raise MapPackError(f"no such file or folder: {source}")
    with _unpacked(source) as folder:
        manifest = read_manifest(folder)
        packs = ensure_private_dir(data_dir / PACKS_DIR)
        staging = Path(tempfile.mkdtemp(prefix=".install-", dir=packs))
        target = packs / manifest.id
        old: Path | None = None
        try:
            _write_normalised(folder, manifest, staging)
            if target.exists():
                old = packs / f".old-{manifest.id}-{secrets.token_hex(4)}"
                target.rename(old)
            staging.rename(target)
        except BaseException:
            if old is not None and not target.exists():
                old.rename(target)  # put the previous version back
                old = None
            raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        atomic_write_bytes(packs / ACTIVE_FILE, manifest.id.encode("ascii"))
    return manifest


@contextlib.contextmanager
def _unpacked(source: Path) -> Iterator[Path]:
    if source.is_dir():
        yield source
        return
    if not zipfile.is_zipfile(source):
        raise MapPackError(f"{source} is neither a folder nor a .zip map pack")
    with tempfile.TemporaryDirectory(prefix="fieldreport-mappack-") as tmp:
        root = Path(tmp)
        _safe_extract(source, root)
        if (root / MANIFEST).exists():
            yield root
            return
        # Zipping a folder puts everything under its name: accept one level of folder.
        inner = [p for p in root.iterdir() if p.is_dir() and (p / MANIFEST).exists()]
        if len(inner) != 1:
            raise MapPackError(f"{source} has no {MANIFEST} at its top level")
        yield inner[0]


def _safe_extract(source: Path, root: Path) -> None:
    with zipfile.ZipFile(source) as archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise MapPackError(f"{source.name} has more than {MAX_ZIP_MEMBERS} files")
        if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
            raise MapPackError(f"{source.name} unpacks to more than 2 GB")
        for member in members:
            parts = Path(member.filename).parts
            if member.filename.startswith(("/", "\\")) or ".." in parts or ":" in member.filename:
                raise MapPackError(f"{source.name} holds an unsafe path: {member.filename!r}")
            if member.is_dir():
                continue
            target = root.joinpath(*parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(member) as src, target.open("wb") as dst:
                # Copy with a running limit: file_size in the directory may lie.
                copied = 0
                while chunk := src.read(1024 * 1024):
                    copied += len(chunk)
                    if copied > member.file_size:
                        raise MapPackError(
                            f"{source.name}: {member.filename} is larger than declared"
                        )
                    dst.write(chunk)


def read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except FileNotFoundError:
        raise MapPackError(f"{folder} has no {MANIFEST}: is it a map pack?") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MapPackError(f"{MANIFEST} is not valid JSON ({exc})") from None
    return parse_manifest(data)


def _layer_regions(folder: Path, spec: LayerSpec) -> list[Region]:
    try:
        features = read_features(folder / spec.file, spec.object)
        return regions_from_features(
            features,
            code_property=spec.code_property,
            name_property=spec.name_property,
            code_map=spec.code_map,
            keep=spec.keep or None,
            extra_properties=tuple(spec.name_properties.values()),
            source=f"layer {spec.id} ({spec.file})",
        )
    except GeometryError as exc:
        raise MapPackError(str(exc)) from None


def _write_normalised(folder: Path, manifest: Manifest, staging: Path) -> None:
    layers = []
    for spec in manifest.layers:
        regions = _layer_regions(folder, spec)
        name = f"{spec.id}.geojson"
        doc = {"type": "FeatureCollection", "features": [_feature(r, spec) for r in regions]}
        (staging / name).write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
        names = {lang: f"name_{lang}" for lang in spec.name_properties}
        layers.append(
            {
                "id": spec.id,
                "role": spec.role,
                "file": name,
                "code_property": "code",
                "name_property": "name",
                "name_properties": names,
            }
        )
    out: dict[str, Any] = {
        "format": FORMAT,
        "id": manifest.id,
        "name": manifest.name,
        "version": manifest.version,
        "attribution": manifest.attribution,
        "layers": layers,
        "installed_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }
    if manifest.country:
        out["country"] = manifest.country
    if manifest.settlements:
        try:
            raw = (folder / manifest.settlements).read_bytes()
        except FileNotFoundError:
            raise MapPackError(f"the settlements file {manifest.settlements} is missing") from None
        try:
            parse_settlements_csv(raw)
        except GeometryError as exc:
            raise MapPackError(str(exc)) from None
        (staging / "settlements.csv").write_bytes(raw)
        out["settlements"] = "settlements.csv"
    if manifest.tiles:
        tiles = folder / manifest.tiles
        with _opened(tiles) as handle:
            if handle.read(16) != SQLITE_MAGIC:
                raise MapPackError(f"{manifest.tiles} is not an MBTiles (SQLite) file")
        shutil.copyfile(tiles, staging / "tiles.mbtiles")
        out["tiles"] = "tiles.mbtiles"
    (staging / MANIFEST).write_text(json.dumps(out, ensure_ascii=False, indent=2), "utf-8")


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[Any]:
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise MapPackError(f"the file {path.name} named in {MANIFEST} is missing") from None
    with handle:
        yield handle


def _feature(region: Region, spec: LayerSpec) -> dict[str, Any]:
    props: dict[str, Any] = {"code": region.code, "name": region.name}
    for lang, prop in spec.name_properties.items():
        if region.properties.get(prop):
            props[f"name_{lang}"] = region.properties[prop]
    rounded = [
        tuple(tuple((round(x, 6), round(y, 6)) for x, y in ring) for ring in poly)
        for poly in region.polygons
    ]
    return {"type": "Feature", "properties": props, "geometry": polygons_to_geojson(rounded)}


# ----- loading ------------------------------------------------------------------------------
def installed_ids(data_dir: Path) -> list[str]:
    packs = data_dir / PACKS_DIR
    if not packs.is_dir():
        return []
    return sorted(p.name for p in packs.iterdir() if (p / MANIFEST).is_file())


def active_id(data_dir: Path) -> str | None:
    try:
        chosen = (data_dir / PACKS_DIR / ACTIVE_FILE).read_text("ascii").strip()
    except (FileNotFoundError, UnicodeDecodeError):
        return None
    return chosen if chosen in installed_ids(data_dir) else None


def load_pack(folder: Path) -> MapPack:
    """Load an installed (normalised) pack folder."""
    manifest = read_manifest(folder)
    layers: dict[str, list[Region]] = {}
    for spec in manifest.layers:
        regions = _layer_regions(folder, spec)
        layers.setdefault(spec.role, []).extend(regions)
    settlements: list[Settlement] = []
    if manifest.settlements:
        raw = (folder / manifest.settlements).read_bytes()
        settlements = parse_settlements_csv(raw)
    return MapPack(manifest, folder, layers, settlements)


def load_active(data_dir: Path) -> MapPack | None:
    chosen = active_id(data_dir)
    return load_pack(data_dir / PACKS_DIR / chosen) if chosen else None


def region_label(region: Region, lang: str) -> str:
    """The region's name in `lang` when the pack gives one (installed packs: `name_fr`…)."""
    value = region.properties.get(f"name_{lang}")
    return str(value) if value else region.name
