"""The taxonomy in memory: vocabularies, ACLED event types, P-codes, observation templates.

Built (and validated) only by `fieldreport.domain.taxonomy.parse_taxonomy`; read-only after
that, so one cached instance can be shared by the store, the CLI and GUI threads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

FALLBACK_LANGUAGE = "en"


def pick_label(labels: Mapping[str, str], lang: str, code: str | int) -> str:
    """The label in `lang`, else English, else the code itself (never fails in the UI)."""
    return labels.get(lang) or labels.get(FALLBACK_LANGUAGE) or str(code)


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of a vocabulary: the stored code and its translated labels."""

    code: str | int
    labels: Mapping[str, str] = field(hash=False)

    def label(self, lang: str = FALLBACK_LANGUAGE) -> str:
        return pick_label(self.labels, lang, self.code)


@dataclass(frozen=True, slots=True)
class EventType:
    """An ACLED event type and the sub-event types that may go with it."""

    code: str
    labels: Mapping[str, str] = field(hash=False)
    sub_event_types: tuple[Term, ...]

    def label(self, lang: str = FALLBACK_LANGUAGE) -> str:
        return pick_label(self.labels, lang, self.code)


@dataclass(frozen=True, slots=True)
class ObservationTemplate:
    """A quick pick for field staff: prefills the ACLED pair, the act and tags of a report."""

    code: str
    labels: Mapping[str, str] = field(hash=False)
    event_type: str
    sub_event_type: str
    act: str
    tags: tuple[str, ...]
    means: str | None = None
    attack_context: str | None = None

    def label(self, lang: str = FALLBACK_LANGUAGE) -> str:
        return pick_label(self.labels, lang, self.code)

    def prefill(self) -> dict[str, Any]:
        """The report input fields this template sets (to merge into a new report's input)."""
        values: dict[str, Any] = {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "act": self.act,
        }
        if self.means is not None:
            values["means"] = self.means
        if self.attack_context is not None:
            values["attack_context"] = self.attack_context
        values["tags"] = list(self.tags)
        return values


class Taxonomy:
    """Every vocabulary a report is checked against, with labels in several languages."""

    def __init__(
        self,
        *,
        version: str,
        languages: tuple[str, ...],
        vocabularies: Mapping[str, tuple[Term, ...]],
        event_types: tuple[EventType, ...],
        pcodes_version: str,
        country: str,
        adm1: Mapping[str, str],
        templates: tuple[ObservationTemplate, ...],
    ) -> None:
        self.version = version
        self.languages = languages
        self.pcodes_version = pcodes_version
        self.country = country
        self._vocabularies = dict(vocabularies)
        # Lookups precomputed once: parse_report asks for codes on every save.
        self._codes = {name: tuple(t.code for t in terms) for name, terms in vocabularies.items()}
        self._labels = {
            name: {t.code: t for t in terms} for name, terms in self._vocabularies.items()
        }
        self._event_types = {e.code: e for e in event_types}
        self._sub_codes = {
            e.code: tuple(str(s.code) for s in e.sub_event_types) for e in event_types
        }
        self._adm1 = dict(adm1)
        self._templates = templates

    def __repr__(self) -> str:
        return f"<Taxonomy {self.version} ({', '.join(self.languages)})>"

    def vocabularies(self) -> tuple[str, ...]:
        return tuple(self._vocabularies)

    def terms(self, vocabulary: str) -> tuple[Term, ...]:
        return self._vocabularies[self._known(vocabulary)]

    def codes(self, vocabulary: str) -> tuple[str | int, ...]:
        return self._codes[self._known(vocabulary)]

    def label(self, vocabulary: str, code: str | int, lang: str = FALLBACK_LANGUAGE) -> str:
        term = self._labels[self._known(vocabulary)].get(code)
        return term.label(lang) if term is not None else str(code)

    def event_types(self) -> tuple[str, ...]:
        return tuple(self._event_types)

    def sub_event_types(self, event_type: str) -> tuple[str, ...]:
        """The sub-event types of `event_type`; empty for an unknown event type."""
        return self._sub_codes.get(event_type, ())

    def event_label(self, event_type: str, lang: str = FALLBACK_LANGUAGE) -> str:
        entry = self._event_types.get(event_type)
        return entry.label(lang) if entry is not None else event_type

    def sub_event_label(
        self, event_type: str, sub_event_type: str, lang: str = FALLBACK_LANGUAGE
    ) -> str:
        entry = self._event_types.get(event_type)
        if entry is not None:
            for sub in entry.sub_event_types:
                if sub.code == sub_event_type:
                    return sub.label(lang)
        return sub_event_type

    def adm1_pcodes(self) -> dict[str, str]:
        """Admin-1 P-code -> region name, in file order (a copy: callers may modify it)."""
        return dict(self._adm1)

    def adm1_name(self, pcode: str) -> str | None:
        return self._adm1.get(pcode)

    def observation_templates(self) -> list[ObservationTemplate]:
        return list(self._templates)

    def _known(self, vocabulary: str) -> str:
        if vocabulary not in self._vocabularies:
            known = ", ".join(self._vocabularies)
            raise KeyError(f"unknown vocabulary {vocabulary!r} (known: {known})")
        return vocabulary
