"""Reading a bundle: decrypt, decompress, untar as one stream, verifying as it goes.

Order of checks: the age header (addressed to us? intact?), then the manifest and its
signature by a trusted, unrevoked device key, then every file against the signed manifest
(name, size, SHA-256) while it streams, then the end of the tar and of the age payload.
Attachments are handed to a stager (store/staging.py) that hashes and stores them as
encrypted files in a thread of its own; each is checked against the manifest when it is
complete. The caller commits or discards them. The verified manifest goes to `on_manifest`
and each report file, once it matches the manifest, to `on_report` (importer.py writes them
into a transaction that commits only if the whole bundle verifies). Nothing else is written
anywhere.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Protocol, cast

import zstandard

from fieldreport.bundle import manifest as manifest_mod
from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.layout import (
    MANIFEST,
    MAX_BUNDLE_FILE_BYTES,
    MAX_MANIFEST_BYTES,
    MAX_REPORT_BYTES,
    MAX_SIGNATURE_BYTES,
    SIGNATURE,
    TAR_OVERHEAD_PER_ENTRY,
    ZSTD_MAX_WINDOW,
)
from fieldreport.bundle.manifest import Entry, Manifest
from fieldreport.bundle.readahead import HashedFile, ReadAhead
from fieldreport.bundle.tarstream import MemberReader, TarFormatError, iter_members
from fieldreport.bundle.zstd_frames import WalkingReader
from fieldreport.crypto import age
from fieldreport.crypto.minisign import MinisignError, PublicKey


@dataclass
class ReadBundle:
    manifest: Manifest
    signer: PublicKey
    staged: dict[str, Any] = field(default_factory=dict)  # attachment sha256 → staged file
    sha256: str = ""  # of the bundle file
    size: int = 0


class Stager(Protocol):
    """Where attachments go (store/staging.py's AttachmentStager)."""

    def add(self, src: Any, done: Callable[[Any], bool], /) -> None: ...
    def finish(self) -> None: ...
    def discard(self) -> None: ...


@dataclass(frozen=True)
class Callbacks:
    """What the reader hands out as it verifies: see the module's docstring."""

    key_for_device: Callable[[str], PublicKey]
    stager: Stager
    on_manifest: Callable[[Manifest], None] = lambda _manifest: None
    on_report: Callable[[str, bytes], None] = lambda _revision_id, _data: None
    progress: Callable[[int, int], None] | None = None


class _Budget:
    """Counts decompressed bytes and refuses past a limit: decompression bombs stop early."""

    def __init__(self, src: Any, limit: int) -> None:
        self._src = src
        self.limit = limit
        self.used = 0

    def read(self, n: int = -1, /) -> bytes:
        data: bytes = self._src.read(n)
        self.used += len(data)
        if self.used > self.limit:
            raise BundleError(
                "the bundle expands to more than its manifest declares (decompression bomb?)",
                reason="too-large",
            )
        return data


def _read_small(reader: MemberReader, size: int, limit: int, what: str) -> bytes:
    if size > limit:
        raise BundleError(f"the bundle's {what} is larger than {limit} bytes", reason="too-large")
    return reader.read_all()


def read_bundle(path: Path, identities: Sequence[age.Identity], calls: Callbacks) -> ReadBundle:
    """Verify the whole bundle; on any failure discard what was staged and raise BundleError."""
    try:
        return _read(path, identities, calls)
    except BaseException:
        calls.stager.discard()
        raise


def _read(path: Path, identities: Sequence[age.Identity], calls: Callbacks) -> ReadBundle:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BundleError(f"cannot read {path}: {exc.strerror}", reason="unreadable") from None
    if size > MAX_BUNDLE_FILE_BYTES:
        raise BundleError(f"{path.name} is larger than the 16 GiB limit", reason="too-large")
    with path.open("rb") as raw:
        file = HashedFile(raw)
        hashing = ReadAhead(file, depth=4, name="bundle-reader")
        try:
            result = _read_stream(hashing, identities, calls)
        finally:
            hashing.close()
        result.sha256 = file.digest.hexdigest()
        result.size = file.size
        return result


def _read_stream(
    hashing: ReadAhead,
    identities: Sequence[age.Identity],
    calls: Callbacks,
) -> ReadBundle:
    try:
        decrypted = WalkingReader(age.open_decrypt(identities, hashing))
        budget = _Budget(
            zstandard.ZstdDecompressor(max_window_size=ZSTD_MAX_WINDOW).stream_reader(
                cast(IO[bytes], decrypted), read_across_frames=True
            ),
            limit=MAX_MANIFEST_BYTES + MAX_SIGNATURE_BYTES + 4 * TAR_OVERHEAD_PER_ENTRY,
        )
        result = _read_members(budget, calls)
        # Nothing may follow the tar's end: no junk in the frame, no second frame, no
        # bytes after the frame (the decompressor raises on those), and the frame must be
        # complete up to its checksum.
        _expect_only_padding(budget)
        while decrypted.read(1 << 20):  # authenticate up to the final chunk
            pass
        decrypted.walker.finish()  # and every frame whole, up to its checksum
        if hashing.read(1):
            raise BundleError("the bundle has trailing data", reason="tampered")
    except age.AgeNoMatchError:
        raise BundleError(
            "this bundle is not addressed to this identity (it was made for other recipients)",
            reason="not-addressed",
        ) from None
    except age.AgePayloadError as exc:
        raise BundleError(
            f"the bundle is damaged or was altered ({exc})", reason="tampered"
        ) from None
    except age.AgeUnsupportedError as exc:
        raise BundleError(f"unsupported bundle: {exc}", reason="unsupported") from None
    except age.AgeError as exc:
        raise BundleError(
            f"not a FieldReport bundle, or its header is damaged ({exc})", reason="damaged"
        ) from None
    except zstandard.ZstdError:
        raise BundleError("the bundle's compressed content is damaged", reason="damaged") from None
    except TarFormatError as exc:
        raise BundleError(f"the bundle's content is invalid: {exc}", reason="invalid") from None
    return result


def _read_members(budget: _Budget, calls: Callbacks) -> ReadBundle:
    members = iter_members(budget)
    first = next(members, None)
    if first is None or first[0].name != MANIFEST:
        raise BundleError("the bundle does not start with its manifest", reason="invalid")
    raw_manifest = _read_small(first[1], first[0].size, MAX_MANIFEST_BYTES, "manifest")
    second = next(members, None)
    if second is None or second[0].name != SIGNATURE:
        raise BundleError("the bundle's manifest is not signed", reason="bad-signature")
    signature = _read_small(second[1], second[0].size, MAX_SIGNATURE_BYTES, "signature")
    claimed = manifest_mod.peek_device_id(raw_manifest)
    key = calls.key_for_device(claimed)
    try:
        key.verify(raw_manifest, signature.decode("utf-8", errors="replace"))
    except MinisignError as exc:
        raise BundleError(
            f"the bundle's signature does not verify ({exc})", reason="bad-signature"
        ) from None
    manifest = manifest_mod.parse(raw_manifest)
    if manifest.device_id != claimed:
        raise BundleError("the manifest names another device than its signer", reason="tampered")
    # Now the declared sizes are signed: bound the whole decompressed stream by them.
    budget.limit = (
        budget.used + manifest.total_size() + TAR_OVERHEAD_PER_ENTRY * (len(manifest.entries) + 2)
    )
    calls.on_manifest(manifest)
    seen: set[str] = set()
    staged: dict[str, Any] = {}  # filled by _staged, in the stager's thread
    total, done = manifest.total_size(), 0
    for member, reader in members:
        entry = manifest.entry(member.name)
        if entry is None:
            raise BundleError(
                f"the bundle holds {member.name[:80]!r}, which its manifest does not list",
                reason="tampered",
            )
        if member.name in seen:
            raise BundleError(f"the bundle holds {member.name} twice", reason="tampered")
        seen.add(member.name)
        if member.size != entry.size:
            raise BundleError(f"{member.name} does not have its signed size", reason="tampered")
        if member.name.startswith("reports/"):
            data = _read_small(reader, member.size, MAX_REPORT_BYTES, "report file")
            _check(entry, hashlib.sha256(data).hexdigest(), len(data))
            calls.on_report(member.name[len("reports/") : -len(".json")], data)
        else:
            # The stager hashes what it stores: one pass, not two. It checks the result here
            # (_staged) once the file is complete, while this thread reads on.
            calls.stager.add(reader, functools.partial(_staged, entry, staged))
        done += entry.size
        if calls.progress:
            calls.progress(done, total)
    missing = [e.path for e in manifest.entries if e.path not in seen]
    if missing:
        raise BundleError(
            f"the bundle lacks {len(missing)} file(s) its manifest lists, e.g. {missing[0]}",
            reason="tampered",
        )
    calls.stager.finish()
    return ReadBundle(manifest=manifest, signer=key, staged=staged)


def _staged(entry: Entry, staged: dict[str, Any], blob: Any) -> bool:
    """In the stager's thread: the file `blob` holds `entry`'s content, or the bundle is
    refused. Keep it unless the same content is staged already."""
    _check(entry, blob.sha256, blob.size)
    return staged.setdefault(entry.sha256, blob) is blob


MAX_TAR_PADDING = 64 * 1024  # GNU tar pads archives to 10 KiB records with NUL bytes


def _expect_only_padding(src: Any) -> None:
    """After the end-of-archive marker: NUL record padding (what standard tar writes when a
    bundle is re-packed), and nothing else — no junk, no second frame, nothing after it."""
    seen = 0
    while chunk := src.read(1 << 14):
        seen += len(chunk)
        if chunk.strip(b"\0") or seen > MAX_TAR_PADDING:
            raise BundleError("the bundle has data after its content", reason="invalid")


def _check(entry: Entry, sha256: str, size: int) -> None:
    if size != entry.size or sha256 != entry.sha256:
        raise BundleError(
            f"{entry.path} does not match the hash in the signed manifest", reason="tampered"
        )
