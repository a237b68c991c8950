"""The store: one object the CLI, the GUI and the tests drive (no Qt, no HTTP).

Opening unlocks the key file (vault), opens SQLCipher with the data key, migrates to the
current schema, and loads this device's keys. Every write is one transaction.
"""

from __future__ import annotations

import contextlib
import mimetypes
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Connection, Engine, insert, select

from fieldreport.crypto.age import format_identity_file
from fieldreport.crypto.signed_json import sign_document
from fieldreport.errors import AlreadyInitialisedError, FieldReportError, NotFoundError
from fieldreport.ids import uuid7
from fieldreport.paths import StoreLayout
from fieldreport.store import device as device_keys
from fieldreport.store import drafts, kdf, migrate, reports, review, search, vault
from fieldreport.store.attachments import AttachmentFiles
from fieldreport.store.engine import make_engine
from fieldreport.store.tables import ATTACHMENT, DEVICE, REPORT, TRUSTED_DEVICE
from fieldreport.store.timeutil import utc_now

ENROLMENT_FORMAT = "fieldreport-enrolment-request/1"
MAX_ATTACHMENT_BYTES = 2 * 1024**3  # 2 GiB: a video from a phone, not a disk image


@dataclass(frozen=True)
class OpenInfo:
    """How the store was opened (for P3 figures and for the duress path)."""

    kdf_seconds: float
    after_duress: bool = False


class Store:
    def __init__(
        self, layout: StoreLayout, data_key: bytes, engine: Engine, info: OpenInfo
    ) -> None:
        self.layout = layout
        self._closed = False
        self._data_key = data_key  # needed to re-wrap on a passphrase change; dropped on close
        self.engine = engine
        self.open_info = info
        self.files = AttachmentFiles(layout.attachments)
        with engine.connect() as conn:
            row = conn.execute(select(DEVICE)).first()
        if row is None:
            raise FieldReportError("the store has no device keys; run 'fieldreport doctor'")
        self.device = device_keys.DeviceKeys.from_row(row)

    # ----- lifecycle -------------------------------------------------------------------------
    @classmethod
    def init(
        cls,
        data_dir: Path,
        passphrase: str,
        *,
        role: str = "field",
        key_type: str = "pq",
        name: str | None = None,
        kdf_params: kdf.KdfParams | None = None,
    ) -> Store:
        layout = StoreLayout(data_dir)
        if data_dir.exists() and not data_dir.is_dir():
            raise FieldReportError(f"{data_dir} is a file, not a folder; choose another --data-dir")
        if layout.exists():
            raise AlreadyInitialisedError(
                f"a store already exists in {data_dir}; use another --data-dir or 'wipe' it"
            )
        if any(p.exists() for p in layout.database_sidecars()):
            raise AlreadyInitialisedError(
                f"{data_dir} holds a database without a key file; move it away first"
            )
        keys = device_keys.generate(role, key_type, name)
        data_key = vault.create(layout, passphrase, kdf_params)
        engine = make_engine(layout.database, data_key, create=True)
        try:
            migrate.upgrade(engine)
            with engine.begin() as conn:
                conn.execute(insert(DEVICE).values(**keys.to_row()))
        except BaseException:
            engine.dispose()
            vault.crypto_erase(layout)
            raise
        return cls(layout, data_key, engine, OpenInfo(kdf_seconds=0.0))

    @classmethod
    def open(cls, data_dir: Path, passphrase: str) -> Store:
        layout = StoreLayout(data_dir)
        result = vault.unlock(layout, passphrase)
        if result.outcome is vault.UnlockOutcome.DURESS:
            # The keys are gone. Show what a new, empty store looks like, with the same KDF
            # cost as before so the next unlock takes just as long.
            old = result.kdf_params
            params = kdf.KdfParams(os.urandom(16), old.time_cost, old.memory_kib, old.lanes)
            store = cls.init(data_dir, passphrase, kdf_params=params)
            store.open_info = OpenInfo(kdf_seconds=result.kdf_seconds, after_duress=True)
            return store
        assert result.data_key is not None
        return cls._with_key(layout, result.data_key, result.kdf_seconds, migrate_first=True)

    @classmethod
    def for_helper(cls, data_dir: Path, data_key: bytes) -> Store:
        """The store, opened by a helper process with the key its unlocked parent sent it
        through a pipe (bundle/export_process.py); the parent has already migrated it."""
        return cls._with_key(StoreLayout(data_dir), data_key, 0.0, migrate_first=False)

    @classmethod
    def _with_key(
        cls, layout: StoreLayout, data_key: bytes, kdf_seconds: float, *, migrate_first: bool
    ) -> Store:
        engine = make_engine(layout.database, data_key)
        try:
            if migrate_first and migrate.current_revision(engine) != migrate.head_revision():
                migrate.upgrade(engine)
            return cls(layout, data_key, engine, OpenInfo(kdf_seconds=kdf_seconds))
        except BaseException:
            engine.dispose()
            raise

    def data_key_for_helper(self) -> bytes:
        """The data key, for a helper process of this program (sent through a pipe only)."""
        self._check_open()
        return self._data_key

    def close(self) -> None:
        self._closed = True
        self.engine.dispose()
        self._data_key = b""

    def _check_open(self) -> None:
        if self._closed:
            raise FieldReportError("the store is locked; unlock it again")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction, holding SQLite's write lock from its first statement."""
        self._check_open()
        with self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            with conn.begin():
                yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        self._check_open()
        with self.engine.connect() as conn, conn.begin():
            yield conn

    # ----- reports ---------------------------------------------------------------------------
    def add_report(self, data: Mapping[str, Any]) -> reports.SavedRevision:
        with self.write() as conn:
            return reports.create_report(conn, data, self.device.device_id)

    def update_report(self, report_id: str, data: Mapping[str, Any]) -> reports.SavedRevision:
        with self.write() as conn:
            full_id = reports.resolve_id(conn, report_id)
            return reports.revise_report(conn, full_id, self.device.device_id, changes=data)

    def list_reports(self, query: search.ReportQuery | None = None) -> list[dict[str, Any]]:
        with self.read() as conn:
            rows = search.list_rows(conn, query or search.ReportQuery())
        return [reports.report_document(r) for r in rows]

    def count_reports(self, query: search.ReportQuery | None = None) -> int:
        with self.read() as conn:
            return search.count(conn, query or search.ReportQuery())

    def get_report(self, report_id: str) -> dict[str, Any]:
        """One report with its revisions and attachments (contract: `report show`)."""
        with self.read() as conn:
            full_id = reports.resolve_id(conn, report_id)
            row = conn.execute(select(REPORT).where(REPORT.c.id == full_id)).one()
            doc = reports.report_document(row)
            doc["revisions"] = reports.revisions_of(conn, full_id)
            doc["attachments"] = reports.attachments_of(conn, full_id)
        return doc

    def finalise_draft(self, draft_id: str, data: Mapping[str, Any]) -> reports.SavedRevision:
        """Save a report from the editor and drop its draft, in one transaction."""
        with self.write() as conn:
            report_id = data.get("id") if isinstance(data.get("id"), str) else None
            fields = {k: v for k, v in data.items() if k != "id"}
            if report_id:
                saved = reports.revise_report(
                    conn, reports.resolve_id(conn, report_id), self.device.device_id, fields
                )
            else:
                saved = reports.create_report(conn, fields, self.device.device_id)
            drafts.discard(conn, draft_id)
        return saved

    def save_draft(
        self, draft_id: str, fields: dict[str, Any], report_id: str | None = None
    ) -> None:
        with self.write() as conn:
            drafts.save(conn, draft_id, fields, report_id)

    def list_drafts(self) -> list[drafts.Draft]:
        with self.read() as conn:
            return drafts.all_drafts(conn)

    # ----- coordinator review ------------------------------------------------------------
    def review_report(
        self, report_id: str, *, comment: str = "", reviewed: bool = True
    ) -> review.ReviewEntry:
        """Mark the current revision reviewed (with an optional comment), or only comment."""
        with self.write() as conn:
            full_id = reports.resolve_id(conn, report_id)
            return review.add(
                conn, full_id, self.device.device_id, reviewed=reviewed, comment=comment
            )

    def reviews_of(self, report_id: str) -> list[review.ReviewEntry]:
        with self.read() as conn:
            return review.history(conn, reports.resolve_id(conn, report_id))

    def reviewed_revisions(self, report_ids: Sequence[str]) -> dict[str, int]:
        """Report id → latest revision marked reviewed (reports never marked are absent)."""
        with self.read() as conn:
            return review.reviewed_revisions(conn, report_ids)

    def report_devices(self) -> list[dict[str, str]]:
        """The devices that wrote the reports held here, named when known (for filters)."""
        with self.read() as conn:
            ids = [str(r[0]) for r in conn.execute(select(REPORT.c.device_id).distinct()).all()]
            names = {
                str(r.device_id): str(r.name)
                for r in conn.execute(select(TRUSTED_DEVICE.c.device_id, TRUSTED_DEVICE.c.name))
            }
        names[self.device.device_id] = self.device.name
        return sorted(
            ({"device_id": i, "name": names.get(i, i[:8])} for i in ids),
            key=lambda d: d["name"].lower(),
        )

    # ----- attachments -----------------------------------------------------------------------
    def attach(self, report_id: str, paths: Sequence[Path]) -> list[dict[str, Any]]:
        """Encrypt files into the store and record them in one new revision of the report."""
        for path in paths:
            _check_attachable(path)
        with contextlib.ExitStack() as stack:
            sources = [(path.name, stack.enter_context(path.open("rb"))) for path in paths]
            return self.attach_streams(report_id, sources)

    def attach_streams(
        self, report_id: str, sources: Sequence[tuple[str, BinaryIO]]
    ) -> list[dict[str, Any]]:
        """Like `attach`, from (file name, readable) pairs: bytes already in memory (a photo
        stripped of its metadata) reach the disk only encrypted."""
        with self.read() as conn:
            full_id = reports.resolve_id(conn, report_id)
        stored = []
        try:
            for name, src in sources:
                stored.append((name, self.files.store(src)))
            with self.write() as conn:
                _, body = reports.current_body(conn, full_id)
                listed = list(body.get("attachments", []))
                added = []
                for name, blob in stored:
                    entry = {
                        "id": uuid7(),
                        "name": name,
                        "size": blob.size,
                        "sha256": blob.sha256,
                        "media_type": _media_type(Path(name)),
                    }
                    conn.execute(
                        insert(ATTACHMENT).values(
                            id=entry["id"],
                            report_id=full_id,
                            name=entry["name"],
                            media_type=entry["media_type"],
                            size=blob.size,
                            sha256=blob.sha256,
                            blob=blob.blob,
                            file_key=blob.file_key,
                            created_at=utc_now(),
                        )
                    )
                    listed.append(entry)
                    added.append(entry)
                reports.revise_report(conn, full_id, self.device.device_id, attachments=listed)
        except BaseException:
            for _, blob in stored:  # never committed: remove the now useless ciphertext
                self.files.remove(blob.blob)
            raise
        return added

    def open_attachment(self, attachment_id: str) -> tuple[dict[str, Any], Iterator[bytes]]:
        """The attachment's description and an iterator over its decrypted chunks."""
        with self.read() as conn:
            row = conn.execute(select(ATTACHMENT).where(ATTACHMENT.c.id == attachment_id)).first()
        if row is None:
            raise NotFoundError(f"no attachment with id {attachment_id}")
        info = {
            "id": row.id,
            "name": row.name,
            "size": row.size,
            "sha256": row.sha256,
            "media_type": row.media_type,
            "report_id": row.report_id,
        }
        return info, self.files.iter_plaintext(row.blob, bytes(row.file_key))

    def extract_attachment(self, attachment_id: str, dst: BinaryIO) -> dict[str, Any]:
        info, chunks = self.open_attachment(attachment_id)
        for chunk in chunks:
            dst.write(chunk)
        return info

    # ----- keys ------------------------------------------------------------------------------
    def device_info(self) -> dict[str, Any]:
        return self.device.public_info()

    def enrolment_request(self) -> dict[str, Any]:
        info = self.device.public_info()
        doc = {
            "format": ENROLMENT_FORMAT,
            "device_id": info["device_id"],
            "name": info["name"],
            "role": info["role"],
            "signing_key": info["signing_key"],
            "recipient": info["recipient"],
            "fingerprint": info["fingerprint"],
            "created_at": utc_now(),
        }
        return sign_document(doc, self.device.signing, trusted_comment=ENROLMENT_FORMAT)

    def identity_file_text(self) -> str:
        created = datetime.fromisoformat(self.device.created_at)
        return format_identity_file(self.device.identity, created)

    def change_passphrase(self, new_passphrase: str) -> None:
        vault.rewrap(self.layout, self._data_key, new_passphrase)

    def set_duress(self, duress_passphrase: str) -> None:
        vault.set_duress(self.layout, duress_passphrase)


def _check_attachable(path: Path) -> None:
    if not path.exists():
        raise NotFoundError(f"no such file: {path}")
    if not path.is_file():
        raise FieldReportError(f"{path} is not a regular file; attach files one by one")
    size = path.stat().st_size
    if size > MAX_ATTACHMENT_BYTES:
        raise FieldReportError(f"{path} is larger than 2 GiB; split or compress it first")


def _media_type(path: Path) -> str:
    guessed, _ = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"
