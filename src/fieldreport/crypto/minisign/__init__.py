"""minisign signatures and keys, interoperable with the reference tool (jedisct1/minisign).

Ed25519 throughout. Key ids are 8 bytes, stored as minisign stores them and printed as the
little-endian integer they encode. Signatures are prehashed (BLAKE2b-512, "ED") by default;
legacy whole-message ones ("Ed") are still read. The trusted comment is covered by a second,
"global" signature, so it can carry what was signed (file name, report id, timestamp).

Formats: `signature` (.minisig text), `keys` (the "RW…" public key and its file),
`secret_key_file` (minisign's scrypt-encrypted or `-W` secret key file).
"""

from __future__ import annotations

from .errors import FormatError, KeyMismatchError, MinisignError, PasswordError, SignatureError
from .keys import DEFAULT_UNTRUSTED_COMMENT, PublicKey, SigningKey
from .secret_key_file import (
    MEMLIMIT_INTERACTIVE,
    MEMLIMIT_SENSITIVE,
    OPSLIMIT_INTERACTIVE,
    OPSLIMIT_SENSITIVE,
)

__all__ = [
    "DEFAULT_UNTRUSTED_COMMENT",
    "MEMLIMIT_INTERACTIVE",
    "MEMLIMIT_SENSITIVE",
    "OPSLIMIT_INTERACTIVE",
    "OPSLIMIT_SENSITIVE",
    "FormatError",
    "KeyMismatchError",
    "MinisignError",
    "PasswordError",
    "PublicKey",
    "SignatureError",
    "SigningKey",
]
