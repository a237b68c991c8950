"""sync: advisories received from HQ through the relay

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_str = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    op.create_table(
        "advisory",
        sa.Column("advisory_id", _str(), nullable=False),
        sa.Column("severity", _str(), nullable=False),
        sa.Column("title", _str(), nullable=False),
        sa.Column("body", _str(), nullable=False),
        sa.Column("published_at", _str(), nullable=False),
        sa.Column("received_at", _str(), nullable=False),
        sa.Column("read_at", _str(), nullable=True),
        sa.Column("document", _str(), nullable=False),
        sa.PrimaryKeyConstraint("advisory_id"),
    )
    with op.batch_alter_table("advisory", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_advisory_severity"), ["severity"], unique=False)


def downgrade() -> None:
    op.drop_table("advisory")
