"""Alembic environment: always run on a connection the store opened (SQLCipher, keyed)."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import fieldreport.store.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from fieldreport.store.migrate import include_object

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    include_object=include_object,
)
with context.begin_transaction():
    context.run_migrations()
