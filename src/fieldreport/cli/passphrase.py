"""Where a passphrase comes from (contract.md): a file, the environment, or a no-echo prompt.

Never from a plain command-line argument: argv is visible to every user of the machine and
lands in shell history.
"""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from fieldreport.errors import FieldReportError, UsageError

MIN_LENGTH = 8
_MAX_FILE_BYTES = 4096


@dataclass(frozen=True)
class Source:
    """One kind of passphrase: the option, variable and prompt that can provide it."""

    what: str
    env: str
    option: str
    prompt: str


CURRENT = Source("passphrase", "FIELDREPORT_PASSPHRASE", "--passphrase-file", "Passphrase: ")
NEW = Source(
    "new passphrase", "FIELDREPORT_NEW_PASSPHRASE", "--new-passphrase-file", "New passphrase: "
)
DURESS = Source(
    "duress passphrase",
    "FIELDREPORT_DURESS_PASSPHRASE",
    "--duress-passphrase-file",
    "Duress passphrase: ",
)


def _from_file(path: Path, what: str) -> str:
    try:
        raw = path.read_bytes()[: _MAX_FILE_BYTES + 1]
    except OSError as exc:
        raise FieldReportError(f"cannot read the {what} file {path}: {exc.strerror}") from None
    if len(raw) > _MAX_FILE_BYTES:
        raise FieldReportError(f"the {what} file {path} is too large to hold a passphrase")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FieldReportError(f"the {what} file {path} is not UTF-8 text") from None
    # The first line, without its line ending: editors add a final newline.
    return text.splitlines()[0] if text.splitlines() else ""


def read(source: Source, file: Path | None, *, confirm: bool = False) -> str:
    if file is not None:
        value = _from_file(file, source.what)
    elif os.environ.get(source.env):
        value = os.environ[source.env]
    elif sys.stdin.isatty():
        value = getpass.getpass(source.prompt)
        if confirm and getpass.getpass("Repeat it: ") != value:
            raise FieldReportError(f"the two {source.what}s differ; nothing was changed")
    else:
        raise UsageError(
            f"no {source.what}: type it at a terminal, set ${source.env}, "
            f"or use {source.option} FILE"
        )
    if not value:
        raise FieldReportError(f"the {source.what} is empty")
    return value


def check_strength(value: str, what: str = "passphrase") -> None:
    """Refuse passphrases that an attacker with the disk would guess at once."""
    if len(value) < MIN_LENGTH:
        raise FieldReportError(
            f"the {what} is too short: use at least {MIN_LENGTH} characters "
            "(several words are easier to remember and harder to guess)"
        )
