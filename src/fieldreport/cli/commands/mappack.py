"""`fieldreport mappack install FILE|DIR` (and `list`): offline boundaries and settlements.

A map pack holds public geography, not reports: installing one needs no passphrase.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from fieldreport.cli import context, output
from fieldreport.cli.argtypes import positive_int
from fieldreport.geo import mappack
from fieldreport.geo.gazetteer import Gazetteer
from fieldreport.geo.mgrs import to_mgrs


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    cmd = commands.add_parser(
        "mappack", parents=[common], help="install offline map packs (boundaries, settlements)"
    )
    sub = cmd.add_subparsers(
        dest="mappack_command", metavar="ACTION", required=True, parser_class=type(cmd)
    )
    install = sub.add_parser(
        "install",
        parents=[common],
        help="install a map pack from a folder or a .zip (docs/map-pack-format.md)",
    )
    install.add_argument("source", metavar="FILE|DIR", type=Path)
    install.add_argument("--json", action="store_true")
    install.set_defaults(handler=install_pack)

    ls = sub.add_parser("list", parents=[common], help="list installed map packs")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(handler=list_packs)

    search = sub.add_parser(
        "search",
        parents=[common],
        help="find a place by name offline (GeoNames + the pack's settlements)",
    )
    search.add_argument("text", metavar="NAME")
    search.add_argument("--limit", type=positive_int, default=10, metavar="N")
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=search_places)


def install_pack(args: argparse.Namespace) -> int:
    folder = context.data_dir(args)
    manifest = mappack.install(args.source.expanduser(), folder)
    pack = mappack.load_active(folder)
    summary = {
        "id": manifest.id,
        "name": manifest.name,
        "version": manifest.version,
        "layers": {role: len(regions) for role, regions in (pack.layers if pack else {}).items()},
        "settlements": len(pack.settlements) if pack else 0,
        "tiles": bool(pack and pack.tiles),
        "active": True,
    }
    if args.json:
        output.emit_json(summary)
    else:
        layers = ", ".join(f"{n} {role}" for role, n in summary["layers"].items()) or "no layers"
        output.say(
            f"installed {manifest.id} {manifest.version}: {layers}, "
            f"{summary['settlements']} settlements"
        )
    return 0


def list_packs(args: argparse.Namespace) -> int:
    folder = context.data_dir(args)
    active = mappack.active_id(folder)
    packs = []
    for pack_id in mappack.installed_ids(folder):
        manifest = mappack.read_manifest(folder / mappack.PACKS_DIR / pack_id)  # not the layers
        packs.append(
            {
                "id": pack_id,
                "name": manifest.name,
                "version": manifest.version,
                "active": pack_id == active,
            }
        )
    if args.json:
        output.emit_json(packs)
    else:
        for item in packs:
            mark = "*" if item["active"] else " "
            output.say(f"{mark} {item['id']}  {item['version']}  {item['name']}")
        if not packs:
            output.note("no map pack installed; see 'fieldreport mappack install --help'")
    return 0


def search_places(args: argparse.Namespace) -> int:
    gazetteer = Gazetteer(mappack.load_active(context.data_dir(args)))
    places = [
        {**place.to_dict(), "mgrs": to_mgrs(place.lat, place.lon)}
        for place in gazetteer.search(args.text, args.limit)
    ]
    if args.json:
        output.emit_json(places)
        return 0
    rows = [
        [p["name"], f"{p['lat']:.5f}", f"{p['lon']:.5f}", p["mgrs"], p["adm1_pcode"] or "-",
         p["country"], p["source"]]
        for p in places
    ]  # fmt: skip
    output.table(rows, ["NAME", "LAT", "LON", "MGRS", "ADM1", "COUNTRY", "FROM"])
    if not places:
        output.note(f"no place matches {args.text!r}")
    return 0
