"""Interoperability with the reference `age` CLI (Go) and with pyrage (the Rust `rage`).

Debian's age 1.1.1 and pyrage 1.4 know X25519 and scrypt but not the hybrid post-quantum
`mlkem768x25519` type, so the hybrid type is covered by the CCTV vectors instead.
"""

from __future__ import annotations

import io
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from fieldreport.crypto.age import (
    ScryptIdentity,
    ScryptRecipient,
    X25519Identity,
    X25519Recipient,
    decrypt,
    encrypt,
    format_identity_file,
    parse_identity_file,
    parse_recipient,
)
from tests.tooling import require_tool

SIZES = [0, 1, 65535, 65536, 65537, 3 * 64 * 1024 + 5]


def _ours_encrypt(recipient: X25519Recipient, data: bytes, *, armor: bool = False) -> bytes:
    out = io.BytesIO()
    encrypt([recipient], io.BytesIO(data), out, armor=armor)
    return out.getvalue()


def _ours_decrypt(identity: X25519Identity | ScryptIdentity, blob: bytes) -> bytes:
    out = io.BytesIO()
    decrypt([identity], io.BytesIO(blob), out)
    return out.getvalue()


def _run(args: list[str], data: bytes) -> bytes:
    result = subprocess.run(args, input=data, capture_output=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result.stdout


@pytest.fixture(scope="module")
def identity() -> X25519Identity:
    return X25519Identity.generate()


@pytest.fixture
def identity_file(tmp_path: Path, identity: X25519Identity) -> Path:
    path = tmp_path / "key.txt"
    path.write_text(format_identity_file(identity, datetime.now(UTC)))
    path.chmod(0o600)
    return path


# --- the age CLI ---------------------------------------------------------------------------


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armored"])
@pytest.mark.parametrize("size", SIZES)
def test_age_cli_decrypts_ours(
    size: int, armor: bool, identity: X25519Identity, identity_file: Path
) -> None:
    age = require_tool("age")
    data = os.urandom(size)
    blob = _ours_encrypt(identity.recipient(), data, armor=armor)
    assert _run([age, "-d", "-i", str(identity_file)], blob) == data


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armored"])
@pytest.mark.parametrize("size", SIZES)
def test_we_decrypt_age_cli(size: int, armor: bool, identity: X25519Identity) -> None:
    age = require_tool("age")
    data = os.urandom(size)
    args = [age, "-r", identity.recipient().to_string(), *(["-a"] if armor else [])]
    blob = _run(args, data)
    assert blob.startswith(b"-----BEGIN AGE ENCRYPTED FILE-----" if armor else b"age-")
    assert _ours_decrypt(identity, blob) == data


def test_age_cli_multiple_recipients(identity: X25519Identity) -> None:
    age = require_tool("age")
    other = X25519Identity.generate()
    args = [age, "-r", other.recipient().to_string(), "-r", identity.recipient().to_string()]
    blob = _run(args, b"for two")
    assert _ours_decrypt(identity, blob) == b"for two"
    assert _ours_decrypt(other, blob) == b"for two"


def test_age_keygen_identity_files_parse(tmp_path: Path) -> None:
    keygen = require_tool("age-keygen")
    path = tmp_path / "generated.txt"
    subprocess.run([keygen, "-o", str(path)], capture_output=True, check=True, timeout=30)
    text = path.read_text()
    (identity,) = parse_identity_file(text)
    public_line = next(line for line in text.splitlines() if line.startswith("# public key: "))
    assert identity.recipient().to_string() == public_line.removeprefix("# public key: ")
    assert parse_recipient(public_line.removeprefix("# public key: ")) == identity.recipient()
    # Our own layout matches age-keygen's, line for line apart from the timestamp.
    created = next(line for line in text.splitlines() if line.startswith("# created: "))
    moment = datetime.fromisoformat(created.removeprefix("# created: ").replace("Z", "+00:00"))
    assert format_identity_file(identity, moment) == text


def test_age_keygen_reads_our_identity_file(identity: X25519Identity, identity_file: Path) -> None:
    keygen = require_tool("age-keygen")
    result = subprocess.run(
        [keygen, "-y", str(identity_file)], capture_output=True, text=True, check=True, timeout=30
    )
    assert result.stdout.strip() == identity.recipient().to_string()


# --- pyrage --------------------------------------------------------------------------------

pyrage = pytest.importorskip("pyrage")


@pytest.mark.parametrize("armor", [False, True], ids=["binary", "armored"])
@pytest.mark.parametrize("size", SIZES)
def test_pyrage_both_ways(size: int, armor: bool, identity: X25519Identity) -> None:
    data = os.urandom(size)
    their_identity = pyrage.x25519.Identity.from_str(identity.to_string())
    their_recipient = pyrage.x25519.Recipient.from_str(identity.recipient().to_string())
    assert str(their_identity.to_public()) == identity.recipient().to_string()

    ours = _ours_encrypt(identity.recipient(), data, armor=armor)
    assert pyrage.decrypt(ours, [their_identity]) == data

    theirs = pyrage.encrypt(data, [their_recipient], armored=armor)
    assert _ours_decrypt(identity, theirs) == data


def test_pyrage_generated_keys_parse() -> None:
    their_identity = pyrage.x25519.Identity.generate()
    (ours,) = parse_identity_file(str(their_identity) + "\n")
    assert ours.recipient().to_string() == str(their_identity.to_public())


def test_pyrage_passphrase_both_ways() -> None:
    data = os.urandom(70_000)
    theirs = pyrage.passphrase.encrypt(data, "correct horse battery staple")
    assert _ours_decrypt(ScryptIdentity(b"correct horse battery staple"), theirs) == data

    out = io.BytesIO()
    recipient = ScryptRecipient(b"correct horse battery staple", work_factor=12)
    encrypt([recipient], io.BytesIO(data), out)
    assert pyrage.passphrase.decrypt(out.getvalue(), "correct horse battery staple") == data
