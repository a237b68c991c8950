"""Round trips, recipient policy, key encodings, streaming and robustness of our age code."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldreport.crypto.age import (
    AgeError,
    AgeHeaderError,
    AgeHMACError,
    AgeKeyError,
    AgeNoMatchError,
    AgePayloadError,
    AgeRecipientError,
    AgeUnsupportedError,
    HybridIdentity,
    HybridRecipient,
    Identity,
    Recipient,
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    X25519Recipient,
    decrypt,
    encrypt,
    format_identity_file,
    open_decrypt,
    open_encrypt,
    parse_identity,
    parse_identity_file,
    parse_recipient,
)
from fieldreport.crypto.stream import Readable

SIZES = [0, 1, 65535, 65536, 65537, 3 * 65536 + 5]
REPO = Path(__file__).resolve().parents[2]

# The examples printed in the age specification (C2SP age.md).
SPEC_X25519_IDENTITY = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX"
SPEC_X25519_RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"
SPEC_PQ_IDENTITY = "AGE-SECRET-KEY-PQ-1XX76JRALNLXDMEW0CRK45QMCCH4X06SE84UN3VPM33W6HWDX0H3SK3ZQFR"
SPEC_PQ_RECIPIENT_START = "age1pq1x34nzsvr0rxjsgdn8zgyhfe8j7ceq5r9rdelkjuh3y235jzxshfg87pzf5"
SPEC_PQ_RECIPIENT_END = "h6gjtqmwze9pyyzk3tlhl53k2ykx3qheyty7saeq0d3fzv49zc0k"


def _plaintext(size: int) -> bytes:
    return os.urandom(size)


def _encrypt(recipients: list[Recipient], data: bytes, *, armor: bool = False) -> bytes:
    out = io.BytesIO()
    encrypt(recipients, io.BytesIO(data), out, armor=armor)
    return out.getvalue()


def _decrypt(identities: list[Identity], blob: bytes) -> bytes:
    out = io.BytesIO()
    decrypt(identities, io.BytesIO(blob), out)
    return out.getvalue()


X25519_ID = X25519Identity.generate()
HYBRID_ID = HybridIdentity.generate()


# --- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armored"])
@pytest.mark.parametrize("kind", ["x25519", "hybrid"])
def test_round_trip(kind: str, armor: bool, size: int) -> None:
    identity: X25519Identity | HybridIdentity = X25519_ID if kind == "x25519" else HYBRID_ID
    data = _plaintext(size)
    blob = _encrypt([identity.recipient()], data, armor=armor)
    assert blob.startswith(b"-----BEGIN AGE" if armor else b"age-encryption.org/v1\n")
    assert _decrypt([identity], blob) == data


def test_scrypt_round_trip() -> None:
    data = _plaintext(70_000)
    blob = _encrypt([ScryptRecipient(b"correct horse", work_factor=10)], data)
    assert b"-> scrypt " in blob
    assert _decrypt([ScryptIdentity(b"correct horse")], blob) == data
    with pytest.raises(AgeNoMatchError, match="not addressed to this identity"):
        _decrypt([ScryptIdentity(b"wrong horse")], blob)
    with pytest.raises(AgeNoMatchError, match="passphrase"):
        _decrypt([X25519_ID], blob)


def test_scrypt_work_factor_cap() -> None:
    blob = _encrypt([ScryptRecipient(b"pw", work_factor=12)], b"x")
    with pytest.raises(AgeHeaderError, match="above the limit"):
        _decrypt([ScryptIdentity(b"pw", max_work_factor=11)], blob)
    with pytest.raises(AgeRecipientError):
        ScryptRecipient(b"pw", work_factor=23)
    with pytest.raises(AgeRecipientError):
        ScryptRecipient(b"")


@pytest.mark.parametrize("kind", ["x25519", "hybrid"])
def test_several_recipients(kind: str) -> None:
    identities: list[X25519Identity | HybridIdentity]
    if kind == "x25519":
        identities = [X25519Identity.generate() for _ in range(3)]
    else:
        identities = [HybridIdentity.generate() for _ in range(3)]
    data = _plaintext(1000)
    blob = _encrypt([i.recipient() for i in identities], data)
    assert blob.count(b"\n-> ") == 3
    for identity in identities:
        assert _decrypt([identity], blob) == data
    # Several identities at once, only the last one matching.
    others: list[Identity] = [X25519Identity.generate(), HybridIdentity.generate()]
    assert _decrypt([*others, identities[-1]], blob) == data


def test_wrong_identity_is_no_match() -> None:
    blob = _encrypt([X25519_ID.recipient()], b"secret")
    with pytest.raises(AgeNoMatchError, match="not addressed to this identity"):
        _decrypt([X25519Identity.generate()], blob)
    with pytest.raises(AgeNoMatchError, match="not addressed to this identity"):
        _decrypt([HYBRID_ID], blob)
    pq_blob = _encrypt([HYBRID_ID.recipient()], b"secret")
    with pytest.raises(AgeNoMatchError, match="post-quantum"):
        _decrypt([X25519_ID], pq_blob)


def test_open_decrypt_checks_the_header_before_returning() -> None:
    blob = bytearray(_encrypt([X25519_ID.recipient()], b"secret"))
    with pytest.raises(AgeNoMatchError):
        open_decrypt([X25519Identity.generate()], io.BytesIO(bytes(blob)))
    mac_start = blob.index(b"\n--- ") + 5
    # The first base64 character of the MAC carries 6 full bits: another letter is still
    # canonical, so this is a wrong MAC, not a malformed one.
    blob[mac_start] = ord("B") if blob[mac_start] != ord("B") else ord("C")
    with pytest.raises(AgeHMACError):
        open_decrypt([X25519_ID], io.BytesIO(bytes(blob)))


def test_mac_protects_unknown_stanzas() -> None:
    blob = _encrypt([X25519_ID.recipient()], b"secret")
    header, rest = blob.split(b"\n---", 1)
    # Smuggling an extra stanza in keeps the file key reachable but breaks the MAC.
    tampered = header + b"\n-> grease x\nAAAA\n---" + rest
    with pytest.raises(AgeHMACError):
        _decrypt([X25519_ID], tampered)


def test_no_identities() -> None:
    blob = _encrypt([X25519_ID.recipient()], b"secret")
    with pytest.raises(AgeKeyError):
        _decrypt([], blob)


def test_fresh_key_and_nonce_per_file() -> None:
    recipient = X25519_ID.recipient()
    first = _encrypt([recipient], b"same plaintext")
    second = _encrypt([recipient], b"same plaintext")
    assert first != second
    assert first.split(b"\n---")[0] != second.split(b"\n---")[0]


# --- recipient policy ----------------------------------------------------------------------


def test_mixing_post_quantum_and_classical_is_refused() -> None:
    with pytest.raises(AgeRecipientError, match="mix post-quantum"):
        open_encrypt([HYBRID_ID.recipient(), X25519_ID.recipient()], io.BytesIO())
    with pytest.raises(AgeUnsupportedError):  # AgeRecipientError is a conscious refusal
        _encrypt([X25519_ID.recipient(), HYBRID_ID.recipient()], b"x")


def test_empty_recipients_and_scrypt_mixing_refused() -> None:
    out = io.BytesIO()
    with pytest.raises(AgeRecipientError, match="at least one"):
        open_encrypt([], out)
    with pytest.raises(AgeRecipientError, match="only recipient"):
        open_encrypt([ScryptRecipient(b"pw", work_factor=2), X25519_ID.recipient()], out)
    assert out.getvalue() == b""  # nothing written before the refusal


def test_mixed_file_from_elsewhere_still_decrypts() -> None:
    """We refuse to write mixed files, but the spec lets others do it: reading must work."""
    from fieldreport.crypto.age import header as age_header
    from fieldreport.crypto.stream import StreamWriter, payload_key

    file_key, nonce = os.urandom(16), os.urandom(16)
    stanzas = X25519_ID.recipient().wrap(file_key) + HYBRID_ID.recipient().wrap(file_key)
    out = io.BytesIO()
    out.write(age_header.encode(stanzas, file_key) + nonce)
    with StreamWriter(payload_key(file_key, nonce), out) as stream:
        stream.write(b"mixed")
    for identity in (X25519_ID, HYBRID_ID):
        assert _decrypt([identity], out.getvalue()) == b"mixed"


# --- the writer and reader file objects ----------------------------------------------------


class _TrackingBuffer(io.BytesIO):
    def __init__(self) -> None:
        super().__init__()
        self.close_calls = 0

    def close(self) -> None:
        self.close_calls += 1
        super().close()


def test_open_encrypt_incremental_writes_and_close_keeps_dst_open() -> None:
    dst = _TrackingBuffer()
    writer = open_encrypt([X25519_ID.recipient()], dst)
    assert dst.getvalue().startswith(b"age-encryption.org/v1\n")  # header written up front
    data = _plaintext(200_000)
    for i in range(0, len(data), 7777):
        assert writer.write(memoryview(data)[i : i + 7777]) == len(data[i : i + 7777])
    writer.close()
    writer.close()  # idempotent
    assert dst.close_calls == 0 and not dst.closed
    with pytest.raises(ValueError):
        writer.write(b"late")
    assert _decrypt([X25519_ID], dst.getvalue()) == data


def test_armored_open_encrypt() -> None:
    dst = io.BytesIO()
    with open_encrypt([X25519_ID.recipient()], dst, armor=True) as writer:
        writer.write(b"a" * 100_000)
    text = dst.getvalue().decode("ascii")
    lines = text.splitlines()
    assert lines[0] == "-----BEGIN AGE ENCRYPTED FILE-----"
    assert lines[-1] == "-----END AGE ENCRYPTED FILE-----"
    assert all(len(line) == 64 for line in lines[1:-2]) and 0 < len(lines[-2]) <= 64
    assert _decrypt([X25519_ID], dst.getvalue()) == b"a" * 100_000


def test_exception_in_with_block_leaves_file_unfinished() -> None:
    dst = io.BytesIO()
    with pytest.raises(RuntimeError), open_encrypt([X25519_ID.recipient()], dst) as writer:
        writer.write(b"partial data")
        raise RuntimeError("boom")
    with pytest.raises(AgePayloadError):
        _decrypt([X25519_ID], dst.getvalue())


def test_reader_keeps_failing_after_a_payload_error() -> None:
    blob = _encrypt([X25519_ID.recipient()], _plaintext(3 * 65536))
    truncated = blob[: len(blob) - 65536]
    reader = open_decrypt([X25519_ID], io.BytesIO(truncated))
    assert len(reader.read(65536)) == 65536
    with pytest.raises(AgePayloadError):
        reader.read()
    with pytest.raises(AgePayloadError):  # not a silent, clean EOF
        reader.read(10)


def test_reader_is_a_file_object() -> None:
    data = _plaintext(150_000)
    blob = _encrypt([X25519_ID.recipient()], data)
    with open_decrypt([X25519_ID], io.BytesIO(blob)) as reader:
        assert reader.readable()
        assert reader.read(5) == data[:5]
        assert reader.read1(10) == data[5:15]
        buf = bytearray(1000)
        assert reader.readinto(buf) == 1000 and bytes(buf) == data[15:1015]
        assert reader.read() == data[1015:]
        assert reader.read() == b""
    with pytest.raises(ValueError):
        reader.read()


def test_decrypt_reads_from_a_pipe_like_source() -> None:
    """Sources may return short reads; the header parser must cope."""
    data = _plaintext(70_000)
    blob = _encrypt([X25519_ID.recipient()], data, armor=True)

    class Trickle:
        def __init__(self, payload: bytes) -> None:
            self._payload = payload
            self._pos = 0

        def read(self, n: int = -1, /) -> bytes:
            step = 3 if n < 0 else min(n, 3)
            out = self._payload[self._pos : self._pos + step]
            self._pos += len(out)
            return out

    out = io.BytesIO()
    decrypt([X25519_ID], Trickle(blob), out)
    assert out.getvalue() == data


# --- keys ----------------------------------------------------------------------------------


def test_spec_example_keys() -> None:
    identity = parse_identity(SPEC_X25519_IDENTITY)
    assert isinstance(identity, X25519Identity)
    assert identity.to_string() == SPEC_X25519_IDENTITY
    assert identity.recipient().to_string() == SPEC_X25519_RECIPIENT
    assert parse_recipient(SPEC_X25519_RECIPIENT) == identity.recipient()

    pq = parse_identity(SPEC_PQ_IDENTITY)
    assert isinstance(pq, HybridIdentity)
    assert pq.to_string() == SPEC_PQ_IDENTITY
    recipient = pq.recipient().to_string()
    assert recipient.startswith(SPEC_PQ_RECIPIENT_START)
    assert recipient.endswith(SPEC_PQ_RECIPIENT_END)
    assert len(recipient) > 90  # no BIP 173 length limit for age keys
    assert parse_recipient(recipient) == pq.recipient()


@pytest.mark.parametrize("cls", [X25519Identity, HybridIdentity])
def test_identity_encodings(cls: type[X25519Identity] | type[HybridIdentity]) -> None:
    identity = cls.generate()
    secret = identity.secret_bytes()
    assert len(secret) == 32
    rebuilt = X25519Identity.from_secret(secret) if cls is X25519Identity else None
    if cls is HybridIdentity:
        rebuilt_pq = HybridIdentity.from_seed(secret)
        assert rebuilt_pq.recipient() == identity.recipient()
        assert identity.to_string().startswith("AGE-SECRET-KEY-PQ-1")
        assert identity.recipient().to_string().startswith("age1pq1")
    else:
        assert rebuilt is not None and rebuilt.recipient() == identity.recipient()
        assert identity.to_string().startswith("AGE-SECRET-KEY-1")
    text = identity.to_string()
    assert text == text.upper()
    assert parse_identity(text).secret_bytes() == secret
    recipient_text = identity.recipient().to_string()
    assert recipient_text == recipient_text.lower()
    assert text not in repr(identity)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (SPEC_X25519_RECIPIENT[:-1] + "q", AgeKeyError),  # bad checksum
        (SPEC_X25519_RECIPIENT.upper(), AgeKeyError),
        ("age1" + SPEC_X25519_RECIPIENT[4:10].upper() + SPEC_X25519_RECIPIENT[10:], AgeKeyError),
        (
            "age1yubikey1qwt50d05nh5vutpdzmlg5wn80xq5negm4uj9ghv0snvdd3yysf5yw3rhl3t",
            AgeUnsupportedError,
        ),
        (
            "age1tag1qt8lw0ual6avlwmwatk888yqnmdamm7xfd0wak53ut6elz5c4swx2yqdj4e",
            AgeUnsupportedError,
        ),
        ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH", AgeUnsupportedError),
        ("hello", AgeKeyError),
        ("", AgeKeyError),
    ],
)
def test_bad_recipients(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_recipient(text)


def test_low_order_recipient_refused() -> None:
    with pytest.raises(AgeKeyError):
        X25519Recipient(bytes(32))
    with pytest.raises(AgeKeyError):
        HybridRecipient(bytes(1216))
    with pytest.raises(AgeKeyError):
        X25519Recipient(bytes(31))


@pytest.mark.parametrize(
    ("text", "error"),
    [
        (SPEC_X25519_IDENTITY.lower(), AgeKeyError),
        (SPEC_X25519_IDENTITY[:-1] + "Q", AgeKeyError),
        ("AGE-PLUGIN-YUBIKEY-1QQQQQQ", AgeUnsupportedError),
        (SPEC_X25519_RECIPIENT, AgeKeyError),
    ],
)
def test_bad_identities(text: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_identity(text)


def test_identity_file_parsing() -> None:
    pq = HybridIdentity.generate()
    text = (
        "# created: 2024-01-01T00:00:00Z\r\n"
        f"# public key: {X25519_ID.recipient().to_string()}\r\n"
        f"{X25519_ID.to_string()}\r\n"
        "\r\n"
        "   \n"
        f"  {pq.to_string()}  \n"
    )
    identities = parse_identity_file(text)
    assert [i.secret_bytes() for i in identities] == [X25519_ID.secret_bytes(), pq.secret_bytes()]


def test_identity_file_errors_do_not_leak_secrets() -> None:
    broken = X25519_ID.to_string()[:-1] + ("Q" if X25519_ID.to_string()[-1] != "Q" else "P")
    with pytest.raises(AgeKeyError, match="line 3") as info:
        parse_identity_file(f"# comment\n\n{broken}\n")
    assert broken[16:40] not in str(info.value)
    with pytest.raises(AgeKeyError, match="no secret key"):
        parse_identity_file("# only comments\n\n")
    with pytest.raises(AgeUnsupportedError):
        parse_identity_file("age-encryption.org/v1\n-> scrypt ...\n")


def test_format_identity_file() -> None:
    created = datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
    text = format_identity_file(X25519_ID, created)
    assert text == (
        "# created: 2024-05-06T07:08:09Z\n"
        f"# public key: {X25519_ID.recipient().to_string()}\n"
        f"{X25519_ID.to_string()}\n"
    )
    east = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone(timedelta(hours=5, minutes=30)))
    assert format_identity_file(HYBRID_ID, east).startswith(
        "# created: 2024-05-06T07:08:09+05:30\n"
    )
    assert parse_identity_file(format_identity_file(HYBRID_ID, east))[0].to_string() == (
        HYBRID_ID.to_string()
    )
    with pytest.raises(ValueError):
        format_identity_file(X25519_ID, datetime(2024, 1, 1))


# --- bounded input -------------------------------------------------------------------------


def test_header_limits() -> None:
    stanza = b"-> grease\n\n"
    too_many = b"age-encryption.org/v1\n" + stanza * 300 + b"--- " + b"A" * 43 + b"\n"
    with pytest.raises(AgeHeaderError, match="stanzas"):
        _decrypt([X25519_ID], too_many)
    long_line = b"age-encryption.org/v1\n-> " + b"a" * 10_000 + b"\n"
    with pytest.raises(AgeHeaderError, match="longer than"):
        _decrypt([X25519_ID], long_line)


def test_endless_input_fails_fast() -> None:
    class Endless:
        def __init__(self, pattern: bytes) -> None:
            self.pattern = pattern
            self.served = 0

        def read(self, n: int = -1, /) -> bytes:
            size = 65536 if n < 0 else n
            self.served += size
            return (self.pattern * (size // len(self.pattern) + 1))[:size]

    for pattern in (b"\x00\xff", b"age-encryption.org/v1\n-> a\n" + b"A" * 64 + b"\n"):
        source = Endless(pattern)
        with pytest.raises(AgeHeaderError):
            _decrypt_stream(source)
        assert source.served < 2 * 1024 * 1024


def _decrypt_stream(source: Readable) -> None:
    decrypt([X25519_ID], source, io.BytesIO())


# --- constant memory -----------------------------------------------------------------------

_MEMORY_SCRIPT = textwrap.dedent(
    """
    import hashlib, os, resource, threading
    from fieldreport.crypto.age import X25519Identity, decrypt, encrypt

    TOTAL = 64 * 1024 * 1024
    BLOCK = os.urandom(100_003)

    def blocks():
        block = BLOCK
        sent = 0
        while sent < TOTAL:
            piece = block[: min(len(block), TOTAL - sent)]
            sent += len(piece)
            yield piece

    class GeneratorFile:
        def __init__(self, gen):
            self._gen, self._left = gen, b""
        def read(self, n=-1):
            if not self._left:
                self._left = next(self._gen, b"")
            if n < 0:
                n = len(self._left)
            out, self._left = self._left[:n], self._left[n:]
            return out

    class HashSink:
        def __init__(self):
            self.hash, self.size = hashlib.sha256(), 0
        def write(self, data):
            self.hash.update(data)
            self.size += len(data)
            return len(data)

    identity = X25519Identity.generate()
    expected = hashlib.sha256()
    for piece in blocks():
        expected.update(piece)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    read_fd, write_fd = os.pipe()
    def produce():
        with os.fdopen(write_fd, "wb") as pipe_out:
            encrypt([identity.recipient()], GeneratorFile(blocks()), pipe_out)
    producer = threading.Thread(target=produce)
    producer.start()
    sink = HashSink()
    with os.fdopen(read_fd, "rb") as pipe_in:
        decrypt([identity], pipe_in, sink)
    producer.join()
    assert sink.size == TOTAL and sink.hash.digest() == expected.digest()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((peak - baseline) * 1024)
    """
)


def test_streaming_uses_constant_memory() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run(
        [sys.executable, "-c", _MEMORY_SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    growth = int(result.stdout.strip())
    # Streaming keeps growth near zero. The bound is tighter than "< 60 MB" on purpose:
    # allocator reuse of import-time memory hides ~15 MB, so holding the whole 64 MiB
    # payload shows up as only ~50 MB of growth and would slip under 60.
    assert growth < 30 * 1024 * 1024, f"peak RSS grew by {growth / 2**20:.1f} MiB"


# --- robustness: every bad input is an AgeError ----------------------------------------------

_SMALL = _encrypt([X25519_ID.recipient(), X25519Identity.generate().recipient()], b"tiny")
_TWO_CHUNKS = _encrypt([X25519_ID.recipient()], _plaintext(65536 + 10))
_HYBRID = _encrypt([HYBRID_ID.recipient()], b"post-quantum")
_ARMORED = _encrypt([X25519_ID.recipient()], b"armored", armor=True)
_FILES = {"small": _SMALL, "two_chunks": _TWO_CHUNKS, "hybrid": _HYBRID}
_IDENTITIES: list[Identity] = [X25519_ID, HYBRID_ID]

_PREFIXES = [
    b"",
    b"age-encryption.org/v1\n",
    b"age-encryption.org/v1\n-> X25519 ",
    b"-----BEGIN AGE ENCRYPTED FILE-----\n",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(_PREFIXES), data=st.binary(max_size=4096))
def test_random_bytes_raise_age_error(prefix: bytes, data: bytes) -> None:
    with pytest.raises(AgeError):
        _decrypt(_IDENTITIES, prefix + data)


@settings(max_examples=300, deadline=None)
@given(
    name=st.sampled_from(sorted(_FILES)),
    position=st.floats(0, 1, exclude_max=True),
    flip=st.integers(1, 255),
)
def test_single_byte_mutations_raise_age_error(name: str, position: float, flip: int) -> None:
    blob = bytearray(_FILES[name])
    index = int(position * len(blob))
    blob[index] ^= flip
    with pytest.raises(AgeError):
        _decrypt(_IDENTITIES, bytes(blob))


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(sorted(_FILES)), position=st.floats(0, 1, exclude_max=True))
def test_truncations_raise_age_error(name: str, position: float) -> None:
    blob = _FILES[name]
    with pytest.raises(AgeError):
        _decrypt(_IDENTITIES, blob[: int(position * len(blob))])


@settings(max_examples=200, deadline=None)
@given(position=st.integers(0, len(_ARMORED) - 1), flip=st.integers(1, 255))
def test_armored_mutations_never_yield_other_plaintext(position: int, flip: int) -> None:
    """Whitespace around armor may change harmlessly; anything else must be an AgeError."""
    blob = bytearray(_ARMORED)
    blob[position] ^= flip
    try:
        plaintext = _decrypt(_IDENTITIES, bytes(blob))
    except AgeError:
        return
    assert plaintext == b"armored"
