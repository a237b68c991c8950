"""Key file, unlock, lockout, re-wrap, duress, crypto-erase."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from fieldreport.errors import NotInitialisedError, StoreCorruptError, WrongPassphraseError
from fieldreport.paths import StoreLayout
from fieldreport.store import kdf, vault
from fieldreport.store.keyfile import KeyFile
from fieldreport.store.lockout import LockoutState
from tests.conftest import PASSPHRASE


@pytest.fixture
def layout(tmp_path: Path) -> StoreLayout:
    return StoreLayout(tmp_path / "v")


def test_create_then_unlock_returns_the_same_key(layout: StoreLayout) -> None:
    key = vault.create(layout, PASSPHRASE)
    result = vault.unlock(layout, PASSPHRASE)
    assert result.outcome is vault.UnlockOutcome.UNLOCKED
    assert result.data_key == key
    assert len(key) == 32


def test_key_file_is_owner_only_json_without_the_key(layout: StoreLayout) -> None:
    key = vault.create(layout, PASSPHRASE)
    raw = layout.key_file.read_bytes()
    doc = json.loads(raw)
    assert doc["format"] == "fieldreport-keyfile/1"
    assert doc["kdf"]["alg"] == "argon2id" and doc["kdf"]["t"] >= 3
    assert doc["kdf"]["m_kib"] >= 64 * 1024 and doc["kdf"]["p"] == 4
    assert key.hex() not in raw.decode() and key not in raw
    assert layout.key_file.stat().st_mode & 0o777 == 0o600
    assert layout.root.stat().st_mode & 0o777 == 0o700


def test_wrong_passphrase_is_refused_and_counted(layout: StoreLayout) -> None:
    vault.create(layout, PASSPHRASE)
    with pytest.raises(WrongPassphraseError, match="wrong passphrase"):
        vault.unlock(layout, "not the passphrase")
    assert LockoutState.load(layout.lockout_file).failures == 1
    vault.unlock(layout, PASSPHRASE)
    assert LockoutState.load(layout.lockout_file).failures == 0


def test_delay_grows_after_repeated_failures(layout: StoreLayout) -> None:
    vault.create(layout, PASSPHRASE)
    slept: list[float] = []
    for _ in range(6):
        with pytest.raises(WrongPassphraseError):
            vault.unlock(layout, "nope nope nope", sleep=slept.append)
    state = LockoutState.load(layout.lockout_file)
    assert state.failures == 6
    # Attempts 4, 5, 6 had to wait, each longer than the one before.
    assert len(slept) == 3 and slept[0] < slept[1] < slept[2]
    assert state.delay_seconds() == 8.0


def test_tampered_kdf_parameters_fail_the_unwrap(layout: StoreLayout) -> None:
    vault.create(layout, PASSPHRASE)
    doc = json.loads(layout.key_file.read_text())
    doc["kdf"]["t"] += 1
    layout.key_file.write_text(json.dumps(doc))
    with pytest.raises(WrongPassphraseError):
        vault.unlock(layout, PASSPHRASE)


def test_damaged_key_file_gives_a_clear_error(layout: StoreLayout) -> None:
    vault.create(layout, PASSPHRASE)
    layout.key_file.write_text("{not json")
    with pytest.raises(StoreCorruptError, match=r"key file .* is damaged"):
        vault.unlock(layout, PASSPHRASE)


def test_absurd_kdf_parameters_are_refused_before_deriving(layout: StoreLayout) -> None:
    vault.create(layout, PASSPHRASE)
    doc = json.loads(layout.key_file.read_text())
    doc["kdf"]["m_kib"] = 1 << 40
    layout.key_file.write_text(json.dumps(doc))
    with pytest.raises(StoreCorruptError):
        vault.unlock(layout, PASSPHRASE)


def test_unlock_without_store(layout: StoreLayout) -> None:
    with pytest.raises(NotInitialisedError, match="fieldreport init"):
        vault.unlock(layout, PASSPHRASE)


def test_rewrap_keeps_the_key_and_drops_the_old_passphrase(layout: StoreLayout) -> None:
    key = vault.create(layout, PASSPHRASE)
    vault.rewrap(layout, key, "a brand new passphrase")
    assert vault.unlock(layout, "a brand new passphrase").data_key == key
    with pytest.raises(WrongPassphraseError):
        vault.unlock(layout, PASSPHRASE)


def test_duress_check_is_always_present(layout: StoreLayout) -> None:
    vault.create(layout, PASSPHRASE)
    without = json.loads(layout.key_file.read_text())
    vault.set_duress(layout, "the duress words")
    with_duress = json.loads(layout.key_file.read_text())
    # Same shape and size either way: the file does not tell whether duress is set.
    assert without.keys() == with_duress.keys()
    assert len(without["duress_check"]) == len(with_duress["duress_check"])
    assert without["duress_check"] != with_duress["duress_check"]


def test_duress_passphrase_erases(layout: StoreLayout) -> None:
    vault.create(layout, PASSPHRASE)
    layout.database.write_bytes(os.urandom(4096))
    vault.set_duress(layout, "the duress words")
    result = vault.unlock(layout, "the duress words")
    assert result.outcome is vault.UnlockOutcome.DURESS and result.data_key is None
    assert not layout.key_file.exists() and not layout.database.exists()


def test_duress_must_differ_from_the_passphrase(layout: StoreLayout) -> None:
    vault.create(layout, PASSPHRASE)
    with pytest.raises(WrongPassphraseError, match="must differ"):
        vault.set_duress(layout, PASSPHRASE)


def test_wipe_after_n_failures_policy(layout: StoreLayout) -> None:
    vault.create(layout, PASSPHRASE)
    state = LockoutState.load(layout.lockout_file)
    state.wipe_after = 2
    state.save(layout.lockout_file)
    for _ in range(2):
        with pytest.raises(WrongPassphraseError):
            vault.unlock(layout, "wrong wrong wrong", sleep=lambda s: None)
    assert not layout.key_file.exists()


def test_calibration_never_goes_below_the_floor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(kdf.SKIP_CALIBRATION_ENV, raising=False)
    params = kdf.calibrate(target_seconds=0.3)
    assert params.time_cost >= kdf.FLOOR_TIME_COST
    assert params.memory_kib >= kdf.FLOOR_MEMORY_KIB
    assert params.lanes == kdf.FLOOR_LANES
    with pytest.raises(ValueError, match="below the floor"):
        kdf.KdfParams(salt=os.urandom(16), time_cost=1)


def test_calibration_raises_cost_on_a_fast_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(kdf.SKIP_CALIBRATION_ENV, raising=False)
    # A machine where the cost is exactly linear: the floor takes 0.1 s.
    floor_cost = kdf.FLOOR_MEMORY_KIB * kdf.FLOOR_TIME_COST
    linear = lambda p: 0.1 * p.memory_kib * p.time_cost / floor_cost  # noqa: E731
    monkeypatch.setattr(kdf, "_timed", linear)
    params = kdf.calibrate(target_seconds=0.6)
    assert 0.5 <= linear(params) <= 0.75
    cost = params.memory_kib * params.time_cost
    assert cost >= 5 * kdf.FLOOR_MEMORY_KIB * kdf.FLOOR_TIME_COST
    assert params.memory_kib <= kdf.MAX_MEMORY_KIB


def test_calibration_corrects_a_wrong_first_guess(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cost is not linear in memory on real machines: the first guess is measured and fixed."""
    monkeypatch.delenv(kdf.SKIP_CALIBRATION_ENV, raising=False)
    floor_cost = kdf.FLOOR_MEMORY_KIB * kdf.FLOOR_TIME_COST

    def superlinear(p: kdf.KdfParams) -> float:
        return float(0.1 * (p.memory_kib * p.time_cost / floor_cost) ** 0.8)

    monkeypatch.setattr(kdf, "_timed", superlinear)
    params = kdf.calibrate(target_seconds=0.75)
    assert 0.85 * 0.75 <= superlinear(params) <= 1.25 * 0.75


def test_keyfile_round_trip(layout: StoreLayout) -> None:
    vault.create(layout, PASSPHRASE)
    loaded = KeyFile.load(layout.key_file)
    assert KeyFile.load(layout.key_file) == loaded
    assert loaded.to_bytes() == layout.key_file.read_bytes()
