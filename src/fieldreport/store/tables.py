"""SQLAlchemy Core handles on the model tables, for the hot paths (one statement each)."""

from __future__ import annotations

from sqlalchemy import Table
from sqlmodel import SQLModel

from fieldreport.store import models as _models  # noqa: F401  (registers the tables)


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


REPORT = _table("report")
REVISION = _table("revision")
OUTBOX = _table("outbox")
ATTACHMENT = _table("attachment")
DEVICE = _table("device")
SETTING = _table("setting")
DRAFT = _table("draft")
TRUSTED_DEVICE = _table("trusted_device")
BUNDLE = _table("bundle")
REVIEW = _table("review")
ADVISORY = _table("advisory")
