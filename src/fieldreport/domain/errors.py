"""The refusals the domain raises: a report that does not validate, a broken taxonomy file."""

from __future__ import annotations

from fieldreport.errors import FieldReportError


class ReportValidationError(FieldReportError):
    """A report input was refused.

    `field` is the dotted path of the first offending value (`location.lat`, `actors[1].type`;
    empty for the report object itself) and `str()` is one line that names it and says what is
    allowed, so the CLI can print it after `error:` and the GUI can point at the widget.
    """

    def __init__(self, field: str, problem: str, *, message: str | None = None) -> None:
        self.field = field
        self.problem = problem
        if message is None:
            message = f"{field}: {problem}" if field else problem
        super().__init__(message)


class TaxonomyError(FieldReportError):
    """The taxonomy data file (packaged or an organisation's) is missing or malformed."""
