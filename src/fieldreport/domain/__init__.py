"""The domain: the incident report, its vocabularies and validation (pure; no Qt, SQL, HTTP).

from fieldreport.domain import parse_report, load_taxonomy
report = parse_report(json.loads(text))       # ReportValidationError names the field
report.to_dict()                              # JSON-ready, schema order
"""

from fieldreport.domain.errors import ReportValidationError, TaxonomyError
from fieldreport.domain.parse import INPUT_FIELDS, parse_report
from fieldreport.domain.report import (
    STORE_MANAGED_FIELDS,
    Actor,
    Attachment,
    Casualties,
    Location,
    Report,
    Source,
)
from fieldreport.domain.taxonomy import load_taxonomy, parse_taxonomy
from fieldreport.domain.taxonomy_model import EventType, ObservationTemplate, Taxonomy, Term
from fieldreport.domain.timefmt import format_rfc3339, parse_rfc3339

__all__ = [
    "INPUT_FIELDS",
    "STORE_MANAGED_FIELDS",
    "Actor",
    "Attachment",
    "Casualties",
    "EventType",
    "Location",
    "ObservationTemplate",
    "Report",
    "ReportValidationError",
    "Source",
    "Taxonomy",
    "TaxonomyError",
    "Term",
    "format_rfc3339",
    "load_taxonomy",
    "parse_report",
    "parse_rfc3339",
    "parse_taxonomy",
]
