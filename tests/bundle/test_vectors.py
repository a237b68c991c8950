"""The fixed bundle vectors in tests/bundle/vectors/ (docs/bundle-format.md, "Test vectors").

Each vector is imported into a fresh coordinator store that holds the vectors' test-only age
identity and trusts the vectors' test-only device through an enrolment request signed with
that device's committed key. The valid bundle must import; each invalid one must be refused
for its documented reason with the store left as it was. The same checks run on vectors that
make_vectors.py writes afresh, so the generator keeps working as the code changes.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select, update

from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.importer import import_bundle
from fieldreport.crypto import age
from fieldreport.crypto.minisign import PublicKey, SigningKey
from fieldreport.crypto.signed_json import sign_document, verify_document
from fieldreport.store.device import DeviceIdentity, fingerprint
from fieldreport.store.store import Store
from fieldreport.store.tables import BUNDLE, DEVICE, REVISION
from fieldreport.trust.install import trust_request
from fieldreport.trust.requests import parse_request
from tests.bundle.vectors import make_vectors
from tests.conftest import PASSPHRASE

VECTORS = Path(__file__).resolve().parent / "vectors"
INDEX: dict[str, Any] = json.loads((VECTORS / "vectors.json").read_text("utf-8"))
INVALID = [v for v in INDEX["vectors"] if v["expect"] != "imported"]


def _load(folder: Path) -> dict[str, Any]:
    index: dict[str, Any] = json.loads((folder / "vectors.json").read_text("utf-8"))
    return index


def _request(folder: Path, index: dict[str, Any]) -> dict[str, Any]:
    """The fixed device's enrolment request, built here and signed with its committed key."""
    key = SigningKey.from_secret_key_file(
        (folder / index["device"]["secret_key_file"]).read_text(), None
    )
    device = index["device"]
    assert key.public_key().to_string() == device["signing_key"]
    doc = {
        "format": "fieldreport-enrolment-request/1",
        "device_id": device["device_id"],
        "name": device["name"],
        "role": "field",
        "signing_key": device["signing_key"],
        "recipient": device["recipient"],
        "fingerprint": fingerprint(device["signing_key"], device["recipient"]),
        "created_at": "2026-01-01T00:00:00+00:00",
    }
    return sign_document(doc, key, trusted_comment="fieldreport-enrolment-request/1")


def _holding(folder: Path, identity: DeviceIdentity) -> Store:
    """A fresh coordinator store whose age identity is `identity` (in the DB and in memory)."""
    store = Store.init(folder, PASSPHRASE, role="coordinator", key_type="x25519")
    with store.write() as conn:
        conn.execute(update(DEVICE).values(age_identity=identity.to_string()))
    store.device = replace(store.device, identity=identity)
    return store


def _coordinator(tmp: Path, folder: Path, index: dict[str, Any]) -> Store:
    """A fresh coordinator store holding the vectors' age identity, trusting their device."""
    [identity] = age.parse_identity_file((folder / index["coordinator_identity_file"]).read_text())
    store = _holding(tmp / "coordinator", identity)
    assert store.device.recipient_string == index["coordinator_recipient"]
    request, outcome = trust_request(store, _request(folder, index))
    assert outcome == "added" and request.device_id == index["device"]["device_id"]
    return store


def _state(store: Store) -> tuple[int, int, int, frozenset[str]]:
    with store.read() as conn:
        revisions = conn.execute(select(func.count()).select_from(REVISION)).scalar_one()
        bundles = conn.execute(select(func.count()).select_from(BUNDLE)).scalar_one()
    folder = store.layout.attachments
    files = frozenset(p.name for p in folder.rglob("*")) if folder.exists() else frozenset()
    return store.count_reports(), revisions, bundles, files


def check_valid(store: Store, folder: Path, index: dict[str, Any]) -> None:
    [vector] = [v for v in index["vectors"] if v["expect"] == "imported"]
    result = import_bundle(store, folder / vector["file"])
    assert result.status == "imported"
    assert result.device_id == index["device"]["device_id"]
    assert result.bundle_id == index["manifest"]["bundle_id"]
    assert (result.sequence, result.missing_before) == (1, 0)
    assert result.new_revisions == vector["new_revisions"] == len(index["revisions"])
    assert result.attachments == vector["attachments"]

    [listed] = store.list_reports()
    report = store.get_report(listed["id"])
    assert report["title"] == index["report"]["title"]
    assert report["location"]["lat"] == 15.0 and report["location"]["lon"] == 5e-05
    assert report["revision"] == 2 and report["status"] == "received"
    [attachment] = report["attachments"]
    assert attachment["name"] == index["attachment"]["name"]
    data = io.BytesIO()
    store.extract_attachment(attachment["id"], data)
    assert hashlib.sha256(data.getvalue()).hexdigest() == index["attachment"]["sha256"]
    with store.read() as conn:
        stored = dict(conn.execute(select(REVISION.c.id, REVISION.c.content_hash)).all())
    assert stored == {r["id"]: r["content_hash"] for r in index["revisions"]}

    # The receipt names the bundle and verifies with the coordinator's key.
    receipt = result.receipt
    assert receipt["format"] == "fieldreport-receipt/1" and receipt["duplicate"] is False
    assert receipt["revisions"] == [r["id"] for r in index["revisions"]]
    assert receipt["bundle_sha256"] == vector["sha256"]
    verify_document(receipt, store.device.signing.public_key())


def check_refused(store: Store, folder: Path, vector: dict[str, Any]) -> None:
    before = _state(store)
    with pytest.raises(BundleError) as refused:
        import_bundle(store, folder / vector["file"])
    assert refused.value.reason == vector["expect"], str(refused.value)
    assert _state(store) == before == (0, 0, 0, frozenset())


@pytest.fixture
def coordinator(tmp_path: Path) -> Iterator[Store]:
    store = _coordinator(tmp_path, VECTORS, INDEX)
    yield store
    store.close()


# ---- the committed files ---------------------------------------------------------------------


def test_the_committed_files_are_the_indexed_ones_and_small() -> None:
    for vector in INDEX["vectors"]:
        data = (VECTORS / vector["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == vector["sha256"], vector["file"]
    manifest = (VECTORS / INDEX["manifest"]["file"]).read_bytes()
    assert hashlib.sha256(manifest).hexdigest() == INDEX["manifest"]["sha256"]
    total = sum(p.stat().st_size for p in VECTORS.iterdir() if p.is_file())
    assert total < 50_000
    # The secret keys say what they are, in the file and in its name.
    for name in (INDEX["coordinator_identity_file"], INDEX["device"]["secret_key_file"]):
        assert name.startswith("TEST-ONLY-")
        assert "TEST ONLY" in (VECTORS / name).read_text().splitlines()[0]
    assert (
        PublicKey.from_file_text((VECTORS / "device.pub").read_text()).to_string()
        == (INDEX["device"]["signing_key"])
    )


def test_the_keys_are_the_ones_derived_from_public_labels() -> None:
    """Anybody can recompute them: they are published, never secret."""
    device = make_vectors.device_signing_key()
    committed = SigningKey.from_secret_key_file(
        (VECTORS / INDEX["device"]["secret_key_file"]).read_text(), None
    )
    assert committed.seed_bytes() == device.seed_bytes() and committed.key_id == device.key_id
    [identity] = age.parse_identity_file((VECTORS / INDEX["coordinator_identity_file"]).read_text())
    assert identity.to_string() == make_vectors.coordinator_identity().to_string()


def test_the_committed_enrolment_request_verifies() -> None:
    doc = json.loads((VECTORS / "enrolment-request.json").read_text("utf-8"))
    request = parse_request(doc)
    assert request.device_id == INDEX["device"]["device_id"]
    assert doc == make_vectors.enrolment_request(make_vectors.device_signing_key())
    doc["name"] = "someone else"
    with pytest.raises(Exception, match="signature does not verify"):
        parse_request(doc)


def test_the_valid_vector_carries_the_expected_manifest() -> None:
    identity = make_vectors.coordinator_identity()
    items = make_vectors.members(make_vectors.plaintext(VECTORS / "valid.frb", identity))
    (name, raw), (sig_name, signature) = items[0], items[1]
    assert (name, sig_name) == ("manifest.json", "manifest.json.minisig")
    assert raw == (VECTORS / INDEX["manifest"]["file"]).read_bytes()
    manifest = json.loads(raw)
    key = PublicKey.from_string(INDEX["device"]["signing_key"])
    comment = key.verify(raw, signature.decode())
    assert comment == (
        f"fieldreport-bundle/1 bundle:{manifest['bundle_id']} "
        f"device:{manifest['device_id']} seq:{manifest['sequence']}"
    )
    # The documented layout: canonical JSON, the members in the manifest's order.
    assert (
        raw
        == (
            json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
        ).encode()
    )
    assert [n for n, _ in items[2:]] == [e["path"] for e in manifest["entries"]]
    assert manifest["revisions"] == [r["id"] for r in INDEX["revisions"]]
    for (path, data), entry in zip(items[2:], manifest["entries"], strict=True):
        assert (len(data), hashlib.sha256(data).hexdigest()) == (entry["size"], entry["sha256"]), (
            path
        )


def test_the_content_hashes_recompute_as_documented() -> None:
    identity = make_vectors.coordinator_identity()
    items = make_vectors.members(make_vectors.plaintext(VECTORS / "valid.frb", identity))
    revisions = [json.loads(data) for name, data in items if name.startswith("reports/")]
    assert [r["id"] for r in revisions] == [r["id"] for r in INDEX["revisions"]]
    for revision, expected in zip(revisions, INDEX["revisions"], strict=True):
        covered = {k: v for k, v in revision.items() if k not in ("id", "content_hash")}
        text = json.dumps(covered, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert hashlib.sha256(text.encode()).hexdigest() == revision["content_hash"]
        assert revision["content_hash"] == expected["content_hash"]
        # Python spells these floats "15.0" and "5e-05"; the hash depends on that spelling.
        assert '"lat":15.0,' in text and '"lon":5e-05,' in text


# ---- importing them ----------------------------------------------------------------------------


def test_the_valid_vector_imports(coordinator: Store) -> None:
    check_valid(coordinator, VECTORS, INDEX)


@pytest.mark.parametrize("vector", INVALID, ids=[v["file"] for v in INVALID])
def test_an_invalid_vector_is_refused_for_its_reason(
    coordinator: Store, vector: dict[str, Any]
) -> None:
    check_refused(coordinator, VECTORS, vector)


def test_without_trusting_the_device_the_valid_vector_is_refused(tmp_path: Path) -> None:
    [identity] = age.parse_identity_file((VECTORS / INDEX["coordinator_identity_file"]).read_text())
    with _holding(tmp_path / "c", identity) as store:
        check_refused(store, VECTORS, {"file": "valid.frb", "expect": "unknown-device"})


def test_the_generator_still_makes_vectors_that_behave_as_indexed(tmp_path: Path) -> None:
    folder = tmp_path / "vectors"
    index = make_vectors.generate(folder)
    assert index == _load(folder)
    assert [v["expect"] for v in index["vectors"]] == [v["expect"] for v in INDEX["vectors"]]
    for vector in index["vectors"]:
        store = _coordinator(tmp_path / vector["file"], folder, index)
        try:
            if vector["expect"] == "imported":
                check_valid(store, folder, index)
            else:
                check_refused(store, folder, vector)
        finally:
            store.close()
