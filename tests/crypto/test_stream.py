"""STREAM, the chunked AEAD under the age payload and the encrypted attachments."""

from __future__ import annotations

import io
import os

import pytest
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldreport.crypto.stream import (
    CHUNK_SIZE,
    ENCRYPTED_CHUNK_SIZE,
    StreamError,
    StreamReader,
    StreamWriter,
    iter_decrypt,
    payload_key,
)

KEY = bytes(range(32))
SIZES = [0, 1, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE, 3 * CHUNK_SIZE + 5]


def _seal(data: bytes, key: bytes = KEY) -> bytes:
    out = io.BytesIO()
    with StreamWriter(key, out) as writer:
        writer.write(data)
    return out.getvalue()


def _chunk(counter: int, plaintext: bytes, *, last: bool, key: bytes = KEY) -> bytes:
    nonce = counter.to_bytes(11, "big") + (b"\x01" if last else b"\x00")
    return ChaCha20Poly1305(key).encrypt(nonce, plaintext, None)


def _open_all(blob: bytes, key: bytes = KEY) -> bytes:
    return b"".join(iter_decrypt(key, io.BytesIO(blob)))


def _released_before_error(blob: bytes) -> bytes:
    released: list[bytes] = []
    with pytest.raises(StreamError):
        for chunk in iter_decrypt(KEY, io.BytesIO(blob)):
            released.append(chunk)
    return b"".join(released)


@pytest.mark.parametrize("size", SIZES)
def test_round_trip_at_chunk_boundaries(size: int) -> None:
    data = os.urandom(size)
    blob = _seal(data)
    chunks = max(1, -(-size // CHUNK_SIZE))
    assert len(blob) == size + 16 * chunks
    assert _open_all(blob) == data
    reader = StreamReader(KEY, io.BytesIO(blob))
    pieces = []
    while piece := reader.read(1000):
        pieces.append(piece)
    assert b"".join(pieces) == data


def test_chunk_layout_matches_the_spec() -> None:
    data = os.urandom(CHUNK_SIZE + 3)
    blob = _seal(data)
    assert blob == _chunk(0, data[:CHUNK_SIZE], last=False) + _chunk(
        1, data[CHUNK_SIZE:], last=True
    )


def test_many_small_writes_and_one_large_write_agree() -> None:
    data = os.urandom(5 * CHUNK_SIZE + 123)
    small = io.BytesIO()
    with StreamWriter(KEY, small) as writer:
        for i in range(0, len(data), 1000):
            writer.write(data[i : i + 1000])
    assert small.getvalue() == _seal(data)
    assert writer.plaintext_bytes == len(data)


def test_truncation_at_a_chunk_boundary() -> None:
    data = os.urandom(2 * CHUNK_SIZE + 5)
    blob = _seal(data)
    # Dropping the final chunk leaves a stream of non-final chunks only.
    truncated = blob[: 2 * ENCRYPTED_CHUNK_SIZE]
    assert _released_before_error(truncated) == data[: 2 * CHUNK_SIZE]


@pytest.mark.parametrize("cut", [1, 15, 16, 17, 1000])
def test_truncation_inside_a_chunk(cut: int) -> None:
    blob = _seal(os.urandom(CHUNK_SIZE + 100))
    with pytest.raises(StreamError):
        _open_all(blob[:-cut])


def test_empty_stream_and_missing_nonce_chunk() -> None:
    with pytest.raises(StreamError, match="missing"):
        _open_all(b"")
    assert _open_all(_seal(b"")) == b""


def test_appended_chunk() -> None:
    data = os.urandom(CHUNK_SIZE + 10)
    blob = _seal(data)
    extended = blob + _chunk(2, b"more", last=True)
    with pytest.raises(StreamError):
        _open_all(extended)


def test_data_after_full_final_chunk_is_refused_after_releasing_it() -> None:
    data = os.urandom(CHUNK_SIZE)
    blob = _seal(data)
    assert len(blob) == ENCRYPTED_CHUNK_SIZE
    # The genuine final chunk is released; the trailing byte is then an error.
    assert _released_before_error(blob + b"\x00") == data


def test_swapped_chunks() -> None:
    data = os.urandom(3 * CHUNK_SIZE + 5)
    blob = _seal(data)
    first = blob[:ENCRYPTED_CHUNK_SIZE]
    second = blob[ENCRYPTED_CHUNK_SIZE : 2 * ENCRYPTED_CHUNK_SIZE]
    swapped = second + first + blob[2 * ENCRYPTED_CHUNK_SIZE :]
    assert _released_before_error(swapped) == b""


def test_empty_final_chunk_after_data() -> None:
    data = os.urandom(CHUNK_SIZE)
    blob = _chunk(0, data, last=False) + _chunk(1, b"", last=True)
    with pytest.raises(StreamError, match="empty final chunk"):
        _open_all(blob)
    assert _released_before_error(blob) == data


def test_two_final_chunks() -> None:
    blob = _chunk(0, b"a" * CHUNK_SIZE, last=True) + _chunk(1, b"b", last=True)
    with pytest.raises(StreamError, match="after its final chunk"):
        _open_all(blob)


def test_wrong_key_and_flipped_bit() -> None:
    blob = _seal(b"attachment")
    with pytest.raises(StreamError):
        _open_all(blob, key=os.urandom(32))
    flipped = bytearray(blob)
    flipped[3] ^= 0x40
    with pytest.raises(StreamError):
        _open_all(bytes(flipped))


def test_unfinished_writer_is_refused() -> None:
    out = io.BytesIO()
    with pytest.raises(RuntimeError), StreamWriter(KEY, out) as writer:
        writer.write(os.urandom(CHUNK_SIZE + 1))
        raise RuntimeError("interrupted")
    with pytest.raises(StreamError):
        _open_all(out.getvalue())


def test_writer_rules() -> None:
    with pytest.raises(ValueError):
        StreamWriter(b"short", io.BytesIO())
    writer = StreamWriter(KEY, io.BytesIO())
    writer.close()
    writer.close()
    with pytest.raises(ValueError):
        writer.write(b"x")


def test_reader_readinto_and_read_all() -> None:
    data = os.urandom(2 * CHUNK_SIZE + 7)
    reader = StreamReader(KEY, io.BytesIO(_seal(data)))
    buf = bytearray(10)
    assert reader.readinto(buf) == 10 and bytes(buf) == data[:10]
    assert reader.read() == data[10:]
    assert reader.read(5) == b""


def test_payload_key_is_hkdf_of_file_key_and_nonce() -> None:
    key = payload_key(b"k" * 16, b"n" * 16)
    assert len(key) == 32
    assert key != payload_key(b"k" * 16, b"m" * 16)


def test_reader_failure_is_sticky() -> None:
    blob = _seal(os.urandom(2 * CHUNK_SIZE + 5))
    reader = StreamReader(KEY, io.BytesIO(blob[: 2 * ENCRYPTED_CHUNK_SIZE]))
    assert len(reader.read(2 * CHUNK_SIZE)) == 2 * CHUNK_SIZE
    with pytest.raises(StreamError):
        reader.read(1)
    with pytest.raises(StreamError):
        reader.read()


_WRITE_SIZES = st.lists(
    st.sampled_from([0, 1, 17, CHUNK_SIZE - 1, CHUNK_SIZE, CHUNK_SIZE + 1, 2 * CHUNK_SIZE + 3]),
    max_size=8,
)


@settings(max_examples=60, deadline=None)
@given(sizes=_WRITE_SIZES)
def test_any_split_of_the_writes_gives_the_same_stream(sizes: list[int]) -> None:
    # Whole chunks are sealed straight from the caller's buffer when more data follows them,
    # the rest goes through the writer's buffer: every mix of the two paths must give the
    # stream one write gives (itself checked against the spec's layout above).
    data = os.urandom(sum(sizes))
    out = io.BytesIO()
    with StreamWriter(KEY, out) as writer:
        offset = 0
        for size in sizes:
            writer.write(memoryview(data)[offset : offset + size])
            offset += size
    assert out.getvalue() == _seal(data)
    assert _open_all(out.getvalue()) == data
