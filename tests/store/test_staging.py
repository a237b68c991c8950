"""Staging a bundle's attachments in a background thread (store/staging.py)."""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest

from fieldreport.store.attachments import AttachmentFiles, StoredBlob
from fieldreport.store.staging import READ_SIZE, AttachmentStager


def _read_back(files: AttachmentFiles, blob: StoredBlob) -> bytes:
    return b"".join(files.iter_plaintext(blob.blob, blob.file_key))


class _Failing(io.BytesIO):
    """A source whose reading fails after its first read (the bundle turns out damaged)."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.reads = 0

    def read(self, n: int | None = -1, /) -> bytes:
        self.reads += 1
        if self.reads > 1:
            raise ValueError("damaged")
        return super().read(n)


def test_files_are_stored_encrypted_and_reported_in_order(tmp_path: Path) -> None:
    files = AttachmentFiles(tmp_path / "attachments")
    contents = [os.urandom(n) for n in (0, 1, READ_SIZE, 3 * READ_SIZE + 17)]
    results: list[StoredBlob] = []
    stager = AttachmentStager(files)
    for content in contents:
        stager.add(io.BytesIO(content), lambda blob: results.append(blob) is None)
    stager.finish()
    stager.wait_durable()
    assert [r.size for r in results] == [len(c) for c in contents]
    assert [r.sha256 for r in results] == [hashlib.sha256(c).hexdigest() for c in contents]
    assert [_read_back(files, r) for r in results] == contents
    on_disk = sorted(p.name for p in files.folder.iterdir())
    assert on_disk == sorted(r.blob for r in results)  # no temporary file left
    big = contents[-1]
    assert big[:64] not in (files.folder / results[-1].blob).read_bytes()


def test_a_file_done_declines_is_removed(tmp_path: Path) -> None:
    files = AttachmentFiles(tmp_path / "attachments")
    stager = AttachmentStager(files)
    kept: list[StoredBlob] = []
    stager.add(io.BytesIO(b"first"), lambda blob: kept.append(blob) is None)
    stager.add(io.BytesIO(b"same content again"), lambda blob: False)
    stager.finish()
    assert [p.name for p in files.folder.iterdir()] == [kept[0].blob]


def test_a_refusal_in_done_reaches_the_reader_and_discard_removes_everything(
    tmp_path: Path,
) -> None:
    files = AttachmentFiles(tmp_path / "attachments")
    stager = AttachmentStager(files)

    def refuse(blob: StoredBlob) -> bool:
        raise LookupError("does not match the manifest")

    stager.add(io.BytesIO(b"good"), lambda blob: True)
    stager.add(io.BytesIO(b"bad"), refuse)
    with pytest.raises(LookupError, match="manifest"):
        # The refusal comes at a later call at the latest: the reader does not wait for it.
        for _ in range(50):
            stager.add(io.BytesIO(os.urandom(READ_SIZE)), lambda blob: True)
        stager.finish()
    assert any(files.folder.iterdir())
    stager.discard()
    assert list(files.folder.iterdir()) == []


def test_a_source_failing_midway_leaves_nothing_after_discard(tmp_path: Path) -> None:
    files = AttachmentFiles(tmp_path / "attachments")
    stager = AttachmentStager(files)
    stager.add(io.BytesIO(os.urandom(1000)), lambda blob: True)
    with pytest.raises(ValueError, match="damaged"):
        stager.add(_Failing(os.urandom(2 * READ_SIZE)), lambda blob: True)
    stager.discard()  # what the reader does on any failure
    assert list(files.folder.iterdir()) == []


def test_discard_after_success_removes_the_staged_files(tmp_path: Path) -> None:
    """A commit that fails after staging (disk full in the database) leaves no files."""
    files = AttachmentFiles(tmp_path / "attachments")
    stager = AttachmentStager(files)
    for _ in range(3):
        stager.add(io.BytesIO(os.urandom(5000)), lambda blob: True)
    stager.finish()
    stager.wait_durable()
    assert len(list(files.folder.iterdir())) == 3
    stager.discard()
    assert list(files.folder.iterdir()) == []
