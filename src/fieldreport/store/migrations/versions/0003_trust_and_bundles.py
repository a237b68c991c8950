"""trusted devices and the bundle log

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_str = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "trusted_device",
        sa.Column("device_id", _str(), nullable=False),
        sa.Column("name", _str(), nullable=False),
        sa.Column("role", _str(), nullable=False),
        sa.Column("signing_key", _str(), nullable=False),
        sa.Column("recipient", _str(), nullable=False),
        sa.Column("fingerprint", _str(), nullable=False),
        sa.Column("source", _str(), nullable=False),
        sa.Column("added_at", _str(), nullable=False),
        sa.Column("revoked_at", _str(), nullable=True),
        sa.Column("last_sequence", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("device_id"),
    )
    op.create_table(
        "bundle",
        sa.Column("id", _str(), nullable=False),
        sa.Column("direction", _str(), nullable=False),
        sa.Column("device_id", _str(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("sha256", _str(), nullable=False),
        sa.Column("previous", _str(), nullable=True),
        sa.Column("created_at", _str(), nullable=False),
        sa.Column("recorded_at", _str(), nullable=False),
        sa.Column("revisions", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("missing_before", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("bundle", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bundle_device_id"), ["device_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_bundle_direction"), ["direction"], unique=False)
        batch_op.create_index(batch_op.f("ix_bundle_sha256"), ["sha256"], unique=False)


def downgrade() -> None:
    op.drop_table("bundle")
    op.drop_table("trusted_device")
