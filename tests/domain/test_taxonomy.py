"""The taxonomy file: schema.md's codes exactly, labels in en and fr, checked when loaded."""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from fieldreport.domain import TaxonomyError, load_taxonomy, parse_report, parse_taxonomy
from fieldreport.domain.taxonomy import REQUIRED_VOCABULARIES

TAXONOMY = load_taxonomy()
DOCUMENT: dict[str, Any] = json.loads(
    (resources.files("fieldreport") / "resources" / "taxonomy.json").read_text("utf-8")
)

# Copied from schema.md: the codes must match it exactly (exports line up with ACLED, AWSD…).
SCHEMA_CODES: dict[str, tuple[str | int, ...]] = {
    "report_type": ("immediate", "update", "post_incident"),
    "status": ("draft", "final", "sent", "received"),
    "time_precision": (1, 2, 3),
    "geo_precision": (1, 2, 3),
    "location_type": ("road", "home", "office", "project_site", "public", "custody", "other"),
    "act": ("attack", "confine", "theft", "threat", "other"),
    "means": (
        "Shooting", "Kidnapping", "Kidnap-killing", "Bodily assault", "Aerial bombardment",
        "Shelling", "Roadside IED", "Vehicle-born IED", "Body-borne IED", "Landmine",
        "Other Explosives", "Complex attack", "Rape/sexual assault", "Detention/arrest", "Unknown",
    ),
    "attack_context": (
        "Ambush", "Combat/Crossfire", "Individual attack", "Mob violence", "Raid", "Detention",
        "Unknown",
    ),
    "actor_type": (
        "state_forces", "rebel_group", "political_militia", "identity_militia", "rioters",
        "protesters", "civilians", "external_forces",
    ),
    "actor_role": ("perpetrator", "target", "other"),
    "fatalities_basis": ("reported", "estimate"),
    "org_affected": ("UN", "INGO", "NNGO", "RCRC", "none", "other"),
    "programme_impact": ("none", "delay", "suspension", "closure", "relocation", "evacuation"),
    "severity": (1, 2, 3, 4, 5),
    "source_type": ("witness", "staff", "partner", "authorities", "media", "social_media", "other"),
    "source_reliability": ("A", "B", "C", "D", "E", "F"),
    "source_credibility": (1, 2, 3, 4, 5, 6),
    "sharing_level": ("internal", "partners", "public"),
}  # fmt: skip

SCHEMA_EVENTS: dict[str, tuple[str, ...]] = {
    "Battles": (
        "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    ),
    "Explosions/Remote violence": (
        "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED", "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": (
        "Peaceful protest", "Protest with intervention", "Excessive force against protesters",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
        "Headquarters or base established", "Looting/property destruction",
        "Non-violent transfer of territory", "Other",
    ),
}  # fmt: skip

SCHEMA_ADM1 = {
    "ML01": "Kayes", "ML02": "Koulikoro", "ML03": "Sikasso", "ML04": "Ségou", "ML05": "Mopti",
    "ML06": "Tombouctou", "ML07": "Gao", "ML08": "Kidal", "ML09": "Bamako", "ML10": "Ménaka",
}  # fmt: skip

OBSERVATIONS = ("checkpoint", "fuel_shortage", "road_closed", "threat")
TEMPLATES = (*OBSERVATIONS, "abduction", "armed_clash", "ied", "looting", "arrest", "demonstration")


def test_header() -> None:
    assert DOCUMENT["format"] == "fieldreport-taxonomy/1"
    assert TAXONOMY.version == DOCUMENT["version"] == "2026.11"
    assert TAXONOMY.languages == ("en", "fr")


@pytest.mark.parametrize("name", SCHEMA_CODES)
def test_vocabulary_codes_are_exactly_schema_md(name: str) -> None:
    assert TAXONOMY.codes(name) == SCHEMA_CODES[name]


def test_no_vocabulary_beyond_schema_md_is_shipped() -> None:
    assert set(TAXONOMY.vocabularies()) == set(SCHEMA_CODES) == set(REQUIRED_VOCABULARIES)


def test_event_types_are_exactly_acled() -> None:
    assert TAXONOMY.event_types() == tuple(SCHEMA_EVENTS)
    for event_type, subs in SCHEMA_EVENTS.items():
        assert TAXONOMY.sub_event_types(event_type) == subs


def test_adm1_pcodes_are_exactly_schema_md() -> None:
    assert TAXONOMY.adm1_pcodes() == SCHEMA_ADM1
    assert TAXONOMY.country == "ML"


def test_every_code_has_english_and_french_labels() -> None:
    entries: list[tuple[str, dict[str, str]]] = []
    for name, items in DOCUMENT["vocabularies"].items():
        entries += [(f"{name}:{item['code']}", item["labels"]) for item in items]
    for event in DOCUMENT["event_types"]:
        entries.append((event["code"], event["labels"]))
        entries += [(f"{event['code']}:{s['code']}", s["labels"]) for s in event["sub_event_types"]]
    entries += [(f"template:{t['code']}", t["labels"]) for t in DOCUMENT["observation_templates"]]
    for where, labels in entries:
        for lang in ("en", "fr"):
            assert labels.get(lang, "").strip(), f"{where} has no {lang} label"
    assert len(entries) > 120


def test_no_duplicate_codes_in_the_file() -> None:
    lists = [[item["code"] for item in items] for items in DOCUMENT["vocabularies"].values()]
    lists.append([event["code"] for event in DOCUMENT["event_types"]])
    lists += [[s["code"] for s in e["sub_event_types"]] for e in DOCUMENT["event_types"]]
    lists.append([t["code"] for t in DOCUMENT["observation_templates"]])
    lists.append([p["code"] for p in DOCUMENT["pcodes"]["adm1"]])
    for codes in lists:
        assert len(codes) == len(set(codes)), codes


def test_labels_in_each_language() -> None:
    assert TAXONOMY.label("act", "threat") == "Threat"
    assert TAXONOMY.label("act", "threat", "fr") == "Menace"
    assert TAXONOMY.label("severity", 5, "fr") == "5 – Critique"
    assert TAXONOMY.event_label("Violence against civilians", "fr") == "Violence contre les civils"
    assert TAXONOMY.sub_event_label("Battles", "Armed clash", "fr") == "Affrontement armé"
    assert TAXONOMY.event_label("Battles", "ar") == "معارك"


def test_labels_fall_back_to_english_then_the_code() -> None:
    assert TAXONOMY.label("act", "threat", "ar") == "Threat"  # no Arabic label: English
    assert TAXONOMY.sub_event_label("Battles", "Armed clash", "bm") == "Armed clash"
    assert TAXONOMY.label("act", "sabotage", "fr") == "sabotage"  # unknown code: the code
    assert TAXONOMY.event_label("Earthquake") == "Earthquake"
    assert TAXONOMY.sub_event_label("Battles", "Grenade") == "Grenade"
    assert TAXONOMY.sub_event_types("Earthquake") == ()


def test_unknown_vocabulary_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match="colour"):
        TAXONOMY.codes("colour")


def test_observation_templates() -> None:
    templates = {t.code: t for t in TAXONOMY.observation_templates()}
    assert tuple(templates) == TEMPLATES
    for template in templates.values():
        assert template.sub_event_type in TAXONOMY.sub_event_types(template.event_type)
        assert template.act in TAXONOMY.codes("act")
        assert template.label("fr") not in ("", template.code)
    # schema.md: observations are Strategic developments / Other or Change to group/activity,
    # with act threat or confine.
    for code in OBSERVATIONS:
        template = templates[code]
        assert template.event_type == "Strategic developments"
        assert template.sub_event_type in ("Other", "Change to group/activity")
        assert template.act in ("threat", "confine")
    assert templates["ied"].means == "Roadside IED"
    assert templates["fuel_shortage"].label("fr") == "Pénurie de carburant"


@pytest.mark.parametrize("code", TEMPLATES)
def test_each_template_prefills_a_valid_report(code: str) -> None:
    (template,) = [t for t in TAXONOMY.observation_templates() if t.code == code]
    data = {
        "title": template.label(),
        "occurred_at": "2026-11-20T14:30:00+00:00",
        "location": {"name": "Tonka"},
        "severity": 2,
        **template.prefill(),
    }
    report = parse_report(data)
    assert (report.event_type, report.sub_event_type) == (
        template.event_type,
        template.sub_event_type,
    )
    assert report.tags == template.tags


def test_default_taxonomy_is_cached_and_a_path_is_read(tmp_path: Path) -> None:
    assert load_taxonomy() is load_taxonomy()
    path = tmp_path / "org-taxonomy.json"
    path.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    loaded = load_taxonomy(path)
    assert loaded is not TAXONOMY
    assert loaded.codes("means") == TAXONOMY.codes("means")


def test_unreadable_or_invalid_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="cannot read"):
        load_taxonomy(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": ', encoding="utf-8")
    with pytest.raises(TaxonomyError, match=r"not valid JSON \(line 1"):
        load_taxonomy(broken)
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes('{"version": "Ségou"}'.encode("latin-1"))
    with pytest.raises(TaxonomyError, match="not UTF-8"):
        load_taxonomy(latin1)


def test_duplicate_json_keys_are_refused(tmp_path: Path) -> None:
    text = json.dumps(DOCUMENT).replace('"act": [', '"act": [], "act": [', 1)
    path = tmp_path / "dup.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TaxonomyError, match="duplicate key 'act'"):
        load_taxonomy(path)


def _set(path: str, value: Any) -> dict[str, Any]:
    document = copy.deepcopy(DOCUMENT)
    target: Any = document
    keys = [int(k) if k.isdigit() else k for k in path.split("/")]
    for key in keys[:-1]:
        target = target[key]
    if value is ...:
        del target[keys[-1]]
    else:
        target[keys[-1]] = value
    return document


ACT = {"code": "threat", "labels": {"en": "Threat", "fr": "Menace"}}

BROKEN: list[tuple[str, Any, str]] = [
    ("format", "fieldreport-taxonomy/2", "format: expected 'fieldreport-taxonomy/1'"),
    ("version", "", "version: expected non-empty text"),
    ("languages", ["fr"], "languages: must include 'en'"),
    ("languages", ["en", "fr", "fr"], "languages: lists a language twice"),
    ("vocabularies/severity", ..., "vocabularies: missing severity"),
    ("vocabularies/act/4", ACT, "vocabularies.act[4].code: duplicate code 'threat'"),
    ("vocabularies/act/0/labels", {"en": "Attack"}, "act[0].labels: missing label(s) for fr"),
    ("vocabularies/act/0/labels/fr", " ", "vocabularies.act[0].labels.fr: expected non-empty text"),
    ("vocabularies/act/0/code", " attack", "vocabularies.act[0].code: expected non-empty text"),
    ("vocabularies/act/0/colour", "red", "vocabularies.act[0]: unknown key(s) colour"),
    ("vocabularies/act", [], "vocabularies.act: expected a non-empty list"),
    ("vocabularies/severity/0/code", "1", "vocabularies.severity[0].code: expected an integer"),
    ("vocabularies/severity/0/code", True, "vocabularies.severity[0].code: expected an integer"),
    ("event_types/0/code", "Riots", "event_types[4].code: duplicate event type 'Riots'"),
    ("event_types/0/sub_event_types/1/code", "Armed clash", "duplicate code 'Armed clash'"),
    ("event_types/0/sub_event_types", ..., "event_types[0]: missing sub_event_types"),
    ("pcodes/country", "Mali", "pcodes.country: expected a two-letter country code"),
    ("pcodes/adm1/5/code", "ML-6", "pcodes.adm1[5].code: 'ML-6' is not an admin-1 P-code"),
    ("pcodes/adm1/5/code", "ML01", "pcodes.adm1[5].code: duplicate P-code 'ML01'"),
    ("observation_templates/0/sub_event_type", "Grenade", "is not an event type pair"),
    ("observation_templates/0/act", "bomb", "observation_templates[0].act: 'bomb' is not a code"),
    ("observation_templates/4/means", "kidnap", "observation_templates[4].means: 'kidnap'"),
    ("observation_templates/0/tags", ["x" * 51], "templates[0].tags[0]: expected one line"),
    ("observation_templates/1/code", "checkpoint", "duplicate template 'checkpoint'"),
    ("observation_templates", ..., "(top level): missing observation_templates"),
]  # fmt: skip


@pytest.mark.parametrize(("path", "value", "words"), BROKEN)
def test_broken_documents_are_refused_with_the_path(path: str, value: Any, words: str) -> None:
    with pytest.raises(TaxonomyError) as caught:
        parse_taxonomy(_set(path, value), source="org.json")
    message = str(caught.value)
    assert message.startswith("invalid taxonomy org.json: ")
    assert words in message
    assert "\n" not in message


def test_an_organisation_may_add_languages_and_vocabularies() -> None:
    document = copy.deepcopy(DOCUMENT)
    document["vocabularies"]["donor"] = [{"code": "ECHO", "labels": {"en": "ECHO", "fr": "ECHO"}}]
    document["vocabularies"]["act"][0]["labels"]["bm"] = "Binkanni"
    taxonomy = parse_taxonomy(document)
    assert taxonomy.codes("donor") == ("ECHO",)
    assert taxonomy.label("act", "attack", "bm") == "Binkanni"
