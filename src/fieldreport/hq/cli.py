"""`fieldreport-hq`: the relay server and its admin commands.

The commands (init, profile, enroll, revoke, serve, advisory, status) arrive with the bundle
and relay work; until then only --version and --help answer, and a command says it is not
available yet instead of failing obscurely.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from fieldreport import __version__

PLANNED = ("init", "profile", "enroll", "revoke", "serve", "advisory", "status")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="fieldreport-hq", description="FieldReport relay server")
    parser.add_argument("--version", action="version", version=f"fieldreport-hq {__version__}")
    parser.add_argument("command", nargs="?", choices=PLANNED)
    args, _ = parser.parse_known_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    print(
        f"error: 'fieldreport-hq {args.command}' is not available in this version yet",
        file=sys.stderr,
    )
    return 1


if __name__ == "__main__":
    sys.exit(main())
