"""parse_report: JSON-like input -> a validated Report, or the first problem, named.

Rules (schema.md, contract.md "Report JSON"): unknown keys are refused at every level; the
store-managed fields are refused unless importing; codes come from the taxonomy, so an
organisation's extended taxonomy extends what is accepted. For optional fields, null means
"not given" (to_dict writes null for unset optional values and must parse again).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import fields as dataclass_fields
from typing import Any, TypeVar

from fieldreport.domain import fields as f
from fieldreport.domain.errors import ReportValidationError
from fieldreport.domain.report import (
    STORE_MANAGED_FIELDS,
    Actor,
    Attachment,
    Casualties,
    Location,
    Report,
    Source,
)
from fieldreport.domain.taxonomy import load_taxonomy
from fieldreport.domain.taxonomy_model import Taxonomy
from fieldreport.domain.timefmt import format_rfc3339

T = TypeVar("T")

ALL_FIELDS = tuple(field.name for field in dataclass_fields(Report))
INPUT_FIELDS = tuple(name for name in ALL_FIELDS if name not in STORE_MANAGED_FIELDS)
LOCATION_FIELDS = tuple(field.name for field in dataclass_fields(Location))
ACTOR_FIELDS = tuple(field.name for field in dataclass_fields(Actor))
CASUALTY_FIELDS = tuple(field.name for field in dataclass_fields(Casualties))
SOURCE_FIELDS = tuple(field.name for field in dataclass_fields(Source))
ATTACHMENT_FIELDS = tuple(field.name for field in dataclass_fields(Attachment))
TEXT_FIELDS = ("narrative", "actions_taken", "follow_up")

MAX_TITLE = 200
MAX_NAME = 200
MAX_TEXT = 20_000
MAX_ACTORS = 50
MAX_TAGS = 30
MAX_TAG = 50
MAX_COUNT = 1_000_000
MAX_REVISION = 2**31 - 1
MAX_ATTACHMENTS = 1_000
MAX_FILE_NAME = 255
MAX_FILE_SIZE = 2**63 - 1  # what SQLite's INTEGER holds

_SHA256 = re.compile(r"[0-9a-f]{64}", re.IGNORECASE | re.ASCII)
# RFC 6838 type/subtype names, without parameters.
_MEDIA_TYPE = re.compile(
    r"[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}", re.IGNORECASE | re.ASCII
)
_ISO_3166_2 = re.compile(r"[A-Za-z]{2}-[A-Za-z0-9]{1,3}", re.ASCII)


def parse_report(
    data: Mapping[str, Any],
    taxonomy: Taxonomy | None = None,
    *,
    allow_store_fields: bool = False,
) -> Report:
    """Validate `data` (decoded JSON) and return the Report; ReportValidationError if not.

    `allow_store_fields` is for importing another device's revision: id, revision, status,
    reported_at and attachments are then validated and kept instead of refused.
    """
    tax = taxonomy if taxonomy is not None else load_taxonomy()
    if not allow_store_fields and isinstance(data, Mapping):
        for name in STORE_MANAGED_FIELDS:
            if name in data:
                raise ReportValidationError(name, "is set by the store; leave it out of the input")
    obj = f.expect_object(data, "", ALL_FIELDS if allow_store_fields else INPUT_FIELDS)
    get = obj.get

    report_id = _optional(get("id"), "id", f.uuid)
    revision = _optional(get("revision"), "revision", _revision)
    status = _vocab(get("status"), "status", tax)
    report_type = _vocab(get("report_type"), "report_type", tax) or "immediate"
    parent_id = _optional(get("parent_id"), "parent_id", f.uuid)
    title = f.required_text(get("title"), "title", max_len=MAX_TITLE)
    occurred_at = f.moment(_required(get("occurred_at"), "occurred_at"), "occurred_at")
    occurred_end = _optional(get("occurred_end"), "occurred_end", f.moment)
    reported_at = _optional(get("reported_at"), "reported_at", f.moment)
    time_precision = _int_vocab(get("time_precision"), "time_precision", tax, default=1)
    location = _location(get("location"), tax)
    event_type = f.code(_required(get("event_type"), "event_type"), "event_type", tax.event_types())
    sub_event_type = _sub_event_type(get("sub_event_type"), event_type, tax)
    act = _vocab(get("act"), "act", tax)
    means = _vocab(get("means"), "means", tax)
    attack_context = _vocab(get("attack_context"), "attack_context", tax)
    actors = _actors(get("actors"), tax)
    casualties = _casualties(get("casualties"))
    fatalities_basis = _vocab(get("fatalities_basis"), "fatalities_basis", tax)
    org_affected = _vocab(get("org_affected"), "org_affected", tax)
    programme_impact = _vocab(get("programme_impact"), "programme_impact", tax)
    severity = f.int_code(_required(get("severity"), "severity"), "severity", tax.codes("severity"))
    source = _source(get("source"), tax)
    narrative, actions_taken, follow_up = (_long_text(get(name), name) for name in TEXT_FIELDS)
    sharing_level = _vocab(get("sharing_level"), "sharing_level", tax) or "internal"
    tags = _tags(get("tags"))
    attachments = _attachments(get("attachments"))

    if report_type == "update" and parent_id is None:
        raise f.invalid("parent_id", "is required when report_type is 'update'")
    if parent_id is not None and parent_id == report_id:
        raise f.invalid("parent_id", "must differ from id (a report cannot update itself)")
    if occurred_end is not None and occurred_end < occurred_at:
        raise f.invalid(
            "occurred_end",
            f"{format_rfc3339(occurred_end)} is before occurred_at {format_rfc3339(occurred_at)}",
        )

    return Report(
        id=report_id,
        revision=revision,
        status=status,
        report_type=report_type,
        parent_id=parent_id,
        title=title,
        occurred_at=occurred_at,
        occurred_end=occurred_end,
        reported_at=reported_at,
        time_precision=time_precision,
        location=location,
        event_type=event_type,
        sub_event_type=sub_event_type,
        act=act,
        means=means,
        attack_context=attack_context,
        actors=actors,
        casualties=casualties,
        fatalities_basis=fatalities_basis,
        org_affected=org_affected,
        programme_impact=programme_impact,
        severity=severity,
        source=source,
        narrative=narrative,
        actions_taken=actions_taken,
        follow_up=follow_up,
        sharing_level=sharing_level,
        tags=tags,
        attachments=attachments,
    )


# -- scalar helpers ----------------------------------------------------------------------------


def _required(value: object, field: str) -> object:
    if value is None:
        raise f.invalid(field, "is required")
    return value


def _optional(value: object, field: str, parse: Callable[[object, str], T]) -> T | None:
    return None if value is None else parse(value, field)


def _revision(value: object, field: str) -> int:
    return f.integer(value, field, minimum=1, maximum=MAX_REVISION)


def _long_text(value: object, field: str) -> str:
    return "" if value is None else f.text(value, field, max_len=MAX_TEXT, multiline=True)


def _vocab(value: object, field: str, tax: Taxonomy, vocabulary: str = "") -> str | None:
    """An optional text code of `vocabulary` (by default named like the field's last part).

    Vocabulary codes are never empty (the taxonomy check refuses them), so callers may use
    `or default`.
    """
    if value is None:
        return None
    return f.code(value, field, tax.codes(vocabulary or field.rsplit(".", 1)[-1]))


def _int_vocab(
    value: object, field: str, tax: Taxonomy, *, default: int, vocabulary: str = ""
) -> int:
    if value is None:
        return default
    return f.int_code(value, field, tax.codes(vocabulary or field.rsplit(".", 1)[-1]))


def _sub_event_type(value: object, event_type: str, tax: Taxonomy) -> str:
    allowed = tax.sub_event_types(event_type)
    sub = f.text(_required(value, "sub_event_type"), "sub_event_type", max_len=MAX_NAME)
    if sub not in allowed:
        raise f.invalid(
            "sub_event_type",
            f"{f.describe(sub)} does not belong to event type {f.describe(event_type)} "
            f"(allowed: {', '.join(allowed)})",
        )
    return sub


# -- nested objects ----------------------------------------------------------------------------


def _location(value: object, tax: Taxonomy) -> Location:
    obj = f.expect_object(_required(value, "location"), "location", LOCATION_FIELDS)
    get = obj.get
    name = f.required_text(get("name"), "location.name", max_len=MAX_NAME)
    lat, lon = get("lat"), get("lon")
    if (lat is None) != (lon is None):
        missing, given = ("lat", "lon") if lat is None else ("lon", "lat")
        raise f.invalid(
            f"location.{missing}", f"is required when location.{given} is given (both or neither)"
        )
    lat = None if lat is None else f.coordinate(lat, "location.lat", limit=90)
    lon = None if lon is None else f.coordinate(lon, "location.lon", limit=180)
    geo_precision = _int_vocab(get("geo_precision"), "location.geo_precision", tax, default=1)
    adm1 = None if get("adm1_pcode") is None else _adm1_pcode(get("adm1_pcode"), tax)
    adm2 = None if get("adm2_pcode") is None else _adm2_pcode(get("adm2_pcode"), adm1, tax)
    return Location(
        name=name,
        lat=lat,
        lon=lon,
        geo_precision=geo_precision,
        adm1_pcode=adm1,
        adm2_pcode=adm2,
        location_type=_vocab(get("location_type"), "location.location_type", tax),
    )


def _adm1_pcode(value: object, tax: Taxonomy) -> str:
    field = "location.adm1_pcode"
    known = tax.adm1_pcodes()
    code = f.text(value, field, max_len=MAX_NAME)
    if code in known:
        return code
    hint = ""
    if _ISO_3166_2.fullmatch(code):  # ML-6, ML-BKO: ISO 3166-2, a different code list
        hint = "; ISO 3166-2 codes are different, use the OCHA P-code"
    raise f.invalid(
        field,
        f"{f.describe(code)} is not a known admin-1 P-code (allowed: {', '.join(known)}){hint}",
    )


def _adm2_pcode(value: object, adm1: str | None, tax: Taxonomy) -> str:
    field = "location.adm2_pcode"
    code = f.text(value, field, max_len=MAX_NAME)
    if not re.fullmatch(re.escape(tax.country) + "[0-9]{4}", code, re.ASCII):
        raise f.invalid(
            field,
            f"{f.describe(code)} is not an admin-2 P-code "
            f"({tax.country} and 4 digits, e.g. {tax.country}0605)",
        )
    if adm1 is not None and not code.startswith(adm1):
        raise f.invalid(
            field, f"{f.describe(code)} is not in region {adm1} (it must start with {adm1})"
        )
    return code


def _actors(value: object, tax: Taxonomy) -> tuple[Actor, ...]:
    if value is None:
        return ()
    actors = []
    for i, item in enumerate(f.array(value, "actors", max_items=MAX_ACTORS)):
        path = f"actors[{i}]"
        obj = f.expect_object(item, path, ACTOR_FIELDS)
        actors.append(
            Actor(
                name=f.optional_line(obj.get("name"), f"{path}.name", max_len=MAX_NAME),
                type=_required_code(obj.get("type"), f"{path}.type", tax, "actor_type"),
                role=_required_code(obj.get("role"), f"{path}.role", tax, "actor_role"),
            )
        )
    return tuple(actors)


def _required_code(value: object, field: str, tax: Taxonomy, vocabulary: str) -> str:
    return f.code(_required(value, field), field, tax.codes(vocabulary))


def _casualties(value: object) -> Casualties:
    if value is None:
        return Casualties()
    obj = f.expect_object(value, "casualties", CASUALTY_FIELDS)
    counts = {
        str(name): f.integer(count, f"casualties.{name}", minimum=0, maximum=MAX_COUNT)
        for name, count in obj.items()
        if count is not None  # null: not known, the default (0, or None for a split) stays
    }
    return Casualties(**counts)


def _source(value: object, tax: Taxonomy) -> Source | None:
    if value is None:
        return None
    obj = f.expect_object(value, "source", SOURCE_FIELDS)
    get = obj.get
    return Source(
        type=_required_code(get("type"), "source.type", tax, "source_type"),
        # Not graded means "cannot be judged" on the Admiralty scale: F and 6.
        reliability=_vocab(get("reliability"), "source.reliability", tax, "source_reliability")
        or "F",
        credibility=_int_vocab(
            get("credibility"),
            "source.credibility",
            tax,
            default=6,
            vocabulary="source_credibility",
        ),
        name=f.optional_line(get("name"), "source.name", max_len=MAX_NAME),
    )


def _tags(value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    items = f.array(value, "tags", max_items=MAX_TAGS)
    tags = (f.required_text(tag, f"tags[{i}]", max_len=MAX_TAG) for i, tag in enumerate(items))
    return tuple(dict.fromkeys(tags))  # duplicates dropped, first occurrence's place kept


# -- attachments (store-managed: only when importing) -----------------------------------------


def _attachments(value: object) -> tuple[Attachment, ...] | None:
    if value is None:
        return None
    result: list[Attachment] = []
    seen: set[str] = set()
    for i, item in enumerate(f.array(value, "attachments", max_items=MAX_ATTACHMENTS)):
        path = f"attachments[{i}]"
        obj = f.expect_object(item, path, ATTACHMENT_FIELDS)
        attachment_id = f.uuid(_required(obj.get("id"), f"{path}.id"), f"{path}.id")
        if attachment_id in seen:
            raise f.invalid(f"{path}.id", f"{attachment_id} is listed twice")
        seen.add(attachment_id)
        size = _required(obj.get("size"), f"{path}.size")
        result.append(
            Attachment(
                id=attachment_id,
                name=_file_name(obj.get("name"), f"{path}.name"),
                size=f.integer(size, f"{path}.size", minimum=0, maximum=MAX_FILE_SIZE),
                sha256=_matching(
                    obj.get("sha256"), f"{path}.sha256", _SHA256, "a SHA-256 digest (64 hex digits)"
                ),
                media_type=_matching(
                    obj.get("media_type"),
                    f"{path}.media_type",
                    _MEDIA_TYPE,
                    "a media type such as image/jpeg",
                ),
            )
        )
    return tuple(result)


def _file_name(value: object, field: str) -> str:
    # The name comes from another device and may be used when the file is saved out again:
    # a bare name only, never a path.
    name = f.required_text(value, field, max_len=MAX_FILE_NAME)
    if "/" in name or "\\" in name or name in {".", ".."}:
        raise f.invalid(field, f"{f.describe(name)} must be a file name, not a path")
    return name


def _matching(value: object, field: str, pattern: re.Pattern[str], what: str) -> str:
    """Text matching `pattern`, lower-cased (hex digests and media types ignore case)."""
    text = f.text(_required(value, field), field, max_len=MAX_FILE_NAME)
    if not pattern.fullmatch(text):
        raise f.invalid(field, f"{f.describe(text)} is not {what}")
    return text.lower()
