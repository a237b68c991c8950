"""Bundle sizes are padded (Padmé, 64 KiB floor) inside the encryption, and standard tools
still read them."""

from __future__ import annotations

import io
import struct

import pytest
import zstandard
from hypothesis import given
from hypothesis import strategies as st

from fieldreport.bundle.padding import (
    MIN_PADDED,
    SKIPPABLE_MAGIC,
    padded_length,
    padme,
    skippable_frames,
)
from fieldreport.bundle.reader import Callbacks, read_bundle
from fieldreport.store.staging import AttachmentStager
from tests.bundle import craft
from tests.bundle.conftest import Pair


@pytest.mark.parametrize(
    ("length", "expected"),
    [(0, 0), (1, 1), (2, 2), (9, 10), (100, 104), (1000, 1024), (65_537, 67_584)],
)
def test_padme_rounds_to_the_published_lengths(length: int, expected: int) -> None:
    assert padme(length) == expected


@given(st.integers(min_value=0, max_value=1 << 40))
def test_padme_never_shrinks_and_adds_at_most_12_percent(length: int) -> None:
    padded = padme(length)
    assert length <= padded <= max(length, 2) * 1.12 + 1


@given(st.integers(min_value=0, max_value=20 * 1024 * 1024))
def test_skippable_frames_fill_exactly_and_zstd_skips_them(payload: int) -> None:
    frames = b"".join(skippable_frames(payload))
    assert payload + len(frames) == padded_length(payload) >= MIN_PADDED
    assert struct.unpack_from("<I", frames)[0] == SKIPPABLE_MAGIC
    data = zstandard.ZstdCompressor().compress(b"x" * 100) + frames
    reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data), read_across_frames=True)
    assert reader.read() == b"x" * 100


def test_bundles_of_1_and_20_reports_have_the_same_size(pair: Pair) -> None:
    pair.add_reports(count=1)
    one = pair.export("one.frb").stat().st_size
    pair.add_reports(count=19)
    twenty = pair.export("twenty.frb").stat().st_size  # all 20 unacknowledged revisions
    assert one == twenty


def test_padding_is_inside_the_encryption_and_read_back(pair: Pair) -> None:
    pair.add_reports(count=2, attachment_size=150_000)
    bundle = pair.export()
    compressed = craft.decrypt_bytes(bundle, pair.coordinator.device.identity)
    assert len(compressed) == padme(len(compressed)) or len(compressed) == MIN_PADDED
    assert compressed.rstrip(b"\0") != compressed  # ends in the zeros of a skippable frame
    read = read_bundle(
        bundle,
        [pair.coordinator.device.identity],
        Callbacks(
            lambda device_id: pair.field.device.signing.public_key(),
            AttachmentStager(pair.coordinator.files),
        ),
    )
    assert len(read.staged) == 2
