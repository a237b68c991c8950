"""The manifest's canonical bytes, encoded in slices, equal one `json.dumps` of the whole."""

from __future__ import annotations

import json

import pytest

from fieldreport.bundle import manifest as manifest_module
from fieldreport.bundle.manifest import Entry, Manifest


def _one_shot(m: Manifest) -> bytes:
    text = json.dumps(m.to_json(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return (text + "\n").encode()


@pytest.mark.parametrize("count", [0, 1, 3, 4, 5, 9, 10])
def test_sliced_encoding_is_the_canonical_encoding(
    count: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(manifest_module, "ENCODE_SLICE", 4)  # many slice boundaries
    entries = tuple(Entry(f"reports/é{i}/r.json", i * 7, f"{i:064x}") for i in range(count))
    m = Manifest(
        bundle_id="0196c5a1-0000-7000-8000-000000000001",
        device_id="0196c5a1-0000-7000-8000-000000000002",
        sequence=3,
        previous=None if count % 2 else "ab" * 32,
        created_at="2026-11-24T00:00:00+00:00",
        entries=entries,
        revisions=tuple(f"rev-{i}" for i in range(count)),
    )
    assert m.to_bytes() == _one_shot(m)
    assert json.loads(m.to_bytes())["entries"][: min(count, 2)] == [
        e.to_json() for e in entries[:2]
    ]


def test_pieces_stay_small_and_are_signed_as_the_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer hashes, signs and packs the manifest piece by piece (no 20 MB string at
    100k revisions); the signature is that of the whole canonical bytes."""
    from fieldreport.crypto.minisign import SigningKey

    monkeypatch.setattr(manifest_module, "ENCODE_SLICE", 4)
    count = 41
    m = Manifest(
        bundle_id="0196c5a1-0000-7000-8000-000000000001",
        device_id="0196c5a1-0000-7000-8000-000000000002",
        sequence=1,
        previous=None,
        created_at="2026-11-24T00:00:00+00:00",
        entries=tuple(Entry(f"reports/{i}/r.json", i, f"{i:064x}") for i in range(count)),
        revisions=tuple(f"rev-{i}" for i in range(count)),
    )
    pieces = m.pieces()
    assert len(pieces) > 2 * count // 4
    assert max(len(p) for p in pieces) < 4 * 200  # a slice of four entries at most
    key = SigningKey.generate()
    signature = key.sign_pieces(pieces, trusted_comment="t")
    assert key.public_key().verify(b"".join(pieces), signature) == "t"
    assert b"".join(pieces) == _one_shot(m)
