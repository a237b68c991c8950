"""Text output on the binary file `atomic_writer` gives, and the spreadsheet-formula guard."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import BinaryIO

# A cell starting with one of these is run as a formula by Excel and LibreOffice when the CSV
# is opened ("CSV injection"): report text comes from many hands, so it is defused with a
# leading apostrophe, as OWASP recommends. Numbers are never touched (-3.749 stays a number).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse(value: object) -> object:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@contextlib.contextmanager
def text_stream(out: BinaryIO, *, bom: bool = False) -> Iterator[io.TextIOWrapper]:
    """UTF-8 text over `out`, newlines untranslated (csv writes its own CRLF).

    `bom` writes a byte-order mark so Excel opens accented French names correctly.
    """
    wrapper = io.TextIOWrapper(out, encoding="utf-8-sig" if bom else "utf-8", newline="")
    try:
        yield wrapper
        wrapper.flush()
    finally:
        wrapper.detach()  # leave `out` open: atomic_writer fsyncs and closes it
