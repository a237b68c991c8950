"""Build the sample map pack for the demo and the tests from ../shared/data/geo.

    python tools/build_sample_mappack.py OUT_DIR [--geo ../shared/data/geo] [--zip]

The boundary files are third-party data (geoBoundaries CC BY 4.0, Natural Earth public
domain): they are copied into the pack being built, never into this repository. What goes
in the pack is defined in fieldreport.geo.sample (the demo installs the same pack).
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from fieldreport.geo.sample import ADM1_FILE, COUNTRIES_FILE, build_sample_pack, find_sample_geo


def zip_folder(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.iterdir()):
            archive.write(path, f"{folder.name}/{path.name}")
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to create the pack in")
    parser.add_argument("--geo", type=Path, default=None, help="default: ../shared/data/geo")
    parser.add_argument("--zip", action="store_true", help="also write OUT.zip")
    args = parser.parse_args()
    geo = args.geo or find_sample_geo()
    if geo is None or not (geo / ADM1_FILE).is_file() or not (geo / COUNTRIES_FILE).is_file():
        print(f"error: {ADM1_FILE} and {COUNTRIES_FILE} not found (pass --geo)", file=sys.stderr)
        return 1
    folder = build_sample_pack(args.out, geo)
    print(f"sample map pack in {folder}", file=sys.stderr)
    if args.zip:
        print(f"zipped: {zip_folder(folder, folder.with_suffix('.zip'))}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
