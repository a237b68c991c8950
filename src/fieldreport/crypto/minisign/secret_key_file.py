"""minisign's secret key file, encrypted with scrypt or not (`minisign -W`).

    untrusted comment: <anything>
    base64(sig_alg "Ed" || kdf_alg || chk_alg "B2" || kdf_salt(32)
           || kdf_opslimit(8, LE) || kdf_memlimit(8, LE) || keynum_sk(104))

    keynum_sk = key_id(8) || ed25519 secret key(64: seed || public key) || checksum(32)
    checksum  = BLAKE2b-256(sig_alg || key_id || ed25519 secret key)

kdf_alg "Sc": keynum_sk is XORed with 104 bytes of scrypt(password, kdf_salt), where N, r and
p come from libsodium's crypto_pwhash_scryptsalsa208sha256 mapping of (opslimit, memlimit).
kdf_alg "\\0\\0": stored in clear; `minisign -G -W` then writes zero salt, limits and checksum
(the checksum is only meaningful as a password check), `minisign -C -W` keeps the real one.
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ._codec import (
    KEY_ID_SIZE,
    SIG_ALG,
    UNTRUSTED_PREFIX,
    as_text,
    b64_decode_exact,
    b64_encode,
    split_lines,
    strip_prefix,
)
from .errors import FormatError, PasswordError

KDF_SCRYPT = b"Sc"
KDF_NONE = b"\x00\x00"
CHECKSUM_BLAKE2B = b"B2"
SALT_SIZE = 32
SEED_SIZE = 32
PUBLIC_KEY_SIZE = 32
CHECKSUM_SIZE = 32
_KEYNUM_SK_SIZE = KEY_ID_SIZE + SEED_SIZE + PUBLIC_KEY_SIZE + CHECKSUM_SIZE
_FILE_STRUCT_SIZE = 2 + 2 + 2 + SALT_SIZE + 8 + 8 + _KEYNUM_SK_SIZE

# libsodium's crypto_pwhash_scryptsalsa208sha256_*: minisign always asks for SENSITIVE
# (N = 2^20, r = 8, p = 1: 1 GiB and a few seconds); INTERACTIVE (16 MiB) suits tests.
OPSLIMIT_SENSITIVE = 33_554_432
MEMLIMIT_SENSITIVE = 1_073_741_824
OPSLIMIT_INTERACTIVE = 524_288
MEMLIMIT_INTERACTIVE = 16_777_216

# A secret key file chooses its own scrypt cost; without a ceiling a crafted file could make
# us allocate any amount of memory. Twice minisign's own choice leaves room for other tools.
MAX_SCRYPT_MEMORY = 2 * MEMLIMIT_SENSITIVE
_MAX_SCRYPT_WORK = 1 << 22  # N * p
MAX_SECRET_KEY_FILE_BYTES = 4096
DEFAULT_COMMENT_ENCRYPTED = "minisign encrypted secret key"
DEFAULT_COMMENT_UNENCRYPTED = "minisign unencrypted secret key"


def scrypt_parameters(opslimit: int, memlimit: int) -> tuple[int, int, int]:
    """(N, r, p) exactly as libsodium derives them from (opslimit, memlimit)."""
    opslimit = max(opslimit, 32768)
    r = 8
    memory_bound = opslimit >= memlimit // 32
    max_n = memlimit // (r * 128) if memory_bound else opslimit // (r * 4)
    log_n = 1
    while log_n < 63 and (1 << log_n) <= max_n // 2:
        log_n += 1
    p = min((opslimit // 4) // (1 << log_n), 0x3FFFFFFF) // r if memory_bound else 1
    return 1 << log_n, r, p


def _checked_scrypt_parameters(opslimit: int, memlimit: int) -> tuple[int, int, int]:
    n, r, p = scrypt_parameters(opslimit, memlimit)
    if p < 1:
        raise FormatError("secret key's scrypt limits are unusable (they give p = 0)")
    if 128 * r * n > MAX_SCRYPT_MEMORY or n * p > _MAX_SCRYPT_WORK:
        raise FormatError(f"scrypt limits ask for more work than allowed (N={n}, r={r}, p={p})")
    return n, r, p


def _key_stream(password: bytes, salt: bytes, opslimit: int, memlimit: int) -> bytes:
    if not isinstance(password, bytes | bytearray | memoryview):
        raise TypeError(f"password must be bytes or None, not {type(password).__name__}")
    n, r, p = _checked_scrypt_parameters(opslimit, memlimit)
    try:
        return Scrypt(salt=salt, length=_KEYNUM_SK_SIZE, n=n, r=r, p=p).derive(bytes(password))
    except MemoryError:
        raise FormatError(f"not enough memory for the secret key's scrypt (N={n})") from None


def _checksum(key_id: bytes, secret_key: bytes) -> bytes:
    return hashlib.blake2b(SIG_ALG + key_id + secret_key, digest_size=CHECKSUM_SIZE).digest()


def _xor(a: bytes, b: bytes) -> bytes:
    return (int.from_bytes(a, "big") ^ int.from_bytes(b, "big")).to_bytes(len(a), "big")


def encode_secret_key_file(
    *,
    key_id: bytes,
    seed: bytes,
    public_key: bytes,
    password: bytes | None,
    comment: str,
    opslimit: int,
    memlimit: int,
) -> str:
    secret_key = seed + public_key
    keynum_sk = key_id + secret_key + _checksum(key_id, secret_key)
    if password is None:
        kdf_alg, salt, opslimit, memlimit = KDF_NONE, bytes(SALT_SIZE), 0, 0
    else:
        if not (0 <= opslimit < 1 << 64 and 0 <= memlimit < 1 << 64):
            raise ValueError("KDF limits must fit in 64 unsigned bits")
        kdf_alg, salt = KDF_SCRYPT, os.urandom(SALT_SIZE)
        keynum_sk = _xor(keynum_sk, _key_stream(password, salt, opslimit, memlimit))
    struct = b"".join(
        (
            SIG_ALG,
            kdf_alg,
            CHECKSUM_BLAKE2B,
            salt,
            opslimit.to_bytes(8, "little"),
            memlimit.to_bytes(8, "little"),
            keynum_sk,
        )
    )
    return f"{UNTRUSTED_PREFIX}{comment}\n{b64_encode(struct)}\n"


def decode_secret_key_file(text: str | bytes, password: bytes | None) -> tuple[bytes, bytes]:
    """Return (key_id, seed). A password given for an unencrypted key is ignored, as minisign
    does; a missing or wrong one for an encrypted key raises PasswordError."""
    text = as_text(text, what="secret key file", max_bytes=MAX_SECRET_KEY_FILE_BYTES)
    lines = split_lines(text, 2, what="secret key file")
    strip_prefix(lines[0], UNTRUSTED_PREFIX, what="secret key file")
    struct = b64_decode_exact(lines[1], _FILE_STRUCT_SIZE, what="secret key")
    sig_alg, kdf_alg, chk_alg = struct[0:2], struct[2:4], struct[4:6]
    salt = struct[6:38]
    opslimit = int.from_bytes(struct[38:46], "little")
    memlimit = int.from_bytes(struct[46:54], "little")
    keynum_sk = struct[54:]
    if sig_alg != SIG_ALG:
        raise FormatError("secret key is for an unsupported signature algorithm")
    if chk_alg != CHECKSUM_BLAKE2B:
        raise FormatError("secret key uses an unsupported checksum algorithm")
    if kdf_alg == KDF_SCRYPT:
        if password is None:
            raise PasswordError("this secret key is protected by a password; none was given")
        keynum_sk = _xor(keynum_sk, _key_stream(password, salt, opslimit, memlimit))
    elif kdf_alg != KDF_NONE:
        raise FormatError("secret key uses an unsupported key derivation function")
    key_id = keynum_sk[:KEY_ID_SIZE]
    secret_key = keynum_sk[KEY_ID_SIZE : KEY_ID_SIZE + SEED_SIZE + PUBLIC_KEY_SIZE]
    checksum = keynum_sk[KEY_ID_SIZE + SEED_SIZE + PUBLIC_KEY_SIZE :]
    checksum_present = kdf_alg == KDF_SCRYPT or checksum != bytes(CHECKSUM_SIZE)
    if checksum_present and not hmac.compare_digest(checksum, _checksum(key_id, secret_key)):
        if kdf_alg == KDF_SCRYPT:
            # Indistinguishable from a damaged file, but a typo is by far the likelier.
            raise PasswordError("wrong password for this secret key")
        raise FormatError("secret key file is damaged: its checksum does not match")
    seed, public_key = secret_key[:SEED_SIZE], secret_key[SEED_SIZE:]
    derived = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()
    if not hmac.compare_digest(derived, public_key):
        # Signing with the seed would still work, but minisign -R would publish the wrong key.
        raise FormatError("secret key file is damaged: its public key does not match")
    return key_id, seed
