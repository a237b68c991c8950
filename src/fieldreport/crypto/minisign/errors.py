"""The refusals of the minisign code. Every message is one line a person can act on."""

from __future__ import annotations


class MinisignError(Exception):
    """Base class: a minisign key, signature or secret key file was refused."""


class FormatError(MinisignError):
    """Malformed key, signature or secret key text, or an algorithm we do not support."""


class SignatureError(MinisignError):
    """The signature or the signature over the trusted comment does not verify."""


class KeyMismatchError(MinisignError):
    """The signature names another key id than the public key it is checked against."""

    def __init__(self, message: str, *, signature_key_id: bytes, public_key_id: bytes) -> None:
        super().__init__(message)
        # Kept so a caller holding several trusted keys can pick the right one and retry.
        self.signature_key_id = signature_key_id
        self.public_key_id = public_key_id


class PasswordError(MinisignError):
    """The secret key's password is missing or wrong (its checksum does not match)."""
