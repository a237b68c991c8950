"""A store holding reports that exercise every export rule (sharing levels, sensitive cases,
names to drop, a formula-looking title, a place without coordinates)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSPHRASE, minimal_report

# Text that must never appear in a partner-safe export.
SECRETS = (
    "NARRATIVE-MARKER",
    "Moussa Traoré",  # a person named as target
    "Aminata Diallo",  # the source's name
    "ACTIONS-MARKER",
    "FOLLOWUP-MARKER",
    "secret-tag",
)


@dataclass
class Sample:
    key: str
    data: dict[str, Any]
    id: str = ""


def _samples() -> list[Sample]:
    return [
        Sample(
            "checkpoint",
            minimal_report(
                title="Checkpoint at Tonka",
                occurred_at="2026-10-03T08:15:00+00:00",
                sharing_level="partners",
                narrative='NARRATIVE-MARKER checkpoint,\nphones checked; "quoted"',
                actions_taken="ACTIONS-MARKER",
                follow_up="FOLLOWUP-MARKER",
                tags=["secret-tag"],
                actors=[{"name": "JNIM", "type": "rebel_group", "role": "perpetrator"}],
                source={
                    "type": "staff",
                    "reliability": "B",
                    "credibility": 2,
                    "name": "Aminata Diallo",
                },
            ),
        ),
        Sample(
            "abduction",
            minimal_report(
                title="Driver Moussa Traoré abducted near Léré",
                occurred_at="2026-10-10T06:00:00+00:00",
                event_type="Violence against civilians",
                sub_event_type="Abduction/forced disappearance",
                means="Kidnapping",
                location={
                    "name": "Léré",
                    "lat": 15.71583,
                    "lon": -4.91611,
                    "adm1_pcode": "ML06",
                    "adm2_pcode": "ML0604",
                },
                casualties={"abducted": 1},
                actors=[
                    {"name": "Moussa Traoré", "type": "civilians", "role": "target"},
                    {"type": "rebel_group", "role": "perpetrator"},
                ],
                severity=5,
                sharing_level="public",
                narrative="NARRATIVE-MARKER the driver was taken",
            ),
        ),
        Sample(
            "custody",
            minimal_report(
                title="Staff member held at a gendarmerie",
                occurred_at="2026-10-17T12:00:00+00:00",
                event_type="Strategic developments",
                sub_event_type="Arrests",
                location={
                    "name": "Gendarmerie de Boni",
                    "lat": 15.07752,
                    "lon": -1.85641,
                    "adm1_pcode": "ML05",
                    "location_type": "custody",
                },
                casualties={"detained": 1},
                severity=3,
                sharing_level="partners",
            ),
        ),
        Sample(
            "internal",
            minimal_report(
                title="INTERNAL-ONLY staff welfare issue",
                occurred_at="2026-10-20T09:00:00+00:00",
                sharing_level="internal",
                narrative="NARRATIVE-MARKER internal",
            ),
        ),
        Sample(
            "clash",
            minimal_report(
                title='=HYPERLINK("http://evil") clash near Boni',
                occurred_at="2026-11-02T16:00:00+00:00",
                event_type="Battles",
                sub_event_type="Armed clash",
                location={"name": "Boni", "lat": 15.07752, "lon": -1.85641, "adm1_pcode": "ML05"},
                casualties={"killed": 9, "injured": 4},
                actors=[
                    {"name": "FAMa", "type": "state_forces", "role": "perpetrator"},
                    {"name": "JNIM", "type": "rebel_group", "role": "target"},
                ],
                severity=4,
                sharing_level="public",
            ),
        ),
        Sample(
            "nowhere",
            minimal_report(
                title="Threat letter received in Ségou",
                occurred_at="2026-11-05T10:00:00+00:00",
                location={"name": "Ségou", "adm1_pcode": "ML04"},
                severity=2,
                sharing_level="public",
            ),
        ),
    ]


@pytest.fixture
def samples(store: Any) -> dict[str, Sample]:
    result = {}
    for sample in _samples():
        sample.id = store.add_report(sample.data).report_id
        result[sample.key] = sample
    return result


@pytest.fixture
def filled_store(store: Any, samples: dict[str, Sample]) -> Iterator[Any]:
    yield store


@pytest.fixture
def out_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


__all__ = ["PASSPHRASE", "SECRETS", "Sample"]
