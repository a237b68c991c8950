"""The relay's HTTP client: every request signed (auth.py), the server clock followed.

One method per endpoint of docs/relay-protocol.md. Network failures become `Unreachable`
and refusals `RelayRefused` (with the protocol's reason word), so the engine can tell "try
again later" from "this will never work".
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

import httpx

from fieldreport.crypto.minisign import SigningKey
from fieldreport.errors import FieldReportError
from fieldreport.sync import auth

PROBE_TIMEOUT = 5.0


class RelayError(FieldReportError):
    """Anything that stopped a relay exchange."""


class Unreachable(RelayError):
    """No answer (no route, cut link, timeout, a 5xx): worth trying again later."""


class RelayRefused(RelayError):
    """The relay answered with a refusal (4xx)."""

    def __init__(self, status: int, reason: str, message: str, body: dict[str, Any]) -> None:
        super().__init__(f"the relay refused: {message} ({reason})")
        self.status = status
        self.reason = reason
        self.body = body


class RelayClient:
    def __init__(
        self,
        base_url: str,
        device_id: str,
        key: SigningKey,
        *,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.device_id = device_id
        self._key = key
        # Seconds to add to the local clock to get the server's (learnt, never assumed 0
        # once the relay answered: field laptops' clocks are often hours off).
        self.clock_offset = 0
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            transport=transport,
            headers={"User-Agent": "fieldreport-sync/1"},
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> RelayClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- plumbing --------------------------------------------------------------------------
    def _learn_clock(self, response: httpx.Response) -> None:
        value = response.headers.get(auth.HEADER_SERVER_TIME, "")
        if value.isdigit():
            self.clock_offset = int(value) - int(time.time())

    def server_now(self) -> int:
        return int(time.time()) + self.clock_offset

    def request(
        self,
        method: str,
        target: str,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        timeout: float | None = None,
    ) -> httpx.Response:
        """A signed request; a `stale` refusal teaches the clock and is retried once."""
        for attempt in range(2):
            signed = auth.sign_request(
                self._key, self.device_id, method, target, body, self.server_now()
            )
            try:
                response = self._http.request(
                    method,
                    target,
                    content=body,
                    headers={**(headers or {}), **signed},
                    timeout=timeout if timeout is not None else httpx.USE_CLIENT_DEFAULT,
                )
            except httpx.HTTPError as exc:
                raise Unreachable(f"the relay cannot be reached ({type(exc).__name__})") from None
            self._learn_clock(response)
            if response.status_code < 400:
                return response
            refusal = _refusal(response)
            if isinstance(refusal, RelayRefused) and refusal.reason == "stale" and attempt == 0:
                continue
            raise refusal
        raise AssertionError("unreachable")

    def _json(self, method: str, target: str, doc: Any = None) -> Any:
        body = b"" if doc is None else json.dumps(doc, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json"} if doc is not None else None
        return _decode(self.request(method, target, body, headers))

    # ----- endpoints -------------------------------------------------------------------------
    def probe(self, timeout: float = PROBE_TIMEOUT) -> bool:
        """Cheap reachability check (unsigned); also sets the clock offset."""
        try:
            response = self._http.get("/v1/ping", timeout=timeout)
        except httpx.HTTPError:
            return False
        self._learn_clock(response)
        return response.status_code == 200

    def create_upload(self, sha256: str, size: int, author: str, sequence: int) -> dict[str, Any]:
        doc = {"sha256": sha256, "size": size, "author": author, "sequence": sequence}
        return dict(self._json("POST", "/v1/uploads", doc))

    def put_bundle(
        self, sha256: str, author: str, sequence: int, data: bytes, timeout: float | None = None
    ) -> dict[str, Any]:
        """A small bundle in one request; the answer is the relay receipt."""
        headers = {
            "X-FR-Author": author,
            "X-FR-Sequence": str(sequence),
            "Content-Type": "application/octet-stream",
        }
        response = self.request("PUT", f"/v1/bundles/{sha256}", data, headers, timeout)
        return dict(_decode(response))

    def upload_status(self, upload_id: str) -> dict[str, Any]:
        return dict(self._json("GET", f"/v1/uploads/{upload_id}"))

    def append(
        self, upload_id: str, offset: int, data: bytes, timeout: float | None = None
    ) -> dict[str, Any]:
        headers = {
            "X-FR-Offset": str(offset),
            "X-FR-Chunk-SHA256": hashlib.sha256(data).hexdigest(),
            "Content-Type": "application/octet-stream",
        }
        response = self.request("PATCH", f"/v1/uploads/{upload_id}", data, headers, timeout)
        return dict(_decode(response))

    def mailbox(self) -> list[dict[str, Any]]:
        return list(self._json("GET", "/v1/mailbox")["items"])

    def ack(self, item_id: int, outcome: str, reason: str = "") -> None:
        self._json("POST", f"/v1/mailbox/{item_id}/ack", {"outcome": outcome, "reason": reason})

    def download(self, sha256: str, dest: Path, size: int, chunk: int = 256 * 1024) -> None:
        """Fetch a bundle into `dest`, resuming from the bytes already there."""
        have = dest.stat().st_size if dest.exists() else 0
        if have > size:
            dest.unlink()
            have = 0
        if have == size:
            return
        target = f"/v1/bundles/{sha256}"
        signed = auth.sign_request(self._key, self.device_id, "GET", target, b"", self.server_now())
        headers = {**signed, **({"Range": f"bytes={have}-"} if have else {})}
        try:
            with (
                self._http.stream("GET", target, headers=headers) as response,
                dest.open("ab") as out,
            ):
                self._learn_clock(response)
                if response.status_code >= 400:
                    response.read()
                    raise _refusal(response)
                if have and response.status_code != 206:
                    out.truncate(0)  # the relay ignored the range: start over
                for piece in response.iter_bytes(chunk):
                    out.write(piece)
        except httpx.HTTPError as exc:
            raise Unreachable(f"the download was cut ({type(exc).__name__})") from None

    def post_receipt(self, doc: dict[str, Any]) -> dict[str, Any]:
        return dict(self._json("POST", "/v1/receipts", doc))

    def receipts(self, after: int) -> list[dict[str, Any]]:
        return list(self._json("GET", f"/v1/receipts?after={after}")["receipts"])

    def advisories(self, after: int) -> list[dict[str, Any]]:
        return list(self._json("GET", f"/v1/advisories?after={after}")["advisories"])


def _decode(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise Unreachable("the relay answered something that is not JSON") from None


def _refusal(response: httpx.Response) -> RelayError:
    if response.status_code >= 500:
        return Unreachable(f"the relay failed (HTTP {response.status_code}); it will be retried")
    try:
        body = response.json()
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        body = {}
    return RelayRefused(
        response.status_code,
        str(body.get("reason", f"http-{response.status_code}")),
        str(body.get("error", "no reason given"))[:300],
        body,
    )
