"""`fieldreport`: the command line of the field, coordinator and analyst program.

Conventions (contract.md): global options may come before or after the command; errors are
one `error:` line on stderr with exit 1 (refused) or 2 (usage); a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from fieldreport import __version__
from fieldreport.cli.commands import (
    bundle,
    device,
    doctor,
    init,
    keys,
    passphrase_cmd,
    report,
    selftest,
    sync,
    trust,
    wipe,
)
from fieldreport.crypto.age import AgeError
from fieldreport.crypto.minisign import MinisignError
from fieldreport.crypto.signed_json import SignedDocumentError
from fieldreport.errors import FieldReportError

# Refusals from the format libraries are user-facing too (a bad file, a wrong key).
USER_ERRORS = (FieldReportError, AgeError, MinisignError, SignedDocumentError)

COMMAND_MODULES = (
    init,
    report,
    bundle,
    trust,
    device,
    keys,
    passphrase_cmd,
    doctor,
    wipe,
    selftest,
    sync,
)


class Parser(argparse.ArgumentParser):
    """argparse with our error line: `error: …` and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see '{self.prog} --help')\n")


def common_options(suppress: bool) -> argparse.ArgumentParser:
    """Options accepted before and after the command. After it, defaults must not overwrite
    what was given before it, hence SUPPRESS on the sub-parsers."""
    parent = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if suppress else None
    parent.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="the store's folder (default: $FIELDREPORT_DATA_DIR or the user data folder)",
    )
    parent.add_argument(
        "--passphrase-file",
        metavar="FILE",
        default=default,
        help="read the passphrase from the first line of FILE ($FIELDREPORT_PASSPHRASE also works)",
    )
    parent.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS if suppress else False,
        help="show a traceback when something fails",
    )
    return parent


def build_parser() -> Parser:
    parser = Parser(
        prog="fieldreport",
        description="Record incidents into an encrypted store, offline; exchange signed, "
        "encrypted bundles with headquarters.",
        parents=[common_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"fieldreport {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    after = common_options(suppress=True)
    for module in COMMAND_MODULES:
        module.register(commands, after)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from fieldreport.cli.commands import gui  # Qt only loads when the window is wanted

        return gui.run(args)
    try:
        return int(args.handler(args) or 0)
    except USER_ERRORS as exc:
        if args.debug:
            raise
        print(f"error: {exc}", file=sys.stderr)
        return getattr(exc, "exit_code", 1)
    except OSError as exc:  # a folder that is a file, a full disk, no permission…
        if args.debug:
            raise
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"error: {exc.strerror or exc}{where}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; nothing half-written was kept", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line, and the way to see more
        if args.debug:
            raise
        # First line only: database errors append the statement and its parameters, which
        # may hold report content.
        summary = (str(exc).splitlines() or [""])[0][:200]
        print(
            f"error: internal error ({type(exc).__name__}: {summary}); run again with --debug "
            "and report it",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
