"""age v1 file encryption (C2SP age.md): X25519, hybrid post-quantum and scrypt recipients.

    from fieldreport.crypto.age import X25519Identity, encrypt, decrypt

Encryption and decryption stream with constant memory; armored input is detected. Every
failure is an AgeError subclass with a one-line message.
"""

from fieldreport.crypto.age.api import (
    AgeReader,
    AgeWriter,
    decrypt,
    encrypt,
    open_decrypt,
    open_encrypt,
)
from fieldreport.crypto.age.errors import (
    AgeArmorError,
    AgeError,
    AgeHeaderError,
    AgeHMACError,
    AgeKeyError,
    AgeNoMatchError,
    AgePayloadError,
    AgeRecipientError,
    AgeUnsupportedError,
)
from fieldreport.crypto.age.hybrid import HybridIdentity, HybridRecipient
from fieldreport.crypto.age.keys import (
    format_identity_file,
    parse_identity,
    parse_identity_file,
    parse_recipient,
)
from fieldreport.crypto.age.scrypt import ScryptIdentity, ScryptRecipient
from fieldreport.crypto.age.stanza import Identity, Recipient, Stanza
from fieldreport.crypto.age.x25519 import X25519Identity, X25519Recipient

__all__ = [
    "AgeArmorError",
    "AgeError",
    "AgeHMACError",
    "AgeHeaderError",
    "AgeKeyError",
    "AgeNoMatchError",
    "AgePayloadError",
    "AgeReader",
    "AgeRecipientError",
    "AgeUnsupportedError",
    "AgeWriter",
    "HybridIdentity",
    "HybridRecipient",
    "Identity",
    "Recipient",
    "ScryptIdentity",
    "ScryptRecipient",
    "Stanza",
    "X25519Identity",
    "X25519Recipient",
    "decrypt",
    "encrypt",
    "format_identity_file",
    "open_decrypt",
    "open_encrypt",
    "parse_identity",
    "parse_identity_file",
    "parse_recipient",
]
