"""The report editor: every common field, keyboard first, drafts autosaved and recovered.

Layout in ui/report_editor.ui (Qt Designer); this module fills the choices from the taxonomy
(labels in the interface language, codes kept as item data), turns the form into the report
JSON of schema.md, validates it with the same `parse_report` as the CLI, and saves through
the store in a worker. Drafts go into the encrypted store every few seconds while typing.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidgetItem,
    QWidget,
)

from fieldreport.domain import load_taxonomy, parse_report
from fieldreport.domain.report import STORE_MANAGED_FIELDS
from fieldreport.errors import FieldReportError
from fieldreport.geo.mgrs import to_mgrs
from fieldreport.gui.attachments_panel import AttachmentsPanel
from fieldreport.gui.forms import form_class
from fieldreport.gui.i18n import current_language
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.ids import uuid7
from fieldreport.store.drafts import Draft
from fieldreport.store.store import Store

AUTOSAVE_MS = 3000
VALIDATE_MS = 300
# Optional splits of the casualty counts: -1 (shown "not known") is absent, never zero.
CASUALTY_SPLITS = {
    "staffNationalSpin": "staff_national",
    "staffInternationalSpin": "staff_international",
    "civiliansSpin": "civilians",
    "securityForcesSpin": "security_forces",
    "femaleSpin": "female",
    "maleSpin": "male",
}
OPTIONAL_CODES = {  # combo → (vocabulary, report key)
    "actCombo": ("act", "act"),
    "meansCombo": ("means", "means"),
    "attackContextCombo": ("attack_context", "attack_context"),
    "fatalitiesBasisCombo": ("fatalities_basis", "fatalities_basis"),
    "orgAffectedCombo": ("org_affected", "org_affected"),
    "programmeImpactCombo": ("programme_impact", "programme_impact"),
}


def editable_fields(doc: dict[str, Any]) -> dict[str, Any]:
    """The part of a saved report the editor changes (the store manages the rest)."""
    return {k: v for k, v in doc.items() if k not in (*STORE_MANAGED_FIELDS, "revisions")}


def update_fields(doc: dict[str, Any]) -> dict[str, Any]:
    """A new "update" report about the incident `doc`: same what and where, new narrative."""
    keep = ("event_type", "sub_event_type", "location", "severity", "sharing_level", "act")
    fields = {k: doc[k] for k in keep if doc.get(k) is not None}
    fields.update(report_type="update", parent_id=doc["id"], title=doc["title"])
    return fields


def mgrs_text(lat: float | None, lon: float | None) -> str:
    if lat is None or lon is None:
        return "—"
    try:
        return str(to_mgrs(lat, lon))
    except (ValueError, ArithmeticError):
        return "—"


class ReportEditor(QWidget):
    saved = Signal(str)  # report id

    def __init__(self, store: Store, draft: Draft | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.taxonomy = load_taxonomy()
        self.ui = form_class("report_editor")()
        self.ui.setupUi(self)
        self.draft_id = draft.id if draft else uuid7()
        self.report_id = draft.report_id if draft else None
        self.dirty = False
        self.recovered = draft is not None
        self.parent_id: str | None = None
        self._setup_actors()
        self.attachments = AttachmentsPanel(store, self.ui, self)
        self.attachments.changed.connect(self._changed)
        self.setAcceptDrops(True)
        self._fill_choices()
        self.ui.occurredEndEdit.setEnabled(False)
        self.ui.occurredEndEdit.setDateTime(QDateTime.currentDateTimeUtc())
        self.ui.occurredEndCheck.toggled.connect(self.ui.occurredEndEdit.setEnabled)
        self.ui.occurredAtEdit.setDateTime(QDateTime.currentDateTimeUtc())
        self.ui.severitySpin.setValue(3)
        if draft:
            self.set_fields(draft.fields)
        if self.report_id:
            self.attachments.show_saved(self.report_id)
        self._autosave = QTimer(self)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.autosave)
        self._autosave.start()
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_MS)
        self._validate_timer.timeout.connect(self.validate)
        self._watch_changes()
        self.ui.saveDraftButton.clicked.connect(self.autosave)
        self.ui.finaliseButton.clicked.connect(self.finalise)
        for keys, slot in (
            ("Ctrl+S", self.autosave),
            ("Ctrl+Return", self.finalise),
            ("Ctrl+Enter", self.finalise),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.ui.templateCombo.currentIndexChanged.connect(self._apply_template)
        self.ui.eventTypeCombo.currentIndexChanged.connect(self._fill_sub_events)
        self.ui.titleEdit.setFocus()

    # ----- choices from the taxonomy ---------------------------------------------------------
    def _fill(self, combo: QComboBox, vocabulary: str, optional: bool = False) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if optional:
            combo.addItem("—", None)
        lang = current_language()
        for code in self.taxonomy.codes(vocabulary):
            combo.addItem(self.taxonomy.label(vocabulary, code, lang), code)
        if current is not None:
            combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _fill_choices(self) -> None:
        lang = current_language()
        ui = self.ui
        current_template = ui.templateCombo.currentData()
        ui.templateCombo.blockSignals(True)
        ui.templateCombo.clear()
        ui.templateCombo.addItem("—", None)
        for template in self.taxonomy.observation_templates():
            ui.templateCombo.addItem(template.label(lang), template.code)
        ui.templateCombo.setCurrentIndex(max(0, ui.templateCombo.findData(current_template)))
        ui.templateCombo.blockSignals(False)
        current_event = ui.eventTypeCombo.currentData()
        ui.eventTypeCombo.blockSignals(True)
        ui.eventTypeCombo.clear()
        for event in self.taxonomy.event_types():
            ui.eventTypeCombo.addItem(self.taxonomy.event_label(event, lang), event)
        ui.eventTypeCombo.setCurrentIndex(max(0, ui.eventTypeCombo.findData(current_event)))
        ui.eventTypeCombo.blockSignals(False)
        self._fill_sub_events()
        self._fill(ui.reportTypeCombo, "report_type")
        self._fill(ui.timePrecisionCombo, "time_precision")
        self._fill(ui.locationTypeCombo, "location_type", optional=True)
        self._fill(ui.sourceTypeCombo, "source_type", optional=True)
        self._fill(ui.reliabilityCombo, "source_reliability")
        self._fill(ui.credibilityCombo, "source_credibility")
        self._fill(ui.sharingCombo, "sharing_level")
        self._fill(ui.geoPrecisionCombo, "geo_precision")
        for name, (vocabulary, _key) in OPTIONAL_CODES.items():
            self._fill(getattr(ui, name), vocabulary, optional=True)
        self._fill_actor_choices()
        self._fit_split_spins()
        current_region = ui.regionCombo.currentData()
        ui.regionCombo.clear()
        ui.regionCombo.addItem("—", None)
        for code, name in self.taxonomy.adm1_pcodes().items():
            ui.regionCombo.addItem(f"{name} ({code})", code)
        ui.regionCombo.setCurrentIndex(max(0, ui.regionCombo.findData(current_region)))
        if ui.reliabilityCombo.currentData() is None or not self.dirty:
            ui.reliabilityCombo.setCurrentIndex(max(0, ui.reliabilityCombo.findData("F")))
            ui.credibilityCombo.setCurrentIndex(max(0, ui.credibilityCombo.findData(6)))

    def _fit_split_spins(self) -> None:
        """Room for "not known" (Qt sizes a spin box for its digits only)."""
        for name in CASUALTY_SPLITS:
            spin = getattr(self.ui, name)
            text = spin.specialValueText()
            spin.setMinimumWidth(spin.fontMetrics().horizontalAdvance(text) + 40)

    def _fill_sub_events(self) -> None:
        event = self.ui.eventTypeCombo.currentData()
        combo = self.ui.subEventTypeCombo
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        if event:
            for sub in self.taxonomy.sub_event_types(event):
                combo.addItem(self.taxonomy.sub_event_label(event, sub, current_language()), sub)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.blockSignals(False)

    def _apply_template(self) -> None:
        code = self.ui.templateCombo.currentData()
        template = next((t for t in self.taxonomy.observation_templates() if t.code == code), None)
        if template is None:
            return
        self.ui.eventTypeCombo.setCurrentIndex(self.ui.eventTypeCombo.findData(template.event_type))
        self._fill_sub_events()
        self.ui.subEventTypeCombo.setCurrentIndex(
            self.ui.subEventTypeCombo.findData(template.sub_event_type)
        )
        extras = template.prefill()
        for name, (_vocabulary, key) in OPTIONAL_CODES.items():
            if extras.get(key):
                combo = getattr(self.ui, name)
                combo.setCurrentIndex(max(0, combo.findData(extras[key])))
        if extras.get("tags"):
            self.ui.tagsEdit.setText(", ".join(extras["tags"]))
        self._changed()

    # ----- form <-> report JSON ----------------------------------------------------------------
    def fields(self) -> dict[str, Any]:
        ui = self.ui
        occurred = ui.occurredAtEdit.dateTime().toUTC().toPython().replace(tzinfo=UTC)
        location: dict[str, Any] = {"name": ui.placeEdit.text()}
        for key, edit in (("lat", ui.latEdit), ("lon", ui.lonEdit)):
            text = edit.text().strip().replace(",", ".")
            if text:
                try:
                    location[key] = float(text)
                except ValueError:
                    location[key] = text  # refused by validation with the field named
        if ui.regionCombo.currentData():
            location["adm1_pcode"] = ui.regionCombo.currentData()
        if ui.locationTypeCombo.currentData():
            location["location_type"] = ui.locationTypeCombo.currentData()
        if ui.adm2Edit.text().strip():
            location["adm2_pcode"] = ui.adm2Edit.text().strip().upper()
        location["geo_precision"] = ui.geoPrecisionCombo.currentData()
        data: dict[str, Any] = {
            "title": ui.titleEdit.text(),
            "occurred_at": occurred.isoformat(timespec="seconds"),
            "time_precision": ui.timePrecisionCombo.currentData(),
            "report_type": ui.reportTypeCombo.currentData(),
            "event_type": ui.eventTypeCombo.currentData(),
            "sub_event_type": ui.subEventTypeCombo.currentData(),
            "severity": ui.severitySpin.value(),
            "location": location,
            "narrative": ui.narrativeEdit.toPlainText(),
            "sharing_level": ui.sharingCombo.currentData(),
            "casualties": {
                "killed": ui.killedSpin.value(),
                "injured": ui.injuredSpin.value(),
                "abducted": ui.abductedSpin.value(),
                "detained": ui.detainedSpin.value(),
            },
        }
        for name, key in CASUALTY_SPLITS.items():
            value = getattr(ui, name).value()
            if value >= 0:
                data["casualties"][key] = value
        if ui.sourceTypeCombo.currentData():
            data["source"] = {
                "type": ui.sourceTypeCombo.currentData(),
                "reliability": ui.reliabilityCombo.currentData(),
                "credibility": ui.credibilityCombo.currentData(),
            }
            if ui.sourceNameEdit.text().strip():
                data["source"]["name"] = ui.sourceNameEdit.text().strip()
        if ui.occurredEndCheck.isChecked():
            end = ui.occurredEndEdit.dateTime().toUTC().toPython().replace(tzinfo=UTC)
            data["occurred_end"] = end.isoformat(timespec="seconds")
        for name, (_vocabulary, key) in OPTIONAL_CODES.items():
            value = getattr(ui, name).currentData()
            if value is not None:
                data[key] = value
        tags = [t.strip() for t in ui.tagsEdit.text().split(",") if t.strip()]
        if tags:
            data["tags"] = tags
        if self.parent_id:
            data["parent_id"] = self.parent_id
        actors = self.actors()
        if actors:
            data["actors"] = actors
        data["actions_taken"] = ui.actionsTakenEdit.toPlainText()
        data["follow_up"] = ui.followUpEdit.toPlainText()
        return data

    def set_fields(self, data: dict[str, Any]) -> None:
        ui = self.ui
        ui.titleEdit.setText(str(data.get("title", "")))
        when = data.get("occurred_at")
        if isinstance(when, str):
            with contextlib.suppress(ValueError):  # a damaged draft keeps the default time
                ui.occurredAtEdit.setDateTime(QDateTime(datetime.fromisoformat(when)))
        for combo, key in (
            (ui.eventTypeCombo, "event_type"),
            (ui.reportTypeCombo, "report_type"),
            (ui.timePrecisionCombo, "time_precision"),
            (ui.sharingCombo, "sharing_level"),
            *((getattr(ui, name), key) for name, (_v, key) in OPTIONAL_CODES.items()),
        ):
            if key in data:
                combo.setCurrentIndex(max(0, combo.findData(data[key])))
        end = data.get("occurred_end")
        ui.occurredEndCheck.setChecked(isinstance(end, str))
        if isinstance(end, str):
            with contextlib.suppress(ValueError):
                ui.occurredEndEdit.setDateTime(QDateTime(datetime.fromisoformat(end)))
        tags = data.get("tags") or []
        ui.tagsEdit.setText(", ".join(str(t) for t in tags if isinstance(t, str)))
        parent = data.get("parent_id")
        self.parent_id = parent if isinstance(parent, str) else None
        ui.parentEdit.setText(self.parent_id[:13] if self.parent_id else "")
        ui.actionsTakenEdit.setPlainText(str(data.get("actions_taken", "")))
        ui.followUpEdit.setPlainText(str(data.get("follow_up", "")))
        source = data.get("source") or {}
        if isinstance(source, dict):
            for combo, key in (
                (ui.sourceTypeCombo, "type"),
                (ui.reliabilityCombo, "reliability"),
                (ui.credibilityCombo, "credibility"),
            ):
                if key in source:
                    combo.setCurrentIndex(max(0, combo.findData(source[key])))
            ui.sourceNameEdit.setText(str(source.get("name") or ""))
        self.set_actors(data.get("actors") or [])
        self._fill_sub_events()
        ui.subEventTypeCombo.setCurrentIndex(
            max(0, ui.subEventTypeCombo.findData(data.get("sub_event_type")))
        )
        if isinstance(data.get("severity"), int):
            ui.severitySpin.setValue(data["severity"])
        location = data.get("location") or {}
        ui.placeEdit.setText(str(location.get("name", "")))
        ui.latEdit.setText("" if location.get("lat") is None else str(location["lat"]))
        ui.lonEdit.setText("" if location.get("lon") is None else str(location["lon"]))
        ui.regionCombo.setCurrentIndex(max(0, ui.regionCombo.findData(location.get("adm1_pcode"))))
        ui.adm2Edit.setText(str(location.get("adm2_pcode") or ""))
        ui.geoPrecisionCombo.setCurrentIndex(
            max(0, ui.geoPrecisionCombo.findData(location.get("geo_precision", 1)))
        )
        if location.get("location_type"):
            ui.locationTypeCombo.setCurrentIndex(
                max(0, ui.locationTypeCombo.findData(location["location_type"]))
            )
        ui.narrativeEdit.setPlainText(str(data.get("narrative", "")))
        casualties = data.get("casualties") or {}
        for spin, key in (
            (ui.killedSpin, "killed"),
            (ui.injuredSpin, "injured"),
            (ui.abductedSpin, "abducted"),
            (ui.detainedSpin, "detained"),
            *((getattr(ui, name), key) for name, key in CASUALTY_SPLITS.items()),
        ):
            if isinstance(casualties.get(key), int):
                spin.setValue(casualties[key])

    # ----- validation, drafts, finalising ----------------------------------------------------
    def _watch_changes(self) -> None:
        ui = self.ui
        for edit in self.findChildren(QLineEdit):
            edit.textChanged.connect(self._changed)
        for text in self.findChildren(QPlainTextEdit):
            text.textChanged.connect(self._changed)
        for spin in self.findChildren(QSpinBox):
            spin.valueChanged.connect(self._changed)
        for combo in self.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self._changed)
        ui.occurredAtEdit.dateTimeChanged.connect(self._changed)
        ui.occurredEndEdit.dateTimeChanged.connect(self._changed)
        ui.occurredEndCheck.toggled.connect(self._changed)
        ui.actorsTable.itemChanged.connect(self._changed)
        ui.latEdit.textChanged.connect(self._show_mgrs)
        ui.lonEdit.textChanged.connect(self._show_mgrs)
        self._show_mgrs()

    def _show_mgrs(self, *_args: object) -> None:
        try:
            lat = float(self.ui.latEdit.text().strip().replace(",", "."))
            lon = float(self.ui.lonEdit.text().strip().replace(",", "."))
        except ValueError:
            self.ui.mgrsValue.setText("—")
            return
        self.ui.mgrsValue.setText(mgrs_text(lat, lon))

    # ----- actors ----------------------------------------------------------------------------
    def _setup_actors(self) -> None:
        table = self.ui.actorsTable
        table.setColumnCount(3)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.ui.addActorButton.clicked.connect(lambda: self.add_actor({}))
        self.ui.removeActorButton.clicked.connect(self.remove_actor)

    def _fill_actor_choices(self) -> None:
        table = self.ui.actorsTable
        table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Type"), self.tr("Role")])
        for row in range(table.rowCount()):
            for column, vocabulary in ((1, "actor_type"), (2, "actor_role")):
                combo = table.cellWidget(row, column)
                if isinstance(combo, QComboBox):
                    self._fill(combo, vocabulary)

    def add_actor(self, actor: dict[str, Any]) -> None:
        table = self.ui.actorsTable
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(str(actor.get("name") or "")))
        for column, vocabulary, key in ((1, "actor_type", "type"), (2, "actor_role", "role")):
            combo = QComboBox()
            combo.setAccessibleName(self.tr("Actor type") if column == 1 else self.tr("Actor role"))
            self._fill(combo, vocabulary)
            if key in actor:
                combo.setCurrentIndex(max(0, combo.findData(actor[key])))
            combo.currentIndexChanged.connect(self._changed)
            table.setCellWidget(row, column, combo)
        table.setCurrentCell(row, 0)
        self._changed()

    def remove_actor(self) -> None:
        row = self.ui.actorsTable.currentRow()
        if row >= 0:
            self.ui.actorsTable.removeRow(row)
            self._changed()

    def set_actors(self, actors: list[Any]) -> None:
        self.ui.actorsTable.setRowCount(0)
        for actor in actors:
            if isinstance(actor, dict):
                self.add_actor(actor)

    def actors(self) -> list[dict[str, Any]]:
        table = self.ui.actorsTable
        out = []
        for row in range(table.rowCount()):
            item = table.item(row, 0)
            name = item.text().strip() if item else ""
            kind, role = table.cellWidget(row, 1), table.cellWidget(row, 2)
            actor: dict[str, Any] = {
                "type": kind.currentData() if isinstance(kind, QComboBox) else None,
                "role": role.currentData() if isinstance(role, QComboBox) else None,
            }
            if name:
                actor["name"] = name
            out.append(actor)
        return out

    # ----- drag and drop of files ------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        self.attachments.add_paths([p for p in paths if p.is_file()])
        event.acceptProposedAction()

    def _changed(self, *_args: object) -> None:
        self.dirty = True
        self._validate_timer.start()

    def validate(self) -> str:
        """The first problem (one line, naming the field), or "" when the report is valid."""
        try:
            parse_report(self.fields())
        except FieldReportError as exc:
            message = str(exc)
        else:
            message = ""
        self.ui.validationLabel.setText(message)
        return message

    def autosave(self) -> None:
        if not self.dirty:
            return
        self.dirty = False
        fields, draft_id, report_id, store = (
            self.fields(),
            self.draft_id,
            self.report_id,
            self.store,
        )
        run_in_background(lambda job: store.save_draft(draft_id, fields, report_id), owner=self)

    def finalise(self) -> None:
        problem = self.validate()
        if problem:
            self.ui.validationLabel.setFocus()
            return
        self._autosave.stop()
        fields = self.fields()
        if self.report_id:
            fields["id"] = self.report_id
        store, draft_id = self.store, self.draft_id
        pending = self.attachments.pending_files()
        self.setEnabled(False)

        saved: list[str] = []  # read by _failed once the job is over

        def work(job: Job) -> str:
            # Files that cannot be read refuse the save before anything is written.
            streams = pending.open_all() if pending else []
            try:
                report_id = store.finalise_draft(draft_id, fields).report_id
            except BaseException:
                for _name, stream in streams:
                    stream.close()
                raise
            saved.append(report_id)
            if streams:
                store.attach_streams(report_id, streams)
            return report_id

        def failed(message: str) -> None:
            if saved:  # the report was saved, the attachments were not: retrying revises it
                self.report_id = saved[0]
            self._failed(message)

        run_in_background(work, on_done=self._finalised, on_failed=failed, owner=self)

    def _finalised(self, report_id: str) -> None:
        self.saved.emit(report_id)

    def _failed(self, message: str) -> None:
        self.setEnabled(True)
        self._autosave.start()
        self.ui.validationLabel.setText(message)

    def stop(self) -> None:
        """Locking: keep what was typed (a few ms, on purpose synchronous), stop the timers."""
        self._autosave.stop()
        self._validate_timer.stop()
        if self.dirty:
            self.dirty = False
            self.store.save_draft(self.draft_id, self.fields(), self.report_id)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.ui.retranslateUi(self)
            self._fill_choices()
        super().changeEvent(event)
