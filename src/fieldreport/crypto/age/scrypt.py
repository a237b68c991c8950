"""The scrypt (passphrase) recipient type (C2SP age.md, "The scrypt recipient type")."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from fieldreport.crypto.age import b64
from fieldreport.crypto.age.errors import AgeHeaderError, AgeRecipientError, AgeUnsupportedError
from fieldreport.crypto.age.stanza import (
    Stanza,
    aead_unwrap,
    aead_wrap,
    check_arg_count,
    check_body,
    decode_arg,
)

STANZA_TYPE = "scrypt"
_LABEL = b"age-encryption.org/v1/scrypt"
_SALT_SIZE = 16
# log2(N) = 22 means 4 GiB of memory (128 * r * N bytes with r = 8) and several seconds of
# work; anything higher in a file we are asked to open is refused rather than attempted.
MAX_WORK_FACTOR = 22
DEFAULT_WORK_FACTOR = 18
_DECIMAL = re.compile(r"[1-9][0-9]*", re.ASCII)


def _wrap_key(passphrase: bytes, salt: bytes, work_factor: int) -> bytes:
    kdf = Scrypt(salt=_LABEL + salt, length=32, n=1 << work_factor, r=8, p=1)
    try:
        return kdf.derive(passphrase)
    except MemoryError:
        need = (128 * 8 << work_factor) >> 20
        raise AgeUnsupportedError(
            f"not enough memory for scrypt work factor 2^{work_factor} ({need} MiB needed)"
        ) from None


class ScryptRecipient:
    """Encrypt to a passphrase. Must be the only recipient of a file."""

    def __init__(self, passphrase: bytes, *, work_factor: int = DEFAULT_WORK_FACTOR) -> None:
        if not passphrase:
            raise AgeRecipientError("refusing to encrypt to an empty passphrase")
        if not 1 <= work_factor <= MAX_WORK_FACTOR:
            raise AgeRecipientError(f"scrypt work factor must be between 1 and {MAX_WORK_FACTOR}")
        self._passphrase = passphrase
        self._work_factor = work_factor

    def wrap(self, file_key: bytes) -> list[Stanza]:
        salt = os.urandom(_SALT_SIZE)
        body = aead_wrap(_wrap_key(self._passphrase, salt, self._work_factor), file_key)
        return [Stanza(STANZA_TYPE, (b64.encode(salt), str(self._work_factor)), body)]

    def __repr__(self) -> str:
        return f"ScryptRecipient(work_factor={self._work_factor})"


class ScryptIdentity:
    """Decrypt files encrypted to a passphrase."""

    def __init__(self, passphrase: bytes, *, max_work_factor: int = MAX_WORK_FACTOR) -> None:
        self._passphrase = passphrase
        self._max_work_factor = max_work_factor

    def unwrap(self, stanzas: Sequence[Stanza]) -> bytes | None:
        for stanza in stanzas:
            if stanza.type != STANZA_TYPE:
                continue
            if len(stanzas) != 1:
                # Passphrase encryption implies the sender knew the passphrase; another
                # stanza would let anyone else produce a file we would accept.
                raise AgeHeaderError("an scrypt stanza must be the only stanza in the header")
            check_arg_count(stanza, 2)
            salt = decode_arg(stanza, 0, _SALT_SIZE, "salt")
            work_factor = _parse_work_factor(stanza.args[1], self._max_work_factor)
            check_body(stanza)
            file_key = aead_unwrap(_wrap_key(self._passphrase, salt, work_factor), stanza.body)
            if file_key is not None:
                return file_key
        return None

    def __repr__(self) -> str:
        return "ScryptIdentity(<passphrase>)"


def _parse_work_factor(text: str, limit: int) -> int:
    # Leading zeros, signs, hex and the like are all refused: one value, one spelling.
    if not _DECIMAL.fullmatch(text):
        raise AgeHeaderError("scrypt stanza: work factor is not a plain decimal number")
    if len(text) > 2 or int(text) > limit:
        raise AgeHeaderError(
            f"scrypt work factor 2^{text[:20]} is above the limit of 2^{limit}: refusing to spend"
            " that much memory and time"
        )
    return int(text)
