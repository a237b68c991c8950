"""Bundles and signed JSON opened with standard tools only, as docs/bundle-format.md says.

The recipes of the document's section 10 (the ```sh blocks starting `# recipe: NAME`) are run
exactly as written, with the real `age`, `zstd`, `tar`, `minisign` and `sha256sum`; `python3`
in them is this interpreter (standard library only). So the document cannot drift from what
works. Debian's age 1.1.1 reads X25519 only: these tests use the X25519 `pair`.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import zstandard

from fieldreport.bundle import inspect
from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.importer import import_bundle
from fieldreport.bundle.layout import ZSTD_MAX_WINDOW
from fieldreport.crypto.minisign import SigningKey
from fieldreport.trust.profile import build_profile
from tests.bundle.conftest import Pair
from tests.conftest import REPO
from tests.tooling import require_tool

pytestmark = [
    pytest.mark.needs_tool("age"),
    pytest.mark.needs_tool("zstd"),
    pytest.mark.needs_tool("minisign"),
]

DOC = REPO / "docs" / "bundle-format.md"
TOOLS = ("age", "zstd", "tar", "minisign", "sha256sum", "bash")


def recipes() -> dict[str, str]:
    text = DOC.read_text("utf-8")
    return {
        name: body for body, name in re.findall(r"```sh\n(# recipe: ([\w-]+)\n.*?)```", text, re.S)
    }


@dataclass
class Exported:
    pair: Pair
    bundle: Path
    identity: Path
    recipient: str
    device_key: str
    bin: Path  # holds `python3`, this interpreter

    def env(self, extra: Mapping[str, str]) -> dict[str, str]:
        return {**os.environ, "PATH": f"{self.bin}{os.pathsep}{os.environ['PATH']}", **extra}

    def recipe(self, name: str, cwd: Path, **variables: str) -> subprocess.CompletedProcess[str]:
        """Run one of the document's recipes, failing on the first failing command."""
        script = "set -euo pipefail\n" + recipes()[name]
        return subprocess.run(
            ["bash", "-c", script],
            cwd=cwd,
            env=self.env(variables),
            capture_output=True,
            text=True,
            timeout=120,
        )

    def shell(self, script: str, cwd: Path, **variables: str) -> bytes:
        done = subprocess.run(
            ["bash", "-c", "set -euo pipefail\n" + script],
            cwd=cwd,
            env=self.env(variables),
            capture_output=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        return done.stdout

    def unpack(self, dest: Path) -> dict[str, Any]:
        dest.mkdir()
        self.shell(
            'age -d -i "$IDENTITY" "$BUNDLE" | zstd -d | tar -x',
            dest,
            IDENTITY=str(self.identity),
            BUNDLE=str(self.bundle),
        )
        manifest: dict[str, Any] = json.loads((dest / "manifest.json").read_bytes())
        return manifest


@pytest.fixture
def exported(pair: Pair, tmp_path: Path) -> Exported:
    for tool in TOOLS:
        require_tool(tool)
    pair.add_reports(2, attachment_size=3000)  # 4 revisions (add + attach each), 2 files
    bundle = pair.export()
    identity = tmp_path / "identity.txt"
    identity.write_text(pair.coordinator.identity_file_text())
    identity.chmod(0o600)
    shim = tmp_path / "bin"
    shim.mkdir()
    (shim / "python3").write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    (shim / "python3").chmod(0o755)
    return Exported(
        pair,
        bundle,
        identity,
        pair.coordinator.device.recipient_string,
        pair.field.device.signing_key_string,
        shim,
    )


def _files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


# ---- opening a bundle --------------------------------------------------------------------------


def test_the_open_bundle_recipe_unpacks_and_verifies_exactly_the_listed_files(
    exported: Exported, tmp_path: Path
) -> None:
    out = tmp_path / "open"
    out.mkdir()
    done = exported.recipe(
        "open-bundle",
        out,
        IDENTITY=str(exported.identity),
        BUNDLE=str(exported.bundle),
        DEVICE_KEY=exported.device_key,
    )
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "manifest.json").read_bytes())
    paths = [e["path"] for e in manifest["entries"]]
    assert len(paths) == 6 and len(manifest["revisions"]) == 4
    assert "Signature and comment signature verified" in done.stdout
    assert (
        f"Trusted comment: fieldreport-bundle/1 bundle:{manifest['bundle_id']} "
        f"device:{manifest['device_id']} seq:1"
    ) in done.stdout
    assert sorted(re.findall(r"^(\S+): OK$", done.stdout, re.M)) == sorted(paths)

    # Exactly these files, nothing else; sizes and hashes as listed; owner-only.
    assert _files(out) == {"manifest.json", "manifest.json.minisig", *paths}
    assert {p.name for p in out.iterdir() if p.is_dir()} == {"reports", "attachments"}
    for entry in manifest["entries"]:
        data = (out / entry["path"]).read_bytes()
        assert len(data) == entry["size"]
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert (out / entry["path"]).stat().st_mode & 0o777 == 0o600
    assert [p for p in paths if p.startswith("reports/")] == [
        f"reports/{r}.json" for r in manifest["revisions"]
    ]

    # The tar's own order: manifest, signature, then the entries as listed.
    listing = exported.shell(
        'age -d -i "$IDENTITY" "$BUNDLE" | zstd -d | tar -t',
        tmp_path,
        IDENTITY=str(exported.identity),
        BUNDLE=str(exported.bundle),
    )
    assert listing.decode().splitlines() == ["manifest.json", "manifest.json.minisig", *paths]


def test_the_open_bundle_recipe_fails_on_another_key(exported: Exported, tmp_path: Path) -> None:
    out = tmp_path / "open"
    out.mkdir()
    done = exported.recipe(
        "open-bundle",
        out,
        IDENTITY=str(exported.identity),
        BUNDLE=str(exported.bundle),
        DEVICE_KEY=exported.pair.coordinator.device.signing_key_string,
    )
    assert done.returncode != 0
    assert "OK" not in done.stdout


def test_the_open_bundle_recipe_catches_a_file_changed_inside(
    exported: Exported, tmp_path: Path
) -> None:
    """A bundle re-sealed with one attachment byte changed: minisign passes, sha256sum not."""
    work = tmp_path / "work"
    manifest = exported.unpack(work)
    victim = next(e["path"] for e in manifest["entries"] if e["path"].startswith("attachments/"))
    data = bytearray((work / victim).read_bytes())
    data[100] ^= 0x01
    (work / victim).write_bytes(bytes(data))
    forged = tmp_path / "forged.frb"
    exported.shell(
        "tar --format=ustar -cf - manifest.json manifest.json.minisig reports/* attachments/*"
        ' | zstd -q | age -r "$RECIPIENT" > "$OUT"',
        work,
        RECIPIENT=exported.recipient,
        OUT=str(forged),
    )
    out = tmp_path / "open"
    out.mkdir()
    done = exported.recipe(
        "open-bundle",
        out,
        IDENTITY=str(exported.identity),
        BUNDLE=str(forged),
        DEVICE_KEY=exported.device_key,
    )
    assert done.returncode != 0
    assert "Signature and comment signature verified" in done.stdout
    assert f"{victim}: FAILED" in done.stdout
    with pytest.raises(BundleError) as refused:
        import_bundle(exported.pair.coordinator, forged)
    assert refused.value.reason == "tampered"


def test_the_entries_jq_recipe_checks_every_file(exported: Exported, tmp_path: Path) -> None:
    if shutil.which("jq") is None:
        pytest.skip("jq is not installed (optional: the document's Python recipe is the main one)")
    out = tmp_path / "open"
    manifest = exported.unpack(out)
    done = exported.recipe("entries-jq", out)
    assert done.returncode == 0, done.stderr
    assert len(re.findall(r": OK$", done.stdout, re.M)) == len(manifest["entries"])


def test_minisign_needs_the_signature_beside_the_manifest(
    exported: Exported, tmp_path: Path
) -> None:
    out = tmp_path / "open"
    exported.unpack(out)
    minisign = require_tool("minisign")
    verify = [minisign, "-V", "-P", exported.device_key, "-m", "manifest.json"]
    assert subprocess.run(verify, cwd=out, capture_output=True).returncode == 0
    (out / "manifest.json").write_bytes((out / "manifest.json").read_bytes() + b" ")
    assert subprocess.run(verify, cwd=out, capture_output=True).returncode != 0
    (out / "manifest.json.minisig").unlink()
    assert subprocess.run(verify, cwd=out, capture_output=True).returncode != 0


def test_the_content_hash_recipe_recomputes_every_revision(
    exported: Exported, tmp_path: Path
) -> None:
    out = tmp_path / "open"
    manifest = exported.unpack(out)
    done = exported.recipe("content-hash", out)
    assert done.returncode == 0, done.stderr
    assert len(re.findall(r" OK$", done.stdout, re.M)) == len(manifest["revisions"]) == 4

    # The revision files say what section 6 says, and the importer agrees with the hashes.
    fields = {"format", "id", "report_id", "number", "device_id", "created_at"}
    for revision_id in manifest["revisions"]:
        doc = json.loads((out / f"reports/{revision_id}.json").read_bytes())
        assert set(doc) == fields | {"content_hash", "body"}
        assert doc["format"] == "fieldreport-revision/1" and doc["id"] == revision_id
        assert doc["device_id"] == manifest["device_id"]
        assert doc["body"]["id"] == doc["report_id"]
        assert doc["body"]["revision"] == doc["number"]
        assert "status" not in doc["body"]
    result = import_bundle(exported.pair.coordinator, exported.bundle)
    assert result.new_revisions == 4
    for report in exported.pair.coordinator.list_reports():
        shown = exported.pair.coordinator.get_report(report["id"])
        for revision in shown["revisions"]:
            doc = json.loads((out / f"reports/{revision['id']}.json").read_bytes())
            assert revision["sha256"] == doc["content_hash"]

    # One changed word in a body and the recipe says so.
    first = out / f"reports/{manifest['revisions'][0]}.json"
    doc = json.loads(first.read_bytes())
    doc["body"]["title"] = doc["body"]["title"] + "!"
    first.write_text(json.dumps(doc, ensure_ascii=False, sort_keys=True))
    done = exported.recipe("content-hash", out)
    assert done.returncode != 0
    assert f"reports/{manifest['revisions'][0]}.json MISMATCH" in done.stdout


# ---- the layers, byte by byte ------------------------------------------------------------------


def test_the_zstd_frame_and_tar_headers_are_as_documented(
    exported: Exported, tmp_path: Path
) -> None:
    compressed = exported.shell(
        'age -d -i "$IDENTITY" "$BUNDLE"',
        tmp_path,
        IDENTITY=str(exported.identity),
        BUNDLE=str(exported.bundle),
    )
    params = zstandard.get_frame_parameters(compressed)
    assert params.has_checksum and params.dict_id == 0
    assert 0 < params.window_size <= ZSTD_MAX_WINDOW  # what every reader may rely on
    assert params.content_size == zstandard.CONTENTSIZE_UNKNOWN
    (tmp_path / "plain.zst").write_bytes(compressed)
    subprocess.run([require_tool("zstd"), "-q", "-t", "plain.zst"], cwd=tmp_path, check=True)

    first = zstandard.ZstdDecompressor().decompressobj()
    tar = first.decompress(compressed)
    rest = first.unused_data
    while rest:  # only empty frames may follow the one that holds the tar
        more = zstandard.ZstdDecompressor().decompressobj()
        assert more.decompress(rest) == b""
        rest = more.unused_data

    offset, names = 0, []
    while tar[offset : offset + 512] != b"\0" * 512:
        block = tar[offset : offset + 512]
        name = block[:100].rstrip(b"\0").decode("ascii")
        names.append(name)
        assert block[100:108] == b"0000600\0"
        assert block[108:116] == block[116:124] == b"0000000\0"
        size = int(block[124:135], 8)
        assert block[135:136] == block[147:148] == b"\0"
        assert block[156:157] == b"0"
        assert block[257:265] == b"ustar\x0000"
        assert block[157:257] == bytes(100) and block[265:512] == bytes(247)
        summed = sum(block[:148]) + 8 * 32 + sum(block[156:])
        assert block[148:156] == f"{summed:06o}".encode() + b"\0 "
        data_end = offset + 512 + size
        assert tar[data_end : data_end + (-size % 512)] == bytes(-size % 512)
        offset = data_end + (-size % 512)
    assert tar[offset:] == bytes(1024)  # the end-of-archive marker and nothing after it
    assert names[:2] == ["manifest.json", "manifest.json.minisig"]
    assert all(
        re.fullmatch(r"reports/[0-9a-f-]{36}\.json|attachments/[0-9a-f]{64}", n) for n in names[2:]
    )


def test_the_manifest_is_canonical_json_with_a_newline(exported: Exported, tmp_path: Path) -> None:
    out = tmp_path / "open"
    manifest = exported.unpack(out)
    raw = (out / "manifest.json").read_bytes()
    canonical = json.dumps(manifest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert raw == (canonical + "\n").encode()
    assert set(manifest) == {
        "format",
        "bundle_id",
        "device_id",
        "sequence",
        "previous",
        "created_at",
        "entries",
        "revisions",
    }
    assert manifest["format"] == "fieldreport-bundle/1"
    assert manifest["sequence"] == 1 and manifest["previous"] is None
    assert manifest["device_id"] == exported.pair.field.device.device_id

    # The next bundle names this one's file hash as `previous`.
    exported.pair.add_reports(1)
    second = exported.pair.export("second.frb")
    exported.bundle = second
    nxt = exported.unpack(tmp_path / "second")
    assert nxt["sequence"] == 2
    assert nxt["previous"] == hashlib.sha256((exported.pair.tmp / "b.frb").read_bytes()).hexdigest()


@pytest.mark.parametrize(("which", "stanza"), [("pair", "X25519"), ("pq_pair", "mlkem768x25519")])
def test_recipients_are_of_one_kind(
    which: str, stanza: str, request: pytest.FixtureRequest
) -> None:
    p: Pair = request.getfixturevalue(which)
    p.add_reports(1)
    bundle = p.export()
    outer = inspect.outer(bundle)
    assert outer["recipient_types"] == [stanza] and outer["armored"] is False
    assert bundle.read_bytes().startswith(f"age-encryption.org/v1\n-> {stanza} ".encode())


# ---- re-packing with GNU tar -------------------------------------------------------------------

REPACKS = {
    # The brief's command: GNU tar adds `reports/` and `attachments/` directory entries.
    "folders": ("reports attachments", "folder"),
    # The files listed: regular files only, padded with NULs to a 10,240-byte record, which
    # the reader allows after the end-of-archive marker; owner names and modes are ignored.
    "files": ("reports/* attachments/*", None),
}


@pytest.mark.parametrize("case", list(REPACKS))
def test_a_bundle_resealed_with_gnu_tar(exported: Exported, tmp_path: Path, case: str) -> None:
    """Section 3: with directory entries it is refused (a BundleError, not a crash, and the
    store is unchanged); with the files listed it imports."""
    files, refusal = REPACKS[case]
    work = tmp_path / "work"
    exported.unpack(work)
    resealed = tmp_path / f"{case}.frb"
    exported.shell(
        f"tar --format=ustar -cf - manifest.json manifest.json.minisig {files}"
        ' | zstd -q | age -r "$RECIPIENT" > "$OUT"',
        work,
        RECIPIENT=exported.recipient,
        OUT=str(resealed),
    )
    listing = exported.shell(
        'age -d -i "$IDENTITY" "$IN" | zstd -d | tar -t',
        tmp_path,
        IDENTITY=str(exported.identity),
        IN=str(resealed),
    ).decode()
    assert ("reports/" in listing.splitlines()) == (case == "folders")
    if case == "files":  # GNU tar's record padding really is there
        tar = exported.shell(
            'age -d -i "$IDENTITY" "$IN" | zstd -d',
            tmp_path,
            IDENTITY=str(exported.identity),
            IN=str(resealed),
        )
        assert len(tar) % 10240 == 0 and tar.endswith(bytes(2048))
    store = exported.pair.coordinator
    if refusal is not None:
        with pytest.raises(BundleError) as refused:
            import_bundle(store, resealed)
        assert refused.value.reason == "invalid"
        assert refusal in str(refused.value)
        assert store.count_reports() == 0
        folder = store.layout.attachments
        assert not folder.exists() or not any(folder.iterdir())
        assert import_bundle(store, exported.bundle).status == "imported"  # the original does
        return
    result = import_bundle(store, resealed)
    assert result.status == "imported"
    assert (result.new_revisions, result.attachments) == (4, 2)
    assert result.receipt["bundle_sha256"] == hashlib.sha256(resealed.read_bytes()).hexdigest()
    # Same bundle id, another file: the original is now refused rather than merged.
    with pytest.raises(BundleError) as refused:
        import_bundle(store, exported.bundle)
    assert refused.value.reason == "conflict"
    assert import_bundle(store, resealed).status == "duplicate"


# ---- signed JSON documents ---------------------------------------------------------------------


def _signed_documents(exported: Exported) -> dict[str, tuple[dict[str, Any], str, str]]:
    """kind → (document, the file's text as the program writes it, the signer's key)."""
    field, coordinator = exported.pair.field, exported.pair.coordinator
    request = field.enrolment_request()
    receipt = import_bundle(coordinator, exported.bundle).receipt
    hq = SigningKey.generate()
    profile = build_profile(
        key=hq,
        organisation="Organisation d’aide — Sahel ✓",
        serial=3,
        recipients=[coordinator.device.recipient_string],
        server_url="https://relay.example.org",
        issued_at="2026-11-20T10:00:00+00:00",
        policy={"auto_lock_minutes": 10},
        devices=[{k: v for k, v in request.items() if k not in ("format", "signature")}],
    )
    return {
        # `fieldreport device request`: indent=2, UTF-8 as is
        "enrolment-request": (
            request,
            json.dumps(request, indent=2, ensure_ascii=False) + "\n",
            field.device.signing_key_string,
        ),
        # `fieldreport bundle import`: indent=2, non-ASCII as \u escapes
        "receipt": (
            receipt,
            json.dumps(receipt, indent=2) + "\n",
            coordinator.device.signing_key_string,
        ),
        "profile": (
            profile,
            json.dumps(profile, indent=2, ensure_ascii=False) + "\n",
            hq.public_key().to_string(),
        ),
    }


EDITS: dict[str, tuple[str, Any]] = {
    "enrolment-request": ("name", "someone else"),
    "receipt": ("revisions", []),
    "profile": ("serial", 4),
}


@pytest.mark.parametrize("kind", ["enrolment-request", "receipt", "profile"])
@pytest.mark.parametrize("how", ["signed-json", "signed-json-jq"])
def test_a_signed_json_document_verifies_with_minisign(
    exported: Exported, tmp_path: Path, kind: str, how: str
) -> None:
    if how.endswith("-jq") and shutil.which("jq") is None:
        pytest.skip("jq is not installed (optional: the document's Python recipe is the main one)")
    doc, text, key = _signed_documents(exported)[kind]
    assert doc["format"] == f"fieldreport-{kind}/1"
    path = tmp_path / f"{kind}.json"
    path.write_text(text, encoding="utf-8")
    done = exported.recipe(how, tmp_path, DOC=path.name, KEY=key)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "Signature and comment signature verified" in done.stdout
    comment = doc["signature"].splitlines()[2].removeprefix("trusted comment: ")
    assert f"Trusted comment: {comment}" in done.stdout
    assert (tmp_path / f"{kind}.json.body").read_bytes() == json.dumps(
        {k: v for k, v in doc.items() if k != "signature"},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    ).encode()

    # Another value in any member and the signature no longer holds.
    edited = json.loads(text)
    member, value = EDITS[kind]
    assert member in edited and edited[member] != value
    edited[member] = value
    path.write_text(json.dumps(edited, indent=2), encoding="utf-8")
    assert exported.recipe(how, tmp_path, DOC=path.name, KEY=key).returncode != 0


def test_the_signed_json_recipe_rejects_another_signer(exported: Exported, tmp_path: Path) -> None:
    doc, text, _key = _signed_documents(exported)["receipt"]
    path = tmp_path / "receipt.json"
    path.write_text(text, encoding="utf-8")
    other = exported.pair.field.device.signing_key_string
    done = exported.recipe("signed-json", tmp_path, DOC=path.name, KEY=other)
    assert done.returncode != 0
    assert doc["by_signing_key"] != other


def test_every_recipe_of_the_document_is_tested() -> None:
    assert set(recipes()) == {
        "open-bundle",
        "entries-jq",
        "content-hash",
        "signed-json",
        "signed-json-jq",
    }
