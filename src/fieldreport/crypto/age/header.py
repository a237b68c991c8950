"""The age v1 header: version line, recipient stanzas, MAC line (C2SP age.md, "Header").

Parsing is strict (the ABNF of the spec, canonical base64) and bounded, so that random or
hostile input fails fast with AgeHeaderError and never makes us buffer much.
"""

from __future__ import annotations

import hmac
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldreport.crypto.age import b64
from fieldreport.crypto.age.errors import AgeHeaderError, AgeHMACError
from fieldreport.crypto.age.source import Source
from fieldreport.crypto.age.stanza import Stanza

INTRO = b"age-encryption.org/"
VERSION_LINE = b"age-encryption.org/v1\n"
_STANZA_PREFIX = b"-> "
_MAC_PREFIX = b"---"
_COLUMNS = 64
_MAC_B64_LEN = 43

# A hybrid (post-quantum) stanza's argument line is ~1,500 bytes; 4 KiB leaves room for
# other tools' stanzas. 256 stanzas of that size still fit in the header cap.
MAX_LINE = 4096
MAX_STANZAS = 256
MAX_HEADER_SIZE = 512 * 1024


@dataclass(frozen=True)
class Header:
    stanzas: tuple[Stanza, ...]
    mac_input: bytes  # everything up to and including "---", what the MAC covers
    mac: bytes


def _mac(file_key: bytes, data: bytes) -> bytes:
    hmac_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"", info=b"header").derive(file_key)
    return hmac.new(hmac_key, data, "sha256").digest()


def _check_arg(arg: str) -> None:
    if not arg or any(not 0x21 <= ord(c) <= 0x7E for c in arg):
        raise ValueError(f"invalid stanza argument {arg!r}")


def encode(stanzas: Sequence[Stanza], file_key: bytes) -> bytes:
    """Serialize a header with its MAC (the only encoding: age headers are canonical)."""
    if not stanzas:
        raise ValueError("a header needs at least one stanza")
    out = bytearray(VERSION_LINE)
    for stanza in stanzas:
        for arg in (stanza.type, *stanza.args):
            _check_arg(arg)
        out += _STANZA_PREFIX + " ".join((stanza.type, *stanza.args)).encode("ascii") + b"\n"
        body = b64.encode(stanza.body).encode("ascii")
        # Full 64-column lines, then a shorter (possibly empty) line that ends the stanza.
        for i in range(0, len(body) - len(body) % _COLUMNS, _COLUMNS):
            out += body[i : i + _COLUMNS] + b"\n"
        out += body[len(body) - len(body) % _COLUMNS :] + b"\n"
    out += _MAC_PREFIX
    mac = _mac(file_key, bytes(out))
    out += b" " + b64.encode(mac).encode("ascii") + b"\n"
    return bytes(out)


def verify_mac(header: Header, file_key: bytes) -> None:
    if not hmac.compare_digest(_mac(file_key, header.mac_input), header.mac):
        raise AgeHMACError("header MAC mismatch: the file header was modified or corrupted")


class _LineReader:
    def __init__(self, src: Source) -> None:
        self._src = src
        self.consumed = bytearray()

    def line(self, what: str) -> bytes:
        """The next line without its LF; every header line must end with one."""
        raw = self._src.readline(MAX_LINE)
        if not raw.endswith(b"\n"):
            if len(raw) >= MAX_LINE:
                raise AgeHeaderError(f"header {what} is longer than {MAX_LINE} bytes")
            raise AgeHeaderError(f"file ends inside the header ({what})")
        self.consumed += raw
        if len(self.consumed) > MAX_HEADER_SIZE:
            raise AgeHeaderError(f"header is larger than {MAX_HEADER_SIZE // 1024} KiB")
        return raw[:-1]


def parse(src: Source) -> Header:
    """Read a header from `src`, leaving `src` positioned at the payload."""
    intro = src.peek(len(INTRO))
    if intro != INTRO:
        raise AgeHeaderError("not an age file (it does not start with 'age-encryption.org/')")
    reader = _LineReader(src)
    version = reader.line("version line")
    if version + b"\n" != VERSION_LINE:
        if version.endswith(b"\r"):
            raise AgeHeaderError(
                "header lines end with CR LF: the file was probably mangled by a text-mode copy"
            )
        shown = version[len(INTRO) :][:40].decode("ascii", "replace")
        raise AgeHeaderError(f"unsupported age format version {shown!r} (only v1 is known)")
    stanzas: list[Stanza] = []
    while True:
        line = reader.line("stanza or MAC line")
        if line.startswith(_MAC_PREFIX):
            mac_input = bytes(reader.consumed[: -len(line) - 1]) + _MAC_PREFIX
            mac = _parse_mac_line(line)
            break
        if not line.startswith(_STANZA_PREFIX):
            raise AgeHeaderError("malformed header: expected a '-> ' stanza or the '---' MAC line")
        if len(stanzas) >= MAX_STANZAS:
            raise AgeHeaderError(f"header has more than {MAX_STANZAS} stanzas")
        stanzas.append(_parse_stanza(line, reader))
    if not stanzas:
        raise AgeHeaderError("header has no recipient stanza")
    return Header(tuple(stanzas), mac_input, mac)


def _parse_mac_line(line: bytes) -> bytes:
    encoded = line[len(_MAC_PREFIX) + 1 :]
    if line[len(_MAC_PREFIX) : len(_MAC_PREFIX) + 1] != b" " or len(encoded) != _MAC_B64_LEN:
        raise AgeHeaderError("malformed header MAC line")
    try:
        return b64.decode(encoded)
    except ValueError as exc:
        raise AgeHeaderError(f"malformed header MAC ({exc})") from None


def _parse_stanza(line: bytes, reader: _LineReader) -> Stanza:
    words = line[len(_STANZA_PREFIX) :].split(b" ")
    for word in words:
        if not word or any(not 0x21 <= c <= 0x7E for c in word):
            raise AgeHeaderError(
                "malformed stanza: empty argument or a character outside printable ASCII"
                " (a stray CR from a text-mode copy?)"
            )
    args = [w.decode("ascii") for w in words]
    body_lines: list[bytes] = []
    while True:
        body_line = reader.line("stanza body")
        if len(body_line) > _COLUMNS:
            raise AgeHeaderError(f"{args[0]!r} stanza: body line longer than {_COLUMNS} columns")
        if not b64.is_base64_text(body_line):
            raise AgeHeaderError(
                f"{args[0]!r} stanza: body is not base64 (or ends without a short line)"
            )
        body_lines.append(body_line)
        if len(body_line) < _COLUMNS:
            break
    try:
        body = b64.decode(b"".join(body_lines))
    except ValueError as exc:
        raise AgeHeaderError(f"{args[0]!r} stanza: malformed body ({exc})") from None
    return Stanza(args[0], tuple(args[1:]), body)
