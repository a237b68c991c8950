"""`python -m fieldreport.demo DIR`: create (once) a demo store full of sample incidents."""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path
from typing import Any

from fieldreport.geo.sample import install_sample_pack
from fieldreport.paths import StoreLayout
from fieldreport.store.store import Store

DEMO_PASSPHRASE = "sahel demo only"  # noqa: S105  (printed for the demo store only)


def sample_incidents() -> list[dict[str, Any]]:
    text = resources.files("fieldreport.demo").joinpath("incidents.json").read_text("utf-8")
    data: list[dict[str, Any]] = json.loads(text)
    return data


def seed(folder: Path, passphrase: str = DEMO_PASSPHRASE) -> bool:
    """Create the demo store if it does not exist; returns True when it was created."""
    if StoreLayout(folder).exists():
        return False
    with Store.init(folder, passphrase, role="coordinator", name="demo-coordinator") as store:
        for incident in sample_incidents():
            store.add_report(incident)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m fieldreport.demo")
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    created = seed(args.folder)
    state = "created" if created else "already there"
    print(f"Demo store {state} in {args.folder}", file=sys.stderr)
    # Maps and place search with real boundaries when ../shared/data/geo is beside the repo.
    if install_sample_pack(args.folder):
        print("Sample map pack installed (Mali regions, neighbours, settlements)", file=sys.stderr)
    print(
        f"Demo passphrase: {DEMO_PASSPHRASE}  (demo data only: never use it for real)",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
