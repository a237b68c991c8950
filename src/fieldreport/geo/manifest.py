"""`mappack.json`: what a map pack holds (docs/map-pack-format.md), checked strictly."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from fieldreport.errors import FieldReportError

FORMAT = "fieldreport-mappack/1"
MANIFEST = "mappack.json"
ROLES = ("admin1", "admin2", "countries")
_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}", re.ASCII)
# Files are named inside the pack only: no folders, no way out of it.
_FILE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}", re.ASCII)
_TOP_KEYS = ("format", "id", "name", "version", "country", "attribution", "layers",
             "settlements", "tiles", "installed_at")  # fmt: skip
_LAYER_KEYS = ("id", "role", "file", "object", "code_property", "name_property",
               "name_properties", "code_map", "keep")  # fmt: skip


class MapPackError(FieldReportError):
    """A map pack that cannot be installed or read; the message says what to fix."""


@dataclass(frozen=True)
class LayerSpec:
    id: str
    role: str
    file: str
    code_property: str
    name_property: str
    object: str | None = None
    name_properties: dict[str, str] = field(default_factory=dict)  # lang -> property
    code_map: dict[str, str] = field(default_factory=dict)
    keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class Manifest:
    id: str
    name: str
    version: str
    country: str | None
    attribution: str
    layers: tuple[LayerSpec, ...]
    settlements: str | None
    tiles: str | None


def _text(data: dict[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
    value = data.get(key)
    if not required and (value is None or value == ""):
        return None
    if not isinstance(value, str) or not value.strip():
        raise MapPackError(f"{where}: {key!r} must be non-empty text")
    return value.strip()


def _file(value: object, where: str) -> str:
    if not isinstance(value, str) or not _FILE.fullmatch(value):
        raise MapPackError(f"{where}: file {value!r} must be a plain file name inside the pack")
    return value


def _str_map(value: object, where: str) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise MapPackError(f"{where} must be an object of text values")
    return dict(value)


def _layer(data: object, number: int) -> LayerSpec:
    where = f"{MANIFEST} layer {number}"
    if not isinstance(data, dict):
        raise MapPackError(f"{where} must be an object")
    unknown = sorted(set(data) - set(_LAYER_KEYS))
    if unknown:
        raise MapPackError(f"{where}: unknown key(s) {', '.join(unknown)}")
    layer_id = _text(data, "id", where) or ""
    if not _ID.fullmatch(layer_id):
        raise MapPackError(f"{where}: id {layer_id!r} must be lower-case letters, digits, . _ -")
    role = data.get("role")
    if role not in ROLES:
        raise MapPackError(f"{where}: role {role!r} is not one of {', '.join(ROLES)}")
    keep = data.get("keep") or []
    if not isinstance(keep, list) or not all(isinstance(k, str) for k in keep):
        raise MapPackError(f"{where}: keep must be a list of codes")
    return LayerSpec(
        id=layer_id,
        role=str(role),
        file=_file(data.get("file"), where),
        object=_text(data, "object", where, required=False),
        code_property=_text(data, "code_property", where) or "",
        name_property=_text(data, "name_property", where) or "",
        name_properties=_str_map(data.get("name_properties"), f"{where} name_properties"),
        code_map=_str_map(data.get("code_map"), f"{where} code_map"),
        keep=tuple(keep),
    )


def parse_manifest(data: object) -> Manifest:
    if not isinstance(data, dict):
        raise MapPackError(f"{MANIFEST} must be a JSON object")
    if data.get("format") != FORMAT:
        raise MapPackError(f"{MANIFEST}: format must be {FORMAT!r}, got {data.get('format')!r}")
    unknown = sorted(set(data) - set(_TOP_KEYS))
    if unknown:
        raise MapPackError(f"{MANIFEST}: unknown key(s) {', '.join(unknown)}")
    pack_id = _text(data, "id", MANIFEST) or ""
    if not _ID.fullmatch(pack_id):
        raise MapPackError(f"{MANIFEST}: id {pack_id!r} must be lower-case letters, digits, . _ -")
    layers_raw = data.get("layers") or []
    if not isinstance(layers_raw, list):
        raise MapPackError(f"{MANIFEST}: layers must be a list")
    layers = tuple(_layer(item, i) for i, item in enumerate(layers_raw, start=1))
    ids = [layer.id for layer in layers]
    if len(set(ids)) != len(ids):
        raise MapPackError(f"{MANIFEST}: two layers have the same id")
    settlements = data.get("settlements")
    tiles = data.get("tiles")
    if not layers and settlements is None and tiles is None:
        raise MapPackError(f"{MANIFEST}: the pack has no layers, settlements or tiles")
    return Manifest(
        id=pack_id,
        name=_text(data, "name", MANIFEST) or "",
        version=_text(data, "version", MANIFEST) or "",
        country=_text(data, "country", MANIFEST, required=False),
        attribution=_text(data, "attribution", MANIFEST, required=False) or "",
        layers=layers,
        settlements=_file(settlements, MANIFEST) if settlements is not None else None,
        tiles=_file(tiles, MANIFEST) if tiles is not None else None,
    )
