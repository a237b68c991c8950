"""Interoperability with the reference `minisign` (0.11) in both directions.

minisign reads a secret key's password as a line from stdin (echo is only turned off when
stdin is a terminal), so password-protected keys are driven by feeding stdin.
"""

from __future__ import annotations

import base64
import io
import os
import subprocess
from pathlib import Path

import pytest

from fieldreport.crypto.minisign import (
    MEMLIMIT_INTERACTIVE,
    MEMLIMIT_SENSITIVE,
    OPSLIMIT_INTERACTIVE,
    OPSLIMIT_SENSITIVE,
    PasswordError,
    PublicKey,
    SigningKey,
)
from tests.tooling import require_tool

pytestmark = pytest.mark.needs_tool("minisign")

TRUSTED = "rapport n° 42 — Kyiv ✓\tfile:r42.age"
UNTRUSTED = "signé par fieldreport"
DATA = "incident report body, ünïcödé\n".encode() * 100


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """The test's own directory; skips (fails in CI) when minisign is not installed."""
    require_tool("minisign")
    return tmp_path


def run(
    tmp_path: Path, *args: str | Path, stdin: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    # A private HOME and config dir: minisign must never see or touch the user's own keys.
    env = {**os.environ, "HOME": str(tmp_path), "MINISIGN_CONFIG_DIR": str(tmp_path / ".ms")}
    env.pop("MINISIGN_PASSWORD", None)
    result = subprocess.run(
        [require_tool("minisign"), *map(str, args)],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"minisign {args} failed: {result.stdout}{result.stderr}")
    return result


def printed_key_id(key_id_hex: str) -> str:
    """How minisign 0.11 prints a key id: no zero padding (later versions pad to 16 digits,
    as we do); the unpadded form is contained in both."""
    return f"{int(key_id_hex, 16):X}"


def write_signed(tmp_path: Path, name: str, data: bytes, signature: str) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    # Bytes, not text: on any platform the .minisig must keep "\n" line endings.
    Path(f"{path}.minisig").write_bytes(signature.encode("utf-8"))
    return path


# --- minisign checks what we make -------------------------------------------------------------


def test_minisign_verifies_our_prehashed_signature(workdir: Path) -> None:
    key = SigningKey.generate()
    pk = key.public_key()
    sig = key.sign(DATA, trusted_comment=TRUSTED, untrusted_comment=UNTRUSTED)
    path = write_signed(workdir, "report.age", DATA, sig)
    result = run(workdir, "-V", "-P", pk.to_string(), "-m", path)
    assert f"Trusted comment: {TRUSTED}" in result.stdout
    # -H demands a prehashed signature; also with the public key file we write.
    (workdir / "our.pub").write_text(pk.to_file_text(), encoding="utf-8")
    result = run(workdir, "-V", "-H", "-Q", "-p", workdir / "our.pub", "-m", path)
    assert result.stdout == f"{TRUSTED}\n"


def test_minisign_verifies_our_stream_signature(workdir: Path) -> None:
    key = SigningKey.generate()
    data = os.urandom(3 * 65536 + 17)
    sig = key.sign_stream(io.BytesIO(data), trusted_comment=TRUSTED)
    path = write_signed(workdir, "big.bin", data, sig)
    run(workdir, "-V", "-H", "-P", key.public_key().to_string(), "-m", path)


def test_minisign_accepts_our_legacy_signature_unless_told_not_to(workdir: Path) -> None:
    key = SigningKey.generate()
    sig = key.sign(DATA, trusted_comment=TRUSTED, prehashed=False)
    path = write_signed(workdir, "legacy.txt", DATA, sig)
    result = run(workdir, "-V", "-P", key.public_key().to_string(), "-m", path)
    assert f"Trusted comment: {TRUSTED}" in result.stdout
    refused = run(workdir, "-V", "-H", "-P", key.public_key().to_string(), "-m", path, check=False)
    assert refused.returncode == 1
    assert "Legacy (non-prehashed) signature found" in refused.stderr


def test_minisign_rejects_what_we_did_not_sign(workdir: Path) -> None:
    key = SigningKey.generate()
    sig = key.sign(DATA, trusted_comment=TRUSTED)
    path = write_signed(workdir, "report.age", DATA + b"!", sig)
    result = run(workdir, "-V", "-P", key.public_key().to_string(), "-m", path, check=False)
    assert result.returncode == 1
    assert "Signature verification failed" in result.stderr
    lines = sig.splitlines()
    lines[2] = "trusted comment: file:other.age"
    path = write_signed(workdir, "report2.age", DATA, "\n".join(lines) + "\n")
    result = run(workdir, "-V", "-P", key.public_key().to_string(), "-m", path, check=False)
    assert result.returncode == 1
    assert "Comment signature verification failed" in result.stderr
    other = SigningKey.generate()
    path = write_signed(workdir, "report3.age", DATA, sig)
    result = run(workdir, "-V", "-P", other.public_key().to_string(), "-m", path, check=False)
    assert result.returncode == 1
    assert printed_key_id(key.key_id_hex) in result.stderr
    assert printed_key_id(other.key_id_hex) in result.stderr


# --- we check what minisign makes -------------------------------------------------------------


def test_we_read_minisign_unencrypted_keys_and_signatures(workdir: Path) -> None:
    pub, sec = workdir / "m.pub", workdir / "m.key"
    run(workdir, "-G", "-W", "-p", pub, "-s", sec)
    pk = PublicKey.from_file_text(pub.read_text(encoding="utf-8"))
    first_line = pub.read_text(encoding="utf-8").splitlines()[0]
    assert first_line.startswith("untrusted comment: minisign public key ")
    assert int(first_line.rsplit(" ", 1)[1], 16) == int(pk.key_id_hex, 16)
    key = SigningKey.from_secret_key_file(sec.read_bytes(), None)
    assert key.public_key() == pk

    path = workdir / "report.age"
    path.write_bytes(DATA)
    run(workdir, "-S", "-s", sec, "-m", path, "-t", TRUSTED, "-c", UNTRUSTED)
    sig = Path(f"{path}.minisig").read_bytes()
    assert base64.b64decode(sig.splitlines()[1])[:2] == b"ED"
    assert pk.verify(DATA, sig) == TRUSTED
    with path.open("rb") as f:
        assert pk.verify_stream(f, sig) == TRUSTED

    run(workdir, "-S", "-l", "-s", sec, "-m", path, "-x", workdir / "legacy.minisig")
    legacy = (workdir / "legacy.minisig").read_text(encoding="utf-8")
    assert base64.b64decode(legacy.splitlines()[1])[:2] == b"Ed"
    assert pk.verify(DATA, legacy).startswith("timestamp:")

    # And the key read from minisign's file signs what minisign accepts.
    ours = write_signed(workdir, "ours.age", DATA, key.sign(DATA, trusted_comment=TRUSTED))
    run(workdir, "-V", "-H", "-p", pub, "-m", ours)


def test_we_read_minisign_encrypted_key(workdir: Path) -> None:
    # The slow one: minisign always encrypts with scrypt at 1 GiB (a few seconds each way).
    password = "pässwörd ✓"
    pub, sec = workdir / "e.pub", workdir / "e.key"
    run(workdir, "-G", "-p", pub, "-s", sec, stdin=f"{password}\n{password}\n")
    raw = base64.b64decode(sec.read_text(encoding="utf-8").splitlines()[1])
    assert raw[2:4] == b"Sc"
    # Our default KDF limits are minisign's, so files we write cost the same to attack.
    assert int.from_bytes(raw[38:46], "little") == OPSLIMIT_SENSITIVE
    assert int.from_bytes(raw[46:54], "little") == MEMLIMIT_SENSITIVE
    key = SigningKey.from_secret_key_file(sec.read_text(encoding="utf-8"), password.encode())
    pk = PublicKey.from_file_text(pub.read_text(encoding="utf-8"))
    assert key.public_key() == pk

    path = workdir / "report.age"
    path.write_bytes(DATA)
    run(workdir, "-S", "-s", sec, "-m", path, "-t", TRUSTED, stdin=f"{password}\n")
    assert pk.verify(DATA, Path(f"{path}.minisig").read_text(encoding="utf-8")) == TRUSTED


# --- minisign uses secret key files we write --------------------------------------------------


def test_minisign_signs_with_our_unencrypted_key(workdir: Path) -> None:
    # A zero last byte is a leading zero in the printed key id, where minisign versions differ.
    key = SigningKey.generate(key_id=os.urandom(7) + b"\x00")
    sec = workdir / "ours.key"
    sec.write_text(key.to_secret_key_file(None), encoding="utf-8")
    path = workdir / "report.age"
    path.write_bytes(DATA)
    run(workdir, "-S", "-s", sec, "-m", path, "-t", TRUSTED)
    sig = Path(f"{path}.minisig").read_text(encoding="utf-8")
    assert key.public_key().verify(DATA, sig) == TRUSTED
    # minisign rebuilds our public key from our secret key file.
    run(workdir, "-R", "-s", sec, "-p", workdir / "rebuilt.pub")
    rebuilt = (workdir / "rebuilt.pub").read_text(encoding="utf-8")
    assert PublicKey.from_file_text(rebuilt) == key.public_key()
    assert rebuilt.splitlines()[1] == key.public_key().to_string()
    assert rebuilt.splitlines()[0].endswith(f" {printed_key_id(key.key_id_hex)}")


def test_minisign_signs_with_our_encrypted_key(workdir: Path) -> None:
    password = "ünïcode pass ✓"
    key = SigningKey.generate()
    sec = workdir / "ours.key"
    text = key.to_secret_key_file(
        password.encode(), kdf_opslimit=OPSLIMIT_INTERACTIVE, kdf_memlimit=MEMLIMIT_INTERACTIVE
    )
    sec.write_text(text, encoding="utf-8")
    path = workdir / "report.age"
    path.write_bytes(DATA)
    run(workdir, "-S", "-s", sec, "-m", path, "-t", TRUSTED, stdin=f"{password}\n")
    sig = Path(f"{path}.minisig").read_text(encoding="utf-8")
    assert key.public_key().verify(DATA, sig) == TRUSTED

    wrong = run(workdir, "-S", "-s", sec, "-m", path, stdin="not it\n", check=False)
    assert wrong.returncode != 0
    assert "Wrong password for that key" in wrong.stderr

    # `minisign -C -W` strips the password but keeps the real checksum, which we then check.
    run(workdir, "-C", "-W", "-s", sec, stdin=f"{password}\n")
    stripped = sec.read_text(encoding="utf-8")
    raw = base64.b64decode(stripped.splitlines()[1])
    assert raw[2:4] == b"\x00\x00" and raw[-32:] != bytes(32)
    assert SigningKey.from_secret_key_file(stripped, None).seed_bytes() == key.seed_bytes()
    with pytest.raises(PasswordError):
        SigningKey.from_secret_key_file(text, b"not it")
