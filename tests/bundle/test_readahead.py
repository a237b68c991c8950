"""Reading a bundle file ahead in a thread, hashing it on the way (bundle/readahead.py)."""

from __future__ import annotations

import hashlib
import io
import os
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldreport.bundle.readahead import HashedFile, ReadAhead


def _blocks(*blocks: bytes) -> list[bytes]:
    return [*blocks, b""]


def _producer(blocks: list[bytes]):  # type: ignore[no-untyped-def]
    it = iter(blocks)
    return lambda: next(it)


@settings(max_examples=150, deadline=None)
@given(
    st.binary(max_size=5000),
    st.lists(st.integers(min_value=1, max_value=700), min_size=1, max_size=40),
)
def test_reads_of_any_size_give_the_file_and_its_hash(data: bytes, sizes: list[int]) -> None:
    HashedFile.BLOCK = 1000  # type: ignore[misc]  # several blocks for small examples
    try:
        file = HashedFile(io.BytesIO(data))
        reader = ReadAhead(file, depth=2, name="test-reader")
        got, i = [], 0
        while part := reader.read(sizes[i % len(sizes)]):
            assert len(part) <= sizes[i % len(sizes)]
            got.append(part)
            i += 1
        reader.close()
    finally:
        HashedFile.BLOCK = 1 << 20  # type: ignore[misc]
    assert b"".join(got) == data
    assert reader.read(10) == b""  # stays at the end
    assert file.digest.hexdigest() == hashlib.sha256(data).hexdigest()
    assert file.size == len(data)


def test_whole_blocks_are_handed_out_without_a_copy() -> None:
    block = os.urandom(4096)
    reader = ReadAhead(_producer(_blocks(block)), depth=2, name="test-reader")
    assert reader.read(1 << 20) is block
    assert reader.read(-1) == b""
    reader.close()


def test_read_all_joins_the_rest() -> None:
    reader = ReadAhead(_producer(_blocks(b"abc", b"def", b"g")), depth=1, name="test-reader")
    assert reader.read(2) == b"ab"
    assert reader.read(-1) == b"cdefg"
    reader.close()


def test_an_error_is_raised_again_on_every_later_read() -> None:
    calls = iter([b"first block", OSError("the USB stick went away")])

    def produce() -> bytes:
        item = next(calls)
        if isinstance(item, BaseException):
            raise item
        return item

    reader = ReadAhead(produce, depth=2, name="test-reader")
    assert reader.read(100) == b"first block"
    for _ in range(2):
        with pytest.raises(OSError, match="USB stick"):
            reader.read(100)
    reader.close()


def test_close_before_the_end_stops_the_thread() -> None:
    endless = os.urandom(1000)
    reader = ReadAhead(lambda: endless, depth=2, name="test-endless")
    assert reader.read(10) == endless[:10]
    reader.close()
    assert not any(t.name == "test-endless" for t in threading.enumerate())
