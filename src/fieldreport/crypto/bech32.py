"""Bech32 (BIP 173), the encoding of age keys.

This is the original Bech32 checksum (constant 1), not Bech32m. age removes BIP 173's 90
character limit (a post-quantum recipient is ~1,950 characters), so there is no limit unless
the caller asks for one. A string must be all upper case or all lower case; the checksum is
always computed over the lower-case form, so both cases of one key decode to the same bytes.
"""

from __future__ import annotations

CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_CHARSET_REV = {c: i for i, c in enumerate(CHARSET)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
_CHECKSUM_LEN = 6


class Bech32Error(ValueError):
    """The string is not valid Bech32 (bad character, mixed case, bad checksum, ...)."""


def _polymod(values: list[int]) -> int:
    chk = 1
    for value in values:
        top = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ value
        for i, gen in enumerate(_GENERATOR):
            if (top >> i) & 1:
                chk ^= gen
    return chk


def _hrp_expand(hrp: str) -> list[int]:
    return [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]


def _create_checksum(hrp: str, data: list[int]) -> list[int]:
    polymod = _polymod([*_hrp_expand(hrp), *data, 0, 0, 0, 0, 0, 0]) ^ 1
    return [(polymod >> 5 * (5 - i)) & 31 for i in range(_CHECKSUM_LEN)]


def _to_5bit(data: bytes) -> list[int]:
    out: list[int] = []
    acc = 0
    bits = 0
    for byte in data:
        acc = (acc << 8) | byte
        bits += 8
        while bits >= 5:
            bits -= 5
            out.append((acc >> bits) & 31)
    if bits:
        out.append((acc << (5 - bits)) & 31)
    return out


def _from_5bit(values: list[int]) -> bytes:
    out = bytearray()
    acc = 0
    bits = 0
    for value in values:
        acc = (acc << 5) | value
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    # BIP 173: at most 4 bits of padding, and they must be zero; anything else would let two
    # strings decode to the same bytes.
    if bits >= 5 or (acc & ((1 << bits) - 1)):
        raise Bech32Error("invalid padding in the data part")
    return bytes(out)


def _check_hrp(hrp: str) -> None:
    if not hrp:
        raise Bech32Error("empty human-readable part")
    if any(not 33 <= ord(c) <= 126 for c in hrp):
        raise Bech32Error("invalid character in the human-readable part")


def encode(hrp: str, data: bytes, *, max_length: int | None = None) -> str:
    """Encode `data` under `hrp`; an upper-case `hrp` gives an all upper-case string."""
    _check_hrp(hrp)
    if hrp.lower() != hrp and hrp.upper() != hrp:
        raise Bech32Error("mixed-case human-readable part")
    lower_hrp = hrp.lower()
    values = _to_5bit(data)
    values += _create_checksum(lower_hrp, values)
    out = lower_hrp + "1" + "".join(CHARSET[v] for v in values)
    if max_length is not None and len(out) > max_length:
        raise Bech32Error(f"encoding would be longer than {max_length} characters")
    return out.upper() if hrp != lower_hrp else out


def decode(s: str, *, max_length: int | None = None) -> tuple[str, bytes]:
    """Decode a Bech32 string into (human-readable part as written, data bytes)."""
    if max_length is not None and len(s) > max_length:
        raise Bech32Error(f"longer than {max_length} characters")
    if any(not 33 <= ord(c) <= 126 for c in s):
        raise Bech32Error("invalid character (outside printable ASCII)")
    lower = s.lower()
    if lower != s and s.upper() != s:
        raise Bech32Error("mixed upper and lower case")
    pos = lower.rfind("1")
    if pos < 1:
        raise Bech32Error("missing separator '1' or empty human-readable part")
    if len(lower) - pos - 1 < _CHECKSUM_LEN:
        raise Bech32Error("data part too short to hold a checksum")
    hrp = lower[:pos]
    try:
        values = [_CHARSET_REV[c] for c in lower[pos + 1 :]]
    except KeyError:
        raise Bech32Error("invalid character in the data part") from None
    if _polymod(_hrp_expand(hrp) + values) != 1:
        raise Bech32Error("invalid checksum")
    return s[:pos], _from_5bit(values[:-_CHECKSUM_LEN])
