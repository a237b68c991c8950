"""What a bundle holds and the limits an importer enforces before trusting anything.

The plaintext inside the age file is a zstd-compressed tar of regular files:
    manifest.json           the signed description of everything else
    manifest.json.minisig   minisign signature of manifest.json by the device key
    reports/<revision id>.json
    attachments/<sha256 of the plaintext>
"""

from __future__ import annotations

import re

FORMAT = "fieldreport-bundle/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.minisig"
REPORT_DIR = "reports/"
ATTACHMENT_DIR = "attachments/"
EXTENSION = ".frb"

REPORT_PATH = re.compile(
    r"^reports/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.json$"
)
ATTACHMENT_PATH = re.compile(r"^attachments/[0-9a-f]{64}$")

# Caps: checked as the stream is read, so a hostile bundle is refused early and memory stays
# bounded whatever it claims.
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_SIGNATURE_BYTES = 10 * 1024
MAX_REPORT_BYTES = 1024 * 1024
MAX_ENTRIES = 200_000
MAX_ATTACHMENT_BYTES = 2 * 1024**3
MAX_TOTAL_BYTES = 16 * 1024**3  # all entries together, uncompressed
MAX_BUNDLE_FILE_BYTES = 16 * 1024**3
ZSTD_MAX_WINDOW = 1 << 23  # 8 MiB: the decompressor's memory is bounded by this
TAR_OVERHEAD_PER_ENTRY = 1024  # header + padding allowance when bounding the decompressed size
ZSTD_LEVEL = 1  # what the tar | zstd -1 | age baseline uses: same size here, faster


def report_path(revision_id: str) -> str:
    return f"{REPORT_DIR}{revision_id}.json"


def attachment_path(sha256: str) -> str:
    return f"{ATTACHMENT_DIR}{sha256}"
