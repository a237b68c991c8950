"""The frame walker accepts every whole zstd stream and refuses every cut one — including a
cut inside the 4-byte content checksum, which libzstd's streaming reader lets through."""

from __future__ import annotations

import io

import pytest
import zstandard
from hypothesis import given, settings
from hypothesis import strategies as st

from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.padding import skippable_frames
from fieldreport.bundle.zstd_frames import FrameWalker


def _frames(parts: list[bytes], checksum: bool, streamed: bool, pad: bool) -> bytes:
    out = b""
    for part in parts:
        compressor = zstandard.ZstdCompressor(level=1, write_checksum=checksum)
        if streamed:  # no content size in the header, several blocks
            sink = io.BytesIO()
            with compressor.stream_writer(sink, closefd=False) as writer:
                writer.write(part)
            out += sink.getvalue()
        else:
            out += compressor.compress(part)
    if pad:
        out += b"".join(skippable_frames(len(out)))
    return out


def _walk(data: bytes, cuts: list[int]) -> None:
    walker = FrameWalker()
    start = 0
    for cut in sorted({c % (len(data) + 1) for c in cuts}):
        walker.feed(data[start:cut])
        start = cut
    walker.feed(data[start:])
    walker.finish()


streams = st.builds(
    _frames,
    st.lists(st.one_of(st.binary(max_size=3000), st.just(b"a" * 300_000)), min_size=1, max_size=3),
    st.booleans(),
    st.booleans(),
    st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(streams, st.lists(st.integers(min_value=0), max_size=6))
def test_whole_streams_are_accepted_however_they_are_split(data: bytes, cuts: list[int]) -> None:
    _walk(data, cuts)


# One frame: cutting a stream of several exactly between two frames leaves a whole stream.
single_frames = st.builds(
    _frames,
    st.lists(st.one_of(st.binary(max_size=3000), st.just(b"a" * 300_000)), min_size=1, max_size=1),
    st.booleans(),
    st.booleans(),
    st.just(False),
)


@settings(max_examples=150, deadline=None)
@given(single_frames, st.integers(min_value=0), st.lists(st.integers(min_value=0), max_size=4))
def test_every_cut_is_refused(data: bytes, drop: int, cuts: list[int]) -> None:
    cut = data[: 1 + drop % (len(data) - 1)]  # at least one byte, at most all but one
    with pytest.raises(BundleError) as refused:
        _walk(cut, cuts)
    assert refused.value.reason == "damaged"


@pytest.mark.parametrize("missing", [1, 2, 3])
def test_a_cut_inside_the_checksum_is_refused(missing: int) -> None:
    data = _frames([b"x" * 5000], checksum=True, streamed=True, pad=False)
    # What the walker catches: libzstd's reader returns the content without an error.
    reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data[:-missing]))
    assert reader.read() == b"x" * 5000
    with pytest.raises(BundleError, match="cut short"):
        _walk(data[:-missing], [])


def test_bytes_that_are_not_a_frame_are_refused() -> None:
    with pytest.raises(BundleError):
        _walk(b"JUNKJUNK", [])
