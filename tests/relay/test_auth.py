"""Request signatures: what the relay accepts and what it refuses (sync/auth.py)."""

from __future__ import annotations

import pytest

from fieldreport.crypto.minisign import SigningKey
from fieldreport.sync import auth

DEVICE = "0192f0c4-7b1a-7cc2-9d11-3a4b5c6d7e8f"
NOW = 1_790_000_000


def _signed(
    key: SigningKey, body: bytes = b"chunk", path: str = "/v1/uploads/u1"
) -> dict[str, str]:
    return auth.sign_request(key, DEVICE, "PATCH", path, body, NOW)


def test_a_signed_request_verifies() -> None:
    key = SigningKey.generate()
    sig = auth.parse_headers(_signed(key))
    auth.check_time(sig, NOW + 10)
    auth.verify_request(sig, key.public_key(), "PATCH", "/v1/uploads/u1", b"chunk")
    assert sig.device_id == DEVICE and sig.timestamp == NOW and len(sig.nonce) == 32


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v1/uploads/u1", b"chunk"),  # another method
        ("PATCH", "/v1/uploads/u2", b"chunk"),  # another path
        ("PATCH", "/v1/uploads/u1?x=1", b"chunk"),  # a query added
        ("PATCH", "/v1/uploads/u1", b"chunK"),  # the body altered
    ],
)
def test_any_change_breaks_the_signature(method: str, path: str, body: bytes) -> None:
    key = SigningKey.generate()
    sig = auth.parse_headers(_signed(key))
    with pytest.raises(auth.AuthError) as caught:
        auth.verify_request(sig, key.public_key(), method, path, body)
    assert caught.value.reason == "bad-signature"


def test_another_key_is_refused() -> None:
    sig = auth.parse_headers(_signed(SigningKey.generate()))
    with pytest.raises(auth.AuthError, match="does not verify"):
        auth.verify_request(
            sig, SigningKey.generate().public_key(), "PATCH", "/v1/uploads/u1", b"chunk"
        )


def test_time_outside_the_window_is_stale() -> None:
    sig = auth.parse_headers(_signed(SigningKey.generate()))
    auth.check_time(sig, NOW - auth.DEFAULT_WINDOW_SECONDS)
    with pytest.raises(auth.AuthError) as caught:
        auth.check_time(sig, NOW + auth.DEFAULT_WINDOW_SECONDS + 1)
    assert caught.value.reason == "stale"


@pytest.mark.parametrize(
    ("header", "value", "reason"),
    [
        (auth.HEADER_SIGNATURE, None, "unsigned"),
        (auth.HEADER_NONCE, "short", "malformed"),
        (auth.HEADER_TIME, "-5", "malformed"),
        (auth.HEADER_DEVICE, "../../etc", "malformed"),
        (auth.HEADER_SIGNATURE, "!!!", "malformed"),
        (auth.HEADER_SIGNATURE, "AAAA", "malformed"),
    ],
)
def test_malformed_headers(header: str, value: str | None, reason: str) -> None:
    headers = _signed(SigningKey.generate())
    if value is None:
        del headers[header]
    else:
        headers[header] = value
    with pytest.raises(auth.AuthError) as caught:
        auth.parse_headers(headers)
    assert caught.value.reason == reason


def test_header_names_are_case_insensitive_and_nonces_fresh() -> None:
    key = SigningKey.generate()
    first = {k.lower(): v for k, v in _signed(key).items()}
    second = _signed(key)
    assert auth.parse_headers(first).nonce != auth.parse_headers(second).nonce
