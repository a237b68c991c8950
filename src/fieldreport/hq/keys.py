"""The HQ signing key: signs organisation profiles (and advisories). Never needed by the relay.

Kept as a minisign secret-key file encrypted under the HQ passphrase (scrypt, minisign's
"sensitive" cost), so it can live on an offline admin machine and be used with `--key FILE`;
`minisign -S -s hq-signing.key` can use it too.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from fieldreport.crypto import minisign
from fieldreport.errors import FieldReportError
from fieldreport.fsutil import atomic_write_bytes, ensure_private_dir
from fieldreport.store.kdf import SKIP_CALIBRATION_ENV
from fieldreport.store.timeutil import utc_now

HQ_DIR_ENV = "FIELDREPORT_HQ_DIR"
STATE_FORMAT = "fieldreport-hq/1"


def default_hq_dir() -> Path:
    env = os.environ.get(HQ_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("FieldReport-HQ", appauthor=False))


@dataclass(frozen=True)
class HqLayout:
    root: Path

    @property
    def state(self) -> Path:
        return self.root / "hq.json"

    @property
    def secret_key(self) -> Path:
        return self.root / "hq-signing.key"

    @property
    def public_key(self) -> Path:
        return self.root / "hq-signing.pub"


def _kdf_cost() -> tuple[int, int]:
    # Test suites may use the light cost (the same switch as the store's KDF calibration).
    if os.environ.get(SKIP_CALIBRATION_ENV) == "1":
        return minisign.OPSLIMIT_INTERACTIVE, minisign.MEMLIMIT_INTERACTIVE
    return minisign.OPSLIMIT_SENSITIVE, minisign.MEMLIMIT_SENSITIVE


def create(layout: HqLayout, organisation: str, passphrase: str) -> minisign.SigningKey:
    if layout.state.exists() or layout.secret_key.exists():
        raise FieldReportError(f"HQ state already exists in {layout.root}")
    ensure_private_dir(layout.root)
    key = minisign.SigningKey.generate()
    ops, mem = _kdf_cost()
    atomic_write_bytes(
        layout.secret_key,
        key.to_secret_key_file(passphrase.encode(), kdf_opslimit=ops, kdf_memlimit=mem).encode(),
    )
    atomic_write_bytes(layout.public_key, key.public_key().to_file_text().encode())
    save_state(
        layout,
        {
            "format": STATE_FORMAT,
            "organisation": organisation,
            "created_at": utc_now(),
            "profile_serial": 0,
        },
    )
    return key


def load_state(layout: HqLayout) -> dict[str, Any]:
    try:
        doc = json.loads(layout.state.read_text("utf-8"))
    except FileNotFoundError:
        raise FieldReportError(
            f"no HQ state in {layout.root}; create it with 'fieldreport-hq init'"
        ) from None
    except (OSError, ValueError) as exc:
        raise FieldReportError(f"the HQ state file {layout.state} is damaged ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != STATE_FORMAT:
        raise FieldReportError(f"{layout.state} is not a FieldReport HQ state file")
    return doc


def save_state(layout: HqLayout, doc: dict[str, Any]) -> None:
    atomic_write_bytes(layout.state, (json.dumps(doc, indent=2) + "\n").encode())


def load_signing_key(path: Path, passphrase: str) -> minisign.SigningKey:
    try:
        text = path.read_text("utf-8")
    except OSError as exc:
        raise FieldReportError(f"cannot read the HQ key {path}: {exc.strerror}") from None
    try:
        return minisign.SigningKey.from_secret_key_file(text, passphrase.encode())
    except minisign.PasswordError:
        raise FieldReportError("wrong HQ passphrase: the HQ signing key did not unlock") from None
    except minisign.MinisignError as exc:
        raise FieldReportError(f"{path} is not a usable minisign secret key ({exc})") from None
