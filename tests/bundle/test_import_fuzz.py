"""Fuzzing import (security.md, "random bytes / fuzzed inputs (hypothesis)": a clean error every
time, never a traceback).

Three generators, 2,200 examples per run in all (at least 2,100 of them damaged or hostile):
  * random bytes, bare or behind an age-like, a real or an armored header       (500)
  * mutations of one valid small bundle: flips, insertions, deletions,
    truncations, splices with another bundle, header swaps                       (1,300, of
    which ≥ 1,200 differ from the valid bundles: some sequences cancel out)
  * random plaintexts inside a correct age layer, with a correctly signed
    manifest, so the tar, zstd, manifest and revision checks are reached         (400)

Every example ends in success (only an unmodified bundle, already imported: "duplicate") or a
BundleError, never another exception; the coordinator store is unchanged afterwards (report,
revision and bundle counts, and the files under its attachments folder). The counts and the
refusal reasons are printed (-s) and recorded as junit properties.

Hypothesis and pytest's function-scoped fixtures do not mix: the stores are made once per
process with `tempfile` in `env()`, and every example leaves them as they were.
"""

from __future__ import annotations

import atexit
import functools
import io
import json
import os
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.importer import ImportResult, import_bundle
from fieldreport.bundle.layout import MANIFEST, SIGNATURE
from fieldreport.bundle.receipts import apply_receipt
from fieldreport.crypto import age
from fieldreport.crypto.minisign import SigningKey
from fieldreport.store.store import Store
from fieldreport.trust.install import trust_request
from tests.bundle import craft
from tests.conftest import PASSPHRASE, minimal_report

TARGETS = {"random_bytes": 500, "mutations": 1300, "inner": 400}
# Some mutation sequences cancel out (insert then delete the same byte): at least this many
# examples must differ from the valid bundles.
MIN_MODIFIED = {"random_bytes": 500, "mutations": 1200, "inner": 400}
COUNTS: Counter[str] = Counter()  # examples actually run, per test
MODIFIED: Counter[str] = Counter()  # of which not a valid bundle
OUTCOMES: dict[str, Counter[str]] = {name: Counter() for name in TARGETS}


def _settings(name: str) -> Any:
    return settings(
        max_examples=TARGETS[name],
        deadline=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
        derandomize=False,
        database=None,  # write nothing into the repository
        print_blob=True,
    )


# --------------------------------------------------------------------------------------------
# One field device and one coordinator per process
# --------------------------------------------------------------------------------------------


@dataclass
class Env:
    tmp: Path
    field: Store
    coordinator: Store
    crafter: craft.Crafter
    valid: bytes  # a small valid bundle, already imported (so importing it again is a no-op)
    other: bytes  # another one, imported too (for splices)
    parts: craft.Unpacked  # a third one, not imported: the template of the inner generator
    layout: craft.AgeLayout  # of `valid`
    baseline: craft.Counts

    def path(self) -> Path:
        return self.tmp / "example.frb"


def _close(tmp: Path, stores: list[Store]) -> None:
    for store in stores:
        store.close()
    shutil.rmtree(tmp, ignore_errors=True)


@functools.cache
def env() -> Env:
    tmp = Path(tempfile.mkdtemp(prefix="fieldreport-fuzz-"))
    field = Store.init(tmp / "field", PASSPHRASE, key_type="x25519")
    coordinator = Store.init(tmp / "coord", PASSPHRASE, role="coordinator", key_type="x25519")
    atexit.register(_close, tmp, [field, coordinator])
    trust_request(coordinator, field.enrolment_request())
    trust_request(field, coordinator.enrolment_request())
    recipient = coordinator.device.identity.recipient()

    def export(name: str, title: str, attachment: bytes) -> Path:
        saved = field.add_report(minimal_report(title=title))
        photo = tmp / f"{name}.jpg"
        photo.write_bytes(attachment)
        field.attach(saved.report_id, [photo])
        from fieldreport.bundle.export import export_bundle

        out = tmp / f"{name}.frb"
        export_bundle(field, out, [recipient])
        return out

    valid = export("valid", "Fuzz one", os.urandom(300))
    other = export("other", "Fuzz two", os.urandom(200))
    for bundle in (valid, other):  # both imported: a mutation may rebuild either of them
        result = import_bundle(coordinator, bundle)
        assert result.status == "imported"
        apply_receipt(field, result.receipt)
    template = export("template", "Fuzz three", os.urandom(250))
    data = valid.read_bytes()
    return Env(
        tmp=tmp,
        field=field,
        coordinator=coordinator,
        crafter=craft.Crafter.between(field, coordinator),
        valid=data,
        other=other.read_bytes(),
        parts=craft.unpack(template, coordinator.device.identity),
        layout=craft.age_layout(data),
        baseline=craft.counts(coordinator),
    )


def check_import(name: str, e: Env, data: bytes, *, may_succeed: bool) -> None:
    """Import `data`: success only if allowed (and then a no-op), else a one-line
    BundleError; any other exception propagates and fails the test."""
    COUNTS[name] += 1
    MODIFIED[name] += not may_succeed
    path = e.path()
    path.write_bytes(data)
    result: ImportResult | None = None
    try:
        result = import_bundle(e.coordinator, path)
    except BundleError as exc:
        OUTCOMES[name][exc.reason] += 1
        if "\n" in str(exc):  # a known bug, see test_import_table (one-line messages)
            OUTCOMES[name]["multi-line message"] += 1
    if result is not None:
        assert may_succeed, f"accepted a damaged bundle ({len(data)} bytes)"
        assert result.status == "duplicate"
        OUTCOMES[name]["success (unmodified, duplicate)"] += 1
    after = craft.counts(e.coordinator)
    assert after == e.baseline, f"store changed: {e.baseline} -> {after}"


def report(name: str, record_property: Callable[[str, object], None], seconds: float) -> None:
    outcomes = dict(OUTCOMES[name].most_common())
    record_property(f"{name}_examples", COUNTS[name])
    record_property(f"{name}_modified_examples", MODIFIED[name])
    record_property(f"{name}_outcomes", json.dumps(outcomes))
    print(
        f"\n{name}: {COUNTS[name]} examples ({MODIFIED[name]} damaged) in {seconds:.1f}s, "
        f"outcomes {outcomes}"
    )
    assert COUNTS[name] >= TARGETS[name], f"only {COUNTS[name]} examples ran"
    assert MODIFIED[name] >= MIN_MODIFIED[name], f"only {MODIFIED[name]} damaged examples"


# --------------------------------------------------------------------------------------------
# 1. Random bytes
# --------------------------------------------------------------------------------------------

_B64 = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", max_size=90)
_ARG = st.one_of(
    _B64,
    st.sampled_from(["A" * 43, "A" * 42 + "E", "A" * 44, "", "18", "99", "-1", "=="]),
    st.text(max_size=12),
)


@st.composite
def age_like_header(draw: st.DrawFn) -> bytes:
    """Header-shaped text: version line, stanzas with random arguments and bodies, MAC."""
    out = [draw(st.sampled_from(["age-encryption.org/v1\n", "age-encryption.org/v2\n"]))]
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(st.sampled_from(["X25519", "mlkem768x25519", "scrypt", "piv-p256", "x"]))
        args = draw(st.lists(_ARG, max_size=3))
        out.append(" ".join(["->", kind, *args]) + "\n")
        for line in draw(st.lists(_B64, max_size=3)):
            out.append(line[:64] + "\n")
    out.append("--- " + draw(_ARG) + draw(st.sampled_from(["\n", "", "\r\n"])))
    text = "".join(out).encode("utf-8", "surrogatepass")
    return text + draw(st.binary(max_size=200))


def random_inputs() -> st.SearchStrategy[bytes]:
    e = env()
    header, nonce_end = e.valid[: e.layout.header_len], e.layout.payload_start
    return st.one_of(
        st.binary(max_size=2048),
        st.binary(max_size=512).map(lambda b: b"age-encryption.org/v1\n" + b),
        age_like_header(),
        # A real header (addressed to the coordinator, intact MAC), random payload.
        st.binary(max_size=3000).map(lambda b: header + b),
        st.binary(min_size=16, max_size=200_000).map(lambda b: e.valid[:nonce_end] + b),
        st.binary(max_size=600).map(lambda b: b"-----BEGIN AGE ENCRYPTED FILE-----\n" + b),
        st.binary(max_size=64).map(lambda b: b"\xef\xbb\xbf" + header + b),  # BOM
    )


def test_random_bytes_are_refused_cleanly(record_property: Any) -> None:
    e = env()
    start = time.perf_counter()

    @_settings("random_bytes")
    @given(random_inputs())
    def run(data: bytes) -> None:
        check_import("random_bytes", e, data, may_succeed=data in (e.valid, e.other))

    run()
    report("random_bytes", record_property, time.perf_counter() - start)


# --------------------------------------------------------------------------------------------
# 2. Mutations of one valid small bundle
# --------------------------------------------------------------------------------------------

_OPS = [
    "flip",
    "set",
    "insert",
    "delete",
    "truncate",
    "append",
    "splice",
    "aligned-splice",
    "copy-range",
    "other-header",
    "other-payload",
    "header-line",
]


def _position(draw: st.DrawFn, e: Env, size: int) -> int:
    """Anywhere, with extra weight on the header and on chunk and tag edges."""
    hot = [e.layout.header_len, e.layout.payload_start, size - 16, size - 1]
    return draw(
        st.one_of(
            st.integers(0, size - 1),
            st.integers(0, min(size, e.layout.payload_start) - 1),
            st.sampled_from([p for p in hot if 0 <= p < size] or [0]),
        )
    )


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    e = env()
    data = bytearray(e.valid)
    other = e.other
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(_OPS))
        if not data:
            data += draw(st.binary(min_size=1, max_size=32))
            continue
        pos = _position(draw, e, len(data))
        if op == "flip":
            data[pos] ^= draw(st.integers(1, 255))
        elif op == "set":
            value = draw(st.sampled_from([0x00, 0x0A, 0x0D, 0x20, 0x2D, 0x3E, 0x41, 0xFF]))
            data[pos] = value if value != data[pos] else value ^ 0xFF
        elif op == "insert":
            data[pos:pos] = draw(st.binary(min_size=1, max_size=32))
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 64))]
        elif op == "truncate":
            del data[pos:]
        elif op == "append":
            data += draw(st.binary(min_size=1, max_size=64))
        elif op == "splice":
            data = data[: max(pos, 1)] + other[draw(st.integers(0, len(other) - 1)) :]
        elif op == "aligned-splice":  # cut past the common prefix, or it just is `other`
            pairs = enumerate(zip(data, other, strict=False))
            common = next((i for i, (x, y) in pairs if x != y), min(len(data), len(other)))
            cut = max(pos, common + 1)
            data = data[:cut] + other[cut:]
        elif op == "copy-range":
            length = draw(st.integers(1, 64))
            src = draw(st.integers(0, len(data) - 1))
            src = src if src != pos else (pos + length) % len(data)
            data[pos : pos + length] = data[src : src + length]
        elif op == "other-header":  # the other bundle's header on this payload
            cut = craft.age_layout(other).payload_start
            data = bytearray(other[:cut]) + data[e.layout.payload_start :]
        elif op == "other-payload":
            cut = craft.age_layout(other).payload_start
            data = data[: e.layout.payload_start] + other[cut:]
        else:  # drop, repeat or swap a header line
            lines = bytes(data[: e.layout.header_len]).split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            j = j if j != i else (i + 1) % len(lines)
            how = draw(st.sampled_from(["drop", "repeat", "swap"]))
            if how == "drop":
                del lines[i]
            elif how == "repeat":
                lines.insert(i, lines[j])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = bytearray(b"\n".join(lines)) + data[e.layout.header_len :]
    return bytes(data)


def test_mutated_bundles_are_refused_cleanly(record_property: Any) -> None:
    e = env()
    start = time.perf_counter()

    @_settings("mutations")
    @given(mutated())
    def run(data: bytes) -> None:
        check_import("mutations", e, data, may_succeed=data in (e.valid, e.other))

    run()
    report("mutations", record_property, time.perf_counter() - start)
    # The unmodified bundles are accepted (as the duplicates they are): the oracle can say yes.
    for data in (e.valid, e.other):
        e.path().write_bytes(data)
        assert import_bundle(e.coordinator, e.path()).status == "duplicate"
    assert craft.counts(e.coordinator) == e.baseline


# --------------------------------------------------------------------------------------------
# 3. Random plaintexts inside a correct age layer, with a correctly signed manifest
# --------------------------------------------------------------------------------------------

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=8,
)
_DEEP = st.sampled_from([10, 900, 1100, 5000, 200_000]).map(lambda n: b"[" * n + b"]" * n)
_REVISION_KEYS = [
    "format",
    "id",
    "report_id",
    "number",
    "device_id",
    "created_at",
    "content_hash",
    "body",
]
_MANIFEST_KEYS = [
    "format",
    "bundle_id",
    "device_id",
    "sequence",
    "previous",
    "created_at",
    "entries",
    "revisions",
]
_NAMES = st.one_of(
    st.sampled_from(
        [MANIFEST, SIGNATURE, "reports/", "attachments/", "/etc/passwd", "../x", "a" * 100]
    ),
    st.uuids().map(lambda u: f"reports/{u}.json"),
    st.binary(min_size=32, max_size=32).map(lambda b: f"attachments/{b.hex()}"),
    st.text("abcdef/._-0123456789", min_size=1, max_size=99),
)
# Every example applies at least one of these; each one alone makes the bundle invalid.
_BREAKERS = [
    "revision-field",
    "revision-random",
    "revision-bytes",
    "manifest-unknown-key",
    "manifest-key-removed",
    "manifest-key-random",
    "manifest-bytes",
    "signature",
    "member-data",
    "member-dropped",
    "member-duplicated",
    "member-unlisted",
    "member-kind",
    "header-byte",
    "order",
    "tar-truncated",
    "not-compressed",
]


def _different(draw: st.DrawFn, old: Any, strategy: st.SearchStrategy[Any]) -> Any:
    new = draw(strategy)
    if craft.canonical_json(new) == craft.canonical_json(old):
        new = [new]  # still random-looking, certainly different
    return new


@st.composite
def inner_plaintext(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """A tar for a signed bundle: random noise (may be valid) plus at least one breaker."""
    e = env()
    c = e.crafter
    breakers = draw(st.lists(st.sampled_from(_BREAKERS), min_size=1, max_size=3, unique=True))
    # At most one breaker on the members: two could cancel out (a duplicate then dropped,
    # a type flag changed then flipped back by a header byte).
    on_members = [b for b in breakers if b.startswith(("member-", "header-"))]
    for extra in on_members[1:]:
        breakers.remove(extra)
    docs = e.parts.revision_docs()
    # Noise: random values in report bodies, re-hashed (these may well be valid).
    for _ in range(draw(st.integers(0, 2))):
        doc = draw(st.sampled_from(docs))
        key = draw(st.sampled_from([*sorted(doc["body"]), "extra"]))
        doc["body"][key] = draw(JSON)
        doc.update(craft.rehash_revision(doc))
    raw_docs = [craft.revision_bytes(d) for d in docs]
    i = draw(st.integers(0, len(docs) - 1))
    if "revision-field" in breakers:  # changed without re-hashing
        key = draw(st.sampled_from(_REVISION_KEYS))
        docs[i][key] = _different(draw, docs[i][key], JSON)
        raw_docs[i] = craft.revision_bytes(docs[i])
    if "revision-random" in breakers:
        raw_docs[i] = craft.revision_bytes(draw(JSON.filter(lambda v: not isinstance(v, dict))))
    if "revision-bytes" in breakers:
        raw_docs[i] = draw(st.one_of(st.binary(max_size=100), _DEEP))
    reports = [(n, d) for n, d in e.parts.files if n.startswith("reports/")]
    names = [n for n, _ in reports]
    files = [(n, raw_docs[names.index(n)]) if n in names else (n, d) for n, d in e.parts.files]

    doc: Any = c.manifest(files, sequence=draw(st.integers(1, 10)))
    if draw(st.booleans()):  # noise: one field changed (may be valid)
        doc[draw(st.sampled_from(_MANIFEST_KEYS))] = draw(JSON)
    if "manifest-unknown-key" in breakers:
        doc[draw(st.text(max_size=10).filter(lambda k: k not in _MANIFEST_KEYS))] = draw(JSON)
    if "manifest-key-removed" in breakers:
        doc.pop(draw(st.sampled_from([k for k in _MANIFEST_KEYS if k != "previous"])), None)
    if "manifest-key-random" in breakers:
        key = draw(st.sampled_from(["format", "entries", "revisions", "bundle_id", "device_id"]))
        doc[key] = _different(draw, doc.get(key), JSON)
    raw = craft.manifest_bytes(doc)
    if "manifest-bytes" in breakers:
        raw = draw(st.one_of(st.binary(max_size=300), _DEEP, JSON.map(craft.manifest_bytes)))
        if raw == craft.manifest_bytes(doc):
            raw += b"x"
    signature = craft.sign(c.signing, raw, doc)
    if "signature" in breakers:
        how = draw(st.sampled_from(["random", "other-key", "other-bytes", "empty", "half"]))
        if how == "random":
            signature = draw(st.binary(max_size=400))
        elif how == "other-key":
            signature = craft.sign(SigningKey.generate(), raw, doc)
        elif how == "other-bytes":
            signature = craft.sign(c.signing, raw + b" ", doc)
        elif how == "empty":
            signature = b""
        else:
            signature = signature[: len(signature) // 2]

    body = [(n, d) for n, d in files]
    if draw(st.booleans()):  # noise: another order (valid)
        body = draw(st.permutations(body))
    members = [craft.member(n, d) for n, d in body]
    k = draw(st.integers(0, len(members) - 1))
    if "member-data" in breakers:
        name, data = body[k]
        changed = _different_bytes(draw, data)
        members[k] = craft.member(name, changed)
    if "member-kind" in breakers:
        kind = draw(st.binary(min_size=1, max_size=1).filter(lambda b: b not in (b"0", b"\0")))
        members[k] = craft.member(body[k][0], body[k][1], kind=kind)
    if "header-byte" in breakers:
        block = bytearray(members[k])
        where = draw(st.integers(0, 511).filter(lambda p: not 148 <= p < 156))
        block[where] ^= draw(st.integers(1, 255))
        members[k] = bytes(block)
    if "member-duplicated" in breakers:
        members.insert(draw(st.integers(0, len(members))), members[k])
    if "member-unlisted" in breakers:
        name = draw(_NAMES.filter(lambda n: len(n.encode()) <= 100))
        members.insert(draw(st.integers(0, len(members))), craft.member(name, draw(st.binary())))
    if "member-dropped" in breakers:
        del members[k]
    head = [craft.member(MANIFEST, raw), craft.member(SIGNATURE, signature)]
    if "order" in breakers:
        how = draw(st.sampled_from(["swap", "file-first", "signature-late"]))
        if how == "swap":
            head.reverse()
        elif how == "file-first":
            head.insert(0, members.pop(0))
        else:
            members.insert(draw(st.integers(1, len(members))), head.pop())  # after a file
    tar_bytes = craft.tar([*head, *members])
    if "tar-truncated" in breakers:
        tar_bytes = tar_bytes[: draw(st.integers(0, len(tar_bytes) - 1))]
    return tar_bytes, breakers


def _different_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    how = draw(st.sampled_from(["flip", "shorter", "longer", "random"]))
    if how == "flip" and data:
        pos = draw(st.integers(0, len(data) - 1))
        return data[:pos] + bytes([data[pos] ^ draw(st.integers(1, 255))]) + data[pos + 1 :]
    if how == "shorter" and data:
        return data[: draw(st.integers(0, len(data) - 1))]
    if how == "longer":
        return data + draw(st.binary(min_size=1, max_size=600))
    new = draw(st.binary(max_size=600))
    return new if new != data else new + b"\0"


def _compressed(draw: st.DrawFn, tar_bytes: bytes, breakers: list[str]) -> bytes:
    if "not-compressed" in breakers:
        return tar_bytes
    how = draw(st.sampled_from(["default", "no-checksum", "raw-blocks", "level-19"]))
    if how == "raw-blocks":
        return craft.zstd_frame([tar_bytes])
    if how == "level-19":
        import zstandard

        return zstandard.ZstdCompressor(level=19, write_checksum=True).compress(tar_bytes)
    return craft.compress(tar_bytes, checksum=how == "default")


def test_random_plaintexts_in_a_correct_age_layer_are_refused_cleanly(
    record_property: Any,
) -> None:
    e = env()
    start = time.perf_counter()
    used: Counter[str] = Counter()

    @_settings("inner")
    @given(inner_plaintext(), st.data())
    def run(plain: tuple[bytes, list[str]], data: st.DataObject) -> None:
        tar_bytes, breakers = plain
        used.update(breakers)
        payload = _compressed(data.draw, tar_bytes, breakers)
        out = io.BytesIO()
        age.encrypt(e.crafter.recipients, io.BytesIO(payload), out)
        check_import("inner", e, out.getvalue(), may_succeed=False)

    run()
    record_property("inner_breakers", json.dumps(dict(used)))
    print(f"\ninner breakers used: {dict(used)}")
    report("inner", record_property, time.perf_counter() - start)
    assert set(used) == set(_BREAKERS)
    # The inner checks were reached: refusals past the age layer and the signature.
    deep = {"invalid-revision", "invalid-manifest", "tampered", "invalid", "damaged"}
    assert len(deep & set(OUTCOMES["inner"])) >= 4, OUTCOMES["inner"]


@pytest.fixture(autouse=True, scope="module")
def _print_totals() -> Any:
    yield
    if COUNTS:
        print(
            f"\nfuzz examples per test: {dict(COUNTS)}, total {sum(COUNTS.values())} "
            f"({sum(MODIFIED.values())} damaged or hostile)"
        )
