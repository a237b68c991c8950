"""Load and check the taxonomy data file (resources/taxonomy.json or an organisation's copy).

The file is data an organisation may edit or replace (its profile can extend categories, its
P-codes follow Mali's boundary reforms), so it is checked as strictly as report input: a
broken file is refused at load time with the path of the first problem, never half-used.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from types import MappingProxyType

from fieldreport.domain.errors import TaxonomyError
from fieldreport.domain.taxonomy_model import (
    FALLBACK_LANGUAGE,
    EventType,
    ObservationTemplate,
    Taxonomy,
    Term,
)

__all__ = [
    "FORMAT",
    "REQUIRED_VOCABULARIES",
    "EventType",
    "ObservationTemplate",
    "Taxonomy",
    "Term",
    "load_taxonomy",
    "parse_taxonomy",
]

FORMAT = "fieldreport-taxonomy/1"

# The vocabularies report validation relies on and the type of their codes. An organisation
# may add vocabularies of its own (text or integer codes) but not drop these.
REQUIRED_VOCABULARIES: Mapping[str, type] = MappingProxyType(
    {
        "report_type": str,
        "status": str,
        "time_precision": int,
        "geo_precision": int,
        "location_type": str,
        "act": str,
        "means": str,
        "attack_context": str,
        "actor_type": str,
        "actor_role": str,
        "fatalities_basis": str,
        "org_affected": str,
        "programme_impact": str,
        "severity": int,
        "source_type": str,
        "source_reliability": str,
        "source_credibility": int,
        "sharing_level": str,
    }
)

MAX_TAG_CHARS = 50  # same limit as a report's tags: a template must prefill valid input
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", re.ASCII)
_COUNTRY = re.compile(r"[A-Z]{2}", re.ASCII)
_NOT_IN_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The taxonomy in `path`, or the packaged one (read and checked once, then cached).

    A file given by path is read each time, so an organisation's updated file takes effect
    without restarting; callers keep the result as long as they need it.
    """
    if path is None:
        return _packaged_taxonomy()
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise TaxonomyError(f"cannot read the taxonomy file {path}: {reason}") from None
    return _parse_text(raw, str(path))


@functools.cache
def _packaged_taxonomy() -> Taxonomy:
    raw = (resources.files("fieldreport") / "resources" / "taxonomy.json").read_text("utf-8")
    return _parse_text(raw, "packaged taxonomy.json")


def _parse_text(raw: str, source: str) -> Taxonomy:
    try:
        data = json.loads(raw, object_pairs_hook=_refuse_duplicate_keys)
    except json.JSONDecodeError as error:
        raise TaxonomyError(
            f"the taxonomy file {source} is not valid JSON "
            f"(line {error.lineno} column {error.colno}: {error.msg})"
        ) from None
    except _DuplicateKeyError as error:
        raise TaxonomyError(f"invalid taxonomy {source}: duplicate key {error}") from None
    return parse_taxonomy(data, source=source)


class _DuplicateKeyError(ValueError):
    pass


def _refuse_duplicate_keys(pairs: list[tuple[str, object]]) -> dict[str, object]:
    # json.loads keeps the last of two equal keys silently: a vocabulary pasted twice would
    # hide the first one.
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(repr(key))
        result[key] = value
    return result


def parse_taxonomy(data: object, *, source: str = "taxonomy") -> Taxonomy:
    """Check a decoded taxonomy document and build the Taxonomy; TaxonomyError if broken."""
    return _Checker(source).taxonomy(data)


class _Checker:
    """Walks the document; every refusal names the JSON path of the problem."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.languages: tuple[str, ...] = (FALLBACK_LANGUAGE,)

    def fail(self, path: str, problem: str) -> TaxonomyError:
        return TaxonomyError(f"invalid taxonomy {self.source}: {path}: {problem}")

    def taxonomy(self, data: object) -> Taxonomy:
        doc = self.obj(
            data,
            "(top level)",
            required=(
                "format",
                "version",
                "languages",
                "vocabularies",
                "event_types",
                "pcodes",
                "observation_templates",
            ),
        )
        if doc["format"] != FORMAT:
            raise self.fail("format", f"expected {FORMAT!r}, got {doc['format']!r}")
        version = self.line(doc["version"], "version")
        self.languages = self.language_list(doc["languages"])
        vocabularies = self.vocabularies(doc["vocabularies"])
        event_types = self.event_types(doc["event_types"])
        pcodes_version, country, adm1 = self.pcodes(doc["pcodes"])
        templates = self.templates(doc["observation_templates"], vocabularies, event_types)
        return Taxonomy(
            version=version,
            languages=self.languages,
            vocabularies=vocabularies,
            event_types=event_types,
            pcodes_version=pcodes_version,
            country=country,
            adm1=adm1,
            templates=templates,
        )

    # -- building blocks -------------------------------------------------------------------

    def obj(
        self, value: object, path: str, *, required: Sequence[str], optional: Sequence[str] = ()
    ) -> Mapping[str, object]:
        if not isinstance(value, Mapping):
            raise self.fail(path, "expected an object")
        missing = [key for key in required if key not in value]
        if missing:
            raise self.fail(path, f"missing {', '.join(missing)}")
        unknown = [str(key) for key in value if key not in required and key not in optional]
        if unknown:
            raise self.fail(path, f"unknown key(s) {', '.join(unknown)}")
        return value

    def items(self, value: object, path: str) -> Sequence[object]:
        if not isinstance(value, list) or not value:
            raise self.fail(path, "expected a non-empty list")
        return value

    def line(self, value: object, path: str, *, max_len: int = 200) -> str:
        """Non-empty single-line text without surrounding spaces (codes are matched exactly)."""
        if not isinstance(value, str) or not value or value != value.strip():
            raise self.fail(path, "expected non-empty text without surrounding spaces")
        if _NOT_IN_LINE.search(value) or len(value) > max_len:
            raise self.fail(path, f"expected one line of at most {max_len} characters")
        return value

    def language_list(self, value: object) -> tuple[str, ...]:
        languages = tuple(
            self.language(lang, f"languages[{i}]")
            for i, lang in enumerate(self.items(value, "languages"))
        )
        if FALLBACK_LANGUAGE not in languages:
            raise self.fail("languages", f"must include {FALLBACK_LANGUAGE!r} (the fallback)")
        if len(set(languages)) != len(languages):
            raise self.fail("languages", "lists a language twice")
        return languages

    def language(self, value: object, path: str) -> str:
        if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
            raise self.fail(path, f"{value!r} is not a language tag such as 'fr' or 'ar'")
        return value

    def labels(self, value: object, path: str) -> Mapping[str, str]:
        """Labels in every declared language; extra languages (a partial "ar") are allowed."""
        if not isinstance(value, Mapping):
            raise self.fail(path, "expected an object of language -> label")
        missing = [lang for lang in self.languages if lang not in value]
        if missing:
            raise self.fail(path, f"missing label(s) for {', '.join(missing)}")
        labels = {
            self.language(lang, path): self.line(label, f"{path}.{lang}")
            for lang, label in value.items()
        }
        return MappingProxyType(labels)

    def code(self, value: object, path: str, kind: type | None) -> str | int:
        if kind is int or (kind is None and isinstance(value, int)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.fail(path, f"expected an integer code, got {value!r}")
            return value
        return self.line(value, path)

    def terms(self, value: object, path: str, kind: type | None) -> tuple[Term, ...]:
        terms: list[Term] = []
        seen: set[str | int] = set()
        for i, item in enumerate(self.items(value, path)):
            where = f"{path}[{i}]"
            entry = self.obj(item, where, required=("code", "labels"))
            code = self.code(entry["code"], f"{where}.code", kind)
            if code in seen:
                raise self.fail(f"{where}.code", f"duplicate code {code!r}")
            seen.add(code)
            terms.append(Term(code=code, labels=self.labels(entry["labels"], f"{where}.labels")))
        return tuple(terms)

    # -- sections --------------------------------------------------------------------------

    def vocabularies(self, value: object) -> dict[str, tuple[Term, ...]]:
        if not isinstance(value, Mapping):
            raise self.fail("vocabularies", "expected an object of name -> entries")
        missing = [name for name in REQUIRED_VOCABULARIES if name not in value]
        if missing:
            raise self.fail("vocabularies", f"missing {', '.join(missing)}")
        return {
            self.line(name, "vocabularies"): self.terms(
                entries, f"vocabularies.{name}", REQUIRED_VOCABULARIES.get(name)
            )
            for name, entries in value.items()
        }

    def event_types(self, value: object) -> tuple[EventType, ...]:
        result: list[EventType] = []
        seen: set[str] = set()
        for i, item in enumerate(self.items(value, "event_types")):
            where = f"event_types[{i}]"
            entry = self.obj(item, where, required=("code", "labels", "sub_event_types"))
            code = self.line(entry["code"], f"{where}.code")
            if code in seen:
                raise self.fail(f"{where}.code", f"duplicate event type {code!r}")
            seen.add(code)
            result.append(
                EventType(
                    code=code,
                    labels=self.labels(entry["labels"], f"{where}.labels"),
                    sub_event_types=self.terms(
                        entry["sub_event_types"], f"{where}.sub_event_types", str
                    ),
                )
            )
        return tuple(result)

    def pcodes(self, value: object) -> tuple[str, str, dict[str, str]]:
        section = self.obj(value, "pcodes", required=("version", "country", "adm1"))
        version = self.line(section["version"], "pcodes.version")
        country = section["country"]
        if not isinstance(country, str) or not _COUNTRY.fullmatch(country):
            raise self.fail("pcodes.country", "expected a two-letter country code such as 'ML'")
        code_form = re.compile(re.escape(country) + r"[0-9]{2}", re.ASCII)
        adm1: dict[str, str] = {}
        for i, item in enumerate(self.items(section["adm1"], "pcodes.adm1")):
            where = f"pcodes.adm1[{i}]"
            entry = self.obj(item, where, required=("code", "name"))
            code = self.line(entry["code"], f"{where}.code")
            if not code_form.fullmatch(code):
                raise self.fail(
                    f"{where}.code", f"{code!r} is not an admin-1 P-code ({country}01…)"
                )
            if code in adm1:
                raise self.fail(f"{where}.code", f"duplicate P-code {code!r}")
            adm1[code] = self.line(entry["name"], f"{where}.name")
        return version, country, adm1

    def templates(
        self,
        value: object,
        vocabularies: Mapping[str, tuple[Term, ...]],
        event_types: tuple[EventType, ...],
    ) -> tuple[ObservationTemplate, ...]:
        subs = {e.code: {s.code for s in e.sub_event_types} for e in event_types}
        result: list[ObservationTemplate] = []
        seen: set[str] = set()
        for i, item in enumerate(self.items(value, "observation_templates")):
            where = f"observation_templates[{i}]"
            entry = self.obj(
                item,
                where,
                required=("code", "labels", "event_type", "sub_event_type", "act", "tags"),
                optional=("means", "attack_context"),
            )
            code = self.line(entry["code"], f"{where}.code")
            if code in seen:
                raise self.fail(f"{where}.code", f"duplicate template {code!r}")
            seen.add(code)
            event_type = self.line(entry["event_type"], f"{where}.event_type")
            sub_event_type = self.line(entry["sub_event_type"], f"{where}.sub_event_type")
            if sub_event_type not in subs.get(event_type, ()):
                raise self.fail(
                    where, f"{event_type!r} / {sub_event_type!r} is not an event type pair"
                )
            optional = {
                name: self.member(entry[name], f"{where}.{name}", vocabularies[name])
                if name in entry
                else None
                for name in ("means", "attack_context")
            }
            result.append(
                ObservationTemplate(
                    code=code,
                    labels=self.labels(entry["labels"], f"{where}.labels"),
                    event_type=event_type,
                    sub_event_type=sub_event_type,
                    act=self.member(entry["act"], f"{where}.act", vocabularies["act"]),
                    tags=self.tags(entry["tags"], f"{where}.tags"),
                    means=optional["means"],
                    attack_context=optional["attack_context"],
                )
            )
        return tuple(result)

    def member(self, value: object, path: str, terms: tuple[Term, ...]) -> str:
        if not isinstance(value, str) or value not in {t.code for t in terms}:
            raise self.fail(path, f"{value!r} is not a code of this vocabulary")
        return value

    def tags(self, value: object, path: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(path, "expected a list of tags")
        tags = tuple(
            self.line(tag, f"{path}[{i}]", max_len=MAX_TAG_CHARS) for i, tag in enumerate(value)
        )
        if len(set(tags)) != len(tags):
            raise self.fail(path, "lists a tag twice")
        return tags
