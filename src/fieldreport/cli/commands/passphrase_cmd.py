"""`fieldreport passphrase change|set-duress`."""

from __future__ import annotations

import argparse
from typing import Any

from fieldreport.cli import context, output, passphrase
from fieldreport.cli.argtypes import input_file


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    cmd = commands.add_parser("passphrase", parents=[common], help="change or add passphrases")
    sub = cmd.add_subparsers(
        dest="passphrase_command", metavar="ACTION", required=True, parser_class=type(cmd)
    )
    change = sub.add_parser(
        "change", parents=[common], help="re-wrap the keys under a new passphrase"
    )
    change.add_argument(
        "--new-passphrase-file",
        type=input_file,
        metavar="FILE",
        help="the new passphrase ($FIELDREPORT_NEW_PASSPHRASE also works)",
    )
    change.set_defaults(handler=change_passphrase)
    duress = sub.add_parser(
        "set-duress",
        parents=[common],
        help="set a passphrase that destroys the store when entered",
    )
    duress.add_argument(
        "--duress-passphrase-file",
        type=input_file,
        metavar="FILE",
        help="the duress passphrase ($FIELDREPORT_DURESS_PASSPHRASE also works)",
    )
    duress.set_defaults(handler=set_duress)


def change_passphrase(args: argparse.Namespace) -> int:
    with context.open_store(args) as store:
        new = passphrase.read(passphrase.NEW, args.new_passphrase_file, confirm=True)
        passphrase.check_strength(new, "new passphrase")
        store.change_passphrase(new)
    output.say("Passphrase changed.")
    return 0


def set_duress(args: argparse.Namespace) -> int:
    with context.open_store(args) as store:
        duress = passphrase.read(passphrase.DURESS, args.duress_passphrase_file, confirm=True)
        passphrase.check_strength(duress, "duress passphrase")
        store.set_duress(duress)
    output.say(
        "Duress passphrase set: entering it instead of the real one destroys the store "
        "and shows an empty one."
    )
    return 0
