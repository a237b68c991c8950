"""Trust decisions: enrolment requests, the organisation profile and its rotation, receipts."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldreport.bundle.importer import import_bundle
from fieldreport.bundle.receipts import apply_receipt
from fieldreport.crypto.minisign import SigningKey
from fieldreport.crypto.signed_json import sign_document
from fieldreport.errors import FieldReportError
from fieldreport.store.lockout import LockoutState
from fieldreport.store.store import Store
from fieldreport.trust.install import current_profile, install_profile, trust_request
from fieldreport.trust.profile import build_profile
from tests.bundle.conftest import Pair
from tests.conftest import PASSPHRASE


def _profile(key: SigningKey, serial: int, recipient: str, **kw: object) -> dict[str, object]:
    return build_profile(
        key=key,
        organisation="NGO",
        serial=serial,
        recipients=[recipient],
        server_url="https://relay.example.org",
        issued_at="2026-11-24T00:00:00+00:00",
        **kw,  # type: ignore[arg-type]
    )


def test_request_tampering_is_refused(pair: Pair) -> None:
    request = pair.field.enrolment_request()
    other = Store.init(pair.tmp / "third", PASSPHRASE, key_type="x25519")
    for change in (
        {"role": "coordinator"},
        {"recipient": other.device.recipient_string},
        {"name": "someone else"},
    ):
        with pytest.raises(FieldReportError, match="signature does not verify"):
            trust_request(other, {**request, **change})
    with pytest.raises(FieldReportError, match="not an enrolment request"):
        trust_request(other, {**request, "format": "x"})
    other.close()


def test_a_known_device_id_cannot_get_new_keys(pair: Pair) -> None:
    """A self-signed request can claim any id: keys of a trusted device never change."""
    impostor = Store.init(pair.tmp / "impostor", PASSPHRASE, key_type="x25519")
    forged = dict(impostor.enrolment_request())
    forged["device_id"] = pair.field.device.device_id
    forged.pop("fingerprint")
    forged = sign_document(forged, impostor.device.signing, "x")
    with pytest.raises(FieldReportError, match="already trusted with other keys"):
        trust_request(pair.coordinator, forged)
    impostor.close()


def test_own_request_and_revoked_devices(pair: Pair) -> None:
    from fieldreport.trust.install import revoke_device

    with pytest.raises(FieldReportError, match="own request"):
        trust_request(pair.field, pair.field.enrolment_request())
    revoke_device(pair.coordinator, pair.field.device.device_id)
    with pytest.raises(FieldReportError, match="revoked"):
        trust_request(pair.coordinator, pair.field.enrolment_request())


def test_profile_first_install_rotation_and_downgrade(pair: Pair) -> None:
    hq = SigningKey.generate()
    recipient = pair.coordinator.device.recipient_string
    first = _profile(hq, 1, recipient, devices=[pair.coordinator.enrolment_request()])
    installed = install_profile(pair.field, first)
    assert installed.first_install and installed.profile.serial == 1

    # A profile signed by another key is refused, whatever key it names.
    attacker = SigningKey.generate()
    with pytest.raises(FieldReportError, match="not signed by the HQ key this device trusts"):
        install_profile(pair.field, _profile(attacker, 2, recipient))
    # Replaying an older or equal serial is refused.
    with pytest.raises(FieldReportError, match="not newer"):
        install_profile(pair.field, first)
    # Rotation: the old key signs a profile naming the new key; then the new key rules.
    new_hq = SigningKey.generate()
    rotated = _profile(hq, 2, recipient, hq_signing_key=new_hq.public_key().to_string())
    install_profile(pair.field, rotated)
    assert current_profile(pair.field).hq_signing_key == new_hq.public_key().to_string()
    with pytest.raises(FieldReportError):
        install_profile(pair.field, _profile(hq, 3, recipient))
    install_profile(pair.field, _profile(new_hq, 3, recipient))
    assert current_profile(pair.field).serial == 3


def test_first_profile_must_be_signed_by_the_key_it_names(pair: Pair) -> None:
    hq, other = SigningKey.generate(), SigningKey.generate()
    doc = _profile(hq, 1, pair.coordinator.device.recipient_string)
    doc["hq_signing_key"] = other.public_key().to_string()
    with pytest.raises(FieldReportError):
        install_profile(pair.field, doc)
    assert current_profile(pair.field) is None


def test_profile_policy_sets_wipe_after(pair: Pair) -> None:
    hq = SigningKey.generate()
    doc = _profile(
        hq, 1, pair.coordinator.device.recipient_string, policy={"wipe_after_failures": 10}
    )
    install_profile(pair.field, doc)
    assert LockoutState.load(pair.field.layout.lockout_file).wipe_after == 10


def test_export_uses_the_profile_recipients(pair: Pair, tmp_path: Path) -> None:
    from fieldreport.bundle.export import export_bundle

    pair.add_reports(1)
    with pytest.raises(FieldReportError, match="no organisation profile"):
        export_bundle(pair.field, tmp_path / "x.frb")
    hq = SigningKey.generate()
    install_profile(pair.field, _profile(hq, 1, pair.coordinator.device.recipient_string))
    result = export_bundle(pair.field, tmp_path / "x.frb")
    assert import_bundle(pair.coordinator, tmp_path / "x.frb").new_revisions == 1
    assert result.revisions == 1


def test_receipts_are_checked(pair: Pair) -> None:
    pair.add_reports(1)
    receipt = import_bundle(pair.coordinator, pair.export()).receipt
    with pytest.raises(FieldReportError, match="does not verify"):
        apply_receipt(pair.field, {**receipt, "revisions": receipt["revisions"] + ["x"]})
    stranger = Store.init(pair.tmp / "stranger", PASSPHRASE, key_type="x25519")
    with pytest.raises(FieldReportError, match="does not trust"):
        apply_receipt(stranger, receipt)
    # Trusting the signer is not enough: the receipt must be for this device's bundles.
    trust_request(stranger, pair.coordinator.enrolment_request())
    with pytest.raises(FieldReportError, match="another device"):
        apply_receipt(stranger, receipt)
    stranger.close()
    assert apply_receipt(pair.field, receipt).marked == 1
    assert apply_receipt(pair.field, receipt).already == 1  # idempotent
