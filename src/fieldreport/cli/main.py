"""`fieldreport`: the command line of the field, coordinator and analyst program.

Conventions (contract.md): global options may come before or after the command; errors are
one `error:` line on stderr with exit 1 (refused) or 2 (usage); a traceback only with --debug.
"""

from __future__ import annotations

import argparse
import importlib
import multiprocessing
import sys
from collections.abc import Sequence
from typing import NoReturn

from fieldreport.crypto.age import AgeError
from fieldreport.crypto.minisign import MinisignError
from fieldreport.crypto.signed_json import SignedDocumentError
from fieldreport.errors import FieldReportError

# Refusals from the format libraries are user-facing too (a bad file, a wrong key).
USER_ERRORS = (FieldReportError, AgeError, MinisignError, SignedDocumentError)

# Modules of fieldreport.cli.commands, imported only when the full parser is built: the
# desktop window and --version start without loading the store, SQLAlchemy or the bundles.
COMMAND_MODULES = (
    "init",
    "report",
    "bundle",
    "trust",
    "device",
    "keys",
    "passphrase_cmd",
    "doctor",
    "export",
    "mappack",
    "wipe",
    "selftest",
    "sync",
)


class VersionAction(argparse.Action):
    """`--version`: asks for the commit only when wanted (from a checkout that runs git)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help="show the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from fieldreport.version import version_line

        print(version_line(parser.prog))  # fieldreport or fieldreport-hq
        parser.exit()


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
    parser.add_argument("--version", action=VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    after = common_options(suppress=True)
    for name in COMMAND_MODULES:
        importlib.import_module(f"fieldreport.cli.commands.{name}").register(commands, after)
    return parser


def _window_only(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """Global options and nothing else (or --version): answered without the commands."""
    pre = Parser(prog="fieldreport", add_help=False, parents=[common_options(suppress=False)])
    pre.add_argument("--version", action=VersionAction)
    args, rest = pre.parse_known_args(argv)
    if rest:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    # The packaged program is also the interpreter of its own helper processes (large bundle
    # imports parse reports in one): a child started that way runs its task and exits here.
    multiprocessing.freeze_support()
    args = _window_only(argv) or build_parser().parse_args(argv)
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
