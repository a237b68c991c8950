"""The age exceptions: one class per outcome, each with a one-line message for the user.

The split follows the outcomes the age test vectors (CCTV) distinguish, so a caller can tell
"wrong key" from "damaged file" from "tampered file" without parsing messages.
"""

from __future__ import annotations


class AgeError(Exception):
    """Any failure to read or write an age file."""


class AgeHeaderError(AgeError):
    """The header does not parse, or a stanza addressed to us is malformed."""


class AgeNoMatchError(AgeError):
    """None of the identities can unwrap the file key."""


class AgeHMACError(AgeError):
    """A file key was unwrapped but the header MAC does not verify: the header was altered."""


class AgePayloadError(AgeError):
    """The encrypted payload is damaged, truncated or extended (STREAM failure)."""


class AgeArmorError(AgeError):
    """The ASCII armor (PEM) around the file is malformed."""


class AgeUnsupportedError(AgeError):
    """Something valid that this implementation consciously refuses (plugins, SSH keys...)."""


class AgeRecipientError(AgeUnsupportedError, ValueError):
    """A recipient set refused for encryption: empty, or mixing types that must not mix."""


class AgeKeyError(AgeError, ValueError):
    """A recipient, identity or identity file that does not parse."""
