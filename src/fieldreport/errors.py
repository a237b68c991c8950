"""The exceptions the core raises for refusals a user can act on.

Every message is one line that says what is wrong and, where it helps, what to do. The CLI
prints it after `error:` and exits 1; the GUI shows it in a dialog. Anything else that escapes
is a bug (the CLI then prints a one-line internal error and, with --debug, the traceback).
"""

from __future__ import annotations


class FieldReportError(Exception):
    """A refusal or failure to show the user as one line."""

    exit_code = 1


class UsageError(FieldReportError):
    """The command was called the wrong way (exit 2)."""

    exit_code = 2


class NotInitialisedError(FieldReportError):
    """There is no store in the data folder."""


class AlreadyInitialisedError(FieldReportError):
    """`init` on a folder that already holds a store."""


class WrongPassphraseError(FieldReportError):
    """The passphrase did not unlock the store."""


class StoreCorruptError(FieldReportError):
    """The store's files are damaged or were tampered with."""


class NotFoundError(FieldReportError):
    """An id that names nothing in the store."""
