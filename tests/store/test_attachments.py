"""Attachments: encrypted chunk by chunk, streamed, verified by doctor."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path
from typing import Any

import pytest

from fieldreport.errors import FieldReportError, NotFoundError
from fieldreport.store import doctor
from tests.conftest import minimal_report


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 3 * 65536 + 5])
def test_round_trip_at_chunk_boundaries(store: Any, tmp_path: Path, size: int) -> None:
    saved = store.add_report(minimal_report())
    src = tmp_path / "photo.jpg"
    content = os.urandom(size)
    src.write_bytes(content)
    [entry] = store.attach(saved.report_id, [src])
    assert entry["size"] == size and entry["sha256"] == hashlib.sha256(content).hexdigest()
    assert entry["media_type"] == "image/jpeg"
    out = io.BytesIO()
    store.extract_attachment(entry["id"], out)
    assert out.getvalue() == content
    on_disk = list((store.layout.attachments).iterdir())
    assert len(on_disk) == 1
    if size >= 16:  # shorter needles turn up in random ciphertext by chance
        assert content[:64] not in on_disk[0].read_bytes()


def test_attach_makes_a_revision_listing_the_file(store: Any, tmp_path: Path) -> None:
    saved = store.add_report(minimal_report())
    (tmp_path / "a.txt").write_text("hello")
    store.attach(saved.report_id, [tmp_path / "a.txt"])
    shown = store.get_report(saved.report_id)
    assert shown["revision"] == 2
    assert [a["name"] for a in shown["attachments"]] == ["a.txt"]


def test_attach_refuses_missing_and_folders(store: Any, tmp_path: Path) -> None:
    saved = store.add_report(minimal_report())
    with pytest.raises(NotFoundError, match="no such file"):
        store.attach(saved.report_id, [tmp_path / "missing.jpg"])
    with pytest.raises(FieldReportError, match="not a regular file"):
        store.attach(saved.report_id, [tmp_path])
    assert store.get_report(saved.report_id)["revision"] == 1


def test_attach_to_unknown_report_leaves_no_file(store: Any, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(NotFoundError):
        store.attach("0192aaaa-0000-7000-8000-000000000000", [tmp_path / "a.txt"])
    assert not store.layout.attachments.exists() or not any(store.layout.attachments.iterdir())


def test_doctor_finds_a_damaged_attachment(store: Any, tmp_path: Path) -> None:
    saved = store.add_report(minimal_report())
    (tmp_path / "a.bin").write_bytes(os.urandom(200_000))
    store.attach(saved.report_id, [tmp_path / "a.bin"])
    [blob] = list(store.layout.attachments.iterdir())
    data = bytearray(blob.read_bytes())
    data[70_000] ^= 1
    blob.write_bytes(bytes(data))
    result = doctor.run(store)
    assert any("failed authentication" in p for p in result.problems)


def test_large_attachment_streams_in_bounded_memory(tmp_path: Path) -> None:
    """Attach 256 MiB in a child process: peak RSS must stay far below the file size."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        f"""
        import os, resource, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parents[2])!r})
        from fieldreport.store.store import Store
        from tests.conftest import minimal_report, PASSPHRASE
        big = {str(tmp_path / "big.bin")!r}
        with open(big, "wb") as f:
            block = os.urandom(1 << 20)
            for _ in range(256):
                f.write(block)
        folder = __import__("pathlib").Path({str(tmp_path / "s")!r})
        s = Store.init(folder, PASSPHRASE, key_type="x25519")
        rid = s.add_report(minimal_report()).report_id
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        s.attach(rid, [__import__("pathlib").Path(big)])
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print((after - before) // 1024)
        """
    )
    env = {**os.environ, "FIELDREPORT_KDF_NO_CALIBRATION": "1"}
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    grown_mb = int(out.stdout.strip())
    assert grown_mb < 40, f"RSS grew by {grown_mb} MB while attaching 256 MiB"
