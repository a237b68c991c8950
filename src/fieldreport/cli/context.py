"""What every command needs: the data folder and a way to open the store."""

from __future__ import annotations

import argparse
from pathlib import Path

from fieldreport.cli import passphrase
from fieldreport.errors import NotInitialisedError
from fieldreport.paths import StoreLayout, default_data_dir
from fieldreport.store.store import Store


def data_dir(args: argparse.Namespace) -> Path:
    given = getattr(args, "data_dir", None)
    return Path(given).expanduser() if given else default_data_dir()


def passphrase_file(args: argparse.Namespace) -> Path | None:
    given = getattr(args, "passphrase_file", None)
    return Path(given) if given else None


def open_store(args: argparse.Namespace) -> Store:
    """Unlock the store, asking for the passphrase only if a store exists."""
    folder = data_dir(args)
    if not StoreLayout(folder).exists():
        raise NotInitialisedError(f"no store in {folder}; create one with 'fieldreport init'")
    secret = passphrase.read(passphrase.CURRENT, passphrase_file(args))
    return Store.open(folder, secret)
