"""minisign format: known answers from minisign 0.11, round trips, tampering, strict parsing."""

from __future__ import annotations

import base64
import contextlib
import io
from typing import TypedDict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldreport.crypto.minisign import (
    MEMLIMIT_INTERACTIVE,
    MEMLIMIT_SENSITIVE,
    OPSLIMIT_INTERACTIVE,
    OPSLIMIT_SENSITIVE,
    FormatError,
    KeyMismatchError,
    MinisignError,
    PasswordError,
    PublicKey,
    SignatureError,
    SigningKey,
)
from fieldreport.crypto.minisign.secret_key_file import scrypt_parameters

# Made with `minisign -G -W`, then `minisign -S -c uc -t 'tc ünï'` and `minisign -S -l` over
# b"hello\n" (minisign 0.11, Debian).
MINISIGN_PUB = (
    "untrusted comment: minisign public key 27B28A2486A5B789\n"
    "RWSJt6WGJIqyJwBVvA5uI0X6czpqiCIBwRrQD27ZACyt9CIYkfHaBXNS\n"
)
MINISIGN_KEY_W = (
    "untrusted comment: minisign encrypted secret key\n"
    "RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAibelhiSKsieqyJAD5P3p"
    "K94LaGhQ4/bpZdEYW+DrDsjF1rbEe7lI9wBVvA5uI0X6czpqiCIBwRrQD27ZACyt9CIYkfHaBXNSAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
)
MESSAGE = b"hello\n"
MINISIGN_SIG = (
    "untrusted comment: uc\n"
    "RUSJt6WGJIqyJ+G/iXyKc1GxtIEW6gLH3eJX5YR/OIgMH/fASATo5lB/+4mhAPWbOyur4b9k2illE5JKnTAyK5qkaPTHcy"
    "TBRQg=\n"
    "trusted comment: tc ünï\n"
    "IkDGJdhu2Bct+kJEcLnhbZr3M16y3nu847zlbD0SNs2xox3o2ZR4GL4tnWx7DMdxCaWwkOU47UFOXt4mxippDw==\n"
)
MINISIGN_LEGACY_SIG = (
    "untrusted comment: signature from minisign secret key\n"
    "RWSJt6WGJIqyJynY/mSeOaQnnkZECQz0qDGyNslQ12cAk0qSJMHD/j3WPY60MPWLWD/PXZfYkvcBgH+7XiJB3JzKnu6d7r"
    "iJPAA=\n"
    "trusted comment: timestamp:1795479885\tfile:f\n"
    "1IbKD7wbhjU8lcixZWFneHaAb602NGdbFnE95qmeqpjze04t7BRQPHhQNiFIMf3uhI4p4p17SV4JU0amuRz1BQ==\n"
)


class _Kdf(TypedDict):
    kdf_opslimit: int
    kdf_memlimit: int


# 16 MiB scrypt keeps these tests fast; minisign's 1 GiB default is covered by the interop tests.
FAST_KDF: _Kdf = {"kdf_opslimit": OPSLIMIT_INTERACTIVE, "kdf_memlimit": MEMLIMIT_INTERACTIVE}


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.from_seed(bytes(range(32)), key_id=bytes.fromhex("0102030405060708"))


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _replace_line(text: str, index: int, new: str) -> str:
    lines = _lines(text)
    lines[index] = new
    return "\n".join(lines) + "\n"


# --- known answers ----------------------------------------------------------------------------


def test_reads_minisign_public_key_and_prints_its_key_id() -> None:
    pk = PublicKey.from_file_text(MINISIGN_PUB)
    assert pk.key_id == bytes.fromhex("89b7a586248ab227")  # as stored, little-endian
    assert pk.key_id_hex == "27B28A2486A5B789"
    assert pk.to_string() == "RWSJt6WGJIqyJwBVvA5uI0X6czpqiCIBwRrQD27ZACyt9CIYkfHaBXNS"
    assert pk.to_file_text() == MINISIGN_PUB
    assert PublicKey.from_string(pk.to_string()) == pk


def test_verifies_minisign_signatures() -> None:
    pk = PublicKey.from_file_text(MINISIGN_PUB)
    assert pk.verify(MESSAGE, MINISIGN_SIG) == "tc ünï"
    assert pk.verify(MESSAGE, MINISIGN_LEGACY_SIG) == "timestamp:1795479885\tfile:f"
    assert pk.verify_stream(io.BytesIO(MESSAGE), MINISIGN_SIG) == "tc ünï"
    assert pk.verify_stream(io.BytesIO(MESSAGE), MINISIGN_LEGACY_SIG.encode()) == (
        "timestamp:1795479885\tfile:f"
    )


def test_signs_byte_for_byte_like_minisign() -> None:
    # Ed25519 is deterministic: the same key, data and comments give minisign's exact file.
    sk = SigningKey.from_secret_key_file(MINISIGN_KEY_W, None)
    assert sk.public_key() == PublicKey.from_file_text(MINISIGN_PUB)
    assert sk.sign(MESSAGE, trusted_comment="tc ünï", untrusted_comment="uc") == MINISIGN_SIG
    legacy = sk.sign(
        MESSAGE,
        trusted_comment="timestamp:1795479885\tfile:f",
        untrusted_comment="signature from minisign secret key",
        prehashed=False,
    )
    assert legacy == MINISIGN_LEGACY_SIG
    streamed = sk.sign_stream(io.BytesIO(MESSAGE), trusted_comment="tc ünï", untrusted_comment="uc")
    assert streamed == MINISIGN_SIG


def test_scrypt_parameters_match_libsodium() -> None:
    assert scrypt_parameters(OPSLIMIT_SENSITIVE, MEMLIMIT_SENSITIVE) == (1 << 20, 8, 1)
    assert scrypt_parameters(OPSLIMIT_INTERACTIVE, MEMLIMIT_INTERACTIVE) == (1 << 14, 8, 1)
    # The opslimit-bound branch and the floor of 32768 operations.
    assert scrypt_parameters(0, 1 << 30) == (1 << 10, 8, 1)


# --- round trips and tampering ----------------------------------------------------------------


@pytest.mark.parametrize("prehashed", [True, False])
def test_round_trip(key: SigningKey, prehashed: bool) -> None:
    sig = key.sign(b"report 42", trusted_comment="file:r42.age ✓", prehashed=prehashed)
    algorithm = base64.b64decode(_lines(sig)[1])[:2]
    assert algorithm == (b"ED" if prehashed else b"Ed")
    assert _lines(sig)[0] == "untrusted comment: signature from fieldreport"
    pk = key.public_key()
    assert pk.verify(b"report 42", sig) == "file:r42.age ✓"
    assert pk.verify_stream(io.BytesIO(b"report 42"), sig) == "file:r42.age ✓"


def test_legacy_can_be_refused(key: SigningKey) -> None:
    sig = key.sign(b"x", trusted_comment="t", prehashed=False)
    with pytest.raises(FormatError, match="legacy"):
        key.public_key().verify(b"x", sig, allow_legacy=False)
    with pytest.raises(FormatError, match="legacy"):
        key.public_key().verify_stream(io.BytesIO(b"x"), sig, allow_legacy=False)
    prehashed = key.sign(b"x", trusted_comment="t")
    assert key.public_key().verify(b"x", prehashed, allow_legacy=False) == "t"


class _RecordingReader(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.sizes: list[int] = []

    def read(self, size: int | None = -1, /) -> bytes:
        self.sizes.append(-1 if size is None else size)
        return super().read(size)


@pytest.mark.parametrize("size", [0, 1, 999, 1000, 1001, 5000])
def test_stream_signing_reads_in_chunks_and_matches_sign(key: SigningKey, size: int) -> None:
    data = bytes(i % 251 for i in range(size))
    reader = _RecordingReader(data)
    streamed = key.sign_stream(reader, trusted_comment="s", chunk_size=1000)
    assert reader.sizes and all(0 < n <= 1000 for n in reader.sizes)
    assert streamed == key.sign(data, trusted_comment="s")
    assert key.public_key().verify_stream(io.BytesIO(data), streamed) == "s"


def test_stream_chunk_size_must_be_positive(key: SigningKey) -> None:
    with pytest.raises(ValueError, match="chunk_size"):
        key.sign_stream(io.BytesIO(b"data"), trusted_comment="t", chunk_size=0)


@pytest.mark.parametrize("prehashed", [True, False])
def test_tampered_message(key: SigningKey, prehashed: bool) -> None:
    sig = key.sign(b"report 42", trusted_comment="t", prehashed=prehashed)
    with pytest.raises(SignatureError, match="data"):
        key.public_key().verify(b"report 43", sig)
    with pytest.raises(SignatureError):
        key.public_key().verify_stream(io.BytesIO(b"report 4"), sig)


def test_tampered_trusted_comment(key: SigningKey) -> None:
    sig = key.sign(b"data", trusted_comment="file:a.age")
    forged = _replace_line(sig, 2, "trusted comment: file:b.age")
    with pytest.raises(SignatureError, match="trusted comment"):
        key.public_key().verify(b"data", forged)


def test_tampered_global_signature(key: SigningKey) -> None:
    sig = key.sign(b"data", trusted_comment="t")
    other_global = _lines(key.sign(b"data", trusted_comment="u"))[3]
    with pytest.raises(SignatureError, match="trusted comment"):
        key.public_key().verify(b"data", _replace_line(sig, 3, other_global))
    raw = bytearray(base64.b64decode(_lines(sig)[3]))
    raw[10] ^= 1
    flipped = _replace_line(sig, 3, base64.b64encode(bytes(raw)).decode())
    with pytest.raises(SignatureError):
        key.public_key().verify(b"data", flipped)


def test_untrusted_comment_is_not_covered(key: SigningKey) -> None:
    sig = key.sign(b"data", trusted_comment="t", untrusted_comment="before")
    assert key.public_key().verify(b"data", _replace_line(sig, 0, "untrusted comment: ä")) == "t"


def test_other_key_names_both_key_ids(key: SigningKey) -> None:
    other = SigningKey.generate(key_id=bytes.fromhex("aabbccddeeff0011"))
    sig = other.sign(b"data", trusted_comment="t")
    with pytest.raises(KeyMismatchError) as info:
        key.public_key().verify(b"data", sig)
    message = str(info.value)
    assert "1100FFEEDDCCBBAA" in message and key.public_key().key_id_hex in message
    assert "\n" not in message
    assert info.value.signature_key_id == other.key_id


def test_other_key_with_the_same_key_id(key: SigningKey) -> None:
    impostor = SigningKey.generate(key_id=key.key_id)
    sig = impostor.sign(b"data", trusted_comment="t")
    with pytest.raises(SignatureError):
        key.public_key().verify(b"data", sig)


def test_key_basics(key: SigningKey) -> None:
    assert key.seed_bytes() == bytes(range(32))
    assert key.key_id == bytes.fromhex("0102030405060708")
    assert key.key_id_hex == "0807060504030201"
    assert bytes(range(32)).hex() not in repr(key)
    assert len(SigningKey.generate().key_id) == 8
    assert SigningKey.generate().seed_bytes() != SigningKey.generate().seed_bytes()
    with pytest.raises(ValueError):
        SigningKey.from_seed(b"short")
    with pytest.raises(ValueError):
        SigningKey.from_seed(bytes(32), key_id=b"1234567")


def test_public_key_from_string_forgives_surrounding_whitespace(key: SigningKey) -> None:
    pk = key.public_key()
    assert PublicKey.from_string(f"  {pk.to_string()}\n") == pk
    assert PublicKey.from_file_text(pk.to_file_text().replace("\n", "\r\n")) == pk
    assert PublicKey.from_file_text(pk.to_file_text().rstrip("\n").encode()) == pk


# --- comments we write ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "trusted", ["two\nlines", "carriage\rreturn", "nul\x00", "x" * 8174, "é" * 4087, "\udc80"]
)
def test_refuses_unwritable_trusted_comments(key: SigningKey, trusted: str) -> None:
    with pytest.raises(FormatError, match="trusted comment"):
        key.sign(b"data", trusted_comment=trusted)
    with pytest.raises(FormatError, match="trusted comment"):
        key.sign_stream(io.BytesIO(b"data"), trusted_comment=trusted)


@pytest.mark.parametrize("untrusted", ["a\nb", "x" * 1004])
def test_refuses_unwritable_untrusted_comments(key: SigningKey, untrusted: str) -> None:
    with pytest.raises(FormatError, match="untrusted comment"):
        key.sign(b"data", trusted_comment="t", untrusted_comment=untrusted)


def test_longest_comments_round_trip(key: SigningKey) -> None:
    trusted, untrusted = "t" * 8173, "u" * 1003
    sig = key.sign(b"data", trusted_comment=trusted, untrusted_comment=untrusted)
    assert key.public_key().verify(b"data", sig) == trusted
    assert key.public_key().verify(b"data", key.sign(b"data", trusted_comment="")) == ""


# --- strict parsing ---------------------------------------------------------------------------


def _non_canonical(b64: str) -> str:
    # Set leftover bits that the decoder would otherwise silently drop.
    stem = b64.rstrip("=")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    last = alphabet[alphabet.index(stem[-1]) ^ 1]
    return stem[:-1] + last + b64[len(stem) :]


def _bad_signatures(good: str) -> list[tuple[str, str | bytes]]:
    lines = _lines(good)
    sig_raw = base64.b64decode(lines[1])
    return [
        ("empty", ""),
        ("only base64", lines[1]),
        ("no trusted line", "\n".join(lines[:2]) + "\n"),
        ("trusted line renamed", _replace_line(good, 2, "trusted comments: t")),
        ("no untrusted prefix", _replace_line(good, 0, "comment: x")),
        ("BOM", "\ufeff" + good),
        ("global line missing", "\n".join(lines[:3]) + "\n"),
        ("extra line", good + "more\n"),
        ("stray CR", _replace_line(good, 2, "trusted comment: a\rb")),
        ("bad base64 char", _replace_line(good, 1, lines[1][:-3] + "*==")),
        ("base64 whitespace", _replace_line(good, 1, " " + lines[1][1:])),
        ("short sig", _replace_line(good, 1, base64.b64encode(sig_raw[:-1]).decode())),
        ("long sig", _replace_line(good, 1, base64.b64encode(sig_raw + b"x").decode())),
        ("unpadded", _replace_line(good, 1, lines[1].rstrip("="))),
        ("non-canonical sig", _replace_line(good, 1, _non_canonical(lines[1]))),
        ("non-canonical global", _replace_line(good, 3, _non_canonical(lines[3]))),
        ("unknown alg", _replace_line(good, 1, base64.b64encode(b"Xy" + sig_raw[2:]).decode())),
        ("short global", _replace_line(good, 3, base64.b64encode(bytes(63)).decode())),
        ("too long", good.replace("t", "t" * 11000, 1)),
        ("too long bytes", good.encode() + b"\n" * 11000),
        ("not UTF-8", good.encode().replace(b"untrusted comment: ", b"untrusted comment: \xff")),
        ("lone surrogate", good.replace("comment: ", "comment: \udc80", 1)),
        ("NUL", good.replace("trusted comment: t", "trusted comment: t\x00")),
    ]


def test_strict_signature_parsing(key: SigningKey) -> None:
    good = key.sign(b"data", trusted_comment="t")
    assert key.public_key().verify(b"data", good) == "t"
    for name, bad in _bad_signatures(good):
        with pytest.raises(FormatError) as info:
            key.public_key().verify(b"data", bad)
        assert "\n" not in str(info.value), name


def test_tolerated_signature_spellings(key: SigningKey) -> None:
    good = key.sign(b"data", trusted_comment="t")
    pk = key.public_key()
    assert pk.verify(b"data", good.rstrip("\n")) == "t"
    assert pk.verify(b"data", good.replace("\n", "\r\n")) == "t"
    assert pk.verify(b"data", good + "\n\n") == "t"
    assert pk.verify(b"data", good.encode()) == "t"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "RWS",
        "RWSJt6WGJIqyJwBVvA5uI0X6czpqiCIBwRrQD27ZACyt9CIYkfHaBXN",  # one character short
        "RWSJt6WGJIqyJwBVvA5uI0X6czpqiCIBwRrQD27ZACyt9CIYkfHaBXNS=",
        "RWSJt6WGJIqyJwBVvA5uI0X6czpqiCIBwRrQD27ZACyt9CIYkfHaBX==",  # padding inside
        base64.b64encode(b"Ex" + bytes(40)).decode(),
        base64.b64encode(b"ED" + bytes(40)).decode(),  # a signature alg, not a key alg
        "RWSJt6WGJIqyJwBVvA5uI0X6czpqiCIBwRrQD27ZACyt9CIYkfHa BXNS",
    ],
)
def test_strict_public_key_parsing(text: str) -> None:
    with pytest.raises(FormatError):
        PublicKey.from_string(text)


@pytest.mark.parametrize(
    "text",
    [
        "RWSJt6WGJIqyJwBVvA5uI0X6czpqiCIBwRrQD27ZACyt9CIYkfHaBXNS\n",
        "comment: x\nRWSJt6WGJIqyJwBVvA5uI0X6czpqiCIBwRrQD27ZACyt9CIYkfHaBXNS\n",
        MINISIGN_PUB + "RWSJt6WGJIqyJwBVvA5uI0X6czpqiCIBwRrQD27ZACyt9CIYkfHaBXNS\n",
        MINISIGN_PUB.replace("\nRW", "\n RW"),
        b"\xff" + MINISIGN_PUB.encode(),
    ],
)
def test_strict_public_key_file_parsing(text: str | bytes) -> None:
    with pytest.raises(FormatError):
        PublicKey.from_file_text(text)


# --- secret key files -------------------------------------------------------------------------


def test_secret_key_file_unencrypted_round_trip(key: SigningKey) -> None:
    text = key.to_secret_key_file(None)
    assert text.startswith("untrusted comment: ")
    raw = base64.b64decode(_lines(text)[1])
    assert raw[:6] == b"Ed\x00\x00B2" and raw[6:54] == bytes(48)
    loaded = SigningKey.from_secret_key_file(text, None)
    assert loaded.seed_bytes() == key.seed_bytes() and loaded.key_id == key.key_id
    # minisign ignores a password for an unencrypted key; so do we.
    assert SigningKey.from_secret_key_file(text, b"anything").key_id == key.key_id


@pytest.mark.parametrize("password", [b"correct horse", "pässwörd ✓".encode(), b""])
def test_secret_key_file_encrypted_round_trip(key: SigningKey, password: bytes) -> None:
    text = key.to_secret_key_file(password, untrusted_comment="field key ✓", **FAST_KDF)
    raw = base64.b64decode(_lines(text)[1])
    assert raw[:6] == b"EdScB2"
    assert int.from_bytes(raw[38:46], "little") == OPSLIMIT_INTERACTIVE
    assert int.from_bytes(raw[46:54], "little") == MEMLIMIT_INTERACTIVE
    assert key.seed_bytes() not in raw
    loaded = SigningKey.from_secret_key_file(text, password)
    assert loaded.seed_bytes() == key.seed_bytes() and loaded.key_id == key.key_id
    with pytest.raises(PasswordError, match="wrong password"):
        SigningKey.from_secret_key_file(text, password + b"x")
    with pytest.raises(PasswordError, match="password"):
        SigningKey.from_secret_key_file(text, None)


def test_secret_key_file_salt_is_random(key: SigningKey) -> None:
    a = key.to_secret_key_file(b"pw", **FAST_KDF)
    b = key.to_secret_key_file(b"pw", **FAST_KDF)
    assert a != b


def _with_struct(text: str, offset: int, new: bytes) -> str:
    raw = bytearray(base64.b64decode(_lines(text)[1]))
    raw[offset : offset + len(new)] = new
    return _replace_line(text, 1, base64.b64encode(bytes(raw)).decode())


def test_damaged_secret_key_files(key: SigningKey) -> None:
    plain = key.to_secret_key_file(None)
    cases: list[tuple[str, type[MinisignError], str]] = [
        (_with_struct(plain, 0, b"ED"), FormatError, "signature algorithm"),
        (_with_struct(plain, 2, b"Ar"), FormatError, "key derivation"),
        (_with_struct(plain, 4, b"B3"), FormatError, "checksum algorithm"),
        (_with_struct(plain, 54 + 8, b"\x01"), FormatError, "checksum"),
        (
            _with_struct(_with_struct(plain, 54 + 72, bytes(32)), 54 + 40, bytes(32)),
            FormatError,
            "public key does not match",
        ),
        (_with_struct(plain, 2, b"Sc"), PasswordError, "password"),
        ("untrusted comment: x", FormatError, "incomplete"),
        ("untrusted comment: x\n\n", FormatError, "wrong length"),
        (plain + "extra\n", FormatError, "unexpected"),
        (plain.replace("untrusted comment: ", "comment: "), FormatError, "untrusted comment"),
    ]
    for text, error, match in cases:
        with pytest.raises(error, match=match):
            SigningKey.from_secret_key_file(text, None)


def test_zero_checksum_of_minisign_w_is_accepted(key: SigningKey) -> None:
    # `minisign -G -W` leaves the checksum zero; refusing it would refuse every such key.
    zeroed = _with_struct(key.to_secret_key_file(None), 54 + 8 + 64, bytes(32))
    assert SigningKey.from_secret_key_file(zeroed, None).seed_bytes() == key.seed_bytes()


@pytest.mark.parametrize(
    ("opslimit", "memlimit", "match"),
    [
        (1 << 40, 1 << 40, "more work"),  # N = 2^30: 1 TiB of memory
        (1 << 40, 1 << 50, "more work"),  # opslimit-bound, still N = 2^35
        (1 << 40, MEMLIMIT_SENSITIVE, "more work"),  # N = 2^20 but p = 32768
    ],
)
def test_secret_key_scrypt_limits_are_capped(
    key: SigningKey, opslimit: int, memlimit: int, match: str
) -> None:
    text = key.to_secret_key_file(b"pw", **FAST_KDF)
    hostile = _with_struct(
        text, 38, opslimit.to_bytes(8, "little") + memlimit.to_bytes(8, "little")
    )
    with pytest.raises(FormatError, match=match):
        SigningKey.from_secret_key_file(hostile, b"pw")
    with pytest.raises(FormatError, match=match):
        key.to_secret_key_file(b"pw", kdf_opslimit=opslimit, kdf_memlimit=memlimit)


# --- garbage never escapes as anything but MinisignError ---------------------------------------

_FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
_GOOD_KEY = SigningKey.from_seed(bytes(range(1, 33)), key_id=b"fuzz-kid")
_GOOD_SIG = _GOOD_KEY.sign(b"data", trusted_comment="trusted ✓", untrusted_comment="u")
_GOOD_SECRET = _GOOD_KEY.to_secret_key_file(None)


def _all_parsers(garbage: str | bytes) -> None:
    for parse in (
        lambda: _GOOD_KEY.public_key().verify(b"data", garbage),
        lambda: _GOOD_KEY.public_key().verify_stream(io.BytesIO(b"data"), garbage),
        lambda: PublicKey.from_string(garbage),
        lambda: PublicKey.from_file_text(garbage),
        lambda: SigningKey.from_secret_key_file(garbage, None),
        lambda: SigningKey.from_secret_key_file(garbage, b"pw"),
    ):
        with pytest.raises(MinisignError):
            parse()


@_FUZZ
@given(st.text(max_size=400))
def test_random_text_is_refused(garbage: str) -> None:
    _all_parsers(garbage)


@_FUZZ
@given(st.binary(max_size=400))
def test_random_bytes_are_refused(garbage: bytes) -> None:
    _all_parsers(garbage)


@_FUZZ
@given(st.sampled_from([_GOOD_SIG, MINISIGN_SIG]), st.data())
def test_structured_garbage_is_refused(template: str, data: st.DataObject) -> None:
    # Random lines behind the right prefixes reach the base64 and length checks.
    lines = _lines(template)
    b64 = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
    for index in data.draw(st.sets(st.integers(0, 3), min_size=1)):
        lines[index] = data.draw(b64 if index in (1, 3) else st.text(max_size=50))
    text = "\n".join(lines) + data.draw(st.sampled_from(["", "\n", "\r\n"]))
    with contextlib.suppress(MinisignError):
        _GOOD_KEY.public_key().verify(b"data", text)


_mutation = st.tuples(
    st.sampled_from(["replace", "insert", "delete", "truncate"]),
    st.integers(min_value=0),
    st.characters(),
)


def _mutate(text: str, mutations: list[tuple[str, int, str]]) -> str:
    for kind, position, char in mutations:
        i = position % (len(text) + 1)
        if kind == "replace" and text:
            i %= len(text)
            text = text[:i] + char + text[i + 1 :]
        elif kind == "insert":
            text = text[:i] + char + text[i:]
        elif kind == "delete":
            text = text[:i] + text[i + 1 :]
        else:
            text = text[:i]
    return text


@_FUZZ
@given(st.lists(_mutation, min_size=1, max_size=4))
def test_mutated_signatures_fail_cleanly(mutations: list[tuple[str, int, str]]) -> None:
    mutated = _mutate(_GOOD_SIG, mutations)
    try:
        comment = _GOOD_KEY.public_key().verify(b"data", mutated)
    except MinisignError:
        return
    # Only changes outside what is signed can survive (untrusted comment, line endings).
    assert comment == "trusted ✓"


@_FUZZ
@given(st.lists(_mutation, min_size=1, max_size=4))
def test_mutated_secret_key_files_fail_cleanly(mutations: list[tuple[str, int, str]]) -> None:
    mutated = _mutate(_GOOD_SECRET, mutations)
    try:
        loaded = SigningKey.from_secret_key_file(mutated, None)
    except MinisignError:
        return
    assert loaded.seed_bytes() == _GOOD_KEY.seed_bytes()


@_FUZZ
@given(st.lists(_mutation, min_size=1, max_size=3))
def test_mutated_public_keys_fail_cleanly(mutations: list[tuple[str, int, str]]) -> None:
    mutated = _mutate(_GOOD_KEY.public_key().to_file_text(), mutations)
    # Any 42 well-formed bytes are some key: a mutation may load, as long as it never
    # escapes as anything but MinisignError.
    with contextlib.suppress(MinisignError):
        PublicKey.from_file_text(mutated)
