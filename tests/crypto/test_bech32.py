"""Bech32 (BIP 173) with age's rules: no length limit, strict case and checksum."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldreport.crypto import bech32

# Valid and invalid checksums from BIP 173's test vectors.
VALID = [
    "A12UEL5L",
    "a12uel5l",
    "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
    "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
    "11" + "q" * 82 + "c8247j",  # 90 characters, the BIP 173 maximum
    "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
    "?1ezyfcl",
]
INVALID = [
    "\x201nwldj5",  # HRP character out of range
    "\x7f1axkwrx",
    "pzry9x0s0muk",  # no separator
    "1pzry9x0s0muk",  # empty HRP
    "x1b4n0q5v",  # invalid data character
    "li1dgmt3",  # too short checksum
    "de1lg7wt\xff",
    "A1G7SGD8",  # checksum calculated with uppercase form of HRP
    "10a06t8",  # empty HRP
    "1qzzfhee",
    "A12uEL5L",  # mixed case
]


@pytest.mark.parametrize("text", VALID)
def test_bip173_valid(text: str) -> None:
    hrp, data = bech32.decode(text)
    assert hrp.lower() == text[: text.rfind("1")].lower()
    assert bech32.encode(hrp, data) == text


@pytest.mark.parametrize("text", INVALID)
def test_bip173_invalid(text: str) -> None:
    with pytest.raises(bech32.Bech32Error):
        bech32.decode(text)


def test_checksum_detects_a_changed_character() -> None:
    text = bech32.encode("age", bytes(32))
    for i in range(4, len(text)):
        replacement = "q" if text[i] != "q" else "p"
        with pytest.raises(bech32.Bech32Error):
            bech32.decode(text[:i] + replacement + text[i + 1 :])


def test_no_length_limit_unless_asked() -> None:
    data = os.urandom(1216)
    text = bech32.encode("age1pq", data)
    assert len(text) > 1900
    assert bech32.decode(text) == ("age1pq", data)
    with pytest.raises(bech32.Bech32Error):
        bech32.decode(text, max_length=90)
    with pytest.raises(bech32.Bech32Error):
        bech32.encode("age1pq", data, max_length=90)


def test_case() -> None:
    upper = bech32.encode("AGE-SECRET-KEY-", b"\x01" * 32)
    assert upper == upper.upper()
    assert bech32.decode(upper.lower()) == ("age-secret-key-", b"\x01" * 32)
    with pytest.raises(bech32.Bech32Error):
        bech32.encode("Age", b"")


def test_non_zero_padding_refused() -> None:
    # One byte is 8 bits = two 5-bit groups with 2 bits of padding, which must be zero.
    good = bech32.encode("x", b"\xff")
    hrp, data = bech32.decode(good)
    values = [bech32.CHARSET.index(c) for c in good[2:-6]]
    values[-1] |= 1
    bad_data = "".join(bech32.CHARSET[v] for v in values)
    checksum = bech32._create_checksum("x", values)
    bad = "x1" + bad_data + "".join(bech32.CHARSET[v] for v in checksum)
    with pytest.raises(bech32.Bech32Error, match="padding"):
        bech32.decode(bad)
    assert (hrp, data) == ("x", b"\xff")


@given(
    hrp=st.text(alphabet="abcdefghijklmnopqrstuvwxyz-", min_size=1, max_size=20),
    data=st.binary(max_size=200),
)
def test_round_trip(hrp: str, data: bytes) -> None:
    assert bech32.decode(bech32.encode(hrp, data)) == (hrp, data)
    upper = bech32.encode(hrp.upper(), data)
    assert bech32.decode(upper) == (hrp.upper(), data)
