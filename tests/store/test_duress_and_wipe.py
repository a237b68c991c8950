"""Acceptance: duress leaves nothing that unwraps the data key; wipe is fast and total."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from fieldreport.errors import NotInitialisedError, WrongPassphraseError
from fieldreport.paths import StoreLayout
from fieldreport.store import kdf, reports, vault
from fieldreport.store.engine import open_connection
from fieldreport.store.keyfile import KeyFile
from fieldreport.store.search import ReportQuery
from fieldreport.store.store import Store
from tests.conftest import PASSPHRASE, minimal_report, run_cli

DURESS = "the words they make me say"


def _every_file(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_duress_destroys_the_real_store(data_dir: Path, tmp_path: Path) -> None:
    with Store.init(data_dir, PASSPHRASE, key_type="x25519") as store:
        for i in range(20):
            store.add_report(minimal_report(title=f"report {i}"))
        (tmp_path / "a.bin").write_bytes(os.urandom(100_000))
        store.attach(store.list_reports()[0]["id"], [tmp_path / "a.bin"])
        store.set_duress(DURESS)
        old_key = store._data_key
        old_keyfile = KeyFile.load(store.layout.key_file)
        old_device = store.device.device_id

    # Someone is made to type the duress passphrase: it looks like an empty store.
    with Store.open(data_dir, DURESS) as after:
        assert after.open_info.after_duress
        assert after.count_reports() == 0
        assert after.device.device_id != old_device

    # The real passphrase opens nothing any more.
    with pytest.raises(WrongPassphraseError):
        Store.open(data_dir, PASSPHRASE)

    # Nothing left in the folder can unwrap the old data key.
    derived = kdf.derive(PASSPHRASE, old_keyfile.kdf)
    for path in _every_file(data_dir):
        content = path.read_bytes()
        assert old_key not in content and old_key.hex().encode() not in content
        assert old_keyfile.ciphertext not in content
        assert old_keyfile.ciphertext.hex().encode() not in content
    current = KeyFile.load(StoreLayout(data_dir).key_file)
    assert current.unwrap(derived) is None
    assert current.unwrap(kdf.derive(PASSPHRASE, current.kdf)) is None
    # And the old data key opens no database in the folder.
    for path in data_dir.glob("*.db"):
        with pytest.raises(WrongPassphraseError):
            open_connection(path, old_key)


def test_duress_through_the_cli_looks_like_an_empty_store(cli_store: Path) -> None:
    run_cli(
        "report",
        "add",
        "--json",
        "-",
        data_dir=cli_store,
        stdin='{"title":"t","occurred_at":"2026-11-20T10:00:00+00:00",'
        '"event_type":"Battles","sub_event_type":"Armed clash",'
        '"location":{"name":"Gao"},"severity":2}',
    )
    assert (
        run_cli(
            "passphrase",
            "set-duress",
            data_dir=cli_store,
            env={"FIELDREPORT_DURESS_PASSPHRASE": DURESS},
        ).code
        == 0
    )
    result = run_cli("report", "list", "--json", data_dir=cli_store, passphrase=DURESS)
    assert result.code == 0 and result.out.strip() == "[]"
    real = run_cli("report", "list", "--json", data_dir=cli_store)
    assert real.code == 1 and "wrong passphrase" in real.err


@pytest.mark.slow
def test_wipe_is_fast_on_a_big_store_and_leaves_no_key(data_dir: Path, tmp_path: Path) -> None:
    with Store.init(data_dir, PASSPHRASE, key_type="x25519") as store:
        with store.write() as conn:
            for i in range(10_000):
                reports.create_report(conn, minimal_report(title=f"r{i}"), store.device.device_id)
        for i in range(10):
            blob = tmp_path / f"a{i}.bin"
            blob.write_bytes(os.urandom(10 * 1024 * 1024))
            store.attach(store.list_reports(ReportQuery(limit=1))[0]["id"], [blob])
            blob.unlink()
        assert store.count_reports() == 10_000
        keyfile_bytes = store.layout.key_file.read_bytes()
    size = sum(p.stat().st_size for p in _every_file(data_dir))
    assert size > 100 * 1024 * 1024

    start = time.perf_counter()
    result = run_cli("wipe", "--yes", "--json", data_dir=data_dir, passphrase=None)
    wall = time.perf_counter() - start
    assert result.code == 0, result.err
    reported_ms = json.loads(result.out)["milliseconds"]
    assert reported_ms < 1000, f"wipe took {reported_ms} ms"
    assert wall < 10  # includes interpreter start-up
    assert not StoreLayout(data_dir).key_file.exists()
    leftovers = _every_file(data_dir)
    assert leftovers == [], leftovers
    with pytest.raises(NotInitialisedError):
        vault.unlock(StoreLayout(data_dir), PASSPHRASE)
    assert keyfile_bytes  # it existed before


def test_wipe_without_yes_is_refused(cli_store: Path) -> None:
    result = run_cli("wipe", data_dir=cli_store, passphrase=None)
    assert result.code == 2 and "--yes" in result.err
    assert StoreLayout(cli_store).key_file.exists()


def test_init_failure_leaves_no_half_store(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fieldreport.store import migrate

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(migrate, "upgrade", broken)
    with pytest.raises(RuntimeError):
        Store.init(data_dir, PASSPHRASE, key_type="x25519")
    assert not StoreLayout(data_dir).key_file.exists()
    assert not (data_dir / "store.db").exists()
