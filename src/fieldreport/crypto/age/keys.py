"""Parsing and formatting age key strings and identity files (as `age-keygen` writes them)."""

from __future__ import annotations

from datetime import datetime, timedelta

from fieldreport.crypto.age.errors import AgeKeyError, AgeUnsupportedError
from fieldreport.crypto.age.hybrid import HybridIdentity, HybridRecipient
from fieldreport.crypto.age.x25519 import X25519Identity, X25519Recipient

AnyRecipient = X25519Recipient | HybridRecipient
AnyIdentity = X25519Identity | HybridIdentity


def parse_recipient(s: str) -> AnyRecipient:
    """Parse an `age1…` (X25519) or `age1pq1…` (hybrid post-quantum) recipient."""
    text = s.strip()
    if text.startswith("age1pq1"):
        return HybridRecipient.from_string(text)
    if text.startswith(("age1tag1", "age1tagpq1")):
        raise AgeUnsupportedError("hardware-key (age1tag) recipients are not supported")
    if text.startswith(("ssh-", "ecdsa-")):
        raise AgeUnsupportedError("SSH public keys are not supported as age recipients")
    if text.startswith("age1") and text.rfind("1") > 3:
        # age1<name>1… is a plugin recipient; its plugin program would have to run.
        raise AgeUnsupportedError("age plugin recipients are not supported")
    if text.startswith("age1"):
        return X25519Recipient.from_string(text)
    raise AgeKeyError("unknown recipient: expected an 'age1…' or 'age1pq1…' public key")


def parse_identity(s: str) -> AnyIdentity:
    """Parse an `AGE-SECRET-KEY-1…` or `AGE-SECRET-KEY-PQ-1…` identity."""
    text = s.strip()
    if text.startswith("AGE-SECRET-KEY-PQ-1"):
        return HybridIdentity.from_string(text)
    if text.startswith("AGE-SECRET-KEY-1"):
        return X25519Identity.from_string(text)
    if text.startswith("AGE-PLUGIN-"):
        raise AgeUnsupportedError("age plugin identities are not supported")
    # The message never quotes the input: it may be a mangled secret key.
    raise AgeKeyError("unknown identity: expected an 'AGE-SECRET-KEY-1…' secret key")


def parse_identity_file(text: str) -> list[AnyIdentity]:
    """Parse an identity file: one key per line, `#` comments and blank lines ignored."""
    if text.lstrip().startswith(("age-encryption.org/", "-----BEGIN AGE ENCRYPTED FILE")):
        raise AgeUnsupportedError("passphrase-protected identity files are not supported")
    identities: list[AnyIdentity] = []
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        try:
            identities.append(parse_identity(stripped))
        except AgeKeyError:
            raise AgeKeyError(f"identity file line {number}: malformed secret key") from None
        except AgeUnsupportedError as exc:
            raise AgeUnsupportedError(f"identity file line {number}: {exc}") from None
    if not identities:
        raise AgeKeyError("the identity file holds no secret key")
    return identities


def _rfc3339(moment: datetime) -> str:
    offset = moment.utcoffset()
    if offset is None:
        raise ValueError("the creation time must be timezone-aware")
    stamp = moment.replace(microsecond=0, tzinfo=None).isoformat()
    if offset == timedelta(0):
        return stamp + "Z"
    return stamp + moment.strftime("%z")[:3] + ":" + moment.strftime("%z")[3:5]


def format_identity_file(identity: AnyIdentity, created: datetime) -> str:
    """The identity file `age-keygen` would write: creation time, public key, secret key."""
    return (
        f"# created: {_rfc3339(created)}\n"
        f"# public key: {identity.recipient().to_string()}\n"
        f"{identity.to_string()}\n"
    )
