"""The tables of the encrypted store (SQLModel). Alembic migrations create them.

Reports are kept twice on purpose: `revision` is the append-only history (hash-chained, what
bundles carry), `report` is the current state of each incident with the columns the list,
the filters and sorting need. The full report document is JSON in `body`; the columns are
derived from it in the same transaction.
"""

from __future__ import annotations

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class Device(SQLModel, table=True):
    """This installation's identity. One row. Secret keys live only here, inside SQLCipher."""

    id: int = Field(default=1, primary_key=True)
    device_id: str
    name: str
    role: str
    key_type: str  # "pq" (mlkem768x25519) or "x25519"
    signing_seed: bytes  # Ed25519 seed (32 bytes)
    signing_key_id: bytes  # minisign key id (8 bytes)
    age_identity: str  # AGE-SECRET-KEY-…
    created_at: str


class Report(SQLModel, table=True):
    # The list index covers the sort key and every filter column, so a page of results is
    # found from the index alone (full-text membership is tested on its rowid) and only the
    # rows of that page are read. See search.py.
    __table_args__ = (
        Index(
            "ix_report_list",
            "occurred_ts",
            "severity",
            "event_type",
            "adm1_pcode",
            "status",
            "device_id",
        ),
    )

    # An integer key that VACUUM never renumbers: the FTS table shares it as its rowid.
    num: int | None = Field(default=None, primary_key=True)
    id: str = Field(unique=True)
    revision: int
    status: str = Field(index=True)
    report_type: str
    parent_id: str | None = Field(default=None, index=True)
    title: str
    occurred_at: str
    occurred_ts: int  # epoch seconds, for sorting and date filters
    reported_at: str
    event_type: str
    sub_event_type: str
    severity: int
    location_name: str
    adm1_pcode: str | None = None
    lat: float | None = None
    lon: float | None = None
    sharing_level: str
    device_id: str  # the device that wrote the latest revision
    updated_at: str
    body: str  # JSON: the full report document


class Revision(SQLModel, table=True):
    """Append-only history. `seq` orders the local audit chain."""

    seq: int | None = Field(default=None, primary_key=True)
    id: str = Field(unique=True)
    report_id: str = Field(index=True)
    number: int
    device_id: str
    created_at: str
    body: str  # canonical JSON of the report at this revision
    content_hash: str  # sha256 of the canonical revision content (device independent)
    prev_chain: str  # chain_hash of the previous row ("0"*64 for the first)
    chain_hash: str  # sha256(prev_chain | seq | content_hash)


class Outbox(SQLModel, table=True):
    """What still has to reach HQ. Written in the same transaction as its revision."""

    id: int | None = Field(default=None, primary_key=True)
    revision_id: str = Field(unique=True, foreign_key="revision.id")
    state: str = Field(index=True)  # pending → bundled → sent → received
    attempts: int = 0
    last_error: str | None = None
    next_attempt_at: str | None = None
    bundle_id: str | None = None
    created_at: str
    updated_at: str


class Attachment(SQLModel, table=True):
    id: str = Field(primary_key=True)
    report_id: str = Field(index=True, foreign_key="report.id")
    name: str
    media_type: str
    size: int
    sha256: str  # of the plaintext
    blob: str  # random file name under attachments/ (reveals nothing)
    file_key: bytes  # 32-byte STREAM key of this file
    created_at: str


class Setting(SQLModel, table=True):
    key: str = Field(primary_key=True)
    value: str


class Draft(SQLModel, table=True):
    """Work in progress from the editor (autosaved), kept encrypted and recovered after a crash."""

    id: str = Field(primary_key=True)
    report_id: str | None = None  # set when the draft edits an existing report
    body: str  # JSON of the editor's fields, possibly incomplete or invalid
    updated_at: str


class TrustedDevice(SQLModel, table=True):
    """Devices whose signatures this store accepts: from `trust add` or the org profile."""

    __tablename__ = "trusted_device"

    device_id: str = Field(primary_key=True)
    name: str
    role: str
    signing_key: str  # minisign public key, RW…
    recipient: str  # age recipient
    fingerprint: str
    source: str  # "request" (trust add) or "profile"
    added_at: str
    revoked_at: str | None = None
    last_sequence: int = 0  # highest bundle sequence imported from this device


class BundleRecord(SQLModel, table=True):
    """Every bundle written here ("out") or imported here ("in")."""

    __tablename__ = "bundle"

    id: str = Field(primary_key=True)  # the manifest's bundle id
    direction: str = Field(index=True)
    device_id: str = Field(index=True)  # the author
    sequence: int
    sha256: str = Field(index=True)  # of the bundle file
    previous: str | None = None
    created_at: str
    recorded_at: str
    revisions: int
    size: int
    missing_before: int = 0  # bundles from this device that had not arrived (a sequence gap)


class Review(SQLModel, table=True):
    """A coordinator's review of one revision of a report: marked reviewed, or a comment.

    Kept on the coordinator's own store (not sent back to the author): append-only, one row
    per action, so the history of who looked at what stays readable.
    """

    id: str = Field(primary_key=True)
    report_id: str = Field(index=True, foreign_key="report.id")
    revision: int  # the revision number the reviewer saw
    device_id: str  # the reviewer's device
    reviewed: bool  # True: "reviewed" mark; False: a comment only
    comment: str = ""
    created_at: str


class AdvisoryRecord(SQLModel, table=True):
    """A security advisory from HQ, kept once its signature verified with the profile's HQ
    key (sync/advisories.py). `document` is the signed JSON, for re-checking later."""

    __tablename__ = "advisory"

    advisory_id: str = Field(primary_key=True)
    severity: str = Field(index=True)  # info, warning, critical
    title: str
    body: str
    published_at: str
    received_at: str
    read_at: str | None = None  # the GUI marks it read; a critical one pops up until then
    document: str
