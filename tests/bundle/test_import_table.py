"""security.md, "What import must survive": one test (or parametrized group) per row.

Every refusal is checked the same way (`refused`): a one-line BundleError, and the coordinator
store exactly as before (revisions, reports, attachments, bundle log, trusted devices, the
reports list and every file under the attachments folder, so staged files must be gone).
Crafted bundles come from tests/bundle/craft.py; `test_crafted_bundles_are_accepted_when_
nothing_is_broken` proves the crafting itself is sound, so each refusal is due to the one
thing a test breaks.

Tests marked xfail(strict=True, reason="BUG: …") document bugs found while writing these.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import textwrap
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from fieldreport.bundle import layout as layout_mod
from fieldreport.bundle import manifest as manifest_mod
from fieldreport.bundle import reader as reader_mod
from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.export import export_bundle
from fieldreport.bundle.importer import import_bundle
from fieldreport.bundle.layout import MANIFEST, SIGNATURE
from fieldreport.bundle.receipts import apply_receipt
from fieldreport.crypto import age
from fieldreport.crypto.minisign import SigningKey
from fieldreport.crypto.stream import CHUNK_SIZE
from fieldreport.store.tables import BUNDLE, TRUSTED_DEVICE
from fieldreport.trust.install import revoke_device
from tests.bundle import craft
from tests.bundle.conftest import Pair, _pair
from tests.conftest import minimal_report

GiB = 1024**3

# --------------------------------------------------------------------------------------------
# Scenes and the refusal check
# --------------------------------------------------------------------------------------------


@dataclass
class Scene:
    """A coordinator that already holds one imported bundle, and a valid second bundle
    (`path`, not imported) whose parts crafted bundles start from."""

    pair: Pair
    crafter: craft.Crafter
    path: Path
    parts: craft.Unpacked

    @property
    def store(self) -> Any:
        return self.pair.coordinator

    @property
    def files(self) -> list[tuple[str, bytes]]:
        return list(self.parts.files)

    def out(self, name: str) -> Path:
        return self.pair.tmp / f"{name}-{uuid.uuid4().hex[:8]}.frb"

    def attachment(self) -> tuple[str, bytes]:
        return next((n, d) for n, d in self.files if n.startswith("attachments/"))

    def reports(self) -> list[tuple[str, bytes]]:
        return [(n, d) for n, d in self.files if n.startswith("reports/")]


def make_scene(pair: Pair, attachment_size: int = 150_000) -> Scene:
    pair.add_reports(1, attachment_size=1_000)
    seeded = import_bundle(pair.coordinator, pair.export("seed.frb"))
    apply_receipt(pair.field, seeded.receipt)  # the next export holds only new revisions
    pair.add_reports(1, attachment_size=attachment_size)
    path = pair.export("template.frb")
    parts = craft.unpack(path, pair.coordinator.device.identity)
    return Scene(pair, craft.Crafter.between(pair.field, pair.coordinator), path, parts)


def _module_scene(tmp_path_factory: pytest.TempPathFactory, key_type: str) -> Iterator[Scene]:
    pairs = _pair(tmp_path_factory.mktemp(key_type), key_type)
    yield make_scene(next(pairs))
    next(pairs, None)  # closes both stores


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    """Shared by tests that only expect refusals (each checks the store is unchanged)."""
    yield from _module_scene(tmp_path_factory, "x25519")


@pytest.fixture(scope="module")
def pq_scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    yield from _module_scene(tmp_path_factory, "pq")


def refused(
    store: Any, path: Path, *, reason: str | set[str] | None = None, match: str | None = None
) -> BundleError:
    before = craft.snapshot(store)
    with pytest.raises(BundleError) as info:
        import_bundle(store, path)
    error = info.value
    assert craft.snapshot(store) == before, f"the store changed although refused: {error}"
    assert "\n" not in str(error), "refusals are one line"
    if reason is not None:
        allowed = {reason} if isinstance(reason, str) else reason
        assert error.reason in allowed, f"reason {error.reason!r} ({error})"
    if match is not None:
        assert match in str(error)
    return error


def rebuild(scene: Scene, name: str, files: list[tuple[str, bytes]], **manifest: Any) -> Path:
    """A correctly signed and encrypted bundle of `files` (manifest built from them)."""
    doc = scene.crafter.manifest(files, **manifest)
    return scene.crafter.bundle(scene.out(name), files, doc)


# --------------------------------------------------------------------------------------------
# The crafting itself is sound (so the refusals below are due to what each test breaks)
# --------------------------------------------------------------------------------------------


def test_crafted_bundles_are_accepted_when_nothing_is_broken(pair: Pair) -> None:
    s = make_scene(pair)
    store = s.store
    # The template as exported, re-packed by craft.py with a new bundle id: accepted.
    result = import_bundle(store, rebuild(s, "rebuilt", s.files))
    assert result.status == "imported" and result.new_revisions == 2 and result.attachments == 1
    # A hand-made zstd frame (raw blocks) and a hand-sealed STREAM: accepted.
    plain = craft.zstd_frame([s.crafter.tar(s.files)])
    chunks = craft.split_chunks(plain)
    hand = craft.seal_chunks(
        s.out("hand"),
        s.crafter.recipients,
        [(c, i == len(chunks) - 1) for i, c in enumerate(chunks)],
    )
    assert len(chunks) == 3
    assert import_bundle(store, hand).status == "imported"
    # Members written by Python's tarfile are read too (the hostile ones below use it).
    data = os.urandom(700)
    body = [
        craft.tarfile_member(n, d) for n, d in [*s.reports(), (craft.attachment_name(data), data)]
    ]
    files = [*s.reports(), (craft.attachment_name(data), data)]
    doc = s.crafter.manifest(files)
    tarfile_bundle = s.crafter.bundle(s.out("tarfile"), files, doc, body=body)
    assert import_bundle(store, tarfile_bundle).status == "imported"
    # A revision edited and re-hashed by craft.py is valid: under a new id it is imported
    # (into the history: the report is already at that number)...
    name, raw = s.reports()[0]
    edited = json.loads(raw)
    edited["created_at"] = "2026-11-24T11:00:00+00:00"
    edited = craft.rehash_revision(edited)
    renamed = {**edited, "id": str(uuid.uuid4())}
    files = [(f"reports/{renamed['id']}.json", craft.revision_bytes(renamed))]
    result = import_bundle(store, rebuild(s, "rehashed", files))
    assert result.new_revisions == 1 and result.history_only == 1
    # ... and under its old id it conflicts with the stored copy.
    files = [(name, craft.revision_bytes(edited))]
    with pytest.raises(BundleError, match="differs from the copy already stored"):
        import_bundle(store, rebuild(s, "conflict", files))


# --------------------------------------------------------------------------------------------
# Row: any byte flipped anywhere (header, stanza, chunk, tag)
# --------------------------------------------------------------------------------------------


def flip_positions(data: bytes) -> list[int]:
    """Every byte of the header, stanzas, MAC line and nonce; the first and last bytes of
    each chunk and of each tag; a stride through the whole file."""
    layout = craft.age_layout(data)
    positions = set(range(layout.payload_start))
    for start, end in layout.chunks():
        positions |= {start, start + 1, (start + end) // 2, end - 17, end - 16, end - 15}
        positions |= {end - 2, end - 1}
    positions |= set(range(0, len(data), 1009))
    return sorted(p for p in positions if 0 <= p < len(data))


@pytest.mark.parametrize("which", ["scene", "pq_scene"])
def test_any_flipped_byte_is_refused(which: str, request: pytest.FixtureRequest) -> None:
    s: Scene = request.getfixturevalue(which)
    original = s.path.read_bytes()
    layout = craft.age_layout(original)
    assert len(layout.chunks()) == 3  # header, nonce, two full chunks and a partial one
    positions = flip_positions(original)
    before = craft.snapshot(s.store)
    target = s.out("flipped")
    accepted, wrong = [], []
    for i, pos in enumerate(positions):
        damaged = bytearray(original)
        damaged[pos] ^= (0x01, 0x80, 0xFF, 0x20)[i % 4]
        target.write_bytes(bytes(damaged))
        try:
            import_bundle(s.store, target)
            accepted.append(pos)
        except BundleError:
            pass
        if craft.attachment_files(s.store) != before["files"]:
            wrong.append(pos)
    assert not accepted, f"flips accepted at offsets {accepted}"
    assert not wrong, f"attachment files left behind after flips at {wrong}"
    assert craft.snapshot(s.store) == before
    assert len(positions) > layout.payload_start  # the whole header was covered


# --------------------------------------------------------------------------------------------
# Row: truncated at any chunk boundary / trailing garbage / two final chunks
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["scene", "pq_scene"])
def test_truncated_at_every_chunk_boundary_and_odd_offsets_is_refused(
    which: str, request: pytest.FixtureRequest
) -> None:
    s: Scene = request.getfixturevalue(which)
    original = s.path.read_bytes()
    layout = craft.age_layout(original)
    cuts = {0, 1, 21, layout.header_len - 1, layout.header_len, layout.payload_start - 1}
    for start, end in layout.chunks():  # every chunk boundary, and around it
        cuts |= {start, start + 1, start + 15, start + 16, start + 17, end - 16, end - 1, end}
    cuts |= set(range(3, len(original), 997))  # odd offsets
    cuts = {c for c in cuts if 0 <= c < len(original)}
    before = craft.snapshot(s.store)
    target = s.out("truncated")
    accepted = []
    for cut in sorted(cuts):
        target.write_bytes(original[:cut])
        try:
            import_bundle(s.store, target)
            accepted.append(cut)
        except BundleError:
            pass
    assert not accepted, f"truncations accepted at {accepted}"
    assert craft.snapshot(s.store) == before


def test_trailing_garbage_after_the_age_payload_is_refused(scene: Scene) -> None:
    original = scene.path.read_bytes()
    layout = craft.age_layout(original)
    last_start, _ = layout.chunks()[-1]
    for name, extra in {
        "nul": b"\0",
        "byte": b"x",
        "newline": b"\n",
        "sixteen": os.urandom(16),
        "a-chunk-of-noise": os.urandom(CHUNK_SIZE + 16),
        "last-chunk-again": original[last_start:],
        "whole-file-again": original,
        "header-again": original[: layout.payload_start],
    }.items():
        target = scene.out(f"trailing-{name}")
        target.write_bytes(original + extra)
        refused(scene.store, target, reason="tampered")


def test_leading_garbage_before_the_age_header_is_refused(scene: Scene) -> None:
    original = scene.path.read_bytes()
    for name, extra in {"byte": b"x", "nul": b"\0", "bom": b"\xef\xbb\xbf"}.items():
        target = scene.out(f"leading-{name}")
        target.write_bytes(extra + original)
        refused(scene.store, target, reason="damaged")


def test_leading_whitespace_before_a_binary_age_header_is_refused(pair: Pair) -> None:
    """Found while writing these tests: armor detection used to drop leading whitespace even
    when the input was not armored, so a binary bundle with whitespace prepended imported."""
    s = make_scene(pair, attachment_size=1_000)  # its own store: a regression imports these
    for prefix in (b"\n", b" ", b"\r\n", b"\t \n", b"\n" * 2000):
        target = s.out("leading-whitespace")
        target.write_bytes(prefix + s.path.read_bytes())
        refused(s.store, target, reason="damaged")


def _stream_plaintext(scene: Scene) -> list[bytes]:
    chunks = craft.split_chunks(craft.compress(scene.crafter.tar(scene.files)))
    assert len(chunks) == 3 and len(chunks[2]) < CHUNK_SIZE
    return chunks


@pytest.mark.parametrize(
    "case",
    [
        "two-final-chunks",
        "final-flag-on-the-first-chunk",
        "no-final-chunk",
        "empty-final-chunk-after-the-final-chunk",
        "chunks-reordered",
        "chunk-duplicated",
        "middle-chunk-dropped",
        "short-chunk-in-the-middle",
    ],
)
def test_stream_chunk_games_are_refused(scene: Scene, case: str) -> None:
    c0, c1, c2 = _stream_plaintext(scene)
    plans: dict[str, tuple[list[tuple[bytes, bool]], list[int] | None]] = {
        "two-final-chunks": ([(c0, False), (c1, True), (c2, True)], None),
        "final-flag-on-the-first-chunk": ([(c0, True), (c1, False), (c2, True)], None),
        "no-final-chunk": ([(c0, False), (c1, False), (c2, False)], None),
        "empty-final-chunk-after-the-final-chunk": (
            [(c0, False), (c1, False), (c2, True), (b"", True)],
            None,
        ),
        "chunks-reordered": ([(c1, False), (c0, False), (c2, True)], [1, 0, 2]),
        "chunk-duplicated": ([(c0, False), (c0, False), (c1, False), (c2, True)], [0, 0, 1, 2]),
        "middle-chunk-dropped": ([(c0, False), (c2, True)], [0, 2]),
        "short-chunk-in-the-middle": ([(c0, False), (c1[:1000], False), (c2, True)], None),
    }
    chunks, counters = plans[case]
    path = craft.seal_chunks(scene.out(case), scene.crafter.recipients, chunks, counters=counters)
    refused(scene.store, path, reason="tampered")


@pytest.mark.parametrize(
    "case",
    [
        "junk-after-tar-end",
        "junk-after-zstd-frame",
        "second-zstd-frame",
        "zero-blocks-after-tar-end",
        "cut-checksum",
        "cut-checksum-1",
        "cut-checksum-3",
        "cut-whole-checksum",
    ],
)
def test_data_after_the_content_inside_the_plaintext_is_refused(pair: Pair, case: str) -> None:
    scene = make_scene(pair, attachment_size=1_000)  # its own store: a wrong accept imports
    tar_bytes = scene.crafter.tar(scene.files)
    payload = {
        "junk-after-tar-end": lambda: craft.compress(tar_bytes + b"JUNK" * 256),
        "junk-after-zstd-frame": lambda: craft.compress(tar_bytes) + b"JUNK" * 4,
        "second-zstd-frame": lambda: craft.compress(tar_bytes) + craft.compress(b"more" * 99),
        "zero-blocks-after-tar-end": lambda: craft.compress(tar_bytes + bytes(9216)),
        "cut-checksum": lambda: craft.compress(tar_bytes)[:-2],
        "cut-checksum-1": lambda: craft.compress(tar_bytes)[:-1],
        "cut-checksum-3": lambda: craft.compress(tar_bytes)[:-3],
        "cut-whole-checksum": lambda: craft.compress(tar_bytes)[:-4],
    }[case]()
    refused(scene.store, craft.seal(scene.out(case), scene.crafter.recipients, payload))


# --------------------------------------------------------------------------------------------
# Row: signature by an unknown or revoked device key
# --------------------------------------------------------------------------------------------


def test_signature_by_an_unknown_device_is_refused(scene: Scene) -> None:
    stranger = craft.Crafter(
        SigningKey.generate(), str(uuid.uuid4()), scene.crafter.recipients, sequence=1
    )
    path = stranger.bundle(scene.out("stranger"), scene.files)
    refused(scene.store, path, reason="unknown-device", match="unknown device")


def test_unknown_key_claiming_a_trusted_device_is_refused(scene: Scene) -> None:
    impostor = craft.Crafter(
        SigningKey.generate(), scene.crafter.device_id, scene.crafter.recipients
    )
    refused(
        scene.store, impostor.bundle(scene.out("impostor"), scene.files), reason="bad-signature"
    )


def test_signature_by_a_revoked_device_is_refused(pair: Pair) -> None:
    s = make_scene(pair)
    revoke_device(s.store, pair.field.device.device_id)
    refused(s.store, s.path, reason="revoked-device", match="revoked device")
    refused(s.store, rebuild(s, "after-revocation", s.files), reason="revoked-device")


@pytest.mark.parametrize(
    "case",
    ["manifest-edited-after-signing", "signature-missing", "signature-garbage", "swapped-order"],
)
def test_broken_manifest_signature_is_refused(scene: Scene, case: str) -> None:
    c = scene.crafter
    doc = c.manifest(scene.files)
    raw = craft.manifest_bytes(doc)
    good = craft.sign(c.signing, raw, doc)
    members = [craft.member(n, d) for n, d in scene.files]
    heads = {
        "manifest-edited-after-signing": [
            craft.member(MANIFEST, raw.replace(b'"sequence":', b'"sequence":1')),
            craft.member(SIGNATURE, good),
        ],
        "signature-missing": [craft.member(MANIFEST, raw)],
        "signature-garbage": [
            craft.member(MANIFEST, raw),
            craft.member(SIGNATURE, os.urandom(300)),
        ],
        "swapped-order": [craft.member(SIGNATURE, good), craft.member(MANIFEST, raw)],
    }
    path = c.seal_plain(scene.out(case), craft.tar([*heads[case], *members]))
    refused(scene.store, path, reason={"bad-signature", "invalid"})


# --------------------------------------------------------------------------------------------
# Row: manifest lists a file that is missing, or a hash/size that differs
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["reports/", "attachments/"])
def test_file_listed_in_the_manifest_but_missing_is_refused(scene: Scene, kind: str) -> None:
    files = scene.files
    doc = scene.crafter.manifest(files)
    body = [craft.member(n, d) for n, d in files if not n.startswith(kind)]
    path = scene.crafter.bundle(scene.out("missing"), files, doc, body=body)
    refused(scene.store, path, reason="tampered", match="lacks")


@pytest.mark.parametrize("kind", ["reports/", "attachments/"])
def test_file_whose_hash_differs_from_the_manifest_is_refused(scene: Scene, kind: str) -> None:
    files = scene.files
    doc = scene.crafter.manifest(files)
    body = []
    for name, data in files:
        if name.startswith(kind):  # same size, one byte changed near the end
            data = data[:-5] + bytes([data[-5] ^ 1]) + data[-4:]
        body.append(craft.member(name, data))
    path = scene.crafter.bundle(scene.out("hash"), files, doc, body=body)
    refused(scene.store, path, reason="tampered", match="does not match the hash")


@pytest.mark.parametrize("kind", ["reports/", "attachments/"])
@pytest.mark.parametrize("delta", [-1, +1, +4096])
def test_file_whose_size_differs_from_the_manifest_is_refused(
    scene: Scene, kind: str, delta: int
) -> None:
    files = scene.files
    doc = scene.crafter.manifest(files)
    body = []
    for name, data in files:
        if name.startswith(kind):
            data = data[:delta] if delta < 0 else data + b" " * delta
        body.append(craft.member(name, data))
    path = scene.crafter.bundle(scene.out("size"), files, doc, body=body)
    refused(scene.store, path, reason="tampered", match="signed size")


# --------------------------------------------------------------------------------------------
# Row: tar entry not in the manifest, duplicated, absolute, `..`, symlink, hardlink, device
# --------------------------------------------------------------------------------------------

_MARK = f"fieldreport-escape-{uuid.uuid4().hex}"
_HOSTILE = [
    "not-in-manifest",
    "duplicated",
    "absolute",
    "dotdot",
    "dotdot-inside-reports",
    "symlink",
    "hardlink",
    "character-device",
    "block-device",
    "fifo",
    "directory",
    "pax-header",
    "gnu-long-name",
]


def _hostile_body(scene: Scene, case: str) -> list[bytes]:
    """The members after manifest and signature: the valid ones with one hostile change."""
    att_name, att_data = scene.attachment()
    reports = [craft.member(n, d) for n, d in scene.reports()]
    good_att = craft.member(att_name, att_data)
    payload = b"#!/bin/sh\necho pwned\n"
    long_name = f"reports/{'a' * 120}/{_MARK}"
    replace_att = {
        "symlink": (tarfile.SYMTYPE, "/etc/passwd"),
        "hardlink": (tarfile.LNKTYPE, MANIFEST),
        "character-device": (tarfile.CHRTYPE, ""),
        "block-device": (tarfile.BLKTYPE, ""),
        "fifo": (tarfile.FIFOTYPE, ""),
    }
    if case in replace_att:
        kind, link = replace_att[case]
        return [*reports, craft.special_member(att_name, kind, linkname=link)]
    extra = {
        "not-in-manifest": lambda: craft.member(craft.attachment_name(payload), payload),
        "duplicated": lambda: good_att,
        "absolute": lambda: craft.tarfile_member(f"/tmp/{_MARK}", payload),
        "dotdot": lambda: craft.tarfile_member(f"../../{_MARK}", payload),
        "dotdot-inside-reports": lambda: craft.tarfile_member(f"reports/../../{_MARK}", payload),
        "directory": lambda: craft.special_member("attachments", tarfile.DIRTYPE),
        "pax-header": lambda: tarfile.TarInfo(long_name).tobuf(format=tarfile.PAX_FORMAT),
        "gnu-long-name": lambda: tarfile.TarInfo(long_name).tobuf(format=tarfile.GNU_FORMAT),
    }[case]()
    return [extra, *reports, good_att]


def _outside_state(scene: Scene) -> tuple[frozenset[str], frozenset[str], list[Path]]:
    """Files of the test's folder (both stores included), the working folder's entries, and
    anything named like the escape marker near the store, here, or in /tmp."""
    near = scene.pair.tmp.parent
    escapes = [*near.rglob(f"*{_MARK}*"), *Path.cwd().glob(f"*{_MARK}*")]
    escapes += [*Path("/tmp").glob(f"*{_MARK}*"), *Path("/").glob(f"*{_MARK}*")]
    return craft.files_under(near), frozenset(os.listdir(Path.cwd())), escapes


@pytest.mark.parametrize("case", _HOSTILE)
def test_hostile_tar_entry_is_refused_and_nothing_is_written_outside(
    scene: Scene, case: str
) -> None:
    files = scene.files
    doc = scene.crafter.manifest(files)
    path = scene.crafter.bundle(scene.out(case), files, doc, body=_hostile_body(scene, case))
    before = _outside_state(scene)
    assert before[2] == []
    refused(scene.store, path, reason={"tampered", "invalid"})
    assert _outside_state(scene) == before
    for base in (scene.store.layout.attachments, scene.store.layout.attachments.parent, Path.cwd()):
        assert not (base / f"../../{_MARK}").resolve().exists()
    assert not Path(f"/tmp/{_MARK}").exists()


# --------------------------------------------------------------------------------------------
# Row: decompression bomb / sizes beyond the caps
# --------------------------------------------------------------------------------------------

_CHILD = textwrap.dedent(
    """
    import json, resource, sys, time
    from pathlib import Path
    from fieldreport.bundle.errors import BundleError
    from fieldreport.bundle.reader import Callbacks, read_bundle
    from fieldreport.crypto.age import parse_identity_file
    from fieldreport.crypto.minisign import PublicKey
    from fieldreport.store.attachments import AttachmentFiles
    from fieldreport.store.staging import AttachmentStager

    cfg = json.loads(Path(sys.argv[1]).read_text())
    [identity] = parse_identity_file(cfg["identity"])
    key = PublicKey.from_string(cfg["signing_key"])
    staging = AttachmentFiles(Path(cfg["stage"]))

    def status_mb(key):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
        raise LookupError(key)

    def reset_peak():
        # Linux resets the high-water mark (VmHWM, ru_maxrss) to the current RSS on "5".
        try:
            Path("/proc/self/clear_refs").write_text("5")
            return status_mb("VmRSS"), lambda: status_mb("VmHWM")
        except OSError:  # no reset: measure against the process's peak so far
            peak = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            return peak(), peak

    def attempt(path):
        before, peak = reset_peak()
        start = time.perf_counter()
        try:
            calls = Callbacks(lambda device_id: key, AttachmentStager(staging))
            read_bundle(Path(path), [identity], calls)
            outcome = "accepted"
        except BundleError as exc:
            outcome = "refused:" + exc.reason
        except Exception as exc:
            outcome = "crash:" + type(exc).__name__ + ": " + str(exc)
        seconds = time.perf_counter() - start
        return {"outcome": outcome, "seconds": seconds, "extra_mb": peak() - before}

    warmup = attempt(cfg["warmup"])
    results = {name: attempt(path) for name, path in cfg["bundles"]}
    print(json.dumps({"warmup": warmup, "results": results}))
    """
)


def _bombs(scene: Scene) -> dict[str, Path]:
    c = scene.crafter
    att_name, att_data = scene.attachment()
    files = scene.files
    doc = c.manifest(files)
    head = c.head(doc)
    reports = b"".join(craft.member(n, d) for n, d in scene.reports())
    valid_tar = craft.tar([head, reports, craft.member(att_name, att_data)])
    zeros = 4 * GiB
    frames = {
        # Declared sizes are small; the stream goes on expanding to gigabytes.
        "gigabytes-after-the-end-of-the-tar": [valid_tar, (0, zeros)],
        "64-GiB-after-the-end-of-the-tar": [valid_tar, (0, 64 * GiB)],
        "listed-member-announcing-4-GiB": [
            head, reports, craft.raw_header(att_name, zeros), (0, zeros)
        ],
        "unlisted-member-of-4-GiB": [
            head, reports, craft.raw_header("attachments/" + "0" * 64, zeros), (0x41, zeros)
        ],
        "manifest-announcing-4-GiB": [craft.raw_header(MANIFEST, zeros), (0x20, zeros)],
        "member-padding-is-gigabytes": [head, reports, craft.raw_header(att_name, 100), (0, zeros)],
    }  # fmt: skip
    out = {
        name: craft.seal(scene.out(name), c.recipients, craft.zstd_frame(parts))
        for name, parts in frames.items()
    }
    out["1-GiB-zstd-window"] = craft.seal(
        scene.out("window"), c.recipients, craft.zstd_frame([valid_tar], window_log=30)
    )
    return out


def test_decompression_bombs_are_refused_early_with_bounded_memory(scene: Scene) -> None:
    bombs = _bombs(scene)
    # Unauthenticated: anyone with the coordinator's public key can send this one. The
    # manifest is parsed (to find the signer) before its signature is checked.
    objects = b"[" + b"{}," * ((layout_mod.MAX_MANIFEST_BYTES - 5) // 3) + b"{}]"
    json_bomb = craft.tar([craft.member(MANIFEST, objects), craft.member(SIGNATURE, b"x")])
    json_path = scene.crafter.seal_plain(scene.out("json"), json_bomb)
    stage = scene.pair.tmp / "bomb-stage"
    cfg = scene.pair.tmp / "bomb.json"
    cfg.write_text(
        json.dumps(
            {
                "identity": scene.store.identity_file_text(),
                "signing_key": scene.pair.field.device.signing_key_string,
                "stage": str(stage),
                "warmup": str(rebuild(scene, "warmup", scene.files)),
                "bundles": [[n, str(p)] for n, p in bombs.items()] + [["json", str(json_path)]],
            }
        )
    )
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(cfg)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["warmup"]["outcome"] == "accepted"  # the child really reads bundles
    results = report["results"]
    for name in bombs:
        got = results[name]
        assert got["outcome"].startswith("refused:"), (name, got)
        assert got["seconds"] < 5, (name, got)
        assert got["extra_mb"] < 100, (name, got)
    json_result = results["json"]
    assert json_result["outcome"] == "refused:invalid-manifest"
    # Measured ~110 MB for 4 MiB of "{}," (1.4 M empty dicts), parsed before the signature is
    # checked: bounded, but well above the bombs. Guard against it growing.
    assert json_result["extra_mb"] < 200, json_result
    print(
        "bombs (outcome, seconds, extra MB):",
        {
            n: (r["outcome"], round(r["seconds"], 3), round(r["extra_mb"], 1))
            for n, r in results.items()
        },
    )
    # The same bundles through import_bundle: refused, store unchanged.
    for path in [*bombs.values(), json_path]:
        refused(scene.store, path)
    assert not any(stage.rglob(".*.tmp")), "a staged temporary file was left behind"


def _declare(scene: Scene, entries: list[dict[str, Any]], revisions: list[str]) -> dict[str, Any]:
    return scene.crafter.manifest([], entries=entries, revisions=revisions)


def test_manifest_and_signature_beyond_their_caps_are_refused(scene: Scene) -> None:
    c = scene.crafter
    too_big_manifest = craft.tar(
        [craft.raw_header(MANIFEST, layout_mod.MAX_MANIFEST_BYTES + 1)], end=False
    )
    refused(
        scene.store,
        c.seal_plain(scene.out("m"), too_big_manifest),
        reason="too-large",
        match="manifest",
    )
    raw = craft.manifest_bytes(c.manifest(scene.files))
    too_big_sig = craft.tar(
        [
            craft.member(MANIFEST, raw),
            craft.raw_header(SIGNATURE, layout_mod.MAX_SIGNATURE_BYTES + 1),
        ],
        end=False,
    )
    refused(
        scene.store,
        c.seal_plain(scene.out("s"), too_big_sig),
        reason="too-large",
        match="signature",
    )


def test_report_file_beyond_its_cap_is_refused_before_it_is_read(scene: Scene) -> None:
    revision = str(uuid.uuid4())
    size = layout_mod.MAX_REPORT_BYTES + 1
    name = f"reports/{revision}.json"
    doc = _declare(scene, [{"path": name, "size": size, "sha256": "0" * 64}], [revision])
    plain = craft.zstd_frame([scene.crafter.head(doc), craft.raw_header(name, size), (0x20, size)])
    path = craft.seal(scene.out("report-cap"), scene.crafter.recipients, plain)
    refused(scene.store, path, reason="too-large")


def test_more_entries_than_the_cap_is_refused(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 200,000 entries do not fit in a 4 MiB manifest: lower the cap to test the check.
    for module in (layout_mod, manifest_mod):
        monkeypatch.setattr(module, "MAX_ENTRIES", len(scene.files) - 1)
    refused(scene.store, rebuild(scene, "entries", scene.files), reason="invalid-manifest")


def test_bundle_file_beyond_the_size_cap_is_refused_unread(scene: Scene) -> None:
    huge = scene.out("huge")
    with huge.open("wb") as f:  # sparse: costs no disk
        f.write(scene.path.read_bytes())
        f.truncate(reader_mod.MAX_BUNDLE_FILE_BYTES + 1)
    try:
        refused(scene.store, huge, reason="too-large", match="16 GiB")
    finally:
        huge.unlink()


def _spy_staging(scene: Scene, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    calls: list[Any] = []
    real = scene.store.files.store

    def spy(src: Any, **options: Any) -> Any:
        calls.append(src)
        return real(src, **options)

    monkeypatch.setattr(scene.store.files, "store", spy)
    return calls


def test_attachment_beyond_its_cap_is_refused_before_staging(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = layout_mod.MAX_ATTACHMENT_BYTES + 1
    name = "attachments/" + "ab" * 32
    doc = _declare(scene, [{"path": name, "size": size, "sha256": "ab" * 32}], [])
    plain = craft.tar(
        [scene.crafter.head(doc), craft.raw_header(name, size), b"x" * 4096], end=False
    )
    calls = _spy_staging(scene, monkeypatch)
    refused(scene.store, scene.crafter.seal_plain(scene.out("att-cap"), plain), reason="too-large")
    assert calls == []


def test_total_size_beyond_its_cap_is_refused_before_staging(
    scene: Scene, monkeypatch: pytest.MonkeyPatch
) -> None:
    each = layout_mod.MAX_ATTACHMENT_BYTES  # at the per-file cap, 9 of them: 18 GiB
    entries = [
        {"path": f"attachments/{i:064x}", "size": each, "sha256": f"{i:064x}"} for i in range(9)
    ]
    doc = _declare(scene, entries, [])
    plain = craft.tar(
        [scene.crafter.head(doc), craft.raw_header(entries[0]["path"], each), b"x" * 4096],
        end=False,
    )
    calls = _spy_staging(scene, monkeypatch)
    refused(
        scene.store, scene.crafter.seal_plain(scene.out("total-cap"), plain), reason="too-large"
    )
    assert calls == []


# --------------------------------------------------------------------------------------------
# Row: the same bundle twice (replay)
# --------------------------------------------------------------------------------------------


def test_same_bundle_twice_is_accepted_once_then_a_duplicate_with_a_receipt(pair: Pair) -> None:
    s = make_scene(pair)
    first = import_bundle(s.store, s.path)
    assert first.status == "imported" and first.new_revisions == 2 and first.attachments == 1
    before = craft.snapshot(s.store)
    for _ in range(2):
        again = import_bundle(s.store, s.path)
        assert again.status == "duplicate" and again.new_revisions == 0
        assert again.known_revisions == 2
        assert again.receipt["bundle_id"] == first.bundle_id
        assert again.receipt["duplicate"] is True and again.receipt["signature"]
        assert again.receipt["bundle_sha256"] == first.receipt["bundle_sha256"]
        assert craft.snapshot(s.store) == before
    assert apply_receipt(pair.field, again.receipt).marked == 2  # the receipt is usable


def test_another_bundle_reusing_a_bundle_id_is_not_a_silent_duplicate(pair: Pair) -> None:
    s = make_scene(pair)
    first = import_bundle(s.store, s.path)
    [new_report] = pair.add_reports(1)
    later = craft.unpack(pair.export("later.frb"), s.store.device.identity)
    reuse = rebuild(s, "reuse", later.files, bundle_id=first.bundle_id)
    before = craft.snapshot(s.store)
    try:
        result = import_bundle(s.store, reuse)
    except BundleError:
        assert craft.snapshot(s.store) == before  # refusing (as a conflict) is fine
        return
    # Or importing it; but not a receipt for revisions that are not here.
    assert result.status == "imported"
    assert new_report in {r["id"] for r in s.store.list_reports()}


def test_a_bundle_this_store_exported_itself_gives_a_clean_answer(pair: Pair) -> None:
    store = pair.coordinator
    store.add_report(minimal_report())
    own = pair.tmp / "own.frb"
    export_bundle(store, own, [store.device.identity.recipient()])
    before = craft.snapshot(store)
    try:
        result = import_bundle(store, own)
    except BundleError:
        pass
    else:
        assert result.status == "duplicate"
    assert craft.snapshot(store) == before


# --------------------------------------------------------------------------------------------
# Row: an older revision of a report after a newer one (rollback)
# --------------------------------------------------------------------------------------------


def test_older_revision_after_a_newer_one_keeps_the_newer_and_the_history(pair: Pair) -> None:
    from fieldreport.bundle.receipts import make_receipt

    [report_id] = pair.add_reports(1)
    old = pair.export("old.frb")  # revision 1 only
    parts = craft.unpack(old, pair.coordinator.device.identity)
    manifest = manifest_mod.parse(parts.raw_manifest)
    # The coordinator acknowledged it (the bundle itself is still on its way):
    apply_receipt(pair.field, make_receipt(pair.coordinator, manifest, "0" * 64, duplicate=False))
    pair.field.update_report(report_id, minimal_report(title="Corrected", severity=5))
    new = pair.export("new.frb")  # revision 2 only
    assert (
        craft.unpack(new, pair.coordinator.device.identity).manifest["revisions"]
        != (parts.manifest["revisions"])
    )
    first = import_bundle(pair.coordinator, new)
    assert first.new_revisions == 1 and first.missing_before == 1
    current = pair.coordinator.get_report(report_id)
    late = import_bundle(pair.coordinator, old)  # the rollback attempt
    assert late.status == "imported" and late.new_revisions == 1 and late.history_only == 1
    shown = pair.coordinator.get_report(report_id)
    assert shown["title"] == "Corrected" and shown["revision"] == 2 and shown["severity"] == 5
    assert [r["number"] for r in shown["revisions"]] == [1, 2]
    assert {k: v for k, v in shown.items() if k != "revisions"} == {
        k: v for k, v in current.items() if k != "revisions"
    }
    [listed] = pair.coordinator.list_reports()
    assert listed["title"] == "Corrected"


# --------------------------------------------------------------------------------------------
# Row: sequence gap from a device
# --------------------------------------------------------------------------------------------


def test_sequence_gap_is_imported_and_reported(pair: Pair) -> None:
    pair.add_reports(1)
    first = import_bundle(pair.coordinator, pair.export("1.frb"))
    assert first.missing_before == 0
    apply_receipt(pair.field, first.receipt)
    for name in ("2.frb", "3.frb"):  # lost on the way
        pair.add_reports(1)
        pair.export(name)
    [last_report] = pair.add_reports(1)
    fourth = import_bundle(pair.coordinator, pair.export("4.frb"))
    assert fourth.status == "imported" and fourth.sequence == 4
    assert fourth.missing_before == 2
    assert last_report in {r["id"] for r in pair.coordinator.list_reports()}
    with pair.coordinator.read() as conn:
        row = conn.execute(select(BUNDLE).where(BUNDLE.c.id == fourth.bundle_id)).one()
        last = conn.execute(
            select(TRUSTED_DEVICE.c.last_sequence).where(
                TRUSTED_DEVICE.c.device_id == pair.field.device.device_id
            )
        ).scalar_one()
    assert row.missing_before == 2 and row.sequence == 4 and last == 4
    # A late one fills the gap without moving the device's sequence back.
    late = import_bundle(pair.coordinator, pair.tmp / "2.frb")
    assert late.status == "imported" and late.missing_before == 0


# --------------------------------------------------------------------------------------------
# Row: bundle for other recipients
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "which,stranger",
    [
        ("scene", age.X25519Identity.generate),
        ("pq_scene", age.HybridIdentity.generate),
        ("scene", age.HybridIdentity.generate),
    ],
    ids=["x25519", "pq", "pq-for-an-x25519-coordinator"],
)
def test_bundle_for_other_recipients_is_refused(
    which: str, stranger: Any, request: pytest.FixtureRequest
) -> None:
    s: Scene = request.getfixturevalue(which)
    other = s.crafter.manifest(s.files)
    path = craft.seal(
        s.out("other"),
        [stranger().recipient(), stranger().recipient()],
        craft.compress(s.crafter.tar(s.files, other)),
    )
    refused(s.store, path, reason="not-addressed", match="not addressed to this identity")


# --------------------------------------------------------------------------------------------
# Revisions inside: another device, a wrong content hash
# --------------------------------------------------------------------------------------------


def _with_revision(scene: Scene, edit: Any) -> list[tuple[str, bytes]]:
    """The template's files with the first revision document edited by `edit`."""
    files = scene.files
    name, raw = scene.reports()[0]
    doc = edit(json.loads(raw))
    return [(n, craft.revision_bytes(doc) if n == name else d) for n, d in files]


@pytest.mark.parametrize("who", ["coordinator", "random-device"])
def test_revision_attributed_to_another_device_than_the_signer_is_refused(
    scene: Scene, who: str
) -> None:
    other = scene.store.device.device_id if who == "coordinator" else str(uuid.uuid4())
    files = _with_revision(scene, lambda d: craft.rehash_revision({**d, "device_id": other}))
    refused(
        scene.store,
        rebuild(scene, "attributed", files),
        reason="invalid-revision",
        match="attributed to another device",
    )


@pytest.mark.parametrize("what", ["body-edited", "hash-edited", "created-at-edited"])
def test_revision_whose_content_hash_does_not_match_is_refused(scene: Scene, what: str) -> None:
    def edit(doc: dict[str, Any]) -> dict[str, Any]:
        if what == "body-edited":
            doc["body"]["title"] = "Rewritten on the way"
        elif what == "hash-edited":
            doc["content_hash"] = "f" * 64
        else:
            doc["created_at"] = "2020-01-01T00:00:00+00:00"
        return doc

    refused(
        scene.store,
        rebuild(scene, "hash", _with_revision(scene, edit)),
        reason="invalid-revision",
        match="content does not match its hash",
    )


def test_refusal_message_stays_one_line_whatever_the_manifest_holds(scene: Scene) -> None:
    doc = scene.crafter.manifest(scene.files)
    doc["x\n\x1b[32mbundle imported: 0 problems"] = 1
    error = refused(scene.store, scene.crafter.bundle(scene.out("newline"), scene.files, doc))
    assert error.reason == "invalid-manifest"
    assert "\n" not in str(error) and "\x1b" not in str(error)


def test_revision_whose_attachment_size_contradicts_the_file_is_refused(pair: Pair) -> None:
    s = make_scene(pair, attachment_size=1_000)  # its own store: the bug imports it

    def lie(doc: dict[str, Any]) -> dict[str, Any]:
        for att in doc["body"].get("attachments", []):
            att["size"] = 5
        return craft.rehash_revision(doc)

    files = []
    for name, data in s.files:
        if name.startswith("reports/"):
            data = craft.revision_bytes(lie(json.loads(data)))
        files.append((name, data))
    refused(s.store, rebuild(s, "size-lie", files), reason={"invalid-revision", "tampered"})


# --------------------------------------------------------------------------------------------
# Manifest with unknown fields or an unknown format version
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case,reason",
    [
        ("unknown-field", "invalid-manifest"),
        ("unknown-entry-field", "invalid-manifest"),
        ("format-v2", "unsupported"),
        ("format-missing", "unsupported"),
        ("format-not-a-string", "unsupported"),
    ],
)
def test_manifest_with_unknown_fields_or_format_is_refused(
    scene: Scene, case: str, reason: str
) -> None:
    doc = scene.crafter.manifest(scene.files)
    if case == "unknown-field":
        doc["priority"] = "high"
    elif case == "unknown-entry-field":
        doc["entries"][0]["mode"] = 0o755
    elif case == "format-v2":
        doc["format"] = "fieldreport-bundle/2"
    elif case == "format-missing":
        del doc["format"]
    else:
        doc["format"] = 1
    path = scene.crafter.bundle(scene.out(case), scene.files, doc)
    error = refused(scene.store, path)
    if reason == "unsupported":
        assert error.reason in {"unsupported", "unsupported-format"}
        assert "unsupported bundle format" in str(error)
    else:
        assert error.reason == reason
        assert "unknown field" in str(error) or "each entry must be" in str(error)
