"""The relay's tables (SQLAlchemy Core, the same on SQLite and PostgreSQL).

Nothing here can decrypt a bundle: devices' public keys, bundle hashes and sizes, who wrote
and who must fetch what, signed receipts and advisories (their signatures are checked by the
devices, not trusted because they come from here).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

device = Table(
    "device",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("name", String(200), nullable=False),
    Column("role", String(32), nullable=False),
    Column("signing_key", String(128), nullable=False),
    Column("recipient", Text, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("enrolled_at", BigInteger, nullable=False),
    Column("revoked_at", BigInteger, nullable=True),
    Column("last_contact_at", BigInteger, nullable=True),
)

# Every signed request's nonce, kept for the clock window: the replay cache, shared by all
# workers and app servers, and the per-device request count for the rate limit.
nonce = Table(
    "nonce",
    metadata,
    Column("device_id", String(36), primary_key=True),
    Column("nonce", String(32), primary_key=True),
    Column("seen_at", BigInteger, nullable=False),
    Index("ix_nonce_seen", "device_id", "seen_at"),
)

upload = Table(
    "upload",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("uploaded_by", String(36), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", BigInteger, nullable=False),
    Column("received", BigInteger, nullable=False),
    Column("author", String(36), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("state", String(16), nullable=False),  # open → stored | discarded
    Column("created_at", BigInteger, nullable=False),
    Column("updated_at", BigInteger, nullable=False),
    UniqueConstraint("uploaded_by", "sha256", name="uq_upload_uploader_sha"),
)

bundle = Table(
    "bundle",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("author", String(36), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("uploaded_by", String(36), nullable=False),
    Column("stored_at", BigInteger, nullable=False),
    UniqueConstraint("author", "sequence", name="uq_bundle_author_sequence"),
)

mailbox = Table(
    "mailbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("device_id", String(36), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("queued_at", BigInteger, nullable=False),
    Column("acked_at", BigInteger, nullable=True),
    Column("outcome", String(16), nullable=True),
    UniqueConstraint("device_id", "sha256", name="uq_mailbox_device_sha"),
    Index("ix_mailbox_open", "device_id", "acked_at"),
)

receipt = Table(
    "receipt",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("sha256", String(64), nullable=False),
    Column("for_device", String(36), nullable=False),
    Column("by_device", String(36), nullable=False),
    Column("document", Text, nullable=False),
    Column("posted_at", BigInteger, nullable=False),
    UniqueConstraint("sha256", "by_device", name="uq_receipt_sha_by"),
    Index("ix_receipt_for", "for_device", "id"),
)

advisory = Table(
    "advisory",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("advisory_id", String(36), nullable=False, unique=True),
    Column("severity", String(16), nullable=False),
    Column("document", Text, nullable=False),
    Column("published_at", BigInteger, nullable=False),
)
