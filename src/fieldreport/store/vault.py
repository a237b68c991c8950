"""Passphrase → data key: create, unlock (with lockout and duress), re-wrap, crypto-erase."""

from __future__ import annotations

import contextlib
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from fieldreport.errors import NotInitialisedError, WrongPassphraseError
from fieldreport.fsutil import destroy_file, ensure_private_dir, fsync_dir
from fieldreport.paths import StoreLayout
from fieldreport.store import kdf
from fieldreport.store.keyfile import DATA_KEY_SIZE, KeyFile, duress_check
from fieldreport.store.lockout import LockoutState

# Wrong-passphrase and duress outcomes must read the same to someone watching the screen.
WRONG_PASSPHRASE = "wrong passphrase: the store did not unlock; check the passphrase and try again"  # noqa: S105


class UnlockOutcome(Enum):
    UNLOCKED = "unlocked"
    DURESS = "duress"


@dataclass(frozen=True)
class UnlockResult:
    outcome: UnlockOutcome
    data_key: bytes | None
    kdf_seconds: float
    kdf_params: kdf.KdfParams


def create(layout: StoreLayout, passphrase: str, params: kdf.KdfParams | None = None) -> bytes:
    """Make a random data key, wrap it under `passphrase`, write the key file. Returns the key."""
    ensure_private_dir(layout.root)
    params = params or kdf.calibrate()
    data_key = os.urandom(DATA_KEY_SIZE)
    derived = kdf.derive(passphrase, params)
    KeyFile.wrap(data_key, derived, params, duress_check=os.urandom(32)).save(layout.key_file)
    LockoutState().save(layout.lockout_file)
    return data_key


def unlock(
    layout: StoreLayout, passphrase: str, sleep: Callable[[float], None] = time.sleep
) -> UnlockResult:
    """Derive and unwrap. A wrong passphrase raises WrongPassphraseError after recording it."""
    if not layout.exists():
        raise NotInitialisedError(f"no store in {layout.root}; create one with 'fieldreport init'")
    keyfile = KeyFile.load(layout.key_file)
    lockout = LockoutState.load(layout.lockout_file)
    wait = lockout.remaining_wait()
    if wait > 0:
        sleep(wait)
    start = time.perf_counter()
    derived = kdf.derive(passphrase, keyfile.kdf)
    elapsed = time.perf_counter() - start
    data_key = keyfile.unwrap(derived)
    if data_key is not None:
        if lockout.failures:
            lockout.failures = 0
            lockout.save(layout.lockout_file)
        return UnlockResult(UnlockOutcome.UNLOCKED, data_key, elapsed, keyfile.kdf)
    if keyfile.is_duress(derived):
        crypto_erase(layout)
        return UnlockResult(UnlockOutcome.DURESS, None, elapsed, keyfile.kdf)
    lockout.record_failure()
    if lockout.should_wipe():
        crypto_erase(layout)
    else:
        lockout.save(layout.lockout_file)
    raise WrongPassphraseError(WRONG_PASSPHRASE)


def rewrap(layout: StoreLayout, data_key: bytes, new_passphrase: str) -> None:
    """Passphrase change: the same data key under a new passphrase (instant, atomic).

    The salt and parameters stay, so a duress passphrase set earlier keeps working.
    """
    old = KeyFile.load(layout.key_file)
    derived = kdf.derive(new_passphrase, old.kdf)
    if old.is_duress(derived):
        raise WrongPassphraseError(
            "the new passphrase is the duress passphrase; choose another one"
        )
    KeyFile.wrap(data_key, derived, old.kdf, old.duress_check).save(layout.key_file)


def set_duress(layout: StoreLayout, duress_passphrase: str) -> None:
    """Record a passphrase that, when entered, destroys the keys instead of unlocking."""
    keyfile = KeyFile.load(layout.key_file)
    derived = kdf.derive(duress_passphrase, keyfile.kdf)
    if keyfile.unwrap(derived) is not None:
        raise WrongPassphraseError("the duress passphrase must differ from the real passphrase")
    keyfile.with_duress_check(duress_check(derived)).save(layout.key_file)


def crypto_erase(layout: StoreLayout) -> None:
    """Destroy the wrapped key first (that alone makes everything unreadable), then the rest.

    Fast at any store size: only the small key file is overwritten; the database and
    attachments are ciphertext under a key that no longer exists, and are simply unlinked.
    """
    destroy_file(layout.key_file)
    with contextlib.suppress(OSError):
        fsync_dir(layout.root)
    for path in layout.database_sidecars():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    shutil.rmtree(layout.attachments, ignore_errors=True)
    with contextlib.suppress(FileNotFoundError):
        layout.lockout_file.unlink()
    for leftover in layout.root.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()
    with contextlib.suppress(OSError):
        fsync_dir(layout.root)
