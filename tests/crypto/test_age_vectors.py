"""The Community Cryptography Test Vectors (CCTV) for age: every file, exact outcome.

Each vector names its expected outcome; the mapping to our exception classes is exact
(type(err) is ..., not a subclass check), so a regression that turns, say, a header error
into a "no match" fails here. For payload failures, the plaintext released before the error
must hash to the vector's `payload`, as the CCTV README requires.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from fieldreport.crypto.age import (
    AgeArmorError,
    AgeError,
    AgeHeaderError,
    AgeHMACError,
    AgeNoMatchError,
    AgePayloadError,
    Identity,
    ScryptIdentity,
    decrypt,
    open_decrypt,
    parse_identity,
)

VECTORS = Path(__file__).resolve().parents[3] / "shared" / "vectors" / "age"
EXPECTED_COUNT = 143
OUTCOMES: dict[str, type[AgeError] | None] = {
    "success": None,
    "payload failure": AgePayloadError,
    "no match": AgeNoMatchError,
    "HMAC failure": AgeHMACError,
    "header failure": AgeHeaderError,
    "armor failure": AgeArmorError,
}


@dataclass
class Vector:
    name: str
    expect: str
    payload: str | None
    identities: list[Identity] = field(default_factory=list)
    data: bytes = b""


def _load(path: Path) -> Vector:
    raw = path.read_bytes()
    head, data = raw.split(b"\n\n", 1)
    meta: dict[str, str] = {}
    identities: list[Identity] = []
    for line in head.decode("utf-8").splitlines():
        key, value = line.split(": ", 1)
        if key == "identity":
            identities.append(parse_identity(value))
        elif key == "passphrase":
            identities.append(ScryptIdentity(value.encode("utf-8")))
        else:
            meta[key] = value
    if meta.get("compressed") == "zlib":
        data = zlib.decompress(data)
    else:
        assert "compressed" not in meta, meta["compressed"]
    return Vector(
        name=path.name,
        expect=meta["expect"],
        payload=meta.get("payload"),
        identities=identities,
        data=data,
    )


def _vector_paths() -> list[Path]:
    return sorted(VECTORS.iterdir()) if VECTORS.is_dir() else []


def test_all_vectors_present() -> None:
    assert len(_vector_paths()) == EXPECTED_COUNT, f"expected {EXPECTED_COUNT} files in {VECTORS}"


def _check(vector: Vector, released: bytes, error: Exception | None) -> None:
    expected = OUTCOMES[vector.expect]
    if expected is None:
        assert error is None, f"{vector.name}: unexpected {error!r}"
    else:
        assert type(error) is expected, (
            f"{vector.name}: expected {expected.__name__}, got {error!r}"
        )
        assert str(error) and "\n" not in str(error)
    if vector.payload is not None:
        assert hashlib.sha256(released).hexdigest() == vector.payload


@pytest.mark.parametrize("path", _vector_paths(), ids=lambda p: p.name)
def test_vector_decrypt(path: Path) -> None:
    vector = _load(path)
    out = io.BytesIO()
    error: Exception | None = None
    try:
        decrypt(vector.identities, io.BytesIO(vector.data), out)
    except AgeError as exc:
        error = exc
    _check(vector, out.getvalue(), error)


@pytest.mark.parametrize("path", _vector_paths(), ids=lambda p: p.name)
def test_vector_open_decrypt(path: Path) -> None:
    """Same outcome through the file-object API, read in chunk-sized pieces."""
    vector = _load(path)
    released: list[bytes] = []
    error: Exception | None = None
    try:
        with open_decrypt(vector.identities, io.BytesIO(vector.data)) as reader:
            while block := reader.read(64 * 1024):
                released.append(block)
    except AgeError as exc:
        error = exc
    _check(vector, b"".join(released), error)
