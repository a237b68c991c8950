"""The report editor: every common field, keyboard first, drafts autosaved and recovered.

Layout in ui/report_editor.ui (Qt Designer); this module fills the choices from the taxonomy
(labels in the interface language, codes kept as item data), turns the form into the report
JSON of schema.md, validates it with the same `parse_report` as the CLI, and saves through
the store in a worker. Drafts go into the encrypted store every few seconds while typing.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDateTime, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QWidget

from fieldreport.domain import load_taxonomy, parse_report
from fieldreport.errors import FieldReportError
from fieldreport.gui.forms import form_class
from fieldreport.gui.i18n import current_language
from fieldreport.gui.workers import Job, run_in_background
from fieldreport.ids import uuid7
from fieldreport.store.drafts import Draft
from fieldreport.store.store import Store

AUTOSAVE_MS = 3000
VALIDATE_MS = 300


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
        self._fill_choices()
        self.ui.occurredAtEdit.setDateTime(QDateTime.currentDateTimeUtc())
        self.ui.severitySpin.setValue(3)
        if draft:
            self.set_fields(draft.fields)
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
        current_region = ui.regionCombo.currentData()
        ui.regionCombo.clear()
        ui.regionCombo.addItem("—", None)
        for code, name in self.taxonomy.adm1_pcodes().items():
            ui.regionCombo.addItem(f"{name} ({code})", code)
        ui.regionCombo.setCurrentIndex(max(0, ui.regionCombo.findData(current_region)))
        if ui.reliabilityCombo.currentData() is None or not self.dirty:
            ui.reliabilityCombo.setCurrentIndex(max(0, ui.reliabilityCombo.findData("F")))
            ui.credibilityCombo.setCurrentIndex(max(0, ui.credibilityCombo.findData(6)))

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
        self._template_extras = template.prefill()
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
        if ui.sourceTypeCombo.currentData():
            data["source"] = {
                "type": ui.sourceTypeCombo.currentData(),
                "reliability": ui.reliabilityCombo.currentData(),
                "credibility": ui.credibilityCombo.currentData(),
            }
        extras = getattr(self, "_template_extras", {})
        for key in ("act", "means", "attack_context", "tags"):
            if extras.get(key):
                data[key] = extras[key]
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
        ):
            if key in data:
                combo.setCurrentIndex(max(0, combo.findData(data[key])))
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
        ui.narrativeEdit.setPlainText(str(data.get("narrative", "")))
        casualties = data.get("casualties") or {}
        for spin, key in (
            (ui.killedSpin, "killed"),
            (ui.injuredSpin, "injured"),
            (ui.abductedSpin, "abducted"),
            (ui.detainedSpin, "detained"),
        ):
            if isinstance(casualties.get(key), int):
                spin.setValue(casualties[key])

    # ----- validation, drafts, finalising ----------------------------------------------------
    def _watch_changes(self) -> None:
        ui = self.ui
        for edit in (ui.titleEdit, ui.placeEdit, ui.latEdit, ui.lonEdit):
            edit.textChanged.connect(self._changed)
        ui.narrativeEdit.textChanged.connect(self._changed)
        for spin in (
            ui.severitySpin,
            ui.killedSpin,
            ui.injuredSpin,
            ui.abductedSpin,
            ui.detainedSpin,
        ):
            spin.valueChanged.connect(self._changed)
        for combo in self.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self._changed)
        ui.occurredAtEdit.dateTimeChanged.connect(self._changed)

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
        self.setEnabled(False)

        def work(job: Job) -> str:
            return store.finalise_draft(draft_id, fields).report_id

        run_in_background(work, on_done=self._finalised, on_failed=self._failed, owner=self)

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
