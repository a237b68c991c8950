"""`bundle inspect`: what a bundle reveals without keys, and its manifest with them.

Without a matching identity only the outer age layer can be read: size, recipient count and
types — by design nothing about the device, places or the number of reports. With one, the
manifest is decrypted and its signature checked; nothing is imported or written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, cast

import zstandard

from fieldreport.bundle import manifest as manifest_mod
from fieldreport.bundle.errors import BundleError
from fieldreport.bundle.layout import MANIFEST, MAX_MANIFEST_BYTES, SIGNATURE, ZSTD_MAX_WINDOW
from fieldreport.bundle.tarstream import TarFormatError, iter_members
from fieldreport.crypto import age
from fieldreport.crypto.age import header as age_header
from fieldreport.crypto.age.armor import ArmorReader
from fieldreport.crypto.age.armor import detect as detect_armor
from fieldreport.crypto.age.source import Source
from fieldreport.crypto.minisign import MinisignError, PublicKey


def outer(path: Path) -> dict[str, Any]:
    """The age layer: readable by anyone holding the file."""
    info: dict[str, Any] = {"file": str(path), "size": path.stat().st_size}
    with path.open("rb") as raw:
        source = Source(raw)
        try:
            armored = detect_armor(source)
            if armored:
                source = Source(ArmorReader(source))
            hdr = age_header.parse(source)
        except age.AgeError as exc:
            raise BundleError(
                f"not an age file, so not a bundle ({exc})", reason="damaged"
            ) from None
    types = sorted({s.type for s in hdr.stanzas})
    info.update(
        {
            "format": "age-encryption.org/v1",
            "armored": armored,
            "recipients": len(hdr.stanzas),
            "recipient_types": types,
        }
    )
    return info


def inside(
    path: Path, identity: age.Identity, key_for_device: Callable[[str], PublicKey]
) -> dict[str, Any]:
    """The manifest and the signature's status, if `identity` can open the bundle."""
    with path.open("rb") as raw:
        try:
            decrypted = age.open_decrypt([identity], raw)
        except age.AgeNoMatchError:
            return {"addressed_to_this_identity": False}
        except age.AgeError as exc:
            raise BundleError(f"the bundle's header is damaged ({exc})", reason="damaged") from None
        try:
            reader = zstandard.ZstdDecompressor(max_window_size=ZSTD_MAX_WINDOW).stream_reader(
                cast(IO[bytes], decrypted)
            )
            members = iter_members(reader)
            first = next(members, None)
            if not first or first[0].name != MANIFEST or first[0].size > MAX_MANIFEST_BYTES:
                raise BundleError("the bundle does not start with its manifest", reason="invalid")
            raw_manifest = first[1].read_all()  # before advancing: the next member follows it
            second = next(members, None)
            signature = b""
            if second and second[0].name == SIGNATURE and second[0].size < 16384:
                signature = second[1].read_all()
        except (age.AgeError, zstandard.ZstdError, TarFormatError) as exc:
            raise BundleError(f"the bundle is damaged ({exc})", reason="damaged") from None
    device_id = manifest_mod.peek_device_id(raw_manifest)
    try:
        key = key_for_device(device_id)
        key.verify(raw_manifest, signature.decode("utf-8", errors="replace"))
        status = "valid"
    except BundleError as exc:
        status = exc.reason
    except MinisignError:
        status = "invalid"
    doc: dict[str, Any] = {"addressed_to_this_identity": True, "signature": status}
    try:
        doc["manifest"] = manifest_mod.parse(raw_manifest).to_json()
    except BundleError as exc:
        doc["manifest_error"] = str(exc)
    return doc
