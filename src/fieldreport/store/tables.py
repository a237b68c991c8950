"""SQLAlchemy Core handles on the model tables, for the hot paths (one statement each)."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table

from fieldreport.store import models

REPORT = cast(Table, models.Report.__table__)
REVISION = cast(Table, models.Revision.__table__)
OUTBOX = cast(Table, models.Outbox.__table__)
ATTACHMENT = cast(Table, models.Attachment.__table__)
DEVICE = cast(Table, models.Device.__table__)
SETTING = cast(Table, models.Setting.__table__)
DRAFT = cast(Table, models.Draft.__table__)
