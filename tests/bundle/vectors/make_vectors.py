"""Generate the fixed bundle test vectors in this folder (docs/bundle-format.md, "Test vectors").

    .venv/bin/python tests/bundle/vectors/make_vectors.py [OUT_DIR]

Run once and commit the output; tests/bundle/test_vectors.py checks the committed files and
also runs `generate()` into a temporary folder, so this script keeps working as the code moves.

TEST-ONLY KEYS. Every key here is derived from a public label (SHA-256 of a sentence written
below), so anybody can recompute it: they are published test material, never to be trusted,
enrolled or used for real reports.

What is written:
    TEST-ONLY-coordinator-identity.txt   the age X25519 identity the bundles are encrypted to
    TEST-ONLY-device-signing.key         the field device's minisign secret key (unencrypted)
    device.pub                           its minisign public key
    enrolment-request.json               the device's self-signed enrolment request
    valid.frb, valid.manifest.json       a valid bundle (real exporter) and its exact manifest
    <name>.frb                           invalid variants, one defect each (see VARIANTS)
    vectors.json                         the index: every file's SHA-256 and expected outcome

Only the `.frb` files and what depends on them (ids, times, hashes) change when this is run
again: age encryption is randomised and the field store draws fresh report ids.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from unittest import mock

import zstandard
from sqlalchemy import update

from fieldreport.bundle import tarstream, writer
from fieldreport.bundle.export import export_bundle
from fieldreport.bundle.layout import MANIFEST, SIGNATURE, ZSTD_LEVEL
from fieldreport.crypto import age
from fieldreport.crypto.minisign import SigningKey
from fieldreport.crypto.signed_json import sign_document
from fieldreport.store.chain import canonical_json, content_hash
from fieldreport.store.device import fingerprint
from fieldreport.store.kdf import KdfParams
from fieldreport.store.store import Store
from fieldreport.store.tables import DEVICE

HERE = Path(__file__).resolve().parent
WARNING = "TEST ONLY - published FieldReport test-vector key, never use it for real data"

DEVICE_ID = "5e1f0c1d-7e57-4a11-8b0b-000000000001"
DEVICE_NAME = "field-test-vector"
CREATED_AT = "2026-01-01T00:00:00+00:00"
MTIME = 1_767_225_600  # 2026-01-01T00:00:00Z, the tar members' mtime
PASSPHRASE = "test-vector passphrase (throwaway store)"

REPORT: dict[str, Any] = {
    "title": "TEST VECTOR — barrage fictif près de Ménaka",
    "occurred_at": "2026-01-01T09:15:00+00:00",
    "event_type": "Strategic developments",
    "sub_event_type": "Other",
    # 15.0 and 5e-05 on purpose: how floats are spelled matters to content_hash.
    "location": {"name": "Point de test", "lat": 15.0, "lon": 0.00005, "adm1_pcode": "ML10"},
    "narrative": "Fictitious report for the bundle test vectors; no real event.",
    "severity": 2,
}
ATTACHMENT_NAME = "note.txt"
ATTACHMENT = "TEST VECTOR attachment — fictitious content.\n".encode()


def _seed(label: str) -> bytes:
    return hashlib.sha256(f"FieldReport TEST-ONLY vector key: {label}".encode()).digest()


def device_signing_key() -> SigningKey:
    return SigningKey.from_seed(_seed("device signing"), key_id=_seed("device key id")[:8])


def device_identity() -> age.X25519Identity:
    return age.X25519Identity.from_secret(_seed("device age identity"))


def coordinator_identity() -> age.X25519Identity:
    return age.X25519Identity.from_secret(_seed("coordinator age identity"))


def enrolment_request(key: SigningKey, created_at: str = CREATED_AT) -> dict[str, Any]:
    """The fixed device's enrolment request, signed with its key (as Store.enrolment_request)."""
    signing = key.public_key().to_string()
    recipient = device_identity().recipient().to_string()
    doc = {
        "format": "fieldreport-enrolment-request/1",
        "device_id": DEVICE_ID,
        "name": DEVICE_NAME,
        "role": "field",
        "signing_key": signing,
        "recipient": recipient,
        "fingerprint": fingerprint(signing, recipient),
        "created_at": created_at,
    }
    return sign_document(doc, key, trusted_comment="fieldreport-enrolment-request/1")


# ---- reading and re-making the layers -------------------------------------------------------


def plaintext(path: Path, identity: age.Identity) -> bytes:
    """age → zstd (every frame) → the tar bytes."""
    out = io.BytesIO()
    with path.open("rb") as src:
        age.decrypt([identity], src, out)
    reader = zstandard.ZstdDecompressor().stream_reader(
        io.BytesIO(out.getvalue()), read_across_frames=True
    )
    return bytes(reader.read())


def members(tar: bytes) -> list[tuple[str, bytes]]:
    return [(m.name, r.read_all()) for m, r in tarstream.iter_members(io.BytesIO(tar))]


def folder_header(name: str) -> bytes:
    """A USTAR directory entry, as GNU tar writes for `reports/` (typeflag 5)."""
    block = bytearray(tarstream.header(name, 0, MTIME))
    block[100:108] = b"0000700\0"
    block[156:157] = b"5"
    block[148:156] = b" " * 8
    block[148:156] = f"{sum(block):06o}".encode() + b"\0 "
    return bytes(block)


def pack(items: list[tuple[str, bytes] | bytes]) -> bytes:
    """A tar of (name, data) members, or raw header blocks, then the end-of-archive marker."""
    out = io.BytesIO()
    for item in items:
        if isinstance(item, bytes):
            out.write(item)
        else:
            name, data = item
            tarstream.write_member(out, name, len(data), MTIME, iter((data,)))
    out.write(tarstream.end_of_archive())
    return out.getvalue()


def seal(out: Path, tar: bytes, recipient: age.Recipient) -> None:
    """tar → one zstd frame (level 3, checksum) → age, like writer.write_bundle."""
    compressed = zstandard.ZstdCompressor(level=ZSTD_LEVEL, write_checksum=True).compress(tar)
    with out.open("wb") as dst:
        age.encrypt([recipient], io.BytesIO(compressed), dst)


def manifest_bytes(doc: dict[str, Any]) -> bytes:
    return (
        json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    ).encode()


def resign(doc: dict[str, Any], key: SigningKey) -> tuple[bytes, bytes]:
    raw = manifest_bytes(doc)
    comment = (
        f"fieldreport-bundle/1 bundle:{doc['bundle_id']} device:{doc['device_id']} "
        f"seq:{doc['sequence']}"
    )
    return raw, key.sign(raw, trusted_comment=comment).encode()


# ---- the variants ------------------------------------------------------------------------------

Members = list[tuple[str, bytes]]


def _bad_signature(items: Members, key: SigningKey) -> list[tuple[str, bytes] | bytes]:
    """The manifest says sequence 2 after it was signed (signature kept)."""
    (m, raw), sig, *rest = items
    doc = json.loads(raw)
    doc["sequence"] = 2
    return [(m, manifest_bytes(doc)), sig, *rest]


def _hash_mismatch(items: Members, key: SigningKey) -> list[tuple[str, bytes] | bytes]:
    """An attachment's bytes differ from its signed SHA-256 (same size)."""
    out: list[tuple[str, bytes] | bytes] = []
    for name, data in items:
        if name.startswith("attachments/"):
            data = data.replace(b"fictitious", b"FICTITIOUS")
        out.append((name, data))
    return out


def _folder_entry(items: Members, key: SigningKey) -> list[tuple[str, bytes] | bytes]:
    """A `reports/` directory entry after the signature, as GNU tar writes one."""
    head, sig, *rest = items
    return [head, sig, folder_header("reports/"), *rest]


def _bad_content_hash(items: Members, key: SigningKey) -> list[tuple[str, bytes] | bytes]:
    """The device itself signs a revision whose body no longer matches its content_hash."""
    (m, raw), _sig, *rest = items
    doc = json.loads(raw)
    changed: Members = []
    for name, data in rest:
        if name.startswith("reports/") and not changed:
            revision = json.loads(data)
            revision["body"]["narrative"] = "Edited after hashing."
            data = canonical_json(revision).encode()  # the exporter's spelling
            for entry in doc["entries"]:
                if entry["path"] == name:
                    entry["size"], entry["sha256"] = len(data), hashlib.sha256(data).hexdigest()
        changed.append((name, data))
    raw, sig = resign(doc, key)
    return [(m, raw), (SIGNATURE, sig), *changed]


VARIANTS: dict[str, tuple[str, Callable[[Members, SigningKey], list[Any]], str]] = {
    "bad-signature": (
        "bad-signature",
        _bad_signature,
        "manifest.json edited after signing (sequence 1 -> 2); the signature no longer verifies",
    ),
    "hash-mismatch": (
        "tampered",
        _hash_mismatch,
        "an attachment's bytes differ from the SHA-256 in the signed manifest (same size)",
    ),
    "folder-entry": (
        "invalid",
        _folder_entry,
        "a tar directory entry `reports/` (typeflag 5) after the signature",
    ),
    "bad-content-hash": (
        "invalid-revision",
        _bad_content_hash,
        "a revision's body edited; manifest re-signed by the device, content_hash left stale",
    ),
}


# ---- the generator -----------------------------------------------------------------------------


def _field_store(folder: Path, key: SigningKey) -> Store:
    """A field store whose device keys are the fixed test-only ones."""
    # Floor Argon2id cost, no calibration: a throwaway store.
    params = KdfParams(salt=os.urandom(16))
    store = Store.init(folder, PASSPHRASE, key_type="x25519", name=DEVICE_NAME, kdf_params=params)
    with store.write() as conn:
        conn.execute(
            update(DEVICE).values(
                device_id=DEVICE_ID,
                name=DEVICE_NAME,
                signing_seed=key.seed_bytes(),
                signing_key_id=key.key_id,
                age_identity=device_identity().to_string(),
                created_at=CREATED_AT,
            )
        )
    store.close()
    return Store.open(folder, PASSPHRASE)


def _export_valid(out: Path, key: SigningKey, work: Path) -> None:
    store = _field_store(work / "field", key)
    try:
        saved = store.add_report(REPORT)
        note = work / ATTACHMENT_NAME
        note.write_bytes(ATTACHMENT)
        store.attach(saved.report_id, [note])
        with mock.patch.object(writer, "time", SimpleNamespace(time=lambda: MTIME)):
            result = export_bundle(store, out, [coordinator_identity().recipient()])
        assert result.bundle_id is not None
    finally:
        store.close()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def generate(out_dir: Path) -> dict[str, Any]:
    """Write every vector into `out_dir`; returns the index (also written as vectors.json)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    key = device_signing_key()
    coordinator = coordinator_identity()
    created = datetime(2026, 1, 1, tzinfo=UTC)
    (out_dir / "TEST-ONLY-coordinator-identity.txt").write_text(
        f"# {WARNING}\n" + age.format_identity_file(coordinator, created)
    )
    (out_dir / "TEST-ONLY-device-signing.key").write_text(
        key.to_secret_key_file(None, untrusted_comment=WARNING)
    )
    (out_dir / "device.pub").write_text(key.public_key().to_file_text())
    (out_dir / "enrolment-request.json").write_text(
        json.dumps(enrolment_request(key), indent=2, ensure_ascii=False) + "\n"
    )

    valid = out_dir / "valid.frb"
    with tempfile.TemporaryDirectory() as work:
        _export_valid(valid, key, Path(work))
    items = members(plaintext(valid, coordinator))
    (m_name, raw_manifest), (s_name, _sig) = items[0], items[1]
    assert (m_name, s_name) == (MANIFEST, SIGNATURE)
    (out_dir / "valid.manifest.json").write_bytes(raw_manifest)
    manifest = json.loads(raw_manifest)
    revisions = [json.loads(data) for name, data in items if name.startswith("reports/")]

    vectors: list[dict[str, Any]] = [
        {
            "file": "valid.frb",
            "expect": "imported",
            "what": "a valid bundle from the real exporter: one report in two revisions "
            "(created, then a file attached) and that attachment",
            "sha256": _sha256(valid),
            "new_revisions": len(revisions),
            "attachments": 1,
        }
    ]
    for name, (reason, build, what) in VARIANTS.items():
        path = out_dir / f"{name}.frb"
        seal(path, pack(build(items, key)), coordinator.recipient())
        vectors.append({"file": path.name, "expect": reason, "what": what, "sha256": _sha256(path)})

    index: dict[str, Any] = {
        "warning": WARNING,
        "coordinator_identity_file": "TEST-ONLY-coordinator-identity.txt",
        "coordinator_recipient": coordinator.recipient().to_string(),
        "device": {
            "device_id": DEVICE_ID,
            "name": DEVICE_NAME,
            "signing_key": key.public_key().to_string(),
            "recipient": device_identity().recipient().to_string(),
            "secret_key_file": "TEST-ONLY-device-signing.key",
        },
        "report": REPORT,
        "attachment": {
            "name": ATTACHMENT_NAME,
            "sha256": hashlib.sha256(ATTACHMENT).hexdigest(),
            "size": len(ATTACHMENT),
        },
        "manifest": {
            "file": "valid.manifest.json",
            "sha256": hashlib.sha256(raw_manifest).hexdigest(),
            "bundle_id": manifest["bundle_id"],
        },
        "revisions": [
            {
                "id": r["id"],
                "number": r["number"],
                "content_hash": r["content_hash"],
                "hash_input_length": len(_hash_input(r)),
            }
            for r in revisions
        ],
        "vectors": vectors,
    }
    for r in revisions:  # the generator checks itself with the project's own function
        body = canonical_json(r["body"])
        expected = content_hash(r["report_id"], r["number"], r["device_id"], r["created_at"], body)
        assert r["content_hash"] == expected == hashlib.sha256(_hash_input(r)).hexdigest()
    (out_dir / "vectors.json").write_text(json.dumps(index, indent=2, ensure_ascii=False) + "\n")
    return index


def _hash_input(revision: dict[str, Any]) -> bytes:
    """What content_hash covers: the revision file without `id` and `content_hash`, canonical."""
    doc = {k: v for k, v in revision.items() if k not in ("id", "content_hash")}
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    written = generate(target)
    total = sum(p.stat().st_size for p in target.iterdir() if p.is_file())
    print(f"{len(written['vectors'])} vectors written to {target} ({total} bytes in the folder)")
