"""The bundle manifest: what the bundle holds, who wrote it, where it sits in the device's
sequence. Serialised as canonical JSON; the signature covers those exact bytes."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.layout import (
    ATTACHMENT_PATH,
    FORMAT,
    MAX_ATTACHMENT_BYTES,
    MAX_ENTRIES,
    MAX_MANIFEST_BYTES,
    MAX_REPORT_BYTES,
    MAX_TOTAL_BYTES,
    REPORT_PATH,
)
from fieldreport.ids import is_uuid
from fieldreport.store.chain import canonical_json

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_FIELDS = {
    "format",
    "bundle_id",
    "device_id",
    "sequence",
    "previous",
    "created_at",
    "entries",
    "revisions",
}


@dataclass(frozen=True)
class Entry:
    path: str
    size: int
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True)
class Manifest:
    bundle_id: str
    device_id: str
    sequence: int
    previous: str | None  # SHA-256 of this device's previous bundle file, hex
    created_at: str
    entries: tuple[Entry, ...]
    revisions: tuple[str, ...]

    def to_json(self, lists: bool = True) -> dict[str, Any]:
        doc = {
            "format": FORMAT,
            "bundle_id": self.bundle_id,
            "device_id": self.device_id,
            "sequence": self.sequence,
            "previous": self.previous,
            "created_at": self.created_at,
        }
        if lists:
            doc["entries"] = [e.to_json() for e in self.entries]
            doc["revisions"] = list(self.revisions)
        return doc

    def to_bytes(self) -> bytes:
        return b"".join(self.pieces())

    def pieces(self) -> list[bytes]:
        """Canonical JSON (sorted keys, no spaces) in pieces of at most ENCODE_SLICE items.

        A 100k-revision manifest is ~20 MB: one `json.dumps` of it held the GIL for about
        300 ms (the C encoder never lets go), and each copy of a string that size costs tens
        of milliseconds more, freezing the window while a bundle is written. Small pieces,
        hashed, signed and packed one by one, give the same bytes with no such pause.
        """
        encoded = {k: [canonical_json(v).encode()] for k, v in self.to_json(lists=False).items()}
        encoded["entries"] = _encode_list(self.entries, Entry.to_json)
        encoded["revisions"] = _encode_list(self.revisions, str)
        out = [b"{"]
        for number, key in enumerate(sorted(encoded)):
            out.append(f"{',' if number else ''}{canonical_json(key)}:".encode())
            out += encoded[key]
        out.append(b"}\n")
        return out

    def trusted_comment(self) -> str:
        return f"{FORMAT} bundle:{self.bundle_id} device:{self.device_id} seq:{self.sequence}"

    def entry(self, path: str) -> Entry | None:
        return self._by_path().get(path)

    def _by_path(self) -> dict[str, Entry]:
        cache: dict[str, Entry] | None = self.__dict__.get("_index")
        if cache is None:
            cache = {e.path: e for e in self.entries}
            object.__setattr__(self, "_index", cache)
        return cache

    def total_size(self) -> int:
        return sum(e.size for e in self.entries)


ENCODE_SLICE = 2000


def _encode_list(items: Sequence[Any], convert: Callable[[Any], Any]) -> list[bytes]:
    """A JSON array, ENCODE_SLICE items at a time (each converted only for its slice)."""
    out = [b"["]
    for start in range(0, len(items), ENCODE_SLICE):
        inner = canonical_json([convert(i) for i in items[start : start + ENCODE_SLICE]])[1:-1]
        out.append(f"{',' if start else ''}{inner}".encode())
    out.append(b"]")
    return out


def _printable(text: str, limit: int = 40) -> str:
    """Text from a bundle, safe inside a one-line message (no newlines, escapes, megabytes)."""
    shown = "".join(c if c.isprintable() else "?" for c in text[:limit])
    return repr(shown + ("…" if len(text) > limit else ""))


def _refuse(message: str) -> BundleError:
    return BundleError(f"the bundle's manifest is invalid: {message}", reason="invalid-manifest")


_DEVICE_FIELD = re.compile(rb'"device_id":"([0-9a-f-]{36})"')


def peek_device_id(raw: bytes) -> str:
    """The claimed author, read before the signature is checked (only to pick the key).

    A byte search, not a JSON parse: anyone holding a recipient key can send a 4 MiB
    manifest, and parsing it before knowing it is signed would cost ~100 MB. The full parse
    after verification checks that this is indeed the manifest's device_id.
    """
    if len(raw) > MAX_MANIFEST_BYTES:
        raise _refuse("larger than 4 MiB")
    found = _DEVICE_FIELD.findall(raw)
    if len(found) != 1 or not is_uuid(found[0].decode()):
        raise _refuse("device_id is missing or not a UUID")
    return str(found[0].decode())


def _load(raw: bytes) -> dict[str, Any]:
    if len(raw) > MAX_MANIFEST_BYTES:
        raise _refuse("larger than 4 MiB")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise _refuse("not UTF-8 JSON") from None
    if not isinstance(doc, dict):
        raise _refuse("not a JSON object")
    return doc


def parse(raw: bytes) -> Manifest:
    """Strictly validate a manifest (after its signature was verified)."""
    doc = _load(raw)
    unknown = set(doc) - _FIELDS
    if unknown:
        names = ", ".join(_printable(name) for name in sorted(unknown)[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise _refuse(f"unknown field(s) {names}{more}")
    if doc.get("format") != FORMAT:
        raise BundleError(
            f"unsupported bundle format {doc.get('format')!r} (this program reads {FORMAT}); "
            "update FieldReport",
            reason="unsupported-format",
        )
    for name in ("bundle_id", "device_id"):
        if not isinstance(doc.get(name), str) or not is_uuid(doc[name]):
            raise _refuse(f"{name} is not a UUID")
    sequence = doc.get("sequence")
    if not isinstance(sequence, int) or isinstance(sequence, bool) or not 1 <= sequence < 2**53:
        raise _refuse("sequence must be a positive integer")
    previous = doc.get("previous")
    if previous is not None and (not isinstance(previous, str) or not _HEX64.match(previous)):
        raise _refuse("previous must be a SHA-256 in hex or null")
    if not isinstance(doc.get("created_at"), str) or len(doc["created_at"]) > 40:
        raise _refuse("created_at must be a date-time string")
    entries = _entries(doc.get("entries"))
    revisions = doc.get("revisions")
    if not isinstance(revisions, list) or not all(
        isinstance(r, str) and is_uuid(r) for r in revisions
    ):
        raise _refuse("revisions must be a list of UUIDs")
    if len(set(revisions)) != len(revisions):
        raise _refuse("a revision is listed twice")
    for entry in entries:
        cap = MAX_REPORT_BYTES if entry.path.startswith("reports/") else MAX_ATTACHMENT_BYTES
        if entry.size > cap:
            what = "report file" if entry.path.startswith("reports/") else "attachment"
            raise BundleError(
                f"the bundle declares a {what} of {entry.size:,} bytes ({entry.path}), over "
                f"the {cap:,}-byte limit",
                reason="too-large",
            )
    if sum(e.size for e in entries) > MAX_TOTAL_BYTES:
        raise BundleError("the bundle declares more than 16 GiB of content", reason="too-large")
    report_entries = {e.path for e in entries if e.path.startswith("reports/")}
    if report_entries != {f"reports/{r}.json" for r in revisions}:
        raise _refuse("the report files do not match the listed revisions")
    return Manifest(
        bundle_id=doc["bundle_id"],
        device_id=doc["device_id"],
        sequence=sequence,
        previous=previous,
        created_at=doc["created_at"],
        entries=entries,
        revisions=tuple(revisions),
    )


def _entries(value: Any) -> tuple[Entry, ...]:
    if not isinstance(value, list):
        raise _refuse("entries must be a list")
    if len(value) > MAX_ENTRIES:
        raise _refuse(f"more than {MAX_ENTRIES} entries")
    entries: list[Entry] = []
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, dict) or set(item) != {"path", "size", "sha256"}:
            raise _refuse("each entry must be {path, size, sha256}")
        path, size, digest = item["path"], item["size"], item["sha256"]
        if not isinstance(path, str) or not (
            REPORT_PATH.match(path) or ATTACHMENT_PATH.match(path)
        ):
            raise _refuse(f"entry path {str(path)[:80]!r} is not allowed")
        if path in seen:
            raise _refuse(f"entry {path} is listed twice")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise _refuse(f"entry {path} has an invalid size")
        if not isinstance(digest, str) or not _HEX64.match(digest):
            raise _refuse(f"entry {path} has an invalid sha256")
        if path.startswith("attachments/") and path != f"attachments/{digest}":
            raise _refuse(f"attachment {path} is not named after its sha256")
        seen.add(path)
        entries.append(Entry(path, size, digest))
    return tuple(entries)
