"""minisign public keys (verification) and signing keys.

Public key: base64("Ed" || key_id(8) || ed25519 public key(32)), the "RW…" string; in a file
it follows a line `untrusted comment: minisign public key <KEY ID>`.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Iterable
from typing import Final

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from ._codec import (
    KEY_ID_SIZE,
    MAX_TRUSTED_COMMENT_BYTES,
    MAX_UNTRUSTED_COMMENT_BYTES,
    SIG_ALG,
    SIG_ALG_PREHASHED,
    UNTRUSTED_PREFIX,
    as_text,
    b64_decode_exact,
    b64_encode,
    check_comment,
    key_id_hex,
    split_lines,
    strip_prefix,
)
from .errors import FormatError, KeyMismatchError, SignatureError
from .secret_key_file import (
    DEFAULT_COMMENT_ENCRYPTED,
    DEFAULT_COMMENT_UNENCRYPTED,
    MEMLIMIT_SENSITIVE,
    OPSLIMIT_SENSITIVE,
    PUBLIC_KEY_SIZE,
    SEED_SIZE,
    decode_secret_key_file,
    encode_secret_key_file,
)
from .signature import (
    CHUNK_SIZE,
    BinaryReader,
    ParsedSignature,
    format_signature,
    parse_signature,
    prehash,
    prehash_pieces,
    prehash_stream,
    read_all_limited,
)

DEFAULT_UNTRUSTED_COMMENT: Final = "signature from fieldreport"
MAX_PUBLIC_KEY_FILE_BYTES = 4096
# minisign refuses legacy signing above 1 GiB; checking one needs the whole file in memory.
MAX_LEGACY_STREAM_BYTES = 1 << 30
_PUBLIC_STRUCT_SIZE = 2 + KEY_ID_SIZE + PUBLIC_KEY_SIZE


def _check_key_id(key_id: bytes) -> bytes:
    if not isinstance(key_id, bytes) or len(key_id) != KEY_ID_SIZE:
        raise ValueError(f"key_id must be {KEY_ID_SIZE} bytes")
    return key_id


class PublicKey:
    """A minisign public key: an Ed25519 public key and the 8-byte key id signatures name."""

    __slots__ = ("_key", "_key_id", "_raw")

    def __init__(self, key_id: bytes, public_key: bytes) -> None:
        self._key_id = _check_key_id(key_id)
        if not isinstance(public_key, bytes) or len(public_key) != PUBLIC_KEY_SIZE:
            raise ValueError(f"public_key must be {PUBLIC_KEY_SIZE} bytes")
        self._raw = public_key
        self._key = Ed25519PublicKey.from_public_bytes(public_key)

    @classmethod
    def from_string(cls, text: str | bytes) -> PublicKey:
        """Parse the base64 "RW…" string (surrounding whitespace from copy-paste is ignored)."""
        text = as_text(text, what="public key", max_bytes=MAX_PUBLIC_KEY_FILE_BYTES).strip()
        struct = b64_decode_exact(text, _PUBLIC_STRUCT_SIZE, what="public key")
        if struct[:2] != SIG_ALG:
            raise FormatError("public key is for an unsupported signature algorithm")
        try:
            return cls(struct[2 : 2 + KEY_ID_SIZE], struct[2 + KEY_ID_SIZE :])
        except ValueError:
            raise FormatError("public key is not a valid Ed25519 key") from None

    @classmethod
    def from_file_text(cls, text: str | bytes) -> PublicKey:
        """Parse a minisign.pub file: an untrusted comment line, then the key line."""
        text = as_text(text, what="public key file", max_bytes=MAX_PUBLIC_KEY_FILE_BYTES)
        lines = split_lines(text, 2, what="public key file")
        strip_prefix(lines[0], UNTRUSTED_PREFIX, what="public key file")
        # Whitespace is not part of the file format; from_string() would forgive it.
        if lines[1] != lines[1].strip():
            raise FormatError("public key file has whitespace around the key")
        return cls.from_string(lines[1])

    @property
    def key_id(self) -> bytes:
        """The 8 key id bytes in the order minisign stores them."""
        return self._key_id

    @property
    def key_id_hex(self) -> str:
        """The key id as minisign prints it (16 uppercase hex digits)."""
        return key_id_hex(self._key_id)

    @property
    def public_bytes(self) -> bytes:
        return self._raw

    def to_string(self) -> str:
        return b64_encode(SIG_ALG + self._key_id + self._raw)

    def to_file_text(self) -> str:
        return f"{UNTRUSTED_PREFIX}minisign public key {self.key_id_hex}\n{self.to_string()}\n"

    def verify(self, data: bytes, signature_text: str | bytes, *, allow_legacy: bool = True) -> str:
        """Check a .minisig text over `data`; return its trusted comment.

        Raises FormatError (malformed, or legacy while allow_legacy is False),
        KeyMismatchError (made by another key) or SignatureError (data or comment altered).
        """
        sig = self._parse_for_me(signature_text, allow_legacy)
        self._check(sig, prehash(data) if sig.prehashed else data)
        return sig.trusted_comment

    def verify_stream(
        self, fileobj: BinaryReader, signature_text: str | bytes, *, allow_legacy: bool = True
    ) -> str:
        """verify() over a binary stream, read in chunks; constant memory for prehashed
        signatures (a legacy one needs the whole data, up to 1 GiB, in memory)."""
        sig = self._parse_for_me(signature_text, allow_legacy)
        if sig.prehashed:
            message = prehash_stream(fileobj)
        else:
            message = read_all_limited(fileobj, MAX_LEGACY_STREAM_BYTES)
        self._check(sig, message)
        return sig.trusted_comment

    def _parse_for_me(self, signature_text: str | bytes, allow_legacy: bool) -> ParsedSignature:
        sig = parse_signature(signature_text)
        if not sig.prehashed and not allow_legacy:
            raise FormatError("legacy (non-prehashed) signature refused")
        # Before touching the data: no point hashing a large file for the wrong key.
        if not hmac.compare_digest(sig.key_id, self._key_id):
            raise KeyMismatchError(
                f"signature was made by key {key_id_hex(sig.key_id)}, "
                f"but the public key is {self.key_id_hex}",
                signature_key_id=sig.key_id,
                public_key_id=self._key_id,
            )
        return sig

    def _check(self, sig: ParsedSignature, message: bytes) -> None:
        try:
            self._key.verify(sig.signature, message)
        except InvalidSignature:
            raise SignatureError("signature verification failed: the data was altered") from None
        try:
            self._key.verify(
                sig.global_signature, sig.signature + sig.trusted_comment.encode("utf-8")
            )
        except InvalidSignature:
            raise SignatureError(
                "trusted comment verification failed: the signature file was altered"
            ) from None

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PublicKey):
            return NotImplemented
        return self._key_id == other._key_id and self._raw == other._raw

    def __hash__(self) -> int:
        return hash((self._key_id, self._raw))

    def __repr__(self) -> str:
        return f"PublicKey({self.to_string()!r})"


class SigningKey:
    """An Ed25519 signing key with its minisign key id."""

    __slots__ = ("_key", "_key_id", "_public", "_seed")

    def __init__(self, seed: bytes, key_id: bytes) -> None:
        if not isinstance(seed, bytes) or len(seed) != SEED_SIZE:
            raise ValueError(f"seed must be {SEED_SIZE} bytes")
        self._seed = seed
        self._key_id = _check_key_id(key_id)
        self._key = Ed25519PrivateKey.from_private_bytes(seed)
        self._public = PublicKey(self._key_id, self._key.public_key().public_bytes_raw())

    @classmethod
    def generate(cls, key_id: bytes | None = None) -> SigningKey:
        return cls.from_seed(os.urandom(SEED_SIZE), key_id)

    @classmethod
    def from_seed(cls, seed: bytes, key_id: bytes | None = None) -> SigningKey:
        """Wrap a 32-byte Ed25519 seed; a random key id is drawn when none is given."""
        return cls(seed, os.urandom(KEY_ID_SIZE) if key_id is None else key_id)

    @classmethod
    def from_secret_key_file(cls, text: str | bytes, password: bytes | None) -> SigningKey:
        """Read minisign's secret key file (encrypted, or unencrypted as `minisign -W`)."""
        key_id, seed = decode_secret_key_file(text, password)
        return cls(seed, key_id)

    def to_secret_key_file(
        self,
        password: bytes | None,
        *,
        untrusted_comment: str | None = None,
        kdf_opslimit: int = OPSLIMIT_SENSITIVE,
        kdf_memlimit: int = MEMLIMIT_SENSITIVE,
    ) -> str:
        """minisign's secret key file; None writes it unencrypted like `minisign -G -W`.

        The KDF limits default to minisign's own (scrypt with 1 GiB); lower ones are stored
        in the file and honoured by minisign. minisign reads the password as a line of text,
        so one containing a newline or NUL could not be typed there.
        """
        if untrusted_comment is None:
            encrypted = password is not None
            untrusted_comment = (
                DEFAULT_COMMENT_ENCRYPTED if encrypted else DEFAULT_COMMENT_UNENCRYPTED
            )
        check_comment(
            untrusted_comment, what="untrusted comment", max_bytes=MAX_UNTRUSTED_COMMENT_BYTES
        )
        return encode_secret_key_file(
            key_id=self._key_id,
            seed=self._seed,
            public_key=self._public.public_bytes,
            password=password,
            comment=untrusted_comment,
            opslimit=kdf_opslimit,
            memlimit=kdf_memlimit,
        )

    @property
    def key_id(self) -> bytes:
        return self._key_id

    @property
    def key_id_hex(self) -> str:
        return key_id_hex(self._key_id)

    def seed_bytes(self) -> bytes:
        return self._seed

    def sign_ed25519(self, message: bytes) -> bytes:
        """A plain Ed25519 signature of `message`, without minisign's framing (the relay's
        request signatures use the same key)."""
        return self._key.sign(message)

    def public_key(self) -> PublicKey:
        return self._public

    def sign(
        self,
        data: bytes,
        *,
        trusted_comment: str,
        untrusted_comment: str = DEFAULT_UNTRUSTED_COMMENT,
        prehashed: bool = True,
    ) -> str:
        """Return the whole .minisig text for `data` (prehashed by default, like minisign)."""
        comments = self._comments(trusted_comment, untrusted_comment)
        if prehashed:
            return self._finish(SIG_ALG_PREHASHED, prehash(data), *comments)
        return self._finish(SIG_ALG, data, *comments)

    def sign_pieces(
        self,
        pieces: Iterable[bytes],
        *,
        trusted_comment: str,
        untrusted_comment: str = DEFAULT_UNTRUSTED_COMMENT,
    ) -> str:
        """sign() of the concatenation of `pieces` (prehashed), without building it."""
        comments = self._comments(trusted_comment, untrusted_comment)
        return self._finish(SIG_ALG_PREHASHED, prehash_pieces(pieces), *comments)

    def sign_stream(
        self,
        fileobj: BinaryReader,
        *,
        trusted_comment: str,
        untrusted_comment: str = DEFAULT_UNTRUSTED_COMMENT,
        chunk_size: int = CHUNK_SIZE,
    ) -> str:
        """sign() over a binary stream, read in chunks with constant memory (prehashed)."""
        # Comments first: a bad one should not cost a pass over a large file.
        comments = self._comments(trusted_comment, untrusted_comment)
        return self._finish(SIG_ALG_PREHASHED, prehash_stream(fileobj, chunk_size), *comments)

    @staticmethod
    def _comments(trusted: str, untrusted: str) -> tuple[str, bytes, str]:
        encoded = check_comment(
            trusted, what="trusted comment", max_bytes=MAX_TRUSTED_COMMENT_BYTES
        )
        check_comment(untrusted, what="untrusted comment", max_bytes=MAX_UNTRUSTED_COMMENT_BYTES)
        return trusted, encoded, untrusted

    def _finish(
        self,
        algorithm: bytes,
        message: bytes,
        trusted: str,
        trusted_bytes: bytes,
        untrusted: str,
    ) -> str:
        signature = self._key.sign(message)
        return format_signature(
            algorithm=algorithm,
            key_id=self._key_id,
            signature=signature,
            untrusted_comment=untrusted,
            trusted_comment=trusted,
            global_signature=self._key.sign(signature + trusted_bytes),
        )

    def __repr__(self) -> str:
        # Never the seed: reprs end up in logs and tracebacks.
        return f"SigningKey(key_id={self.key_id_hex})"
