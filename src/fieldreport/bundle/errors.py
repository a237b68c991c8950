"""Bundle refusals: one line each, saying what is wrong (the bundle is never half-imported)."""

from __future__ import annotations

from fieldreport.errors import FieldReportError


class BundleError(FieldReportError):
    """A bundle was refused; nothing from it was written to the store."""

    def __init__(self, message: str, *, reason: str = "invalid") -> None:
        super().__init__(message)
        # A short machine-readable cause for summaries (GUI, --json): "not-addressed",
        # "unknown-device", "revoked-device", "bad-signature", "tampered", "too-large", …
        self.reason = reason
