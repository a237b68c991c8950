"""A new store is owner-only: the folder 0700, every file in it 0600 (security.md)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from fieldreport.store.store import Store
from tests.conftest import PASSPHRASE, minimal_report

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes")


def test_a_new_store_is_owner_only_whatever_the_umask(tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "store"
    old = os.umask(0o022)
    try:
        with Store.init(folder, PASSPHRASE, key_type="x25519") as store:
            report_id = store.add_report(minimal_report()).report_id  # writes the WAL
            photo = tmp_path / "photo.bin"
            photo.write_bytes(b"x" * 1000)
            store.attach(report_id, [photo])
            modes = {p.relative_to(folder): stat.S_IMODE(p.stat().st_mode) for p in _all(folder)}
    finally:
        os.umask(old)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    loose = {str(p): oct(m) for p, m in modes.items() if m & 0o077}
    assert not loose, f"readable by others: {loose}"
    assert Path("store.db") in modes


def _all(folder: Path) -> list[Path]:
    return [folder, *sorted(folder.rglob("*"))]
