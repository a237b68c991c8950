"""Text helpers shared by the minisign modules: strict base64, line splitting, comments.

Every function here turns bad input into `FormatError`; nothing else may escape, because the
texts come from files and pasted strings that anyone can have altered.
"""

from __future__ import annotations

import base64
import binascii

from .errors import FormatError

UNTRUSTED_PREFIX = "untrusted comment: "
TRUSTED_PREFIX = "trusted comment: "
KEY_ID_SIZE = 8
SIG_ALG = b"Ed"  # key algorithm, and the legacy (whole-message) signature algorithm
SIG_ALG_PREHASHED = b"ED"

# minisign reads each comment line with fgets() into a 1024- or 8192-byte buffer (NUL
# included). A longer line is cut, and minisign then takes the remainder for the next line,
# so longer comments would make signatures that minisign itself cannot read back.
MAX_UNTRUSTED_COMMENT_BYTES = 1024 - len(UNTRUSTED_PREFIX) - 2
MAX_TRUSTED_COMMENT_BYTES = 8192 - len(TRUSTED_PREFIX) - 2


def key_id_hex(key_id: bytes) -> str:
    """The key id as minisign prints it: the 8 stored bytes read as a little-endian integer."""
    return f"{int.from_bytes(key_id, 'little'):016X}"


def as_text(text: str | bytes, *, what: str, max_bytes: int) -> str:
    """Return `text` as str after checking its size, its encoding and for NUL characters."""
    if isinstance(text, bytes):
        if len(text) > max_bytes:
            raise FormatError(f"{what} is too long (more than {max_bytes} bytes)")
        try:
            decoded = text.decode("utf-8")
        except UnicodeDecodeError:
            raise FormatError(f"{what} is not valid UTF-8 text") from None
    elif isinstance(text, str):
        # A str is never longer in characters than in UTF-8 bytes: refuse a huge string
        # before paying for its encoding.
        if len(text) > max_bytes:
            raise FormatError(f"{what} is too long (more than {max_bytes} bytes)")
        try:
            size = len(text.encode("utf-8"))
        except UnicodeEncodeError:
            raise FormatError(f"{what} is not valid UTF-8 text") from None
        if size > max_bytes:
            raise FormatError(f"{what} is too long (more than {max_bytes} bytes)")
        decoded = text
    else:
        raise TypeError(f"{what} must be str or bytes, not {type(text).__name__}")
    if "\x00" in decoded:
        # The C tool stops reading a line at a NUL: it would see a different text than ours.
        raise FormatError(f"{what} contains a NUL character")
    return decoded


def split_lines(text: str, count: int, *, what: str) -> list[str]:
    """Split into exactly `count` lines; a final newline, CRLF endings and blank tail allowed."""
    # str.splitlines() would also split on \x1c, \u2028 and friends, which may legitimately
    # appear inside a trusted comment; minisign only knows "\n".
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    while len(lines) > count and not lines[-1].strip():
        lines.pop()
    if len(lines) < count:
        raise FormatError(f"{what} is incomplete: expected {count} lines, found {len(lines)}")
    if len(lines) > count:
        raise FormatError(f"{what} has unexpected text after line {count}")
    if any("\r" in line for line in lines):
        raise FormatError(f"{what} has a stray carriage return inside a line")
    return lines


def strip_prefix(line: str, prefix: str, *, what: str) -> str:
    if not line.startswith(prefix):
        raise FormatError(f"{what} should start with {prefix.strip()!r}")
    return line[len(prefix) :]


def b64_decode_exact(encoded: str, size: int, *, what: str) -> bytes:
    """Decode standard, padded base64 of exactly `size` bytes, refusing every other spelling."""
    expected_chars = 4 * ((size + 2) // 3)
    if len(encoded) != expected_chars:
        raise FormatError(
            f"{what} has the wrong length: expected {expected_chars} base64 characters, "
            f"found {len(encoded)}"
        )
    try:
        raw = base64.b64decode(encoded.encode("ascii"), validate=True)
    except (UnicodeEncodeError, binascii.Error, ValueError):
        raise FormatError(f"{what} is not valid base64") from None
    # b64decode ignores non-zero leftover bits and accepts misplaced padding; libsodium (and so
    # minisign) does not. One canonical spelling per value also rules out malleable texts.
    if len(raw) != size or base64.b64encode(raw).decode("ascii") != encoded:
        raise FormatError(f"{what} is not canonical base64")
    return raw


def b64_encode(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def check_comment(comment: str, *, what: str, max_bytes: int) -> bytes:
    """Validate a comment we are about to write; return its UTF-8 bytes."""
    if not isinstance(comment, str):
        raise TypeError(f"{what} must be str, not {type(comment).__name__}")
    if any(c in comment for c in "\r\n\x00"):
        raise FormatError(f"{what} must be a single line without NUL characters")
    try:
        encoded = comment.encode("utf-8")
    except UnicodeEncodeError:
        raise FormatError(f"{what} is not valid UTF-8 text") from None
    if len(encoded) > max_bytes:
        raise FormatError(f"{what} is too long ({len(encoded)} bytes, at most {max_bytes})")
    return encoded
