"""Helpers to craft valid, hostile and damaged bundles for the import tests (no tests here).

A bundle is `age( zstd( ustar( manifest.json, manifest.json.minisig, reports/…, attachments/… )))`.
These helpers rebuild each layer by hand so that a test can break exactly one thing while the
others stay valid: a correctly signed manifest over a bad tar, a correct tar inside a bad zstd
frame, a correct plaintext inside a hand-made STREAM with two final chunks, and so on.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import zstandard
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from sqlalchemy import func, select

from fieldreport.bundle import tarstream
from fieldreport.bundle.layout import FORMAT, MANIFEST, SIGNATURE
from fieldreport.crypto import age
from fieldreport.crypto.age import header as age_header
from fieldreport.crypto.age.stanza import FILE_KEY_SIZE
from fieldreport.crypto.minisign import SigningKey
from fieldreport.crypto.stream import (
    CHUNK_SIZE,
    ENCRYPTED_CHUNK_SIZE,
    NONCE_SIZE,
    payload_key,
)
from fieldreport.ids import uuid7
from fieldreport.store.chain import canonical_json, content_hash
from fieldreport.store.store import Store
from fieldreport.store.tables import ATTACHMENT, BUNDLE, REPORT, REVISION, TRUSTED_DEVICE

MTIME = 1_700_000_000

# --------------------------------------------------------------------------------------------
# Reading a real bundle back into its parts
# --------------------------------------------------------------------------------------------


@dataclass
class Unpacked:
    """A bundle's plaintext, split into its members (after manifest and signature)."""

    manifest: dict[str, Any]
    raw_manifest: bytes
    signature: bytes
    files: list[tuple[str, bytes]]

    def file(self, name: str) -> bytes:
        return dict(self.files)[name]

    def revision_docs(self) -> list[dict[str, Any]]:
        return [json.loads(data) for name, data in self.files if name.startswith("reports/")]


def decrypt_bytes(path: Path, identity: age.Identity) -> bytes:
    out = io.BytesIO()
    with path.open("rb") as src:
        age.decrypt([identity], src, out)
    return out.getvalue()


def decompress(data: bytes) -> bytes:
    reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data), read_across_frames=True)
    return reader.read()


def plaintext_of(path: Path, identity: age.Identity) -> bytes:
    """The uncompressed tar inside a bundle."""
    return decompress(decrypt_bytes(path, identity))


def split_tar(tar_bytes: bytes) -> list[tuple[str, bytes]]:
    return [
        (member.name, reader.read_all())
        for member, reader in tarstream.iter_members(io.BytesIO(tar_bytes))
    ]


def unpack(path: Path, identity: age.Identity) -> Unpacked:
    members = split_tar(plaintext_of(path, identity))
    (m_name, raw_manifest), (s_name, signature), *files = members
    assert (m_name, s_name) == (MANIFEST, SIGNATURE)
    return Unpacked(json.loads(raw_manifest), raw_manifest, signature, files)


# --------------------------------------------------------------------------------------------
# Manifest and signature
# --------------------------------------------------------------------------------------------


def manifest_bytes(doc: Any) -> bytes:
    """The canonical serialisation `Manifest.to_bytes` uses (any JSON value is accepted)."""
    return (
        json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
    ).encode()


def trusted_comment(doc: Any) -> str:
    """What the writer puts in the signature (printable ASCII only, whatever `doc` holds)."""
    if not isinstance(doc, dict):
        return f"{FORMAT} crafted"
    text = (
        f"{FORMAT} bundle:{doc.get('bundle_id')} device:{doc.get('device_id')} "
        f"seq:{doc.get('sequence')}"
    )
    return "".join(ch for ch in text if " " <= ch <= "~")[:200]


def sign(signing_key: SigningKey, raw_manifest: bytes, doc: Any = None) -> bytes:
    text = signing_key.sign(raw_manifest, trusted_comment=trusted_comment(doc))
    return text.encode()


def entry(path: str, data: bytes) -> dict[str, Any]:
    return {"path": path, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}


def attachment_name(data: bytes) -> str:
    return f"attachments/{hashlib.sha256(data).hexdigest()}"


def rehash_revision(doc: dict[str, Any]) -> dict[str, Any]:
    """Recompute a revision document's content hash after editing it."""
    doc = dict(doc)
    doc["content_hash"] = content_hash(
        doc["report_id"], doc["number"], doc["device_id"], doc["created_at"],
        canonical_json(doc["body"]),
    )  # fmt: skip
    return doc


def revision_bytes(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode()


# --------------------------------------------------------------------------------------------
# Tar
# --------------------------------------------------------------------------------------------


def _fix_checksum(block: bytearray) -> bytes:
    block[148:156] = b" " * 8
    block[148:156] = f"{sum(block):06o}".encode() + b"\0 "
    return bytes(block)


def raw_header(name: str | bytes, size: int, *, kind: bytes = b"0") -> bytes:
    """A USTAR header block (any name bytes up to 100, any type flag, a valid checksum)."""
    encoded = name.encode() if isinstance(name, str) else name
    block = bytearray(tarstream.header("x", size, MTIME))
    block[0:100] = encoded[:100].ljust(100, b"\0")
    block[156:157] = kind
    return _fix_checksum(block)


def member(name: str | bytes, data: bytes, *, size: int | None = None, kind: bytes = b"0") -> bytes:
    """Header + data + padding; `size` overrides what the header announces."""
    announced = len(data) if size is None else size
    return raw_header(name, announced, kind=kind) + data + tarstream.padding(len(data))


def special_member(name: str, kind: bytes, *, linkname: str = "") -> bytes:
    """A symlink/hardlink/device/FIFO/folder header, as Python's tarfile writes it."""
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = linkname
    info.mode = 0o644
    info.mtime = MTIME
    if kind in (tarfile.CHRTYPE, tarfile.BLKTYPE):
        info.devmajor, info.devminor = 1, 3
    return info.tobuf(format=tarfile.USTAR_FORMAT, encoding="utf-8", errors="strict")


def tarfile_member(name: str, data: bytes) -> bytes:
    """A regular member as Python's tarfile writes it (for absolute / `..` names)."""
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    info.mtime = MTIME
    return info.tobuf(format=tarfile.USTAR_FORMAT) + data + tarstream.padding(len(data))


def tar(blocks: Iterable[bytes], *, end: bool = True) -> bytes:
    return b"".join(blocks) + (tarstream.end_of_archive() if end else b"")


# --------------------------------------------------------------------------------------------
# zstd
# --------------------------------------------------------------------------------------------


def compress(data: bytes, *, checksum: bool = True) -> bytes:
    return zstandard.ZstdCompressor(level=3, write_checksum=checksum).compress(data)


_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_MAX_BLOCK = 128 * 1024


def zstd_frame(parts: Sequence[bytes | tuple[int, int]], *, window_log: int = 20) -> bytes:
    """A hand-made zstd frame: bytes go in raw blocks, (byte, count) in RLE blocks.

    RLE blocks cost 4 bytes per 128 KiB of output: gigabytes of zeros fit in a few hundred
    KiB, without spending time compressing them.
    """
    out = bytearray(_ZSTD_MAGIC)
    out.append(0x00)  # no content size, no checksum, no dictionary, not single-segment
    out.append((window_log - 10) << 3)  # window descriptor: exponent only
    blocks: list[tuple[int, bytes, int]] = []  # (type, payload, size)
    for part in parts:
        if isinstance(part, tuple):
            value, count = part
            while count > 0:
                n = min(count, _MAX_BLOCK)
                blocks.append((1, bytes([value]), n))
                count -= n
        else:
            for i in range(0, len(part), _MAX_BLOCK):
                piece = part[i : i + _MAX_BLOCK]
                blocks.append((0, piece, len(piece)))
    if not blocks:
        blocks.append((0, b"", 0))
    for i, (kind, payload, size) in enumerate(blocks):
        last = int(i == len(blocks) - 1)
        out += (last | (kind << 1) | (size << 3)).to_bytes(3, "little") + payload
    return bytes(out)


# --------------------------------------------------------------------------------------------
# age
# --------------------------------------------------------------------------------------------


def seal(out: Path, recipients: Sequence[age.Recipient], payload: bytes) -> Path:
    """Encrypt `payload` (already compressed, or not: anything) as a correct age file."""
    with out.open("wb") as dst:
        age.encrypt(recipients, io.BytesIO(payload), dst)
    return out


@dataclass(frozen=True)
class AgeLayout:
    """Where the parts of a binary age file are (for systematic flips and truncations)."""

    header_len: int  # up to and including the MAC line
    payload_start: int  # after the 16-byte nonce
    size: int

    @property
    def chunk_starts(self) -> list[int]:
        return list(range(self.payload_start, self.size, ENCRYPTED_CHUNK_SIZE))

    def chunks(self) -> list[tuple[int, int]]:
        """(start, end) of each encrypted chunk (data and its 16-byte tag)."""
        return [(s, min(s + ENCRYPTED_CHUNK_SIZE, self.size)) for s in self.chunk_starts]


def age_layout(data: bytes) -> AgeLayout:
    mac = data.index(b"\n---")
    header_len = data.index(b"\n", mac + 1) + 1
    return AgeLayout(header_len, header_len + NONCE_SIZE, len(data))


def seal_chunks(
    out: Path,
    recipients: Sequence[age.Recipient],
    chunks: Sequence[tuple[bytes, bool]],
    *,
    counters: Sequence[int] | None = None,
) -> Path:
    """An age file whose STREAM chunks (plaintext, final flag) are sealed exactly as given.

    Makes the cases a correct writer never produces: two final chunks, a final chunk in the
    middle, a missing final flag, an empty final chunk after data, reordered counters.
    """
    file_key = os.urandom(FILE_KEY_SIZE)
    stanzas = [s for r in recipients for s in r.wrap(file_key)]
    nonce = os.urandom(NONCE_SIZE)
    aead = ChaCha20Poly1305(payload_key(file_key, nonce))
    body = bytearray(age_header.encode(stanzas, file_key) + nonce)
    for i, (plain, final) in enumerate(chunks):
        counter = i if counters is None else counters[i]
        chunk_nonce = counter.to_bytes(11, "big") + (b"\x01" if final else b"\x00")
        body += aead.encrypt(chunk_nonce, plain, None)
    out.write_bytes(bytes(body))
    return out


def split_chunks(data: bytes) -> list[bytes]:
    """The STREAM plaintext cut the way a writer does (at least one, possibly empty)."""
    pieces = [data[i : i + CHUNK_SIZE] for i in range(0, len(data), CHUNK_SIZE)]
    return pieces or [b""]


# --------------------------------------------------------------------------------------------
# A crafter bound to a signing device and a recipient
# --------------------------------------------------------------------------------------------


@dataclass
class Crafter:
    """Builds signed bundles from (path, bytes) lists, one layer at a time."""

    signing: SigningKey
    device_id: str
    recipients: list[age.Recipient]
    sequence: int = 1000

    @classmethod
    def between(cls, author: Store, reader: Store) -> Crafter:
        return cls(
            author.device.signing, author.device.device_id, [reader.device.identity.recipient()]
        )

    def manifest(
        self, files: Sequence[tuple[str, bytes]], *, sequence: int | None = None, **overrides: Any
    ) -> dict[str, Any]:
        if sequence is None:
            self.sequence += 1
            sequence = self.sequence
        doc: dict[str, Any] = {
            "format": FORMAT,
            "bundle_id": uuid7(),
            "device_id": self.device_id,
            "sequence": sequence,
            "previous": None,
            "created_at": "2026-11-24T10:00:00+00:00",
            "entries": [entry(name, data) for name, data in files],
            "revisions": [
                name[len("reports/") : -len(".json")]
                for name, _ in files
                if name.startswith("reports/")
            ],
        }
        doc.update(overrides)
        return doc

    def head(
        self, doc: Any, *, raw: bytes | None = None, signer: SigningKey | None = None
    ) -> bytes:
        """The manifest and signature members (raw manifest bytes may be given as is)."""
        raw_manifest = manifest_bytes(doc) if raw is None else raw
        signature = sign(signer or self.signing, raw_manifest, doc)
        return member(MANIFEST, raw_manifest) + member(SIGNATURE, signature)

    def tar(
        self,
        files: Sequence[tuple[str, bytes]],
        doc: Any = None,
        *,
        body: Sequence[bytes] | None = None,
        signer: SigningKey | None = None,
        end: bool = True,
    ) -> bytes:
        """A whole tar: signed head for `doc` (default: a manifest of `files`), then `body`
        (default: the members of `files`)."""
        doc = self.manifest(files) if doc is None else doc
        members = [member(n, d) for n, d in files] if body is None else list(body)
        return tar([self.head(doc, signer=signer), *members], end=end)

    def bundle(
        self,
        out: Path,
        files: Sequence[tuple[str, bytes]],
        doc: Any = None,
        *,
        body: Sequence[bytes] | None = None,
        signer: SigningKey | None = None,
    ) -> Path:
        return seal(out, self.recipients, compress(self.tar(files, doc, body=body, signer=signer)))

    def seal_plain(self, out: Path, tar_bytes: bytes) -> Path:
        return seal(out, self.recipients, compress(tar_bytes))


# --------------------------------------------------------------------------------------------
# Store snapshots: what "the store is unchanged" means
# --------------------------------------------------------------------------------------------


def attachment_files(store: Store) -> frozenset[str]:
    """Every file under the attachments folder, hidden temporary files included."""
    root = store.layout.attachments
    if not root.exists():
        return frozenset()
    return frozenset(str(p.relative_to(root)) for p in root.rglob("*"))


def snapshot(store: Store) -> dict[str, Any]:
    with store.read() as conn:
        state = {
            name: [tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key))]
            for name, table in (
                ("revision", REVISION),
                ("report", REPORT),
                ("attachment", ATTACHMENT),
                ("bundle", BUNDLE),
                ("trusted_device", TRUSTED_DEVICE),
            )
        }
    state["list_reports"] = store.list_reports()
    state["files"] = attachment_files(store)
    return state


@dataclass(frozen=True)
class Counts:
    reports: int
    revisions: int
    bundles: int
    files: frozenset[str]


def counts(store: Store) -> Counts:
    """A cheap fingerprint for the fuzz tests."""
    with store.read() as conn:
        revisions = conn.execute(select(func.count()).select_from(REVISION)).scalar_one()
        bundles = conn.execute(select(func.count()).select_from(BUNDLE)).scalar_one()
        reports = conn.execute(select(func.count()).select_from(REPORT)).scalar_one()
    return Counts(reports, revisions, bundles, attachment_files(store))


def files_under(root: Path) -> frozenset[str]:
    return frozenset(str(p.relative_to(root)) for p in root.rglob("*"))
